"""Crawler output as sources: WARC (and WARC.gz) files and JSONL article dumps.

A WARC ``response`` record whose HTTP payload is HTML or plain text is one document:
its ``WARC-Target-URI`` becomes the ``source`` and its ``WARC-Date`` the ``crawl_date``.
Other records (requests, metadata, revisits, images, non-2xx responses) are skipped.
A JSONL file holds one article per line: ``url``, ``html`` or ``text``, optional ``date``.

Record ``doc_id``s are stable: the host, a hash of the URL and a hash of the content
(``baochinhphu.vn-bd3d58a605-2d711642``), so the same capture always gets the same id
and a changed page is a new capture. Problems become :class:`~pipeline.ingest.errors.IngestError`
items and the iteration goes on with the next record where the file allows it.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from pipeline.ingest.errors import IngestError
from pipeline.ingest.sources import Source, SourceKind

__all__ = ["record_doc_id", "iter_warc", "iter_jsonl"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)


def record_doc_id(url: str, content: bytes) -> str:
    """A stable id from the URL and the content.

    >>> record_doc_id("https://baochinhphu.vn/hoi-nghi.htm", b"x")
    'baochinhphu.vn-bd3d58a605-2d711642'
    """
    host = re.sub(r"[^\w.-]+", "_", urlsplit(url).hostname or "record").strip("_.") or "record"
    url_hash = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    content_hash = hashlib.sha256(content).hexdigest()[:8]
    return f"{host}-{url_hash}-{content_hash}"


def _payload_kind(content_type: str) -> SourceKind | None:
    media = content_type.split(";")[0].strip().lower()
    if media in _HTML_TYPES:
        return "html"
    if media in _TEXT_TYPES:
        return "text"
    return None


def _read_limited(stream: BinaryIO, limit: int) -> bytes | None:
    """At most ``limit`` bytes from ``stream``; None when there is more."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def _open(path: Path | str, data: bytes | None) -> BinaryIO:
    return io.BytesIO(data) if data is not None else Path(path).open("rb")


def iter_warc(path: Path | str, *, max_bytes: int, data: bytes | None = None) -> Iterator[Source | IngestError]:
    """Every HTML or text response of a WARC file as a source.

    A payload larger than ``max_bytes`` (after decompression) is an error item and the
    next record is read; a truncated or corrupt file ends with an error item naming the
    record offset, after the records before it. ``data``, when given, is the file's bytes
    (read elsewhere: the Spark engine's executors); ``path`` then only names it.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    where = str(path)
    seen = 0
    try:
        with _open(path, data) as stream:
            records = ArchiveIterator(stream)
            for record in records:
                seen += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                kind = _payload_kind(record.http_headers.get_header("Content-Type") or "")
                if not status.startswith("2") or kind is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or f"{where}#{seen}"
                try:
                    data = _read_limited(record.content_stream(), max_bytes)
                except (OSError, EOFError, ValueError, zlib.error) as exc:
                    yield IngestError(url, "ingest", f"unreadable WARC payload in {where}: {type(exc).__name__}: {exc}")
                    continue
                if data is None:
                    yield IngestError(url, "ingest", f"WARC payload too large (> limit {max_bytes:,} bytes) in {where}")
                    continue
                missing = getattr(record.raw_stream, "limit", 0)
                if missing:  # the file ends inside this record
                    yield IngestError(url, "ingest", f"truncated WARC record in {where}: {missing:,} byte(s) missing")
                    continue
                meta = {"crawl_date": record.rec_headers.get_header("WARC-Date") or "", "url": url}
                yield Source(record_doc_id(url, data), url, kind, data=data, meta=meta)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        yield IngestError(where, "ingest", f"truncated or corrupt WARC after {seen} record(s): {reason}")


def iter_jsonl(path: Path | str, *, max_bytes: int, data: bytes | None = None) -> Iterator[Source | IngestError]:
    """Every line of a JSONL dump as a source; a bad line is an error item naming it.
    ``data``, when given, is the file's bytes; ``path`` then only names it."""
    where = str(path)
    with _open(path, data) as lines:
        for n, raw in enumerate(lines, 1):
            line_source = f"{where}:{n}"
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield IngestError(line_source, "ingest", f"line too large ({len(raw):,} bytes > limit {max_bytes:,})")
                continue
            try:
                item = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield IngestError(line_source, "ingest", f"not a JSON object: {exc}")
                continue
            if not isinstance(item, dict):
                yield IngestError(line_source, "ingest", "not a JSON object")
                continue
            body = item.get("html") if item.get("html") is not None else item.get("text")
            if not isinstance(body, str):
                yield IngestError(line_source, "ingest", 'no "html" or "text" string')
                continue
            url = item.get("url") if isinstance(item.get("url"), str) and item.get("url") else line_source
            data = body.encode("utf-8")
            kind: SourceKind = "html" if item.get("html") is not None else "text"
            meta = {"crawl_date": str(item["date"]) if item.get("date") is not None else "", "url": url}
            yield Source(record_doc_id(url, data), url, kind, data=data, meta=meta)
