import pytest

from extractors.people import extract_people
from extractors.titles import extract_titles, split_role


def titles(doc, lexicon):
    return [(c.get("person"), c.text, c.get("role"), c.get("unit"))
            for c in extract_titles(doc, lexicon, extract_people(doc, lexicon))]


def test_three_offices_split(make_doc, lexicon):
    doc = make_doc("Đồng chí Lê Văn Tùng – Ủy viên BCH Đảng bộ Viện Hàn lâm KHCNVN, Bí thư Đảng bộ cơ sở Văn phòng, "
                   "Chánh Văn phòng phát động phong trào thi đua.")
    assert [t[1] for t in titles(doc, lexicon)] == [
        "Ủy viên BCH Đảng bộ Viện Hàn lâm KHCNVN", "Bí thư Đảng bộ cơ sở Văn phòng", "Chánh Văn phòng"]


def test_office_before_name_and_in_parentheses(make_doc, lexicon):
    doc = make_doc("Tham dự có Thứ trưởng Bộ Khoa học và Công nghệ Phạm Công Tạc. Đồng chí Hoàng Ngọc Nhân, "
                   "Phó Viện trưởng phụ trách Viện Ứng dụng công nghệ (Khối trưởng Khối thi đua) đã trình bày báo cáo.")
    assert titles(doc, lexicon) == [
        ("Phạm Công Tạc", "Thứ trưởng Bộ Khoa học và Công nghệ", "Thứ trưởng", "Bộ Khoa học và Công nghệ"),
        ("Hoàng Ngọc Nhân", "Phó Viện trưởng phụ trách Viện Ứng dụng công nghệ", "Phó Viện trưởng phụ trách",
         "Viện Ứng dụng công nghệ"),
        ("Hoàng Ngọc Nhân", "Khối trưởng Khối thi đua", "Khối trưởng", "Khối thi đua"),
    ]


def test_title_stops_at_next_person(make_doc, lexicon):
    doc = make_doc("Các đồng chí: Vy Văn Vũ, Chủ tịch Ủy ban MTTQ tỉnh và Nguyễn Thành Trí, Phó chủ tịch UBND tỉnh đã đến dự.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Vy Văn Vũ", "Chủ tịch Ủy ban MTTQ tỉnh"), ("Nguyễn Thành Trí", "Phó chủ tịch UBND tỉnh")]


def test_split_role(lexicon):
    assert split_role("Cục trưởng Cục Sở hữu trí tuệ", lexicon) == ("Cục trưởng", "Cục Sở hữu trí tuệ")
    assert split_role("nguyên Chủ tịch Hội LHPN tỉnh", lexicon) == ("Chủ tịch", "Hội LHPN tỉnh")


def test_an_office_ending_in_a_kind_of_body_opens_its_unit(lexicon):
    """The office's last words name the unit's kind: the unit begins with them."""
    assert [split_role(t, lexicon) for t in (
        "Trưởng Ban Dân vận Tỉnh ủy", "Trưởng phòng Kế hoạch", "Trưởng Đoàn đại biểu Quốc hội tỉnh",
        "Phó Giám đốc Công an tỉnh", "Chánh Văn phòng Tỉnh ủy", "Trưởng thôn Đông",
        "Phó trưởng cụm Cụm Thi đua số IX", "Trưởng ban", "Phó Chủ tịch Thường trực UBND tỉnh")] == [
        ("Trưởng Ban", "Ban Dân vận Tỉnh ủy"), ("Trưởng phòng", "phòng Kế hoạch"),
        ("Trưởng Đoàn", "Đoàn đại biểu Quốc hội tỉnh"), ("Phó Giám đốc Công an", "Công an tỉnh"),
        ("Chánh Văn phòng", "Văn phòng Tỉnh ủy"), ("Trưởng thôn", "thôn Đông"),
        ("Phó trưởng cụm", "Cụm Thi đua số IX"), ("Trưởng ban", ""), ("Phó Chủ tịch Thường trực", "UBND tỉnh")]


