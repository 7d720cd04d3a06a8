"""Titles: the offices the text gives each person, split into distinct offices.

The genre writes offices after the name ("Lê Sỹ Tùng – Ủy viên BCH Đảng bộ Viện Hàn lâm
KHCNVN, Bí thư Đảng bộ cơ sở Văn phòng, Chánh Văn phòng"), before it ("Thứ trưởng Bộ
Khoa học và Công nghệ Phạm Công Tạc", "Giám đốc Sở ... - Nguyễn Quang Thái"), after it in
parentheses ("(Khối trưởng Khối thi đua)"), and before an honorific ("Phó trưởng khối
Thi đua Văn phòng – Viện, đồng chí Đinh Việt Bách"). Each office is kept as written and
split into ``role`` (the office) and ``unit`` (the body it belongs to, when written).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.base import Candidate, Document, freeze
from extractors.keys import LOWER_LETTER, match_key
from extractors.lexicon import Lexicon
from extractors.people import cue_before
from extractors.places import ends_in_place

__all__ = ["extract_titles", "split_role"]

_SEP_AFTER_NAME = re.compile(r"\s*(?:[,\-–—]|\(|:)\s*")
_GLUED = re.compile(r" (?=\S)")
_ABBREVIATION = re.compile(r"[A-ZĐ][A-ZĐ0-9&/.\-]{1,11}")
_BETWEEN = re.compile(r"\s*(,|\s[-–—]\s|[-–—])\s*")
_SENTENCE_END = re.compile(r"[.!?…](?=\s)|[“”\"]")


_TERM_YEAR = re.compile(r"\s*(?:năm|nhiệm kỳ)\s+(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?$")


def split_role(title: str, lexicon: Lexicon) -> tuple[str, str]:
    """(role, unit) of a title as written.

    >>> lex = Lexicon.load()
    >>> split_role("Cục trưởng Cục Sở hữu trí tuệ", lex)
    ('Cục trưởng', 'Cục Sở hữu trí tuệ')
    >>> split_role("Phó Viện trưởng phụ trách Viện Ứng dụng công nghệ", lex)
    ('Phó Viện trưởng phụ trách', 'Viện Ứng dụng công nghệ')
    >>> split_role("Trưởng Ban Dân vận Tỉnh ủy", lex)
    ('Trưởng Ban', 'Ban Dân vận Tỉnh ủy')
    >>> split_role("Cụm trưởng Cụm thi đua số 5 năm 2023", lex), split_role("Khối trưởng năm 2024", lex)
    (('Cụm trưởng', 'Cụm thi đua số 5'), ('Khối trưởng', ''))
    >>> split_role("Giám đốc Sở Tư pháp kiêm Trưởng Ban Pháp chế", lex)
    ('Giám đốc', 'Sở Tư pháp')
    """
    prefix = lexicon.role_prefix_re.match(title)
    offset = prefix.end() + 1 if prefix else 0
    m = lexicon.role_re.match(title, offset)
    if not m:
        return title, ""
    end = m.end()
    suffix = lexicon.role_suffix_re.match(title, end)
    if suffix:
        end = suffix.end()
    unit = title[end:].strip(" ,:-–—")
    unit = _TERM_YEAR.sub("", lexicon.unit_connector_re.sub("", unit))  # "Khối trưởng năm 2024": the term, no body
    for joiner in lexicon.office_after_place:  # "Giám đốc Sở Tư pháp kiêm Trưởng Ban Pháp chế": the first office's body
        unit = unit.split(f" {joiner} ", 1)[0]
    kind = lexicon.role_unit_head_re.search(title, offset, m.end())
    if kind and unit and title[m.end():end].strip() == "" and title[m.end():m.end() + 1] == " " \
            and title[m.end() + 1:m.end() + 1 + len(unit)] == unit \
            and not match_key(unit).startswith(match_key(kind.group(0)) + " "):  # not "Phó trưởng cụm Cụm thi đua"
        unit = f"{kind.group(0)} {unit}"  # "Trưởng Ban Dân vận Tỉnh ủy": the unit is "Ban Dân vận Tỉnh ủy"
    return title[offset:end].strip(), unit


def _title_end(text: str, pos: int, limit: int, lexicon: Lexicon, stops: Sequence[int]) -> int:
    """Where one office that starts at ``pos`` ends: before a boundary, a stop word, the
    next person, or a separator followed by another office."""
    end = limit
    boundary = re.compile(r"[;\n()“”\"]|:\s|\.(?=\s+[^\W\d_]|\s*$)|,|\s[-–—]\s|[-–—](?=\S)")
    compounds = [m.span() for m in lexicon.compound_re.finditer(text, pos, limit)]
    skip_to = pos
    for m in boundary.finditer(text, pos, limit):
        if m.start() < skip_to or any(a <= m.start() < b for a, b in compounds):
            continue  # "công tác thi đua, khen thưởng của Khối ..."
        ch = m.group(0)
        if ch == "(":
            close = text.find(")", m.end(), min(limit, m.end() + 60))
            inside = text[m.end():close] if close > 0 else ""
            if _ABBREVIATION.fullmatch(inside) and text[close + 1:close + 3].strip()[:1].isalpha():
                skip_to = close + 1  # "Chủ tịch Ủy ban Quản lý vốn (UBQLV) Nhà nước tại doanh nghiệp"
                continue
            if " " in inside and lexicon.unit_head_re.match(inside) and lexicon.title_stop_re.search(inside) is None \
                    and re.match(r"\s*(?:[;,.\n]|$)", text[close + 1:close + 3]):
                end = close + 1  # "Trưởng Ban Thi đua - Khen thưởng (Sở Nội vụ)": the body the office is of
                break
        if ch in (",",) or ch.strip() in ("-", "–", "—"):
            nxt = text[m.end():m.end() + 60].lstrip()
            role = lexicon.role_re.match(nxt) or lexicon.role_prefix_re.match(nxt)
            head = lexicon.unit_head_re.match(nxt)
            if ch == ",":
                if head and not role and not any(m.end() <= s < m.end() + 4 for s in stops):
                    continue  # "Phó Giám đốc, Văn phòng Công nhận Chất lượng"
                end = m.start()
                break
            if role or any(m.end() <= s <= m.end() + 2 for s in stops):
                end = m.start()
                break
            continue  # dash inside a unit name: "Vụ Thi đua - Khen thưởng"
        end = m.start()
        break
    for s in stops:
        if pos < s < end:
            end = s
            break
    # stop words: a verb or function word ends the office ("... Chánh Văn phòng trình bày")
    for m in lexicon.title_stop_re.finditer(text, pos, end):
        if any(a <= m.start() < b for a, b in compounds):
            continue
        if m.group(0).lower() == lexicon.located_word and (any(
                a < m.start() < b for a, b in (x.span() for x in lexicon.located_re.finditer(text, pos, end)))
                or _place_closes(text, m.end(), end, lexicon)):
            continue  # "Chánh án Tòa án nhân dân cấp cao tại Thành phố Hồ Chí Minh", "... Trung ương tại TPHCM"
        if m.group(0) == lexicon.conjunction:
            nxt = text[m.end():m.end() + 30].lstrip()
            if nxt[:1].isupper() and not lexicon.unit_head_re.match(nxt) and not any(m.end() < s <= m.end() + 2 for s in stops):
                continue  # "Bộ Khoa học và Công nghệ"
        if m.start() == pos:
            continue
        end = m.start()
        break
    end = _place_end(text, pos, end, lexicon)
    return len(text[:end].rstrip(" ,-–—"))


_LOWER_AFTER_SPACE = re.compile(rf" (?={LOWER_LETTER})")


def _place_end(text: str, pos: int, end: int, lexicon: Lexicon) -> int:
    """Where an office ends at its unit's place, before the next clause's lower-case verb:
    "Giám đốc Công an tỉnh Nghệ An | chỉ huy", "Trưởng phòng Nội vụ huyện | hướng dẫn",
    "Giám đốc Sở Y tế Hà Nội | khuyến cáo" (``end`` when none)."""
    for m in _LOWER_AFTER_SPACE.finditer(text, pos, end):
        word = text[m.end():end].split(" ", 1)[0]
        if word in lexicon.office_after_place:
            continue
        if word == lexicon.unit_names.number_word and re.match(r"\s*\d", text[m.end() + len(word):end]):
            continue  # "Tổ trưởng tổ dân phố số 7": the place's number
        before = text.rfind(" ", pos, m.start()) + 1
        phrase = lexicon.compound_re.match(text, before) if before > pos else None
        if phrase is not None and phrase.end() > m.start():
            continue  # "Giám đốc Bảo hiểm xã hội tỉnh": "xã hội" is a word, not a commune
        if ends_in_place(_compounds_joined(text, pos, m.start(), lexicon), lexicon.office_level_end_re, lexicon.places,
                         bare_level=True):
            return m.start()
    return end


def _compounds_joined(text: str, pos: int, end: int, lexicon: Lexicon) -> str:
    """``text[pos:end]`` with the words of each fixed phrase, and of each unit head that holds
    a place level's word, joined, so that the level inside is no level ("Sở Nông nghiệp và
    Phát triển nông thôn", "Hợp tác xã Nông nghiệp")."""
    out = text[pos:end]
    heads = [h for h in lexicon.unit_head_re.finditer(text, pos, end)
             if lexicon.office_level_word_re.search(h.group(0))]  # "Hợp tác xã", "Nhà xuất bản"
    for m in [*lexicon.compound_re.finditer(text, pos, end), *heads]:
        a, b = m.start() - pos, m.end() - pos
        out = out[:a] + out[a:b].replace(" ", "_") + out[b:]
    return out


