"""Command line: ``thidua run``, ``export``, ``review``, ``browse``, ``evaluate``, ``bench``,
``labelstudio``, ``validate-gold``, ``train``, ``compare-tagger``. Every subcommand's arguments
are defined here.

Exit status: 0 when every document succeeded, 1 when some input failed (each reported
on one line and in ``errors.csv``), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.lexicon import Lexicon
from pipeline.options import Options
from pipeline.run.store import STORE_NAME

if TYPE_CHECKING:
    from pipeline.research.tagger import TrainParams

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thidua", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract tables from articles into the store and write the tables")
    run.add_argument("inputs", nargs="+",
                     help=".txt/.html files, WARC (.warc, .warc.gz) and JSONL files, directories (recursive)")
    run.add_argument("--out", required=True,
                     help="output directory for the tables (and the store); with --engine spark also a Hadoop URI")
    run.add_argument("--db", type=Path, help=f"the store (default: OUT/{STORE_NAME})")
    run.add_argument("--force", action="store_true", help="re-extract documents already current in the store")
    run.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    run.add_argument("--engine", choices=["local", "spark"], default="local", help="where to run (default: local)")
    run.add_argument("--master", default="local[*]", help="Spark master URL with --engine spark")
    run.add_argument("--csv", action="store_true",
                     help="with --engine spark: also write the CSV tables, registries and datapackage.json")
    run.add_argument("--ner", action=argparse.BooleanOptionalAction, default=False,
                     help="confirm uncued names with underthesea NER (off by default: on the gold it only "
                          "removes true names; see README, Accuracy)")
    run.add_argument("--excel", action="store_true", help="write CSV with a UTF-8 BOM for Excel")
    run.add_argument("--max-bytes", type=int, default=Options.max_bytes, help="reject larger inputs")
    ex = sub.add_parser("export", help="write the tables of a store as CSV or Parquet")
    ex.add_argument("--db", type=Path, help=f"the store (default: OUT/{STORE_NAME})")
    ex.add_argument("--format", choices=["csv", "parquet"], default="csv")
    ex.add_argument("--out", required=True, type=Path, help="output directory")
    ex.add_argument("--excel", action="store_true", help="CSV with a UTF-8 BOM for Excel")
    rv = sub.add_parser("review", help="static HTML pages to check a run's records against the text")
    rv.add_argument("out", type=Path, help="run directory (written by thidua run)")
    rv.add_argument("--site", type=Path, help="site directory (default OUT/review)")
    rv.add_argument("--db", type=Path, help=f"the store (default OUT/{STORE_NAME})")
    br = sub.add_parser("browse", help="serve the store with Datasette (and the review site beside it)")
    br.add_argument("out", type=Path, help="run directory (written by thidua run)")
    br.add_argument("--port", type=int, default=8001, help="port to listen on (default 8001)")
    br.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    br.add_argument("--db", type=Path, help=f"the store (default OUT/{STORE_NAME})")
    br.add_argument("--site", type=Path, help="review site to serve at /review/ (default OUT/review; built when "
                                              "missing or older than the store)")
    bench = sub.add_parser("bench", help="throughput, scaling, memory and re-run benchmark")
    bench.add_argument("--docs", type=int, default=2000, help="documents in the generated corpus")
    bench.add_argument("--json", type=Path, default=ROOT / "reports" / "bench.json", help="where the figures go")
    bench.add_argument("--ner-sample", type=int, default=100_000, help="bytes of text for the NER reference")
    bench.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to measure")
    bench.add_argument("--ner", action=argparse.BooleanOptionalAction, default=False,
                       help="pipeline with NER confirmation")
    bench.add_argument("--scale", type=int, nargs="+", default=[],
                       help="instead: peak memory of one run per corpus size (e.g. 10000 50000)")
    bench.add_argument("--repeat", type=int, default=3,
                       help="runs per measurement; the median is reported (shared machines are noisy)")
    ev = sub.add_parser("evaluate", help="score the pipeline (and baselines) against the gold")
    ev.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="corpus directory with gold/")
    ev.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset",
                    help="development articles (skipped when absent)")
    ev.add_argument("--out", type=Path, default=Path("reports"), help="report directory")
    ev.add_argument("--baseline", action="append", choices=["underthesea", "dateparser"], default=[],
                    help="also score a baseline (repeatable)")
    ev.add_argument("--ner", action=argparse.BooleanOptionalAction, default=False,
                    help="run the pipeline with NER confirmation")
    ls = sub.add_parser("labelstudio", help="Label Studio round trip: export predictions, import corrections")
    ls.add_argument("action", choices=["export", "import"])
    ls.add_argument("paths", nargs="+", type=Path, help="export: articles; import: a Label Studio JSON export")
    ls.add_argument("--out", required=True, type=Path, help="export: tasks JSON file; import: gold directory")
    vg = sub.add_parser("validate-gold", help="check every gold file")
    vg.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    vg.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    tr = sub.add_parser("train", help="train the span tagger (CRF: people, titles, units) on the dev gold")
    tr.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="corpus directory with gold/ and split.json")
    tr.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset",
                    help="development articles (without them only the seeds are learned from)")
    tr.add_argument("--out", type=Path, default=ROOT / "corpus" / "tagger.crfsuite", help="the model file to write")
    _train_params(tr)
    ct = sub.add_parser("compare-tagger",
                        help="rules, tagger and their combinations: dev cross-validated, then test once")
    ct.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="corpus directory with gold/ and split.json")
    ct.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset", help="development articles")
    ct.add_argument("--folds", type=int, default=5, help="cross-validation folds over dev (whole hosts per fold)")
    ct.add_argument("--out", type=Path, default=Path("reports"), help="where tagger.json and tagger.md go")
    ct.add_argument("--dev-only", action="store_true", help="stop after dev: do not train on all of dev nor score test")
    _train_params(ct)
    return parser


def _train_params(parser: argparse.ArgumentParser) -> None:
    """The tagger's training settings (defaults: :class:`pipeline.research.tagger.TrainParams`)."""
    parser.add_argument("--c1", type=float, default=None, help="L1 regularisation (default 0.01)")
    parser.add_argument("--c2", type=float, default=None, help="L2 regularisation (default 0.1)")
    parser.add_argument("--max-iterations", type=int, default=None, help="L-BFGS iterations (default 200)")


