"""Evaluation: precision, recall and F1 per field against the gold in ``corpus/gold/``.

Record level, as a user sees the tables: people by normalized name; (person, title)
pairs; unit entities (a predicted entity matches a gold entity when any of its names
equals any gold surface form); awards by (category, count) and by category alone;
slogans; publication and event dates; author. Each text field is scored strict
(:func:`extractors.keys.match_key` equality) and lenient (token-overlap F1 ≥ 0.8).
Span level follows SemEval-2013 (strict, exact, partial, type) through nervaluate.
Counts are summed over documents (micro) and F1 is averaged per document (macro).
Every predicted record also counts for the rule that made it, so each heuristic's
precision is visible.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from extractors.base import Document
from extractors.keys import match_key, tokens
from extractors.lexicon import Lexicon
from pipeline.options import Options
from pipeline.research.gold import GoldDoc, iter_gold
from pipeline.resolve.decisions import Decision, Span

__all__ = ["PRF", "Prediction", "prediction_from_result", "score_documents", "token_f1", "match_sets",
           "render_markdown", "FIELDS", "SPLITS", "evaluate_corpus", "load_split", "split_of"]

FIELDS = ("people", "titles", "units", "awards", "awards_category", "slogans", "published_date", "event_date",
          "author")
TEXT_FIELDS = ("people", "titles", "units", "slogans", "author")
SPAN_LABELS = {"person": "PER", "title": "TITLE", "unit": "UNIT", "award": "AWARD", "slogan": "SLOGAN", "date": "DATE"}


@dataclass
class PRF:
    """True positives, false positives, false negatives and the scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if not self.fp else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Prediction:
    """What a system predicted for one document, in the record shapes the scorer reads."""

    doc_id: str
    people: list[str] = field(default_factory=list)
    titles: list[tuple[str, str]] = field(default_factory=list)
    units: list[list[str]] = field(default_factory=list)  # entities, each a list of forms
    awards: list[tuple[str, int | None]] = field(default_factory=list)
    slogans: list[str] = field(default_factory=list)
    published_date: str | None = None
    event_date: str | None = None
    author: str | None = None
    spans: list[dict[str, Any]] = field(default_factory=list)  # field, start, end, rule, normalized, text
    decisions: list[Decision] = field(default_factory=list)  # a system's choices and merges (pipeline only)
    # gold only: the mentions of each person and unit, and each title with its person
    groups: dict[str, list[tuple[str, list[Span]]]] = field(default_factory=dict)
    title_spans: list[tuple[str, Span]] = field(default_factory=list)
    date_spans: list[tuple[str | None, Span]] = field(default_factory=list)


def token_f1(a: str, b: str) -> float:
    """Token-overlap F1 of two strings (after :func:`match_key`).

    >>> round(token_f1("Phó Giám đốc Văn phòng", "Phó Giám đốc"), 2)
    0.75
    """
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def _strict(a: Any, b: Any) -> bool:
    if isinstance(a, tuple):
        return all(_strict(x, y) for x, y in zip(a, b, strict=True))
    return match_key(str(a)) == match_key(str(b))


def _lenient(a: Any, b: Any) -> bool:
    if isinstance(a, tuple):
        return all(_lenient(x, y) for x, y in zip(a, b, strict=True))
    return token_f1(str(a), str(b)) >= 0.8


def match_sets(pred: Sequence[Any], gold: Sequence[Any], same: Callable[[Any, Any], bool]) -> tuple[PRF, list[Any], list[Any]]:
    """One-to-one greedy matching; returns counts, unmatched predictions, unmatched gold.

    >>> prf, fp, fn = match_sets(["a", "b", "c"], ["a", "c", "d"], lambda x, y: x == y)
    >>> (prf.tp, prf.fp, prf.fn, fp, fn)
    (2, 1, 1, ['b'], ['d'])
    """
    remaining = list(gold)
    spurious = []
    tp = 0
    for p in pred:
        hit = next((i for i, g in enumerate(remaining) if same(p, g)), None)
        if hit is None:
            spurious.append(p)
        else:
            remaining.pop(hit)
            tp += 1
    return PRF(tp, len(spurious), len(remaining)), spurious, remaining


