"""Checks that a pattern rewritten for speed matches exactly as the plain one it replaces."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.normalize import normalize_text
from tests.conftest import CORPUS, DEVSET


@lru_cache(maxsize=1)
def corpus_texts() -> tuple[str, ...]:
    """Every bundled and development article, normalized as the pipeline reads it."""
    paths = sorted((CORPUS / "articles").glob("*.txt")) + (sorted(DEVSET.glob("*.txt")) if DEVSET.is_dir() else [])
    return tuple(normalize_text(p.read_text(encoding="utf-8")) for p in paths)


def _found(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> list[tuple]:
    end = len(text) if endpos is None else endpos
    return [(m.span(), m.groups()) for m in pattern.finditer(text, pos, end)]


def assert_same_matches(new: re.Pattern[str], old: re.Pattern[str], texts: list[str] | tuple[str, ...], *,
                        every_position: bool = False) -> None:
    """``finditer`` gives the same spans and groups on every text (also from a position and
    up to an end inside it); with ``every_position``, so do ``match`` and ``search`` at every
    position of every text."""
    for text in texts:
        assert _found(new, text) == _found(old, text), text[:200]
        third = len(text) // 3
        assert _found(new, text, third, 2 * third) == _found(old, text, third, 2 * third), text[:200]
        if every_position:
            for i in range(len(text) + 1):
                for a, b in ((new.match(text, i), old.match(text, i)), (new.search(text, i), old.search(text, i)),
                             (new.match(text, 0, i), old.match(text, 0, i))):
                    assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (text, i)


def variants_around(words: list[str]) -> list[str]:
    """Hand-made edges for a list of phrases: each phrase alone, upper- and lower-cased,
    glued to a word or a digit on either side, after punctuation and a newline, with two
    spaces or a line break inside, and cut short."""
    out = []
    for w in words:
        for form in {w, w.upper(), w.lower(), w.capitalize(), w.replace(" ", "  "), w.replace(" ", "\n"), w[:-1]}:
            out.append(f"{form} | x{form} | {form}x | 1{form}1 | ({form}), “{form}”\n{form}.{form} {form}-{form}")
    return out
