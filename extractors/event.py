"""The event: its type, organiser, location and the period it reviews.

Read from the headline and the event sentence (the sentence holding the event date, else
the first body sentence naming a meeting): "Ngày 13/7/2023, Khối thi đua Văn phòng – Viện
đã tổ chức Hội nghị Sơ kết ..." gives type ``sơ kết``, organiser "Khối thi đua Văn phòng –
Viện". Every fact found is a candidate of field ``event`` whose ``attrs['slot']`` names it
(``type``, ``location``, ``organizer``, ``period``), with the evidence that ranks it:
``place`` (0 the headline, 1 the event sentence), ``order`` (a type's rank in
``events.toml``, a match's rank in the text). Rules: ``event.type``, ``event.organizer``,
``event.location``, ``event.period``; :mod:`pipeline.resolve.event` chooses one per slot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.base import Candidate, Document, freeze
from extractors.keys import match_key
from extractors.lexicon import Lexicon

__all__ = ["extract_event", "event_places"]


def event_places(doc: Document, lexicon: Lexicon, dates: Sequence[Candidate]) -> list[tuple[int, int]]:
    """Where the event is read: the headline, then the event sentence (of the resolved
    event date, else the first body sentence naming a meeting)."""
    text = doc.text
    event_date = next((d for d in dates if d.get("role") == "event"), None)
    sentence = None
    if event_date is not None:
        sentence = doc.sentence_at(event_date.start)
    if sentence is None:
        sentence = next(((a, b) for a, b in doc.sentences
                         if (seg := doc.segment_at(a)) is not None and seg.kind == "body"
                         and lexicon.event_word_re.search(text[a:b])), None)
    headline = next((s for s in doc.segments if s.kind == "headline"), None)
    places = [(headline.start, headline.end)] if headline else []
    if sentence:
        places.append(sentence)
    return places


def _types(doc: Document, lexicon: Lexicon, places: list[tuple[int, int]], has_headline: bool) -> list[Candidate]:
    text = doc.text
    out = []
    for i, (start, end) in enumerate(places):
        low = match_key(text[start:end])
        for order, (keyword, kind) in enumerate(lexicon.event_types):
            if match_key(keyword) in low:
                out.append(Candidate("event", text[start:end], kind, start, end, "event.type", 0.8,
                                     freeze(slot="type", keyword=keyword, at=low.find(match_key(keyword)),
                                            place=i + (0 if has_headline else 1), order=order)))
    return out


def extract_event(doc: Document, lexicon: Lexicon, dates: Sequence[Candidate], units: Sequence[Candidate]) -> list[Candidate]:
    """Every event fact found in the headline and the event sentence.

    ``dates`` and ``units`` are the document's resolved candidates.

    >>> from extractors.base import body_document
    >>> lex = Lexicon.load()
    >>> d = body_document("Ngày 13/7/2023, tại Hà Nội, Cục Sở hữu trí tuệ đã tổ chức Hội nghị sơ kết 6 tháng đầu năm 2023.")
    >>> dates = [Candidate("date", "Ngày 13/7/2023", "2023-07-13", 0, 14, "dates.dmy_numeric", 0.9, freeze(role="event"))]
    >>> units = [Candidate("unit", "Cục Sở hữu trí tuệ", "Cục Sở hữu trí tuệ", 28, 46, "units.head_name", 0.8)]
    >>> [(c.get("slot"), c.normalized) for c in extract_event(d, lex, dates, units)]
    [('type', 'sơ kết'), ('type', 'hội nghị'), ('location', 'Hà Nội'), ('organizer', 'Cục Sở hữu trí tuệ')]
    """
    text = doc.text
    places = event_places(doc, lexicon, dates)
    has_headline = any(s.kind == "headline" for s in doc.segments)
    out = _types(doc, lexicon, places, has_headline)
    sentence = places[-1] if places and (len(places) == 2 or not has_headline) else None
    if sentence:
        s, e = sentence
        for order, loc in enumerate(lexicon.event_location_re.finditer(text, s, e)):
            out.append(Candidate("event", loc.group(1), loc.group(1), loc.start(1), loc.end(1), "event.location", 0.7,
                                 freeze(slot="location", order=order)))
        verb = lexicon.organizer_verb_re.search(text, s, e)
        if verb:
            for u in units:
                if s <= u.start and u.end <= verb.start() and not u.get("bare") \
                        and not re.search(r"[,;]", text[u.end:verb.start()].replace(" ", "")[:1] or "x"):
                    out.append(Candidate("event", u.text, u.normalized, u.start, u.end, "event.organizer", 0.75,
                                         freeze(slot="organizer")))
    periods = [d for d in dates if d.get("role") == "period"]
    scope = [places[-1]] if places else []
    headline = next((s for s in doc.segments if s.kind == "headline"), None)
    if headline:
        scope.insert(0, (headline.start, headline.end))
    for i, (start, end) in enumerate(scope):
        inside = [d for d in periods if start <= d.start < end]
        years = [d for d in dates if start <= d.start < end and d.get("granularity") == "year"]
        for order, pick in enumerate(inside + years):
            value_end = pick.get("value_end") or pick.normalized
            out.append(Candidate("event", pick.text, f"{pick.normalized}/{value_end}", pick.start, pick.end,
                                 "event.period", 0.7, freeze(slot="period", start=pick.normalized, end=value_end,
                                                             place=i, order=order)))
    return out
