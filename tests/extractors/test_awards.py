import pytest

from extractors.awards import extract_awards


def awards(doc, lexicon):
    return [(c.get("award"), c.get("count"), c.get("issuer"), c.get("status"), c.get("years"), c.get("recipient_kind"))
            for c in extract_awards(doc, lexicon)]


def test_two_counts_two_records(make_doc, lexicon):
    doc = make_doc("Hội nghị cũng đã đề nghị tặng 01 Cờ thi đua của Chính phủ, 02 Cờ thi đua của Bộ cho các đơn vị.")
    assert awards(doc, lexicon) == [("Cờ thi đua", 1, "Chính phủ", "proposed", (), None),
                                    ("Cờ thi đua", 2, "Bộ", "proposed", (), None)]


def test_collectives_and_individuals(make_doc, lexicon):
    doc = make_doc("Thủ tướng Chính phủ tặng Bằng khen cho 30 tập thể và 34 cá nhân.")
    assert awards(doc, lexicon) == [("Bằng khen", 30, "Thủ tướng Chính phủ", "received", (), "collective"),
                                    ("Bằng khen", 34, "Thủ tướng Chính phủ", "received", (), "individual")]


def test_grade_and_years(make_doc, lexicon):
    doc = make_doc("Văn phòng vinh dự được nhận: Huân chương Lao động hạng Nhì (2016); "
                   "Cờ thi đua của Viện Hàn lâm (2015, 2016, 2019).")
    got = [(c.get("award"), c.get("grade"), c.get("years")) for c in extract_awards(doc, lexicon)]
    assert got == [("Huân chương Lao động", "hạng Nhì", (2016,)), ("Cờ thi đua", None, (2015, 2016, 2019))]


def test_exemplary_commended(make_doc, lexicon):
    doc = make_doc("Khối thi đua cũng biểu dương, tôn vinh 01 tập thể và 03 cá nhân điển hình tiên tiến.")
    assert awards(doc, lexicon) == [("Điển hình tiên tiến", 1, "Khối thi đua", "commended", (), "collective"),
                                    ("Điển hình tiên tiến", 3, "Khối thi đua", "commended", (), "individual")]


def test_table_one_record_per_cell_percent_is_share(make_doc, lexicon):
    doc = make_doc("Thống kê kết quả khen thưởng giai đoạn 2015-2020 của Trung tâm như sau đây:\n\nNăm\n\nLao động tiên tiến\n\n(%)\n\n"
                   "Giấy khen cho cá nhân\n\nNăm 2015\n\n100%\n\n04\n\nNăm 2016\n\n97%\n\n03\n\n"
                   "Bên cạnh những thành tích đạt được, Hội nghị cũng nhìn nhận những tồn tại cần khắc phục.")
    got = [(c.get("award"), c.get("years"), c.get("count"), c.get("share")) for c in extract_awards(doc, lexicon)
           if c.rule == "awards.table_cell"]
    assert got == [("Lao động tiên tiến", (2015,), None, "100%"), ("Giấy khen", (2015,), 4, None),
                   ("Lao động tiên tiến", (2016,), None, "97%"), ("Giấy khen", (2016,), 3, None)]


def test_target_is_not_an_award(make_doc, lexicon):
    doc = make_doc("Hội nghị biểu dương, tôn vinh điển hình tiên tiến toàn quốc diễn ra tại Hà Nội.")
    assert awards(doc, lexicon) == []


def test_a_reward_with_no_award_named(make_doc, lexicon):
    doc = make_doc("Dịp này, Hội đồng Đội đã khen thưởng 14 tập thể, 12 cá nhân; Tỉnh đoàn đề nghị khen thưởng 5 cá nhân.")
    got = [(a, c, s, k) for a, c, _, s, _, k in awards(doc, lexicon)]
    assert got == [("Điển hình tiên tiến", 14, "received", "collective"), ("Điển hình tiên tiến", 12, "received", "individual"),
                   ("Điển hình tiên tiến", 5, "proposed", "individual")]
    assert awards(make_doc("Hội nghị bàn về công tác khen thưởng năm 2023."), lexicon) == []


def test_recipients_after_the_awards_own_name(make_doc, lexicon):
    doc = make_doc("Bộ trưởng trao Kỷ niệm chương “Vì sự nghiệp nông dân” cho 10 đồng chí; "
                   "tặng Bằng khen Bộ trưởng cho 23 sở; UBND huyện tặng Giấy khen 70 tập thể, 131 cá nhân.")
    assert [(a, c) for a, c, *_ in awards(doc, lexicon)] == [("Danh hiệu", 10), ("Bằng khen", 23), ("Giấy khen", 70),
                                                            ("Giấy khen", 131)]


def test_the_generic_award_word_needs_its_own_name(make_doc, lexicon):
    doc = make_doc("Có 19 tổ dân phố đạt danh hiệu “Tổ dân phố văn hóa”; 05 cá nhân được tặng danh hiệu Chiến sĩ thi đua cơ sở."
                   " Danh hiệu cao quý này là động lực để thi đua.")
    assert [(a, c) for a, c, *_ in awards(doc, lexicon)] == [("Danh hiệu", 19), ("Chiến sĩ thi đua", 5)]


def test_a_breakdown_of_a_count_is_no_record(make_doc, lexicon):
    doc = make_doc("Viện trưởng đã trao Cờ thi đua của Chính phủ tặng 22 tập thể, trong đó có 8 tập thể là các đơn vị "
                   "thuộc Viện, 14 tập thể gồm các Viện tỉnh.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Cờ thi đua", 22)]


