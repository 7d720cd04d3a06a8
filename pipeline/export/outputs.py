"""A run's outputs: the CSV tables, the registries and ``datapackage.json``, written from
the store after ``thidua run`` (and by ``thidua export``).

All of them are written as ``.part`` files first and put in place together
(:class:`~pipeline.export.csv_tables.Staging`): a full disk, Ctrl-C or a kill leaves the
previous outputs whole, and the ``.part`` files a killed export left are removed at the
start of the next one.
"""

from __future__ import annotations

from pathlib import Path

from extractors.lexicon import Lexicon
from pipeline.export.csv_tables import CSV_OUTPUTS, Staging, remove_parts, write_csv
from pipeline.export.datapackage import write_datapackage
from pipeline.export.registries import REGISTRY_INPUTS, write_registries
from pipeline.run.store import Store
from pipeline.schema import ALL_COLUMNS

__all__ = ["OUTPUT_FILES", "write_run_tables"]

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
    rest = tuple(t for t in CSV_OUTPUTS if t not in REGISTRY_INPUTS)
    encoding = "utf-8-sig" if excel else "utf-8"
    with Staging() as staging:
        if workers > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=1) as pool:
                first = pool.submit(_tables_and_registries, store.path, out, excel)
                try:
                    counts = write_csv(store, out, excel=excel, only=rest, staging=staging)
                finally:
                    theirs, parts = first.result()
                    staging.adopt(parts)
                counts = {**theirs, **counts}
        else:
            theirs, parts = _tables_and_registries(store.path, out, excel)
            staging.adopt(parts)
            counts = {**theirs, **write_csv(store, out, excel=excel, only=rest, staging=staging)}
        write_datapackage(out, {name: ALL_COLUMNS[name] for name in ALL_COLUMNS if name in counts},
                          encoding=encoding, staging=staging)
    store.mark_exported(target, generation)
    return {name: counts[name] for name in (*CSV_OUTPUTS, *sorted(set(counts) - set(CSV_OUTPUTS)))}


def _tables_and_registries(db: Path, out: Path, excel: bool) -> tuple[dict[str, int], list[Path]]:
    """The tables the registries are built from, then the registries: about half the work,
    done by a second process while the first writes the rest. Returns the counts and the
    ``.part`` files written (put in place by the caller with the rest)."""
    encoding = "utf-8-sig" if excel else "utf-8"
    staging = Staging()
    try:
        with Store(db) as store:
            counts = write_csv(store, out, excel=excel, only=REGISTRY_INPUTS, staging=staging)
            counts.update(write_registries(store, out, encoding=encoding, lexicon=Lexicon.load(), staging=staging))
    except BaseException:
        staging.discard()
        raise
    return counts, list(staging.parts)
