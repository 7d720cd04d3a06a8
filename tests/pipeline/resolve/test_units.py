"""Unit resolution: one candidate per span, parents, entities."""

from extractors.units import extract_units
from pipeline.resolve.units import canonical_name, merge_units, resolve_unit_spans, same_unit


def test_one_candidate_per_span_and_parents(make_doc, lexicon):
    doc = make_doc("Tham dự có đại diện Vụ Thi đua - Khen thưởng Bộ Khoa học và Công nghệ.")
    spans, decisions = resolve_unit_spans(extract_units(doc, lexicon))
    assert [(c.text, c.rule, c.get("parent")) for c in spans] == [
        ("Vụ Thi đua - Khen thưởng Bộ Khoa học và Công nghệ", "units.head_name", "Bộ Khoa học và Công nghệ"),
        ("Bộ Khoa học và Công nghệ", "units.national", None)]
    assert sorted(d.rule for d in decisions) == ["units.one_per_span", "units.parent"]


def test_aliases_merge_into_one_entity(make_doc, lexicon):
    doc = make_doc("Trung tâm Thông tin - Tư liệu tổ chức hội nghị. Cán bộ Trung tâm TTTL và Viện Hàn lâm KHCNVN, "
                   "Viện Hàn lâm Khoa học và Công nghệ Việt Nam; Viện Hàn lâm ghi nhận.")
    entities, _ = merge_units(resolve_unit_spans(extract_units(doc, lexicon))[0], lexicon)
    assert [e.forms for e in entities] == [
        ["Trung tâm Thông tin - Tư liệu", "Trung tâm TTTL"],
        ["Viện Hàn lâm KHCNVN", "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "Viện Hàn lâm"],
    ]


def test_same_unit(lexicon):
    assert same_unit("Bộ KH&CN", "Bộ Khoa học và Công nghệ", lexicon)
    assert same_unit("UBND tỉnh", "Ủy ban nhân dân tỉnh", lexicon)
    assert not same_unit("Cục Sở hữu trí tuệ", "Cục Năng lượng nguyên tử", lexicon)


def test_a_short_head_is_the_body_its_full_head_names(lexicon):
    assert same_unit("Tòa án tỉnh Hà Nam", "Tòa án nhân dân tỉnh Hà Nam", lexicon)
    assert same_unit("Tòa án hai cấp tỉnh Hà Nam", "TAND hai cấp tỉnh Hà Nam", lexicon)
    assert same_unit("Viện kiểm sát huyện Tuy Phước", "VKSND huyện Tuy Phước", lexicon)
    assert same_unit("Hội Phụ nữ xã Tân Lập", "Hội LHPN xã Tân Lập", lexicon)
    assert not same_unit("Tòa án tỉnh Hà Nam", "Tòa án nhân dân tỉnh Nam Định", lexicon)
    assert not same_unit("Tòa án", "Tòa án nhân dân tỉnh Hà Nam", lexicon)  # a bare head stays bare
    assert lexicon.unit_names.full_head("Tòa án nhân dân tỉnh Hà Nam") == "Tòa án nhân dân tỉnh Hà Nam"


def test_a_name_with_its_own_abbreviation_in_parentheses(make_doc, lexicon):
    doc = make_doc("Hội Cựu chiến binh (CCB) huyện Mây Xanh tổ chức đại hội. Thời gian tới, Hội CCB huyện tiếp tục "
                   "phát động phong trào thi đua.")
    entities, _ = merge_units(resolve_unit_spans(extract_units(doc, lexicon))[0], lexicon)
    assert [e.forms for e in entities] == [["Hội Cựu chiến binh (CCB) huyện Mây Xanh", "Hội CCB huyện"]]
    assert canonical_name(entities[0].forms, lexicon) == "Hội Cựu chiến binh huyện Mây Xanh"
    assert same_unit("Ủy ban Kiểm tra (UBKT) Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", lexicon)
    assert not same_unit("Ủy ban Kiểm tra (UBKT) Tỉnh ủy", "Ủy ban Kiểm tra Huyện ủy", lexicon)


def test_a_board_alone_joins_its_full_name_through_its_abbreviation(make_doc, lexicon):
    doc = make_doc("Hội đồng quản trị Tổng công ty Điện lực miền Bắc họp. Ông Nguyễn Văn An, Chủ tịch HĐQT, phát biểu.")
    spans, _ = resolve_unit_spans(extract_units(doc, lexicon))
    forms = [e.forms for e in merge_units(spans, lexicon)[0]]
    assert ["Hội đồng quản trị Tổng công ty Điện lực miền Bắc", "HĐQT"] in forms
    assert not [f for f in forms if f == ["HĐQT"]]


def test_a_military_command_named_by_its_head_alone(make_doc, lexicon):
    alone = make_doc("Tỉnh ủy đánh giá cao sự nỗ lực của Bộ Chỉ huy Bộ đội Biên phòng trong năm qua.")
    entities, _ = merge_units(resolve_unit_spans(extract_units(alone, lexicon))[0], lexicon)
    assert [e.forms for e in entities] == [["Tỉnh ủy"], ["Bộ Chỉ huy Bộ đội Biên phòng"]]
    # after the full name it is a back-reference to it, not a body of its own
    again = make_doc("Bộ Chỉ huy Quân sự tỉnh Mây Xanh tổ chức hội nghị. Bộ Chỉ huy Quân sự đã hoàn thành nhiệm vụ.")
    entities, _ = merge_units(resolve_unit_spans(extract_units(again, lexicon))[0], lexicon)
    assert [e.forms for e in entities] == [["Bộ Chỉ huy Quân sự tỉnh Mây Xanh", "Bộ Chỉ huy Quân sự"]]


def test_a_canonical_name_begins_with_a_capital(make_doc, lexicon):
    doc = make_doc("Ông Trần Văn Nam, Trưởng phòng QLTH, báo cáo; phòng QLTH đã hoàn thành nhiệm vụ.")
    entities, _ = merge_units(resolve_unit_spans(extract_units(doc, lexicon))[0], lexicon)
    assert [(e.forms, canonical_name(e.forms, lexicon)) for e in entities] == [(["phòng QLTH"], "Phòng QLTH")]


def forms_of(doc, lexicon):
    return [e.forms for e in merge_units(resolve_unit_spans(extract_units(doc, lexicon))[0], lexicon)[0]]


def test_the_standard_short_forms_of_departments_and_state_bodies_join_their_full_names(make_doc, lexicon):
    doc = make_doc("Sở Lao động - Thương binh và Xã hội tỉnh Mây Xanh, Bộ Chỉ huy Quân sự tỉnh Mây Xanh và Kho bạc Nhà "
                   "nước tỉnh Mây Xanh họp. Sở LĐ-TB&XH, Bộ CHQS tỉnh và KBNN tỉnh báo cáo.")
    assert forms_of(doc, lexicon) == [
        ["Sở Lao động - Thương binh và Xã hội tỉnh Mây Xanh", "Sở LĐ-TB&XH"],
        ["Bộ Chỉ huy Quân sự tỉnh Mây Xanh", "Bộ CHQS tỉnh"],
        ["Kho bạc Nhà nước tỉnh Mây Xanh", "KBNN tỉnh"], ["Kho bạc Nhà nước"]]  # the treasury its name holds


def test_a_chapters_short_form_leaves_out_its_national_bodys_country(make_doc, lexicon):
    doc = make_doc("Ủy ban MTTQ Việt Nam huyện Mây Xanh tổ chức hội nghị. Ủy ban MTTQ huyện đã phối hợp tốt. Hội "
                   "Liên hiệp Thanh niên Việt Nam tỉnh Mây Xanh họp; Hội LHTN tỉnh có 20.000 hội viên.")
    assert forms_of(doc, lexicon) == [
        ["Ủy ban MTTQ Việt Nam huyện Mây Xanh", "Ủy ban MTTQ huyện"], ["MTTQ Việt Nam"],
        ["Hội Liên hiệp Thanh niên Việt Nam tỉnh Mây Xanh", "Hội LHTN tỉnh"]]


def test_a_form_that_leaves_out_its_places_level_is_the_same_body(lexicon):
    assert same_unit("LĐLĐ Diễn Châu", "LĐLĐ huyện Diễn Châu", lexicon)
    assert same_unit("Sở Y tế Hà Nội", "Sở Y tế thành phố Hà Nội", lexicon)
    assert not same_unit("Hội Nông dân xã Diễn Châu", "Hội Nông dân huyện Diễn Châu", lexicon)  # two levels, two bodies
    assert not same_unit("UBND huyện", "UBND Diễn Châu", lexicon)


def test_an_official_names_joiners_and_a_chapters_country_may_be_written_either_way(lexicon):
    assert same_unit("Sở GD&ĐT", "Sở Giáo dục - Đào tạo", lexicon)
    assert same_unit("Phòng Văn hóa và Thông tin", "Phòng Văn hóa - Thông tin", lexicon)
    assert same_unit("Ủy ban MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", lexicon)
    assert not same_unit("Phòng Văn hóa và Thông tin", "Phòng Văn hóa - Thể thao", lexicon)


def test_a_national_bodys_short_form_inside_its_longer_form_is_one_body(make_doc, lexicon):
    doc = make_doc("Đồng chí Trần Văn Khôi, Ủy viên BCH Trung ương Đảng, Bí thư Tỉnh ủy, dự.")
    assert forms_of(doc, lexicon) == [["BCH Trung ương", "BCH Trung ương Đảng"], ["Tỉnh ủy"]]


def test_a_back_reference_is_no_name_when_a_longer_form_abbreviates(lexicon):
    assert canonical_name(["Hội", "Hội CCB tỉnh Đồng Tháp"], lexicon) == "Hội Cựu chiến binh tỉnh Đồng Tháp"
    assert canonical_name(["Trung tâm TTTL", "Trung tâm Thông tin - Tư liệu"], lexicon) == "Trung tâm Thông tin - Tư liệu"


def test_a_name_in_parentheses_that_restates_the_name_before_it_is_its_form(make_doc, lexicon):
    doc = make_doc("Công ty Điện lực Mây Xanh (Điện lực Mây Xanh), Công ty Xăng dầu Khu vực III (Công ty Xăng dầu Bến "
                   "Gió), Ban Thi đua - Khen thưởng (Sở Nội vụ), Phòng Tư pháp huyện Gió (UBND huyện Gió) và Sư đoàn 7 "
                   "(Quân đoàn 4) dự.")
    assert forms_of(doc, lexicon) == [
        ["Công ty Điện lực Mây Xanh", "Điện lực Mây Xanh"], ["Công ty Xăng dầu Khu vực III", "Công ty Xăng dầu Bến Gió"],
        ["Ban Thi đua - Khen thưởng"], ["Sở Nội vụ"], ["Phòng Tư pháp huyện Gió"], ["UBND huyện Gió"], ["Sư đoàn 7"],
        ["Quân đoàn 4"]]


def test_a_bare_head_stands_for_the_one_entity_whose_type_it_opens(make_doc, lexicon):
    doc = make_doc("Cụm thi đua số 5 và Đồn Biên phòng Cầu Treo họp. Năm qua, Cụm đã hoàn thành tốt; Đồn bắt giữ 20 vụ.")
    assert forms_of(doc, lexicon) == [["Cụm thi đua số 5", "Cụm"], ["Đồn Biên phòng Cầu Treo", "Đồn"]]


def test_an_abbreviation_a_name_defines_in_parentheses_is_its_form_wherever_it_is_used(make_doc, lexicon):
    doc = make_doc("Phòng Cảnh sát hình sự (PC02) và Trung tâm Khuyến nông (TTKN) được tặng Bằng khen. Năm qua, PC02 đã "
                   "triệt phá 20 vụ án; TTKN mở 30 lớp. Đại hội (XII) họp.")
    assert forms_of(doc, lexicon) == [["Phòng Cảnh sát hình sự", "PC02"], ["Trung tâm Khuyến nông", "TTKN"]]
    spans, _ = resolve_unit_spans(extract_units(doc, lexicon))
    assert [len(e.mentions) for e in merge_units(spans, lexicon)[0]] == [3, 3]


def test_an_abbreviation_defined_with_more_letters_or_its_place(make_doc, lexicon):
    doc = make_doc("Công ty Điện lực Quảng Ngãi (PC Quảng Ngãi) và Ban Quản lý các khu công nghiệp (BQL KCN) được tặng Cờ. "
                   "Năm qua, PC Quảng Ngãi và BQL KCN đã hoàn thành.")
    assert forms_of(doc, lexicon) == [["Công ty Điện lực Quảng Ngãi", "PC Quảng Ngãi"],
                                      ["Ban Quản lý các khu công nghiệp", "BQL KCN"]]


def test_a_place_in_parentheses_is_no_abbreviation_of_the_name(make_doc, lexicon):
    doc = make_doc("Trường THPT Nguyễn Trãi (TP Hải Dương) tổ chức lễ. Công ty Điện lực Quảng Ngãi (PC Quảng Ngãi) dự.")
    assert forms_of(doc, lexicon) == [["Trường THPT Nguyễn Trãi"], ["Công ty Điện lực Quảng Ngãi", "PC Quảng Ngãi"]]


def test_a_peoples_council_or_committee_written_alone_is_a_body(make_doc, lexicon):
    """"Tỉnh ủy, HĐND, UBND tỉnh X": the council named alone is a unit of its own, like
    "Tỉnh ủy"; after its full name, a bare "UBND" is that body's form."""
    doc = make_doc("Sáng 20/12, lãnh đạo Tỉnh ủy, HĐND, UBND tỉnh Nghệ An dự hội nghị.")
    entities, _ = merge_units(resolve_unit_spans(extract_units(doc, lexicon))[0], lexicon)
    assert [e.forms for e in entities] == [["Tỉnh ủy"], ["HĐND"], ["UBND tỉnh Nghệ An"]]
    doc = make_doc("Dự có Thường trực Đảng ủy - Ủy ban nhân dân - Ủy ban MTTQ phường.")
    entities, _ = merge_units(resolve_unit_spans(extract_units(doc, lexicon))[0], lexicon)
    assert ["Ủy ban nhân dân"] in [e.forms for e in entities]
    doc = make_doc("UBND tỉnh Nghệ An tổ chức hội nghị. Chủ tịch UBND tỉnh phát biểu. UBND đã chỉ đạo.")
    entities, _ = merge_units(resolve_unit_spans(extract_units(doc, lexicon))[0], lexicon)
    assert [e.forms for e in entities] == [["UBND tỉnh Nghệ An", "UBND tỉnh", "UBND"]]


def test_a_head_and_a_defined_code_are_the_body_that_defined_it(make_doc, lexicon):
    doc = make_doc("Ngày 20/12, Cục Cảnh sát giao thông (C08), Bộ Công an tổ chức hội nghị. Phó Cục trưởng Cục C08 "
                   "phát biểu. Phòng Cảnh sát kinh tế (PC03) được tặng Cờ thi đua; Phòng PC03 cũng được khen.")
    entities, decisions = merge_units(resolve_unit_spans(extract_units(doc, lexicon))[0], lexicon)
    assert [e.forms for e in entities] == [["Cục Cảnh sát giao thông", "C08", "Cục C08"], ["Bộ Công an"],
                                           ["Phòng Cảnh sát kinh tế", "PC03", "Phòng PC03"]]
    assert sum(d.rule == "units.head_abbreviation" for d in decisions) == 2


def test_another_numbered_body_in_parentheses_is_a_parent_not_a_restatement(make_doc, lexicon):
    doc = make_doc("Bộ Tư lệnh Quân khu 4 tặng Cờ thi đua cho Đại đội Bộ binh 1 (Tiểu đoàn Bộ binh 2).")
    entities, _ = merge_units(resolve_unit_spans(extract_units(doc, lexicon))[0], lexicon)
    assert ["Đại đội Bộ binh 1"] in [e.forms for e in entities] and ["Tiểu đoàn Bộ binh 2"] in [e.forms for e in entities]