def test_a_number_in_a_name_before_a_verb_is_no_count(make_doc, lexicon):
    doc = make_doc("Ngày 4-12, Quân khu 7 tổ chức tổng kết, trao thưởng cho 143 tập thể, cá nhân.")
    assert [(a, n, s) for a, n, _, s, *_ in awards(doc, lexicon)] == [("Điển hình tiên tiến", 143, "received")]


def test_a_medal_pinned_and_exemplary_people_honoured(make_doc, lexicon):
    doc = make_doc("Bộ trưởng gắn Huân chương Độc lập hạng Nhất lên lá cờ truyền thống. "
                   "Phòng tổ chức tuyên dương, khen thưởng và vinh danh nhà giáo tiêu biểu.")
    assert [(a, n, s) for a, n, _, s, *_ in awards(doc, lexicon)] == [
        ("Huân chương Độc lập", None, "received"), ("Điển hình tiên tiến", None, "commended")]


def test_the_reward_verb_of_thi_dua_khen_thuong_is_no_reward(make_doc, lexicon):
    doc = make_doc("Dự hội nghị có bà Trần Thị Hoa, Phó Trưởng ban Thi đua - Khen thưởng tỉnh cùng 120 đại biểu. "
                   "Cán bộ làm công tác thi đua khen thưởng của 12 đơn vị đã tham dự.")
    assert awards(doc, lexicon) == []
    doc = make_doc("Hội đồng Thi đua - Khen thưởng huyện đã khen thưởng 6 tập thể.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Điển hình tiên tiến", 6)]


def test_a_count_out_of_a_total_is_the_first_number(make_doc, lexicon):
    doc = make_doc("Năm học vừa qua, 41/52 trường trong huyện đã được biểu dương; 1.204/ 1.350 hộ đạt danh hiệu “Gia đình văn hóa”.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Điển hình tiên tiến", 41), ("Danh hiệu", 1204)]
    doc = make_doc("Nhân dịp 20/11 giáo viên của trường được tặng Giấy khen.")  # a date, not 20 of 11
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Giấy khen", None)]


def test_counts_after_a_semicolon_go_on_the_award_before(make_doc, lexicon):
    doc = make_doc("UBND xã tặng Giấy khen cho 8 tập thể, 21 cá nhân có thành tích trong phong trào; "
                   "4 cá nhân có nhiều sáng kiến trong sản xuất.")
    got = extract_awards(doc, lexicon)
    assert [(c.get("award"), c.get("count"), c.get("issuer")) for c in got] == [
        ("Giấy khen", 8, "UBND xã"), ("Giấy khen", 21, "UBND xã"), ("Giấy khen", 4, "UBND xã")]
    assert all(doc.text[c.start:c.end] == c.text for c in got)
    doc = make_doc("Huyện tặng Giấy khen cho 8 tập thể; 3 tập thể nhận Bằng khen của UBND tỉnh; 12 hộ đăng ký làm kinh tế giỏi.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Giấy khen", 8), ("Bằng khen", 3)]


def test_a_generic_award_word_given_or_received_is_an_award(make_doc, lexicon):
    doc = make_doc("Năm 2015, Trường Tiểu học Mây Xanh cũng được trao danh hiệu cao quý này. "
                   "Nhiều giáo viên của trường đã vinh dự đón nhận các phần thưởng, danh hiệu cao quý của Nhà nước.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Danh hiệu", None), ("Danh hiệu", None)]
    doc = make_doc("Chi đoàn Mây Xanh nhận giải thưởng tập thể.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Danh hiệu", None)]


def test_a_commendation_joined_to_a_named_award_is_a_record_too(make_doc, lexicon):
    doc = make_doc("Ban tổ chức đã tuyên dương, trao Giấy khen cho 15 đoàn viên xuất sắc.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Điển hình tiên tiến", 15), ("Giấy khen", 15)]
    doc = make_doc("Có 42 đội viên được tuyên dương và nhận giải thưởng đợt này.")
    assert sorted((a, n) for a, n, *_ in awards(doc, lexicon)) == [("Danh hiệu", 42), ("Điển hình tiên tiến", 42)]
    doc = make_doc("Có 8 đại biểu nhận giải thưởng Lê Văn Tám và 25 đại biểu được biểu dương đợt này.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Danh hiệu", 8), ("Điển hình tiên tiến", 25)]
    doc = make_doc("Huyện biểu dương 5 tập thể và tặng Giấy khen cho 10 cá nhân.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Điển hình tiên tiến", 5), ("Giấy khen", 10)]
    doc = make_doc("UBND xã khen thưởng và tặng Giấy khen cho 6 hộ.")  # a reward verb beside the award: one record
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Giấy khen", 6)]


def test_the_object_of_praise_is_no_recipient(make_doc, lexicon):
    for text in ("Đảng ủy biểu dương những cố gắng, nỗ lực của các đảng viên trong năm qua.",
                 "Chương trình tôn vinh những giá trị tốt đẹp của gia đình, của các thế hệ thanh niên.",
                 "Ban chấp hành biểu dương là những tấm gương sáng của các chi hội."):
        assert awards(make_doc(text), lexicon) == [], text
    doc = make_doc("Hội nghị đã tuyên dương, nhân rộng những điển hình tiên tiến; huyện tôn vinh, khen thưởng nhiều "
                   "tập thể, cá nhân; xã tuyên dương cựu chiến binh gương mẫu.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Điển hình tiên tiến", None)] * 3


