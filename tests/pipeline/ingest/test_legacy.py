"""Legacy encodings: every table entry against the encoding's layout, round trips from
Unicode through TCVN3/VNI bytes (raw and mis-decoded as windows-1252) back to the very
same text, and real Unicode articles never taken for legacy text."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from extractors.syllables import is_syllable
from pipeline.ingest.decode import decode_with_encoding
from pipeline.ingest.errors import IngestError
from pipeline.ingest.legacy import detect_legacy, from_unicode, legacy_tables, syllable_share, to_unicode
from pipeline.ingest.sources import Source
from pipeline.run.orchestrate import load_document
from tests.conftest import corpus_paths

TCVN3 = legacy_tables()["tcvn3"]
VNI = legacy_tables()["vni"]
TONES = {"": "", "huyền": "\u0300", "hỏi": "\u0309", "ngã": "\u0303", "sắc": "\u0301", "nặng": "\u0323"}
VOWELS = "aăâeêioôơuưy"
# every Vietnamese letter that is not ASCII, lowercase: 12 vowels x 5 tones, ă â ê ô ơ ư đ
LOWER = frozenset({unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES.values()} | {"đ"}) - set(VOWELS[:1] + "eiouy")
ALL_LETTERS = LOWER | {c.upper() for c in LOWER}

# Invented conference sentences (no real people). TCVN3 has no toned capitals, so its
# fixtures start words with plain or hatted capitals only; VNI has every capital.
SENTENCES = [
    "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023",
    "Ngày 15/12/2023, Sở Nội vụ tỉnh Hòa Bình tổ chức hội nghị điển hình tiên tiến.",
    "Đồng chí Nguyễn Văn An - Giám đốc Sở Nội vụ phát biểu khai mạc.",
    "Bà Trần Thị Bình, Phó Giám đốc, trình bày báo cáo; ông Lê Văn Cường đọc quyết định.",
    "Phong trào “Đoàn kết, sáng tạo, kỷ cương, hiệu quả” được triển khai sâu rộng.",
    "02 tập thể được tặng Bằng khen của Bộ trưởng; 05 cá nhân đạt Chiến sĩ thi đua cơ sở.",
    "HỘI NGHỊ SƠ KẾT 6 THÁNG ĐẦU NĂM – KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG",
    "Chị Phạm Thị Thuý, chuyên viên Văn phòng, nhận Giấy khen vì thành tích xuất sắc.",
    "Người đứng đầu cơ quan, đơn vị phải gương mẫu, quyết liệt trong chỉ đạo.",
]
VNI_ONLY = [
    "Ủy ban nhân dân xã Ứng Hòa biểu dương 12 gương người tốt, việc tốt.",
    "Ảnh: Ông Đỗ Văn Hoà (thứ hai từ trái) nhận Huân chương Lao động hạng Ba.",
    "Ý kiến của Ông Ân, Ở nơi làm việc, Ỷ lại, Ẩn danh, Ọp ẹp, Ứng xử.",
]


def windows_1258_bytes(text: str) -> bytes:
    """Vietnamese text as windows-1258 writes it: hatted or horned base letter, then the
    tone as a combining mark ("Hội" = ``H \\xf4 \\xf2 i``)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONES.values())
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + tones)
    return "".join(out).encode("cp1258")


# -- the tables ----------------------------------------------------------------------

def test_tcvn3_table_covers_its_letters_once():
    letters = list(TCVN3.sequences.values())
    assert len(letters) == len(set(letters)) == 74
    assert {c for c in letters if c.islower()} == LOWER
    assert {c for c in letters if c.isupper()} == set("ĂÂÊÔƠƯĐ")
    assert all(len(seq) == 1 and 0xA1 <= ord(seq) <= 0xFE for seq in TCVN3.sequences)


def test_tcvn3_toned_rows_follow_the_layout():
    """Each vowel's five toned letters sit in huyền, hỏi, ngã, sắc, nặng order."""
    by_byte = sorted((ord(seq), letter) for seq, letter in TCVN3.sequences.items() if ord(seq) >= 0xB5)
    for vowel in VOWELS:
        row = [letter for _, letter in by_byte if _base(letter) == vowel]
        assert [_tone(letter) for letter in row] == ["huyền", "hỏi", "ngã", "sắc", "nặng"], vowel


