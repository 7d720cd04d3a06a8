"""Label Studio round trip: predictions out as pre-annotations, corrections back as gold.

A researcher exports documents with the pipeline's records as Label Studio tasks
(:func:`to_tasks`; labelling config :data:`LABEL_CONFIG`), corrects them in Label Studio,
exports the project as JSON and imports it back into the gold format of
``corpus/README.md`` (:func:`from_export`), instead of annotating from scratch.

The labelling config (checked with ``label-studio-sdk`` in the tests):

- ``label`` (Labels over ``text``): PER, TITLE, UNIT, AWARD, SLOGAN, DATE, AUTHOR, each
  pre-annotated region with the pipeline's confidence as its ``score``;
- per region, shown when a region of that label is selected: ``name`` (the normalized
  name of a PER, UNIT or AUTHOR region), ``award``, ``count`` and ``status`` (AWARD),
  ``date_value`` (ISO; a range as ``2016..2020``) and ``date_role`` (DATE),
  ``slogan_kind`` (SLOGAN), each from the schema's vocabularies;
- ``relation`` (Relations): a ``holds`` arrow from a PER region to each TITLE region
  the person holds;
- the task data: ``doc_id``, ``text`` (the normalized text all offsets refer to),
  ``source`` (the path or URL), ``url`` (a record's URL), ``path`` and ``sha256`` (of
  the input file's bytes) and ``kind`` (text or html): what the gold needs to find the
  text again.

Import refuses an export with no human annotation (predictions are not gold), reads the
latest annotation of each annotated task (tasks nobody annotated are left out and
counted), and writes gold that ``thidua validate-gold`` accepts for text and HTML inputs
alike: ``path`` and ``sha256`` are those of the input file, ``source`` ``corpus``,
``devset`` or ``file`` (an absolute path).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.keys import fix_name_case, match_key
from pipeline.schema import AWARD_CATEGORIES, AWARD_STATUSES, DATE_ROLES, SLOGAN_KINDS

__all__ = ["FIELDS", "LABELS", "LABEL_CONFIG", "LabelStudioError", "TaskDocument", "from_export", "gold_location",
           "spans_of_task", "to_tasks"]

LABELS = {"person": "PER", "title": "TITLE", "unit": "UNIT", "award": "AWARD", "slogan": "SLOGAN", "date": "DATE",
          "author": "AUTHOR"}
FIELDS = {label: name for name, label in LABELS.items()}
_RELATION = "holds"


def _choices(name: str, values: Iterable[str], when: str) -> str:
    options = "".join(f'<Choice value="{v}"/>' for v in values)
    return (f'<Choices name="{name}" toName="text" perRegion="true" choice="single" showInline="true" '
            f'visibleWhen="region-selected" whenLabelValue="{when}">{options}</Choices>')


def _per_region(tag: str, name: str, when: str, extra: str = "") -> str:
    return f'<{tag} name="{name}" toName="text" perRegion="true" visibleWhen="region-selected" whenLabelValue="{when}"{extra}/>'


LABEL_CONFIG = "\n".join([
    "<View>",
    '  <Header value="$source"/>',
    '  <Labels name="label" toName="text">',
    "    " + "".join(f'<Label value="{v}"/>' for v in LABELS.values()),
    "  </Labels>",
    '  <Text name="text" value="$text"/>',
    f'  <Relations><Relation value="{_RELATION}"/></Relations>',
    "  " + _per_region("TextArea", "name", "PER,UNIT,AUTHOR", ' maxSubmissions="1" editable="true"'),
    "  " + _choices("award", AWARD_CATEGORIES, "AWARD"),
    "  " + _per_region("Number", "count", "AWARD", ' min="0"'),
    "  " + _choices("status", AWARD_STATUSES, "AWARD"),
    "  " + _per_region("TextArea", "date_value", "DATE", ' maxSubmissions="1" editable="true"'),
    "  " + _choices("date_role", DATE_ROLES, "DATE"),
    "  " + _choices("slogan_kind", SLOGAN_KINDS, "SLOGAN"),
    "</View>",
])
"""The labelling config of the exported tasks (saved beside them as ``tasks.xml``)."""


class LabelStudioError(ValueError):
    """A Label Studio export that cannot become gold (no annotation, not an export)."""


@dataclass
class TaskDocument:
    """One document to export: its text, spans and tables, and where its input is."""

    doc_id: str
    text: str
    spans: list[dict[str, Any]]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)  # source, url, path, sha256, kind


def _span_key(row: Mapping[str, Any]) -> tuple[int, int]:
    return int(row["start"]), int(row["end"])


def _attributes(region: str, label: str, span: dict[str, Any], records: dict[str, dict[Any, Any]],
                ) -> list[dict[str, Any]]:
    """The per-region attribute results of one region (award category, count, status;
    date value and role; slogan kind; a name)."""
    key = (span["start"], span["end"])
    out: list[dict[str, Any]] = []

    def add(name: str, kind: str, value: Any) -> None:
        if value is None or value == "":
            return
        payload = {"choices": [value]} if kind == "choices" else {"number": value} if kind == "number" \
            else {"text": [str(value)]}
        out.append({"id": region, "from_name": name, "to_name": "text", "type": kind,
                    "value": {"start": span["start"], "end": span["end"], "text": span["text"], **payload}})

    if label == "UNIT":  # the entity the mention belongs to: its forms group on import
        add("name", "textarea", records["unit_names"].get(span["text"]) or span.get("normalized") or span["text"])
    elif label in ("PER", "AUTHOR"):
        add("name", "textarea", span.get("normalized") or span["text"])
    if label == "AWARD" and key in records["awards"]:
        award = records["awards"][key]
        add("award", "choices", award.get("award"))
        add("count", "number", award.get("count"))
        add("status", "choices", award.get("status"))
    if label == "DATE" and key in records["dates"]:
        date = records["dates"][key]
        value = date.get("value")
        add("date_value", "textarea", f"{value}..{date['value_end']}" if value and date.get("value_end") else value)
        add("date_role", "choices", date.get("role"))
    if label == "SLOGAN" and key in records["slogans"]:
        add("slogan_kind", "choices", records["slogans"][key].get("kind"))
    return out


def _relations(doc: TaskDocument, regions: dict[tuple[str, int, int], str]) -> list[dict[str, Any]]:
    """A ``holds`` relation from a mention of each position's person to its title span."""
    names = {r["person_id"]: match_key(r["name"]) for r in doc.tables.get("people", [])}
    mentions = sorted((s["start"], s["end"], match_key(s.get("normalized") or s["text"]))
                      for s in doc.spans if s["field"] == "person")
    out = []
    for row in doc.tables.get("positions", []):
        title = regions.get(("title", *_span_key(row)))
        name = names.get(row["person_id"])
        before = [m for m in mentions if m[2] == name and m[1] <= row["start"]] or [m for m in mentions if m[2] == name]
        if title is None or not before:
            continue
        person = regions[("person", before[-1][0], before[-1][1])]
        out.append({"from_id": person, "to_id": title, "type": "relation", "direction": "right",
                    "labels": [_RELATION]})
    return out