def test_a_chain_of_offices_before_the_name(make_doc, lexicon):
    doc = make_doc("Sáng 6.8, tại Nhà Quốc hội, Ủy viên Bộ Chính trị, Chủ tịch Quốc hội Nguyễn Thị Kim Ngân gặp mặt đoàn.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Nguyễn Thị Kim Ngân", "Ủy viên Bộ Chính trị"), ("Nguyễn Thị Kim Ngân", "Chủ tịch Quốc hội")]



def test_a_chain_of_offices_after_a_lead_or_a_semicolon(make_doc, lexicon):
    doc = make_doc("Dự hội nghị có Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lê Minh Hòa; "
                   "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy Đỗ Thị Hằng.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Lê Minh Hòa", "Phó Bí thư Tỉnh ủy"), ("Lê Minh Hòa", "Chủ tịch UBND tỉnh"),
        ("Đỗ Thị Hằng", "Ủy viên Ban Thường vụ Tỉnh ủy"), ("Đỗ Thị Hằng", "Trưởng Ban Dân vận Tỉnh ủy")]
    # the lead's own words are no office: only the offices of the chain are
    doc = make_doc("Tham dự có lãnh đạo các sở, Giám đốc Sở Tài chính Vũ Văn Khải.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [("Vũ Văn Khải", "Giám đốc Sở Tài chính")]

def test_a_chained_office_may_open_with_a_marked_capital(make_doc, lexicon):
    doc = make_doc("Ông Nguyễn Văn Thành, Bí thư Huyện ủy, đồng thời là Ủy viên Ban Chấp hành Đảng bộ thành phố, phát biểu.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Nguyễn Văn Thành", "Bí thư Huyện ủy"), ("Nguyễn Văn Thành", "Ủy viên Ban Chấp hành Đảng bộ thành phố")]


def test_lower_case_occupations_after_a_name(make_doc, lexicon):
    doc = make_doc("Tuyên dương ông Trần Văn Lợi (nhân viên Trung tâm Phân phối) và bà Nguyễn Thị Mai - "
                   "Nguyên giảng viên Trường Đại học Văn hóa.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Trần Văn Lợi", "nhân viên Trung tâm Phân phối"), ("Nguyễn Thị Mai", "Nguyên giảng viên Trường Đại học Văn hóa")]


def test_parentheses_inside_and_after_an_office(make_doc, lexicon):
    doc = make_doc("Dự có ông Nguyễn Văn Anh - Chủ tịch Ủy ban Quản lý vốn (UBQLV) Nhà nước; bà Lê Thị Hằng - "
                   "Trưởng Ban Thi đua - Khen thưởng (Sở Nội vụ); ông Trần Văn Bình (giữa) trao thưởng.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Nguyễn Văn Anh", "Chủ tịch Ủy ban Quản lý vốn (UBQLV) Nhà nước"),
        ("Lê Thị Hằng", "Trưởng Ban Thi đua - Khen thưởng (Sở Nội vụ)")]


def test_a_branch_office_in_a_place(make_doc, lexicon):
    doc = make_doc("Dự có Vũ Anh Tuấn, Trưởng Cơ quan Thường trực Ban Dân vận Trung ương tại TPHCM. Ông Lê Văn Hai, "
                   "Giám đốc Sở tại hội nghị nói.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Vũ Anh Tuấn", "Trưởng Cơ quan Thường trực Ban Dân vận Trung ương tại TPHCM"), ("Lê Văn Hai", "Giám đốc Sở")]


def test_a_bare_office_that_opens_the_next_clause_is_not_the_names(make_doc, lexicon):
    doc = make_doc("Học tập tư tưởng, phong cách Hồ Chí Minh, Tổng Bí thư đề nghị tuyên dương thanh niên.")
    assert titles(doc, lexicon) == []