def _unit_same(strict: bool) -> Callable[[list[str], list[str]], bool]:
    cmp = _strict if strict else _lenient
    return lambda p, g: any(cmp(a, b) for a in p for b in g)


def _dedupe(items: Iterable[Any], key: Callable[[Any], Any]) -> list[Any]:
    seen, out = set(), []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def gold_records(gold: GoldDoc) -> Prediction:
    """The gold document in the scorer's record shapes."""
    d = gold.data
    spans = []
    for p in d["people"]:
        spans += [{"field": "person", "start": m["start"], "end": m["end"]} for m in p["mentions"]]
        spans += [{"field": "title", "start": t["start"], "end": t["end"]} for t in p.get("titles", [])]
    for u in d["units"]:
        spans += [{"field": "unit", "start": m["start"], "end": m["end"]} for m in u.get("mentions", [])]
    spans += [{"field": "award", "start": a["start"], "end": a["end"]} for a in d["awards"]]
    spans += [{"field": "slogan", "start": s["start"], "end": s["end"]} for s in d["slogans"]]
    spans += [{"field": "date", "start": s["start"], "end": s["end"]} for s in d["dates"]]
    return Prediction(
        doc_id=d["doc_id"],
        people=[p["name"] for p in d["people"]],
        titles=_dedupe(((p["name"], t["text"]) for p in d["people"] for t in p.get("titles", [])),
                       lambda x: (match_key(x[0]), match_key(x[1]))),
        units=[list(u["forms"]) + [u["name"]] for u in d["units"]],
        awards=[(a["award"], a["count"]) for a in d["awards"]],
        slogans=_dedupe((s["text"] for s in d["slogans"]), match_key),
        published_date=(d["published_date"] or {}).get("value"),
        event_date=(d["event_date"] or {}).get("value"),
        author=(d["author"] or {}).get("name"),
        spans=spans,
        groups={"person": [(p["name"], [(m["start"], m["end"]) for m in p["mentions"]]) for p in d["people"]],
                "unit": [(u["name"], [(m["start"], m["end"]) for m in u.get("mentions", [])]) for u in d["units"]]},
        title_spans=[(p["name"], (t["start"], t["end"])) for p in d["people"] for t in p.get("titles", [])],
        date_spans=[(x.get("value"), (x["start"], x["end"])) for x in d["dates"]],
    )


def prediction_from_result(doc_id: str, tables: dict[str, list[dict[str, Any]]], spans: list[dict[str, Any]],
                           decisions: Sequence[Decision] = ()) -> Prediction:
    """The pipeline's tables for one document in the scorer's record shapes."""
    doc = tables["documents"][0] if tables.get("documents") else {}

    def none(v: Any) -> Any:
        return None if v in ("", None) else v

    def count(v: Any) -> int | None:
        return None if v in ("", None) else int(v)

    return Prediction(
        doc_id=doc_id,
        people=[r["name"] for r in tables.get("people", [])],
        titles=_dedupe(((r["name"], r["title"]) for r in tables.get("positions", [])),
                       lambda x: (match_key(x[0]), match_key(x[1]))),
        units=[[r["name"], *str(r["aliases"]).split("|")] for r in tables.get("units", [])],
        awards=[(r["award"], count(r["count"])) for r in tables.get("awards", [])],
        slogans=_dedupe((r["text"] for r in tables.get("slogans", [])), match_key),
        published_date=none(doc.get("published_date")),
        event_date=none(doc.get("event_date")),
        author=none(doc.get("author")),
        spans=spans,
        decisions=list(decisions),
    )


def _single(pred: str | None, gold: str | None, same: Callable[[Any, Any], bool]) -> PRF:
    if pred is None and gold is None:
        return PRF()
    if pred is not None and gold is not None and same(pred, gold):
        return PRF(1, 0, 0)
    return PRF(0, int(pred is not None), int(gold is not None))


