"""Awards: every award statement with category, issuer, grade, count, recipient, year
and status.

Rules:

- ``awards.statement``: an award name ("Cờ thi đua", "Bằng khen", "Huân chương Lao động
  hạng Nhì") in a sentence that states it was given, proposed or commended; one record
  per count ("01 Cờ thi đua của Chính phủ, 02 Cờ thi đua của Bộ" is two; "cho 30 tập
  thể và 34 cá nhân" is two);
  awards listed together before their recipients ("tặng Bằng khen, Giấy khen cho 13 tập
  thể") have no count each;
- ``awards.exemplary``: "biểu dương, tôn vinh 01 tập thể và 03 cá nhân điển hình tiên
  tiến" → ``Điển hình tiên tiến`` (commended), one record per count;
- ``awards.unnamed``: "khen thưởng 14 tập thể, 12 cá nhân" with no award named →
  ``Điển hình tiên tiến`` (received; proposed after "đề nghị"), one record per count;
- ``awards.continued``: "...; 5 cá nhân có thành tích ..." after an award's clause, with
  no award or verb of its own → that award again, with this count;
- ``awards.table_cell``: a year-by-year table, one record per cell; a percentage cell is
  a share (``count`` None, ``share`` set), not a count.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from extractors.base import Candidate, Document, freeze
from extractors.keys import CAPITAL, fix_name_case, match_key, parse_int
from extractors.lexicon import Lexicon

__all__ = ["extract_awards"]

_REACH = 300  # characters before an award read for a proposal verb (and an aim)
_CONDITION_REACH = 120  # characters after an award read for a criterion's "phải có"
_YEAR_PAREN = re.compile(r"\s*\(\s*((?:19|20)\d{2}(?:\s*[,;]\s*(?:19|20)\d{2})*)\s*\)")


def _clauses(doc: Document) -> Iterator[tuple[int, int, int, int]]:
    """(clause start, clause end, sentence start, sentence end) for every clause; a
    clause ends at ";" or a sentence end."""
    spans = list(doc.sentences) or [(s.start, s.end) for s in doc.segments]
    for s_start, s_end in spans:
        seg = doc.segment_at(s_start)
        if seg is not None and seg.kind in ("chrome", "footer", "table", "byline", "source"):
            continue
        pos = s_start
        for m in re.finditer(r";", doc.text[s_start:s_end]):
            yield pos, s_start + m.start(), s_start, s_end
            pos = s_start + m.end()
        yield pos, s_end, s_start, s_end


def _status(lexicon: Lexicon, before: str, sentence_status: str | None) -> str | None:
    """Proposed when a proposal verb comes before the award in its clause, else the
    status the sentence's verbs give (:func:`_sentence_status`)."""
    if lexicon.status_re["proposed"].search(before):
        return "proposed"
    return sentence_status


# what may open an item of a list of what was given, before its award: a bullet, a count
_ITEM_OPENING = re.compile(r"[\s\-+•*–]*(?:\(?\d{1,3}(?:\.\d{3})*\)?\s+)?")


def _counted_item(text: str, c_start: int, award_start: int, award_end: int, c_end: int, counted: bool,
                  lexicon: Lexicon) -> bool:
    """Is a verbless award an item of a list of what was given, with its count ("+ Bằng khen
    cho 12 tập thể;", "• 04 Bằng khen của Bộ trưởng;", "Kết quả: Bằng khen cho 12 tập thể,
    Giấy khen cho 20 cá nhân")? The award opens its line or its part of the clause (after a
    colon, a comma or a semicolon), and is counted before it or after its "cho"."""
    floor = max(c_start, award_start - _REACH)
    opening = max(floor, *(text.rfind(sep, floor, award_start) + 1 for sep in "\n:;,"))
    if _ITEM_OPENING.fullmatch(text, opening, award_start) is None:
        return False
    if counted:
        return True
    to = _recipients_start(text, award_end, c_end, lexicon)
    return to is not None and lexicon.count_recipient_re.match(text, to) is not None


def _a_gift_of_its_own(between: str, lexicon: Lexicon) -> bool:
    """Does the text before an award end in a new gift ("..., tặng", "và trao") after what
    a commending verb governs ("biểu dương 20 điển hình tiên tiến và tặng"), so that the
    award is given, not commended? Not when the two verbs share their object ("biểu dương
    và tặng Giấy khen")."""
    gift = lexicon.award_phrases.next_gift_end_re.search(between)
    if gift is None:
        return False
    commended = [c.end() for c in lexicon.status_re["commended"].finditer(between, 0, gift.start())]
    return bool(commended) and bool(between[commended[-1]:gift.start()].strip(" ,"))


def _proposed_breakdown(text: str, start: int, end: int, lexicon: Lexicon) -> int | None:
    """Where the items of a proposal begin, when a sentence proposes and then breaks the
    proposal down after a colon ("Sở đã trình ... khen thưởng, trong đó: ..."); else None."""
    phrases = lexicon.award_phrases
    for found in (phrases.breakdown_re.search(text, start, end), phrases.listing_re.search(text, start, end)):
        if found is not None and _COLON.match(text, found.end()) and \
                lexicon.status_re["proposed"].search(text, start, found.start()):
            return found.end()
    colon = text.find(":", start, end)  # "Hội đồng đề nghị cấp trên khen thưởng: Huân chương ...; Cờ thi đua ..."
    if colon > 0 and lexicon.status_re["proposed"].search(text, start, colon) and \
            not lexicon.award_re.search(text, start, colon):
        return colon + 1
    return None


