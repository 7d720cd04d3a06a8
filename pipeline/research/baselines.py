"""Baselines scored beside the pipeline on the same gold.

- ``underthesea``: underthesea's own ``ner`` (PER → people, ORG → units), sentence by
  sentence;
- ``dateparser``: ``dateparser.search.search_dates`` with Vietnamese; its first date is
  taken as both the publication and the event date.
"""

from __future__ import annotations

from collections.abc import Callable

from extractors.base import Document
from pipeline.research.evaluate import Prediction

__all__ = ["BASELINES", "underthesea_baseline", "dateparser_baseline"]


def _entities(tagged: list[tuple[str, ...]], kind: str) -> list[str]:
    out, current = [], []
    for word, *_, tag in tagged:
        if tag == f"B-{kind}" or (tag == f"I-{kind}" and not current):
            if current:
                out.append(" ".join(current))
            current = [word]
        elif tag == f"I-{kind}":
            current.append(word)
        else:
            if current:
                out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def underthesea_baseline(doc: Document) -> Prediction:
    """underthesea ``ner`` over every sentence: PER names and ORG units."""
    from underthesea import ner

    people: list[str] = []
    units: list[list[str]] = []
    spans = []
    for start, end in doc.sentences:
        sentence = doc.text[start:end]
        tagged = ner(sentence)
        for kind, field in (("PER", "person"), ("ORG", "unit")):
            pos = 0
            for name in _entities(tagged, kind):
                at = sentence.find(name, pos)
                if at >= 0:
                    spans.append({"field": field, "start": start + at, "end": start + at + len(name), "rule": f"underthesea.{kind}"})
                    pos = at + len(name)
                if kind == "PER":
                    people.append(name)
                else:
                    units.append([name])
    return Prediction(doc.doc_id, people=people, units=units, spans=spans)


def dateparser_baseline(doc: Document) -> Prediction:
    """dateparser's first date in the text as publication and event date."""
    from dateparser.search import search_dates

    found = search_dates(doc.text, languages=["vi"], settings={"DATE_ORDER": "DMY"}) or []
    value = found[0][1].date().isoformat() if found else None
    spans = []
    for text, _ in found:
        at = doc.text.find(text)
        if at >= 0:
            spans.append({"field": "date", "start": at, "end": at + len(text), "rule": "dateparser.search_dates"})
    return Prediction(doc.doc_id, published_date=value, event_date=value, spans=spans)


BASELINES: dict[str, Callable[[Document], Prediction]] = {
    "underthesea": underthesea_baseline,
    "dateparser": dateparser_baseline,
}
