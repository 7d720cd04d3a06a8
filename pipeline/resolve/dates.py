"""Deciding among date candidates: one expression per span of text, the year of a
year-less day, the publication date and the event date.

Rules, each a :class:`~pipeline.resolve.decisions.Decision` of its name:

- ``dates.longest_span``: of overlapping expressions the longest stands (the more
  confident on a tie): "6 tháng đầu năm 2023" over "năm 2023";
- ``dates.published_byline`` > ``dates.published_crawl_line`` > ``dates.published_dateline``
  (below the headline) > ``dates.published_dateline_above`` (page chrome above it): the
  publication date;
- ``dates.dm_published_year`` / ``dates.dm_sentence_year``: a year-less day takes the year
  that makes it the latest such day not after the publication date (the earliest not
  before it for an announced meeting), else the one explicit year of its sentence
  (:func:`resolve_year`); without one it is dropped;
- ``dates.event_sentence``: the event date is the first day in the body, a caption or a
  crawler's line whose sentence reports a meeting, not a cited document's date nor the
  publication date; its span takes in the day cue before it ("Ngày 15/6/2020").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from extractors.base import Candidate, Document
from extractors.dates import iso
from pipeline.resolve.decisions import Decision

__all__ = ["PUBLISHED_RULES", "resolve_dates", "resolve_year"]

PUBLISHED_RULES = (
    ("byline", "dates.published_byline"),
    ("crawl_line", "dates.published_crawl_line"),
    ("dateline_below", "dates.published_dateline"),
    ("dateline_above", "dates.published_dateline_above"),
)
_RANK = {placement: i for i, (placement, _) in enumerate(PUBLISHED_RULES)}


def resolve_year(day: int, month: int, *, published: str | None, sentence_years: Sequence[int],
                 future: bool) -> int | None:
    """The year of a year-less day, or None when the text does not make it certain.

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


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _longest(cands: Sequence[Candidate], decisions: list[Decision]) -> list[Candidate]:
    """``dates.longest_span``: keep the longest of overlapping spans."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.confidence, c.start)):
        beaten = [k for k in kept if _overlaps(c, k)]
        if beaten:
            decisions.append(Decision("dates.longest_span", "date", ((beaten[0].start, beaten[0].end), (c.start, c.end)),
                                      beaten[0].normalized))
        else:
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _published(full: Sequence[Candidate]) -> Candidate | None:
    ranked = [(_RANK[c.get("placement")], c) for c in full if c.get("placement") in _RANK]
    if not ranked:
        return None
    rank, best = min(ranked, key=lambda rc: (rc[0], rc[1].start))
    return best.but(rule=PUBLISHED_RULES[rank][1], attrs={"role": "published"})


def _with_year(c: Candidate, published: str | None) -> Candidate | None:
    year = resolve_year(c.get("day"), c.get("month"), published=published,
                        sentence_years=c.get("sentence_years"), future=c.get("future"))
    value = iso(year, c.get("month"), c.get("day")) if year else None
    if value is None:
        return None
    return c.but(normalized=value, rule="dates.dm_published_year" if published else "dates.dm_sentence_year")


def _is_event(doc: Document, c: Candidate, published: Candidate | None) -> bool:
    if published is not None and c.start == published.start:
        return False
    if c.get("segment") not in ("body", "caption", "dateline") or c.get("granularity") != "day":
        return False
    if c.get("segment") == "dateline":
        seg = doc.segment_at(c.start)
        if seg is None or not doc.text[seg.start:seg.end].startswith("date "):
            return False
    return c.get("role") not in ("document", "period") and bool(c.get("event_sentence"))


def resolve_dates(doc: Document, cands: Sequence[Candidate]) -> tuple[list[Candidate], list[Decision]]:
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
    yearless = []
    for c in cands:
        if c.get("kind") != "day_month" or any(_overlaps(c, t) for t in spans):
            continue
        dated = _with_year(c, published.normalized if published else None)
        if dated is not None:
            decisions.append(Decision(dated.rule, "date", ((dated.start, dated.end),), dated.normalized))
            yearless.append(dated)
    everything = _longest(spans + yearless, decisions)
    event = next((c for c in everything if _is_event(doc, c, published)), None)
    out = []
    for c in everything:
        if event is not None and c.start == event.start:
            start = c.get("cue_start")
            start = c.start if start is None else start
            c = c.but(text=doc.text[start:c.end], start=start, attrs={"role": "event"})
            decisions.append(Decision("dates.event_sentence", "date", ((c.start, c.end),), c.normalized))
        out.append(c)
    years = [c for c in cands if c.get("kind") == "year" and not any(_overlaps(c, o) for o in out)]
    return sorted(out + years, key=lambda c: (c.start, c.end)), decisions
