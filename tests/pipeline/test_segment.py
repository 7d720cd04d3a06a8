"""Sentence splitting without importing the underthesea package: the same sentences."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.normalize import normalize_text
from tests.conftest import CORPUS, DEVSET, ROOT

TEXTS = sorted((CORPUS / "articles").glob("*.txt")) + (sorted(DEVSET.glob("*.txt")) if DEVSET.is_dir() else [])
EDGES = ["", "   ", "Xin chào. Tôi là Lan.", "Ông A... Bà B.", "TP. Hồ Chí Minh. Q.1 tốt!? Vâng.", "1.500.000 đồng. Hết",
         "UB.MTTQ Phường tổ chức hội nghị.Hội nghị thành công", "Dòng một\nDòng hai. Ba…", "a.\n\nb?!\tc"]


def test_the_splitter_is_underthesea_s():
    from underthesea import sent_tokenize

    from pipeline.segment import sent_tokenizer

    ours = sent_tokenizer()
    for text in EDGES + [normalize_text(p.read_text(encoding="utf-8")) for p in TEXTS]:
        assert ours(text) == sent_tokenize(text)


@pytest.mark.parametrize("ner", [False, True])
def test_making_documents_imports_underthesea_only_for_ner(ner):
    """Importing the package costs about a second per process: only NER needs it."""
    code = ("import sys; from extractors.lexicon import Lexicon; from pipeline.options import Options; "
            "from pipeline.segment import make_document; from pipeline.run.orchestrate import process_document; "
            "lex = Lexicon.load(); doc = make_document('x', 'Hội nghị tổng kết.\\n\\nNgày 15/6, Văn phòng họp. Ông Nguyễn "
            f"Văn An phát biểu.', lex); process_document(doc, lex, Options(ner={ner})); "
            "print('underthesea' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(ner)


_PIECES = ["a", "A", "Lan", "TP", "tp", "Q", "1", "500", ".", "..", "...", "....", "?", "!", " ", "  ", "\t", "\n", "\r",
           "…", "UB", "Ông", "e.g", "Ư", "đ", ",", "1.5"]


def test_the_fast_splitter_splits_as_underthesea_on_any_text():
    """Generated texts of end marks, abbreviations, digits, capitals and every kind of
    space: the splitter that jumps between end marks gives underthesea's sentences."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from underthesea import sent_tokenize

    from pipeline.segment import sent_tokenizer

    ours = sent_tokenizer()

    @settings(max_examples=1500, deadline=None)
    @given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
    def check(text):
        assert ours(text) == sent_tokenize(text)

    check()


def test_a_menu_above_the_headline_is_chrome_and_the_headline_keeps_its_date():
    from extractors.lexicon import Lexicon
    from pipeline.segment import segment

    text = ("Thanh niên | Đoàn - Hội | Gương sáng\nTỉnh đoàn tuyên dương 120 điển hình tiên tiến - 26/03/2024 14:05\n\n"
            "Sáng 25/3, Tỉnh đoàn tổ chức Lễ kỷ niệm 93 năm Ngày thành lập Đoàn.")
    assert [s.kind for s in segment(text, Lexicon.load())] == ["chrome", "headline", "body"]


@pytest.mark.parametrize("line", ["QĐND Online", "Báo Đồng Nai điện tử En", "Cổng thông tin điện tử xã Tân Phú",
                                  "Tạp chí Cộng sản điện tử"])
def test_a_sites_own_name_on_its_line_is_chrome(line):
    from extractors.lexicon import Lexicon
    from pipeline.segment import segment

    text = f"{line}\nHội nghị tổng kết công tác thi đua năm 2023 của tỉnh\n\nNgày 21-12, Bộ Chỉ huy tổ chức hội nghị."
    assert [s.kind for s in segment(text, Lexicon.load())][0] == "chrome"


@pytest.mark.parametrize("tail", [["Ngày đăng: 04/08/2023"], ["Thu Hiền", "Cập nhật: 16/05/2020"],
                                  ["Đăng lúc: 09/02/2025 | 10:15", "Bài: Trần Hương"]])
def test_a_labelled_publication_line_below_the_article_is_its_dateline(tail):
    from extractors.lexicon import Lexicon
    from pipeline.segment import segment

    text = ("Ngày 03/8/2023, Chi cục Hải quan Cà Ná tổ chức hội nghị tổng kết phong trào thi đua yêu nước năm 2023.\n\n"
            + "\n".join(tail))
    kinds = [s.kind for s in segment(text, Lexicon.load())]
    assert kinds[0] == "body" and kinds[1:] == ["byline" if not any(c.isdigit() for c in line) else "dateline"
                                                for line in tail]
    body_date = "Hội nghị diễn ra sáng 03/8/2023.\n\nNgày 03/8/2023, Chi cục tổ chức hội nghị tổng kết năm 2023 tại trụ sở."
    assert "dateline" not in [s.kind for s in segment(body_date, Lexicon.load())][1:]
