import pytest

from extractors.people import extract_people


def names(doc, lexicon):
    return [(c.normalized, c.get("honorific"), c.get("rank"), c.rule) for c in extract_people(doc, lexicon)]


def test_honorific_and_rank_stripped(make_doc, lexicon):
    doc = make_doc("PGS.TS. Nguyễn Huy Hoàng, Viện trưởng và đồng chí NGuyễn Thị Vân Nga dự họp.")
    assert names(doc, lexicon) == [
        ("Nguyễn Huy Hoàng", None, "PGS.TS.", "people.honorific"),
        ("Nguyễn Thị Vân Nga", "đồng chí", None, "people.honorific"),
    ]


def test_title_before_and_after(make_doc, lexicon):
    doc = make_doc("Phát biểu tại Hội nghị, Thứ trưởng Bộ Khoa học và Công nghệ Phạm Công Tạc đánh giá cao; "
                   "Trần Tường Thanh, Trưởng phòng QLTH, báo cáo.")
    assert [(n, r) for n, _, _, r in names(doc, lexicon)] == [
        ("Phạm Công Tạc", "people.title_before"), ("Trần Tường Thanh", "people.title_after")]


def test_places_units_and_quotes_are_not_people(make_doc, lexicon):
    doc = make_doc("Trường Tiểu học Nguyễn Tấn Kiều tại Thành phố Hồ Chí Minh, Đoàn TNCS Hồ Chí Minh và "
                   "phong trào “Học tập và làm theo tấm gương đạo đức Hồ Chí Minh” tại Hà Nội.")
    assert names(doc, lexicon) == []


def test_spans_are_evidence(make_doc, lexicon):
    doc = make_doc("Ông Vũ Đức Nam, Trưởng Ban Tuyên giáo cho biết.")
    for c in extract_people(doc, lexicon):
        assert doc.text[c.start:c.end] == c.text


def test_a_run_ends_at_a_word_of_unit_names(make_doc, lexicon):
    doc = make_doc("Các đơn vị: Đoàn Khối các Cơ quan T.Ư, Đoàn Khối Doanh nghiệp T.Ư cùng dự.")
    assert names(doc, lexicon) == []


def test_a_place_after_its_level_word_is_not_part_of_the_name(make_doc, lexicon):
    doc = make_doc("Phó Chủ tịch UBND huyện Kiên Lương Lâm Thị Xinh trao bằng khen.")
    assert [n[0] for n in names(doc, lexicon)] == ["Lâm Thị Xinh"]


def test_award_names_and_former_provinces_are_not_people(make_doc, lexicon):
    doc = make_doc("Dự lễ trao giải thưởng Nguyễn Thị Định lần thứ nhất có Công ty Xăng dầu Hà Sơn Bình.")
    assert names(doc, lexicon) == []


def test_a_lower_case_given_name_after_the_middle_name_is_kept_and_fixed(make_doc, lexicon):
    doc = make_doc("Đồng chí Nguyễn Văn an, Bí thư Đảng ủy và ông Lê Văn được tặng hoa.")
    assert [(n[0], n[3]) for n in names(doc, lexicon)] == [("Nguyễn Văn An", "people.honorific"),
                                                          ("Lê Văn", "people.honorific")]  # "được": no name


def test_a_person_a_school_is_named_after_is_no_person(make_doc, lexicon):
    doc = make_doc("Trường Đại học Tôn Đức Thắng, Trường Trung học phổ thông chuyên Lê Quý Đôn, Trường Trung học "
                   "cơ sở Chu Văn An và Học viện Chính trị quốc gia Hồ Chí Minh dự. Ông Nguyễn Văn Nam phát biểu.")
    assert [n[0] for n in names(doc, lexicon)] == ["Nguyễn Văn Nam"]


