"""The date extractor finds every expression with its evidence; it chooses nothing."""

from extractors.dates import extract_dates


def found(doc, lexicon):
    return [(c.text, c.normalized, c.get("kind"), c.get("role")) for c in extract_dates(doc, lexicon)]


def test_every_expression_with_its_kind(make_doc, lexicon):
    doc = make_doc("Báo cáo 6 tháng đầu năm 2023 và phương hướng giai đoạn 2020 – 2025.")
    assert found(doc, lexicon) == [
        ("6 tháng đầu năm 2023", "2023-01", "period", "period"),
        ("giai đoạn 2020 – 2025", "2020", "period", "period"),
        ("năm 2023", "2023", "year", "mention"),
    ]


def test_impossible_date_is_dropped(make_doc, lexicon):
    assert extract_dates(make_doc("Ngày 31/2/2020 có hội nghị."), lexicon) == []


def test_a_year_less_day_carries_what_its_year_needs(make_doc, lexicon):
    doc = make_doc("Chiều 4-3, Khối thi đua tổ chức hội nghị ký kết giao ước thi đua năm 2021 và sẽ họp tới.")
    day = next(c for c in extract_dates(doc, lexicon) if c.get("kind") == "day_month")
    assert (day.text, day.normalized, day.get("day"), day.get("month")) == ("Chiều 4-3", "", 4, 3)
    assert (day.get("year_cues"), day.get("future"), day.get("event_sentence")) == (((2021, "plain"),), True, True)


def test_placement_and_document_dates(make_doc, lexicon):
    doc = make_doc("Hội nghị tổng kết năm 2020\n\n18/06/2020\n\n"
                   "Thực hiện Công văn số 402/VHL-TCCB ngày 06/3/2020 của Viện, ngày 18/6/2020 Trung tâm đã tổ chức Hội nghị.")
    full = {c.text: (c.get("placement"), c.get("role")) for c in extract_dates(doc, lexicon) if c.get("kind") == "full"}
    assert full == {"18/06/2020": ("dateline_below", "mention"), "06/3/2020": (None, "document"),
                    "18/6/2020": (None, "mention")}


def test_year_less_days_written_after_a_cue(make_doc, lexicon):
    doc = make_doc("Sáng nay (22/12), Công ty tổ chức lễ. Sáng qua 30.9, Ban họp. Lễ diễn ra vào ngày 7 và 8-10 tới.")
    days = [(c.text, c.get("day"), c.get("last_day"), c.get("month"), c.get("granularity"))
            for c in extract_dates(doc, lexicon) if c.get("kind") == "day_month"]
    assert days == [("Sáng nay (22/12)", 22, None, 12, "day"), ("Sáng qua 30.9", 30, None, 9, "day"),
                    ("ngày 7 và 8-10", 7, 8, 10, "range")]


def test_days_of_one_month_and_month_names(make_doc, lexicon):
    doc = make_doc("Đại hội diễn ra trong hai ngày, 2-3/12/2014. Cập nhật 12:50 CH @ Thứ Sáu - 22 Tháng Bảy, 2022.")
    full = [(c.text, c.normalized, c.get("value_end"), c.rule) for c in extract_dates(doc, lexicon) if c.get("kind") == "full"]
    assert full == [("2-3/12/2014", "2014-12-02", "2014-12-03", "dates.multi_day"),
                    ("22 Tháng Bảy, 2022", "2022-07-22", None, "dates.dmy_month_name")]


def test_both_ends_of_a_span_of_dates_are_marked(make_doc, lexicon):
    doc = make_doc("Ngày 8-8, Đảng bộ tổ chức Lễ kỷ niệm 10 năm thành lập (10-8-2004 – 10-8-2014).")
    cands = extract_dates(doc, lexicon)
    assert [(c.text, c.get("role")) for c in cands if c.get("kind") == "full"] == [
        ("10-8-2004", "span"), ("10-8-2014", "span")]
    day = next(c for c in cands if c.get("kind") == "day_month")
    assert day.get("year_cues") == ((2014, "range_end"),)


