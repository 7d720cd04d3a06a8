"""Every entry of the data files does what it claims."""

import pytest

from extractors.keys import tone_variants
from extractors.lexicon import Lexicon

LEX = Lexicon.load()


@pytest.mark.parametrize("role", LEX.raw["titles"]["roles"])
def test_every_role_matches_whole(role):
    m = LEX.role_re.match(role)
    assert m and m.group(0) == role


@pytest.mark.parametrize("honorific", LEX.raw["people"]["honorifics"])
def test_every_honorific_matches(honorific):
    assert LEX.honorific_re.fullmatch(honorific)


@pytest.mark.parametrize("form,category", sorted(LEX.award_forms.items()))
def test_every_award_form_has_its_category(form, category):
    assert LEX.award_re.fullmatch(form)
    assert LEX.award_category(form) == category


@pytest.mark.parametrize("head", sorted(LEX.unit_heads))
def test_every_unit_head_matches_and_has_a_type(head):
    assert LEX.unit_head_re.match(head).group(0) == head
    assert LEX.unit_type(head)


@pytest.mark.parametrize("name,forms", sorted(LEX.national.items()))
def test_every_national_form_maps_to_its_body(name, forms):
    for form in forms:
        assert LEX.national_re.fullmatch(form)


@pytest.mark.parametrize("abbr,expansion", sorted(LEX.abbreviations.items()))
def test_every_abbreviation_expands(abbr, expansion):
    assert expansion and expansion != abbr
    assert LEX.expand_abbreviations(f"Ban {abbr} tỉnh") == f"Ban {expansion} tỉnh"


@pytest.mark.parametrize("marker", sorted(LEX.slogan_markers))
def test_every_slogan_marker_has_a_kind(marker):
    assert LEX.slogan_kind(marker) in ("chủ đề thi đua", "phương châm", "khẩu hiệu", "phong trào", "cuộc vận động", "khác")


def test_surnames_are_capitalised_syllables():
    assert all(s[:1].isupper() for s in LEX.surnames)


@pytest.mark.parametrize("middle", LEX.raw["people"]["gender_middle_names"])
def test_every_gender_middle_name_makes_an_uncued_run_a_person(middle, make_doc):
    from extractors.people import extract_people

    doc = make_doc(f"Danh sách khen thưởng gồm: Phạm {middle} Hạnh; Lò {middle} Sinh.")
    found = extract_people(doc, LEX, confirm=lambda window, name: False)
    assert [(c.text, c.rule) for c in found] == [(f"Phạm {middle} Hạnh", "people.surname_middle"),
                                                 (f"Lò {middle} Sinh", "people.surname_middle")]


def test_tone_variants():
    assert tone_variants("Thuý") == {"Thuý", "Thúy"}
    assert tone_variants("quý") == {"quý"}
    assert tone_variants("hoàng") == {"hoàng"}


@pytest.mark.parametrize("compound", LEX.raw["units"]["names"]["compounds"])
def test_every_compound_keeps_a_unit_name_whole(compound, make_doc):
    from extractors.units import extract_units

    for form in (compound, compound.replace(" - ", " – ")):
        name = f"Phòng {form[:1].upper()}{form[1:]} Sở Nội vụ"
        doc = make_doc(f"Tham dự có lãnh đạo {name} cùng các đơn vị.")
        found = [c.text for c in extract_units(doc, LEX) if c.rule == "units.head_name"]
        assert found[0] == name, (compound, found)


@pytest.mark.parametrize("word", LEX.raw["units"]["names"]["not_heads"])
def test_every_not_head_starts_no_unit(word, make_doc):
    from extractors.units import extract_units

    doc = make_doc(f"Năm nay {word} Quốc gia được nhắc đến nhiều lần.")
    assert [c.text for c in extract_units(doc, LEX) if c.start == len("Năm nay ")] == []


@pytest.mark.parametrize("words", LEX.raw["units"]["names"]["located_before"])
def test_every_located_phrase_keeps_its_place_in_the_name(words, make_doc):
    from extractors.units import _located_here

    text = f"Lãnh đạo Tòa án nhân dân {words} tại Thành phố Hồ Chí Minh dự họp tại Hà Nội."
    assert _located_here(text, text.index(" tại ") + 1, LEX)
    assert not _located_here(text, text.rindex(" tại ") + 1, LEX)


# -- the gated alternations: the same matches as the plain ones ------------------------------

import re  # noqa: E402

from extractors.lexicon import alternation, gated  # noqa: E402
from extractors.scan import ci_closure  # noqa: E402
from tests.extractors.same_matches import assert_same_matches, corpus_texts, variants_around  # noqa: E402


