"""Shared types: the document every extractor reads and the candidates it returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

__all__ = ["Field", "SegmentKind", "Segment", "Document", "Candidate", "freeze"]

Field = Literal["date", "person", "title", "unit", "award", "slogan", "event", "author"]
SegmentKind = Literal["chrome", "dateline", "headline", "byline", "body", "caption", "table", "source", "footer"]

def freeze(mapping: Mapping[str, Any] | None = None, **kwargs: Any) -> Mapping[str, Any]:
    """A read-only mapping for a candidate's attributes."""
    data = dict(mapping or {})
    data.update(kwargs)
    return MappingProxyType(data)


@dataclass(frozen=True)
class Segment:
    """A line-aligned region of the document with its structural role."""

    kind: SegmentKind
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """A normalized document: ``text`` is what every offset refers to.

    ``segments`` cover the text's non-empty lines in order (see :mod:`pipeline.segment`);
    ``sentences`` are (start, end) spans of the article's sentences.
    """

    doc_id: str
    text: str
    segments: tuple[Segment, ...] = ()
    source: str = ""
    meta: Mapping[str, Any] = field(default_factory=freeze, compare=False, hash=False)
    sentences: tuple[tuple[int, int], ...] = ()

    def segments_of(self, *kinds: SegmentKind) -> list[Segment]:
        """The segments of the given kinds, in order."""
        return [s for s in self.segments if s.kind in kinds]

    def segment_at(self, offset: int) -> Segment | None:
        """The segment holding ``offset``, or None between segments."""
        for segment in self.segments:
            if segment.start <= offset < segment.end:
                return segment
        return None


@dataclass(frozen=True)
class Candidate:
    """One extracted span: ``text == document.text[start:end]`` always.

    ``normalized`` is the field's canonical value (ISO date, fixed-case name, award
    category, ...); ``rule`` names the heuristic or model that produced it
    (``dates.dmy_numeric``); ``attrs`` holds field-specific values (a date's role and
    granularity, a title's role and unit, an award's count ...).
    """

    field: Field
    text: str
    normalized: str
    start: int
    end: int
    rule: str
    confidence: float
    attrs: Mapping[str, Any] = field(default_factory=freeze, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"{self.rule}: bad offsets {self.start}..{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"{self.rule}: text {self.text!r} does not fit offsets {self.start}..{self.end}")

    def get(self, key: str, default: Any = None) -> Any:
        """An attribute value, or ``default``."""
        return self.attrs.get(key, default)
