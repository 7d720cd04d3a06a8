"""Crawler output as sources: WARC (and WARC.gz) files and JSONL article dumps.

A WARC ``response`` record whose HTTP payload is HTML or plain text is one document:
its ``WARC-Target-URI`` becomes the ``source`` and its ``WARC-Date`` the ``crawl_date``.
Other records (requests, metadata, revisits, images, non-2xx responses) are skipped.
A JSONL file holds one article per line: ``url``, ``html`` or ``text``, optional ``date``.

Record ``doc_id``\\ s are stable: the host, a hash of the URL and a hash of the content
(``baochinhphu.vn-bd3d58a605-2d711642``), so the same capture always gets the same id
and a changed page is a new capture. Problems become :class:`~pipeline.ingest.errors.IngestError`
items and the iteration goes on with the next record: a record is framed by its
``Content-Length`` and must be followed by the next ``WARC/1.x`` header (or the end of
the file); when it is not, the length is wrong, the damaged span is reported and reading
resumes at the next header. Sizes are checked while reading (a JSONL line, a WARC
payload), so memory is bounded by ``max_bytes`` whatever the file holds.
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

from pipeline.ingest.errors import IngestError, printable, unicode_problem
from pipeline.ingest.sources import Source, SourceKind

__all__ = ["record_doc_id", "iter_warc", "iter_jsonl"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_HEADER_LIMIT = 256 * 1024  # WARC or HTTP headers longer than this are not headers
_CHUNK = 1024 * 1024
_SKIP_CHUNK = 64 * 1024  # the rest of an oversized line is read and dropped this much at a time
_NEXT_HEADER = re.compile(rb"(?:^|\n)(WARC/1\.[0-9]\r?\n)")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_LENGTH = re.compile(rb"^content-length:[ \t]*(\d+)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)


def record_doc_id(url: str, content: bytes) -> str:
    """A stable id from the URL and the content.

    >>> record_doc_id("https://baochinhphu.vn/hoi-nghi.htm", b"x")
    'baochinhphu.vn-bd3d58a605-2d711642'

    Raises:
        ValueError: the URL cannot be parsed (``http://[::1``).
    """
    host = re.sub(r"[^\w.-]+", "_", urlsplit(url).hostname or "record").strip("_.") or "record"
    url_hash = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    content_hash = hashlib.sha256(content).hexdigest()[:8]
    return f"{host}-{url_hash}-{content_hash}"


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot name a document (not valid Unicode, unparsable, relative), or None.

    >>> url_problem("https://a.gov.vn/tin/1"), url_problem("http://[::1"), url_problem("/tin/1")
    (None, 'cannot be parsed (Invalid IPv6 URL)', 'is relative (no scheme and host)')
    """
    problem = unicode_problem(url)
    if problem:
        return f"holds {problem}"
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018 - parsing the host is what raises
    except ValueError as exc:
        return f"cannot be parsed ({exc})"
    if not parts.scheme or not parts.netloc:
        return "is relative (no scheme and host)"
    return None


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


# -- WARC framing --------------------------------------------------------------------------


class _Bytes:
    """The (decompressed) bytes of a WARC file, read forward through a small buffer,
    with the offset of the next byte. A ``.warc.gz`` is a series of gzip members, one per
    record as written by crawlers, or one stream: both read as the concatenation."""

    def __init__(self, raw: BinaryIO, gz: bool) -> None:
        self.raw, self.gz = raw, gz
        self.buf = bytearray()
        self.offset = 0  # of buf[0], in the decompressed stream
        self.eof = False
        self._inflate = zlib.decompressobj(wbits=31) if gz else None
        self._pending = b""  # compressed bytes not yet inflated
        self._started = False  # some of the current gzip member was inflated
        self.truncated = False

    def _more(self) -> bool:
        """Add at least one byte to the buffer; False at the end of the file (a file that
        ends inside a gzip member sets ``truncated``)."""
        if self.eof:
            return False
        if self._inflate is None:
            chunk = self.raw.read(_CHUNK)
            if not chunk:
                self.eof = True
                return False
            self.buf += chunk
            return True
        while True:
            if not self._pending:
                self._pending = self.raw.read(_CHUNK)
                if not self._pending:
                    self.eof = True
                    self.truncated = self._started and not self._inflate.eof
                    return False
            data = self._inflate.decompress(self._pending, _CHUNK)
            self._started = True
            self._pending = self._inflate.unconsumed_tail
            if self._inflate.eof:  # the member ended: the next one (if any) starts afresh
                self._pending = self._inflate.unused_data + self._pending
                self._inflate = zlib.decompressobj(wbits=31)
                self._started = False
            if data:
                self.buf += data
                return True

    def fill(self, n: int) -> bool:
        """At least ``n`` bytes in the buffer, unless the file ends first."""
        while len(self.buf) < n:
            if not self._more():
                return False
        return True

    def take(self, n: int) -> bytes:
        self.fill(n)
        data = bytes(self.buf[:n])
        del self.buf[:n]
        self.offset += len(data)
        return data

    def drop(self, n: int) -> int:
        """Skip ``n`` bytes (reading in chunks); how many were there."""
        dropped = 0
        while dropped < n:
            if not self.buf and not self._more():
                break
            step = min(n - dropped, len(self.buf))
            del self.buf[:step]
            dropped += step
            self.offset += step
        return dropped

    def unread(self, data: bytes) -> None:
        self.buf[:0] = data
        self.offset -= len(data)

    def skip_blank(self) -> None:
        """Skip the CR and LF bytes before a record."""
        while True:
            if not self.buf and not self._more():
                return
            stripped = self.buf.lstrip(b"\r\n")
            gone = len(self.buf) - len(stripped)
            if not gone:
                return
            del self.buf[:gone]
            self.offset += gone

    def header_end(self) -> int:
        """Where the headers at the start of the buffer end (after the blank line), reading
        up to :data:`_HEADER_LIMIT` bytes; -1 when there is no blank line within it."""
        while True:
            match = _HEADER_END.search(self.buf, 0, _HEADER_LIMIT)
            if match:
                return match.end()
            if len(self.buf) >= _HEADER_LIMIT or not self._more():
                return -1

    def seek_header(self) -> bool:
        """Drop bytes up to the next ``WARC/1.x`` line at a line start; False at the end."""
        while True:
            match = _NEXT_HEADER.search(self.buf, 1)
            if match:
                self.drop(match.start(1))
                return True
            keep = 16
            if len(self.buf) > keep:
                self.drop(len(self.buf) - keep)
            if not self._more():
                self.drop(len(self.buf))
                return False


class _Frame:
    """One WARC record as framed: its headers and block (None when the block was too
    large to keep), and where it lies."""

    def __init__(self, start: int, header: bytes, block: bytes | None, block_head: bytes, length: int) -> None:
        self.start, self.header, self.block, self.block_head, self.length = start, header, block, block_head, length

    def field(self, name: str) -> str:
        for line in self.header.decode("utf-8", "replace").splitlines()[1:]:
            key, _, value = line.partition(":")
            if key.strip().lower() == name.lower():
                return value.strip()
        return ""


def _frames(stream: _Bytes, where: str, keep: int) -> Iterator[_Frame | IngestError]:
    """Every record of a WARC, framed by its Content-Length and checked against the next
    header; damage and truncation as error items (reading resumes at the next header)."""
    records = 0
    while True:
        stream.skip_blank()
        if not stream.fill(1):
            return
        start = stream.offset
        end = stream.header_end()
        head = bytes(stream.buf[:end]) if end > 0 else b""
        length = _LENGTH.search(head) if head.startswith(b"WARC/1.") else None
        if length is None:
            first = bytes(stream.buf[:60]).split(b"\n")[0].decode("utf-8", "replace").strip()
            if not stream.seek_header():
                yield IngestError(where, "ingest", f"truncated or corrupt WARC after {records} record(s): bytes "
                                                   f"{start:,}-{stream.offset:,} are no WARC record ({first!r})")
                return
            yield IngestError(where, "ingest", f"damaged WARC span: bytes {start:,}-{stream.offset:,} are no WARC "
                                               f"record ({first!r}); skipped, reading on at the next record")
            continue
        stream.take(end)
        size = int(length.group(1))
        frame = _Frame(start, head, None, b"", size)
        block_start = stream.offset
        if size <= keep:
            block = stream.take(size)
            frame.block, frame.block_head = block, block[:_HEADER_LIMIT]
            got = len(block)
        else:
            frame.block_head = stream.take(min(size, _HEADER_LIMIT))
            got = len(frame.block_head) + stream.drop(size - len(frame.block_head))
        if got < size:
            yield IngestError(frame.field("WARC-Target-URI") or where, "ingest",
                              f"truncated WARC record in {where}: {size - got:,} byte(s) missing")
            return
        if not _followed_by_header(stream):
            uri = frame.field("WARC-Target-URI") or where
            inside = _NEXT_HEADER.search(frame.block) if frame.block is not None else None
            if inside:
                stream.unread(frame.block[inside.start(1):])  # the length ran into the next record
            else:
                stream.unread((frame.block or b"")[-16:])  # the next header may start in the block's last bytes
            if not inside and not stream.seek_header():
                yield IngestError(uri, "ingest", f"damaged WARC record in {where}: bytes {start:,}-{stream.offset:,} "
                                                 f"(its Content-Length {size:,} is wrong and no record follows)")
                return
            yield IngestError(uri, "ingest", f"damaged WARC record in {where}: bytes {start:,}-{stream.offset:,} "
                                             f"skipped (its Content-Length {size:,} does not end the record at byte "
                                             f"{block_start + size:,}); reading on at the next record")
            continue
        records += 1
        yield frame


def _followed_by_header(stream: _Bytes) -> bool:
    """Does a record's block end where the next record (or the file) begins: a run of CR
    and LF bytes, then ``WARC/1.`` or the end? A block followed by exactly the CRLF CRLF
    that ends a record is whole even when no header follows (garbage after the record is
    the next frame's problem)."""
    if not stream.fill(5):
        if not stream.buf:
            return not stream.truncated
    elif stream.buf.startswith(b"\r\n\r\n") and stream.buf[4] not in b"\r\n":
        return True
    blank = 0
    while True:
        while blank < len(stream.buf) and stream.buf[blank] in b"\r\n":
            blank += 1
        if blank < len(stream.buf) or blank > _HEADER_LIMIT or not stream._more():
            break
    if blank == 0:
        return False
    if blank >= len(stream.buf):
        return not stream.truncated
    stream.fill(blank + 7)
    return bytes(stream.buf[blank:blank + 7]) == b"WARC/1."


def _http_status_and_type(block_head: bytes) -> tuple[str, str]:
    """Status code and Content-Type of an HTTP response block's head."""
    head = block_head.split(b"\r\n\r\n")[0].split(b"\n\n")[0].decode("latin-1")
    lines = head.splitlines()
    first = lines[0].split() if lines and lines[0].startswith("HTTP/") else []
    status = first[1] if len(first) > 1 else ""
    content_type = next((line.split(":", 1)[1].strip() for line in lines[1:]
                         if line.lower().startswith("content-type:")), "")
    return status, content_type


def _record(frame: _Frame, where: str, n: int, max_bytes: int, origin: Path) -> Source | IngestError | None:
    """The source of one framed record, an error item, or None for a record that holds no
    article (a request, an image, a 404, ...)."""
    from warcio.archiveiterator import ArchiveIterator

    if frame.field("WARC-Type").lower() != "response":
        return None
    url = frame.field("WARC-Target-URI")
    label = printable(url) if url else f"{where}#{n}"
    status, content_type = _http_status_and_type(frame.block_head)
    if not status.startswith("2") or _payload_kind(content_type) is None:
        return None
    if frame.block is None:  # kept only its head: too large whatever it holds
        return IngestError(label, "ingest", f"WARC payload too large (> limit {max_bytes:,} bytes) in {where}")
    problem = url_problem(url) if url else "is missing"
    if problem:
        return IngestError(label, "ingest", f"WARC-Target-URI {problem} (record {n} of {where})")
    record = next(iter(ArchiveIterator(io.BytesIO(frame.header + frame.block + b"\r\n\r\n"))), None)
    if record is None or record.http_headers is None:
        return IngestError(label, "ingest", f"WARC record {n} of {where} holds no HTTP response")
    kind = _payload_kind(record.http_headers.get_header("Content-Type") or "")
    if kind is None:
        return None
    try:
        data = _read_limited(record.content_stream(), max_bytes)
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        return IngestError(url, "ingest", f"unreadable WARC payload in {where}: {type(exc).__name__}: {exc}")
    if data is None:
        return IngestError(url, "ingest", f"WARC payload too large (> limit {max_bytes:,} bytes) in {where}")
    meta = {"crawl_date": frame.field("WARC-Date"), "url": url, "record_id": frame.field("WARC-Record-ID")}
    return Source(record_doc_id(url, data), url, kind, data=data, meta=meta, origin=origin)


def _open(path: Path | str, data: bytes | None) -> BinaryIO:
    return io.BytesIO(data) if data is not None else Path(path).open("rb")


def iter_warc(path: Path | str, *, max_bytes: int, data: bytes | None = None) -> Iterator[Source | IngestError]:
    """Every HTML or text response of a WARC file as a source.

    A payload larger than ``max_bytes`` (after decompression) is an error item and the
    next record is read; so is a record with a bad ``WARC-Target-URI`` (unparsable,
    relative). A record whose Content-Length does not end it is reported with its byte
    span and reading resumes at the next ``WARC/1.x`` header; a file cut inside a record
    or a corrupt gzip stream ends with an error item, after the records before it.
    ``data``, when given, is the file's bytes (read elsewhere: the Spark engine's
    executors); ``path`` then only names it.
    """
    where = printable(str(path))  # as given: a Hadoop URL stays one
    path = Path(path)
    keep = max_bytes + _HEADER_LIMIT  # a larger block cannot hold a payload within the limit
    n = 0
    with _open(path, data) as raw:
        stream = _Bytes(raw, gz=path.name.lower().endswith(".gz"))
        try:
            for item in _frames(stream, where, keep):
                if isinstance(item, IngestError):
                    yield item
                    continue
                n += 1
                try:
                    found = _record(item, where, n, max_bytes, path)
                except Exception as exc:  # one record's problem, whatever it is: the next record is read
                    found = IngestError(printable(item.field("WARC-Target-URI")) or f"{where}#{n}", "ingest",
                                        f"unreadable WARC record {n} of {where}: {type(exc).__name__}: {exc}")
                if found is not None:
                    yield found
        except (EOFError, zlib.error) as exc:
            yield IngestError(where, "ingest", f"truncated or corrupt WARC after {n} record(s): {exc}")


# -- JSONL ----------------------------------------------------------------------------------


def _lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, bytes) of every line, or (line number, size) for a line over
    ``max_bytes``, which is skipped without being held in memory."""
    n = 0
    while True:
        line = handle.readline(max_bytes + 2)
        if not line:
            return
        n += 1
        if len(line) <= max_bytes + 1 or line.endswith(b"\n"):
            if len(line.rstrip(b"\r\n")) <= max_bytes:
                yield n, line
                continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(_SKIP_CHUNK)
            if not line:
                break
            size += len(line)
        yield n, size - 1 if line.endswith(b"\n") else size


def _jsonl_item(raw: bytes, line_source: str, origin: Path, line: int) -> Source | IngestError:
    try:
        item = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # bad JSON, bad UTF-8, 5,000-digit numbers, deep nesting
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return IngestError(line_source, "ingest", f"not a JSON object: {reason}")
    if not isinstance(item, dict):
        return IngestError(line_source, "ingest", "not a JSON object")
    body = item.get("html") if item.get("html") is not None else item.get("text")
    if not isinstance(body, str):
        return IngestError(line_source, "ingest", 'no "html" or "text" string')
    kind: SourceKind = "html" if item.get("html") is not None else "text"
    problem = unicode_problem(body)
    if problem:
        return IngestError(line_source, "ingest", f'"{kind}" holds {problem}')
    url = item.get("url") if isinstance(item.get("url"), str) and item.get("url") else line_source
    if url is not line_source:
        problem = url_problem(url)
        if problem:
            return IngestError(line_source, "ingest", f'"url" {problem}')
    date = str(item["date"]) if item.get("date") is not None else ""
    if unicode_problem(date):
        return IngestError(line_source, "ingest", f'"date" holds {unicode_problem(date)}')
    data = body.encode("utf-8")
    return Source(record_doc_id(url, data), url, kind, data=data, meta={"crawl_date": date, "url": url, "line": str(line)},
                  origin=origin)


def iter_jsonl(path: Path | str, *, max_bytes: int, data: bytes | None = None) -> Iterator[Source | IngestError]:
    """Every line of a JSONL dump as a source; a bad line is an error item naming it.

    A line is refused while it is read once it passes ``max_bytes``; a line that is not
    a JSON object with an ``html`` or ``text`` string, or whose strings are not valid
    Unicode, or whose ``url`` cannot be parsed, is an error item and the next line is read.
    ``data``, when given, is the file's bytes; ``path`` then only names it.
    """
    where = printable(str(path))  # as given: a Hadoop URL stays one
    path = Path(path)
    with _open(path, data) as handle:
        for n, raw in _lines(handle, max_bytes):
            line_source = f"{where}:{n}"
            if isinstance(raw, int):
                yield IngestError(line_source, "ingest", f"line too large ({raw:,} bytes > limit {max_bytes:,})")
                continue
            if not raw.strip():
                continue
            yield _jsonl_item(raw, line_source, path, n)
