import pytest

from extractors.people import extract_people
from extractors.units import extract_units


def named(doc, lexicon):
    return [(c.text, c.get("unit_type"), c.rule) for c in extract_units(doc, lexicon) if not c.get("bare")]


def test_member_list_yields_every_member(make_doc, lexicon):
    doc = make_doc("Khối Thi đua Văn phòng – Viện có 3 đơn vị, bao gồm: Học viện Khoa học, Công nghệ và Đổi mới sáng tạo; "
                   "Viện Năng lượng nguyên tử Việt Nam; Văn phòng Công nhận Chất lượng.")
    members = [t for t, _, r in named(doc, lexicon) if r == "units.member_list"]
    assert members == ["Học viện Khoa học, Công nghệ và Đổi mới sáng tạo", "Viện Năng lượng nguyên tử Việt Nam",
                       "Văn phòng Công nhận Chất lượng"]


def test_bloc_name_with_member_types(make_doc, lexicon):
    doc = make_doc("Hội nghị của Khối thi đua Tổng cục, Cục, Ban và Quỹ năm 2020.")
    assert ("Khối thi đua Tổng cục, Cục, Ban và Quỹ", "Khối thi đua", "units.head_name") in named(doc, lexicon)


def test_units_inside_titles_and_awards(make_doc, lexicon):
    doc = make_doc("Ông A nhận Bằng khen của Thủ tướng Chính phủ; đồng chí Lê Văn B, Cục trưởng Cục Sở hữu trí tuệ phát biểu.")
    texts = [t for t, _, _ in named(doc, lexicon)]
    assert "Chính phủ" in texts and "Cục Sở hữu trí tuệ" in texts


def test_generic_bodies_are_not_units(make_doc, lexicon):
    doc = make_doc("Công an các tỉnh và các đơn vị đã tổ chức Hội nghị tại Hà Nội.")
    assert named(doc, lexicon) == []


def texts(doc, lexicon):
    return [c.text for c in extract_units(doc, lexicon) if not c.get("bare")]


def test_places_listed_as_places_are_not_units(make_doc, lexicon):
    doc = make_doc("Cụm thi đua gồm các tỉnh: Nghệ An, Hà Tĩnh, Quảng Bình; Công an các huyện: Ba Vì, Thạch Thất.")
    assert [t for t in texts(doc, lexicon) if t in ("Nghệ An", "Hà Tĩnh", "Quảng Bình", "Ba Vì", "Thạch Thất")] == []


def test_a_body_inside_a_name_is_parsed_whole(make_doc, lexicon):
    doc = make_doc("Năm qua, lực lượng Cảnh sát PCCC và CNCH Công an tỉnh đã tổ chức 30 lớp tập huấn.")
    assert "Cảnh sát PCCC và CNCH Công an tỉnh" in texts(doc, lexicon)


def test_official_names_with_va_and_dashes_are_one_unit(make_doc, lexicon):
    doc = make_doc("Đại diện Sở Lao động - Thương binh và Xã hội tỉnh, Phòng Giáo dục và Đào tạo huyện cùng dự.")
    assert texts(doc, lexicon)[:2] == ["Sở Lao động - Thương binh và Xã hội tỉnh", "Phòng Giáo dục và Đào tạo huyện"]


def test_a_standing_body_after_an_office_is_the_offices(make_doc, lexicon):
    doc = make_doc("Ông Khúc Văn Thượng, Phó Bí thư Thường trực Tỉnh ủy, dự. Thường trực Tỉnh ủy đã họp.")
    assert [t for t in texts(doc, lexicon) if t.startswith("Thường trực")] == ["Thường trực Tỉnh ủy"]
    assert texts(doc, lexicon).count("Tỉnh ủy") == 2


def test_an_abbreviation_in_parentheses_stays_in_the_name(make_doc, lexicon):
    doc = make_doc("Ngày 14-6, Hội Cựu chiến binh (CCB) huyện Ninh Sơn tổ chức tổng kết.")
    assert "Hội Cựu chiến binh (CCB) huyện Ninh Sơn" in texts(doc, lexicon)


def test_photo_credits_and_source_lines_name_no_unit(make_doc, lexicon):
    doc = make_doc("Đại biểu dự hội nghị. (Ảnh: Minh Anh – Báo Mây Tre)\n\nNgày 4-3, Sở Nội vụ tổ chức hội nghị."
                   " Ảnh: Công Mạo-TTXVN")
    assert texts(doc, lexicon) == ["Sở Nội vụ"]


def test_numbered_places_and_military_units(make_doc, lexicon):
    doc = make_doc("Đại diện Hội Chữ thập đỏ Quận 5, Sư đoàn 7, Bộ Tư lệnh Quân đoàn 4 cùng dự.")
    assert texts(doc, lexicon)[:3] == ["Hội Chữ thập đỏ Quận 5", "Sư đoàn 7", "Bộ Tư lệnh Quân đoàn 4"]


def test_group_names_in_lower_case(make_doc, lexicon):
    doc = make_doc("Hội nghị của Khối các đơn vị giúp việc Chủ tịch Viện và khối thi đua các huyện miền núi, gồm: A.")
    found = texts(doc, lexicon)
    assert "Khối các đơn vị giúp việc Chủ tịch Viện" in found and "khối thi đua các huyện miền núi" in found
    assert [t for t in texts(make_doc("Toàn khối phấn đấu hoàn thành kế hoạch."), lexicon)] == []


def test_a_head_standing_alone_is_a_bare_back_reference(make_doc, lexicon):
    doc = make_doc("Văn phòng Viện Hàn lâm tổ chức hội nghị. Lãnh đạo Văn phòng phát biểu.")
    bare = [(c.text, c.start, c.rule) for c in extract_units(doc, lexicon) if c.get("bare")]
    assert bare == [("Văn phòng", doc.text.rindex("Văn phòng"), "units.bare_head")]


def test_a_head_written_again_after_itself_is_the_bodys(make_doc, lexicon):
    doc = make_doc("Ông Lò Văn Thắm, Phó trưởng cụm Cụm thi đua số IV, phát biểu. Tổ chức Công đoàn Công đoàn cơ sở "
                   "chăm lo cho người lao động.")
    named = [c.text for c in extract_units(doc, lexicon) if not c.get("bare")]
    assert "Cụm thi đua số IV" in named
    assert not [n for n in named if n.startswith(("cụm Cụm", "Công đoàn Công đoàn"))]


def test_a_lower_case_bloc_head_with_capital_thi_dua_lists_its_members(make_doc, lexicon):
    doc = make_doc("Phó trưởng khối Thi đua Trường – Viện phát biểu tại hội nghị.")
    assert "khối Thi đua Trường – Viện" in [c.text for c in extract_units(doc, lexicon) if not c.get("bare")]


def test_a_kind_of_body_in_the_plural_is_no_unit(make_doc, lexicon):
    doc = make_doc("Dự hội nghị có đại diện các Ban Đảng tỉnh, các Huyện ủy, lãnh đạo các VKSND huyện và "
                   "Hội Nông dân các xã, thị trấn; Hội Nông dân tỉnh Mây Xanh chủ trì.")
    named = [c.text for c in extract_units(doc, lexicon) if not c.get("bare")]
    assert named == ["Hội Nông dân tỉnh Mây Xanh"]
    doc = make_doc("Cụm thi đua các tỉnh Tây Bắc tổng kết; lãnh đạo các Sở Nội vụ, Sở Tư pháp cùng dự.")
    named = [c.text for c in extract_units(doc, lexicon) if not c.get("bare")]
    assert named == ["Cụm thi đua các tỉnh Tây Bắc", "Sở Nội vụ", "Sở Tư pháp"]


