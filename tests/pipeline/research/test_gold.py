"""The gold schema test: every gold file validates against its text."""

import json

import pytest

from pipeline.research.gold import load_gold, validate_gold
from tests.conftest import CORPUS, DEVSET

GOLD = sorted((CORPUS / "gold").glob("*.json"))


def test_gold_exists_for_every_article():
    ids = {p.stem for p in GOLD}
    assert {p.stem for p in (CORPUS / "articles").glob("*.txt")} <= ids
    assert {f"d{i:02d}" for i in range(1, 21)} <= ids


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_valid(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    if data["source"] == "devset" and not DEVSET.is_dir():
        pytest.skip("../shared/devset is absent")
    doc = load_gold(path, corpus_dir=CORPUS, devset_dir=DEVSET)
    assert doc is not None
    assert validate_gold(doc.data, doc.text) == []


def test_validator_reports_bad_offsets():
    text = "Hội nghị có đồng chí Lê Văn A."
    data = {"doc_id": "x", "source": "corpus", "path": "x.txt", "sha256": "0", "published_date": None,
            "event_date": None, "author": None, "awards": [], "slogans": [], "dates": [], "units": [],
            "people": [{"name": "Lê Văn A", "mentions": [{"text": "Lê Văn A", "start": 0, "end": 8}], "titles": []}]}
    errors = validate_gold(data, text)
    assert errors and "text[0:8]" in errors[0]
