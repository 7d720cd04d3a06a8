"""The review site: HTML pieces without a browser, then the built site in headless Chromium.

The browser tests build a real run (the bundled corpus plus one hostile article), write
the site and open it from ``file://`` URLs with Playwright driving Debian's ``chromium``;
they skip only when no ``chromium`` binary is on PATH.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import main as cli_main
from pipeline.export.csv_tables import csv_cell, read_table
from pipeline.review.site import (
    Run,
    Span,
    build_site,
    data_script,
    index_data,
    load_run,
    record_span,
    render_document,
    render_text,
    safe_name,
)
from pipeline.run.results import DocumentResult
from pipeline.run.store import Store
from pipeline.schema import TABLE_COLUMNS
from tests.conftest import CORPUS, ROOT

HOSTILE_ID = "hostile:<i>độc hại"
HOSTILE = """Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 \
<script>window.__pwned=1</script>

Thứ Sáu, 15/12/2023 09:30

Ngày 14/12/2023, Sở Nội vụ tỉnh Bắc Ninh tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023. \
Đồng chí Nguyễn Văn Hùng, Giám đốc Sở Nội vụ chủ trì Hội nghị. \
<img src=x onerror="window.__pwned=2">

Hội nghị phát động phong trào thi đua với chủ đề \
“=HYPERLINK("http://example.invalid","Đoàn kết")” năm 2024.

Dịp này, 12 tập thể được tặng Bằng khen của Chủ tịch UBND tỉnh.
"""


def span(i: int, fld: str, start: int, end: int, text: str, confidence: float = 0.9) -> Span:
    return Span(i, fld, start, end, text[start:end], text[start:end], confidence, f"{fld}.test")


class Marks(HTMLParser):
    """Parse rendered text: balanced tags, plain text, and the text inside each span."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.plain: list[str] = []
        self.ids: list[str] = []
        self.inside: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        assert tag == "mark", tag
        a = dict(attrs)
        key = a.get("data-span-id") or a["data-span-part"]
        if "data-span-id" in a:
            self.ids.append(key)
        self.stack.append(key)
        self.inside.setdefault(key, "")

    def handle_endtag(self, tag):
        assert tag == "mark" and self.stack
        self.stack.pop()

    def handle_data(self, data):
        self.plain.append(data)
        for key in set(self.stack):
            self.inside[key] += data


def parse_marks(html: str) -> Marks:
    parser = Marks()
    parser.feed(html)
    parser.close()
    assert parser.stack == [], "unclosed <mark>"
    return parser


# ---------------------------------------------------------------- without a browser


def test_read_table_strips_the_formula_apostrophe(tmp_path):
    path = tmp_path / "slogans.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["doc_id", "text"], ["a", csv_cell("=HYPERLINK(1)")], ["b", "'Thi đua'"]])
    assert [r["text"] for r in read_table(path)] == ["=HYPERLINK(1)", "'Thi đua'"]


IDS = ["000_cc15e2c0f924b99d", "baomoi:2020/hội-nghị", "hội", "hồi", "Hội", "hoi", "a/b", "a_b", "a:b",
       "..", ".hidden", "", "con", "x" * 300, "../../etc/passwd", HOSTILE_ID]


def test_safe_names_are_safe_distinct_and_stable():
    names = [safe_name(i) for i in IDS]
    assert names[0] == "000_cc15e2c0f924b99d"
    assert len(set(names)) == len(IDS)
    for name in names:
        assert re.fullmatch(r"[a-z0-9_-][a-z0-9._-]{0,99}", name), name
    assert names == [safe_name(i) for i in IDS]


def test_nested_spans_exact_html():
    text = "Thứ trưởng Bộ Tài chính"
    html = render_text(text, [span(0, "title", 0, 23, text), span(1, "unit", 11, 23, text, 0.5)])
    assert html == (
        '<mark id="s-0" data-span-id="0" class="hl f-title" data-field="title" '
        'title="title: Thứ trưởng Bộ Tài chính&#10;title.test · confidence 0.90">Thứ trưởng '
        '<mark id="s-1" data-span-id="1" class="hl f-unit low" data-field="unit" '
        'title="unit: Bộ Tài chính&#10;unit.test · confidence 0.50">Bộ Tài chính</mark></mark>')


