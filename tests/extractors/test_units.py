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
