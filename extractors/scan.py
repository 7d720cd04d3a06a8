"""Long phrase alternations scanned through an Aho-Corasick automaton of their first words.

Python's ``re`` scans an alternation of a hundred unit heads or national bodies by trying
the pattern at nearly every position of a text: the capitals the phrases begin with are
everywhere. A :class:`PhraseScanner` finds, in C and in one pass over the text
(pyahocorasick), every position where a phrase's first word is written, and tries the
compiled pattern only there. Every match of such a pattern begins with the first word of
one of its phrases in one of its spellings, so these positions hold every match: the
scanner gives exactly the pattern's own matches, groups included, for ``finditer``,
``search`` and ``match``, with or without ``pos`` and ``endpos``
(``tests/extractors/test_scan.py`` checks it over the corpus, the devset and hand-made
edges). Under ``re.IGNORECASE`` the text is folded character for character, each
character to one representative of the characters the engine itself matches to it, so
that offsets stay those of the text.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

__all__ = ["PhraseScanner", "ci_closure", "first_words"]

_TOKENS = re.compile(r"(\s+|[-–—])")


def ci_closure(chars: str) -> str:
    """Every character that ``re`` matches case-insensitively to one of ``chars`` ("k" also
    matches the Kelvin sign, "s" the long s), as the engine itself decides: a scan of the
    Basic Multilingual Plane (no case mapping leaves it, which
    ``tests/extractors/test_lexicon.py`` checks over every code point).

    >>> ci_closure("bđ")
    'BbĐđ'
    """
    matcher = re.compile("[" + "".join(re.escape(c) for c in chars) + "]", re.IGNORECASE)
    return "".join(sorted(set(matcher.findall(_bmp()))))


@lru_cache(maxsize=1)
def _bmp() -> str:
    return "".join(map(chr, range(0x10000)))


def first_words(phrases: Iterable[str], spellings: Any) -> frozenset[str] | None:
    """Every spelling (``spellings(word)``: its tone placements) of the first word of each
    phrase, as :func:`~extractors.lexicon.vi_pattern` splits it; None when a phrase does not
    begin with a word (then nothing is known to begin its matches).

    >>> sorted(first_words(["Ủy ban nhân dân", "Bộ Y tế", "Bộ"], lambda w: {w, w.replace("Ủy", "Uỷ")}))
    ['Bộ', 'Uỷ', 'Ủy']
    """
    out: set[str] = set()
    for phrase in phrases:
        tokens = [t for t in _TOKENS.split(phrase.strip()) if t]
        if not tokens or tokens[0].isspace() or tokens[0] in "-–—":
            return None
        out.update(spellings(tokens[0]))
    return frozenset(out)


class PhraseScanner:
    """``pattern`` (compiled), every match of which begins with one of ``words``, scanned
    from the positions where one of them is written. Other methods (``sub``, ``split``,
    ``findall``, ...) are the pattern's own.

    >>> p = PhraseScanner(re.compile(r"(?<!\\w)(?:Bộ Y tế|Bộ|Sở)(?!\\w)"), ["Bộ", "Sở"])
    >>> [m.group(0) for m in p.finditer("Bộ Y tế, Sở và Bộ. Bộy")]
    ['Bộ Y tế', 'Sở', 'Bộ']
    """

    def __init__(self, pattern: re.Pattern[str], words: Iterable[str]) -> None:
        self.pattern = pattern
        self.words = tuple(sorted(set(words)))
        if not self.words or any(not w for w in self.words):
            raise ValueError("a phrase scanner needs non-empty first words")
        self._fold: dict[int, str] | None = None
        self._unlike = ""
        self._automaton: Any = None
        self._text: str | None = None
        self._starts: list[int] = []

    def __getstate__(self) -> dict[str, Any]:  # the automaton and the last text are rebuilt, not pickled
        return {"pattern": self.pattern, "words": self.words}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["pattern"], state["words"])  # type: ignore[misc]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.pattern, name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PhraseScanner) and (self.pattern, self.words) == (other.pattern, other.words)

    def __hash__(self) -> int:
        return hash((self.pattern, self.words))

    def __repr__(self) -> str:
        return f"PhraseScanner({self.pattern.pattern[:40]!r}..., {len(self.words)} first words)"

    def _build(self) -> None:
        import ahocorasick

        fold: dict[int, str] | None = None
        if self.pattern.flags & re.IGNORECASE:
            fold = {}
            unlike: set[str] = set()  # matched to a letter whose lower case is another ("ſ" to "s")
            for char in sorted(set("".join(self.words))):
                same = ci_closure(char) or char
                representative = char.lower() if len(char.lower()) == 1 else min(same)  # as lower() folds the words
                unlike.update(c for c in same if c.lower() != char.lower() and len(c.lower()) == 1)
                for c in same:
                    if fold.setdefault(ord(c), representative) != representative:
                        raise ValueError(f"case classes of {char!r} overlap")  # never for Vietnamese letters
            self._unlike = "".join(sorted(unlike))
        automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
        for word in self.words:
            automaton.add_word(self._folded(word, fold))
        automaton.make_automaton()
        self._fold, self._automaton = fold, automaton

    def _folded(self, text: str, fold: dict[int, str] | None) -> str:
        """``text`` folded character for character: lower-cased (fast, in C) when that folds
        as the engine does and keeps every offset (no character lower-cased into two, none
        of those that lower-casing folds otherwise than the engine), else through the table."""
        if fold is None:
            return text
        if not any(c in text for c in self._unlike):
            lowered = text.lower()
            if len(lowered) == len(text):
                return lowered
        return text.translate(fold)

    def starts(self, text: str) -> list[int]:
        """Every position of ``text`` where a first word is written, in order (those of
        the last text asked for are kept: a document's regions ask for one text many times)."""
        if text is not self._text:
            if self._automaton is None:
                self._build()
            folded = self._folded(text, self._fold)
            self._starts = sorted({end - length + 1 for end, length in self._automaton.iter(folded)})
            self._text = text
        return self._starts

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """The pattern's ``finditer(text, pos, endpos)``."""
        starts = self.starts(text)
        endpos = min(endpos, len(text))
        match = self.pattern.match
        last = pos
        for i in range(bisect_left(starts, pos), len(starts)):
            start = starts[i]
            if start >= endpos:
                break
            if start < last:
                continue
            m = match(text, start, endpos)
            if m is not None:
                yield m
                last = m.end() if m.end() > start else start + 1

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """The pattern's ``search(text, pos, endpos)``."""
        return next(self.finditer(text, pos, endpos), None)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """The pattern's own ``match``."""
        return self.pattern.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """The pattern's own ``fullmatch``."""
        return self.pattern.fullmatch(text, pos, endpos)