def score_document(pred: Prediction, gold: Prediction, *, strict: bool) -> dict[str, tuple[PRF, list[Any], list[Any]]]:
    """Per-field counts and errors for one document."""
    same = _strict if strict else _lenient
    out: dict[str, tuple[PRF, list[Any], list[Any]]] = {}
    out["people"] = match_sets(_dedupe(pred.people, match_key), gold.people, same)
    out["titles"] = match_sets(pred.titles, gold.titles, same)
    out["units"] = match_sets(pred.units, gold.units, _unit_same(strict))
    out["awards"] = match_sets(pred.awards, gold.awards, lambda a, b: a == b)
    out["awards_category"] = match_sets([a for a, _ in pred.awards], [a for a, _ in gold.awards], lambda a, b: a == b)
    out["slogans"] = match_sets(pred.slogans, gold.slogans, same)
    for key in ("published_date", "event_date"):
        p, g = getattr(pred, key), getattr(gold, key)
        prf = _single(p, g, lambda a, b: a == b)
        out[key] = (prf, [p] if prf.fp else [], [g] if prf.fn else [])
    prf = _single(pred.author, gold.author, same)
    out["author"] = (prf, [pred.author] if prf.fp else [], [gold.author] if prf.fn else [])
    return out


def _span_scores(preds: list[Prediction], golds: list[Prediction]) -> dict[str, Any]:
    from nervaluate import Evaluator

    labels = sorted(set(SPAN_LABELS.values()))
    true = [[{"label": SPAN_LABELS[s["field"]], "start": s["start"], "end": s["end"] - 1}
             for s in g.spans if s["field"] in SPAN_LABELS] for g in golds]
    pred = [[{"label": SPAN_LABELS[s["field"]], "start": s["start"], "end": s["end"] - 1}
             for s in p.spans if s["field"] in SPAN_LABELS] for p in preds]
    result = Evaluator(true, pred, tags=labels).evaluate()
    overall = {schema: {"precision": round(r.precision, 4), "recall": round(r.recall, 4), "f1": round(r.f1, 4)}
               for schema, r in result["overall"].items()}
    per_label = {label: {schema: round(r.f1, 4) for schema, r in schemas.items()}
                 for label, schemas in result["entities"].items()}
    return {"overall": overall, "per_label": per_label}


def _rule_precision(preds: list[Prediction], golds: list[Prediction]) -> dict[str, dict[str, float | int]]:
    """For each rule: how many spans it produced and the share that match a gold span of
    its field (same field, overlapping offsets)."""
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p, g in zip(preds, golds, strict=True):
        gold_by_field: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for s in g.spans:
            gold_by_field[s["field"]].append((s["start"], s["end"]))
        for s in p.spans:
            rule = s.get("rule")
            if not rule or s["field"] not in SPAN_LABELS:
                continue
            hit = any(a < s["end"] and s["start"] < b for a, b in gold_by_field[s["field"]])
            stats[rule][0] += 1
            stats[rule][1] += int(hit)
    return {rule: {"records": n, "precision": round(ok / n, 4) if n else 0.0}
            for rule, (n, ok) in sorted(stats.items())}


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _one_group(members: Sequence[Span], groups: Sequence[tuple[str, list[Span]]]) -> tuple[str, list[Span]] | None:
    """The gold entity whose mentions overlap every member span, if any."""
    return next((g for g in groups if all(any(_overlap(m, x) for x in g[1]) for m in members)), None)