def to_tasks(documents: Iterable[TaskDocument | tuple[str, str, list[dict[str, Any]]]], *,
             model_version: str = "thidua") -> list[dict[str, Any]]:
    """Label Studio tasks, one per document, the pipeline's records as predictions.

    >>> tasks = to_tasks([("d1", "Ông Lê Văn A", [{"field": "person", "start": 4, "end": 12, "text": "Lê Văn A",
    ...                                          "confidence": 0.9}])])
    >>> region = tasks[0]["predictions"][0]["result"][0]
    >>> region["value"], region["score"]
    ({'start': 4, 'end': 12, 'text': 'Lê Văn A', 'labels': ['PER']}, 0.9)
    """
    tasks = []
    for item in documents:
        doc = item if isinstance(item, TaskDocument) else TaskDocument(*item)
        records: dict[str, dict[Any, Any]] = {
            name: {_span_key(r): r for r in doc.tables.get(name, [])} for name in ("awards", "dates", "slogans")}
        records["unit_names"] = {}
        for unit in doc.tables.get("units", []):
            for form in str(unit.get("aliases") or "").split("|"):
                records["unit_names"].setdefault(form, unit["name"])
        result: list[dict[str, Any]] = []
        regions: dict[tuple[str, int, int], str] = {}
        scores = []
        for n, span in enumerate(s for s in doc.spans if s["field"] in LABELS):
            region, label = f"{doc.doc_id}-{n}", LABELS[span["field"]]
            regions.setdefault((span["field"], span["start"], span["end"]), region)
            score = float(span.get("confidence") if span.get("confidence") is not None else 1.0)
            scores.append(score)
            result.append({"id": region, "from_name": "label", "to_name": "text", "type": "labels", "score": score,
                           "value": {"start": span["start"], "end": span["end"],
                                     "text": doc.text[span["start"]:span["end"]], "labels": [label]}})
            result += _attributes(region, label, {**span, "text": doc.text[span["start"]:span["end"]]}, records)
        result += _relations(doc, regions)
        data = {"doc_id": doc.doc_id, "text": doc.text, "source": doc.data.get("source", ""),
                **{k: v for k, v in doc.data.items() if k != "source"}}
        tasks.append({"data": data, "predictions": [{"model_version": model_version, "result": result,
                                                     "score": round(sum(scores) / len(scores), 4) if scores else 1.0}]})
    return tasks