def test_party_committee_members(make_doc, lexicon):
    doc = make_doc("Có ông Trần Hữu Quân - Tỉnh ủy viên - Chánh án; ông Nguyễn Văn Thi – TUV, Chủ tịch HND tỉnh trao quà.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Trần Hữu Quân", "Tỉnh ủy viên"), ("Trần Hữu Quân", "Chánh án"),
        ("Nguyễn Văn Thi", "TUV"), ("Nguyễn Văn Thi", "Chủ tịch HND tỉnh")]


def test_offices_of_army_units_grassroots_and_courts(make_doc, lexicon):
    doc = make_doc("Đại tá Trần Văn Hùng, Sư đoàn trưởng Sư đoàn 7, phát biểu. Ông Lê Văn Tám, Trưởng thôn Đông Hòa, "
                   "và bà Phạm Thị Lan, Hội thẩm nhân dân Tòa án nhân dân tỉnh, được khen thưởng.")
    assert [(t[0], t[1], t[2]) for t in titles(doc, lexicon)] == [
        ("Trần Văn Hùng", "Sư đoàn trưởng Sư đoàn 7", "Sư đoàn trưởng"),
        ("Lê Văn Tám", "Trưởng thôn Đông Hòa", "Trưởng thôn"),
        ("Phạm Thị Lan", "Hội thẩm nhân dân Tòa án nhân dân tỉnh", "Hội thẩm nhân dân"),
    ]


def test_an_office_before_a_colon_is_every_listed_persons(make_doc, lexicon):
    doc = make_doc("Dự lễ có các đồng chí Ủy viên BTV Tỉnh ủy: Nguyễn Thị Hoa - Trưởng Ban Tuyên giáo Tỉnh ủy; "
                   "Võ Văn Hải - Giám đốc Công an tỉnh. Ông Phạm Văn Cường phát biểu.")
    found = [(c.get("person"), c.text, c.rule) for c in extract_titles(doc, lexicon, extract_people(doc, lexicon))]
    assert found == [("Nguyễn Thị Hoa", "Ủy viên BTV Tỉnh ủy", "titles.list_office"),
                     ("Võ Văn Hải", "Ủy viên BTV Tỉnh ủy", "titles.list_office"),
                     ("Nguyễn Thị Hoa", "Trưởng Ban Tuyên giáo Tỉnh ủy", "titles.after_name"),
                     ("Võ Văn Hải", "Giám đốc Công an tỉnh", "titles.after_name")]


def test_a_colon_after_a_named_persons_office_opens_their_words(make_doc, lexicon):
    for text in ("Ông Nguyễn Văn An, Chủ tịch UBND tỉnh: \"Tôi đề nghị đồng chí Lê Văn Bình sớm hoàn thành\".",
                 "Ông Nguyễn Văn An, Chủ tịch UBND tỉnh nói: đồng chí Lê Văn Bình cần sớm hoàn thành."):
        doc = make_doc(text)
        found = [(c.get("person"), c.text) for c in extract_titles(doc, lexicon, extract_people(doc, lexicon))]
        assert found == [("Nguyễn Văn An", "Chủ tịch UBND tỉnh")]


def test_an_office_ends_before_what_its_holder_receives(make_doc, lexicon):
    doc = make_doc("Bà Ngô Thị Thu, Hiệu trưởng Trường Tiểu học Nguyễn Trãi nhận bằng khen. Ông Đinh Văn Bắc – Phó "
                   "Giám đốc Văn phòng Công nhận Chất lượng báo cáo. Ông Lê Văn Nam, Chủ tịch Hội Nông dân xã vinh dự "
                   "đón nhận cờ thi đua.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Ngô Thị Thu", "Hiệu trưởng Trường Tiểu học Nguyễn Trãi"),
        ("Đinh Văn Bắc", "Phó Giám đốc Văn phòng Công nhận Chất lượng"),
        ("Lê Văn Nam", "Chủ tịch Hội Nông dân xã")]