def _under_proposal(text: str, at: int, lexicon: Lexicon) -> bool:
    """Is ``at`` on an item line of a list whose lead-in line proposes ("Đề nghị cấp trên
    khen thưởng:" then "- Huân chương Lao động hạng Ba: 01 tập thể;")? Items are the lines
    right under it that open with a bullet."""
    floor = max(0, at - _ITEM_REACH)
    line_start = text.rfind("\n", floor, at) + 1
    if line_start == 0 and floor > 0:
        return False  # a line longer than any item's: no item of a list (and no scan of all the text before)
    for _ in range(_ITEM_LINES):  # items are read back to their lead-in line, a list's length at most
        if line_start <= 0:
            return False
        if not _BULLET.match(text, line_start):
            return False
        floor = max(0, line_start - 1 - _ITEM_REACH)
        prev_start = text.rfind("\n", floor, line_start - 1) + 1
        if prev_start == 0 and floor > 0:
            return False  # a lead-in longer than any: none
        prev = text[prev_start:line_start - 1].rstrip()
        if prev.endswith(":") and not _BULLET.match(prev):
            return lexicon.status_re["proposed"].search(prev) is not None and lexicon.award_re.search(prev) is None
        line_start = prev_start
    return False


_BULLET = re.compile(r"\s*[-+•*–]\s")
_ITEM_REACH = 2000  # characters: the longest line of a list item read back for its lead-in
_ITEM_LINES = 40  # the longest list of items under one lead-in line


def _sentence_status(lexicon: Lexicon, sentence: str) -> str | None:
    if lexicon.status_re["commended"].search(sentence):
        return "commended"
    if lexicon.status_re["received"].search(sentence) or lexicon.status_re["proposed"].search(sentence):
        return "received"
    return None


def _issuer_after(text: str, pos: int, lexicon: Lexicon) -> tuple[str | None, int]:
    m = lexicon.award_phrases.issuer_of_re.match(text, pos)
    if m:
        raw = m.group(1)
        cut = lexicon.award_phrases.issuer_end_re.search(raw)
        issuer = raw[: cut.start()] if cut else raw
        issuer = issuer.strip()
        if issuer:
            return issuer, m.start(1) + len(issuer)
    nat = re.match(r"\s+", text[pos:pos + 2])
    if nat:
        unit = lexicon.national_re.match(text, pos + nat.end())
        if unit:
            return unit.group(0), unit.end()
    return None, pos


def _issuer_before(before: str, lexicon: Lexicon, pattern: re.Pattern[str] | None = None) -> str | None:
    """The giver written before the verb that ends ``before`` (``pattern``: the verbs read,
    by default those of giving), or None."""
    m = (pattern or lexicon.award_phrases.issuer_before_re).search(before)
    if not m:
        return None
    delegator = lexicon.award_phrases.delegator_re.search(before)
    if delegator:
        return delegator.group(1)
    issuer = lexicon.award_phrases.on_behalf_re.split(m.group(1))[-1].strip()
    # the giver is what follows the clause's last verb ("Huyện đề nghị UBND thành phố tặng",
    # "bà Hoa cho biết Chủ tịch UBND tỉnh đã tặng"); "và" joins an official name's words
    verbs = [v.end() for v in lexicon.title_stop_re.finditer(issuer) if v.group(0) != lexicon.award_phrases.conjunction]
    verbs += [v.end() for v in lexicon.status_re["proposed"].finditer(issuer)]  # "Sở trình UBND tỉnh"
    if verbs:
        issuer = issuer[max(verbs):].strip()
    if issuer.endswith(" " + lexicon.award_phrases.conjunction):
        return None  # "X tổ chức ... phong trào Chữ thập đỏ và tuyên dương": the verb's subject is further back
    organized = lexicon.organizer_verb_re.search(issuer)
    if organized and not issuer[organized.end():].strip() and issuer[:organized.start()].strip() \
            and not lexicon.unit_head_re.fullmatch(issuer[:organized.start()].split()[-1]):  # not "Ban tổ chức"
        issuer = issuer[:organized.start()].strip()  # "Phòng GD-ĐT huyện X tổ chức tuyên dương": the organizer
    if lexicon.document_word_re.match(issuer) or lexicon.award_phrases.event_issuer_re.match(issuer):
        return None  # "trình Bộ trưởng ký ban hành Quyết định tặng ...", "Hội nghị đã biểu dương": no giver
    if _names_a_person(issuer, lexicon):
        return None  # "Thứ trưởng Nguyễn Văn Long trao ...": who presents it, not the body that gives it
    return issuer if issuer[:1].isupper() else None


def _later_grades(text: str, award_end: int, records: Sequence[tuple[int, int, int | None, str | None]],
                  lexicon: Lexicon, grade: str | None) -> list[str | None]:
    """The grade of each record of one award: its own, or one written again before a later
    count ("Huân chương Lao động hạng Nhì cho 01 tập thể, hạng Ba cho 02 tập thể": the
    second is hạng Ba), which holds for the counts after it."""
    out = []
    prev = award_end
    for _, r_end, count, _ in records:
        digit = _DIGITS.search(text, prev, r_end)
        count_at = digit.start() if digit else None
        if count is not None and count_at is not None:
            sep = _LIST_SEP.search(text, prev, count_at)  # ", hạng Ba cho 02 ...": the grade opens a list's item
            later = lexicon.grade_re.match(text, sep.end()) if sep else None
            if later and lexicon.award_phrases.recipient_preposition_re.fullmatch(text, later.end(), count_at):
                grade = later.group(0).strip()
        out.append(grade)
        prev = max(prev, r_end)
    return out


_DIGITS = re.compile(r"\d")
_LIST_SEP = re.compile(r"[,;]\s*")


