"""Orchestration: one document through every stage, to its table rows and spans.

Extractors find (:mod:`extractors`), resolvers decide (:mod:`pipeline.resolve`); this
module runs them in order — people, dates, units, the event read with the resolved
dates and units, titles, awards, slogans, author — and builds the rows of every table of
:data:`pipeline.schema.TABLE_COLUMNS` from what the resolvers kept. Each record carries
its evidence: offsets into the document's normalized text, and the rule that made it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from extractors.author import extract_author
from extractors.awards import extract_awards
from extractors.base import Candidate, Document
from extractors.dates import extract_dates
from extractors.event import extract_event
from extractors.keys import match_key
from extractors.lexicon import Lexicon
from extractors.people import extract_people
from extractors.slogans import extract_slogans
from extractors.titles import extract_titles
from extractors.units import extract_units
from pipeline.ingest.errors import IngestError, printable
from pipeline.ingest.reader import RawText, read_source, text_of
from pipeline.ingest.sources import Source
from pipeline.ingest.walk import iter_sources
from pipeline.options import Options
from pipeline.resolve.author import resolve_author
from pipeline.resolve.dates import resolve_dates
from pipeline.resolve.decisions import Decision
from pipeline.resolve.event import resolve_event
from pipeline.resolve.people import Person, resolve_people, without_author
from pipeline.resolve.titles import dedupe_title_spans, person_offices
from pipeline.resolve.units import entity_name, entity_parent, merge_units, resolve_unit_spans
from pipeline.run.deadline import Overtime, time_limit
from pipeline.run.identity import body_signature
from pipeline.run.results import DocumentResult, ErrorRecord
from pipeline.segment import make_document

__all__ = ["DocumentResult", "ErrorRecord", "Found", "build_records", "document_of", "extract_document",
           "load_document", "ner_confirmer", "process_document", "process_one", "run"]


@dataclass
class Found:
    """What the resolvers kept of one document: candidates by field (the spans), the
    persons and unit entities they make, the chosen author and the decisions."""

    by_label: dict[str, list[Candidate]]
    persons: list[Person]
    author: Candidate | None
    decisions: list[Decision]


def ner_confirmer() -> Callable[[str, str], bool]:
    """A ``confirm(sentence, name)`` that asks underthesea's NER whether ``name`` is a PER."""
    from underthesea import ner

    def confirm(sentence: str, name: str) -> bool:
        tagged = ner(sentence)
        words = [w for w, *_, tag in tagged if tag.endswith("PER")]
        joined = " ".join(words)
        return bool(words) and any(part in joined for part in name.split()[-2:])

    return confirm


def extract_document(doc: Document, lexicon: Lexicon, options: Options) -> Found:
    """Every extractor and resolver over one document, in dependency order. Pure given
    its arguments (and underthesea's NER when ``options.ner``)."""
    confirm = ner_confirmer() if options.ner else None
    decisions: list[Decision] = []
    people = extract_people(doc, lexicon, confirm=confirm)
    authors, author, made = resolve_author(extract_author(doc, lexicon))
    decisions += made
    participants, made = without_author(people, author)
    decisions += made
    persons, made = resolve_people(participants)
    decisions += made
    dates, made = resolve_dates(doc, extract_dates(doc, lexicon),
                                year_end_from_month=lexicon.date_patterns.year_end_from_month)
    decisions += made
    units, made = resolve_unit_spans(extract_units(doc, lexicon, people))
    decisions += made
    event, made = resolve_event(extract_event(doc, lexicon, dates, units))
    decisions += made
    titles, made = dedupe_title_spans(extract_titles(doc, lexicon, people))
    decisions += made
    by_label = {
        "person": participants,
        "title": titles,
        "unit": units,
        "date": dates,
        "award": extract_awards(doc, lexicon),
        "slogan": extract_slogans(doc, lexicon),
        "author": authors,
        "event": event,
    }
    return Found(by_label, persons, author, decisions)


