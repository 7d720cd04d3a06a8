"""What ingest reports: :class:`IngestError`, and the sniffing of binary files.

Every module of :mod:`pipeline.ingest` imports this one and nothing imports back, so
the stage has no import cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["BINARY_MAGIC", "IngestError", "printable", "sniff_binary", "unicode_problem"]

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

    def __init__(self, source: str, stage: str, reason: str, *, origin: str = "") -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.stage = stage
        self.reason = reason
        self.origin = origin  # the input file it concerns (the archive, for a record), when known


def sniff_binary(data: bytes) -> str | None:
    """What binary file ``data`` starts like ("a PDF document"), or None.

    >>> sniff_binary(b"%PDF-1.7"), sniff_binary("Hội nghị".encode())
    ('a PDF document', None)
    """
    return next((what for magic, what in BINARY_MAGIC.items() if data.startswith(magic)), None)


def printable(name: str) -> str:
    """A path or URL as text that every output can hold: bytes that are not UTF-8 (a file
    name from another system, kept by Python as lone surrogates) shown as ``\\xNN``.

    >>> printable("bai-\\udcc3.txt"), printable("Hội nghị.txt")
    ('bai-\\\\xc3.txt', 'Hội nghị.txt')
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape" if _escaped_bytes(name) else "backslashreplace").decode(
            "utf-8", "backslashreplace")
    return name


def _escaped_bytes(name: str) -> bool:
    """Are the surrogates of ``name`` all undecodable bytes (U+DC80-U+DCFF, PEP 383)?"""
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in name)


def unicode_problem(value: str) -> str | None:
    """Why ``value`` is not valid Unicode text (a lone surrogate such as ``\\ud800``, which
    no UTF-8 file or database can hold), or None.

    >>> unicode_problem("Hội nghị"), unicode_problem("a\\ud800b")
    (None, 'a lone surrogate (U+D800) at character 1, not valid Unicode')
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"a lone surrogate (U+{ord(value[exc.start]):04X}) at character {exc.start}, not valid Unicode"
    return None
