"""Matching keys: the lossy views of text that extractors and resolvers compare.

Document text itself is made once by :func:`pipeline.normalize.normalize_text`; the
keys here never change it, they only compare strings. :func:`match_key` folds case,
tone-mark placement (``hoà`` / ``hòa``), dashes and quotes, so ``"Thuý"`` and
``"Thúy"`` or ``"NGuyễn"`` and ``"Nguyễn"`` compare equal. The Vietnamese tone marks
(:data:`TONE_MARKS`) are defined here and nowhere else.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "once_match_key",
    "TONE_MARKS",
    "TONE_NAMES",
    "INVISIBLE",
    "SPACES",
    "NUMBER_WORDS",
    "fold_tone",
    "tone_variants",
    "match_key",
    "strip_diacritics",
    "fix_name_case",
    "parse_int",
    "tokens",
    "COUNT_WORDS",
    "TENS",
    "UPPER",
    "CAPITAL",
    "LOWER_LETTER",
]

# Characters that carry no text and break word matching inside names.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
# Unicode spaces that are really one ASCII space.
SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\x0b\x0c"
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE), None)
_SPACES = dict.fromkeys(map(ord, SPACES), " ")

# Vietnamese tone marks as combining characters (NFD), with their names.
TONE_NAMES: Mapping[str, str] = MappingProxyType(
    {"\u0300": "huyền", "\u0301": "sắc", "\u0303": "ngã", "\u0309": "hỏi", "\u0323": "nặng"})
TONE_MARKS = "".join(TONE_NAMES)
_TONE_RE = re.compile(f"[{TONE_MARKS}]")
_PAIRS = ("oa", "oe", "uy")  # open pairs whose tone mark is written in either place
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u2036"), '"')
_QUOTES.update(dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u2035"), "'"))
_WORD = re.compile(r"\w+", re.UNICODE)

# Every capital letter of the Basic Multilingual Plane, and the regex classes of a capital
# and of a lower-case letter: Vietnamese capitals carry marks ("Ủy viên", "Ấp", "Ông",
# "Ứng Hòa") that "[A-ZĐ]" misses and "[^A-ZĐ]" takes for lower case.
UPPER = "".join(c for c in map(chr, range(0x10000)) if c.isupper())
CAPITAL = f"[{re.escape(UPPER)}]"
LOWER_LETTER = rf"(?!{CAPITAL})[^\W\d_]"


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


def tone_variants(syllable: str) -> set[str]:
    """Both tone placements of an open ``oa``/``oe``/``uy`` syllable; else itself.

    >>> sorted(tone_variants("hòa"))
    ['hoà', 'hòa']
    >>> sorted(tone_variants("Thuý"))
    ['Thuý', 'Thúy']
    """
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [c for c in decomposed if c in TONE_NAMES]
    if len(tones) != 1:
        return {syllable}
    base = "".join(c for c in decomposed if c not in TONE_NAMES)
    base_nfc = unicodedata.normalize("NFC", base)
    low = base_nfc.lower()
    for pair in _PAIRS:
        if low.endswith(pair) and not (pair == "uy" and low.endswith("quy")):
            i = len(base_nfc) - 2
            first = base_nfc[: i + 1] + tones[0] + base_nfc[i + 1:]
            second = base_nfc + tones[0]
            return {unicodedata.normalize("NFC", first), unicodedata.normalize("NFC", second)}
    return {syllable}


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


def once_match_key(text: str) -> str:
    """:func:`match_key` without its cache, for a string that comes once (a document's
    own quotations, a signature's note): kept, such strings would only fill the cache,
    and the memory of a long run would grow with its documents.

    >>> once_match_key("Vì đàn em thân yêu") == match_key("vì đàn em thân yêu")
    True
    """
    return match_key.__wrapped__(text)


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
    if name.isalpha():  # one syllable (most calls): one word, no regex needed
        return name[:1].upper() + name[1:].lower()
    return _WORD.sub(lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(), name)


def _read_numbers() -> tuple[Mapping[str, int], str, tuple[str, ...]]:
    with (Path(__file__).parent / "data" / "numbers.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return MappingProxyType(dict(data["words"])), str(data["tens"]["word"]), tuple(data["counts"]["words"])


NUMBER_WORDS, TENS, COUNT_WORDS = _read_numbers()
"""Number words and their values, the word for tens, and the words that may stand for
a count before a recipient noun (``extractors/data/numbers.toml``)."""


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
    if not words or any(w not in NUMBER_WORDS and w != TENS for w in words):
        return None
    if len(words) == 1:
        return NUMBER_WORDS.get(words[0])
    if words[0] == "mười" and len(words) == 2 and words[1] in NUMBER_WORDS:  # mười hai
        return 10 + NUMBER_WORDS[words[1]]
    if len(words) in (2, 3) and words[1] == TENS and words[0] in NUMBER_WORDS:  # hai mươi (ba)
        rest = NUMBER_WORDS.get(words[2], -1) if len(words) == 3 else 0
        return NUMBER_WORDS[words[0]] * 10 + rest if rest >= 0 else None
    return None


def tokens(text: str) -> list[str]:
    """Word tokens of a match key, for token-overlap scores."""
    return _WORD.findall(match_key(text))
