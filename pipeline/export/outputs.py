"""A run's outputs: the CSV tables, the registries and ``datapackage.json``, written from
the store after ``thidua run`` (and by ``thidua export``), or from the Parquet tables of a
Spark run (``thidua run --engine spark --csv``).

All of them are written as ``.part`` files first and put in place together
(:class:`~pipeline.export.csv_tables.Staging`): a full disk, Ctrl-C or a kill leaves the
previous outputs whole, and the ``.part`` files a killed export left are removed at the
start of the next one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractors.lexicon import Lexicon
from pipeline.export.csv_tables import CSV_OUTPUTS, Staging, remove_parts, write_csv, write_json_lines, write_rows
from pipeline.export.datapackage import write_datapackage
from pipeline.export.registries import write_registries
from pipeline.run.store import Store
from pipeline.schema import ALL_COLUMNS, REGISTRY_COLUMNS, SPAN_COLUMNS

__all__ = ["OUTPUT_FILES", "parquet_rows", "write_run_tables", "write_tables_from_parquet"]

OUTPUT_FILES = (*(f"{t}.csv" for t in CSV_OUTPUTS if t not in ("spans", "texts")), "spans.jsonl", "texts.jsonl",
                "datapackage.json")
"""The files of a run directory that :func:`write_run_tables` writes (besides the registries)."""


def write_run_tables(store: Store, out: Path, *, excel: bool, always: bool = False, workers: int = 1) -> dict[str, int]:
    """The CSV tables, the cross-document registries and ``datapackage.json`` of a store,
    written into ``out`` (in two processes when ``workers`` > 1); nothing (an empty dict)
    when ``out`` already holds this very state of the store, unless ``always``.

    Raises:
        DiskFull: the disk filled up ("disk full writing PATH"); the previous outputs are whole.
    """
    remove_parts(out)
    target = f"csv:{out.resolve()}:{'excel' if excel else 'utf-8'}"
    generation = store.generation()
    present = all((out / name).is_file() for name in OUTPUT_FILES)
    if not always and present and store.exported(target) == generation:
        return {}
    encoding = "utf-8-sig" if excel else "utf-8"
    with Staging() as staging:
        if workers > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=1) as pool:
                first = pool.submit(_registries, store.path, out, excel)
                try:
                    counts = write_csv(store, out, excel=excel, staging=staging)
                finally:
                    theirs, parts = first.result()
                    staging.adopt(parts)
                counts = {**theirs, **counts}
        else:
            theirs, parts = _registries(store.path, out, excel)
            staging.adopt(parts)
            counts = {**theirs, **write_csv(store, out, excel=excel, staging=staging)}
        write_datapackage(out, {name: ALL_COLUMNS[name] for name in ALL_COLUMNS if name in counts},
                          encoding=encoding, staging=staging)
    store.mark_exported(target, generation)
    return {name: counts[name] for name in (*CSV_OUTPUTS, *sorted(set(counts) - set(CSV_OUTPUTS)))}


def _registries(db: Path, out: Path, excel: bool) -> tuple[dict[str, int], list[Path]]:
    """The registries: about half the work of an export, done by a second process while
    the first writes the tables. Returns the counts and the ``.part`` files written (put
    in place by the caller with the rest)."""
    encoding = "utf-8-sig" if excel else "utf-8"
    staging = Staging()
    try:
        with Store(db) as store:
            counts = write_registries(store, out, encoding=encoding, lexicon=Lexicon.shared(), staging=staging)
    except BaseException:
        staging.discard()
        raise
    return counts, list(staging.parts)


def parquet_rows(path: Path, *, batch_rows: int = 50_000) -> Iterator[dict[str, Any]]:
    """The rows of one Parquet table (a file, or a directory of part files as Spark writes
    it, read in part order), streamed in batches."""
    import pyarrow.dataset as ds

    for batch in ds.dataset(str(path), format="parquet").to_batches(batch_size=batch_rows):
        yield from batch.to_pylist()


def write_tables_from_parquet(out: Path, *, excel: bool) -> dict[str, int]:
    """The CSV files of a run whose tables are ``OUT/<name>.parquet`` (a Spark run): every
    table, ``errors.csv``, ``spans.jsonl``, the registries and ``datapackage.json``, the
    same files as the local engine writes from its store. Rows stream from the Parquet."""
    encoding = "utf-8-sig" if excel else "utf-8"
    counts: dict[str, int] = {}
    remove_parts(out)
    with Staging() as staging:
        for name in (*CSV_OUTPUTS, *REGISTRY_COLUMNS):
            source = out / f"{('documents' if name == 'texts' else name)}.parquet"
            if name in ("sources", "texts") and not source.exists():
                continue  # Parquet written without them (by a thidua before document identity)
            rows = parquet_rows(source)
            if name == "spans":
                counts[name] = write_json_lines(out / "spans.jsonl", SPAN_COLUMNS,
                                                ([r[c] for c in SPAN_COLUMNS] for r in rows), staging)
            elif name == "texts":
                if "text" not in _parquet_columns(source):
                    continue
                counts[name] = write_json_lines(out / "texts.jsonl", ("doc_id", "text"),
                                                ((r["doc_id"], r["text"]) for r in rows), staging)
            else:
                counts[name] = write_rows(out / f"{name}.csv", ALL_COLUMNS[name], rows, encoding, staging)
        write_datapackage(out, {name: ALL_COLUMNS[name] for name in ALL_COLUMNS if name in counts}, encoding=encoding,
                          staging=staging)
    return counts


def _parquet_columns(path: Path) -> list[str]:
    import pyarrow.dataset as ds

    return list(ds.dataset(str(path), format="parquet").schema.names)

