"""Bad input, end to end through ``thidua run``: each case ends in exactly one
``errors.csv`` row (source, stage, reason) and exit status 1 while the good article of
the same run keeps its rows, or in the right records. Fixtures are invented articles.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import random
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.ingest.legacy import from_unicode, legacy_tables
from pipeline.options import Options
from pipeline.schema import TABLE_COLUMNS
from tests.pipeline.ingest.test_legacy import windows_1258_bytes

ARTICLE = """Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023

Ngày 15/12/2023, Sở Nội vụ tỉnh Hòa Bình tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023.

Đồng chí Nguyễn Văn An - Giám đốc Sở Nội vụ phát biểu khai mạc hội nghị. Bà Trần Thị Bình, Phó Giám đốc Sở Nội vụ trình bày báo cáo tổng kết.

Năm 2023, Sở đã phát động phong trào thi đua "Đoàn kết, sáng tạo, hoàn thành xuất sắc nhiệm vụ" trong toàn ngành.

Dịp này, 02 tập thể được tặng Bằng khen của Bộ trưởng Bộ Nội vụ; 05 cá nhân được tặng danh hiệu Chiến sĩ thi đua cơ sở. Ông Lê Văn Cường, Chánh Văn phòng Sở Nội vụ, công bố quyết định khen thưởng.
"""
PEOPLE = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
TITLES = ["Giám đốc Sở Nội vụ", "Phó Giám đốc Sở Nội vụ", "Chánh Văn phòng Sở Nội vụ"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Run:
    """What one ``thidua run`` left behind."""

    code: int
    stderr: str
    tables: dict[str, list[dict[str, str]]]
    errors: list[dict[str, str]]
    spans: list[dict[str, Any]]
    out: Path
    sources: list[dict[str, str]]

    def rows(self, table: str, doc_id: str) -> list[dict[str, str]]:
        return [r for r in self.tables[table] if r["doc_id"] == doc_id]

    def doc_of(self, name: str) -> str:
        """The doc_id of the document that the input file ``name`` gave (sources.csv)."""
        rows = [r for r in self.sources if Path(r["source"]).name == name]
        assert len(rows) == 1, self.sources
        return rows[0]["doc_id"]

    def error(self, name: str) -> tuple[str, str, str]:
        """The one error row of the input file ``name``."""
        rows = [r for r in self.errors if Path(r["source"]).name == name]
        assert len(rows) == 1, self.errors
        return Path(rows[0]["source"]).name, rows[0]["stage"], rows[0]["reason"]


def run(tmp_path: Path, capsys, files: dict[str, bytes | str], *args: str, inputs: list[str] | None = None) -> Run:
    """Write ``files`` into ``tmp_path/in`` and run ``thidua run`` on it (no NER, one worker)."""
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    out = tmp_path / "out"
    capsys.readouterr()
    code = main(["run", *(inputs or [str(folder)]), "--out", str(out), "--no-ner", "--workers", "1", *args])
    stderr = capsys.readouterr().err
    tables = {name: _read_csv(out / f"{name}.csv") for name in TABLE_COLUMNS}
    spans = [json.loads(line) for line in (out / "spans.jsonl").read_text(encoding="utf-8").splitlines()]
    return Run(code, stderr, tables, _read_csv(out / "errors.csv"), spans, out, _read_csv(out / "sources.csv"))


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def assert_good_article(result: Run, doc_id: str = "good") -> None:
    """The reference article's rows are all there."""
    assert [r["name"] for r in result.rows("people", doc_id)] == PEOPLE
    assert [r["title"] for r in result.rows("positions", doc_id)] == TITLES
    assert [(r["award"], r["count"]) for r in result.rows("awards", doc_id)] == [
        ("Bằng khen", "2"), ("Chiến sĩ thi đua", "5")]
    assert [r["text"] for r in result.rows("slogans", doc_id)] == [
        "Đoàn kết, sáng tạo, hoàn thành xuất sắc nhiệm vụ"]
    assert [r["event_date"] for r in result.rows("documents", doc_id)] == ["2023-12-15"]


def assert_same_document(result: Run, a: str, b: str) -> str:
    """Two inputs whose normalized text is the same are one document (its content), with
    both inputs as its sources: the tables hold it once. Returns its doc_id."""
    doc_id = result.doc_of(a)
    assert result.doc_of(b) == doc_id
    assert [r["doc_id"] for r in result.tables["documents"]] == [doc_id]
    return doc_id


