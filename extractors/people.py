"""People: every named person, with honorific and academic rank kept apart.

A Vietnamese personal name is a run of 2–4 capitalised syllables, usually opening with
a family name (``surnames`` in ``data/people.toml``). Rules, in order of confidence:

- ``people.honorific``: after an honorific or rank ("đồng chí Lê Sỹ Tùng", "PGS.TS. Nguyễn Huy Hoàng");
- ``people.title_before``: after an office ("Thứ trưởng Bộ Khoa học và Công nghệ Phạm Công Tạc");
- ``people.title_after``: before a separator and an office ("Trần Tường Thanh, Trưởng phòng ...");
- ``people.surname_middle``: a 3–4 syllable run of family name, "Văn" or "Thị" and
  given name(s), no cue: the shape of a person's name;
- ``people.surname_run``: a 3–4 syllable run opening with a family name, no cue; an
  optional check (underthesea NER) confirms it;
- ``people.upper_case``: a name written in capitals after an honorific, in a sentence
  that is not ("Đồng chí NGUYỄN VĂN HÙNG, Bí thư ...").

Names inside quotes, unit, street, award and place names are not people; a run of
capitalised words ends at a word of unit names (``never_in_names``) and sheds a place
written after its level word ("huyện Kiên Lương Lâm Thị Xinh").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from extractors.author import writer_after_bar
from extractors.base import Candidate, Document, freeze
from extractors.keys import LOWER_LETTER, UPPER, fix_name_case, match_key, once_match_key
from extractors.lexicon import Lexicon

__all__ = ["extract_people", "quoted_spans", "capitalised_runs", "cue_before"]

# the capital first, the letter before it checked behind it: the engine then skips in C to
# the next capital instead of trying the pattern at every character
_CAP_TOKEN = re.compile(rf"[{re.escape(UPPER)}](?<![^\W\d_][\s\S])[^\W\d_]*"
                        rf"(?:['’] ?[{re.escape(UPPER)}][^\W\d_]*)?")  # "H'Nhi", "K'Lông", "H' Loan": one syllable
_QUOTES = re.compile(r"[“\"«]([^”\"»\n]{1,400})[”\"»]")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of every quotation on a line (“...”, "...", «...»)."""
    return [(m.start(1), m.end(1)) for m in _QUOTES.finditer(text)]


def _is_cap(word: str) -> bool:
    """A capitalised name syllable: "Nguyễn", "NGuyễn", "Sỹ", "H'Nhi", but not "UBND"."""
    if not word[:1].isupper():
        return False
    if "'" in word or "’" in word:  # the Central Highlands' "H'Nhi", "K'Lông"
        head, _, tail = word.replace("’", "'").partition("'")
        return len(head) == 1 and _is_cap(tail.lstrip(" "))
    if len(word) == 1:
        return True
    rest = word[1:]
    return rest.islower() or (len(word) > 2 and word[1].isupper() and word[2:].islower())


def capitalised_runs(text: str, start: int = 0, end: int | None = None,
                     middles: frozenset[str] = frozenset()) -> list[list[tuple[int, int]]]:
    """Runs of capitalised syllables separated by single spaces, as token spans; a
    lower-case word of ``middles`` between two capitalised ones is in the run ("Trần thị
    Lan": a gender middle name mistyped).

    Only words that begin with a capital are visited (the regex engine skips the rest),
    which is what makes this cheap on long text.

    >>> t = "Hội nghị có ông Nguyễn Văn An, UBND Tỉnh Bắc Ninh, bà Trần thị Lan"
    >>> [[t[a:b] for a, b in run] for run in capitalised_runs(t, middles=frozenset({"thị"}))]
    [['Nguyễn', 'Văn', 'An'], ['Tỉnh', 'Bắc', 'Ninh'], ['Trần', 'thị', 'Lan']]
    """
    end = len(text) if end is None else end
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for m in _CAP_TOKEN.finditer(text, start, end):
        span = m.span()
        cap = _is_cap(m.group(0))
        if cap and current and current[-1][1] == span[0] - 1 and text[span[0] - 1] == " ":  # one space between
            current.append(span)
            continue
        gap = text[current[-1][1]:span[0]] if cap and current and middles else ""
        if gap[:1] == " " and gap[-1:] == " " and gap[1:-1] in middles:
            current += [(current[-1][1] + 1, span[0] - 1), span]
            continue
        if len(current) >= 2:
            runs.append(current)
        current = [span] if cap else []
    if len(current) >= 2:
        runs.append(current)
    return runs