def test_a_central_committee_and_the_national_body_it_names(make_doc, lexicon):
    doc = make_doc("Nhân dịp này, Trung ương Hội Nông dân Việt Nam tặng Bằng khen cho 5 tập thể; "
                   "Trung ương Đoàn TNCS Hồ Chí Minh tặng Kỷ niệm chương cho 3 cá nhân.")
    found = {(c.text, c.normalized, c.rule) for c in extract_units(doc, lexicon)}
    assert {("Trung ương Hội Nông dân Việt Nam", "Trung ương Hội Nông dân Việt Nam", "units.national"),
            ("Hội Nông dân Việt Nam", "Hội Nông dân Việt Nam", "units.nested"),
            ("Trung ương Đoàn TNCS Hồ Chí Minh", "Trung ương Đoàn", "units.national"),
            ("Đoàn TNCS Hồ Chí Minh", "Đoàn TNCS Hồ Chí Minh", "units.nested")} <= found


def test_a_presidium_is_a_standing_body_of_its_own(make_doc, lexicon):
    doc = make_doc("Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam vừa ban hành kế hoạch.")
    named = [c.text for c in extract_units(doc, lexicon) if not c.get("bare")]
    assert "Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam" in named
    assert "Ủy ban Trung ương MTTQ Việt Nam" in named


def test_an_abbreviation_in_parentheses_right_after_a_head_of_several_words(make_doc, lexicon):
    doc = make_doc("Chủ tịch Hội đồng thi đua khen thưởng (HĐTĐKT) Tổng công ty dự hội nghị; "
                   "Hội Liên hiệp Phụ nữ (LHPN) huyện Mây Xanh tổ chức tọa đàm.")
    named = [c.text for c in extract_units(doc, lexicon) if not c.get("bare")]
    assert "Hội đồng thi đua khen thưởng (HĐTĐKT) Tổng công ty" in named
    assert "Hội Liên hiệp Phụ nữ (LHPN) huyện Mây Xanh" in named
    doc = make_doc("Sáng nay, Hội Liên hiệp Phụ nữ (ảnh) trao quà.")
    assert [c.text for c in extract_units(doc, lexicon) if not c.get("bare")] == []


def test_a_board_named_by_its_head_alone_is_a_unit(make_doc, lexicon):
    # a company's board, an agency's emulation board: one body each, even with no further name
    doc = make_doc("Bà Trần Thị Bình, Ủy viên HĐQT, Phó Tổng Giám đốc Tập đoàn Xăng dầu Việt Nam, phát biểu. "
                   "Ông Lê Minh Chuẩn, Chủ tịch HĐTV, trao thưởng. Bà Lê Thị Hoa - Trưởng Ban Thi đua - Khen thưởng "
                   "(Sở Nội vụ) báo cáo.")
    named = {c.text for c in extract_units(doc, lexicon) if not c.get("bare")}
    assert {"HĐQT", "HĐTV", "Ban Thi đua - Khen thưởng", "Sở Nội vụ", "Tập đoàn Xăng dầu Việt Nam"} <= named
    # a head of one word standing alone stays a back-reference
    assert [c.get("bare") for c in extract_units(make_doc("Lãnh đạo Văn phòng phát biểu."), lexicon)] == [True]


def test_a_steering_committee_is_named_by_the_campaign_it_steers(make_doc, lexicon):
    doc = make_doc("Thành viên BCĐ phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”; Bí thư Chi bộ dự. "
                   "Đảng ủy ghi nhận kết quả của Ban Chỉ đạo Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam” "
                   "và Cuộc vận động “Ngày vì người nghèo”. Lãnh đạo Ban chỉ đạo \"Toàn dân đoàn kết xây dựng đời sống "
                   "văn hóa \" quận Hà Đông, phòng Văn hóa cùng dự.")
    named = [c.text for c in extract_units(doc, lexicon) if not c.get("bare")]
    assert "BCĐ phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”" in named
    assert "Ban Chỉ đạo Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”" in named  # "và" ends it
    assert "Ban chỉ đạo \"Toàn dân đoàn kết xây dựng đời sống văn hóa \" quận Hà Đông" in named  # its place too
    # another head's name never takes a quotation
    assert "Ủy ban nhân dân tỉnh" in texts(make_doc("Ủy ban nhân dân tỉnh “Vì người nghèo” phát động."), lexicon)


def test_more_kinds_of_body(make_doc, lexicon):
    doc = make_doc("Hiệp hội Doanh nghiệp tỉnh Bình Dương, Câu lạc bộ Doanh nhân trẻ, Nhà máy Thủy điện Hòa Bình, "
                   "Bảo tàng Hồ Chí Minh, Hạt Kiểm lâm huyện Ba Vì, Binh đoàn 15 và Hải đoàn 32 dự hội nghị.")
    assert {"Hiệp hội Doanh nghiệp tỉnh Bình Dương", "Câu lạc bộ Doanh nhân trẻ", "Nhà máy Thủy điện Hòa Bình",
            "Bảo tàng Hồ Chí Minh", "Hạt Kiểm lâm huyện Ba Vì", "Binh đoàn 15", "Hải đoàn 32"} <= set(texts(doc, lexicon))


def test_a_faculty_is_a_body_and_science_is_not(make_doc, lexicon):
    doc = make_doc("Khoa Công nghệ thông tin, Trường Đại học Bách khoa Hà Nội và Khoa Hồi sức cấp cứu, Bệnh viện "
                   "Bạch Mai được tặng Giấy khen. Khoa học và công nghệ là động lực. Phân hiệu Trường Đại học "
                   "Lâm nghiệp tại Gia Lai dự hội nghị.")
    found = set(texts(doc, lexicon))
    assert {"Khoa Công nghệ thông tin", "Khoa Hồi sức cấp cứu", "Bệnh viện Bạch Mai",
            "Phân hiệu Trường Đại học Lâm nghiệp"} <= found
    assert not any(t.startswith("Khoa học") for t in found)


def test_a_lower_case_head_before_an_abbreviation_names_the_body(make_doc, lexicon):
    doc = make_doc("Ông Trần Văn Nam, Trưởng phòng QLTH; bà Lê Thị Hoa - chuyên viên phòng VHTT quận Hà Đông; "
                   "đại diện của sở GD&ĐT tỉnh Nghệ An và phòng CSGT Công an tỉnh Bắc Ninh cùng dự.")
    found = [(c.text, c.rule, c.get("unit_type")) for c in extract_units(doc, lexicon)
             if c.rule == "units.acronym_head"]
    assert found == [("phòng QLTH", "units.acronym_head", "Phòng"),
                     ("phòng VHTT quận Hà Đông", "units.acronym_head", "Phòng"),
                     ("sở GD&ĐT tỉnh Nghệ An", "units.acronym_head", "Sở"),
                     ("phòng CSGT Công an tỉnh Bắc Ninh", "units.acronym_head", "Phòng")]
    assert "Công an tỉnh Bắc Ninh" in texts(doc, lexicon)  # the body inside it is found as well


def test_a_lower_case_head_inside_an_ordinary_word_names_nothing(make_doc, lexicon):
    doc = make_doc("Cấp 6.025 giấy chứng nhận huấn luyện nghiệp vụ PCCC, chào mừng Đại hội XII của Đảng; "
                   "căn phòng họp UBND tỉnh; Trưởng phòng XII.")
    assert [c.text for c in extract_units(doc, lexicon) if c.rule == "units.acronym_head"] == []


def test_schools_named_after_people(make_doc, lexicon):
    doc = make_doc("Trường Đại học Tôn Đức Thắng, Trường Trung học phổ thông Chu Văn An, Trường Trung học cơ sở "
                   "Lê Quý Đôn, Trường THPT chuyên Lê Hồng Phong và Trường PTDTNT Nguyễn Bỉnh Khiêm cùng dự.")
    people = extract_people(doc, lexicon)
    assert people == []
    assert texts_with(doc, lexicon, people) == [
        "Trường Đại học Tôn Đức Thắng", "Trường Trung học phổ thông Chu Văn An", "Trường Trung học cơ sở Lê Quý Đôn",
        "Trường THPT chuyên Lê Hồng Phong", "Trường PTDTNT Nguyễn Bỉnh Khiêm"]