VNI_MARKS = {  # mark byte: (hat or breve, tone), lowercase and capital forms
    0xF8: ("", "huyền"), 0xF9: ("", "sắc"), 0xFB: ("", "hỏi"), 0xF5: ("", "ngã"), 0xEF: ("", "nặng"),
    0xE2: ("\u0302", ""), 0xE0: ("\u0302", "huyền"), 0xE1: ("\u0302", "sắc"), 0xE5: ("\u0302", "hỏi"),
    0xE3: ("\u0302", "ngã"), 0xE4: ("\u0302", "nặng"),
    0xEA: ("\u0306", ""), 0xE8: ("\u0306", "huyền"), 0xE9: ("\u0306", "sắc"), 0xFA: ("\u0306", "hỏi"),
    0xFC: ("\u0306", "ngã"), 0xEB: ("\u0306", "nặng"),
}
VNI_SINGLE = {0xF1: "đ", 0xF4: "ơ", 0xF6: "ư", 0xEC: "ì", 0xED: "í", 0xE6: "ỉ", 0xF3: "ĩ", 0xF2: "ị"}


@pytest.mark.parametrize("seq", sorted(VNI.sequences))
def test_vni_entry_follows_the_layout(seq):
    letter = VNI.sequences[seq]
    codes = seq.encode("latin-1")
    upper = letter.isupper()
    if len(codes) == 1:
        expected = VNI_SINGLE[codes[0] + (0x20 if upper else 0)]
        assert letter == (expected.upper() if upper else expected)
        return
    base, mark = codes[0], codes[1] + (0x20 if upper else 0)
    base_letter = VNI_SINGLE.get(base + (0x20 if upper else 0), chr(base).lower())
    hat, tone = VNI_MARKS[mark]
    built = unicodedata.normalize("NFC", base_letter + hat + TONES[tone])
    assert letter == (built.upper() if upper else built)


def test_vni_table_covers_every_letter():
    assert set(VNI.sequences.values()) == ALL_LETTERS
    assert len(VNI.sequences) == len(ALL_LETTERS) == 134


def _base(letter: str) -> str:
    parts = unicodedata.normalize("NFD", letter)
    return unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES.values()))


def _tone(letter: str) -> str:
    parts = unicodedata.normalize("NFD", letter)
    return next(name for name, mark in TONES.items() if mark and mark in parts)


def test_bad_table_entry_is_refused(tmp_path):
    data = tmp_path / "legacy.toml"
    data.write_text('[tcvn3]\nlabel = "TCVN3 (ABC)"\nuppercase_words = true\n[tcvn3.sequences]\n"85" = "à"\n'
                    '[vni]\nlabel = "VNI"\nuppercase_words = false\n[vni.sequences]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="tcvn3: sequence '85' uses a byte outside 20-7E and A1-FF"):
        legacy_tables(data)


# -- the syllable validator ------------------------------------------------------------

@pytest.mark.parametrize("word", ["Nguyễn", "quyết", "nghiệp", "giữa", "giếng", "gì", "khuya", "người", "thuở",
                                  "hoà", "hòa", "Thuý", "Thúy", "ĐUA", "xoong", "kỹ", "yêu", "oanh", "rượu"])
def test_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["Héi", "nghÞ", "Vieät", "tæng", "cảc", "hoàt", "ghà", "kàng", "qa", "Smith",
                                  "world", "ăn̉", "ña", "ă", "ìị", "bbb", ""])
def test_not_syllables(word):
    assert not is_syllable(word)


# -- round trips -----------------------------------------------------------------------

@pytest.mark.parametrize("text", SENTENCES)
def test_tcvn3_bytes_round_trip(text):
    assert decode_with_encoding(from_unicode(text, TCVN3)) == (text, "tcvn3")


@pytest.mark.parametrize("text", SENTENCES + VNI_ONLY)
def test_vni_bytes_round_trip(text):
    assert decode_with_encoding(from_unicode(text, VNI)) == (text, "vni")


@pytest.mark.parametrize("table", [TCVN3, VNI], ids=["tcvn3", "vni"])
@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8], ids=["utf-8", "utf-8-sig"])
def test_text_already_misdecoded_as_windows_1252(table, bom):
    """"Héi nghÞ" saved as UTF-8 (the scraper read TCVN3 bytes as windows-1252)."""
    text = " ".join(SENTENCES)
    mojibake = from_unicode(text, table).decode("cp1252")
    assert decode_with_encoding(bom + mojibake.encode("utf-8")) == (text, table.name)


def test_tcvn3_capitals_typed_with_lowercase_toned_bytes():
    assert to_unicode("HéI NGHÞ §¹I BIÓU", TCVN3) == "HỘI NGHỊ ĐẠI BIỂU"
    assert to_unicode("Héi nghÞ", TCVN3) == "Hội nghị"


def test_tcvn3_loses_a_toned_capital_that_starts_a_word():
    """ABC has no "Ủ": "Ủy ban" comes back as "ủy ban" (documented limitation)."""
    assert decode_with_encoding(from_unicode("Ủy ban nhân dân tỉnh tổ chức hội nghị", TCVN3)) == (
        "ủy ban nhân dân tỉnh tổ chức hội nghị", "tcvn3")


