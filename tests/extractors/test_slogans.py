import pytest

from extractors.slogans import extract_slogans
from pipeline.segment import make_document


def slogans(doc, lexicon):
    return [(c.text, c.get("kind"), c.rule) for c in extract_slogans(doc, lexicon)]


def test_marked_and_listed(make_doc, lexicon):
    doc = make_doc("Triển khai các phong trào thi đua như “Khoa học và Công nghệ đồng hành cùng doanh nghiệp”; "
                   "“Cả nước chung tay vì người nghèo” và Kế hoạch thi đua “Đẩy mạnh phát triển kết cấu hạ tầng”.")
    assert slogans(doc, lexicon) == [
        ("Khoa học và Công nghệ đồng hành cùng doanh nghiệp", "phong trào", "slogans.marked"),
        ("Cả nước chung tay vì người nghèo", "phong trào", "slogans.listed"),
        ("Đẩy mạnh phát triển kết cấu hạ tầng", "phong trào", "slogans.marked"),
    ]


def test_titles_and_awards_are_not_slogans(make_doc, lexicon):
    doc = make_doc("Đảng bộ đã tổ chức “Hội nghị tổng kết công tác năm 2021” và đề nghị tặng danh hiệu "
                   "“Đơn vị quyết thắng”, Kỷ niệm chương “Vì sức khỏe nhân dân”.")
    assert slogans(doc, lexicon) == []


def test_truncated_quote_runs_to_end(make_doc, lexicon):
    doc = make_doc("Chủ đề thi đua của Khối năm 2022 gồm: “Đoàn kết, sáng tạo, chủ đ")
    assert slogans(doc, lexicon) == [("Đoàn kết, sáng tạo, chủ đ", "chủ đề thi đua", "slogans.marked_truncated")]


def test_a_listed_quote_cut_off_by_the_end_of_the_excerpt(make_doc, lexicon):
    doc = make_doc("Các phong trào thi đua “Đoàn kết sáng tạo”; “Quyết thắng vì an ninh")
    assert [(t, r) for t, _, r in slogans(doc, lexicon)] == [
        ("Đoàn kết sáng tạo", "slogans.marked"), ("Quyết thắng vì an ninh", "slogans.listed_truncated")]


def test_a_known_movement_quoted_without_a_marker(make_doc, lexicon):
    doc = make_doc("Các thầy cô tiếp tục cống hiến “Vì đàn em thân yêu”, thực hiện tốt việc “Toàn dân đoàn kết xây "
                   "dựng đời sống văn hóa ở khu dân cư” và “cho đi là còn mãi”.")
    assert slogans(doc, lexicon) == [("Vì đàn em thân yêu", "phong trào", "slogans.known"),
                                     ("Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư", "cuộc vận động",
                                      "slogans.known")]  # an unknown quotation with no marker stays none


def test_a_slogan_set_off_by_its_marker_and_a_colon(make_doc, lexicon):
    doc = make_doc("Khẩu hiệu hành động năm 2024: Kỷ cương, trách nhiệm, gương mẫu, hiệu quả. Chủ đề: Đoàn kết, "
                   "đổi mới.\nPhương châm: “Dân biết, dân bàn”. Chủ đề: các đơn vị cần báo cáo trước ngày 15/12.")
    assert [(c.text, c.rule, c.get("kind"), c.get("year")) for c in extract_slogans(doc, lexicon)] == [
        ("Kỷ cương, trách nhiệm, gương mẫu, hiệu quả", "slogans.colon", "khẩu hiệu", 2024),
        ("Đoàn kết, đổi mới", "slogans.colon", "chủ đề thi đua", None),
        ("Dân biết, dân bàn", "slogans.marked", "phương châm", None)]


def test_a_sites_topic_line_is_no_slogan(lexicon):
    doc = make_document("x", "Chủ đề: Thời sự\n\nHội nghị tổng kết năm 2023\n\nSáng 12/12, Hội Nông dân tỉnh tổ chức "
                        "hội nghị tổng kết công tác năm 2023 với sự tham dự của 200 đại biểu.", lexicon)
    assert [c.text for c in extract_slogans(doc, lexicon) if c.rule == "slogans.colon"] == []


def test_a_models_or_a_schemes_quoted_name_is_no_slogan(make_doc, lexicon):
    doc = make_doc("Mô hình “Dân vận khéo” được nhân rộng. Tỉnh triển khai Đề án “Hỗ trợ phụ nữ khởi nghiệp”. "
                   "Các xã hưởng ứng phong trào thi đua “Dân vận khéo”.")
    assert slogans(doc, lexicon) == [("Dân vận khéo", "phong trào", "slogans.marked")]


