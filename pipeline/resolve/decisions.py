"""Decisions: every choice and merge the resolvers make, kept under its rule's name.

A resolver returns the candidates it keeps and a :class:`Decision` for each choice it
made (which date is the publication date, which mentions are one person, which forms
name one body ...), so that, like an extractor's rule, every decision rule can be
counted and scored against the gold (:mod:`pipeline.research.evaluate`).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Decision", "Span"]

Span = tuple[int, int]


@dataclass(frozen=True)
class Decision:
    """One decision.

    Attributes:
        rule: its name (``dates.published_byline``, ``people.tail_name``, ``units.same_unit``).
        label: the field it decides (``date``, ``person``, ``unit``, ``title``, ``author``, ``event``).
        members: the spans it concerns, the chosen or merged-into one first.
        value: the value it settles (an ISO date, a name, a title), or "".
    """

    rule: str
    label: str
    members: tuple[Span, ...]
    value: str = ""
