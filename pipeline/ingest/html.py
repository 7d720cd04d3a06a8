"""Scraped pages: the article of an HTML page as plain text, and its metadata.

Menus, share bars, font-size widgets, "Tin liên quan", "Tags:" and footers are removed;
the headline, dateline and byline are kept both as metadata and as the first lines of
the text.
"""

from __future__ import annotations

import re

__all__ = ["html_to_text", "looks_like_html"]

_BLOCKS = ["h1", "h2", "h3", "h4", "p", "li", "figcaption", "td", "th", "blockquote", "pre"]
_NOISE = re.compile(
    r"menu|nav|share|social|footer|breadcrumb|related|lienquan|tin-lien-quan|tags?\b|comment|"
    r"font-?size|sidebar|banner|advert|quangcao|toolbar|print|rating|subscribe", re.IGNORECASE)
_ARTICLE_HINT = re.compile(r"article|content|detail|post|entry|news|story|body|noidung|chitiet", re.IGNORECASE)
_DROP_TEXT = re.compile(r"^(?:xem với cỡ chữ|tin liên quan|tags:|chia sẻ|bình luận)", re.IGNORECASE)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """The article of a scraped page as plain text, and its metadata.

    Menus, share bars, font-size widgets, "Tin liên quan", "Tags:" and footers are
    removed; the headline (``<h1>`` or ``og:title``), dateline (``<time>`` or
    ``article:published_time``) and byline (``meta author`` or an author element) are
    kept both as metadata and as the first lines of the text.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    meta: dict[str, str] = {}
    for tag in soup(["script", "style", "noscript", "iframe", "form", "nav", "header", "footer", "aside",
                     "button", "svg", "template"]):
        tag.decompose()
    title_tag = soup.find("h1")
    og = soup.find("meta", attrs={"property": "og:title"})
    if title_tag and title_tag.get_text(strip=True):
        meta["title"] = title_tag.get_text(" ", strip=True)
    elif og and og.get("content"):
        meta["title"] = str(og["content"]).strip()
    elif soup.title and soup.title.get_text(strip=True):
        meta["title"] = soup.title.get_text(" ", strip=True)
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
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        names = " ".join(tag.get("class", [])) + " " + str(tag.get("id", ""))
        if _NOISE.search(names) and not _ARTICLE_HINT.search(str(tag.get("id", ""))):
            tag.decompose()
    candidates = soup.find_all("article") or [
        el for el in soup.find_all(["div", "section", "main"])
        if _ARTICLE_HINT.search(" ".join(el.get("class", [])) + " " + str(el.get("id", "")))
    ]
    root = max(candidates, key=lambda el: len(el.get_text(" ", strip=True)), default=None) or soup.body or soup
    blocks: list[str] = []
    for el in root.find_all(_BLOCKS):
        if el.find(["p", "li", "td"]):
            # a block holding blocks (often unclosed tags: "<p><b>text<ul>..."): its own
            # text, the nested blocks come on their own
            text = " ".join(s.strip() for s in el.find_all(string=True)
                            if s.strip() and s.find_parent(_BLOCKS) is el)
        else:
            text = el.get_text(" ", strip=True)
        if text and not _DROP_TEXT.match(text):
            blocks.append(text)
    if not blocks:
        text = root.get_text("\n", strip=True)
        blocks = [line for line in text.split("\n") if line.strip() and not _DROP_TEXT.match(line)]
    head = [meta[k] for k in ("title", "dateline", "byline") if k in meta]
    if blocks and "title" in meta and blocks[0] == meta["title"]:
        blocks = blocks[1:]
    return "\n\n".join(head + blocks), meta




def looks_like_html(text: str) -> bool:
    """Is a ``.txt`` input really a saved page?

    >>> looks_like_html("<!DOCTYPE html><html><body>x</body></html>"), looks_like_html("Hội nghị")
    (True, False)
    """
    return text.lstrip()[:1] == "<" and "<html" in text[:2000].lower()