def assert_rejected(result: Run, name: str, stage: str, reason: str) -> None:
    """Exactly one error row for ``name``, its stderr line, exit 1, the good article kept."""
    assert result.code == 1
    assert result.error(name) == (name, stage, reason)
    assert f"{name}: {reason} (skipped)" in result.stderr
    assert_good_article(result)


# -- rejected with a reason ---------------------------------------------------------------

def test_empty_file(tmp_path, capsys):
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "empty.txt": b""})
    assert_rejected(result, "empty.txt", "decode", "empty file")


def test_whitespace_only_file(tmp_path, capsys):
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "blank.txt": b" \r\n\t\n  "})
    assert_rejected(result, "blank.txt", "decode", "empty file")


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bai.txt", ARTICLE)
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "what"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "a PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "a PDF document"),
    (_zip_bytes(), "a zip archive"),
    (gzip.compress(ARTICLE.encode("utf-8")), "gzip data"),
    (b"Hoi nghi\x00\x00\x00\x01\x02 tong ket", "NUL bytes"),
], ids=["png", "pdf", "zip", "gzip", "nul"])
def test_binary_content_named_txt(tmp_path, capsys, data, what):
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "bai.txt": data})
    assert_rejected(result, "bai.txt", "decode", f"binary file ({what}), not an article")


def test_binary_suffix_named_on_the_command_line(tmp_path, capsys):
    """Inside a folder a .pdf is not an input; named explicitly it is refused."""
    (tmp_path / "in").mkdir()
    pdf = tmp_path / "in" / "baocao.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    result = run(tmp_path, capsys, {"good.txt": ARTICLE}, inputs=[str(tmp_path / "in"), str(pdf)])
    assert_rejected(result, "baocao.pdf", "ingest", "unsupported file type '.pdf'")


def test_html_with_no_article_text(tmp_path, capsys):
    page = ("<html><head><title></title><script>var x = 1;</script></head><body><nav class='menu'>"
            "<a href='/'>Trang chủ</a></nav><div class='share-bar'>Chia sẻ</div><footer>Bản quyền</footer>"
            "</body></html>")
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "trang.html": page})
    assert_rejected(result, "trang.html", "extract", "no article text")


def test_file_over_max_bytes(tmp_path, capsys):
    assert Options().max_bytes == 20 * 1024 * 1024
    big = (ARTICLE * 3).encode("utf-8")
    limit = len(ARTICLE.encode("utf-8")) + 100
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "big.txt": big}, "--max-bytes", str(limit))
    assert_rejected(result, "big.txt", "ingest", f"file too large ({len(big):,} bytes > limit {limit:,})")


@pytest.mark.parametrize(("data", "reason"), [
    (codecs.BOM_UTF8 + "Hội nghị".encode("utf-8") + b"\xff\xfe tong ket",
     "UTF-8 byte-order mark, but not UTF-8 text (invalid start byte at byte 15)"),
    (codecs.BOM_UTF16_LE + "Hội nghị".encode("utf-16-le") + b"\x00",
     "UTF-16 byte-order mark, but not UTF-16 text (truncated data at byte 18)"),
    (b"H\x81i ngh\x8d t\x8fng k\x90t n\x9dm",
     "not UTF-8, UTF-16, TCVN3, VNI or windows-1258 text (character maps to <undefined> at byte 1)"),
], ids=["utf-8-bom", "utf-16-odd-length", "no-encoding"])
def test_text_in_no_valid_encoding(tmp_path, capsys, data, reason):
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "hong.txt": data})
    assert_rejected(result, "hong.txt", "decode", reason)


def test_legacy_text_that_cannot_be_converted_is_refused_naming_it(tmp_path, capsys):
    words = from_unicode(ARTICLE, legacy_tables()["tcvn3"]).split(b" ")
    garbled = b" ".join(w + b"\xba\xc0" if i % 2 and not w.isascii() else w for i, w in enumerate(words))
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "cu.txt": garbled})
    assert result.code == 1
    name, stage, reason = result.error("cu.txt")
    assert (name, stage) == ("cu.txt", "decode")
    assert reason.startswith("legacy TCVN3 (ABC) encoding, but only ")
    assert_good_article(result)


# -- damaged HTML still yields the article -----------------------------------------------------

def _page(article: str = ARTICLE) -> str:
    head, *paras = [p for p in article.split("\n\n") if p.strip()]
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    return (f"<html><head><title>Báo Nội vụ</title></head><body><nav class='menu'><a>Trang chủ</a></nav>"
            f"<div class='article-detail'><h1>{head}</h1>\n{body}</div><footer>Bản quyền</footer></body></html>")


