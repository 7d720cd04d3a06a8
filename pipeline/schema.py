"""The tables of a run, their columns and types, and the vocabularies, in one place.

Used by orchestration (the rows it builds), the store (its SQL types), export (CSV,
Parquet, the data package), the Spark engine and gold validation. Columns are stable:
new ones may be appended, never renamed (README, "Output contract").
"""

from __future__ import annotations

from typing import Any, Literal

__all__ = ["ALL_COLUMNS", "AWARD_CATEGORIES", "AWARD_STATUSES", "CONSTRAINTS", "DATE_ROLES", "DESCRIPTIONS",
           "ERROR_COLUMNS", "GRANULARITIES", "PARQUET_COLUMNS", "PRIMARY_KEYS", "RECIPIENT_KINDS", "REFERENCES", "REGISTRY_COLUMNS",
           "SLOGAN_KINDS", "SOURCE_COLUMNS", "SPAN_COLUMNS", "TABLE_COLUMNS", "TABLE_DESCRIPTIONS", "column_type"]

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "source", "title", "published_date", "event_date", "event_type", "organizer",
                  "location", "period_start", "period_end", "author", "sha256", "crawl_date", "duplicate_of"),
    "people": ("doc_id", "person_id", "name", "honorific", "rank", "mentions"),
    "positions": ("doc_id", "person_id", "name", "title", "role", "unit", "start", "end", "unit_id"),
    "units": ("doc_id", "unit_id", "name", "aliases", "unit_type", "parent", "mentions"),
    "awards": ("doc_id", "award", "issuer", "grade", "count", "recipient", "recipient_kind", "year", "status",
               "share", "text", "start", "end", "rule"),
    "slogans": ("doc_id", "text", "kind", "year", "start", "end"),
    "dates": ("doc_id", "text", "value", "value_end", "granularity", "role", "start", "end"),
}
"""The per-document tables of the output contract, columns in file order."""

SOURCE_COLUMNS = ("doc_id", "location", "source", "file", "sha256", "record_id", "crawl_date")
"""The columns of ``sources.csv``: every input location of every document."""

SPAN_COLUMNS = ("doc_id", "field", "start", "end", "text", "normalized", "confidence", "rule")
"""The keys of a ``spans.jsonl`` row."""

ERROR_COLUMNS = ("source", "stage", "reason")
"""The columns of ``errors.csv``."""

REGISTRY_COLUMNS: dict[str, tuple[str, ...]] = {
    "people_registry": ("person_key", "name", "documents", "first_seen", "last_seen", "person_ids", "note"),
    "title_history": ("person_key", "date", "title", "unit", "doc_id", "person_id", "unit_key"),
    "units_registry": ("unit_key", "name", "aliases", "unit_type", "documents", "mentions", "unit_ids", "note"),
}
"""The cross-document tables (:mod:`pipeline.resolve.registry`)."""

# Column types where not text: the store, Parquet and the data package use them; CSV
# cells are text either way. "year" stays text because a record can name several;
# "share" is text ("80%").
INTEGER_COLUMNS = frozenset({"mentions", "count", "start", "end"})
NUMBER_COLUMNS = frozenset({"confidence"})

ColumnType = Literal["integer", "number", "string"]


def column_type(column: str) -> ColumnType:
    """``integer``, ``number`` or ``string``: the type of a table column.

    >>> column_type("count"), column_type("confidence"), column_type("name")
    ('integer', 'number', 'string')
    """
    if column in INTEGER_COLUMNS:
        return "integer"
    if column in NUMBER_COLUMNS:
        return "number"
    return "string"


# -- vocabularies (ANNOTATION.md); the gold validator and the data package check them --