def _phrase_lists(data, path=()):
    """Every list of strings in the data files, and every table's keys (the phrases of the alternations)."""
    if isinstance(data, dict):
        if data and all(isinstance(k, str) for k in data):
            yield path + ("<keys>",), list(data)
        for k, v in data.items():
            yield from _phrase_lists(v, path + (k,))
    elif isinstance(data, list) and data and all(isinstance(x, str) for x in data):
        yield path, data


PHRASE_LISTS = sorted({"/".join(p): words for name, raw in LEX.raw.items()
                       for p, words in _phrase_lists(raw, (name,))}.items())


@pytest.mark.slow  # every phrase list of the data, at every position of its edge cases: about a minute
@pytest.mark.parametrize("flags", [0, re.IGNORECASE], ids=["cased", "ignorecase"])
@pytest.mark.parametrize("name,phrases", PHRASE_LISTS, ids=[n for n, _ in PHRASE_LISTS])
def test_gated_alternation_matches_as_the_plain_one(name, phrases, flags):
    old = re.compile(rf"(?<!\w)(?:{alternation(phrases)})(?!\w)", flags)
    new = re.compile(rf"{gated(phrases, flags)}(?!\w)", flags)
    assert_same_matches(new, old, variants_around(phrases[:: max(1, len(phrases) // 8)]), every_position=True)
    assert_same_matches(new, old, corpus_texts()[:: 15])
    old_open = re.compile(f"(?:{alternation(phrases)})", flags)
    new_open = re.compile(gated(phrases, flags, boundary=False), flags)
    assert_same_matches(new_open, old_open, variants_around(phrases[:3]), every_position=True)


def test_gated_alternation_matches_as_the_plain_one_on_the_whole_corpus():
    nat = [f for forms in LEX.national.values() for f in forms]
    for phrases, flags in ((list(LEX.halves), re.I), (LEX.raw["dates"]["day_cues"], re.I), (nat, re.I),
                           (list(LEX.unit_heads), 0)):
        old = re.compile(rf"(?<!\w)(?:{alternation(phrases)})(?!\w)", flags)
        assert_same_matches(re.compile(rf"{gated(phrases, flags)}(?!\w)", flags), old, corpus_texts())
    # the scans that open with one: list introductions, photo credits (lexicon.py writes them so)
    intros, credits = LEX.raw["units"]["names"]["list_intros"], LEX.raw["segments"]["credit_words"]
    assert_same_matches(LEX.unit_names.list_intro_re,
                        re.compile(rf"(?:{alternation(intros)})\s*:\s*", re.I), corpus_texts())
    assert_same_matches(LEX.credit_re, re.compile(rf"(?<!\w)(?:{alternation(credits)})\s*:[^)\n]*", re.I), corpus_texts())


def test_a_phrase_not_opening_with_a_word_leaves_the_plain_alternation():
    assert gated(["- tổng kết", "Bộ"]) == rf"(?<!\w)(?:{alternation(['- tổng kết', 'Bộ'])})"


def test_the_case_closure_is_the_engine_s_on_every_code_point():
    """No character outside the Basic Multilingual Plane matches a phrase's first letter
    case-insensitively, so the scan of that plane in ``ci_closure`` misses nothing."""
    firsts = sorted({c for _, phrases in PHRASE_LISTS for p in phrases for c in p[:1] if c.isalnum()}
                    | {"k", "s", "i", "å"})
    closure = ci_closure("".join(firsts))
    assert {"\u212a", "\u017f"} <= set(closure)  # the Kelvin sign is a "k", the long s an "s"
    matcher = re.compile("[" + "".join(map(re.escape, firsts)) + "]", re.IGNORECASE)
    astral = "".join(map(chr, range(0x10000, 0x110000)))
    assert matcher.search(astral) is None


# -- the alternations factored word by word: the same matches as the flat ones ---------------

from extractors.lexicon import _factored, _first_letter_groups, vi_pattern  # noqa: E402


def _flat_alternation(phrases):
    """``alternation`` as it was before it was factored: each group a flat list of phrases."""
    parts = []
    for chars, members in _first_letter_groups(phrases):
        alts = "|".join(f"(?:{vi_pattern(p)})" for p in members)
        parts.append(f"(?=[{re.escape(chars)}])(?:{alts})" if chars else f"(?:{alts})")
    return "|".join(parts)


@pytest.mark.slow  # every phrase list of the data, at every position of its edge cases: about a minute
@pytest.mark.parametrize("flags", [0, re.IGNORECASE], ids=["cased", "ignorecase"])
@pytest.mark.parametrize("name,phrases", PHRASE_LISTS, ids=[n for n, _ in PHRASE_LISTS])
def test_factored_alternation_matches_as_the_flat_one(name, phrases, flags):
    for template in (r"(?<!\w)(?:{})(?!\w)", r"(?:{})\s+\w+"):
        old = re.compile(template.format(_flat_alternation(phrases)), flags)
        new = re.compile(template.format(alternation(phrases)), flags)
        assert_same_matches(new, old, variants_around(phrases[:: max(1, len(phrases) // 8)]), every_position=True)
        assert_same_matches(new, old, corpus_texts()[:: 15])


def test_factored_alternation_matches_as_the_flat_one_on_the_whole_corpus():
    nat = [f for forms in LEX.national.values() for f in forms]
    for phrases, flags in ((nat, re.I), (list(LEX.unit_heads), 0), (LEX.raw["units"]["names"]["stop_words"], 0)):
        old = re.compile(rf"(?<!\w)(?:{_flat_alternation(phrases)})(?!\w)", flags)
        assert_same_matches(re.compile(rf"(?<!\w)(?:{alternation(phrases)})(?!\w)", flags), old, corpus_texts())


@pytest.mark.parametrize("phrases,expected", [
    (["Bộ Tài chính", "Bộ Nội vụ", "Bộ"], r"Bộ(?:\s+(?:Tài\s+chính|Nội\s+vụ)|)"),
    # "Bộ" may stand where "bộ phận" starts (IGNORECASE): not factored, kept in order
    (["bộ phận", "Bộ"], r"bộ\s+phận|Bộ"),
    # a phrase that stops before a longer one comes later: the plain order is kept
    (["Ban", "Ban Bí thư"], r"Ban(?:|\s+Bí\s+thư)"),
    (["Thi đua - Khen thưởng", "Thi đua"], r"Thi(?:\s+(?:đua(?:\s*[-–—]\s*Khen\s+thưởng|)))"),
])
def test_factored_shares_the_words_that_cannot_overlap(phrases, expected):
    assert _factored(phrases) == expected


# -- the bounded word patterns, gated where few letters begin them ---------------------------

from extractors.lexicon import _GATED_GROUPS, _bounded_words  # noqa: E402


def test_bounded_word_patterns_match_as_the_plain_ones_on_the_whole_corpus():
    """The lists the lexicon builds from several tables (award forms, recipient kinds,
    slogan markers, national bodies, unit heads): gated or not, the same matches."""
    nat = [f for forms in LEX.national.values() for f in forms]
    lists = [(list(LEX.award_forms), re.I), (list(LEX.recipient_kinds), re.I), (list(LEX.slogan_markers), re.I),
             (nat, re.I), (list(LEX.unit_heads), 0)] + [(v, re.I) for v in LEX.raw["awards"]["status"].values()]
    for phrases, flags in lists:
        old = re.compile(rf"(?<!\w)(?:{alternation(phrases)})(?!\w)", flags)
        assert_same_matches(_bounded_words(phrases, flags), old, corpus_texts())
        assert_same_matches(_bounded_words(phrases, flags), old, variants_around(phrases[:: max(1, len(phrases) // 6)]),
                            every_position=True)


def test_few_first_letters_make_a_gated_pattern_many_a_plain_one():
    assert _bounded_words(["biểu dương", "tôn vinh"], re.I).pattern.startswith("(?-i:[")
    many = [chr(c) + "x" for c in range(ord("a"), ord("a") + _GATED_GROUPS + 1)]
    assert _bounded_words(many).pattern.startswith(r"(?<!\w)")


def test_the_unnamed_award_verbs_match_as_the_plain_pattern():
    d = LEX.raw["awards"]
    old = re.compile(rf"(?<!\w)(?:(?P<commended>{alternation(d['status']['commended'])})"
                     rf"|(?P<unnamed>{alternation(d['phrases']['unnamed_award_verbs'])}))(?!\w)", re.I)
    phrases = d["status"]["commended"] + d["phrases"]["unnamed_award_verbs"]
    assert_same_matches(LEX.unnamed_award_verb_re, old, corpus_texts())
    assert_same_matches(LEX.unnamed_award_verb_re, old, variants_around(phrases), every_position=True)


def test_the_memo_is_bounded_and_keeps_the_entries_in_use():
    import dataclasses

    lexicon = dataclasses.replace(Lexicon.shared(), memo=[{}, {}], memo_limit=100)
    computed: list[str] = []

    def value(key: str) -> int:
        return lexicon.cached(("test", key), lambda: computed.append(key) or len(computed))

    first = value("hot")
    for n in range(1_000):
        assert value("hot") == first  # used all along: never computed again
        value(f"cold {n}")
        assert sum(map(len, lexicon.memo)) <= 2 * 100 + 1
    assert computed.count("hot") == 1
    assert value("cold 0") != 2  # long unused: dropped, computed again