def test_crossing_spans_are_one_element_each_plus_continuations():
    text = "Giám đốc Sở Nội vụ tỉnh"
    html = render_text(text, [span(0, "title", 0, 18, text), span(1, "unit", 9, 23, text)])
    marks = parse_marks(html)
    assert marks.ids == ["0", "1"]
    assert html.count('data-span-part="1"') == 1
    assert "".join(marks.plain) == text
    assert marks.inside == {"0": text[0:18], "1": text[9:23]}


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab <&\"'\nđ", min_size=0, max_size=30), st.lists(st.tuples(
    st.integers(0, 32), st.integers(0, 32), st.sampled_from(["person", "title", "unit", "date", "x<y"])), max_size=8))
def test_any_spans_render_well_formed(text, raw):
    spans = [Span(i, f, min(a, b), max(a, b), text[min(a, b):max(a, b)], "", 0.9, "r")
             for i, (a, b, f) in enumerate(raw)]
    marks = parse_marks(render_text(text, spans))
    assert "".join(marks.plain) == text
    assert sorted(marks.ids, key=int) == [str(s.id) for s in spans]
    for s in spans:
        assert marks.inside[str(s.id)] == text[s.start:s.end]


def test_text_and_values_are_escaped():
    text = 'Hội nghị <script>alert(1)</script> "x" & <img src=x onerror=alert(2)>'
    s = Span(0, "slogan", 9, 34, text[9:34], '"><script>alert(3)</script>', 0.9, "slogans.<b>")
    html = render_text(text, [s])
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert escape("<script>alert(1)</script>") in html
    run = Run([{"doc_id": "d<1>", "title": "<script>alert(4)</script>"}], spans={"d<1>": [s]}, texts={"d<1>": text})
    body = render_document(run, run.documents[0], index_href="../index.html")
    assert body.count("<script") == 1 and "<img" not in body  # the page's own script only
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in body


def test_records_link_to_their_spans():
    text = "Đồng chí Nguyễn Văn Nam, Giám đốc Sở Nội vụ"
    spans = [span(0, "person", 9, 23, text), span(1, "title", 25, 43, text), span(2, "unit", 34, 43, text)]
    assert record_span("people", {"name": "Nguyễn Văn Nam"}, spans).id == 0
    assert record_span("positions", {"start": 25, "end": 43}, spans).id == 1
    assert record_span("units", {"name": "Sở Nội vụ tỉnh X", "aliases": "Sở Nội vụ"}, spans).id == 2
    assert record_span("units", {"name": "Bộ Tài chính", "aliases": ""}, spans) is None


def write_fixture_store(out: Path, text: str, spans: list[dict]) -> None:
    """A hand-made run in a store: one document (with a formula-like title), one person."""
    doc = {c: None for c in TABLE_COLUMNS["documents"]} | {"doc_id": "a/b:c", "source": "x.txt", "sha256": "0",
                                                            "title": "=Tổng kết"}
    person = {"doc_id": "a/b:c", "person_id": "a/b:c:P1", "name": "Nguyễn Văn Nam", "honorific": None, "rank": None,
              "mentions": 1}
    with Store(out / "thidua.sqlite") as store:
        store.put(DocumentResult("a/b:c", text, {"documents": [doc], "people": [person]}, spans))


def test_build_site_from_a_fixture_store(tmp_path):
    text = "Đồng chí Nguyễn Văn Nam"
    spans = [{"doc_id": "a/b:c", "field": "person", "start": 9, "end": 23, "text": text[9:], "normalized": text[9:],
              "confidence": 0.95, "rule": "people.honorific"}]
    write_fixture_store(tmp_path / "out", text, spans)
    assert cli_main(["review", str(tmp_path / "out"), "--site", str(tmp_path / "site")]) == 0
    page = (tmp_path / "site" / "doc" / f"{safe_name('a/b:c')}.html").read_text(encoding="utf-8")
    assert page.count("data-span-id=") == 1
    assert 'href="#s-0"' in page  # the people row links to its span
    data = read_index_data(tmp_path / "site")
    (doc,) = [dict(zip(data["columns"], row, strict=True)) for row in data["docs"]]
    assert doc["title"] == "=Tổng kết"  # the true value: no CSV apostrophe
    assert doc["page"] == safe_name("a/b:c") and doc["people"] == 1 and doc["names"] == "Nguyễn Văn Nam"
    assert [data["flags"][i][1] for i in doc["flags"]] == ["no positions", "no units", "no awards", "no slogans",
                                                            "no dates", "no event date"]
    assert json.loads((tmp_path / "site" / "site.json").read_text(encoding="utf-8"))["documents"] == 1