def _names_a_person(issuer: str, lexicon: Lexicon) -> bool:
    """Does a giver name a person: an honorific or a rank opening it ("Đồng chí X", "Thiếu
    tướng Lê Đức Thái"), or a name of two to four capitalised syllables, from a family name,
    ending it ("Thứ trưởng Nguyễn Văn Long")?"""
    if lexicon.honorific_re.match(issuer) or lexicon.rank_re.match(issuer):
        return True
    words = issuer.split()
    for k in (4, 3, 2):
        tail = words[-k:]
        if len(words) <= k or not all(w[:1].isupper() and not w.isupper() for w in tail) \
                or fix_name_case(tail[0]) not in lexicon.surnames:
            continue
        if k >= 3 and fix_name_case(tail[1]) in lexicon.gender_middle_names:
            return True  # "BS.CKII Nguyễn Văn Trọng"
        prefix = " ".join(words[:-k])
        if any(lexicon.role_re.match(prefix, m.start()) for m in _WORD_START.finditer(prefix)):
            return True  # "Thứ trưởng Nguyễn Văn Long", "Bộ trưởng Bộ Nông nghiệp ... Lê Minh Khoa"
    return False


_WORD_START = re.compile(r"(?<!\S)\S")


_NAME_AFTER = re.compile(rf"\s*(?:[“\"«]|(?={CAPITAL}))")


def _generic_without_name(text: str, m: re.Match[str], limit: int, lexicon: Lexicon) -> bool:
    """A generic award word ("danh hiệu", "giải thưởng") names an award only when the
    award's own name follows, quoted or capitalised, and is not itself an award form
    ("danh hiệu “Tổ dân phố văn hóa”", "giải thưởng Nguyễn Văn Trỗi"; not "danh hiệu cao
    quý này là động lực", nor "danh hiệu “Cờ thi đua”", whose award is the quoted one), or
    when a verb of giving or receiving comes right before it ("cũng được trao danh hiệu
    cao quý này", "đón nhận các phần thưởng, danh hiệu cao quý")."""
    if match_key(m.group(0)) not in lexicon.award_phrases.generic_forms:
        return False
    name = _NAME_AFTER.match(text, m.end(), limit)
    if name is None:  # "được trao danh hiệu cao quý này": given, so an award all the same
        return lexicon.award_phrases.generic_given_re.search(text, max(0, m.start() - 60), m.start()) is None
    return lexicon.award_re.match(text, name.end()) is not None


_GAP_END = re.compile(r"[,;.()\n]")


def _without_generic_word(before: str, lexicon: Lexicon) -> str:
    """The text before an award without the generic award word that ends it ("... được Chủ
    tịch UBND tỉnh tặng danh hiệu": the giver's verb then ends it)."""
    words = before.split()
    for k in (2, 1):
        if len(words) >= k and match_key(" ".join(words[-k:])) in lexicon.award_phrases.generic_forms:
            return before[:before.rstrip().rfind(words[-k])]
    return before


def _recipients_start(text: str, pos: int, limit: int, lexicon: Lexicon) -> int | None:
    """Where the recipients of an award ending at ``pos`` are counted: right after it
    ("Giấy khen 70 tập thể", "Bằng khen của UBND tỉnh: 18 tập thể", in parentheses: "Cờ thi đua
    (08 tập thể)"), or after the first "cho"/"tặng" that follows within the
    clause, past the award's own name or issuer ("Kỷ niệm chương “Vì giai cấp nông dân”
    cho 10 đồng chí", "Bằng khen Bộ trưởng cho 23 sở", "Cờ thi đua của Chính phủ tặng 22
    tập thể"); None when neither."""
    gap = _SPACES.match(text, pos)
    if (gap and lexicon.count_recipient_re.match(text, gap.end())) or _colon_count(text, pos, lexicon):
        return pos
    paren = _OPEN_PAREN.match(text, pos)
    if paren and lexicon.count_recipient_re.match(text, paren.end()):
        return paren.end()  # "Cờ thi đua (08 tập thể)", "Bằng khen (45 tập thể, 120 cá nhân)"
    window = text[pos:min(limit, pos + 120)]
    quotes = [m.span() for m in _QUOTED.finditer(window)]
    for m in lexicon.award_phrases.recipient_preposition_re.finditer(window):
        stop = next((g.start() for g in _GAP_END.finditer(window, 0, m.start())
                     if not any(a <= g.start() < b for a, b in quotes)), None)
        if stop is None:
            return pos + m.end()
        break
    listing = lexicon.award_phrases.listing_re.search(window)
    if listing and _GAP_END.search(window, 0, listing.start()) is None:
        counted = _COLON.match(window, listing.end()) or _SPACES.match(window, listing.end())
        if counted and lexicon.count_recipient_re.match(window, counted.end()):
            return pos + counted.end()  # "Giấy khen lần này gồm 4 tập thể và 9 cá nhân": the counts it lists
    return None


_SPACES = re.compile(r"\s+")
_OPEN_PAREN = re.compile(r"\s*\(\s*")
_COLON = re.compile(r"\s*:\s*")
# the year a list of what was given is for, between the award and its colon ("Danh hiệu Lao
# động tiên tiến năm 2023: 120 cá nhân", "... năm học 2023 - 2024: 15 tập thể")
_YEAR_COLON = re.compile(r"\s+(?:[^\W\d_]+\s+){1,2}(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*:\s*")


def _colon_count(text: str, pos: int, lexicon: Lexicon) -> bool:
    """Are an award's recipients counted after a colon ("Bằng khen của UBND tỉnh: 18 tập thể")?"""
    colon = _COLON.match(text, pos) or _YEAR_COLON.match(text, pos)
    return bool(colon and lexicon.count_recipient_re.match(text, colon.end()))
