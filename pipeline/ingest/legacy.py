"""Legacy Vietnamese encodings: TCVN3 (ABC) and VNI, detected and converted to Unicode.

Old government pages still carry text typed in the 8-bit ``.VnTime`` (TCVN3, "ABC")
and ``VNI-Times`` (VNI) fonts, either as raw bytes or already mis-decoded as
windows-1252 into Unicode: ``"Héi nghÞ tæng kÕt"`` is *Hội nghị tổng kết*,
``"Vieät Nam"`` is *Việt Nam*. The tables are data
(``pipeline/ingest/data/legacy_encodings.toml``); this module reads them.

Detection is conservative. A candidate decoding is scored by the share of its words
that are valid Vietnamese syllables (:func:`extractors.syllables.is_syllable`);
a legacy decoding is taken only when it reads clearly better than the text as it is
*and* well on its own. A normal UTF-8 or windows-1258 article already reads as
Vietnamese, so it is never converted. Text that looks legacy but does not convert
cleanly is refused with the encoding's name rather than guessed at.

:func:`decode_with_encoding` is the whole decoding chain of the pipeline (BOMs, UTF-8,
legacy, windows-1258).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from extractors.syllables import SyllableRules, is_syllable, syllable_rules

__all__ = [
    "ACCEPT_SHARE",
    "MARGIN",
    "MIN_WORDS",
    "SEPARATION",
    "LegacyTable",
    "LegacyVerdict",
    "detect_legacy",
    "from_unicode",
    "legacy_tables",
    "syllable_share",
    "to_unicode",
    "windows_1252",
    "windows_1252_bytes",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "legacy_encodings.toml"

# A legacy decoding is accepted when at least ACCEPT_SHARE of its words are syllables,
# it beats the text as it is by MARGIN and the other legacy table by SEPARATION, over
# at least MIN_WORDS scored words. It is *suspected* (and refused) when it beats the
# text as it is by MARGIN but misses one of the other two bars.
ACCEPT_SHARE = 0.8
MARGIN = 0.3
SEPARATION = 0.2
MIN_WORDS = 3
# Detection reads at most this many characters (a whole article is far less).
_SAMPLE_CHARS = 50_000

_TOKEN = re.compile(r"\S+")
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")
# windows-1252's letters and signs in 80-9F (smart quotes, dashes ...): bytes a legacy
# document typed on Windows carries next to its letters. Undefined bytes stay Latin-1.
_CP1252_C1 = MappingProxyType({
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)})
_CP1252_C1_BYTES = MappingProxyType({ord(char): b for b, char in _CP1252_C1.items()})
_SURFACE_CHARS = frozenset(map(chr, range(0x100))) | frozenset(_CP1252_C1.values())
# Vietnamese letters that windows-1252 also has: not evidence of a legacy encoding.
_UNICODE_VI = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# Lowercase letters that have a capital in TCVN3: seen in a word, it was not typed in capitals.
_PLAIN_LOWER = frozenset("ăâêôơưđ")


@dataclass(frozen=True)
class LegacyTable:
    """One legacy encoding: surface sequence (the bytes read as Latin-1) to Unicode letter.

    Build with :func:`legacy_tables`, which also compiles ``pattern`` and ``reverse``.

    Attributes:
        name: short name, ``"tcvn3"`` or ``"vni"``.
        label: the name a user knows, ``"TCVN3 (ABC)"``.
        sequences: surface string (one to two characters) to NFC letter.
        uppercase_words: the encoding has no toned capitals, so a word typed in capitals
            ("HéI" = HỘI) is upper-cased after conversion.
        pattern: every surface sequence, longest first.
        reverse: NFC letter to its surface sequence (the encoder's table).
    """

    name: str
    label: str
    sequences: Mapping[str, str]
    uppercase_words: bool
    pattern: re.Pattern[str] = field(compare=False, repr=False)
    reverse: Mapping[str, str] = field(compare=False, repr=False)

    @property
    def signature(self) -> frozenset[str]:
        """Characters of the table that Unicode Vietnamese text does not use as letters."""
        chars = {c for seq in self.sequences for c in seq if ord(c) >= 0x80}
        return frozenset(chars - _UNICODE_VI)


@dataclass(frozen=True)
class LegacyVerdict:
    """What :func:`detect_legacy` found.

    Attributes:
        encoding: ``"tcvn3"`` or ``"vni"`` when the text looks legacy, else None.
        reliable: the conversion reads well enough to be used.
        text: the converted text (NFC) when ``encoding`` is set and ``reliable``.
        scores: share of valid syllables per candidate (``"as-is"``, ``"tcvn3"``, ``"vni"``).
        words: how many words the best candidate was scored on.
        reason: why a suspected legacy text is refused ("" otherwise).
    """

    encoding: str | None
    reliable: bool
    text: str | None
    scores: Mapping[str, float]
    words: int
    reason: str = ""


def _read_data(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: cannot read legacy encoding data ({exc})") from exc


def _table(name: str, raw: Mapping) -> LegacyTable:
    sequences: dict[str, str] = {}
    for key, letter in raw["sequences"].items():
        data = bytes.fromhex(key)
        if any(0x7F <= b <= 0xA0 or b < 0x20 for b in data):
            raise ValueError(f"{name}: sequence {key!r} uses a byte outside 20-7E and A1-FF")
        if unicodedata.normalize("NFC", letter) != letter or len(letter) != 1:
            raise ValueError(f"{name}: {key!r} must map to one NFC letter, not {letter!r}")
        sequences[data.decode("latin-1")] = letter
    pattern = re.compile("|".join(map(re.escape, sorted(sequences, key=len, reverse=True))))
    reverse = {letter: seq for seq, letter in sequences.items()}
    return LegacyTable(name, raw["label"], MappingProxyType(sequences), bool(raw["uppercase_words"]), pattern,
                       MappingProxyType(reverse))


@lru_cache(maxsize=4)
def legacy_tables(path: Path = DATA_FILE) -> Mapping[str, LegacyTable]:
    """The legacy tables by name, read from the data file.

    >>> sorted(legacy_tables()), legacy_tables()["tcvn3"].label
    (['tcvn3', 'vni'], 'TCVN3 (ABC)')
    """
    data = _read_data(path)
    return MappingProxyType({name: _table(name, data[name]) for name in ("tcvn3", "vni")})


def _scored_words(text: str) -> list[str]:
    """The words of ``text`` that carry a non-ASCII letter, edge punctuation stripped."""
    words = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token.isascii():
            continue
        word = _EDGES.sub("", token)
        if word and not word.isascii():
            words.append(word)
    return words


def syllable_share(text: str, rules: SyllableRules | None = None) -> tuple[float, int]:
    """Share of the words with a non-ASCII letter that are Vietnamese syllables, and
    how many such words there are.

    >>> syllable_share("Hội nghị tổng kết công tác thi đua")
    (1.0, 7)
    >>> syllable_share("Héi nghÞ tæng kÕt")[0]
    0.0
    """
    words = _scored_words(unicodedata.normalize("NFC", text))
    if not words:
        return 0.0, 0
    rules = rules or syllable_rules()
    verdicts: dict[str, bool] = {}  # an article repeats its words: judge each once
    for word in words:
        if word not in verdicts:
            verdicts[word] = is_syllable(word, rules)
    return sum(verdicts[w] for w in words) / len(words), len(words)


def _capitalised(token: str, table: LegacyTable) -> bool:
    """A word typed in capitals: two or more capitals and no lowercase plain letter."""
    upper = lower = 0
    for char in token:
        letter = table.sequences.get(char, char if char.isascii() else "")
        upper += letter.isupper()
        lower += letter.islower() and (char.isascii() or letter in _PLAIN_LOWER)
    return upper >= 2 and lower == 0


def _convert_token(token: str, table: LegacyTable) -> str:
    if token.isascii() or not _SURFACE_CHARS.issuperset(token):
        return token  # ASCII, or Unicode letters no legacy surface has: leave it
    converted = table.pattern.sub(lambda m: table.sequences[m.group(0)], token)
    if table.uppercase_words and _capitalised(token, table):
        converted = converted.upper()
    return converted


def to_unicode(surface: str, table: LegacyTable) -> str:
    """Convert legacy text, read as Latin-1/windows-1252, to Unicode NFC.

    Words holding a character no legacy byte reads as (``ư``, ``ệ`` ...) are already
    Unicode and are left as they are.

    >>> to_unicode("Héi nghÞ tæng kÕt", legacy_tables()["tcvn3"])
    'Hội nghị tổng kết'
    >>> to_unicode("Vieät Nam", legacy_tables()["vni"])
    'Việt Nam'
    """
    converted: dict[str, str] = {}  # an article repeats its words: convert each once

    def convert(match: re.Match[str]) -> str:
        token = match.group(0)
        if token not in converted:
            converted[token] = _convert_token(token, table)
        return converted[token]

    return unicodedata.normalize("NFC", _TOKEN.sub(convert, surface))


def from_unicode(text: str, table: LegacyTable) -> bytes:
    """Encode Unicode Vietnamese text in a legacy encoding (the inverse of :func:`to_unicode`).

    A toned capital that TCVN3 lacks is written with its lowercase byte, as typists did
    for the ``.VnTimeH`` fonts; signs the table does not use (“ ” – … °) keep their
    windows-1252 byte, as in a document typed on Windows.

    Raises:
        ValueError: a character the encoding cannot write.

    >>> from_unicode("Hội nghị", legacy_tables()["tcvn3"])
    b'H\\xe9i ngh\\xde'
    """
    reverse = table.reverse
    used = frozenset(c for seq in table.sequences for c in seq)
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char in reverse:
            out.append(reverse[char])
        elif char.isascii() or (char in _SURFACE_CHARS and char not in used and not char.isalpha()):
            out.append(char)
        elif table.uppercase_words and char.lower() in reverse:
            out.append(reverse[char.lower()])
        else:
            raise ValueError(f"{table.label} cannot encode {char!r} (U+{ord(char):04X})")
    return windows_1252_bytes("".join(out))


def _has_signature(sample: str, tables: Mapping[str, LegacyTable]) -> bool:
    """Any character a legacy table uses that Unicode Vietnamese does not use as a letter
    (a cheap gate: the syllable scores decide)."""
    signature = frozenset().union(*(t.signature for t in tables.values()))
    return not signature.isdisjoint(sample)


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", 0, _SAMPLE_CHARS)
    return text[:cut if cut > 0 else _SAMPLE_CHARS]


def detect_legacy(surface: str, *, as_is: str | None = None) -> LegacyVerdict:
    """Decide whether ``surface`` is TCVN3 or VNI text read as Latin-1/windows-1252.

    Args:
        surface: the text as characters; for raw bytes, the bytes read as windows-1252.
        as_is: the text the pipeline would use otherwise (the windows-1258 decoding of
            raw bytes); defaults to ``surface``; ``""`` when there is none.

    >>> v = detect_legacy("Héi nghÞ tæng kÕt c«ng t¸c thi ®ua")
    >>> v.encoding, v.reliable, v.text
    ('tcvn3', True, 'Hội nghị tổng kết công tác thi đua')
    >>> detect_legacy("Hội nghị tổng kết công tác thi đua").encoding is None
    True
    """
    tables = legacy_tables()
    sample = _sample(surface)
    baseline = _sample(surface if as_is is None else as_is)
    if not _has_signature(sample, tables):
        return LegacyVerdict(None, False, None, MappingProxyType({}), 0)
    rules = syllable_rules()
    scores = {"as-is": syllable_share(baseline, rules)[0]}
    counts: dict[str, int] = {}
    for name, table in tables.items():
        scores[name], counts[name] = syllable_share(to_unicode(sample, table), rules)
    ranked = sorted(tables, key=lambda n: scores[n], reverse=True)
    best, second = ranked[0], ranked[1]
    frozen = MappingProxyType(scores)
    if counts[best] < MIN_WORDS or scores[best] - scores["as-is"] < MARGIN:
        return LegacyVerdict(None, False, None, frozen, counts[best])
    reason = _refusal(tables[best], tables[second], scores)
    if reason:
        return LegacyVerdict(best, False, None, frozen, counts[best], reason)
    return LegacyVerdict(best, True, to_unicode(surface, tables[best]), frozen, counts[best])


def _refusal(best: LegacyTable, second: LegacyTable, scores: Mapping[str, float]) -> str:
    """Why the best legacy reading cannot be trusted, or "" when it can."""
    if scores[best.name] < ACCEPT_SHARE:
        return (f"legacy {best.label} encoding, but only {scores[best.name]:.0%} of its words convert to "
                f"Vietnamese syllables (at least {ACCEPT_SHARE:.0%} needed); convert the file to Unicode first")
    if scores[best.name] - scores[second.name] < SEPARATION:
        return (f"legacy {best.label} encoding, but {second.label} reads almost as well "
                f"({scores[best.name]:.0%} and {scores[second.name]:.0%} valid syllables); "
                "convert the file to Unicode first")
    return ""


def windows_1252(data: bytes) -> str:
    """Bytes as windows-1252 characters; its five undefined bytes as Latin-1."""
    return data.decode("latin-1").translate(_CP1252_C1)


def windows_1252_bytes(surface: str) -> bytes:
    """The inverse of :func:`windows_1252`."""
    return surface.translate(_CP1252_C1_BYTES).encode("latin-1")
