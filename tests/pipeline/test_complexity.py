"""Complexity checks: every input shape of issue 14's table, generated at 10 KB and at
100 KB, must take less than 20 times as long at 100 KB (linear would be 10 times).

It is a check of growth, not a wall-clock limit: the 100 KB run gets a budget of 20
times the 10 KB time and is stopped when it runs past it (so a quadratic shape fails
in seconds instead of running for minutes). Timed: the whole path of one input, bytes
to records (decoding, an HTML page reduced to its article, normalization, segmentation,
every extractor and resolver), without underthesea's NER; for a page shape whose article
text is itself an extractor shape, also the page's reduction alone.

``python -m tests.pipeline.test_complexity`` prints each shape's 10 KB and 100 KB
times and their ratio without a budget (a measurement, for the issue's figures).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from extractors.lexicon import Lexicon
from pipeline.ingest.reader import text_of
from pipeline.ingest.sources import Source
from pipeline.options import Options
from pipeline.run.deadline import Overtime, time_limit
from pipeline.run.orchestrate import process_one

# timing over a few seconds per shape: CI runs them, a developer's `-m "not slow"` loop does not
pytestmark = pytest.mark.slow

RATIO = 20
SMALL, LARGE = 10_000, 100_000


@dataclass(frozen=True)
class Shape:
    """One input shape: how to make ``size`` bytes of it, and whether it is a page."""

    name: str
    make: Callable[[int], str]
    kind: str = "text"  # "text" or "html"
    only_page: bool = False  # time the reduction of the page to its article text, not the extraction


def repeated(unit: str, *, head: str = "", tail: str = "") -> Callable[[int], str]:
    """``unit`` repeated until the text (with ``head`` and ``tail``) is ``size`` UTF-8 bytes."""

    def make(size: int) -> str:
        room = size - len((head + tail).encode("utf-8"))
        return head + unit * max(1, room // len(unit.encode("utf-8"))) + tail

    return make


def nested_divs(size: int) -> str:
    """An article paragraph inside ``<div>`` nested as deep as ``size`` bytes allow."""
    para = "<p>Ngày 15/12/2023, Sở Nội vụ tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng.</p>"
    depth = (size - len(para.encode("utf-8")) - 30) // len("<div></div>")
    return "<html><body>" + "<div>" * depth + para + "</div>" * depth + "</body></html>"


SHAPES = [
    pytest.param(Shape("year-less dates", repeated("ngày 4-3 ")), id="ngay-4-3"),
    pytest.param(Shape("full dates", repeated("ngày 15/6/2020, ")), id="ngay-15-6-2020"),
    pytest.param(Shape("slogans", repeated('khẩu hiệu "Đoàn kết" ')), id="khau-hieu"),
    pytest.param(Shape("award statements", repeated("tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 12 tập thể, ")),
                 id="bang-khen"),
    pytest.param(Shape("verbless award items", repeated("+ Bằng khen cho 12 tập thể;\n")), id="award-items"),
    pytest.param(Shape("short lines", repeated("a\n")), id="short-lines"),
    pytest.param(Shape("unit list, open parentheses", repeated("Sở Nội vụ, Sở Tài chính (Phòng Kế hoạch, ")),
                 id="unit-list"),
    pytest.param(Shape("nested divs", nested_divs, "html"), id="nested-divs"),
    pytest.param(Shape("unclosed list items, the page", repeated("<ul><li>Tin khác ", head="<html><body>"), "html",
                       only_page=True), id="unclosed-ul-li-page"),
    # the page reduces to 5,500 short lines: the extraction is then the short-lines shape
    pytest.param(Shape("unclosed list items", repeated("<ul><li>Tin khác ", head="<html><body>"), "html"),
                 id="unclosed-ul-li"),
]


def seconds(shape: Shape, size: int, lexicon: Lexicon, *, budget: float | None = None) -> float:
    """Time of one input of ``size`` bytes through the whole path; ``inf`` past ``budget``."""
    data = shape.make(size).encode("utf-8")
    src = Source("x", "x", "html" if shape.kind == "html" else "text", data=data)
    options = Options(ner=False)
    started = time.perf_counter()
    try:
        with time_limit(budget):
            if shape.only_page:
                text_of(src, data)
            else:
                process_one(src, lexicon, options)
    except Overtime:
        return float("inf")
    return time.perf_counter() - started


def growth(shape: Shape, lexicon: Lexicon, *, bounded: bool = True, tries: int = 2) -> tuple[float, float]:
    """(10 KB time, 100 KB time): the best of three small runs, then the large one (again,
    up to ``tries`` times in all, while it is over the ratio: one slow run on a shared
    machine is noise)."""
    small = min(seconds(shape, SMALL, lexicon) for _ in range(3))
    large = float("inf")
    for _ in range(tries if bounded else 1):
        large = min(large, seconds(shape, LARGE, lexicon, budget=RATIO * small if bounded else None))
        if large < RATIO * small:
            break
    return small, large


@pytest.mark.parametrize("shape", SHAPES)
def test_time_grows_linearly(shape, lexicon):
    small, large = growth(shape, lexicon)
    assert large < RATIO * small, f"{shape.name}: {small:.3f} s at 10 KB, {large:.3f} s at 100 KB"


def main(names: list[str]) -> None:
    """Print each shape's times and ratio, unbounded."""
    lexicon = Lexicon.load()
    for param in SHAPES:
        shape = param.values[0]
        if names and param.id not in names:
            continue
        small, large = growth(shape, lexicon, bounded=False)
        print(f"{param.id:16} {small:8.3f} s  {large:9.3f} s  ratio {large / small:7.1f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
