"""Every entry of every data file in ``extractors/data`` does what its comment says.

One parametrized test per list (tests/extractors/test_lexicon.py holds the older ones:
offices, honorifics, award forms, unit heads, national bodies, abbreviations, slogan
markers, compounds, "not a head" words, located phrases). An entry that no test can make
do something is dead knowledge and goes. Names in the fixtures are invented.
"""

from __future__ import annotations

import tomllib

import pytest

from extractors.author import extract_author
from extractors.awards import extract_awards
from extractors.base import body_document, lined_document
from extractors.dates import extract_dates
from extractors.event import extract_event
from extractors.keys import COUNT_WORDS, NUMBER_WORDS, match_key, parse_int
from extractors.lexicon import DATA_DIR, Lexicon
from extractors.people import cue_before, extract_people
from extractors.slogans import extract_slogans
from extractors.syllables import is_syllable, syllable_rules
from extractors.titles import extract_titles, split_role
from extractors.units import extract_units
from pipeline.resolve.dates import resolve_dates
from pipeline.segment import make_document, segment

LEX = Lexicon.load()


def data(name: str) -> dict:
    with (DATA_DIR / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


PEOPLE, TITLES, UNITS, AWARDS = data("people"), data("titles"), data("units"), data("awards")
DATES, SLOGANS, EVENTS, SEGMENTS, WORDS = data("dates"), data("slogans"), data("events"), data("segments"), data("words")
PLACES = data("places")
NAME = "Khúc Văn Thượng"  # an invented name


def people(text: str) -> list[tuple[str, str]]:
    return [(c.text, c.rule) for c in extract_people(body_document(text), LEX)]


def titles(text: str) -> list[str]:
    doc = body_document(text)
    return [c.text for c in extract_titles(doc, LEX, extract_people(doc, LEX))]


def units(text: str) -> list[str]:
    return [c.text for c in extract_units(body_document(text), LEX) if not c.get("bare")]


def dates(doc):  # noqa: ANN001, ANN201 - a Document in, candidates out
    return resolve_dates(doc, extract_dates(doc, LEX))[0]


# -- people.toml ---------------------------------------------------------------------


@pytest.mark.parametrize("rank", PEOPLE["ranks"])
def test_every_rank_is_kept_apart_from_the_name(rank):
    text = f"Phát biểu có {rank}. {NAME} cùng các đại biểu."
    honorific, found, _ = cue_before(text, text.index(NAME), LEX)
    assert found is not None and found.rstrip(".") == rank.rstrip(".")
    assert (NAME, "people.honorific") in people(text)


@pytest.mark.parametrize("surname", PEOPLE["surnames"])
def test_every_surname_opens_a_name(surname):
    name = f"{surname} Văn Thượng"
    assert people(f"Danh sách gồm: {name}; Khúc Thị Hạnh.")[0] == (name, "people.surname_middle")


@pytest.mark.parametrize("word", PEOPLE["not_person_before"])
def test_every_place_word_blocks_a_name_after_it(word):
    text = f"Đoàn đến thăm {word} {NAME} hôm qua."
    assert LEX.not_person_before_re.search(text[:text.index(NAME)])
    assert all(t != NAME for t, _ in people(text))


@pytest.mark.parametrize("place", PEOPLE["places"])
def test_every_place_is_never_a_person(place):
    assert people(f"Đồng chí {place} tham dự.") == []


@pytest.mark.parametrize("word", PEOPLE["never_in_names"])
def test_every_unit_word_ends_a_name(word):
    assert people(f"Danh sách gồm: {NAME} {word} Thượng; Khúc Thị Hạnh.")[0] == (NAME, "people.surname_middle")


@pytest.mark.parametrize("place", PLACES["former_provinces"])
def test_every_former_province_is_a_place_and_never_a_person(place):
    assert LEX.places.is_place(place)
    if "-" not in place:  # a dashed name is two capitalised runs, neither a name's shape
        assert people(f"Đồng chí {place} tham dự.") == []


# -- titles.toml ---------------------------------------------------------------------


@pytest.mark.parametrize("role", TITLES["roles"])
def test_every_role_after_a_name_is_a_title(role):
    assert titles(f"Đồng chí {NAME}, {role} Sở Nội vụ, phát biểu.") == [f"{role} Sở Nội vụ"]


@pytest.mark.parametrize("role", TITLES["lower_case_roles"])
def test_every_lower_case_role_after_a_name_is_a_title(role):
    assert titles(f"Đồng chí {NAME} ({role} Sở Nội vụ) phát biểu.") == [f"{role} Sở Nội vụ"]
    assert titles(f"Đồng chí {NAME}, {role} Sở Nội vụ, phát biểu.") == [f"{role} Sở Nội vụ"]


@pytest.mark.parametrize("suffix", TITLES["role_suffixes"])
def test_every_role_suffix_stays_with_its_office(suffix):
    assert split_role(f"Phó Giám đốc {suffix} Sở Nội vụ", LEX) == (f"Phó Giám đốc {suffix}", "Sở Nội vụ")


@pytest.mark.parametrize("prefix", TITLES["role_prefixes"])
def test_every_role_prefix_belongs_to_the_title(prefix):
    assert titles(f"Ông {NAME}, {prefix} Giám đốc Sở Nội vụ, phát biểu.") == [f"{prefix} Giám đốc Sở Nội vụ"]
    assert titles(f"Tham dự có {prefix} Giám đốc Sở Nội vụ {NAME}.") == [f"{prefix} Giám đốc Sở Nội vụ"]


@pytest.mark.parametrize("phrase", TITLES["delegating_words"])
def test_every_delegating_phrase_keeps_the_delegators_office_off_the_person(phrase):
    assert titles(f"{phrase.capitalize()} của Chủ tịch nước, ông {NAME}, Phó Chủ tịch UBND tỉnh trao Huân chương.") == [
        "Phó Chủ tịch UBND tỉnh"]
    assert titles(f"{phrase.capitalize()} Thủ tướng Chính phủ, bà {NAME} trao Bằng khen.") == []
    # an office of the person's own after the delegator's body still is one
    assert titles(f"{phrase.capitalize()} lãnh đạo tỉnh, Chủ tịch UBND tỉnh, ông {NAME} phát biểu.") == [
        "Chủ tịch UBND tỉnh"]


@pytest.mark.parametrize("stop", [w for w in TITLES["stop_words"] if w != WORDS["conjunction"]])
def test_every_stop_word_ends_a_title(stop):
    assert titles(f"Ông {NAME}, Giám đốc Sở Nội vụ {stop} nội dung chính.") == ["Giám đốc Sở Nội vụ"]


def test_the_conjunction_ends_a_title_unless_a_name_goes_on():
    assert titles(f"Ông {NAME}, Giám đốc Sở Nội vụ và các đại biểu dự.") == ["Giám đốc Sở Nội vụ"]
    assert titles(f"Ông {NAME}, Thứ trưởng Bộ Khoa học và Công nghệ phát biểu.") == [
        "Thứ trưởng Bộ Khoa học và Công nghệ"]


# -- units.toml ----------------------------------------------------------------------

NAMES = UNITS["names"]


@pytest.mark.parametrize("qualifier", [q for q in NAMES["qualifiers"] if q not in ("quốc gia", "quốc tế", "trung ương")])
def test_every_qualifier_continues_a_name(qualifier):
    assert f"Ủy ban nhân dân {qualifier} Bình Minh" in units(f"Đại diện Ủy ban nhân dân {qualifier} Bình Minh, Sở Nội vụ.")


@pytest.mark.parametrize("qualifier", ["quốc gia", "quốc tế", "trung ương"])
def test_completing_qualifiers_end_a_name(qualifier):
    assert f"Hội đồng Giáo sư {qualifier}" in units(f"Đại diện Hội đồng Giáo sư {qualifier}, Sở Nội vụ.")


@pytest.mark.parametrize("stop", [w for w in NAMES["stop_words"] if w not in ("và", "tại")])
def test_every_unit_stop_word_ends_a_name(stop):
    assert units(f"Lãnh đạo Sở Nội vụ {stop} nội dung chính.")[:1] == ["Sở Nội vụ"]


@pytest.mark.parametrize("member", NAMES["bloc_member_types"])
def test_every_bloc_member_type_is_listed_in_a_bloc_name(member):
    assert f"Khối thi đua Tổng cục, {member}" in units(f"Khối thi đua Tổng cục, {member} tổ chức hội nghị.")


@pytest.mark.parametrize("head", NAMES["complete_heads"])
def test_every_complete_head_names_a_body_alone(head):
    found = [c for c in extract_units(body_document(f"Lãnh đạo {head} dự hội nghị."), LEX) if c.text == head]
    assert [c.get("bare") for c in found] == [False]


@pytest.mark.parametrize("qualifier", NAMES["naming_qualifiers"])
def test_every_naming_qualifier_names_a_body_with_its_head(qualifier):
    assert f"Công an {qualifier}".rstrip(".") in units(f"Đại diện Công an {qualifier}, Sở Nội vụ cùng dự.")


def test_the_number_word_takes_roman_numerals():
    assert "Cụm thi đua số III" in units(f"Cụm thi đua {NAMES['number_word']} III tổ chức hội nghị.")


@pytest.mark.parametrize("head", NAMES["bloc_heads"])
def test_every_bloc_head_lists_members_and_has_no_nested_body(head):
    name = f"{head.capitalize()} Văn phòng, Viện"
    assert name in units(f"Hội nghị của {name} năm 2023.")


@pytest.mark.parametrize("head", NAMES["lower_case_heads"])
def test_every_lower_case_head_goes_on_in_lower_case(head):
    name = f"{head.capitalize()} cơ sở"
    assert name in units(f"Đại diện {name}, Sở Nội vụ cùng dự.")


@pytest.mark.parametrize("head", NAMES["acronym_heads"])
def test_every_acronym_head_in_lower_case_is_named_by_an_abbreviation(head):
    assert f"{head} QLTH tỉnh Nghệ An" in units(f"Ông Trần Văn Nam, Giám đốc {head} QLTH tỉnh Nghệ An phát biểu.")
    assert units(f"Ông Trần Văn Nam huấn luyện nghiệp {head} QLTH.") == []  # a syllable of an ordinary word
    assert next(h for h in UNITS["heads"] if h == head[:1].upper() + head[1:])  # a head once capitalised


@pytest.mark.parametrize("head", NAMES["numbered_heads"])
def test_every_numbered_head_is_named_by_a_number(head):
    written = next(h for h in UNITS["heads"] if match_key(h) == match_key(head) and h[:1].isupper())
    name = f"{written} 7"
    assert name in units(f"Đại diện {name}, Sở Nội vụ cùng dự.")


@pytest.mark.parametrize("word", NAMES["generic_determiners"])
def test_every_generic_determiner_names_no_body(word):
    assert units(f"Đại diện Công an {word} tỉnh cùng dự.") == []


@pytest.mark.parametrize("level", NAMES["plural_levels"])
def test_every_plural_level_makes_a_kind_of_body(level):
    assert units(f"Lãnh đạo các Công an {level} dự họp.") == []
    assert units(f"Đại diện Hội Nông dân các {level} dự họp.") == []
    assert units(f"Đại diện Cụm thi đua các {level} ven biển dự họp.") == [f"Cụm thi đua các {level} ven biển"]


@pytest.mark.parametrize("intro", NAMES["list_intros"])
def test_every_list_intro_opens_a_member_list(intro):
    doc = body_document(f"Khối có 2 đơn vị, {intro}: Sở Nội vụ; Sở Tư pháp.")
    members = [(c.text, c.get("unit_type")) for c in extract_units(doc, LEX) if c.rule == "units.member_list"]
    assert members == [("Sở Nội vụ", "Sở"), ("Sở Tư pháp", "Sở")]


def test_a_listed_member_without_a_head_gets_the_listed_type_and_a_place_is_no_member():
    doc = body_document("Khối gồm: Mây Tre Xanh, Gốm Việt. Cụm gồm: Nghệ An, Hà Tĩnh.")
    members = [(c.text, c.get("unit_type")) for c in extract_units(doc, LEX) if c.rule == "units.member_list"]
    assert members == [("Mây Tre Xanh", NAMES["listed_type"]), ("Gốm Việt", NAMES["listed_type"])]


@pytest.mark.parametrize("kind", NAMES["branch_types"])
def test_every_branch_type_is_no_parent_of_the_name_it_ends(kind):
    head = next(h for h, t in UNITS["heads"].items() if t == kind and h[:1].isupper())
    found = extract_units(body_document(f"Ngân hàng Nông nghiệp Mây Xanh {head} Gió Nam được tặng Cờ."), LEX)
    assert [(c.text, c.rule) for c in found if not c.get("bare")] == [
        (f"Ngân hàng Nông nghiệp Mây Xanh {head} Gió Nam", "units.head_name")]


@pytest.mark.parametrize("kind", NAMES["flat_types"])
def test_every_flat_type_holds_no_nested_body(kind):
    head = next(h for h, k in UNITS["heads"].items() if k == kind)
    doc = body_document(f"Lãnh đạo {head} Văn phòng Bộ Nội vụ dự họp.")
    assert not [c for c in extract_units(doc, LEX) if c.rule == "units.nested"]


def test_the_country_ends_a_lower_case_run():
    assert f"Viện Hàn lâm Mây Tre {NAMES['country']}" in units(f"Viện Hàn lâm Mây Tre {NAMES['country']} tổ chức hội nghị.")


# -- awards.toml ---------------------------------------------------------------------


def awards(text: str) -> list[dict]:
    return [dict(c.attrs, text=c.text) for c in extract_awards(body_document(text), LEX)]


@pytest.mark.parametrize("grade", AWARDS["words"]["grades"])
def test_every_grade_is_the_awards(grade):
    assert [a["grade"] for a in awards(f"Đơn vị được tặng Huân chương Lao động {grade} năm 2020.")] == [grade]


@pytest.mark.parametrize("status,verb", [(s, v) for s, verbs in AWARDS["status"].items() for v in verbs])
def test_every_status_verb_gives_its_status(status, verb):
    found = awards(f"Hội đồng {verb} Bằng khen cho 3 tập thể.")
    expected = "received" if status == "proposed" and verb == "trình" else status
    assert [a["status"] for a in found if a["award"] == "Bằng khen"][:1] in ([status], [expected])


@pytest.mark.parametrize("kind,noun", [(k, n) for k, nouns in AWARDS["recipients"].items() for n in nouns])
def test_every_recipient_noun_gives_a_count_and_kind(kind, noun):
    found = awards(f"Chủ tịch tỉnh tặng Bằng khen cho 12 {noun}.")
    expected = None if kind == "other" else kind
    assert [(a["count"], a["recipient"], a["recipient_kind"]) for a in found] == [(12, noun, expected)]


PHRASES = AWARDS["phrases"]


@pytest.mark.parametrize("word", PHRASES["year_words"])
def test_every_year_word_gives_the_award_its_year(word):
    assert [a["years"] for a in awards(f"Đơn vị được tặng Bằng khen {word} 2021.")] == [(2021,)]


def test_the_issuer_word_and_its_ends():
    for end in PHRASES["issuer_ends"]:
        found = awards(f"Đơn vị được tặng Bằng khen {PHRASES['issuer_word']} Bộ Nội vụ {end} thành tích xuất sắc.")
        assert [a["issuer"] for a in found] == ["Bộ Nội vụ"], end


@pytest.mark.parametrize("start", PHRASES["award_starts"])
def test_the_conjunction_before_another_award_ends_an_issuer(start):
    m = LEX.award_phrases.issuer_end_re.search(f"Bộ Nội vụ {PHRASES['conjunction']} {start}")
    assert m is not None and m.start() == len("Bộ Nội vụ")


@pytest.mark.parametrize("verb", PHRASES["giving_verbs"])
def test_every_giving_verb_shows_the_issuer_before_it(verb):
    for adverb in ("", *(a + " " for a in PHRASES["giving_adverbs"])):
        found = awards(f"Sở Nội vụ {adverb}{verb} Bằng khen cho 3 tập thể.")
        assert [a["issuer"] for a in found] == ["Sở Nội vụ"], (adverb, verb)


@pytest.mark.parametrize("phrase", PHRASES["on_behalf"])
def test_every_on_behalf_phrase_is_cut_off_the_issuer(phrase):
    found = awards(f"Hôm nay {phrase} Chủ tịch tỉnh trao Bằng khen cho 3 tập thể.")
    assert [a["issuer"] for a in found] == ["Chủ tịch tỉnh"]


@pytest.mark.parametrize("word", PHRASES["back_reference_words"])
def test_every_back_reference_word_makes_counted_recipients_no_new_record(word):
    assert [a["count"] for a in awards(f"Bộ tặng Bằng khen cho 3 giáo viên. 3 giáo viên {word} đều được khen thưởng.")] == [3]


@pytest.mark.parametrize("word", PHRASES["aim_words"])
def test_every_aim_word_makes_an_uncounted_award_a_target(word):
    assert awards(f"Năm 2024, huyện đặt {word} toàn bộ đơn vị đạt danh hiệu Tập thể lao động xuất sắc.") == []


@pytest.mark.parametrize("noun", PHRASES["process_nouns"])
def test_every_process_noun_before_its_verb_states_no_award(noun):
    assert awards(f"{noun.capitalize()} xét tặng Giấy khen được thực hiện đúng quy trình.") == []
    assert [a["count"] for a in awards(f"{noun.capitalize()} đề nghị tặng Bằng khen cho 5 tập thể đã gửi.")] == [5]


@pytest.mark.parametrize("verb", PHRASES["process_verbs"])
def test_every_process_verb_after_its_noun_states_no_award(verb):
    assert awards(f"Công tác {verb} Bằng khen được thực hiện đúng quy trình.") == []
    assert awards(f"Tiêu chuẩn {verb} danh hiệu Chiến sĩ thi đua cơ sở được quy định rõ.") == []


@pytest.mark.parametrize("word", PHRASES["recipient_prepositions"])
def test_every_recipient_preposition_takes_the_count_after_the_award(word):
    assert [a["count"] for a in awards(f"Chủ tịch tỉnh trao Bằng khen {word} 14 cá nhân.")] == [14]


@pytest.mark.parametrize("word", PHRASES["award_list_joiners"])
def test_every_award_list_joiner_makes_the_counts_after_the_lists(word):
    found = awards(f"Chủ tịch tỉnh trao Bằng khen {word} Giấy khen cho 14 cá nhân.")
    assert [(a["award"], a["count"]) for a in found] == [("Bằng khen", None), ("Giấy khen", None)]


@pytest.mark.parametrize("noun", PHRASES["event_nouns"])
def test_every_event_noun_makes_an_award_name_an_events(noun):
    assert awards(f"Đơn vị tổ chức {noun} Huân chương Lao động tại hội trường.") == []


@pytest.mark.parametrize("noun", PHRASES["commendation_event_nouns"])
def test_every_event_noun_makes_a_commendation_an_events_name(noun):
    assert awards(f"Tỉnh tổ chức {noun} biểu dương điển hình tiên tiến năm 2024.") == []
    # unless it counts whom it commends
    assert [a["count"] for a in awards(f"{noun.capitalize()} biểu dương 12 tập thể điển hình tiên tiến.")] == [12]


@pytest.mark.parametrize("noun", PHRASES["generic_recipients"])
def test_every_generic_recipient_is_commended_without_a_count(noun):
    for det in ("", *(d + " " for d in PHRASES["recipient_determiners"])):
        found = awards(f"Tỉnh biểu dương {det}{noun} tiêu biểu.")
        assert [(a["award"], a["count"]) for a in found] == [("Điển hình tiên tiến", None)], (det, noun)


@pytest.mark.parametrize("verb", PHRASES["generic_given_verbs"])
def test_every_generic_given_verb_makes_a_generic_award_word_an_award(verb):
    assert [a["award"] for a in awards(f"Đơn vị đã {verb} danh hiệu cao quý này.")] == ["Danh hiệu"]


@pytest.mark.parametrize("noun", PHRASES["generic_listed_before"])
def test_every_award_noun_listed_before_a_generic_word_keeps_it_given(noun):
    assert [a["award"] for a in awards(f"Đơn vị đã đón nhận các {noun}, danh hiệu cao quý.")] == ["Danh hiệu"]


@pytest.mark.parametrize("word", PHRASES["generic_given_determiners"])
def test_every_generic_given_determiner_keeps_the_verb_before_the_generic_word(word):
    assert [a["award"] for a in awards(f"Đơn vị đã đón nhận {word} danh hiệu cao quý.")] == ["Danh hiệu"]


@pytest.mark.parametrize("verb", PHRASES["commendation_companions"])
def test_every_commendation_companion_leads_to_the_recipients(verb):
    assert [a["award"] for a in awards(f"Tỉnh biểu dương, {verb} các tập thể tiêu biểu.")] == ["Điển hình tiên tiến"]
    assert awards(f"Tỉnh biểu dương, {verb} những cố gắng của các tập thể.") == []


@pytest.mark.parametrize("phrase", PHRASES["not_recipients"])
def test_every_not_recipient_phrase_is_no_count(phrase):
    assert awards(f"Hôm qua Quân khu 7 {phrase} trao thưởng cho 143 tập thể.")[0]["count"] == 143
    assert len(awards(f"Hôm qua Quân khu 7 {phrase} trao thưởng cho 143 tập thể.")) == 1


@pytest.mark.parametrize("word", PHRASES["breakdown_words"])
def test_every_breakdown_word_ends_the_counts(word):
    found = awards(f"Chủ tịch tỉnh trao Bằng khen cho 22 tập thể, {word} có 8 tập thể thuộc Sở.")
    assert [a["count"] for a in found] == [22]


def test_table_words_read_a_year_by_year_table():
    text = ("Kết quả khen thưởng của đơn vị qua các năm như sau đây:\n\nNăm\n\nLao động tiên tiến\n\n(%)\n\n"
            "Giấy khen cho cá nhân\n\nGiấy khen cho tập thể\n\nNăm 2015\n\n100%\n\n04\n\n02\n\n"
            "Bên cạnh những thành tích đạt được, Hội nghị cũng nhìn nhận những tồn tại cần khắc phục.")
    doc = make_document("t", text, LEX)
    cells = [(c.get("award"), c.get("share"), c.get("count"), c.get("recipient_kind"))
             for c in extract_awards(doc, LEX) if c.rule == "awards.table_cell"]
    assert cells == [("Lao động tiên tiến", "100%", None, None), ("Giấy khen", None, 4, "individual"),
                     ("Giấy khen", None, 2, "collective")]


@pytest.mark.parametrize("category", PHRASES["collective_categories"])
def test_every_collective_category_names_a_collective(category):
    assert category in AWARDS["categories"]
    text = (f"Kết quả khen thưởng của đơn vị qua các năm như sau đây:\n\nNăm\n\n{category}\n\nNăm 2015\n\n03\n\n"
            "Năm 2016\n\n04\n\nNăm 2017\n\n05\n\nNăm 2018\n\n06\n\nBên cạnh những thành tích đạt được, Hội nghị cũng nhìn nhận những tồn tại cần khắc phục.")
    found = [c for c in extract_awards(make_document("t", text, LEX), LEX) if c.rule == "awards.table_cell"]
    assert [c.get("recipient_kind") for c in found] == ["collective"] * 4


# -- numbers.toml, words.toml ---------------------------------------------------------


@pytest.mark.parametrize("word,value", sorted(NUMBER_WORDS.items()))
def test_every_number_word_has_its_value(word, value):
    assert parse_int(word) == value


@pytest.mark.parametrize("word", COUNT_WORDS)
def test_every_count_word_counts_recipients(word):
    assert [a["count"] for a in awards(f"Chủ tịch tỉnh tặng Bằng khen cho {word} tập thể.")] == [NUMBER_WORDS[word]]


def test_the_tens_word():
    assert (parse_int("hai mươi"), parse_int("ba mươi mốt"), parse_int("mười hai")) == (20, 31, 12)


@pytest.mark.parametrize("level", WORDS["place_levels"])
def test_every_place_level_lets_an_office_name_a_person_after_it(level):
    text = f"Phó Chủ tịch UBND {level} {NAME} phát biểu."
    assert (NAME, "people.title_before") in people(text)
    assert people(f"Đoàn về {level} {NAME} hôm qua.") == []


def test_the_list_place_level_starts_a_member():
    doc = body_document(f"Cụm gồm: Mây Tre {WORDS['conjunction']} {WORDS['list_place_level']} Gốm Việt.")
    # the member after it is a place named as a place (lower case), so only the first is a member
    assert [c.text for c in extract_units(doc, LEX) if c.rule == "units.member_list"] == ["Mây Tre"]


@pytest.mark.parametrize("word", WORDS["unit_connectors"])
def test_every_unit_connector_is_not_part_of_the_unit(word):
    assert split_role(f"Phó Giám đốc {word} Sở Nội vụ", LEX) == ("Phó Giám đốc", "Sở Nội vụ")


def test_the_located_word_keeps_a_place_in_a_name():
    assert f"Tòa án nhân dân cấp cao {WORDS['located']} Hà Nội" in units(
        f"Chánh án Tòa án nhân dân cấp cao {WORDS['located']} Hà Nội, Sở Nội vụ cùng dự.")


# -- dates.toml ----------------------------------------------------------------------


@pytest.mark.parametrize("cue", DATES["day_cues"])
def test_every_day_cue_dates_a_year_less_day(cue):
    doc = body_document(f"Hôm đó, {cue} 4-3, Khối thi đua tổ chức hội nghị năm 2021.")
    assert [(c.normalized, c.rule) for c in dates(doc)][:1] == [("2021-03-04", "dates.dm_sentence_year")]


@pytest.mark.parametrize("modifier", DATES["day_cue_modifiers"])
def test_every_day_cue_modifier_keeps_the_cue(modifier):
    doc = body_document(f"Sáng {modifier} (4/3), Khối thi đua tổ chức hội nghị năm 2021.")
    assert [(c.text, c.normalized) for c in dates(doc)][:1] == [(f"Sáng {modifier} (4/3)", "2021-03-04")]


@pytest.mark.parametrize("word", DATES["plan_words"])
def test_every_plan_word_puts_a_year_end_meeting_in_the_year_before(word):
    doc = body_document(f"Ngày 25/12, Khối thi đua tổ chức hội nghị {word} năm 2024.")
    assert [c.normalized for c in dates(doc)][:1] == ["2023-12-25"]


@pytest.mark.parametrize("word", DATES["review_words"])
def test_every_review_word_puts_an_early_meeting_in_the_year_after(word):
    early = body_document(f"Ngày 6/1, Khối thi đua tổ chức hội nghị {word} công tác năm 2021.")
    late = body_document(f"Ngày 26/12, Khối thi đua tổ chức hội nghị {word} công tác năm 2021.")
    assert [c.normalized for c in dates(early)][:1] == ["2022-01-06"]
    assert [c.normalized for c in dates(late)][:1] == ["2021-12-26"]


@pytest.mark.parametrize("word", DATES["span_closing_words"])
def test_every_span_closing_word_dates_a_meeting_by_the_spans_end(word):
    closed = body_document(f"Ngày 14-6, Hội tổ chức {word} phong trào giai đoạn 2014-2019.")
    open_ = body_document("Ngày 14-6, Hội tổ chức Đại hội lần thứ V (2014-2019).")
    assert [c.normalized for c in dates(closed)][:1] == ["2019-06-14"]
    assert [c.get("kind") for c in dates(open_)] == ["period"]


@pytest.mark.parametrize("word", DATES["term_words"])
def test_every_term_word_makes_a_span_a_term_that_dates_nothing(word):
    doc = body_document(f"Ngày 21-10, Hội tổ chức tổng kết {word} 2016 - 2021.")
    assert [c.get("kind") for c in dates(doc)] == ["period"]


@pytest.mark.parametrize("word", DATES["dateline_words"])
def test_every_dateline_word_is_page_furniture_of_a_dateline(word):
    text = f"Tin thi đua của huyện trong năm 2020\n{word.capitalize()} 18/12/2020 | 09:39 (GMT+7)\nNgày 15/12/2020, huyện họp."
    assert [s.kind for s in segment(text, LEX)][1] == "dateline"


def test_the_month_names_agree_with_dateparser():
    from dateparser.data.date_translation_data import vi  # the maintained source of the names

    english = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december"]
    theirs = {match_key(name): english.index(month) + 1 for month in english for name in vi.info[month]
              if not any(ch.isdigit() for ch in name)}
    ours = {match_key(k): v for k, v in DATES["month_names"].items()}
    assert {k: v for k, v in ours.items() if k in theirs} == {k: theirs[k] for k in ours if k in theirs}
    assert set(theirs) <= set(ours)


@pytest.mark.parametrize("name,month", sorted(DATES["month_names"].items()))
def test_every_month_name_reads_a_date(name, month):
    doc = body_document(f"Hà Nội, 22 {name.title()}, 2022 họp.")
    assert [c.normalized for c in dates(doc)] == [f"2022-{month:02d}-22"]


@pytest.mark.parametrize("word", DATES["event_words"])
def test_every_event_word_makes_a_date_the_events(word):
    doc = body_document(f"Ngày 15/6/2020, đơn vị có {word} quan trọng.")
    assert [c.get("role") for c in dates(doc)] == ["event"]


@pytest.mark.parametrize("word", DATES["issuing_words"])
def test_every_issuing_word_before_the_meeting_makes_a_day_the_documents(word):
    doc = body_document(f"Ngày 15/3/2024, UBND tỉnh {word} số 45 về tổ chức hội nghị. Sáng 18/5/2024, hội nghị diễn ra.")
    assert [(c.normalized, c.get("role")) for c in dates(doc)] == [("2024-03-15", "mention"), ("2024-05-18", "event")]
    doc = body_document(f"Ngày 15/3/2024, UBND tỉnh tổ chức hội nghị và {word} số 45.")
    assert [c.get("role") for c in dates(doc)] == ["event"]


@pytest.mark.parametrize("word", DATES["future_words"])
def test_every_future_word_puts_a_year_less_day_after_publication(word):
    doc = lined_document(f"Tin thi đua\n10/06/2020\nHội nghị {word} vào ngày 19.8 tại hội trường.",
                         "headline", "dateline", "body")
    assert [c.normalized for c in dates(doc) if c.get("role") != "published"] == ["2020-08-19"]


@pytest.mark.parametrize("word", DATES["future_after_words"])
def test_every_word_after_a_day_that_announces_it_puts_it_after_publication(word):
    doc = lined_document(f"Tin thi đua\n10/06/2020\nHội nghị diễn ra vào ngày 19.8 {word}.",
                         "headline", "dateline", "body")
    assert [c.normalized for c in dates(doc) if c.get("role") != "published"] == ["2020-08-19"]


@pytest.mark.parametrize("sentence", ["Chiều {}, Hội tổ chức hội nghị hướng tới Đại hội.",
                                      "Chiều {}, Hội tổ chức hội nghị, lãnh đạo huyện tới dự.",
                                      "Chiều {}, Hội triển khai nhiệm vụ thời gian tới.",
                                      "Chiều {}, xã tổ chức hội nghị về sắp xếp đơn vị hành chính."])
@pytest.mark.parametrize(("day", "held"), [("19/5", "2020-05-19"), ("19/8", "2019-08-19")])
def test_a_report_that_looks_ahead_dates_a_meeting_held(sentence, day, held):
    # a day before the publication, or after it in the year before: a meeting held (a day
    # just before the publication is held even when its sentence announces: _ANNOUNCED_WITHIN)
    doc = lined_document(f"Tin thi đua\n10/06/2020\n{sentence.format(day)}", "headline", "dateline", "body")
    assert [c.normalized for c in dates(doc) if c.get("role") != "published"] == [held]


@pytest.mark.parametrize("word", DATES["document_words"])
def test_every_document_word_dates_a_cited_document(word):
    doc = body_document(f"Thực hiện {word} số 12/KH-UBND ngày 06/3/2020 của tỉnh.")
    assert [c.get("role") for c in dates(doc)] == ["document"]


@pytest.mark.parametrize("word", DATES["period_words"])
def test_every_period_word_opens_a_period(word):
    doc = body_document(f"Kết quả {word} 2015 - 2020 rất tốt.")
    assert [(c.text, c.get("role")) for c in dates(doc)] == [(f"{word} 2015 - 2020", "period")]


@pytest.mark.parametrize("weekday", DATES["weekdays"])
def test_every_weekday_is_page_furniture_of_a_dateline(weekday):
    text = f"Tin thi đua của huyện trong năm 2020\n{weekday.title()}, 18/12/2020 09:39\nNgày 15/12/2020, huyện tổ chức hội nghị."
    assert [s.kind for s in segment(text, LEX)][1] == "dateline"


@pytest.mark.parametrize("phrase,months", sorted(DATES["halves"].items()))
def test_every_part_of_year_is_a_period(phrase, months):
    doc = body_document(f"Kết quả {phrase} 2023 rất tốt.")
    first, last = months
    assert [(c.normalized, c.get("value_end")) for c in dates(doc)] == [(f"2023-{first:02d}", f"2023-{last:02d}")]


@pytest.mark.parametrize("opener", DATES["cue_openers"])
def test_every_cue_opener_is_its_dates_own_cue(opener):
    assert LEX.date_patterns.cue_opener_re.match(f"{opener.capitalize()} 15/6/2020")


def test_the_date_words():
    words = DATES["words"]
    doc = body_document(f"{words['day'].capitalize()} 15 {words['month']} 12 {words['year']} 2020, tổng kết "
                        f"{words['from']} {words['year']} 2015 {words['to']} {words['year']} 2020.")
    assert [(c.normalized, c.get("value_end")) for c in dates(doc)] == [("2020-12-15", None), ("2015", "2020")]


# -- slogans.toml, events.toml, segments.toml ------------------------------------------


@pytest.mark.parametrize("joiner", SLOGANS["list_joiners"])
def test_every_list_joiner_continues_a_slogan_list(joiner):
    doc = body_document(f"Các phong trào như “Đoàn kết sáng tạo”; {joiner} “Quyết thắng” được hưởng ứng.")
    assert [(c.text, c.rule) for c in extract_slogans(doc, LEX)] == [
        ("Đoàn kết sáng tạo", "slogans.marked"), ("Quyết thắng", "slogans.listed")]


@pytest.mark.parametrize("kind,name", [(k, n) for k, names in SLOGANS["known"].items() for n in names])
def test_every_known_movement_quoted_is_a_slogan_and_unquoted_is_none(kind, name):
    doc = body_document(f"Cán bộ tích cực cống hiến sức mình “{name}” trong năm nay.")
    assert [(c.text, c.get("kind"), c.rule) for c in extract_slogans(doc, LEX)] == [(name, kind, "slogans.known")]
    assert extract_slogans(body_document(f"Cán bộ tích cực cống hiến sức mình {name} trong năm nay."), LEX) == []


@pytest.mark.parametrize("word", SLOGANS["exclude"]["not_before"])
def test_every_not_before_word_makes_a_quotation_a_title(word):
    assert extract_slogans(body_document(f"Tham gia {word} “Đoàn kết sáng tạo” năm nay."), LEX) == []


@pytest.mark.parametrize("word", SLOGANS["exclude"]["not_starting"])
def test_every_not_starting_word_makes_a_quotation_a_title(word):
    assert extract_slogans(body_document(f"Phong trào “{word} thi đua năm nay” đã diễn ra."), LEX) == []


@pytest.mark.parametrize("order,pair", list(enumerate(EVENTS["types"])))
def test_every_event_keyword_gives_its_type(order, pair):
    keyword, kind = pair
    doc = lined_document(f"Huyện tổ chức {keyword} năm 2023\nNội dung chính.", "headline", "body")
    found = [c for c in extract_event(doc, LEX, [], []) if c.get("slot") == "type"]
    assert (kind, order) in [(c.normalized, c.get("order")) for c in found]


@pytest.mark.parametrize("verb", EVENTS["organizer_verbs"])
def test_every_organizer_verb_shows_the_organizer(verb):
    doc = body_document(f"Ngày 15/6/2020, Sở Nội vụ {verb} hội nghị.")
    unit = next(c for c in extract_units(doc, LEX) if c.text == "Sở Nội vụ")
    found = [c.normalized for c in extract_event(doc, LEX, dates(doc), [unit]) if c.get("slot") == "organizer"]
    assert found == ["Sở Nội vụ"]


def test_the_location_words():
    location = EVENTS["location"]
    for verb in location["verbs_after"]:
        doc = body_document(f"Ngày 15/6/2020, tại {location['premises']} Sở Nội vụ {verb} hội nghị.")
        found = [c.normalized for c in extract_event(doc, LEX, dates(doc), []) if c.get("slot") == "location"]
        assert found == [f"{location['premises']} Sở Nội vụ"], verb


HEAD = "Hội nghị tổng kết công tác thi đua năm 2020 của huyện\n"
BODY = "Ngày 15/12/2020, huyện tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2020 tại hội trường."


@pytest.mark.parametrize("line", ["Xem với cỡ chữ A A", "Đọc bài viết", "Tương phản", "In bài viết", "Chia sẻ bài",
                                  "Bình luận (0)", "{keywords}", "lienhe@tinhuyen.vn", "0912 345 678",
                                  "Số 12 Đường Láng, Hà Nội", "Bạn cần biết", "Tiện ích", "Liên hệ", "Trang chủ",
                                  "Kinh tế doanh nghiệp", "Hoạt động công đoàn", "Đăng nhập", "Tìm kiếm",
                                  "Ảnh: Minh Anh", "Một số hình ảnh tại hội nghị:", "En", "Lượt xem: 1.250",
                                  "Gửi email", "[Trở về] [In trang]", "Đánh giá bài viết", "© 2023 Sở Nội vụ",
                                  "Bản quyền thuộc về UBND tỉnh", "(Ảnh: Tư liệu)", "QĐND Online",
                                  "Báo Đồng Nai điện tử En", "Cổng thông tin điện tử xã Tân Phú",
                                  "Hôm nay: Thứ ba, 21/05/2024"])
def test_every_chrome_pattern_marks_page_furniture(line):
    assert len(SEGMENTS["chrome"]) == 32
    assert [s.kind for s in segment(f"{HEAD}{line}\n{BODY}", LEX)][1] == "chrome"


@pytest.mark.parametrize("start", SEGMENTS["footer_starts"])
def test_every_footer_start_ends_the_article(start):
    kinds = [s.kind for s in segment(f"{HEAD}{BODY}\n{start.capitalize()} Tin khác\nMột dòng nữa.", LEX)]
    assert kinds[-2:] == ["footer", "footer"]


@pytest.mark.parametrize("prefix", SEGMENTS["source_prefixes"])
def test_every_source_prefix_marks_a_source_line(prefix):
    assert [s.kind for s in segment(f"{HEAD}{BODY}\n{prefix.capitalize()} Báo Mây", LEX)][-1] == "source"


@pytest.mark.parametrize("word", SEGMENTS["author_words"])
def test_every_author_word_opens_an_author_line(word):
    doc = make_document("t", f"{HEAD}{BODY}\n{word.capitalize()}: Minh Anh", LEX)
    assert [(c.normalized, c.rule) for c in extract_author(doc, LEX)][:1] == [("Minh Anh", "author.tac_gia")]


@pytest.mark.parametrize("signature", SEGMENTS["non_author_signatures"])
def test_every_staff_signature_names_nobody(signature):
    doc = make_document("t", f"{HEAD}{BODY}\n{signature.upper()}", LEX)
    assert extract_author(doc, LEX) == []


@pytest.mark.parametrize("note", SEGMENTS["signature_notes"])
def test_every_signature_note_leaves_the_writer(note):
    doc = make_document("t", f"{HEAD}{BODY}\nMinh Anh ({note})", LEX)
    assert [(c.normalized, c.rule) for c in extract_author(doc, LEX)] == [("Minh Anh", "author.signature")]


@pytest.mark.parametrize("prefix", SEGMENTS["signature_prefixes"])
def test_every_signature_prefix_credits_a_writer_and_names_no_source(prefix):
    doc = make_document("t", f"{HEAD}{BODY}\n{prefix.capitalize()} Minh Anh (Báo Mây Xanh)", LEX)
    assert [(c.normalized, c.rule) for c in extract_author(doc, LEX)] == [("Minh Anh", "author.signature")]
    assert extract_author(make_document("t", f"{HEAD}{BODY}\n{prefix.capitalize()} Báo Mây Xanh", LEX), LEX) == []


# -- syllables.toml ------------------------------------------------------------------

RULES = syllable_rules()


@pytest.mark.parametrize("onset", [o for o in RULES.onsets if o])
def test_every_onset_makes_syllables(onset):
    rhyme = {"q": "ua", "gh": "i", "ngh": "ê", "k": "e", "gi": "a"}.get(onset, "a")
    assert is_syllable(onset + rhyme)


def _with_sac(word: str) -> str:
    """The word with a sắc tone on its last vowel (a stopped rhyme takes no other)."""
    import unicodedata

    at = max(i for i, ch in enumerate(word) if unicodedata.normalize("NFD", ch)[0] in "aeiouy")
    return unicodedata.normalize("NFC", word[:at + 1] + "\u0301" + word[at + 1:])


@pytest.mark.parametrize("rhyme", sorted(RULES.rhymes))
def test_every_rhyme_makes_a_syllable(rhyme):
    word = ("t" if not rhyme.startswith(("u", "o")) else "l") + rhyme
    toned = _with_sac(word) if rhyme.endswith(RULES.stop_codas) else word
    assert is_syllable(toned), toned


def test_stop_tones_only_on_stopped_rhymes():
    assert is_syllable("các") and is_syllable("cạc") and not is_syllable("cảc") and not is_syllable("cac")
    assert set(RULES.stop_tones) == {"sắc", "nặng"}


def test_match_keys_of_the_data_are_stable():
    """Loading twice gives the same compiled knowledge (no state leaks between loads)."""
    again = Lexicon.load()
    assert again.national_by_key == LEX.national_by_key and match_key("Ủy ban") == match_key("Uỷ ban")


@pytest.mark.parametrize("word", DATES["until_words"])
def test_every_until_word_makes_a_day_a_deadline(word):
    doc = body_document(f"Ngày 15/6/2020, {word} 30/6/2020 các đơn vị đã tổ chức hội nghị.")
    assert [c.get("role") for c in extract_dates(doc, LEX)] == ["mention", "until"]


@pytest.mark.parametrize("head", NAMES["campaign_heads"])
@pytest.mark.parametrize("kind", ["", *NAMES["campaign_words"]])
def test_every_campaign_head_takes_a_quoted_campaign_of_every_kind(head, kind):
    name = f"{head} {kind + ' ' if kind else ''}“Toàn dân đoàn kết”"
    assert name in units(f"Lãnh đạo {name} phát biểu.")


@pytest.mark.parametrize(("short", "full"), sorted(NAMES["short_heads"].items()))
def test_every_short_head_is_written_in_full_before_a_place(short, full):
    assert LEX.unit_names.full_head(f"{short} tỉnh Nghệ An") == f"{full} tỉnh Nghệ An"
    assert LEX.unit_names.full_head(f"{full} tỉnh Nghệ An") == f"{full} tỉnh Nghệ An"
    assert LEX.unit_head_re.match(full)


@pytest.mark.parametrize("department", NAMES["committee_departments"])
def test_every_committee_department_is_a_body_before_a_party_committee_only(department):
    assert match_key(department) in {match_key(w) for w in NAMES["not_heads"]}
    for committee in NAMES["party_committees"]:
        assert f"{department} {committee} Ninh Thuận".replace("Trung ương Ninh Thuận", "Trung ương") in units(
            f"Đại diện {department} {committee} Ninh Thuận".replace("Trung ương Ninh Thuận", "Trung ương") + " dự.")
    assert units(f"{department} hội nghị đã trao 20 suất quà.") == []


@pytest.mark.parametrize("prefix", SEGMENTS["staff_prefixes"])
def test_every_staff_prefix_is_cut_off_the_signing_writer(prefix):
    doc = lined_document(f"Hội nghị tổng kết\nSáng 26/12, huyện tổ chức hội nghị tổng kết công tác năm 2023 tại hội trường "
                         f"lớn của huyện với nhiều đại biểu tham dự và phát biểu ý kiến.\n{prefix} Thu Hằng",
                         "headline", "body", "byline")
    assert [c.normalized for c in extract_author(doc, LEX)][:1] == ["Thu Hằng"]


@pytest.mark.parametrize("marker", SLOGANS["colon_markers"])
def test_every_colon_marker_sets_off_a_slogan_of_its_kind(marker):
    doc = body_document(f"{marker.capitalize()} năm 2024: Kỷ cương, trách nhiệm, hiệu quả. {marker.capitalize()}: Ba.")
    assert [(c.text, c.get("kind")) for c in extract_slogans(doc, LEX)] == [
        ("Kỷ cương, trách nhiệm, hiệu quả", SLOGANS["markers"][marker])]


@pytest.mark.parametrize("copula", SLOGANS["after_copulas"])
def test_every_after_copula_joins_a_quotation_to_its_marker(copula):
    for marker in SLOGANS["colon_markers"]:
        doc = body_document(f"Khối thống nhất “Kỷ cương, trách nhiệm, hiệu quả” {copula} {marker} năm 2024.")
        assert [(c.text, c.get("kind"), c.rule) for c in extract_slogans(doc, LEX)] == [
            ("Kỷ cương, trách nhiệm, hiệu quả", SLOGANS["markers"][marker], "slogans.marked_after")]


@pytest.mark.parametrize("label", SEGMENTS["page_labels"])
def test_every_page_label_after_the_date_leaves_the_publication_line(label):
    doc = make_document("t", f"{HEAD}Ngày đăng: 03/02/2024 {label.capitalize()}: Tin tức\n{BODY}", LEX)
    published = [c for c in resolve_dates(doc, extract_dates(doc, LEX))[0] if c.get("role") == "published"]
    assert [c.normalized for c in published] == ["2024-02-03"]


@pytest.mark.parametrize("marker", SLOGANS["bare_markers"])
def test_every_bare_marker_sets_off_a_slogan_of_its_kind(marker):
    for copula in ("", f" {SLOGANS['bare_marker_copula']}"):
        doc = body_document(f"Đơn vị quán triệt {marker}{copula} Kỷ cương, trách nhiệm, hiệu quả. Với {marker} Ba.")
        assert [(c.text, c.get("kind")) for c in extract_slogans(doc, LEX)] == [
            ("Kỷ cương, trách nhiệm, hiệu quả", SLOGANS["markers"][marker])]


@pytest.mark.parametrize("word", NAMES["number_units"])
def test_every_number_unit_makes_the_number_after_a_place_a_count(word):
    assert units(f"UBND phường Hà Giang 2 {word} liền dự thi.") == ["UBND phường Hà Giang"]
    assert units("UBND phường Hà Giang 2 dự thi.") == ["UBND phường Hà Giang 2"]


@pytest.mark.parametrize("word", NAMES["member_end_words"])
def test_every_member_end_word_ends_the_last_listed_member(word):
    assert units(f"Khối gồm: Vissan, Satra, Sagri {word} ký kết giao ước.") == ["Vissan", "Satra", "Sagri"]


@pytest.mark.parametrize("form", NAMES["legal_forms"])
def test_a_legal_form_does_not_end_an_enterprises_name(form):
    assert units(f"Công ty {form} MTV Cao su Đồng Nai tổ chức hội nghị.") == [f"Công ty {form} MTV Cao su Đồng Nai"]


def test_the_verbs_are_underthesea_s_as_generated():
    from pipeline.research.verbs import render, tagged_test_set, vlsp_verbs
    if not tagged_test_set().is_file():
        pytest.skip("this underthesea ships no tagged test set")
    assert (DATA_DIR / "verbs.toml").read_text(encoding="utf-8") == render(vlsp_verbs())


@pytest.mark.parametrize("verb", ["bảo đảm", "chuẩn bị", "cung cấp", "phát triển", "bồi dưỡng", "điều tra"])
def test_a_verb_of_underthesea_s_tagged_set_ends_a_name(verb):
    assert units(f"Năm qua, Hội Nông dân {verb} nhiều nội dung.") == ["Hội Nông dân"]


def test_a_verb_inside_a_name_does_not_end_it():
    assert "Khối các đơn vị giúp việc Chủ tịch Viện" in units("Đoàn Thanh niên Khối các đơn vị giúp việc Chủ tịch Viện họp.")


@pytest.mark.parametrize("word", DATES["today_words"])
def test_every_today_word_dates_the_meeting_on_the_publication_day(word):
    doc = make_document("t", f"{HEAD}05/01/2021\n{word.capitalize()}, UBND huyện tổ chức hội nghị tổng kết năm 2020.", LEX)
    event = [c for c in resolve_dates(doc, extract_dates(doc, LEX))[0] if c.get("role") == "event"]
    assert [(c.text.lower(), c.normalized) for c in event] == [(word, "2021-01-05")]


@pytest.mark.parametrize("word", DATES["yesterday_words"])
def test_every_yesterday_word_dates_the_meeting_the_day_before_the_publication(word):
    doc = make_document("t", f"{HEAD}05/01/2021\n{word.capitalize()}, UBND huyện tổ chức hội nghị tổng kết năm 2020.", LEX)
    event = [c for c in resolve_dates(doc, extract_dates(doc, LEX))[0] if c.get("role") == "event"]
    assert [(c.text.lower(), c.normalized) for c in event] == [(word, "2021-01-04")]