def test_a_place_word_that_ends_an_office_or_a_numbered_unit_does_not_block_the_name(make_doc, lexicon):
    doc = make_doc("Trưởng thôn Nguyễn Văn Nam và Tư lệnh Quân khu 7 Trần Văn Bình dự; đoàn đến thăm thôn Lê Văn Hùng "
                   "và Hiệu trưởng Trường Tiểu học Nguyễn Tấn Kiều.")
    assert [n[0] for n in names(doc, lexicon)] == ["Nguyễn Văn Nam", "Trần Văn Bình"]


# -- rewritten for speed: the same results as the plain forms ---------------------------------

import re  # noqa: E402

from extractors.keys import _WORD, UPPER, fix_name_case  # noqa: E402
from extractors.people import _CAP_TOKEN  # noqa: E402
from tests.extractors.same_matches import assert_same_matches, corpus_texts  # noqa: E402

_CAP_EDGES = ["Nguyễn Văn An", "aNguyễn", "1Nguyễn", "_Nguyễn", "(Nguyễn)", "NGuyễn", "UBND", "Đ", "ông Đỗ\nThị Ánh",
              "xỨ Ứ", "Ǆ ǅ ǆ", "ΣΑΣ ΑΣ", "A_B A1B", "\u00c0\u0300A"]


def test_the_capital_token_pattern_matches_as_the_plain_one():
    plain = re.compile(rf"(?<![^\W\d_])[{re.escape(UPPER)}][^\W\d_]*")
    assert_same_matches(_CAP_TOKEN, plain, _CAP_EDGES + [" ".join(_CAP_EDGES)], every_position=True)
    assert_same_matches(_CAP_TOKEN, plain, corpus_texts())


def test_fixing_the_case_of_one_syllable_is_the_general_rule():
    def general(name):
        return _WORD.sub(lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(), name)

    words = {w for t in corpus_texts() for w in t.split()} | set(_CAP_EDGES) | {"", "ǅa", "ß", "İ", "ŉ"}
    for w in words:
        assert fix_name_case(w) == general(w), w


def test_names_of_ethnic_minorities(make_doc, lexicon):
    doc = make_doc("Ông Giàng A Chu, Bí thư Chi bộ bản; anh Vàng Seo Sử; chị Cầm Thị Hoa; bà Ksor H'Nhi, Chủ tịch "
                   "Hội Phụ nữ xã và ông Điểu Minh được tặng giấy khen. Đồng bào H'Mông ở Hà Giang đạt nhiều thành tích.")
    assert [n for n, _, _, _ in names(doc, lexicon)] == ["Giàng A Chu", "Vàng Seo Sử", "Cầm Thị Hoa", "Ksor H'Nhi", "Điểu Minh"]


def test_pupils_and_elders_are_named_after_their_honorific(make_doc, lexicon):
    doc = make_doc("Em Nguyễn Thị Ngọc Ánh, học sinh lớp 9A đạt giải Nhất; cụ Lê Văn Tám được chúc thọ.")
    assert [(n, h) for n, h, _, _ in names(doc, lexicon)] == [("Nguyễn Thị Ngọc Ánh", "em"), ("Lê Văn Tám", "cụ")]


def test_an_e_de_given_name_opens_the_name_before_its_family_name(make_doc, lexicon):
    doc = make_doc("Đồng chí Y Thanh Hà Niê Kđăm, Ủy viên Trung ương Đảng và bà H'Hen Niê dự. Ngành Y tế Đắk Lắk được khen.")
    assert [n for n, _, _, _ in names(doc, lexicon)] == ["Y Thanh Hà Niê Kđăm", "H'Hen Niê"]


def test_an_office_glued_to_a_name_is_not_the_names(make_doc, lexicon):
    doc = make_doc("Đại tá Nguyễn Hồng Phong Chính ủy Bộ đội Biên phòng tỉnh và ông Lê Văn An Phó Chủ tịch UBND xã "
                   "cùng dự. Ông Nguyễn Văn Chính, Bí thư Chi bộ, phát biểu.")
    assert [n for n, _, _, _ in names(doc, lexicon)] == ["Nguyễn Hồng Phong", "Lê Văn An", "Nguyễn Văn Chính"]


