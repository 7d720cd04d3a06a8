"""Parquet: every table of the store as ``<table>.parquet``, typed, with the true values
(no CSV formula neutralisation): the seven tables (``documents`` with one more column,
``text``, the normalized text every ``start``/``end`` points into), ``sources``,
``errors``, ``spans`` and the three registries. Written as ``.part`` files put in place
together, like the CSV export."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from extractors.lexicon import Lexicon
from pipeline.export.csv_tables import Staging, remove_parts
from pipeline.export.registries import registry_tables
from pipeline.run.store import Store
from pipeline.schema import PARQUET_COLUMNS, REGISTRY_COLUMNS, TABLE_COLUMNS, column_type

__all__ = ["PARQUET_COLUMNS", "arrow_schema", "write_parquet"]  # PARQUET_COLUMNS: from pipeline.schema


def arrow_schema(columns: Iterable[str]) -> Any:
    """The Parquet schema of a table: :func:`~pipeline.schema.column_type` mapped to Arrow types."""
    import pyarrow as pa

    types = {"integer": pa.int64(), "number": pa.float64(), "string": pa.string()}
    return pa.schema([(c, types[column_type(c)]) for c in columns])


def _documents(store: Store) -> Iterator[tuple[Any, ...]]:
    """The documents table's rows with the normalized text as one more column."""
    texts = store.texts()  # both by doc_id
    pending = next(texts, None)
    for row in store.values("documents"):
        while pending is not None and pending[0] < row[0]:
            pending = next(texts, None)
        yield (*row, pending[1] if pending is not None and pending[0] == row[0] else None)


def write_parquet(store: Store, out_dir: Path, *, batch_rows: int = 50_000,
                  lexicon: Lexicon | None = None) -> dict[str, int]:
    """Write every table of the store as ``<table>.parquet`` (see :data:`PARQUET_COLUMNS`);
    true values, no CSV neutralisation. Rows stream from the store in batches of
    ``batch_rows`` tuples, each batch turned column by column into Arrow arrays."""
    import pyarrow.parquet as pq

    out_dir.mkdir(parents=True, exist_ok=True)
    remove_parts(out_dir)
    tables: dict[str, Iterator[tuple[Any, ...]]] = {name: store.values(name) for name in TABLE_COLUMNS}
    tables["documents"] = _documents(store)
    tables["sources"] = store.values("sources")
    tables["spans"] = store.values("spans")
    tables["errors"] = ((e.source, e.stage, e.reason) for e in store.errors())
    counts: dict[str, int] = {}
    with Staging() as staging, registry_tables(store, lexicon or Lexicon.load()) as registries:
        for name, rows in {**tables, **{n: _tuples(registries[n], REGISTRY_COLUMNS[n]) for n in REGISTRY_COLUMNS}
                           }.items():
            schema = arrow_schema(PARQUET_COLUMNS[name])
            counts[name] = 0
            with pq.ParquetWriter(staging.part(out_dir / f"{name}.parquet"), schema) as writer:
                while True:
                    batch = list(islice(rows, batch_rows))
                    writer.write_table(_columnar(batch, schema))
                    counts[name] += len(batch)
                    if len(batch) < batch_rows:
                        break
    return counts


def _tuples(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    return (tuple(row.get(c) for c in columns) for row in rows)


def _columnar(rows: list[tuple[Any, ...]], schema: Any) -> Any:
    """Row tuples as an Arrow table of ``schema``, built column by column."""
    import pyarrow as pa

    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    return pa.Table.from_arrays([pa.array(values, type=f.type) for values, f in zip(columns, schema, strict=True)],
                                schema=schema)
