"""Hostile and unlucky input, round two (issue 14): no input can stop a run. Each case
is one error row naming the input and why, through ``thidua run``, while every other
document is stored; sizes are checked while reading; a document past its time budget is
an error row and the run goes on."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import time
import tracemalloc
from pathlib import Path

import pytest

import pipeline.run.orchestrate as orchestrate
from pipeline.cli import main
from pipeline.ingest.archive import iter_jsonl, iter_warc
from pipeline.ingest.errors import IngestError
from pipeline.ingest.sources import Source
from tests.pipeline.ingest.test_archive import PAGE, write_warc
from tests.pipeline.ingest.test_bad_input import ARTICLE, assert_good_article, run

OTHER = ARTICLE.replace("Hòa Bình", "Phú Yên").replace("2023", "2024")  # another article of the same shape


def _jsonl_line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


# -- 1. one input must never stop the corpus --------------------------------------------------

@pytest.mark.parametrize(("line", "reason"), [
    ('{"url": "https://a.vn/1", "text": "Hội nghị \\ud800 tổng kết"}',
     '"text" holds a lone surrogate (U+D800) at character 9, not valid Unicode'),
    ('{"url": "https://a.vn/\\ud800", "text": "Hội nghị"}',
     '"url" holds a lone surrogate (U+D800) at character 13, not valid Unicode'),
    ('{"url": "http://[::1", "text": "Hội nghị"}', '"url" cannot be parsed (Invalid IPv6 URL)'),
    ('{"url": "https://a.vn/2", "text": "Hội nghị", "n": ' + "7" * 5000 + "}",
     "not a JSON object: Exceeds the limit (4300 digits) for integer string conversion"),
    ("[" * 100_000 + "]" * 100_000, "not a JSON object: nested too deeply"),
], ids=["surrogate-text", "surrogate-url", "bad-ipv6-url", "5000-digits", "nested-100000"])
def test_a_bad_jsonl_line_is_one_error_row(tmp_path, capsys, line, reason):
    dump = "\n".join([_jsonl_line(url="https://b.vn/1", text=OTHER), line]) + "\n"
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "dump.jsonl": dump})
    assert result.code == 1
    rows = [(r["source"], r["stage"], r["reason"]) for r in result.errors]
    assert len(rows) == 1 and rows[0][:2] == (str(tmp_path / "in" / "dump.jsonl") + ":2", "ingest")
    assert rows[0][2].startswith(reason)
    assert_good_article(result)
    assert [r["source"] for r in result.tables["documents"] if r["source"].startswith("https://")] == ["https://b.vn/1"]


def test_a_file_name_that_is_not_utf8_is_one_error_row(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"bai-\xff\xfe.txt"), "wb") as handle:
        handle.write(ARTICLE.encode("utf-8"))
    result = run(tmp_path, capsys, {"good.txt": ARTICLE})
    assert result.code == 1
    assert [(r["source"], r["stage"], r["reason"]) for r in result.errors] == [
        (f"{folder}/bai-\\xff\\xfe.txt", "ingest", "file name is not UTF-8 (rename the file)")]
    assert_good_article(result)


def _deny(monkeypatch, locked: Path) -> None:
    """Make ``locked`` an unreadable directory, as ``chmod 000`` does for anyone but root
    (the tests run as root in CI, whom permissions do not stop)."""
    real_stat, real_scandir, real_listdir = os.stat, os.scandir, os.listdir

    def stat(path, *args, **kwargs):
        if isinstance(path, (str, bytes, os.PathLike)) and Path(os.fsdecode(path)).parent == locked:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_stat(path, *args, **kwargs)

    def scandir(path="."):
        if isinstance(path, (str, bytes, os.PathLike)) and Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    def listdir(path="."):
        if isinstance(path, (str, bytes, os.PathLike)) and Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_listdir(path)

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", listdir)


def test_a_file_inside_an_unreadable_directory_named_on_the_command_line(tmp_path, capsys, monkeypatch):
    locked = tmp_path / "in" / "khoa"
    locked.mkdir(parents=True)
    (locked / "bai.txt").write_text(OTHER, encoding="utf-8")
    _deny(monkeypatch, locked)
    result = run(tmp_path, capsys, {"good.txt": ARTICLE}, inputs=[str(tmp_path / "in" / "good.txt"), str(locked / "bai.txt")])
    assert result.code == 1
    assert result.error("bai.txt") == ("bai.txt", "ingest", "cannot read: permission denied")
    assert_good_article(result)


def test_an_unreadable_subdirectory_is_an_error_row_not_skipped(tmp_path, capsys, monkeypatch):
    locked = tmp_path / "in" / "khoa"
    locked.mkdir(parents=True)
    (locked / "bai.txt").write_text(OTHER, encoding="utf-8")
    _deny(monkeypatch, locked)
    result = run(tmp_path, capsys, {"good.txt": ARTICLE})
    assert result.code == 1
    assert [(r["source"], r["stage"], r["reason"]) for r in result.errors] == [
        (str(locked), "ingest", "cannot list directory: permission denied")]
    assert_good_article(result)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable directories")
def test_a_really_unreadable_subdirectory(tmp_path, capsys):
    locked = tmp_path / "in" / "khoa"
    locked.mkdir(parents=True)
    (locked / "bai.txt").write_text(OTHER, encoding="utf-8")
    locked.chmod(0)
    try:
        result = run(tmp_path, capsys, {"good.txt": ARTICLE})
    finally:
        locked.chmod(0o755)
    assert result.error("khoa") == ("khoa", "ingest", "cannot list directory: permission denied")


def _warc_bytes(tmp_path: Path, records: list[tuple]) -> bytes:
    return write_warc(tmp_path / "tmp.warc", records, gz=False).read_bytes()


def test_a_warc_record_with_a_bad_ipv6_uri_costs_only_itself(tmp_path, capsys):
    data = _warc_bytes(tmp_path, [("https://a.gov.vn/1", PAGE.encode()), ("http://[::1", PAGE.encode()),
                                  ("https://a.gov.vn/3", PAGE.replace("2023", "2024").encode())])
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "crawl.warc": data})
    assert [(r["source"], r["reason"]) for r in result.errors] == [
        ("http://[::1", f"WARC-Target-URI cannot be parsed (Invalid IPv6 URL) (record 2 of {tmp_path}/in/crawl.warc)")]
    urls = sorted(r["source"] for r in result.tables["documents"] if r["source"].startswith("http"))
    assert urls == ["https://a.gov.vn/1", "https://a.gov.vn/3"]  # the record after it is kept
    assert_good_article(result)


@pytest.mark.parametrize("delta", [300, -300, 5], ids=["300-too-long", "300-too-short", "5-too-long"])
def test_a_wrong_content_length_resyncs_on_the_next_record(tmp_path, capsys, delta):
    pages = [PAGE.replace("2023", str(2000 + n)).encode() for n in range(4)]
    data = _warc_bytes(tmp_path, [(f"https://a.gov.vn/{n}", pages[n]) for n in range(4)])
    lengths = list(re.finditer(rb"Content-Length: (\d+)\r\n", data))
    second = lengths[1]
    wrong = int(second.group(1)) + delta
    data = data[:second.start(1)] + str(wrong).encode() + data[second.end(1):]
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "crawl.warc": data})
    assert result.code == 1
    [error] = result.errors
    assert error["source"] == "https://a.gov.vn/1"
    assert re.fullmatch(rf"damaged WARC record in {tmp_path}/in/crawl\.warc: bytes [\d,]+-[\d,]+ skipped "
                        rf"\(its Content-Length {wrong:,} does not end the record at byte [\d,]+\); "
                        r"reading on at the next record", error["reason"]), error["reason"]
    urls = sorted(r["source"] for r in result.tables["documents"] if r["source"].startswith("http"))
    assert urls == ["https://a.gov.vn/0", "https://a.gov.vn/2", "https://a.gov.vn/3"]  # every later record kept


def test_a_warc_response_with_a_relative_uri_is_an_error_row(tmp_path):
    path = write_warc(tmp_path / "c.warc.gz", [("/tin/hoi-nghi.html", PAGE.encode()), ("https://a.gov.vn/2", PAGE.encode())])
    items = list(iter_warc(path, max_bytes=1_000_000))
    assert isinstance(items[0], IngestError) and items[0].source == "/tin/hoi-nghi.html"
    assert items[0].reason == f"WARC-Target-URI is relative (no scheme and host) (record 1 of {path})"
    assert isinstance(items[1], Source) and items[1].source == "https://a.gov.vn/2"


def test_a_bug_anywhere_between_reading_and_committing_is_one_error_row(tmp_path, capsys, monkeypatch):
    """The guard covers reading and decoding too, not only the extractors."""
    import pipeline.run.orchestrate as orch

    real = orch.text_of

    def broken(src, data):
        if "Phú Yên".encode() in data:
            raise RecursionError("maximum recursion depth exceeded")
        return real(src, data)

    monkeypatch.setattr(orch, "text_of", broken)
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "other.txt": OTHER})
    assert result.error("other.txt") == ("other.txt", "ingest",
                                         "internal error: RecursionError: maximum recursion depth exceeded")
    assert_good_article(result)


# -- 2. a time budget per document -------------------------------------------------------------

def _slow_slogans(monkeypatch, seconds: float) -> None:
    real = orchestrate.extract_slogans

    def slow(doc, lexicon):
        if "Phú Yên" in doc.text:
            time.sleep(seconds)
        return real(doc, lexicon)

    monkeypatch.setattr(orchestrate, "extract_slogans", slow)


@pytest.mark.parametrize("workers", ["1", pytest.param("2", marks=pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers must fork to inherit the patch"))])
def test_a_document_past_its_budget_is_an_error_row_and_the_worker_goes_on(tmp_path, capsys, monkeypatch, workers):
    _slow_slogans(monkeypatch, 30)
    files = {"good.txt": ARTICLE, "slow.txt": OTHER, **{f"z{n}.txt": ARTICLE.replace("2023", str(2000 + n))
                                                        for n in range(3)}}
    started = time.perf_counter()
    result = run(tmp_path, capsys, files, "--doc-timeout", "0.5", "--workers", workers)
    assert time.perf_counter() - started < 20
    assert result.code == 1
    assert result.error("slow.txt") == ("slow.txt", "extract", "extraction took more than 0.5 s")
    assert sorted(r["doc_id"] for r in result.tables["documents"]) == ["good", "z0", "z1", "z2"]


def test_the_default_budget_is_60_seconds():
    from pipeline.options import Options

    assert Options().doc_timeout == 60


# -- 5. memory bounded by the limits -----------------------------------------------------------

def _with_peak(read) -> tuple[list, int]:
    """What ``read()`` returns, and the peak of Python memory allocated while it ran."""
    tracemalloc.start()
    try:
        items = list(read())
        return items, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_huge_jsonl_line_is_refused_while_it_is_read(tmp_path):
    path = tmp_path / "dump.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(_jsonl_line(url="https://b.vn/huge", text="Hội nghị " * 600_000) + "\n")  # 6.6 MB
        handle.write(_jsonl_line(url="https://b.vn/1", text=ARTICLE) + "\n")
    items, peak = _with_peak(lambda: iter_jsonl(path, max_bytes=100_000))
    assert isinstance(items[0], IngestError) and items[0].source == f"{path}:1"
    assert re.fullmatch(r"line too large \([\d,]+ bytes > limit 100,000\)", items[0].reason)
    assert int(items[0].reason.split()[3].strip("(").replace(",", "")) == len(path.read_bytes().split(b"\n")[0])
    assert isinstance(items[1], Source) and items[1].source == "https://b.vn/1"
    assert peak < 1_000_000  # never the whole line (6.6 MB) in memory


def test_a_warc_payload_over_the_limit_is_refused_without_holding_it(tmp_path):
    big = b"<html><body><p>" + os.urandom(3_000_000).hex().encode() + b"</p></body></html>"  # 6 MB, incompressible
    path = write_warc(tmp_path / "c.warc.gz", [("https://a.gov.vn/big", big), ("https://a.gov.vn/1", PAGE.encode())])
    items, peak = _with_peak(lambda: iter_warc(path, max_bytes=100_000))
    assert [type(i).__name__ for i in items] == ["IngestError", "Source"]
    assert "WARC payload too large (> limit 100,000 bytes)" in items[0].reason
    assert peak < 4_000_000


@pytest.mark.parametrize("value", ["-1", "0"])
def test_a_max_bytes_that_is_not_positive_is_a_usage_error(tmp_path, capsys, value):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--max-bytes", value]) == 2
    assert capsys.readouterr().err == f"thidua: --max-bytes must be a positive number of bytes, not {value}\n"
    assert not (tmp_path / "out").exists()


# -- 6. smaller ----------------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("named", [True, False], ids=["named", "in-a-folder"])
def test_a_fifo_is_not_a_regular_file(tmp_path, capsys, named):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "ong.txt")  # reading it would block for ever
    inputs = [str(folder / "good.txt"), str(folder / "ong.txt")] if named else None
    result = run(tmp_path, capsys, {"good.txt": ARTICLE}, inputs=inputs)
    assert result.error("ong.txt") == ("ong.txt", "ingest", "not a regular file (a FIFO)")
    assert_good_article(result)


def test_a_device_named_on_the_command_line(tmp_path, capsys):
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    result = run(tmp_path, capsys, {}, inputs=[str(tmp_path / "in"), "/dev/null"])
    assert [(r["source"], r["reason"]) for r in result.errors] == [("/dev/null", "not a regular file (a character device)")]


def test_source_read_refuses_a_path_that_became_a_fifo(tmp_path):
    path = tmp_path / "bai.txt"
    os.mkfifo(path)
    with pytest.raises(IngestError, match="not a regular file"):
        Source("bai", str(path), "text", path=path).read(1000)


@pytest.mark.parametrize("name", [" =cmd.txt", "\u00a0+cmd.txt", "\u200b@SUM(1).txt", "＝cmd.txt"],
                         ids=["space", "nbsp", "zero-width", "full-width"])
def test_formula_file_names_after_spaces_are_neutralised(tmp_path, capsys, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(ARTICLE, encoding="utf-8")
    result = run(tmp_path, capsys, {}, inputs=[name])
    assert [(r["doc_id"], r["source"]) for r in result.tables["documents"]] == [("'" + name[:-4], "'" + name)]

