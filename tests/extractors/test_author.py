"""The author extractor: every byline, signature and dateline candidate with its rule."""

import pytest

from extractors.author import extract_author
from pipeline.resolve.author import resolve_author
from pipeline.segment import make_document

HEAD = "Hội nghị tổng kết công tác thi đua năm 2020 của huyện\n\n"
BODY = "Ngày 15/12/2020, huyện tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2020 tại hội trường.\n\n"


def authors(text, lexicon):
    doc = make_document("t", text, lexicon)
    return [(c.text, c.normalized, c.rule) for c in extract_author(doc, lexicon)]


@pytest.mark.parametrize("signature,expected", [
    ("M.T", ("M.T", "M.T")),
    ("K.LY", ("K.LY", "K.Ly")),
    ("LONG PHI – QUỐC THÀNH", ("LONG PHI – QUỐC THÀNH", "Long Phi – Quốc Thành")),
    ("Nguyễn Thành - Lê Ba", ("Nguyễn Thành - Lê Ba", "Nguyễn Thành - Lê Ba")),
    ("Phùng Vị – HND tỉnh", ("Phùng Vị", "Phùng Vị")),
    ("Ban VH - TT phường", ("Ban VH - TT phường", "Ban VH - TT phường")),
    ("Minh Đức – PC Thái Nguyên", ("Minh Đức", "Minh Đức")),  # a body's letters and its place
    ("Đỗ Mai – Tổ Ngữ văn", ("Đỗ Mai", "Đỗ Mai")),  # a name in lower case is no second writer's
    ("LONG PHI – HOA LAN", ("LONG PHI – HOA LAN", "Long Phi – Hoa Lan")),  # two writers in capitals
    ("Thanh Tâm/VOV-Tây Bắc", ("Thanh Tâm", "Thanh Tâm")),  # an agency's regional office after the slash
])
def test_signatures(signature, expected, lexicon):
    found = authors(f"{HEAD}{BODY}{signature}", lexicon)
    assert [f for f in found if f[2] == "author.signature"] == [(*expected, "author.signature")]


def test_a_line_of_dots_after_the_signature_is_skipped(lexicon):
    assert authors(f"{HEAD}{BODY}Tin, ảnh: KIM HỒNG\n\n.\n.\n", lexicon)[:1] == [("KIM HỒNG", "Kim Hồng", "author.tac_gia")]


def test_a_sentence_is_no_signature(lexicon):
    assert authors(f"{HEAD}{BODY}Hội nghị kết thúc tốt đẹp.", lexicon) == []


def test_initials_before_a_datelines_date(lexicon):
    found = authors(f"{HEAD}NT 30/05/2024 17:48\n\n{BODY}", lexicon)
    assert found == [("NT", "NT", "author.dateline_initials")]


def test_a_language_switch_is_no_byline(lexicon):
    assert authors(f"Báo Đồng Nai điện tử\nEn\n{HEAD}{BODY}", lexicon) == []


def test_a_writers_body_in_parentheses_is_not_the_author(lexicon):
    found = authors(f"{HEAD}{BODY}Minh Anh (Trung tâm Văn hóa huyện)", lexicon)
    assert [f for f in found if f[2] == "author.signature"] == [("Minh Anh", "Minh Anh", "author.signature")]


def test_a_byline_with_its_date(lexicon):
    found = authors(f"{HEAD}Đào Hữu Hảo, ngày: 18/06/2020\n\n{BODY}", lexicon)
    assert found[:1] == [("Đào Hữu Hảo", "Đào Hữu Hảo", "author.byline_date")]


@pytest.mark.parametrize("source", ["Theo Báo Nghệ An", "Theo TTXVN", "Theo baochinhphu.vn"])
def test_a_source_credited_with_theo_names_no_author(source, lexicon):
    assert authors(f"{HEAD}{BODY}{source}", lexicon) == []


@pytest.mark.parametrize("line", ["Tin: Minh Anh; Ảnh: Ngọc Lan", "Bài: Minh Anh - Ảnh: Ngọc Lan", "Bài: Minh Anh, ảnh: Ngọc Lan"])
def test_the_photographer_after_the_writer_is_not_the_author(line, lexicon):
    assert [f[1:] for f in authors(f"{HEAD}{BODY}{line}", lexicon)] == [("Minh Anh", "author.tac_gia")]


WRITER_THEN = ["(tổng hợp)", "(CTV)", "(TTXVN)", "/VOV", ", Trường THPT Chu Văn An", " (Báo Nghệ An)"]