def test_an_office_glued_to_a_cued_name(make_doc, lexicon):
    doc = make_doc("Đại tá Nguyễn Hồng Phong Chính ủy Bộ đội Biên phòng tỉnh và ông Lê Văn An Phó Chủ tịch UBND xã "
                   "cùng dự. Ông Trần Văn Bình phó chủ tịch xã phát biểu.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Nguyễn Hồng Phong", "Chính ủy Bộ đội Biên phòng tỉnh"), ("Lê Văn An", "Phó Chủ tịch UBND xã")]


def test_a_secretary_general_keeps_his_body_and_a_signing_ends_an_office(make_doc, lexicon):
    doc = make_doc("Ông Trần Minh Đức, Phó Chủ tịch kiêm Tổng Thư ký Hội Nông dân Việt Nam phát biểu. Ông Lê Văn Hải, "
                   "Giám đốc Sở Nội vụ ký kết giao ước thi đua.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Trần Minh Đức", "Phó Chủ tịch kiêm Tổng Thư ký Hội Nông dân Việt Nam"), ("Lê Văn Hải", "Giám đốc Sở Nội vụ")]


def test_an_office_ends_at_its_units_place_before_the_next_clauses_verb(make_doc, lexicon):
    doc = make_doc("Đại tá Lê Văn Hùng, Giám đốc Công an tỉnh Nghệ An chỉ huy lực lượng. Ông Lê Minh, Trưởng phòng Nội vụ "
                   "huyện hướng dẫn quy trình. Ông Nguyễn Văn Nam, Giám đốc Sở Y tế Hà Nội khuyến cáo người dân. Ông "
                   "Lê An, Chủ tịch UBND xã kiêm Chủ tịch Hội Nông dân xã phát biểu.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Lê Văn Hùng", "Giám đốc Công an tỉnh Nghệ An"), ("Lê Minh", "Trưởng phòng Nội vụ huyện"),
        ("Nguyễn Văn Nam", "Giám đốc Sở Y tế Hà Nội"), ("Lê An", "Chủ tịch UBND xã kiêm Chủ tịch Hội Nông dân xã")]


def test_a_social_word_is_no_commune_and_a_further_office_may_follow_at_the_same_time(make_doc, lexicon):
    doc = make_doc("Ông Lê Hoàng Anh, Giám đốc Bảo hiểm xã hội tỉnh, cùng dự. Chủ tịch UBND tỉnh Nguyễn Văn Út, đồng thời "
                   "là Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh, phát biểu. Ông Châu Văn Lâm, Phó Chủ tịch thường "
                   "trực HĐND tỉnh dự.")
    assert sorted((p, t) for p, t, _, _ in titles(doc, lexicon)) == [
        ("Châu Văn Lâm", "Phó Chủ tịch thường trực HĐND tỉnh"), ("Lê Hoàng Anh", "Giám đốc Bảo hiểm xã hội tỉnh"),
        ("Nguyễn Văn Út", "Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh"), ("Nguyễn Văn Út", "Chủ tịch UBND tỉnh")]


def test_a_captions_position_note_deputy_commanders_and_the_secretariats_standing_member(make_doc, lexicon):
    doc = make_doc("Đồng chí Nguyễn Văn Thông (thứ 3 từ trái sang), Phó Bí thư Thường trực Tỉnh ủy trao Cờ thi đua. Đại "
                   "tá Phạm Văn Quang, Ủy viên Ban Thường vụ Đảng ủy, Phó Chỉ huy trưởng Bộ CHQS tỉnh trao thưởng. Ông "
                   "Võ Văn An, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư dự.")
    assert sorted((p, t) for p, t, _, _ in titles(doc, lexicon)) == [
        ("Nguyễn Văn Thông", "Phó Bí thư Thường trực Tỉnh ủy"),
        ("Phạm Văn Quang", "Phó Chỉ huy trưởng Bộ CHQS tỉnh"), ("Phạm Văn Quang", "Ủy viên Ban Thường vụ Đảng ủy"),
        ("Võ Văn An", "Thường trực Ban Bí thư"), ("Võ Văn An", "Ủy viên Bộ Chính trị")]


