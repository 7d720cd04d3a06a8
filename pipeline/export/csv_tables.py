"""CSV: the store's tables as CSV files (UTF-8, header row) with ``spans.jsonl``.

Formatting belongs here and only here: None becomes an empty cell, lists are joined
with ``|``, and cells that a spreadsheet would run as a formula are neutralised
(:func:`csv_cell`). Every file is written through :func:`atomic_text`, so a killed run
never leaves half a table.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from pipeline.run.store import Store
from pipeline.schema import ERROR_COLUMNS, TABLE_COLUMNS

__all__ = ["CSV_OUTPUTS", "atomic_text", "csv_cell", "read_table", "uncell", "write_csv", "write_jsonl", "write_rows"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CHARS = frozenset(_FORMULA_START)


def csv_cell(value: Any) -> str:
    """One CSV cell: empty for None, ``|``-joined lists, formula-like text neutralised
    with a leading apostrophe (OWASP CSV injection guidance).

    >>> csv_cell(None), csv_cell([2015, 2016]), csv_cell("=HYPERLINK(1)"), csv_cell(3)
    ('', '2015|2016', "'=HYPERLINK(1)", '3')
    """
    if value is None:
        return ""
    if type(value) is str and value[:1] not in _FORMULA_CHARS:
        return value
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


@contextmanager
def atomic_text(path: Path, encoding: str) -> Iterator[TextIO]:
    """Write ``path`` through a temporary file renamed into place: a killed run never
    leaves half a table."""
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding=encoding, newline="") as handle:
        yield handle
    os.replace(tmp, path)


CSV_OUTPUTS = (*TABLE_COLUMNS, "errors", "spans")


def write_csv(store: Store, out_dir: Path, *, excel: bool = False,
              only: Iterable[str] = CSV_OUTPUTS) -> dict[str, int]:
    """Write the store's tables as CSV into ``out_dir``, with ``errors.csv`` and
    ``spans.jsonl`` (``only`` names a subset of :data:`CSV_OUTPUTS`); returns row counts
    per table. Rows stream from the store."""
    out_dir.mkdir(parents=True, exist_ok=True)
    encoding = "utf-8-sig" if excel else "utf-8"
    counts: dict[str, int] = {}
    for name in only:
        if name == "spans":
            counts[name] = _write_spans(store, out_dir)
            continue
        columns = ERROR_COLUMNS if name == "errors" else TABLE_COLUMNS[name]
        rows = ((e.source, e.stage, e.reason) for e in store.errors()) if name == "errors" else store.values(name)
        with atomic_text(out_dir / f"{name}.csv", encoding) as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            counts[name] = 0
            for values in rows:
                writer.writerow([csv_cell(v) for v in values])
                counts[name] += 1
    return counts


def write_rows(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], encoding: str) -> int:
    """Write one CSV table (header, then one line per row) atomically; returns its row count."""
    count = 0
    with atomic_text(path, encoding) as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_cell(row.get(c)) for c in columns])
            count += 1
    return count


def _write_spans(store: Store, out_dir: Path) -> int:
    return write_jsonl(out_dir / "spans.jsonl", store.rows("spans"))


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write one JSON object per line (UTF-8, true values) atomically; returns the line count."""
    count = 0
    with atomic_text(path, "utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def uncell(text: str) -> str | None:
    """The value of a CSV cell written by :func:`csv_cell`: ``None`` for an
    empty cell, the formula-neutralising apostrophe removed.

    A value that itself began with an apostrophe followed by ``=`` cannot be told apart
    from a neutralised one; the genre has none. Numbers are never neutralised, so
    ``'-5`` stays as it is.

    >>> uncell(""), uncell("'=HYPERLINK(1)"), uncell("'-5 đơn vị"), uncell("Bộ Y tế"), uncell("'-5")
    (None, '=HYPERLINK(1)', '-5 đơn vị', 'Bộ Y tế', "'-5")
    """
    if text == "":
        return None
    rest = text[1:]
    if text.startswith("'") and rest.startswith(_FORMULA_START) and not _is_number(rest):
        return rest
    return text


def read_table(path: Path) -> list[dict[str, str | None]]:
    """Rows of one CSV table of a run, cells through :func:`uncell` (a BOM is accepted);
    [] when the table is absent. For readers of a run's files (notebooks, tests); the
    pipeline itself reads the store."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: uncell(v or "") for k, v in row.items()} for row in csv.DictReader(handle)]
