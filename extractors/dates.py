"""Dates: every date expression, with what a resolver needs to choose among them.

Each rule is a small generator over the document; :func:`extract_dates` runs them all.
Values are ISO (``2020-06-18``, ``2023-06``, ``2021``) with a granularity; ranges carry
``value_end``. Which date is the publication date and which the event date, which of
two overlapping expressions stands, and the year of a year-less day ("Ngày 23-12",
"Chiều 4-3") are decisions, made in :mod:`pipeline.resolve.dates`; the candidates carry
the evidence for them:

- ``kind``: ``full`` (a complete date or month), ``period``, ``day_month`` (no year
  written; ``normalized`` empty until resolved) or ``year``;
- ``role``: ``document`` (the date of a cited document), ``period``, ``span`` (one end
  of two full dates joined, "(10-8-2004 – 10-8-2014)"), ``until`` (a day after "đến
  ngày": a deadline or a span's end) or ``mention``;
- ``placement``: where a full day stands when it could be the publication date
  (``byline``, ``crawl_line``, ``dateline_below`` / ``dateline_above`` the headline,
  ``headline_end``: set off at the end of the headline line),
  or ``crawl_month`` for a crawler's month line ("date 2020-08"), which bounds year-less
  days without being a publication date;
- ``segment``: the kind of segment it is in; ``event_sentence``: its sentence reports a
  meeting (not when it issues a document first: "ban hành Kế hoạch ... tổ chức Hội nghị");
  ``cue_start``: where a day cue written before it starts;
- for a year-less day: ``day``, ``month``, ``last_day`` (of "ngày 7 và 8-10"),
  ``year_cues`` (the years of its sentence and how each is written, :func:`_year_cues`)
  and ``future``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from extractors.base import Candidate, Document, Segment, Spans, freeze
from extractors.keys import CAPITAL, match_key
from extractors.lexicon import Lexicon

__all__ = ["extract_dates", "iso", "sentence_of"]

# Every pattern that starts at a number opens with the digit itself and checks what stands
# before it behind it ("\d(?<![\d/]\d)" for "(?<![\d/])\d"): the regex engine then skips
# in C to the next digit instead of trying the pattern at every character, and the matches
# are the same (``tests/extractors/test_dates.py`` compares them with the plain patterns).
_SEP = r"\s*[/.\-–]\s*"
# dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (and mixed: "11/4-2017")
_DMY = re.compile(rf"(\d(?<![\d/.\-]\d)\d?){_SEP}(\d{{1,2}}){_SEP}((?:19|20)\d{{2}})(?![\d/])")
_ISO_DATE = re.compile(r"((?:19|20)(?<![\d-]\d\d)\d{2})-(\d{2})-(\d{2})(?![\d-])")
_RANGE = re.compile(r"((?:19|20)(?<![\d/]\d\d)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?![\d/])")
_PAREN_YEARS = re.compile(r"\(\s*((?:19|20)\d{2}(?:\s*,\s*(?:19|20)\d{2})*)\s*\)")
_YEAR_AFTER = re.compile(r"\s+((?:19|20)\d{2})(?!\d)")
_CRAWL_MONTH = re.compile(r"date (?<![^\n]date )((?:19|20)\d{2})-(\d{2})(?![\d-])")  # at a line start
_DAY_SPAN = re.compile(r"\d{1,2}\s*[-–]\s*\d{1,2}\s*/\s*\d{1,2}\s*[/.\-–]\s*\d{4}")
# two full dates joined into a span: "(10-8-2004 – 10-8-2014)", "18/11/1930 - 18/11/2017"
_DMY_SOURCE = r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:19|20)\d{2}"
_DATE_SPAN = re.compile(rf"(\d(?<![\d/.\-]\d)\d?\s*[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*(?:19|20)\d{{2}})\s*[-–—]\s*({_DMY_SOURCE})"
                        r"(?![\d/])")
_ANY_RANGE = re.compile(r"((?:19|20)(?<![\d/.\-]\d\d)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?![\d/])")
_ANY_YEAR = re.compile(r"((?:19|20)(?<!\d\d\d)\d{2})(?!\d)")


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO value for a valid date; None for an impossible one (31/2).

    >>> iso(2020, 6, 18), iso(2023, 6), iso(2021), iso(2021, 2, 31)
    ('2020-06-18', '2023-06', '2021', None)
    """
    try:
        if day is not None and month is not None:
            return dt.date(year, month, day).isoformat()
        if month is not None:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        return f"{year:04d}"
    except ValueError:
        return None


