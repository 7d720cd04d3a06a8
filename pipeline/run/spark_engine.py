"""Spark engine: ``thidua run --engine spark``, the same product on Apache Spark.

Inputs go through Spark's own file systems, so ``file://``, ``hdfs://`` and ``s3a://``
URIs work as well as local paths: the driver only *lists* them (Hadoop ``FileSystem``:
directories walked and sorted as the local engine walks them, unsupported or missing
inputs become ``errors`` rows), and the executors *read* them (the ``binaryFile`` source).
On an executor every file goes through the local engine's own code: a text or HTML file is
one document, a WARC or JSONL file is read record by record (:mod:`pipeline.ingest.archive`),
and each document through :func:`pipeline.run.orchestrate.process_one`. Results never
travel to the driver: they become rows of one cached DataFrame holding every table.

As in the local engine, a document is its content (:mod:`pipeline.run.identity`):
documents whose normalized text has the same sha256 (:attr:`DocumentResult.text`, UTF-8)
are one document, the first in input order (files in the order given, directories sorted,
records in file order), and every input that gave it is a row of ``sources`` (its
canonical location, as the local engine names it). Near-duplicates (the same article with
other chrome) are marked ``duplicate_of`` their kept document by the local engine's own
rule, :func:`pipeline.run.identity.near_duplicates`, over the documents' MinHash
signatures (about 500 bytes a document: the only per-document data that goes to the
driver), and their records are left out of the other tables. The cross-document
registries are computed by Spark from the tables with group-bys
(:mod:`pipeline.run.spark_registries`), never collected to the driver.

Output: ``OUT/<table>.parquet`` for every table of :data:`pipeline.schema.PARQUET_COLUMNS`
(the tables, ``documents`` with its ``text``, ``sources``, ``errors``, ``spans`` and the
three registries), the files ``thidua export --format parquet`` writes from a local
run's store; each is a directory of part files (read it whole with ``pandas.read_parquet(path)`` or
``pyarrow.parquet.read_table(path)``). Columns and their order are those of the CSV
contract; types follow :func:`pipeline.schema.column_type` (integer → int64, number →
double, otherwise string), every column nullable. Cells hold the true values: null stays
null, lists are ``|``-joined as in CSV, and there is no formula neutralisation (a
spreadsheet concern of :mod:`pipeline.export`, which writes the CSV files from this
Parquet: ``thidua run --engine spark --csv``). Rows are in the order of ``thidua export``:
by ``doc_id``, then in the document's order; ``sources`` by ``doc_id`` and ``location``;
``errors`` by ``source``; registries in the local engine's order.

pyspark is an optional dependency (``pip install -e ".[spark]"``) and Java 17 must be on
the PATH; this module imports pyspark only when a Spark function is called.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.ingest.archive import iter_jsonl, iter_warc
from pipeline.ingest.errors import IngestError
from pipeline.ingest.sources import JSONL_SUFFIXES, accepted, bytes_source, disambiguated_id, is_archive
from pipeline.options import Options
from pipeline.resolve.registry import office_unit, unit_record
from pipeline.run.identity import content_sha, near_duplicates
from pipeline.run.results import DocumentResult, ErrorRecord, SourceRef
from pipeline.schema import ERROR_COLUMNS, PARQUET_COLUMNS, REGISTRY_COLUMNS, SPAN_COLUMNS, TABLE_COLUMNS, column_type

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

__all__ = ["OUTPUT_COLUMNS", "QUIET_CONF", "SPARK_OUTPUTS", "InputFile", "cell_value", "file_doc_ids", "list_inputs",
           "run_spark", "spark_schema", "spark_session", "table_rows"]

OUTPUT_COLUMNS: dict[str, tuple[str, ...]] = {**TABLE_COLUMNS, "errors": ERROR_COLUMNS, "spans": SPAN_COLUMNS}
SPARK_OUTPUTS: dict[str, tuple[str, ...]] = PARQUET_COLUMNS
"""Every ``<name>.parquet`` a Spark run writes, with its columns (those of a local run's
``thidua export --format parquet``)."""
# Settings for a quiet run; ``conf`` passed to :func:`spark_session` overrides them.
QUIET_CONF: dict[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.log.level": "WARN",
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.files.openCostInBytes": "65536",  # articles are small files: pack many into one task
}
_WRITERS = 4  # tables written at once
# where a row came from: input file (in input order), record in the file, row in its document's table
_ORDER = ("_file", "_record", "_seq")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
_GLOB = re.compile(r"([\\*?\[\]{}])")


@dataclass(frozen=True)
class InputFile:
    """One input file as the driver lists it.

    Attributes:
        order: its place in the run (the local engine's reading order).
        path: the file as its Hadoop file system names it (``file:/...``, ``hdfs://nn/...``).
        source: the ``source`` the local engine gives it: the path as written on the
            command line joined with the path under it, or the URI.
        doc_id: the doc_id of a text or HTML file (its stem, made unique as the local engine
            makes it); None for an archive, whose records have their own ids.
        location: the file's canonical name, as the local engine's ``sources`` has it: the
            real absolute path of a local (``file:``) file, the URI of any other.
    """

    order: int
    path: str
    source: str
    doc_id: str | None
    location: str = ""


def file_doc_ids(sources: Iterable[str]) -> dict[str, str]:
    """The doc_id of every plain file whose stem an earlier file already has, as the local
    engine gives it (:func:`pipeline.ingest.disambiguated_id`); other files keep their stem.

    >>> file_doc_ids(["a/bai.txt", "b/bai.txt", "c/khac.html"])
    {'b/bai.txt': 'bai-e9164342'}
    """
    seen: set[str] = set()
    renamed: dict[str, str] = {}
    for source in sources:
        if is_archive(Path(source)):
            continue
        stem = Path(source.rsplit("/", 1)[-1]).stem
        if stem in seen:
            renamed[source] = disambiguated_id(stem, source)
        seen.add(stem)
    return renamed


def _is_uri(item: str) -> bool:
    return bool(_SCHEME.match(item))


def list_inputs(spark: SparkSession, inputs: Iterable[str]) -> tuple[list[InputFile], list[ErrorRecord]]:
    """The files a run reads, listed through Hadoop file systems, and the inputs that fail.

    Directories are walked recursively and their accepted files sorted by their path under
    the directory, as :func:`pipeline.ingest.walk.iter_files` does; a file named on the
    command line that is not an input, or a path that does not exist, is an error row with
    the local engine's reason. Nothing is opened here: the executors read the files.

    Args:
        spark: the session (its Hadoop configuration names the file systems).
        inputs: local paths and URIs (``file:///data/corpus``, ``hdfs://nn/crawl/``).
    """
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    files: list[InputFile] = []
    errors: list[ErrorRecord] = []
    listed: list[tuple[str, str]] = []  # (Hadoop path, source)
    for item in inputs:
        uri = _is_uri(item)
        named = item if uri else str(Path(item))
        hpath = jvm.org.apache.hadoop.fs.Path(item if uri else "file://" + os.path.abspath(item))
        fs = hpath.getFileSystem(conf)
        if not fs.exists(hpath):
            errors.append(ErrorRecord(named, "ingest", "no such file or directory"))
            continue
        if not fs.getFileStatus(hpath).isDirectory():
            if accepted(Path(named.rsplit("/", 1)[-1])):
                listed.append((fs.makeQualified(hpath).toString(), named))
            else:
                suffix = Path(named).suffix
                errors.append(ErrorRecord(named, "ingest", f"unsupported file type {suffix or '(none)'!r}"))
            continue
        root = fs.makeQualified(hpath).toString().rstrip("/")
        found = []
        entries = fs.listFiles(hpath, True)
        while entries.hasNext():
            path = entries.next().getPath().toString()
            parts = tuple(path[len(root):].lstrip("/").split("/"))
            if accepted(Path(parts[-1])):
                found.append((parts, path))
        for parts, path in sorted(found):
            listed.append((path, named.rstrip("/") + "/" + "/".join(parts) if uri else str(Path(named, *parts))))
    renamed = file_doc_ids(source for _, source in listed)
    for order, (path, source) in enumerate(listed):
        archive = is_archive(Path(path.rsplit("/", 1)[-1]))
        stem = Path(source.rsplit("/", 1)[-1]).stem
        files.append(InputFile(order, path, source, None if archive else renamed.get(source, stem), canonical(path)))
    return files, errors


def canonical(path: str) -> str:
    """The canonical location of a listed file: the real path of a ``file:`` URI (symbolic
    links resolved, as the local engine resolves a path), any other URI as it is.

    >>> canonical("hdfs://nn/crawl/a.warc.gz")
    'hdfs://nn/crawl/a.warc.gz'
    """
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(path)
    if parts.scheme != "file":
        return path
    return os.path.realpath(unquote(parts.path))


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


def _row_columns(table: str) -> tuple[str, ...]:
    """The columns of one result's rows of ``table``: :data:`OUTPUT_COLUMNS` (``documents``
    without its ``text``), or ``sources``'s."""
    return OUTPUT_COLUMNS.get(table) or SPARK_OUTPUTS[table]


def _row(table: str, record: Mapping[str, Any]) -> tuple[Any, ...]:
    """A record as a typed tuple in :func:`_row_columns` order."""
    values = []
    for column in _row_columns(table):
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


text_identity = content_sha
"""A document's identity: the sha256 of its normalized text (:func:`pipeline.run.identity.content_sha`)."""


def spark_schema(table: str) -> StructType:
    """The Spark schema of an output table: long, double or string columns, all nullable.

    Args:
        table: a key of :data:`SPARK_OUTPUTS` (``"people"``, ``"errors"``, ``"units_registry"``, ...).
    """
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    types = {"integer": LongType(), "number": DoubleType(), "string": StringType()}
    return StructType([StructField(c, types[column_type(c)], nullable=True) for c in SPARK_OUTPUTS[table]])


@contextmanager
def _python_for_workers(master: str) -> Iterator[None]:
    """Executors run this interpreter (the venv's) unless PYSPARK_PYTHON says otherwise: in
    local mode, and on a standalone cluster of this machine's nodes (every node has the same
    paths); on a real cluster, set PYSPARK_PYTHON or ``spark.pyspark.python``.

    The variable is read once, when the SparkContext starts, so it is restored afterwards.
    """
    if "PYSPARK_PYTHON" in os.environ or not master.startswith(("local", "spark://127.0.0.1", "spark://localhost")):
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


def source_of(file: InputFile, item: Any, data: bytes) -> SourceRef:
    """The ``sources`` row of one input as the local engine writes it
    (:func:`pipeline.run.runner.source_ref`): a file is its canonical location; a record
    is its URL and WARC-Record-ID (or its archive and line), inside its archive.

    >>> f = InputFile(0, "file:/data/bai.txt", "data/bai.txt", "bai", "/data/bai.txt")
    >>> ref = source_of(f, bytes_source(f.source, b"x"), b"x")
    >>> ref.location, ref.file, ref.sha256[:8]
    ('/data/bai.txt', '/data/bai.txt', '2d711642')
    """
    sha = hashlib.sha256(data).hexdigest()
    if file.doc_id is not None:
        return SourceRef(file.location, file.source, file.location, sha)
    record_id = item.meta.get("record_id", "")
    where = record_id or f"{file.location}:{item.meta.get('line', '')}"
    return SourceRef(f"{item.source} {where}", item.source, file.location, sha, record_id,
                     item.meta.get("crawl_date", ""))


def _results(file: InputFile, data: bytes, options: Options,
             lexicon: Any) -> Iterator[tuple[SourceRef | None, DocumentResult | ErrorRecord]]:
    """Executor side: the documents of one input file, read by Spark, through the local
    engine's ingest and :func:`pipeline.run.orchestrate.process_one`, each with its input
    location (None for an error)."""
    from dataclasses import replace

    from pipeline.run.orchestrate import process_one

    if file.doc_id is None:
        reader = iter_jsonl if file.path.lower().endswith(JSONL_SUFFIXES) else iter_warc
        for item in reader(file.source, max_bytes=options.max_bytes, data=data):
            if isinstance(item, IngestError):
                yield None, ErrorRecord(item.source, item.stage, item.reason)
            else:
                yield source_of(file, item, item.data or b""), process_one(item, lexicon, options)
        return
    item = replace(bytes_source(file.source, data), doc_id=file.doc_id)
    yield source_of(file, item, data), process_one(item, lexicon, options)


def _office_unit_ids(rows: Mapping[str, list[tuple[Any, ...]]], lexicon: Any) -> list[str | None]:
    """For each office of a document, the unit_id of the document's unit it names (the
    registries' evidence, :func:`pipeline.resolve.registry.office_unit`)."""
    records = [unit_record(dict(zip(TABLE_COLUMNS["units"], row, strict=True))) for row in rows["units"]]
    out = []
    for row in rows["positions"]:
        written = dict(zip(TABLE_COLUMNS["positions"], row, strict=True)).get("unit")
        found = office_unit(written, records, lexicon) if written else None
        out.append(found.unit_id if found else None)
    return out


def _extract_partition(files: Iterable[Any], catalogue: Any, columns: tuple[str, ...],
                       options: Options) -> Iterator[tuple[Any, ...]]:
    """Executor side: every file of one partition to rows of the union frame
    (``_table``, :data:`_ORDER`, ``_hash``, ``_unit_id``, ``_sig``, then the union
    columns): each document's table rows, its text on its ``documents`` row with its
    MinHash signature, and its ``sources`` row."""
    from extractors.lexicon import Lexicon

    lexicon = Lexicon.load()
    for row in files:
        file = InputFile(*catalogue.value[row.path])
        for record, (ref, result) in enumerate(_results(file, bytes(row.content), options, lexicon)):
            rows = table_rows(result)
            digest = text_identity(result.text) if isinstance(result, DocumentResult) else None
            unit_ids = _office_unit_ids(rows, lexicon) if digest else []
            if isinstance(result, DocumentResult) and ref is not None:
                rows["sources"] = [_row("sources", {"doc_id": result.doc_id, "location": ref.location,
                                                    "source": ref.source, "file": ref.file, "sha256": ref.sha256,
                                                    "record_id": ref.record_id, "crawl_date": ref.crawl_date})]
            for table, table_rows_ in rows.items():
                for seq, values in enumerate(table_rows_):
                    named = dict(zip(_row_columns(table), values, strict=True))
                    unit_id = unit_ids[seq] if table == "positions" else None
                    signature = None
                    if table == "documents" and isinstance(result, DocumentResult):
                        named["text"] = result.text
                        signature = result.signature or None
                    yield (table, file.order, record, seq, digest, unit_id, signature,
                           *(named.get(c) for c in columns))


def _union_columns() -> tuple[str, ...]:
    """Every output column once, in first-seen order: one frame holds every table's rows.

    A column's type depends on its name only (:func:`pipeline.schema.column_type`), so
    tables sharing a column name (``text``, ``start``, ``location``) share its type.
    """
    return tuple(dict.fromkeys(c for name, columns in SPARK_OUTPUTS.items() if name not in REGISTRY_COLUMNS
                               for c in columns))


def _table_path(out_dir: Path | str, table: str) -> str:
    """``OUT/<table>.parquet``; ``out_dir`` may be a Hadoop URL (``s3a://bucket/run``)."""
    return f"{str(out_dir).rstrip('/')}/{table}.parquet"


def run_spark(inputs: list[str], out_dir: Path | str, options: Options, *, master: str = "local[*]",
              app_name: str = "thidua", spark: SparkSession | None = None,
              registries: bool = True) -> dict[str, int]:
    """Extract every input on Spark and write each table and registry as Parquet under ``out_dir``.

    Args:
        inputs: local paths and Hadoop URIs (``file://``, ``hdfs://``, ``s3a://``) of files
            and directories; on a cluster, local paths must be readable at the same path on
            every worker (a shared file system), URIs wherever the file system is.
        out_dir: where ``<table>.parquet`` directories go (replaced if present): a local
            path or a Hadoop URL.
        options: as for the local engine (``Options(ner=False)`` skips underthesea NER).
        master: the Spark master, used only when ``spark`` is not given.
        app_name: the application name, used only when ``spark`` is not given.
        spark: a running session to use (and leave running); by default one is started
            with :func:`spark_session` (or the active one joined) and stopped at the end,
            unless it was already running.
        registries: also compute and write the registries (False: the tables only).

    Returns:
        Row counts per output of :data:`SPARK_OUTPUTS`
        (``{"documents": 5, ..., "errors": 0, "spans": 412, "people_registry": 40, ...}``).
    """
    from pyspark.sql import SparkSession

    running = spark is not None or SparkSession.getActiveSession() is not None
    session = spark if spark is not None else spark_session(master, app_name)
    try:
        files, errors = list_inputs(session, inputs)
        return _write_tables(session, files, errors, out_dir, options, registries=registries)
    finally:
        if not running:
            session.stop()


def _frame(spark: SparkSession, files: list[InputFile], errors: list[ErrorRecord], options: Options) -> DataFrame:
    """Every table's rows in one frame, as the local engine's store holds them: a document
    (a text identity) once, the first in input order, with a ``sources`` row for every
    input that gave it (one per location: the last reading of a location, as the store's
    upsert keeps)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType

    columns = _union_columns()
    typed = {f.name: f for schema in map(spark_schema, (n for n in SPARK_OUTPUTS if n not in REGISTRY_COLUMNS))
             for f in schema.fields}
    schema = StructType([StructField("_table", StringType(), nullable=False),
                         *(StructField(name, LongType(), nullable=False) for name in _ORDER),
                         StructField("_hash", StringType()), StructField("_unit_id", StringType()),
                         StructField("_sig", BinaryType()), *(typed[c] for c in columns)])
    sc = spark.sparkContext
    catalogue = sc.broadcast({f.path: (f.order, f.path, f.source, f.doc_id, f.location) for f in files})
    extract = partial(_extract_partition, catalogue=catalogue, columns=columns, options=options)
    if files:
        paths = [_GLOB.sub(r"\\\1", f.path) for f in files]  # the reader takes globs: match names literally
        raw = spark.read.format("binaryFile").load(paths).select("path", "content")
        rows = raw.rdd.mapPartitions(extract)
    else:
        rows = sc.emptyRDD()
    listing = [("errors", -1, n, 0, None, None, None,
                *({"source": e.source, "stage": e.stage, "reason": e.reason}.get(c) for c in columns))
               for n, e in enumerate(errors)]
    frame = spark.createDataFrame(rows.union(sc.parallelize(listing, 1)), schema)
    read = F.struct("_file", "_record")
    by_text = Window.partitionBy("_hash")
    kept = (frame.withColumn("_first", F.min(read).over(by_text))
            .where(F.col("_hash").isNull() | (read == F.col("_first"))).drop("_first")
            .where(F.col("_table") != "sources"))
    first_id = F.first("doc_id").over(by_text.orderBy("_file", "_record"))
    last_reading = F.row_number().over(Window.partitionBy("location").orderBy(F.desc("_file"), F.desc("_record")))
    sources = (frame.where(F.col("_table") == "sources").withColumn("doc_id", first_id)
               .withColumn("_last", last_reading).where(F.col("_last") == 1).drop("_last"))
    return kept.unionByName(sources)


def _mark_near_duplicates(spark: SparkSession, frame: DataFrame) -> tuple[DataFrame, int]:
    """The frame with near-duplicate documents marked ``duplicate_of`` their kept document
    and their other records left out, as the local store does
    (:func:`pipeline.run.identity.near_duplicates`, the same rule on the same signatures);
    and how many are marked."""
    from pyspark.sql import functions as F

    signatures = (frame.where((F.col("_table") == "documents") & F.col("_sig").isNotNull()).select("doc_id", "_sig")
                  .orderBy("doc_id"))
    marked = near_duplicates(((r["doc_id"], bytes(r["_sig"])) for r in signatures.toLocalIterator()), ordered=True)
    if not marked:
        return frame, 0
    marks = spark.createDataFrame(sorted(marked.items()), "_doc string, _dup string")
    joined = frame.join(F.broadcast(marks), frame["doc_id"] == marks["_doc"], "left")
    is_table = F.col("_table").isin("documents", "sources", "errors")
    out = (joined.where(F.col("_dup").isNull() | is_table)
           .withColumn("duplicate_of", F.when(F.col("_table") == "documents", F.coalesce("_dup", "duplicate_of"))
                       .otherwise(F.col("duplicate_of")))
           .drop("_doc", "_dup"))
    return out, len(marked)


def _write_tables(spark: SparkSession, files: list[InputFile], errors: list[ErrorRecord], out_dir: Path | str,
                  options: Options, *, registries: bool = True) -> dict[str, int]:
    """Extract once into one cached frame, then write each table and registry from it.

    Python runs in the extraction and the registries' merge rules; the per-table filter,
    sort and write are JVM jobs over the cached frame, submitted from a few threads at once
    (Spark schedules jobs from several threads concurrently).
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from pipeline.run import spark_registries

    extracted = _frame(spark, files, errors, options).persist(StorageLevel.MEMORY_AND_DISK)
    frame, _ = _mark_near_duplicates(spark, extracted)

    def table(name: str) -> DataFrame:
        return frame.where(F.col("_table") == name)

    def write(name: str) -> None:
        if name in REGISTRY_COLUMNS:
            ordered = built[name]
        else:
            first = ("doc_id", "location") if name == "sources" else \
                ("doc_id",) if "doc_id" in SPARK_OUTPUTS[name] else ("source",)
            ordered = table(name).orderBy(*first, *_ORDER)
        ordered.select(*SPARK_OUTPUTS[name]).write.mode("overwrite").parquet(_table_path(out_dir, name))

    try:
        found = {r["_table"]: r["count"] for r in frame.groupBy("_table").count().collect()}  # fills the cache
        built, counts = spark_registries.registries(spark, table) if registries else ({}, {})
        outputs = [name for name in SPARK_OUTPUTS if registries or name not in REGISTRY_COLUMNS]
        with ThreadPoolExecutor(max_workers=_WRITERS) as pool:  # small jobs: run them side by side
            list(pool.map(write, outputs))
    finally:
        extracted.unpersist()
    return {name: int(counts[name] if name in counts else found.get(name, 0)) for name in outputs}
