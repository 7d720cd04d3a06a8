"""Shared types: the document every extractor reads and the candidates it returns."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Literal

__all__ = ["Label", "SegmentKind", "Segment", "Document", "Candidate", "freeze", "body_document", "lined_document",
           "Spans"]

Label = Literal["date", "person", "title", "unit", "award", "slogan", "event", "author"]
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
    ``sentences`` are (start, end) spans of the article's sentences, in order.
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

    @cached_property
    def _segment_starts(self) -> list[int]:
        return [s.start for s in self.segments]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def segment_at(self, offset: int) -> Segment | None:
        """The segment holding ``offset``, or None between segments (a binary search:
        segments are in text order and do not overlap)."""
        i = bisect_right(self._segment_starts, offset) - 1
        if i >= 0 and offset < self.segments[i].end:
            return self.segments[i]
        return None

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        """The sentence holding ``offset``, or None outside every sentence."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i][1]:
            return self.sentences[i]
        return None


class Spans:
    """A fixed set of (start, end) spans, asked in O(log n) whether a span overlaps one
    of them or lies inside one: what keeps "is this candidate inside a quotation, a
    date range, a kept span" linear over a long text.

    >>> spans = Spans([(10, 20), (0, 5), (30, 40)])
    >>> spans.overlaps(4, 8), spans.overlaps(5, 10), spans.covers(12, 18), spans.covers(18, 25)
    (True, False, True, False)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []  # the furthest end of the spans up to each one
        for _, end in ordered:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start

    def covers(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start)
        return i > 0 and self._reach[i - 1] >= end


def body_document(text: str, doc_id: str = "x") -> Document:
    """A document that is one body paragraph and one sentence: for examples and tests of
    a single extractor (the pipeline makes real documents with :func:`pipeline.segment.make_document`).

    >>> body_document("Ngày 4-3, Khối họp.").segments
    (Segment(kind='body', start=0, end=19),)
    """
    return Document(doc_id, text, (Segment("body", 0, len(text)),), sentences=((0, len(text)),))


def lined_document(text: str, *kinds: SegmentKind, doc_id: str = "x") -> Document:
    """A document whose non-empty lines have the given kinds in order, each line one
    sentence: for examples of an extractor that reads the layout.

    >>> [s.kind for s in lined_document("Tin mới\\n\\nNội dung.\\nMAI LAN", "headline", "body", "byline").segments]
    ['headline', 'body', 'byline']
    """
    segments: list[Segment] = []
    pos = 0
    for line in text.split("\n"):
        if line:
            segments.append(Segment(kinds[len(segments)], pos, pos + len(line)))
        pos += len(line) + 1
    return Document(doc_id, text, tuple(segments), sentences=tuple((s.start, s.end) for s in segments))


@dataclass(frozen=True)
class Candidate:
    """One extracted span: ``text == document.text[start:end]`` always.

    ``label`` is the field it belongs to; ``normalized`` its canonical value (ISO date,
    fixed-case name, award category, ...); ``rule`` names the heuristic or model that
    produced it (``dates.dmy_numeric``); ``attrs`` holds field-specific values (a date's
    role and granularity, a title's role and unit, an award's count ...).
    """

    label: Label
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

    def but(self, **changes: Any) -> Candidate:
        """A copy with some fields changed; ``attrs=`` entries are merged into the old
        attributes (``c.but(rule="dates.x", attrs={"role": "event"})``)."""
        attrs = changes.pop("attrs", None)
        if attrs:
            changes["attrs"] = freeze(self.attrs, **attrs)
        fields = dict(self.__dict__)  # the fields, without ``dataclasses.replace``'s look-up of them on every call
        unknown = changes.keys() - fields.keys()
        if unknown:
            raise TypeError(f"Candidate has no field {', '.join(sorted(unknown))}")
        fields.update(changes)
        return type(self)(**fields)
