"""Deciding among date candidates: one expression per span of text, the year of a
year-less day, the publication date and the event date.

Rules, each a :class:`~pipeline.resolve.decisions.Decision` of its name:

- ``dates.longest_span``: of overlapping expressions the longest stands (the more
  confident on a tie): "6 tháng đầu năm 2023" over "năm 2023";
- ``dates.published_byline`` > ``dates.published_crawl_line`` > ``dates.published_dateline``
  (below the headline) > ``dates.published_lead`` (a paper's dateline opening the lead,
  "HÀ NỘI, 03/02/2024 - ...") > ``dates.published_dateline_above`` (page chrome above it) >
  ``dates.published_headline_end`` (a day set off at the end of the headline line): the
  publication date;
- ``dates.dm_published_year`` / ``dates.dm_sentence_year`` / ``dates.dm_crawl_month``:
  a year-less day takes the year that makes it the latest such day not after the
  publication date (the earliest not before it for an announced meeting), else the year
  its sentence's years agree on, each read as written (a plan year, a reviewed year, the
  end of a span), else the one a crawler's month line ("date 2020-08") bounds
  (:func:`resolve_year`); without one it is dropped. A crawler's line of the day's own
  month gives its year before the sentence's years do;
- ``dates.event_sentence``: the event date is the first day in the body, a caption or a
  crawler's line whose sentence reports a meeting, not a cited document's date, an end
  of a span of dates, a deadline ("đến ngày 30/5") nor the publication date; its span takes in the day cue before it
  ("Ngày 15/6/2020");
- ``dates.event_today``: with no such day, "Sáng nay", "Hôm nay" in a sentence reporting
  a meeting make the publication day the event date ("Chiều qua", "Hôm qua" the day before).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Sequence

from extractors.base import Candidate, Document, Spans
from extractors.dates import iso
from pipeline.resolve.decisions import Decision

__all__ = ["PUBLISHED_RULES", "resolve_dates", "resolve_year"]

PUBLISHED_RULES = (
    ("byline", "dates.published_byline"),
    ("crawl_line", "dates.published_crawl_line"),
    ("dateline_below", "dates.published_dateline"),
    ("lead", "dates.published_lead"),
    ("dateline_above", "dates.published_dateline_above"),
    ("headline_end", "dates.published_headline_end"),
)
_RANK = {placement: i for i, (placement, _) in enumerate(PUBLISHED_RULES)}


def _bound(published: str, future: bool) -> dt.date | None:
    """The day a year-less day may not pass: the publication day, or the last (for an
    announced meeting the first) day of a crawler's month."""
    if len(published) >= 10:
        return dt.date.fromisoformat(published[:10])
    if len(published) == 7:
        first = dt.date.fromisoformat(published + "-01")
        return first if future else (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    return None


def _sentence_year(month: int, year_cues: Sequence[tuple[int, str]], year_end_from_month: int) -> int | None:
    """The year its sentence's years agree on: each stands for the year of the meeting
    as it is written (a plan year's meeting held from ``year_end_from_month`` on is held
    the year before; a whole-year review held before that month, the year after); the
    year most of them stand for, when no other stands for as many."""
    votes: dict[int, int] = {}
    for year, cue in year_cues:
        if cue == "span":
            continue
        if cue == "plan" and month >= year_end_from_month:
            year -= 1
        elif cue == "review" and month < year_end_from_month:
            year += 1
        votes[year] = votes.get(year, 0) + 1
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def resolve_year(day: int, month: int, *, published: str | None, year_cues: Sequence[tuple[int, str]],
                 future: bool, year_end_from_month: int = 10, crawl_month: str | None = None) -> tuple[int, str] | None:
    """The year of a year-less day and the rule that gave it, or None when the text
    does not make it certain.

    >>> resolve_year(4, 3, published="2021-03-05", year_cues=[], future=False)
    (2021, 'dates.dm_published_year')
    >>> resolve_year(23, 12, published="2021-01-05", year_cues=[], future=False)
    (2020, 'dates.dm_published_year')
    >>> resolve_year(19, 8, published="2020-06-03", year_cues=[], future=True)
    (2020, 'dates.dm_published_year')
    >>> resolve_year(17, 8, published=None, year_cues=[], future=False, crawl_month="2020-08")
    (2020, 'dates.dm_crawl_month')
    >>> resolve_year(24, 3, published=None, year_cues=[(2016, "plain")], future=False, crawl_month="2021-05")
    (2016, 'dates.dm_sentence_year')
    >>> resolve_year(12, 10, published=None, year_cues=[(2019, "review")], future=False, crawl_month="2020-10")
    (2020, 'dates.dm_crawl_month')
    >>> resolve_year(28, 7, published=None, year_cues=[(2015, "plain")], future=False)
    (2015, 'dates.dm_sentence_year')
    >>> resolve_year(25, 12, published=None, year_cues=[(2024, "plan")], future=False)
    (2023, 'dates.dm_sentence_year')
    >>> resolve_year(14, 5, published=None, year_cues=[(2018, "review")], future=False)
    (2019, 'dates.dm_sentence_year')
    >>> resolve_year(28, 7, published=None, year_cues=[(2016, "plain"), (2021, "plain")], future=False) is None
    True
    """
    if published:
        year = _year_within(day, month, _bound(published, future), future)
        return None if year is None else (year, "dates.dm_published_year")
    if crawl_month and int(crawl_month[5:7]) == month:
        # a page of the day's own month reports it: its year, whatever years the sentence cites
        return int(crawl_month[:4]), "dates.dm_crawl_month"
    year = _sentence_year(month, year_cues, year_end_from_month)
    if year is not None:
        return year, "dates.dm_sentence_year"
    if crawl_month:
        year = _year_within(day, month, _bound(crawl_month, future), future)
        return None if year is None else (year, "dates.dm_crawl_month")
    return None


_ANNOUNCED_WITHIN = dt.timedelta(days=300)  # an announced meeting is held within months, not a year on


def _year_within(day: int, month: int, bound: dt.date | None, future: bool) -> int | None:
    """The year that makes day/month the latest not after ``bound`` (the earliest not
    before it when ``future``, if within :data:`_ANNOUNCED_WITHIN` of it: a day just
    before the publication is a meeting held, whatever its sentence announces).

    >>> _year_within(19, 8, dt.date(2020, 6, 10), True), _year_within(5, 6, dt.date(2020, 6, 10), True)
    (2020, 2020)
    """
    if bound is None:
        return None
    for year in ((bound.year, bound.year + 1) if future else (bound.year, bound.year - 1)):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if (bound <= candidate <= bound + _ANNOUNCED_WITHIN) if future else (candidate <= bound):
            return year
    return _year_within(day, month, bound, False) if future else None


def _longest(cands: Sequence[Candidate], decisions: list[Decision]) -> list[Candidate]:
    """``dates.longest_span``: keep the longest of overlapping spans.

    The kept spans never overlap, so they stay sorted by start and a new one can only
    overlap its neighbours there: a binary search each, linear over a long text."""
    kept: list[Candidate] = []  # sorted by start
    starts: list[int] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.confidence, c.start)):
        i = bisect_left(starts, c.end)  # kept spans that start before c ends: kept[:i]
        beaten = kept[i - 1] if i > 0 and kept[i - 1].end > c.start else None
        if beaten is not None:
            decisions.append(Decision("dates.longest_span", "date", ((beaten.start, beaten.end), (c.start, c.end)),
                                      beaten.normalized))
        else:
            kept.insert(i, c)
            starts.insert(i, c.start)
    return kept


