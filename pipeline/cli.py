"""Command line: ``thidua run``, ``export``, ``review``, ``browse``, ``evaluate``, ``bench``,
``labelstudio``, ``validate-gold``, ``train``, ``compare-tagger``. Every subcommand's arguments
are defined here.

Exit status: 0 when every document succeeded, 1 when some input failed (each reported
on one line and in ``errors.csv``), 2 for a usage or I/O problem (one line naming the path
and the reason: a missing input, an unusable ``--out`` or store, a full disk), 130 when
interrupted (Ctrl-C: the documents stored so far stay, a rerun continues).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.lexicon import Lexicon
from pipeline import __version__
from pipeline.options import Options
from pipeline.run.store import STORE_NAME

if TYPE_CHECKING:
    from pipeline.research.tagger import TrainParams

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thidua", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"thidua {__version__}")
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
    run.add_argument("--doc-timeout", type=float, default=Options.doc_timeout, metavar="SECONDS",
                     help=f"a document taking longer is an error row (default {Options.doc_timeout:g}; 0: no limit)")
    run.add_argument("--prune", action="store_true",
                     help="remove from the store the documents whose every input is gone")
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
                       help="rounds of measurement; medians are reported (shared machines are noisy)")
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


def _scan(inputs: list[str], skip) -> tuple[int | None, list[str]]:
    """How many documents the inputs hold, when that is cheap to know (None with an
    archive), and the named directories that hold no input at all."""
    from pipeline.ingest.sources import is_archive
    from pipeline.ingest.walk import iter_files

    total: int | None = 0
    empty = []
    for item in inputs:
        found = 0
        for path in iter_files([item], skip=skip):
            found += 1
            if total is not None and isinstance(path, Path) and is_archive(path):
                total = None
        if total is not None:
            total += found
        if not found and Path(item).is_dir():
            empty.append(item)
    return total, empty


def _fail(message: str) -> int:
    print(f"thidua: {message}", file=sys.stderr)
    return 2


def _usable_out(out: Path) -> str | None:
    """Why ``--out`` cannot be written, or None (the directory is created)."""
    if out.exists() and not out.is_dir():
        return f"{out}: not a directory (--out names the directory the tables go to)"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"{out}: cannot create the output directory ({(exc.strerror or str(exc)).lower()})"
    probe = out / f".thidua-probe-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return f"{out}: cannot write in the output directory ({(exc.strerror or str(exc)).lower()})"
    return None


def _missing_inputs(inputs: list[str]) -> list[str]:
    """The inputs named on the command line that do not exist (a usage error)."""
    missing = []
    for item in inputs:
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]+://", item):
            continue  # a Hadoop URI (--engine spark): the executors read it
        try:
            os.stat(item)
        except (FileNotFoundError, NotADirectoryError):
            missing.append(item)
        except (OSError, ValueError):
            pass  # exists but cannot be reached: that input's error row
    return missing


def _run_checks(args: argparse.Namespace) -> str | None:
    """The first usage problem of ``thidua run``, or None."""
    if args.workers is not None and args.workers < 1:
        return "--workers must be at least 1"
    if args.max_bytes < 1:
        return f"--max-bytes must be a positive number of bytes, not {args.max_bytes}"
    if not args.doc_timeout >= 0:
        return f"--doc-timeout must be 0 (no limit) or more seconds, not {args.doc_timeout:g}"
    missing = _missing_inputs(args.inputs)
    if missing:
        return "\nthidua: ".join(f"{m}: no such file or directory" for m in missing)
    if args.engine == "spark":
        import importlib.util

        if importlib.util.find_spec("pyspark") is None:
            return "--engine spark needs pyspark: pip install -e \".[spark]\" (and Java 17 on the PATH)"
        return None
    return _usable_out(Path(args.out))


def _interrupted(db: Path) -> int:
    """The Ctrl-C message: how many documents are stored, and that a rerun continues."""
    from pipeline.run.store import Store, StoreError

    try:
        with Store(db) as store:
            stored = store.count()
        where = f"{stored} document(s) are in the store {db}"
    except (StoreError, OSError):
        where = f"the documents finished so far are in the store {db}"
    print(f"\nthidua: interrupted: {where}; run the same command again to continue", file=sys.stderr)
    return 130


def _run(args: argparse.Namespace) -> int:
    problem = _run_checks(args)
    if problem:
        return _fail(problem)
    options = Options(ner=args.ner, max_bytes=args.max_bytes, excel=args.excel, doc_timeout=args.doc_timeout)
    if args.engine == "spark":
        from pipeline.export.outputs import write_tables_from_parquet
        from pipeline.run.spark_engine import run_spark

        if args.csv and re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", args.out):
            return _fail(f"--csv needs a local --out, not {args.out}")
        started = time.perf_counter()
        counts = run_spark(args.inputs, args.out, options, master=args.master)
        if args.csv:
            write_tables_from_parquet(Path(args.out), excel=options.excel)
        summary = ", ".join(f"{k} {v}" for k, v in counts.items())
        print(f"thidua: spark run in {time.perf_counter() - started:.1f}s -> {args.out} ({summary})")
        return 1 if counts.get("errors") else 0
    from pipeline.run.lock import Busy, output_lock
    from pipeline.run.store import StoreError

    args.out = Path(args.out)
    db = args.db or args.out / STORE_NAME
    try:
        with output_lock(args.out):
            return _run_locked(args, options, db)
    except Busy as exc:
        return _fail(str(exc))
    except StoreError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _interrupted(db)


def _run_locked(args: argparse.Namespace, options: Options, db: Path) -> int:
    from pipeline.export.outputs import write_run_tables
    from pipeline.ingest.walk import file_identity
    from pipeline.run.runner import default_workers, run_to_store
    from pipeline.run.store import Store

    def report(error) -> None:
        if error.stage == "warning":
            print(f"thidua: {error.source}: warning: {error.reason} (kept)", file=sys.stderr)
        else:
            print(f"thidua: {error.source}: {error.reason} (skipped)", file=sys.stderr)

    started = time.perf_counter()
    workers = args.workers or default_workers()
    with Store(db) as store:
        skip = {ident for ident in (file_identity(args.out), file_identity(db)) if ident is not None}
        total, empty = _scan(args.inputs, skip)
        for folder in empty:
            print(f"thidua: warning: {folder}: no input files here (.txt, .html, .htm, .warc, .warc.gz, .jsonl)",
                  file=sys.stderr)
        stats = run_to_store(args.inputs, store, options, workers=workers, force=args.force, total=total,
                             on_error=report, prune=args.prune, skip_paths=skip)
        written = write_run_tables(store, args.out, excel=options.excel, workers=workers)
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{k} {v}" for k, v in written.items()) if written else "tables already up to date"
    extra = "".join([f", {stats.copies} copy(ies) of other inputs" if stats.copies else "",
                     f", {stats.pruned} pruned" if args.prune else "",
                     f", {stats.duplicates} near-duplicate(s)" if stats.duplicates else ""])
    print(f"thidua: {stats.processed} document(s) extracted, {stats.skipped} already current, "
          f"{stats.failed} error(s){extra} in {elapsed:.1f}s -> {args.out} ({summary})")
    return 1 if stats.failed else 0


def _export(args: argparse.Namespace) -> int:
    from pipeline.export.outputs import write_run_tables
    from pipeline.export.parquet import write_parquet
    from pipeline.run.lock import Busy, output_lock
    from pipeline.run.store import Store, StoreError

    db = args.db or args.out / STORE_NAME
    if not db.is_file():
        return _fail(f"no store at {db} (give --db)")
    problem = _usable_out(args.out)
    if problem:
        return _fail(problem)
    try:
        with output_lock(args.out), Store(db) as store:
            counts = write_parquet(store, args.out) if args.format == "parquet" else write_run_tables(
                store, args.out, excel=args.excel, always=True)
    except (Busy, StoreError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print(f"\nthidua: interrupted: the files in {args.out} are as they were; run the export again",
              file=sys.stderr)
        return 130
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
    from pipeline.run.store import StoreError

    try:
        with Store(db, readonly=True) as store:
            index = build_site(store, args.site or args.out / "review")
    except StoreError as exc:
        return _fail(str(exc))
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
    return _labelstudio_export(args) if args.action == "export" else _labelstudio_import(args)


def _labelstudio_export(args: argparse.Namespace) -> int:
    import hashlib
    import json

    from pipeline.ingest.sources import HTML_SUFFIXES
    from pipeline.research.labelstudio import LABEL_CONFIG, TaskDocument, to_tasks
    from pipeline.run.orchestrate import ErrorRecord, run

    missing = _missing_inputs([str(p) for p in args.paths])
    if missing:
        return _fail("\nthidua: ".join(f"{m}: no such file or directory" for m in missing))
    docs, failed = [], 0
    for result in run([str(p) for p in args.paths], Lexicon.load(), Options(ner=False)):
        if isinstance(result, ErrorRecord):
            print(f"thidua: {result.source}: {result.reason} (skipped)", file=sys.stderr)
            failed += 1
            continue
        row = result.tables["documents"][0]
        source = str(row.get("source") or "")
        path = Path(source)
        is_file = "://" not in source and path.is_file()
        data = {"source": source, "url": "" if is_file else source, "path": str(path.resolve()) if is_file else "",
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest() if is_file else row.get("sha256") or "",
                "kind": "html" if path.suffix.lower() in HTML_SUFFIXES else "text"}
        docs.append(TaskDocument(result.doc_id, result.text, result.spans, result.tables, data))
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(to_tasks(docs), ensure_ascii=False, indent=1), encoding="utf-8")
        args.out.with_suffix(".xml").write_text(LABEL_CONFIG, encoding="utf-8")
    except OSError as exc:
        return _fail(f"{args.out}: cannot write the tasks ({(exc.strerror or str(exc)).lower()})")
    print(f"thidua: {len(docs)} task(s) -> {args.out} (labelling config {args.out.with_suffix('.xml')})")
    return 1 if failed else 0


def _labelstudio_import(args: argparse.Namespace) -> int:
    import json

    from pipeline.research.labelstudio import LabelStudioError, from_export

    golds = []
    for path in args.paths:
        try:
            tasks = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return _fail(f"{path}: no such file")
        except IsADirectoryError:
            return _fail(f"{path}: a directory, not a Label Studio JSON export")
        except (OSError, UnicodeDecodeError) as exc:
            return _fail(f"{path}: cannot read it ({getattr(exc, 'strerror', None) or exc})")
        except json.JSONDecodeError as exc:
            return _fail(f"{path}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        try:
            found, skipped = from_export(tasks)
        except LabelStudioError as exc:
            return _fail(f"{path}: {exc}")
        if skipped:
            print(f"thidua: {path}: {skipped} task(s) without a human annotation left out", file=sys.stderr)
        golds += found
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for gold in golds:
            (args.out / f"{gold['doc_id']}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                                             encoding="utf-8")
    except OSError as exc:
        return _fail(f"{args.out}: cannot write the gold ({(exc.strerror or str(exc)).lower()})")
    print(f"thidua: {len(golds)} gold file(s) -> {args.out}")
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