def test_iso_days_and_months_of_a_year(make_doc, lexicon):
    doc = make_doc("Báo cáo ngày 2020-06-18 về kết quả tháng 6/2023 và tháng 7 năm 2023.")
    full = [(c.text, c.normalized, c.rule) for c in extract_dates(doc, lexicon) if c.get("kind") == "full"]
    assert full == [("2020-06-18", "2020-06-18", "dates.iso"), ("tháng 6/2023", "2023-06", "dates.month_year"),
                    ("tháng 7 năm 2023", "2023-07", "dates.month_year")]


# -- the patterns written to scan fast: the same matches as the plain ones --------------------

import re  # noqa: E402

import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from extractors import dates  # noqa: E402
from extractors.lexicon import Lexicon, alternation, vi_pattern  # noqa: E402
from tests.extractors.same_matches import assert_same_matches, corpus_texts  # noqa: E402

_SEP = r"\s*[/.\-–]\s*"
_DMY_SOURCE = r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:19|20)\d{2}"
_LEX = Lexicon.load()
_D = _LEX.raw["dates"]
_W = {k: vi_pattern(v) for k, v in _D["words"].items()}
_Y = r"((?:19|20)\d{2})"
_CONJ = vi_pattern(_LEX.conjunction)
PLAIN = {  # the patterns as they were written before, each opening with what stands before it
    "_DMY": (dates._DMY, re.compile(rf"(?<![\d/.\-])(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}((?:19|20)\d{{2}})(?![\d/])")),
    "_ISO_DATE": (dates._ISO_DATE, re.compile(r"(?<![\d-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\d-])")),
    "_RANGE": (dates._RANGE, re.compile(r"(?<![\d/])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?![\d/])")),
    "_CRAWL_MONTH": (dates._CRAWL_MONTH, re.compile(r"(?m)^date ((?:19|20)\d{2})-(\d{2})(?![\d-])")),
    "_DATE_SPAN": (dates._DATE_SPAN, re.compile(rf"(?<![\d/.\-])({_DMY_SOURCE})\s*[-–—]\s*({_DMY_SOURCE})(?![\d/])")),
    "_ANY_RANGE": (dates._ANY_RANGE, re.compile(r"(?<![\d/.\-])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?![\d/])")),
    "_ANY_YEAR": (dates._ANY_YEAR, re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")),
    "multi_day_re": (_LEX.multi_day_re, re.compile(
        rf"(?<![\d/:])(\d{{1,2}})(?:\s*(?:,|-|–|{_CONJ})\s*(\d{{1,2}}))+\s*/\s*(\d{{1,2}})\s*[/.\-–]\s*((?:19|20)\d{{2}})(?!\d)")),
    "month_name_date_re": (_LEX.date_patterns.month_name_date_re, re.compile(
        rf"(?<![\w/.\-])(\d{{1,2}})\s+({alternation(_D['month_names'])})(?!\w)\s*(?:,\s*|\s+{_W['year']}\s+|\s+){_Y}(?!\d)",
        re.I)),
    "month_year_re": (_LEX.date_patterns.month_year_re, re.compile(
        rf"(?<!\w){_W['month']}\s+(\d{{1,2}})(?:\s*/\s*|\s+{_W['year']}\s+){_Y}(?!\d)", re.I)),
    "year_range_words_re": (_LEX.date_patterns.year_range_words_re, re.compile(
        rf"(?<!\w){_W['from']}\s+{_W['year']}\s+{_Y}\s+{_W['to']}\s+{_W['year']}\s+{_Y}(?!\d)", re.I)),
    "year_word_re": (_LEX.date_patterns.year_word_re, re.compile(rf"(?<!\w){_W['year']}\s+{_Y}(?![\d/\-])", re.I)),
    "day_cue_re": (_LEX.day_cue_re, re.compile(rf"(?<!\w)(?:{alternation(_D['day_cues'])})"
                                               rf"(?:\s+(?:{alternation(_D['day_cue_modifiers'])}))?(?!\w)", re.I)),
    "halves_re": (_LEX.halves_re, re.compile(rf"(?<!\w)(?:{alternation(_LEX.halves)})(?!\w)", re.I)),
}
EDGES = ["15/6/2020", "115/6/2020", "/15/6/2020", "a15/6/2020", "-15/6/2020", ".5.6.2020", "15/6/20201", "2020-06-18",
         "12020-06-18", "-2020-06-18", "2020-06-18-", "2015 – 2020", "/2015-2020", "x2015-2020", "12015-2020", "2020",
         "(10-8-2004 – 10-8-2014)", "04, 05/4/2024", "2-3/12/2014", "7 và 8/10/2020", "22 Tháng Bảy, 2022",
         "a22 tháng 7 năm 2022", "tháng 6/2023", "Tháng 6 năm 2023", "xtháng 6/2023", "từ năm 2015 đến năm 2020",
         "năm 2020", "Năm 2020/", "xnăm 2020", "date 2020-08 (GLO)", "x date 2020-08", "\ndate 2020-08-", "Chiều 4-3",
         "sáng nay (22/12)", "6 tháng đầu năm 2020", "quý IV.2015", "19", "20", "1999 2000 ngày 1/1/2000", "(20.10.1930 – 2015)", ".2015-2020"]


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_fast_date_patterns_match_as_the_plain_ones(name):
    new, old = PLAIN[name]
    assert_same_matches(new, old, EDGES + ["\n".join(EDGES)], every_position=True)
    assert_same_matches(new, old, corpus_texts())


_PIECES = st.sampled_from(["1", "2", "19", "20", "2020", "15", "6", "/", "-", "–", ".", " ", "\n", ",", "(", ")", "a",
                           "ngày", "tháng", "năm", "Năm", "từ", "đến", "và", "date ", "Bảy", "Chiều", "sáng", "đầu"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_fast_date_patterns_match_as_the_plain_ones_on_any_text(text):
    for new, old in PLAIN.values():
        assert_same_matches(new, old, [text], every_position=True)


def test_a_year_less_day_after_a_weekday_or_in_words(make_doc, lexicon):
    doc = make_doc("Sáng thứ Năm (4/1), Huyện ủy họp. Chiều Chủ nhật, 7/1, xã họp. Sáng 25 tháng 12, Hội Nông dân họp; "
                   "ngày 5 tháng 12 năm 2023 là ngày khác.")
    days = [(c.text, c.get("day"), c.get("month")) for c in extract_dates(doc, lexicon) if c.get("kind") == "day_month"]
    assert days == [("Sáng thứ Năm (4/1)", 4, 1), ("Chiều Chủ nhật, 7/1", 7, 1), ("Sáng 25 tháng 12", 25, 12)]


def test_a_datelines_day_month_and_year_in_words_without_nam(make_doc, lexicon):
    doc = make_doc("Thứ ba, 26 Tháng 12 2023 09:39 và 3 tháng 1, 2024.")
    assert [(c.text, c.normalized) for c in extract_dates(doc, lexicon) if c.rule == "dates.dmy_words"] == [
        ("26 Tháng 12 2023", "2023-12-26"), ("3 tháng 1, 2024", "2024-01-03")]


def test_a_year_less_day_after_a_wire_leads_place(make_doc, lexicon):
    doc = make_doc("TIỀN GIANG, 12/1 (TTXVN) - UBND tỉnh tổ chức hội nghị.\n\nHà Nội, 14/1 - Bộ họp.\n\nĐà Nẵng, 3/5 triển khai.")
    days = [(c.text, c.get("day"), c.get("month")) for c in extract_dates(doc, lexicon) if c.get("kind") == "day_month"]
    assert days == [("12/1", 12, 1), ("14/1", 14, 1)]