def _cand(doc: Document, start: int, end: int, value: str, rule: str, confidence: float, *,
          kind: str, granularity: str, value_end: str | None = None, role: str = "mention",
          **extra: Any) -> Candidate:
    return Candidate("date", doc.text[start:end], value, start, end, rule, confidence,
                     freeze(kind=kind, granularity=granularity, value_end=value_end, role=role, **extra))


def _full_dates(doc: Document, lexicon: Lexicon) -> Iterator[Candidate]:
    text = doc.text
    for m in _ISO_DATE.finditer(text):
        value = iso(int(m[1]), int(m[2]), int(m[3]))
        if value:
            yield _cand(doc, m.start(), m.end(), value, "dates.iso", 0.95, kind="full", granularity="day")
    for m in lexicon.multi_day_re.finditer(text):  # "04, 05/4/2024", "04-05/4/2024", "2-3/12/2014"
        value = iso(int(m[4]), int(m[3]), int(m[1]))
        last = iso(int(m[4]), int(m[3]), int(m[2]))
        hyphened = _DAY_SPAN.fullmatch(m[0]) is not None
        cued = lexicon.date_patterns.day_before_re.search(text[max(0, m.start() - 12):m.start()])
        if value and last and last > value and (cued or hyphened):
            yield _cand(doc, m.start(), m.end(), value, "dates.multi_day", 0.9, kind="full", granularity="range",
                        value_end=last)
    for m in _DMY.finditer(text):
        value = iso(int(m[3]), int(m[2]), int(m[1]))
        if value:
            yield _cand(doc, m.start(), m.end(), value, "dates.dmy_numeric", 0.95, kind="full", granularity="day")
    for m in lexicon.date_patterns.dmy_words_re.finditer(text):
        value = iso(int(m[3]), int(m[2]), int(m[1]))
        if value:
            yield _cand(doc, m.start(), m.end(), value, "dates.dmy_words", 0.95, kind="full", granularity="day")
    for m in lexicon.date_patterns.month_name_date_re.finditer(text):  # "22 Tháng Bảy, 2022"
        value = iso(int(m[3]), lexicon.date_patterns.month_names[match_key(m[2])], int(m[1]))
        if value:
            yield _cand(doc, m.start(), m.end(), value, "dates.dmy_month_name", 0.9, kind="full", granularity="day")
    for m in _CRAWL_MONTH.finditer(text):  # a crawler's month line: "date 2020-08 (GLO)- Sáng 17-8, ..."
        value = iso(int(m[1]), int(m[2]))
        if value:
            yield _cand(doc, m.start(1), m.end(), value, "dates.crawl_month", 0.9, kind="full", granularity="month",
                        placement="crawl_month")
    for m in lexicon.date_patterns.month_year_re.finditer(text):
        value = iso(int(m[2]), int(m[1]))
        if value:
            yield _cand(doc, m.start(), m.end(), value, "dates.month_year", 0.9, kind="full", granularity="month")


def _periods(doc: Document, lexicon: Lexicon) -> Iterator[Candidate]:
    text = doc.text
    for m in lexicon.halves_re.finditer(text):
        after = _YEAR_AFTER.match(text, m.end())
        if not after:
            continue
        months = lexicon.half_months(m.group(0))
        if months is None:
            continue
        first, last = months
        year = int(after[1])
        yield _cand(doc, m.start(), after.end(), iso(year, first) or "", "dates.part_of_year", 0.9,
                    kind="period", granularity="range", value_end=iso(year, last), role="period")
    for m in lexicon.date_patterns.year_range_words_re.finditer(text):
        yield _cand(doc, m.start(), m.end(), m[1], "dates.year_range_words", 0.9, kind="period",
                    granularity="range", value_end=m[2], role="period")
    for m in _RANGE.finditer(text):
        a, b = int(m[1]), int(m[2])
        if not a < b <= a + 10:
            continue
        start = m.start()
        before = text[max(0, start - 25):start]
        word = lexicon.date_patterns.period_word_end_re.search(before)
        if word:
            start = start - len(before) + word.start()
        yield _cand(doc, start, m.end(), m[1], "dates.year_range", 0.9, kind="period", granularity="range",
                    value_end=m[2], role="period")


