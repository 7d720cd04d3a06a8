"""The held-out (test split) articles served as CMS pages keep every field within 0.02
of their text run, publication dates included (issue 11's bars-style check; the pages are
made at test time from ../shared/devset, see :mod:`tests.pipeline.research.cms_pages`)."""

from __future__ import annotations

import pytest

from pipeline.options import Options
from pipeline.research.evaluate import FIELDS
from tests.pipeline.research.cms_pages import DEVSET, TEMPLATES, cms_page, compare, held_out_golds

pytestmark = pytest.mark.skipif(not DEVSET.is_dir(), reason="../shared/devset is absent")


@pytest.fixture(scope="module")
def figures() -> dict[str, dict[str, float]]:
    return compare(Options(ner=False))


@pytest.mark.slow
@pytest.mark.parametrize("field", FIELDS)
def test_a_page_keeps_the_field_of_its_text(figures, field):
    row = figures[field]
    assert row["page"] >= row["text"] - 0.02, f"{field}: text {row['text']:.3f}, page {row['page']:.3f}"


def test_every_template_carries_the_date_where_it_says(lexicon):
    golds = [g for g in held_out_golds() if g.data["published_date"]][: len(TEMPLATES)]
    assert len(golds) == len(TEMPLATES)
    for n, gold in enumerate(golds):
        published = gold.data["published_date"]["value"]
        page = cms_page(gold.doc_id, gold.path.read_text(encoding="utf-8"), published, n, lexicon)
        where = {"div-date": "class='date'", "span-time": "class='time'",
                 "meta": f"article:published_time' content='{published}", "json-ld": f'"datePublished": "{published}',
                 "url": "/".join(published.split("-")), "time": f"datetime='{published}"}[page.template]
        assert where in (page.url if page.template == "url" else page.html), (page.template, gold.doc_id)