@pytest.mark.parametrize("after", WRITER_THEN)
def test_a_note_an_agency_or_a_body_after_the_writer_leaves_the_writer(after, lexicon):
    for line in (f"Minh Anh{after}", f"Theo Minh Anh{after}" if after.startswith(" (") else f"Minh Anh{after}"):
        found = authors(f"{HEAD}{BODY}{line}", lexicon)
        assert [f[1:] for f in found if f[2] == "author.signature"] == [("Minh Anh", "author.signature")], line


@pytest.mark.parametrize(("dateline", "found"), [
    ("12/12/2023 10:15 - Minh Anh", [("Minh Anh", "Minh Anh", "author.dateline_name")]),
    ("Minh Anh | 12/12/2023", [("Minh Anh", "Minh Anh", "author.dateline_name")]),
    ("THỜI SỰ - 12/12/2023", []),  # a site's section
    ("Báo Nghệ An - 12/12/2023", []),  # a body
    ("Thứ Hai, 12/12/2023 - 10:15 AM", []),
    ("Minh Anh - Quang Huy - 12/12/2023", []),  # two names: which one writes is not said
])
def test_a_name_beside_a_datelines_date(dateline, found, lexicon):
    assert authors(f"{HEAD}{dateline}\n\n{BODY}", lexicon) == found


def test_a_credit_line_in_parentheses_and_one_with_its_date(lexicon):
    assert authors(f"{HEAD}(Tác giả: Minh Anh)\n\n{BODY}", lexicon) == [("Minh Anh", "Minh Anh", "author.tac_gia")]
    assert authors(f"{HEAD}Đăng bởi: Minh Anh | 12/12/2023\n\n{BODY}", lexicon)[:1] == [
        ("Minh Anh", "Minh Anh", "author.tac_gia")]


@pytest.mark.parametrize(("ending", "author"), [
    ("Thu Hà\n\nLượt xem: 125", "Thu Hà"),
    ("Lê Minh\n\nIn bài viết\n\nGửi email", "Lê Minh"),
    ("Lê Minh\n\n[Trở về] [In trang]", "Lê Minh"),
    ("Lê Minh\n\nĐánh giá bài viết\n\n© Bản quyền thuộc về UBND tỉnh", "Lê Minh"),
    ("Phạm Hòa\n\n(Ảnh: Tư liệu)", "Phạm Hòa"),
    ("Lê Minh, Ảnh: Thu Hà", "Lê Minh"),
    ("Ngọc Anh - Trung tâm Văn hóa - Thể thao huyện", "Ngọc Anh"),
    ("Tác giả: Lê Minh - Phòng Tổ chức cán bộ", "Lê Minh"),
    ("Tin và ảnh: Minh Châu - CTV", "Minh Châu"),
    ("Người đăng: Admin", None),
    ("Ban Biên tập", None),
])
def test_a_signature_under_a_portals_tools_and_with_the_writers_body(ending, author, lexicon):
    found = authors(f"{HEAD}{BODY}{ending}", lexicon)
    assert (found[0][1] if found else None) == author


@pytest.mark.parametrize(("ending", "author"), [
    ("Thiếu tá Nguyễn Văn Nam", "Nguyễn Văn Nam"),  # a rank is no part of the name
    ("Đại úy Lê Minh - Phòng Chính trị", "Lê Minh"),
    ("Trung tá Trần Văn Hùng (Đồn Biên phòng Cửa khẩu Cầu Treo)", "Trần Văn Hùng"),
    ("Anh Tuấn", "Anh Tuấn"),  # a pen name that opens like an honorific
    ("Trần Văn Nam - Chủ tịch Hội Nông dân xã", "Trần Văn Nam"),  # the writer's office
    ("Quang Huy, Minh Đức", "Quang Huy, Minh Đức"),
    ("Hà Nội, Hải Phòng", None),
    ("Lê Minh (theo Báo Nghệ An)", "Lê Minh"),
    ("Lê Minh\n\nTheo Báo Nhân Dân", "Lê Minh"),  # the source under the writer
    ("Theo Báo Nhân Dân", None),
    ("Lê Minh\n\nTheo dõi chúng tôi trên Facebook", "Lê Minh"),
    ("Mai Lan\n\nTin khác", "Mai Lan"),
    ("Nguyễn Hà\n\nCác tin đã đưa", "Nguyễn Hà"),
    ("Hoàng Lan, CTV", "Hoàng Lan"),  # a note after a comma
    ("Lê Minh (Nguồn: Báo Nghệ An)", "Lê Minh"),  # a source in parentheses
    ("Thực hiện: Nhóm phóng viên", None),
])
def test_a_signature_with_a_rank_an_office_a_source_or_two_writers(ending, author, lexicon):
    found = authors(f"{HEAD}{BODY}{ending}", lexicon)
    assert (found[0][1] if found else None) == author