def test_a_province_after_a_party_committee_is_not_the_start_of_the_name(make_doc, lexicon):
    doc = make_doc("Bí thư Tỉnh ủy Hà Tĩnh Hoàng Trung Dũng dự. Bí thư Huyện ủy Thanh Chương Nguyễn Văn Bình phát biểu.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Hoàng Trung Dũng", "Bí thư Tỉnh ủy Hà Tĩnh"), ("Nguyễn Văn Bình", "Bí thư Huyện ủy Thanh Chương")]


def test_an_age_between_a_name_and_its_office_and_an_office_before_a_colons_list(make_doc, lexicon):
    doc = make_doc("Ông Hồ Văn Lâm, 65 tuổi, Chủ tịch Hội Người cao tuổi thôn kể lại. Các đồng chí Phó Chủ tịch UBND "
                   "tỉnh: Lê Văn Cường, Hoàng Thị Dung cùng dự.")
    assert sorted((p, t) for p, t, _, _ in titles(doc, lexicon)) == [
        ("Hoàng Thị Dung", "Phó Chủ tịch UBND tỉnh"), ("Hồ Văn Lâm", "Chủ tịch Hội Người cao tuổi thôn"),
        ("Lê Văn Cường", "Phó Chủ tịch UBND tỉnh")]


def test_an_office_after_thua_uy_quyen_is_the_delegators(make_doc, lexicon):
    doc = make_doc("Tại buổi lễ, thừa ủy quyền của Bộ trưởng Bộ Công an, Đại tá Lê Văn Hòa - Giám đốc Công an tỉnh "
                   "trao Kỷ niệm chương cho 9 đồng chí. Thay mặt Ban Thường vụ Tỉnh ủy, Bí thư Tỉnh ủy Trần Văn Bảo phát biểu.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Lê Văn Hòa", "Giám đốc Công an tỉnh"), ("Trần Văn Bảo", "Bí thư Tỉnh ủy")]


def test_notes_on_the_person_between_the_name_and_the_office(make_doc, lexicon):
    doc = make_doc("Bà Hoàng Thị Mai, dân tộc Tày, Chủ tịch Hội Phụ nữ xã Tân Phú, phát biểu. Ông Lê Văn Nam, sinh năm "
                   "1975, Bí thư Chi bộ thôn Đông dự.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Hoàng Thị Mai", "Chủ tịch Hội Phụ nữ xã Tân Phú"), ("Lê Văn Nam", "Bí thư Chi bộ thôn Đông")]


def test_a_place_level_inside_a_fixed_phrase_does_not_end_an_office(make_doc, lexicon):
    doc = make_doc("Ông Trần Văn Nam, Giám đốc Sở Nông nghiệp và Phát triển nông thôn tỉnh Yên Bình; ông Nguyễn Văn Tâm, "
                   "Chủ nhiệm Hợp tác xã Nông nghiệp Thành Công; ông Lê Văn Hải, Giám đốc Ban Quản lý dự án đầu tư xây "
                   "dựng huyện, Giám đốc Trung tâm Dịch vụ việc làm tỉnh dự.")
    assert [t for _, t, _, _ in titles(doc, lexicon)] == [
        "Giám đốc Sở Nông nghiệp và Phát triển nông thôn tỉnh Yên Bình", "Chủ nhiệm Hợp tác xã Nông nghiệp Thành Công",
        "Giám đốc Ban Quản lý dự án đầu tư xây dựng huyện", "Giám đốc Trung tâm Dịch vụ việc làm tỉnh"]


