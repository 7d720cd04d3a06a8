"""Shared fixtures: the lexicon, the bundled corpus and the development articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.lexicon import Lexicon
from pipeline.segment import make_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEVSET = ROOT.parent / "shared" / "devset"


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture()
def make_doc(lexicon):
    """Build a document from a small hand-made text."""

    def make(text: str, doc_id: str = "t"):
        return make_document(doc_id, text, lexicon)

    return make


def corpus_paths() -> list[Path]:
    """Seed articles always; the development articles that have gold, when
    ../shared/devset is present (articles still waiting for gold are not walked)."""
    paths = sorted((CORPUS / "articles").glob("*.txt"))
    if DEVSET.is_dir():
        paths += sorted(p for p in DEVSET.glob("*.txt") if (CORPUS / "gold" / f"{p.stem}.json").exists())
    return paths
