"""Orchestration: one document's failure is its own error row, never the run's."""

from __future__ import annotations

import csv
import multiprocessing

import pytest

import pipeline.run.orchestrate as orchestrate
from pipeline.cli import main

GOOD = ("Hội nghị tổng kết công tác thi đua năm 2023\n\n"
        "Ngày 15/12/2023, Sở Nội vụ tổ chức hội nghị. Ông Nguyễn Văn An, Giám đốc Sở Nội vụ, phát biểu.")


def test_an_extractor_bug_costs_one_error_row(tmp_path, monkeypatch, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    (src / "b.txt").write_text(GOOD.replace("2023", "2024") + "\n\nbùm", encoding="utf-8")
    real = orchestrate.extract_slogans

    def flaky(doc, lexicon):
        if "bùm" in doc.text:
            raise ZeroDivisionError("division by zero")
        return real(doc, lexicon)

    monkeypatch.setattr(orchestrate, "extract_slogans", flaky)
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--no-ner", "--workers", "1"]) == 1
    assert "b.txt: internal error: ZeroDivisionError: division by zero (skipped)" in capsys.readouterr().err
    with (out / "errors.csv").open(encoding="utf-8") as handle:
        assert list(csv.reader(handle))[1:] == [
            [str(src / "b.txt"), "extract", "internal error: ZeroDivisionError: division by zero"]]
    with (out / "documents.csv").open(encoding="utf-8") as handle:
        assert [row[0] for row in csv.reader(handle)][1:] == ["a"]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers must fork to inherit the patch")
def test_a_document_that_kills_its_worker_costs_one_error_row(tmp_path, monkeypatch, capsys):
    import os

    src = tmp_path / "in"
    src.mkdir()
    for n in range(12):
        (src / f"a{n:02d}.txt").write_text(GOOD.replace("2023", str(2000 + n)), encoding="utf-8")
    (src / "a05.txt").write_text(GOOD + "\n\nsập", encoding="utf-8")
    real = orchestrate.extract_slogans

    def deadly(doc, lexicon):
        if "sập" in doc.text:
            os._exit(9)  # as if the system killed the worker
        return real(doc, lexicon)

    monkeypatch.setattr(orchestrate, "extract_slogans", deadly)  # workers fork with it
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--no-ner", "--workers", "2"]) == 1
    assert "a05.txt: the worker process died on this document" in capsys.readouterr().err
    with (out / "errors.csv").open(encoding="utf-8") as handle:
        assert [row[:2] for row in csv.reader(handle)][1:] == [[str(src / "a05.txt"), "extract"]]
    with (out / "documents.csv").open(encoding="utf-8") as handle:
        assert [row[0] for row in csv.reader(handle)][1:] == [f"a{n:02d}" for n in range(12) if n != 5]
