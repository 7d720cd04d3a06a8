"""Deciding the author among the candidates of :func:`extractors.author.extract_author`.

``author.<rule>`` decisions: one candidate per start (the first found), then the best
by rule — a "Tác giả:" line, a byline with its date, a short name under the headline, a
signature line, initials before a dateline's date — and the earliest on a tie.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractors.base import Candidate
from pipeline.resolve.decisions import Decision

__all__ = ["AUTHOR_ORDER", "resolve_author"]

AUTHOR_ORDER = ("author.tac_gia", "author.byline_date", "author.byline_top", "author.signature",
                "author.dateline_name", "author.dateline_initials")


def resolve_author(cands: Sequence[Candidate]) -> tuple[list[Candidate], Candidate | None, list[Decision]]:
    """The candidates kept (best first), the author, and the decision."""
    kept: list[Candidate] = []
    for c in cands:
        if all(o.start != c.start for o in kept):
            kept.append(c)
    kept.sort(key=lambda c: (AUTHOR_ORDER.index(c.rule), c.start))
    if not kept:
        return [], None, []
    best = kept[0]
    return kept, best, [Decision(best.rule, "author", tuple((c.start, c.end) for c in kept), best.normalized)]