def test_awards_listed_together_share_their_recipients_and_have_no_count(make_doc, lexicon):
    doc = make_doc("Dịp này, UBND tỉnh đã tặng Cờ thi đua, Bằng khen, Giấy khen cho 13 tập thể và 17 cá nhân. "
                   "Tặng Bằng khen của UBND tỉnh và Giấy khen của Giám đốc Sở cho 5 tập thể.")
    assert [(a[0], a[1]) for a in awards(doc, lexicon)] == [("Cờ thi đua", None), ("Bằng khen", None),
                                                           ("Giấy khen", None), ("Bằng khen", None),
                                                           ("Giấy khen", None)]
    # each award with its own clause keeps its own count
    doc = make_doc("UBND tỉnh tặng Bằng khen cho 14 cá nhân; Giám đốc tặng Giấy khen cho 20 tập thể.")
    assert [(a[0], a[1]) for a in awards(doc, lexicon)] == [("Bằng khen", 14), ("Giấy khen", 20)]


def test_counts_after_a_colon(make_doc, lexicon):
    doc = make_doc("Kết quả: Cờ thi đua của UBND tỉnh: 2 tập thể; Bằng khen của UBND tỉnh: 18 tập thể, 25 cá nhân. "
                   "Giám đốc Công an tỉnh tặng Giấy khen cho: 8 tập thể.")
    assert [(a, n, i, s, k) for a, n, i, s, _, k in awards(doc, lexicon)] == [
        ("Cờ thi đua", 2, "UBND tỉnh", "received", "collective"),
        ("Bằng khen", 18, "UBND tỉnh", "received", "collective"),
        ("Bằng khen", 25, "UBND tỉnh", "received", "individual"),
        ("Giấy khen", 8, "Giám đốc Công an tỉnh", "received", "collective")]


def test_an_award_named_without_a_verb_or_a_count_is_no_statement(make_doc, lexicon):
    doc = make_doc("Mẫu Bằng khen của UBND tỉnh: kích thước 30 x 40 cm. Quy định về Giấy khen: xem Điều 5.")
    assert awards(doc, lexicon) == []


def test_recipients_counted_before_the_next_awards_verb_are_the_next_awards(make_doc, lexicon):
    doc = make_doc("Có 15 đơn vị nhận Cờ thi đua của ngành và 106 cá nhân được trao Kỷ niệm chương “Vì sự nghiệp "
                   "giáo dục”. Tặng Bằng khen cho 20 tập thể và 8 cá nhân; 5 cá nhân nhận Giấy khen.")
    assert [(a, n) for a, n, _, _, _, _ in awards(doc, lexicon)] == [
        ("Cờ thi đua", 15), ("Danh hiệu", 106), ("Bằng khen", 20), ("Bằng khen", 8), ("Giấy khen", 5)]


def test_recipients_before_a_new_clauses_subject_stay_the_first_awards(make_doc, lexicon):
    doc = make_doc("Tỉnh đề nghị Chính phủ tặng Cờ thi đua cho 2 tập thể, Thủ tướng Chính phủ tặng Bằng khen cho 6 tập "
                   "thể và 8 cá nhân.")
    assert [(a, n) for a, n, _, _, _, _ in awards(doc, lexicon)] == [("Cờ thi đua", 2), ("Bằng khen", 6), ("Bằng khen", 8)]


def test_a_clause_of_its_own_gives_its_awards_status(make_doc, lexicon):
    doc = make_doc("Hội nghị đã biểu dương 25 hộ nông dân tiêu biểu; Ban Chấp hành Hội Nông dân huyện tặng Giấy khen cho "
                   "5 hộ. Hội nghị biểu dương và tặng Giấy khen cho 8 hộ.")
    assert [(a, n, s) for a, n, _, s, _, _ in awards(doc, lexicon)] == [
        ("Điển hình tiên tiến", 25, "commended"), ("Giấy khen", 5, "received"), ("Giấy khen", 8, "commended")]


def test_holders_of_awards_counted_after_a_verb_of_having(make_doc, lexicon):
    doc = make_doc("Năm 2023, Tổng công ty có 1.245 Lao động tiên tiến, 86 Chiến sĩ thi đua cơ sở, 14 Tập thể lao động "
                   "xuất sắc và 27 Tập thể lao động tiên tiến. Mẫu Bằng khen có 2 màu.")
    assert [(a, n, s) for a, n, _, s, _, _ in awards(doc, lexicon)] == [
        ("Lao động tiên tiến", 1245, "received"), ("Chiến sĩ thi đua", 86, "received"),
        ("Tập thể lao động xuất sắc", 14, "received"), ("Tập thể lao động tiên tiến", 27, "received")]


def test_a_second_gift_keeps_the_counts_before_it(make_doc, lexicon):
    doc = make_doc("Huyện đề nghị UBND thành phố Hà Nội tặng Bằng khen cho 6 tập thể, 9 cá nhân và tặng Cờ thi đua cho "
                   "01 tập thể.")
    assert [(a, n, i, s) for a, n, i, s, _, _ in awards(doc, lexicon)] == [
        ("Bằng khen", 6, "UBND thành phố Hà Nội", "proposed"), ("Bằng khen", 9, "UBND thành phố Hà Nội", "proposed"),
        ("Cờ thi đua", 1, "UBND thành phố Hà Nội", "proposed")]  # "và tặng": the same giver


def test_the_parts_of_a_count_listed_after_it_are_no_records(make_doc, lexicon):
    doc = make_doc("Ngành Y tế tôn vinh 50 điển hình tiên tiến, gồm 20 tập thể và 30 cá nhân. UBND tỉnh tặng Bằng khen "
                   "cho các đơn vị gồm 5 tập thể và 7 cá nhân.")
    assert [(a, n) for a, n, _, _, _, _ in awards(doc, lexicon)] == [
        ("Điển hình tiên tiến", 50), ("Bằng khen", 5), ("Bằng khen", 7)]