def _years(doc: Document, lexicon: Lexicon) -> Iterator[Candidate]:
    for m in lexicon.date_patterns.year_word_re.finditer(doc.text):
        yield _cand(doc, m.start(), m.end(), m[1], "dates.year", 0.85, kind="year", granularity="year")
    for m in _PAREN_YEARS.finditer(doc.text):
        for y in re.finditer(r"(?:19|20)\d{2}", m[1]):
            s = m.start(1) + y.start()
            yield _cand(doc, s, s + 4, y.group(0), "dates.paren_year", 0.7, kind="year", granularity="year")


REACH = 300  # how far around a date its sentence is read: a real sentence is shorter


def sentence_of(doc: Document, offset: int, reach: int = REACH) -> tuple[int, int]:
    """The sentence holding ``offset`` (a sentence of the document, else its segment,
    else its line), cut to ``reach`` characters either side of it: the words that tell
    a date's role stand near it, and reading no further keeps the extractor linear on a
    text with no sentence breaks."""
    found = doc.sentence_at(offset)
    if found is None:
        seg = doc.segment_at(offset)
        if seg:
            found = seg.start, seg.end
        else:
            line_start = doc.text.rfind("\n", max(0, offset - reach), offset) + 1
            line_end = doc.text.find("\n", offset, offset + reach)
            found = line_start, min(len(doc.text), offset + reach) if line_end < 0 else line_end
    start, end = found
    return max(start, offset - reach), min(end, offset + reach)


_DAY_WRITTEN = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}")


def _is_document_date(doc: Document, c: Candidate, lexicon: Lexicon) -> bool:
    """"Công văn số 402/VHL-TCCB ngày 06/3/2020": a date right after a cited document; in a
    sentence that cites its basis ("Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022, ..."),
    the first day after the document."""
    before = doc.text[max(0, c.start - 70):c.start]
    clause = re.split(r"[,;.:()\n]\s", before)[-1]
    if lexicon.document_word_re.search(clause) and lexicon.date_patterns.document_number_end_re.search(clause):
        return True
    s, _ = sentence_of(doc, c.start)
    if not lexicon.basis_lead_re.match(doc.text, s):
        return False
    cited = [m.end() for m in lexicon.document_word_re.finditer(doc.text, s, c.start)]
    return bool(cited) and _DAY_WRITTEN.search(doc.text, cited[-1], c.start) is None


def _placement(doc: Document, c: Candidate) -> str | None:
    """Where a full day stands, when it could be the publication date."""
    seg = doc.segment_at(c.start)
    if seg is None or c.get("granularity") != "day":
        return None
    if seg.kind == "byline":
        return "byline"
    if seg.kind == "headline":
        return "headline_end" if _at_headline_end(doc.text, seg.start, seg.end, c) else None
    if seg.kind == "body":
        return "lead" if _opens_lead(doc, seg, c) else None
    if seg.kind != "dateline":
        return None
    if doc.text[seg.start:seg.end].startswith("date "):
        return "crawl_line"
    headline = next((s for s in doc.segments if s.kind == "headline"), None)
    return "dateline_below" if headline is not None and seg.start > headline.start else "dateline_above"


# a paper's dateline opening its lead: "(Baophutho.vn) 03/02/2024 - ...", "HÀ NỘI, 03/02/2024 - ..."
_LEAD_DATE_BEFORE = re.compile(r"(?:\([^()]{2,40}\)\s*(?:[-–—]\s*)?|[^\W\d_][^,.()\d]{1,30},\s*)?")
_LEAD_DATE_AFTER = re.compile(r"\s*(?:\d{1,2}:\d{2}\s*)?[-–—]\s")


def _opens_lead(doc: Document, seg: Segment, c: Candidate) -> bool:
    """Does a day open the article's first paragraph as a paper's dateline, before a dash
    ("(Baophutho.vn) 03/02/2024 - Ngày 2/2, ...", "HÀ NỘI, 03/02/2024 - ...")?"""
    first = next((s for s in doc.segments if s.kind == "body"), None)
    return first is seg and _LEAD_DATE_BEFORE.fullmatch(doc.text, seg.start, c.start) is not None \
        and _LEAD_DATE_AFTER.match(doc.text, c.end) is not None


