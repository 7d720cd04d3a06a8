"""The one options object, passed explicitly to the pipeline."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Options"]


@dataclass(frozen=True)
class Options:
    """How a run behaves.

    Attributes:
        ner: confirm uncued name candidates with underthesea's NER (costly: run only
            on the few sentences holding such a candidate). Off by default: on the gold
            (dev and test) it removes true names and no false one.
        max_bytes: inputs larger than this are rejected with an error row.
        excel: write CSV with a UTF-8 BOM so Excel shows Vietnamese correctly.
        doc_timeout: seconds one document may take from reading to its records; past
            it the document is an error row and the run goes on (0: no limit).
    """

    ner: bool = False
    max_bytes: int = 20 * 1024 * 1024
    excel: bool = False
    doc_timeout: float = 60.0