def test_a_noun_that_holds_a_proposal_verb_proposes_nothing(make_doc, lexicon):
    doc = make_doc("Thực hiện chương trình công tác năm 2023, UBND tỉnh tặng Bằng khen cho 12 tập thể. Bà Hoa trình bày "
                   "báo cáo, cho biết Chủ tịch UBND tỉnh đã tặng Cờ thi đua cho 3 tập thể. Sở trình UBND tỉnh tặng "
                   "Giấy khen cho 2 cá nhân.")
    assert [(a, n, i, s) for a, n, i, s, _, _ in awards(doc, lexicon)] == [
        ("Bằng khen", 12, "UBND tỉnh", "received"), ("Cờ thi đua", 3, "Chủ tịch UBND tỉnh", "received"),
        ("Giấy khen", 2, "UBND tỉnh", "proposed")]


def test_the_giver_is_named_after_the_clauses_last_verb(make_doc, lexicon):
    doc = make_doc("Phòng Cảnh sát hình sự Công an tỉnh được Bộ Công an tặng Cờ thi đua. Dịp này, Chủ tịch UBND thành phố "
                   "tặng Bằng khen cho 5 tập thể, Ủy ban nhân dân huyện tặng Giấy khen cho 20 cá nhân. Bằng khen của Ủy "
                   "ban nhân dân tỉnh Hưng Yên được trao cho 3 tập thể.")
    assert [(a, n, i) for a, n, i, _, _, _ in awards(doc, lexicon)] == [
        ("Cờ thi đua", None, "Bộ Công an"), ("Bằng khen", 5, "Chủ tịch UBND thành phố"),
        ("Giấy khen", 20, "Ủy ban nhân dân huyện"), ("Bằng khen", 3, "Ủy ban nhân dân tỉnh Hưng Yên")]


def test_a_modifier_between_a_count_and_its_recipients(make_doc, lexicon):
    doc = make_doc("LĐLĐ thành phố tặng Bằng khen cho 95 nữ đoàn viên tiêu biểu; Hội tuyên dương 12 nữ công nhân.")
    assert [(a, n, s, k) for a, n, _, s, _, k in awards(doc, lexicon)] == [
        ("Bằng khen", 95, "received", "individual"), ("Điển hình tiên tiến", 12, "commended", "individual")]


def test_recipients_commended_in_the_passive_as_the_clauses_subject(make_doc, lexicon):
    doc = make_doc("Theo đó, các gương điển hình tiên tiến được tuyên dương. Lãnh đạo chúc mừng các tập thể, cá nhân "
                   "được vinh danh. Hội nghị đánh giá công tác khen thưởng năm 2023.")
    assert [(a, n, s) for a, n, _, s, _, _ in awards(doc, lexicon)] == [("Điển hình tiên tiến", None, "commended")]


def test_a_reward_with_no_award_named_keeps_its_counts_before_a_breakdown(make_doc, lexicon):
    doc = make_doc("Năm qua có 250 tập thể, 1.200 cá nhân được các cấp khen thưởng, trong đó Chủ tịch UBND tỉnh tặng "
                   "Bằng khen cho 80 tập thể, 150 cá nhân.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [
        ("Điển hình tiên tiến", 250), ("Điển hình tiên tiến", 1200), ("Bằng khen", 80), ("Bằng khen", 150)]


def test_counts_in_compound_number_words_and_in_parentheses(make_doc, lexicon):
    doc = make_doc("UBND huyện tặng Giấy khen cho mười hai cá nhân và hai mươi lăm tập thể. UBND tỉnh đã tặng Cờ thi đua "
                   "(08 tập thể), Bằng khen (45 tập thể, 120 cá nhân).")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [
        ("Giấy khen", 12), ("Giấy khen", 25), ("Cờ thi đua", 8), ("Bằng khen", 45), ("Bằng khen", 120)]


def test_a_meeting_that_counts_whom_it_commends_is_a_commendation(make_doc, lexicon):
    doc = make_doc("Hội nghị tuyên dương 35 gương điển hình tiên tiến. Hội nghị biểu dương, tôn vinh điển hình tiên tiến "
                   "diễn ra sáng nay.")
    assert [(a, n, s) for a, n, _, s, *_ in awards(doc, lexicon)] == [("Điển hình tiên tiến", 35, "commended")]


def test_recipients_pointed_back_to_are_no_new_record(make_doc, lexicon):
    doc = make_doc("Bộ tặng Bằng khen cho 3 giáo viên. 3 giáo viên này đều được cấp cơ sở đến cấp tỉnh khen thưởng.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Bằng khen", 3)]


def test_the_issuer_keeps_its_dash_and_its_line_and_other_orders_their_grade(lexicon):
    from extractors.base import lined_document

    doc = lined_document("Sở Tư pháp đón nhận Bằng khen của Thủ tướng Chính phủ\nTh 6, 18/12/2020 | 09:39 SA\n"
                         "Hội đồng Thi đua - Khen thưởng tỉnh tặng Bằng khen cho 6 cá nhân; Công an huyện nhận Huân chương "
                         "Bảo vệ Tổ quốc hạng Ba.", "headline", "dateline", "body")
    found = extract_awards(doc, lexicon)
    assert [(c.get("issuer"), c.get("grade")) for c in found] == [
        ("Thủ tướng Chính phủ", None), ("Hội đồng Thi đua - Khen thưởng tỉnh", None), (None, "hạng Ba")]


def test_a_commendation_of_award_holders_counted_by_the_award(make_doc, lexicon):
    doc = make_doc("Tỉnh tôn vinh 50 chiến sĩ thi đua tiêu biểu.")  # no recipient noun: once a crash
    assert ("Chiến sĩ thi đua", 50, "commended") in [(a, n, s) for a, n, _, s, *_ in awards(doc, lexicon)]


