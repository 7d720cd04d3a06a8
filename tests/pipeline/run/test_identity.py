"""Documents identified by content (issue 11): path spellings, copies, other encodings and
other URLs of one text are one document with several sources; near-duplicates are marked
and counted once; --prune; errors.csv is the current truth."""

from __future__ import annotations

import csv
import os
import random
import sqlite3
from pathlib import Path

import pytest

from extractors.lexicon import Lexicon
from pipeline.cli import main
from pipeline.run.identity import NEAR_DUPLICATE, NUM_PERM, _shingles, body_signature, near_duplicates
from pipeline.run.store import Store
from pipeline.segment import make_document
from tests.pipeline.ingest.test_archive import write_warc

ROOT = Path(__file__).resolve().parents[3]
ARTICLES = ROOT / "corpus" / "articles"
AWARDS = ("Dịp này, 02 tập thể được tặng Bằng khen của Bộ trưởng Bộ Nội vụ; 05 cá nhân được tặng danh hiệu "
          "Chiến sĩ thi đua cơ sở.")
BODY = [
    "Ngày 15/12/2023, Sở Nội vụ tỉnh Hòa Bình tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 "
    "với sự tham dự của đại diện các sở, ban, ngành và các huyện, thành phố trong tỉnh.",
    "Đồng chí Nguyễn Văn An - Giám đốc Sở Nội vụ phát biểu khai mạc hội nghị. Bà Trần Thị Bình, Phó Giám đốc "
    "Sở Nội vụ trình bày báo cáo tổng kết phong trào thi đua yêu nước trong năm qua.",
    "Năm 2023, Sở đã phát động phong trào thi đua \"Đoàn kết, sáng tạo, hoàn thành xuất sắc nhiệm vụ\" trong toàn "
    "ngành, gắn với việc thực hiện các nhiệm vụ chính trị của địa phương.",
    AWARDS,
]


def table(out: Path, name: str) -> list[dict[str, str]]:
    with (out / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run(*args: str) -> int:
    return main(["run", *args, "--no-ner", "--workers", "1"])


def test_three_spellings_of_one_folder_are_one_corpus(tmp_path, monkeypatch):
    """`corpus/articles`, then `$PWD/corpus/articles`, then `../x/corpus/articles/`."""
    (tmp_path / "x" / "corpus").mkdir(parents=True)
    folder = tmp_path / "x" / "corpus" / "articles"
    folder.mkdir()
    for path in ARTICLES.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    (tmp_path / "y").mkdir()
    monkeypatch.chdir(tmp_path / "x")
    out = tmp_path / "out"
    awards = None
    for spelling, cwd in (("corpus/articles", "."), (f"{os.getcwd()}/corpus/articles", "."),
                          ("../x/corpus/articles/", "../y")):
        monkeypatch.chdir(tmp_path / "x" / cwd)
        assert run(spelling, "--out", str(out)) == 0
        assert len(table(out, "documents")) == 5
        awards = awards or len(table(out, "awards"))
        assert len(table(out, "awards")) == awards > 30  # never doubled
    sources = table(out, "sources")
    assert len(sources) == 5
    assert {r["location"] for r in sources} == {str(p.resolve()) for p in folder.glob("*.txt")}
    assert {r["doc_id"] for r in sources} == {p.stem for p in folder.glob("*.txt")}


def test_a_copy_and_another_encoding_are_sources_of_one_document(tmp_path):
    text = "Hội nghị tổng kết công tác thi đua năm 2023\n\n" + "\n\n".join(BODY) + "\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "bai.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b" / "ban-sao.txt").write_text(text, encoding="utf-8")  # the same bytes
    (tmp_path / "b" / "utf16.txt").write_text(text, encoding="utf-16")  # other bytes, the same text
    out = tmp_path / "out"
    assert run(str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out)) == 0
    assert [r["doc_id"] for r in table(out, "documents")] == ["bai"]  # the stem of its first source
    assert sorted((r["doc_id"], Path(r["source"]).name) for r in table(out, "sources")) == [
        ("bai", "bai.txt"), ("bai", "ban-sao.txt"), ("bai", "utf16.txt")]
    assert [(r["award"], r["count"]) for r in table(out, "awards")] == [("Bằng khen", "2"), ("Chiến sĩ thi đua", "5")]
    # given again on its own, the copy adds nothing
    assert run(str(tmp_path / "b" / "ban-sao.txt"), "--out", str(out)) == 0
    assert len(table(out, "documents")) == 1 and len(table(out, "sources")) == 3