def test_a_writer_in_a_dateline_or_under_one_above_the_headline(lexicon):
    assert authors(f"Cập nhật: 12/12/2023 | Tác giả: Lê Minh\n{HEAD}{BODY}", lexicon)[:1] == [
        ("Lê Minh", "Lê Minh", "author.tac_gia")]
    assert authors(f"Thứ Hai, 12/12/2023 | 10:15\nMinh Anh\n{HEAD}{BODY}", lexicon) == [
        ("Minh Anh", "Minh Anh", "author.byline_top")]


def test_a_credit_lines_writer_without_the_body_in_parentheses(lexicon):
    assert authors(f"{HEAD}{BODY}Tin, ảnh: Văn Thành (Đài Truyền thanh xã)", lexicon)[:1] == [
        ("Văn Thành", "Văn Thành", "author.tac_gia")]


def test_a_place_dated_as_letters_are_is_no_writer(lexicon):
    assert [n for _, n, _ in authors(f"{HEAD}Lạng Sơn, ngày 10/01/2024\n\n{BODY}Thu Trang", lexicon)] == [
        "Thu Trang", "Thu Trang"]  # the signature, and the same line read as a byline


@pytest.mark.parametrize(("last", "expected"), [
    ("Tác giả bài viết: Nguyễn Thị Hằng", [("Nguyễn Thị Hằng", "author.tac_gia")]),
    ("Tác giả: Lê Minh Tuấn, Trung tâm Văn hóa - Thông tin huyện", [("Lê Minh Tuấn", "author.tac_gia")]),
    ("(Hoàng Lan)", [("Hoàng Lan", "author.signature")]),
    ("(TTXVN)", []),
    ("Thu Hương - Văn Dũng (Trung tâm Thông tin - Văn hóa huyện)", [("Thu Hương - Văn Dũng", "author.signature")]),
    ("Phóng viên Thu Hằng", [("Thu Hằng", "author.signature")]),
    ("Thu Hằng (t/h)", [("Thu Hằng", "author.signature")]),
    ("Hữu Phước\n\nPhóng viên Báo Tiền Giang", [("Hữu Phước", "author.signature")]),
    ("Nguyễn Thị Hồng Hạnh\n\nPhòng Nội vụ huyện", [("Nguyễn Thị Hồng Hạnh", "author.signature")]),
])
def test_credit_forms_of_the_writer(last, expected, lexicon):
    assert [(t, r) for t, _, r in authors(HEAD + BODY + last, lexicon)] == expected


@pytest.mark.parametrize("signature", ["Hữu Phước - 15/01/2024", "Hữu Phước (15/01/2024)"])
def test_a_signature_with_its_date_at_the_end(signature, lexicon):
    assert [(t, r) for t, _, r in authors(HEAD + BODY + signature, lexicon)][:1] == [("Hữu Phước", "author.byline_date")]


def test_a_writer_above_the_dateline_above_the_headline(lexicon):
    top = "NGUYỄN HỮU PHƯỚC\n\n15/01/2024\n\n" + HEAD + BODY
    assert [(t, r) for t, n, r in authors(top, lexicon)] == [("NGUYỄN HỮU PHƯỚC", "author.byline_top")]
    assert authors("BÁO NGHỆ AN\n\n15/01/2024\n\n" + HEAD + BODY, lexicon) == []  # a site's name, no writer


@pytest.mark.parametrize("opener", ["Sáng nay", "Hôm nay", "Chiều nay", "Tối nay"])
def test_a_lead_that_opens_with_a_time_and_a_date_is_no_byline(opener, lexicon):
    text = HEAD + f"{opener}, ngày 15/12/2020, huyện tổ chức hội nghị tổng kết công tác thi đua năm 2020.\n\nMinh Châu\n"
    assert {t for t, _, _ in authors(text, lexicon)} == {"Minh Châu"}  # the signature (a short text: also the top's)
    assert [s.kind for s in make_document("t", text, lexicon).segments] == ["headline", "body", "byline"]