def test_a_body_named_before_the_counted_recipients_of_one_award_is_a_record_of_its_own(make_doc, lexicon):
    doc = make_doc("Chủ tịch UBND tỉnh tặng Bằng khen cho Sở Y tế và 12 cá nhân. UBND tỉnh tặng Bằng khen cho 3 tập thể và "
                   "12 cá nhân.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [
        ("Bằng khen", None), ("Bằng khen", 12), ("Bằng khen", 3), ("Bằng khen", 12)]



def test_exemplars_counted_by_their_title_are_one_record_of_the_title(make_doc, lexicon):
    # the commended are counted by the title they hold: one statement, the title's, commended
    doc = make_doc("Sáng 5/1, UBND tỉnh tổ chức hội nghị tuyên dương 50 chiến sĩ thi đua tiêu biểu.")
    assert [(a, n, s) for a, n, _, s, *_ in awards(doc, lexicon)] == [("Chiến sĩ thi đua", 50, "commended")]
    doc = make_doc("Dịp này, Liên đoàn Lao động tỉnh tôn vinh 30 Lao động tiên tiến.")
    assert [(a, n, s) for a, n, _, s, *_ in awards(doc, lexicon)] == [("Lao động tiên tiến", 30, "commended")]
    # counted recipients who then receive an award are still commended too
    doc = make_doc("Ban tổ chức tuyên dương 33 đoàn viên xuất sắc nhận Giấy khen.")
    assert sorted((a, n) for a, n, *_ in awards(doc, lexicon)) == [("Giấy khen", 33), ("Điển hình tiên tiến", 33)]


def test_a_count_with_its_number_spelled_out_in_brackets(make_doc, lexicon):
    doc = make_doc("Chủ tịch UBND tỉnh tặng Bằng khen cho 03 (ba) tập thể và 05 (năm) cá nhân có thành tích xuất sắc.")
    assert [(c.get("count"), c.get("recipient")) for c in extract_awards(doc, lexicon)] == [(3, "tập thể"), (5, "cá nhân")]


def test_the_issuer_of_a_gift_with_no_subject_a_delegators_and_none_from_a_document(make_doc, lexicon):
    doc = make_doc("Chủ tịch UBND tỉnh tặng Cờ thi đua cho 31 tập thể, tặng Bằng khen cho 50 tập thể. Thừa ủy quyền của "
                   "Chủ tịch nước, Phó Chủ tịch UBND tỉnh Lê Văn Hùng trao Huân chương Lao động hạng Ba cho 2 tập thể. "
                   "Chủ tịch UBND huyện tặng 120 Giấy khen cho 40 tập thể và 80 cá nhân. Hội đồng trình Bộ trưởng ký "
                   "ban hành Quyết định tặng Cờ thi đua cho 07 sở; tặng Bằng khen cho 23 sở.")
    assert [(c.normalized, c.get("issuer"), c.get("count")) for c in extract_awards(doc, lexicon)] == [
        ("Cờ thi đua", "Chủ tịch UBND tỉnh", 31), ("Bằng khen", "Chủ tịch UBND tỉnh", 50),
        ("Huân chương Lao động", "Chủ tịch nước", 2), ("Giấy khen", "Chủ tịch UBND huyện", 120),
        ("Cờ thi đua", None, 7), ("Bằng khen", None, 23)]


def test_workers_soldiers_and_professions_are_counted(make_doc, lexicon):
    doc = make_doc("Công ty tặng Giấy khen cho 35 thợ lò. Sở Y tế tặng Giấy khen cho 12 y, bác sĩ.")
    assert awards(doc, lexicon) == [("Giấy khen", 35, "Công ty", "received", (), "individual"),
                                    ("Giấy khen", 12, "Sở Y tế", "received", (), "individual")]


def test_a_year_between_an_award_and_its_colon_count(make_doc, lexicon):
    doc = make_doc("Danh hiệu Tập thể lao động xuất sắc năm 2023: 7 đơn vị.")
    assert awards(doc, lexicon) == [("Tập thể lao động xuất sắc", 7, None, "received", (2023,), "collective")]


def test_an_issuer_ends_before_a_joining_and_and_starts_after_a_verbs_modifier(make_doc, lexicon):
    doc = make_doc("Công ty đã nhận 02 Bằng khen của Thủ tướng Chính phủ và 01 Cờ thi đua của Bộ Công Thương. "
                   "Các tập thể tiêu biểu sẽ được Chánh án TAND tỉnh xét tặng Giấy khen.")
    assert [(a[0], a[2]) for a in awards(doc, lexicon)] == [
        ("Bằng khen", "Thủ tướng Chính phủ"), ("Cờ thi đua", "Bộ Công Thương"), ("Giấy khen", "Chánh án TAND tỉnh")]


def test_who_commends_or_rewards_with_no_award_named_is_its_issuer(make_doc, lexicon):
    doc = make_doc("UBND thị xã Ninh Hòa biểu dương 40 gương điển hình tiên tiến. Nhân dịp này, Đảng ủy xã khen thưởng "
                   "18 tập thể. Hội nghị đã biểu dương các tập thể, cá nhân có thành tích xuất sắc. Chiều 16/11, Phòng "
                   "GD-ĐT huyện Bắc Trà My tổ chức tuyên dương các tập thể. Thành Đoàn tổ chức mít tinh kỷ niệm ngày "
                   "thành lập Đoàn và tuyên dương 150 Bí thư chi đoàn giỏi. Ban tổ chức tuyên dương 20 đại biểu.")
    assert [(a[0], a[1], a[2]) for a in awards(doc, lexicon)] == [
        ("Điển hình tiên tiến", 40, "UBND thị xã Ninh Hòa"), ("Điển hình tiên tiến", 18, "Đảng ủy xã"),
        ("Điển hình tiên tiến", None, None), ("Điển hình tiên tiến", None, "Phòng GD-ĐT huyện Bắc Trà My"),
        ("Điển hình tiên tiến", 150, None), ("Điển hình tiên tiến", 20, "Ban tổ chức")]