def test_an_office_before_a_dash_or_a_parenthesis_and_the_honorific(make_doc, lexicon):
    doc = make_doc("Chủ tịch UBND tỉnh - đồng chí Nguyễn Văn Hùng phát biểu. Giám đốc Sở Nội vụ (ông Trần Văn Nam) báo cáo.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Nguyễn Văn Hùng", "Chủ tịch UBND tỉnh"), ("Trần Văn Nam", "Giám đốc Sở Nội vụ")]


def test_a_places_number_after_its_level_stays_in_the_office(make_doc, lexicon):
    doc = make_doc("Ông Hồ Văn Hai, Tổ trưởng tổ dân phố số 7, phát biểu.")
    assert [t for _, t, _, _ in titles(doc, lexicon)] == ["Tổ trưởng tổ dân phố số 7"]


def test_a_province_after_a_head_of_several_words_still_ends_the_office(make_doc, lexicon):
    doc = make_doc("Ông Lê Văn Nam, Chỉ huy trưởng Bộ Chỉ huy Quân sự Quảng Bình gợi mở nhiều cách làm; bà Lê Thị Mai, "
                   "Chủ tịch Liên đoàn Lao động Thanh Hóa thông tin thêm.")
    assert [t for _, t, _, _ in titles(doc, lexicon)] == [
        "Chỉ huy trưởng Bộ Chỉ huy Quân sự Quảng Bình", "Chủ tịch Liên đoàn Lao động Thanh Hóa"]


def test_an_official_name_holding_tai_stays_whole_in_an_office(make_doc, lexicon):
    doc = make_doc("Ông Nguyễn Văn An - Chủ tịch Ủy ban Quản lý vốn nhà nước tại doanh nghiệp nhấn mạnh nhiều nội dung.")
    assert [t for _, t, _, _ in titles(doc, lexicon)] == ["Chủ tịch Ủy ban Quản lý vốn nhà nước tại doanh nghiệp"]


def test_an_office_running_into_the_next_name_is_that_persons(make_doc, lexicon):
    doc = make_doc("Dự có Chủ tịch UBND tỉnh Nguyễn Văn Hưng, Phó Chủ tịch UBND tỉnh Trần Thị Lan.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Nguyễn Văn Hưng", "Chủ tịch UBND tỉnh"), ("Trần Thị Lan", "Phó Chủ tịch UBND tỉnh")]


def test_offices_before_a_name_split_at_a_dash_between_them(make_doc, lexicon):
    doc = make_doc("Dự có Phó Bí thư Huyện ủy - Chủ tịch UBND huyện Lê Văn Sáng và Vụ trưởng Vụ Thi đua - Khen thưởng "
                   "Trần Văn An.")
    assert [(p, t) for p, t, _, _ in titles(doc, lexicon)] == [
        ("Lê Văn Sáng", "Phó Bí thư Huyện ủy"), ("Lê Văn Sáng", "Chủ tịch UBND huyện"),
        ("Trần Văn An", "Vụ trưởng Vụ Thi đua - Khen thưởng")]


def test_an_office_in_a_delegating_clause_is_the_delegators_anywhere_in_it(make_doc, lexicon):
    doc = make_doc("Thay mặt Bộ Tư lệnh Quân khu, Thiếu tướng Trần Văn Lực biểu dương các tập thể. Được sự ủy quyền "
                   "của Thủ tướng Chính phủ, ông Lê Minh Tuấn trao Bằng khen. Thay mặt lãnh đạo tỉnh, Phó Chủ tịch "
                   "UBND tỉnh Lê Văn Hà trao Cờ thi đua.")
    assert [t[:2] for t in titles(doc, lexicon)] == [("Lê Văn Hà", "Phó Chủ tịch UBND tỉnh")]


