"""Deciding who is who in one document: the mentions of each person, and their name.

Rules, each a :class:`~pipeline.resolve.decisions.Decision` of its name:

- ``people.same_name``: mentions whose names have one match key (case, tone placement
  folded: "NGuyễn Thị Vân Nga" = "Nguyễn Thị Vân Nga") are one person;
- ``people.tail_name``: a shorter name that is the tail of exactly one fuller name is
  that person ("ông Nam" → "Vũ Đức Nam");
- ``people.head_name``: a name written given name first (an Ê Đê or M'nông name, "Y
  Thắng Êban") that is the head of exactly one fuller name is that person ("ông Y Thắng");
- ``people.fullest_name``: a person's name is the fullest form written (most syllables);
- ``people.author_not_person``: a mention inside the author's own credit (a signature
  line "Nguyễn Văn Hùng (Văn phòng HĐND-UBND huyện)") is the writer, not a person of the
  article (ANNOTATION.md: the author is listed among people only when named as a participant).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractors.base import Candidate
from extractors.keys import match_key
from pipeline.resolve.decisions import Decision

__all__ = ["Person", "resolve_people", "without_author"]


@dataclass(frozen=True)
class Person:
    """One person of a document: the name, the cues written before it, every mention.

    ``keys`` are the match keys of every name form the person is mentioned by.
    """

    name: str
    honorific: str | None
    rank: str | None
    mentions: tuple[Candidate, ...]
    keys: frozenset[str]


def without_author(people: Sequence[Candidate], author: Candidate | None) -> tuple[list[Candidate], list[Decision]]:
    """The person mentions outside the author's credit (``people.author_not_person``)."""
    if author is None:
        return list(people), []
    inside = [c for c in people if c.start < author.end and author.start < c.end]
    if not inside:
        return list(people), []
    decision = Decision("people.author_not_person", "person", tuple((c.start, c.end) for c in inside), author.normalized)
    return [c for c in people if c not in inside], [decision]


def resolve_people(people: Sequence[Candidate]) -> tuple[list[Person], list[Decision]]:
    """The persons of a document in order of first mention, and the decisions.

    >>> from extractors.base import body_document
    >>> from extractors.lexicon import Lexicon
    >>> from extractors.people import extract_people
    >>> d = body_document("Đồng chí Vũ Đức Nam phát biểu; ông Nam cảm ơn, đồng chí NGuyễn Thị Vân Nga dự.")
    >>> [(p.name, len(p.mentions)) for p in resolve_people(extract_people(d, Lexicon.load()))[0]]
    [('Vũ Đức Nam', 1), ('Nguyễn Thị Vân Nga', 1)]
    """
    decisions: list[Decision] = []
    groups: dict[str, list[Candidate]] = {}
    for c in people:
        groups.setdefault(match_key(c.normalized), []).append(c)
    keys = sorted(groups, key=len, reverse=True)
    for key in list(keys):
        longer = [k for k in keys if k != key and k.endswith(" " + key)]
        if len(longer) == 1 and key in groups:
            target = groups[longer[0]]
            moved = groups.pop(key)
            decisions.append(Decision("people.tail_name", "person",
                                      ((target[0].start, target[0].end), *((c.start, c.end) for c in moved)),
                                      target[0].normalized))
            target.extend(moved)
    for key in sorted(groups, key=len):
        if not any(c.get("given_first") for c in groups[key]):
            continue
        longer = [k for k in groups if k != key and k.startswith(key + " ")]
        if len(longer) == 1:
            target = groups[longer[0]]
            moved = groups.pop(key)
            decisions.append(Decision("people.head_name", "person",
                                      ((target[0].start, target[0].end), *((c.start, c.end) for c in moved)),
                                      target[0].normalized))
            target.extend(moved)
    persons = []
    for mentions in sorted(groups.values(), key=lambda ms: min(c.start for c in ms)):
        name = max((c.normalized for c in mentions), key=lambda s: (len(s.split()), s))
        if len(mentions) > 1:
            decisions.append(Decision("people.same_name", "person", tuple((c.start, c.end) for c in mentions), name))
        if len({c.normalized for c in mentions}) > 1:
            decisions.append(Decision("people.fullest_name", "person", tuple((c.start, c.end) for c in mentions), name))
        honorific = next((c.get("honorific") for c in mentions if c.get("honorific")), None)
        rank = next((c.get("rank") for c in mentions if c.get("rank")), None)
        persons.append(Person(name, honorific, rank, tuple(mentions), frozenset(match_key(c.normalized) for c in mentions)))
    return persons, decisions
