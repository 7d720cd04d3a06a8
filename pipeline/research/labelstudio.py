"""Label Studio round trip: predictions out as pre-annotations, corrections back as gold.

A researcher exports documents with the pipeline's spans as Label Studio tasks
(:func:`to_tasks`; labeling config in :data:`LABEL_CONFIG`), corrects them in Label
Studio, exports the project as JSON and imports it back into the gold format
(:func:`from_export`), instead of annotating from scratch. Record-level attributes that
spans cannot hold (award counts, date roles) are filled from the span text where the
pipeline can, and should be checked by the annotator.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from extractors.keys import fix_name_case, match_key

__all__ = ["LABELS", "LABEL_CONFIG", "to_tasks", "from_export", "spans_of_task"]

LABELS = {"person": "PER", "title": "TITLE", "unit": "UNIT", "award": "AWARD", "slogan": "SLOGAN", "date": "DATE"}
FIELDS = {label: field for field, label in LABELS.items()}

LABEL_CONFIG = """<View>
  <Labels name="label" toName="text">
    <Label value="PER"/><Label value="TITLE"/><Label value="UNIT"/>
    <Label value="AWARD"/><Label value="SLOGAN"/><Label value="DATE"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>"""


def to_tasks(documents: Iterable[tuple[str, str, list[dict[str, Any]]]], *, model_version: str = "thidua") -> list[dict[str, Any]]:
    """Label Studio tasks, one per ``(doc_id, text, spans)``, spans as predictions.

    >>> tasks = to_tasks([("d1", "Ông Lê Văn A", [{"field": "person", "start": 4, "end": 12, "text": "Lê Văn A"}])])
    >>> tasks[0]["predictions"][0]["result"][0]["value"]
    {'start': 4, 'end': 12, 'text': 'Lê Văn A', 'labels': ['PER']}
    """
    tasks = []
    for doc_id, text, spans in documents:
        result = []
        for n, span in enumerate(s for s in spans if s["field"] in LABELS):
            result.append({"id": f"{doc_id}-{n}", "from_name": "label", "to_name": "text", "type": "labels",
                           "value": {"start": span["start"], "end": span["end"], "text": text[span["start"]:span["end"]],
                                     "labels": [LABELS[span["field"]]]}})
        tasks.append({"data": {"doc_id": doc_id, "text": text},
                      "predictions": [{"model_version": model_version, "result": result}]})
    return tasks


def spans_of_task(task: dict[str, Any]) -> list[dict[str, Any]]:
    """The spans of a task: its first annotation (the correction) if any, else its
    predictions."""
    source = task.get("annotations") or task.get("predictions") or []
    results = source[0].get("result", []) if source else []
    out = []
    for r in results:
        value = r.get("value", {})
        labels = value.get("labels") or []
        if r.get("type") != "labels" or not labels or labels[0] not in FIELDS:
            continue
        out.append({"field": FIELDS[labels[0]], "start": value["start"], "end": value["end"], "text": value["text"]})
    return sorted(out, key=lambda s: (s["start"], s["end"]))


def from_export(tasks: list[dict[str, Any]], *, source: str = "corpus", paths: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Gold documents (see ``corpus/README.md``) from a Label Studio JSON export.

    People are grouped by name (case fixed), units by surface form; the first DATE span in
    a dateline position is not guessed: dates come with ``role`` "mention" and awards
    with ``award`` None, for the annotator to complete.
    """
    out = []
    for task in tasks:
        data = task["data"]
        text, doc_id = data["text"], data["doc_id"]
        spans = spans_of_task(task)
        people: dict[str, dict[str, Any]] = {}
        units: dict[str, dict[str, Any]] = {}
        for s in spans:
            item = {"text": s["text"], "start": s["start"], "end": s["end"]}
            if s["field"] == "person":
                name = fix_name_case(s["text"])
                people.setdefault(match_key(name), {"name": name, "honorific": None, "rank": None,
                                                    "mentions": [], "titles": []})["mentions"].append(item)
            elif s["field"] == "unit":
                unit = units.setdefault(match_key(s["text"]), {"name": s["text"], "forms": [s["text"]], "mentions": []})
                unit["mentions"].append(item)
        titles = [s for s in spans if s["field"] == "title"]
        for t in titles:  # a title belongs to the nearest person mention before it
            owner = max((p for p in people.values() for m in p["mentions"] if m["end"] <= t["start"]),
                        key=lambda p: max(m["end"] for m in p["mentions"] if m["end"] <= t["start"]), default=None)
            if owner is not None:
                owner["titles"].append({"text": t["text"], "start": t["start"], "end": t["end"]})
        out.append({
            "doc_id": doc_id, "source": source, "path": (paths or {}).get(doc_id, f"{doc_id}.txt"),
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "published_date": None, "event_date": None, "author": None,
            "people": list(people.values()), "units": list(units.values()),
            "awards": [{"award": None, "issuer": None, "grade": None, "count": None, "recipient": None,
                        "recipient_kind": None, "year": None, "status": None, **_item(s)}
                       for s in spans if s["field"] == "award"],
            "slogans": [{"kind": "khác", **_item(s)} for s in spans if s["field"] == "slogan"],
            "dates": [{"value": None, "value_end": None, "granularity": None, "role": "mention", **_item(s)}
                      for s in spans if s["field"] == "date"],
        })
    return out


def _item(span: dict[str, Any]) -> dict[str, Any]:
    return {"text": span["text"], "start": span["start"], "end": span["end"]}
