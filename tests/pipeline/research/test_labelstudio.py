from pipeline.options import Options
from pipeline.research.labelstudio import from_export, spans_of_task, to_tasks
from pipeline.run.orchestrate import process_document
from tests.conftest import CORPUS


def test_round_trip_gives_back_the_same_spans(make_doc, lexicon):
    path = CORPUS / "articles" / "001_e389599b88554ea5.txt"
    doc = make_doc(path.read_text(encoding="utf-8"), path.stem)
    result = process_document(doc, lexicon, Options(ner=False))
    tasks = to_tasks([(doc.doc_id, doc.text, result.spans)])
    exported = [{"data": t["data"], "annotations": [{"result": t["predictions"][0]["result"]}]} for t in tasks]
    spans = spans_of_task(exported[0])
    expected = sorted((s["field"], s["start"], s["end"], s["text"]) for s in result.spans
                      if s["field"] in ("person", "title", "unit", "award", "slogan", "date"))
    assert sorted((s["field"], s["start"], s["end"], s["text"]) for s in spans) == expected
    gold = from_export(exported)[0]
    got = {(m["start"], m["end"]) for p in gold["people"] for m in p["mentions"]}
    assert got == {(s["start"], s["end"]) for s in result.spans if s["field"] == "person"}
    assert all(doc.text[m["start"]:m["end"]] == m["text"] for u in gold["units"] for m in u["mentions"])


def test_annotation_wins_over_prediction():
    task = {"data": {"doc_id": "x", "text": "Ông Lê Văn A"},
            "predictions": [{"result": [{"type": "labels", "value": {"start": 0, "end": 3, "text": "Ông", "labels": ["PER"]}}]}],
            "annotations": [{"result": [{"type": "labels", "value": {"start": 4, "end": 12, "text": "Lê Văn A", "labels": ["PER"]}}]}]}
    assert spans_of_task(task) == [{"field": "person", "start": 4, "end": 12, "text": "Lê Văn A"}]
