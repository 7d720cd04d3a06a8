"""What ingest reports: :class:`IngestError`, and the sniffing of binary files.

Every module of :mod:`pipeline.ingest` imports this one and nothing imports back, so
the stage has no import cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["BINARY_MAGIC", "IngestError", "sniff_binary"]

BINARY_MAGIC: Mapping[bytes, str] = MappingProxyType({
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive",
    b"\x1f\x8b": "gzip data",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
})


class IngestError(Exception):
    """An input that cannot become a document: ``source`` and ``reason`` say why."""

    def __init__(self, source: str, stage: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.stage = stage
        self.reason = reason


def sniff_binary(data: bytes) -> str | None:
    """What binary file ``data`` starts like ("a PDF document"), or None.

    >>> sniff_binary(b"%PDF-1.7"), sniff_binary("Hội nghị".encode())
    ('a PDF document', None)
    """
    return next((what for magic, what in BINARY_MAGIC.items() if data.startswith(magic)), None)