def _people_rows(doc_id: str, persons: list[Person]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    rows, ids = [], {}
    for n, person in enumerate(persons, 1):
        person_id = f"{doc_id}:P{n}"
        rows.append({"doc_id": doc_id, "person_id": person_id, "name": person.name, "honorific": person.honorific,
                     "rank": person.rank, "mentions": len(person.mentions)})
        for key in person.keys:
            ids[key] = person_id
    return rows, ids


def _unit_ids(unit_rows: list[dict[str, Any]]) -> dict[str, str]:
    """match_key of every name and surface form of the document's units → unit_id (the
    first unit holding a form wins)."""
    ids: dict[str, str] = {}
    for row in unit_rows:
        for form in (row["name"], *str(row["aliases"] or "").split("|")):
            if form:
                ids.setdefault(match_key(form), row["unit_id"])
    return ids


def _position_rows(doc_id: str, titles: list[Candidate], person_ids: dict[str, str], names: dict[str, str],
                   unit_ids: dict[str, str]) -> tuple[list[dict[str, Any]], list[Decision]]:
    offices, decisions = person_offices(titles, lambda c: person_ids.get(match_key(c.get("person"))))
    rows = [{"doc_id": doc_id, "person_id": pid, "name": names[pid], "title": c.normalized,
             "role": c.get("role"), "unit": c.get("unit"), "start": c.start, "end": c.end,
             "unit_id": _unit_id_of(c.get("unit"), unit_ids)}
            for pid, cands in offices.items() for c in cands]
    return rows, decisions


def _unit_id_of(unit: str | None, unit_ids: dict[str, str]) -> str | None:
    """The unit an office names: the unit with that very form, else (a name of three words
    or more) the unit one of whose forms ends with it ("Tuyên giáo Đảng ủy Khối ..." of
    "Ban Tuyên giáo Đảng ủy Khối ...")."""
    if not unit:
        return None
    key = match_key(unit)
    if key in unit_ids:
        return unit_ids[key]
    if len(key.split()) < 3:
        return None
    return next((uid for form, uid in unit_ids.items() if form.endswith(" " + key)), None)


def _unit_rows(doc_id: str, units: list[Candidate], lexicon: Lexicon) -> tuple[list[dict[str, Any]], list[Decision]]:
    entities, decisions = merge_units(units, lexicon)
    rows = []
    for n, e in enumerate(entities, 1):
        rows.append({"doc_id": doc_id, "unit_id": f"{doc_id}:U{n}", "name": entity_name(e, lexicon),
                     "aliases": "|".join(e.forms), "unit_type": e.unit_type,
                     "parent": entity_parent(e, entities, lexicon), "mentions": len(e.mentions)})
    return rows, decisions


def _document_row(doc: Document, found: Found) -> dict[str, Any]:
    dates = found.by_label["date"]
    published = next((d.normalized for d in dates if d.get("role") == "published"), None)
    event_date = next((d.normalized for d in dates if d.get("role") == "event"), None)
    event = {c.get("slot"): c for c in found.by_label["event"]}
    headline = next((doc.text[s.start:s.end] for s in doc.segments if s.kind == "headline"), None)
    period = event.get("period")
    return {
        "doc_id": doc.doc_id, "source": doc.source, "title": doc.meta.get("title") or headline,
        "published_date": published, "event_date": event_date,
        "event_type": event["type"].normalized if "type" in event else None,
        "organizer": event["organizer"].normalized if "organizer" in event else None,
        "location": event["location"].normalized if "location" in event else None,
        "period_start": period.get("start") if period else None,
        "period_end": period.get("end") if period else None,
        "author": found.author.normalized if found.author else None,
        "sha256": doc.meta.get("sha256"), "crawl_date": doc.meta.get("crawl_date"),
    }


def _year_cell(years: tuple[int, ...]) -> str | None:
    return "|".join(str(y) for y in years) if years else None


def build_records(doc: Document, found: Found, lexicon: Lexicon) -> DocumentResult:
    """The rows of every table for one document, its spans and its decisions."""
    doc_id = doc.doc_id
    people_rows, person_ids = _people_rows(doc_id, found.persons)
    names = {r["person_id"]: r["name"] for r in people_rows}
    result = DocumentResult(doc_id, doc.text, decisions=list(found.decisions))
    by_label = found.by_label
    result.tables["documents"] = [_document_row(doc, found)]
    result.tables["people"] = people_rows
    units, unit_decisions = _unit_rows(doc_id, by_label["unit"], lexicon)
    result.tables["positions"], made = _position_rows(doc_id, by_label["title"], person_ids, names, _unit_ids(units))
    result.decisions += made
    result.tables["units"] = units
    result.decisions += unit_decisions
    result.tables["awards"] = [
        {"doc_id": doc_id, "award": c.get("award"), "issuer": c.get("issuer"), "grade": c.get("grade"),
         "count": c.get("count"), "recipient": c.get("recipient"), "recipient_kind": c.get("recipient_kind"),
         "year": _year_cell(c.get("years")), "status": c.get("status"), "share": c.get("share"),
         "text": c.text, "start": c.start, "end": c.end, "rule": c.rule}
        for c in by_label["award"]]
    result.tables["slogans"] = [
        {"doc_id": doc_id, "text": c.text, "kind": c.get("kind"), "year": c.get("year"), "start": c.start, "end": c.end}
        for c in by_label["slogan"]]
    result.tables["dates"] = [
        {"doc_id": doc_id, "text": c.text, "value": c.normalized, "value_end": c.get("value_end"),
         "granularity": c.get("granularity"), "role": c.get("role"), "start": c.start, "end": c.end}
        for c in by_label["date"]]
    for label, cands in by_label.items():
        if label == "unit":
            cands = [c for c in cands if not c.get("bare")]
        for c in cands:
            result.spans.append({"doc_id": doc_id, "field": label, "start": c.start, "end": c.end, "text": c.text,
                                 "normalized": c.normalized, "confidence": c.confidence, "rule": c.rule})
    result.spans.sort(key=lambda s: (s["start"], s["end"], s["field"]))
    return result


def process_document(doc: Document, lexicon: Lexicon, options: Options) -> DocumentResult:
    """Extract, resolve and build the records of one document (with the MinHash of its
    body, :func:`pipeline.run.identity.body_signature`)."""
    result = build_records(doc, extract_document(doc, lexicon, options), lexicon)
    result.signature = body_signature(doc)
    return result


def document_of(raw: RawText, lexicon: Lexicon) -> Document:
    """The normalized, segmented document of a source's text.

    Raises:
        IngestError: nothing is left of the text ("no article text").
    """
    doc = make_document(raw.doc_id, raw.text, lexicon, source=raw.source, meta=raw.meta, raw_bytes=raw.data)
    if not doc.text:
        raise IngestError(raw.source, "extract", "no article text")
    return doc


def load_document(src: Source, lexicon: Lexicon, *, max_bytes: int | None = None) -> Document:
    """Read, decode, reduce (a page), normalize and segment one source.

    Raises:
        IngestError: too large, empty, binary, undecodable, or no article text.
        OSError: the file cannot be read.
    """
    return document_of(read_source(src, max_bytes=max_bytes), lexicon)


def run(inputs: Iterable[str], lexicon: Lexicon, options: Options) -> Iterator[DocumentResult | ErrorRecord]:
    """Process every input in order; a bad input yields an :class:`ErrorRecord`, the run goes on."""
    for item in iter_sources(inputs, max_bytes=options.max_bytes):
        if isinstance(item, IngestError):
            yield ErrorRecord(item.source, item.stage, item.reason)
            continue
        yield process_one(item, lexicon, options)


def process_one(src: Source, lexicon: Lexicon, options: Options) -> DocumentResult | ErrorRecord:
    """Load and process one source. Whatever goes wrong with it becomes its error record,
    so one document can never cost the run: an input problem names its reason, a document
    that runs past ``options.doc_timeout`` is "extraction took more than N s", and an
    unexpected failure is reported as ``internal error`` with the exception, for a bug
    report."""
    stage = "ingest"
    try:
        with time_limit(options.doc_timeout):
            data = src.read(options.max_bytes)  # once: its size is reported with the result
            doc = document_of(text_of(src, data), lexicon)
            stage = "extract"
            result = process_document(doc, lexicon, options)
    except Overtime as exc:
        return ErrorRecord(printable(src.source), "extract", f"extraction took more than {exc.seconds:g} s")
    except IngestError as exc:
        return ErrorRecord(printable(exc.source), exc.stage, printable(exc.reason))
    except OSError as exc:
        return ErrorRecord(printable(src.source), "ingest", f"cannot read: {printable(exc.strerror or str(exc))}")
    except Exception as exc:  # reported, not swallowed: the error row names the exception
        return ErrorRecord(printable(src.source), stage, printable(f"internal error: {type(exc).__name__}: {exc}"))
    result.size = len(data)
    if doc.meta.get("warning"):
        result.warnings.append(str(doc.meta["warning"]))
    return result
