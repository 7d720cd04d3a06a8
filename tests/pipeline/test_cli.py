import csv
import json

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