def test_a_gender_middle_name_typed_in_lower_case_is_the_names(make_doc, lexicon):
    doc = make_doc("Bà Trần thị Lan nhận giấy khen; nhà văn Nguyễn Nhật Ánh dự.")
    assert [n for n, _, _, _ in names(doc, lexicon)] == ["Trần Thị Lan", "Nguyễn Nhật Ánh"]


def test_a_name_in_capitals_after_an_honorific(make_doc, lexicon):
    doc = make_doc("Đồng chí NGUYỄN VĂN HÙNG, Bí thư Đảng ủy phát biểu. UBND TỈNH NGHỆ AN tổ chức hội nghị.")
    assert names(doc, lexicon) == [("Nguyễn Văn Hùng", "đồng chí", None, "people.upper_case")]
    headline = make_doc("ĐỒNG CHÍ NGUYỄN VĂN HÙNG THĂM VÀ TẶNG QUÀ\n\nSáng 5/1, đoàn công tác đến thăm gia đình chính sách.")
    assert names(headline, lexicon) == []  # all in capitals: where the name ends is not written


def test_an_office_after_an_honorific_is_no_name(make_doc, lexicon):
    doc = make_doc("Đồng chí Phó Chủ tịch UBND tỉnh Lê Văn Cường trao quà. Các đồng chí Phó Giám đốc Sở cùng dự.")
    assert [n for n, _, _, _ in names(doc, lexicon)] == ["Lê Văn Cường"]


def test_a_body_whose_name_ends_in_a_place_word_may_precede_a_name(make_doc, lexicon):
    doc = make_doc("Thứ trưởng Bộ Tài nguyên và Môi trường Lê Công Thành, Cục trưởng Cục Quản lý thị trường Trần Hữu "
                   "Linh và Thứ trưởng Bộ Nông nghiệp và Phát triển nông thôn Hoàng Minh Đức dự. Trường Tiểu học "
                   "Nguyễn Tấn Kiều được khen.")
    assert [n for n, _, _, _ in names(doc, lexicon)] == ["Lê Công Thành", "Trần Hữu Linh", "Hoàng Minh Đức"]


def test_after_an_office_a_ward_level_is_followed_by_a_person_unless_a_known_ward(make_doc, lexicon):
    doc = make_doc("Bí thư Đảng ủy phường Lê Hoàng Nam phát biểu. Chủ tịch UBND phường Hoàng Văn Thụ phát biểu.")
    assert [n for n, _, _, _ in names(doc, lexicon)] == ["Lê Hoàng Nam"]


def test_a_family_name_inside_a_place_after_its_level_is_no_person(make_doc, lexicon):
    doc = make_doc("Ông Nguyễn Văn Thắng, Bí thư Đảng ủy xã Tam Dương Bắc, cho biết xã đã hoàn thành.")
    assert [n for n, _, _, _ in names(doc, lexicon)] == ["Nguyễn Văn Thắng"]


def test_a_writer_credited_in_the_dateline_is_no_person(lexicon):
    from pipeline.segment import make_document

    doc = make_document("t", "Ban Dân vận Tỉnh ủy tổng kết năm 2023\nNgày đăng: 16/01/2024 | Người viết: Lê Thị Hoa\n\n"
                        "Ngày 15/01/2024, ông Trần Văn Nam tổ chức hội nghị tổng kết công tác dân vận năm 2023.", lexicon)
    assert [n for n, _, _, _ in names(doc, lexicon)] == ["Trần Văn Nam"]


def test_a_given_name_that_is_also_a_word_of_unit_names_ends_the_name(make_doc, lexicon):
    doc = make_doc("Bà Nguyễn Thị Liên, Phó Giám đốc Sở Nội vụ phát biểu. Lê Văn Hiệp phát biểu. Ông Trần Văn Viện, "
                   "Giám đốc Sở dự. Ông Lê Văn An Tỉnh ủy viên dự; Chủ tịch Nguyễn Văn Tổng, Liên đoàn Lao động tỉnh dự.")
    assert [c.text for c in extract_people(doc, lexicon)] == [
        "Nguyễn Thị Liên", "Lê Văn Hiệp", "Trần Văn Viện", "Lê Văn An", "Nguyễn Văn Tổng"]


