"""The store for people who browse it: its views, its full-text index, Datasette's
metadata, and ``thidua browse`` serving a 5,000-document store over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.cli import main as cli_main
from pipeline.review.browse import ReviewLinks, metadata
from pipeline.review.site import build_site, safe_name
from pipeline.run.store import QUERIES, SEARCH_TABLE, VIEWS, Store
from tests.conftest import ROOT
from tests.pipeline.review.synthetic import RARE_PERSON, result, spec, write_store


def sql(path: Path, query: str, *params) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return db.execute(query, params).fetchall()
    finally:
        db.close()


# ---------------------------------------------------------------- the store's views and index


def test_views_show_people_with_their_offices_and_awards_with_their_dates(tmp_path):
    docs = write_store(tmp_path / "s.sqlite", 30, errors=0)
    people = sql(tmp_path / "s.sqlite", "SELECT doc_id, name, title, unit, doc_date FROM people_positions")
    assert sorted(people) == sorted((d.doc_id, name, f"Giám đốc Sở Nội vụ tỉnh {d.province}",
                                     f"Sở Nội vụ tỉnh {d.province}", d.event_date or d.published_date)
                                    for d in docs for name in d.people)
    awards = sql(tmp_path / "s.sqlite", "SELECT doc_id, doc_year, doc_date, award, count FROM awards_dated")
    assert sorted(awards) == [(d.doc_id, str(d.year), d.event_date or d.published_date, "Bằng khen", d.awards)
                              for d in docs if d.awards]


def test_the_search_index_is_built_on_demand_and_follows_the_store(tmp_path):
    path = tmp_path / "s.sqlite"
    write_store(path, 260, errors=0)
    find = f"SELECT doc_id FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ? ORDER BY doc_id"
    with Store(path) as store:
        assert store.search_generation() is None and SEARCH_TABLE not in store.objects()
        assert store.refresh_search() is True
        assert store.search_generation() == store.generation()
        assert store.refresh_search() is False  # nothing changed: nothing rebuilt
    assert sql(path, find, "trinh xuan quy") == [("syn-00007",), ("syn-00257",)]  # diacritics and case folded
    assert sql(path, find, "names: Trịnh") == [("syn-00007",), ("syn-00257",)]
    with Store(path) as store:  # thidua run goes on as before: a document replaced, one added
        store.put(result(spec(507)), fingerprint="synthetic")
        store.put(result(replace(spec(257), people=("Lê Văn Tám",))), fingerprint="synthetic")
        assert store.search_generation() == store.generation() - 2
        assert store.refresh_search() is True
    assert sql(path, find, "trinh xuan quy") == [("syn-00007",), ("syn-00507",)]
    assert sql(path, find, "Tám") == [("syn-00257",)]


def test_views_are_made_on_a_writable_open_of_an_older_store(tmp_path):
    path = tmp_path / "s.sqlite"
    write_store(path, 3, errors=0)
    db = sqlite3.connect(path)  # a store as an older thidua left it: no views
    db.executescript("DROP VIEW people_positions; DROP VIEW awards_dated; DELETE FROM meta WHERE key = 'views';")
    db.close()
    with Store(path, readonly=True) as store:  # a reader changes nothing, and works
        assert "people_positions" not in store.objects()
        build_site(store, tmp_path / "site")
    with Store(path) as store:
        assert {name for name, kind in store.objects().items() if kind == "view"} == set(VIEWS)
    with Store(path, readonly=True) as store, pytest.raises(ValueError, match="read-only"):
        store.refresh_search()


def test_metadata_describes_every_table_view_and_column(tmp_path):
    path = tmp_path / "thidua.sqlite"
    write_store(path, 5)
    with Store(path) as store:
        store.refresh_search()
        objects = {name: store.columns(name) for name in store.objects()}
        meta = metadata("thidua", objects, review=True, documents=store.count())
    described = meta["databases"]["thidua"]["tables"]
    assert set(objects) == set(described) and {"docs", "spans", "people_positions", SEARCH_TABLE} <= set(objects)
    for name in objects:
        assert described[name].get("description"), name
        columns = [column for (column,) in sql(path, f'SELECT name FROM pragma_table_info("{name}")')]
        assert list(described[name]["columns"]) == columns, name  # each column, in order, and no other
    assert set(meta["databases"]["thidua"]["queries"]) == set(QUERIES)
    assert meta["about_url"] == "/review/index.html"
    without_index = metadata("thidua", {n: k for n, k in objects.items() if n != SEARCH_TABLE}, review=False,
                             documents=5)
    assert "search_documents" not in without_index["databases"]["thidua"]["queries"] and "about_url" not in without_index


def test_a_doc_id_cell_links_to_its_review_page():
    from datasette.app import Datasette

    ds = Datasette([])
    links = ReviewLinks("thidua")
    cell = links.render_cell(value="hostile:<i>độc", column="doc_id", table="people", database="thidua", datasette=ds)
    assert str(cell) == f'<a href="/review/doc/{safe_name("hostile:<i>độc")}.html" title="review page">' \
                        "hostile:&lt;i&gt;độc</a>"
    assert links.render_cell(value="x", column="name", table="people", database="thidua", datasette=ds) is None
    assert links.render_cell(value="x", column="doc_id", table="people", database="other", datasette=ds) is None


def test_browse_without_a_store_is_a_usage_error(tmp_path, capsys):
    assert cli_main(["browse", str(tmp_path)]) == 2
    assert "no store here" in capsys.readouterr().err


# ---------------------------------------------------------------- thidua browse, a real server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``thidua browse`` in a child process on 127.0.0.1, stopped by :meth:`stop`."""

    def __init__(self, out: Path, log: Path) -> None:
        self.port = free_port()
        self.log = log.open("wb")
        self.process = subprocess.Popen([sys.executable, "-m", "pipeline", "browse", str(out), "--port", str(self.port)],
                                        stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 120
        while True:
            assert self.process.poll() is None, f"thidua browse exited: {log.read_text(errors='replace')}"
            try:
                urllib.request.urlopen(self.base + "/-/versions.json", timeout=2).close()
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, "thidua browse did not answer within 120 s"
                time.sleep(0.25)

    def get(self, path: str, **params: str) -> bytes:
        query = "?" + urllib.parse.urlencode(params) if params else ""
        with urllib.request.urlopen(self.base + path + query, timeout=30) as response:
            return response.read()

    def rows(self, path: str, **params: str) -> list[dict]:
        return json.loads(self.get(path, _shape="array", **params))

    def stop(self) -> int:
        """Ctrl-C, as a person would stop it; the exit status."""
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        finally:
            self.log.close()


@pytest.mark.slow
def test_browse_serves_the_store_with_canned_queries_search_and_review_links(archive, tmp_path, request):
    out, docs = archive
    server = Server(out, tmp_path / "browse.log")
    try:
        per_year: dict[str, list[int]] = defaultdict(list)
        for d in docs:
            if d.awards:
                per_year[str(d.year)].append(d.awards)
        assert server.rows("/thidua/awards_per_year_and_category.json") == [
            {"year": year, "award": "Bằng khen", "statements": len(n), "recipients": sum(n), "documents": len(n)}
            for year, n in sorted(per_year.items())]
        assert server.rows("/thidua/units_by_type.json") == [
            {"unit_type": "Sở", "units": 13, "documents": len(docs), "mentions": sum(1 + len(d.people) for d in docs)}]
        rare = sorted(d.doc_id for d in docs if RARE_PERSON in d.people)
        found = server.rows(f"/thidua/{SEARCH_TABLE}.json", _search="trinh xuan quy", _col="doc_id", _size="max")
        assert sorted(r["doc_id"] for r in found) == rare
        searched = server.rows("/thidua/search_documents.json", q=RARE_PERSON)
        assert sorted(r["doc_id"] for r in searched) == rare
        assert all("«Trịnh» «Xuân» «Quý»" in r["snippet"] for r in searched)
        assert server.rows("/thidua/search_documents.json", q="") == []
        in_bac_ninh = server.rows("/thidua/people_by_unit.json", unit="Bắc Ninh")
        assert {(r["name"], r["documents"]) for r in in_bac_ninh} == {
            (name, n) for name, n in _people_in("Bắc Ninh", docs).items()}
        page = server.get("/thidua/documents", _size="5").decode("utf-8")
        link = f'<a href="/review/doc/{safe_name(docs[0].doc_id)}.html" title="review page">{docs[0].doc_id}</a>'
        assert link in page
        review = server.get(f"/review/doc/{safe_name(docs[0].doc_id)}.html").decode("utf-8")
        assert f"<h1 lang=\"vi\">{docs[0].title}</h1>" in review
        described = json.loads(server.get("/-/metadata.json"))["databases"]["thidua"]["tables"]
        assert described["awards"]["columns"]["count"].startswith("Number of recipients")
        if os.environ.get("THIDUA_UPDATE_SCREENSHOT") == "1":
            _screenshot(request.getfixturevalue("browser"),
                        server.base + "/thidua/search_documents?" + urllib.parse.urlencode({"q": "Trịnh Xuân Quý"}))
    finally:
        code = server.stop()
    assert code == 0, (tmp_path / "browse.log").read_text(errors="replace")
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(server.base + "/-/versions.json", timeout=2)


def _people_in(province: str, docs) -> dict[str, int]:
    """Each person holding an office in the Sở Nội vụ of a province, with their documents."""
    found: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        if d.province == province:
            for name in d.people:
                found[name].add(d.doc_id)
    return {name: len(ids) for name, ids in found.items()}


def _screenshot(browser, url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    try:
        page.goto(url)
        (ROOT / "docs" / "datasette.png").write_bytes(page.screenshot())
    finally:
        page.close()
