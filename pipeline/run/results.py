"""What processing one input gives: a :class:`DocumentResult` or an :class:`ErrorRecord`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.resolve.decisions import Decision

__all__ = ["DocumentResult", "ErrorRecord"]


@dataclass(frozen=True)
class ErrorRecord:
    """An input that could not be processed."""

    source: str
    stage: str
    reason: str


@dataclass
class DocumentResult:
    """Everything extracted from one document: table rows, every span, every decision."""

    doc_id: str
    text: str
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    spans: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    size: int = 0  # input bytes
