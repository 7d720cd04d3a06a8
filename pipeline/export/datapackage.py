"""A Frictionless Data Package (``datapackage.json``) describing the CSV tables of a run.

One tabular resource per CSV table: the seven core tables, ``errors.csv`` and the three
registry tables of :mod:`pipeline.export.registries`. Each field has its type
(:func:`pipeline.schema.column_type`: ``year`` stays a string, a record may name
several), a description consistent with README's "Output contract", and constraints where
the contract fixes a vocabulary or a format. Empty cells are null (``missingValues:
[""]``); primary and foreign keys tie every table to ``documents.doc_id`` and the per
document ids to the registries, so ``frictionless validate datapackage.json`` checks a run.

>>> package = datapackage({"documents": ("doc_id", "title"), "people": ("doc_id", "person_id", "name")})
>>> [r["name"] for r in package["resources"]], package["resources"][1]["schema"]["foreignKeys"]
(['documents', 'people'], [{'fields': 'doc_id', 'reference': {'resource': 'documents', 'fields': 'doc_id'}}])
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.export.csv_tables import Staging, atomic_text
from pipeline.schema import (
    ALL_COLUMNS,
    CONSTRAINTS,
    DESCRIPTIONS,
    PRIMARY_KEYS,
    REFERENCES,
    TABLE_DESCRIPTIONS,
    column_type,
)

__all__ = ["datapackage", "write_datapackage"]

def _field(table: str, column: str) -> dict[str, Any]:
    try:
        description = DESCRIPTIONS[table][column]
    except KeyError:
        raise ValueError(f"{table}.csv: unknown column {column!r} (known: {', '.join(ALL_COLUMNS[table])})") from None
    spec: dict[str, Any] = {"name": column, "type": column_type(column), "description": description}
    constraints = dict(CONSTRAINTS.get((table, column), {}))
    if column in ("start", "end", "mentions"):
        constraints["minimum"] = 0
    if column == "doc_id" or PRIMARY_KEYS.get(table) == column:
        constraints["required"] = True
    if constraints:
        spec["constraints"] = constraints
    return spec


def _foreign_keys(table: str, columns: Sequence[str], tables: Mapping[str, Sequence[str]]) -> list[dict[str, Any]]:
    keys = []
    for column in columns:
        target = ("documents", "doc_id") if column == "doc_id" and table != "documents" \
            else REFERENCES.get((table, column))
        if target and target[1] in tables.get(target[0], ()):
            keys.append({"fields": column, "reference": {"resource": target[0], "fields": target[1]}})
    return keys


def _resource(table: str, columns: Sequence[str], tables: Mapping[str, Sequence[str]], encoding: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(table, c) for c in columns], "missingValues": [""]}
    if PRIMARY_KEYS.get(table) in columns:
        schema["primaryKey"] = [PRIMARY_KEYS[table]]
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


def write_datapackage(out_dir: Path, tables: Mapping[str, Sequence[str]] | None = None, *,
                      encoding: str = "utf-8", staging: Staging | None = None) -> Path:
    """Write ``datapackage.json`` into a run directory, describing ``tables`` (name →
    columns; default every table of the contract).

    Returns:
        The path of the descriptor.
    """
    path = out_dir / "datapackage.json"
    with atomic_text(path, "utf-8", staging) as handle:
        handle.write(json.dumps(datapackage(tables, encoding=encoding), ensure_ascii=False, indent=1) + "\n")
    return path
