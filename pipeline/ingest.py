"""Ingest: files and directories in, normalized :class:`~extractors.base.Document` out.

Inputs are ``.txt`` files, ``.html``/``.htm`` pages, WARC and JSONL files (one source
per record, :mod:`pipeline.archive`) and directories (recursive). Bytes are decoded
(UTF-8, UTF-8 with BOM, UTF-16 with BOM, legacy TCVN3 and VNI converted to Unicode by
:mod:`pipeline.legacy`, else windows-1258; the document's ``meta["encoding"]`` says which), a scraped
page is reduced to its article (:func:`html_to_text`), and the text is normalized once
(:func:`pipeline.normalize.normalize_text`). Problems are reported as
:class:`IngestError` with the file and the reason, never swallowed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from extractors.base import Document, freeze
from extractors.lexicon import Lexicon
from pipeline.normalize import normalize_text
from pipeline.segment import segment, sentences

__all__ = ["IngestError", "Source", "TEXT_SUFFIXES", "HTML_SUFFIXES", "iter_files", "iter_sources", "disambiguated_id", "decode",
           "html_to_text", "document_from_text", "load_document"]

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")

_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive",
    b"\x1f\x8b": "gzip data",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
}


class IngestError(Exception):
    """An input that cannot become a document: ``source`` and ``reason`` say why."""

    def __init__(self, source: str, stage: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.stage = stage
        self.reason = reason


@dataclass(frozen=True)
class Source:
    """One input document before decoding."""

    doc_id: str
    source: str
    kind: str  # "text" | "html"
    path: Path | None = None
    data: bytes | None = None
    meta: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    def read(self) -> bytes:
        """The raw bytes."""
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()


def iter_files(inputs: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Every input file, directories walked in sorted order; unusable paths as errors.

    Accepted: text, HTML, WARC (``.warc``, ``.warc.gz``) and JSONL files. Inside a
    directory, other files are ignored; named on the command line, they are errors.
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _accepted(child):
                    yield child
        elif path.is_file():
            if _accepted(path):
                yield path
            else:
                yield IngestError(str(path), "ingest", f"unsupported file type {path.suffix or '(none)'!r}")
        else:
            yield IngestError(str(path), "ingest", "no such file or directory")


def iter_sources(inputs: Iterable[str | Path], *, max_bytes: int = 20 * 1024 * 1024) -> Iterator[Source | IngestError]:
    """Every input document, in a stable order; unusable inputs and records as errors.

    A WARC or JSONL file gives one source per record (see :mod:`pipeline.archive`);
    ``max_bytes`` bounds one record's payload there.
    """
    from pipeline.archive import is_archive, iter_jsonl, iter_warc

    for item in iter_files(inputs):
        if isinstance(item, IngestError):
            yield item
        elif is_archive(item):
            reader = iter_jsonl if item.name.lower().endswith(".jsonl") else iter_warc
            try:
                yield from reader(item, max_bytes=max_bytes)
            except OSError as exc:
                yield IngestError(str(item), "ingest", f"cannot read: {exc.strerror or exc}")
        else:
            yield _source(item)


def disambiguated_id(doc_id: str, source: str) -> str:
    """The doc_id of an input whose file stem another input already has (two ``bai-1.txt``
    in different folders): the stem and a hash of the path, the same in every engine.

    >>> disambiguated_id("bai-1", "tinh-a/bai-1.txt")
    'bai-1-0b3255f9'
    """
    return f"{doc_id}-{hashlib.sha256(source.encode('utf-8')).hexdigest()[:8]}"


def _accepted(path: Path) -> bool:
    from pipeline.archive import is_archive

    return path.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES or is_archive(path)


def _source(path: Path) -> Source:
    kind = "html" if path.suffix.lower() in HTML_SUFFIXES else "text"
    return Source(path.stem, str(path), kind, path=path)


def decode(data: bytes, source: str = "<bytes>") -> str:
    """Decode article bytes: BOMs first, then UTF-8, then legacy TCVN3/VNI, then windows-1258.

    The text of :func:`pipeline.legacy.decode_with_encoding`, which also names the
    encoding used; legacy text is converted to Unicode, or refused with an
    :class:`IngestError` naming its encoding when it cannot be converted reliably.

    >>> decode("Hội nghị".encode("utf-16"))
    'Hội nghị'
    >>> decode(b"H\\xe9i ngh\\xde t\\xe6ng k\\xd5t")  # TCVN3 (ABC) bytes
    'Hội nghị tổng kết'
    """
    from pipeline.legacy import decode_with_encoding

    return decode_with_encoding(data, source)[0]


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


def document_from_text(doc_id: str, raw_text: str, lexicon: Lexicon, *, source: str = "",
                       meta: dict[str, str] | None = None, raw_bytes: bytes | None = None) -> Document:
    """Normalize, segment and split into sentences: the document every extractor reads."""
    text = normalize_text(raw_text)
    segs = segment(text, lexicon)
    sents: list[tuple[int, int]] = []
    for seg in segs:
        if seg.kind in ("body", "caption", "dateline", "headline"):
            sents.extend(sentences(text, seg.start, seg.end))
    digest = hashlib.sha256(raw_bytes if raw_bytes is not None else raw_text.encode("utf-8")).hexdigest()
    info = dict(meta or {})
    info["sha256"] = digest
    return Document(doc_id, text, segs, source, freeze(info), tuple(sents))


def load_document(src: Source, lexicon: Lexicon, *, max_bytes: int | None = None) -> Document:
    """Read, decode, extract (HTML) and normalize one source."""
    data = src.read()
    if max_bytes is not None and len(data) > max_bytes:
        raise IngestError(src.source, "ingest", f"file too large ({len(data):,} bytes > limit {max_bytes:,})")
    from pipeline.legacy import decode_with_encoding

    raw, encoding = decode_with_encoding(data, src.source)
    meta: dict[str, str] = {k: v for k, v in src.meta.items() if v}
    meta["encoding"] = encoding
    if src.kind == "html" or (src.kind == "text" and raw.lstrip()[:1] == "<" and "<html" in raw[:2000].lower()):
        raw, page_meta = html_to_text(raw)
        meta.update(page_meta)
    doc = document_from_text(src.doc_id, raw, lexicon, source=src.source, meta=meta, raw_bytes=data)
    if not doc.text:
        raise IngestError(src.source, "extract", "no article text")
    return doc