def test_truncated_html_keeps_the_article(tmp_path, capsys):
    page = _page()
    cut = page[: page.rindex("</p>") + 3]  # the file ends inside the last "</p>"
    assert cut.endswith("</p")
    result = run(tmp_path, capsys, {"full.html": _page(), "cut.html": cut})
    assert result.code == 0 and result.errors == []
    assert_same_document(result, "cut.html", "full.html")
    assert [r["name"] for r in result.rows("people", "cut")] == PEOPLE


def test_html_cut_inside_an_opening_tag(tmp_path, capsys):
    page = _page()
    cut = page[: page.rindex("<p>") + 2] + ' class="ar'  # the last paragraph never starts
    result = run(tmp_path, capsys, {"cut.html": cut})
    assert result.code == 0
    assert [r["name"] for r in result.rows("people", "cut")] == PEOPLE[:2]
    assert [r["text"] for r in result.rows("slogans", "cut")] == ["Đoàn kết, sáng tạo, hoàn thành xuất sắc nhiệm vụ"]


def test_malformed_html_keeps_the_article(tmp_path, capsys):
    head, *paras = [p for p in ARTICLE.split("\n\n") if p.strip()]
    page = ("<html><body><div class='content'><h1>" + head + "<p>" + "<p><b><i>".join(paras)
            + "<div><span>")  # nothing closed
    result = run(tmp_path, capsys, {"full.html": _page(), "bad.html": page})
    assert result.code == 0 and result.errors == []
    assert_same_document(result, "bad.html", "full.html")


def test_unclosed_inline_tags_before_a_list_keep_their_text(tmp_path, capsys):
    head, *paras = [p for p in ARTICLE.split("\n\n") if p.strip()]
    page = "<html><body><div class='content'><h1>" + head + "<p>" + "<p><b><i>".join(paras) + "<ul><li>Tin khác"
    result = run(tmp_path, capsys, {"full.html": _page(), "bad.html": page})
    assert [r["name"] for r in result.rows("people", "bad")] == PEOPLE


# -- non-Vietnamese text: no crash, nothing invented -------------------------------------------

NO_RECORDS = ("people", "positions", "units", "awards")


def slogans(result: Run, doc_id: str) -> list[str]:
    """The slogans of a document: a quotation is one only after a cue (chủ đề, khẩu hiệu ...)."""
    return [s["text"] for s in result.spans if s["doc_id"] == doc_id and s["field"] == "slogan"]


def test_english_text(tmp_path, capsys):
    text = ("Annual Awards Conference 2023\n\nOn 15/12/2023, the Department of Home Affairs held a conference "
            "to review emulation work in 2023. Mr. John Smith, Director of the Department, opened the meeting. "
            "Ms. Mary Brown, Deputy Director, presented the report. Two collectives received Certificates of "
            "Merit from the Minister; five individuals were named \"Grassroots Emulation Fighters\".")
    result = run(tmp_path, capsys, {"en.txt": text})
    assert result.code == 0 and result.errors == []
    for table in NO_RECORDS:
        assert result.rows(table, "en") == [], table
    assert slogans(result, "en") == []
    assert [r["title"] for r in result.rows("documents", "en")] == ["Annual Awards Conference 2023"]
    assert [(r["text"], r["value"]) for r in result.rows("dates", "en")] == [("15/12/2023", "2023-12-15")]


def test_chinese_text(tmp_path, capsys):
    text = ("2023年表彰大会\n\n2023年12月15日，内务厅召开2023年竞赛表彰工作总结会议。厅长张伟同志致开幕词。"
            "副厅长李娜作报告。两个集体获得部长颁发的奖状；五名个人获得“基层竞赛战士”称号。")
    result = run(tmp_path, capsys, {"zh.txt": text})
    assert result.code == 0 and result.errors == []
    for table in (*NO_RECORDS, "dates"):
        assert result.rows(table, "zh") == [], table
    assert slogans(result, "zh") == []
    assert len(result.rows("documents", "zh")) == 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_printable_bytes(tmp_path, capsys, seed):
    """Noise that decodes as text: a document row and nothing else."""
    rnd = random.Random(seed)
    noise = bytes(rnd.choice([rnd.randrange(0x20, 0x7F), 0x0A]) for _ in range(5000))
    result = run(tmp_path, capsys, {"noise.txt": noise})
    assert result.code == 0 and result.errors == []
    for table in ("people", "positions", "units", "awards", "dates"):
        assert result.rows(table, "noise") == [], table
    assert slogans(result, "noise") == []


