"""People, titles, author and event resolution: exact decisions on small cases."""

from extractors.author import extract_author
from extractors.base import body_document, lined_document
from extractors.event import extract_event
from extractors.people import extract_people
from extractors.titles import extract_titles
from pipeline.resolve.author import resolve_author
from pipeline.resolve.event import resolve_event
from pipeline.resolve.people import resolve_people
from pipeline.resolve.titles import dedupe_title_spans, person_offices, title_key


def test_names_with_one_key_are_one_person(lexicon):
    doc = body_document("Đồng chí Khúc Thị Thuý phát biểu; đồng chí Thúy cảm ơn. Bà Khúc Thị Thúy kết luận.")
    persons, decisions = resolve_people([c for c in extract_people(doc, lexicon)])
    assert [(p.name, len(p.mentions)) for p in persons] == [("Khúc Thị Thúy", 2)]
    assert {d.rule for d in decisions} == {"people.same_name", "people.fullest_name"}


def test_a_name_written_given_name_first_is_the_head_of_its_fuller_name(lexicon):
    doc = body_document("Ông Y Thắng Êban, Chủ tịch UBND xã, phát biểu. Ông Y Thắng đề nghị các hộ tham gia. "
                        "Ông Lê Văn Minh và ông Lê Văn Minh Hùng cùng dự.")
    persons, decisions = resolve_people(extract_people(doc, lexicon))
    assert [(p.name, len(p.mentions)) for p in persons] == [
        ("Y Thắng Êban", 2), ("Lê Văn Minh", 1), ("Lê Văn Minh Hùng", 1)]  # a Kinh name's head is no back-reference
    assert [d.rule for d in decisions if d.rule == "people.head_name"] == ["people.head_name"]


def test_a_tail_name_that_two_people_end_with_stays_apart(lexicon):
    doc = body_document("Đồng chí Khúc Văn Thượng và đồng chí Lò Văn Thượng dự; ông Thượng phát biểu.")
    persons, _ = resolve_people(extract_people(doc, lexicon))
    assert [p.name for p in persons] == ["Khúc Văn Thượng", "Lò Văn Thượng"]


def test_offices_one_per_span_same_office_and_fuller_office(lexicon):
    doc = body_document("Đồng chí Khúc Văn Thượng, Phó Giám đốc Sở Nội vụ; ông Khúc Văn Thượng, Phó Giám đốc phát biểu.")
    people = extract_people(doc, lexicon)
    titles, _ = dedupe_title_spans(extract_titles(doc, lexicon, people))
    offices, decisions = person_offices(titles, lambda c: "P1")
    assert [c.text for c in offices["P1"]] == ["Phó Giám đốc Sở Nội vụ"]
    assert [d.rule for d in decisions] == ["titles.fuller_office"]
    assert title_key("Phụ trách thi đua, khen thưởng") == title_key("phụ trách  thi đua khen thưởng")


def test_the_author_is_the_best_rule_one_per_start(lexicon):
    doc = lined_document("Tin thi đua của tỉnh năm 2023\nMinh Anh\nNgày 15/6/2020, tỉnh tổ chức hội nghị tổng kết.\n"
                         "Tác giả: Lan Hương", "headline", "byline", "body", "byline")
    kept, best, decisions = resolve_author(extract_author(doc, lexicon))
    assert (best.normalized, best.rule) == ("Lan Hương", "author.tac_gia")
    assert [c.rule for c in kept] == ["author.tac_gia", "author.byline_top"]
    assert [d.rule for d in decisions] == ["author.tac_gia"]


def test_event_facts_one_per_slot(lexicon):
    doc = lined_document("Sơ kết thi đua 6 tháng đầu năm 2023\nNgày 13/7/2023, tại Hà Nội, Cục Sở hữu trí tuệ đã tổ chức Hội nghị.",
                         "headline", "body")
    from extractors.dates import extract_dates
    from extractors.units import extract_units
    from pipeline.resolve.dates import resolve_dates
    from pipeline.resolve.units import resolve_unit_spans

    dates, _ = resolve_dates(doc, extract_dates(doc, lexicon))
    units, _ = resolve_unit_spans(extract_units(doc, lexicon))
    chosen, decisions = resolve_event(extract_event(doc, lexicon, dates, units))
    assert [(c.get("slot"), c.normalized) for c in chosen] == [
        ("type", "sơ kết"), ("location", "Hà Nội"), ("organizer", "Cục Sở hữu trí tuệ"), ("period", "2023-01/2023-06")]
    assert [d.rule for d in decisions] == ["event.type", "event.location", "event.organizer", "event.period"]


def test_an_office_written_once_for_a_list_stands_for_every_person(lexicon):
    doc = body_document("Tham dự có các Phó Chủ tịch UBND tỉnh: Lê Văn Bình, Trần Thị Hoa.")
    titles, decisions = dedupe_title_spans(extract_titles(doc, lexicon, extract_people(doc, lexicon)))
    assert [(c.get("person"), c.text) for c in titles] == [("Lê Văn Bình", "Phó Chủ tịch UBND tỉnh"),
                                                          ("Trần Thị Hoa", "Phó Chủ tịch UBND tỉnh")]
    assert decisions == []


def test_the_writer_signing_the_article_is_no_person_of_it(lexicon):
    from extractors.author import extract_author
    from extractors.people import extract_people
    from pipeline.resolve.author import resolve_author
    from pipeline.resolve.people import resolve_people, without_author
    from pipeline.segment import make_document

    doc = make_document("t", "Hội nghị tổng kết năm 2023\n\nSáng 26/12, ông Trần Văn Nam phát biểu.\n\n"
                        "Nguyễn Văn Hùng (Văn phòng HĐND-UBND huyện)", lexicon)
    _, author, _ = resolve_author(extract_author(doc, lexicon))
    kept, decisions = without_author(extract_people(doc, lexicon), author)
    assert [p.name for p in resolve_people(kept)[0]] == ["Trần Văn Nam"]
    assert [d.rule for d in decisions] == ["people.author_not_person"]
