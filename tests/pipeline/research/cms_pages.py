"""The held-out articles as a CMS would serve them: each test-split devset text wrapped
into a realistic news page (read from ../shared/devset at run time: no article text is in
the repository), to check that a scraped page keeps every field of its text run.

Six page templates take turns, the ways Vietnamese news sites carry the publication
date: a ``<div class="date">``, a ``<span class="time">`` in a post-meta bar, an
``article:published_time`` meta tag only, JSON-LD ``datePublished`` only, the URL only
(``/2021/03/05/...``) and a ``<time datetime>``. Around the article: a header with a
menu, a breadcrumb, a share bar, tags, related news, a sidebar and a footer, and the
body classes of a WordPress theme or a CMS. The text's headline becomes the ``<h1>``, its
lines the paragraphs (a run of table cells a ``<table>``), a closing signature a
right-aligned ``<strong>``.

``python -m tests.pipeline.research.cms_pages`` prints the per-field F1 of the text run
and of the page run, and their difference.
"""

from __future__ import annotations

import html
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.lexicon import Lexicon
from pipeline.ingest.sources import Source
from pipeline.options import Options
from pipeline.research.evaluate import FIELDS, gold_records, prediction_from_result, score_documents
from pipeline.research.gold import iter_gold
from pipeline.run.orchestrate import process_document, process_one
from pipeline.segment import make_document

ROOT = Path(__file__).resolve().parents[3]
DEVSET = ROOT.parent / "shared" / "devset"
TEMPLATES = ("div-date", "span-time", "meta", "json-ld", "url", "time")
_META_ONLY = ("meta", "json-ld", "url")  # the visible dateline is not on the page


@dataclass(frozen=True)
class Page:
    doc_id: str
    url: str
    html: str
    template: str


def _chrome_top(site: str) -> str:
    return (f"<header class='site-header'><div class='logo'>{site}</div><nav class='main-menu'><ul>"
            "<li><a href='/'>Trang chủ</a></li><li><a href='/thoi-su'>Thời sự</a></li><li><a href='/kinh-te'>Kinh tế"
            "</a></li><li><a href='/xa-hoi'>Xã hội</a></li></ul></nav></header>"
            "<div class='breadcrumb'><a href='/'>Trang chủ</a> » <a href='/tin-tuc'>Tin tức</a></div>")


def _chrome_after() -> str:
    return ("<div class='tags'>Tags: thi đua khen thưởng, tổng kết</div>"
            "<div class='related-news'><h3>Tin liên quan</h3><ul><li><a href='/a'>Hội nghị sơ kết 6 tháng đầu năm"
            "</a></li><li><a href='/b'>Phát động phong trào thi đua</a></li></ul></div>"
            "<div class='comments'>Bình luận (0)</div>")


def _sidebar_footer(site: str) -> str:
    return ("<aside class='sidebar'><div class='widget'><h3>Đọc nhiều</h3><ul><li>Thời tiết hôm nay</li>"
            "<li>Giá vàng</li></ul></div></aside>"
            f"<footer class='site-footer'><p>© {site}. Giấy phép số 123/GP-BTTTT.</p>"
            "<p>Địa chỉ: 12 Phố Huế, Hà Nội</p></footer>")


def _lines(text: str, lexicon: Lexicon) -> list[tuple[str, str]]:
    """(segment kind, line) of every non-empty line of the article, as the pipeline
    segments its text."""
    doc = make_document("x", text, lexicon)
    return [(s.kind, doc.text[s.start:s.end]) for s in doc.segments]


def _body(lines: list[tuple[str, str]], template: str, published: str | None) -> tuple[str, str, str, str]:
    """(headline, visible dateline, article body HTML, top bar HTML) of one article."""
    headline, dateline, parts, table = "", "", [], []
    top = True
    first = next((i for i, (kind, _) in enumerate(lines) if kind == "headline"), None)
    topbar = [line for _, line in lines[:first]] if first is not None and first < 4 else []
    for i, (kind, line) in enumerate(lines):
        escaped = html.escape(line)
        if first is not None and i < first and topbar:
            continue  # the scrape's lines above the headline: the site's top bar
        if kind == "headline" and not headline and top:
            headline = line
            continue
        if kind == "dateline" and not dateline and top and i < 6:
            dateline = line
            if template in _META_ONLY and published:
                continue  # the date is in the page's metadata only
            if template in ("div-date", "span-time", "time"):
                continue  # shown in the post-meta bar, outside the body
        top = top and kind in ("headline", "dateline", "chrome", "byline")
        if kind == "table":
            table.append(f"<tr><td>{escaped}</td></tr>")
            continue
        if table:
            parts.append("<table class='tbl'><tbody>" + "".join(table) + "</tbody></table>")
            table = []
        if kind == "byline" and i == len(lines) - 1:
            parts.append(f"<p style='text-align:right'><strong>{escaped}</strong></p>")
        else:
            parts.append(f"<p>{escaped}</p>")
    if table:
        parts.append("<table class='tbl'><tbody>" + "".join(table) + "</tbody></table>")
    bar = "".join(f"<span>{html.escape(line)}</span>" for line in topbar)
    return headline, dateline, "\n".join(parts), bar