def test_a_body_named_after_cho_is_the_recipient(make_doc, lexicon):
    doc = make_doc("Bộ Quốc phòng tặng Cờ thi đua cho Ban CHQS huyện Hương Sơn. UBND tỉnh tặng Bằng khen cho Sở Y tế và "
                   "12 cá nhân. Thủ tướng tặng Bằng khen cho Hội LHPN TP. Nha Trang vì đã có thành tích xuất sắc.")
    got = [(c.get("award"), c.get("count"), c.get("recipient"), c.get("recipient_kind")) for c in extract_awards(doc, lexicon)]
    assert got == [("Cờ thi đua", None, "Ban CHQS huyện Hương Sơn", "collective"),
                   ("Bằng khen", None, "Sở Y tế", "collective"), ("Bằng khen", 12, "cá nhân", "individual"),
                   ("Bằng khen", None, "Hội LHPN TP. Nha Trang", "collective")]


def test_commending_neighbourhoods_households_and_farmers_with_no_count(make_doc, lexicon):
    doc = make_doc("Phường Trung Hòa biểu dương khu dân cư tiêu biểu năm 2017. UBND xã tuyên dương các hộ nông dân sản "
                   "xuất giỏi. Hội nghị đã biểu dương những cố gắng của cán bộ.")
    assert [(a[0], a[1], a[2], a[3]) for a in awards(doc, lexicon)] == [
        ("Điển hình tiên tiến", None, "Phường Trung Hòa", "commended"), ("Điển hình tiên tiến", None, "UBND xã", "commended")]


def test_a_person_who_presents_an_award_is_not_its_issuer(make_doc, lexicon):
    doc = make_doc("Thứ trưởng Nguyễn Văn Long trao Huân chương Bảo vệ Tổ quốc hạng Nhì cho Bộ Chỉ huy Quân sự tỉnh. "
                   "Đồng chí Nguyễn Văn Cẩn trao Bằng khen cho 5 tập thể. Bộ trưởng Bộ Công an tặng Bằng khen cho 3 tập thể. "
                   "BS.CKII Nguyễn Văn Trọng trao Giấy khen cho 14 tập thể. Đơn vị đón nhận Cờ thi đua của Chính phủ lần "
                   "thứ hai. Trường THPT Lê Quý Đôn tặng Giấy khen cho 5 học sinh.")
    assert [(a[0], a[1], a[2]) for a in awards(doc, lexicon)] == [
        ("Huân chương", None, None), ("Bằng khen", 5, None), ("Bằng khen", 3, "Bộ trưởng Bộ Công an"),
        ("Giấy khen", 14, None), ("Cờ thi đua", None, "Chính phủ"), ("Giấy khen", 5, "Trường THPT Lê Quý Đôn")]


def test_a_years_line_a_clause_opened_by_in_that_and_a_givers_list(make_doc, lexicon):
    doc = make_doc("Thành tích:\nNăm 2019: 01 Bằng khen của Bộ Tư pháp, 05 Bằng khen của UBND tỉnh.\n"
                   "Trong đó, 2 tập thể được tặng Bằng khen của Thủ tướng Chính phủ. Sở là 1 trong 8 Sở được nhận cờ thi "
                   "đua. Chủ tịch UBND tỉnh tặng 25 Cờ thi đua, 412 Bằng khen. Hội CCB tặng Cờ thi đua cho 03 tập thể "
                   "và Bằng khen cho 10 cá nhân.")
    assert [(a[0], a[1], a[2], a[4]) for a in awards(doc, lexicon)] == [
        ("Bằng khen", 1, "Bộ Tư pháp", (2019,)), ("Bằng khen", 5, "UBND tỉnh", (2019,)),
        ("Bằng khen", 2, "Thủ tướng Chính phủ", ()), ("Cờ thi đua", None, None, ()),
        ("Cờ thi đua", 25, "Chủ tịch UBND tỉnh", ()), ("Bằng khen", 412, "Chủ tịch UBND tỉnh", ()),
        ("Cờ thi đua", 3, "Hội CCB", ()), ("Bằng khen", 10, "Hội CCB", ())]


def test_a_grade_written_again_before_a_later_count_holds_for_it(make_doc, lexicon):
    doc = make_doc("Chủ tịch nước tặng Huân chương Lao động hạng Nhì cho 01 tập thể, hạng Ba cho 02 tập thể và 01 cá nhân.")
    assert [(c.get("grade"), c.get("count")) for c in extract_awards(doc, lexicon)] == [
        ("hạng Nhì", 1), ("hạng Ba", 2), ("hạng Ba", 1)]


def test_the_items_of_a_proposal_broken_down_after_a_colon_are_proposed(make_doc, lexicon):
    doc = make_doc("Sở đã trình Thủ tướng Chính phủ khen thưởng, trong đó: Cờ thi đua của Chính phủ: 3 tập thể; Bằng khen "
                   "của Thủ tướng Chính phủ: 12 tập thể. Năm 2024, Bộ tặng Bằng khen cho 5 tập thể.")
    assert [(a[0], a[1], a[3]) for a in awards(doc, lexicon)] == [
        ("Cờ thi đua", 3, "proposed"), ("Bằng khen", 12, "proposed"), ("Bằng khen", 5, "received")]


def test_every_grade_of_an_order_at_once(make_doc, lexicon):
    doc = make_doc("Huân chương Lao động các hạng: 47 tập thể và cá nhân.")
    assert [(c.get("award"), c.get("grade"), c.get("count")) for c in extract_awards(doc, lexicon)] == [
        ("Huân chương Lao động", "các hạng", 47)]


