"""The page reducer: chrome removed, never an ancestor of the article; deep and unclosed
markup read in one pass; a page whose kept article is tiny is a warning, not silence."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.ingest.html import html_to_text
from tests.pipeline.ingest.test_bad_input import ARTICLE, PEOPLE

PARAS = [p.strip() for p in ARTICLE.split("\n\n") if p.strip()]
# a long article: the body paragraphs again, each with its own year (4,000+ characters)
LONG = [PARAS[0]] + [p.replace("2023", str(2015 + n)) for n in range(6) for p in PARAS[1:]]


def page(body_attrs: str = "", html_attrs: str = "", wrapper: str = "", article_class: str = "entry-content") -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in LONG[1:])
    article = f"<div class='{article_class}'><h1>{LONG[0]}</h1>\n{paras}</div>"
    if wrapper:
        article = f"<div class='{wrapper}'>{article}</div>"
    return (f"<html {html_attrs}><head><title>Báo</title></head><body {body_attrs}>"
            "<div class='menu'>Trang chủ Thời sự Xã hội</div>"
            f"{article}<div class='related'>Tin liên quan: Hội nghị khác</div>"
            "<div class='sidebar'>Đọc nhiều</div></body></html>")


@pytest.mark.parametrize("attrs", [
    {"body_attrs": "class='single-post has-sidebar postid-42'"},  # ordinary WordPress
    {"html_attrs": "class='comments-open'"},
    {"wrapper": "print-area"},
    {"body_attrs": "class='page-template share-buttons'", "article_class": "td-post-content"},
], ids=["wordpress-body", "comments-open-html", "print-wrapper", "share-body"])
def test_an_ancestor_of_the_article_is_never_removed(attrs):
    text, meta = html_to_text(page(**attrs))
    kept = text.split("\n\n")
    assert kept == LONG, kept[:3]
    assert "warning" not in meta
    for chrome in ("Trang chủ", "Tin liên quan", "Đọc nhiều"):
        assert chrome not in text


def test_chrome_inside_the_article_is_still_removed():
    html = page().replace("</div><div class='related'>", "<div class='share-bar'>Chia sẻ Facebook</div></div>"
                                                          "<div class='related'>")
    text, _ = html_to_text(html)
    assert "Chia sẻ" not in text and text.split("\n\n") == LONG


def test_nesting_8000_deep_keeps_the_paragraph_at_the_bottom():
    html = "<html><body>" + "<div>" * 8000 + f"<p>{PARAS[1]}</p>" + "</div>" * 8000 + "</body></html>"
    text, _ = html_to_text(html)
    assert text == PARAS[1]


def test_unclosed_list_items_are_one_line_each():
    html = "<html><body><div class='content'><p>" + PARAS[1] + "</p>" + "<ul><li>Tin khác " * 3000
    text, _ = html_to_text(html)
    lines = text.split("\n\n")
    assert lines[0] == PARAS[1] and lines[1:] == ["Tin khác"] * 3000


def test_a_tiny_article_on_a_big_page_is_a_warning_row(tmp_path, capsys):
    noise = "".join(f"<div class='comment-body'><p>{p}</p></div>" for p in LONG)
    html = (f"<html><body><article><p>{PARAS[1][:60]}</p></article>"
            f"<div class='x'>{noise}</div></body></html>")  # the text is outside the <article>
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "trang.html").write_text(html, encoding="utf-8")
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(folder), "--out", str(out), "--no-ner", "--workers", "1"]) == 0  # kept: not a failure
    err = capsys.readouterr().err
    assert f"{folder / 'trang.html'}: warning: only 60 of the page's" in err and "(kept)" in err
    with (out / "errors.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["source"], r["stage"]) for r in rows] == [(str(folder / "trang.html"), "warning")]
    assert rows[0]["reason"].startswith("only 60 of the page's ") and "visible characters" in rows[0]["reason"]
    with (out / "documents.csv").open(encoding="utf-8") as handle:
        assert sorted(r["doc_id"] for r in csv.DictReader(handle)) == ["good", "trang"]
    with (out / "people.csv").open(encoding="utf-8") as handle:
        assert [r["name"] for r in csv.DictReader(handle) if r["doc_id"] == "good"] == PEOPLE


# -- real-shaped pages: the publication date and the body that must come out ----------------

PAGES = Path(__file__).parent / "pages"


@pytest.mark.parametrize(("name", "url", "published", "must", "must_not"), [
    ("div-date.html", "", "2023-12-15",
     ["Chiều 14-12, Sở Nội vụ tỉnh Hòa Bình tổ chức", "05 tập thể được tặng Bằng khen", "Minh Hà"],
     ["Tin liên quan", "Xem với cỡ chữ", "Đọc nhiều", "Chính trị Kinh tế", "Tags:"]),
    ("span-time.html", "", "2024-03-08",
     ["Sáng 7-3, Khối thi đua các cơ quan Đảng tỉnh", "03 tập thể được tặng Cờ thi đua"],
     ["Giới thiệu", "Bản quyền", "Liên kết website", "Zalo"]),
    ("meta-tag.html", "", "2022-10-11",  # the published, not the modified time; the WordPress body kept
     ["Ngày 10/10/2022, Bộ Y tế tổ chức hội nghị", "cho 20 điển hình tiên tiến"],
     ["bình luận", "Bài viết rất hay", "Bài mới", "Chuyên mục"]),
    ("json-ld.html", "", "2025-06-20",  # inside a print wrapper
     ["Ngày 19/6/2025, Ban Dân vận Tỉnh ủy", "1.200 mô hình"],
     ["Đăng nhập", "Tin liên quan"]),
    ("url-only.html", "https://cuuchienbinh.example.vn/2019/11/23/tong-ket-cuoc-van-dong.html", "2019-11-23",
     ["Sáng 23/11, tại Hà Nội", "Ông Nguyễn Văn Bình, Chủ tịch Hội phát biểu."], ["Trang chủ", "Liên hệ"]),
    ("no-date.html", "", None,  # the event date in the text is not the publication date
     ["Ngày 02/4/2020, Liên đoàn Lao động tỉnh phát động"], []),
], ids=["div-date", "span-time", "meta-tag", "json-ld", "url-only", "no-date"])
def test_real_shaped_pages(lexicon, name, url, published, must, must_not):
    from pipeline.ingest.sources import Source
    from pipeline.options import Options
    from pipeline.run.orchestrate import process_one

    html = (PAGES / name).read_text(encoding="utf-8")
    text, meta = html_to_text(html, url=url)
    assert meta.get("published") == published
    for sentence in must:
        assert sentence in text, sentence
    for noise in must_not:
        assert noise not in text, noise
    src = Source(name, url or name, "html", data=html.encode("utf-8"), meta={"url": url} if url else {})
    result = process_one(src, lexicon, Options(ner=False))
    assert result.tables["documents"][0]["published_date"] == published
