import csv
import json

import pytest

from pipeline.cli import main
from pipeline.schema import TABLE_COLUMNS
from tests.conftest import CORPUS


def test_run_on_corpus_writes_the_contract(tmp_path):
    assert main(["run", str(CORPUS / "articles"), "--out", str(tmp_path), "--no-ner"]) == 0
    for name, columns in TABLE_COLUMNS.items():
        with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            assert tuple(next(csv.reader(handle))) == columns
    texts = {p.stem: p for p in (CORPUS / "articles").glob("*.txt")}
    from pipeline.normalize import normalize_text
    cache = {k: normalize_text(v.read_text(encoding="utf-8")) for k, v in texts.items()}
    spans = [json.loads(line) for line in (tmp_path / "spans.jsonl").read_text(encoding="utf-8").splitlines()]
    assert spans
    for span in spans:  # every record carries its evidence
        assert cache[span["doc_id"]][span["start"]:span["end"]] == span["text"]
    with (tmp_path / "documents.csv").open(encoding="utf-8") as handle:
        docs = list(csv.DictReader(handle))
    assert {d["doc_id"] for d in docs} == set(texts)


def test_bad_inputs_are_reported_and_skipped(tmp_path, capsys):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("Ngày 13/7/2023, Khối thi đua đã tổ chức Hội nghị sơ kết.", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "in"), "--out", str(out), "--no-ner"]) == 1
    with (out / "errors.csv").open(encoding="utf-8") as handle:
        errors = {row["source"].rsplit("/", 1)[-1]: row["reason"] for row in csv.DictReader(handle)}
    assert errors == {"empty.txt": "empty file", "image.txt": "binary file (a PNG image), not an article"}
    assert "empty.txt: empty file" in capsys.readouterr().err
    with (out / "documents.csv").open(encoding="utf-8") as handle:
        assert [r["event_date"] for r in csv.DictReader(handle)] == ["2023-07-13"]


def test_csv_formula_cells_are_neutralised(tmp_path):
    src = tmp_path / "evil.txt"
    src.write_text("Hội nghị có chủ đề thi đua “=HYPERLINK(\"http://x\")” năm 2020.", encoding="utf-8")
    main(["run", str(src), "--out", str(tmp_path / "o"), "--no-ner"])
    with (tmp_path / "o" / "slogans.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and rows[0]["text"].startswith("'=")


def test_usage_error_exit_2():
    assert main(["run"]) == 2


# -- usage and I/O problems: one line naming the path and the reason, exit 2 (issue 11) --------

def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err.rstrip("\n")


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == "thidua 0.1.0\n"


def test_a_missing_input_is_a_usage_error(tmp_path, capsys):
    missing = tmp_path / "khong-co.txt"
    assert main(["run", str(CORPUS / "articles"), str(missing), "--out", str(tmp_path / "out")]) == 2
    assert _one_line(capsys) == f"thidua: {missing}: no such file or directory"
    assert not (tmp_path / "out").exists()  # nothing was run


def test_an_empty_directory_is_a_warning(tmp_path, capsys):
    (tmp_path / "rong").mkdir()
    (tmp_path / "rong" / "anh.png").write_bytes(b"\x89PNG")
    assert main(["run", str(tmp_path / "rong"), "--out", str(tmp_path / "out"), "--no-ner", "--workers", "1"]) == 0
    assert capsys.readouterr().err == (f"thidua: warning: {tmp_path / 'rong'}: no input files here "
                                       "(.txt, .html, .htm, .warc, .warc.gz, .jsonl)\n")


def test_out_that_is_a_file(tmp_path, capsys):
    (tmp_path / "out").write_text("x", encoding="utf-8")
    assert main(["run", str(CORPUS / "articles"), "--out", str(tmp_path / "out")]) == 2
    assert _one_line(capsys) == f"thidua: {tmp_path / 'out'}: not a directory (--out names the directory the tables go to)"


@pytest.mark.parametrize(("error", "reason"), [(PermissionError(13, "Permission denied"), "permission denied"),
                                               (OSError(30, "Read-only file system"), "read-only file system")],
                         ids=["unwritable", "read-only"])
def test_out_that_cannot_be_written(tmp_path, capsys, monkeypatch, error, reason):
    """(Simulated: root writes anywhere, and CI runs as root.)"""
    from pathlib import Path

    real = Path.write_bytes

    def refuse(self, data):
        if self.name.startswith(".thidua-probe-"):
            raise error
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", refuse)
    out = tmp_path / "out"
    assert main(["run", str(CORPUS / "articles"), "--out", str(out)]) == 2
    assert _one_line(capsys) == f"thidua: {out}: cannot write in the output directory ({reason})"


def test_out_that_cannot_be_created(tmp_path, capsys, monkeypatch):
    from pathlib import Path

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    out = tmp_path / "a" / "out"
    assert main(["run", str(CORPUS / "articles"), "--out", str(out)]) == 2
    assert _one_line(capsys) == f"thidua: {out}: cannot create the output directory (permission denied)"


def test_spark_without_pyspark(tmp_path, capsys, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyspark" else real(name, *a))
    assert main(["run", str(CORPUS / "articles"), "--out", str(tmp_path), "--engine", "spark"]) == 2
    assert _one_line(capsys) == 'thidua: --engine spark needs pyspark: pip install -e ".[spark]" (and Java 17 on the PATH)'


@pytest.mark.parametrize("value", ["-1", "nan"])
def test_a_doc_timeout_that_is_not_a_duration(tmp_path, capsys, value):
    assert main(["run", str(CORPUS / "articles"), "--out", str(tmp_path), "--doc-timeout", value]) == 2
    assert _one_line(capsys).startswith("thidua: --doc-timeout must be 0 (no limit) or more seconds")
