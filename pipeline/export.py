"""Export: the store's tables as CSV (UTF-8, header row) with ``spans.jsonl``, or Parquet.

Formatting belongs here and only here: None becomes an empty cell, lists are joined
with ``|``, and cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from pipeline.orchestrate import SPAN_COLUMNS, TABLE_COLUMNS, column_type
from pipeline.store import Store

__all__ = ["CSV_OUTPUTS", "write_csv", "write_run_tables", "write_parquet", "arrow_schema", "csv_cell", "uncell", "read_table", "ERROR_COLUMNS"]

ERROR_COLUMNS = ("source", "stage", "reason")
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
def _atomic(path: Path, encoding: str) -> Iterator[TextIO]:
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
        with _atomic(out_dir / f"{name}.csv", encoding) as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            counts[name] = 0
            for values in rows:
                writer.writerow([csv_cell(v) for v in values])
                counts[name] += 1
    return counts


def _write_spans(store: Store, out_dir: Path) -> int:
    count = 0
    with _atomic(out_dir / "spans.jsonl", "utf-8") as handle:
        for span in store.rows("spans"):
            handle.write(json.dumps(span, ensure_ascii=False) + "\n")
            count += 1
    return count


# What a second process writes while the first writes the rest: the tables the
# registries are built from, then the registries (about half the work).
_REGISTRY_INPUTS = ("documents", "people", "positions", "units")


def write_run_tables(store: Store, out: Path, *, excel: bool, always: bool = False, workers: int = 1) -> dict[str, int]:
    """The CSV tables, the cross-document registries and ``datapackage.json`` of a store,
    written into ``out`` (in two processes when ``workers`` > 1); nothing (an empty dict)
    when ``out`` already holds this very state of the store, unless ``always``."""
    from pipeline.datapackage import write_datapackage

    target = f"csv:{out.resolve()}:{'excel' if excel else 'utf-8'}"
    generation = store.generation()
    present = all((out / name).is_file() for name in (*(f"{t}.csv" for t in CSV_OUTPUTS if t != "spans"),
                                                       "spans.jsonl", "datapackage.json"))
    if not always and present and store.exported(target) == generation:
        return {}
    rest = tuple(t for t in CSV_OUTPUTS if t not in _REGISTRY_INPUTS)
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=1) as pool:
            first = pool.submit(_tables_and_registries, store.path, out, excel)
            counts = _csv_part(store, out, excel, rest)
            counts = {**first.result(), **counts}
    else:
        counts = {**_tables_and_registries(store.path, out, excel), **_csv_part(store, out, excel, rest)}
    write_datapackage(out, encoding="utf-8-sig" if excel else "utf-8")
    store.mark_exported(target, generation)
    return {name: counts[name] for name in (*CSV_OUTPUTS, *sorted(set(counts) - set(CSV_OUTPUTS)))}


def _csv_part(store: Store, out: Path, excel: bool, tables: tuple[str, ...]) -> dict[str, int]:
    return write_csv(store, out, excel=excel, only=tables)


def _tables_and_registries(db: Path, out: Path, excel: bool) -> dict[str, int]:
    from extractors.lexicon import Lexicon
    from pipeline.registry import write_registries

    with Store(db) as store:
        counts = _csv_part(store, out, excel, _REGISTRY_INPUTS)
    counts.update(write_registries(out, encoding="utf-8-sig" if excel else "utf-8", lexicon=Lexicon.load()))
    return counts


def arrow_schema(columns: tuple[str, ...]):
    """The Parquet schema of a table: ``column_type`` mapped to Arrow types."""
    import pyarrow as pa

    types = {"integer": pa.int64(), "number": pa.float64(), "string": pa.string()}
    return pa.schema([(c, types[column_type(c)]) for c in columns])


def write_parquet(store: Store, out_dir: Path, *, batch_rows: int = 50_000) -> dict[str, int]:
    """Write every table in the store (and ``errors``, ``spans``) as ``<table>.parquet``;
    true values, no CSV neutralisation. Streams in batches of ``batch_rows``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out_dir.mkdir(parents=True, exist_ok=True)
    tables: dict[str, tuple[tuple[str, ...], Iterator[dict[str, Any]]]] = {
        name: (columns, store.rows(name)) for name, columns in TABLE_COLUMNS.items()}
    tables["spans"] = (SPAN_COLUMNS, store.rows("spans"))
    tables["errors"] = (ERROR_COLUMNS, ({"source": e.source, "stage": e.stage, "reason": e.reason}
                                        for e in store.errors()))
    counts: dict[str, int] = {}
    for name, (columns, rows) in tables.items():
        schema = arrow_schema(columns)
        path = out_dir / f"{name}.parquet"
        tmp = path.with_name(path.name + ".part")
        counts[name] = 0
        with pq.ParquetWriter(tmp, schema) as writer:
            batch: list[dict[str, Any]] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= batch_rows:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    counts[name] += len(batch)
                    batch = []
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            counts[name] += len(batch)
        os.replace(tmp, path)
    return counts


def uncell(text: str) -> str | None:
    """The value of a CSV cell written by :func:`pipeline.export.csv_cell`: ``None`` for an
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
    [] when the table is absent."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: uncell(v or "") for k, v in row.items()} for row in csv.DictReader(handle)]
