"""The store: idempotent and resumable runs, --force, changed inputs, parallel parity,
crash safety under SIGKILL, and export (true values in the store and Parquet)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.export.parquet import PARQUET_COLUMNS
from pipeline.options import Options
from pipeline.research.bench import build_corpus
from pipeline.run.runner import fingerprint, run_to_store
from pipeline.run.store import Store
from pipeline.schema import TABLE_COLUMNS

ROOT = Path(__file__).resolve().parents[3]
ARTICLES = ROOT / "corpus" / "articles"
ARTICLE = ("Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023\n\n"
           "Ngày 15/12/2023, Sở Nội vụ tỉnh Bình Định tổ chức Hội nghị tổng kết. "
           "Ông Nguyễn Văn An, Giám đốc Sở Nội vụ, chủ trì hội nghị.")


def tables(out: Path) -> dict[str, pd.DataFrame]:
    names = [*TABLE_COLUMNS, "errors"]
    return {n: pd.read_csv(out / f"{n}.csv", dtype=str, keep_default_na=False) for n in names}


def assert_same_tables(a: Path, b: Path, *, ignore=("source",)) -> None:
    ta, tb = tables(a), tables(b)
    for name in ta:
        x, y = ta[name].drop(columns=[c for c in ignore if c in ta[name]]), tb[name].drop(
            columns=[c for c in ignore if c in tb[name]])
        pd.testing.assert_frame_equal(x, y, obj=name)
    assert (a / "spans.jsonl").read_text(encoding="utf-8") == (b / "spans.jsonl").read_text(encoding="utf-8")


def test_store_put_replaces_rows_in_one_document(tmp_path):
    from extractors.lexicon import Lexicon
    from pipeline.run.orchestrate import process_document
    from pipeline.segment import make_document

    lex = Lexicon.load()
    doc = make_document("a", ARTICLE, lex, source="a.txt")
    result = process_document(doc, lex, Options(ner=False))
    with Store(tmp_path / "s.sqlite") as store:
        store.put(result, fingerprint="f")
        store.put(result, fingerprint="f")
        assert store.count() == 1
        assert [r["name"] for r in store.rows("people")] == ["Nguyễn Văn An"]
        assert store.text("a") == doc.text
        assert store.is_current("a.txt", doc.meta["sha256"], "f")  # the input location
        assert not store.is_current("a.txt", doc.meta["sha256"], "g")


def test_second_run_skips_everything_and_writes_the_same_tables(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(ARTICLES), "--out", str(out), "--no-ner", "--workers", "1"]) == 0
    first = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    capsys.readouterr()
    assert main(["run", str(ARTICLES), "--out", str(out), "--no-ner", "--workers", "1"]) == 0
    assert "0 document(s) extracted, 5 already current" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == first
    assert main(["run", str(ARTICLES), "--out", str(out), "--no-ner", "--workers", "1", "--force"]) == 0
    assert "5 document(s) extracted, 0 already current" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == first
    # a different extraction (NER on) is not "current": the documents are redone
    with Store(out / "thidua.sqlite") as store:
        doc_id = next(store.rows("documents"))["doc_id"]
        assert store.state(doc_id)[2] == fingerprint(Options(ner=False))


def test_changed_input_is_re_extracted_and_its_old_rows_replaced(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b.txt").write_text(ARTICLE.replace("Nguyễn Văn An", "Trần Thị Bình"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--no-ner", "--workers", "1"]) == 0
    (src / "a.txt").write_text(ARTICLE.replace("Nguyễn Văn An", "Lê Văn Cường"), encoding="utf-8")
    capsys.readouterr()
    assert main(["run", str(src), "--out", str(out), "--no-ner", "--workers", "1"]) == 0
    assert "1 document(s) extracted, 1 already current" in capsys.readouterr().out
    people = tables(out)["people"]
    assert list(zip(people["doc_id"], people["name"], strict=True)) == [("a", "Lê Văn Cường"), ("b", "Trần Thị Bình")]


def test_two_inputs_with_one_name_are_both_kept(tmp_path):
    for sub, name in (("x", "Nguyễn Văn An"), ("y", "Trần Thị Bình")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "bai.txt").write_text(ARTICLE.replace("Nguyễn Văn An", name), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "x"), str(tmp_path / "y"), "--out", str(out), "--no-ner",
                 "--workers", "1"]) == 0
    people = tables(out)["people"]
    assert sorted(people["name"]) == ["Nguyễn Văn An", "Trần Thị Bình"]
    ids = sorted(set(people["doc_id"]))
    assert ids[0] == "bai" and ids[1].startswith("bai-") and len(ids[1]) == len("bai-") + 8


def test_two_workers_give_the_tables_of_one(tmp_path):
    corpus = tmp_path / "corpus"
    build_corpus(corpus, 40)
    assert main(["run", str(corpus), "--out", str(tmp_path / "one"), "--no-ner", "--workers", "1"]) == 0
    assert main(["run", str(corpus), "--out", str(tmp_path / "two"), "--no-ner", "--workers", "2"]) == 0
    assert_same_tables(tmp_path / "one", tmp_path / "two", ignore=())


def test_errors_are_kept_until_the_input_succeeds(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(b"")
    out = tmp_path / "out"
    with Store(out / "thidua.sqlite") as store:
        stats = run_to_store([src], store, Options(ner=False))
        assert (stats.processed, stats.failed) == (0, 1)
        assert [e.reason for e in store.errors()] == ["empty file"]
        (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
        stats = run_to_store([src], store, Options(ner=False))
        assert (stats.processed, stats.failed) == (1, 0)
        assert list(store.errors()) == []


def test_store_and_parquet_keep_true_values_csv_neutralises(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    hostile = ARTICLE.replace("Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023",
                              "=HYPERLINK(\"http://x\") Hội nghị tổng kết năm 2023")
    (src / "a.txt").write_text(hostile, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--no-ner", "--workers", "1"]) == 0
    assert tables(out)["documents"]["title"][0].startswith("'=HYPERLINK")
    assert main(["export", "--out", str(tmp_path / "pq"), "--db", str(out / "thidua.sqlite"),
                 "--format", "parquet"]) == 0
    docs = pd.read_parquet(tmp_path / "pq" / "documents.parquet")
    assert docs["title"][0].startswith("=HYPERLINK")
    with sqlite3.connect(out / "thidua.sqlite") as db:
        assert db.execute("SELECT title FROM documents").fetchone()[0].startswith("=HYPERLINK")


def test_parquet_export_has_the_csv_columns_and_types(tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(ARTICLES), "--out", str(out), "--no-ner", "--workers", "1"]) == 0
    assert main(["export", "--out", str(tmp_path / "pq"), "--db", str(out / "thidua.sqlite"),
                 "--format", "parquet"]) == 0
    csvs = tables(out)
    for name, columns in TABLE_COLUMNS.items():
        frame = pd.read_parquet(tmp_path / "pq" / f"{name}.parquet")
        assert tuple(frame.columns) == PARQUET_COLUMNS[name] == (*columns, "text") if name == "documents" else columns
        assert len(frame) == len(csvs[name])
    docs = pd.read_parquet(tmp_path / "pq" / "documents.parquet")
    with Store(out / "thidua.sqlite") as store:  # the text every start/end points into
        assert dict(zip(docs["doc_id"], docs["text"], strict=True)) == dict(store.texts())
    for name in ("people_registry", "title_history", "units_registry", "sources"):  # registries too
        frame = pd.read_parquet(tmp_path / "pq" / f"{name}.parquet")
        assert tuple(frame.columns) == PARQUET_COLUMNS[name]
        assert len(frame) == len(pd.read_csv(out / f"{name}.csv", dtype=str)) > 0
    import pyarrow.parquet as pq

    schema = pq.read_schema(tmp_path / "pq" / "awards.parquet")
    assert (str(schema.field("start").type), str(schema.field("count").type), str(schema.field("award").type)) == (
        "int64", "int64", "string")
    assert str(pq.read_schema(tmp_path / "pq" / "spans.parquet").field("confidence").type) == "double"
    assert main(["export", "--out", str(tmp_path / "csv"), "--db", str(out / "thidua.sqlite")]) == 0
    assert (tmp_path / "csv" / "people.csv").read_bytes() == (out / "people.csv").read_bytes()


def test_export_without_a_store_is_a_usage_error(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path)]) == 2
    assert "no store at" in capsys.readouterr().err


def _store_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM docs").fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_gives_the_uninterrupted_tables(tmp_path):
    corpus = tmp_path / "corpus"
    total = 240
    build_corpus(corpus, total)
    reference = tmp_path / "reference"
    assert main(["run", str(corpus), "--out", str(reference), "--no-ner", "--workers", "1"]) == 0
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), "--no-ner", "--workers", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _store_count(out / "thidua.sqlite") < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the main process and its workers
    proc.wait()
    done_at_kill = _store_count(out / "thidua.sqlite")
    assert 0 < done_at_kill < total, "the kill must land mid-run"
    assert main(["run", str(corpus), "--out", str(out), "--no-ner", "--workers", "2"]) == 0
    with Store(out / "thidua.sqlite") as store:
        assert store.count() == total
        doc_ids = [r["doc_id"] for r in store.rows("documents")]
        assert len(doc_ids) == len(set(doc_ids)) == total
    assert_same_tables(reference, out, ignore=())


def test_quiet_when_stderr_is_not_a_terminal(tmp_path, capsys):
    assert main(["run", str(ARTICLES), "--out", str(tmp_path / "out"), "--no-ner", "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.startswith("thidua: 5 document(s) extracted, 0 already current, 0 error(s) in ")


def test_progress_bar_on_a_terminal_shows_rate_and_eta(tmp_path, monkeypatch):
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert main(["run", str(ARTICLES), "--out", str(tmp_path / "out"), "--no-ner", "--workers", "1"]) == 0
    shown = term.getvalue()
    assert "5/5" in shown and "doc/s" in shown and "<" in shown  # count, rate, elapsed<remaining


def test_workers_must_be_positive(tmp_path, capsys):
    assert main(["run", str(ARTICLES), "--out", str(tmp_path / "out"), "--workers", "0"]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err