def test_a_count_written_alone_after_each_award_of_a_list(make_doc, lexicon):
    doc = make_doc("Toàn ngành có 812 trường hợp được khen thưởng. Cụ thể: Huân chương Lao động hạng Ba: 4; "
                   "Bằng khen của Thủ tướng Chính phủ: 12.")
    assert [(a, n, i) for a, n, i, *_ in awards(doc, lexicon)] == [
        ("Điển hình tiên tiến", 812, None), ("Huân chương Lao động", 4, None), ("Bằng khen", 12, "Thủ tướng Chính phủ")]


def test_a_total_before_a_breakdown_of_bare_counts_is_no_awards_count(make_doc, lexicon):
    doc = make_doc("Toàn ngành có 812 trường hợp được khen thưởng, trong đó: Huân chương Lao động 4; Bằng khen 60.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [
        ("Điển hình tiên tiến", 812), ("Huân chương Lao động", 4), ("Bằng khen", 60)]


def test_a_years_line_of_bare_counts(make_doc, lexicon):
    doc = make_doc("Số lượng khen thưởng cấp tỉnh trong các năm:\nNăm 2021: Cờ thi đua 1, Bằng khen 6.\n"
                   "Năm 2022: Cờ thi đua 2, Bằng khen 9.")
    assert [(a, n, y) for a, n, _, _, y, _ in awards(doc, lexicon)] == [
        ("Cờ thi đua", 1, (2021,)), ("Bằng khen", 6, (2021,)), ("Cờ thi đua", 2, (2022,)), ("Bằng khen", 9, (2022,))]


def test_a_year_or_a_day_after_an_award_is_no_count(make_doc, lexicon):
    doc = make_doc("Đơn vị được tặng Cờ thi đua 2023. Sở nhận Bằng khen 2 năm liền.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [("Cờ thi đua", None), ("Bằng khen", None)]


def test_the_counts_an_awards_gom_lists(make_doc, lexicon):
    doc = make_doc("Những trường hợp được tặng Giấy khen lần này gồm 4 tập thể và 9 cá nhân.")
    assert [(a, n, k) for a, n, _, _, _, k in awards(doc, lexicon)] == [
        ("Giấy khen", 4, "collective"), ("Giấy khen", 9, "individual")]


def test_an_issuer_after_cua_ends_at_the_giving_verb(make_doc, lexicon):
    doc = make_doc("Viện trưởng trao Cờ thi đua của Chính phủ tặng 22 tập thể. "
                   "Dịp này, Huân chương Lao động hạng Nhất của Chủ tịch nước trao cho Công ty.")
    assert [(a, n, i) for a, n, i, *_ in awards(doc, lexicon)] == [
        ("Cờ thi đua", 22, "Chính phủ"), ("Huân chương Lao động", None, "Chủ tịch nước")]


def test_a_gift_after_what_a_commending_verb_governs_is_received(make_doc, lexicon):
    doc = make_doc("Hội nghị đã biểu dương 20 điển hình tiên tiến và tặng Giấy khen cho 20 cá nhân.")
    assert [(a, n, s) for a, n, _, s, *_ in awards(doc, lexicon)] == [
        ("Điển hình tiên tiến", 20, "commended"), ("Giấy khen", 20, "received")]
    doc = make_doc("Hội nghị biểu dương và tặng Giấy khen cho 20 cá nhân.")  # one object of both verbs
    assert [(a, n, s) for a, n, _, s, *_ in awards(doc, lexicon)] == [("Giấy khen", 20, "commended")]


def test_the_giver_before_a_titles_generic_word(make_doc, lexicon):
    doc = make_doc("5 cá nhân được Chủ tịch UBND tỉnh tặng danh hiệu Chiến sĩ thi đua cấp tỉnh. "
                   "Dịp này, Bộ trưởng Bộ Tư pháp tặng danh hiệu Tập thể lao động xuất sắc cho 6 tập thể.")
    assert [(a, n, i) for a, n, i, *_ in awards(doc, lexicon)] == [
        ("Chiến sĩ thi đua", 5, "Chủ tịch UBND tỉnh"), ("Tập thể lao động xuất sắc", 6, "Bộ trưởng Bộ Tư pháp")]


def test_a_giver_with_an_adverb_and_a_long_givers_name(make_doc, lexicon):
    doc = make_doc("Tòa án nhân dân tối cao vừa tặng Cờ thi đua cho Tòa án nhân dân cấp cao. "
                   "12 tập thể nhận Bằng khen của Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn.")
    assert [(a, n, i) for a, n, i, *_ in awards(doc, lexicon)] == [
        ("Cờ thi đua", None, "Tòa án nhân dân tối cao"),
        ("Bằng khen", 12, "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn")]


@pytest.mark.parametrize(("sentence", "count", "kind"), [
    ("Dịp này, 30 HTX tiêu biểu được tôn vinh.", 30, "collective"),
    ("Hội nghị biểu dương 12 chức sắc tôn giáo tiêu biểu.", 12, "individual"),
])
def test_cooperatives_and_dignitaries_are_counted_recipients(sentence, count, kind, make_doc, lexicon):
    assert [(a, n, k) for a, n, _, _, _, k in awards(make_doc(sentence), lexicon)] == [("Điển hình tiên tiến", count, kind)]


def test_a_table_written_with_bars_awards_down_years_across(make_doc, lexicon):
    doc = make_doc("Kết quả khen thưởng qua các năm như sau.\nHình thức | 2021 | 2022 | 2023\n"
                   "Cờ thi đua của UBND tỉnh | 1 | 2 | -\nBằng khen của Chủ tịch UBND tỉnh | 6 | 9 | 11")
    assert [(a, n, i, y) for a, n, i, _, y, _ in awards(doc, lexicon)] == [
        ("Cờ thi đua", 1, "UBND tỉnh", (2021,)), ("Cờ thi đua", 2, "UBND tỉnh", (2022,)),
        ("Bằng khen", 6, "Chủ tịch UBND tỉnh", (2021,)), ("Bằng khen", 9, "Chủ tịch UBND tỉnh", (2022,)),
        ("Bằng khen", 11, "Chủ tịch UBND tỉnh", (2023,))]


def test_a_table_written_with_bars_years_down_awards_across(make_doc, lexicon):
    doc = make_doc("Kết quả khen thưởng qua các năm.\n| Năm | Cờ thi đua | Bằng khen |\n| 2021 | 1 | 6 |\n"
                   "| Năm 2022 | 2 | - |")
    assert [(a, n, y) for a, n, _, _, y, _ in awards(doc, lexicon)] == [
        ("Cờ thi đua", 1, (2021,)), ("Bằng khen", 6, (2021,)), ("Cờ thi đua", 2, (2022,))]


def test_bars_that_are_no_table_of_awards(make_doc, lexicon):
    doc = make_doc("Trang chủ | Tin tức | Thi đua\nHội nghị tổng kết | 12/01/2024 | Lượt xem: 120\n"
                   "Ông A | Giám đốc | Sở Nội vụ\nBà B | Phó Giám đốc | Sở Y tế")
    assert awards(doc, lexicon) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Bằng khen cho 12 tập thể.", [("Bằng khen", 12)]),
    ("UBND tỉnh quyết định tặng:\n+ Bằng khen cho 12 tập thể;\n+ Giấy khen cho 20 cá nhân.", [("Bằng khen", 12), ("Giấy khen", 20)]),
    ("Khen thưởng gồm:\n• 04 Bằng khen của Bộ trưởng;\n• 11 Giấy khen của Cục trưởng.", [("Bằng khen", 4), ("Giấy khen", 11)]),
    ("Kết quả: Bằng khen cho 12 tập thể, Giấy khen cho 20 cá nhân.", [("Bằng khen", 12), ("Giấy khen", 20)]),
])
def test_a_verbless_item_of_a_list_of_what_was_given(text, expected, make_doc, lexicon):
    assert [(a, n, s) for a, n, _, s, *_ in awards(make_doc(text), lexicon)] == [(a, n, "received") for a, n in expected]