def texts_with(doc, lexicon, people):
    return [c.text for c in extract_units(doc, lexicon, people) if not c.get("bare")]


def test_grassroots_bodies_police_departments_and_prisons(make_doc, lexicon):
    doc = make_doc("Chi bộ thôn Đông, Chi hội Phụ nữ ấp 2, Ban công tác Mặt trận khu dân cư số 3, Hội Nông dân "
                   "khu phố 4, Phòng Cảnh sát giao thông Công an tỉnh Nghệ An, Đội Quản lý thị trường số 5 và "
                   "Trại giam Xuân Lộc cùng dự.")
    assert set(texts(doc, lexicon)) >= {
        "Chi bộ thôn Đông", "Chi hội Phụ nữ ấp 2", "Ban công tác Mặt trận khu dân cư số 3", "Hội Nông dân khu phố 4",
        "Phòng Cảnh sát giao thông Công an tỉnh Nghệ An", "Công an tỉnh Nghệ An", "Đội Quản lý thị trường số 5",
        "Trại giam Xuân Lộc"}


def test_courts_procuracies_and_party_departments_by_their_official_names(make_doc, lexicon):
    doc = make_doc("Viện kiểm sát nhân dân tỉnh Bình Định, Tòa án nhân dân hai cấp tỉnh Hà Nam, Ủy ban kiểm tra "
                   "Huyện ủy Diễn Châu, Ban Tổ chức Tỉnh ủy Ninh Thuận, Điện lực Bến Tre và Văn phòng Đoàn đại biểu "
                   "Quốc hội và Hội đồng nhân dân tỉnh Bình Dương cùng dự.")
    assert set(texts_with(doc, lexicon, [])) >= {
        "Viện kiểm sát nhân dân tỉnh Bình Định", "Tòa án nhân dân hai cấp tỉnh Hà Nam",
        "Ủy ban kiểm tra Huyện ủy Diễn Châu", "Ban Tổ chức Tỉnh ủy Ninh Thuận", "Điện lực Bến Tre",
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Bình Dương"}


def test_a_meetings_organising_committee_is_no_body(make_doc, lexicon):
    doc = make_doc("Ban Tổ chức hội nghị đã trao 20 suất quà. Thay mặt Ban tổ chức, ông Trần Văn Nam phát biểu.")
    assert texts_with(doc, lexicon, extract_people(doc, lexicon)) == []


def test_project_boards_named_in_lower_case(make_doc, lexicon):
    doc = make_doc("Ban Quản lý dự án đầu tư xây dựng tỉnh Đồng Nai và Ban Quản lý dự án 2 ký kết giao ước thi đua.")
    assert texts_with(doc, lexicon, []) == ["Ban Quản lý dự án đầu tư xây dựng tỉnh Đồng Nai", "Ban Quản lý dự án 2"]


def test_places_listed_before_the_verb_are_no_units(make_doc, lexicon):
    doc = make_doc("UBND các huyện: Ba Vì, Thạch Thất, Quốc Oai được tặng Cờ thi đua. Khối có 3 đơn vị, bao gồm: "
                   "Vissan, Satra và Sở Y tế đã ký kết giao ước.")
    assert [c.text for c in extract_units(doc, lexicon) if c.rule == "units.member_list"] == ["Vissan", "Satra", "Sở Y tế"]


def test_youth_unions_and_blocs_of_the_party_front_and_mass_organisations(make_doc, lexicon):
    doc = make_doc("Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Nghệ An và Khối thi đua các cơ quan Đảng, Mặt trận và "
                   "đoàn thể tỉnh ký kết giao ước thi đua.")
    assert extract_people(doc, lexicon) == []
    assert set(texts_with(doc, lexicon, [])) >= {"Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Nghệ An",
                                                 "Khối thi đua các cơ quan Đảng, Mặt trận và đoàn thể tỉnh"}


def test_armed_forces_grassroots_party_committees_and_award_councils(make_doc, lexicon):
    doc = make_doc("Lực lượng vũ trang tỉnh Đồng Nai, LLVT Quân khu 9, Vùng cảnh sát biển 3, Đảng bộ cơ sở Trường "
                   "Đại học Vinh và Hội đồng xét tặng danh hiệu Nghệ nhân ưu tú tỉnh Bắc Ninh cùng dự.")
    assert set(texts_with(doc, lexicon, [])) >= {
        "Lực lượng vũ trang tỉnh Đồng Nai", "LLVT Quân khu 9", "Vùng cảnh sát biển 3",
        "Đảng bộ cơ sở Trường Đại học Vinh", "Hội đồng xét tặng danh hiệu Nghệ nhân ưu tú tỉnh Bắc Ninh"}


def test_a_word_whose_second_syllable_is_a_verb_stays_in_the_name(make_doc, lexicon):
    doc = make_doc("Văn phòng Đăng ký đất đai tỉnh Long An, Văn phòng Công nhận Chất lượng, Trung tâm Tiếp nhận và Trả "
                   "kết quả huyện, Phòng Thư ký - Tổng hợp và Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh "
                   "cùng dự. UBND tỉnh Quảng Nam nhận Cờ thi đua.")
    assert set(texts_with(doc, lexicon, [])) >= {
        "Văn phòng Đăng ký đất đai tỉnh Long An", "Văn phòng Công nhận Chất lượng",
        "Trung tâm Tiếp nhận và Trả kết quả huyện", "Phòng Thư ký - Tổng hợp",
        "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh", "UBND tỉnh Quảng Nam"}


def test_enterprises_and_bank_branches(make_doc, lexicon):
    doc = make_doc("Công ty TNHH MTV Cao su Đồng Nai và Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam chi "
                   "nhánh tỉnh Nghệ An ký kết giao ước thi đua.")
    assert set(texts_with(doc, lexicon, [])) >= {
        "Công ty TNHH MTV Cao su Đồng Nai", "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam chi nhánh tỉnh Nghệ An"}


def test_a_bare_place_level_ends_a_name_before_lower_case_words(make_doc, lexicon):
    doc = make_doc("Trung tâm Chính trị huyện mở lớp bồi dưỡng. Cụm thi đua các tỉnh miền Đông Nam Bộ và khối thi đua "
                   "các huyện trung du - miền núi ký kết giao ước.")
    assert set(texts_with(doc, lexicon, [])) >= {"Trung tâm Chính trị huyện", "Cụm thi đua các tỉnh miền Đông Nam Bộ",
                                                 "khối thi đua các huyện trung du - miền núi"}


def test_a_name_ends_at_its_place_before_the_sentences_verb(make_doc, lexicon):
    doc = make_doc("Công an tỉnh Nghệ An bắt giữ 5 đối tượng. Sở Y tế Hà Nội khuyến cáo người dân. Hội Nông dân xã Tân "
                   "Lập vận động hội viên. Điện lực Quảng Nam triển khai nhiều giải pháp. Ngân hàng Chính sách xã hội "
                   "tỉnh Kon Tum và Hợp tác xã Nông nghiệp Tân Thành cùng dự.")
    assert set(texts_with(doc, lexicon, [])) >= {
        "Công an tỉnh Nghệ An", "Sở Y tế Hà Nội", "Hội Nông dân xã Tân Lập", "Điện lực Quảng Nam",
        "Ngân hàng Chính sách xã hội tỉnh Kon Tum", "Hợp tác xã Nông nghiệp Tân Thành"}
    assert not [t for t in texts_with(doc, lexicon, []) if t.endswith(("bắt giữ", "khuyến cáo", "vận động", "triển khai"))]


def test_formations_areas_police_teams_and_abbreviated_procuracies(make_doc, lexicon):
    doc = make_doc("Sư đoàn Phòng không 361, Lữ đoàn Công binh 229, Chi cục Hải quan Cửa khẩu cảng Sài Gòn khu vực 1, "
                   "Đội Cảnh sát giao thông Công an huyện Thuận Thành, Viện KSND huyện Krông Pắc và Hội Nạn nhân chất "
                   "độc da cam/dioxin tỉnh Thái Bình cùng dự. Lực lượng Thanh niên xung phong thành phố tuyên dương.")
    assert set(texts_with(doc, lexicon, [])) >= {
        "Sư đoàn Phòng không 361", "Lữ đoàn Công binh 229", "Chi cục Hải quan Cửa khẩu cảng Sài Gòn khu vực 1",
        "Đội Cảnh sát giao thông Công an huyện Thuận Thành", "Công an huyện Thuận Thành", "Viện KSND huyện Krông Pắc",
        "Hội Nạn nhân chất độc da cam/dioxin tỉnh Thái Bình", "Lực lượng Thanh niên xung phong thành phố"}


def test_a_party_committee_of_the_police_names_no_ministry(make_doc, lexicon):
    doc = make_doc("Đảng bộ Công an tỉnh Lạng Sơn tổng kết năm 2023. Đảng ủy Bộ Công an chỉ đạo.")
    found = texts_with(doc, lexicon, [])
    assert {"Đảng bộ Công an tỉnh Lạng Sơn", "Công an tỉnh Lạng Sơn", "Bộ Công an"} <= set(found)
    assert found.count("Bộ Công an") == 2 and "bộ Công an" not in found  # the ministry of the second sentence


def test_an_enterprises_trade_is_no_body_of_its_own(make_doc, lexicon):
    doc = make_doc("Tổng công ty Bưu điện Việt Nam và Công ty Điện lực Bắc Ninh nhận Cờ thi đua. Đảng ủy Tổng công ty "
                   "Điện lực miền Bắc dự.")
    found = texts_with(doc, lexicon, [])
    assert "Bưu điện Việt Nam" not in found and "Điện lực Bắc Ninh" not in found
    assert "Tổng công ty Điện lực miền Bắc" in found  # a body inside a committee's name stays one


def test_the_fronts_committee_names_the_national_front_without_its_place(make_doc, lexicon):
    doc = make_doc("Ủy ban Mặt trận Tổ quốc Việt Nam thị xã Hương Thủy biểu dương 30 gia đình.")
    assert sorted(texts_with(doc, lexicon, [])) == ["Mặt trận Tổ quốc Việt Nam",
                                                    "Ủy ban Mặt trận Tổ quốc Việt Nam thị xã Hương Thủy"]


def test_a_papers_tag_opening_the_lead_is_no_body(lexicon):
    from pipeline.segment import make_document
    doc = make_document("t", "Tổng kết năm 2023 của tỉnh\n(QĐND) - Sáng 5/1, UBND tỉnh tổ chức hội nghị tổng kết năm "
                        "2023.\nBáo Quân đội nhân dân - QĐND đưa tin.", lexicon)
    found = texts_with(doc, lexicon, [])
    assert found.count("QĐND") == 1 and "UBND tỉnh" in found  # the tag is skipped, a later mention is not


def test_blocs_of_colleges_and_of_party_building_boards_and_the_border_guard_alone(make_doc, lexicon):
    doc = make_doc("Khối thi đua các trường đại học, cao đẳng khu vực miền Trung và Khối thi đua các Ban xây dựng Đảng "
                   "tỉnh ký kết giao ước. Các đơn vị của Bộ đội Biên phòng dự.")
    assert set(texts_with(doc, lexicon, [])) >= {
        "Khối thi đua các trường đại học, cao đẳng khu vực miền Trung", "Khối thi đua các Ban xây dựng Đảng tỉnh",
        "Bộ đội Biên phòng"}


def test_a_list_that_goes_on_ends_its_last_member_before_the_dots(make_doc, lexicon):
    doc = make_doc("UBND huyện khen thưởng 40 tập thể, gồm: Trường THCS Nghi Thạch, Hợp tác xã Nông nghiệp Nghi Văn...")
    assert "Hợp tác xã Nông nghiệp Nghi Văn" in texts_with(doc, lexicon, [])


def test_an_office_or_a_rank_after_and_ends_a_unit_name(make_doc, lexicon):
    doc = make_doc("Giám đốc Công an tỉnh và Đại tá Lê Quang Vinh dự. Công đoàn Công ty Điện lực Thái Nguyên và "
                   "Giám đốc Công ty ký thỏa ước. Bộ Văn hóa, Thể thao và Du lịch tham dự.")
    found = set(texts(doc, lexicon))
    assert {"Công an tỉnh", "Công đoàn Công ty Điện lực Thái Nguyên", "Bộ Văn hóa, Thể thao và Du lịch"} <= found
    assert not any(" và Đại tá" in t or " và Giám đốc" in t for t in found)


def test_a_member_list_keeps_official_names_whole(make_doc, lexicon):
    doc = make_doc("Khối thi đua gồm: Sở Nội vụ, Sở Văn hóa, Thể thao và Du lịch, Sở Lao động - Thương binh và Xã hội, "
                   "Thanh tra tỉnh và Báo và Phát thanh, Truyền hình Lâm Đồng.")
    assert [c.text for c in extract_units(doc, lexicon) if c.rule == "units.member_list"] == [
        "Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Lao động - Thương binh và Xã hội", "Thanh tra tỉnh",
        "Báo và Phát thanh, Truyền hình Lâm Đồng"]
    doc = make_doc("Đài Phát thanh và Truyền hình Hà Tĩnh, Đài Phát thanh - Truyền hình Nghệ An dự.")
    assert {"Đài Phát thanh và Truyền hình Hà Tĩnh", "Đài Phát thanh - Truyền hình Nghệ An"} <= set(texts(doc, lexicon))


def test_the_supreme_court_keeps_its_supreme(make_doc, lexicon):
    doc = make_doc("Đại diện Vụ Thi đua - Khen thưởng Tòa án nhân dân tối cao dự. Hội nghị kết thúc tối 12/3.")
    assert {"Vụ Thi đua - Khen thưởng Tòa án nhân dân tối cao", "Tòa án nhân dân tối cao"} <= set(texts(doc, lexicon))


def test_a_union_names_the_body_it_belongs_to_but_not_its_sector(make_doc, lexicon):
    doc = make_doc("Công đoàn Công ty TNHH May mặc Tân Hưng, Công đoàn cơ sở Bệnh viện Đa khoa tỉnh và Công đoàn "
                   "Ngân hàng Việt Nam dự. Khối Sở Giáo dục và Đào tạo họp.")
    found = set(texts(doc, lexicon))
    assert {"Công đoàn Công ty TNHH May mặc Tân Hưng", "Công ty TNHH May mặc Tân Hưng",
            "Công đoàn cơ sở Bệnh viện Đa khoa tỉnh", "Bệnh viện Đa khoa tỉnh", "Công đoàn Ngân hàng Việt Nam"} <= found
    assert "Ngân hàng Việt Nam" not in found and "Sở Giáo dục và Đào tạo" not in found


def test_an_enterprises_name_may_end_in_its_number_and_spell_out_its_legal_form(make_doc, lexicon):
    doc = make_doc("Công nhân Công ty cổ phần May 10, Công ty TNHH MTV Cà phê 15 và Công ty Xi măng Hà Tiên 1 được "
                   "khen. Công ty Điện lực Bắc Ninh 5 năm liền đạt danh hiệu.")
    found = set(texts(doc, lexicon))
    assert {"Công ty cổ phần May 10", "Công ty TNHH MTV Cà phê 15", "Công ty Xi măng Hà Tiên 1",
            "Công ty Điện lực Bắc Ninh"} <= found


def test_a_blocs_name_lists_its_bodies_levels_but_not_a_place_after_it(make_doc, lexicon):
    doc = make_doc("Cụm thi đua số 3 các Tòa án nhân dân tỉnh, thành phố họp. Cụm thi đua các huyện, thị xã, thành phố "
                   "họp. Trong Cụm thi đua số 2, xã Tân Phú đạt giải Nhất.")
    found = set(texts(doc, lexicon))
    assert {"Cụm thi đua số 3 các Tòa án nhân dân tỉnh, thành phố", "Cụm thi đua các huyện, thị xã, thành phố",
            "Cụm thi đua số 2"} <= found
    assert not any("Tân Phú" in t for t in found)


def test_border_gates_ports_and_lower_case_member_kinds_stay_in_the_name(make_doc, lexicon):
    doc = make_doc("Đồn Biên phòng cửa khẩu quốc tế Mây Xanh, Chi cục Hải quan cửa khẩu cảng Bến Gió và Cảng vụ Hàng hải "
                   "Mây Xanh nhận Giấy khen. Cụm thi đua các tổ chức tín dụng tỉnh và Khối thi đua các cơ quan tổng hợp "
                   "tỉnh ký giao ước. Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh tham dự.")
    assert [t for t, _, _ in named(doc, lexicon)] == [
        "Đồn Biên phòng cửa khẩu quốc tế Mây Xanh", "Chi cục Hải quan cửa khẩu cảng Bến Gió", "Cảng vụ Hàng hải Mây Xanh",
        "Cụm thi đua các tổ chức tín dụng tỉnh", "Khối thi đua các cơ quan tổng hợp tỉnh",
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"]


def test_a_place_glued_to_the_abbreviated_level_is_the_names(make_doc, lexicon):
    doc = make_doc("Công an TP.HCM và UBND TP.Vinh trao thưởng.")
    assert [t for t, _, _ in named(doc, lexicon)] == ["Công an TP.HCM", "UBND TP.Vinh"]


def test_state_banks_and_groups_by_their_full_and_group_names(make_doc, lexicon):
    doc = make_doc("Tập đoàn Viettel, Ngân hàng TMCP Ngoại thương Việt Nam và Tập đoàn Điện lực Việt Nam ký kết; mạng "
                   "Viettel phủ sóng.")
    assert [(t, r) for t, _, r in named(doc, lexicon) if r == "units.national"] == [
        ("Tập đoàn Viettel", "units.national"), ("Ngân hàng TMCP Ngoại thương Việt Nam", "units.national"),
        ("Tập đoàn Điện lực Việt Nam", "units.national")]


def test_a_unit_alone_in_parentheses_after_a_name_is_marked_with_that_name(make_doc, lexicon):
    doc = make_doc("Công ty Xăng dầu Khu vực III (Công ty Xăng dầu Bến Gió) và Ban Thi đua - Khen thưởng (Sở Nội vụ) dự.")
    marked = [(c.text, doc.text[slice(*c.get("after_name"))]) for c in extract_units(doc, lexicon) if c.get("after_name")]
    assert marked == [("Công ty Xăng dầu Bến Gió", "Công ty Xăng dầu Khu vực III"), ("Sở Nội vụ", "Ban Thi đua - Khen thưởng")]


def test_a_lower_case_head_ending_an_office_names_the_body_after_it(make_doc, lexicon):
    doc = make_doc("Bà Lê Thị Hoa, Phó Trưởng ban Tuyên giáo Tỉnh ủy, Trưởng phòng Kế hoạch - Tài chính Sở Y tế; Phó "
                   "trưởng ban Thường trực Ban Nội chính Tỉnh ủy và Trưởng khoa Nhi dự.")
    assert [t for t, _, r in named(doc, lexicon) if r == "units.office_head"] == [
        "ban Tuyên giáo Tỉnh ủy", "phòng Kế hoạch - Tài chính Sở Y tế", "khoa Nhi"]


def test_a_dash_before_an_honorific_ends_a_name(make_doc, lexicon):
    doc = make_doc("Chủ tịch UBND tỉnh - đồng chí Nguyễn Văn Hùng phát biểu.")
    assert [t for t, _, _ in named(doc, lexicon)] == ["UBND tỉnh"]


def test_a_place_numbered_after_its_name_keeps_its_number(make_doc, lexicon):
    doc = make_doc("UBND phường Hà Giang 1 và UBND phường Hà Giang 2 dự; Cảnh sát biển Vùng 2 dự. Công an xã Tân Lập 3 "
                   "năm liền đạt danh hiệu.")
    assert [t for t, _, _ in named(doc, lexicon)] == [
        "UBND phường Hà Giang 1", "UBND phường Hà Giang 2", "Cảnh sát biển Vùng 2", "Công an xã Tân Lập"]


def test_official_names_with_a_lower_case_and_or_about(make_doc, lexicon):
    doc = make_doc("Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh, Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh và "
                   "Phòng Cảnh sát điều tra tội phạm về ma túy dự.")
    assert [t for t, _, r in named(doc, lexicon) if r == "units.head_name"][:3] == [
        "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh", "Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh",
        "Phòng Cảnh sát điều tra tội phạm về ma túy"]


def test_credit_funds_transaction_offices_and_the_friendship_union(make_doc, lexicon):
    doc = make_doc("Quỹ tín dụng nhân dân Yên Lư, Phòng giao dịch NHCSXH huyện Lục Ngạn và Liên hiệp các tổ chức hữu "
                   "nghị tỉnh được tặng Giấy khen.")
    assert [t for t, _, r in named(doc, lexicon) if r == "units.head_name"] == [
        "Quỹ tín dụng nhân dân Yên Lư", "Phòng giao dịch NHCSXH huyện Lục Ngạn", "Liên hiệp các tổ chức hữu nghị tỉnh"]


def test_a_level_after_cap_is_a_qualifier_but_cap_alone_is_a_verb(make_doc, lexicon):
    doc = make_doc("UBND tỉnh cấp 200 giấy chứng nhận. Hội đồng Thi đua - Khen thưởng cấp tỉnh và Tòa án nhân dân cấp "
                   "cao tại Hà Nội họp.")
    assert [t for t, _, r in named(doc, lexicon) if r == "units.head_name"] == [
        "UBND tỉnh", "Hội đồng Thi đua - Khen thưởng cấp tỉnh", "Tòa án nhân dân cấp cao tại Hà Nội"]


def test_an_award_after_and_ends_a_name(make_doc, lexicon):
    doc = make_doc("UBND tỉnh tặng Bằng khen cho UBND huyện Tam Nông và Bằng khen cho 5 cá nhân.")
    assert [t for t, _, _ in named(doc, lexicon)] == ["UBND tỉnh", "UBND huyện Tam Nông"]


def test_a_body_named_inside_a_listed_member_is_a_unit_too(make_doc, lexicon):
    doc = make_doc("Khối thi đua gồm: Văn phòng Ủy ban Vũ trụ Việt Nam; Văn phòng Hội đồng Khoa học.")
    found = [(t, r) for t, _, r in named(doc, lexicon)]
    assert ("Ủy ban Vũ trụ Việt Nam", "units.nested") in found and ("Hội đồng Khoa học", "units.nested") in found


def test_a_listed_members_own_head_names_no_body_inside_it(make_doc, lexicon):
    doc = make_doc("Các đơn vị gồm: Trường Đại học Thủy lợi, Trường Đại học Hà Tĩnh và Văn phòng Ủy ban Vũ trụ Việt Nam.")
    assert [t for t, _, _ in named(doc, lexicon)] == [
        "Trường Đại học Thủy lợi", "Trường Đại học Hà Tĩnh", "Văn phòng Ủy ban Vũ trụ Việt Nam", "Ủy ban Vũ trụ Việt Nam"]


def test_the_syllable_of_an_office_and_the_offices_own_word_name_no_body(make_doc, lexicon):
    doc = make_doc("Ông Lê Văn A, Phó Vụ trưởng Vụ Thi đua, bà Lê Thị Hoa, Phó Trưởng ban Ban Dân vận Tỉnh ủy và ông Trần "
                   "Văn Nam, Giám đốc Sở Nội vụ đồng chủ trì. TANDTC và VKSNDTC dự.")
    found = extract_units(doc, lexicon)
    assert [c.text for c in found if c.get("bare")] == []
    assert [c.text for c in found if not c.get("bare") and c.rule != "units.nested"] == [
        "TANDTC", "VKSNDTC", "Vụ Thi đua", "Ban Dân vận Tỉnh ủy", "Sở Nội vụ"]


def test_bodies_counted_by_kind_name_no_unit(make_doc, lexicon):
    doc = make_doc("Toàn huyện có 96 Công an xã, phường và 12 Trường THCS đạt chuẩn; 150 UBND xã được khen. Quân khu 7 "
                   "và Công an huyện dự.")
    assert [t for t, _, _ in named(doc, lexicon)] == ["Quân khu 7", "Công an huyện"]


def test_the_next_kind_of_body_in_a_list_a_determiner_opened_names_none(make_doc, lexicon):
    doc = make_doc("Đại diện lãnh đạo Quân khu 4, các Tỉnh ủy, Thành ủy khu vực miền Trung dự. Đại diện các Sở, Công an "
                   "tỉnh dự; đại diện các ban ngành, Ban Chấp hành Hội Chữ thập đỏ phường dự.")
    assert [t for t, _, r in named(doc, lexicon) if r != "units.nested"] == [
        "Quân khu 4", "Công an tỉnh", "Ban Chấp hành Hội Chữ thập đỏ phường"]


def test_small_units_spelled_legal_forms_standing_deputies_and_bodies_nested_twice(make_doc, lexicon):
    doc = make_doc("Trung đội 1, Đại đội 2 và Công ty TNHH Một thành viên Xổ số kiến thiết Nghệ An được khen. Bà Lê Thị "
                   "Hoa, Phó Trưởng Ban Thường trực Ban Dân vận Tỉnh ủy dự. Chi bộ Văn phòng Sở Tài chính họp.")
    assert [(t, r) for t, _, r in named(doc, lexicon)] == [
        ("Trung đội 1", "units.head_name"), ("Đại đội 2", "units.head_name"),
        ("Công ty TNHH Một thành viên Xổ số kiến thiết Nghệ An", "units.head_name"),
        ("Ban Dân vận Tỉnh ủy", "units.head_name"), ("Chi bộ Văn phòng Sở Tài chính", "units.head_name"),
        ("Tỉnh ủy", "units.nested"), ("Văn phòng Sở Tài chính", "units.nested"), ("Sở Tài chính", "units.nested")]


def test_a_caption_after_anh_names_bodies_a_credit_does_not(make_doc, lexicon):
    doc = make_doc("(Ảnh: Đồng chí Lê Văn An, Chủ tịch UBND tỉnh trao Cờ thi đua cho các tập thể) và (Ảnh: Sở Văn hóa).")
    assert [t for t, _, _ in named(doc, lexicon)] == ["UBND tỉnh"]


def test_the_provinces_delegation_of_the_national_assembly(make_doc, lexicon):
    doc = make_doc("Ông Lê Văn A, Trưởng Đoàn đại biểu Quốc hội tỉnh, dự. Đoàn ĐBQH tỉnh Mây Xanh tiếp xúc cử tri.")
    assert [t for t, _, r in named(doc, lexicon) if r == "units.head_name"] == [
        "Đoàn đại biểu Quốc hội tỉnh", "Đoàn ĐBQH tỉnh Mây Xanh"]


def test_choosing_ends_a_name_and_codes_are_no_bodies(make_doc, lexicon):
    from extractors.units import extract_units
    doc = make_doc("Năm 2024, Tổng cục Thuế chọn phương châm “Kỷ cương, liêm chính, hiệu quả”. "
                   "Sở Nội vụ ban hành Bộ Quy tắc ứng xử của công chức; Bộ Tiêu chí quốc gia về xã được áp dụng.")
    assert sorted({c.text for c in extract_units(doc, lexicon)}) == ["Sở Nội vụ", "Tổng cục Thuế"]


def test_a_name_written_in_sentence_case_runs_to_its_place(make_doc, lexicon):
    from extractors.units import extract_units
    doc = make_doc("Hội nghị diễn ra tại Trung tâm kiểm soát bệnh tật tỉnh Mây Xanh. Đại diện Trường tiểu học xã Tân "
                   "Phú và Chi cục thủy lợi tỉnh Mây Xanh dự. Công an và nhân dân huyện Đồi Cát phối hợp; Sở hỗ trợ "
                   "nông dân huyện Đồi Cát; Đoàn kiểm tra của huyện Đồi Cát làm việc.")
    found = sorted({c.text for c in extract_units(doc, lexicon) if not c.get("bare")})
    assert found == ["Chi cục thủy lợi tỉnh Mây Xanh", "Trung tâm kiểm soát bệnh tật tỉnh Mây Xanh",
                     "Trường tiểu học xã Tân Phú"]


def test_branches_and_services_inside_names_and_numbered_military_hospitals(make_doc, lexicon):
    from extractors.units import extract_units
    doc = make_doc("Bộ Tư lệnh Vùng 2 Hải quân, Phòng Hậu cần - Kỹ thuật và Bệnh viện Quân y 175 được khen; "
                   "Bệnh viện Quân y tỉnh dự.")
    assert [c.text for c in extract_units(doc, lexicon) if c.rule == "units.head_name"] == [
        "Bộ Tư lệnh Vùng 2 Hải quân", "Phòng Hậu cần - Kỹ thuật", "Bệnh viện Quân y 175", "Bệnh viện Quân y tỉnh"]


def test_a_brand_written_before_its_branch_opens_the_branchs_name(make_doc, lexicon):
    from extractors.units import extract_units
    doc = make_doc("Agribank Chi nhánh tỉnh Mây Xanh và Agribank chi nhánh tỉnh Đồi Cát, BIDV Chi nhánh Hà Tĩnh được "
                   "khen. Tại Chi nhánh Ngân hàng Chính sách xã hội tỉnh, hội nghị diễn ra.")
    assert [c.text for c in extract_units(doc, lexicon) if c.rule == "units.brand_branch"] == [
        "Agribank Chi nhánh tỉnh Mây Xanh", "Agribank chi nhánh tỉnh Đồi Cát", "BIDV Chi nhánh Hà Tĩnh"]


def test_workshops_teams_chambers_and_grassroots_unions_in_short_are_bodies(make_doc, lexicon):
    doc = make_doc("Phân xưởng Khai thác 1 và Phân xưởng 3 được tặng Giấy khen. Đội Kiểm soát phòng, chống ma túy, "
                   "Đội Thuế liên xã Tân Phú và Tòa Hình sự TAND tỉnh Long An được biểu dương. CĐCS Công ty TNHH "
                   "Sợi Phú Tài và CĐCS Trường THPT Quang Trung nhận cờ.")
    found = texts(doc, lexicon)
    for name in ("Phân xưởng Khai thác 1", "Phân xưởng 3", "Đội Kiểm soát phòng, chống ma túy", "Đội Thuế liên xã Tân Phú",
                 "Tòa Hình sự TAND tỉnh Long An", "TAND tỉnh Long An", "CĐCS Công ty TNHH Sợi Phú Tài",
                 "Công ty TNHH Sợi Phú Tài", "CĐCS Trường THPT Quang Trung"):
        assert name in found, name
    assert not [t for t in found if " và " in t]


def test_a_bloc_or_a_schools_youth_union_is_named_by_its_body(make_doc, lexicon):
    doc = make_doc("Đoàn Khối các cơ quan tỉnh và Đoàn trường Cao đẳng Y tế Lâm Đồng tổ chức hội nghị.")
    units = {c.text: c.rule for c in extract_units(doc, lexicon) if not c.get("bare")}
    assert units == {"Đoàn Khối các cơ quan tỉnh": "units.head_name", "Khối các cơ quan tỉnh": "units.nested",
                     "Đoàn trường Cao đẳng Y tế Lâm Đồng": "units.head_name"}


def test_a_place_whose_name_opens_with_a_head_is_no_unit(make_doc, lexicon):
    doc = make_doc("Du khách đến Hội An ngày càng đông. Điện về các huyện vùng cao Mù Cang Chải, Trạm Tấu. "
                   "Ông Thạch Phol, Bí thư Đảng ủy xã Lịch Hội Thượng, cho biết Trạm Y tế xã được khen.")
    assert texts(doc, lexicon) == ["Đảng ủy xã Lịch Hội Thượng", "Trạm Y tế xã"]


def test_tax_teams_and_the_cooperative_alliance_in_short(make_doc, lexicon):
    doc = make_doc("Đội Kiểm tra thuế số 1 và Đội Quản lý thuế liên xã Lương Điền được biểu dương. Liên minh HTX "
                   "Việt Nam tặng Cờ thi đua.")
    assert set(texts(doc, lexicon)) == {"Đội Kiểm tra thuế số 1", "Đội Quản lý thuế liên xã Lương Điền",
                                        "Liên minh HTX Việt Nam"}


def test_a_school_or_hospital_numbered_after_its_name_and_official_names_with_commas(make_doc, lexicon):
    doc = make_doc("Trường Đại học Sư phạm Hà Nội 2 và Bệnh viện Trung ương Quân đội 108 được khen. Cục Đo đạc, Bản đồ "
                   "và Thông tin địa lý Việt Nam, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh và Khoa Ngoại tổng hợp dự. "
                   "Trường THPT Nguyễn Du 5 năm liền đạt danh hiệu.")
    found = texts(doc, lexicon)
    for name in ("Trường Đại học Sư phạm Hà Nội 2", "Bệnh viện Trung ương Quân đội 108",
                 "Cục Đo đạc, Bản đồ và Thông tin địa lý Việt Nam", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
                 "Khoa Ngoại tổng hợp", "Trường THPT Nguyễn Du"):
        assert name in found, name


@pytest.mark.parametrize("tag", ["QĐND Online - ", "(QĐND Online) - ", "(TPO) - ", "QĐND - "])
def test_a_papers_tag_with_its_editions_word_names_no_unit(make_doc, lexicon, tag):
    doc = make_doc(f"{tag}Sáng 5-1, Bộ Tư lệnh Vùng Cảnh sát biển 2 tổ chức hội nghị tổng kết công tác năm 2023.")
    assert texts(doc, lexicon) == ["Bộ Tư lệnh Vùng Cảnh sát biển 2", "Vùng Cảnh sát biển 2"]


def test_an_apostrophe_inside_a_central_highlands_place_name(make_doc, lexicon):
    doc = make_doc("UBND huyện Ea H'leo và UBND huyện Cư M’gar được tặng Cờ thi đua.")
    assert texts(doc, lexicon) == ["UBND huyện Ea H'leo", "UBND huyện Cư M’gar"]


def test_the_last_member_of_a_list_ends_at_the_verb_it_runs_into(make_doc, lexicon):
    doc = make_doc("Cụm thi đua số 2 gồm các đơn vị: Sở Tư pháp, Sở Nội vụ, Thanh tra tỉnh, Văn phòng UBND tỉnh tổ chức ký "
                   "kết giao ước thi đua năm 2024.")
    assert "Văn phòng UBND tỉnh" in texts(doc, lexicon)
    assert not [t for t in texts(doc, lexicon) if "ký kết" in t]


def test_another_organisations_central_committee_is_not_the_partys(make_doc, lexicon):
    doc = make_doc("BCH Trung ương Đoàn tặng Bằng khen cho 10 tập thể. BCH Trung ương Đảng ban hành nghị quyết.")
    assert [c.normalized for c in extract_units(doc, lexicon) if c.rule == "units.national"] == [
        "Ban Chấp hành Trung ương Đảng"]


@pytest.mark.parametrize(("sentence", "unit"), [
    ("Đảng ủy đặc khu Vân Đồn tổ chức hội nghị tổng kết công tác năm 2025.", "Đảng ủy đặc khu Vân Đồn"),
    ("Ông Nguyễn Văn Long, Chủ tịch UBND đặc khu Lý Sơn, phát biểu tại hội nghị.", "UBND đặc khu Lý Sơn"),
])
def test_a_special_zone_is_a_place_level_of_a_units_name(sentence, unit, make_doc, lexicon):
    assert unit in [t for t, _, _ in named(make_doc(sentence), lexicon)]


@pytest.mark.parametrize(("sentence", "unit"), [
    ("Phòng Kinh tế, Hạ tầng và Đô thị xã Yên Thành được tặng Giấy khen.", "Phòng Kinh tế, Hạ tầng và Đô thị xã Yên Thành"),
    ("Hội Bảo trợ người khuyết tật và trẻ mồ côi tỉnh Nghệ An được tặng Bằng khen.",
     "Hội Bảo trợ người khuyết tật và trẻ mồ côi tỉnh Nghệ An"),
    ("Đảng ủy các cơ quan Đảng tỉnh Nghệ An tổ chức hội nghị tổng kết.", "Đảng ủy các cơ quan Đảng tỉnh Nghệ An"),
    ("Khối thi đua các cơ quan Đảng, MTTQ và các đoàn thể tỉnh tổ chức hội nghị tổng kết.",
     "Khối thi đua các cơ quan Đảng, MTTQ và các đoàn thể tỉnh"),
    ("Khoa Toán - Cơ - Tin học được Hiệu trưởng tặng Giấy khen.", "Khoa Toán - Cơ - Tin học"),
])
def test_official_names_with_a_comma_and_or_a_lower_case_word(sentence, unit, make_doc, lexicon):
    assert unit in [t for t, _, _ in named(make_doc(sentence), lexicon)]


@pytest.mark.parametrize(("sentence", "unit"), [
    ("Đồn Biên phòng Lũng Cú xóa 87 nhà tạm cho hộ nghèo.", "Đồn Biên phòng Lũng Cú"),  # a commune's name ends it
    ("Công an tỉnh tham mưu cho Tỉnh ủy, UBND tỉnh các giải pháp bảo đảm an ninh.", "UBND tỉnh"),  # a bare level
    ("Khối thi đua các doanh nghiệp tỉnh suy tôn Công ty Cổ phần Sông Đà dẫn đầu khối.",
     "Khối thi đua các doanh nghiệp tỉnh"),
])
def test_a_name_does_not_run_into_the_words_after_it(sentence, unit, make_doc, lexicon):
    found = [t for t, _, _ in named(make_doc(sentence), lexicon)]
    assert unit in found and not any(t.startswith(unit + " ") for t in found)


@pytest.mark.parametrize(("sentence", "unit"), [
    ("Đội CSGT số 3 được Giám đốc Công an tỉnh tặng Giấy khen.", "Đội CSGT số 3"),
    ("Nông trường Sông Hậu được UBND thành phố tặng Cờ thi đua.", "Nông trường Sông Hậu"),
    ("Giáo hội Phật giáo Việt Nam tặng Bằng khen cho 20 tăng ni.", "Giáo hội Phật giáo Việt Nam"),
    ("Ông Nguyễn Văn An, Trưởng Thuế tỉnh Nghệ An, trao Giấy khen cho các tập thể.", "Thuế tỉnh Nghệ An"),
    ("Thống kê tỉnh Hà Tĩnh được Bộ Tài chính tặng Bằng khen.", "Thống kê tỉnh Hà Tĩnh"),
    ("HND huyện Yên Thành tổ chức hội nghị biểu dương nông dân giỏi.", "HND huyện Yên Thành"),
    ("Ông Phan Văn Hà, Trưởng Ban Tổ chức Tổng Liên đoàn Lao động Việt Nam, phát biểu.",
     "Ban Tổ chức Tổng Liên đoàn Lao động Việt Nam"),
])
def test_farms_churches_teams_and_the_new_tax_and_statistics_offices(sentence, unit, make_doc, lexicon):
    assert unit in [t for t, _, _ in named(make_doc(sentence), lexicon)]


def test_a_meetings_organising_committee_is_no_unit(make_doc, lexicon):
    doc = make_doc("Ban Tổ chức Hội nghị đã trao giải cho các đội thi.")
    assert [t for t, _, _ in named(doc, lexicon) if t.startswith("Ban")] == []


def test_a_brand_and_a_provinces_name_is_its_branch(make_doc, lexicon):
    doc = make_doc("Viettel Nghệ An và VNPT Nghệ An được UBND tỉnh tặng Bằng khen; Agribank TP.HCM nhận Cờ thi đua.")
    assert [(t, r) for t, _, r in named(doc, lexicon) if r == "units.brand_place"] == [
        ("Viettel Nghệ An", "units.brand_place"), ("VNPT Nghệ An", "units.brand_place"),
        ("Agribank TP.HCM", "units.brand_place")]


@pytest.mark.parametrize("sentence", [
    "Công ty Xăng dầu Hà Sơn Bình (Petrolimex Hà Sơn Bình) ký giao ước thi đua.",  # the name before, restated
    "Ông Ksor Nghệ An phát biểu.",  # a family name
    "UBND Nghệ An và Sở Nội vụ tổ chức hội nghị.",  # a head
    "Ban Thường vụ Tỉnh đoàn Nghệ An tổ chức hội nghị.",  # Vietnamese words
])
def test_what_is_no_brand_before_a_province(sentence, make_doc, lexicon):
    assert [t for t, _, r in named(make_doc(sentence), lexicon) if r == "units.brand_place"] == []


def test_a_standing_body_written_with_ban_or_co_quan_is_one_unit(make_doc, lexicon):
    doc = make_doc("Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Nghệ An tặng Bằng khen cho 10 tập thể.")
    found = [t for t, _, _ in named(doc, lexicon)]
    assert "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Nghệ An" in found
    assert not any(t.startswith("Thường trực") for t in found)


@pytest.mark.parametrize(("sentence", "unit"), [
    ("Ngân hàng Nhà nước Chi nhánh Khu vực 10 tổ chức hội nghị tổng kết.", "Ngân hàng Nhà nước Chi nhánh Khu vực 10"),
    ("Trạm Ra đa 520 được tặng Cờ thi đua.", "Trạm Ra đa 520"),
    ("Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam (Agribank) Chi nhánh tỉnh Gia Lai tổ chức hội nghị.",
     "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam (Agribank) Chi nhánh tỉnh Gia Lai"),
])
def test_a_names_number_after_a_capitalised_level_and_a_brand_in_parentheses(sentence, unit, make_doc, lexicon):
    assert unit in [t for t, _, _ in named(make_doc(sentence), lexicon)]


def test_a_brand_in_parentheses_is_no_part_of_the_canonical_name(lexicon):
    from pipeline.resolve.units import canonical_name

    assert canonical_name(["Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank) Chi nhánh Hà Tĩnh"], lexicon) == \
        "Ngân hàng TMCP Ngoại thương Việt Nam Chi nhánh Hà Tĩnh"


@pytest.mark.parametrize(("sentence", "unit"), [
    ("Phòng Kế hoạch tổng hợp Bệnh viện tỉnh được tặng Giấy khen.", "Phòng Kế hoạch tổng hợp Bệnh viện tỉnh"),
    ("Vụ Giáo dục nghề nghiệp và Giáo dục thường xuyên Bộ GD&ĐT dự hội nghị.",
     "Vụ Giáo dục nghề nghiệp và Giáo dục thường xuyên Bộ GD&ĐT"),
    ("Bưu cục Trung tâm và Ga Hà Nội được tặng Bằng khen.", "Ga Hà Nội"),
    ("Đội Đặc nhiệm Công an tỉnh được tặng Bằng khen.", "Đội Đặc nhiệm Công an tỉnh"),
])
def test_departments_with_lower_case_words_post_offices_stations_and_special_teams(sentence, unit, make_doc, lexicon):
    assert unit in [t for t, _, _ in named(make_doc(sentence), lexicon)]


def test_a_brand_a_name_defines_in_parentheses_is_its_form_wherever_used(make_doc, lexicon):
    doc = make_doc("Tập đoàn Dầu khí Việt Nam (Petrovietnam) tổ chức hội nghị. Petrovietnam đã hoàn thành kế hoạch.")
    assert [(c.text, c.rule) for c in extract_units(doc, lexicon) if c.rule == "units.defined_abbreviation"] == [
        ("Petrovietnam", "units.defined_abbreviation"), ("Petrovietnam", "units.defined_abbreviation")]


@pytest.mark.parametrize(("sentence", "units"), [
    ("Chỉ huy Hải đội 103 và Đoàn Trinh sát số 1 cùng dự.", ["Hải đội 103", "Đoàn Trinh sát số 1"]),
    ("Phân xưởng Đào lò 12 và Công trường Lộ thiên Tân Lập có năng suất cao nhất.",
     ["Phân xưởng Đào lò 12", "Công trường Lộ thiên Tân Lập"]),
])
def test_a_numbered_name_ends_before_and_and_a_capitalised_word(sentence, units, make_doc, lexicon):
    assert [t for t, _, _ in named(make_doc(sentence), lexicon)] == units


def test_a_rank_before_a_person_ends_a_name(make_doc, lexicon):
    doc = make_doc("Trưởng Công an xã Tân Phú Thượng tá Lê Văn Nhàn báo cáo kết quả.")
    assert [t for t, _, _ in named(doc, lexicon)] == ["Công an xã Tân Phú"]


def test_a_field_head_right_after_another_head_is_its_field(make_doc, lexicon):
    doc = make_doc("Cục Thuế tỉnh Bình Dương và Cục Thống kê tỉnh Hà Tĩnh dự. Thuế tỉnh Nghệ An tổ chức hội nghị.")
    assert [t for t, _, _ in named(doc, lexicon)] == ["Cục Thuế tỉnh Bình Dương", "Cục Thống kê tỉnh Hà Tĩnh",
                                                      "Thuế tỉnh Nghệ An"]


def test_a_common_words_syllable_opens_no_national_body(make_doc, lexicon):
    doc = make_doc("Toàn thể cán bộ Công an tỉnh dự hội nghị. Bộ trưởng Bộ Công an dự.")
    found = [(c.text, c.start) for c in extract_units(doc, lexicon)]
    assert sorted({t for t, _ in found}) == ["Bộ Công an", "Công an tỉnh"]
    assert all(start > doc.text.index(".") for t, start in found if t == "Bộ Công an")


def test_a_bar_association_after_and(make_doc, lexicon):
    doc = make_doc("Cục Thi hành án dân sự tỉnh và Đoàn Luật sư tỉnh Tiền Giang ký kết quy chế phối hợp.")
    assert [t for t, _, _ in named(doc, lexicon)] == ["Cục Thi hành án dân sự tỉnh", "Đoàn Luật sư tỉnh Tiền Giang"]
