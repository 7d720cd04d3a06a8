"""Vietnamese syllables: whether a written word is a well-formed syllable.

A syllable is an onset, a rhyme (toneless, lowercase) and at most one tone; a rhyme
closed by a stop (p, t, c, ch) takes only sắc or nặng. The inventory is data
(``extractors/data/syllables.toml``). Extractors use it to tell a word from a word cut
short by the end of an excerpt ("Đảng bộ Kh"); ingest uses it to score a candidate
legacy decoding (:mod:`pipeline.ingest.legacy`).
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from extractors.keys import TONE_NAMES

__all__ = ["DATA_FILE", "SyllableRules", "is_syllable", "syllable_rules"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "syllables.toml"


@dataclass(frozen=True)
class SyllableRules:
    """What a written Vietnamese syllable may look like (toneless, lowercase).

    Attributes:
        onsets: initial consonants, longest first (``""`` included).
        rhymes: every rhyme (``"ương"``, ``"oanh"`` ...).
        onset_before: onsets written only before some rhyme starts (``gh`` before
            i, e, ê).
        stop_codas: codas after which only ``stop_tones`` may stand.
        stop_tones: names of the tones allowed on a stopped rhyme (sắc, nặng).
    """

    onsets: tuple[str, ...]
    rhymes: frozenset[str]
    onset_before: Mapping[str, tuple[str, ...]]
    stop_codas: tuple[str, ...]
    stop_tones: frozenset[str]


@lru_cache(maxsize=4)
def syllable_rules(path: Path = DATA_FILE) -> SyllableRules:
    """The syllable rules of the data file.

    Raises:
        ValueError: the file cannot be read.
    """
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the syllable rules ({exc})") from exc
    return SyllableRules(
        onsets=tuple(sorted(raw["onsets"], key=len, reverse=True)),
        rhymes=frozenset(raw["rhymes"]),
        onset_before=MappingProxyType({k: tuple(v) for k, v in raw["onset_before"].items()}),
        stop_codas=tuple(raw["stop_codas"]),
        stop_tones=frozenset(raw["stop_tones"]),
    )


def _split_tone(word: str) -> tuple[str, str | None] | None:
    """``(toneless NFC lowercase word, tone name)``; None when it has two tone marks or
    one on a consonant (Spanish "ñ" is not "nã")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in TONE_NAMES]
    if len(tones) > 1:
        return None
    if tones:
        letters = [c for c in decomposed if not unicodedata.combining(c) or c in TONE_NAMES]
        at = letters.index(tones[0])
        if at == 0 or letters[at - 1] not in "aeiouy":
            return None
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_NAMES))
    return base, (TONE_NAMES[tones[0]] if tones else None)


def _rhyme_ok(onset: str, rhyme: str, tone: str | None, rules: SyllableRules) -> bool:
    allowed = rules.onset_before.get(onset)
    if allowed and not rhyme.startswith(allowed):
        return False
    if rhyme.endswith(rules.stop_codas) and tone not in rules.stop_tones:
        return False
    return True


def is_syllable(word: str, rules: SyllableRules | None = None) -> bool:
    """Whether ``word`` is a well-formed Vietnamese syllable, in either tone placement.

    >>> [is_syllable(w) for w in ("Nghị", "quyết", "hoà", "hòa", "Héi", "Vieät", "cản")]
    [True, True, True, True, False, False, True]
    >>> is_syllable("các"), is_syllable("cảc")  # a stopped rhyme takes only sắc or nặng
    (True, False)
    """
    rules = rules or syllable_rules()
    split = _split_tone(word)
    if split is None:
        return False
    base, tone = split
    for onset in rules.onsets:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset):]
        if onset == "gi" and rhyme not in rules.rhymes:
            rhyme = "i" + rhyme  # "giếng" is gi + iêng
        if rhyme in rules.rhymes and _rhyme_ok(onset, rhyme, tone, rules):
            return True
    return False