def _place_closes(text: str, pos: int, end: int, lexicon: Lexicon) -> bool:
    """Is ``text[pos:end]`` (after "tại") a place and nothing more: an office of a body's
    branch ("Trưởng Cơ quan Thường trực Ban Dân vận Trung ương tại TPHCM")."""
    rest = text[pos:end].strip()
    return bool(rest) and rest[:1].isupper() and lexicon.places.is_place(rest)


def _opens_office(prefix: re.Match[str] | None, role: re.Match[str], lexicon: Lexicon) -> bool:
    """An office after a name is capitalised ("Phó Giám đốc", "Nguyên giảng viên"), or an
    occupation written in lower case ("nhân viên bảo vệ")."""
    return any(m is not None and m.group(0)[:1].isupper() for m in (prefix, role)) \
        or match_key(role.group(0)) in lexicon.lower_case_role_keys


def _chain_after(text: str, name_end: int, lexicon: Lexicon, stops: Sequence[int], *,
                 cued: bool = True) -> list[tuple[int, int, str]]:
    """Offices right after a name, as (start, end, rule)."""
    out: list[tuple[int, int, str]] = []
    pos = name_end
    note = lexicon.position_note_re.match(text, pos) or lexicon.person_note_re.match(text, pos)
    if note:
        pos = note.end()  # "X (thứ 3 từ trái sang), Phó Bí thư ...", "X, 65 tuổi, Chủ tịch ...", "X, dân tộc Tày, ..."
    line_end = text.find("\n", pos)
    limit = len(text) if line_end < 0 else line_end
    rule = "titles.after_name"
    while True:
        sep = _SEP_AFTER_NAME.match(text, pos)
        glued = sep is None and cued and not out  # "Đại tá Nguyễn Hồng Phong Chính ủy ...": no separator
        if glued:
            sep = _GLUED.match(text, pos)
        if not sep:
            break
        if "(" in sep.group(0):
            rule = "titles.parenthesised"
        start = sep.end()
        chained = lexicon.office_chain_re.match(text, start) if sep.group(0).strip() == "," or glued else None
        if chained:
            start = chained.end()  # "X, đồng thời là Chủ tịch Hội đồng ...": the same person's office
        prefix = lexicon.role_prefix_re.match(text, start)
        role = lexicon.role_re.match(text, prefix.end() + 1 if prefix else start)
        if not role or not _opens_office(prefix, role, lexicon):
            break
        if glued and not (prefix or role).group(0)[:1].isupper():
            break  # glued, only a capitalised office is one
        end = _title_end(text, role.end(), limit, lexicon, stops)
        if end <= start:
            break
        if any(end <= s <= end + 1 and not text[end:s].strip() for s in stops):
            break  # "Chủ tịch UBND tỉnh A, Phó Chủ tịch UBND tỉnh B": the office runs into the next name, B's
        if not out and not cued and sep.group(0).strip() == "," and not split_role(text[start:end], lexicon)[1] \
                and text[end:end + 1] == " " and lexicon.title_stop_re.match(text, end + 1):
            break  # "phong cách Hồ Chí Minh, Tổng Bí thư đề nghị": with no honorific, the office opens a clause
        out.append((start, end, rule))
        pos = end
        closing = re.match(r"\s*\)", text[pos:pos + 3])
        if closing:
            pos += closing.end()
    # a further office in parentheses: "Phó Viện trưởng ... (Khối trưởng Khối thi đua)"
    paren = re.match(r"\s*\(", text[pos:pos + 3])
    if paren and out:
        start = pos + paren.end()
        role = lexicon.role_re.match(text, start)
        if role and role.group(0)[:1].isupper():
            close = text.find(")", start, limit)
            if close > start:
                out.append((start, close, "titles.parenthesised"))
    return out