# -- import ------------------------------------------------------------------------------------


def _human(task: Mapping[str, Any]) -> dict[str, Any] | None:
    """The latest annotation of a task that was not cancelled, or None."""
    done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled") and a.get("result") is not None]
    if not done:
        return None
    return max(done, key=lambda a: (str(a.get("updated_at") or a.get("created_at") or ""), done.index(a)))


def spans_of_task(task: Mapping[str, Any], *, predictions: bool = True) -> list[dict[str, Any]]:
    """The labelled regions of a task with their attributes (``attrs``) and relations
    (``holds``: the region ids a PER region points at): from its latest human annotation,
    else (``predictions``) its first prediction."""
    human = _human(task)
    source = human if human is not None else ((task.get("predictions") or [None])[0] if predictions else None)
    results = (source or {}).get("result") or []
    regions: dict[str, dict[str, Any]] = {}
    attrs: dict[str, dict[str, Any]] = {}
    holds: dict[str, list[str]] = {}
    for r in results:
        value = r.get("value") or {}
        if r.get("type") == "relation":
            if _RELATION in (r.get("labels") or [_RELATION]):
                holds.setdefault(str(r.get("from_id")), []).append(str(r.get("to_id")))
            continue
        region = str(r.get("id"))
        if r.get("type") == "labels":
            labels = value.get("labels") or []
            if labels and labels[0] in FIELDS:
                regions[region] = {"id": region, "field": FIELDS[labels[0]], "start": int(value["start"]),
                                   "end": int(value["end"]), "text": value["text"]}
            continue
        slot = attrs.setdefault(region, {})
        if r.get("type") == "choices" and value.get("choices"):
            slot[r.get("from_name")] = value["choices"][0]
        elif r.get("type") == "number" and value.get("number") is not None:
            slot[r.get("from_name")] = value["number"]
        elif r.get("type") == "textarea" and value.get("text"):
            slot[r.get("from_name")] = " ".join(value["text"]).strip()
    out = []
    for region, span in regions.items():
        out.append({**span, "attrs": attrs.get(region, {}), "holds": holds.get(region, [])})
    return sorted(out, key=lambda s: (s["start"], s["end"]))


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _granularity(value: str | None, end: str | None) -> str | None:
    if value is None:
        return None
    if end:
        return "range"
    return {4: "year", 7: "month", 10: "day"}.get(len(value))


def _date(span: dict[str, Any]) -> dict[str, Any]:
    raw = str(span["attrs"].get("date_value") or "").strip() or None
    value, _, end = (raw or "").partition("..")
    return {"value": value or None, "value_end": end or None, "granularity": _granularity(value or None, end or None),
            "role": span["attrs"].get("date_role") or "mention", **_item(span)}


def _count(value: Any) -> int | None:
    if value is None or value == "":
        return None
    number = float(value)
    return int(number) if number.is_integer() else None


def gold_location(data: Mapping[str, Any], *, corpus_dir: Path, devset_dir: Path) -> tuple[str, str]:
    """(``source``, ``path``) of a gold file for the input a task came from: ``corpus``
    or ``devset`` with a path relative to that folder, else ``file`` with the absolute path."""
    path = Path(str(data.get("path") or "")).resolve() if data.get("path") else None
    if path is None:
        return "file", f"{data['doc_id']}.txt"
    for source, folder in (("corpus", corpus_dir / "articles"), ("devset", devset_dir)):
        try:
            return source, path.relative_to(folder.resolve()).as_posix()
        except ValueError:
            continue
    return "file", str(path)