def read_index_data(site: Path) -> dict:
    """The index's rows: ``index-data.js`` is one ``JSON.parse`` of a single-quoted JS string."""
    script = (site / "index-data.js").read_text(encoding="utf-8")
    prefix, suffix = "window.THIDUA_INDEX = JSON.parse('", "');\n"
    assert script.startswith(prefix) and script.endswith(suffix)
    literal = script[len(prefix):-len(suffix)]
    assert re.search(r"(?<!\\)'", literal.replace("\\\\", "")) is None, "an unescaped quote ends the string"
    return json.loads(re.sub(r"\\(u[0-9a-fA-F]{4}|.)", lambda m: chr(int(m[1][1:], 16)) if len(m[1]) == 5 else m[1],
                             literal))


def test_the_data_file_survives_quotes_backslashes_and_line_separators(tmp_path):
    text = "Chủ đề “Đoàn kết” 'x' \\ \u2028 </script>"
    run = Run([{"doc_id": "q'1", "title": text, "source": "a\\b.txt"}], texts={"q'1": text})
    (tmp_path / "index-data.js").write_text(data_script(index_data(run, {"q'1": "q_1"})), encoding="utf-8")
    row = dict(zip(*(lambda d: (d["columns"], d["docs"][0]))(read_index_data(tmp_path)), strict=True))
    assert (row["doc_id"], row["title"], row["source"]) == ("q'1", text, "a\\b.txt")


def test_source_links_are_http_only_and_headline_falls_back_to_doc_id():
    run = Run([{"doc_id": "d1", "title": None, "source": "https://baochinhphu.vn/a.htm"},
               {"doc_id": "d2", "title": "Tổng kết", "source": "javascript:alert(1)"}], texts={"d1": "x", "d2": "y"})
    first = render_document(run, run.documents[0], index_href="../index.html")
    assert '<a href="https://baochinhphu.vn/a.htm" rel="noopener noreferrer">' in first
    assert '<h1 lang="vi" class="untitled">d1 <span' in first and "<title>d1 · thidua review</title>" in first
    second = render_document(run, run.documents[1], index_href="../index.html")
    assert "javascript:alert(1)" in second and 'href="javascript' not in second


def test_a_directory_without_a_store_is_a_usage_error(tmp_path, capsys):
    assert cli_main(["review", str(tmp_path / "empty")]) == 2
    assert "no store here" in capsys.readouterr().err


# ---------------------------------------------------------------- in a browser

IN_VIEW = "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
OUT_OF_VIEW = "e => { const r = e.getBoundingClientRect(); return r.bottom <= 0 || r.top >= innerHeight; }"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """A run over the bundled corpus plus the hostile article, and its review site."""
    base = tmp_path_factory.mktemp("review")
    (base / "in").mkdir()
    (base / "in" / f"{HOSTILE_ID}.txt").write_text(HOSTILE, encoding="utf-8")
    out = base / "out"
    assert cli_main(["run", str(CORPUS / "articles"), str(base / "in"), "--out", str(out), "--no-ner"]) == 0
    assert (out / "thidua.sqlite").is_file(), "thidua run wrote no text store"
    with Store(out / "thidua.sqlite", readonly=True) as store:
        return out, build_site(store, out / "review")


def doc_url(site: Path, doc_id: str) -> str:
    return (site.parent / "doc" / f"{safe_name(doc_id)}.html").as_uri()


