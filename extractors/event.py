"""The event: its type, organiser, location and the period it reviews.

Read from the headline and the event sentence (the sentence holding the event date, else
the first body sentence naming a meeting): "Ngày 13/7/2023, Khối thi đua Văn phòng – Viện
đã tổ chức Hội nghị Sơ kết ..." gives type ``sơ kết``, organiser "Khối thi đua Văn phòng –
Viện". Rules: ``event.type``, ``event.organizer``, ``event.location``, ``event.period``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.base import Candidate, Document, freeze
from extractors.lexicon import Lexicon
from pipeline.normalize import match_key

__all__ = ["extract_event"]

_LOCATION = re.compile(r"(?<!\w)tại\s+((?:trụ sở\s+)?[A-ZĐ(TP)][^,;.\n]{1,80}?)(?=\s*[,;.\n]|\s+(?:đã|vừa|tổ chức|diễn ra)\b)")


def extract_event(doc: Document, lexicon: Lexicon, dates: Sequence[Candidate], units: Sequence[Candidate]) -> list[Candidate]:
    """Event facts as candidates of field ``event`` (``attrs['slot']`` names the fact).

    >>> from pipeline.ingest import document_from_text
    >>> from extractors.dates import extract_dates
    >>> from extractors.units import extract_units
    >>> lex = Lexicon.load()
    >>> d = document_from_text("x", "Ngày 13/7/2023, tại Hà Nội, Cục Sở hữu trí tuệ đã tổ chức Hội nghị sơ kết 6 tháng đầu năm 2023.", lex)
    >>> [(c.get("slot"), c.normalized) for c in extract_event(d, lex, extract_dates(d, lex), extract_units(d, lex))]
    [('type', 'sơ kết'), ('location', 'Hà Nội'), ('organizer', 'Cục Sở hữu trí tuệ'), ('period', '2023-01/2023-06')]
    """
    text = doc.text
    out: list[Candidate] = []
    event_date = next((d for d in dates if d.get("role") == "event"), None)
    sentence = None
    if event_date is not None:
        sentence = next(((a, b) for a, b in doc.sentences if a <= event_date.start < b), None)
    if sentence is None:
        sentence = next(((a, b) for a, b in doc.sentences
                         if (seg := doc.segment_at(a)) is not None and seg.kind == "body"
                         and lexicon.event_word_re.search(text[a:b])), None)
    headline = next((s for s in doc.segments if s.kind == "headline"), None)
    places = [(headline.start, headline.end)] if headline else []
    if sentence:
        places.append(sentence)
    for start, end in places:
        low = match_key(text[start:end])
        hit = next(((k, t) for k, t in lexicon.event_types if match_key(k) in low), None)
        if hit:
            pos = low.find(match_key(hit[0]))
            out.append(Candidate("event", text[start:end], hit[1], start, end, "event.type", 0.8,
                                 freeze(slot="type", keyword=hit[0], at=pos)))
            break
    if sentence:
        s, e = sentence
        loc = _LOCATION.search(text, s, e)
        if loc:
            out.append(Candidate("event", loc.group(1), loc.group(1), loc.start(1), loc.end(1), "event.location", 0.7,
                                 freeze(slot="location")))
        verb = lexicon.organizer_verb_re.search(text, s, e)
        if verb:
            named = [u for u in units if s <= u.start and u.end <= verb.start() and not u.get("bare")
                     and not re.search(r"[,;]", text[u.end:verb.start()].replace(" ", "")[:1] or "x")]
            if named:
                org = max(named, key=lambda u: (u.end, -u.start))
                out.append(Candidate("event", org.text, org.normalized, org.start, org.end, "event.organizer", 0.75,
                                     freeze(slot="organizer")))
    period_sources = [d for d in dates if d.get("role") == "period"]
    scope = [places[-1]] if places else []
    if headline:
        scope.insert(0, (headline.start, headline.end))
    for start, end in scope:
        inside = [d for d in period_sources if start <= d.start < end]
        years = [d for d in dates if start <= d.start < end and d.get("granularity") == "year"]
        pick = inside[0] if inside else (years[0] if years else None)
        if pick:
            value_end = pick.get("value_end") or pick.normalized
            out.append(Candidate("event", pick.text, f"{pick.normalized}/{value_end}", pick.start, pick.end,
                                 "event.period", 0.7, freeze(slot="period", start=pick.normalized, end=value_end)))
            break
    return out
