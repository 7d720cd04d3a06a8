"""Text normalization: one canonical document text.

Every offset in thidua (extractor spans, gold annotations, exported tables) is an
offset into :func:`normalize_text` of the decoded input. The function is applied
once, when a document is made (:func:`pipeline.segment.make_document`), and nowhere
else. The lossy matching keys that compare strings are :mod:`extractors.keys`.
"""

from __future__ import annotations

import re
import unicodedata

from extractors.keys import INVISIBLE, SPACES

__all__ = ["normalize_text"]

_MULTISPACE = re.compile(r" {2,}")
# A scan is much faster than str.translate on long text.
_INVISIBLE_RE = re.compile("[" + INVISIBLE + "]")
_SPACES_RE = re.compile("[" + SPACES + "]")
_ZWSP_BETWEEN = re.compile(r"(?<=([^\W\d_]))\u200b(?=([^\W\d_]))")


def normalize_text(raw: str) -> str:
    r"""Return the canonical document text that all offsets refer to.

    Unicode NFC; CRLF and CR to LF; zero-width characters and soft hyphens removed;
    every Unicode space to one ASCII space; runs of spaces collapsed; lines stripped;
    the whole text stripped. Line structure (paragraphs, blank lines) is kept.

    >>> normalize_text("Nguye\u0302\u0303n\u00a0Va\u0306n  A\r\n")
    'Nguyễn Văn A'
    """
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    if "\u200b" in text:  # a zero-width space standing for a space: "Nguyễn\u200bVăn" is two words
        text = _ZWSP_BETWEEN.sub(lambda m: " " if m.group(1).islower() and m.group(2).isupper() else "\u200b", text)
    text = _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", text))
    text = unicodedata.normalize("NFC", text)  # a deleted character may have parted a letter and its mark
    text = _MULTISPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return text.strip()