@pytest.mark.slow
def test_every_span_is_highlighted_once(tab, built):
    out, index = built
    with Store(out / "thidua.sqlite", readonly=True) as store:
        run = load_run(store)
    with sqlite3.connect(out / "thidua.sqlite") as db:
        texts = dict(db.execute("SELECT doc_id, text FROM docs"))
    db.close()
    rows = [json.loads(line) for line in (out / "spans.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(run.documents) == 6
    for doc in run.documents:
        doc_id = doc["doc_id"]
        tab.goto(doc_url(index, doc_id))
        expected = sum(r["doc_id"] == doc_id for r in rows)
        assert expected > 0
        assert tab.locator("#text [data-span-id]").count() == expected, doc_id
        assert tab.locator("#text").text_content() == texts[doc_id]
    assert tab.problems == []


@pytest.mark.slow
def test_sorting_the_index(tab, built):
    out, index = built
    with Store(out / "thidua.sqlite", readonly=True) as store:
        run = load_run(store)
    people = {d["doc_id"]: len(run.rows("people", d["doc_id"])) for d in run.documents}
    order = [d["doc_id"] for d in run.documents]
    published = {d["doc_id"]: d["published_date"] or "" for d in run.documents}
    tab.goto(index.as_uri())
    ids = lambda: [r.get_attribute("data-doc-id") for r in tab.locator("#documents tbody tr").all()]  # noqa: E731
    assert ids() == order
    tab.get_by_role("button", name="people").click()
    assert ids() == sorted(order, key=lambda i: (people[i], order.index(i)))
    assert tab.locator("th[aria-sort]").get_attribute("aria-sort") == "ascending"
    tab.get_by_role("button", name="people").click()
    assert ids() == sorted(order, key=lambda i: (-people[i], order.index(i)))
    assert tab.locator("th[aria-sort]").get_attribute("aria-sort") == "descending"
    tab.get_by_role("button", name="published").click()
    assert ids() == sorted(order, key=lambda i: (published[i], order.index(i)))
    assert tab.problems == []


@pytest.mark.slow
def test_record_link_scrolls_to_its_span_and_marks_it(tab, built):
    out, index = built
    tab.goto(doc_url(index, "000_cc15e2c0f924b99d"))
    link = tab.locator("table[data-table=positions] a.jump").last
    target = tab.locator(f"#s-{link.get_attribute('data-span')}")
    link.scroll_into_view_if_needed()
    assert target.evaluate(OUT_OF_VIEW)
    link.press("Enter")  # keyboard works as well as a click
    assert target.evaluate(IN_VIEW)
    assert "active" in target.get_attribute("class")
    assert target.evaluate("e => document.activeElement === e")
    assert tab.locator(".hl.active[data-span-id]").count() == 1
    tab.locator("table[data-table=people] a.jump").first.click()
    assert tab.locator(".hl.active[data-span-id]").get_attribute("data-field") == "person"
    assert "active" not in target.get_attribute("class")
    assert tab.problems == []
    tab.locator("#text-heading").evaluate("e => e.scrollIntoView()")  # legend and text for the picture
    shot = tab.screenshot()
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "review-screenshot.png").write_bytes(shot)
    if os.environ.get("THIDUA_UPDATE_SCREENSHOT") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        (ROOT / "docs" / "review.png").write_bytes(shot)


@pytest.mark.slow
def test_hostile_article_shows_as_text_and_runs_nothing(tab, built):
    out, index = built
    tab.goto(index.as_uri())
    assert "<script>window.__pwned=1</script>" in tab.locator("#documents").inner_text()
    tab.locator(f'tr[data-doc-id="{HOSTILE_ID}"] td.doc > a').click()
    assert tab.url == doc_url(index, HOSTILE_ID)
    assert "<script>window.__pwned=1</script>" in tab.locator("#text").inner_text()
    assert '<img src=x onerror="window.__pwned=2">' in tab.locator("#text").inner_text()
    assert "<script>window.__pwned=1</script>" in tab.locator("h1").inner_text()
    assert tab.evaluate("typeof window.__pwned") == "undefined"
    assert tab.evaluate("document.scripts.length") == 1 and tab.evaluate("document.images.length") == 0
    raw = [r["text"] for r in csv.DictReader((out / "slogans.csv").open(encoding="utf-8"))
           if r["doc_id"] == HOSTILE_ID and r["text"].startswith("'=")]
    assert raw, "the hostile article should give a neutralised CSV cell"
    shown = tab.locator("table[data-table=slogans] td.main").all_inner_texts()
    assert raw[0][1:] in shown and raw[0] not in shown
    assert tab.problems == []