_QUOTED = re.compile(r"[“\"][^”\"]{1,100}[”\"]")
# a count with no noun right after an award, in a list of what was given ("Huân chương Lao
# động hạng Ba: 4; Bằng khen: 12", "Năm 2021: Cờ thi đua 1, Bằng khen 6")
_BARE_COUNT = re.compile(r"[^\S\n]*(?::[^\S\n]*)?(?:(\d{1,3}(?:\.\d{3})*)|\((\d{1,3})\))"
                         r"(?=[^\S\n]*(?:[;,.)\n]|$))(?!\.\d)")  # "Bằng khen (01)." too


def _bare_count(text: str, pos: int) -> re.Match[str] | None:
    """The count written alone after an award (and its grade and issuer), or None."""
    m = _BARE_COUNT.match(text, pos)
    return m if m is not None and not re.fullmatch(r"(?:19|20)\d{2}", m.group(1) or "") else None


_OF_TOTAL = re.compile(r"\s*/\s*(\d{1,3}(?:\.\d{3})*)")


def _pairs(text: str, start: int, end: int, lexicon: Lexicon,
           before_award: bool = False) -> list[tuple[int, int, int | None, str]]:
    """(start, end, count, recipient) for every "N recipient-noun" in ``text[start:end]``,
    up to a breakdown of them ("..., trong đó có 8 tập thể") or a listing of their parts
    ("50 điển hình tiên tiến, gồm 20 tập thể và 30 cá nhân"); "N/M recipient-noun" is N of
    M ("30/63 sở": 30)."""
    out = []
    phrases = lexicon.award_phrases
    breakdown = phrases.breakdown_re.search(text, start, end)
    if breakdown and before_award and lexicon.count_recipient_re.search(text, breakdown.end(), end):
        start = breakdown.end()  # "40 giáo viên giỏi, trong đó 18 người đạt Chiến sĩ thi đua": the part is the award's
    elif breakdown and not text[breakdown.start()].isupper():
        end = breakdown.start()  # not when it opens a sentence: "Trong số đó có 5 cá nhân được tặng ..."
    listing = phrases.listing_re.search(text, start, end)
    if listing and lexicon.count_recipient_re.search(text, start, listing.start()):
        end = listing.start()
    for m in lexicon.count_recipient_re.finditer(text, start, end):
        after = text[m.end(): m.end() + 3]
        if after.startswith("/"):
            continue
        phrase = phrases.not_recipient_re.match(text, m.start(2))
        if phrase and phrase.end() > m.end(2):
            continue  # "7 tổ chức": a verb, not seven groups
        if phrases.back_reference_re.match(text, m.end()):
            continue  # "3 giáo viên này đều đạt ...": recipients counted already, named again
        if phrases.one_of_re.search(text, max(start, m.start() - 16), m.start()):
            continue  # "là 1 trong 8 Sở GD&ĐT được nhận cờ thi đua": one body, among the eight counted
        count = parse_int(m.group(1))
        total = _OF_TOTAL.match(text, m.end(1))
        of = parse_int(total.group(1)) if total else None
        if of is not None and count is not None and of < count:
            continue  # "20/11 nhà giáo": a date, not 20 of 11
        out.append((m.start(), m.end(), count, m.group(2)))
    return out


