"""Orchestration: run every extractor on a document and build its records.

Extractors find; this module decides. It is the one place where candidates are merged
into records: mentions of one person into one row, aliases of one body into one unit
entity, repeated offices into one position, and where the document's dates, event and
author are chosen. The record shapes here are the output contract (see README).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from extractors.author import extract_author
from extractors.awards import extract_awards
from extractors.base import Candidate, Document
from extractors.dates import extract_dates
from extractors.event import extract_event
from extractors.lexicon import Lexicon
from extractors.people import extract_people
from extractors.slogans import extract_slogans
from extractors.titles import extract_titles
from extractors.units import canonical_name, extract_units, same_unit
from pipeline.ingest import IngestError, Source, iter_sources, load_document
from pipeline.normalize import match_key
from pipeline.options import Options

__all__ = ["DocumentResult", "ErrorRecord", "SPAN_COLUMNS", "TABLE_COLUMNS", "column_type", "extract_document",
           "process_document", "process_one", "run"]

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "source", "title", "published_date", "event_date", "event_type", "organizer",
                  "location", "period_start", "period_end", "author", "sha256", "crawl_date"),
    "people": ("doc_id", "person_id", "name", "honorific", "rank", "mentions"),
    "positions": ("doc_id", "person_id", "name", "title", "role", "unit", "start", "end"),
    "units": ("doc_id", "unit_id", "name", "aliases", "unit_type", "parent", "mentions"),
    "awards": ("doc_id", "award", "issuer", "grade", "count", "recipient", "recipient_kind", "year", "status",
               "share", "text", "start", "end", "rule"),
    "slogans": ("doc_id", "text", "kind", "year", "start", "end"),
    "dates": ("doc_id", "text", "value", "value_end", "granularity", "role", "start", "end"),
}
SPAN_COLUMNS = ("doc_id", "field", "start", "end", "text", "normalized", "confidence", "rule")
# Column types where not text: the store, Parquet and the data package use them; CSV
# cells are text either way. "year" stays text because a record can name several;
# "share" is text ("80%").
INTEGER_COLUMNS = frozenset({"mentions", "count", "start", "end"})
NUMBER_COLUMNS = frozenset({"confidence"})


def column_type(column: str) -> str:
    """``integer``, ``number`` or ``string``: the type of a table column.

    >>> column_type("count"), column_type("confidence"), column_type("name")
    ('integer', 'number', 'string')
    """
    if column in INTEGER_COLUMNS:
        return "integer"
    if column in NUMBER_COLUMNS:
        return "number"
    return "string"


@dataclass(frozen=True)
class ErrorRecord:
    """An input that could not be processed."""

    source: str
    stage: str
    reason: str


@dataclass
class DocumentResult:
    """Everything extracted from one document: table rows and every span."""

    doc_id: str
    text: str
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    spans: list[dict[str, Any]] = field(default_factory=list)
    size: int = 0  # input bytes


def ner_confirmer() -> Callable[[str, str], bool]:
    """A ``confirm(sentence, name)`` that asks underthesea's NER whether ``name`` is a PER."""
    from underthesea import ner

    def confirm(sentence: str, name: str) -> bool:
        tagged = ner(sentence)
        words = [w for w, *_, tag in tagged if tag.endswith("PER")]
        joined = " ".join(words)
        return bool(words) and any(part in joined for part in name.split()[-2:])

    return confirm


def extract_document(doc: Document, lexicon: Lexicon, options: Options) -> dict[str, list[Candidate]]:
    """Run every extractor; the candidates by field. Pure given its arguments."""
    confirm = ner_confirmer() if options.ner else None
    people = extract_people(doc, lexicon, confirm=confirm)
    dates = extract_dates(doc, lexicon)
    units = extract_units(doc, lexicon, people)
    return {
        "person": people,
        "title": extract_titles(doc, lexicon, people),
        "unit": units,
        "date": dates,
        "award": extract_awards(doc, lexicon),
        "slogan": extract_slogans(doc, lexicon),
        "author": extract_author(doc, lexicon),
        "event": extract_event(doc, lexicon, dates, units),
    }


def _title_key(title: str) -> str:
    return re.sub(r"[\s,]+", " ", match_key(title)).strip()


