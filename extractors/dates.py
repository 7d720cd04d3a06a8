"""Dates: every date expression, with what a resolver needs to choose among them.

Each rule is a small generator over the document; :func:`extract_dates` runs them all.
Values are ISO (``2020-06-18``, ``2023-06``, ``2021``) with a granularity; ranges carry
``value_end``. Which date is the publication date and which the event date, which of
two overlapping expressions stands, and the year of a year-less day ("Ngày 23-12",
"Chiều 4-3") are decisions, made in :mod:`pipeline.resolve.dates`; the candidates carry
the evidence for them:

- ``kind``: ``full`` (a complete date or month), ``period``, ``day_month`` (no year
  written; ``normalized`` empty until resolved) or ``year``;
- ``role``: ``document`` (the date of a cited document), ``period`` or ``mention``;
- ``placement``: where a full day stands when it could be the publication date
  (``byline``, ``crawl_line``, ``dateline_below`` / ``dateline_above`` the headline);
- ``segment``: the kind of segment it is in; ``event_sentence``: its sentence reports a
  meeting; ``cue_start``: where a day cue written before it starts;
- for a year-less day: ``day``, ``month``, ``sentence_years`` and ``future``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from extractors.base import Candidate, Document, freeze
from extractors.lexicon import Lexicon

__all__ = ["extract_dates", "iso", "sentence_of"]

_SEP = r"\s*[/.\-–]\s*"
# dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (and mixed: "11/4-2017")
_DMY = re.compile(rf"(?<![\d/.\-])(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}((?:19|20)\d{{2}})(?![\d/])")
_ISO_DATE = re.compile(r"(?<![\d-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\d-])")
# year-less "23-12", "4-3", "19.8", "15/6" after a day cue
_DM = re.compile(r"(?<![\d/.\-])(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?![\d/.\-]|\s*[/.\-]\s*\d)")
_RANGE = re.compile(r"(?<![\d/])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?![\d/])")
_PAREN_YEARS = re.compile(r"\(\s*((?:19|20)\d{2}(?:\s*,\s*(?:19|20)\d{2})*)\s*\)")
_SENTENCE_YEAR = re.compile(r"(?<![\d/\-–])((?:19|20)\d{2})(?![\d/\-–])")
_YEAR_AFTER = re.compile(r"\s+((?:19|20)\d{2})(?!\d)")


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
    for m in lexicon.multi_day_re.finditer(text):  # "04, 05/4/2024", "04-05/4/2024"
        value = iso(int(m[3]), int(m[2]), int(m[1]))
        if value and lexicon.date_patterns.day_before_re.search(text[max(0, m.start() - 12):m.start()]):
            yield _cand(doc, m.start(), m.end(), value, "dates.multi_day", 0.9, kind="full", granularity="day")
    for m in _DMY.finditer(text):
        value = iso(int(m[3]), int(m[2]), int(m[1]))
        if value:
            yield _cand(doc, m.start(), m.end(), value, "dates.dmy_numeric", 0.95, kind="full", granularity="day")
    for m in lexicon.date_patterns.dmy_words_re.finditer(text):
        value = iso(int(m[3]), int(m[2]), int(m[1]))
        if value:
            yield _cand(doc, m.start(), m.end(), value, "dates.dmy_words", 0.95, kind="full", granularity="day")
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


def sentence_of(doc: Document, offset: int) -> tuple[int, int]:
    """The sentence holding ``offset``: a sentence of the document, else its segment,
    else its line."""
    for start, end in doc.sentences:
        if start <= offset < end:
            return start, end
    seg = doc.segment_at(offset)
    if seg:
        return seg.start, seg.end
    line_start = doc.text.rfind("\n", 0, offset) + 1
    line_end = doc.text.find("\n", offset)
    return line_start, len(doc.text) if line_end < 0 else line_end


def _is_document_date(doc: Document, c: Candidate, lexicon: Lexicon) -> bool:
    """"Công văn số 402/VHL-TCCB ngày 06/3/2020": a date right after a cited document."""
    before = doc.text[max(0, c.start - 70):c.start]
    clause = re.split(r"[,;.:()\n]\s", before)[-1]
    return bool(lexicon.document_word_re.search(clause)) and bool(lexicon.date_patterns.document_number_end_re.search(clause))


def _placement(doc: Document, c: Candidate) -> str | None:
    """Where a full day stands, when it could be the publication date."""
    seg = doc.segment_at(c.start)
    if seg is None or c.get("granularity") != "day":
        return None
    if seg.kind == "byline":
        return "byline"
    if seg.kind != "dateline":
        return None
    if doc.text[seg.start:seg.end].startswith("date "):
        return "crawl_line"
    headline = next((s for s in doc.segments if s.kind == "headline"), None)
    return "dateline_below" if headline is not None and seg.start > headline.start else "dateline_above"


def _cue_start(doc: Document, c: Candidate, lexicon: Lexicon) -> int | None:
    """Where a day cue written right before a date starts ("Ngày" of "Ngày 15/6/2020"),
    unless the date's own text opens with one."""
    before = doc.text[max(0, c.start - 20):c.start]
    m = lexicon.date_patterns.day_cue_end_re.search(before)
    if not m or lexicon.date_patterns.cue_opener_re.match(c.text):
        return None
    return c.start - len(before) + m.start()


