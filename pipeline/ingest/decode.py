"""Decoding: article bytes to text, whatever the encoding they were saved in.

In order: a UTF-8 or UTF-16 byte-order mark, UTF-8, TCVN3 or VNI (raw, or already
mis-decoded as windows-1252 inside Unicode text; :mod:`pipeline.ingest.legacy`),
windows-1258. Empty and binary inputs, and legacy text that does not convert cleanly,
are refused with an :class:`~pipeline.ingest.errors.IngestError` naming the reason.
"""

from __future__ import annotations

import codecs

from pipeline.ingest.errors import IngestError, sniff_binary
from pipeline.ingest.legacy import LegacyVerdict, detect_legacy, windows_1252

__all__ = ["decode", "decode_with_encoding"]


def decode(data: bytes, source: str = "<bytes>") -> str:
    """Decode article bytes: the text of :func:`decode_with_encoding`.

    >>> decode("Hội nghị".encode("utf-16"))
    'Hội nghị'
    >>> decode(b"H\\xe9i ngh\\xde t\\xe6ng k\\xd5t")  # TCVN3 (ABC) bytes
    'Hội nghị tổng kết'
    """
    return decode_with_encoding(data, source)[0]


def _accept(verdict: LegacyVerdict, source: str) -> tuple[str, str]:
    """The converted text of a legacy verdict, or the refusal naming the encoding."""
    if not verdict.reliable or verdict.text is None or verdict.encoding is None:
        raise IngestError(source, "decode", verdict.reason)
    return verdict.text, verdict.encoding


def _legacy_or(text: str, name: str, source: str, *, surface: str | None = None) -> tuple[str, str]:
    """``text`` under ``name``, unless it is legacy text: then converted, or refused."""
    verdict = detect_legacy(text if surface is None else surface, as_is=text)
    if verdict.encoding is None:
        return text, name
    return _accept(verdict, source)


def _unicode_with_bom(data: bytes, source: str) -> tuple[str, str] | None:
    """Text after a UTF-8 or UTF-16 byte-order mark, with its encoding name; None without one."""
    if data.startswith(codecs.BOM_UTF8):
        name, codec, label, body = "utf-8-sig", "utf-8", "UTF-8", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name, codec, label, body = "utf-16", "utf-16", "UTF-16", data
    else:
        return None
    try:
        return body.decode(codec), name
    except UnicodeDecodeError as exc:
        raise IngestError(source, "decode", f"{label} byte-order mark, but not {label} text "
                                            f"({exc.reason} at byte {exc.start + len(data) - len(body)})") from exc


def decode_with_encoding(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode article bytes and name the encoding that was used.

    In order: a UTF-8 or UTF-16 byte-order mark, UTF-8, TCVN3 or VNI (raw, or already
    mis-decoded as windows-1252 inside Unicode text), windows-1258. The name is one of
    ``utf-8``, ``utf-8-sig``, ``utf-16``, ``windows-1258``, ``tcvn3``, ``vni``.

    Raises:
        IngestError: empty or binary input, text in no known encoding, or legacy text
            that cannot be converted reliably (the reason names the encoding).

    >>> decode_with_encoding("Hội nghị".encode("utf-8"))
    ('Hội nghị', 'utf-8')
    >>> decode_with_encoding(b"H\\xe9i ngh\\xde t\\xe6ng k\\xd5t thi \\xaeua")
    ('Hội nghị tổng kết thi đua', 'tcvn3')
    """
    if not data.strip():
        raise IngestError(source, "decode", "empty file")
    what = sniff_binary(data)
    if what is not None:
        raise IngestError(source, "decode", f"binary file ({what}), not an article")
    with_bom = _unicode_with_bom(data, source)
    if with_bom is not None:
        return _legacy_or(*with_bom, source)
    if b"\x00" in data[:4096]:
        raise IngestError(source, "decode", "binary file (NUL bytes), not an article")
    try:
        return _legacy_or(data.decode("utf-8"), "utf-8", source)
    except UnicodeDecodeError:
        pass
    surface = windows_1252(data)
    try:
        as_is = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        verdict = detect_legacy(surface, as_is="")
        if verdict.encoding is None:
            raise IngestError(source, "decode", f"not UTF-8, UTF-16, TCVN3, VNI or windows-1258 text "
                                                f"({exc.reason} at byte {exc.start})") from exc
        return _accept(verdict, source)
    return _legacy_or(as_is, "windows-1258", source, surface=surface)
