"""Parquet: every table of the store as ``<table>.parquet``, typed, with the true values
(no CSV formula neutralisation)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import islice
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
    true values, no CSV neutralisation. Rows stream from the store in batches of
    ``batch_rows`` tuples, each batch turned column by column into Arrow arrays."""
    import pyarrow.parquet as pq

    out_dir.mkdir(parents=True, exist_ok=True)
    tables: dict[str, tuple[tuple[str, ...], Iterator[tuple[Any, ...]]]] = {
        name: (columns, store.values(name)) for name, columns in TABLE_COLUMNS.items()}
    tables["spans"] = (SPAN_COLUMNS, store.values("spans"))
    tables["errors"] = (ERROR_COLUMNS, ((e.source, e.stage, e.reason) for e in store.errors()))
    counts: dict[str, int] = {}
    for name, (columns, rows) in tables.items():
        schema = arrow_schema(columns)
        path = out_dir / f"{name}.parquet"
        tmp = path.with_name(path.name + ".part")
        counts[name] = 0
        with pq.ParquetWriter(tmp, schema) as writer:
            while True:
                batch = list(islice(rows, batch_rows))
                writer.write_table(_columnar(batch, schema))
                counts[name] += len(batch)
                if len(batch) < batch_rows:
                    break
        os.replace(tmp, path)
    return counts


def _columnar(rows: list[tuple[Any, ...]], schema: Any) -> Any:
    """Row tuples as an Arrow table of ``schema``, built column by column."""
    import pyarrow as pa

    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    return pa.Table.from_arrays([pa.array(values, type=f.type) for values, f in zip(columns, schema, strict=True)],
                                schema=schema)