def _published(full: Sequence[Candidate]) -> Candidate | None:
    ranked = [(_RANK[c.get("placement")], c) for c in full if c.get("placement") in _RANK]
    if not ranked:
        return None
    rank, best = min(ranked, key=lambda rc: (rc[0], rc[1].start))
    return best.but(rule=PUBLISHED_RULES[rank][1], attrs={"role": "published"})


def _with_year(c: Candidate, published: str | None, crawl_month: str | None,
               year_end_from_month: int) -> Candidate | None:
    found = resolve_year(c.get("day"), c.get("month"), published=published, year_cues=c.get("year_cues"),
                         future=c.get("future"), year_end_from_month=year_end_from_month, crawl_month=crawl_month)
    if found is None:
        return None
    year, rule = found
    value = iso(year, c.get("month"), c.get("day"))
    if value is None:
        return None
    last = c.get("last_day")
    value_end = iso(year, c.get("month"), last) if last is not None else None
    return c.but(normalized=value, rule=rule, attrs={"value_end": value_end})


def _is_event(doc: Document, c: Candidate, published: Candidate | None) -> bool:
    if published is not None and c.start == published.start:
        return False
    if c.get("segment") not in ("body", "caption", "dateline") or c.get("kind") not in ("full", "day_month"):
        return False
    if c.get("granularity") not in ("day", "range"):
        return False
    if c.get("segment") == "dateline":
        seg = doc.segment_at(c.start)
        if seg is None or not doc.text[seg.start:seg.end].startswith("date "):
            return False
    return c.get("role") not in ("document", "period", "span", "until") and bool(c.get("event_sentence"))


