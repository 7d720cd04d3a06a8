"""Date resolution: one expression per span, year-less days, publication and event dates."""

import json

import pytest

from extractors.dates import extract_dates
from pipeline.resolve.dates import resolve_dates
from tests.conftest import CORPUS, corpus_paths


def dates(doc, lexicon):
    return resolve_dates(doc, extract_dates(doc, lexicon))[0]


def records(doc, lexicon):
    return [(c.text, c.normalized, c.get("role")) for c in dates(doc, lexicon)]


def test_dateline_published_and_event(make_doc, lexicon):
    doc = make_doc("Th 6, 18/12/2020 | 09:39 SA\n\nHội nghị tổng kết năm 2020\n\n"
                   "Ngày 15 tháng 12 năm 2020, tại trụ sở Cục, Khối đã tổ chức Hội nghị tổng kết.")
    assert records(doc, lexicon) == [
        ("18/12/2020", "2020-12-18", "published"),
        ("năm 2020", "2020", "mention"),
        ("Ngày 15 tháng 12 năm 2020", "2020-12-15", "event"),
    ]


def test_byline_beats_page_chrome(make_doc, lexicon):
    doc = make_doc("Thứ ba, ngày 21/05/2024\n\nTrung tâm tổ chức Hội nghị điển hình tiên tiến\n\n"
                   "Đào Hữu Hảo, ngày: 18/06/2020\n\nNgày 18/6/2020 Trung tâm đã tổ chức Hội nghị điển hình tiên tiến.")
    published = [c for c in dates(doc, lexicon) if c.get("role") == "published"]
    assert [(c.normalized, c.rule) for c in published] == [("2020-06-18", "dates.published_byline")]


def test_yearless_day_from_publication_date(make_doc, lexicon):
    doc = make_doc("Khối thi đua ký kết giao ước\n\nKinh tế 05/03/2021 - 04:17\n\n"
                   "Chiều 4-3, Khối thi đua Công đoàn ngành I tổ chức hội nghị ký kết giao ước thi đua năm 2021.")
    event = [c for c in dates(doc, lexicon) if c.get("role") == "event"]
    assert [(c.text, c.normalized) for c in event] == [("Chiều 4-3", "2021-03-04")]


def test_document_date_is_not_event(make_doc, lexicon):
    doc = make_doc("Thực hiện Công văn số 402/VHL-TCCB ngày 06/3/2020 của Viện, ngày 18/6/2020 Trung tâm đã tổ chức Hội nghị.")
    roles = {c.normalized: c.get("role") for c in dates(doc, lexicon)}
    assert roles == {"2020-03-06": "document", "2020-06-18": "event"}


def test_the_longest_of_overlapping_expressions_stands(make_doc, lexicon):
    doc = make_doc("Báo cáo 6 tháng đầu năm 2023 và phương hướng giai đoạn 2020 – 2025.")
    got = [(c.text, c.normalized, c.get("value_end")) for c in dates(doc, lexicon)]
    assert got == [("6 tháng đầu năm 2023", "2023-01", "2023-06"), ("giai đoạn 2020 – 2025", "2020", "2025")]


def test_a_year_less_day_without_a_certain_year_is_dropped(make_doc, lexicon):
    doc = make_doc("Sáng 23/11, Hội Cựu chiến binh tổ chức Hội nghị điển hình tiên tiến.")
    assert records(doc, lexicon) == []


# The articles the date rules were first built on (the seeds and d01–d20): exact
# regression guards. The other gold documents count through the F1 floors of
# tests/pipeline/research/test_evaluate.py.
FIRST_ARTICLES = [p for p in corpus_paths() if not p.stem.startswith("d") or int(p.stem[1:]) <= 20]


@pytest.mark.parametrize("path", FIRST_ARTICLES, ids=lambda p: p.stem)
def test_published_and_event_match_gold(path, make_doc, lexicon):
    gold = json.loads((CORPUS / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
    doc = make_doc(path.read_text(encoding="utf-8"), path.stem)
    found = dates(doc, lexicon)
    for c in found:
        assert doc.text[c.start:c.end] == c.text
    pub = next((c.normalized for c in found if c.get("role") == "published"), None)
    event = next((c.normalized for c in found if c.get("role") == "event"), None)
    assert pub == (gold["published_date"] or {}).get("value")
    assert event == (gold["event_date"] or {}).get("value")