def _before(text: str, name_start: int, lexicon: Lexicon, honorific_start: int,
            floor: int) -> list[tuple[int, int, str]]:
    """An office written before the name (or before its honorific), not reaching back
    past ``floor`` (the end of the previous person mention)."""
    anchor = honorific_start
    window_start = max(0, anchor - 160, floor)
    window = text[window_start:anchor]
    rule = "titles.before_name"
    # "Phó trưởng khối ..., đồng chí X": the office before ", honorific"
    if anchor < name_start:
        m = re.search(r"(?:,|\s[-–—]|\()\s*$", window)  # "..., đồng chí X", "... - đồng chí X", "... (ông X)"
        if not m:
            return []
        window = window[: m.start()]
        rule = "titles.before_honorific"
    else:
        window = re.sub(r"\s*[-–—]\s*$", "", window)
    clause_start = max((m.end() for m in re.finditer(r"[;:.()\n“”]|,\s", window)), default=0)
    found = _office_in(text, window_start, window, clause_start, lexicon, whole=False)
    if found is None:
        return []
    out = _split_at_dashes(text, found[0], found[1], rule, lexicon)
    # a chain of offices before it, each a whole clause: "Ủy viên Bộ Chính trị, Chủ tịch Quốc hội X"
    while found[0] == window_start + clause_start and re.search(r",\s*$", window[:clause_start]):
        window = window[:clause_start].rstrip(" ,")
        clause_start = max((m.end() for m in re.finditer(r"[;:.()\n“”]|,\s", window)), default=0)
        found = _office_in(text, window_start, window, clause_start, lexicon, whole=True)
        if found is None:  # the chain's first office after its clause's lead ("Dự hội nghị có Phó Bí thư ...,")
            lead = max((m.end() for m in lexicon.chain_lead_re.finditer(window, clause_start)), default=None)
            found = None if lead is None else _office_in(text, window_start, window, lead, lexicon, whole=True)
            if found is not None:
                out.append((found[0], found[1], rule))
            break
        out.append((found[0], found[1], rule))
    return out[::-1]