def test_a_labelled_byline_drops_the_writers_rank(lexicon):
    text = HEAD + BODY + "Tin, ảnh: Đại úy Trần Văn Lợi\n"
    assert [(t, r) for t, _, r in authors(text, lexicon)][:1] == [("Trần Văn Lợi", "author.tac_gia")]


@pytest.mark.parametrize("byline,expected", [
    ("Quỳnh Như - Đức Toàn", "Quỳnh Như - Đức Toàn"),  # two writers
    ("Lê Hà - Phòng Công tác xã hội", "Lê Hà"),  # a writer and the body it writes for
    ("Minh Anh", "Minh Anh"),
])
def test_a_writers_line_under_the_dateline(byline, expected, lexicon):
    found = authors(f"Hội nghị tổng kết công tác thi đua\n12/12/2024\n{byline}\n{BODY}", lexicon)
    assert [(f[1], f[2]) for f in found if f[2] == "author.byline_top"] == [(expected, "author.byline_top")]


def test_a_signature_dated_with_its_time_at_the_end(lexicon):
    found = authors(f"{HEAD}{BODY}Nguyễn Văn Bình - 12/12/2024 09:15", lexicon)
    assert ("Nguyễn Văn Bình", "Nguyễn Văn Bình", "author.byline_date") in found


@pytest.mark.parametrize("signature", ["PV", "P.V", "Nhóm PV", "CTV - PV"])
def test_a_staff_signature_names_no_author(signature, lexicon):
    assert [f for f in authors(f"{HEAD}{BODY}{signature}", lexicon) if f[2] == "author.signature"] == []


@pytest.mark.parametrize(("line", "author"), [
    ("Ngày đăng: 03/02/2024 Tác giả: Minh Anh", "Minh Anh"),  # a writer's label after the date, no bar between
    ("Đăng ngày: 26/04/2019 09:10 - Tác giả: Hồ Thị Lý", "Hồ Thị Lý"),
    ("Người viết: Hà Phương, ngày: 30/12/2011", "Hà Phương"),  # the date after the writer is no part of the name
    ("Người đăng: admin - Ngày đăng: 03/02/2024", None),  # the site's account, and its date
    ("Người đăng: admin Lượt xem: 412", None),  # the site's account, and its counter
])
def test_a_writers_label_sharing_the_publication_line(line, author, lexicon):
    found = authors(f"Huyện tổng kết phong trào thi đua năm 2023\n{line}\n{BODY}", lexicon)
    assert [f[1] for f in found][:1] == ([author] if author else [])


@pytest.mark.parametrize(("ending", "author"), [
    ("BS. Phạm Quang Huy - Phòng Công tác xã hội", "Phạm Quang Huy"),  # a physician's title
    ("Bs Phạm Quang Huy", "Phạm Quang Huy"),
    ("ThS. Nguyễn Văn Bình", "Nguyễn Văn Bình"),  # a degree
    ("PGS.TS Nguyễn Văn Tiến", "Nguyễn Văn Tiến"),
    ("Nhà báo Trần Quang Vinh", "Trần Quang Vinh"),  # the writer's job
    ("Đại tá Hà Văn Thắng, Chủ tịch Hội Cựu chiến binh huyện", "Hà Văn Thắng"),  # the writer's office after a comma
    ("Nguyễn Văn An, Chánh Văn phòng Sở Nội vụ", "Nguyễn Văn An"),
    ("Thanh Hà, Phòng Văn hóa - Thông tin huyện", "Thanh Hà"),  # a body whose name holds a dash
])
def test_a_signature_without_the_writers_title_degree_or_office(ending, author, lexicon):
    doc = make_document("t", f"Huyện tổng kết phong trào thi đua\n{BODY}{ending}", lexicon)
    _, best, _ = resolve_author(extract_author(doc, lexicon))
    assert best is not None and best.normalized == author


@pytest.mark.parametrize("heading", ["Bài viết khác", "Tin đã đăng", "Các bài viết khác"])
def test_a_signature_above_a_list_of_other_articles(heading, lexicon):
    found = authors(f"{HEAD}{BODY}Minh Anh\n{heading}\n» Tam Nông ra quân đầu xuân (05/01/2024)", lexicon)
    assert ("Minh Anh", "Minh Anh", "author.signature") in found


@pytest.mark.parametrize("signature", ["H’Linh Niê", "H'Linh Niê", "Y’Điêng"])
def test_a_signature_of_a_central_highlands_name_with_its_apostrophe(signature, lexicon):
    assert (signature, signature, "author.signature") in authors(f"{HEAD}{BODY}{signature}", lexicon)