def decision_correct(d: Decision, gold: Prediction) -> bool | None:
    """Whether a decision agrees with the gold, or None when the gold cannot tell
    (an event fact, which the gold does not annotate; a span choice between two
    candidates of one rule).

    Merges are right when one gold entity holds every span merged; a chosen date, author
    or name when it equals the gold's; a kept office or date when a gold one of the same
    person or value covers it.
    """
    rule, first = d.rule, d.members[0] if d.members else None
    if first is None:
        return None
    if d.label == "person":
        if rule == "people.author_not_person":  # right when no gold person is mentioned there
            return not any(_overlap(m, span) for m in d.members for _, spans in gold.groups.get("person", [])
                           for span in spans)
        group = _one_group(d.members, gold.groups.get("person", []))
        if rule == "people.fullest_name":
            return group is not None and match_key(group[0]) == match_key(d.value)
        return group is not None
    if d.label == "unit":
        if rule == "units.one_per_span":
            return None
        if rule == "units.parent":
            return len(d.members) > 1 and _one_group(d.members[1:], gold.groups.get("unit", [])) is not None
        return _one_group(d.members, gold.groups.get("unit", [])) is not None
    if d.label == "date":
        if rule.startswith("dates.published_"):
            return d.value == gold.published_date
        if rule == "dates.event_sentence":
            return d.value == gold.event_date
        return any(value == d.value and _overlap(first, span) for value, span in gold.date_spans)
    if d.label == "title":
        if rule == "titles.one_per_span":
            return any(match_key(name) == match_key(d.value) and _overlap(first, span) for name, span in gold.title_spans)
        return any(_overlap(first, span) for _, span in gold.title_spans)
    if d.label == "author":
        return gold.author is not None and match_key(gold.author) == match_key(d.value)
    return None


def _decision_precision(preds: list[Prediction], golds: list[Prediction]) -> dict[str, dict[str, Any]]:
    """For each decision rule: how often it decided, how many of those the gold can
    judge, and the share of those that agree with the gold."""
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for p, g in zip(preds, golds, strict=True):
        for d in p.decisions:
            verdict = decision_correct(d, g)
            stats[d.rule][0] += 1
            if verdict is not None:
                stats[d.rule][1] += 1
                stats[d.rule][2] += int(verdict)
    return {rule: {"decisions": n, "judged": judged, "precision": round(ok / judged, 4) if judged else None}
            for rule, (n, judged, ok) in sorted(stats.items())}


def in_context(item: Any, text: str | None, width: int = 40) -> str:
    """An error item with the text around its first occurrence: "…trước [item] sau…".

    >>> in_context(("Lê Văn A", "Giám đốc"), "Hôm nay ông Lê Văn A phát biểu.", 8)
    "('Lê Văn A', 'Giám đốc') in …nay ông [Lê Văn A] phát bi…"
    """
    parts = [str(p) for p in item] if isinstance(item, (tuple, list)) else [str(item)]
    label = str(item)
    needle = next((p for p in reversed(parts) if text and p and p in text), parts[0] if parts else "")
    if not text or not needle or needle not in text:
        return label
    at = text.find(needle)
    before = text[max(0, at - width):at].replace("\n", " ")
    after = text[at + len(needle):at + len(needle) + width].replace("\n", " ")
    return f"{label} in …{before}[{needle}]{after}…"


def score_documents(preds: list[Prediction], golds: list[Prediction], *, with_spans: bool = True,
                    texts: dict[str, str] | None = None) -> dict[str, Any]:
    """The full report: micro and macro per field (strict and lenient), span-level
    SemEval schemas, per-rule precision and per-document errors with the text around
    them (``texts``: doc_id → normalized text)."""
    report: dict[str, Any] = {"documents": len(golds), "strict": {}, "lenient": {}, "macro_f1": {}, "errors": {}}
    by_id = {p.doc_id: p for p in preds}
    aligned = [by_id.get(g.doc_id, Prediction(g.doc_id)) for g in golds]
    for mode in ("strict", "lenient"):
        totals = {f: PRF() for f in FIELDS}
        macro: dict[str, list[float]] = {f: [] for f in FIELDS}
        for p, g in zip(aligned, golds, strict=True):
            scored = score_document(p, g, strict=mode == "strict")
            for f, (prf, spurious, missed) in scored.items():
                totals[f].add(prf)
                if prf.tp + prf.fp + prf.fn:
                    macro[f].append(prf.f1)
                if mode == "strict" and (spurious or missed):
                    text = (texts or {}).get(g.doc_id)
                    report["errors"].setdefault(g.doc_id, {})[f] = {
                        "spurious": [in_context(x, text) for x in spurious],
                        "missed": [in_context(x, text) for x in missed]}
        report[mode] = {f: totals[f].as_dict() for f in FIELDS}
        if mode == "strict":
            report["macro_f1"] = {f: round(sum(v) / len(v), 4) if v else None for f, v in macro.items()}
    if with_spans:
        report["spans"] = _span_scores(aligned, golds)
        report["rules"] = _rule_precision(aligned, golds)
        report["decisions"] = _decision_precision(aligned, golds)
    return report