_HEADLINE_DATE_BEFORE = re.compile(r"(?:\s[-–—|]|[(\[])\s*$")
_HEADLINE_DATE_AFTER = re.compile(r"\s*(?:[-–—|,]?\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*[)\]]?\s*$")


def _at_headline_end(text: str, start: int, end: int, c: Candidate) -> bool:
    """Is a day the last thing on its headline line, set off from the headline ("Hội nghị
    tổng kết năm 2018 - 12/01/2019", "... (20/04/2020 09:15)"), as a site's list of articles
    dates them? Not a day the headline speaks of ("Kỷ niệm ngày 30/4/1975")."""
    return bool(_HEADLINE_DATE_BEFORE.search(text, start, c.start)) and bool(
        _HEADLINE_DATE_AFTER.fullmatch(text, c.end, end))


def _is_until(doc: Document, c: Candidate, lexicon: Lexicon) -> bool:
    """A day written after "đến (ngày)", its own text's cue included ("đến ngày 30/5")."""
    if c.get("kind") == "day_month":
        digit = re.search(r"\d", c.text)
        return digit is not None and bool(lexicon.date_patterns.until_end_re.search(c.text[:digit.start()]))
    return bool(lexicon.date_patterns.until_end_re.search(doc.text[max(0, c.start - 20):c.start]))


def _cue_start(doc: Document, c: Candidate, lexicon: Lexicon) -> int | None:
    """Where a day cue written right before a date starts ("Ngày" of "Ngày 15/6/2020"),
    unless the date's own text opens with one."""
    before = doc.text[max(0, c.start - 20):c.start]
    m = lexicon.date_patterns.day_cue_end_re.search(before)
    if not m or lexicon.date_patterns.cue_opener_re.match(c.text):
        return None
    return c.start - len(before) + m.start()


def _with_evidence(doc: Document, c: Candidate, lexicon: Lexicon, date_spans: Spans) -> Candidate:
    seg = doc.segment_at(c.start)
    extra: dict[str, Any] = {"segment": seg.kind if seg else None}
    if c.get("kind") in ("full", "day_month", "today") and c.get("granularity") in ("day", "range"):
        s, e = sentence_of(doc, c.start)
        event = lexicon.event_word_re.search(doc.text, c.end, e)
        issuing = lexicon.issuing_word_re.search(doc.text, c.end, e)
        # "Ngày 15/3, UBND tỉnh ban hành Kế hoạch ... tổ chức Hội nghị": the document's day, no meeting's
        issued = issuing is not None and (event is None or issuing.start() < event.start())
        extra["event_sentence"] = not issued and bool(lexicon.event_word_re.search(doc.text[s:e])) \
            and lexicon.prior_opening_re.match(doc.text, s) is None  # "Trước đó, ngày 20/12, ...": an earlier activity
        # "Hội nghị ... sẽ được tổ chức vào ngày 10/3/2026": an announced meeting, second to one reported
        if c.get("kind") == "full":  # a year-less day has its own (it picks the year)
            extra["future"] = bool(lexicon.future_word_re.search(doc.text, s, e))
        extra["cue_start"] = _cue_start(doc, c, lexicon)
        extra["placement"] = _placement(doc, c) if c.get("kind") == "full" else None
    if c.get("placement") == "crawl_month":
        extra["placement"] = "crawl_month"
    if c.get("kind") == "full" and _is_document_date(doc, c, lexicon):
        extra["role"] = "document"
    elif c.get("kind") == "full" and date_spans.covers(c.start, c.end):
        extra["role"] = "span"  # one end of "(10-8-2004 – 10-8-2014)": an anniversary's or a campaign's
    elif _is_until(doc, c, lexicon):
        extra["role"] = "until"  # "đến ngày 30/5, tất cả đơn vị đã hoàn thành": a deadline
    return c.but(attrs=extra)