def test_receiving_a_capitalised_award_ends_an_office(make_doc, lexicon):
    doc = make_doc("Thầy giáo Chang A Lử, Hiệu trưởng Trường Mầm non Hoa Sen nhận Bằng khen của Bộ trưởng. "
                   "Ông Kim Ngọc Thạch, Phó Chủ tịch UBND tỉnh nhận Huân chương Lao động hạng Ba.")
    assert [t[:2] for t in titles(doc, lexicon)] == [("Chang A Lử", "Hiệu trưởng Trường Mầm non Hoa Sen"),
                                    ("Kim Ngọc Thạch", "Phó Chủ tịch UBND tỉnh")]


def test_a_known_district_after_an_office_is_the_offices_place_not_a_person(make_doc, lexicon):
    doc = make_doc("Ông Lê Văn Đạt, Chủ tịch UBND huyện Hoàng Su Phì phát biểu. Chủ tịch UBND huyện Hoàng Văn Thái dự.")
    assert [t[:2] for t in titles(doc, lexicon)] == [("Lê Văn Đạt", "Chủ tịch UBND huyện Hoàng Su Phì"),
                                                     ("Hoàng Văn Thái", "Chủ tịch UBND huyện")]


def test_the_short_forms_of_the_commonest_offices(make_doc, lexicon):
    doc = make_doc("Đ/c Trần Hữu Nghĩa - PBT Huyện ủy, Chủ tịch UBND huyện phát biểu. Ông Trần Văn Nam, P.Giám đốc "
                   "Sở Xây dựng và bà Lê Thị Hà, PCT UBND huyện dự.")
    assert titles(doc, lexicon) == [
        ("Trần Hữu Nghĩa", "PBT Huyện ủy", "PBT", "Huyện ủy"),
        ("Trần Hữu Nghĩa", "Chủ tịch UBND huyện", "Chủ tịch", "UBND huyện"),
        ("Trần Văn Nam", "P.Giám đốc Sở Xây dựng", "P.Giám đốc", "Sở Xây dựng"),
        ("Lê Thị Hà", "PCT UBND huyện", "PCT", "UBND huyện")]


def test_an_office_after_is_or_now_is(make_doc, lexicon):
    doc = make_doc("Ông Phạm Văn Sơn hiện là Chủ tịch UBND xã Tân Lập. Bà Lê Thị Hà, hiện giữ chức Phó Chủ tịch Hội "
                   "LHPN huyện, cho biết. Anh Nguyễn Văn Bình là người có nhiều sáng kiến.")
    assert titles(doc, lexicon) == [
        ("Phạm Văn Sơn", "Chủ tịch UBND xã Tân Lập", "Chủ tịch", "UBND xã Tân Lập"),
        ("Lê Thị Hà", "Phó Chủ tịch Hội LHPN huyện", "Phó Chủ tịch", "Hội LHPN huyện")]


def test_grassroots_offices_in_lower_case_and_a_comma_inside_a_units_name(make_doc, lexicon):
    doc = make_doc("Ông Nguyễn Văn An, tổ trưởng tổ Ngữ văn, chia sẻ. Ông Lò Văn Pọm, trưởng bản Nà Sản, cho biết. "
                   "Bà Lê Thị Hoa, Trưởng phòng Công tác học sinh, sinh viên phát biểu.")
    assert titles(doc, lexicon) == [
        ("Nguyễn Văn An", "tổ trưởng tổ Ngữ văn", "tổ trưởng", "tổ Ngữ văn"),
        ("Lò Văn Pọm", "trưởng bản Nà Sản", "trưởng bản", "bản Nà Sản"),
        ("Lê Thị Hoa", "Trưởng phòng Công tác học sinh, sinh viên", "Trưởng phòng", "phòng Công tác học sinh, sinh viên")]