def cms_page(doc_id: str, text: str, published: str | None, n: int, lexicon: Lexicon) -> Page:
    """The article ``text`` as the ``n``-th template's page (``published``: its ISO
    publication date, for the page's metadata; None when it has none)."""
    template = TEMPLATES[n % len(TEMPLATES)]
    site = ("Báo Điện tử Nội vụ", "Cổng thông tin điện tử tỉnh", "Tạp chí Thi đua")[n % 3]
    headline, dateline, body, topbar = _body(_lines(text, lexicon), template, published)
    y, m, d = (published or "2000-01-01").split("-")
    slug = f"bai-viet-{doc_id}"
    url = f"https://tin{n % 3}.example.vn/{y}/{m}/{d}/{slug}.html" if template == "url" and published \
        else f"https://tin{n % 3}.example.vn/tin-tuc/{slug}.html"
    title = headline or next((line for line in text.splitlines() if line.strip()), doc_id).strip()[:120]
    head = [f"<meta charset='utf-8'><title>{html.escape(title)} - {site}</title>",
            f"<meta property='og:title' content='{html.escape(headline, quote=True)}'>",
            f"<meta property='og:url' content='{url}'>"]
    if template == "meta" and published:
        head.append(f"<meta property='article:published_time' content='{published}T08:00:00+07:00'>")
    if template == "json-ld" and published:
        head.append("<script type='application/ld+json'>" + json.dumps(
            {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
             "datePublished": f"{published}T08:00:00+07:00", "publisher": {"@type": "Organization", "name": site}},
            ensure_ascii=False) + "</script>")
    if not dateline and published:  # a CMS shows the date of every article
        dateline = f"{d}/{m}/{y}"
    shown = html.escape(dateline)
    meta_bar = {
        "div-date": f"<div class='date'>{shown}</div>" if dateline else "",
        "span-time": f"<div class='post-meta'><span class='time'>{shown}</span> | <span class='views'>Lượt xem: 1.024"
                     "</span></div>" if dateline else "",
        "time": (f"<div class='entry-meta'><time datetime='{published}T08:00:00+07:00'>{shown}</time></div>"
                 if dateline and published else f"<div class='entry-meta'>{shown}</div>" if dateline else ""),
    }.get(template, "")
    body_class = ("single single-post postid-4242 has-sidebar", "page-detail print-friendly", "news-detail")[n % 3]
    page = (f"<!DOCTYPE html><html lang='vi'><head>{''.join(head)}</head><body class='{body_class}'>"
            f"{_chrome_top(site)}<div class='topbar'>{topbar}</div><div class='container'><main class='main-content'>"
            f"<article class='post-detail'>{f'<h1 class=post-title>{html.escape(headline)}</h1>' if headline else ''}"
            f"{meta_bar}"
            "<div class='share-buttons'>Chia sẻ: Facebook Zalo</div>"
            f"<div class='entry-content'>{body}</div></article>{_chrome_after()}</main>"
            f"{_sidebar_footer(site)}</div></body></html>")
    return Page(doc_id, url, page, template)


def held_out_golds() -> list[Any]:
    """The gold documents of the test split whose texts are present."""
    split = set(json.loads((ROOT / "corpus" / "split.json").read_text(encoding="utf-8"))["test"])
    return [g for g in iter_gold(ROOT / "corpus", DEVSET) if g.doc_id in split]


def compare(options: Options | None = None) -> dict[str, dict[str, float]]:
    """Per-field strict F1 of the test split as text and as CMS pages:
    ``{field: {"text": f1, "page": f1, "diff": page - text}}``."""
    options = options or Options(ner=False)
    lexicon = Lexicon.load()
    golds, text_preds, page_preds = [], [], []
    for n, gold in enumerate(held_out_golds()):
        raw = gold.path.read_text(encoding="utf-8")
        doc = make_document(gold.doc_id, raw, lexicon, source=str(gold.path))
        result = process_document(doc, lexicon, options)
        text_preds.append(prediction_from_result(gold.doc_id, result.tables, result.spans))
        published = (gold.data["published_date"] or {}).get("value")
        page = cms_page(gold.doc_id, raw, published, n, lexicon)
        src = Source(gold.doc_id, page.url, "html", data=page.html.encode("utf-8"), meta={"url": page.url})
        found = process_one(src, lexicon, options)
        if not hasattr(found, "tables"):
            raise AssertionError(f"{gold.doc_id} as a {page.template} page: {found}")
        page_preds.append(prediction_from_result(gold.doc_id, found.tables, found.spans))
        golds.append(gold_records(gold))
    as_text = score_documents(text_preds, golds, with_spans=False)["strict"]
    as_page = score_documents(page_preds, golds, with_spans=False)["strict"]
    return {f: {"text": as_text[f]["f1"], "page": as_page[f]["f1"], "diff": round(as_page[f]["f1"] - as_text[f]["f1"], 4)}
            for f in FIELDS}


if __name__ == "__main__":
    figures = compare(Options(ner="--ner" in sys.argv))
    print("| field | text F1 | page F1 | difference |\n|---|---|---|---|")
    for field, row in figures.items():
        print(f"| {field} | {row['text']:.3f} | {row['page']:.3f} | {row['diff']:+.3f} |")
