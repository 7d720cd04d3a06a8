"""Outputs and the store under contention, full disks, bad stores, Ctrl-C and kill -9
(issue 14, section 4): one clear line each, never a traceback, the previous tables whole."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import pipeline.export.outputs as outputs
import pipeline.run.orchestrate as orchestrate
from pipeline.cli import main
from pipeline.research.bench import build_corpus
from pipeline.run.lock import output_lock
from pipeline.run.store import Store

ROOT = Path(__file__).resolve().parents[3]
ARTICLES = ROOT / "corpus" / "articles"


def run(*args: str) -> int:
    return main(["run", *args, "--no-ner", "--workers", "1"])


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and p.suffix in (".csv", ".jsonl", ".json")}


def assert_one_line(err: str, expected: str) -> None:
    assert err.endswith("\n") and err.count("\n") == 1 and "Traceback" not in err, err
    assert err == f"thidua: {expected}\n", err


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in ARTICLES.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


# -- --out inside an input directory -------------------------------------------------------

def test_an_output_directory_inside_the_inputs_is_never_read(corpus, capsys):
    out = corpus / "out"
    for _ in range(3):
        assert run(str(corpus), "--out", str(out)) == 0
        assert main(["review", str(out)]) == 0  # review pages (.html) inside it too
    with Store(out / "thidua.sqlite") as store:
        assert store.count() == 5
    assert "5 already current" in capsys.readouterr().out


def test_a_store_inside_the_inputs_is_never_read(corpus, tmp_path):
    db = corpus / "sub" / "store.sqlite"
    assert run(str(corpus), "--out", str(tmp_path / "out"), "--db", str(db)) == 0
    (db.parent / "notes.txt").write_text("Hội nghị tổng kết công tác thi đua năm 2023 của Sở Nội vụ.", encoding="utf-8")
    assert run(str(corpus), "--out", str(tmp_path / "out"), "--db", str(db)) == 0
    with Store(db) as store:
        assert store.count() == 6  # the five articles and the note, not the store


# -- two runs on one --out ------------------------------------------------------------------

def test_a_second_run_on_the_same_out_stops_with_a_clear_message(corpus, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    with output_lock(out):
        assert run(str(corpus), "--out", str(out)) == 2
        assert_one_line(capsys.readouterr().err,
                        f"another run is writing {out} (pid {os.getpid()}); wait for it to finish")
        assert main(["export", "--out", str(out), "--db", str(out / "thidua.sqlite")]) == 2
    assert run(str(corpus), "--out", str(out)) == 0  # the lock went with its holder


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_worker_does_not_keep_the_lock_after_its_run(tmp_path):
    """flock belongs to the open file, which a fork shares: a worker still alive (say, dying
    after its parent was killed) must not hold the directory for the next run."""
    ready, started = os.pipe()
    with output_lock(tmp_path):
        child = os.fork()
        if child == 0:  # the worker: outlives the run's lock
            os.write(started, b"1")
            time.sleep(3)
            os._exit(0)
        assert os.read(ready, 1) == b"1"  # the worker runs
    try:
        with output_lock(tmp_path):  # the run is over, the worker lives: free
            pass
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        os.close(ready)
        os.close(started)


def test_two_runs_at_once_one_writes_the_other_waits_its_turn(corpus, tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), "--no-ner", "--workers", "1"]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [(p.wait(120), p.stderr.read()) for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 2]), results  # the loser, if they met, says so and changes nothing
    for code, err in results:
        assert "Traceback" not in err
        if code == 2:
            assert f"another run is writing {out} (pid " in err
    assert not list(out.glob("*.part"))
    with Store(out / "thidua.sqlite") as store:
        assert store.count() == 5


# -- disk full --------------------------------------------------------------------------------

def _full_on(monkeypatch, name: str) -> None:
    """Writing the file ``name`` (its .part) fails half-way through, as on a full disk."""
    real_open = Path.open

    class Full:
        def __init__(self, handle, where: str) -> None:
            self.handle, self.where, self.written = handle, where, 0

        def write(self, text):
            self.written += len(text)
            if self.written > 200:
                raise OSError(errno.ENOSPC, "No space left on device", self.where)
            return self.handle.write(text)

        def __getattr__(self, attr):
            return getattr(self.handle, attr)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    def opened(self, *args, **kwargs):
        handle = real_open(self, *args, **kwargs)
        return Full(handle, str(self)) if self.name == name + ".part" else handle

    monkeypatch.setattr(Path, "open", opened)


def test_a_full_disk_while_writing_the_tables_keeps_the_previous_ones(corpus, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert run(str(corpus), "--out", str(out)) == 0
    before = snapshot(out)
    (corpus / "new.txt").write_text((ARTICLES / "000_cc15e2c0f924b99d.txt").read_text(encoding="utf-8")
                                    .replace("2020", "2021"), encoding="utf-8")
    _full_on(monkeypatch, "units.csv")
    capsys.readouterr()
    assert run(str(corpus), "--out", str(out)) == 2
    assert_one_line(capsys.readouterr().err, f"disk full writing {out / 'units.csv'}")
    assert snapshot(out) == before  # every table of the previous generation, none of the new
    assert not list(out.glob("*.part"))
    monkeypatch.undo()
    assert run(str(corpus), "--out", str(out)) == 0  # room again: the stored document reaches the tables
    assert b"new," in snapshot(out)["documents.csv"]


def test_a_full_disk_in_the_store_is_one_line(corpus, tmp_path, capsys, monkeypatch):
    def full(self, *args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "_insert", full)
    assert run(str(corpus), "--out", str(tmp_path / "out")) == 2
    assert_one_line(capsys.readouterr().err, f"disk full writing {tmp_path / 'out' / 'thidua.sqlite'}")


def test_parts_left_by_a_killed_export_are_removed(corpus, tmp_path):
    out = tmp_path / "out"
    assert run(str(corpus), "--out", str(out)) == 0
    (out / "units.csv.part").write_text("doc_id,unit_id\nhalf a tab", encoding="utf-8")  # as kill -9 leaves it
    (out / "people.parquet.part").write_bytes(b"PAR1")
    assert run(str(corpus), "--out", str(out), "--force") == 0
    assert not list(out.glob("*.part"))


# -- bad stores -----------------------------------------------------------------------------

def _garbage(db: Path) -> None:
    db.write_bytes(os.urandom(8192))


def _truncated(db: Path) -> None:
    assert run(str(ARTICLES), "--out", str(db.parent)) == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])


def _other_schema(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER, name TEXT)")


def _old_schema(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema', '1')")
        conn.execute("CREATE TABLE docs (doc_id TEXT PRIMARY KEY, source TEXT, sha256 TEXT, text TEXT)")


def _broken_store(tmp_path: Path, make, capsys) -> tuple[Path, Path]:
    """An output directory whose store ``make`` spoiled: (the directory, the store)."""
    out = tmp_path / "out"
    out.mkdir()
    db = out / "thidua.sqlite"
    make(db)
    capsys.readouterr()
    return out, db


@pytest.mark.parametrize(("make", "message"), [
    (_garbage, "{db}: not a thidua store (not an SQLite database); give another --db or --out"),
    (_other_schema, "{db}: not a thidua store (an SQLite database of something else); give another --db or --out"),
    (_old_schema, "{db}: a store of schema 1, written by an older thidua; this thidua needs schema 2 (documents "
                  "identified by content). Give a new --out or --db (or move the old store away) and run again: the "
                  "inputs are extracted anew"),
], ids=["garbage", "other-schema", "old-schema"])
def test_a_store_that_cannot_be_used_is_one_line(corpus, tmp_path, capsys, make, message):
    out, db = _broken_store(tmp_path, make, capsys)
    assert run(str(corpus), "--out", str(out)) == 2
    assert_one_line(capsys.readouterr().err, message.format(db=db))
    for command in (["export", "--out", str(out)], ["review", str(out)]):
        assert main(command) == 2
        assert_one_line(capsys.readouterr().err, message.format(db=db))


def test_a_truncated_store_is_one_line(corpus, tmp_path, capsys):
    out, db = _broken_store(tmp_path, _truncated, capsys)
    assert run(str(corpus), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"thidua: {db}: ") and err.count("\n") == 1 and "Traceback" not in err
    assert "damaged" in err or "not a thidua store" in err


def test_a_read_only_store_is_one_line(corpus, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert run(str(corpus), "--out", str(out)) == 0

    real_connect = sqlite3.connect

    def read_only(database, *args, **kwargs):  # as a file on a read-only mount opens (root ignores chmod)
        kwargs["uri"] = True
        return real_connect(f"file:{database}?mode=ro", *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    (corpus / "new.txt").write_text("Hội nghị tổng kết thi đua năm 2024.", encoding="utf-8")
    capsys.readouterr()
    assert run(str(corpus), "--out", str(out)) == 2
    db = out / "thidua.sqlite"
    assert_one_line(capsys.readouterr().err, f"{db}: cannot write the store (attempt to write a readonly database); "
                                             "check the permissions or give another --db")


# -- Ctrl-C ---------------------------------------------------------------------------------

def test_ctrl_c_mid_run_says_how_many_are_stored_and_a_rerun_continues(corpus, tmp_path, capsys, monkeypatch):
    real = orchestrate.process_document
    seen = []

    def interrupted(doc, lexicon, options):
        seen.append(doc.doc_id)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return real(doc, lexicon, options)

    monkeypatch.setattr(orchestrate, "process_document", interrupted)
    out = tmp_path / "out"
    assert run(str(corpus), "--out", str(out)) == 130
    err = capsys.readouterr().err
    assert err.strip() == (f"thidua: interrupted: 2 document(s) are in the store {out / 'thidua.sqlite'}; "
                           "run the same command again to continue")
    monkeypatch.undo()
    assert run(str(corpus), "--out", str(out)) == 0
    assert "3 document(s) extracted, 2 already current" in capsys.readouterr().out


def test_ctrl_c_during_export_leaves_the_previous_tables(corpus, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert run(str(corpus), "--out", str(out)) == 0
    before = snapshot(out)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(outputs, "write_datapackage", interrupted)  # the very last file
    capsys.readouterr()
    assert main(["export", "--out", str(out)]) == 130
    assert capsys.readouterr().err.strip() == (f"thidua: interrupted: the files in {out} are as they were; "
                                               "run the export again")
    assert snapshot(out) == before and not list(out.glob("*.part"))
    (corpus / "new.txt").write_text("Hội nghị tổng kết thi đua năm 2024 của Sở Nội vụ tỉnh Hòa Bình.", encoding="utf-8")
    assert run(str(corpus), "--out", str(out)) == 130  # the run's own export, interrupted
    assert snapshot(out) == before and not list(out.glob("*.part"))


# -- workers die with their parent -----------------------------------------------------------

def _children(pid: int) -> list[int]:
    kids = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            kids += [int(k) for k in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
        except OSError:
            continue
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG and /proc are Linux's")
def test_kill_9_of_the_main_process_alone_leaves_no_worker(tmp_path):
    corpus = tmp_path / "corpus"
    build_corpus(corpus, 400)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), "--no-ner", "--workers", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:
        workers = [k for k in _children(proc.pid) if _alive(k)]
        if len(workers) >= 2:
            break
        time.sleep(0.05)
    assert len(workers) >= 2, "the pool never started"
    os.kill(proc.pid, signal.SIGKILL)  # the main process alone, as the OOM killer does
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.05)
    assert [w for w in workers if _alive(w)] == []
    assert main(["run", str(corpus), "--out", str(out), "--no-ner", "--workers", "2"]) == 0  # and the run continues
