"""A Frictionless Data Package (``datapackage.json``) describing the CSV tables of a run.

One tabular resource per CSV table: the seven core tables, ``errors.csv`` and the three
registry tables of :mod:`pipeline.registry`. Each field has its type
(:func:`pipeline.orchestrate.column_type`: ``year`` stays a string, a record may name
several), a description consistent with README's "Output contract", and constraints where
the contract fixes a vocabulary or a format. Empty cells are null (``missingValues:
[""]``); primary and foreign keys tie every table to ``documents.doc_id`` and the per
document ids to the registries, so ``frictionless validate datapackage.json`` checks a run.

>>> package = datapackage({"documents": ("doc_id", "title"), "people": ("doc_id", "person_id", "name")})
>>> [r["name"] for r in package["resources"]], package["resources"][1]["schema"]["foreignKeys"]
(['documents', 'people'], [{'fields': 'doc_id', 'reference': {'resource': 'documents', 'fields': 'doc_id'}}])
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.export import ERROR_COLUMNS
from pipeline.gold import AWARD_CATEGORIES, AWARD_STATUSES, DATE_ROLES, GRANULARITIES, SLOGAN_KINDS
from pipeline.orchestrate import TABLE_COLUMNS, column_type
from pipeline.registry import REGISTRY_COLUMNS

__all__ = ["ALL_COLUMNS", "DESCRIPTIONS", "datapackage", "write_datapackage"]

ALL_COLUMNS: dict[str, tuple[str, ...]] = {**TABLE_COLUMNS, "errors": ERROR_COLUMNS, **REGISTRY_COLUMNS}

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
    "errors": "One row per input that could not be processed; the run went on without it.",
    "people_registry": "One row per distinct person across the run (see pipeline.registry for the merge rule).",
    "title_history": "Every office of positions.csv under its registry person, ordered by person then date.",
    "units_registry": "One row per distinct body across the run (see pipeline.registry for the merge rule).",
}

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "Identifier of the document: the stem of its input file.",
        "source": "Path of the input, as given to `thidua run`.",
        "title": "Headline of the article.",
        "published_date": "Publication date of the article (ISO 8601).",
        "event_date": "Date of the conference or meeting the article reports (ISO 8601; its first day).",
        "event_type": "Kind of event: tổng kết, sơ kết, điển hình tiên tiến, đại hội thi đua, ...",
        "organizer": "The body that organized the event, as written.",
        "location": "Where the event took place, as written.",
        "period_start": "Start of the period the event reviews (ISO 8601: year, month or day).",
        "period_end": "End of the period the event reviews (ISO 8601: year, month or day).",
        "author": "Author of the article as bylined (a person or a department).",
        "sha256": "SHA-256 of the input file's bytes (hex), to detect a changed input.",
        "crawl_date": "WARC-Date or JSONL `date` of the crawled record; empty for plain files.",
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

_CONSTRAINTS: dict[tuple[str, str], dict[str, Any]] = {
    **{("documents", c): {"pattern": _ISO} for c in ("published_date", "event_date", "period_start", "period_end")},
    ("documents", "sha256"): {"pattern": "[0-9a-f]{64}"},
    ("people", "person_id"): {"pattern": r".+:P\d+"},
    ("units", "unit_id"): {"pattern": r".+:U\d+"},
    ("awards", "award"): {"enum": list(AWARD_CATEGORIES)},
    ("awards", "status"): {"enum": list(AWARD_STATUSES)},
    ("awards", "recipient_kind"): {"enum": ["individual", "collective"]},
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
_PRIMARY_KEYS = {"documents": "doc_id", "people": "person_id", "units": "unit_id",
                 "people_registry": "person_key", "units_registry": "unit_key"}
# field -> (resource, field) it refers to; doc_id refers to documents everywhere else
_REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("positions", "person_id"): ("people", "person_id"),
    ("title_history", "person_id"): ("people", "person_id"),
    ("title_history", "person_key"): ("people_registry", "person_key"),
    ("title_history", "unit_key"): ("units_registry", "unit_key"),
}


def _field(table: str, column: str) -> dict[str, Any]:
    try:
        description = DESCRIPTIONS[table][column]
    except KeyError:
        raise ValueError(f"{table}.csv: unknown column {column!r} (known: {', '.join(ALL_COLUMNS[table])})") from None
    spec: dict[str, Any] = {"name": column, "type": column_type(column), "description": description}
    constraints = dict(_CONSTRAINTS.get((table, column), {}))
    if column in ("start", "end", "mentions"):
        constraints["minimum"] = 0
    if column == "doc_id" or _PRIMARY_KEYS.get(table) == column:
        constraints["required"] = True
    if constraints:
        spec["constraints"] = constraints
    return spec


def _foreign_keys(table: str, columns: Sequence[str], tables: Mapping[str, Sequence[str]]) -> list[dict[str, Any]]:
    keys = []
    for column in columns:
        target = ("documents", "doc_id") if column == "doc_id" and table != "documents" \
            else _REFERENCES.get((table, column))
        if target and target[1] in tables.get(target[0], ()):
            keys.append({"fields": column, "reference": {"resource": target[0], "fields": target[1]}})
    return keys


def _resource(table: str, columns: Sequence[str], tables: Mapping[str, Sequence[str]], encoding: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(table, c) for c in columns], "missingValues": [""]}
    if _PRIMARY_KEYS.get(table) in columns:
        schema["primaryKey"] = [_PRIMARY_KEYS[table]]
    foreign = _foreign_keys(table, columns, tables)
    if foreign:
        schema["foreignKeys"] = foreign
    return {"name": table, "path": f"{table}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": encoding, "description": TABLE_DESCRIPTIONS[table], "schema": schema}


def datapackage(tables: Mapping[str, Sequence[str]] | None = None, *, encoding: str = "utf-8") -> dict[str, Any]:
    """The data package descriptor of a run's CSV tables.

    Args:
        tables: table name → its columns, in file order (default: every table of the
            contract with all its columns, :data:`ALL_COLUMNS`).
        encoding: the CSV encoding (``utf-8-sig`` for a run written with ``--excel``).

    Raises:
        ValueError: a table or column the contract does not know.
    """
    tables = dict(ALL_COLUMNS if tables is None else tables)
    unknown = [t for t in tables if t not in ALL_COLUMNS]
    if unknown:
        raise ValueError(f"unknown table(s): {', '.join(unknown)} (known: {', '.join(ALL_COLUMNS)})")
    return {
        "profile": "tabular-data-package",
        "name": "thidua-run",
        "title": "thidua: emulation-and-commendation conference reports as tables",
        "description": ("Tables extracted by thidua from Vietnamese news reports of emulation-and-commendation "
                        "conferences. CSV, header row, empty cell = no value, lists `|`-separated; cells that "
                        "begin with = + - @, tab or CR carry a leading apostrophe so a spreadsheet never runs "
                        "them. Offsets refer to the normalized document text. Evidence spans are in spans.jsonl."),
        "resources": [_resource(t, cols, tables, encoding) for t, cols in tables.items()],
    }


def _header(path: Path) -> tuple[str, ...]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return tuple(next(csv.reader(handle), ()))


def write_datapackage(out_dir: Path, *, encoding: str = "utf-8") -> Path:
    """Write ``datapackage.json`` into a run directory, describing the CSV tables it holds
    (columns as in each file's header, so a run by an older version is described as it is).

    Returns:
        The path of the descriptor.
    """
    present = {name: _header(out_dir / f"{name}.csv") for name in ALL_COLUMNS if (out_dir / f"{name}.csv").is_file()}
    if not present:
        raise FileNotFoundError(f"{out_dir}: no table of a run found")
    path = out_dir / "datapackage.json"
    path.write_text(json.dumps(datapackage(present, encoding=encoding), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
    return path
