"""Author: the writer of the article, from a byline or a signature line.

Rules, in order: ``author.tac_gia`` ("Tác giả: Mai Lan", "Tin, ảnh: KIM HỒNG"),
``author.byline_date`` ("Đào Hữu Hảo, ngày: 18/06/2020"), ``author.signature`` (a short
name-like last line: "THANH TRÚC", "T.Hằng", "M.T", "Phòng Tổ chức cán bộ", "LONG PHI –
QUỐC THÀNH"; "Phùng Vị – HND tỉnh" signs the writer and the writer's body, and the writer
is the author), ``author.byline_top`` (a short name line under the headline: "Mai
Phương"), ``author.dateline_initials`` (initials before a dateline's date: "NT 30/05/2024
17:48"), ``author.dateline_name`` (a name beside a dateline's date: "12/12/2023 10:15 -
Minh Anh"). A staff signature ("PV", ``non_author_signatures``) names nobody.
"""

from __future__ import annotations

import re

from extractors.base import Candidate, Document
from extractors.keys import fix_name_case, match_key, once_match_key, strip_diacritics
from extractors.lexicon import Lexicon

__all__ = ["extract_author", "writer_after_bar"]

_NAME = re.compile(r"^(?:[A-ZĐ]\.\s?)?[^\W\d_][\w.'’]*(?:\s+[^\W\d_][\w.'’]*){0,5}$")  # "H’Linh Niê"
_JOIN = re.compile(r"\s+[-–]\s+")  # "LONG PHI – QUỐC THÀNH", "Phùng Vị – HND tỉnh"
_BODY_IN_PARENS = re.compile(r"\s*\(([^()]{2,60})\)\s*$")
_INITIALS = re.compile(r"^(?:[A-ZĐ](?:\.[A-ZĐ]){0,3}\.?|[A-ZĐ]{2,3})$")  # "NT", "M.T"; not "K.LY"
_AGENCY = re.compile(r"^[A-ZĐ][A-ZĐ0-9.&\-]{1,11}$")  # "TTXVN", "VOV", "TTO": a news agency's or a body's letters
_AFTER_SLASH = re.compile(r"\s*/\s*([^/]{2,40})$")  # "Minh Anh/VOV"
_AGENCY_REGION = re.compile(r"^[A-ZĐ][A-ZĐ0-9.&]{1,11}\s*[-–]\s*(?=\w)")  # "VOV-Tây Bắc": an agency's regional office
_SIGNATURE_WORDS = 16  # the longest signature line: a writer and the writer's body's full name
_BAR = re.compile(r"\|\s*|(?<=\S)\s+(?:[-–]\s+)?")  # between a dateline's parts: a bar, a dash or spaces
# a date after a byline's name ("Đăng bởi: Minh Anh | 12/12/2023", "Người viết: Hà Phương, ngày: 30/12/2011")
_AFTER_NAME = re.compile(r"\s+\|\s+|\s+[-–]\s+(?=\d)|\s*\|\s*(?=\d)|\s*,\s*(?:(?i:ngày)\s*:?\s*)?(?=\d)")


def writer_after_bar(line: str, lexicon: Lexicon) -> tuple[int, re.Match[str]] | None:
    """The bar (or dash, or spaces) of a dateline after which its writer is credited
    ("Cập nhật: 12/12/2023 | Tác giả: Lê Minh", "Ngày đăng: 03/02/2024 Tác giả: Minh Anh"),
    as (the separator's offset, the credit's match), or None.

    >>> lex = Lexicon.load()
    >>> [writer_after_bar(line, lex)[0] for line in ("Cập nhật: 12/12/2023 | Tác giả: Lê Minh",
    ...                                              "Đăng ngày: 26/04/2019 09:10 - Tác giả: Hồ Thị Lý")]
    [21, 27]
    """
    for bar in _BAR.finditer(line):
        credit = lexicon.author_line_re.match(line, bar.end())
        if credit:
            return bar.start(), credit
    return None


def _clean(name: str) -> str:
    """"THANH TRÚC" → "Thanh Trúc", "K.LY" → "K.Ly"; initials ("NT", "M.T") stay."""
    return fix_name_case(name) if name.isupper() and not _INITIALS.match(name) else name