def test_the_family_name_doan_opening_a_bodys_head_is_no_name(make_doc, lexicon):
    doc = make_doc("Ông Lê Văn Hải, Bí thư Đoàn Thanh niên Bộ Công an; Ủy viên Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt "
                   "Nam Trần Thị Hoa và Phó Bí thư Tỉnh Đoàn Lưu Đức Thịnh dự. Ông Đoàn Thanh Tùng phát biểu.")
    assert [c.text for c in extract_people(doc, lexicon)] == [
        "Lê Văn Hải", "Trần Thị Hoa", "Lưu Đức Thịnh", "Đoàn Thanh Tùng"]


def test_a_known_place_after_a_ward_or_city_level_is_not_the_start_of_the_name(make_doc, lexicon):
    doc = make_doc("Chủ tịch UBND thành phố Đông Hà Nguyễn Văn Hùng phát biểu. Bí thư Đảng ủy phường Hà Giang Trần Thị Mai dự.")
    assert [c.text for c in extract_people(doc, lexicon)] == ["Nguyễn Văn Hùng", "Trần Thị Mai"]


def test_a_name_after_an_office_of_a_hamlet_is_a_person(make_doc, lexicon):
    doc = make_doc("Bí thư Chi bộ thôn Nguyễn Văn Hùng phát biểu; Trưởng ấp Lê Văn Tám dự. Thôn Đông Hòa có 30 hộ.")
    assert [c.text for c in extract_people(doc, lexicon)] == ["Nguyễn Văn Hùng", "Lê Văn Tám"]


def test_an_honorific_cue_stands_on_the_names_line(lexicon):
    from extractors.base import lined_document

    doc = lined_document("Đồng chí Lê Văn An trao Bằng khen. Ảnh: Ngọc Anh\nTại Hội nghị, các đại biểu thảo luận.",
                         "caption", "body")
    assert [c.text for c in extract_people(doc, lexicon)] == ["Lê Văn An"]


def test_a_given_name_opener_after_a_capitalised_honorific(make_doc, lexicon):
    doc = make_doc("Ông Y Ngọc Niê, Chủ tịch Hội Nông dân tỉnh, tặng hoa. Chị H'Bhia Mlô dự. Bà Rịa là tỉnh cũ.")
    assert [(c.text, c.get("honorific")) for c in extract_people(doc, lexicon)] == [
        ("Y Ngọc Niê", "ông"), ("H'Bhia Mlô", "chị")]


def test_a_family_name_of_several_syllables_takes_up_to_three_more(make_doc, lexicon):
    doc = make_doc("Bà Tôn Nữ Thị Ngọc Hân, Phó Chủ tịch UBND tỉnh, bà Công Tôn Nữ Minh Châu, ông Âu Dương Minh Trí "
                   "và ông Nguyễn Trần Hoàng Minh Quân, Giám đốc Sở Nội vụ, dự.")
    assert [n[0] for n in names(doc, lexicon)] == ["Tôn Nữ Thị Ngọc Hân", "Công Tôn Nữ Minh Châu", "Âu Dương Minh Trí",
                                                   "Nguyễn Trần Hoàng Minh Quân"]


def test_central_highlands_given_name_openers(make_doc, lexicon):
    """"A" opens a Ba Na or Xơ Đăng man's name before a syllable that is also a family name;
    "H'" may be written with a space before the given name."""
    doc = make_doc("Ông A Lưu, Bí thư Chi bộ làng Kon Pring, và bà H' Loan Niê, Phó Chủ tịch Hội Nông dân tỉnh, dự. "
                   "Thầy giáo Chang A Lử phát biểu.")
    assert [n[0] for n in names(doc, lexicon)] == ["A Lưu", "H' Loan Niê", "Chang A Lử"]


def test_a_province_before_a_family_name_is_the_units_place(make_doc, lexicon):
    doc = make_doc("Giám đốc Sở Y tế Hà Nội Trần Văn Khôi và ông Hà Văn Nam phát biểu.")
    assert [n[0] for n in names(doc, lexicon)] == ["Trần Văn Khôi", "Hà Văn Nam"]


