"""The registries streamed from the store (pipeline/export/registries.py) are the rows of the
in-memory rule (pipeline.resolve.registry.build_registries), on generated corpora.

Every name here is invented.
"""

from __future__ import annotations

import random

import pytest

from pipeline.export.registries import REGISTRY_INPUTS, registry_rows, store_documents
from pipeline.options import Options
from pipeline.research.bench import build_corpus
from pipeline.resolve.registry import build_registries
from pipeline.run.results import DocumentResult
from pipeline.run.runner import run_to_store
from pipeline.run.store import Store
from pipeline.schema import TABLE_COLUMNS

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "NGuyễn"]
MIDDLE = ["Văn", "Thị", "văn"]
GIVEN = ["An", "Bình", "Thuý", "Thúy", "Hoà", "Hòa", "Khoa"]
UNITS = [("Cục Điều phối Sông Mây", "Cục", ("Cục Điều phối Sông Mây", "Cục")), ("Cục ĐPSM", "Cục", ("Cục ĐPSM",)),
         ("Bộ Khoa học và Công nghệ", "Bộ", ("Bộ KH&CN",)), ("Bộ Khoa học và Công nghệ", "Bộ", ("Bộ",)),
         ("Chính phủ", "Cơ quan", ("Chính phủ",)), ("Ủy ban nhân dân tỉnh", "UBND", ("UBND tỉnh",)),
         ("Văn phòng", "Văn phòng", ("Văn phòng",)),
         ("Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "Viện", ("Viện Hàn lâm KHCNVN",)),
         ("Trung tâm TTTL", "Trung tâm", ("Trung tâm TTTL",)),
         ("Trung tâm Thông tin - Tư liệu", "Trung tâm", ("Trung tâm Thông tin - Tư liệu",)),
         ("Vụ Thi đua - Khen thưởng", "Vụ", ("Vụ Thi đua - Khen thưởng",)),
         ("Vụ Thi đua - Khen thưởng Bộ Y tế", "Vụ", ("Vụ Thi đua - Khen thưởng Bộ Y tế",)),
         ("Viện Gốm Bát Tràng", "Viện", ("Viện Gốm Bát Tràng",))]
TITLES = ["Cục trưởng", "Chánh Văn phòng", "Giám đốc", "Phó Viện trưởng"]


def _document(rng: random.Random, n: int) -> DocumentResult:
    doc_id = f"doc-{rng.randrange(10_000):04d}-{n}"  # stored in doc_id order, not in generation order
    units = []
    for k, (name, unit_type, aliases) in enumerate(rng.sample(UNITS, rng.randrange(0, 5)), 1):
        units.append({"doc_id": doc_id, "unit_id": f"{doc_id}:U{k}", "name": name, "aliases": "|".join(aliases),
                      "unit_type": unit_type, "parent": None, "mentions": rng.randrange(1, 4)})
    people, positions = [], []
    for k in range(1, rng.randrange(1, 5)):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        person_id = f"{doc_id}:P{k}"
        people.append({"doc_id": doc_id, "person_id": person_id, "name": name, "honorific": None, "rank": None,
                       "mentions": 1})
        for _ in range(rng.randrange(0, 3)):
            unit = rng.choice([None, rng.choice(UNITS)[0], rng.choice(UNITS)[2][0], "Công ty Mây Tre"])
            title = rng.choice(TITLES) + (f" {unit}" if unit else "")
            start = rng.randrange(0, 500)
            positions.append({"doc_id": doc_id, "person_id": person_id, "name": name, "title": title,
                              "role": None, "unit": unit, "start": start, "end": start + len(title)})
    dates = {"event_date": rng.choice([None, f"20{rng.randrange(15, 24)}-0{rng.randrange(1, 10)}-1{n % 10}"]),
             "published_date": rng.choice([None, f"20{rng.randrange(15, 24)}-0{rng.randrange(1, 10)}-2{n % 10}"])}
    row = {c: None for c in TABLE_COLUMNS["documents"]} | {"doc_id": doc_id, "source": f"{doc_id}.txt"} | dates
    return DocumentResult(doc_id, f"text of {doc_id}", {"documents": [row], "people": people, "positions": positions,
                                                        "units": units})  # distinct texts: distinct documents


def _old(store: Store, lexicon) -> dict[str, list[dict]]:
    return build_registries({name: list(store.rows(name)) for name in REGISTRY_INPUTS}, lexicon)


def test_streamed_registries_equal_the_in_memory_rule(tmp_path, lexicon):
    rng = random.Random(20261201)
    with Store(tmp_path / "thidua.sqlite") as store:
        for n in range(400):
            store.put(_document(rng, n))
        old = _old(store, lexicon)
        new = registry_rows(store, lexicon)
    assert {name: len(rows) for name, rows in old.items()} == {name: len(rows) for name, rows in new.items()}
    assert len(old["people_registry"]) > 50 and len(old["title_history"]) > 200
    assert any("#" in r["person_key"] for r in old["people_registry"])  # namesakes kept apart
    assert any("#" in r["unit_key"] for r in old["units_registry"])
    assert any(r["unit_key"].startswith("vien-han-lam") and "|" in r["documents"] for r in old["units_registry"])
    assert new == old


@pytest.mark.slow
def test_streamed_registries_equal_the_in_memory_rule_on_a_bench_corpus(tmp_path, lexicon):
    build_corpus(tmp_path / "corpus", 150)
    with Store(tmp_path / "thidua.sqlite") as store:
        run_to_store([str(tmp_path / "corpus")], store, Options(ner=False))
        old = _old(store, lexicon)
        assert len(old["title_history"]) > 100
        assert registry_rows(store, lexicon) == old


def test_store_documents_groups_every_table_by_document(tmp_path):
    with Store(tmp_path / "thidua.sqlite") as store:
        rng = random.Random(3)
        for n in range(5):
            store.put(_document(rng, n))
        seen = list(store_documents(store))
        assert [doc for doc, _ in seen] == sorted(doc for doc, _ in seen)
        for doc, rows in seen:
            assert rows["documents"][0]["doc_id"] == doc
            assert all(r["doc_id"] == doc for table in rows.values() for r in table)
        assert sum(len(rows["people"]) for _, rows in seen) == len(list(store.rows("people")))