def _page(site: str, title: str, chrome: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (f"<html><head><title>{site}</title></head><body><div class='menu'>{chrome}</div>"
            f"<div class='article-detail'><h1>{title}</h1>{paras}<p>{site}</p></div>"
            f"<div class='footer-links'>{chrome} © {site}</div></body></html>").encode("utf-8")


def test_one_article_from_two_urls_is_counted_once(tmp_path):
    """Syndication: another host, another headline, other chrome."""
    warc = write_warc(tmp_path / "crawl.warc.gz", [
        ("https://baonoivu.vn/tin/hoi-nghi-tong-ket.html",
         _page("Báo Nội vụ", "Hội nghị tổng kết công tác thi đua năm 2023", "Trang chủ Thời sự")),
        ("https://m.tinhhoabinh.vn/hoi-nghi.html",
         _page("Cổng thông tin Hòa Bình", "Sở Nội vụ Hòa Bình tổng kết thi đua năm 2023", "Chính trị Kinh tế")),
    ])
    out = tmp_path / "out"
    assert run(str(warc), "--out", str(out)) == 0
    docs = {r["source"]: r for r in table(out, "documents")}
    assert len(docs) == 2
    kept, copy = sorted(docs.values(), key=lambda r: r["doc_id"])
    assert kept["duplicate_of"] == "" and copy["duplicate_of"] == kept["doc_id"]
    awards = table(out, "awards")
    assert [(r["doc_id"], r["award"], r["count"]) for r in awards] == [
        (kept["doc_id"], "Bằng khen", "2"), (kept["doc_id"], "Chiến sĩ thi đua", "5")]  # once, not twice
    assert {r["doc_id"] for r in table(out, "people")} == {kept["doc_id"]}


def test_different_articles_are_not_near_duplicates(tmp_path):
    out = tmp_path / "out"
    assert run(str(ARTICLES), "--out", str(out)) == 0
    assert [r["duplicate_of"] for r in table(out, "documents")] == [""] * 5


def test_the_kept_document_does_not_depend_on_the_order():
    import zlib

    from datasketch import LeanMinHash, MinHash

    def signature(words: list[str]) -> bytes:
        sketch = MinHash(num_perm=128, seed=20261201, hashfunc=zlib.crc32)
        sketch.update_batch([" ".join(words[i:i + 5]).encode() for i in range(len(words) - 4)])
        lean = LeanMinHash(sketch)
        buffer = bytearray(lean.bytesize())
        lean.serialize(buffer)
        return bytes(buffer)

    words = " ".join(BODY).split()
    same = signature(words)
    near = signature(words[:-2] + ["Tin", "khác"])
    other = signature(list(reversed(words)))
    items = [("z", same), ("b", near), ("m", other), ("a", b"")]
    assert near_duplicates(items) == near_duplicates(list(reversed(items))) == {"z": "b"}


def _datasketch_signature(shingles: set[bytes]) -> bytes:
    """The reference: datasketch's own MinHash of the shingles, serialized as LeanMinHash."""
    import zlib

    from datasketch import LeanMinHash, MinHash

    sketch = MinHash(num_perm=NUM_PERM, seed=20261201, hashfunc=zlib.crc32)
    sketch.update_batch(list(shingles))
    lean = LeanMinHash(sketch)
    buffer = bytearray(lean.bytesize())
    lean.serialize(buffer)
    return bytes(buffer)


def _article(rng: random.Random, words: list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length)) + "."


def test_shingles_are_the_body_words_five_by_five():
    lexicon = Lexicon.shared()
    text = "Lễ tổng kết\n\nSáng nay, Sở Nội vụ TỔNG KẾT công tác thi đua năm 2023 và trao 15 Bằng khen.\nẢnh: Minh Hà"
    doc = make_document("d", text, lexicon)
    words = [w for seg in doc.segments if seg.kind in ("body", "caption")
             for w in doc.text[seg.start:seg.end].casefold().split()]
    assert len(words) > 10
    assert _shingles(doc) == {" ".join(words[i:i + 5]).encode("utf-8") for i in range(len(words) - 4)}
    assert _shingles(make_document("d", "Ba bốn từ.", lexicon)) == set()


def test_body_signatures_are_datasketch_minhashes():
    rng = random.Random(7)
    vocabulary = " ".join(BODY).split()
    lexicon = Lexicon.shared()
    for length in (24, 60, 300):
        for _ in range(5):
            doc = make_document("d", _article(rng, vocabulary, length), lexicon)
            shingles = _shingles(doc)
            assert len(shingles) >= 20
            assert body_signature(doc) == _datasketch_signature(shingles)
    assert body_signature(make_document("d", "Tin ngắn một dòng.", lexicon)) == b""


def test_near_duplicates_are_those_datasketch_lsh_finds():
    """Edited copies at every distance from their original: the marks are those of
    datasketch's MinHashLSH with the same threshold and the same choice of the kept one."""
    from datasketch import LeanMinHash, MinHashLSH

    rng = random.Random(11)
    vocabulary = sorted(set(" ".join(BODY).split()))
    items = []
    for n in range(12):
        words = [rng.choice(vocabulary) for _ in range(120)]
        items.append((f"a{n:02d}", words))
        for k, edits in enumerate((1, 2, 3, 5, 8, 12, 20)):
            copy = list(words)
            for _ in range(edits):
                copy[rng.randrange(len(copy))] = rng.choice(vocabulary)
            items.append((f"b{n:02d}{k}", copy))
    signatures = [(doc_id, _datasketch_signature({" ".join(w[i:i + 5]).encode() for i in range(len(w) - 4)}))
                  for doc_id, w in items]
    index = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
    sketches: dict[str, LeanMinHash] = {}
    expected: dict[str, str] = {}
    for doc_id, blob in sorted(signatures):
        sketch = LeanMinHash.deserialize(blob)
        kept = sorted(c for c in index.query(sketch)
                      if c not in expected and sketch.jaccard(sketches[c]) >= NEAR_DUPLICATE)
        if kept:
            expected[doc_id] = kept[0]
            continue
        index.insert(doc_id, sketch)
        sketches[doc_id] = sketch
    marks = near_duplicates(signatures)
    assert marks == expected
    assert 0 < len(marks) < len(items) - 12  # some copies are near, some too far


