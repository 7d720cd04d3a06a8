"""The Spark engine writes the tables the local engine writes (pipeline/spark_engine.py).

One ``local[2]`` session serves every Spark test of this module (start-up is slow); the
tests skip cleanly when pyspark or Java is missing. The inputs are the bundled articles,
the same articles again as a JSONL file (each with a line of its own, so it is another
text) and a WARC.gz of HTML pages, a slogan that looks like a spreadsheet formula and two
unreadable files; the duplicate tests add the very same texts again.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.export.csv_tables import csv_cell
from pipeline.export.outputs import OUTPUT_FILES, write_tables_from_parquet
from pipeline.export.registries import registry_rows
from pipeline.ingest.errors import IngestError
from pipeline.ingest.sources import disambiguated_id
from pipeline.ingest.walk import iter_sources
from pipeline.options import Options
from pipeline.run.orchestrate import DocumentResult, ErrorRecord, run
from pipeline.run.spark_engine import (
    OUTPUT_COLUMNS,
    SPARK_OUTPUTS,
    cell_value,
    file_doc_ids,
    list_inputs,
    run_spark,
    table_rows,
    text_identity,
)
from pipeline.run.store import STORE_NAME, Store
from pipeline.schema import REGISTRY_COLUMNS, SPAN_COLUMNS, TABLE_COLUMNS, column_type
from tests.conftest import CORPUS
from tests.pipeline.run.inputs import write_archives, write_warc

pytestmark = pytest.mark.slow

ARTICLES = sorted((CORPUS / "articles").glob("*.txt"))
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
FORMULA_SLOGAN = "Hội nghị có chủ đề thi đua “=SUM(A1:A9) đoàn kết” năm 2020."
# underthesea's NER does not call "Võ Thị Sáu" a person here: NER on and off differ
NER_TEXT = ("Hội nghị tổng kết phong trào thi đua năm 2023 của Liên đội trường.\n\n"
            "Các em đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.")
ARROW_TYPES = {"integer": "int64", "number": "double", "string": "string"}


# -- pure functions: no Spark needed ------------------------------------------------------

def test_table_rows_keep_true_values():
    award = {"doc_id": "d", "award": "Bằng khen", "issuer": None, "grade": None, "count": 12, "recipient": None,
             "recipient_kind": "collective", "year": [2015, 2016], "status": "received", "share": None,
             "text": "=12 Bằng khen", "start": 0, "end": 13, "rule": "awards.count"}
    result = DocumentResult("d", "", tables={"awards": [award], "slogans": [
        {"doc_id": "d", "text": "Thi đua yêu nước", "kind": "phong trào", "year": 2020, "start": 3, "end": 19}]},
        spans=[{"doc_id": "d", "field": "award", "start": 0, "end": 13, "text": "=12 Bằng khen",
                "normalized": "Bằng khen", "confidence": 1, "rule": "awards.count"}])
    rows = table_rows(result)
    assert set(rows) == set(OUTPUT_COLUMNS) == {*TABLE_COLUMNS, "errors", "spans"}
    assert rows["awards"] == [("d", "Bằng khen", None, None, 12, None, "collective", "2015|2016", "received", None,
                               "=12 Bằng khen", 0, 13, "awards.count")]
    assert rows["slogans"] == [("d", "Thi đua yêu nước", "phong trào", "2020", 3, 19)]
    assert rows["spans"] == [("d", "award", 0, 13, "=12 Bằng khen", "Bằng khen", 1.0, "awards.count")]
    assert isinstance(rows["spans"][0][6], float)
    assert rows["people"] == rows["errors"] == []


def test_table_rows_reject_a_count_that_is_not_a_number():
    result = DocumentResult("d", "", tables={"people": [
        {"doc_id": "d", "person_id": "d:P1", "name": "Nguyễn Văn An", "mentions": "nhiều"}]})
    with pytest.raises(ValueError, match=r"people\.mentions: 'nhiều' is not an integer"):
        table_rows(result)
    with pytest.raises(ValueError, match="2.5 is not an integer"):
        cell_value(2.5, "integer")


def test_errors_become_one_row():
    rows = table_rows(ErrorRecord("scan.png", "ingest", "unsupported file type '.png'"))
    assert rows["errors"] == [("scan.png", "ingest", "unsupported file type '.png'")]
    assert sum(len(v) for v in rows.values()) == 1


# -- Spark ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def spark():
    """One local[2] session for the whole module."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java (java on the PATH or JAVA_HOME)")
    from pipeline.run.spark_engine import spark_session

    session = spark_session("local[2]", "thidua-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """The bundled articles, a formula-like slogan, a PNG as .html, an explicit .png and the archives."""
    root = tmp_path_factory.mktemp("spark-inputs")
    extra = root / "extra"
    extra.mkdir()
    (extra / "evil.txt").write_text(FORMULA_SLOGAN, encoding="utf-8")
    (extra / "scan.html").write_bytes(PNG)  # read, fails to decode: an errors row
    (extra / "ignored.png").write_bytes(PNG)  # not an article suffix: a directory walk skips it
    (root / "photo.png").write_bytes(PNG)  # named on the command line: an errors row
    write_archives(extra)
    return [str(CORPUS / "articles"), str(extra), str(root / "photo.png")]


def _local_rows(inputs: list[str], lexicon, options: Options) -> dict[str, list[tuple[Any, ...]]]:
    """The local engine's rows in the store's order: by doc_id (errors: source), then as
    found; a document whose text an earlier one has is kept once."""
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in OUTPUT_COLUMNS}
    seen: set[str] = set()
    for result in run(inputs, lexicon, options):
        if isinstance(result, DocumentResult):
            if text_identity(result.text) in seen:
                continue
            seen.add(text_identity(result.text))
        for name, table in table_rows(result).items():
            rows[name].extend(table)
    return {name: sorted(table, key=lambda row: row[0]) for name, table in rows.items()}  # stable


def _read(out: Path, table: str):
    import pyarrow.parquet as pq

    return pq.read_table(out / f"{table}.parquet")


def _tuples(frame, table: str) -> list[tuple[Any, ...]]:
    """The rows of a table in the columns of one document's results (``documents``
    without its ``text``)."""
    return [tuple(row[c] for c in OUTPUT_COLUMNS.get(table, SPARK_OUTPUTS[table])) for row in frame.to_pylist()]


@pytest.fixture(scope="module")
def spark_run(spark, inputs, tmp_path_factory) -> tuple[dict[str, int], Path]:
    out = tmp_path_factory.mktemp("spark-out")
    started = time.perf_counter()
    counts = run_spark(inputs, out, Options(ner=False), spark=spark)
    print(f"\nSpark local[2], {counts['documents']} documents: {time.perf_counter() - started:.1f}s")
    return counts, out


@pytest.fixture(scope="module")
def local(inputs, lexicon) -> dict[str, list[tuple[Any, ...]]]:
    return _local_rows(inputs, lexicon, Options(ner=False))


@pytest.fixture(scope="module")
def local_run(inputs, tmp_path_factory) -> Path:
    """The local CLI over the same inputs: its CSV files and its store."""
    out = tmp_path_factory.mktemp("local-run")
    assert main(["run", *inputs, "--out", str(out), "--no-ner"]) == 1  # the two bad files
    return out


def test_tables_match_the_csv_of_thidua_run(spark_run, local_run):
    """An independent reading: the local CLI's CSV files, parsed with pandas."""
    import pandas as pd

    _, out = spark_run
    tmp_path = local_run
    for table in (*TABLE_COLUMNS, "errors"):
        csv_frame = pd.read_csv(tmp_path / f"{table}.csv", dtype=str, keep_default_na=False)
        assert tuple(csv_frame.columns) == OUTPUT_COLUMNS[table]
        expected = [tuple(row) for row in csv_frame.itertuples(index=False)]
        assert [tuple(csv_cell(v) for v in row) for row in _tuples(_read(out, table), table)] == expected, table
    spans = [json.loads(line) for line in (tmp_path / "spans.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [dict(zip(SPAN_COLUMNS, row, strict=True)) for row in _tuples(_read(out, "spans"), "spans")] == spans


@pytest.fixture(scope="module")
def local_parquet(local_run, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local-parquet")
    assert main(["export", "--db", str(local_run / STORE_NAME), "--format", "parquet", "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("table", [name for name in SPARK_OUTPUTS if name not in REGISTRY_COLUMNS])
def test_every_table_equals_the_local_engines_parquet(table, spark_run, local_parquet):
    """The same Parquet, value for value and type for type, as the local run's store
    exports: one document per text with every input in ``sources``, near-duplicates marked
    and their records left out, ``documents`` with its text."""
    counts, out = spark_run
    local = _read(local_parquet, table)
    spark = _read(out, table)
    assert spark.column_names == list(SPARK_OUTPUTS[table])
    assert [str(f.type) for f in spark.schema] == [ARROW_TYPES[column_type(c)] for c in SPARK_OUTPUTS[table]]
    assert spark.schema.equals(local.schema), table
    assert local.num_rows, f"no {table} rows: the comparison would prove nothing"
    assert spark.to_pylist() == local.to_pylist(), table
    assert counts[table] == local.num_rows


def test_near_duplicates_are_marked_and_their_records_left_out(spark_run):
    """The JSONL copies of the articles (each with a line of its own: another text, the same
    article) are near-duplicates of the .txt files: marked, with no records of their own."""
    _, out = spark_run
    documents = _read(out, "documents").to_pylist()
    by_id = {d["doc_id"]: d for d in documents}
    marked = {d["doc_id"]: d["duplicate_of"] for d in documents if d["duplicate_of"]}
    assert marked and all(by_id[kept]["duplicate_of"] is None for kept in marked.values())
    assert {Path(by_id[kept]["source"]).name for kept in marked.values()} <= {p.name for p in ARTICLES}
    for table in ("people", "positions", "units", "awards", "slogans", "dates", "spans"):
        assert not set(_read(out, table).column("doc_id").to_pylist()) & set(marked), table
    sources = _read(out, "sources").to_pylist()
    assert {s["doc_id"] for s in sources} == set(by_id)  # every document has its inputs
    assert all(d["text"] for d in documents)


def test_parquet_holds_true_values_where_csv_neutralises(spark_run, tmp_path):
    import pandas as pd

    _, out = spark_run
    slogans = pd.read_parquet(out / "slogans.parquet")
    evil = slogans[slogans["doc_id"] == "evil"]
    assert evil["text"].tolist() == ["=SUM(A1:A9) đoàn kết"]
    assert evil["year"].tolist() == ["2020"]
    awards = pd.read_parquet(out / "awards.parquet")
    assert awards["count"].isna().any() and awards["count"].notna().any()  # null stays null beside integers
    assert list(awards.columns) == list(TABLE_COLUMNS["awards"])


def test_bad_files_are_error_rows_and_the_run_goes_on(spark_run, inputs):
    counts, out = spark_run
    errors = {(Path(row[0]).name, row[1], row[2]) for row in _tuples(_read(out, "errors"), "errors")}
    assert errors == {("photo.png", "ingest", "unsupported file type '.png'"),
                      ("scan.html", "decode", "binary file (a PNG image), not an article")}
    assert counts["errors"] == 2
    assert counts["documents"] == 3 * len(ARTICLES) + 1


@pytest.mark.parametrize("kind", ["jsonl", "warc"])
def test_archives_yield_one_document_per_record(spark_run, kind):
    """Each record is a document with its URL as source, and the same people as the .txt
    article (the article's own, when the record is its near-duplicate)."""
    _, out = spark_run
    documents = _tuples(_read(out, "documents"), "documents")
    columns = TABLE_COLUMNS["documents"]
    prefix = f"https://tin.example.vn/{kind}/"
    records = {row[1][len(prefix):].removesuffix(".html"): dict(zip(columns, row, strict=True))
               for row in documents if row[1].startswith(prefix)}
    assert sorted(records) == [p.stem for p in ARTICLES]
    assert all((doc["crawl_date"] is not None) == (kind == "warc") for doc in records.values())
    people: dict[str, list[str]] = {}
    for row in _tuples(_read(out, "people"), "people"):
        people.setdefault(row[0], []).append(row[2])
    for stem, doc in records.items():  # its own people, or those of the article it is a near-duplicate of
        assert doc["duplicate_of"] in (None, stem), (kind, stem)
        assert people.get(doc["duplicate_of"] or doc["doc_id"]) == people[stem], (kind, stem)
        assert doc["duplicate_of"] is None or doc["doc_id"] not in people, (kind, stem)


def test_ner_runs_on_the_executors(spark, lexicon, tmp_path):
    source = tmp_path / "lien_doi.txt"
    source.write_text(NER_TEXT, encoding="utf-8")
    inputs = [str(ARTICLES[0]), str(source)]
    with_ner = _local_rows(inputs, lexicon, Options(ner=True))
    without = _local_rows(inputs, lexicon, Options(ner=False))
    assert with_ner["people"] != without["people"]  # else this test could not tell
    out = tmp_path / "out"
    counts = run_spark(inputs, out, Options(ner=True), spark=spark, registries=False)
    for table in OUTPUT_COLUMNS:
        assert _tuples(_read(out, table), table) == with_ner[table], table
    assert counts["people"] == len(with_ner["people"])


def test_same_stem_files_get_the_local_engines_doc_ids(spark, tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "bai.txt").write_text(NER_TEXT, encoding="utf-8")
    (tmp_path / "y" / "bai.txt").write_text(NER_TEXT + "\n\nMột đoạn khác.", encoding="utf-8")  # another text
    inputs = [str(tmp_path / "x"), str(tmp_path / "y")]
    second = str(tmp_path / "y" / "bai.txt")
    files, _ = list_inputs(spark, inputs)
    assert file_doc_ids(f.source for f in files) == {second: disambiguated_id("bai", second)}
    assert [f.doc_id for f in files] == ["bai", disambiguated_id("bai", second)]
    local = tmp_path / "local"
    assert main(["run", *inputs, "--out", str(local), "--no-ner", "--workers", "1"]) == 0
    run_spark(inputs, tmp_path / "spark", Options(ner=False), spark=spark, registries=False)
    with (local / "documents.csv").open(encoding="utf-8") as handle:
        local_ids = sorted(row.split(",", 1)[0] for row in list(handle)[1:])
    assert local_ids == sorted(["bai", disambiguated_id("bai", second)])
    assert sorted(_read(tmp_path / "spark", "documents").column("doc_id").to_pylist()) == local_ids


# -- inputs through Hadoop file systems -----------------------------------------------------

def test_input_files_are_those_the_local_engine_reads_in_its_order(spark, tmp_path):
    (tmp_path / "b" / "sub").mkdir(parents=True)
    (tmp_path / "b-c").mkdir()
    for name in ("b/z.txt", "b/sub/a.HTML", "b/a.htm", "b/skip.png", "b/notes.md", "a.txt", "b-c/x.txt",
                 "b/sub/[1] bài*.txt"):
        (tmp_path / name).write_text("Hội nghị", encoding="utf-8")
    inputs = [str(tmp_path / "b"), str(tmp_path / "a.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "b/skip.png")]
    files, errors = list_inputs(spark, inputs)
    local = list(iter_sources(inputs))
    assert [f.source for f in files] == [item.source for item in local if not isinstance(item, IngestError)]
    assert [(e.source, e.stage, e.reason) for e in errors] == [
        (item.source, item.stage, item.reason) for item in local if isinstance(item, IngestError)]
    assert [Path(f.source).relative_to(tmp_path).as_posix() for f in files] == [
        "b/a.htm", "b/sub/[1] bài*.txt", "b/sub/a.HTML", "b/z.txt", "a.txt"]
    assert all(f.path.startswith("file:/") for f in files)


def test_an_archive_is_one_input_file(spark, tmp_path):
    (tmp_path / "dump.jsonl").write_text("\n".join(json.dumps({"url": f"https://tin.example.vn/{n}", "text": "Hội nghị"})
                                                  for n in range(3)), encoding="utf-8")
    files, errors = list_inputs(spark, [str(tmp_path)])
    assert [(f.source, f.doc_id) for f in files] == [(str(tmp_path / "dump.jsonl"), None)] and errors == []


def _without_source(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    """Every table with the documents' ``source`` blanked (a URI here, a path there)."""
    source = OUTPUT_COLUMNS["documents"].index("source")
    return {**rows, "documents": [(*r[:source], None, *r[source + 1:]) for r in rows["documents"]]}


def test_a_file_uri_is_read_by_the_executors(spark, lexicon, tmp_path):
    """file:// is a Hadoop file system like hdfs:// or s3a://: the driver lists, the executors read."""
    uri = "file://" + str((CORPUS / "articles").resolve())
    out = tmp_path / "out"
    run_spark([uri], out, Options(ner=False), spark=spark, registries=False)
    got = {table: _tuples(_read(out, table), table) for table in OUTPUT_COLUMNS}
    assert [row[1] for row in got["documents"]] == [f"{uri}/{p.name}" for p in ARTICLES]
    assert _without_source(got) == _without_source(_local_rows([str(CORPUS / "articles")], lexicon, Options(ner=False)))


def _packed(folder: Path) -> Path:
    """The bundled articles packed in a WARC as text/plain responses: the same texts, read from one archive."""
    warc = folder / "packed.warc.gz"
    write_warc(warc, [(f"https://tin.example.vn/txt/{p.name}", p.read_bytes(), "text/plain; charset=utf-8")
                       for p in ARTICLES])
    return warc


def test_inputs_packed_in_a_warc_give_the_same_tables(spark, lexicon, tmp_path):
    warc = _packed(tmp_path)
    out = tmp_path / "out"
    run_spark(["file://" + str(warc)], out, Options(ner=False), spark=spark, registries=False)
    local = _local_rows([str(warc)], lexicon, Options(ner=False))
    assert {table: _tuples(_read(out, table), table) for table in OUTPUT_COLUMNS} == local
    plain = _local_rows([str(CORPUS / "articles")], lexicon, Options(ner=False))
    assert len(local["documents"]) == len(ARTICLES)
    # the records are the .txt articles: same people, awards, dates (only the ids differ)
    assert sorted(r[2:] for r in local["people"]) == sorted(r[2:] for r in plain["people"])


def test_identical_texts_are_kept_once_the_first_in_input_order(spark, lexicon, tmp_path):
    """The articles, a copy of one under another name, and all of them again packed in a WARC:
    each text is one document, the one read first (the .txt file), as in the local engine."""
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "ban-sao.txt").write_bytes(ARTICLES[0].read_bytes())
    inputs = [str(CORPUS / "articles"), str(copy), str(_packed(tmp_path))]
    out = tmp_path / "out"
    counts = run_spark(inputs, out, Options(ner=False), spark=spark, registries=False)
    alone = _local_rows([str(CORPUS / "articles")], lexicon, Options(ner=False))
    assert _local_rows(inputs, lexicon, Options(ner=False)) == alone  # the rule, applied to the local engine's results
    for table in OUTPUT_COLUMNS:
        assert _tuples(_read(out, table), table) == alone[table], table
    assert counts["documents"] == len(ARTICLES)


# -- registries and CSV ---------------------------------------------------------------------

@pytest.mark.parametrize("name", list(REGISTRY_COLUMNS))
def test_registries_equal_the_local_engines(name, spark_run, local_run, lexicon):
    """Computed by Spark group-bys, the rows of the local registry over the same inputs."""
    counts, out = spark_run
    with Store(local_run / STORE_NAME) as store:
        expected = registry_rows(store, lexicon)[name]
    assert len(expected) > 5
    frame = _read(out, name)
    assert frame.column_names == list(REGISTRY_COLUMNS[name])
    assert frame.to_pylist() == expected
    assert counts[name] == len(expected)


def test_csv_outputs_are_the_local_engines_files(spark_run, local_run, tmp_path):
    """The CSV files written from a Spark run's Parquet (`thidua run --engine spark --csv`;
    the cluster test runs that command) are the files `thidua run` writes, byte for byte."""
    import shutil

    _, parquet = spark_run
    out = tmp_path / "out"
    shutil.copytree(parquet, out)
    counts = write_tables_from_parquet(out, excel=False)
    names = [*OUTPUT_FILES, *(f"{r}.csv" for r in REGISTRY_COLUMNS)]  # sources.csv and texts.jsonl too
    for name in names:
        assert (out / name).read_bytes() == (local_run / name).read_bytes(), name
    assert counts["documents"] == 3 * len(ARTICLES) + 1
