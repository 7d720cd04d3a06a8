"""The review site at archive scale: a synthetic 5,000-document run in headless Chromium.

The index must show its first page within a second of load, search and filter to
exactly the documents the generator put there, sort, page, keep its state in the URL,
and fit a 1280 px window and a phone; document pages walk previous/next and hide a
field's highlighting on demand. No page may log an error.
"""

from __future__ import annotations

import json
import os
import unicodedata

import pytest

from pipeline.review.site import safe_name
from tests.conftest import ROOT
from tests.pipeline.review.conftest import ARCHIVE_SIZE, open_tab
from tests.pipeline.review.synthetic import RARE_PERSON, Doc

pytestmark = pytest.mark.slow

SHOWN = "performance.getEntriesByName('thidua-index-shown').length > 0"


def fold(text: str) -> str:
    """What the index's search compares: no diacritics, đ as d, lower case."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def ids_shown(tab) -> list[str]:
    return [row.get_attribute("data-doc-id") for row in tab.locator("#documents tbody tr").all()]


def open_index(tab, out, hash_: str = "") -> float:
    """Load the index; the time from navigation start to its first page shown (ms)."""
    tab.goto((out / "review" / "index.html").as_uri() + hash_)
    tab.wait_for_function(SHOWN)
    return tab.evaluate("performance.getEntriesByName('thidua-index-shown')[0].startTime")


def test_the_first_page_shows_within_a_second(tab, archive):
    """From navigation start to the first 100 rows in the document, as the page's own
    performance timeline records it; the best of three loads, so that one load stalled
    by a busy neighbour on a shared 2-core machine does not decide."""
    out, docs = archive
    times = [open_index(tab, out) for _ in range(3)]
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "review-index-load.json").write_text(
        json.dumps({"documents": len(docs), "first_page_ms": [round(t) for t in times]}) + "\n", encoding="utf-8")
    assert min(times) < 1000, f"first page after {[round(t) for t in times]} ms"
    assert ids_shown(tab) == [d.doc_id for d in docs[:100]]
    assert tab.locator("#status").text_content() == f"Documents 1–100 of {ARCHIVE_SIZE:,} · page 1 of 50"
    untitled = tab.locator(f'tr[data-doc-id="{docs[3].doc_id}"] td.doc > a')
    assert untitled.text_content() == docs[3].doc_id and "untitled" in untitled.get_attribute("class")
    link = tab.locator(f'tr[data-doc-id="{docs[0].doc_id}"] .sub a')
    assert link.get_attribute("href") == docs[0].source and link.get_attribute("rel") == "noopener noreferrer"
    assert tab.locator(f'tr[data-doc-id="{docs[9].doc_id}"] .sub a').count() == 0  # a file path is no link
    assert tab.problems == []


def test_search_narrows_to_the_documents_that_match(tab, archive):
    out, docs = archive
    open_index(tab, out)
    tab.locator("#q").fill("trinh xuan QUY")
    rare = [d.doc_id for d in docs if RARE_PERSON in d.people]
    assert len(rare) == 20 and ids_shown(tab) == rare
    assert tab.locator("#status").text_content() == f"Documents 1–20 of 20 matching ({ARCHIVE_SIZE:,} in all) · page 1 of 1"

    def haystack(d: Doc) -> str:
        return fold(" ".join([d.title or "", d.doc_id, d.source, *d.people, f"Sở Nội vụ tỉnh {d.province}"]))

    tab.locator("#q").fill("Quảng Trị 2019")
    wanted = [d.doc_id for d in docs if all(w in haystack(d) for w in ("quang", "tri", "2019"))]
    assert 0 < len(wanted) < 100 and ids_shown(tab) == wanted
    tab.locator("#q").fill("baotinh13.example")
    assert tab.locator("#status").text_content().startswith("Documents 1–100 of 250 matching")
    tab.locator("#q").fill("no such thing anywhere")
    assert ids_shown(tab) == [] and tab.locator("#status").text_content() == f"No document matches ({ARCHIVE_SIZE:,} in all)."
    tab.locator("#q").fill("trinh xuan quy")
    tab.locator(f'tr[data-doc-id="{rare[1]}"] td.doc > a').click()  # to a document and back: the search stays
    tab.go_back()
    tab.wait_for_function(SHOWN)
    assert tab.locator("#q").input_value() == "trinh xuan quy" and ids_shown(tab) == rare
    assert tab.problems == []


def test_filters_sorting_and_paging(tab, archive):
    out, docs = archive
    open_index(tab, out)
    tab.get_by_label("no event date").check()
    tab.get_by_label("awards", exact=True).check()
    wanted = [d.doc_id for d in docs if d.event_date is None and d.awards]
    assert len(wanted) == 556  # n ≡ 4 (mod 9): all have awards
    assert ids_shown(tab) == wanted[:100]
    tab.locator("#next").click()
    assert ids_shown(tab) == wanted[100:200]
    tab.locator("#prev2").click()
    assert ids_shown(tab) == wanted[:100]
    tab.locator("#type").select_option("sơ kết")
    wanted = [d.doc_id for d in docs if d.event_date is None and d.awards and d.event_type == "sơ kết"]
    assert ids_shown(tab) == wanted[:100]
    assert tab.locator("#status").text_content().startswith(f"Documents 1–100 of {len(wanted)} matching")
    tab.get_by_label("no event date").uncheck()
    tab.get_by_label("awards", exact=True).uncheck()
    tab.locator("#type").select_option("")
    tab.locator("#year").select_option("2019")
    tab.get_by_label("errors").check()
    assert ids_shown(tab) == [d.doc_id for d in docs if d.year == 2019 and d.off]
    tab.get_by_label("errors").uncheck()
    tab.get_by_role("button", name="awards").click()
    assert ids_shown(tab)[0] == next(d.doc_id for d in docs if d.year == 2019 and not d.awards)
    tab.get_by_role("button", name="awards").click()  # descending
    in_2019 = [d for d in docs if d.year == 2019]
    by_awards = sorted(range(len(in_2019)), key=lambda i: (-bool(in_2019[i].awards), i))  # award rows: 0 or 1
    assert ids_shown(tab) == [in_2019[i].doc_id for i in by_awards][:100]
    assert tab.evaluate("location.hash") == "#year=2019&sort=awards%3Adesc"
    tab.reload()
    tab.wait_for_function(SHOWN)
    assert tab.locator("#year").input_value() == "2019" and ids_shown(tab)[0] == in_2019[by_awards[0]].doc_id
    assert tab.problems == []


def test_next_and_previous_walk_the_documents(tab, archive):
    out, docs = archive
    tab.goto((out / "review" / "doc" / f"{safe_name(docs[0].doc_id)}.html").as_uri())
    assert tab.locator("#previous-doc").count() == 0
    for doc in docs[1:4]:
        tab.locator("#next-doc").click()
        assert tab.url.endswith(f"/doc/{safe_name(doc.doc_id)}.html")
    assert tab.locator("h1").inner_text() == f"{docs[3].doc_id} (no headline)"
    assert tab.locator("nav.crumb").inner_text().count(f"4 of {ARCHIVE_SIZE:,}") == 1
    tab.locator("#previous-doc").click()
    assert tab.locator("h1").inner_text() == docs[2].title
    tab.goto((out / "review" / "doc" / f"{safe_name(docs[-1].doc_id)}.html").as_uri())
    assert tab.locator("#next-doc").count() == 0 and tab.locator("#previous-doc").count() == 1
    assert not docs[-1].source.startswith("http") and tab.locator("dl.meta a").count() == 0  # a path: no link
    assert docs[-1].source in tab.locator("dl.meta").inner_text()
    tab.locator("#previous-doc").click()
    source = tab.locator("dl.meta a")
    assert source.get_attribute("href") == docs[-2].source and source.get_attribute("rel") == "noopener noreferrer"
    assert tab.problems == []


def test_a_field_toggle_hides_its_highlighting_only(tab, archive):
    out, docs = archive
    tab.goto((out / "review" / "doc" / f"{safe_name(docs[7].doc_id)}.html").as_uri())
    person, unit = tab.locator("#text .hl.f-person").first, tab.locator("#text .hl.f-unit").first
    look = "e => getComputedStyle(e).backgroundColor"
    shown_person, shown_unit = person.evaluate(look), unit.evaluate(look)
    assert shown_person != "rgba(0, 0, 0, 0)"
    toggle = tab.locator('button.toggle[data-toggle="person"]')
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert person.evaluate(look) == "rgba(0, 0, 0, 0)" and unit.evaluate(look) == shown_unit
    assert tab.locator("#text").text_content().count(RARE_PERSON) == 1  # hidden highlighting, not hidden text
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true" and person.evaluate(look) == shown_person
    assert tab.problems == []


@pytest.mark.parametrize("width", [1280, 390])
def test_pages_fit_the_window(browser, archive, width):
    out, docs = archive
    tab = open_tab(browser, width, 900)
    try:
        open_index(tab, out)
        fits = "document.documentElement.scrollWidth <= innerWidth"
        assert tab.evaluate(fits)
        flags = tab.locator("#documents tbody tr").first.locator("td.flags")
        assert flags.evaluate("e => e.getBoundingClientRect().right <= innerWidth")
        if width == 1280 and os.environ.get("THIDUA_UPDATE_SCREENSHOT") == "1":
            (ROOT / "docs" / "review-index.png").write_bytes(tab.screenshot())
        tab.goto((out / "review" / "doc" / f"{safe_name(docs[7].doc_id)}.html").as_uri())
        assert tab.evaluate(fits)
        assert tab.problems == []
    finally:
        tab.context.close()
