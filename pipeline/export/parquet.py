"""Parquet: every table of the store as ``<table>.parquet``, typed, with the true values
(no CSV formula neutralisation)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.run.store import Store
from pipeline.schema import ERROR_COLUMNS, SPAN_COLUMNS, TABLE_COLUMNS, column_type

__all__ = ["arrow_schema", "write_parquet"]


def arrow_schema(columns: Iterable[str]) -> Any:
    """The Parquet schema of a table: :func:`~pipeline.schema.column_type` mapped to Arrow types."""
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