AWARD_CATEGORIES = (
    "Huân chương Lao động",
    "Huân chương Độc lập",
    "Huân chương",
    "Cờ thi đua",
    "Bằng khen",
    "Giấy khen",
    "Chiến sĩ thi đua",
    "Lao động tiên tiến",
    "Tập thể lao động xuất sắc",
    "Tập thể lao động tiên tiến",
    "Điển hình tiên tiến",
    "Danh hiệu",
)
AWARD_STATUSES = ("received", "proposed", "commended")
RECIPIENT_KINDS = ("individual", "collective")
DATE_ROLES = ("published", "event", "period", "document", "mention")
GRANULARITIES = ("day", "month", "year", "range")
SLOGAN_KINDS = ("chủ đề thi đua", "phương châm", "khẩu hiệu", "phong trào", "cuộc vận động", "khác")

# -- descriptions and constraints (the data package) ------------------------------------

ALL_COLUMNS: dict[str, tuple[str, ...]] = {**TABLE_COLUMNS, "sources": SOURCE_COLUMNS, "errors": ERROR_COLUMNS,
                                           **REGISTRY_COLUMNS}

PARQUET_COLUMNS: dict[str, tuple[str, ...]] = {
    **TABLE_COLUMNS, "documents": (*TABLE_COLUMNS["documents"], "text"), "sources": SOURCE_COLUMNS,
    "errors": ERROR_COLUMNS, "spans": SPAN_COLUMNS, **REGISTRY_COLUMNS}
"""The Parquet files of a run, local (``thidua export --format parquet``) or Spark
(``thidua run --engine spark``), with their columns: ``documents`` has one more column,
``text``, the normalized text every ``start``/``end`` points into."""

_ISO = r"\d{4}(-\d{2}(-\d{2})?)?"
_YEARS = r"\d{4}(\|\d{4})*"
_OFFSET_START = ("Character offset where the evidence starts in the normalized document text "
                 "(NFC, LF line ends, spaces collapsed, lines stripped).")
_OFFSET_END = "Character offset where the evidence ends (exclusive): text[start:end] is the evidence."
_DOC_ID = "The document (documents.doc_id)."