def test_the_armys_chief_of_staff_and_political_offices(make_doc, lexicon):
    doc = make_doc("Thượng tướng Nguyễn Văn Nam, Tổng Tham mưu trưởng Quân đội nhân dân Việt Nam, Thứ trưởng Bộ Quốc phòng "
                   "chủ trì. Đại tá Lê Văn Hùng, Phó Chủ nhiệm Chính trị Quân khu 4 phát biểu.")
    assert titles(doc, lexicon) == [
        ("Nguyễn Văn Nam", "Tổng Tham mưu trưởng Quân đội nhân dân Việt Nam", "Tổng Tham mưu trưởng",
         "Quân đội nhân dân Việt Nam"),
        ("Nguyễn Văn Nam", "Thứ trưởng Bộ Quốc phòng", "Thứ trưởng", "Bộ Quốc phòng"),
        ("Lê Văn Hùng", "Phó Chủ nhiệm Chính trị Quân khu 4", "Phó Chủ nhiệm Chính trị", "Quân khu 4")]


def test_a_parish_priests_office(make_doc, lexicon):
    doc = make_doc("Linh mục Trần Văn Bình, Chánh xứ Giáo xứ Thái Hà, được biểu dương tại hội nghị.")
    assert titles(doc, lexicon) == [("Trần Văn Bình", "Chánh xứ Giáo xứ Thái Hà", "Chánh xứ", "Giáo xứ Thái Hà")]


def test_naval_squadron_commanders_and_the_body_of_the_first_of_two_offices_joined_by_kiem(make_doc, lexicon):
    doc = make_doc("Trung tá Lê Văn Tài, Hải đội trưởng Hải đội 2, phát biểu. "
                   "Ông Lê Văn Hà, Giám đốc Sở Tư pháp kiêm Trưởng Ban Pháp chế, phát biểu.")
    assert [(p, r, u) for p, _, r, u in titles(doc, lexicon)] == [
        ("Lê Văn Tài", "Hải đội trưởng", "Hải đội 2"), ("Lê Văn Hà", "Giám đốc", "Sở Tư pháp")]


@pytest.mark.parametrize(("sentence", "held"), [
    ("Các Phó Chủ tịch UBND tỉnh Nguyễn Hồng Lĩnh, Đặng Thị Bình cùng trao thưởng.",
     [("Nguyễn Hồng Lĩnh", "Phó Chủ tịch UBND tỉnh"), ("Đặng Thị Bình", "Phó Chủ tịch UBND tỉnh")]),
    ("Dự có các đồng chí Phó Giám đốc Sở Lê Văn An và Trần Thị Bình.",
     [("Lê Văn An", "Phó Giám đốc Sở"), ("Trần Thị Bình", "Phó Giám đốc Sở")]),
    # a person of the list with an office of their own keeps only it
    ("Dự có các đồng chí Giám đốc Sở Lê Văn An và Trần Thị Bình, Trưởng phòng Nội vụ huyện.",
     [("Lê Văn An", "Giám đốc Sở"), ("Trần Thị Bình", "Trưởng phòng Nội vụ huyện")]),
    # a semicolon opens the list's own clause; an office of its own before a name ends it
    ("Dự có Giám đốc Sở Nội vụ Triệu Quang Vinh; các Phó Giám đốc Sở: Nguyễn Thị Lan Anh, Hầu Mí Sùng; "
     "Chánh Văn phòng Sở Phạm Quốc Bảo.",
     [("Triệu Quang Vinh", "Giám đốc Sở Nội vụ"), ("Nguyễn Thị Lan Anh", "Phó Giám đốc Sở"),
      ("Hầu Mí Sùng", "Phó Giám đốc Sở"), ("Phạm Quốc Bảo", "Chánh Văn phòng Sở")]),
])
def test_an_office_written_once_for_a_list_of_names(sentence, held, make_doc, lexicon):
    from pipeline.resolve.titles import dedupe_title_spans

    kept, _ = dedupe_title_spans(extract_titles(make_doc(sentence), lexicon, extract_people(make_doc(sentence), lexicon)))
    assert sorted((c.get("person"), c.normalized) for c in kept) == sorted(held)
