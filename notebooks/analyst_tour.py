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
# # A tour of thidua's tables
#
# `thidua run` turns Vietnamese reports of emulation-and-commendation conferences into
# CSV tables. This notebook reads the tables of a run (the bundled `outputs/` directory)
# with pandas and answers three questions an analyst asks first:
#
# 1. Which awards are reported, and for which years?
# 2. How do one person's offices change over time, across articles?
# 3. Which bodies come up most often?
#
# Cells are read with `pipeline.registry.read_table`, which turns empty cells into
# missing values and removes the apostrophe the export puts before formula-like text.

# %%
import sys
from pathlib import Path

import matplotlib

if not matplotlib.get_backend().startswith("module://matplotlib_inline"):
    matplotlib.use("Agg")  # headless (a script or CI): draw off-screen
import matplotlib.pyplot as plt
import pandas as pd

ROOT = next(p for p in (Path.cwd(), *Path.cwd().parents) if (p / "pyproject.toml").is_file() and (p / "pipeline").is_dir())
OUT = ROOT / "outputs"
sys.path.insert(0, str(ROOT))  # the repository's packages, also without `pip install -e .`

from pipeline.export.csv_tables import read_table  # noqa: E402


def load(name: str) -> pd.DataFrame:
    """One table of the run (cells as written, the formula-guard apostrophe removed)."""
    return pd.DataFrame(read_table(OUT / f"{name}.csv"))


documents = load("documents")
print(f"{len(documents)} documents in {OUT}")
documents[["doc_id", "published_date", "event_date", "event_type"]]

# %% [markdown]
# ## 1. Awards by category and year
#
# `awards.csv` has one row per award *statement* (a sentence, a caption or a cell of a
# year-by-year table). The year is the award's own year when the statement gives one
# (several years are `|`-separated, so a statement can count for each of them); else the
# year of the article's event (or publication) date.

# %%
awards = load("awards")
doc_year = {d.doc_id: (d.event_date or d.published_date or "")[:4] or "unknown" for d in documents.itertuples()}
awards["years"] = [y.split("|") if isinstance(y, str) else [doc_year[d]]
                   for y, d in zip(awards["year"], awards["doc_id"])]
by_year = awards.explode("years").pivot_table(index="years", columns="award", values="doc_id",
                                              aggfunc="count", fill_value=0)
ax = by_year.plot.bar(stacked=True, figsize=(9, 4), rot=0)
ax.set_xlabel("year")
ax.set_ylabel("award statements")
ax.set_title("Award statements by category and year")
ax.legend(fontsize="small", bbox_to_anchor=(1.01, 1), loc="upper left")
plt.tight_layout()
by_year

# %% [markdown]
# ## 2. One person's offices over time
#
# `title_history.csv` lists every office of `positions.csv` under a cross-document
# `person_key` (namesakes with unrelated units are kept apart, see `pipeline/registry.py`),
# dated by the article. We pick the person with the most recorded offices.

# %%
history = load("title_history")
rows_per_person = history.groupby("person_key").size().sort_values(ascending=False, kind="stable")
person = rows_per_person.index[0]
name = load("people_registry").set_index("person_key").loc[person, "name"]
offices = history[history["person_key"] == person].copy()
offices["when"] = pd.to_datetime(offices["date"], errors="coerce")
print(f"{name} ({person}): {len(offices)} offices in {offices['doc_id'].nunique()} document(s)")
offices[["date", "title", "unit", "doc_id"]]

# %%
dated = offices.dropna(subset=["when"])
fig, ax = plt.subplots(figsize=(9, 0.5 + 0.45 * max(1, dated["title"].nunique())))
titles = list(dict.fromkeys(dated["title"]))
ax.scatter(dated["when"], [titles.index(t) for t in dated["title"]], s=60)
ax.set_yticks(range(len(titles)), titles, fontsize="small")
ax.set_xlabel("date of the article")
ax.set_title(f"Offices of {name} over time")
ax.margins(x=0.2, y=0.3)
fig.autofmt_xdate()
plt.tight_layout()

# %% [markdown]
# ## 3. Which bodies appear most often
#
# `units_registry.csv` merges the units of every article: abbreviations and acronyms
# ("Viện Hàn lâm KHCNVN") and national bodies ("Chính phủ") count as one body. Names
# that only their article can resolve ("UBND tỉnh", "Công đoàn Văn phòng") are kept
# per document and carry a note. We rank bodies by the number of articles naming them,
# then by mentions.

# %%
units = load("units_registry")
units["articles"] = units["documents"].str.split("|").str.len()
units["mentions"] = units["mentions"].astype(int)
top = units.sort_values(["articles", "mentions"], ascending=False, kind="stable").head(15)
fig, ax = plt.subplots(figsize=(9, 5))
ax.barh(top["name"][::-1], top["articles"][::-1])
ax.set_xlabel("articles naming the body")
ax.set_title("Most frequent bodies")
ax.tick_params(axis="y", labelsize="small")
plt.tight_layout()
print(f"{len(units)} bodies; {units['note'].notna().sum()} kept per article (name depends on the article)")
top[["name", "unit_type", "articles", "mentions"]]
