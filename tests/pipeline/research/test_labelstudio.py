"""Label Studio round trip, for real: export -> a reviewer's edits -> import -> validate-gold
-> evaluate, for a text and an HTML input; the labelling config and the pre-annotations
checked with label-studio-sdk."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from extractors.lexicon import Lexicon
from pipeline.cli import main
from pipeline.options import Options
from pipeline.research.evaluate import evaluate_corpus
from pipeline.research.gold import check_all
from pipeline.research.labelstudio import LABEL_CONFIG, from_export, spans_of_task, to_tasks
from tests.pipeline.ingest.test_bad_input import ARTICLE

PAGE = Path(__file__).parents[1] / "ingest" / "pages" / "div-date.html"


@pytest.fixture()
def exported(tmp_path) -> tuple[Path, list[dict]]:
    corpus = tmp_path / "corpus"
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "bai.txt").write_text(ARTICLE, encoding="utf-8")
    (inputs / "trang.html").write_bytes(PAGE.read_bytes())
    tasks = tmp_path / "tasks.json"
    assert main(["labelstudio", "export", str(inputs), "--out", str(tasks)]) == 0
    (corpus / "gold").mkdir(parents=True)
    return corpus, json.loads(tasks.read_text(encoding="utf-8"))


def _regions(task: dict, label: str) -> list[dict]:
    return [r for r in task["predictions"][0]["result"] if r["type"] == "labels" and r["value"]["labels"] == [label]]


def _attribute(task: dict, region: dict, name: str) -> dict:
    return next(r for r in task["predictions"][0]["result"] if r["id"] == region["id"] and r["from_name"] == name)


def test_the_labelling_config_and_the_tasks_are_valid_for_label_studio(exported):
    sdk = pytest.importorskip("label_studio_sdk.label_interface")
    interface = sdk.LabelInterface(LABEL_CONFIG)
    interface.validate()  # the config against Label Studio's schema: raises when it is not valid
    _, tasks = exported
    for task in tasks:
        assert interface.validate_prediction(task["predictions"][0], return_errors=True) == []
    assert set(interface.get_control("label").labels) == {"PER", "TITLE", "UNIT", "AWARD", "SLOGAN", "DATE", "AUTHOR"}
    bad = copy.deepcopy(tasks[0]["predictions"][0])
    bad["result"][0]["value"]["labels"] = ["NOT-A-LABEL"]
    assert interface.validate_prediction(bad, return_errors=True) != []  # the check can fail


def test_export_carries_scores_attributes_relations_and_the_source(exported):
    _, tasks = exported
    text_task = next(t for t in tasks if t["data"]["doc_id"] == "bai")
    page_task = next(t for t in tasks if t["data"]["doc_id"] == "trang")
    assert text_task["data"]["kind"] == "text" and page_task["data"]["kind"] == "html"
    assert page_task["data"]["source"].endswith("trang.html") and len(page_task["data"]["sha256"]) == 64
    regions = text_task["predictions"][0]["result"]
    assert all(0 < r["score"] <= 1 for r in regions if r["type"] == "labels")  # per-region scores
    awards = [(_attribute(text_task, r, "award")["value"]["choices"], _attribute(text_task, r, "count")["value"]["number"],
               _attribute(text_task, r, "status")["value"]["choices"]) for r in _regions(text_task, "AWARD")]
    assert awards == [(["Bằng khen"], 2, ["received"]), (["Chiến sĩ thi đua"], 5, ["received"])]
    dates = [(r["value"]["text"], _attribute(text_task, r, "date_value")["value"]["text"],
              _attribute(text_task, r, "date_role")["value"]["choices"]) for r in _regions(text_task, "DATE")]
    assert ("Ngày 15/12/2023", ["2023-12-15"], ["event"]) in dates
    relations = [r for r in regions if r["type"] == "relation"]
    by_id = {r["id"]: r["value"]["text"] for r in regions if r["type"] == "labels"}
    assert sorted((by_id[r["from_id"]], by_id[r["to_id"]]) for r in relations) == [
        ("Lê Văn Cường", "Chánh Văn phòng Sở Nội vụ"), ("Nguyễn Văn An", "Giám đốc Sở Nội vụ"),
        ("Trần Thị Bình", "Phó Giám đốc Sở Nội vụ")]


def _reviewed(tasks: list[dict]) -> list[dict]:
    """What a reviewer does in Label Studio: accepts the predictions as the annotation and
    corrects a count and a date's role, deletes a unit."""
    out = copy.deepcopy(tasks)
    for task in out:
        result = copy.deepcopy(task["predictions"][0]["result"])
        if task["data"]["doc_id"] == "bai":
            award = _regions(task, "AWARD")[0]
            for r in result:
                if r.get("id") == award["id"] and r["from_name"] == "count":
                    r["value"]["number"] = 3  # "02 tập thể": the reviewer says three
            date = next(r for r in _regions(task, "DATE") if r["value"]["text"] == "năm 2023")
            for r in result:
                if r.get("id") == date["id"] and r["from_name"] == "date_role":
                    r["value"]["choices"] = ["period"]
            units = _regions(task, "UNIT")
            texts = [u["value"]["text"] for u in units]
            alone = next(u for u in reversed(units) if texts.count(u["value"]["text"]) == 1)  # a unit named once
            result = [r for r in result if r.get("id") != alone["id"]]
        task["annotations"] = [{"id": 1, "result": result, "was_cancelled": False, "created_at": "2026-01-01T00:00:00Z"}]
    return out