def _year_cues(text: str, start: int, end: int, lexicon: Lexicon) -> tuple[tuple[int, str], ...]:
    """Every year written in ``text[start:end]`` (a sentence) with how it is written:

    - ``range_end``: the last year of a span that a review or an anniversary written
      before it in the sentence closes ("tổng kết ... giai đoạn 2014-2019", "kỷ niệm 10
      năm (10-8-2004 – 10-8-2014)"): the meeting is held in it;
    - ``span``: the last year of any other span, a term of office included ("Đại hội
      lần thứ V (2020-2025)", "nhiệm kỳ 2016 - 2021"), which does not date the meeting;
    - ``plan``: a year a meeting plans for ("triển khai nhiệm vụ năm 2024");
    - ``review``: a year a meeting reviews as a whole ("tổng kết công tác năm 2020");
    - ``plain``: any other ("6 tháng đầu năm 2020", "quý IV.2015", "Ngày 10-8-2004").

    >>> lex = Lexicon.load()
    >>> t = "Ngày 25/12, Viện tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024 (1945 - 2025)."
    >>> _year_cues(t, 0, len(t), lex)
    ((2025, 'range_end'), (2023, 'review'), (2024, 'plan'))
    >>> t = "Ngày 20/11, Đại học tổ chức Đại hội lần thứ V (2020-2025), nhiệm kỳ 2016 - 2021."
    >>> _year_cues(t, 0, len(t), lex)
    ((2025, 'span'), (2021, 'span'))
    """
    sentence = text[start:end]
    cues: list[tuple[int, str]] = []
    taken = [(m.start(), m.end()) for m in _CRAWL_MONTH.finditer(sentence)]  # the crawler's, not the article's
    for pattern in (_DATE_SPAN, _ANY_RANGE):
        for m in pattern.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            first, last = _ANY_YEAR.findall(m[1])[-1], _ANY_YEAR.findall(m[2])[-1]
            if int(first) < int(last):
                term = lexicon.date_patterns.term_word_end_re.search(sentence[max(0, m.start() - 15):m.start()])
                closed = lexicon.date_patterns.span_closing_word_re.search(sentence, 0, m.start())
                cues.append((int(last), "range_end" if closed and not term else "span"))
                taken.append((m.start(), m.end()))
    patterns = lexicon.date_patterns
    for m in _ANY_YEAR.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken):
            continue
        window = sentence[max(0, m.start() - 150):m.start()]
        clause = re.split(r"[,;:.]\s", window)[-1]
        before = sentence[max(0, m.start() - 25):m.start()]
        whole_year = patterns.year_word_end_re.search(before) is not None and not patterns.half_end_re.search(before)
        if whole_year and len(clause) < len(window) and not (patterns.plan_word_re.search(clause)
                                                             or patterns.review_word_re.search(clause)):
            clause = re.split(r"[,;:.]\s", _compound_commas_out(window, lexicon))[-1]  # "thi đua, khen thưởng"
        if whole_year and patterns.plan_word_re.search(clause):
            cues.append((int(m[1]), "plan"))
        elif whole_year and patterns.review_word_re.search(clause):
            cues.append((int(m[1]), "review"))
        else:
            cues.append((int(m[1]), "plain"))
    return tuple(cues)


def _compound_commas_out(text: str, lexicon: Lexicon) -> str:
    """``text`` with the commas inside fixed phrases made spaces, so that a clause runs
    through them ("tổng kết công tác thi đua, khen thưởng năm 2018": one clause)."""
    if "," not in text:
        return text
    for m in lexicon.compound_re.finditer(text):
        if "," in m.group(0):
            text = text[:m.start()] + m.group(0).replace(",", " ") + text[m.end():]
    return text