def _award_records(doc: Document, lexicon: Lexicon) -> Iterator[Candidate]:
    text = doc.text
    phrases = lexicon.award_phrases
    statuses: dict[int, str | None] = {}  # by sentence start: read once, not once per award
    issuers: dict[int, str] = {}  # by sentence start: the last issuer named, for the gifts after it with no subject
    proposals: dict[int, int | None] = {}  # by sentence start: where a proposal's breakdown after a colon begins
    for c_start, c_end, s_start, s_end in _clauses(doc):
        awards = [m for m in lexicon.award_re.finditer(text, c_start, c_end)]
        if awards and s_start not in statuses:
            statuses[s_start] = _sentence_status(lexicon, text[s_start:s_end])
            proposals[s_start] = _proposed_breakdown(text, s_start, s_end, lexicon)
        # a clause of its own ("...; Ban Chấp hành tặng Giấy khen cho 5 hộ") gives its own status
        own = _sentence_status(lexicon, text[c_start:c_end]) if awards and (c_start, c_end) != (s_start, s_end) else None
        clause_status = own or statuses.get(s_start)
        clause_years: tuple[int, ...] | None = None  # read on the first award that needs it
        prev_end = c_start
        prev_award = -1  # where the award before ends, grade and issuer included
        tally = False  # the clause counts the holders of awards it has ("có 86 Chiến sĩ thi đua")
        for m in awards:
            before_event = text[max(c_start, m.start() - 15):m.start()]
            if lexicon.award_phrases.event_before_re.search(before_event):
                prev_end = m.end()
                continue
            category = lexicon.award_category(m.group(0))
            if _generic_without_name(text, m, c_end, lexicon):
                continue  # the award named after it is the record; its counts come before both
            status = _status(lexicon, text[max(c_start, m.start() - _REACH):m.start()], clause_status)
            after_proposal = proposals.get(s_start)
            if (after_proposal is not None and m.start() >= after_proposal) or _under_proposal(text, m.start(), lexicon):
                status = "proposed"  # "Sở đã trình Thủ tướng khen thưởng, trong đó: Cờ thi đua ...; Bằng khen ..."
            if status == "commended" and not lexicon.status_re["commended"].search(text, s_start, m.start()) \
                    and phrases.giving_before_re.search(text, max(c_start, prev_end), m.start()):
                status = "received"  # "Bộ Y tế trao Bằng khen cho 100 thầy thuốc được tôn vinh": the praise is after
            if status == "commended" and _a_gift_of_its_own(text[max(c_start, prev_end):m.start()].rstrip(), lexicon):
                status = "received"  # "biểu dương 20 điển hình và tặng Giấy khen cho 20 cá nhân": a gift of its own
            end = m.end()
            grade = lexicon.grade_re.match(text, end)
            grade_text = grade.group(0).strip() if grade else None
            if grade:
                end = grade.end()
            issuer, end = _issuer_after(text, end, lexicon)
            if status is None:
                counted = lexicon.count_end_re.search(text[max(c_start, prev_end):m.start()])
                if counted and (tally or phrases.tally_before_re.search(text[c_start:max(c_start, prev_end) + counted.start()])
                                or phrases.year_label_re.match(text, text.rfind("\n", 0, c_start) + 1)):
                    tally = True  # "công ty có 86 Chiến sĩ thi đua cơ sở, 14 Tập thể lao động xuất sắc"
                elif not _colon_count(text, end, lexicon) and _bare_count(text, end) is None \
                        and not _counted_item(text, c_start, m.start(), end, c_end, bool(counted), lexicon):
                    prev_end = m.end()
                    continue
                status = "received"  # "Cờ thi đua của UBND tỉnh: 17 tập thể": a list of what was given
            if issuer is None:
                between = _without_generic_word(text[max(c_start, prev_end):m.start()], lexicon)
                issuer = _issuer_before(between.strip(), lexicon)
                if issuer is None and phrases.next_gift_end_re.search(between.strip()):
                    issuer = issuers.get(s_start)  # "X tặng Cờ thi đua cho 31 tập thể, tặng Bằng khen ...": X's too
                if issuer is None and (phrases.counted_next_re.fullmatch(between) or phrases.gift_list_gap_re.fullmatch(between)):
                    issuer = issuers.get(s_start)  # "X tặng 25 Cờ thi đua, 412 Bằng khen", "... cho 3 tập thể và Bằng khen"
                if issuer is not None:
                    issuers[s_start] = issuer  # the giver the sentence names (not an award's "của ...")
            year_m = _YEAR_PAREN.match(text, end)
            years: tuple[int, ...] = ()
            if year_m:
                years = tuple(int(y) for y in re.findall(r"\d{4}", year_m.group(1)))
                end = year_m.end()
            else:
                if clause_years is None:
                    y = phrases.year_in_re.search(text, c_start, c_end)
                    clause_years = (int(y.group(1)),) if y else ()
                years = clause_years
            # counts: right before the award, "N recipient ... nhận AWARD" before it, "cho N ..." after it
            direct = lexicon.count_end_re.search(text[max(c_start, prev_end):m.start()])
            after_pairs = []
            nxt = lexicon.award_re.search(text, end, c_end)
            limit = nxt.start() if nxt else c_end
            to = _recipients_start(text, end, limit, lexicon)
            listed = prev_award >= 0 and bool(phrases.award_list_gap_re.fullmatch(text, prev_award, m.start()))
            if to is not None and not listed:  # after a list of awards the counts are the list's
                after_pairs = _pairs(text, to, limit, lexicon)
                if nxt is not None:  # "... và 106 cá nhân được trao Kỷ niệm chương": the next award's
                    while after_pairs and _given_next(text, after_pairs[-1][1], nxt.start(), lexicon):
                        after_pairs.pop()  # the last ones; those before a kept one are this award's
            before_pairs = _pairs(text, max(c_start, prev_end), m.start(), lexicon, before_award=True)
            records: list[tuple[int, int, int | None, str | None]] = []
            bare = _bare_count(text, end)
            if bare is not None:  # "Huân chương Lao động hạng Ba: 4": the list's count, whatever its clause counted before
                records.append((m.start(), bare.end(), parse_int(bare.group(1) or bare.group(2)), None))
            elif direct:
                s = max(c_start, prev_end) + direct.start()
                records.append((s, end, parse_int(direct.group(1)), None))
            elif after_pairs:
                at = to if to is not None else after_pairs[0][0]
                named = _NAMED_BEFORE_COUNT.match(text, at, after_pairs[0][0])
                if named and lexicon.unit_head_re.match(text, at):  # "cho Sở Y tế và 12 cá nhân": the body's
                    records.append((m.start(), at + len(named.group(1)), None, named.group(1).strip()))
                for _, pe, count, noun in after_pairs:
                    records.append((m.start(), pe, count, noun))
            elif before_pairs:
                for ps, _, count, noun in before_pairs:
                    records.append((ps, end, count, noun))
            else:  # "Cờ thi đua cho Ban CHQS huyện Hương Sơn": the body named as its recipient
                records.append((m.start(), end, None, _named_recipient(text, to, limit, lexicon) if to is not None else None))
            if (all(r[2] is None for r in records) and phrases.process_before_re.search(
                    text, max(c_start, m.start() - _REACH), m.start())) \
                    or phrases.aim_re.search(text, max(c_start, m.start() - _REACH), m.start()) \
                    or phrases.condition_after_re.search(text, end, min(c_end, limit, end + _CONDITION_REACH)):
                prev_end = prev_award = end
                continue  # "Công tác xét tặng Giấy khen ...", "phấn đấu có thêm 3 giảng viên đạt danh hiệu ...",
                # "Cá nhân đạt danh hiệu ... phải có sáng kiến": no award stated, an aim or a criterion
            rule = "awards.statement"
            graded = _later_grades(text, end, records, lexicon, grade_text)
            for (r_start, r_end, count, recipient), record_grade in zip(records, graded, strict=True):
                recipient_kind = (lexicon.recipient_kind(recipient) or
                                  ("collective" if lexicon.unit_head_re.match(recipient) else None)) if recipient else None
                yield Candidate("award", text[r_start:r_end], category, r_start, r_end, rule, 0.8,
                                freeze(award=category, issuer=issuer, grade=record_grade, count=count,
                                       recipient=recipient, recipient_kind=recipient_kind, years=years, status=status,
                                       share=None))
            prev_end = prev_award = end


