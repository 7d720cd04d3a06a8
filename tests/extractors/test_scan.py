"""The phrase scanner gives exactly the matches of the pattern it scans for."""

import pickle
import re
from operator import attrgetter

import pytest

from extractors.keys import tone_variants
from extractors.lexicon import _bounded_words
from extractors.scan import PhraseScanner, first_words
from tests.extractors.same_matches import assert_same_matches, corpus_texts, variants_around

SCANNED = ["unit_head_re", "national_re", "award_re", "unnamed_award_verb_re", "role_re", "compound_re", "day_cue_re",
           "unit_names.list_intro_re"]


@pytest.mark.parametrize("field", SCANNED)
def test_the_lexicons_scanners_match_as_their_patterns_on_the_corpus(lexicon, field):
    scanner = attrgetter(field)(lexicon)
    assert isinstance(scanner, PhraseScanner)
    assert_same_matches(scanner, scanner.pattern, corpus_texts())


@pytest.mark.parametrize("field", SCANNED)
def test_the_lexicons_scanners_match_as_their_patterns_at_every_position_of_hand_made_edges(lexicon, field):
    scanner = attrgetter(field)(lexicon)
    phrases = {"unit_head_re": ["Ủy ban nhân dân", "Bộ Chỉ huy Quân sự", "UBND", "Hội đồng Thi đua - Khen thưởng"],
               "national_re": ["Bộ Khoa học và Công nghệ", "Chính phủ", "Uỷ ban Dân tộc", "Tổng LĐLĐVN"],
               "award_re": ["Cờ thi đua", "Bằng khen", "Huân chương Lao động", "Kỷ niệm chương"],
               "unnamed_award_verb_re": ["khen thưởng", "biểu dương", "tôn vinh", "tuyên dương"],
               "role_re": ["Phó Chủ tịch Thường trực", "Bí thư", "chuyên viên", "Trưởng phòng"],
               "compound_re": ["thi đua - khen thưởng", "giáo dục và đào tạo", "cảnh sát giao thông"],
               "day_cue_re": ["ngày", "sáng", "chiều nay", "hôm qua"],
               "unit_names.list_intro_re": ["bao gồm:", "gồm có :", "các tỉnh: "]}[field]
    assert_same_matches(scanner, scanner.pattern, variants_around(phrases), every_position=True)


def test_a_case_insensitive_scanner_folds_as_the_engine_does():
    phrases = ["Kỷ niệm chương", "sở", "Đoàn"]
    pattern = _bounded_words(phrases, re.IGNORECASE)
    scanner = PhraseScanner(pattern, first_words(phrases, tone_variants))
    texts = ["KỶ NIỆM CHƯƠNG, kỷ niệm chương, \u212a\u1ef7 niệm chương, \u017f\u1edf, SỞ, đoàn, ĐOÀN, xĐoàn"]
    assert [m.group(0) for m in scanner.finditer(texts[0])] == [m.group(0) for m in pattern.finditer(texts[0])]
    assert len(list(scanner.finditer(texts[0]))) == 7  # the Kelvin sign and the long s too, as re decides
    texts.append("İstanbul, ĐOÀN và Sở")  # "İ" lower-cases into two characters: folded by the table
    texts.append("ĐOÀN và SỞ, KỶ NIỆM CHƯƠNG")  # nothing special: lower-cased
    assert_same_matches(scanner, pattern, texts, every_position=True)
    assert [m.group(0) for m in scanner.finditer(texts[1])] == ["ĐOÀN", "Sở"]


def test_a_scanner_pickles_without_its_automaton_and_scans_the_same(lexicon):
    text = "Ủy ban nhân dân tỉnh và Bộ Chỉ huy Quân sự tỉnh; Sở Nội vụ."
    before = [m.span() for m in lexicon.unit_head_re.finditer(text)]
    copy = pickle.loads(pickle.dumps(lexicon.unit_head_re))
    assert copy == lexicon.unit_head_re and copy.group._automaton is None
    assert [m.span() for m in copy.finditer(text)] == before


def test_phrases_that_do_not_begin_with_a_word_have_no_first_words():
    assert first_words(["- Khen thưởng", "Bộ"], tone_variants) is None
    with pytest.raises(ValueError):
        PhraseScanner(re.compile("x"), [])


def test_other_methods_are_the_patterns():
    scanner = PhraseScanner(re.compile(r"(?<!\w)Bộ(?!\w)"), ["Bộ"])
    assert scanner.sub("X", "Bộ Bộy Bộ") == "X Bộy X"
    assert scanner.findall("Bộ, Bộ") == ["Bộ", "Bộ"]
    assert scanner.search("aBộ Bộ", 0, 5) is None and scanner.search("aBộ Bộ", 0, 6).span() == (4, 6)


def test_scanners_of_one_group_are_scanned_for_in_one_pass_and_match_as_alone():
    from extractors.scan import ScanGroup

    group = ScanGroup(True)
    heads = PhraseScanner(_bounded_words(["Bộ", "Sở Nội vụ"], re.IGNORECASE), ["Bộ", "Sở"], group)
    verbs = PhraseScanner(_bounded_words(["biểu dương", "bộ phận"], re.IGNORECASE), ["biểu", "bộ"], group)
    text = "Bộ và Sở Nội vụ biểu dương bộ phận; BỘ PHẬN, sở nội vụ."
    assert [m.group(0) for m in heads.finditer(text)] == ["Bộ", "Sở Nội vụ", "bộ", "BỘ", "sở nội vụ"]
    assert [m.group(0) for m in verbs.finditer(text)] == ["biểu dương", "bộ phận", "BỘ PHẬN"]
    assert (heads.index, verbs.index) == (0, 1) and group.starts(text, 0) != group.starts(text, 1)
    with pytest.raises(ValueError):
        PhraseScanner(re.compile("Bộ"), ["Bộ"], group)  # a case-sensitive pattern in a case-insensitive group
    for clause in ("bộ phận", "Sở Nội vụ", text):  # other texts in between: each is scanned for again, right
        assert [m.span() for m in heads.finditer(clause)] == [m.span() for m in heads.pattern.finditer(clause)]
