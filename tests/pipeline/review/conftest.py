"""Headless Chromium for the review tests: Debian's ``chromium`` driven by Playwright
through ``executable_path`` (no browser is downloaded); the tests that use it are slow."""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():  # every test that opens a page is marked slow
    if CHROMIUM is None:
        pytest.skip("no chromium binary on PATH (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


def open_tab(browser, width: int = 1200, height: int = 800):
    """A fresh page whose console errors and warnings and page errors are collected in
    ``page.problems``; close its ``page.context`` when done."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type in ("error", "warning") and page.problems.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"pageerror: {e}"))
    return page


@pytest.fixture()
def tab(browser):
    """A fresh 1200×800 page (see :func:`open_tab`)."""
    page = open_tab(browser)
    yield page
    page.context.close()


ARCHIVE_SIZE = 5000


@pytest.fixture(scope="session")
def archive(tmp_path_factory):
    """A synthetic 5,000-document run (``tests/pipeline/review/synthetic.py``) and its
    review site: (run directory, the documents' specs in index order). About 25 s."""
    from pipeline.review.site import build_site
    from pipeline.run.store import Store
    from tests.pipeline.review.synthetic import write_store

    out = tmp_path_factory.mktemp("archive")
    docs = write_store(out / "thidua.sqlite", ARCHIVE_SIZE)
    with Store(out / "thidua.sqlite", readonly=True) as store:
        build_site(store, out / "review")
    return out, docs
