"""Benchmark: throughput, scaling, memory and re-run cost of ``thidua run``.

``thidua bench`` builds a corpus of N documents (default 2,000) by varying the bundled
articles and, when present, the development articles (paragraphs reordered and mixed
between articles, numbers shifted, a unique line added, so no two documents are equal),
then measures in one go:

- a full run, ingest to tables, with 1 worker and with 2 workers (each a fresh store,
  each the real command in its own process): KB/s and docs/s, per core;
- a second run over the same documents with the filled store (the re-run cost);
- the peak resident memory of the whole process tree (main process plus workers);
- underthesea's ``ner`` alone over a sample of the same text, as the reference.

The measurements are taken in rounds (``--repeat``, default 3): each round runs every
worker count and then ``ner``, back to back. Times are the medians over the rounds; each
ratio is the median of the ratios within a round, so the drift of a shared machine's
speed between minutes cancels out of it (``measure_rounds``, ``paired_ratios``).

With ``--scale 10000 50000`` it measures memory at scale instead: one run per corpus size
(the largest ``--workers``, a fresh store each), its time and the peak resident memory of
the whole process tree, and the ratio of the largest size's peak to the smallest's (flat
memory: close to 1). The machine's load average is recorded beside every report.

Figures and ratios go to a JSON file (default ``reports/bench.json``) and are printed.
This is a script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_JSON", "bench_table", "build_corpus", "measure_rounds", "measure_run", "paired_ratios", "run_bench"]

ROOT = Path(__file__).resolve().parent.parent.parent
DEVSET = ROOT.parent / "shared" / "devset"
DEFAULT_JSON = ROOT / "reports" / "bench.json"


def _base_articles() -> list[str]:
    paths = sorted((ROOT / "corpus" / "articles").glob("*.txt"))
    if DEVSET.is_dir():
        paths += sorted(DEVSET.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def _vary(text: str, donor: str, rng: random.Random, n: int) -> str:
    """One variant: head kept, body paragraphs shuffled, one donor paragraph mixed in,
    small numbers shifted, a unique closing line."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    head, body = paras[:2], paras[2:]
    rng.shuffle(body)
    donor_paras = [p for p in donor.split("\n\n")[2:] if p.strip()]
    if donor_paras:
        body.insert(rng.randrange(len(body) + 1), rng.choice(donor_paras))
    shift = rng.randrange(1, 9)
    body = [re.sub(r"(?<![\d/.-])(\d{1,2})(?= (?:cá nhân|tập thể|đơn vị|đồng chí))",
                   lambda m: str(int(m.group(1)) + shift), p) for p in body]
    return "\n\n".join(head + body + [f"(Bản tin số {n})"]) + "\n"