_WIRE_PLACE = re.compile(rf"(?m)^[ \t]*(?:{CAPITAL}[^\W\d_]*\.?[ \t]?){{1,4}},[ \t]+")
_WIRE_DAY = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}(?![\d/.\-])\s*(?:\(|[-–—]\s)")


def _day_months(doc: Document, lexicon: Lexicon) -> Iterator[Candidate]:
    """Year-less days after a day cue ("Chiều 4-3", "Ngày 23-12", "vào ngày 19.8 tới",
    "Sáng nay (22/12)", "ngày 7 và 8-10", "Sáng thứ Năm (4/1)", "Sáng 25 tháng 12"), and
    after a wire lead's place ("TIỀN GIANG, 12/1 (TTXVN) - ...")."""
    text = doc.text
    cues = [(c.start(), c.end()) for c in lexicon.day_cue_re.finditer(text)]
    # a wire lead's place before the day ("TIỀN GIANG, 12/1 (TTXVN) - ...", "Hà Nội, 12/1 - ..."): the day is its own text
    cues += [(w.end(), w.end()) for w in _WIRE_PLACE.finditer(text) if _WIRE_DAY.match(text, w.end())]
    for cue_start, cue_end in sorted(cues):
        at = cue_end
        while text[at:at + 1] == " ":
            at += 1
        weekday = lexicon.weekday_re.match(text, at)  # "Sáng thứ Năm (4/1)", "Chiều Chủ nhật, 5/1"
        if weekday:
            at = weekday.end()
            while text[at:at + 1] in (" ", ","):
                at += 1
        m = lexicon.date_patterns.day_month_after_cue_re.match(text, at)
        if m:
            day, month = int(m[2]), int(m[4])
            last = int(m[3]) if m[3] else None
        else:
            m = lexicon.date_patterns.day_month_words_after_cue_re.match(text, at)  # "Sáng 25 tháng 12,"
            named = lexicon.date_patterns.day_month_name_after_cue_re.match(text, at) if not m else None
            if named:  # "Ngày 4 tháng Một,"
                m = named
                day, month, last = int(m[1]), lexicon.date_patterns.month_names[match_key(m[2])], None
            elif not m:
                continue
            else:
                day, month, last = int(m[1]), int(m[2]), None
        if not (1 <= day <= 31 and 1 <= month <= 12) or (last is not None and not day < last <= 31):
            continue
        s, e = sentence_of(doc, cue_start)
        future = bool(lexicon.future_word_re.search(text[s:e]) or lexicon.future_after_re.match(text, m.end()))
        yield _cand(doc, cue_start, m.end(), "", "dates.day_month", 0.85, kind="day_month",
                    granularity="day" if last is None else "range", day=day, month=month, last_day=last,
                    year_cues=_year_cues(text, s, e, lexicon), future=future)


def _todays(doc: Document, lexicon: Lexicon) -> Iterator[Candidate]:
    """``dates.today``: "Sáng nay", "Hôm nay" ("Chiều qua", "Hôm qua") with no day written
    after them: the day of the report (the day before it), its value the publication day's
    (less ``days_before``; :mod:`pipeline.resolve.dates`)."""
    for m in lexicon.date_patterns.today_re.finditer(doc.text):
        yield _cand(doc, m.start(), m.end(), "", "dates.today", 0.7, kind="today", granularity="day", days_before=0)
    for m in lexicon.date_patterns.yesterday_re.finditer(doc.text):  # "Chiều qua, ...": the day before
        yield _cand(doc, m.start(), m.end(), "", "dates.today", 0.7, kind="today", granularity="day", days_before=1)


def extract_dates(doc: Document, lexicon: Lexicon) -> list[Candidate]:
    """Every date expression outside page chrome and footers, with its evidence.

    Full dates first, then periods, year-less days and bare years, each in text order.

    >>> from extractors.base import body_document
    >>> lex = Lexicon.load()
    >>> d = body_document("Ngày 15/6/2020, Văn phòng tổ chức Hội nghị giai đoạn 2015 – 2020; chiều 4-3 họp.")
    >>> [(c.text, c.normalized, c.get("kind"), c.get("role")) for c in extract_dates(d, lex)]
    [('15/6/2020', '2020-06-15', 'full', 'mention'), ('giai đoạn 2015 – 2020', '2015', 'period', 'period'), ('chiều 4-3', '', 'day_month', 'mention')]
    """
    def inside(c: Candidate) -> bool:
        if not doc.segments:
            return True
        seg = doc.segment_at(c.start)
        return seg is not None and seg.kind not in ("chrome", "footer") and c.end <= seg.end

    found = [*_full_dates(doc, lexicon), *_periods(doc, lexicon), *_day_months(doc, lexicon), *_years(doc, lexicon),
             *_todays(doc, lexicon)]
    date_spans = Spans((m.start(), m.end()) for m in _DATE_SPAN.finditer(doc.text))
    return [_with_evidence(doc, c, lexicon, date_spans) for c in found if inside(c)]