def _named_recipient(text: str, start: int, limit: int, lexicon: Lexicon) -> str | None:
    """The body an award is given to, named after "cho" ("Cờ thi đua cho Ban CHQS huyện
    Hương Sơn"), as written; None when no unit's head opens it."""
    if lexicon.unit_head_re.match(text, start) is None:
        return None
    stop = lexicon.award_phrases.recipient_end_re.search(text, start, limit)
    end = stop.start() if stop else limit
    name = text[start:end].strip()
    return name if 0 < len(name) <= 80 else None


def _given_next(text: str, pair_end: int, next_award: int, lexicon: Lexicon) -> bool:
    """Do recipients counted after an award receive the award named next ("Cờ thi đua ...
    và 106 cá nhân được trao Kỷ niệm chương")? A verb of giving stands between them, and
    no new clause with its own subject ("... cho 2 tập thể, Thủ tướng Chính phủ tặng
    Bằng khen": the 2 are the first award's) and no new gift ("Bằng khen cho 6 tập thể
    và tặng Cờ thi đua cho 01 tập thể": the 6 are the Bằng khen's)."""
    gap = text[pair_end:next_award]
    return len(gap) <= 40 and any(lexicon.status_re[s].search(gap) for s in ("received", "proposed")) \
        and _NEW_SUBJECT.match(gap) is None and lexicon.award_phrases.new_gift_re.match(gap) is None


_SPACE = re.compile(r"\s*")
# a body named before the counted recipients of one award ("Bằng khen cho Sở Y tế và 12 cá nhân")
_NAMED_BEFORE_COUNT = re.compile(rf"({CAPITAL}[^,;:.()\n]{{2,80}}?)\s+và\s+$")
_NEW_SUBJECT = re.compile(rf"\s*[,;]\s*{CAPITAL}")


def _unnamed(doc: Document, lexicon: Lexicon, taken: list[Candidate]) -> Iterator[Candidate]:
    """Awards whose name the clause does not give: a commendation ("biểu dương, tôn vinh
    01 tập thể và 03 cá nhân điển hình tiên tiến": ``awards.exemplary``, commended) or a
    reward ("khen thưởng 14 tập thể, 12 cá nhân": ``awards.unnamed``, received, or
    proposed after "đề nghị"); both are ``Điển hình tiên tiến``. A clause that names an
    award is the award's (:func:`_award_records`), but for a commendation joined to it
    ("79 gương mặt được tuyên dương và nhận giải thưởng", "tuyên dương, trao Kỷ niệm
    chương cho 20 đại biểu": a commendation too, with its own counts or the award's)."""
    text = doc.text
    phrases = lexicon.award_phrases
    by_start = sorted(taken, key=lambda t: t.start)
    taken_starts = [t.start for t in by_start]
    for c_start, c_end, _, _ in _clauses(doc):  # each clause's records found by bisection: linear over the text
        in_clause = by_start[bisect_left(taken_starts, c_start):bisect_left(taken_starts, c_end)]
        for verb in lexicon.unnamed_award_verb_re.finditer(text, c_start, c_end):
            commended = verb.lastgroup == "commended"
            # awards stated after a breakdown of this reward ("250 tập thể được khen thưởng, trong
            # đó Chủ tịch UBND tỉnh tặng Bằng khen cho 80 tập thể") are its parts, not its name
            stated = [t for t in in_clause if t.start < verb.start()
                      or not phrases.breakdown_re.search(text, verb.end(), t.start)]
            if stated and not commended:
                break
            if phrases.commendation_event_before_re.search(text[max(c_start, verb.start() - 40):verb.start()]) \
                    and not lexicon.count_recipient_re.match(text, _SPACE.match(text, verb.end()).end()):  # type: ignore[union-attr]
                continue  # the name of the event ("Hội nghị biểu dương, tôn vinh ..."), not a commendation,
                # unless it counts whom it commends ("Hội nghị tuyên dương 35 gương điển hình tiên tiến")
            if _in_compound(text, verb.start(), lexicon):
                continue  # "Ban Thi đua - Khen thưởng", "công tác thi đua khen thưởng": a name or a field, no reward
            # the recipients: counts after the verb, or before it ("125 chi bộ ... được biểu dương"),
            # outside the named awards' statements; else those of the award stated right after it
            lo = max([c_start] + [t.end for t in stated if t.end <= verb.start()])
            hi = min([t.start for t in stated if t.start >= verb.end()], default=c_end)
            after = _pairs(text, verb.end(), hi, lexicon)
            before = _pairs(text, lo, verb.start(), lexicon) if not after else []
            if stated and not (after or before):
                # the award stated right after the verb, with its counts ("tuyên dương, trao Kỷ niệm
                # chương cho 20 đại biểu"); not when the count opens it: "tuyên dương 50 chiến sĩ thi
                # đua" counts the commended by their title, one record, the title's
                at_hi = [t for t in stated if t.start == hi and t.get("count") is not None]
                if at_hi and all(_titled_count(text, t, lexicon) for t in at_hi):
                    continue
                after = [(t.start, t.end, t.get("count"), t.get("recipient")) for t in at_hi]
            # "Các gương điển hình tiên tiến được khen thưởng": the clause's subject, passive
            passive = None if after or before else phrases.passive_recipient_re.search(text[lo:verb.start()])
            lead = text[lo:lo + passive.start()].strip() if passive else ""
            if passive and lead and not lead.endswith(","):
                passive = None  # "chúc mừng các tập thể được vinh danh": the praised, named again
            if not (after or before or commended or passive):
                continue  # "công tác khen thưởng": no award, no count
            year = phrases.year_in_re.search(text, c_start, c_end)
            if commended:
                status, rule = "commended", "awards.exemplary"
            else:
                status = "proposed" if lexicon.status_re["proposed"].search(text, c_start, verb.start()) else "received"
                rule = "awards.unnamed"
            # who commends or rewards: the clause's subject, when the recipients follow the verb
            issuer = None if before or passive else \
                _issuer_before(text[lo:verb.end()].strip(), lexicon, phrases.commender_before_re)
            common = dict(award="Điển hình tiên tiến", issuer=issuer, grade=None, status=status,
                          years=(int(year.group(1)),) if year else (), share=None)
            if after:
                for _, pe, count, noun in after:
                    yield Candidate("award", text[verb.start():pe], "Điển hình tiên tiến", verb.start(), pe, rule, 0.7,
                                    freeze(common, count=count, recipient=noun, recipient_kind=lexicon.recipient_kind(noun)))
            elif before:
                for ps, _, count, noun in before:
                    end = verb.end()
                    yield Candidate("award", text[ps:end], "Điển hình tiên tiến", ps, end, rule, 0.7,
                                    freeze(common, count=count, recipient=noun, recipient_kind=lexicon.recipient_kind(noun)))
            else:
                # the recipients right after the verb, or after the verbs joined to it ("biểu dương, tôn vinh
                # các tập thể"); not the object of praise ("biểu dương những cố gắng, nỗ lực của các đảng viên")
                chain = phrases.commendation_chain_re.match(text, verb.end(), c_end)
                rec = phrases.generic_recipient_re.match(text, chain.end(), c_end) if chain else None
                if rec:
                    begin, end = verb.start(), rec.end()
                elif passive:
                    begin, end = lo + passive.start(), verb.end()
                else:
                    continue
                span = text[begin:end].rstrip()
                yield Candidate("award", span, "Điển hình tiên tiến", begin, begin + len(span), rule, 0.6,
                                freeze(common, count=None, recipient=None, recipient_kind=None))
            break  # one unnamed award per clause


