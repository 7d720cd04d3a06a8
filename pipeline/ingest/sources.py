"""Sources: one input document before decoding, and what kinds of file are inputs.

A :class:`Source` is a file (``path``) or a record of an archive (``data`` in memory):
its ``doc_id``, where it came from (``source``: a path or a URL) and whether it is a
scraped page (``kind`` "html") or plain text. Directory walking is
:mod:`pipeline.ingest.walk`; archives are :mod:`pipeline.ingest.archive`.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pipeline.ingest.errors import IngestError

__all__ = ["HTML_SUFFIXES", "JSONL_SUFFIXES", "TEXT_SUFFIXES", "WARC_SUFFIXES", "Source", "accepted",
           "bytes_source", "disambiguated_id", "is_archive"]

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl",)

SourceKind = Literal["text", "html"]


@dataclass(frozen=True)
class Source:
    """One input document before decoding: a file (``path``) or a record (``data``)."""

    doc_id: str
    source: str
    kind: SourceKind
    path: Path | None = None
    data: bytes | None = None
    meta: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    origin: Path | None = None  # the input file (the archive of a record)

    def __post_init__(self) -> None:
        if self.path is None and self.data is None:
            raise ValueError(f"{self.source}: a source needs a path or its data")

    def read(self, max_bytes: int | None = None) -> bytes:
        """The raw bytes (read from ``path`` unless the data is already in memory).

        With ``max_bytes``, a larger input is refused before it is read (and a file that
        grows while it is read is cut off at the limit and refused), so memory stays
        bounded by the limit. A path that is no longer a regular file (replaced by a FIFO
        or a device) is refused without reading from it.

        Raises:
            OSError: the file cannot be read.
            IngestError: larger than ``max_bytes``, or not a regular file.
        """
        if self.data is not None:
            if max_bytes is not None and len(self.data) > max_bytes:
                raise IngestError(self.source, "ingest", f"file too large ({len(self.data):,} bytes > limit {max_bytes:,})")
            return self.data
        if self.path is None:  # excluded by __post_init__; kept for the type checker
            raise ValueError(f"{self.source}: no path and no data")
        fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise IngestError(self.source, "ingest", "not a regular file")
            if max_bytes is None:
                return handle.read()
            if st.st_size > max_bytes:
                raise IngestError(self.source, "ingest", f"file too large ({st.st_size:,} bytes > limit {max_bytes:,})")
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise IngestError(self.source, "ingest", f"file too large (more than {max_bytes:,} bytes: it grew while read)")
        return data


def is_archive(path: Path) -> bool:
    """Is this a WARC or JSONL file?

    >>> is_archive(Path("crawl-00001.warc.gz")), is_archive(Path("bai.txt"))
    (True, False)
    """
    return path.name.lower().endswith(WARC_SUFFIXES + JSONL_SUFFIXES)


def accepted(path: Path) -> bool:
    """Is this file an input (text, HTML, WARC or JSONL)?

    >>> accepted(Path("bai.HTM")), accepted(Path("anh.png"))
    (True, False)
    """
    return path.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES or is_archive(path)


def file_source(path: Path) -> Source:
    """The source of one text or HTML file: its stem is the doc_id."""
    kind: SourceKind = "html" if path.suffix.lower() in HTML_SUFFIXES else "text"
    return Source(path.stem, str(path), kind, path=path, origin=path)


def bytes_source(source: str, data: bytes) -> Source:
    """The source of one text or HTML file already read (by a Spark executor): the stem of
    the last part of ``source`` (a path or a URI) is the doc_id.

    >>> src = bytes_source("hdfs://nn/corpus/Bai-1.HTML", b"<p>x</p>")
    >>> src.doc_id, src.kind
    ('Bai-1', 'html')
    """
    name = source.rstrip("/").rsplit("/", 1)[-1]
    kind: SourceKind = "html" if Path(name).suffix.lower() in HTML_SUFFIXES else "text"
    return Source(Path(name).stem, source, kind, data=data)


def disambiguated_id(doc_id: str, source: str) -> str:
    """The doc_id of an input whose file stem another input already has (two ``bai-1.txt``
    in different folders): the stem and a hash of the path, the same in every engine.

    >>> disambiguated_id("bai-1", "tinh-a/bai-1.txt")
    'bai-1-0b3255f9'
    """
    return f"{doc_id}-{hashlib.sha256(source.encode('utf-8')).hexdigest()[:8]}"