def test_a_verbless_award_without_a_count_is_no_item(make_doc, lexicon):
    assert awards(make_doc("Bằng khen của Thủ tướng Chính phủ là phần thưởng cao quý."), lexicon) == []


@pytest.mark.parametrize("sentence", [
    "Hồ sơ đề nghị xét tặng Bằng khen phải gửi trước ngày 30/11.",
    "Cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở phải có sáng kiến được công nhận.",
    "Đoàn viên được tặng Bằng khen phải có thành tích xuất sắc tiêu biểu.",
    "Nhà trường phấn đấu có thêm 3 giảng viên đạt danh hiệu Chiến sĩ thi đua cấp Bộ.",
    "Mục tiêu năm 2024 là 5 đơn vị đạt danh hiệu Tập thể lao động xuất sắc.",
])
def test_criteria_files_and_aims_state_no_award(sentence, make_doc, lexicon):
    assert awards(make_doc(sentence), lexicon) == []


@pytest.mark.parametrize(("sentence", "award", "count"), [
    ("Giám đốc Sở tặng Giấy khen cho (12) giáo viên.", "Giấy khen", 12),
    ("Có (02) tập thể được tặng thưởng Huân chương Lao động hạng Nhì.", "Huân chương Lao động", 2),
    ("Khối được Thủ tướng Chính phủ tặng Bằng khen (01).", "Bằng khen", 1),
])
def test_a_count_in_parentheses(sentence, award, count, make_doc, lexicon):
    assert [(a, n) for a, n, *_ in awards(make_doc(sentence), lexicon)] == [(award, count)]


def test_the_part_a_breakdown_gives_before_an_award_is_its_count(make_doc, lexicon):
    doc = make_doc("Toàn ngành có 30 đơn vị đạt Tập thể lao động tiên tiến, trong đó 14 đơn vị đạt Tập thể lao động "
                   "xuất sắc. Trường có 40 giáo viên giỏi, trong đó 18 người đạt Chiến sĩ thi đua cơ sở.")
    assert [(a, n) for a, n, *_ in awards(doc, lexicon)] == [
        ("Tập thể lao động tiên tiến", 30), ("Tập thể lao động xuất sắc", 14), ("Chiến sĩ thi đua", 18)]


@pytest.mark.parametrize("text", [
    "Hội đồng đề nghị cấp trên khen thưởng: Huân chương Lao động hạng Ba cho 01 tập thể; Cờ thi đua của Bộ cho 02 tập thể.",
    "Đề nghị cấp trên khen thưởng:\n- Huân chương Lao động hạng Ba: 01 tập thể;\n- Cờ thi đua của UBND tỉnh: 02 tập thể.",
])
def test_every_item_after_a_proposals_colon_is_proposed(text, make_doc, lexicon):
    assert [(a, n, s) for a, n, _, s, *_ in awards(make_doc(text), lexicon)] == [
        ("Huân chương Lao động", 1, "proposed"), ("Cờ thi đua", 2, "proposed")]


def test_praise_written_after_the_recipients_leaves_a_gift_received(make_doc, lexicon):
    doc = make_doc("Tại buổi lễ, Bộ Y tế trao Bằng khen cho 100 thầy thuốc được tôn vinh.")
    assert [(a, n, s) for a, n, _, s, *_ in awards(doc, lexicon)] == [("Bằng khen", 100, "received")]
