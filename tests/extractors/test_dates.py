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
