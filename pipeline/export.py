"""Export: the tables of a run as CSV (UTF-8, header row) and ``spans.jsonl``.

Formatting belongs here and only here: None becomes an empty cell, lists are joined
with ``|``, and cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.orchestrate import SPAN_COLUMNS, TABLE_COLUMNS, DocumentResult, ErrorRecord

__all__ = ["write_tables", "csv_cell", "ERROR_COLUMNS"]

ERROR_COLUMNS = ("source", "stage", "reason")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """One CSV cell: empty for None, ``|``-joined lists, formula-like text neutralised
    with a leading apostrophe (OWASP CSV injection guidance).

    >>> csv_cell(None), csv_cell([2015, 2016]), csv_cell("=HYPERLINK(1)"), csv_cell(3)
    ('', '2015|2016', "'=HYPERLINK(1)", '3')
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "|".join(csv_cell(v) for v in value)
    text = str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_tables(results: Iterable[DocumentResult | ErrorRecord], out_dir: Path, *, excel: bool = False) -> dict[str, int]:
    """Write every table of the run into ``out_dir``; returns row counts per table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    encoding = "utf-8-sig" if excel else "utf-8"
    handles = {name: (out_dir / f"{name}.csv").open("w", encoding=encoding, newline="") for name in TABLE_COLUMNS}
    errors_handle = (out_dir / "errors.csv").open("w", encoding=encoding, newline="")
    spans_handle = (out_dir / "spans.jsonl").open("w", encoding="utf-8")
    counts = {name: 0 for name in (*TABLE_COLUMNS, "errors", "spans")}
    try:
        writers = {name: csv.writer(h) for name, h in handles.items()}
        for name, writer in writers.items():
            writer.writerow(TABLE_COLUMNS[name])
        errors = csv.writer(errors_handle)
        errors.writerow(ERROR_COLUMNS)
        for result in results:
            if isinstance(result, ErrorRecord):
                errors.writerow([csv_cell(result.source), result.stage, csv_cell(result.reason)])
                counts["errors"] += 1
                continue
            for name, rows in result.tables.items():
                for row in rows:
                    writers[name].writerow([csv_cell(row.get(col)) for col in TABLE_COLUMNS[name]])
                    counts[name] += 1
            for span in result.spans:
                spans_handle.write(json.dumps({k: span[k] for k in SPAN_COLUMNS}, ensure_ascii=False) + "\n")
                counts["spans"] += 1
    finally:
        for h in (*handles.values(), errors_handle, spans_handle):
            h.close()
    return counts