def _candidate(doc: Document, start: int, end: int, rule: str, conf: float, lexicon: Lexicon) -> Candidate | None:
    raw = doc.text[start:end].strip(" |-–")
    if (len(raw) < 3 and not _INITIALS.match(raw)) or match_key(raw) in lexicon.non_author_keys:
        return None  # "PV", "Vi"
    start = doc.text.find(raw, start)
    return Candidate("author", raw, _clean(raw), start, start + len(raw), rule, conf)


def _name_like(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 5 and _NAME.match(part) is not None and all(w[:1].isupper() for w in words)


def _signature(line: str, lexicon: Lexicon) -> str | None:
    """The author a last line signs, or None: the whole line when it names people or a
    body ("Ban VH - TT phường"); the writer when it names a writer and then a body, an
    agency or a note ("Minh Anh (Trung tâm Văn hóa)", "Minh Anh/VOV", "Thanh Hà, Trường
    THPT X", "Minh Anh (tổng hợp)"); after "Theo", the writer, and no one for a body alone
    ("Theo Minh Anh (Báo Nghệ An)", "Theo Báo Nghệ An")."""
    credit = lexicon.credit_after_re.search(line)
    if credit and credit.start() > 0:
        line = line[:credit.start()].rstrip(" (")  # "Lê Minh, Ảnh: Thu Hà": the photographer is not the writer
    if line.endswith((".", ":", "!", "?")) or len(line.split()) > _SIGNATURE_WORDS:
        return None
    if line.startswith("(") and line.endswith(")") and "(" not in line[1:]:
        line = line[1:-1].strip()  # "(Hoàng Lan)": a signature in parentheses; "(TTXVN)" a source tag
        if _AGENCY.match(line):
            return None
    line = _without_rank(line, lexicon)  # "Thiếu tá Nguyễn Văn Nam", "ThS. Nguyễn Thị Lan - Khoa ..."
    staff = lexicon.staff_prefix_re.match(line)
    if staff:
        line = line[staff.end():]  # "PV Thu Hằng", "Phóng viên Thu Hằng": the writer's job, then the name
    if len(line.split()) > 8:  # long only with the writer's body after the name
        paren = _BODY_IN_PARENS.search(line)
        if paren and _is_note(paren.group(1), lexicon) and all(_name_like(p) for p in _JOIN.split(line[:paren.start()])):
            return line[:paren.start()]  # "Trần Văn Hùng (Đồn Biên phòng Cửa khẩu Cầu Treo)", "A - B (Trung tâm ...)"
        return _writer_and_body(line, lexicon) or _writer_comma_body(line, lexicon)
    credited = lexicon.signature_prefix_re.match(line)
    if credited:
        line = line[credited.end():]
        if _is_credited_source(line, lexicon):
            return None  # "Theo TTXVN", "Theo Báo Nghệ An": a source, no writer
    paren = _BODY_IN_PARENS.search(line)
    if paren and _is_note(paren.group(1), lexicon):
        line = line[:paren.start()]  # "Minh Anh (Trung tâm Văn hóa)": the writer, then the writer's body
    slash = _AFTER_SLASH.search(line)
    if slash and _is_note(slash.group(1), lexicon):
        line = line[:slash.start()]
    if "," in line:
        writer = _writer_comma_body(line, lexicon)
        if writer is not None:
            return writer  # "Thanh Hà, Trường THPT X", "Hoàng Lan, CTV"
        names = [p.strip() for p in line.split(",")]
        if len(names) <= 3 and all(_name_like(n) and not lexicon.places.is_province(n) for n in names):
            return line  # "Quang Huy, Minh Đức": two writers
    if lexicon.unit_head_re.match(line) and _NAME.match(_JOIN.sub(" ", line)):
        return None if credited else line  # "Theo Báo Nghệ An": a source
    parts = _JOIN.split(line)
    if not all(_name_like(p) for p in parts[:1]):
        return None
    signer = _writer_and_body(line, lexicon)
    if signer is not None:
        return signer
    if len(parts) > 3:
        return None
    return line if all(_name_like(p) for p in parts) else None


def _writer_comma_body(line: str, lexicon: Lexicon) -> str | None:
    """The writer of "writer, body" ("Lê Minh Tuấn, Trung tâm Văn hóa - Thông tin huyện")."""
    writer, _, rest = line.partition(",")
    return writer if rest and _name_like(writer) and _is_note(rest.strip(), lexicon) else None


def _writer_and_body(line: str, lexicon: Lexicon) -> str | None:
    """The writer of "writer - body" ("Ngọc Anh - Trung tâm Văn hóa - Thể thao huyện",
    "Minh Châu - CTV"): a name, then after its dash a body, an agency or a note, whatever
    dashes the body's own name holds."""
    joined = _JOIN.search(line)
    if joined is None:
        return None
    writer, rest = line[:joined.start()], line[joined.end():]
    return writer if _name_like(writer) and _is_note(rest, lexicon) else None


def _is_note(part: str, lexicon: Lexicon) -> bool:
    """A body, an agency's letters (with its place: "PC Thái Nguyên"), a name with a word
    in lower case ("Tổ Ngữ văn"), a note (``signature_notes``), the writer's office ("Chủ
    tịch Hội Nông dân xã") or the paper credited ("theo Báo Nghệ An") after a writer's name."""
    if _AGENCY.match(part) or once_match_key(part) in lexicon.signature_note_keys or _is_body(part, lexicon):
        return True
    region = _AGENCY_REGION.match(part)
    if region and all(w[:1].isupper() for w in part[region.end():].split()):
        return True  # "Thanh Tâm/VOV-Tây Bắc"
    words = part.split()
    if len(words) > 1 and _AGENCY.match(words[0]) and all(w[:1].isupper() and not w.isupper() for w in words[1:]):
        return True  # "PC Thái Nguyên", "VNPT Hà Nội": a body's letters and its place ("HOA LAN": a writer)
    if words and part[:1].isupper() and any(w.islower() for w in words[1:]):
        return True  # "Tổ Ngữ văn": a name in lower case is a body's or a note, never a second writer's
    office = lexicon.role_re.match(part)
    if office is not None and part[:1].isupper():
        return True
    credited = lexicon.signature_prefix_re.match(part)
    return credited is not None and _is_credited_source(part[credited.end():], lexicon)


def _is_credited_source(part: str, lexicon: Lexicon) -> bool:
    """Is ``part`` (after "Theo") a paper, an agency or a body: a source, no writer?"""
    return bool(_AGENCY.match(part)) or _is_body(part, lexicon)


def _affiliation(line: str, lexicon: Lexicon) -> bool:
    """A line under a writer's name that says where the writer works: a body, after the
    writer's job or not ("Phóng viên Báo Tiền Giang", "Phòng Nội vụ huyện")."""
    staff = lexicon.staff_prefix_re.match(line)
    rest = line[staff.end():] if staff else line
    return len(rest.split()) <= 10 and not rest.endswith(".") and _is_body(rest.strip(), lexicon)


def _credits_a_source(line: str, lexicon: Lexicon) -> bool:
    """A last line "Theo Báo Nhân Dân", "Theo TTXVN": the paper taken from."""
    credited = lexicon.signature_prefix_re.match(line)
    return credited is not None and _is_credited_source(line[credited.end():].strip(), lexicon)


def _without_rank(line: str, lexicon: Lexicon) -> str:
    """A signature without the military or academic rank before the writer's name
    ("Đại úy Lê Minh"); a one-word honorific stays, as pen names begin so ("Anh Tuấn")."""
    lead = lexicon.honorific_re.match(line)
    word = lead.group(0).strip() if lead is not None else ""
    if lead is not None and (" " in word or not word.isalpha() or word.isupper()
                             or not set(strip_diacritics(word).lower()) & set("aeiouy")):
        # "Đại úy", "BS.", "Bs", "NGƯT": no syllable of a pen name, as "Anh" of "Anh Tuấn" is
        rest = line[lead.end():].lstrip()
    else:
        rank = lexicon.rank_re.match(line)
        rest = line[rank.end():].lstrip(" .") if rank else line
    return rest if rest != line and len(rest.split()) >= 2 and rest[:1].isupper() else line


def _is_body(part: str, lexicon: Lexicon) -> bool:
    """"HND tỉnh", "Phòng TTKH", "Báo Quảng Trị": a body signing with its writer."""
    return bool(lexicon.unit_head_re.match(part) or lexicon.unit_head_re.match(lexicon.expand_abbreviations(part)))


def extract_author(doc: Document, lexicon: Lexicon) -> list[Candidate]:
    """Every author candidate, in the order the rules found them
    (:mod:`pipeline.resolve.author` chooses).

    >>> from extractors.base import lined_document
    >>> lex = Lexicon.load()
    >>> t = "Hội nghị tổng kết năm 2020 của Khối\\n\\nNgày 15/6/2020, Khối tổ chức Hội nghị tổng kết.\\n\\nTHANH TRÚC"
    >>> d = lined_document(t, "headline", "body", "byline")
    >>> [(c.normalized, c.rule) for c in extract_author(d, lex)]
    [('Thanh Trúc', 'author.signature'), ('Thanh Trúc', 'author.byline_top')]
    """
    text = doc.text
    out: list[Candidate] = []
    for seg in doc.segments:
        line = text[seg.start:seg.end]
        opened = 1 if line.startswith("(") and line.endswith(")") else 0  # "(Tác giả: Minh Anh)"
        m = lexicon.author_line_re.match(line, opened)
        if m is None and seg.kind == "dateline":  # "Cập nhật: 12/12/2023 | Tác giả: Lê Minh"
            found = writer_after_bar(line, lexicon)
            m = found[1] if found else None
        if m:
            credit = lexicon.credit_after_re.search(line, m.end())  # "Tin: Minh Anh; Ảnh: Ngọc Lan"
            end = seg.start + credit.start() if credit else seg.end - opened
            after = _AFTER_NAME.search(text, seg.start + m.end(), end)  # "Đăng bởi: Minh Anh | 12/12/2023"
            end = after.start() if after else end
            label = lexicon.dateline_label_re.search(text, seg.start + m.end(), end) \
                or lexicon.page_label_re.search(text, seg.start + m.end(), end)
            end = label.start() if label else end  # "Người đăng: admin - Ngày đăng: 03/02/2024", "... Lượt xem: 412"
            credited = text[seg.start + m.end():end].strip()
            writer = _writer_and_body(credited, lexicon) or _writer_comma_body(credited, lexicon)  # "Tác giả: X - Phòng Y"
            if writer is not None:
                end = text.find(writer, seg.start + m.end()) + len(writer)
            paren = _BODY_IN_PARENS.search(text, seg.start + m.end(), end)
            if paren and paren.end() == end and _is_note(paren.group(1), lexicon):
                end = paren.start()  # "Tin, ảnh: Văn Thành (Đài Truyền thanh xã)"
            writing = text[seg.start + m.end():end].lstrip()
            kept = _without_rank(writing, lexicon)  # "Tin, ảnh: Đại úy Trần Văn Lợi": the writer without the rank
            c = _candidate(doc, end - len(kept), end, "author.tac_gia", 0.95, lexicon)
            if c:
                out.append(c)
            continue
        m = lexicon.byline_name_re.match(line)
        if m and seg.kind == "byline" and not lexicon.places.is_province_or_district(m.group(1).strip()):
            # "Minh Anh, ngày: 18/06/2020", but "Lạng Sơn, ngày 10/01/2024" dates a place, as letters do
            c = _candidate(doc, seg.start, seg.start + m.end(1), "author.byline_date", 0.95, lexicon)
            if c:
                out.append(c)
    content = [s for s in doc.segments if s.kind not in ("chrome", "footer", "source")
               and re.search(r"\w", text[s.start:s.end])]  # a line of dots signs nothing
    if len(content) > 1 and _credits_a_source(text[content[-1].start:content[-1].end], lexicon):
        content.pop()  # "Lê Minh" then "Theo Báo Nhân Dân": the writer signs above the source
    if len(content) > 1 and _affiliation(text[content[-1].start:content[-1].end], lexicon) \
            and _name_like(text[content[-2].start:content[-2].end].strip()):
        content.pop()  # "Hữu Phước" then "Phóng viên Báo Tiền Giang" / "Phòng Nội vụ huyện": the writer's body
    if content:
        last = content[-1]
        line = text[last.start:last.end].rstrip(" |")
        signed = _signature(line, lexicon) if last.kind in ("byline", "caption", "body") else None
        if signed:
            at = last.start + line.find(signed)
            c = _candidate(doc, at, at + len(signed), "author.signature", 0.8, lexicon)
            if c:
                out.append(c)
    headline = next((s for s in doc.segments if s.kind == "headline"), None)
    for k, seg in enumerate(doc.segments):
        before_headline = headline is None or seg.end <= headline.start
        under_dateline = k > 0 and doc.segments[k - 1].kind == "dateline" and before_headline
        over_dateline = k + 1 < len(doc.segments) and doc.segments[k + 1].kind == "dateline" and before_headline
        if seg.kind == "byline" and (under_dateline or over_dateline
                                     or (headline and headline.start < seg.start < headline.end + 200)):
            line = text[seg.start:seg.end].rstrip(" |")
            staff = lexicon.staff_prefix_re.match(line)
            at = seg.start + (staff.end() if staff else 0)  # "PV Thu Hằng": the name after the writer's job
            line = line[staff.end():] if staff else line
            unranked = _without_rank(line, lexicon)  # "ThS. Nguyễn Văn Bình": the writer without the degree
            at, line = at + len(line) - len(unranked), unranked
            writer = _writer_and_body(line, lexicon)  # "Lê Hà - Phòng Công tác xã hội": the writer, not the body
            line = writer.rstrip() if writer else line
            names = [w for w in line.split() if w not in ("-", "–")]  # "Quỳnh Như - Đức Toàn": two writers
            if _NAME.match(line.replace(" - ", " ").replace(" – ", " ")) and len(names) <= (6 if len(names) < len(line.split()) else 4) \
                    and not lexicon.signature_prefix_re.match(line):
                c = _candidate(doc, at, at + len(line), "author.byline_top", 0.85, lexicon)
                if c:
                    out.append(c)
        if seg.kind == "dateline":
            line = text[seg.start:seg.end]
            first = line.split(" ", 1)[0]
            if _INITIALS.match(first) and len(line) > len(first) and line[len(first) + 1:][:1].isdigit():
                c = _candidate(doc, seg.start, seg.start + len(first), "author.dateline_initials", 0.7, lexicon)
                if c:
                    out.append(c)
                continue
            named = _dateline_name(line, lexicon)
            if named is not None:
                c = _candidate(doc, seg.start + named[0], seg.start + named[1], "author.dateline_name", 0.7, lexicon)
                if c:
                    out.append(c)
    return out


_DATELINE_PART = re.compile(r"[^|–\-]+")  # a dateline's parts, between " - " and " | "


def _dateline_name(line: str, lexicon: Lexicon) -> tuple[int, int] | None:
    """Where the one part of a dateline that is a name stands ("12/12/2023 10:15 - Minh
    Anh", "Minh Anh | 12/12/2023"): a name-like part with no digit, no weekday and no
    dateline word, beside a part that holds the date."""
    parts = [(m.start(), m.end()) for m in _DATELINE_PART.finditer(line) if m.group(0).strip()]
    if len(parts) < 2 or not any(any(ch.isdigit() for ch in line[a:b]) for a, b in parts):
        return None
    names = []
    for a, b in parts:
        part = line[a:b].strip()
        if any(ch.isdigit() for ch in part) or lexicon.weekday_re.search(part) or lexicon.dateline_filler_re.search(part):
            continue
        if not _name_like(part) or _is_body(part, lexicon) or once_match_key(part) in lexicon.section_keys:
            return None  # a site's or a section's name: not a writer
        at = line.index(part, a)
        names.append((at, at + len(part)))
    return names[0] if len(names) == 1 else None