_DASH_BETWEEN = re.compile(r"\s[-–—]\s")


def _split_at_dashes(text: str, start: int, end: int, rule: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """An office before a name split at a dash between two offices ("Phó Bí thư Huyện ủy -
    Chủ tịch UBND huyện Lê Văn Sáng"): the text after the dash opens a capitalised office.
    A dash inside a body's name ("Vụ Thi đua - Khen thưởng") opens none."""
    out, at = [], start
    for m in _DASH_BETWEEN.finditer(text, start, end):
        role = lexicon.role_re.match(text, m.end())
        if role is not None and role.group(0)[:1].isupper():
            out.append((at, m.start(), rule))
            at = m.end()
    return out + [(at, end, rule)]


def _list_office(text: str, name_start: int, lexicon: Lexicon, ends: Sequence[int]) -> list[tuple[int, int, str]]:
    """An office written once before a colon for a list of the people who hold it
    ("các đồng chí Ủy viên BTV Tỉnh ủy: A - Trưởng Ban Tuyên giáo; B - Giám đốc Công an"):
    every person of the list, on the colon's line and sentence, holds it. Nobody may be
    named between the sentence's start and the colon (then the office is that person's,
    and the colon opens their words)."""
    line_start = text.rfind("\n", 0, name_start) + 1
    colon = text.rfind(":", line_start, name_start)
    if colon < 0 or _SENTENCE_END.search(text, colon + 1, name_start):
        return []
    item = text.rfind(";", colon, name_start) + 1
    if item and lexicon.role_re.search(text, item, name_start):
        return []  # "...: A, B; Chánh Văn phòng Sở C": an office of its own before the name ends the list
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, line_start, colon)), default=line_start)
    # "Dự có Giám đốc Sở X; các Phó Giám đốc Sở: A, B": the list's own clause, after a semicolon
    sentence_start = max(sentence_start, text.rfind(";", sentence_start, colon) + 1)
    if any(sentence_start <= e <= colon for e in ends):
        return []
    window_start = max(sentence_start, colon - 160)
    window = text[window_start:colon]
    clause_start = max((m.end() for m in re.finditer(r"[;:.()\n“”]|,\s", window)), default=0)
    found = _office_in(text, window_start, window, clause_start, lexicon, whole=False)
    return [(found[0], found[1], "titles.list_office")] if found else []