def test_a_quotation_right_after_an_award_is_its_name(make_doc, lexicon):
    doc = make_doc("Dịp này, 01 đoàn viên được tặng Huy hiệu “Tuổi trẻ sáng tạo”. Đoàn phát động phong trào “Tuổi "
                   "trẻ sáng tạo” trong đoàn viên.")
    assert [c.text for c in extract_slogans(doc, lexicon)] == ["Tuổi trẻ sáng tạo"]
    assert [c.start for c in extract_slogans(doc, lexicon)] == [doc.text.rindex("Tuổi")]


def test_an_unquoted_slogan_right_after_khau_hieu_or_phuong_cham(make_doc, lexicon):
    doc = make_doc("Công ty quán triệt khẩu hiệu An toàn để sản xuất, sản xuất phải an toàn. Đơn vị thực hiện phương "
                   "châm là Đi từng ngõ, gõ từng nhà. Khẩu hiệu hành động năm 2024: Kỷ cương, trách nhiệm, hiệu quả. "
                   "Chủ đề Tuổi trẻ sáng tạo được chọn; phương châm Tốt.")
    assert slogans(doc, lexicon) == [
        ("An toàn để sản xuất, sản xuất phải an toàn", "khẩu hiệu", "slogans.bare_marker"),
        ("Đi từng ngõ, gõ từng nhà", "phương châm", "slogans.bare_marker"),
        ("Kỷ cương, trách nhiệm, hiệu quả", "khẩu hiệu", "slogans.colon")]


def test_a_cue_far_before_or_inside_a_name_marks_no_quotation(make_doc, lexicon):
    doc = make_doc("Ông Hồ Văn Dũng, Ủy viên Hội đồng Thi đua - Khen thưởng tỉnh, khẳng định: “Cựu chiến binh luôn là chỗ "
                   "dựa tin cậy”. Chủ đề thi đua năm 2023 của Khối thi đua các cơ quan tổng hợp là “Kỷ cương, trách nhiệm”.")
    assert [(t, k) for t, k, _ in slogans(doc, lexicon)] == [("Kỷ cương, trách nhiệm", "chủ đề thi đua")]


def test_nested_quotes_a_documents_subject_and_the_sentences_stop(make_doc, lexicon):
    doc = make_doc("Hội hưởng ứng cuộc vận động “Cựu chiến binh Việt Nam phát huy truyền thống “Bộ đội Cụ Hồ”, gương mẫu "
                   "đi đầu”. Đơn vị thực hiện phương châm “Chuyên nghiệp – Tận tâm – Hiệu quả.” Sơ kết thi đua thực hiện "
                   "Chỉ thị số 05-CT/TW ngày 15/5/2016 về “Đẩy mạnh học tập và làm theo Bác”. Quán triệt phương châm Tỉnh "
                   "ủy đã đề ra, các cấp triển khai.")
    assert [t for t, _, _ in slogans(doc, lexicon)] == [
        "Cựu chiến binh Việt Nam phát huy truyền thống “Bộ đội Cụ Hồ”, gương mẫu đi đầu",
        "Chuyên nghiệp – Tận tâm – Hiệu quả"]


def test_single_curly_quotes_set_off_a_slogan_but_an_apostrophe_does_not(make_doc, lexicon):
    doc = make_doc("Đoàn viên hưởng ứng phong trào ‘Tuổi trẻ sáng tạo’ và chủ đề năm ‘Kỷ cương, trách nhiệm, hành động’.")
    assert slogans(doc, lexicon) == [("Tuổi trẻ sáng tạo", "phong trào", "slogans.marked"),
                                     ("Kỷ cương, trách nhiệm, hành động", "chủ đề thi đua", "slogans.marked")]
    doc = make_doc("Hội thi đua với chủ đề ‘Vì đồng bào H’Mông vùng cao’ được đông đảo hội viên hưởng ứng.")
    assert slogans(doc, lexicon) == [("Vì đồng bào H’Mông vùng cao", "chủ đề thi đua", "slogans.marked")]
    doc = make_doc("Các bản H’Mông và Ê’đê đều có chi hội phụ nữ ‘mạnh’.")  # apostrophes and a quoted word: no slogan
    assert slogans(doc, lexicon) == []