def test_export_edit_import_validate_evaluate(exported, tmp_path, capsys):
    corpus, tasks = exported
    export = tmp_path / "project-export.json"
    export.write_text(json.dumps(_reviewed(tasks), ensure_ascii=False), encoding="utf-8")
    assert main(["labelstudio", "import", str(export), "--out", str(corpus / "gold")]) == 0
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (corpus / "gold").glob("*.json")}
    assert sorted(gold) == ["bai", "trang"]
    assert (gold["trang"]["source"], Path(gold["trang"]["path"]).name) == ("file", "trang.html")
    lines, checked = check_all(corpus, tmp_path / "no-devset")
    assert (lines, checked) == ([], 2)  # validate-gold accepts both, the HTML input's text included
    capsys.readouterr()
    assert main(["validate-gold", "--corpus", str(corpus), "--devset", str(tmp_path / "no-devset")]) == 0
    assert "gold: OK (2 file(s) checked)" in capsys.readouterr().out
    bai = gold["bai"]
    assert [(a["award"], a["count"], a["status"]) for a in bai["awards"]] == [
        ("Bằng khen", 3, "received"), ("Chiến sĩ thi đua", 5, "received")]
    assert ("năm 2023", "period") in [(d["text"], d["role"]) for d in bai["dates"]]
    assert bai["event_date"]["value"] == "2023-12-15"
    assert {p["name"]: [t["text"] for t in p["titles"]] for p in bai["people"]}["Trần Thị Bình"] == [
        "Phó Giám đốc Sở Nội vụ"]
    assert gold["trang"]["published_date"]["value"] == "2023-12-15"  # the page's date, from htmldate
    report = evaluate_corpus(corpus, tmp_path / "no-devset", Lexicon.load(), Options(ner=False))["dev"]["pipeline"]
    strict = report["strict"]
    assert strict["people"]["f1"] == strict["titles"]["f1"] == strict["published_date"]["f1"] == 1.0
    assert strict["awards"]["fp"] == strict["awards"]["fn"] == 1  # the corrected count
    assert strict["awards_category"]["f1"] == 1.0
    assert strict["units"]["fp"] == 1 and strict["units"]["fn"] == 0  # the deleted unit


def test_a_tasks_file_with_no_human_annotation_is_refused(exported, tmp_path, capsys):
    corpus, tasks = exported
    path = tmp_path / "tasks.json"
    capsys.readouterr()
    assert main(["labelstudio", "import", str(path), "--out", str(corpus / "gold")]) == 2
    assert capsys.readouterr().err == (f"thidua: {path}: no human annotations in its 2 task(s): annotate (or accept) "
                                       "the predictions in Label Studio and export again; predictions alone are not "
                                       "gold\n")
    assert list((corpus / "gold").iterdir()) == []
    cancelled = copy.deepcopy(tasks)
    for task in cancelled:
        task["annotations"] = [{"result": [], "was_cancelled": True}]
    with pytest.raises(ValueError, match="no human annotations"):
        from_export(cancelled)


@pytest.mark.parametrize(("content", "reason"), [
    (None, "no such file"),
    ("{not json", "not JSON (Expecting property name enclosed in double quotes at line 1, column 2)"),
    ('{"data": 1}', "not a Label Studio JSON export (a list of tasks with their data)"),
], ids=["missing", "not-json", "not-an-export"])
def test_a_bad_label_studio_file_is_one_line(tmp_path, capsys, content, reason):
    path = tmp_path / "export.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["labelstudio", "import", str(path), "--out", str(tmp_path / "gold")]) == 2
    assert capsys.readouterr().err == f"thidua: {path}: {reason}\n"


def test_annotation_wins_over_prediction():
    task = {"data": {"doc_id": "x", "text": "Ông Lê Văn A"},
            "predictions": [{"result": [{"id": "a", "type": "labels",
                                         "value": {"start": 0, "end": 3, "text": "Ông", "labels": ["PER"]}}]}],
            "annotations": [{"result": [{"id": "b", "type": "labels",
                                         "value": {"start": 4, "end": 12, "text": "Lê Văn A", "labels": ["PER"]}}]}]}
    assert spans_of_task(task) == [{"id": "b", "field": "person", "start": 4, "end": 12, "text": "Lê Văn A",
                                    "attrs": {}, "holds": []}]


def test_to_tasks_accepts_bare_spans():
    tasks = to_tasks([("d", "Ông Lê Văn A", [{"field": "person", "start": 4, "end": 12, "text": "Lê Văn A"}])])
    assert tasks[0]["data"] == {"doc_id": "d", "text": "Ông Lê Văn A", "source": ""}