_PLURAL = re.compile(r"(?<!\w)[Cc]ác\s+")
_PLURAL_REACH = 300  # characters before a name read for "các" and its office
_LIST_GAP = re.compile(r"(?:\s*,\s*|\s+và\s+)")


def _plural_office(text: str, name_start: int, lexicon: Lexicon,
                   spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """An office after "các" written once before a list of names with no colon ("Các Phó
    Chủ tịch UBND tỉnh Nguyễn Hồng Lĩnh, Đặng Thị Bình cùng trao thưởng"): every person
    of the list after the first holds it (the first gets it as an office before its name)."""
    floor = max(0, name_start - _PLURAL_REACH)  # read near the name only: linear over a long line
    line_start = max(floor, text.rfind("\n", floor, name_start) + 1)
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, line_start, name_start)), default=line_start)
    plurals = list(_PLURAL.finditer(text, sentence_start, name_start))
    if not plurals:
        return []
    plural = plurals[-1]
    listed = [(a, b) for a, b in spans if plural.end() <= a <= name_start]
    if len(listed) < 2 or listed[-1][0] != name_start:
        return []
    if any(_LIST_GAP.fullmatch(text, b, a2) is None for (_, b), (a2, _) in zip(listed, listed[1:], strict=False)):
        return []  # only names and their commas or "và" between the office and this one
    first = listed[0][0]
    if ":" in text[plural.end():first]:
        return []  # a colon's list: :func:`_list_office`
    honorific = lexicon.honorific_re.match(text, plural.end())  # "các đồng chí Phó Giám đốc Sở A và B"
    at = plural.end() + (len(honorific.group(0)) + len(text[honorific.end():]) - len(text[honorific.end():].lstrip())
                         if honorific else 0)
    window = text[at:first].rstrip()
    found = _office_in(text, at, window, 0, lexicon, whole=True)
    return [(found[0], found[1], "titles.list_office")] if found else []