def resolve_dates(doc: Document, cands: Sequence[Candidate], *,
                  year_end_from_month: int = 10) -> tuple[list[Candidate], list[Decision]]:
    """The dates of a document with their final roles, in text order, and the decisions.

    >>> from extractors.base import body_document
    >>> from extractors.dates import extract_dates
    >>> from extractors.lexicon import Lexicon
    >>> d = body_document("Ngày 15/6/2020, Văn phòng tổ chức Hội nghị giai đoạn 2015 – 2020.")
    >>> [(c.text, c.normalized, c.get("role")) for c in resolve_dates(d, extract_dates(d, Lexicon.load()))[0]]
    [('Ngày 15/6/2020', '2020-06-15', 'event'), ('giai đoạn 2015 – 2020', '2015', 'period')]
    """
    decisions: list[Decision] = []
    full = [c for c in cands if c.get("kind") == "full"]
    periods = [c for c in cands if c.get("kind") == "period"]
    spans = _longest(periods + full, decisions)
    published = _published([c for c in spans if c.get("role") != "period"])
    if published is not None:
        decisions.append(Decision(published.rule, "date", ((published.start, published.end),), published.normalized))
        spans = [published if c.start == published.start else c for c in spans]
    crawl = next((c.normalized for c in spans if c.get("placement") == "crawl_month"), None)
    taken = Spans((t.start, t.end) for t in spans)
    yearless = []
    for c in cands:
        if c.get("kind") != "day_month" or taken.overlaps(c.start, c.end):
            continue
        dated = _with_year(c, published.normalized if published else None, crawl, year_end_from_month)
        if dated is not None:
            decisions.append(Decision(dated.rule, "date", ((dated.start, dated.end),), dated.normalized))
            yearless.append(dated)
    everything = _longest(spans + yearless, decisions)
    # a meeting held before one announced ("Dự kiến ... vào ngày 20/1. Sáng 12/1, UBND huyện tổ chức ..."):
    # an announced day is the event only when the article reports no other
    events = [c for c in everything if _is_event(doc, c, published)]
    event = next((c for c in events if not c.get("future")), events[0] if events else None)
    if event is None and published is not None and len(published.normalized) == 10:
        today = next((c for c in cands if c.get("kind") == "today" and c.get("event_sentence")
                      and c.get("segment") in ("body", "caption") and c.get("role") == "mention"), None)
        if today is not None:  # "Sáng nay, UBND huyện tổ chức hội nghị ...": the day it was published
            day = (dt.date.fromisoformat(published.normalized) - dt.timedelta(days=today.get("days_before") or 0)).isoformat()
            decisions.append(Decision("dates.event_today", "date", ((today.start, today.end),), day))
            everything = sorted([*everything, today.but(normalized=day, rule="dates.event_today",
                                                        attrs={"role": "event"})], key=lambda c: c.start)
    out = []
    for c in everything:
        if event is not None and c.start == event.start and c.get("kind") != "today":
            start = c.get("cue_start")
            start = c.start if start is None else start
            c = c.but(text=doc.text[start:c.end], start=start, attrs={"role": "event"})
            decisions.append(Decision("dates.event_sentence", "date", ((c.start, c.end),), c.normalized))
        out.append(c)
    placed = Spans((o.start, o.end) for o in out)
    years = [c for c in cands if c.get("kind") == "year" and not placed.overlaps(c.start, c.end)]
    return sorted(out + years, key=lambda c: (c.start, c.end)), decisions