TABLE_DESCRIPTIONS: dict[str, str] = {
    "documents": "One row per article processed: its dates, event, organizer, author and input checksum.",
    "people": "One row per person named in a document, once per document.",
    "positions": "One row per office a document gives a person, as written.",
    "units": "One row per organizational body named in a document, its surface forms merged.",
    "awards": "One row per award statement (a sentence, clause, caption or table cell).",
    "slogans": "One row per occurrence of a quoted emulation theme, motto, slogan, movement or campaign.",
    "dates": "One row per date expression of a document, with its role.",
    "sources": "One row per input location (a file's canonical path, a record's URL and id) and the document it gave.",
    "errors": "One row per input that fails now (the last run that read it could not process it); the run went on.",
    "people_registry": "One row per distinct person across the run (see pipeline.resolve.registry for the merge rule).",
    "title_history": "Every office of positions.csv under its registry person, ordered by person then date.",
    "units_registry": "One row per distinct body across the run (see pipeline.resolve.registry for the merge rule).",
}

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "Identifier of the document: the stem of its first input file, or its record id.",
        "source": "Path of its first input as given to `thidua run`, or the record's URL (all inputs: sources.csv).",
        "title": "Headline of the article.",
        "published_date": "Publication date of the article (ISO 8601).",
        "event_date": "Date of the conference or meeting the article reports (ISO 8601; its first day).",
        "event_type": "Kind of event: tổng kết, sơ kết, điển hình tiên tiến, đại hội thi đua, ...",
        "organizer": "The body that organized the event, as written.",
        "location": "Where the event took place, as written.",
        "period_start": "Start of the period the event reviews (ISO 8601: year, month or day).",
        "period_end": "End of the period the event reviews (ISO 8601: year, month or day).",
        "author": "Author of the article as bylined (a person or a department).",
        "sha256": "SHA-256 of the first input's bytes (hex), to detect a changed input.",
        "crawl_date": "WARC-Date or JSONL `date` of the crawled record; empty for plain files.",
        "duplicate_of": ("The document this one is a near-duplicate of (the same article with other chrome); "
                         "its records are in the tables under that document only. Empty for a kept document."),
    },
    "people": {
        "doc_id": _DOC_ID,
        "person_id": "The person within the document: `<doc_id>:P<n>`, numbered in order of first mention.",
        "name": "Fullest form of the name written, letter case fixed, without honorific or rank.",
        "honorific": "Honorific written before a mention (đồng chí, đ/c, ông, bà, a military rank).",
        "rank": "Academic rank written before the name (GS., PGS.TS., TS., ThS.).",
        "mentions": "Number of mentions of the person in the document.",
    },
    "positions": {
        "doc_id": _DOC_ID,
        "person_id": "The person holding the office (people.person_id).",
        "name": "The person's name, as in people.csv.",
        "title": "The office as written, its unit included (Cục trưởng Cục Sở hữu trí tuệ).",
        "role": "The office alone (Cục trưởng).",
        "unit": "The body of the office, when written (Cục Sở hữu trí tuệ).",
        "start": _OFFSET_START,
        "end": _OFFSET_END,
        "unit_id": "The office's body among the document's units (units.unit_id), when it is one of them.",
    },
    "units": {
        "doc_id": _DOC_ID,
        "unit_id": "The body within the document: `<doc_id>:U<n>`, numbered in order of first mention.",
        "name": "Full canonical name: abbreviations expanded, the official name of a national body.",
        "aliases": "Every surface form written for the body in the document, `|`-separated.",
        "unit_type": "Type given by the head of the name (Bộ, Cục, Vụ, Viện, Văn phòng, Trung tâm, Khối thi đua, ...).",
        "parent": "The body it belongs to, when written inside its name (Văn phòng Viện Hàn lâm → Viện Hàn lâm).",
        "mentions": "Number of mentions of the body in the document.",
    },
    "awards": {
        "doc_id": _DOC_ID,
        "award": "Award category from the annotation vocabulary (Huân chương Lao động, Cờ thi đua, Bằng khen, ...).",
        "issuer": "Who grants the award, as written (Thủ tướng Chính phủ).",
        "grade": "Class of an order or medal, as written (hạng Nhì).",
        "count": "Number of recipients stated; empty when none is stated (a percentage cell has none).",
        "recipient": "The recipients as written (tập thể, cá nhân, a body's name).",
        "recipient_kind": "individual or collective, when the recipient says.",
        "year": "Year(s) the award is for, `|`-separated when several (2015|2016|2019); text, not a number.",
        "status": "received, proposed (đề nghị) or commended (biểu dương, tôn vinh).",
        "share": "A percentage cell of a year-by-year table, as written (80%).",
        "text": "The award statement as written: the evidence.",
        "start": _OFFSET_START,
        "end": _OFFSET_END,
        "rule": "Name of the heuristic that found the statement (awards.statement, awards.table_cell, ...).",
    },
    "slogans": {
        "doc_id": _DOC_ID,
        "text": "The theme, motto, slogan, movement or campaign as written, without its quote marks.",
        "kind": "chủ đề thi đua, phương châm, khẩu hiệu, phong trào, cuộc vận động or khác.",
        "year": "Year the slogan is for, when written beside it.",
        "start": _OFFSET_START,
        "end": _OFFSET_END,
    },
    "dates": {
        "doc_id": _DOC_ID,
        "text": "The date expression as written (Chiều 4-3, giai đoạn 2015 – 2020).",
        "value": "Its ISO 8601 value (2020-06-18, 2023-06 or 2021); a range's start.",
        "value_end": "End of a range (ISO 8601).",
        "granularity": "day, month, year or range.",
        "role": "published, event, period, document (date of a cited document) or mention.",
        "start": _OFFSET_START,
        "end": _OFFSET_END,
    },
    "sources": {
        "doc_id": "The document the input gave (documents.doc_id): the same content from several inputs is one document.",
        "location": "What identifies the input: the canonical absolute path of a file, or a record's URL and its "
                    "WARC-Record-ID (a JSONL record: its URL, file and line).",
        "source": "The path as given to `thidua run`, or the record's URL.",
        "file": "The canonical path of the input file (the archive, for a record).",
        "sha256": "SHA-256 of the input's bytes (hex).",
        "record_id": "The WARC-Record-ID of a WARC record; empty otherwise.",
        "crawl_date": "WARC-Date or JSONL `date` of a record; empty for plain files.",
    },
    "errors": {
        "source": "Path of the input that could not be processed.",
        "stage": "Stage at which it failed (ingest, ...).",
        "reason": "Why, in plain words (empty file, binary file, no article text, ...).",
    },
    "people_registry": {
        "person_key": "The person across the run: an ASCII key of the name, `#2`, `#3` for namesakes kept apart.",
        "name": "The name as most often written.",
        "documents": "The documents naming the person (doc_ids, `|`-separated, in run order).",
        "first_seen": "Earliest date of those documents (event date, else publication date; ISO 8601).",
        "last_seen": "Latest date of those documents (event date, else publication date; ISO 8601).",
        "person_ids": "The per-document people.person_id merged into this person, `|`-separated.",
        "note": "Why namesakes were kept apart (different units, or no unit to tell which), else empty.",
    },
    "title_history": {
        "person_key": "The person (people_registry.person_key).",
        "date": "Date of the document (event date, else publication date; ISO 8601).",
        "title": "The office as written, its unit included.",
        "unit": "The body of the office, when written.",
        "doc_id": _DOC_ID,
        "person_id": "The person in that document (people.person_id).",
        "unit_key": "The office's body in the registry (units_registry.unit_key), when it is one of the document's units.",
    },
    "units_registry": {
        "unit_key": "The body across the run: an ASCII key of its name, `#2`, `#3` for bodies kept apart.",
        "name": "Full canonical name (the official name of a national body).",
        "aliases": "Every surface form written for the body in any document, `|`-separated.",
        "unit_type": "Type given by the head of the name (the most frequent one).",
        "documents": "The documents naming the body (doc_ids, `|`-separated, in run order).",
        "mentions": "Number of mentions over all documents.",
        "unit_ids": "The per-document units.unit_id merged into this body, `|`-separated.",
        "note": "Why the body was not merged across documents (a name only its article resolves), else empty.",
    },
}

