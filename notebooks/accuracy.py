# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # How accurate is thidua?
#
# `thidua evaluate` scores the pipeline against the gold annotations in `corpus/gold/`
# (the five bundled articles, plus the twenty development articles when `../shared/devset`
# is present) and, in the same run, two off-the-shelf baselines: underthesea's NER
# (people and units) and dateparser (publication and event date).
#
# This notebook reads an existing report from `reports/` when there is one; otherwise
# it runs the evaluation into a temporary directory (about 15 s).

# %%
import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

import matplotlib

if not matplotlib.get_backend().startswith("module://matplotlib_inline"):
    matplotlib.use("Agg")  # headless (a script or CI): draw off-screen
import matplotlib.pyplot as plt
import pandas as pd

ROOT = next(p for p in (Path.cwd(), *Path.cwd().parents) if (p / "pyproject.toml").is_file() and (p / "pipeline").is_dir())
sys.path.insert(0, str(ROOT))  # the repository's packages, also without `pip install -e .`
REPORT_NAMES = ("evaluation.json", "report.json")


def find_report(directory: Path) -> Path | None:
    """The JSON report in ``directory``, under its current or its former name."""
    return next((directory / n for n in REPORT_NAMES if (directory / n).is_file()), None)


def run_evaluation() -> Path:
    """Run `thidua evaluate` with both baselines into a temporary directory."""
    from pipeline.cli import main

    out = Path(tempfile.mkdtemp(prefix="thidua-eval-"))
    with contextlib.redirect_stdout(io.StringIO()):
        status = main(["evaluate", "--baseline", "underthesea", "--baseline", "dateparser", "--out", str(out)])
    if status != 0:
        raise RuntimeError(f"thidua evaluate exited with status {status}")
    return find_report(out)


path = find_report(ROOT / "reports") or run_evaluation()
report = json.loads(path.read_text(encoding="utf-8"))
# The test split is the one the rules were never tuned on; without the devset only dev is there.
split = "test" if "test" in report else "dev"
pipeline, baselines = report[split]["pipeline"], report[split].get("baselines", {})
print(f"report {path}: {split} split, {pipeline['documents']} gold documents; "
      f"baselines: {', '.join(baselines) or 'none'}")

# %% [markdown]
# ## F1 per field: pipeline and baselines
#
# Record-level, strict matching (names compared by matching key: case, tone placement,
# dashes and quotes folded), micro-averaged over documents. A baseline only gets a bar
# for the fields it predicts at all (for instance dateparser says nothing about people).

# %%
fields = list(pipeline["strict"])


def f1_column(result: dict) -> list[float | None]:
    """Strict F1 per field, None where the system predicted nothing for that field."""
    scores = result["strict"]
    return [scores[f]["f1"] if scores[f]["tp"] + scores[f]["fp"] else None for f in fields]


def label_bars(ax: plt.Axes, frame: pd.DataFrame) -> None:
    """Write each bar's value on it: a score of 0 is labelled, a field not predicted is not."""
    for bars, column in zip(ax.containers, frame.columns):
        ax.bar_label(bars, labels=[f"{v:.2f}" if pd.notna(v) else "" for v in frame[column]], fontsize=7)


f1 = pd.DataFrame({"thidua": [pipeline["strict"][f]["f1"] for f in fields],
                   **{name: f1_column(b) for name, b in baselines.items()}}, index=fields, dtype=float)
ax = f1.plot.bar(figsize=(11, 4), rot=30, ylim=(0, 1.1))
label_bars(ax, f1)
ax.set_ylabel("F1 (strict, micro)")
ax.set_title("Per-field F1: thidua beside the baselines")
ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left")
plt.tight_layout()
f1.round(3)

# %% [markdown]
# ## Dev beside test
#
# The rules were tuned on `dev`; `test` is what a user's unseen articles look like. The gap
# between the two bars of a field is how much a rule fits its tuning documents.

# %%
gap = pd.DataFrame({name: [report[name]["pipeline"]["strict"][f]["f1"] for f in fields] for name in report},
                   index=fields, dtype=float)
ax = gap.plot.bar(figsize=(11, 4), rot=30, ylim=(0, 1.1))
label_bars(ax, gap)
ax.set_ylabel("F1 (strict, micro)")
ax.set_title("thidua per split")
plt.tight_layout()
gap.round(3)

# %% [markdown]
# ## Precision and recall per field
#
# Precision is the share of extracted records that are in the gold; recall is the share
# of gold records that were extracted. Lenient matching accepts a token-overlap F1 of at
# least 0.8; macro F1 averages the per-document F1.

# %%
scores = pd.DataFrame({
    "precision": [pipeline["strict"][f]["precision"] for f in fields],
    "recall": [pipeline["strict"][f]["recall"] for f in fields],
    "F1": [pipeline["strict"][f]["f1"] for f in fields],
    "lenient F1": [pipeline["lenient"][f]["f1"] for f in fields],
    "macro F1": [pipeline.get("macro_f1", {}).get(f) for f in fields],
    "gold records": [pipeline["strict"][f]["tp"] + pipeline["strict"][f]["fn"] for f in fields],
}, index=fields)
ax = scores[["precision", "recall"]].plot.bar(figsize=(11, 4), rot=30, ylim=(0, 1.1))
label_bars(ax, scores[["precision", "recall"]])
ax.set_ylabel("strict, micro")
ax.set_title("thidua: precision and recall per field")
ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left")
plt.tight_layout()
scores.round(3)

# %% [markdown]
# ## Span level
#
# The same predictions scored as character spans (SemEval-2013 schemas via nervaluate):
# `strict` needs the exact span and label, `partial` accepts an overlap.

# %%
spans = pipeline.get("spans", {}).get("per_label", {})
pd.DataFrame(spans).T.round(3) if spans else "no span-level scores in this report"
