"""Units: every named organisational body, with its type and parent.

Rules:

- ``units.national``: a unique national body from ``data/units.toml`` ("Chính phủ",
  "Bộ Khoa học và Công nghệ", "Tổng LĐLĐVN"), matched anywhere, also inside titles and
  award names;
- ``units.member_list``: every member of an enumerated list ("có 13 đơn vị, bao gồm: A; B; ...");
- ``units.head_name``: a unit head ("Cục", "Viện", "Khối thi đua", "UBND") followed by
  a name ("Cục Sở hữu trí tuệ", "Khối thi đua Tổng cục, Cục, Ban và Quỹ");
- ``units.acronym_head``: a head written in lower case before an abbreviation, which
  names the body ("Trưởng phòng QLTH", "chuyên viên phòng VHTT quận Hà Đông");
- ``units.nested``: a unit written inside another's name ("Văn phòng Viện Hàn lâm KHCNVN"
  names "Viện Hàn lâm KHCNVN", its parent);
- ``units.bare_head``: a head standing alone ("Văn phòng", "Khối"): a back-reference,
  never an entity of its own (:mod:`pipeline.resolve.units` attaches it as an alias).

Several rules may find the same span; which one stands, what a unit's parent is and
which forms name one body are decided in :mod:`pipeline.resolve.units`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import partial

import regex

from extractors.base import Candidate, Document, Spans, freeze
from extractors.keys import CAPITAL, LOWER_LETTER, match_key
from extractors.lexicon import Lexicon
from extractors.people import quoted_spans
from extractors.places import ends_in_place
from extractors.syllables import is_syllable

__all__ = ["extract_units", "is_abbreviation", "without_inner_abbreviation"]

_TOKEN = re.compile(r"(?:[A-ZĐƯ&]+\.)+[A-ZĐƯ&]+\w*|[\w&]+(?:['’][^\W\d_]+)?|\s*[-–—]\s*|,\s*|\s+|.", re.UNICODE)  # "Ea H'leo": one word
_ABBR = re.compile(rf"^{CAPITAL}(?:{CAPITAL}|[&.\-])*{CAPITAL}\.?$")  # "UBND", "KH&CN", "TP.", "TƯ", "T.Ư"
_ROMAN = re.compile(r"^(?:[IVXLC]+|\d+)$")


_NON_SPACE = re.compile(r"\S+")
_WORD_CHAR = re.compile(r"[\w&]")
_WORD_RUN = re.compile(r"[\w&]+")
_DOT_WORD = re.compile(r"\.\w")


def _word_starts(phrase: str, at: int) -> list[int]:
    """The offsets of the words of ``phrase``, which starts at offset ``at``."""
    return [at + m.start() for m in _NON_SPACE.finditer(phrase)]


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def is_abbreviation(word: str) -> bool:
    """Is a word an abbreviation ("UBND", "KH&CN", "TP.", "TƯ": capitals with marks too)?

    >>> is_abbreviation("UBND"), is_abbreviation("KH&CN"), is_abbreviation("T.Ư"), is_abbreviation("Viện"), is_abbreviation("A")
    (True, True, True, False, False)
    """
    return bool(_ABBR.match(word)) and len(word.strip(".")) >= 2


_YEAR_LIKE = re.compile(r"(?:19|20)\d\d$")
_CAP_AFTER = re.compile(rf"\s*{CAPITAL}")
_NAME_CLOSES = re.compile(r"[,.;:)]|\s*$|\s+[-–]\s", re.MULTILINE)


def _parse_name(text: str, head_end: int, limit: int, head: str, lexicon: Lexicon, stops: tuple[int, ...] = (),
                depth: int = 0) -> int:
    """End of the unit name that starts with ``head`` (ending at ``head_end``), not
    running into a person mention (``stops``: their starts, sorted). A body named inside
    the name is parsed as a name of its own ("Cảnh sát PCCC và CNCH Công an tỉnh": "Công an tỉnh")."""
    names = lexicon.unit_names
    head_key = match_key(head)
    bloc = head_key in names.bloc_heads
    words = head.split()
    pos = head_end
    end = head_end
    # a head whose last word is capitalised already names something ("Hội đồng Thi đua")
    started = len(words) > 1 and words[-1][:1].isupper() and not bloc
    lower_ok = head_key in names.lower_case_heads
    group = head_key in names.group_heads
    caps_run = 0
    prev_abbr = False
    after_so = False
    number_next = False  # the word before names a place by number ("Quận 5", "Phường 14")
    after_level = False  # the word before is a bare place level ("... huyện")
    place_named = False  # a place level and its capitalised name were read ("... phường Hà Giang")
    kind = lexicon.unit_type(head)
    military = kind == names.military_type  # its branch may precede its number
    numbered_name = kind in names.numbered_name_types
    campaign = head_key in names.campaign_heads  # a quoted campaign may name it ("BCĐ phong trào “...”")
    # "Trung tâm kiểm soát bệnh tật tỉnh Trà Vinh": a capitalised head, lower-case words and a place
    sentence = names.sentence_case_re.match(text, head_end) \
        if not (started or lower_ok or bloc or group) and _is_cap(text[head_end - len(head):head_end]) else None
    sentence_end = sentence.end() if sentence and sentence.end() <= limit else -1
    for at in _word_starts(head, head_end - len(head))[1:] if len(words) > 2 and not started else ():
        inside = lexicon.compound_re.match(text, at)  # "Đội Cảnh sát giao thông": a fixed phrase the head opens
        if inside and head_end < inside.end() <= limit:
            pos = end = inside.end()
            started = True
            break
    while pos < limit:
        m = _TOKEN.match(text, pos)
        if not m:
            break
        tok = m.group(0)
        if tok == " ":
            pos = m.end()
            continue
        if tok.isspace():  # newline or double space
            break
        word_start = pos
        level_before, after_level = after_level, False
        i = bisect_left(stops, word_start)
        if i < len(stops) and stops[i] < m.end() + 1:  # a person mention starts in this word
            break
        if word_start < sentence_end:  # a word of a name written in sentence case, verbs too ("kiểm soát")
            started = True
            pos = end = m.end()
            continue
        steered = names.campaign_re.match(text, word_start, limit) if campaign and not started else None
        if steered:  # the quotation is the name's; only a place may follow it
            pos = end = steered.end()
            started, campaign = True, False
            if not lexicon.unit_qualifier_re.match(text, pos + 1) or text[pos:pos + 1] != " ":
                break
            continue
        compound = lexicon.compound_re.match(text, word_start) \
            if started or lower_ok or _is_cap(tok.strip()) or tok.strip() in names.generic_determiners else None
        if compound and not _is_cap(tok.strip()):
            verb = lexicon.unit_stop_re.match(text, word_start)
            if verb and verb.end() >= compound.end():
                compound = None  # "Sở Nội vụ tiếp nhận hồ sơ": in lower case the verb, not "Trung tâm Tiếp nhận"
        if compound and compound.end() <= limit:  # "Thi đua – khen thưởng": one piece of the name
            started = True
            caps_run = 0
            pos = end = compound.end()
            continue
        stripped = tok.strip()
        if stripped in ("-", "–", "—"):
            nxt = text[m.end():m.end() + 40]
            w = _WORD_RUN.match(nxt)
            if bloc and started and lexicon.bloc_member_re.match(nxt):
                pos = m.end()
                continue
            if started and w and not lexicon.unit_head_re.match(nxt) and not lexicon.role_re.match(nxt) \
                    and not lexicon.unit_stop_re.match(nxt) and not lexicon.honorific_re.match(nxt.lstrip()) \
                    and not any(m.end() <= s <= m.end() + 1 for s in stops):
                pos = m.end()
                continue
            break
        if stripped == ",":
            if bloc:
                lst = lexicon.bloc_list_re.match(text[m.end():limit])
                if lst and started:
                    end = pos = m.end() + lst.end()
                    continue
                # "Cụm thi đua các Tòa án nhân dân tỉnh, thành phố": its bodies' levels, listed
                levels = names.level_list_re.match(text, m.end(), limit) \
                    if names.level_end_re.search(text, max(0, pos - names.level_reach), pos) else None
                if levels and started:
                    end = pos = levels.end()
                    continue
            break
        if stripped == "(" and (started or len(words) > 1):  # a head of several words names already
            inner = _PAREN_ABBR.match(text, word_start) or _paren_brand(text, word_start)
            after = _NEXT_WORD.match(text, inner.end(), inner.end() + 30) if inner else None
            if inner and after and (_is_cap(after.group(0).strip()) or lexicon.unit_qualifier_re.match(
                    text, after.start() + len(after.group(0)) - len(after.group(0).lstrip()))):
                pos = inner.end()  # "Hội Cựu chiến binh (CCB) huyện Ninh Sơn": the abbreviation is the name's
                continue
            break
        if not _WORD_CHAR.match(tok):
            break
        if stripped == lexicon.located_word and _located_here(text, word_start, lexicon):
            pos = m.end()  # "... cấp cao tại Thành phố Hồ Chí Minh": the place is the name's
            continue
        if lexicon.unit_stop_re.match(text, word_start) and not (after_so and _ROMAN.match(stripped)):
            conj = lexicon.conjunction + " "
            if stripped == lexicon.conjunction or text.startswith(conj, word_start):
                nxt = text[word_start + len(conj):word_start + 40]
                w = _WORD_RUN.match(nxt)
                if started and w and _is_cap(w.group(0)) and not lexicon.unit_head_re.match(nxt) \
                        and not _char_before(text, word_start).isdigit() \
                        and not lexicon.document_word_re.match(nxt) \
                        and not lexicon.role_re.match(nxt) and not lexicon.honorific_re.match(nxt) \
                        and not lexicon.award_re.match(nxt):
                    pos = word_start + len(conj)  # not "Bộ Chính trị và Chỉ thị 78", "Công an tỉnh và Đại tá ...",
                    # "... cho UBND huyện Tam Nông và Bằng khen cho 5 cá nhân"
                    continue
            break
        qual = lexicon.unit_qualifier_re.match(text, word_start)
        if qual and level_before and qual.group(0) in names.generic_determiners:
            break  # "tham mưu cho UBND tỉnh các giải pháp": the place's level ends the name
        if qual:
            after_level = names.level_end_re.search(" " + qual.group(0)) is not None
            after_so = qual.group(0) == names.number_word
            lower_ok = lower_ok or (group and qual.group(0) == names.group_word)
            number_next = match_key(qual.group(0)) in names.numbered_places
            pos = end = qual.end()
            if text.startswith(".", pos) and text[pos + 1:pos + 2].isupper():
                pos = end = pos + 1  # "Công an TP.HCM": the place glued to its level's abbreviation
            if qual.group(0) in names.naming_qualifiers:
                started = True
            continue
        numbered = stripped.isdigit() and (after_so or number_next or (head_key in names.numbered_heads and (
            not started or end == head_end == word_start - 1  # "Bệnh viện Quân y 175"
            or (military and end == word_start - 1))))  # "Sư đoàn Phòng không 361"
        if stripped.isdigit() and numbered_name and started and end == word_start - 1 and not _YEAR_LIKE.match(stripped) \
                and (_NAME_CLOSES.match(text, m.end()) or names.member_end_re.match(text, m.end())
                     or text.startswith(f" {lexicon.conjunction} ", m.end())):
            numbered = True  # "Công ty cổ phần May 10,", "... Xi măng Hà Tiên 1 được": the number ends the name
        if stripped.isdigit() and len(stripped) <= 2 and place_named and end == word_start - 1 \
                and (_NAME_CLOSES.match(text, m.end()) or names.member_end_re.match(text, m.end())
                     or (lexicon.unit_stop_re.match(text, m.end() + 1)
                         and not names.number_unit_re.match(text, m.end() + 1))):  # not "Ba Vì 2 năm liền"
            numbered = True  # "UBND phường Hà Giang 1 và ...": a place numbered after its name
        # "Chi nhánh Khu vực 10": a capitalised place level of two words numbers its place too
        number_next = match_key(stripped) in names.numbered_places \
            or match_key(text[text.rfind(" ", 0, word_start - 1) + 1:m.end()]) in names.numbered_places
        inner = lexicon.unit_head_re.match(text, word_start) if _is_cap(stripped) and depth < 3 else None
        if inner and inner.end() > m.end() and not _not_a_head(text, inner, lexicon):
            started, caps_run, prev_abbr, after_so = True, 0, False, False
            pos = end = max(inner.end(), _parse_name(text, inner.end(), limit, inner.group(0), lexicon, stops, depth + 1))
            continue
        rank = lexicon.honorific_re.match(text, word_start) if _is_cap(stripped) else None
        if rank is not None and " " in rank.group(0).strip() and _CAP_AFTER.match(text, rank.end()):
            break  # "Trưởng Công an xã Tân Phú Thượng tá Lê Văn Nhàn": a rank, then the person
        if _is_cap(stripped) or (after_so and _ROMAN.match(stripped)) or numbered:
            place_named = (level_before or place_named) and _is_cap(stripped)
            started = True
            after_so = False
            caps_run += stripped not in names.legal_forms  # "Công ty TNHH MTV Cao su ...": the form counts not
            prev_abbr = is_abbreviation(stripped)
            pos = end = m.end()
            if text[pos:pos + 1] == "." and not (prev_abbr and _DOT_WORD.match(text[pos:pos + 2])):
                break  # sentence end after the name
            continue
        after_country = text[max(0, word_start - 9):word_start].rstrip().endswith(names.country)
        if stripped.islower() and not (bloc or group) and (
                level_before or ends_in_place(text[head_end:end], lexicon.place_level_end_re, lexicon.places)):
            break  # "Công an tỉnh Nghệ An bắt giữ", "Trung tâm Chính trị huyện mở lớp": a place ends a name
        if stripped.islower() and not (bloc or group) and _ends_in_local_place(text[head_end:end], lexicon):
            break  # "Đồn Biên phòng Lũng Cú xóa 87 nhà tạm": a district's or commune's name ends a name
        if (started or lower_ok) and stripped.islower() and caps_run <= 2 and not prev_abbr and not after_country:
            started = True
            caps_run = 0
            pos = end = m.end()
            if text[pos:pos + 1] == ".":
                break
            continue
        break
    return end if started else head_end


def _char_before(text: str, at: int) -> str:
    """The last character before ``at`` that is no space ("" at the text's start), read
    without copying the text before it."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return text[at - 1] if at > 0 else ""


def _ends_in_local_place(name: str, lexicon: Lexicon) -> bool:
    """Does a name end in the capitalised name of a district or a commune, of two words or
    more ("Đồn Biên phòng Lũng Cú")? A word in lower case after it is no part of the name."""
    words = name.split()
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
    return len(words) - k >= 2 and lexicon.places.is_place(" ".join(words[k:]))


# A paper's or agency's tag opening the lead ("QĐND - Ngày 12-4, ...", "(TTXVN) – ..."):
# the source of the article, no body of it (ANNOTATION.md, settled cases).
# "(TPO) - ", "QĐND - ", "(QĐND Online) - ", "PLO - ": a paper's tag, its edition's word after it
_LEAD_TAG = re.compile(r"(\(?[A-ZĐ][A-ZĐ0-9.&]{1,11}(?:\s+(?:Online|online|ONLINE|News|TV|điện tử))?\)?)\s*[-–—]\s")

def _lead_tags(doc: Document) -> list[tuple[int, int]]:
    """The spans of a paper's tag opening the document's first line or its first body line."""
    lead = [*doc.segments[:1], *[s for s in doc.segments if s.kind == "body"][:1]]
    return [tag.span(1) for s in lead if (tag := _LEAD_TAG.match(doc.text, s.start, s.end))]


# The end of a list: a full stop and a space, a line end, or a full stop glued to the next
# sentence by a scraper ("... và Nông Sơn.Theo đó"); not "TP.HCM".
_LIST_END = regex.compile(r"\.(?:\s|$)|\n|\.(?=\p{Lu}\p{Ll})")
_NEXT_WORD = re.compile(r"\s*[\w&]+")
# An abbreviation in parentheses inside a name: "(CCB)", "(LHPN)", "(TĐKT)".
_PAREN_ABBR = re.compile(r"\(\s*(?:[A-ZĐ][A-ZĐ&.\-]*[A-ZĐ]|[A-ZĐ]{2,})\s*\)")


_PAREN_BRAND = re.compile(r"\(\s*([A-Z][A-Za-z]{2,})\s*\)")


def _paren_brand(text: str, at: int) -> re.Match[str] | None:
    """A brand in parentheses inside a name ("Ngân hàng Nông nghiệp và Phát triển Nông thôn
    Việt Nam (Agribank) Chi nhánh tỉnh Gia Lai"): a word that is no Vietnamese syllable."""
    m = _PAREN_BRAND.match(text, at)
    return m if m is not None and not is_syllable(m.group(1)) else None


def without_inner_abbreviation(name: str) -> str:
    """A name without the abbreviation it gives of itself in parentheses.

    >>> without_inner_abbreviation("Hội Cựu chiến binh (CCB) huyện Ninh Sơn")
    'Hội Cựu chiến binh huyện Ninh Sơn'
    >>> without_inner_abbreviation("Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank) Chi nhánh Hà Tĩnh")
    'Ngân hàng TMCP Ngoại thương Việt Nam Chi nhánh Hà Tĩnh'
    """
    if "(" not in name:
        return name
    name = _PAREN_ABBR_INSIDE.sub("", name)
    return _PAREN_BRAND_INSIDE.sub(lambda m: m.group(0) if is_syllable(m.group(1)) else "", name)


_PAREN_ABBR_INSIDE = re.compile(r"\s*" + _PAREN_ABBR.pattern + r"(?=\s|$)")
_PAREN_BRAND_INSIDE = re.compile(r"\s*" + _PAREN_BRAND.pattern + r"(?=\s)")


def _starts_with_word_of(key: str, prefixes: tuple[str, ...]) -> bool:
    """Does ``key`` start with one of ``prefixes`` followed by a word boundary?

    >>> _starts_with_word_of("trung tâm hội nghị quốc gia", ("trung tâm hội nghị",))
    True
    >>> _starts_with_word_of("trung tâm hội nghịch", ("trung tâm hội nghị",))
    False
    """
    return any(key.startswith(p) and (len(key) == len(p) or not key[len(p)].isalnum()) for p in prefixes)


def _located_here(text: str, at: int, lexicon: Lexicon) -> bool:
    """Is the "tại" at ``at`` part of a name ("Tòa án nhân dân cấp cao tại Hà Nội")?

    >>> t = "Chánh án Tòa án nhân dân cấp cao tại Hà Nội"
    >>> _located_here(t, t.index("tại"), Lexicon.load()), _located_here("họp tại Hà Nội", 5, Lexicon.load())
    (True, False)
    """
    return any(m.end() > at >= m.start() for m in lexicon.located_re.finditer(text, max(0, at - 20), at + 12))


def _cut_word(word: str) -> bool:
    """Is the last word of a text a word cut short, not a syllable or an abbreviation?

    >>> _cut_word("Kh"), _cut_word("Khối"), _cut_word("TTKH")
    (True, False, False)
    """
    return word.isalpha() and not word.isupper() and not is_syllable(word)


def _longer_not_heads(lexicon: Lexicon, head_key: str) -> tuple[str, ...]:
    """The "not a head" entries that begin with this head and go on ("Trung tâm Hội nghị")."""
    return tuple(k for k in lexicon.not_head_keys if len(k) > len(head_key) and _starts_with_word_of(k, (head_key,)))


def _not_a_head(text: str, h: re.Match[str], lexicon: Lexicon) -> bool:
    """Does the head match begin an ordinary word ("Hội nghị", "Sở hữu", "Trung tâm Hội nghị")?
    Not before a party committee: "Ban Tổ chức Tỉnh ủy" is a body, a meeting's "Ban Tổ chức" none."""
    if lexicon.committee_department_re.match(text, h.start()):
        return False
    nxt_word = _NEXT_WORD.match(text, h.end(), h.end() + 20)
    probe = text[h.start():nxt_word.end() if nxt_word else h.end()]
    head_key = match_key(h.group(0))
    not_heads = lexicon.cached(("not_heads", head_key), partial(_longer_not_heads, lexicon, head_key))
    return match_key(probe) in lexicon.not_head_keys or bool(not_heads and _starts_with_word_of(
        match_key(text[h.start():h.end() + 40]), not_heads))


def _in_office_word(text: str, h: re.Match[str], lexicon: Lexicon) -> bool:
    """Is the head the first syllable of an office ("Vụ trưởng", "Bộ trưởng", "Cục trưởng",
    "Đội phó"): a role of ``titles.toml`` that starts where the head does and runs past it,
    the head naming nothing alone?"""
    if lexicon.role_suffix_re.match(text, h.end()) \
            and lexicon.unit_names.office_word_end_re.search(text, max(0, h.start() - 10), h.start()):
        return True  # "Phó Trưởng Ban Thường trực Ban Dân vận": the standing deputy's office, then the body
    if match_key(h.group(0)) in lexicon.complete_head_keys:
        return False  # "Tỉnh ủy viên": the committee is named all the same
    office = lexicon.role_re.match(text, h.start())
    return office is not None and office.end() > h.end() and not text[h.end():office.end()].strip()[:1].isupper()


def _office_suffix(text: str, h: re.Match[str], lexicon: Lexicon) -> bool:
    """Is a head that can also end an office written right after one ("Phó Bí thư
    Thường trực Tỉnh ủy": the standing deputy, not the standing body)?"""
    if match_key(h.group(0)) not in lexicon.unit_names.office_suffix_heads:
        return False
    return lexicon.role_end_re.search(text, max(0, h.start() - 40), h.start()) is not None


# a count right before a head, after a lower-case word or a sign (not "Quân khu 7 ..."): bodies counted
_COUNTED_BEFORE = re.compile(rf"(?:^|[\s,;:(]{LOWER_LETTER}[^\W\d_]*\s+|[,;:(]\s*)\d{{1,4}}\s+$")


def _plural(text: str, h: re.Match[str], name_end: int, lexicon: Lexicon) -> bool:
    """Does a name stand for a kind of body rather than one: after "các"/"những"/"mọi"
    or a count, with no name of its own or ending in a bare place level ("các Tỉnh ủy", "các
    VKSND tỉnh", "96 Công an xã"), the next of a list a determiner opened with no name of its
    own ("các Tỉnh ủy, Thành ủy"), or holding "các <place level>" (not a bloc's: "Cụm thi
    đua các tỉnh ...")?"""
    names = lexicon.unit_names
    name = text[h.start():name_end]
    if names.determiner_before_re.search(text, max(0, h.start() - 8), h.start()) \
            or _COUNTED_BEFORE.search(text, max(0, h.start() - 30), h.start()):
        if name_end == h.end() or names.level_end_re.search(name):
            return True  # "các Tỉnh ủy", "96 Công an xã, phường", "150 UBND xã": bodies counted, none named
    if name_end == h.end() and names.determiner_list_before_re.search(text, max(0, h.start() - 45), h.start()):
        return True  # "các Tỉnh ủy, Thành ủy": the list's next kind of body (not "các Sở, Công an tỉnh")
    return match_key(h.group(0)) not in names.group_heads and names.plural_level_re.search(name) is not None


def _inside_place_name(text: str, start: int, surface: str, lexicon: Lexicon) -> bool:
    """Is a head at ``start`` a syllable of a place's name written after its level ("xã
    Lịch Hội Thượng": the commune, no "Hội Thượng"): capitalised words between the level and
    the head, which with the head's first words make a known place?"""
    if text[start - 1:start] != " ":
        return False
    parts = text[max(0, start - 40):start - 1].split(" ")
    caps: list[str] = []
    while len(parts) > 1 and len(caps) < 3 and parts[-1][:1].isupper():
        caps.insert(0, parts.pop())
    if not caps or not lexicon.place_level_end_re.search(" ".join(parts) + " "):
        return False
    after = surface.split()
    return any(lexicon.places.is_place(" ".join(caps + after[:k])) for k in range(1, min(3, len(after)) + 1))


def _repeated_head(text: str, h: re.Match[str], lexicon: Lexicon) -> bool:
    """Is a head written again, capitalised, right after itself ("Phó trưởng cụm Cụm thi
    đua số 9": the first "cụm" ends the office, the body is the second)? Not when the
    second opens a fixed phrase of the name ("Phòng Phòng cháy, chữa cháy")."""
    nxt = lexicon.unit_head_re.match(text, h.end() + 1) if text[h.end():h.end() + 1] == " " else None
    return nxt is not None and _is_cap(nxt.group(0)) and match_key(nxt.group(0)).startswith(match_key(h.group(0))) \
        and lexicon.compound_re.match(text, nxt.start()) is None


def _candidates_from_heads(doc: Document, lexicon: Lexicon, regions: Sequence[tuple[int, int]], rule: str,
                           taken: Spans | None = None, stops: tuple[int, ...] = ()) -> Iterator[Candidate]:
    """Units from every head in ``regions`` (in text order), outside ``taken`` and the
    names already found: those start before each new head, so the furthest end reached
    tells whether a head lies inside one."""
    reach = -1
    for start, end in regions:
        for c in _from_heads(doc, lexicon, start, end, rule, taken, stops, reach):
            if not c.get("bare"):
                reach = max(reach, c.end)
            yield c


def _from_heads(doc: Document, lexicon: Lexicon, start: int, end: int, rule: str, taken: Spans | None,
                stops: tuple[int, ...], reach: int) -> Iterator[Candidate]:
    text = doc.text
    for h in lexicon.unit_head_re.finditer(text, start, end):
        if h.start() < reach or (taken is not None and taken.overlaps(h.start(), h.start() + 1)):
            continue
        if _not_a_head(text, h, lexicon) or _office_suffix(text, h, lexicon) or _in_office_word(text, h, lexicon) or _repeated_head(text, h, lexicon):
            continue
        head = h.group(0)
        name_end = _parse_name(text, h.end(), end, head, lexicon, stops)
        if name_end == len(text) and name_end > h.end() and _cut_word(text[text.rfind(" ", 0, name_end) + 1:]):
            # an excerpt cut mid-word ("... Đại hội Đảng bộ Kh"): the last word is not the name's
            name_end = max(h.end(), text.rfind(" ", h.end(), name_end))
        surface = text[h.start():name_end].rstrip(" .,")
        name_end = h.start() + len(surface)
        kind = lexicon.unit_type(head)
        if name_end > h.end() and (lexicon.places.is_place(surface) or _inside_place_name(text, h.start(), surface, lexicon)):
            reach = max(reach, name_end)  # "Hội An", "các huyện Mù Cang Chải, Trạm Tấu", "xã Lịch Hội Thượng": places
            continue
        if _plural(text, h, name_end, lexicon):
            reach = max(reach, name_end)  # "các VKSND tỉnh", "Hội Chữ thập đỏ các huyện": a kind of body, none named
            continue
        if lexicon.unit_names.generic_name_re.match(text[h.end():name_end]) and \
                not lexicon.compound_re.match(text, h.end() + 1) and \
                not (match_key(head) in lexicon.unit_names.group_heads | lexicon.unit_names.numbered_heads
                     and len(text[h.end():name_end].split()) >= 3):
            name_end = h.end()  # "Công an các tỉnh", "Công an 7 tỉnh": no specific body
            surface = head
        if name_end == h.end() and match_key(head) not in lexicon.complete_head_keys:
            yield Candidate("unit", surface, surface, h.start(), name_end, "units.bare_head", 0.3,
                            freeze(unit_type=kind, bare=True))
            continue
        yield Candidate("unit", surface, surface, h.start(), name_end, rule, 0.8,
                        freeze(unit_type=kind, bare=False, head_end=h.end()))
        reach = max(reach, name_end)


def _acronym_heads(doc: Document, lexicon: Lexicon, regions: Sequence[tuple[int, int]], stops: tuple[int, ...],
                   taken: Spans) -> Iterator[Candidate]:
    """Lower-case heads of ``acronym_heads`` followed by an abbreviation (not a Roman
    numeral): the abbreviation names the body, and the name runs on as a capitalised
    head's would. The head must open a phrase: after punctuation, after an office
    ("chuyên viên phòng VHTT") or in one ("Trưởng phòng QLTH"), or after a function word
    ("của sở GD&ĐT"); after any other word it is a syllable of an ordinary word
    ("nghiệp vụ PCCC", "Đại hội XII")."""
    text = doc.text
    for start, end in regions:
        # found from the abbreviation back: capitals are rarer than the heads' letters
        for a in _ABBREVIATION_AFTER_SPACE.finditer(text, start, end):
            h = lexicon.unit_names.acronym_head_end_re.search(text, max(start, a.start() - _ACRONYM_HEAD_REACH),
                                                             a.start())
            if h is None or taken.overlaps(h.start(), h.start() + 1):
                continue
            word = _TOKEN.match(text, h.end() + 1)
            if word is None or not is_abbreviation(word.group(0)) or _ROMAN.match(word.group(0)):
                continue
            if not _opens_phrase(text, h.start(), h.end(), lexicon):
                continue
            head = h.group(0)[:1].upper() + h.group(0)[1:]
            name_end = _parse_name(text, h.end(), end, head, lexicon, stops)
            surface = text[h.start():name_end].rstrip(" .,")
            if len(surface) <= len(head):
                continue
            yield Candidate("unit", surface, surface, h.start(), h.start() + len(surface), "units.acronym_head", 0.8,
                            freeze(unit_type=lexicon.unit_type(head), bare=False, head_end=h.end()))


def _office_heads(doc: Document, lexicon: Lexicon, regions: Sequence[tuple[int, int]], stops: tuple[int, ...],
                  taken: Spans) -> Iterator[Candidate]:
    """Lower-case heads that end an office (``office_heads``: "Phó Trưởng ban Tuyên giáo
    Tỉnh ủy", "Trưởng khoa Nhi") and the capitalised name after them: the body the office
    is of. Not an office's own word ("Phó Trưởng ban Thường trực Ban ...")."""
    text = doc.text
    for start, end in regions:
        for m in lexicon.unit_names.office_head_re.finditer(text, start, end):
            h0, h1 = m.span(1)
            if taken.overlaps(h0, h0 + 1) or lexicon.role_suffix_re.match(text, h1) \
                    or match_key(text[m.end():m.end() + h1 - h0]) == match_key(text[h0:h1]):
                continue  # "Phó Trưởng ban Thường trực Ban ...", "Phó Trưởng ban Ban Dân vận": the office's own word
            head = text[h0].upper() + text[h0 + 1:h1]
            name_end = _parse_name(text, h1, end, head, lexicon, stops)
            surface = text[h0:name_end].rstrip(" .,")
            if len(surface) <= len(head):
                continue
            yield Candidate("unit", surface, surface, h0, h0 + len(surface), "units.office_head", 0.8,
                            freeze(unit_type=lexicon.unit_type(head), bare=False, head_end=h1))


def _brand_branches(doc: Document, lexicon: Lexicon, regions: Sequence[tuple[int, int]],
                    stops: tuple[int, ...]) -> Iterator[Candidate]:
    """A bank's or a company's brand written before its branch, which the name is of: the
    brand is an abbreviation or a word that is no Vietnamese syllable ("Agribank", "BIDV";
    not "Tại Chi nhánh ...")."""
    text = doc.text
    for start, end in regions:
        found = [m for m in lexicon.unit_names.brand_branch_re.finditer(text, start, end)
                 if is_abbreviation(m.group(1)) or not is_syllable(m.group(1))]
        ends = tuple(sorted(stops + tuple(m.start() for m in found)))  # "... Nghệ An và Agribank ...": the next one's
        for m in found:
            head = m.group(2)[:1].upper() + m.group(2)[1:]  # "chi nhánh" parsed as the head "Chi nhánh"
            head_end = m.end(2)
            name_end = _parse_name(text, head_end, end, head, lexicon, ends)
            surface = text[m.start():name_end].rstrip(" .,")
            if name_end <= head_end or len(surface) <= m.end(2) - m.start():
                continue
            yield Candidate("unit", surface, surface, m.start(), m.start() + len(surface), "units.brand_branch", 0.8,
                            freeze(unit_type=lexicon.unit_type(head), bare=False, head_end=head_end))


# a brand and a province's name after it ("Viettel Nghệ An", "VNPT Hà Tĩnh", "Agribank TP.HCM")
_BRAND_PLACE = re.compile(r"(?<![\w.&\-])([A-Z][A-Za-z0-9]{2,}|[A-ZĐ]{2,6})[ \t]+"
                          r"((?:TP\.[ \t]?|TP[ \t]+)?[A-ZĐÀ-Ỹ][\w.]*(?:[ \t]+[A-ZĐÀ-Ỹ]\w*){0,3})")


def _brand_places(doc: Document, lexicon: Lexicon, regions: Sequence[tuple[int, int]],
                  taken: Spans) -> Iterator[Candidate]:
    """``units.brand_place``: a company's or a bank's brand and the province whose branch
    it names ("Viettel Nghệ An", "VNPT Hà Tĩnh", "Agribank TP.HCM"). The brand is no
    Vietnamese syllable, no head, no known abbreviation and no family name; the place is a
    province's name; not inside a name found already. It is a branch ("Chi nhánh")."""
    text = doc.text
    branch = lexicon.unit_type(lexicon.unit_names.branch_head)
    for start, end in regions:
        for m in _BRAND_PLACE.finditer(text, start, end):
            brand = m.group(1)
            if is_syllable(brand) or taken.overlaps(m.start(), m.start() + 1) or brand in lexicon.surnames \
                    or lexicon.unit_head_re.match(text, m.start()) or lexicon.expand_abbreviations(brand) != brand:
                continue
            if _char_before(text, m.start()) == "(":
                continue  # "Công ty Xăng dầu Hà Sơn Bình (Petrolimex Hà Sơn Bình)": the name before, restated
            words = m.group(2).split()
            place = next((p for k in range(len(words), 0, -1)
                          if lexicon.places.is_province(p := " ".join(words[:k]).rstrip("."))), None)
            if place is None:
                continue
            name_end = m.start(2) + len(place)
            surface = text[m.start():name_end]
            yield Candidate("unit", surface, surface, m.start(), name_end, "units.brand_place", 0.7,
                            freeze(unit_type=branch, bare=False))


_ABBREVIATION_AFTER_SPACE = re.compile(r" (?=[A-ZĐ][A-ZĐ&.\-]*[A-ZĐ])")
_ACRONYM_HEAD_REACH = 16  # characters: the longest head of ``acronym_heads`` and more


def _opens_phrase(text: str, head_start: int, head_end: int, lexicon: Lexicon) -> bool:
    """Does the lower-case head at ``head_start`` open a phrase (see :func:`_acronym_heads`)?"""
    before_end = head_start
    while before_end > 0 and text[before_end - 1] == " ":
        before_end -= 1
    if before_end == 0 or not text[before_end - 1].isalnum():
        return True
    prev = text.rfind(" ", 0, before_end) + 1
    for pattern in (lexicon.role_re, lexicon.unit_stop_re):
        for m in pattern.finditer(text, max(0, prev - 40), head_end):
            if m.end() in (before_end, head_end) and m.start() < head_start + 1:
                return True
    return False


def _member_lists(doc: Document, lexicon: Lexicon) -> Iterator[Candidate]:
    text = doc.text
    for intro in lexicon.unit_names.list_intro_re.finditer(text):
        stop = _LIST_END.search(text, intro.end())
        list_end = stop.start() if stop else len(text)
        body = text[intro.end():list_end]
        sep = ";" if ";" in body else ","
        pos = intro.end()
        parts = _split_members(body, lexicon) if sep == "," else body.split(";")
        for part in parts:
            at = text.find(part, pos)
            pos = at + len(part)
            item = part.strip().rstrip(".…").rstrip()  # "..., Hợp tác xã Nông nghiệp Nghi Văn...": the list goes on
            item = re.sub(rf"\s*\([^)]*\)\s*$|\s+[-–]\s+{LOWER_LETTER}.*$", "", item)
            item = lexicon.leading_conjunction_re.sub("", item)
            if not item or not item[:1].isupper() or len(item) > 120 or not re.match(r"^[\w&.\- –,]+$", item):
                continue
            head = lexicon.unit_head_re.match(item)
            item = _member_end(item, lexicon)
            start = text.find(item, at)
            if head is None and lexicon.places.is_place(item):
                continue  # "các huyện: Ba Vì, Thạch Thất": places listed as places are not bodies
            kind = lexicon.unit_type(head.group(0)) if head else lexicon.unit_names.listed_type
            yield Candidate("unit", item, item, start, start + len(item), "units.member_list", 0.8,
                            freeze(unit_type=kind, bare=False))


def _split_members(body: str, lexicon: Lexicon) -> list[str]:
    """A list's members, split at its commas and at "và" before a capital, but not inside
    an official name ("Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh, Truyền hình
    Lâm Đồng": the fixed phrases and the heads that hold a separator).

    >>> [p.strip() for p in _split_members("Sở Nội vụ, Sở Văn hóa, Thể thao và Du lịch và Sở Y tế", Lexicon.load())]
    ['Sở Nội vụ', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Y tế']
    """
    whole = [m.span() for m in lexicon.compound_re.finditer(body)]
    whole += [m.span() for m in lexicon.unit_head_re.finditer(body) if "," in m.group(0) or " " + lexicon.conjunction + " " in m.group(0)]
    parts, at = [], 0
    for cut in re.finditer(lexicon.list_split_re_template.format(sep=","), body):
        if not any(a < cut.end() and cut.start() < b for a, b in whole):
            parts.append(body[at:cut.start()])
            at = cut.end()
    return [*parts, body[at:]]


def _member_end(item: str, lexicon: Lexicon) -> str:
    """A listed member without the sentence it runs into (the list's last: "..., Quốc Oai
    được tặng Cờ thi đua"): it ends before a verb's auxiliary ([names] ``member_end_words``)."""
    found = lexicon.unit_names.member_end_re.search(item)
    return item if found is None else item[:found.start()].rstrip(" ,")


def _national(m: re.Match[str], lexicon: Lexicon, rule: str) -> Candidate:
    """A national body of ``data/units.toml`` matched by ``national_re``."""
    name = lexicon.national_by_key[match_key(m.group(0))]
    kind_head = lexicon.unit_head_re.match(name)
    return Candidate("unit", m.group(0), name, m.start(), m.end(), rule, 0.95,
                     freeze(unit_type=lexicon.unit_type(kind_head.group(0)) if kind_head else "Cơ quan", bare=False))


def _ends_a_head(text: str, start: int, lexicon: Lexicon) -> bool:
    """Is the lower-case word at ``start`` the last syllable of a head that the word
    before it opens ("Đảng bộ Công an", "Đảng ủy Khối")? A national body written so is
    inside that head's name, not named itself.

    >>> lex = Lexicon.load()
    >>> _ends_a_head("Đảng bộ Công an tỉnh", 5, lex), _ends_a_head("của bộ Công an", 4, lex)
    (True, False)
    """
    if not text[start:start + 1].islower() or start < 2 or text[start - 1] != " ":
        return False
    prev = text.rfind(" ", 0, start - 1) + 1
    head = lexicon.unit_head_re.match(text, prev) if _is_cap(text[prev:start]) else None
    return head is not None and head.end() > start


def _inside_any(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Is ``offset`` inside one of the sorted, non-overlapping ``spans``?"""
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def extract_units(doc: Document, lexicon: Lexicon, people: Sequence[Candidate] = ()) -> list[Candidate]:
    """Every unit mention found by every rule: named bodies with their type, nested
    bodies, bare heads; outside quotations. The same span may come from two rules.

    >>> from extractors.base import body_document
    >>> lex = Lexicon.load()
    >>> d = body_document("Tham dự có đại diện Vụ Thi đua - Khen thưởng Bộ Khoa học và Công nghệ.")
    >>> [(c.text, c.rule) for c in extract_units(d, lex)]
    [('Bộ Khoa học và Công nghệ', 'units.national'), ('Vụ Thi đua - Khen thưởng Bộ Khoa học và Công nghệ', 'units.head_name'), ('Bộ Khoa học và Công nghệ', 'units.nested')]
    """
    text = doc.text
    quotes = quoted_spans(text)
    stops = tuple(sorted(p.start for p in people))
    regions = [(s.start, s.end) for s in doc.segments
               if s.kind in ("body", "caption", "headline", "dateline", "byline", "table")] or [(0, len(text))]
    # photo credits, source lines and page furniture name no body of the article
    # a photo credit names no body; a caption written after "Ảnh:" does ("(Ảnh: Đồng chí X, Chủ tịch UBND tỉnh trao ...)")
    skipped = sorted([m.span() for m in lexicon.credit_re.finditer(text) if len(m.group(0).split()) <= _CREDIT_WORDS] +
                     [(s.start, s.end) for s in doc.segments if s.kind in ("source", "chrome", "footer")] +
                     _lead_tags(doc))
    out: list[Candidate] = []
    for m in lexicon.national_re.finditer(text):
        if _ends_a_head(text, m.start(), lexicon):
            continue  # "Đảng bộ Công an tỉnh": the syllable is the head's, no "Bộ Công an"
        if text[m.start()].islower() and lexicon.unit_names.national_word_opener_re.search(text, max(0, m.start() - 12),
                                                                                          m.start()):
            continue  # "cán bộ Công an tỉnh": a common word's syllable, no "Bộ Công an"
        if match_key(m.group(0)) in lexicon.unit_names.continued_national_keys \
                and lexicon.unit_names.other_body_after_re.match(text, m.end()):
            continue  # "BCH Trung ương Đoàn": another organisation's central committee, not the Party's
        out.append(_national(m, lexicon, "units.national"))
        # a national body ending another's name ("Trung ương Đoàn TNCS Hồ Chí Minh" names "Đoàn TNCS Hồ Chí Minh")
        ending = next((n for n in lexicon.national_re.finditer(text, m.start() + 1, m.end()) if n.end() == m.end()), None)
        if ending is not None:
            out.append(_national(ending, lexicon, "units.nested"))
    members = list(_member_lists(doc, lexicon))
    out.extend(members)
    branches = list(_brand_branches(doc, lexicon, regions, stops))
    out.extend(branches)
    out.extend(_candidates_from_heads(doc, lexicon, regions, "units.head_name",
                                      Spans((c.start, c.end) for c in members + branches),
                                      tuple(sorted(stops + tuple(c.start for c in branches)))))
    out.extend(_acronym_heads(doc, lexicon, regions, stops, Spans((c.start, c.end) for c in out if not c.get("bare"))))
    out.extend(_office_heads(doc, lexicon, regions, stops, Spans((c.start, c.end) for c in out if not c.get("bare"))))
    out.extend(_brand_places(doc, lexicon, regions, Spans((c.start, c.end) for c in out if not c.get("bare"))))
    # nested units inside a named unit: its parent
    nested: list[Candidate] = []
    outer = [c for c in out if not c.get("bare") and c.rule in ("units.head_name", "units.member_list")]
    for c in outer:  # growing: the bodies inside those too ("Chi bộ Văn phòng Sở Tài chính": "Văn phòng Sở Tài chính", "Sở Tài chính")
        flat = c.get("unit_type") in lexicon.unit_names.flat_types
        own_head = lexicon.unit_head_re.match(text, c.start) if c.get("head_end") is None else None
        head_end = c.get("head_end") or (own_head.end() if own_head else c.start + 1)  # a listed member's own head
        if match_key(text[c.start:head_end]) in lexicon.unit_names.belonging_head_keys:
            head_end = text.index(" ", c.start)  # "Đoàn Khối ...": the bloc's name opens after "Đoàn"
        standing = lexicon.unit_head_re.match(text, head_end + 1) if text[head_end:head_end + 1] == " " else None
        if standing is not None and match_key(standing.group(0)) in lexicon.unit_names.office_suffix_heads:
            head_end = standing.end()  # "Ban Thường trực Ủy ban MTTQ tỉnh": the standing body itself, then its body
        sector_at = head_end + 1 if c.get("unit_type") in lexicon.unit_names.enterprise_types else -1
        inner = [n for n in _candidates_from_heads(doc, lexicon, [(head_end, c.end)], "units.nested")
                 if not n.get("bare") and n.end == c.end and _is_cap(n.text)
                 and n.start != sector_at  # "Tổng công ty Bưu điện Việt Nam": its trade, no body
                 and not (n.start == head_end + 1 and match_key(text[n.start:n.get("head_end") or n.start])
                          in lexicon.unit_names.field_head_keys)  # "Cục Thuế tỉnh Bình Dương": its field
                 and n.get("unit_type") not in lexicon.unit_names.branch_types  # "Agribank Chi nhánh X": itself
                 and (not flat or (c.get("unit_type") == lexicon.unit_names.union_type
                                   and n.get("unit_type") in lexicon.unit_names.union_members))]
        if inner:
            parent = inner[0]
            nested.append(parent)
            outer.append(parent)
    out.extend(nested)
    skip = Spans(skipped)
    kept = [c for c in out if not _inside_any(c.start, quotes) and c.text and not skip.overlaps(c.start, c.start + 1)]
    kept += _defined_abbreviations(text, kept, quotes, skip, lexicon)
    return _mark_parenthesised(text, kept)


# "(PC02)", "(BQL KCN)", "(PC Quảng Ngãi)": an abbreviation, with more letters or its place's name
_ABBR_WORD = rf"{CAPITAL}(?:{CAPITAL}|[0-9&.\-]){{1,11}}"
_DEFINED = re.compile(rf"\s*\(\s*({_ABBR_WORD}(?: (?:{_ABBR_WORD}|{CAPITAL}[^\W\d_]+)){{0,3}}|[A-Z][a-z]+[A-Za-z]+)\s*\)")


def _defined_abbreviations(text: str, cands: list[Candidate], quotes: list[tuple[int, int]],
                           skip: Spans, lexicon: Lexicon) -> list[Candidate]:
    """``units.defined_abbreviation``: an abbreviation that a named unit defines in
    parentheses right after its name ("Phòng Cảnh sát hình sự (PC02)", "Công ty Điện lực
    Quảng Ngãi (PC Quảng Ngãi)"), and every later mention of it ("PC02 đã triệt phá ..."),
    where no rule found a unit already."""
    starts = {c.start for c in cands}
    taken = Spans((c.start, c.end) for c in cands if not c.get("bare"))
    out: list[Candidate] = []
    for c in cands:
        m = _DEFINED.match(text, c.end) if not c.get("bare") else None
        brand = " " not in m.group(1) and not is_syllable(m.group(1)) if m is not None else False  # "(Agribank)"
        if m is None or m.start(1) in starts or _ROMAN.match(m.group(1)) \
                or (sum(ch.isupper() for ch in m.group(1)) < 2 and not _CODE.fullmatch(m.group(1)) and not brand):
            continue
        if lexicon.unit_qualifier_re.match(m.group(1)):
            continue  # "Trường THPT Nguyễn Trãi (TP Hải Dương)": where it is, no form of its name
        abbr = m.group(1)
        attrs = freeze(unit_type=c.get("unit_type"), bare=False)
        for n in re.compile(rf"(?<![\w&.]){re.escape(abbr)}(?![\w&])").finditer(text, m.start(1)):
            at = n.start()
            if at in starts or taken.overlaps(at, at + 1) or _inside_any(at, quotes) or skip.overlaps(at, at + 1):
                continue
            starts.add(at)
            out.append(Candidate("unit", abbr, abbr, at, at + len(abbr), "units.defined_abbreviation", 0.8, attrs))
    return out


_CODE = re.compile(r"[A-ZĐ]\d{2,3}")  # a police or army department's code ("Cục Cảnh sát giao thông (C08)")
_CREDIT_WORDS = 8  # the longest credit: "Ảnh: Công Mạo - TTXVN", "Ảnh: Trung tâm Văn hóa huyện cung cấp"
_OPENS_PAREN = re.compile(r"\s*\($")
_CLOSES_PAREN = re.compile(r"\s*[)/]")


def _mark_parenthesised(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A named unit written alone in parentheses right after another's name ("Công ty
    Xăng dầu Hà Sơn Bình (Petrolimex Hà Sơn Bình)", "Ban Thi đua - Khen thưởng (Sở Nội
    vụ)") gets ``after_name``: the span of the longest name before the parenthesis
    (:mod:`pipeline.resolve.units` decides whether it restates that name or is its parent)."""
    ends: dict[int, Candidate] = {}
    for c in cands:
        if not c.get("bare") and (c.end not in ends or c.start < ends[c.end].start):
            ends[c.end] = c
    out = []
    for c in cands:
        opening = _OPENS_PAREN.search(text, max(0, c.start - 3), c.start)
        before = ends.get(len(text[:opening.start()].rstrip())) if opening and not c.get("bare") else None
        if before is not None and before is not c and _CLOSES_PAREN.match(text, c.end):
            c = c.but(attrs={"after_name": (before.start, before.end)})
        out.append(c)
    return out
