"""Scraped pages: the article of an HTML page as plain text, and its metadata.

Menus, share bars, font-size widgets, "Tin liên quan", "Tags:" and footers are removed;
the headline, dateline and byline are kept both as metadata and as the first lines of
the text.
"""

from __future__ import annotations

import re

__all__ = ["Reduced", "html_to_text", "looks_like_html", "page_meta", "reduce_page"]

_BLOCKS = ["h1", "h2", "h3", "h4", "p", "li", "figcaption", "td", "th", "blockquote", "pre"]
_BLOCK_SET = frozenset(_BLOCKS)
_NOISE = re.compile(
    r"menu|nav|share|social|footer|breadcrumb|related|lienquan|tin-lien-quan|tags?\b|comment|"
    r"font-?size|sidebar|banner|advert|quangcao|toolbar|print|rating|subscribe", re.IGNORECASE)
_ARTICLE_HINT = re.compile(r"article|content|detail|post|entry|news|story|body|noidung|chitiet", re.IGNORECASE)
_DROP_TEXT = re.compile(r"^(?:xem với cỡ chữ|tin liên quan|tags:|chia sẻ|bình luận)", re.IGNORECASE)


def html_to_text(html: str, *, url: str = "") -> tuple[str, dict[str, str]]:
    """The article of a scraped page as plain text, and its metadata.

    The body: the main text as trafilatura finds it, unless the reducer of this module
    (:func:`reduce_page`) finds clearly more (trafilatura lost part of the article: a
    page nested deeper than its parser reads, a table or captions it leaves out); the
    page's chrome removed either way. The publication date: htmldate over the page's
    structured data (JSON-LD, ``<meta>`` tags, ``<time>``, date-bearing classes, the
    URL), written as a ``date YYYY-MM-DD`` line; else a visible dateline (``<time>`` or a
    date-bearing element's text). The headline (``<h1>`` or ``og:title``), dateline and
    byline (``meta author`` or an author element) are kept both as metadata and as the
    first lines of the text. When the article kept is under a tenth of the page's
    visible text, ``meta["warning"]`` says so.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    meta = page_meta(soup)
    published = structured_date(html, url)
    if published:
        meta["dateline"] = "date " + published
        meta["published"] = published
    reduced = reduce_page(soup)
    blocks = _best_body(html, reduced.blocks)
    head = [meta[k] for k in ("title", "dateline", "byline") if k in meta]
    if blocks and "title" in meta and blocks[0] == meta["title"]:
        blocks = blocks[1:]
    kept = sum(len(b) for b in blocks)
    if reduced.visible >= _WARN_MIN_VISIBLE and kept * 10 < reduced.visible:
        meta["warning"] = (f"only {kept:,} of the page's {reduced.visible:,} visible characters were kept as the "
                           "article; check the page")
    return "\n\n".join(head + blocks), meta


def structured_date(html: str, url: str = "") -> str | None:
    """The publication date (ISO) that htmldate reads from a page's structured data:
    JSON-LD, ``<meta>`` tags, ``<time>`` and ``<abbr>`` elements, date-bearing classes and
    the URL; None when there is none. htmldate's extensive search (any date in the text)
    is not used: in this genre the body is full of event dates.

    >>> structured_date('<html><head><meta property="article:published_time" content="2021-03-05T04:17"></head></html>')
    '2021-03-05'
    >>> structured_date("<html><body><p>Ngày 15/12/2023, Sở Nội vụ tổ chức hội nghị.</p></body></html>") is None
    True
    """
    import logging

    from htmldate import find_date

    logging.getLogger("htmldate").setLevel(logging.ERROR)
    tree = _without_text_blocks(html)
    if tree is None:
        return None
    try:
        found = find_date(tree, url=url or None, original_date=True, extensive_search=False,
                          outputformat="%Y-%m-%d")
    except (ValueError, TypeError):  # htmldate's own parse of a hostile page
        return None
    return found or None


_TEXT_BLOCKS = ("p", "li", "td", "th", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "pre")


def _without_text_blocks(html: str):
    """The page for htmldate: its title, summary, paragraphs, list items and table cells
    left out, so the dates written in the article (the event's, a cited decision's) are
    never taken for its publication date, while the head's date tags, JSON-LD, ``<time>``
    and the post-meta bar stay."""
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    for el in list(tree.iter(*_TEXT_BLOCKS, "title")):
        el.clear(keep_tail=True)
    for el in list(tree.iter("meta")):
        name = f"{el.get('property', '')} {el.get('name', '')}".lower()
        if "title" in name or "description" in name:  # the headline and summary: article text too
            el.getparent().remove(el)
    return tree


def _best_body(html: str, reduced: list[str]) -> list[str]:
    """trafilatura's paragraphs of the page, or the reducer's when they hold clearly more
    text (trafilatura read part of the page only) or when the reducer finds no article
    at all (what trafilatura then returns is the page's chrome)."""
    if not reduced:
        return reduced
    found = trafilatura_blocks(html)
    size = sum(len(b) for b in found)
    if not found or size < _TRAFILATURA_SHARE * sum(len(b) for b in reduced):
        return reduced
    return found


_TRAFILATURA_SHARE = 0.8  # trafilatura's body must hold at least this share of the reducer's text


def trafilatura_blocks(html: str) -> list[str]:
    """The main text of a page as trafilatura extracts it, one block per paragraph,
    heading, list item or table cell ([] when it finds none)."""
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        xml = trafilatura.extract(html, output_format="xml", include_comments=False, include_tables=True,
                                  include_images=False, include_links=False, favor_recall=True, deduplicate=False)
    except (ValueError, TypeError, RecursionError):
        return []
    if not xml:
        return []
    from lxml import etree

    try:
        root = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError:
        return []
    body = root.find("main")
    blocks: list[str] = []
    for el in (body if body is not None else root).iter("p", "head", "item", "cell", "quote"):
        if el.find(".//p") is not None or el.find(".//item") is not None:
            continue  # a container: its paragraphs come on their own
        text = " ".join(" ".join(el.itertext()).split())
        if text and not _DROP_TEXT.match(text):
            blocks.append(text)
    return blocks


_DROP_TAGS = ["script", "style", "noscript", "iframe", "form", "nav", "header", "footer", "aside", "button", "svg",
              "template"]
_WARN_MIN_VISIBLE = 2000  # a short page (a stub, a test page) is not worth a warning


def page_meta(soup) -> dict[str, str]:
    """Headline, dateline and byline of a parsed page (see :func:`html_to_text`)."""
    meta: dict[str, str] = {}
    title_tag = soup.find("h1")
    og = soup.find("meta", attrs={"property": "og:title"})
    if title_tag and title_tag.get_text(strip=True):
        meta["title"] = title_tag.get_text(" ", strip=True)
    elif og and og.get("content"):
        meta["title"] = str(og["content"]).strip()
    elif soup.title and soup.title.get_text(strip=True):
        meta["title"] = without_site_name(soup.title.get_text(" ", strip=True))
    time_tag = soup.find("time")
    published = soup.find("meta", attrs={"property": "article:published_time"})
    if time_tag and time_tag.get_text(strip=True):
        meta["dateline"] = time_tag.get_text(" ", strip=True)
    elif published and published.get("content"):
        meta["dateline"] = "date " + str(published["content"])[:10]
    author = soup.find("meta", attrs={"name": "author"})
    author_el = soup.find(class_=re.compile(r"author|byline", re.IGNORECASE))
    if author_el and author_el.get_text(strip=True):
        meta["byline"] = author_el.get_text(" ", strip=True)
    elif author and author.get("content"):
        meta["byline"] = str(author["content"]).strip()
    return meta


_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+")


def without_site_name(title: str) -> str:
    """A page ``<title>`` without the site's name around it: its longest part.

    >>> without_site_name("Hội nghị tổng kết công tác thi đua năm 2023 - Báo Nội vụ")
    'Hội nghị tổng kết công tác thi đua năm 2023'
    """
    parts = [p for p in _TITLE_PARTS.split(title) if p.strip()]
    return max(parts, key=len) if parts else title


class Reduced:
    """What :func:`reduce_page` keeps: the article's text blocks, and how many visible
    characters the page has (to tell when the article kept is suspiciously small)."""

    def __init__(self, blocks: list[str], visible: int) -> None:
        self.blocks, self.visible = blocks, visible


def _names(tag) -> str:
    return " ".join(tag.get("class", [])) + " " + str(tag.get("id", ""))


def reduce_page(soup) -> Reduced:
    """The article's blocks of a parsed page, in one pass over the tree and one back
    (linear in the page, however deep its nesting or unclosed its lists).

    Chrome is an element whose class or id names it (menu, share, related, sidebar,
    print, ...): its subtree is left out, unless it holds the article (a WordPress
    ``<body class="single-post has-sidebar">``, an ``<html class="comments-open">``,
    a ``print-...`` wrapper): an ancestor of the main text is never removed. The main
    text is the ``<article>``, else the article-like ``div``/``section``/``main`` holding
    the most text outside chrome, else the body. Each text string belongs to the nearest
    block element above it (``p``, ``li``, ``td``, headings, ...); a block's strings,
    joined, are one line of the article.
    """
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    skip_strings = (Comment, Declaration, Doctype, ProcessingInstruction)
    order: list = []  # every element, in document order
    noise: dict[int, bool] = {}
    own: dict[int, int] = {}  # text length directly inside an element
    visible = 0
    for node in soup.descendants:
        if isinstance(node, Tag):
            order.append(node)
            names = _names(node)
            noise[id(node)] = bool(_NOISE.search(names)) and not _ARTICLE_HINT.search(str(node.get("id", "")))
        elif isinstance(node, NavigableString) and not isinstance(node, skip_strings):
            size = len(node.strip())
            visible += size
            if node.parent is not None:
                own[id(node.parent)] = own.get(id(node.parent), 0) + size
    total: dict[int, int] = {}  # text outside chrome in an element's subtree (its own flag aside)
    for tag in reversed(order):
        key = id(tag)
        total[key] = total.get(key, 0) + own.get(key, 0)
        parent = tag.parent
        if parent is not None and not noise[key]:
            total[id(parent)] = total.get(id(parent), 0) + total[key]
    articles = [t for t in order if t.name == "article"]
    candidates = articles or [t for t in order if t.name in ("div", "section", "main") and _ARTICLE_HINT.search(_names(t))]
    root = max(candidates, key=lambda t: total[id(t)], default=None) or soup.body or soup
    return Reduced(_blocks(root, noise), visible)


def _blocks(root, noise: dict[int, bool]) -> list[str]:
    """The text blocks under ``root``, chrome subtrees left out (``root`` itself and its
    ancestors are never chrome)."""
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    skip_strings = (Comment, Declaration, Doctype, ProcessingInstruction)
    block_of: dict[int, object] = {id(root): root if root.name in _BLOCK_SET else None}
    dropped: dict[int, bool] = {id(root): False}
    texts: dict[int, list[str]] = {}
    firsts: list = []  # blocks in document order
    loose: list[str] = []  # strings in no block
    for node in root.descendants:
        parent = node.parent
        if isinstance(node, Tag):
            gone = dropped[id(parent)] or noise.get(id(node), False)
            dropped[id(node)] = gone
            block_of[id(node)] = node if node.name in _BLOCK_SET else block_of[id(parent)]
            if node.name in _BLOCK_SET and not gone:
                firsts.append(node)
        elif isinstance(node, NavigableString) and not isinstance(node, skip_strings):
            if dropped[id(parent)]:
                continue
            text = node.strip()
            if not text:
                continue
            block = block_of[id(parent)]
            if block is None:
                loose.append(text)
            else:
                texts.setdefault(id(block), []).append(text)
    blocks = [" ".join(texts[id(b)]) for b in firsts if id(b) in texts]
    blocks = [b for b in blocks if not _DROP_TEXT.match(b)]
    if not blocks:
        blocks = [line for line in loose if not _DROP_TEXT.match(line)]
    return blocks


def looks_like_html(text: str) -> bool:
    """Is a ``.txt`` input really a saved page?

    >>> looks_like_html("<!DOCTYPE html><html><body>x</body></html>"), looks_like_html("Hội nghị")
    (True, False)
    """
    return text.lstrip()[:1] == "<" and "<html" in text[:2000].lower()