@pytest.mark.parametrize("path", corpus_paths(), ids=lambda p: p.name)
def test_corpus_articles_round_trip(path):
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    assert decode_with_encoding(from_unicode(text, VNI)) == (text, "vni")
    converted, name = decode_with_encoding(from_unicode(text, TCVN3))
    assert name == "tcvn3" and converted.casefold() == text.casefold()


def test_encoder_refuses_what_the_encoding_cannot_write():
    with pytest.raises(ValueError, match=r"TCVN3 \(ABC\) cannot encode 'ü'"):
        from_unicode("Müller", TCVN3)
    with pytest.raises(ValueError, match=r"VNI cannot encode '中'"):
        from_unicode("中文", VNI)


def test_loaded_document_says_it_was_converted(lexicon):
    doc = load_document(Source("cu", "cu.txt", "text", data=from_unicode(SENTENCES[2], TCVN3)), lexicon)
    assert doc.text == SENTENCES[2]
    assert doc.meta["encoding"] == "tcvn3"


# -- never on real Unicode ---------------------------------------------------------------

def _paragraphs() -> list[str]:
    paras = [p for path in corpus_paths() for p in path.read_text(encoding="utf-8").split("\n\n")
             if len(p.split()) >= 8]
    assert len(paras) >= 10
    return paras


@pytest.mark.parametrize("paragraph", _paragraphs()[:40], ids=lambda p: p[:30])
def test_unicode_paragraph_is_never_legacy(paragraph):
    assert decode_with_encoding(paragraph.encode("utf-8")) == (paragraph, "utf-8")
    assert decode_with_encoding(windows_1258_bytes(paragraph))[1] == "windows-1258"
    # even with guillemets and signs that are TCVN3 letters, the text as it is reads best
    dressed = paragraph.replace("“", "«").replace("”", "»") + " ® § ©"
    verdict = detect_legacy(dressed)
    assert verdict.encoding is None
    assert verdict.scores["as-is"] >= max(verdict.scores["tcvn3"], verdict.scores["vni"])


@pytest.mark.parametrize("text", [
    "Le président a prononcé un discours très émouvant à la cérémonie de clôture.",
    "Die Bürger haben über die Änderungen abgestimmt; größere Städte müssen zahlen.",
    "El señor presidente inauguró la conferencia; los trabajadores recibieron diplomas.",
])
def test_other_latin_languages_are_not_legacy(text):
    assert decode_with_encoding(text.encode("utf-8")) == (text, "utf-8")
    assert decode_with_encoding(text.encode("latin-1"))[1] == "windows-1258"


def test_windows_1258_bytes_decode():
    text = SENTENCES[2]
    decoded, name = decode_with_encoding(windows_1258_bytes(text))
    assert (unicodedata.normalize("NFC", decoded), name) == (text, "windows-1258")


@pytest.mark.parametrize(("data", "name"), [
    ("Hội nghị".encode("utf-8-sig"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + "Hội nghị".encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + "Hội nghị".encode("utf-16-be"), "utf-16"),
])
def test_unicode_encodings_are_named(data, name):
    assert decode_with_encoding(data) == ("Hội nghị", name)


# -- refused -----------------------------------------------------------------------------

def test_garbled_tcvn3_is_refused_naming_the_encoding():
    """Every other word of a TCVN3 text broken with bytes TCVN3 does not use."""
    words = from_unicode(" ".join(SENTENCES[:4]), TCVN3).split(b" ")
    garbled = b" ".join(w + b"\xba\xc0" if i % 2 and not w.isascii() else w for i, w in enumerate(words))
    verdict = detect_legacy(garbled.decode("cp1252"))
    assert verdict.encoding == "tcvn3" and not verdict.reliable
    with pytest.raises(IngestError) as info:
        decode_with_encoding(garbled, "old.txt")
    assert (info.value.source, info.value.stage) == ("old.txt", "decode")
    assert info.value.reason.startswith("legacy TCVN3 (ABC) encoding, but only ")
    assert info.value.reason.endswith("of its words convert to Vietnamese syllables (at least 80% needed); "
                                      "convert the file to Unicode first")


def test_text_both_tables_read_equally_well_is_refused():
    """"ña ñi ñy" is "ủa ủi ủy" in TCVN3 and "đa đi đy" in VNI: no guess."""
    with pytest.raises(IngestError) as info:
        decode_with_encoding("ña ñi ñy ña ñi ñy".encode("latin-1"), "x.txt")
    assert info.value.reason == ("legacy TCVN3 (ABC) encoding, but VNI reads almost as well (100% and 100% valid "
                                 "syllables); convert the file to Unicode first")


def test_syllable_share_counts_only_words_with_non_ascii_letters():
    assert syllable_share("Ngày 15/12/2023 UBND tỉnh họp") == (1.0, 3)
    assert syllable_share("2023 UBND") == (0.0, 0)
