"""``thidua bench``: figures measured in rounds, ratios paired within a round."""

import json
import subprocess
import sys

import pytest

from pipeline.research.bench import ROOT, bench_table, paired_ratios


@pytest.mark.slow
def test_bench_reports_its_rounds_and_their_paired_ratios(tmp_path):
    report_path = tmp_path / "bench.json"
    subprocess.run([sys.executable, "-m", "pipeline", "bench", "--docs", "12", "--repeat", "2", "--ner-sample", "1500",
                    "--json", str(report_path)], cwd=ROOT, check=True, capture_output=True, timeout=600)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    rounds = report["rounds"]
    assert len(rounds) == 2 and all(set(r["seconds"]) == {"1", "2"} for r in rounds)
    for r in rounds:  # each round's ratio is its own 1-worker time over its own 2-worker time
        assert r["speedup_2_vs_1"] == pytest.approx(r["seconds"]["1"] / r["seconds"]["2"], abs=1e-3)
    speedups = sorted(r["speedup_2_vs_1"] for r in rounds)
    assert report["ratios"]["speedup_2_vs_1"] == pytest.approx(speedups[0], abs=0.006)  # the lower median of two
    by_workers = {run["workers"]: run for run in report["runs"]}
    assert sorted(by_workers[1]["trials_seconds"]) == sorted(r["seconds"]["1"] for r in rounds)
    assert len(report["underthesea_ner"]["trials_kb_per_s"]) == 2
    assert report["corpus"]["documents"] == 12 and "12 document(s) extracted" in by_workers[2]["summary"]


def test_a_ratio_is_taken_within_a_round():
    # the machine halves its speed in the second round: every time doubles, ner's too
    def one(t1, t2, ner):
        return {"runs": {1: {"seconds": t1, "kb_per_s_per_core": 1000 / t1}, 2: {"seconds": t2, "kb_per_s_per_core": 500 / t2}},
                "ner": {"kb_per_s": ner}}

    ratios = paired_ratios([one(10, 5.4, 4.0), one(20, 10.8, 2.0), one(10.2, 5.5, 4.0)])
    assert ratios == {"speedup_2_vs_1": 1.85, "per_core_vs_ner": 25.0}


def test_the_table_shows_each_rounds_ratios():
    run = {"seconds": 1.0, "kb_per_s": 2.0, "kb_per_s_per_core": 2.0, "docs_per_s_per_core": 2.0, "peak_rss_mb": 9.0}
    report = {"corpus": {"documents": 2, "bytes": 2048}, "runs": [{**run, "workers": 1}, {**run, "workers": 2}],
              "rerun": {"seconds": 0.1, "peak_rss_mb": 3.0}, "underthesea_ner": {"kb_per_s": 1.0},
              "ratios": {"speedup_2_vs_1": 1.8, "per_core_vs_ner": 20.0, "rerun_fraction": 0.1},
              "rounds": [{"speedup_2_vs_1": 1.7, "per_core_vs_ner": 21.0}, {"speedup_2_vs_1": 1.9, "per_core_vs_ner": 19.0}]}
    assert bench_table(report).splitlines()[-1] == (
        "by round (medians above): 2 workers vs 1: 1.70x, 1.90x; 1 worker vs ner: 21.0x, 19.0x")
