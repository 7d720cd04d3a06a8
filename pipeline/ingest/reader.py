"""Reading one source: its bytes, decoded, and reduced to the article when it is a page.

The result, a :class:`RawText`, is what the text stages work on
(:func:`pipeline.segment.make_document` normalizes and segments it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pipeline.ingest.decode import decode_with_encoding
from pipeline.ingest.html import html_to_text, looks_like_html
from pipeline.ingest.sources import Source

__all__ = ["RawText", "read_source", "text_of"]


@dataclass(frozen=True)
class RawText:
    """One source's article text before normalization.

    Attributes:
        doc_id: the source's doc_id.
        source: its path or URL.
        text: the decoded article text (a page already reduced to its article).
        meta: what ingest learnt: ``encoding``, and from a page ``title``, ``dateline``,
            ``byline``; from an archive ``url`` and ``crawl_date``.
        data: the input bytes (their sha256 identifies the input).
    """

    doc_id: str
    source: str
    text: str
    meta: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    data: bytes = b""


def text_of(src: Source, data: bytes) -> RawText:
    """Decode ``data`` (the bytes of ``src``) and reduce a page to its article.

    Raises:
        IngestError: the bytes are empty, binary, or in no known encoding.
    """
    raw, encoding = decode_with_encoding(data, src.source)
    meta: dict[str, str] = {k: v for k, v in src.meta.items() if v}
    meta["encoding"] = encoding
    if src.kind == "html" or (src.kind == "text" and looks_like_html(raw)):
        raw, page_meta = html_to_text(raw, url=src.meta.get("url", ""))
        meta.update(page_meta)
    return RawText(src.doc_id, src.source, raw, MappingProxyType(meta), data)


def read_source(src: Source, *, max_bytes: int | None = None) -> RawText:
    """Read, decode and (for a page) reduce one source.

    Raises:
        IngestError: too large, empty, binary or undecodable.
        OSError: the file cannot be read.
    """
    return text_of(src, src.read(max_bytes))