def _count_documents(inputs: list[str]) -> int | None:
    """How many documents the inputs hold, when that is cheap to know (no archives)."""
    from pipeline.ingest.sources import is_archive
    from pipeline.ingest.walk import iter_files

    total = 0
    for item in iter_files(inputs):
        if isinstance(item, Path) and is_archive(item):
            return None
        total += 1
    return total


def _run(args: argparse.Namespace) -> int:
    from pipeline.export.outputs import write_run_tables
    from pipeline.run.runner import default_workers, run_to_store
    from pipeline.run.store import Store

    options = Options(ner=args.ner, max_bytes=args.max_bytes, excel=args.excel)
    if args.workers is not None and args.workers < 1:
        print("thidua: --workers must be at least 1", file=sys.stderr)
        return 2
    if args.engine == "spark":
        from pipeline.export.outputs import write_tables_from_parquet
        from pipeline.run.spark_engine import run_spark

        if args.csv and re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", args.out):
            print(f"thidua: --csv needs a local --out, not {args.out}", file=sys.stderr)
            return 2
        started = time.perf_counter()
        counts = run_spark(args.inputs, args.out, options, master=args.master)
        if args.csv:
            write_tables_from_parquet(Path(args.out), excel=options.excel)
        summary = ", ".join(f"{k} {v}" for k, v in counts.items())
        print(f"thidua: spark run in {time.perf_counter() - started:.1f}s -> {args.out} ({summary})")
        return 1 if counts.get("errors") else 0

    def report(error) -> None:
        print(f"thidua: {error.source}: {error.reason} (skipped)", file=sys.stderr)

    started = time.perf_counter()
    workers = args.workers or default_workers()
    out = Path(args.out)
    with Store(args.db or out / STORE_NAME) as store:
        stats = run_to_store(args.inputs, store, options, workers=workers,
                             force=args.force, total=_count_documents(args.inputs), on_error=report)
        written = write_run_tables(store, out, excel=options.excel, workers=workers)
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{k} {v}" for k, v in written.items()) if written else "tables already up to date"
    print(f"thidua: {stats.processed} document(s) extracted, {stats.skipped} already current, "
          f"{stats.failed} error(s) in {elapsed:.1f}s -> {args.out} ({summary})")
    return 1 if stats.failed else 0


def _export(args: argparse.Namespace) -> int:
    from pipeline.export.outputs import write_run_tables
    from pipeline.export.parquet import write_parquet
    from pipeline.run.store import Store

    db = args.db or args.out / STORE_NAME
    if not db.is_file():
        print(f"thidua: no store at {db} (give --db)", file=sys.stderr)
        return 2
    with Store(db) as store:
        counts = write_parquet(store, args.out) if args.format == "parquet" else write_run_tables(
            store, args.out, excel=args.excel, always=True)
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    print(f"thidua: {args.format} -> {args.out} ({summary})")
    return 0


def _store_path(args: argparse.Namespace) -> Path | None:
    """The store of a run directory (``--db`` else ``OUT/thidua.sqlite``), None when absent (reported)."""
    db: Path = args.db or args.out / STORE_NAME
    if not db.is_file():
        print(f"thidua: {db}: no store here (is {args.out} the output of `thidua run`? else give --db)",
              file=sys.stderr)
        return None
    return db


