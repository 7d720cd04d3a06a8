"""Properties every extractor must keep on any text: no exception, a list, and every
candidate's evidence exactly at its offsets; the pipeline deterministic; normalization
idempotent and blind to NFC/NFD.

Three kinds of text: anything at all (``st.text()``); article-like text built from
clauses of the genre (a person and office, an award, a slogan, an event, a byline) out
of lexicon words, with dates such as "ngày 12/3/2024", digits, quotes, newlines, and
zero-width characters or stray combining marks dropped anywhere, which reaches nearly
every rule; and a dense soup of letters, tone marks and zero-width characters for the
normalization functions. The examples named "found by hypothesis" are bugs it found in
:mod:`pipeline.normalize` (fixed), kept as regression tests.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.base import Candidate, Document
from extractors.keys import match_key
from extractors.lexicon import Lexicon
from pipeline.normalize import normalize_text
from pipeline.options import Options
from pipeline.run.orchestrate import extract_document, process_document
from pipeline.segment import make_document

LEXICON = Lexicon.load()
OPTIONS = Options(ner=False)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Common Vietnamese middle names, to generate article-like names.
MIDDLE_NAMES = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Công", "Duy")


def _lexicon_words(lexicon: Lexicon) -> list[str]:
    """Phrases the rules look for, and their single words."""
    raw = lexicon.raw
    phrases = [*raw["people"]["honorifics"], *lexicon.surnames, *MIDDLE_NAMES,
               *raw["titles"]["roles"], *lexicon.unit_heads, *lexicon.award_forms, *lexicon.slogan_markers,
               *raw["dates"]["day_cues"], *lexicon.recipient_kinds, *lexicon.abbreviations]
    phrases = sorted({p for p in phrases if isinstance(p, str) and p.strip()})
    words = sorted({w for p in phrases for w in p.split()})
    return phrases + words


VOCAB = _lexicon_words(LEXICON)
PIECES = st.one_of(
    st.sampled_from(VOCAB),
    st.sampled_from(["An", "Bình", "Cường", "Hoà", "Hòa", "Thuý", "Thúy", "Nguyễn Văn An", "Trần Thị Bình",
                     "tỉnh Hòa Bình", "năm 2023", "giai đoạn 2020 - 2025", "tháng 6/2024", "Tác giả:", "Nguồn:"]),
    st.builds(lambda d, m, y: f"ngày {d}/{m}/{y}", st.integers(0, 40), st.integers(0, 14), st.integers(1890, 2110)),
    st.builds(lambda d, m, y: f"{d} tháng {m} năm {y}", st.integers(1, 31), st.integers(1, 12), st.integers(1990, 2030)),
    st.integers(0, 3000).map(str),
    st.sampled_from(list(".,;:!?-–—()/|%“”\"'«»…")),
    st.sampled_from(["\n", "\n\n", " ", "  ", "\t", "\r\n"]),
    st.sampled_from(["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u00a0", "\u202f"]),
    st.sampled_from(["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"]),
    st.text(max_size=3),
)
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hoà", "Hòa", "Thuý", "Thúy", "Lan", "Minh"]
UNIT_NAMES = ["Nội vụ", "Tài chính", "tỉnh Hòa Bình", "Thi đua - Khen thưởng", "KHCNVN", "Văn hóa và Thông tin"]


@st.composite
def _name(draw) -> str:
    surname = draw(st.sampled_from(sorted(LEXICON.surnames)))
    middle = draw(st.sampled_from(list(MIDDLE_NAMES) + [""]))
    return " ".join(w for w in (surname, middle, draw(st.sampled_from(GIVEN))) if w)


@st.composite
def _unit(draw) -> str:
    return f"{draw(st.sampled_from(sorted(LEXICON.unit_heads)))} {draw(st.sampled_from(UNIT_NAMES))}"


@st.composite
def _date(draw) -> str:
    d, m, y = draw(st.integers(0, 40)), draw(st.integers(0, 14)), draw(st.integers(1890, 2110))
    return draw(st.sampled_from([f"ngày {d}/{m}/{y}", f"Ngày {d}-{m}-{y}", f"{d} tháng {m} năm {y}", f"{d}/{m}",
                                 f"năm {y}", f"giai đoạn {y} - {y + 5}", f"tháng {m}/{y}"]))


@st.composite
def _sentence(draw) -> str:
    """One clause of the genre: a person and office, an award, a slogan, an event, a byline."""
    raw = LEXICON.raw
    kind = draw(st.integers(0, 5))
    if kind == 0:
        sep = draw(st.sampled_from([" - ", ", ", " – ", " (", ": "]))
        return (f"{draw(st.sampled_from(raw['people']['honorifics']))} {draw(_name())}{sep}"
                f"{draw(st.sampled_from(raw['titles']['roles']))} {draw(_unit())}")
    if kind == 1:
        status = draw(st.sampled_from([w for ws in LEXICON.raw["awards"]["status"].values() for w in ws]))
        return (f"{draw(st.integers(0, 120)):02d} {draw(st.sampled_from(sorted(LEXICON.recipient_kinds)))} "
                f"{status} {draw(st.sampled_from(sorted(LEXICON.award_forms)))} của "
                f"{draw(st.sampled_from(raw['titles']['roles']))} {draw(_unit())} ({draw(st.integers(1990, 2030))})")
    if kind == 2:
        open_, close = draw(st.sampled_from([("“", "”"), ('"', '"'), ("«", "»"), ("“", "")]))
        words = draw(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=6))
        return f"{draw(st.sampled_from(sorted(LEXICON.slogan_markers)))} {open_}{' '.join(words)}{close}"
    if kind == 3:
        event = draw(st.sampled_from([p for p, _ in LEXICON.event_types]))
        return f"{draw(_date())}, {draw(_unit())} tổ chức Hội nghị {event} tại {draw(_unit())}"
    if kind == 4:
        return draw(st.sampled_from(["Tác giả: ", "Nguồn: ", "", "Ảnh: "])) + draw(_name())
    return " ".join(draw(st.lists(PIECES, max_size=8)))


NOISE = st.sampled_from(list("\u200b\u200c\u200d\ufeff\u00ad\u00a0\u202f\u0300\u0301\u0303\u0309\u0323\u0302"
                              "\u031b\n\r\t“”\"«»()-–,.:;/|=+@"))


@st.composite
def _article(draw) -> str:
    """Clauses of the genre joined by sentence or line breaks, then up to eight noise
    characters dropped anywhere (inside names, dates, quotes)."""
    parts = draw(st.lists(st.tuples(_sentence(), st.sampled_from([". ", ".\n", "\n\n", "; ", " ", ", "]), PIECES),
                          max_size=14))
    text = "".join(s + sep + extra for s, sep, extra in parts)
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(NOISE) + text[at:]
    return text


ARTICLE_TEXT = _article()
ANY_TEXT = st.text(max_size=400)
# letters, tone and hat marks, zero-width characters and separators, densely mixed
MARK_SOUP = st.text(alphabet=st.sampled_from(list("aeiouyđAĐ0 -.\u0300\u0301\u0303\u0309\u0323\u0302\u0306"
                                                 "\u031b\u0316\u200b\u00ad\u00a0")), max_size=30)


def _doc(raw: str) -> Document:
    return make_document("h", raw, LEXICON)


def _check_evidence(doc: Document) -> None:
    """Every extractor, called as the pipeline calls it: a list of candidates, each one's
    text exactly at its offsets."""
    found = extract_document(doc, LEXICON, OPTIONS).by_label
    assert set(found) == {"person", "title", "unit", "date", "award", "slogan", "author", "event"}
    for name, candidates in found.items():
        assert isinstance(candidates, list), name
        for c in candidates:
            assert isinstance(c, Candidate), (name, c)
            assert 0 <= c.start <= c.end <= len(doc.text), (name, c)
            assert doc.text[c.start:c.end] == c.text, (name, c)


@SETTINGS
@given(ANY_TEXT)
def test_extractors_keep_evidence_on_any_text(raw):
    _check_evidence(_doc(raw))


@SETTINGS
@given(ARTICLE_TEXT)
def test_extractors_keep_evidence_on_article_like_text(raw):
    _check_evidence(_doc(raw))


@FEW
@given(ARTICLE_TEXT)
def test_process_document_is_deterministic(raw):
    doc = _doc(raw)
    first = process_document(doc, LEXICON, OPTIONS)
    second = process_document(doc, LEXICON, OPTIONS)
    assert first.tables == second.tables
    assert first.spans == second.spans






@SETTINGS
@given(st.one_of(ANY_TEXT, ARTICLE_TEXT, MARK_SOUP))
def test_normalize_text_is_idempotent_and_nfc(raw):
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)


def test_normalize_text_composes_across_a_deleted_zero_width_space():
    assert normalize_text("Nguye\u0302\u200b\u0303n") == "Nguyễn"  # found by hypothesis


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@SETTINGS
@given(raw=st.one_of(ANY_TEXT, ARTICLE_TEXT, MARK_SOUP))
def test_match_key_ignores_normal_form(form, raw):
    assert match_key(unicodedata.normalize(form, raw)) == match_key(raw)






@SETTINGS
@given(st.one_of(ANY_TEXT, ARTICLE_TEXT, MARK_SOUP))
def test_match_key_is_idempotent(raw):
    key = match_key(raw)
    assert match_key(key) == key


@pytest.mark.parametrize("raw", ["ÌỊ", "Ù0\u0316"])  # found by hypothesis
def test_match_key_is_idempotent_outside_vietnamese(raw):
    key = match_key(raw)
    assert match_key(key) == key
