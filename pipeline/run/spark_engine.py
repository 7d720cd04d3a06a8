"""Spark engine: ``thidua run --engine spark``, the same extraction on Apache Spark.

The driver only lists input files (:func:`pipeline.ingest.walk.iter_files`: directories walked
in sorted order; an archive is one file). That list is parallelized and, on the executors,
every file goes through :func:`pipeline.run.orchestrate.run`, the very function of the local
engine: whatever the local engine reads (text, HTML, WARC and JSONL archives, where one
file holds many documents), Spark reads too, and a bad input or record is a row of
``errors`` here as there. Results never travel to the driver: they become rows of one
cached DataFrame holding every table (so extraction runs once), and each table is
filtered from it, sorted and written as Parquet by the JVM alone.

Output: ``OUT/<table>.parquet`` for every table of :data:`pipeline.schema.TABLE_COLUMNS`
plus ``errors`` and ``spans``; each is a directory of part files (read it whole with
``pandas.read_parquet(path)`` or ``pyarrow.parquet.read_table(path)``). Columns and their
order are those of the CSV contract; types follow :func:`pipeline.schema.column_type`
(integer → int64, number → double, otherwise string), every column nullable. Cells hold
the true values: null stays null, lists are ``|``-joined as in CSV, and there is no
formula neutralisation (a spreadsheet concern of :mod:`pipeline.export`). Rows are in the
order of ``thidua export``: by ``doc_id``, then in the document's order; ``errors`` by
``source``. Unlike the store, a ``doc_id`` met twice (the same file name in two folders)
keeps both documents' rows.

pyspark is an optional dependency (``pip install -e ".[spark]"``) and Java 17 must be on
the PATH; this module imports pyspark only when a Spark function is called.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.ingest.errors import IngestError
from pipeline.ingest.sources import disambiguated_id, is_archive
from pipeline.ingest.walk import iter_files, iter_sources
from pipeline.options import Options
from pipeline.run.results import DocumentResult, ErrorRecord
from pipeline.schema import ERROR_COLUMNS, SPAN_COLUMNS, TABLE_COLUMNS, column_type

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

__all__ = ["OUTPUT_COLUMNS", "QUIET_CONF", "cell_value", "list_input_files", "run_spark", "spark_schema",
           "spark_session", "table_rows"]

OUTPUT_COLUMNS: dict[str, tuple[str, ...]] = {**TABLE_COLUMNS, "errors": ERROR_COLUMNS, "spans": SPAN_COLUMNS}
# Settings for a quiet run; ``conf`` passed to :func:`spark_session` overrides them.
QUIET_CONF: dict[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.log.level": "WARN",
    "spark.sql.shuffle.partitions": "8",
}
_WRITERS = 4  # tables written at once
_ORDER = ("_part", "_seq")  # where a row came from: partition index, position in the partition


def list_input_files(inputs: Iterable[str | Path]) -> list[str]:
    """The files a run reads, in the order the local engine reads them (:func:`pipeline.ingest.walk.iter_files`).

    An archive is one entry however many records it holds: its records are read on the
    executor. A missing or unsupported input is kept as given, so it reaches
    :func:`pipeline.run.orchestrate.run` on an executor and becomes an ``errors`` row there,
    as in a local run.

    Args:
        inputs: files and directories, as on the command line.

    Returns:
        Paths as strings, each one task input.
    """
    return [item.source if isinstance(item, IngestError) else str(item) for item in iter_files(inputs)]


def file_doc_ids(paths: Iterable[str]) -> dict[str, str]:
    """The doc_id of every plain file whose stem an earlier file already has, as the local
    engine gives it (:func:`pipeline.ingest.disambiguated_id`); other files keep their stem.

    >>> file_doc_ids(["a/bai.txt", "b/bai.txt", "c/khac.html"])
    {'b/bai.txt': 'bai-e9164342'}
    """
    seen: set[str] = set()
    renamed: dict[str, str] = {}
    for path in paths:
        if is_archive(Path(path)):
            continue
        stem = Path(path).stem
        if stem in seen:
            renamed[path] = disambiguated_id(stem, path)
        seen.add(stem)
    return renamed


def cell_value(value: Any, kind: str) -> Any:
    """One table value as its column type (``integer``, ``number`` or ``string``).

    None stays None; a list becomes ``|``-joined text, as in CSV; nothing is neutralised.

    >>> cell_value([2015, 2016], "string"), cell_value(2015, "string"), cell_value(None, "integer")
    ('2015|2016', '2015', None)
    >>> cell_value("=Thi đua yêu nước", "string"), cell_value("12", "integer"), cell_value(1, "number")
    ('=Thi đua yêu nước', 12, 1.0)

    Raises:
        ValueError: the value is not of a numeric column's type (``"nhiều"`` as a count).
    """
    if value is None:
        return None
    if kind == "string":
        if isinstance(value, (list, tuple)):
            return "|".join("" if v is None else str(v) for v in value)
        return str(value)
    if kind == "integer" and isinstance(value, float) and not value.is_integer():
        raise ValueError(f"{value!r} is not an integer")
    try:
        return int(value) if kind == "integer" else float(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{value!r} is not {'an integer' if kind == 'integer' else 'a number'}") from exc


def _row(table: str, record: Mapping[str, Any]) -> tuple[Any, ...]:
    values = []
    for column in OUTPUT_COLUMNS[table]:
        try:
            values.append(cell_value(record.get(column), column_type(column)))
        except ValueError as exc:
            raise ValueError(f"{table}.{column}: {exc}") from exc
    return tuple(values)


def table_rows(result: DocumentResult | ErrorRecord) -> dict[str, list[tuple[Any, ...]]]:
    """The rows one result adds to every output table, values typed for Parquet.

    Every table of :data:`OUTPUT_COLUMNS` is a key (with an empty list when the result
    adds nothing); a row is a tuple in the table's column order.

    >>> rows = table_rows(ErrorRecord("anh.png", "ingest", "unsupported file type '.png'"))
    >>> rows["errors"], rows["people"]
    ([('anh.png', 'ingest', "unsupported file type '.png'")], [])
    """
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in OUTPUT_COLUMNS}
    if isinstance(result, ErrorRecord):
        record = {"source": result.source, "stage": result.stage, "reason": result.reason}
        rows["errors"].append(_row("errors", record))
        return rows
    for name in TABLE_COLUMNS:
        rows[name] = [_row(name, record) for record in result.tables.get(name, [])]
    rows["spans"] = [_row("spans", span) for span in result.spans]
    return rows


def spark_schema(table: str) -> StructType:
    """The Spark schema of an output table: long, double or string columns, all nullable.

    Args:
        table: a key of :data:`OUTPUT_COLUMNS` (``"people"``, ``"errors"``, ``"spans"``, ...).
    """
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    types = {"integer": LongType(), "number": DoubleType(), "string": StringType()}
    return StructType([StructField(c, types[column_type(c)], nullable=True) for c in OUTPUT_COLUMNS[table]])


@contextmanager
def _python_for_workers(master: str) -> Iterator[None]:
    """In local mode, executors run this interpreter (the venv's) unless PYSPARK_PYTHON says otherwise.

    The variable is read once, when the SparkContext starts, so it is restored afterwards.
    """
    if not master.startswith("local") or "PYSPARK_PYTHON" in os.environ:
        yield
        return
    os.environ["PYSPARK_PYTHON"] = sys.executable
    try:
        yield
    finally:
        del os.environ["PYSPARK_PYTHON"]


def spark_session(master: str = "local[*]", app_name: str = "thidua",
                  conf: Mapping[str, str] | None = None) -> SparkSession:
    """Start (or join) a quiet Spark session: no UI, no progress bar, log level WARN.

    Args:
        master: ``local[*]``, ``local[2]``, ``spark://host:7077``, ``yarn``, ...
        app_name: the application name the cluster shows.
        conf: Spark settings over :data:`QUIET_CONF`
            (``{"spark.executor.memory": "4g"}``).

    Returns:
        The session; the caller stops it.
    """
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(master).appName(app_name)
    for key, value in {**QUIET_CONF, **(conf or {})}.items():
        builder = builder.config(key, value)
    with _python_for_workers(master):
        spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def _extract_partition(index: int, paths: Iterable[tuple[str, str | None]],
                       options: Options) -> Iterator[tuple[str, int, int, tuple]]:
    """Executor side: every file of one partition through the local engine's ingest and
    :func:`pipeline.run.orchestrate.process_one`, under the doc_id the driver settled.

    Yields ``(table, partition index, position, row)``; the middle two keep a document's rows
    in their order.
    """
    from dataclasses import replace

    from extractors.lexicon import Lexicon
    from pipeline.run.orchestrate import process_one

    lexicon = Lexicon.load()
    position = 0
    for path, doc_id in paths:
        for item in iter_sources([path], max_bytes=options.max_bytes):
            if isinstance(item, IngestError):
                result: DocumentResult | ErrorRecord = ErrorRecord(item.source, item.stage, item.reason)
            else:
                result = process_one(replace(item, doc_id=doc_id) if doc_id else item, lexicon, options)
            for table, rows in table_rows(result).items():
                for row in rows:
                    yield table, index, position, row
                    position += 1


def _union_columns() -> tuple[str, ...]:
    """Every output column once, in first-seen order: one frame holds every table's rows.

    A column's type depends on its name only (:func:`pipeline.schema.column_type`), so
    tables sharing a column name (``text``, ``start``) share its type.
    """
    return tuple(dict.fromkeys(c for columns in OUTPUT_COLUMNS.values() for c in columns))


def _union_row(columns: tuple[str, ...], item: tuple[str, int, int, tuple]) -> tuple:
    table, part, position, row = item
    values = dict(zip(OUTPUT_COLUMNS[table], row, strict=True))
    return (table, part, position, *(values.get(c) for c in columns))


def _table_path(out_dir: Path | str, table: str) -> str:
    """``OUT/<table>.parquet``; ``out_dir`` may be a Hadoop URL (``s3a://bucket/run``)."""
    return f"{str(out_dir).rstrip('/')}/{table}.parquet"


def run_spark(inputs: list[str], out_dir: Path | str, options: Options, *, master: str = "local[*]",
              app_name: str = "thidua", spark: SparkSession | None = None,
              partitions: int | None = None) -> dict[str, int]:
    """Extract every input on Spark and write each table as Parquet under ``out_dir``.

    Args:
        inputs: files and directories; on a cluster they must be readable at the same
            path on every worker (a shared filesystem).
        out_dir: where ``<table>.parquet`` directories go (replaced if present): a local
            path or a Hadoop URL (``hdfs://``, ``s3a://``).
        options: as for the local engine (``Options(ner=False)`` skips underthesea NER).
        master: the Spark master, used only when ``spark`` is not given.
        app_name: the application name, used only when ``spark`` is not given.
        spark: a running session to use (and leave running); by default one is started
            with :func:`spark_session` and stopped at the end.
        partitions: how many tasks the file list is cut into; default up to four per
            core, at most one per file.

    Returns:
        Row counts per table, ``errors`` and ``spans`` included
        (``{"documents": 5, ..., "errors": 0, "spans": 412}``).
    """
    paths = list_input_files(inputs)
    session = spark if spark is not None else spark_session(master, app_name)
    try:
        return _write_tables(session, paths, out_dir, options, partitions)
    finally:
        if spark is None:
            session.stop()


def _write_tables(spark: SparkSession, paths: list[str], out_dir: Path | str, options: Options,
                  partitions: int | None) -> dict[str, int]:
    """Extract once into one cached frame of every table's rows, then write each table from it.

    Python runs only in the extraction; the per-table filter, sort and write are JVM jobs
    over the cached frame, submitted from a few threads at once (Spark schedules jobs from
    several threads concurrently), which halves the wall time of a small run.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    sc = spark.sparkContext
    slices = partitions or max(1, min(len(paths), 4 * sc.defaultParallelism))
    columns = _union_columns()
    typed = {f.name: f for schema in map(spark_schema, OUTPUT_COLUMNS) for f in schema.fields}
    schema = StructType([StructField("_table", StringType(), nullable=False),
                         *(StructField(name, LongType(), nullable=False) for name in _ORDER),
                         *(typed[c] for c in columns)])
    renamed = file_doc_ids(paths)
    rows = (sc.parallelize([(path, renamed.get(path)) for path in paths], slices)
            .mapPartitionsWithIndex(partial(_extract_partition, options=options))
            .map(partial(_union_row, columns)))
    frame = spark.createDataFrame(rows, schema).persist(StorageLevel.MEMORY_AND_DISK)

    def write(table: str) -> None:
        table_columns = OUTPUT_COLUMNS[table]
        first = "doc_id" if "doc_id" in table_columns else "source"
        (frame.where(F.col("_table") == table).orderBy(first, *_ORDER).select(*table_columns)
         .write.mode("overwrite").parquet(_table_path(out_dir, table)))

    try:
        found = {r["_table"]: r["count"] for r in frame.groupBy("_table").count().collect()}  # fills the cache
        with ThreadPoolExecutor(max_workers=_WRITERS) as pool:  # small jobs: run them side by side
            list(pool.map(write, OUTPUT_COLUMNS))
    finally:
        frame.unpersist()
    return {table: int(found.get(table, 0)) for table in OUTPUT_COLUMNS}