def _office_in(text: str, window_start: int, window: str, clause_start: int, lexicon: Lexicon, *,
               whole: bool) -> tuple[int, int] | None:
    """The office that runs to the end of ``window`` from inside its last clause (from the
    clause's start when ``whole``): a capitalised role with no verb or function word after it."""
    clause_start = len(window) - len(window[clause_start:].lstrip())  # "; Ủy viên ...": past the space
    clause = window[clause_start:]
    for m in lexicon.role_re.finditer(clause):
        if not m.group(0)[:1].isupper() or (whole and m.start() > 0):
            continue
        rest = clause[m.end():]
        bad = [s for s in lexicon.title_stop_re.finditer(rest)
               if not (s.group(0) == lexicon.conjunction and rest[s.end():].lstrip()[:1].isupper())]
        if bad:
            continue
        start = window_start + clause_start + m.start()
        if lexicon.delegating_re.search(text, window_start + clause_start, start):
            continue  # "Thừa ủy quyền của Chủ tịch nước, ông X", "Thay mặt Bộ Tư lệnh Quân khu, ...": the delegator's
        prefix = lexicon.role_prefix_end_re.search(text[max(0, start - 8):start])
        if prefix:
            start -= len(prefix.group(0))
        end = window_start + len(window.rstrip(" ,-–—"))
        if end > start:
            return start, end
    return None


def extract_titles(doc: Document, lexicon: Lexicon, people: Sequence[Candidate]) -> list[Candidate]:
    """Every office of every person mention, with its role and unit; an office that two
    mentions could claim is returned for each (:mod:`pipeline.resolve.titles` decides).

    >>> from extractors.base import body_document
    >>> from extractors.people import extract_people
    >>> lex = Lexicon.load()
    >>> d = body_document("Đồng chí Lê Văn A – Ủy viên BCH Đảng bộ Viện, Bí thư Đảng bộ cơ sở Văn phòng, Chánh Văn phòng phát biểu.")
    >>> [(c.text, c.get("role"), c.get("unit")) for c in extract_titles(d, lex, extract_people(d, lex))]
    [('Ủy viên BCH Đảng bộ Viện', 'Ủy viên BCH', 'Đảng bộ Viện'), ('Bí thư Đảng bộ cơ sở Văn phòng', 'Bí thư', 'Đảng bộ cơ sở Văn phòng'), ('Chánh Văn phòng', 'Chánh Văn phòng', '')]
    """
    text = doc.text
    cue_starts = {p.start: cue_before(text, p.start, lexicon)[2] for p in people}
    starts = sorted(cue_starts.values())
    ends = sorted(p.end for p in people)
    mentions = sorted((cue_starts[p.start], p.end) for p in people)
    out: list[Candidate] = []
    for person in people:
        stops = [s for s in starts if s > person.end]
        floor = max((e for e in ends if e <= person.start), default=0)
        honorific_start = cue_starts[person.start]
        after = _chain_after(text, person.end, lexicon, stops, cued=honorific_start < person.start)
        spans = after + _before(text, person.start, lexicon, honorific_start, floor) + \
            _list_office(text, honorific_start, lexicon, ends) + \
            (_plural_office(text, honorific_start, lexicon, mentions) if not after else [])  # not when it has its own
        for start, end, rule in spans:
            title = text[start:end]
            role, unit = split_role(title, lexicon)
            out.append(Candidate("title", title, " ".join(title.split()), start, end, rule, 0.85,
                                 freeze(role=role, unit=unit, person=person.normalized, person_start=person.start)))
    return sorted(out, key=lambda c: c.start)
