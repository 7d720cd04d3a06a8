"""Text normalization: one canonical document text, and matching keys.

Every offset in thidua (extractor spans, gold annotations, exported tables) is an
offset into :func:`normalize_text` of the decoded input. The function is applied
once, at ingest, and nowhere else.

Matching keys (:func:`match_key`) are a separate, lossy view used only to compare
strings: they fold case, tone-mark placement (``hoà`` / ``hòa``), dashes and quotes,
so ``"Thuý"`` and ``"Thúy"`` or ``"NGuyễn"`` and ``"Nguyễn"`` compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "normalize_text",
    "fold_tone",
    "match_key",
    "strip_diacritics",
    "fix_name_case",
    "parse_int",
    "tokens",
]

# Characters that carry no text and break word matching inside names.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
# Unicode spaces that are really one ASCII space.
_SPACES = dict.fromkeys(
    map(ord, "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\x0b\x0c"),
    " ",
)
_MULTISPACE = re.compile(r" {2,}")
# The same two tables as regexes: a scan is much faster than str.translate on long text.
_INVISIBLE_RE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")
_SPACES_RE = re.compile("[" + "".join(map(chr, _SPACES)) + "]")
_ZWSP_BETWEEN = re.compile(r"(?<=([^\W\d_]))\u200b(?=([^\W\d_]))")

# Vietnamese tone marks as combining characters (NFD).
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_TONE_RE = re.compile(f"[{_TONES}]")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u2036"), '"')
_QUOTES.update(dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u2035"), "'"))
_WORD = re.compile(r"\w+", re.UNICODE)


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


@lru_cache(maxsize=1 << 16)
def fold_tone(word: str) -> str:
    """Canonical tone placement for matching: move the tone mark to the end.

    Old (``hoà``, ``Thuý``) and new (``hòa``, ``Thúy``) placements give the same key.
    The result is NFC but not meant for display.

    >>> fold_tone("hoà") == fold_tone("hòa")
    True
    """
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(_TONE_RE.findall(decomposed))
    base = _TONE_RE.sub("", decomposed)
    return unicodedata.normalize("NFC", base) + tones


def _fold_syllables(text: str) -> str:
    return _WORD.sub(lambda m: fold_tone(m.group(0)), text)


@lru_cache(maxsize=1 << 16)
def match_key(text: str) -> str:
    """Key for comparing two surface strings: NFC, case, tone placement, dashes,
    quotes and whitespace folded.

    >>> match_key("Cao Hồng Thuý") == match_key("cao hồng thúy")
    True
    >>> match_key("Vụ Thi đua – Khen thưởng") == match_key("Vụ Thi đua - Khen thưởng")
    True
    """
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE)).translate(_SPACES)
    text = text.translate(_DASHES).translate(_QUOTES).casefold()
    text = re.sub(r"\s*-\s*", " - ", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    return unicodedata.normalize("NFC", _fold_syllables(text))


def strip_diacritics(text: str) -> str:
    """Remove all Vietnamese diacritics, keeping ``đ``/``Đ`` as ``d``/``D``.

    >>> strip_diacritics("Đảng bộ Văn phòng")
    'Dang bo Van phong'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fix_name_case(name: str) -> str:
    """Fix letter case in a personal name, syllable by syllable.

    >>> fix_name_case("NGuyễn Thị Vân Nga")
    'Nguyễn Thị Vân Nga'
    >>> fix_name_case("THANH TRÚC")
    'Thanh Trúc'
    """
    return _WORD.sub(lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(), name)


_VI_NUMBERS = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10, "mươi": 10,
}


def parse_int(text: str) -> int | None:
    """Parse a count as written: zero-padded digits, thousands dots, or a spelled-out
    Vietnamese number up to 99.

    >>> parse_int("02"), parse_int("1.500"), parse_int("mười"), parse_int("hai mươi ba")
    (2, 1500, 10, 23)
    """
    s = text.strip().lower()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        return int(s.replace(".", ""))
    if s.isdigit():
        return int(s)
    words = s.split()
    if not words or any(w not in _VI_NUMBERS for w in words):
        return None
    values = [_VI_NUMBERS[w] for w in words]
    if len(values) == 1:
        return values[0]
    if values[0] == 10 and len(values) == 2:  # mười hai
        return 10 + values[1]
    if len(values) >= 2 and words[1] == "mươi":  # hai mươi (ba)
        tens = values[0] * 10
        rest = values[2] if len(values) == 3 else 0
        if len(values) > 3:
            return None
        return tens + (1 if len(values) == 3 and words[2] == "mốt" else rest)
    return None


def tokens(text: str) -> list[str]:
    """Word tokens of a match key, for token-overlap scores."""
    return _WORD.findall(match_key(text))