def _review(args: argparse.Namespace) -> int:
    from pipeline.review.site import build_site
    from pipeline.run.store import Store

    db = _store_path(args)
    if db is None:
        return 2
    with Store(db, readonly=True) as store:
        index = build_site(store, args.site or args.out / "review")
    print(f"thidua: review site -> {index}")
    return 0


def _browse(args: argparse.Namespace) -> int:
    from pipeline.review.browse import metadata, serve
    from pipeline.review.site import build_site, site_generation
    from pipeline.run.store import Store

    db = _store_path(args)
    if db is None:
        return 2
    site = args.site or args.out / "review"
    with Store(db) as store:  # writable: the search index is (re)built here, never by thidua run
        if store.refresh_search():
            print(f"thidua: search index built over {store.count():,} document(s)")
        if site_generation(site) != store.generation():
            print(f"thidua: building the review site in {site} ...")
            build_site(store, site)
        meta = metadata(db.stem, {name: store.columns(name) for name in store.objects()}, review=True,
                        documents=store.count())
    print(f"thidua: serving {db} at http://{args.host}:{args.port}/{db.stem} (review site: "
          f"http://{args.host}:{args.port}/review/index.html); Ctrl-C stops", flush=True)
    serve(db, site=site, host=args.host, port=args.port, meta=meta)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline.research.baselines import BASELINES
    from pipeline.research.evaluate import evaluate_corpus, write_report

    splits = evaluate_corpus(args.corpus, args.devset, Lexicon.load(), Options(ner=args.ner),
                             baselines={name: BASELINES[name] for name in args.baseline})
    if not splits:
        print("thidua: no gold documents found", file=sys.stderr)
        return 2
    md = write_report(splits, args.out)
    print(md.read_text(encoding="utf-8").split("\n## dev: ")[0].split("\n## test: ")[0])
    print(f"thidua: report written to {md} and {md.with_suffix('.json')}")
    return 0


def _labelstudio(args: argparse.Namespace) -> int:
    import json

    from pipeline.research.labelstudio import LABEL_CONFIG, from_export, to_tasks
    from pipeline.run.orchestrate import ErrorRecord, run

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


def _validate_gold(args: argparse.Namespace) -> int:
    from pipeline.research.gold import check_all

    lines, checked = check_all(args.corpus, args.devset)
    problems = [line for line in lines if not line.endswith("text not available, skipped")]
    for line in lines:
        print(line)
    print("gold: OK" if not problems else f"gold: {len(problems)} problem(s)", f"({checked} file(s) checked)")
    return 1 if problems else 0


def _params(args: argparse.Namespace) -> TrainParams:
    """The training settings given on the command line, the defaults for the rest."""
    from dataclasses import replace

    from pipeline.research.tagger import TrainParams

    given = {k: v for k, v in (("c1", args.c1), ("c2", args.c2), ("max_iterations", args.max_iterations))
             if v is not None}
    return replace(TrainParams(), **given)


def _train(args: argparse.Namespace) -> int:
    from pipeline.research.tagger import iter_train_docs, train, training_examples

    golds = list(iter_train_docs(args.corpus, args.devset))
    if not golds:
        print(f"thidua: no dev gold documents with text under {args.corpus}", file=sys.stderr)
        return 2
    if not args.devset.is_dir():
        print(f"thidua: {args.devset} is absent: training on the {len(golds)} seed article(s) alone", file=sys.stderr)
    started = time.perf_counter()
    out = train(training_examples(golds), Lexicon.load(), args.out, _params(args))
    print(f"thidua: tagger trained on {len(golds)} dev document(s) in {time.perf_counter() - started:.1f}s "
          f"-> {out} ({out.stat().st_size:,} bytes)")
    return 0


def _compare_tagger(args: argparse.Namespace) -> int:
    import json

    from pipeline.research.tagger import compare, render_comparison

    if args.folds < 2:
        print("thidua: --folds must be at least 2", file=sys.stderr)
        return 2
    report = compare(args.corpus, args.devset, Lexicon.load(), folds=args.folds, params=_params(args),
                     test=not args.dev_only, log=lambda m: print(f"thidua: {m}", file=sys.stderr))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "tagger.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    md = render_comparison(report)
    (args.out / "tagger.md").write_text(md, encoding="utf-8")
    print(md)
    print(f"thidua: comparison written to {args.out / 'tagger.md'} and {args.out / 'tagger.json'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``thidua`` console script."""
    parser = _parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.command == "bench":
        from pipeline.research.bench import run_bench

        return run_bench(args)
    commands = {"run": _run, "export": _export, "review": _review, "browse": _browse, "evaluate": _evaluate,
                "labelstudio": _labelstudio, "validate-gold": _validate_gold, "train": _train,
                "compare-tagger": _compare_tagger}
    return commands[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