def _gold(task: Mapping[str, Any], corpus_dir: Path, devset_dir: Path) -> dict[str, Any]:
    data = task["data"]
    spans = spans_of_task(task, predictions=False)
    by_id = {s["id"]: s for s in spans}
    people: dict[str, dict[str, Any]] = {}
    person_of: dict[str, dict[str, Any]] = {}
    units: dict[str, dict[str, Any]] = {}
    for s in spans:
        if s["field"] == "person":
            name = fix_name_case(s["attrs"].get("name") or s["text"])
            person = people.setdefault(match_key(name), {"name": name, "honorific": None, "rank": None,
                                                         "mentions": [], "titles": []})
            person["mentions"].append(_item(s))
            person_of[s["id"]] = person
        elif s["field"] == "unit":
            name = s["attrs"].get("name") or s["text"]
            unit = units.setdefault(match_key(name), {"name": name, "forms": [], "mentions": []})
            if s["text"] not in unit["forms"]:
                unit["forms"].append(s["text"])
            unit["mentions"].append(_item(s))
    owned: set[str] = set()
    for region, person in person_of.items():
        for title in by_id[region]["holds"]:
            if title in by_id and by_id[title]["field"] == "title" and title not in owned:
                person["titles"].append(_item(by_id[title]))
                owned.add(title)
    for t in spans:  # a title no relation claims: the nearest person mention before it
        if t["field"] != "title" or t["id"] in owned:
            continue
        before = [s for s in spans if s["field"] == "person" and s["end"] <= t["start"]]
        if before:
            person_of[before[-1]["id"]]["titles"].append(_item(t))
    dates = [_date(s) for s in spans if s["field"] == "date"]
    authors = [s for s in spans if s["field"] == "author"]
    source, path = gold_location(data, corpus_dir=corpus_dir, devset_dir=devset_dir)

    def document_date(role: str) -> dict[str, Any] | None:
        found = next((d for d in dates if d["role"] == role and d["value"] and _ISO_DAY.match(d["value"])), None)
        return {"value": found["value"], "text": found["text"], "start": found["start"], "end": found["end"]} \
            if found else None

    return {
        "doc_id": data["doc_id"], "source": source, "path": path, "sha256": data.get("sha256") or "",
        "published_date": document_date("published"), "event_date": document_date("event"),
        "author": {"name": fix_name_case(authors[0]["attrs"].get("name") or authors[0]["text"]), **_item(authors[0])}
        if authors else None,
        "people": list(people.values()),
        "units": [{**u, "name": u["name"]} for u in units.values()],
        "awards": [{"award": s["attrs"].get("award"), "issuer": None, "grade": None,
                    "count": _count(s["attrs"].get("count")), "recipient": None, "recipient_kind": None,
                    "year": None, "status": s["attrs"].get("status") or "received", **_item(s)}
                   for s in spans if s["field"] == "award"],
        "slogans": [{"kind": s["attrs"].get("slogan_kind") or "khác", **_item(s)} for s in spans if s["field"] == "slogan"],
        "dates": dates,
    }


def from_export(tasks: Any, *, corpus_dir: Path | None = None, devset_dir: Path | None = None,
                ) -> tuple[list[dict[str, Any]], int]:
    """Gold documents (``corpus/README.md``) from a Label Studio JSON export, and how many
    tasks were left out because nobody annotated them.

    Raises:
        LabelStudioError: not a list of tasks, or not one human annotation in it.
    """
    if not isinstance(tasks, list) or not all(isinstance(t, dict) and isinstance(t.get("data"), dict) for t in tasks):
        raise LabelStudioError("not a Label Studio JSON export (a list of tasks with their data)")
    root = Path(__file__).resolve().parents[2]
    corpus_dir = corpus_dir or root / "corpus"
    devset_dir = devset_dir or root.parent / "shared" / "devset"
    annotated = [t for t in tasks if _human(t) is not None]
    if not annotated:
        raise LabelStudioError(f"no human annotations in its {len(tasks)} task(s): annotate (or accept) the "
                               "predictions in Label Studio and export again; predictions alone are not gold")
    return [_gold(t, corpus_dir, devset_dir) for t in annotated], len(tasks) - len(annotated)


def _item(span: Mapping[str, Any]) -> dict[str, Any]:
    return {"text": span["text"], "start": span["start"], "end": span["end"]}