CONSTRAINTS: dict[tuple[str, str], dict[str, Any]] = {
    **{("documents", c): {"pattern": _ISO} for c in ("published_date", "event_date", "period_start", "period_end")},
    ("documents", "sha256"): {"pattern": "[0-9a-f]{64}"},
    ("people", "person_id"): {"pattern": r".+:P\d+"},
    ("units", "unit_id"): {"pattern": r".+:U\d+"},
    ("positions", "unit_id"): {"pattern": r".+:U\d+"},
    ("awards", "award"): {"enum": list(AWARD_CATEGORIES)},
    ("awards", "status"): {"enum": list(AWARD_STATUSES)},
    ("awards", "recipient_kind"): {"enum": list(RECIPIENT_KINDS)},
    ("awards", "year"): {"pattern": _YEARS},
    ("awards", "count"): {"minimum": 0},
    ("slogans", "kind"): {"enum": list(SLOGAN_KINDS)},
    ("slogans", "year"): {"pattern": _YEARS},
    ("dates", "value"): {"pattern": _ISO},
    ("dates", "value_end"): {"pattern": _ISO},
    ("dates", "granularity"): {"enum": list(GRANULARITIES)},
    ("dates", "role"): {"enum": list(DATE_ROLES)},
    ("people_registry", "first_seen"): {"pattern": _ISO},
    ("people_registry", "last_seen"): {"pattern": _ISO},
    ("title_history", "date"): {"pattern": _ISO},
}
PRIMARY_KEYS = {"documents": "doc_id", "sources": "location", "people": "person_id", "units": "unit_id",
                 "people_registry": "person_key", "units_registry": "unit_key"}
# field -> (resource, field) it refers to; doc_id refers to documents everywhere else
REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("positions", "person_id"): ("people", "person_id"),
    ("positions", "unit_id"): ("units", "unit_id"),
    ("documents", "duplicate_of"): ("documents", "doc_id"),
    ("title_history", "person_id"): ("people", "person_id"),
    ("title_history", "person_key"): ("people_registry", "person_key"),
    ("title_history", "unit_key"): ("units_registry", "unit_key"),
}