def test_signatures_in_doc_id_order_are_streamed_and_others_refused():
    words = " ".join(BODY).split()
    items = sorted([(f"d{n}", _datasketch_signature({" ".join(w[i:i + 5]).encode() for i in range(len(w) - 4)}))
                    for n, w in enumerate((words, words[:-1] + ["khác"], list(reversed(words))))])
    assert near_duplicates(iter(items), ordered=True) == near_duplicates(reversed(items)) == {"d1": "d0"}
    with pytest.raises(ValueError, match="out of doc_id order"):
        near_duplicates(reversed(items), ordered=True)


def test_prune_removes_the_documents_whose_inputs_are_gone(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in ARTICLES.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    copy = tmp_path / "copy.txt"
    copy.write_bytes((folder / "000_cc15e2c0f924b99d.txt").read_bytes())
    out = tmp_path / "out"
    assert run(str(folder), str(copy), "--out", str(out)) == 0
    (folder / "000_cc15e2c0f924b99d.txt").unlink()  # still given by copy.txt
    (folder / "001_e389599b88554ea5.txt").unlink()  # gone for good
    assert run(str(folder), "--out", str(out)) == 0
    assert len(table(out, "documents")) == 5  # nothing is removed without --prune
    capsys.readouterr()
    assert run(str(folder), "--out", str(out), "--prune") == 0
    assert ", 1 pruned" in capsys.readouterr().out
    assert sorted(r["doc_id"] for r in table(out, "documents")) == [
        "000_cc15e2c0f924b99d", "002_d28686a1ed8afadc", "003_afb19efa80ad03d7", "004_9cdd9c0ecaf152ba"]
    assert [Path(r["source"]).name for r in table(out, "sources") if r["doc_id"] == "000_cc15e2c0f924b99d"] == [
        "copy.txt"]
    assert not [r for r in table(out, "people") if r["doc_id"] == "001_e389599b88554ea5"]


def test_errors_csv_lists_the_inputs_that_fail_now(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "hong.txt").write_bytes(b"")
    (a / "xoa.txt").write_bytes(b"")
    (b / "rong.txt").write_bytes(b"   ")
    out = tmp_path / "out"
    assert run(str(a), "--out", str(out)) == 1
    assert sorted(Path(r["source"]).name for r in table(out, "errors")) == ["hong.txt", "xoa.txt"]
    (a / "hong.txt").write_text((ARTICLES / "000_cc15e2c0f924b99d.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (a / "xoa.txt").unlink()  # fixed by removing it
    assert run(str(a), "--out", str(out)) == 0
    assert table(out, "errors") == []
    assert run(str(b), "--out", str(out)) == 1  # another folder: its errors
    assert [Path(r["source"]).name for r in table(out, "errors")] == ["rong.txt"]
    (a / "hong.txt").write_bytes(b"\x00\x01")  # broken again; a's error comes back with a's next run
    assert run(str(a), "--out", str(out)) == 1
    assert sorted(Path(r["source"]).name for r in table(out, "errors")) == ["hong.txt", "rong.txt"]
    with Store(out / "thidua.sqlite") as store:  # every run's errors, with its run id
        history = [(run_id, Path(e.source).name, e.reason) for run_id, e in store.all_errors()]
    assert history == [(1, "hong.txt", "empty file"), (1, "xoa.txt", "empty file"), (3, "rong.txt", "empty file"),
                       (4, "hong.txt", "binary file (NUL bytes), not an article")]


def test_the_store_records_every_run(tmp_path):
    out = tmp_path / "out"
    assert run(str(ARTICLES), "--out", str(out)) == 0
    assert run(str(ARTICLES), "--out", str(out)) == 0
    with sqlite3.connect(out / "thidua.sqlite") as db:
        assert db.execute("SELECT run_id, status, stored, failed FROM runs").fetchall() == [
            (1, "done", 5, 0), (2, "done", 0, 0)]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_same_content_in_one_run_keeps_the_first_sources_id(tmp_path, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    text = (ARTICLES / "002_d28686a1ed8afadc.txt").read_bytes()
    for name in ("b-first.txt", "c-second.txt", "d-third.txt"):
        (folder / name).write_bytes(text)
    out = tmp_path / "out"
    assert main(["run", str(folder), "--out", str(out), "--no-ner", "--workers", workers]) == 0
    assert [r["doc_id"] for r in table(out, "documents")] == ["b-first"]
    assert sorted(r["doc_id"] for r in table(out, "sources")) == ["b-first"] * 3