def test_after_an_honorific_a_family_name_unknown_here_and_the_oceans(make_doc, lexicon):
    doc = make_doc("Ông Sơn Ngọc Hoàng, Chủ tịch UBND xã, phát biểu. Tàu cá hoạt động trên vùng biển Thái Bình Dương.")
    assert [n[0] for n in names(doc, lexicon)] == ["Sơn Ngọc Hoàng"]


@pytest.mark.parametrize("sentence", ["Đoàn Trường Đại học Vinh được Tỉnh đoàn tặng Bằng khen.",
                                      "Viện Trần Nhân Tông được Giám đốc Đại học Quốc gia Hà Nội tặng Giấy khen."])
def test_a_unit_named_after_a_person_or_opening_inside_a_run_is_no_person(sentence, make_doc, lexicon):
    assert [c.normalized for c in extract_people(make_doc(sentence), lexicon)] == []


def test_a_provinces_syllable_that_is_a_family_name_is_the_places(make_doc, lexicon):
    doc = make_doc("Cục trưởng Cục Hải quan Quảng Ninh Nguyễn Văn Trung cho biết, đơn vị đã hoàn thành chỉ tiêu.")
    assert [n for n, *_ in names(doc, lexicon)] == ["Nguyễn Văn Trung"]


def test_a_district_named_after_an_honorific_is_a_person_a_province_is_not(make_doc, lexicon):
    assert [n for n, *_ in names(make_doc("Dự hội nghị có ông Mai Sơn, Phó Cục trưởng Cục Thuế."), lexicon)] == ["Mai Sơn"]
    assert names(make_doc("Đoàn công tác đến thăm ông bà Hà Nội."), lexicon) == []
    assert names(make_doc("Huyện Mai Sơn tổ chức hội nghị."), lexicon) == []


@pytest.mark.parametrize(("sentence", "name", "honorific"), [
    ("Hòa thượng Thích Minh Thiện, Trưởng ban Trị sự tỉnh, phát biểu tại hội nghị.", "Thích Minh Thiện", "hòa thượng"),
    ("Linh mục Trần Văn Bình, Chánh xứ Giáo xứ Thái Hà, được biểu dương.", "Trần Văn Bình", "linh mục"),
    ("Thượng tọa Thích Thanh Phong phát biểu.", "Thích Thanh Phong", "thượng tọa"),
])
def test_religious_dignitaries_and_dharma_names(sentence, name, honorific, make_doc, lexicon):
    assert [(n, h) for n, h, *_ in names(make_doc(sentence), lexicon)] == [(name, honorific)]


@pytest.mark.parametrize("sentence", ["Tòa Giám mục Xuân Lộc tích cực tham gia công tác từ thiện.",
                                      "Chánh xứ Giáo xứ Thái Hà phát biểu."])
def test_a_see_or_a_parish_is_named_after_its_place(sentence, make_doc, lexicon):
    assert names(make_doc(sentence), lexicon) == []


def test_a_village_elder(make_doc, lexicon):
    doc = make_doc("Già làng A Lăng Pố được UBND huyện tặng Giấy khen.")
    assert [(n, h) for n, h, *_ in names(doc, lexicon)] == [("A Lăng Pố", "già làng")]


def test_a_hamlet_or_an_order_named_after_a_person_is_no_mention_of_them(make_doc, lexicon):
    doc = make_doc("Ông Lê Văn A ở xóm Phan Bội Châu được tặng Huân chương Hồ Chí Minh.")
    assert [n for n, *_ in names(doc, lexicon)] == ["Lê Văn A"]


def test_a_districts_syllable_that_is_a_family_name_is_the_places(make_doc, lexicon):
    doc = make_doc("Giám đốc Bưu điện khu vực Phủ Lý Trần Thị Hồng phát biểu.")
    assert [n for n, *_ in names(doc, lexicon)] == ["Trần Thị Hồng"]