SPLITS = ("dev", "test")


def load_split(corpus_dir: Path) -> dict[str, str]:
    """doc_id → ``dev`` or ``test`` from ``corpus/split.json`` (gold documents it does
    not list as test are dev). Absent file: everything is dev."""
    path = corpus_dir / "split.json"
    if not path.is_file():
        return {}
    return {doc_id: "test" for doc_id in json.loads(path.read_text(encoding="utf-8"))["test"]}


def split_of(doc_id: str, split: dict[str, str]) -> str:
    """The split a gold document belongs to."""
    return split.get(doc_id, "dev")


def evaluate_corpus(corpus_dir: Path, devset_dir: Path, lexicon: Lexicon, options: Options, *,
                    baselines: Mapping[str, Callable[[Document], Prediction]] | None = None,
                    ) -> dict[str, dict[str, Any]]:
    """Run the pipeline over every gold document and score each split beside the
    baselines (name → a function from a document to its :class:`Prediction`, such as
    :data:`pipeline.research.baselines.BASELINES`): ``{"dev": {"pipeline": report,
    "baselines": {name: report}}, "test": ...}`` (a split with no gold document is left out)."""
    from pipeline.ingest.sources import file_source
    from pipeline.run.orchestrate import load_document, process_document

    split = load_split(corpus_dir)
    parts: dict[str, tuple[list[Prediction], list[Prediction], list[Document]]] = {name: ([], [], []) for name in SPLITS}
    for gold in iter_gold(corpus_dir, devset_dir):
        doc = load_document(replace(file_source(gold.path), doc_id=gold.doc_id), lexicon)  # as thidua run reads it
        result = process_document(doc, lexicon, options)
        golds, preds, docs = parts[split_of(gold.doc_id, split)]
        preds.append(prediction_from_result(gold.doc_id, result.tables, result.spans, result.decisions))
        golds.append(gold_records(gold))
        docs.append(doc)
    out: dict[str, dict[str, Any]] = {}
    for name, (golds, preds, docs) in parts.items():
        if golds:
            out[name] = {"pipeline": score_documents(preds, golds, texts={d.doc_id: d.text for d in docs}),
                         "baselines": {b: score_documents([predict(d) for d in docs], golds, with_spans=False)
                                       for b, predict in (baselines or {}).items()}}
    return out


def _field_rows(report: dict[str, Any], baselines: dict[str, dict[str, Any]]) -> list[str]:
    rows = []
    for f in FIELDS:
        s, le = report["strict"][f], report["lenient"][f]
        macro = report["macro_f1"][f]
        row = f"| {f} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {le['f1']:.3f} | " \
              f"{'–' if macro is None else format(macro, '.3f')} |"
        for b in baselines.values():
            bf = b["strict"].get(f)
            row += f" {bf['f1']:.3f} |" if bf and (bf["tp"] + bf["fp"]) else " – |"
        rows.append(row)
    return rows


def render_markdown(splits: dict[str, dict[str, Any]]) -> str:
    """The report as Markdown: for each split (``{"dev": {"pipeline": report,
    "baselines": {...}}, "test": ...}``), the field table beside the baselines, then
    spans, rules, decision rules and the errors of each document."""
    lines = ["# thidua evaluation", "",
             "Record level, micro over documents; strict = equal matching keys, lenient = token-overlap "
             "F1 ≥ 0.8. `test` is the split the rules were never tuned on (corpus/split.json).", ""]
    for name, part in splits.items():
        report, baselines = part["pipeline"], part.get("baselines", {})
        lines += [f"## {name} ({report['documents']} gold documents)", "",
                  "| field | P | R | F1 (strict) | F1 (lenient) | macro F1 |" +
                  "".join(f" {b} F1 |" for b in baselines),
                  "|---|---|---|---|---|---|" + "---|" * len(baselines), *_field_rows(report, baselines), ""]
    lines += _rules_side_by_side(splits)
    for name, part in splits.items():
        lines += _detail_lines(name, part["pipeline"])
    return "\n".join(lines) + "\n"