def build_corpus(out_dir: Path, n: int, *, seed: int = 13) -> int:
    """Write ``n`` varied articles into ``out_dir``; returns their total size in bytes."""
    bases = _base_articles()
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        text = _vary(bases[i % len(bases)], bases[rng.randrange(len(bases))], rng, i)
        data = text.encode("utf-8")
        (out_dir / f"bench-{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def _children(pid: int) -> list[int]:
    """Direct children of a process, from /proc/PID/task/*/children (cheap: no full scan)."""
    kids: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return kids
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", encoding="utf-8") as f:
                kids.extend(int(k) for k in f.read().split())
        except OSError:
            continue
    return kids


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(_children(p))
        try:
            with open(f"/proc/{p}/status", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def measure_run(inputs: Path, out: Path, workers: int, *, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """Run ``thidua run`` in a child process; wall time and peak RSS of its process tree."""
    cmd = [sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(out), "--workers", str(workers), *extra]
    peak = 0
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr[-2000:]}")
    return {"workers": workers, "seconds": round(elapsed, 3), "peak_rss_mb": round(peak / 2**20, 1),
            "summary": stdout.strip().splitlines()[-1] if stdout.strip() else ""}


def ner_reference(inputs: Path, sample_bytes: int) -> dict[str, Any]:
    """underthesea's ``ner`` alone over the first ``sample_bytes`` of the corpus text."""
    from underthesea import ner

    from pipeline.normalize import normalize_text
    from pipeline.segment import sentences

    texts, size = [], 0
    for path in sorted(inputs.glob("*.txt")):
        text = normalize_text(path.read_text(encoding="utf-8"))
        texts.append(text)
        size += len(text.encode("utf-8"))
        if size >= sample_bytes:
            break
    ner("Khởi động mô hình.")  # load the model outside the timing
    started = time.perf_counter()
    for text in texts:
        for start, end in sentences(text, 0, len(text)):
            ner(text[start:end])
    elapsed = time.perf_counter() - started
    return {"bytes": size, "seconds": round(elapsed, 3), "kb_per_s": round(size / 1024 / elapsed, 2)}


def _median(trials: list[dict[str, Any]]) -> dict[str, Any]:
    """The trial with the median time, with every trial's time and the highest peak RSS."""
    ordered = sorted(trials, key=lambda t: t["seconds"])
    middle = ordered[(len(ordered) - 1) // 2]
    return {**middle, "trials_seconds": [t["seconds"] for t in trials],
            "peak_rss_mb": max(t["peak_rss_mb"] for t in trials)}


def _rates(run: dict[str, Any], size: int, docs: int) -> dict[str, Any]:
    seconds, workers = run["seconds"], run["workers"]
    return {**run, "kb_per_s": round(size / 1024 / seconds, 1), "docs_per_s": round(docs / seconds, 1),
            "kb_per_s_per_core": round(size / 1024 / seconds / workers, 1),
            "docs_per_s_per_core": round(docs / seconds / workers, 1)}


def _machine() -> dict[str, Any]:
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def run_scale(args: argparse.Namespace) -> dict[str, Any]:
    """Peak memory at scale: one run per size of ``args.scale``, with the largest ``args.workers``."""
    extra = ("--ner",) if args.ner else ("--no-ner",)
    workers = max(args.workers)
    runs = []
    for docs in args.scale:
        with tempfile.TemporaryDirectory(prefix="thidua-bench-") as tmp:
            corpus = Path(tmp) / "corpus"
            size = build_corpus(corpus, docs)
            load_before = [round(x, 2) for x in os.getloadavg()]
            run = measure_run(corpus, Path(tmp) / "out", workers, extra=extra)
            runs.append({**_rates(run, size, docs), "documents": docs, "bytes": size,
                         "load_average_before": load_before, "load_average_after": [round(x, 2) for x in os.getloadavg()]})
            print(f"bench: {docs} documents, {workers} worker(s): {runs[-1]}", file=sys.stderr)
    smallest, largest = min(runs, key=lambda r: r["documents"]), max(runs, key=lambda r: r["documents"])
    return {"machine": _machine(), "scale": runs,
            "rss_ratio_largest_to_smallest": round(largest["peak_rss_mb"] / smallest["peak_rss_mb"], 3)}


def measure_rounds(workers: list[int], repeat: int, run: Callable[[int, int], dict[str, Any]],
                   reference: Callable[[int], dict[str, Any]]) -> list[dict[str, Any]]:
    """``repeat`` rounds, each a run per worker count and then ``ner`` alone, back to back:
    a shared machine's speed drifts by a fifth within the hour, and a ratio taken within
    one round compares figures measured minutes apart at most. The worker counts take
    turns going first (ascending in even rounds, descending in odd ones), so drift within
    a round does not always favour the same count.

    >>> order = []
    >>> rounds = measure_rounds([1, 2], 2, lambda w, k: order.append((k, w)) or {"seconds": w},
    ...                         lambda k: order.append((k, "ner")) or {"kb_per_s": 1.0})
    >>> order
    [(0, 1), (0, 2), (0, 'ner'), (1, 2), (1, 1), (1, 'ner')]
    >>> rounds[1]["runs"]
    {1: {'seconds': 1}, 2: {'seconds': 2}}
    """
    rounds = []
    for k in range(repeat):
        order = sorted(workers, reverse=k % 2 == 1)
        trials = {w: run(w, k) for w in order}
        rounds.append({"runs": {w: trials[w] for w in sorted(workers)}, "ner": reference(k)})
    return rounds


def _round_ratios(one: dict[str, Any]) -> dict[str, float | None]:
    runs = one["runs"]
    first = runs[min(runs)]
    return {"speedup_2_vs_1": round(first["seconds"] / runs[2]["seconds"], 3) if 1 in runs and 2 in runs else None,
            "per_core_vs_ner": round(first["kb_per_s_per_core"] / one["ner"]["kb_per_s"], 2)}


def paired_ratios(rounds: list[dict[str, Any]]) -> dict[str, float | None]:
    """The ratios of a bench: for each, the median over the rounds of the ratio within the
    round (2 workers against 1; 1 worker's KB/s per core against ``ner``'s KB/s).

    >>> r = lambda t1, t2, ner: {"runs": {1: {"seconds": t1, "kb_per_s_per_core": 100 / t1},
    ...                                   2: {"seconds": t2, "kb_per_s_per_core": 50 / t2}}, "ner": {"kb_per_s": ner}}
    >>> paired_ratios([r(10, 5, 1.0), r(12, 7, 0.8), r(20, 10, 0.5)])
    {'speedup_2_vs_1': 2.0, 'per_core_vs_ner': 10.0}
    """
    each = [_round_ratios(one) for one in rounds]
    out: dict[str, float | None] = {}
    for name in ("speedup_2_vs_1", "per_core_vs_ner"):
        values = sorted(v for e in each if (v := e[name]) is not None)
        out[name] = round(values[(len(values) - 1) // 2], 2 if name == "speedup_2_vs_1" else 1) if values else None
    return out


def _median_reference(trials: list[dict[str, Any]]) -> dict[str, Any]:
    ordered = sorted(trials, key=lambda t: t["seconds"])
    return {**ordered[(len(ordered) - 1) // 2], "trials_kb_per_s": [t["kb_per_s"] for t in trials]}


def run_bench(args: argparse.Namespace) -> int:
    """``thidua bench`` (options in :mod:`pipeline.cli`): build the corpus, measure, write
    the JSON report; 0."""
    if args.scale:
        report = run_scale(args)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    extra = ("--ner",) if args.ner else ("--no-ner",)
    with tempfile.TemporaryDirectory(prefix="thidua-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        size = build_corpus(corpus, args.docs)
        print(f"bench: {args.docs} documents, {size / 1024:.0f} KB in {corpus}", file=sys.stderr)

        def run(workers: int, k: int) -> dict[str, Any]:
            trial = _rates(measure_run(corpus, Path(tmp) / f"out-{workers}-{k}", workers, extra=extra), size, args.docs)
            print(f"bench: round {k + 1}, {workers} worker(s): {trial['seconds']} s", file=sys.stderr)
            return trial

        def reference(k: int) -> dict[str, Any]:
            found = ner_reference(corpus, args.ner_sample)
            print(f"bench: round {k + 1}, underthesea ner alone: {found}", file=sys.stderr)
            return found

        rounds = measure_rounds(args.workers, args.repeat, run, reference)
        last = max(args.workers)
        reruns = [measure_run(corpus, Path(tmp) / f"out-{last}-{k}", last, extra=extra) for k in range(args.repeat)]
        rerun = _median(reruns)
        print(f"bench: re-run: {rerun}", file=sys.stderr)
    runs = {w: _median([r["runs"][w] for r in rounds]) for w in args.workers}
    ner = _median_reference([r["ner"] for r in rounds])
    best = runs[last]
    report = {
        "machine": _machine(),
        "corpus": {"documents": args.docs, "bytes": size, "ner": args.ner, "repeat": args.repeat},
        "runs": list(runs.values()),
        "rerun": {**rerun, "fraction_of_first": round(rerun["seconds"] / best["seconds"], 4)},
        "underthesea_ner": ner,
        "ratios": {**paired_ratios(rounds), "rerun_fraction": round(rerun["seconds"] / best["seconds"], 4)},
        "rounds": [{"seconds": {str(w): t["seconds"] for w, t in r["runs"].items()},
                    "ner_kb_per_s": r["ner"]["kb_per_s"], **_round_ratios(r)} for r in rounds],
        "peak_rss_mb": max(r["peak_rss_mb"] for r in [*runs.values(), rerun]),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(bench_table(report))
    print(f"\nbench: every figure in {args.json}")
    return 0


def bench_table(report: dict[str, Any]) -> str:
    """The figures of a benchmark report as the README's table, and its ratios.

    >>> print(bench_table({"corpus": {"documents": 2, "bytes": 2048}, "runs": [{"workers": 1, "seconds": 1.0,
    ...     "kb_per_s": 2.0, "kb_per_s_per_core": 2.0, "docs_per_s_per_core": 2.0, "peak_rss_mb": 100.0}],
    ...     "rerun": {"seconds": 0.1, "peak_rss_mb": 30.0}, "underthesea_ner": {"kb_per_s": 1.0},
    ...     "ratios": {"speedup_2_vs_1": None, "per_core_vs_ner": 2.0, "rerun_fraction": 0.1}}))
    2 documents, 2 KB
    <BLANKLINE>
    | | seconds | KB/s | KB/s per core | docs/s per core | peak RSS (tree) |
    |---|---|---|---|---|---|
    | 1 worker | 1.0 | 2 | 2 | 2.0 | 100 MB |
    | second run, same inputs | 0.10 | – | – | – | 30 MB |
    | underthesea `ner` alone | – | 1.0 | 1.0 | – | – |
    <BLANKLINE>
    1 worker: 2.0x underthesea's ner alone; second run: 10.0 % of the first
    """
    corpus = report["corpus"]
    lines = [f"{corpus['documents']:,} documents, {corpus['bytes'] / 1024:,.0f} KB", "",
             "| | seconds | KB/s | KB/s per core | docs/s per core | peak RSS (tree) |", "|---|---|---|---|---|---|"]
    for run in report["runs"]:
        label = f"{run['workers']} worker{'s' if run['workers'] > 1 else ''}"
        lines.append(f"| {label} | {run['seconds']:.1f} | {run['kb_per_s']:.0f} | {run['kb_per_s_per_core']:.0f} | "
                     f"{run['docs_per_s_per_core']:.1f} | {run['peak_rss_mb']:.0f} MB |")
    rerun, ner, ratios = report["rerun"], report["underthesea_ner"], report["ratios"]
    lines.append(f"| second run, same inputs | {rerun['seconds']:.2f} | – | – | – | {rerun['peak_rss_mb']:.0f} MB |")
    lines.append(f"| underthesea `ner` alone | – | {ner['kb_per_s']:.1f} | {ner['kb_per_s']:.1f} | – | – |")
    summary = [f"1 worker: {ratios['per_core_vs_ner']}x underthesea's ner alone"]
    if ratios.get("speedup_2_vs_1") is not None:
        summary.append(f"2 workers: {ratios['speedup_2_vs_1']}x the throughput of 1")
    summary.append(f"second run: {ratios['rerun_fraction'] * 100:.1f} % of the first")
    rounds = report.get("rounds") or []
    each = []
    if rounds and rounds[0].get("speedup_2_vs_1") is not None:
        each.append("2 workers vs 1: " + ", ".join(f"{r['speedup_2_vs_1']:.2f}x" for r in rounds))
    if rounds:
        each.append("1 worker vs ner: " + ", ".join(f"{r['per_core_vs_ner']:.1f}x" for r in rounds))
    tail = [f"by round (medians above): {'; '.join(each)}"] if each else []
    return "\n".join([*lines, "", "; ".join(summary), *tail])