def test_straight_single_quotes_and_quotes_inside_a_quotation(make_doc, lexicon):
    doc = make_doc("Đoàn xã duy trì phong trào 'Ngày thứ Bảy tình nguyện' ở bản H'Mông.")
    assert slogans(doc, lexicon) == [("Ngày thứ Bảy tình nguyện", "phong trào", "slogans.marked")]
    doc = make_doc("Ông Tuấn nói: “Chúng ta cần đẩy mạnh phong trào ‘Toàn dân bảo vệ an ninh Tổ quốc’ hơn nữa”.")
    assert slogans(doc, lexicon) == [("Toàn dân bảo vệ an ninh Tổ quốc", "phong trào", "slogans.marked")]
    doc = make_doc("Bà Lan khẳng định: “Phong trào \"Phụ nữ giúp nhau phát triển kinh tế\" đã giúp 200 hộ thoát nghèo”.")
    assert slogans(doc, lexicon) == [("Phụ nữ giúp nhau phát triển kinh tế", "phong trào", "slogans.marked")]
    # a quotation inside a slogan is part of the slogan, not one of its own
    doc = make_doc("Chủ đề thi đua “Đoàn kết, ‘Kỷ cương’, sáng tạo, hiệu quả” được phát động.")
    assert [t for t, _, _ in slogans(doc, lexicon)] == ["Đoàn kết, ‘Kỷ cương’, sáng tạo, hiệu quả"]


def test_speech_after_a_cue_and_contests_plans_and_funds_are_no_slogans(make_doc, lexicon):
    doc = make_doc("Đánh giá phong trào thi đua, ông Hùng nhấn mạnh: “Mỗi đoàn viên phải là một tấm gương sáng”.")
    assert slogans(doc, lexicon) == []
    for noun in ("Hội thi", "Ngày hội", "Hội diễn", "Quỹ", "Kế hoạch", "chuyên đề"):
        doc = make_doc(f"Hưởng ứng phong trào thi đua, huyện tổ chức {noun} “Tuổi trẻ với biển đảo quê hương”.")
        assert slogans(doc, lexicon) == [], noun


def test_two_apostrophes_or_a_closing_mark_typed_to_open_a_quotation(make_doc, lexicon):
    doc = make_doc("Các đơn vị hưởng ứng phong trào thi đua ''Lao động giỏi, lao động sáng tạo'' trong năm 2024. "
                   "Hưởng ứng phong trào ”Xanh - Sạch - Đẹp” với hơn 300 sáng kiến.")
    assert [s[0] for s in slogans(doc, lexicon)] == ["Lao động giỏi, lao động sáng tạo", "Xanh - Sạch - Đẹp"]


@pytest.mark.parametrize(("sentence", "slogan", "kind"), [
    ("“Đoàn kết, sáng tạo, tăng tốc, về đích” là chủ đề thi đua năm 2024 của Khối.",
     "Đoàn kết, sáng tạo, tăng tốc, về đích", "chủ đề thi đua"),
    ("Khối thống nhất lấy “Kỷ cương, trách nhiệm, hiệu quả” làm khẩu hiệu hành động năm 2024.",
     "Kỷ cương, trách nhiệm, hiệu quả", "khẩu hiệu"),
    ("Ngành xác định “Chủ động, sáng tạo, hiệu quả” là phương châm hành động.", "Chủ động, sáng tạo, hiệu quả",
     "phương châm"),
    ("Trường chọn “Dạy thật, học thật” được lấy làm chủ đề của năm học.", "Dạy thật, học thật", "chủ đề thi đua"),
])
def test_a_quotation_the_marker_after_it_names(sentence, slogan, kind, make_doc, lexicon):
    assert slogans(make_doc(sentence), lexicon) == [(slogan, kind, "slogans.marked_after")]


def test_a_quotation_followed_by_another_word_is_no_slogan(make_doc, lexicon):
    doc = make_doc("Đại biểu đọc “Báo cáo tổng kết năm 2024” là văn bản quan trọng của hội nghị.")
    assert slogans(doc, lexicon) == []


def test_a_thematic_emulation_movement(make_doc, lexicon):
    doc = make_doc("Tổng cục trưởng phát động phong trào thi đua chuyên đề “Đẩy mạnh chuyển đổi số”. "
                   "Đại biểu thảo luận chuyên đề “Kinh nghiệm quản lý thuế”.")
    assert slogans(doc, lexicon) == [("Đẩy mạnh chuyển đổi số", "phong trào", "slogans.marked")]


def test_the_verb_van_dong_is_no_campaigns_cue(make_doc, lexicon):
    doc = make_doc("Công đoàn vận động xây mới 40 nhà “Đại đoàn kết” cho hộ nghèo; huyện hưởng ứng Cuộc vận động "
                   "“Người Việt Nam ưu tiên dùng hàng Việt Nam”.")
    assert slogans(doc, lexicon) == [("Người Việt Nam ưu tiên dùng hàng Việt Nam", "cuộc vận động", "slogans.marked")]