def test_random_unicode_text(tmp_path, capsys):
    rnd = random.Random(5)
    noise = "".join(chr(rnd.choice([rnd.randrange(0x20, 0x7F), rnd.randrange(0xA0, 0x3000), 0x0A]))
                    for _ in range(5000))
    result = run(tmp_path, capsys, {"noise.txt": noise.encode("utf-8", "surrogatepass")})
    assert result.code == 0 and result.errors == []
    for table in NO_RECORDS:
        assert result.rows(table, "noise") == [], table
    assert slogans(result, "noise") == []


# -- the same article, written differently: the same tables --------------------------------------

def test_nfd_text_gives_the_nfc_tables(tmp_path, capsys):
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "nfd.txt": unicodedata.normalize("NFD", ARTICLE)})
    assert result.code == 0
    assert_good_article(result, assert_same_document(result, "nfd.txt", "good.txt"))


def test_mixed_tone_placement_gives_the_same_people(tmp_path, capsys):
    new = ("Ngày 20/12/2023, Ủy ban nhân dân xã Hòa Thuận tổ chức Hội nghị tổng kết phong trào thi đua.\n\n"
           "Bà Phạm Thị Thúy - Chủ tịch Ủy ban nhân dân xã phát biểu khai mạc. Ông Đỗ Văn Hòa, Phó Chủ tịch "
           "Ủy ban nhân dân xã trình bày báo cáo. Bà Phạm Thị Thúy trao Giấy khen cho 03 tập thể.\n")
    old = new.replace("Thúy", "Thuý").replace("Hòa", "Hoà")
    mixed = new.replace("Thị Thúy trao", "Thị Thuý trao").replace("Văn Hòa", "Văn Hoà")
    result = run(tmp_path, capsys, {"new.txt": new, "old.txt": old, "mixed.txt": mixed})
    from extractors.keys import match_key

    def people(doc_id: str) -> list[tuple[str, str, str]]:
        return [(match_key(r["name"]), r["honorific"], r["mentions"]) for r in result.rows("people", doc_id)]

    expected = [(match_key("Phạm Thị Thúy"), "bà", "2"), (match_key("Đỗ Văn Hòa"), "ông", "1")]
    assert people("new") == people("old") == people("mixed") == expected
    assert [r["name"] for r in result.rows("people", "mixed")] == ["Phạm Thị Thúy", "Đỗ Văn Hoà"]


@pytest.mark.parametrize(("name", "encode"), [
    ("bom8", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    ("utf16le", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
    ("utf16be", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
    ("cp1258", windows_1258_bytes),
    ("tcvn3", lambda t: from_unicode(t, legacy_tables()["tcvn3"])),
    ("vni", lambda t: from_unicode(t, legacy_tables()["vni"])),
    ("tcvn3moji", lambda t: from_unicode(t, legacy_tables()["tcvn3"]).decode("cp1252").encode("utf-8")),
    ("vnimoji", lambda t: from_unicode(t, legacy_tables()["vni"]).decode("cp1252").encode("utf-8")),
])
def test_other_encodings_give_the_utf8_records(tmp_path, capsys, name, encode):
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, f"{name}.txt": encode(ARTICLE)})
    assert result.code == 0 and result.errors == []
    assert_good_article(result, assert_same_document(result, f"{name}.txt", "good.txt"))


@pytest.mark.parametrize(("name", "ends"), [("crlf", ["\r\n"]), ("cr", ["\r"]), ("mixed", ["\r\n", "\n", "\r"])])
def test_line_endings_give_the_same_records_and_offsets(tmp_path, capsys, name, ends):
    lines = ARTICLE.split("\n")
    text = "".join(line + ends[i % len(ends)] for i, line in enumerate(lines))
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, f"{name}.txt": text})
    assert_good_article(result, assert_same_document(result, f"{name}.txt", "good.txt"))  # offsets included


@pytest.mark.parametrize("noise", ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"],
                         ids=["zwsp", "zwnj", "zwj", "bom", "soft-hyphen"])