def _people_rows(doc_id: str, people: list[Candidate]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    groups: dict[str, list[Candidate]] = {}
    for c in people:
        groups.setdefault(match_key(c.normalized), []).append(c)
    # a shorter name that is the tail of exactly one fuller name is that person ("Ông Nam")
    keys = sorted(groups, key=len, reverse=True)
    for key in list(keys):
        longer = [k for k in keys if k != key and k.endswith(" " + key)]
        if len(longer) == 1 and key in groups:
            groups[longer[0]].extend(groups.pop(key))
    rows, ids = [], {}
    for n, (key, mentions) in enumerate(sorted(groups.items(), key=lambda kv: min(c.start for c in kv[1])), 1):
        person_id = f"{doc_id}:P{n}"
        name = max((c.normalized for c in mentions), key=lambda s: (len(s.split()), s))
        honorific = next((c.get("honorific") for c in mentions if c.get("honorific")), None)
        rank = next((c.get("rank") for c in mentions if c.get("rank")), None)
        rows.append({"doc_id": doc_id, "person_id": person_id, "name": name, "honorific": honorific,
                     "rank": rank, "mentions": len(mentions)})
        for c in mentions:
            ids[match_key(c.normalized)] = person_id
        ids[key] = person_id
    return rows, ids


def _position_rows(doc_id: str, titles: list[Candidate], person_ids: dict[str, str],
                   names: dict[str, str]) -> list[dict[str, Any]]:
    by_person: dict[str, list[Candidate]] = {}
    for c in titles:
        pid = person_ids.get(match_key(c.get("person")))
        if pid:
            by_person.setdefault(pid, []).append(c)
    rows = []
    for pid, cands in by_person.items():
        chosen: dict[str, Candidate] = {}
        for c in cands:
            key = _title_key(c.text)
            old = chosen.get(key)
            if old is None or ("," in old.text and "," not in c.text):
                chosen[key] = c
        keys = list(chosen)
        for key in keys:  # "Phó Giám đốc" is the same office as "Phó Giám đốc Văn phòng X"
            if any(other != key and other.startswith(key + " ") for other in keys):
                chosen.pop(key, None)
        for c in sorted(chosen.values(), key=lambda c: c.start):
            rows.append({"doc_id": doc_id, "person_id": pid, "name": names[pid], "title": c.normalized,
                         "role": c.get("role"), "unit": c.get("unit"), "start": c.start, "end": c.end})
    return rows


def _is_prefix_form(short: str, long: str) -> bool:
    a, b = match_key(short), match_key(long)
    return b.startswith(a + " ") or b.startswith(a + " - ")


def merge_units(units: Iterable[Candidate], lexicon: Lexicon) -> list[dict[str, Any]]:
    """Group unit mentions into entities: same name, abbreviation or acronym, or a short
    back-reference that only one entity continues ("Viện Hàn lâm" → "Viện Hàn lâm KHCNVN").

    Returns entities as dicts: forms (in order of appearance), mentions, unit_type, parents.
    """
    named = [c for c in units if not c.get("bare")]
    bare = [c for c in units if c.get("bare")]
    entities: list[dict[str, Any]] = []
    for c in sorted(named, key=lambda c: (-len(c.normalized), c.start)):
        form = c.text
        target = next((e for e in entities if any(same_unit(form, f, lexicon) for f in e["forms"])), None)
        if target is None:
            continuing = [e for e in entities if any(_is_prefix_form(form, f) for f in e["forms"])
                          and e["unit_type"] == c.get("unit_type")]
            if len(continuing) == 1 and c.rule != "units.national":
                target = continuing[0]
        if target is None:
            target = {"forms": [], "mentions": [], "unit_type": c.get("unit_type"), "parents": [], "national": None}
            entities.append(target)
        if all(match_key(f) != match_key(form) for f in target["forms"]):
            target["forms"].append(form)
        target["mentions"].append(c)
        if c.rule == "units.national":
            target["national"] = c.normalized
        if c.get("parent"):
            target["parents"].append(c.get("parent"))
    for c in bare:  # "Văn phòng" alone: the article's Văn phòng, when there is one
        same_type = [e for e in entities if e["unit_type"] == c.get("unit_type")
                     and match_key(e["forms"][0]).startswith(match_key(c.text) + " ")]
        if len(same_type) == 1:
            e = same_type[0]
            if all(match_key(f) != match_key(c.text) for f in e["forms"]):
                e["forms"].append(c.text)
            e["mentions"].append(c)
    for e in entities:
        e["mentions"].sort(key=lambda c: c.start)
        first_seen = {match_key(c.text): c.start for c in reversed(e["mentions"])}
        e["forms"].sort(key=lambda f: first_seen.get(match_key(f), 0))
    entities.sort(key=lambda e: e["mentions"][0].start)
    return entities


def _unit_rows(doc_id: str, units: list[Candidate], lexicon: Lexicon) -> list[dict[str, Any]]:
    entities = merge_units(units, lexicon)
    rows = []
    for n, e in enumerate(entities, 1):
        name = e["national"] or canonical_name(e["forms"], lexicon)
        parent = None
        if e["parents"]:
            p = e["parents"][0]
            parent = next((canonical_name(o["forms"], lexicon) if not o["national"] else o["national"]
                           for o in entities if o is not e and any(same_unit(p, f, lexicon) for f in o["forms"])), p)
        rows.append({"doc_id": doc_id, "unit_id": f"{doc_id}:U{n}", "name": name, "aliases": "|".join(e["forms"]),
                     "unit_type": e["unit_type"], "parent": parent, "mentions": len(e["mentions"])})
    return rows


def _document_row(doc: Document, found: dict[str, list[Candidate]]) -> dict[str, Any]:
    dates = found["date"]
    published = next((d.normalized for d in dates if d.get("role") == "published"), None)
    event_date = next((d.normalized for d in dates if d.get("role") == "event"), None)
    event = {c.get("slot"): c for c in found["event"]}
    headline = next((doc.text[s.start:s.end] for s in doc.segments if s.kind == "headline"), None)
    period = event.get("period")
    author = found["author"][0].normalized if found["author"] else None
    return {
        "doc_id": doc.doc_id, "source": doc.source, "title": doc.meta.get("title") or headline,
        "published_date": published, "event_date": event_date,
        "event_type": event["type"].normalized if "type" in event else None,
        "organizer": event["organizer"].normalized if "organizer" in event else None,
        "location": event["location"].normalized if "location" in event else None,
        "period_start": period.get("start") if period else None,
        "period_end": period.get("end") if period else None,
        "author": author, "sha256": doc.meta.get("sha256"), "crawl_date": doc.meta.get("crawl_date"),
    }


def _year_cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "|".join(str(v) for v in value)
    return value


def build_records(doc: Document, found: dict[str, list[Candidate]], lexicon: Lexicon) -> DocumentResult:
    """The rows of every table for one document, and its spans."""
    doc_id = doc.doc_id
    people_rows, person_ids = _people_rows(doc_id, found["person"])
    names = {r["person_id"]: r["name"] for r in people_rows}
    result = DocumentResult(doc_id, doc.text)
    result.tables["documents"] = [_document_row(doc, found)]
    result.tables["people"] = people_rows
    result.tables["positions"] = _position_rows(doc_id, found["title"], person_ids, names)
    result.tables["units"] = _unit_rows(doc_id, found["unit"], lexicon)
    result.tables["awards"] = [
        {"doc_id": doc_id, "award": c.get("award"), "issuer": c.get("issuer"), "grade": c.get("grade"),
         "count": c.get("count"), "recipient": c.get("recipient"), "recipient_kind": c.get("recipient_kind"),
         "year": _year_cell(c.get("year")), "status": c.get("status"), "share": c.get("share"),
         "text": c.text, "start": c.start, "end": c.end, "rule": c.rule}
        for c in found["award"]]
    result.tables["slogans"] = [
        {"doc_id": doc_id, "text": c.text, "kind": c.get("kind"), "year": c.get("year"), "start": c.start, "end": c.end}
        for c in found["slogan"]]
    result.tables["dates"] = [
        {"doc_id": doc_id, "text": c.text, "value": c.normalized, "value_end": c.get("value_end"),
         "granularity": c.get("granularity"), "role": c.get("role"), "start": c.start, "end": c.end}
        for c in found["date"]]
    for fld, cands in found.items():
        if fld == "unit":
            cands = [c for c in cands if not c.get("bare")]
        for c in cands:
            result.spans.append({"doc_id": doc_id, "field": fld, "start": c.start, "end": c.end, "text": c.text,
                                 "normalized": c.normalized, "confidence": c.confidence, "rule": c.rule})
    result.spans.sort(key=lambda s: (s["start"], s["end"], s["field"]))
    return result


def process_document(doc: Document, lexicon: Lexicon, options: Options) -> DocumentResult:
    """Extract and build the records of one document."""
    return build_records(doc, extract_document(doc, lexicon, options), lexicon)


def run(inputs: Iterable[str], lexicon: Lexicon, options: Options) -> Iterator[DocumentResult | ErrorRecord]:
    """Process every input in order; a bad input yields an :class:`ErrorRecord`, the run goes on."""
    for item in iter_sources(inputs, max_bytes=options.max_bytes):
        if isinstance(item, IngestError):
            yield ErrorRecord(item.source, item.stage, item.reason)
            continue
        yield process_one(item, lexicon, options)


def process_one(src: Source, lexicon: Lexicon, options: Options) -> DocumentResult | ErrorRecord:
    """Load and process one source. Whatever goes wrong with it becomes its error record,
    so one document can never cost the run (an unexpected failure is reported as
    ``internal error`` with the exception, for a bug report)."""
    try:
        data = src.read()  # once: its size is reported with the result
        doc = load_document(replace(src, data=data), lexicon, max_bytes=options.max_bytes)
    except IngestError as exc:
        return ErrorRecord(exc.source, exc.stage, exc.reason)
    except OSError as exc:
        return ErrorRecord(src.source, "ingest", f"cannot read: {exc.strerror or exc}")
    try:
        result = process_document(doc, lexicon, options)
    except Exception as exc:  # reported, not swallowed: the error row names the exception
        return ErrorRecord(src.source, "extract", f"internal error: {type(exc).__name__}: {exc}")
    result.size = len(data)
    return result