def _rules_side_by_side(splits: dict[str, dict[str, Any]]) -> list[str]:
    """Every extractor and decision rule with its coverage (records, decisions) and
    precision on each split, one row per rule: a rule that fits only the dev split shows."""
    names = list(splits)
    rows: dict[str, dict[str, str]] = {}
    for name, part in splits.items():
        report = part["pipeline"]
        for rule, r in report.get("rules", {}).items():
            rows.setdefault(rule, {})[name] = f"{r['records']} | {r['precision']:.3f}"
        for rule, r in report.get("decisions", {}).items():
            precision = "–" if r["precision"] is None else format(r["precision"], ".3f")
            rows.setdefault(rule, {})[name] = f"{r['decisions']} | {precision}"
    if not rows:
        return []
    head = "| rule |" + "".join(f" {n} n | {n} precision |" for n in names)
    lines = ["## rules: coverage and precision per split", "",
             "Extractor rules count the spans they found, decision rules their decisions.", "",
             head, "|---|" + "---|---|" * len(names)]
    for rule in sorted(rows):
        lines.append(f"| {rule} |" + "".join(f" {rows[rule].get(n, '0 | –')} |" for n in names))
    return lines + [""]


def _detail_lines(name: str, report: dict[str, Any]) -> list[str]:
    """Spans, rules, decision rules and per-document errors of one split."""
    lines: list[str] = []
    if "spans" in report:
        lines += ["", f"## {name}: span level (SemEval-2013, nervaluate)", "", "| schema | P | R | F1 |", "|---|---|---|---|"]
        for schema, r in report["spans"]["overall"].items():
            lines.append(f"| {schema} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |")
        lines += ["", "| label | " + " | ".join(report["spans"]["overall"]) + " |",
                  "|---|" + "---|" * len(report["spans"]["overall"])]
        for label, schemas in report["spans"]["per_label"].items():
            lines.append(f"| {label} | " + " | ".join(f"{v:.3f}" for v in schemas.values()) + " |")
    if "rules" in report:
        lines += ["", f"## {name}: per rule", "", "| rule | spans | precision |", "|---|---|---|"]
        lines += [f"| {rule} | {r['records']} | {r['precision']:.3f} |" for rule, r in report["rules"].items()]
    if report.get("decisions"):
        lines += ["", f"## {name}: per decision rule (resolve)", "", "| rule | decisions | judged by the gold | precision |",
                  "|---|---|---|---|"]
        lines += [f"| {rule} | {r['decisions']} | {r['judged']} | "
                  f"{'–' if r['precision'] is None else format(r['precision'], '.3f')} |"
                  for rule, r in report["decisions"].items()]
    if report["errors"]:
        lines += ["", f"## {name}: errors per document (strict)", ""]
        for doc_id, fields in report["errors"].items():
            lines.append(f"### {doc_id}")
            for f, e in fields.items():
                if e["missed"]:
                    lines.append(f"- {f} missed: " + "; ".join(e["missed"]))
                if e["spurious"]:
                    lines.append(f"- {f} spurious: " + "; ".join(e["spurious"]))
            lines.append("")
    return lines


def write_report(splits: dict[str, dict[str, Any]], out_dir: Path) -> Path:
    """Write ``report.json`` (``{"dev": {"pipeline": ..., "baselines": ...}, "test": ...}``)
    and ``report.md`` into ``out_dir``; returns the Markdown path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.json").write_text(json.dumps(splits, ensure_ascii=False, indent=1), encoding="utf-8")
    md = out_dir / "report.md"
    md.write_text(render_markdown(splits), encoding="utf-8")
    return md