@lru_cache(maxsize=8)
def _cue_end_patterns(rank: str, honorific: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A rank, and an honorific, written at the end of a window: compiled once per lexicon
    (the look-up of a long pattern string in ``re``'s cache costs more than the search)."""
    return (re.compile(rf"(?:{rank})\s*$"),
            re.compile(rf"(?<!\w)(?:{honorific})\s*:?\s*$", re.IGNORECASE))


_CUE_TAIL = re.compile(r"\s*:?\s*$")


def cue_before(text: str, start: int, lexicon: Lexicon) -> tuple[str | None, str | None, int]:
    """(honorific, rank, start of the cue) written right before ``start``."""
    window = text[max(0, start - 40):start]
    window = window[window.rfind("\n") + 1:]  # a cue stands on the name's line ("... Ảnh: Ngọc Anh\nTại Hội nghị")
    honorific = rank = None
    cue_start = start
    rank_end_re, honorific_end_re = _cue_end_patterns(lexicon.rank_re.pattern, lexicon.honorific_re.pattern)
    rank_m = rank_end_re.search(window)
    if rank_m:
        rank = rank_m.group(0).strip()
        cue_start = start - len(window) + rank_m.start()
        window = window[: rank_m.start()]
    hon_m = honorific_end_re.search(window)
    if hon_m:
        honorific = _CUE_TAIL.sub("", hon_m.group(0)).strip()
        cue_start = start - len(window) + hon_m.start() if rank is None else cue_start - (len(window) - hon_m.start())
    return honorific, rank, cue_start


def _role_before(text: str, start: int, lexicon: Lexicon) -> bool:
    clause = re.split(r"[,;:.()\n]", text[max(0, start - 120):start])[-1]
    for m in lexicon.role_re.finditer(clause):
        rest = clause[m.end():]
        stops = [s for s in lexicon.title_stop_re.finditer(rest)
                 if not (s.group(0) == lexicon.conjunction and rest[s.end():].lstrip()[:1].isupper())]
        if m.group(0)[:1].isupper() and not stops:
            return True
    return False


def _ends_office_or_numbered_unit(text: str, blocker_start: int, start: int, lexicon: Lexicon) -> bool:
    """Is the place word before a name (at ``blocker_start``) the end of an office
    ("Trưởng thôn Nguyễn Văn Nam") or of a numbered unit ("Tư lệnh Quân khu 7 Nguyễn Văn
    Nam")? Then the name is a person's, not a place's or a street's."""
    end = len(text[:start].rstrip())
    for m in lexicon.role_re.finditer(text, max(0, blocker_start - 30), end):
        if m.start() < blocker_start and m.end() == end:
            return True
    numbered = re.match(r"(.*?)\s+\d+$", text[max(0, blocker_start - 30):end])
    if numbered:
        words = numbered.group(1).split()
        return any(once_match_key(" ".join(words[-n:])) in lexicon.unit_names.numbered_heads for n in (1, 2, 3))
    return False


def _role_after(text: str, end: int, lexicon: Lexicon) -> bool:
    m = lexicon.role_prefix_after_re.match(text[end:end + 12])
    if not m:
        return False
    role = lexicon.role_re.match(text, end + m.end())
    return role is not None and role.group(0)[:1].isupper()


def ner_window(text: str, sentence: tuple[int, int], start: int, end: int, *, margin: int = 48) -> str:
    """The part of a sentence around a name that a NER check reads: ``margin``
    characters either side, cut at word boundaries. NER cost grows with the words it
    reads, and the words next to a name carry the evidence.

    >>> t = "Tham dự hội nghị có nhiều đại biểu, trong đó Nguyễn Văn An phát biểu chào mừng các đơn vị."
    >>> ner_window(t, (0, len(t)), 45, 59, margin=12)
    'trong đó Nguyễn Văn An phát biểu'
    """
    lo, hi = max(sentence[0], start - margin), min(sentence[1], end + margin)
    if lo > sentence[0]:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < sentence[1]:
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return text[lo:hi].strip()


def _name_pieces(text: str, runs: list[list[tuple[int, int]]], lexicon: Lexicon) -> list[list[tuple[int, int]]]:
    """The parts of capitalised runs that can hold a name: a run is cut at a word of
    unit names ("Đoàn Khối Doanh nghiệp"), an office glued to its end leaves it, and a place
    written right after its level word leaves the run ("huyện Kiên Lương Lâm Thị Xinh": the
    name is "Lâm Thị Xinh")."""
    pieces: list[list[tuple[int, int]]] = []
    for run in runs:
        piece: list[tuple[int, int]] = []
        for a, b in run + [(-1, -1)]:
            if a >= 0 and (match_key(text[a:b]) not in lexicon.never_in_name_keys
                           or _given_name_at_end(text, piece, (a, b), run, lexicon)):
                piece.append((a, b))
                continue
            if len(piece) >= 2:
                pieces.append(_after_place(text, _before_office(text, piece, lexicon), lexicon))
            piece = []
    return [p for p in pieces if len(p) >= 2]


def _given_name_at_end(text: str, piece: list[tuple[int, int]], word: tuple[int, int],
                       run: list[tuple[int, int]], lexicon: Lexicon) -> bool:
    """Is a word of unit names that ends a run the given name of the name before it ("Bà
    Nguyễn Thị Liên, Phó Giám đốc ...", "Lê Văn Hiệp phát biểu")? Only when it opens no
    office and no unit's name there ("Lê Văn An Tỉnh ủy viên", "... Liên đoàn Lao động")."""
    family = next((i for i, (a, b) in enumerate(piece) if fix_name_case(text[a:b]) in lexicon.surnames), None)
    if word != run[-1] or family is None or len(piece) - family < 2:
        return False
    if lexicon.role_re.match(text, word[0]):
        return False
    head = lexicon.unit_head_re.match(text, word[0])
    return head is None or (head.end() == word[1] and not text[word[1]:word[1] + 2].strip()[:1].isalnum())


def _head_ends_at(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """Does a unit's head of two words or more written at ``start`` end at ``end`` ("Tỉnh
    Đoàn", "Thành Đoàn")?"""
    head = lexicon.unit_head_re.match(text, start) if start < end else None
    return head is not None and head.end() == end and " " in head.group(0)


def _before_office(text: str, run: list[tuple[int, int]], lexicon: Lexicon) -> list[tuple[int, int]]:
    """A run without the office glued to its end: "Nguyễn Hồng Phong Chính ủy ...",
    "Lê Văn An Phó Chủ tịch xã" (an office whose words run past the run's last word)."""
    while len(run) > 2:
        office = lexicon.role_re.match(text, run[-1][0])
        if office is None or office.end() <= run[-1][1]:
            break
        run = run[:-1]
    return run


def _after_place(text: str, run: list[tuple[int, int]], lexicon: Lexicon) -> list[tuple[int, int]]:
    before = text[max(0, run[0][0] - 12):run[0][0]]
    if not lexicon.any_place_level_end_re.search(before) and not _after_complete_head(before, lexicon):
        return run
    for k in range(len(run) - 2, 0, -1):
        place = text[run[0][0]:run[k - 1][1]]
        if lexicon.places.is_place(place) and fix_name_case(text[run[k][0]:run[k][1]]) in lexicon.surnames:
            return run[k:]
    return run


def _opens_given_name(word: str, lexicon: Lexicon) -> bool:
    """Does ``word`` open an Ê Đê or M'nông given name ("Y", "H'Nhi")?"""
    return word in lexicon.given_name_openers or (len(word) > 2 and word[:2] in lexicon.given_name_openers)


def _after_complete_head(before: str, lexicon: Lexicon) -> bool:
    """Does ``before`` end with a head that names a body alone and takes its place after it
    ("Bí thư Tỉnh ủy Hà Tĩnh Hoàng Trung Dũng": the place, then the name)?"""
    words = before.split()
    if not words or match_key(words[-1]) not in _last_words(lexicon.complete_head_keys):
        return False
    return any(match_key(" ".join(words[-k:])) in lexicon.complete_head_keys for k in (1, 2) if len(words) >= k)


def _past_province(words: Sequence[str], i0: int, lexicon: Lexicon) -> int:
    """Where a name opens in a run that starts with a province's or a district's name and then a family
    name ("Giám đốc Sở Y tế Hà Nội Trần Văn Khôi": the unit's place, then the person)."""
    for j in range(max(0, i0 - 2), i0 + 1):  # "Quảng Ninh Nguyễn Văn Trung": the province's own "Ninh" is no family name
        for k in (3, 2):
            rest = len(words) - j - k
            if j + k > i0 and rest >= 2 and fix_name_case(words[j + k]) in lexicon.surnames \
                    and lexicon.places.is_province_or_district(" ".join(words[j:j + k])):
                return j + k
    return i0


def _compound_surname(words: Sequence[str], i0: int, lexicon: Lexicon) -> tuple[int, int]:
    """Where a name opens and how many syllables it may have, when its family name is of
    several syllables ("Công Tôn Nữ Minh Châu": from "Công", up to 6; "Nguyễn Trần Hoàng Minh
    Quân", a double family name ending the run: 5); else ``(i0, 4)``."""
    keys = [fix_name_case(w) for w in words]
    for compound in lexicon.compound_surnames:
        k = len(compound)
        for j in range(max(0, i0 - k + 1), i0 + 1):
            if tuple(keys[j:j + k]) == compound:
                return j, k + 3
    if len(words) - i0 == 5 and keys[i0 + 1] in lexicon.surnames and keys[i0 + 2] not in lexicon.gender_middle_names:
        return i0, 5  # "Nguyễn Trần Hoàng Minh Quân": the father's and the mother's family names
    return i0, 4


@lru_cache(maxsize=4)
def _last_words(keys: frozenset[str]) -> frozenset[str]:
    return frozenset(k.rsplit(" ", 1)[-1] for k in keys)


_LOWER_WORD = re.compile(rf" ({LOWER_LETTER}[^\W\d_]*)(?=[\s,.;:)\-–]|$)")


def _lower_case_given_name(text: str, tokens: list[tuple[int, int]], lexicon: Lexicon) -> list[tuple[int, int]]:
    """"Nguyễn Văn an": a name does not end on its gender middle name, so the lower-case
    word after one is the given name, mistyped (its case is fixed in ``normalized``)."""
    if len(tokens) >= 4 or fix_name_case(text[tokens[-1][0]:tokens[-1][1]]) not in lexicon.gender_middle_names:
        return tokens
    m = _LOWER_WORD.match(text, tokens[-1][1])
    if not m or lexicon.title_stop_re.fullmatch(m.group(1)) or lexicon.role_re.match(m.group(1)):
        return tokens
    return [*tokens, (m.start(1), m.end(1))]


def _before_credit(text: str, start: int, end: int, lexicon: Lexicon) -> int:
    """Where a dateline's writer is credited ("Ngày đăng: 16/01/2024 | Người viết: Lê Thị
    Hoa"): the author, not a person of the article; ``end`` when it credits none."""
    credit = writer_after_bar(text[start:end], lexicon)
    return end if credit is None else start + credit[0]


def extract_people(doc: Document, lexicon: Lexicon, *,
                   confirm: Callable[[str, str], bool] | None = None) -> list[Candidate]:
    """Every person mention in body, captions and headline.

    ``confirm(sentence, name)`` (e.g. an underthesea NER check) is asked only for the
    weakest rule, a family-name run with no cue; None accepts them.

    >>> from extractors.base import body_document
    >>> lex = Lexicon.load()
    >>> d = body_document("Hội nghị có đồng chí NGuyễn Thị Vân Nga, Giám đốc Trung tâm.")
    >>> [(c.text, c.normalized, c.get("honorific"), c.rule) for c in extract_people(d, lex)]
    [('NGuyễn Thị Vân Nga', 'Nguyễn Thị Vân Nga', 'đồng chí', 'people.honorific')]
    """
    text = doc.text
    quotes = quoted_spans(text)
    regions = [(s.start, _before_credit(text, s.start, s.end, lexicon) if s.kind == "dateline" else s.end)
               for s in doc.segments if s.kind in ("body", "caption", "headline", "table", "dateline")] \
        or [(0, len(text))]
    out: list[Candidate] = []
    for r_start, r_end in regions:
        for run in _name_pieces(text, capitalised_runs(text, r_start, r_end, lexicon.lower_middle_names), lexicon):
            if len(run) > 2 and lexicon.honorific_re.fullmatch(text[run[0][0]:run[0][1]]):
                run = run[1:]  # "Ông Y Ngọc Niê, ...": the honorific opening a sentence is no syllable of the name
            words = [text[a:b] for a, b in run]
            first = next((i for i, w in enumerate(words) if fix_name_case(w) in lexicon.surnames), None)
            i0 = first if first is not None else 0
            i0 = _past_province(words, i0, lexicon)
            longest = 4
            if 0 < i0 <= 3 and _opens_given_name(words[0], lexicon):
                i0, longest = 0, 5  # "Y Thanh Hà Niê Kđăm": the family name comes after the given name
            elif first is not None:
                i0, longest = _compound_surname(words, i0, lexicon)
            if 0 < i0 == len(run) - 1 <= 3 and cue_before(text, run[0][0], lexicon)[:2] != (None, None):
                i0 = 0  # "ông Sơn Ngọc Hoàng": after an honorific, a family name unknown here and the given name
            # a run longer than a name after its family name: the name is the family name and up to 3 more
            tokens = run[i0:i0 + longest]
            if len(tokens) >= 3 and _head_ends_at(text, text.rfind(" ", 0, tokens[0][0] - 1) + 1, tokens[0][1], lexicon):
                tokens = run[i0 + 1:i0 + 1 + longest]  # "Phó Bí thư Tỉnh Đoàn Lưu Đức Thịnh": a head's last syllable
            if len(tokens) < 2:
                continue
            tokens = _lower_case_given_name(text, tokens, lexicon)
            start, end = tokens[0][0], tokens[-1][1]
            office = lexicon.role_re.match(text, start) if first is None else None
            if office is not None and office.end() > tokens[0][1]:
                continue  # "đồng chí Phó Chủ tịch UBND tỉnh": an office after the honorific, no name
            head = lexicon.unit_head_re.match(text, start)
            if head is not None and head.end() > end:
                continue  # "Bí thư Đoàn Thanh niên", "Ủy viên Đoàn Chủ tịch": a body's head, no name
            inner = next((k for k, (a, _) in enumerate(tokens[1:], 1)
                          if (h := lexicon.unit_head_re.match(text, a)) is not None and h.end() > end), None)
            if inner is not None:  # "Đoàn Trường Đại học Vinh": a head opens inside the run, the name ends before it
                tokens = tokens[:inner]
                if len(tokens) < 2:
                    continue
                start, end = tokens[0][0], tokens[-1][1]
            if any(qs <= start < qe for qs, qe in quotes):
                continue
            if i0 > 0 and cue_before(text, start, lexicon)[:2] == (None, None) \
                    and lexicon.place_level_end_re.search(text, max(0, run[0][0] - 12), run[0][0]):
                continue  # "Đảng ủy xã Tam Dương Bắc": the run after a place's level is its name
            window = max(0, start - 30)
            blocker = lexicon.not_person_before_re.search(text[window:start])
            if blocker and not (len(tokens) >= 3 and first is not None
                                and ((lexicon.place_level_re.match(blocker.group(0))  # "huyện Hoàng Su Phì": a place
                                      and not lexicon.places.is_province_or_district(text[start:end]))
                                     or (lexicon.named_place_level_re.match(blocker.group(0))
                                         and not lexicon.places.is_place(text[start:end]))
                                     or _ends_office_or_numbered_unit(text, window + blocker.start(), start, lexicon))
                                and _role_before(text, start, lexicon)):
                continue  # "Trường Tiểu học Nguyễn Tấn Kiều", but "Phó chủ tịch UBND tỉnh Nguyễn Thành Trí"
            name = text[start:end]
            honorific, rank, _ = cue_before(text, start, lexicon)
            key = match_key(name)
            if key in lexicon.listed_place_keys or (key in lexicon.place_keys
                                                    and (not honorific or lexicon.places.is_province(name))):
                continue  # "Mai Sơn" is a district, "ông Mai Sơn" a man; "ông bà Hà Nội" no one
            has_surname = first is not None
            if honorific or rank:
                rule, conf = "people.honorific", 0.95
            elif has_surname and _role_before(text, start, lexicon):
                rule, conf = "people.title_before", 0.9
            elif has_surname and _role_after(text, end, lexicon):
                rule, conf = "people.title_after", 0.9
            elif has_surname and len(tokens) >= 3 and i0 == 0 and \
                    fix_name_case(text[tokens[1][0]:tokens[1][1]]) in lexicon.gender_middle_names:
                rule, conf = "people.surname_middle", 0.8
            elif has_surname and len(tokens) >= 3 and i0 == 0:
                rule, conf = "people.surname_run", 0.7
                if confirm is not None:
                    s = doc.sentence_at(start) or (r_start, r_end)
                    if not confirm(ner_window(text, s, start, end), name):
                        continue
            else:
                continue
            if not has_surname and len(tokens) > 4:
                continue
            given_first = _opens_given_name(text[tokens[0][0]:tokens[0][1]], lexicon)  # "Y Thắng Êban"
            out.append(Candidate("person", name, fix_name_case(name), start, end, rule, conf,
                                 freeze(honorific=honorific.lower() if honorific else None, rank=rank,
                                        given_first=given_first)))
    out.extend(_upper_case_names(doc, regions, quotes, lexicon, {c.start for c in out}))
    return sorted(out, key=lambda c: c.start)


# Two to four syllables written all in capitals, then no further capitalised word
# (the capital first, the letter before it checked behind it, as in ``_CAP_TOKEN``)
_UPPER_RUN = re.compile(rf"[{re.escape(UPPER)}](?<![^\W\d_][\s\S])[{re.escape(UPPER)}]{{0,6}}"
                        rf"(?: [{re.escape(UPPER)}]{{1,7}}){{1,3}}(?![\w ]?[{re.escape(UPPER)}])")


def _upper_case_names(doc: Document, regions: list[tuple[int, int]], quotes: list[tuple[int, int]],
                      lexicon: Lexicon, taken: set[int]) -> Iterator[Candidate]:
    """A name written in capitals right after an honorific in a sentence otherwise in
    lower case ("Đồng chí NGUYỄN VĂN HÙNG, Bí thư Đảng ủy"): ``people.upper_case``. The
    name must open with a family name and end before a lower-case word or punctuation."""
    text = doc.text
    for r_start, r_end in regions:
        for m in _UPPER_RUN.finditer(text, r_start, r_end):
            if m.start() in taken or any(qs <= m.start() < qe for qs, qe in quotes):
                continue
            fixed = fix_name_case(m.group(0).title())
            if fixed.split()[0] not in lexicon.surnames or text[m.end():m.end() + 2].strip()[:1].isupper():
                continue
            honorific, rank, _ = cue_before(text, m.start(), lexicon)
            if not (honorific or rank) or text[max(0, m.start() - 12):m.start()].isupper():
                continue  # a headline all in capitals: where its name ends is not written
            yield Candidate("person", m.group(0), fixed, m.start(), m.end(), "people.upper_case", 0.85,
                            freeze(honorific=honorific.lower() if honorific else None, rank=rank))
