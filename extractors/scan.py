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


_SHORT = 240  # characters: a text shorter than this is scanned by the pattern itself


class ScanGroup:
    """The first words of several scanners of one case mode, in one automaton: a text is
    folded and scanned once for all of them. The starts of the last few texts asked for
    are kept (a document's regions and clauses ask for its text many times)."""

    _KEPT = 4  # texts whose starts are kept: a document's text and the clauses cut from it

    def __init__(self, ignore_case: bool) -> None:
        self.ignore_case = ignore_case
        self.members: list[tuple[str, ...]] = []
        self._automaton: Any = None
        self._fold: dict[int, str] | None = None
        self._unlike = ""
        self._kept: dict[int, tuple[str, list[list[int]]]] = {}

    def __getstate__(self) -> dict[str, Any]:  # the automaton and the kept starts are rebuilt, not pickled
        return {"ignore_case": self.ignore_case, "members": self.members}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["ignore_case"])  # type: ignore[misc]
        self.members = list(state["members"])

    def add(self, words: tuple[str, ...]) -> int:
        """A new member (its first words); its index. The automaton is built again."""
        self.members.append(words)
        self._automaton = None
        self._kept.clear()
        return len(self.members) - 1

    def _build(self) -> None:
        import ahocorasick

        fold: dict[int, str] | None = None
        chars = sorted(set("".join(w for words in self.members for w in words)))
        if self.ignore_case:
            fold = {}
            unlike: set[str] = set()  # matched to a letter whose lower case is another ("ſ" to "s")
            for char in chars:
                same = ci_closure(char) or char
                representative = char.lower() if len(char.lower()) == 1 else min(same)  # as lower() folds the words
                unlike.update(c for c in same if c.lower() != char.lower() and len(c.lower()) == 1)
                for c in same:
                    if fold.setdefault(ord(c), representative) != representative:
                        raise ValueError(f"case classes of {char!r} overlap")  # never for Vietnamese letters
            self._unlike = "".join(sorted(unlike))
        self._fold = fold
        owners: dict[str, list[int]] = {}
        for index, words in enumerate(self.members):
            for word in words:
                members = owners.setdefault(self._folded(word), [])
                if index not in members:
                    members.append(index)
        automaton = ahocorasick.Automaton()
        for key, members in owners.items():
            automaton.add_word(key, (len(key) - 1, tuple(members)))
        automaton.make_automaton()
        self._automaton = automaton

    def _folded(self, text: str) -> str:
        """``text`` folded character for character: lower-cased (fast, in C) when that folds
        as the engine does and keeps every offset (no character lower-cased into two, none
        of those that lower-casing folds otherwise than the engine), else through the table."""
        fold = self._fold
        if fold is None:
            return text
        if not any(c in text for c in self._unlike):
            lowered = text.lower()
            if len(lowered) == len(text):
                return lowered
        return text.translate(fold)

    def starts(self, text: str, index: int) -> list[int]:
        """Every position of ``text`` where a first word of member ``index`` is written, in order."""
        kept = self._kept.get(id(text))
        if kept is None or kept[0] is not text:
            if self._automaton is None:
                self._build()
            found: list[list[int]] = [[] for _ in self.members]
            for end, (back, members) in self._automaton.iter(self._folded(text)):
                for member in members:
                    found[member].append(end - back)
            if len(self._kept) >= self._KEPT:
                del self._kept[next(iter(self._kept))]
            kept = self._kept[id(text)] = (text, [sorted(set(f)) for f in found])
        return kept[1][index]


class PhraseScanner:
    """``pattern`` (compiled), every match of which begins with one of ``words``, scanned
    from the positions where one of them is written; the words are scanned for with those
    of the other scanners of ``group`` (one of its own by default). Other methods (``sub``,
    ``split``, ``findall``, ...) are the pattern's own.

    >>> p = PhraseScanner(re.compile(r"(?<!\\w)(?:Bộ Y tế|Bộ|Sở)(?!\\w)"), ["Bộ", "Sở"])
    >>> [m.group(0) for m in p.finditer("Bộ Y tế, Sở và Bộ. Bộy")]
    ['Bộ Y tế', 'Sở', 'Bộ']
    """

    def __init__(self, pattern: re.Pattern[str], words: Iterable[str], group: ScanGroup | None = None) -> None:
        self.pattern = pattern
        self.words = tuple(sorted(set(words)))
        if not self.words or any(not w for w in self.words):
            raise ValueError("a phrase scanner needs non-empty first words")
        ignore_case = bool(pattern.flags & re.IGNORECASE)
        self.group = group if group is not None else ScanGroup(ignore_case)
        if self.group.ignore_case != ignore_case:
            raise ValueError("a scan group holds patterns of one case mode")
        self.index = self.group.add(self.words)

    def __getstate__(self) -> dict[str, Any]:
        return {"pattern": self.pattern, "words": self.words, "group": self.group, "index": self.index}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name in ("pattern", "words", "group", "index"):
            raise AttributeError(name)
        return getattr(self.pattern, name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PhraseScanner) and (self.pattern, self.words) == (other.pattern, other.words)

    def __hash__(self) -> int:
        return hash((self.pattern, self.words))

    def __repr__(self) -> str:
        return f"PhraseScanner({self.pattern.pattern[:40]!r}..., {len(self.words)} first words)"

    def starts(self, text: str) -> list[int]:
        """Every position of ``text`` where one of the first words is written, in order."""
        return self.group.starts(text, self.index)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """The pattern's ``finditer(text, pos, endpos)``; a short text (a clause cut from
        a document) is scanned by the pattern itself, as cheap, and the group keeps the
        starts of the document's text."""
        if len(text) < _SHORT:
            yield from self.pattern.finditer(text, pos, endpos)
            return
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