def _titled_count(text: str, award: Candidate, lexicon: Lexicon) -> bool:
    """Does the award's statement open with a count of the award itself ("50 chiến sĩ thi
    đua", "30 Lao động tiên tiến"), not of recipients ("33 thanh thiếu nhi tiêu biểu nhận
    ...")?"""
    m = lexicon.award_phrases.count_then_award_re.match(text, award.start)
    return m is not None and lexicon.award_re.match(text, m.end()) is not None


def _continued(doc: Document, lexicon: Lexicon, found: list[Candidate]) -> Iterator[Candidate]:
    """Counts that open a clause after ";" with no award of their own go on the counted
    list of the clause before, when that clause named the award first ("khen thưởng 14 tập
    thể, 12 cá nhân ...; 5 cá nhân có thành tích ..." is a third record, 5 cá nhân;
    ``awards.continued``). After "3 tập thể nhận Bằng khen; 12 hộ ..." the count is the
    subject of a sentence of its own."""
    text = doc.text
    found_starts = sorted(f.start for f in found)
    prev: tuple[int, int, int] | None = None  # (clause start, clause end, sentence start)
    for c_start, c_end, s_start, _ in _clauses(doc):
        last = prev
        prev = (c_start, c_end, s_start)
        i = bisect_left(found_starts, c_start)
        if last is None or last[2] != s_start or (i < len(found_starts) and found_starts[i] < c_end):
            continue
        opening = _SPACES.match(text, c_start)
        first = lexicon.count_recipient_re.match(text, opening.end() if opening else c_start)
        if first is None:
            continue
        before = [f for f in found if last[0] <= f.start < last[1]]
        if not before:
            continue
        award = max(before, key=lambda f: f.end)
        if award.get("count") is None or lexicon.count_recipient_re.match(text, award.start):
            continue  # the list goes on only after "AWARD cho N ...", not after "N ... nhận AWARD"
        verb = lexicon.unnamed_award_verb_re.search(text, first.end(), c_end)
        for _, pe, count, noun in _pairs(text, first.start(), verb.start() if verb else c_end, lexicon):
            yield award.but(text=text[award.start:pe], end=pe, rule="awards.continued", confidence=0.6,
                            attrs={"count": count, "recipient": noun, "recipient_kind": lexicon.recipient_kind(noun)})


def _in_compound(text: str, at: int, lexicon: Lexicon) -> bool:
    """Is the verb at ``at`` the second half of a fixed phrase ("thi đua - khen thưởng")?

    >>> t = "Phó Trưởng ban Thi đua - Khen thưởng tỉnh cùng 50 đại biểu"
    >>> _in_compound(t, t.index("Khen"), Lexicon.load()), _in_compound("đã khen thưởng 5 cá nhân", 3, Lexicon.load())
    (True, False)
    """
    return any(m.start() < at < m.end() for m in lexicon.compound_re.finditer(text, max(0, at - 12), at + 20))