def test_zero_width_characters_inside_names(tmp_path, capsys, noise):
    text = (ARTICLE.replace("Nguyễn Văn An", f"Nguyễn{noise} Văn A{noise}n")
            .replace("Trần Thị Bình", f"Tr{noise}ần Thị{noise} Bình"))
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "zw.txt": text})
    assert_good_article(result, assert_same_document(result, "zw.txt", "good.txt"))


@pytest.mark.parametrize("space", ["\u00a0", "\u202f"], ids=["nbsp", "narrow-nbsp"])
def test_non_breaking_spaces_inside_names(tmp_path, capsys, space):
    text = ARTICLE.replace("Nguyễn Văn An", f"Nguyễn{space}Văn{space}An").replace("Trần Thị Bình", f"Trần{space}Thị Bình")
    result = run(tmp_path, capsys, {"good.txt": ARTICLE, "nb.txt": text})
    assert_good_article(result, assert_same_document(result, "nb.txt", "good.txt"))


def test_zero_width_space_standing_for_a_space(tmp_path, capsys):
    text = ARTICLE.replace("Nguyễn Văn An", "Nguyễn\u200bVăn An")
    result = run(tmp_path, capsys, {"zw.txt": text})
    assert [r["name"] for r in result.rows("people", "zw")] == PEOPLE


# -- hostile content: CSV formula injection --------------------------------------------------------

EVIL = """=cmd|' /C calc'!A0 Hội nghị tổng kết thi đua năm 2023

Ngày 15/12/2023, Sở Nội vụ tổ chức Hội nghị tổng kết công tác thi đua năm 2023 với chủ đề thi đua “=HYPERLINK("http://evil.example/x","Bấm vào đây")”.

Đồng chí Nguyễn Văn An - Giám đốc Sở Nội vụ phát biểu. Năm 2023, Sở phát động phong trào “+Đoàn kết sáng tạo” và phong trào “-Thi đua 2023”, phong trào “@SUM(1+1)”.
"""


def _all_cells(out: Path) -> list[tuple[str, str, str]]:
    cells = []
    for path in sorted(out.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                cells.extend((path.name, row[0] if row else "", cell) for cell in row)
    return cells


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def assert_no_live_formula(out: Path) -> None:
    for table, _, cell in _all_cells(out):
        assert not cell.startswith(FORMULA_START) or _is_number(cell), (table, cell)


def test_formula_text_is_neutralised_in_every_csv_cell(tmp_path, capsys):
    result = run(tmp_path, capsys, {"evil.txt": EVIL})
    assert result.code == 0
    assert_no_live_formula(result.out)
    assert [r["title"] for r in result.rows("documents", "evil")] == [
        "'=cmd|' /C calc'!A0 Hội nghị tổng kết thi đua năm 2023"]
    link = '=HYPERLINK("http://evil.example/x","Bấm vào đây")'  # the curly quotation holds the straight ones
    assert [r["text"] for r in result.rows("slogans", "evil")] == [
        "'" + link, "'+Đoàn kết sáng tạo", "'-Thi đua 2023", "'@SUM(1+1)"]
    raw = [s["text"] for s in result.spans if s["field"] == "slogan"]  # the true values are kept
    assert raw == [link, "+Đoàn kết sáng tạo", "-Thi đua 2023", "@SUM(1+1)"]


@pytest.mark.parametrize("name", ["=cmd|calc.txt", "+cmd.txt", "@SUM(1).txt", "\tTab.txt", "\rCR.txt"],
                         ids=["equals", "plus", "at", "tab", "cr"])
def test_formula_file_names_are_neutralised(tmp_path, capsys, monkeypatch, name):
    """The path given on the command line is the source; the file stem is the doc_id."""
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(ARTICLE, encoding="utf-8")
    Path("=empty.txt").write_bytes(b"")
    result = run(tmp_path, capsys, {}, inputs=[name, "=empty.txt"])
    assert result.code == 1
    assert_no_live_formula(result.out)
    stem = name[:-4]
    assert [(r["doc_id"], r["source"]) for r in result.tables["documents"]] == [("'" + stem, "'" + name)]
    assert [r["source"] for r in result.errors] == ["'=empty.txt"]
    assert {s["doc_id"] for s in result.spans} == {stem}


def test_minus_file_name_in_a_folder(tmp_path, capsys):
    result = run(tmp_path, capsys, {"-rf.txt": ARTICLE})
    assert_no_live_formula(result.out)
    assert {r["doc_id"] for table in TABLE_COLUMNS for r in result.tables[table]} == {"'-rf"}
    assert {s["doc_id"] for s in result.spans} == {"-rf"}
