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
