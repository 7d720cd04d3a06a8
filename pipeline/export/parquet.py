"""Parquet: every table of the store as ``<table>.parquet``, typed, with the true values
(no CSV formula neutralisation): the seven tables (``documents`` with one more column,
``text``, the normalized text every ``start``/``end`` points into), ``sources``,
``errors``, ``spans`` and the three registries. Written as ``.part`` files put in place
together, like the CSV export."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from extractors.lexicon import Lexicon
from pipeline.export.csv_tables import Staging, remove_parts
from pipeline.export.registries import registry_rows
from pipeline.run.store import Store
from pipeline.schema import ERROR_COLUMNS, REGISTRY_COLUMNS, SOURCE_COLUMNS, SPAN_COLUMNS, TABLE_COLUMNS, column_type

__all__ = ["PARQUET_COLUMNS", "arrow_schema", "write_parquet"]

PARQUET_COLUMNS: dict[str, tuple[str, ...]] = {
    **TABLE_COLUMNS, "documents": (*TABLE_COLUMNS["documents"], "text"), "sources": SOURCE_COLUMNS,
    "errors": ERROR_COLUMNS, "spans": SPAN_COLUMNS, **REGISTRY_COLUMNS}
"""The columns of every Parquet file of ``thidua export --format parquet``."""


def arrow_schema(columns: Iterable[str]) -> Any:
    """The Parquet schema of a table: :func:`~pipeline.schema.column_type` mapped to Arrow types."""
    import pyarrow as pa

    types = {"integer": pa.int64(), "number": pa.float64(), "string": pa.string()}
    return pa.schema([(c, types[column_type(c)]) for c in columns])


def _documents(store: Store) -> Iterator[dict[str, Any]]:
    texts = store.texts()  # both by doc_id
    pending = next(texts, None)
    for row in store.rows("documents"):
        while pending is not None and pending[0] < row["doc_id"]:
            pending = next(texts, None)
        yield {**row, "text": pending[1] if pending is not None and pending[0] == row["doc_id"] else None}


def write_parquet(store: Store, out_dir: Path, *, batch_rows: int = 50_000,
                  lexicon: Lexicon | None = None) -> dict[str, int]:
    """Write every table of the store as ``<table>.parquet`` (see :data:`PARQUET_COLUMNS`);
    true values, no CSV neutralisation. Streams in batches of ``batch_rows``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out_dir.mkdir(parents=True, exist_ok=True)
    remove_parts(out_dir)
    registries = registry_rows(store, lexicon or Lexicon.load())
    tables: dict[str, Iterator[dict[str, Any]]] = {name: store.rows(name) for name in TABLE_COLUMNS}
    tables["documents"] = _documents(store)
    tables["sources"] = store.rows("sources")
    tables["spans"] = store.rows("spans")
    tables["errors"] = ({"source": e.source, "stage": e.stage, "reason": e.reason} for e in store.errors())
    tables.update({name: iter(rows) for name, rows in registries.items()})
    counts: dict[str, int] = {}
    with Staging() as staging:
        for name, rows in tables.items():
            schema = arrow_schema(PARQUET_COLUMNS[name])
            tmp = staging.part(out_dir / f"{name}.parquet")
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
    return counts
