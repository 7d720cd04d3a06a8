"""Deciding the event's facts among the candidates of :func:`extractors.event.extract_event`.

One candidate per slot, each a :class:`~pipeline.resolve.decisions.Decision` under the
slot's rule (``event.type``, ``event.location``, ``event.organizer``, ``event.period``):

- type: the first place (headline, then event sentence) with a hit; there the type
  listed first in ``events.toml``;
- location: the first "tại ..." of the event sentence;
- organizer: the named unit that ends last before the organising verb (the innermost
  on a tie);
- period: the first place with one; there a period before a bare year, the first written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from extractors.base import Candidate
from pipeline.resolve.decisions import Decision

__all__ = ["resolve_event"]

_CHOICE: dict[str, Callable[[Candidate], Any]] = {
    "type": lambda c: (c.get("place"), c.get("order")),
    "location": lambda c: c.get("order"),
    "organizer": lambda c: (-c.end, c.start),
    "period": lambda c: (c.get("place"), c.get("order")),
}


def resolve_event(cands: Sequence[Candidate]) -> tuple[list[Candidate], list[Decision]]:
    """The chosen candidate of each slot, in slot order (type, location, organizer,
    period), and the decisions."""
    chosen: list[Candidate] = []
    decisions: list[Decision] = []
    for slot, rank in _CHOICE.items():
        found = [c for c in cands if c.get("slot") == slot]
        if not found:
            continue
        best = min(found, key=rank)
        chosen.append(best)
        decisions.append(Decision(best.rule, "event", ((best.start, best.end),), best.normalized))
    return chosen, decisions
