"""The cross-document registry: who and which body is the same across documents.

Every name here is invented; none is a person of the corpus.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.export.csv_tables import read_table
from pipeline.export.registries import write_registries
from pipeline.resolve.registry import (
    PersonMention,
    UnitRecord,
    UnitRegistrar,
    _form_key,
    _has_acronym,
    is_relative,
    merge_people,
    person_key,
    register_units,
)
from pipeline.resolve.units import same_unit
from pipeline.run.results import DocumentResult
from pipeline.run.store import Store
from pipeline.schema import REGISTRY_COLUMNS, TABLE_COLUMNS
from tests.conftest import ROOT


def _tables() -> dict[str, list[dict]]:
    """A hand-made run: four documents, two namesakes, one body written two ways."""
    tables: dict[str, list[dict]] = {}
    tables["documents"] = [
        {"doc_id": "a", "event_date": "2021-03-04", "published_date": "2021-03-05"},
        {"doc_id": "b", "published_date": "2022-05-06"},
        {"doc_id": "c", "event_date": "2020-01-02"},
        {"doc_id": "d"},
    ]
    tables["people"] = [
        {"doc_id": "a", "person_id": "a:P1", "name": "Lạc Thị Thuý Hằng", "mentions": 2},
        {"doc_id": "a", "person_id": "a:P2", "name": "Tôn Văn Khoa", "mentions": 1},
        {"doc_id": "b", "person_id": "b:P1", "name": "Lạc Thị Thúy Hằng", "mentions": 1},
        {"doc_id": "c", "person_id": "c:P1", "name": "Tôn Văn Khoa", "mentions": 1},
        {"doc_id": "d", "person_id": "d:P1", "name": "Tôn văn Khoa", "mentions": 1},
    ]
    tables["positions"] = [
        {"doc_id": "a", "person_id": "a:P1", "name": "Lạc Thị Thuý Hằng", "title": "Phó Cục trưởng Cục Điều phối Sông Mây",
         "role": "Phó Cục trưởng", "unit": "Cục Điều phối Sông Mây", "start": 10, "end": 48},
        {"doc_id": "b", "person_id": "b:P1", "name": "Lạc Thị Thúy Hằng", "title": "Cục trưởng Cục ĐPSM",
         "role": "Cục trưởng", "unit": "Cục ĐPSM", "start": 5, "end": 24},
        {"doc_id": "c", "person_id": "c:P1", "name": "Tôn Văn Khoa", "title": "- Viện trưởng Viện Gốm Bát Tràng",
         "role": "Viện trưởng", "unit": "Viện Gốm Bát Tràng", "start": 0, "end": 30},
        {"doc_id": "d", "person_id": "d:P1", "name": "Tôn văn Khoa", "title": "Giám đốc Công ty Mây Tre Đan Hà Tây",
         "role": "Giám đốc", "unit": "Công ty Mây Tre Đan Hà Tây", "start": 3, "end": 38},
    ]
    tables["units"] = [
        {"doc_id": "a", "unit_id": "a:U1", "name": "Cục Điều phối Sông Mây", "aliases": "Cục Điều phối Sông Mây|Cục",
         "unit_type": "Cục", "mentions": 2},
        {"doc_id": "a", "unit_id": "a:U2", "name": "Bộ Khoa học và Công nghệ", "aliases": "Bộ KH&CN",
         "unit_type": "Bộ", "mentions": 1},
        {"doc_id": "a", "unit_id": "a:U3", "name": "Ủy ban nhân dân tỉnh", "aliases": "UBND tỉnh",
         "unit_type": "UBND", "mentions": 1},
        {"doc_id": "b", "unit_id": "b:U1", "name": "Cục ĐPSM", "aliases": "Cục ĐPSM", "unit_type": "Cục", "mentions": 1},
        {"doc_id": "b", "unit_id": "b:U2", "name": "Bộ Khoa học và Công nghệ",
         "aliases": "Bộ Khoa học và Công nghệ|Bộ", "unit_type": "Bộ", "mentions": 3},
        {"doc_id": "b", "unit_id": "b:U3", "name": "Ủy ban nhân dân tỉnh", "aliases": "UBND tỉnh",
         "unit_type": "UBND", "mentions": 2},
        {"doc_id": "c", "unit_id": "c:U1", "name": "Viện Gốm Bát Tràng", "aliases": "Viện Gốm Bát Tràng",
         "unit_type": "Viện", "mentions": 1},
        {"doc_id": "d", "unit_id": "d:U1", "name": "Công ty Mây Tre Đan Hà Tây", "aliases": "Công ty Mây Tre Đan Hà Tây",
         "unit_type": "Công ty", "mentions": 1},
    ]
    return tables


def _store(tmp_path: Path) -> Store:
    """The hand-made run in a store, one document at a time, as ``thidua run`` stores it."""
    store = Store(tmp_path / "thidua.sqlite")
    tables = _tables()
    for doc in tables["documents"]:
        rows = {name: [{c: r.get(c) for c in TABLE_COLUMNS[name]} for r in tables[name] if r["doc_id"] == doc["doc_id"]]
                for name in tables}
        store.put(DocumentResult(doc["doc_id"], f"text of {doc['doc_id']}", rows))  # distinct content: distinct documents
    return store


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


RELATIVE_NOTE = "name depends on its article (bare head, locality or committee word); not merged across documents"


def test_write_registries_exact_records(tmp_path, lexicon):
    with _store(tmp_path) as store:
        counts = write_registries(store, tmp_path, lexicon=lexicon)
    assert counts == {"people_registry": 4, "title_history": 4, "units_registry": 6}
    for name, columns in REGISTRY_COLUMNS.items():
        with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            assert tuple(next(csv.reader(handle))) == columns
    assert _rows(tmp_path / "people_registry.csv") == [
        # one person: "Thuý"/"Thúy" fold, and "Cục ĐPSM" is "Cục Điều phối Sông Mây"
        {"person_key": "lac-thi-thuy-hang", "name": "Lạc Thị Thuý Hằng", "documents": "a|b",
         "first_seen": "2021-03-04", "last_seen": "2022-05-06", "person_ids": "a:P1|b:P1", "note": ""},
        # namesakes with no unit in common are never merged silently
        {"person_key": "ton-van-khoa", "name": "Tôn Văn Khoa", "documents": "a", "first_seen": "2021-03-04",
         "last_seen": "2021-03-04", "person_ids": "a:P2",
         "note": "same name as ton-van-khoa#2, ton-van-khoa#3; kept apart: no unit to tell which"},
        {"person_key": "ton-van-khoa#2", "name": "Tôn Văn Khoa", "documents": "c", "first_seen": "2020-01-02",
         "last_seen": "2020-01-02", "person_ids": "c:P1",
         "note": "same name as ton-van-khoa, ton-van-khoa#3; kept apart: different units"},
        {"person_key": "ton-van-khoa#3", "name": "Tôn văn Khoa", "documents": "d", "first_seen": "",
         "last_seen": "", "person_ids": "d:P1",
         "note": "same name as ton-van-khoa, ton-van-khoa#2; kept apart: different units"},
    ]
    assert _rows(tmp_path / "title_history.csv") == [
        {"person_key": "lac-thi-thuy-hang", "date": "2021-03-04", "title": "Phó Cục trưởng Cục Điều phối Sông Mây",
         "unit": "Cục Điều phối Sông Mây", "doc_id": "a", "person_id": "a:P1", "unit_key": "cuc-dieu-phoi-song-may"},
        {"person_key": "lac-thi-thuy-hang", "date": "2022-05-06", "title": "Cục trưởng Cục ĐPSM",
         "unit": "Cục ĐPSM", "doc_id": "b", "person_id": "b:P1", "unit_key": "cuc-dieu-phoi-song-may"},
        # a formula-like cell is neutralised in the CSV
        {"person_key": "ton-van-khoa#2", "date": "2020-01-02", "title": "'- Viện trưởng Viện Gốm Bát Tràng",
         "unit": "Viện Gốm Bát Tràng", "doc_id": "c", "person_id": "c:P1", "unit_key": "vien-gom-bat-trang"},
        {"person_key": "ton-van-khoa#3", "date": "", "title": "Giám đốc Công ty Mây Tre Đan Hà Tây",
         "unit": "Công ty Mây Tre Đan Hà Tây", "doc_id": "d", "person_id": "d:P1",
         "unit_key": "cong-ty-may-tre-dan-ha-tay"},
    ]
    assert _rows(tmp_path / "units_registry.csv") == [
        {"unit_key": "cuc-dieu-phoi-song-may", "name": "Cục Điều phối Sông Mây",
         "aliases": "Cục Điều phối Sông Mây|Cục|Cục ĐPSM", "unit_type": "Cục", "documents": "a|b", "mentions": "3",
         "unit_ids": "a:U1|b:U1", "note": ""},
        {"unit_key": "bo-khoa-hoc-va-cong-nghe", "name": "Bộ Khoa học và Công nghệ",
         "aliases": "Bộ Khoa học và Công nghệ|Bộ KH&CN|Bộ", "unit_type": "Bộ", "documents": "a|b", "mentions": "4",
         "unit_ids": "a:U2|b:U2", "note": ""},
        # "UBND tỉnh" of two articles may be two provinces: kept apart, with a note
        {"unit_key": "uy-ban-nhan-dan-tinh", "name": "Ủy ban nhân dân tỉnh", "aliases": "Ủy ban nhân dân tỉnh|UBND tỉnh",
         "unit_type": "UBND", "documents": "a", "mentions": "1", "unit_ids": "a:U3", "note": RELATIVE_NOTE},
        {"unit_key": "uy-ban-nhan-dan-tinh#2", "name": "Ủy ban nhân dân tỉnh",
         "aliases": "Ủy ban nhân dân tỉnh|UBND tỉnh", "unit_type": "UBND", "documents": "b", "mentions": "2",
         "unit_ids": "b:U3", "note": RELATIVE_NOTE},
        {"unit_key": "vien-gom-bat-trang", "name": "Viện Gốm Bát Tràng", "aliases": "Viện Gốm Bát Tràng",
         "unit_type": "Viện", "documents": "c", "mentions": "1", "unit_ids": "c:U1", "note": ""},
        {"unit_key": "cong-ty-may-tre-dan-ha-tay", "name": "Công ty Mây Tre Đan Hà Tây",
         "aliases": "Công ty Mây Tre Đan Hà Tây", "unit_type": "Công ty", "documents": "d", "mentions": "1",
         "unit_ids": "d:U1", "note": ""},
    ]


def test_excel_encoding_writes_a_bom(tmp_path, lexicon):
    with _store(tmp_path) as store:
        write_registries(store, tmp_path, encoding="utf-8-sig", lexicon=lexicon)
    raw = (tmp_path / "people_registry.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfperson_key,")
    assert [r["person_key"] for r in read_table(tmp_path / "people_registry.csv")][:1] == ["lac-thi-thuy-hang"]


def test_an_empty_store_gives_header_only_registries(tmp_path, lexicon):
    with Store(tmp_path / "thidua.sqlite") as store:
        assert write_registries(store, tmp_path, lexicon=lexicon) == {name: 0 for name in REGISTRY_COLUMNS}
    for name, columns in REGISTRY_COLUMNS.items():
        assert (tmp_path / f"{name}.csv").read_text(encoding="utf-8").splitlines() == [",".join(columns)]


def _m(doc: str, name: str, units: set[str] = frozenset(), titles: set[str] = frozenset(), date=None):
    return PersonMention(doc, f"{doc}:P1", name, date, frozenset(units), frozenset(titles))


def test_same_title_merges_namesakes_with_unrelated_units():
    entries = merge_people([_m("a", "Hà Minh Quyết", {"unit:dang-bo-a"}, {"chánh văn phòng"}),
                            _m("b", "Hà Minh Quyết", {"unit:dang-uy-b"}, {"chánh văn phòng"})])
    assert [(e.key, e.documents, e.note) for e in entries] == [("ha-minh-quyet", ["a", "b"], None)]


def test_a_more_specific_unit_is_compatible():
    entries = merge_people([_m("a", "Hà Minh Quyết", {"vụ thi đua - khen thưởng"}),
                            _m("b", "Hà Minh Quyết", {"vụ thi đua - khen thưởng bộ mây tre"})])
    assert [e.documents for e in entries] == [["a", "b"]]


def test_unit_less_mention_joins_the_only_group_and_dates_span_documents():
    entries = merge_people([_m("a", "Hà Minh Quyết", date="2019-02-01"),
                            _m("b", "HÀ minh Quyết", {"unit:cuc-x"}, date="2023-11-30"),
                            _m("c", "Hà Minh Quyết", date="2020-06-15")])
    assert [(e.key, e.documents, e.first_seen, e.last_seen, e.note) for e in entries] == [
        ("ha-minh-quyet", ["a", "b", "c"], "2019-02-01", "2023-11-30", None)]


def test_unit_less_mention_with_a_shared_title_picks_that_group():
    entries = merge_people([_m("a", "Hà Minh Quyết", {"unit:cuc-x"}, {"cục trưởng cục x"}),
                            _m("b", "Hà Minh Quyết", {"unit:vien-y"}, {"viện trưởng"}),
                            _m("c", "Hà Minh Quyết", set(), {"viện trưởng"})])
    assert [(e.key, e.documents) for e in entries] == [("ha-minh-quyet", ["a"]), ("ha-minh-quyet#2", ["b", "c"])]


def test_document_relative_units_never_link_documents():
    entries = merge_people([_m("a", "Hà Minh Quyết", {"a/unit:uy-ban-nhan-dan-tinh"}),
                            _m("b", "Hà Minh Quyết", {"b/unit:uy-ban-nhan-dan-tinh#2"})])
    assert [e.key for e in entries] == ["ha-minh-quyet", "ha-minh-quyet#2"]


def test_different_names_with_the_same_letters_get_numbered_keys():
    entries = merge_people([_m("a", "Lê Thu"), _m("b", "Lê Thư")])
    assert [(e.key, e.name, e.note) for e in entries] == [
        ("le-thu", "Lê Thu", None), ("le-thu#2", "Lê Thư", "le-thu is the key of another name")]


@pytest.mark.parametrize(("a", "b"), [("Thuý", "Thúy"), ("NGuyễn Hoà", "Nguyễn Hòa"), ("Tôn văn Khoa", "TÔN VĂN KHOA")])
def test_person_key_folds_case_and_tone_placement(a, b):
    assert person_key(a) == person_key(b)


def test_national_body_merges_even_within_one_document(lexicon):
    records = [UnitRecord("a", "a:U1", "Chính phủ", ("Chính phủ",), "Cơ quan", 1),
               UnitRecord("a", "a:U2", "Chính phủ", ("Chính phủ",), "Cơ quan", 2),
               UnitRecord("b", "b:U1", "Cục Điều phối Sông Mây", ("Cục Điều phối Sông Mây",), "Cục", 1),
               UnitRecord("b", "b:U2", "Cục Điều phối Sông Mây", ("Cục Điều phối Sông Mây",), "Cục", 1)]
    entries = register_units(records, lexicon)
    assert [(e.key, [r.unit_id for r in e.records]) for e in entries] == [
        ("chinh-phu", ["a:U1", "a:U2"]),
        ("cuc-dieu-phoi-song-may", ["b:U1"]), ("cuc-dieu-phoi-song-may#2", ["b:U2"])]


@pytest.mark.parametrize(("form", "relative"), [
    ("Văn phòng", True), ("Đảng bộ cơ sở Văn phòng", True), ("Hội Liên hiệp Phụ nữ tỉnh", True),
    ("Ban Nội chính Tỉnh ủy", True), ("Cụm thi đua số", True),
    ("Tỉnh ủy Bến Mây", False), ("Đảng ủy Khối các cơ quan Trung ương", False), ("Cục ĐPSM", False),
])
def test_is_relative(form, relative, lexicon):
    assert is_relative(form, lexicon) is relative


def test_bundled_outputs_have_registries():
    """The bundled run ships the registry tables; every person of people.csv is in one row."""
    out = ROOT / "outputs"
    people = read_table(out / "people.csv")
    registry = read_table(out / "people_registry.csv")
    ids = [pid for row in registry for pid in (row["person_ids"] or "").split("|")]
    assert sorted(ids) == sorted(p["person_id"] for p in people)
    keys = [row["person_key"] for row in registry]
    assert len(keys) == len(set(keys))


class _Pairwise(UnitRegistrar):
    """The registrar as it was: every pairwise comparison made, in order (the reference)."""

    def __init__(self, lexicon):
        super().__init__(lexicon)
        self.filed: list[tuple[object, str]] = []

    def _find(self, doc_id, national, comparable):
        lexicon = self.lexicon
        if national and national in self._national:
            return self._national[national]
        for form in comparable:
            hit = next((e for e in self._keys.get(_form_key(form, lexicon), []) if e.last_doc != doc_id), None)
            if hit:
                return hit
        if any(_has_acronym(f, lexicon) for f in comparable):
            pairs = [(e, b) for e in self.entries for b in e.comparable]
        else:
            pairs = self.filed
        return next((e for e, b in pairs if e.last_doc != doc_id and any(same_unit(a, b, lexicon) for a in comparable)),
                    None)

    def _file(self, entry, doc_id, national, comparable):
        new = [f for f in comparable if f not in entry.comparable]
        super()._file(entry, doc_id, national, comparable)
        self.filed += [(entry, f) for f in dict.fromkeys(new) if _has_acronym(f, self.lexicon)]


def test_units_are_compared_pairwise_only_with_forms_sharing_a_key(lexicon):
    """Acronyms for runs of words, abbreviations, national names, case and tone placement,
    forms beginning with "và": the indexed registrar files every record where comparing
    every pair would."""
    import random

    heads = ["Trung tâm", "Ban", "Hội", "Công ty", "Viện", "Sở", "Bộ", "Trường", "Phòng", "và Hội"]
    tails = [("Thông tin - Tư liệu", "TTTL"), ("Khoa học và Công nghệ", "KHCN"), ("Xúc tiến Thương mại", "XTTM"),
             ("Giáo dục và Đào tạo", "GD&ĐT"), ("Tài nguyên và Môi trường", "TN&MT"), ("Kỹ thuật Hạ tầng", "KTHT"),
             ("Văn hóa và Thể thao", "VHTT"), ("thông tin tư liệu", "tttl"), ("Hoà Bình", "HB"), ("Nội vụ", "NV"),
             ("Xúc tiến (QZ)", "Xúc tiến")]
    rng = random.Random(5)
    records = []
    for n in range(600):
        head = rng.choice(heads)
        full, short = rng.choice(tails)
        name = rng.choice((f"{head} {rng.choice((full, short, full.upper(), short.lower()))}", short, f"và {full}"))
        forms = (name,) if rng.random() < 0.6 else (name, f"{head} {full}")
        records.append(UnitRecord(f"d{n // 3:03d}", f"d{n // 3:03d}:U{n % 3}", name, forms))
    records.append(UnitRecord("z1", "z1:U1", "Bộ GD&ĐT", ("Bộ GD&ĐT",)))
    records.append(UnitRecord("z2", "z2:U1", "Bộ Giáo dục và Đào tạo", ("Bộ Giáo dục và Đào tạo",)))
    indexed, reference = UnitRegistrar(lexicon), _Pairwise(lexicon)
    got = [indexed.add(r) for r in records]
    assert got == [reference.add(r) for r in records]
    assert len({number for number, _ in got}) < len(records) / 4  # the forms did join entries
