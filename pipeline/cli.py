"""Command line: ``thidua run``, ``thidua evaluate``, ``thidua validate-gold``.

Exit status: 0 when every document succeeded, 1 when some input failed (each reported
on one line and in ``errors.csv``), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from extractors.lexicon import Lexicon
from pipeline.options import Options

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thidua", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract tables from articles")
    run.add_argument("inputs", nargs="+", help=".txt/.html files and directories (recursive)")
    run.add_argument("--out", required=True, type=Path, help="output directory for the tables")
    run.add_argument("--no-ner", action="store_true", help="do not confirm uncued names with underthesea NER")
    run.add_argument("--excel", action="store_true", help="write CSV with a UTF-8 BOM for Excel")
    run.add_argument("--max-bytes", type=int, default=Options.max_bytes, help="reject larger inputs")
    ev = sub.add_parser("evaluate", help="score the pipeline (and baselines) against the gold")
    ev.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="corpus directory with gold/")
    ev.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset",
                    help="development articles (skipped when absent)")
    ev.add_argument("--out", type=Path, default=Path("reports"), help="report directory")
    ev.add_argument("--baseline", action="append", choices=["underthesea", "dateparser"], default=[],
                    help="also score a baseline (repeatable)")
    ev.add_argument("--no-ner", action="store_true", help="run the pipeline without NER confirmation")
    ls = sub.add_parser("labelstudio", help="Label Studio round trip: export predictions, import corrections")
    ls.add_argument("action", choices=["export", "import"])
    ls.add_argument("paths", nargs="+", type=Path, help="export: articles; import: a Label Studio JSON export")
    ls.add_argument("--out", required=True, type=Path, help="export: tasks JSON file; import: gold directory")
    vg = sub.add_parser("validate-gold", help="check every gold file")
    vg.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    vg.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    return parser


def _run(args: argparse.Namespace) -> int:
    from pipeline.export import write_tables
    from pipeline.orchestrate import ErrorRecord, run

    options = Options(ner=not args.no_ner, max_bytes=args.max_bytes, excel=args.excel)
    lexicon = Lexicon.load()
    failed = 0
    done = 0

    def stream():
        nonlocal failed, done
        for result in run(args.inputs, lexicon, options):
            if isinstance(result, ErrorRecord):
                failed += 1
                print(f"thidua: {result.source}: {result.reason} (skipped)", file=sys.stderr)
            else:
                done += 1
            yield result

    started = time.perf_counter()
    counts = write_tables(stream(), args.out, excel=options.excel)
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    print(f"thidua: {done} document(s), {failed} error(s) in {elapsed:.1f}s -> {args.out} ({summary})")
    return 1 if failed else 0


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline.baselines import BASELINES
    from pipeline.evaluate import gold_records, prediction_from_result, score_documents, write_report
    from pipeline.gold import iter_gold
    from pipeline.ingest import document_from_text
    from pipeline.orchestrate import process_document

    lexicon = Lexicon.load()
    options = Options(ner=not args.no_ner)
    golds, preds, docs = [], [], []
    for gold in iter_gold(args.corpus, args.devset):
        doc = document_from_text(gold.doc_id, gold.path.read_text(encoding="utf-8"), lexicon,
                                 source=str(gold.path), raw_bytes=gold.path.read_bytes())
        result = process_document(doc, lexicon, options)
        preds.append(prediction_from_result(gold.doc_id, result.tables, result.spans))
        golds.append(gold_records(gold))
        docs.append(doc)
    if not golds:
        print("thidua: no gold documents found", file=sys.stderr)
        return 2
    report = score_documents(preds, golds, texts={d.doc_id: d.text for d in docs})
    baselines = {}
    for name in args.baseline:
        base_preds = [BASELINES[name](doc) for doc in docs]
        baselines[name] = score_documents(base_preds, golds, with_spans=False)
    md = write_report(report, baselines, args.out)
    print(md.read_text(encoding="utf-8").split("\n## Errors")[0])
    print(f"thidua: report written to {md} and {md.with_suffix('.json')}")
    return 0


def _labelstudio(args: argparse.Namespace) -> int:
    import json

    from pipeline.labelstudio import LABEL_CONFIG, from_export, to_tasks
    from pipeline.orchestrate import ErrorRecord, run

    if args.action == "export":
        lexicon = Lexicon.load()
        docs = [(r.doc_id, r.text, r.spans) for r in run([str(p) for p in args.paths], lexicon, Options(ner=False))
                if not isinstance(r, ErrorRecord)]
        args.out.write_text(json.dumps(to_tasks(docs), ensure_ascii=False, indent=1), encoding="utf-8")
        args.out.with_suffix(".xml").write_text(LABEL_CONFIG, encoding="utf-8")
        print(f"thidua: {len(docs)} task(s) -> {args.out} (labeling config {args.out.with_suffix('.xml')})")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in args.paths:
        for gold in from_export(json.loads(path.read_text(encoding="utf-8"))):
            (args.out / f"{gold['doc_id']}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1),
                                                             encoding="utf-8")
            count += 1
    print(f"thidua: {count} gold file(s) -> {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``thidua`` console script."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.command == "run":
        return _run(args)
    if args.command == "evaluate":
        return _evaluate(args)
    if args.command == "labelstudio":
        return _labelstudio(args)
    from pipeline.gold import main as validate

    return validate([str(args.corpus), str(args.devset)])


if __name__ == "__main__":
    raise SystemExit(main())
