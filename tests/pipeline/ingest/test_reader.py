from pipeline.ingest.decode import decode
from pipeline.ingest.html import html_to_text
from pipeline.ingest.sources import Source
from pipeline.run.orchestrate import load_document

PAGE = """<html><head><title>Báo X</title><meta name="author" content="Mai Lan"></head><body>
<nav class="menu"><a>Trang chủ</a><a>Thời sự</a></nav>
<div class="share-bar">Chia sẻ Facebook</div>
<div class="font-size">Xem với cỡ chữ</div>
<div class="article-detail"><h1>Hội nghị tổng kết công tác thi đua năm 2020</h1>
<time>18/12/2020 09:39</time>
<p>Ngày 15/12/2020, Cục Sở hữu trí tuệ đã tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2020.</p>
<p>Đồng chí Đinh Hữu Phí - Cục trưởng Cục Sở hữu trí tuệ phát biểu khai mạc.</p>
<div class="tags">Tags: thi đua</div><div class="related">Tin liên quan: Hội nghị khác</div></div>
<footer>Bản quyền thuộc Báo X</footer><script>alert(1)</script></body></html>"""


def test_html_reduced_to_article():
    text, meta = html_to_text(PAGE)
    assert meta == {"title": "Hội nghị tổng kết công tác thi đua năm 2020", "dateline": "date 2020-12-18",
                    "published": "2020-12-18", "byline": "Mai Lan"}  # htmldate read the <time>
    assert text.split("\n\n")[:3] == [meta["title"], meta["dateline"], "Mai Lan"]
    for noise in ("Trang chủ", "Chia sẻ", "Xem với cỡ chữ", "Tags:", "Tin liên quan", "Bản quyền", "alert"):
        assert noise not in text
    assert "Đồng chí Đinh Hữu Phí - Cục trưởng Cục Sở hữu trí tuệ phát biểu khai mạc." in text


def test_html_document_dates(lexicon):
    doc = load_document(Source("p", "p.html", "html", data=PAGE.encode("utf-8")), lexicon)
    assert doc.meta["title"].startswith("Hội nghị tổng kết")
    from extractors.dates import extract_dates
    from pipeline.resolve.dates import resolve_dates

    roles = {c.get("role"): c.normalized for c in resolve_dates(doc, extract_dates(doc, lexicon))[0]}
    assert roles["published"] == "2020-12-18" and roles["event"] == "2020-12-15"


def test_decodings():
    text = "Hội nghị tổng kết"
    assert decode(text.encode("utf-8-sig")) == text
    assert decode(text.encode("utf-16")) == text
    from pipeline.normalize import normalize_text
    windows_1258 = b"H\xf4\xf2i ngh" + b"i\xf2"  # ô + combining dot below, i + combining dot below
    assert normalize_text(decode(windows_1258)) == "Hội nghị"
