"""What processing one input gives: a :class:`DocumentResult` or an :class:`ErrorRecord`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.resolve.decisions import Decision

__all__ = ["DocumentResult", "ErrorRecord", "SourceRef"]


@dataclass(frozen=True)
class ErrorRecord:
    """An input that could not be processed."""

    source: str
    stage: str
    reason: str
    file: str = ""  # the canonical path of the input file it came from, when known


@dataclass(frozen=True)
class SourceRef:
    """One input location of a document (a row of the store's ``sources``).

    Attributes:
        location: what identifies the input: the canonical absolute path of a file, or a
            record's URL with its WARC-Record-ID (or JSONL file and line).
        source: the path as given, or the record's URL (``documents.source``).
        file: the canonical path of the input file (the archive, for a record).
        sha256: of the input's bytes.
        record_id: the WARC-Record-ID of a record ("" otherwise).
        crawl_date: the WARC-Date or JSONL ``date`` of a record ("" for a file).
    """

    location: str
    source: str
    file: str = ""
    sha256: str = ""
    record_id: str = ""
    crawl_date: str = ""


@dataclass
class DocumentResult:
    """Everything extracted from one document: table rows, every span, every decision."""

    doc_id: str
    text: str
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    spans: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    size: int = 0  # input bytes
    signature: bytes = b""  # MinHash of the body (pipeline.run.identity.body_signature)
    ref: SourceRef | None = None  # the input it came from, when the runner knows it
    warnings: list[str] = field(default_factory=list)  # kept, but worth a look ("only 50 of 4,737 characters ...")