def _with_evidence(doc: Document, c: Candidate, lexicon: Lexicon) -> Candidate:
    seg = doc.segment_at(c.start)
    extra: dict[str, Any] = {"segment": seg.kind if seg else None}
    if c.get("granularity") == "day":
        s, e = sentence_of(doc, c.start)
        extra["event_sentence"] = bool(lexicon.event_word_re.search(doc.text[s:e]))
        extra["cue_start"] = _cue_start(doc, c, lexicon)
        extra["placement"] = _placement(doc, c) if c.get("kind") == "full" else None
    if c.get("kind") == "full" and _is_document_date(doc, c, lexicon):
        extra["role"] = "document"
    return c.but(attrs=extra)


def _day_months(doc: Document, lexicon: Lexicon) -> Iterator[Candidate]:
    """Year-less days after a day cue ("Chiều 4-3", "Ngày 23-12", "vào ngày 19.8 tới")."""
    text = doc.text
    for cue in lexicon.day_cue_re.finditer(text):
        at = cue.end()
        while text[at:at + 1] == " ":
            at += 1
        m = _DM.match(text, at)
        if not m:
            continue
        day, month = int(m[1]), int(m[2])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        s, e = sentence_of(doc, cue.start())
        sentence = text[s:e]
        years = () if _RANGE.search(sentence) else tuple(int(y) for y in _SENTENCE_YEAR.findall(sentence))
        future = bool(lexicon.future_word_re.search(sentence))
        yield _cand(doc, cue.start(), m.end(), "", "dates.day_month", 0.85, kind="day_month", granularity="day",
                    day=day, month=month, sentence_years=years, future=future)


def extract_dates(doc: Document, lexicon: Lexicon) -> list[Candidate]:
    """Every date expression outside page chrome and footers, with its evidence.

    Full dates first, then periods, year-less days and bare years, each in text order.

    >>> from extractors.base import body_document
    >>> lex = Lexicon.load()
    >>> d = body_document("Ngày 15/6/2020, Văn phòng tổ chức Hội nghị giai đoạn 2015 – 2020; chiều 4-3 họp.")
    >>> [(c.text, c.normalized, c.get("kind"), c.get("role")) for c in extract_dates(d, lex)]
    [('15/6/2020', '2020-06-15', 'full', 'mention'), ('giai đoạn 2015 – 2020', '2015', 'period', 'period'), ('chiều 4-3', '', 'day_month', 'mention')]
    """
    active = [s for s in doc.segments if s.kind not in ("chrome", "footer")]

    def inside(c: Candidate) -> bool:
        return any(s.start <= c.start and c.end <= s.end for s in active) if doc.segments else True

    found = [*_full_dates(doc, lexicon), *_periods(doc, lexicon), *_day_months(doc, lexicon), *_years(doc, lexicon)]
    return [_with_evidence(doc, c, lexicon) for c in found if inside(c)]