def _table(doc: Document, lexicon: Lexicon) -> Iterator[Candidate]:
    """A year-by-year table laid out one cell per line."""
    text = doc.text
    phrases = lexicon.award_phrases
    rows = [s for s in doc.segments if s.kind == "table"]
    if not rows:
        return
    headers: list[str] = []
    i = 0
    while i < len(rows) and not phrases.row_year_re.match(text[rows[i].start:rows[i].end]):
        cell = text[rows[i].start:rows[i].end]
        if cell == phrases.table_percent_cell and headers:
            headers[-1] += " " + phrases.table_percent_cell
        elif cell.lower() != phrases.table_year_word:
            headers.append(cell)
        i += 1
    year = None
    col = 0
    for seg in rows[i:]:
        cell = text[seg.start:seg.end]
        row = phrases.row_year_re.match(cell)
        if row:
            year, col = int(row.group(1)), 0
            continue
        if year is None or col >= len(headers):
            continue
        header = headers[col]
        col += 1
        award = lexicon.award_re.search(header)
        if not award:
            continue
        category = lexicon.award_category(award.group(0))
        grade = lexicon.grade_re.match(header, award.end())
        kind = "individual" if phrases.table_individual_re.search(header) else \
            "collective" if phrases.table_collective_re.search(header) else None
        if category in phrases.collective_categories:
            kind = "collective"
        share = cell if cell.endswith("%") else None
        count = None if share else parse_int(cell)
        yield Candidate("award", cell, category, seg.start, seg.end, "awards.table_cell", 0.85,
                        freeze(award=category, issuer=None, grade=grade.group(0).strip() if grade else None,
                               count=count, recipient=None, recipient_kind=kind, years=(year,),
                               status="received", share=share))


_PIPE = re.compile(r"[ \t]*\|[ \t]*")
_TABLE_YEAR = re.compile(r"(?:[^\W\d_]+[ \t]+)?((?:19|20)\d{2})")
_TABLE_COUNT = re.compile(r"\d{1,3}(?:\.\d{3})*")


def _pipe_rows(doc: Document) -> Iterator[list[list[tuple[int, int]]]]:
    """The tables a scraper wrote one row per line, cells between bars ("Hình thức | 2021 |
    2022"): runs of two lines or more with the same number of cells (three or more), each
    row a list of the cells' (start, end)."""
    text = doc.text
    table: list[list[tuple[int, int]]] = []
    pos = 0
    for line in text.split("\n") + [""]:
        cells: list[tuple[int, int]] = []
        if line.count("|") >= 2:
            at = pos
            for part in _PIPE.split(line):
                start = text.index(part, at) if part else at
                cells.append((start, start + len(part)))
                at = start + len(part)
            cells = [c for c in cells if c[1] > c[0]] if line.strip().startswith("|") or line.strip().endswith("|") else cells
        if cells and (not table or len(cells) == len(table[0])) and len(cells) >= 3:
            table.append(cells)
        else:
            if len(table) >= 2:
                yield table
            table = [cells] if len(cells) >= 3 else []
        pos += len(line) + 1


def _pipe_tables(doc: Document, lexicon: Lexicon) -> Iterator[Candidate]:
    """``awards.table_cell`` of a year-by-year table written with bars, one record per cell
    that holds a count: awards down and years across ("Hình thức | 2021 | 2022" then "Cờ thi
    đua của UBND tỉnh | 1 | 2"), or years down and awards across ("Năm | Cờ thi đua | Bằng
    khen" then "2021 | 1 | 6")."""
    text = doc.text

    def cell(span: tuple[int, int]) -> str:
        return text[span[0]:span[1]].strip()

    def record(award: re.Match[str], label: str, span: tuple[int, int], year: int) -> Candidate | None:
        value = cell(span)
        if not _TABLE_COUNT.fullmatch(value):
            return None
        category = lexicon.award_category(award.group(0))
        grade = lexicon.grade_re.match(label, award.end())
        return Candidate("award", value, category, span[0], span[0] + len(text[span[0]:span[1]].rstrip()),
                         "awards.table_cell", 0.85,
                         freeze(award=category, issuer=_issuer_after(label, award.end(), lexicon)[0],
                                grade=grade.group(0).strip() if grade else None, count=parse_int(value),
                                recipient=None, recipient_kind=None, years=(year,), status="received", share=None))

    for rows in _pipe_rows(doc):
        header = rows[0]
        year_cells = [_TABLE_YEAR.fullmatch(cell(c)) for c in header[1:]]
        if all(year_cells):
            years = [int(y.group(1)) for y in year_cells if y is not None]
            for row in rows[1:]:
                label = cell(row[0])
                award = lexicon.award_re.search(label)
                if award is None:
                    continue
                for span, year in zip(row[1:], years, strict=True):
                    found = record(award, label, span, year)
                    if found is not None:
                        yield found
            continue
        labels = [cell(c) for c in header[1:]]
        awards = [lexicon.award_re.search(label) for label in labels]
        if not any(awards):
            continue
        for row in rows[1:]:
            year_m = _TABLE_YEAR.fullmatch(cell(row[0]))
            if year_m is None:
                continue
            for span, award, label in zip(row[1:], awards, labels, strict=True):
                found = record(award, label, span, int(year_m.group(1))) if award is not None else None
                if found is not None:
                    yield found


def extract_awards(doc: Document, lexicon: Lexicon) -> list[Candidate]:
    """Every award statement.

    >>> from extractors.base import body_document
    >>> lex = Lexicon.load()
    >>> d = body_document("Hội nghị đã đề nghị tặng 01 Cờ thi đua của Chính phủ, 02 Cờ thi đua của Bộ cho các đơn vị.")
    >>> [(c.text, c.get("count"), c.get("issuer"), c.get("status")) for c in extract_awards(d, lex)]
    [('01 Cờ thi đua của Chính phủ', 1, 'Chính phủ', 'proposed'), ('02 Cờ thi đua của Bộ', 2, 'Bộ', 'proposed')]
    """
    statements = list(_award_records(doc, lexicon))
    unnamed = list(_unnamed(doc, lexicon, statements))
    continued = list(_continued(doc, lexicon, statements + unnamed))
    tables = list(_table(doc, lexicon)) + list(_pipe_tables(doc, lexicon))
    return sorted(statements + unnamed + continued + tables, key=lambda c: (c.start, c.end))
