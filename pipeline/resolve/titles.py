"""Deciding a person's offices: which mention an office belongs to and which written
offices are one.

Rules, each a :class:`~pipeline.resolve.decisions.Decision` of its name:

- ``titles.one_per_span``: an office that two mentions could claim belongs to the first
  of them, save an office written once for a list of its holders (``titles.list_office``),
  which is each one's;
- ``titles.same_office``: offices with one :func:`title_key` are one office, written
  without a comma where one form has none;
- ``titles.fuller_office``: an office that is the start of another of the same person
  is that office ("Phó Giám đốc" is "Phó Giám đốc Văn phòng Công nhận Chất lượng").

:func:`title_key` is the one key the pipeline and the cross-document registry compare
offices by.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from extractors.base import Candidate
from extractors.keys import match_key
from pipeline.resolve.decisions import Decision

__all__ = ["dedupe_title_spans", "person_offices", "title_key"]


def title_key(title: str) -> str:
    """The key two offices are compared by: :func:`~extractors.keys.match_key` with
    commas and runs of spaces folded to one space.

    >>> title_key("Phụ trách công tác thi đua, khen thưởng") == title_key("phụ trách công tác thi đua khen thưởng")
    True
    """
    return re.sub(r"[\s,]+", " ", match_key(title)).strip()


def dedupe_title_spans(titles: Sequence[Candidate]) -> tuple[list[Candidate], list[Decision]]:
    """``titles.one_per_span``: one candidate per span, the first (in text, then
    extraction order) standing; an office of a list stands for every person of it."""
    seen: set[tuple[int, int]] = set()
    kept, decisions = [], []
    for c in titles:
        if (c.start, c.end) in seen and c.rule != "titles.list_office":
            decisions.append(Decision("titles.one_per_span", "title", ((c.start, c.end),), c.get("person")))
            continue
        seen.add((c.start, c.end))
        kept.append(c)
    return kept, decisions


def person_offices(titles: Sequence[Candidate], person_of: Callable[[Candidate], str | None]
                   ) -> tuple[dict[str, list[Candidate]], list[Decision]]:
    """The offices of each person (``person_of`` maps a title to its person's id, or
    None), persons in order of their first office, offices in text order."""
    by_person: dict[str, list[Candidate]] = {}
    for c in titles:
        pid = person_of(c)
        if pid:
            by_person.setdefault(pid, []).append(c)
    decisions: list[Decision] = []
    out: dict[str, list[Candidate]] = {}
    for pid, cands in by_person.items():
        chosen: dict[str, Candidate] = {}
        for c in cands:
            key = title_key(c.text)
            old = chosen.get(key)
            if old is None or ("," in old.text and "," not in c.text):
                chosen[key] = c
            if old is not None:
                same = chosen[key]
                decisions.append(Decision("titles.same_office", "title", ((same.start, same.end),
                                          *((x.start, x.end) for x in (old, c) if x is not same)), same.normalized))
        keys = list(chosen)
        for key in keys:  # "Phó Giám đốc" is the same office as "Phó Giám đốc Văn phòng X"
            fuller = next((other for other in keys if other != key and other.startswith(key + " ")), None)
            if fuller is not None and key in chosen:
                dropped = chosen.pop(key)
                kept = chosen.get(fuller)
                if kept is not None:
                    decisions.append(Decision("titles.fuller_office", "title",
                                              ((kept.start, kept.end), (dropped.start, dropped.end)), kept.normalized))
        out[pid] = sorted(chosen.values(), key=lambda c: c.start)
    return out, decisions
