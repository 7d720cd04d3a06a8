"""Dates: publication date, event date, periods, dates of cited documents, mentions.

Each rule is a small generator over the document; :func:`extract_dates` runs them all
and assigns roles. Values are ISO (``2020-06-18``, ``2023-06``, ``2021``) with a
granularity; ranges carry ``value_end``. A year-less day ("Ngày 23-12", "Chiều 4-3")
is resolved only when the text makes the year certain (see :func:`resolve_year`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from extractors.base import Candidate, Document, freeze
from extractors.lexicon import Lexicon

__all__ = ["extract_dates", "resolve_year", "iso"]

_SEP = r"\s*[/.\-–]\s*"
# dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (and mixed: "11/4-2017")
_DMY = re.compile(rf"(?<![\d/.\-])(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}((?:19|20)\d{{2}})(?![\d/])")
# "ngày 15 tháng 12 năm 2020"
_DMY_WORDS = re.compile(r"(?i)(?<!\w)(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})(?!\d)")
# multi-day "04, 05/4/2024", "04-05/4/2024"
_MULTI_DAY = re.compile(rf"(?<![\d/])(\d{{1,2}})(?:\s*(?:,|-|–|và)\s*\d{{1,2}})+\s*/\s*(\d{{1,2}}){_SEP}((?:19|20)\d{{2}})(?!\d)")
_ISO_DATE = re.compile(r"(?<![\d-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\d-])")
# year-less "23-12", "4-3", "19.8", "15/6" after a day cue
_DM = re.compile(r"(?<![\d/.\-])(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?![\d/.\-]|\s*[/.\-]\s*\d)")
_MONTH_YEAR = re.compile(r"(?i)(?<!\w)tháng\s+(\d{1,2})(?:\s*/\s*|\s+năm\s+)((?:19|20)\d{2})(?!\d)")
_RANGE = re.compile(r"(?<![\d/])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?![\d/])")
_RANGE_WORDS = re.compile(r"(?i)(?<!\w)từ\s+năm\s+((?:19|20)\d{2})\s+đến\s+năm\s+((?:19|20)\d{2})(?!\d)")
_YEAR = re.compile(r"(?i)(?<!\w)năm\s+((?:19|20)\d{2})(?![\d/\-])")
_PAREN_YEARS = re.compile(r"\(\s*((?:19|20)\d{2}(?:\s*,\s*(?:19|20)\d{2})*)\s*\)")


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


def resolve_year(day: int, month: int, *, published: str | None, sentence_years: list[int], future: bool) -> int | None:
    """The year of a year-less day, or None when the text does not make it certain.

    From the publication date: the latest such day not after it (the earliest not
    before it for an announced meeting: "sẽ ... vào ngày 19.8 tới"); else a single
    explicit year in the same sentence.

    >>> resolve_year(4, 3, published="2021-03-05", sentence_years=[], future=False)
    2021
    >>> resolve_year(23, 12, published="2021-01-05", sentence_years=[], future=False)
    2020
    >>> resolve_year(19, 8, published="2020-06-03", sentence_years=[], future=True)
    2020
    >>> resolve_year(28, 7, published=None, sentence_years=[2015], future=False)
    2015
    >>> resolve_year(28, 7, published=None, sentence_years=[2016, 2021], future=False) is None
    True
    """
    if published:
        pub = dt.date.fromisoformat(published[:10]) if len(published) >= 10 else None
        if pub:
            for year in ((pub.year, pub.year + 1) if future else (pub.year, pub.year - 1)):
                try:
                    candidate = dt.date(year, month, day)
                except ValueError:
                    continue
                if (candidate >= pub) if future else (candidate <= pub):
                    return year
            return None
    distinct = sorted(set(sentence_years))
    return distinct[0] if len(distinct) == 1 else None


def _cand(doc: Document, start: int, end: int, value: str, rule: str, confidence: float, *,
          granularity: str, value_end: str | None = None, role: str = "mention") -> Candidate:
    return Candidate("date", doc.text[start:end], value, start, end, rule, confidence,
                     freeze(granularity=granularity, value_end=value_end, role=role))


def _full_dates(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    for m in _ISO_DATE.finditer(text):
        value = iso(int(m[1]), int(m[2]), int(m[3]))
        if value:
            yield _cand(doc, m.start(), m.end(), value, "dates.iso", 0.95, granularity="day")
    for m in _MULTI_DAY.finditer(text):
        value = iso(int(m[3]), int(m[2]), int(m[1]))
        if value and re.search(r"(?i)ngày\s*$", text[max(0, m.start() - 12):m.start()]):
            yield _cand(doc, m.start(), m.end(), value, "dates.multi_day", 0.9, granularity="day")
    for m in _DMY.finditer(text):
        value = iso(int(m[3]), int(m[2]), int(m[1]))
        if value:
            yield _cand(doc, m.start(), m.end(), value, "dates.dmy_numeric", 0.95, granularity="day")
    for m in _DMY_WORDS.finditer(text):
        value = iso(int(m[3]), int(m[2]), int(m[1]))
        if value:
            yield _cand(doc, m.start(), m.end(), value, "dates.dmy_words", 0.95, granularity="day")
    for m in _MONTH_YEAR.finditer(text):
        value = iso(int(m[2]), int(m[1]))
        if value:
            yield _cand(doc, m.start(), m.end(), value, "dates.month_year", 0.9, granularity="month")


def _periods(doc: Document, lexicon: Lexicon) -> Iterator[Candidate]:
    text = doc.text
    for m in lexicon.halves_re.finditer(text):
        after = re.match(r"\s+((?:19|20)\d{2})(?!\d)", text[m.end():])
        if not after:
            continue
        months = lexicon.half_months(m.group(0))
        if months is None:
            continue
        first, last = months
        year = int(after[1])
        end = m.end() + after.end()
        yield _cand(doc, m.start(), end, iso(year, first) or "", "dates.part_of_year", 0.9,
                    granularity="range", value_end=iso(year, last), role="period")
    for m in _RANGE_WORDS.finditer(text):
        yield _cand(doc, m.start(), m.end(), m[1], "dates.year_range_words", 0.9,
                    granularity="range", value_end=m[2], role="period")
    for m in _RANGE.finditer(text):
        a, b = int(m[1]), int(m[2])
        if not a < b <= a + 10:
            continue
        start = m.start()
        before = text[max(0, start - 25):start]
        word = re.search(rf"(?:{lexicon.period_word_re.pattern})\s*$", before, re.IGNORECASE)
        if word:
            start = start - len(before) + word.start()
        yield _cand(doc, start, m.end(), m[1], "dates.year_range", 0.9, granularity="range",
                    value_end=m[2], role="period")


def _years(doc: Document) -> Iterator[Candidate]:
    for m in _YEAR.finditer(doc.text):
        yield _cand(doc, m.start(), m.end(), m[1], "dates.year", 0.85, granularity="year")
    for m in _PAREN_YEARS.finditer(doc.text):
        for y in re.finditer(r"(?:19|20)\d{2}", m[1]):
            s = m.start(1) + y.start()
            yield _cand(doc, s, s + 4, y.group(0), "dates.paren_year", 0.7, granularity="year")


def _sentence_of(doc: Document, offset: int) -> tuple[int, int]:
    for start, end in doc.sentences:
        if start <= offset < end:
            return start, end
    seg = doc.segment_at(offset)
    if seg:
        return seg.start, seg.end
    line_start = doc.text.rfind("\n", 0, offset) + 1
    line_end = doc.text.find("\n", offset)
    return line_start, len(doc.text) if line_end < 0 else line_end


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping spans (the more specific rule on ties)."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.confidence, c.start)):
        if not any(_overlaps(c, k) for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _published(doc: Document, full: list[Candidate]) -> Candidate | None:
    """Publication date: byline date > crawler line > dateline below the headline >
    dateline above it (page chrome)."""
    text = doc.text
    headline = next((s for s in doc.segments if s.kind == "headline"), None)
    ranked: list[tuple[int, Candidate]] = []
    for c in full:
        seg = doc.segment_at(c.start)
        if seg is None or c.get("granularity") != "day":
            continue
        if seg.kind == "byline":
            ranked.append((0, c))
        elif seg.kind == "dateline" and text[seg.start:seg.end].startswith("date "):
            ranked.append((1, c))
        elif seg.kind == "dateline":
            below = headline is not None and seg.start > headline.start
            ranked.append((2 if below else 3, c))
    if not ranked:
        return None
    rank, best = min(ranked, key=lambda rc: (rc[0], rc[1].start))
    rule = {0: "dates.published_byline", 1: "dates.published_crawl_line", 2: "dates.published_dateline",
            3: "dates.published_dateline_above"}[rank]
    return Candidate("date", best.text, best.normalized, best.start, best.end, rule,
                     (0.98, 0.97, 0.95, 0.85)[rank], freeze(best.attrs, role="published"))


def _is_document_date(doc: Document, c: Candidate, lexicon: Lexicon) -> bool:
    """"Công văn số 402/VHL-TCCB ngày 06/3/2020": a date right after a cited document."""
    before = doc.text[max(0, c.start - 70):c.start]
    clause = re.split(r"[,;.:()\n]\s", before)[-1]
    return bool(lexicon.document_word_re.search(clause)) and bool(re.search(r"(?i)(?:số\s*)?[\w/.-]*\d[\w/.-]*\s+(?:ngày\s*)?$", clause))


def _event_from_full(doc: Document, full: list[Candidate], lexicon: Lexicon, exclude: set[int]) -> Candidate | None:
    for c in full:
        seg = doc.segment_at(c.start)
        if c.start in exclude or seg is None or seg.kind not in ("body", "caption", "dateline") \
                or c.get("granularity") != "day":
            continue
        if seg.kind == "dateline" and not doc.text[seg.start:seg.end].startswith("date "):
            continue
        if c.get("role") in ("document", "period"):
            continue
        s, e = _sentence_of(doc, c.start)
        if lexicon.event_word_re.search(doc.text[s:e]):
            return c
    return None


def _yearless(doc: Document, lexicon: Lexicon, taken: list[Candidate], published: str | None) -> list[Candidate]:
    """Year-less days after a day cue ("Chiều 4-3", "Ngày 23-12", "vào ngày 19.8 tới")."""
    out = []
    text = doc.text
    for cue in lexicon.day_cue_re.finditer(text):
        m = _DM.match(text, cue.end() + (len(text[cue.end():]) - len(text[cue.end():].lstrip(" "))))
        if not m:
            continue
        day, month = int(m[1]), int(m[2])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        probe = Candidate("date", text[cue.start():m.end()], "", cue.start(), m.end(), "probe", 0)
        if any(_overlaps(probe, t) for t in taken):
            continue
        s, e = _sentence_of(doc, cue.start())
        sentence = text[s:e]
        years = [int(y) for y in re.findall(r"(?<![\d/\-–])((?:19|20)\d{2})(?![\d/\-–])", sentence)
                 if not _RANGE.search(sentence)]
        future = bool(lexicon.future_word_re.search(sentence))
        year = resolve_year(day, month, published=published, sentence_years=years, future=future)
        value = iso(year, month, day) if year else None
        if value is None:
            continue
        rule = "dates.dm_published_year" if published else "dates.dm_sentence_year"
        out.append(_cand(doc, cue.start(), m.end(), value, rule, 0.85, granularity="day"))
    return out


def extract_dates(doc: Document, lexicon: Lexicon) -> list[Candidate]:
    """Every date expression with its role (published, event, period, document, mention).

    >>> from pipeline.ingest import document_from_text
    >>> lex = Lexicon.load()
    >>> d = document_from_text("x", "Hội nghị tổng kết\\n\\n18/06/2020\\nNgày 15/6/2020, Văn phòng tổ chức Hội nghị giai đoạn 2015 – 2020.", lex)
    >>> [(c.text, c.normalized, c.get("role")) for c in extract_dates(d, lex)]
    [('18/06/2020', '2020-06-18', 'published'), ('Ngày 15/6/2020', '2020-06-15', 'event'), ('giai đoạn 2015 – 2020', '2015', 'period')]
    """
    active = [s for s in doc.segments if s.kind not in ("chrome", "footer")]

    def inside(c: Candidate) -> bool:
        return any(s.start <= c.start and c.end <= s.end for s in active) if doc.segments else True

    full = [c for c in _full_dates(doc) if inside(c)]
    periods = [c for c in _periods(doc, lexicon) if inside(c)]
    spans = _dedupe(periods + full)
    full = [c for c in spans if c.get("role") != "period"]
    # document dates
    roles: dict[int, str] = {}
    for c in full:
        if _is_document_date(doc, c, lexicon):
            roles[c.start] = "document"
    published = _published(doc, full)
    resolved = []
    for c in spans:
        role = "published" if published and c.start == published.start else roles.get(c.start, c.get("role"))
        resolved.append(Candidate(c.field, c.text, c.normalized, c.start, c.end,
                                  published.rule if published and c.start == published.start else c.rule,
                                  c.confidence, freeze(c.attrs, role=role)))
    yearless = [c for c in _yearless(doc, lexicon, resolved, published.normalized if published else None) if inside(c)]
    everything = _dedupe(resolved + yearless)
    exclude = {published.start} if published else set()
    event = _event_from_full(doc, everything, lexicon, exclude)
    out: list[Candidate] = []
    for c in everything:
        if event is not None and c.start == event.start:
            c = Candidate(c.field, _with_cue(doc, c, lexicon).text, c.normalized, _with_cue(doc, c, lexicon).start,
                          c.end, c.rule, c.confidence, freeze(c.attrs, role="event"))
        out.append(c)
    years = [c for c in _years(doc) if inside(c) and not any(_overlaps(c, o) for o in out)]
    return sorted(out + years, key=lambda c: (c.start, c.end))


def _with_cue(doc: Document, c: Candidate, lexicon: Lexicon) -> Candidate:
    """Extend an event date leftwards over its day cue ("Ngày 15/6/2020")."""
    before = doc.text[max(0, c.start - 20):c.start]
    m = re.search(rf"(?:{lexicon.day_cue_re.pattern})\s*$", before, re.IGNORECASE)
    if not m or c.text.lower().startswith(("ngày", "sáng", "chiều", "tối", "trưa", "trong", "các")):
        return c
    start = c.start - len(before) + m.start()
    return Candidate(c.field, doc.text[start:c.end], c.normalized, start, c.end, c.rule, c.confidence, c.attrs)
