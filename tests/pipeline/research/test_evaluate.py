import pytest

from pipeline.options import Options
from pipeline.research.evaluate import PRF, Prediction, evaluate_corpus, match_sets, score_documents, token_f1
from tests.conftest import CORPUS, DEVSET


def test_toy_case_known_counts():
    gold = Prediction("d", people=["Lê Văn A", "Trần Thị B"], units=[["Bộ Y tế"], ["UBND tỉnh", "Ủy ban nhân dân tỉnh"]],
                      awards=[("Bằng khen", 3), ("Bằng khen", 4)], published_date="2020-01-02", event_date=None)
    pred = Prediction("d", people=["LÊ VĂN A", "Phạm C"], units=[["Ủy ban nhân dân tỉnh"], ["Sở Y tế"]],
                      awards=[("Bằng khen", 3), ("Cờ thi đua", 4)], published_date="2020-01-02", event_date="2020-01-01")
    report = score_documents([pred], [gold], with_spans=False)["strict"]
    assert (report["people"]["tp"], report["people"]["fp"], report["people"]["fn"]) == (1, 1, 1)
    assert (report["units"]["tp"], report["units"]["fp"], report["units"]["fn"]) == (1, 1, 1)
    assert (report["awards"]["tp"], report["awards"]["fp"], report["awards"]["fn"]) == (1, 1, 1)
    assert (report["awards_category"]["tp"], report["awards_category"]["fp"]) == (1, 1)
    assert report["published_date"]["f1"] == 1.0
    assert (report["event_date"]["tp"], report["event_date"]["fp"], report["event_date"]["fn"]) == (0, 1, 0)


def test_prf_and_token_f1():
    prf = PRF(3, 1, 2)
    assert prf.precision == 0.75 and prf.recall == 0.6 and round(prf.f1, 4) == 0.6667
    assert token_f1("Phó Giám đốc", "phó giám đốc") == 1.0
    counts, spurious, missed = match_sets(["x"], ["y"], lambda a, b: a == b)
    assert (counts.tp, spurious, missed) == (0, ["x"], ["y"])


# Regression floors on the test split: the articles the rules were never tuned on
# (corpus/split.json). Strict record-level F1, NER off (the test suite runs offline and fast).
TEST_FLOORS = {"people": 0.985, "titles": 0.905, "units": 0.835, "awards": 0.90, "slogans": 0.91,
               "published_date": 0.94, "event_date": 0.905, "author": 0.69}
# Without ../shared/devset only the five seed articles have text: coarse floors on them.
SEED_FLOORS = {"people": 0.92, "titles": 0.90, "units": 0.85, "awards": 0.85, "slogans": 0.85,
               "published_date": 0.95, "event_date": 0.95, "author": 0.85}


@pytest.fixture(scope="module")
def split_reports(lexicon):
    return evaluate_corpus(CORPUS, DEVSET, lexicon, Options(ner=False))


@pytest.mark.parametrize("field", sorted(TEST_FLOORS))
def test_f1_floor_on_the_test_split(split_reports, field):
    if "test" not in split_reports:
        pytest.skip("../shared/devset is absent: the test split has no text")
    f1 = split_reports["test"]["pipeline"]["strict"][field]["f1"]
    # the figure alone: the test split's errors are never shown, so that no rule is tuned to them
    assert f1 >= TEST_FLOORS[field], f"test {field} F1 {f1} is below its floor {TEST_FLOORS[field]}"


@pytest.mark.parametrize("field", sorted(SEED_FLOORS))
def test_f1_floor_on_the_seeds_alone(split_reports, field, tmp_path, lexicon):
    if DEVSET.is_dir():
        seeds = evaluate_corpus(CORPUS, tmp_path / "no-devset", lexicon, Options(ner=False))
    else:
        seeds = split_reports
    report = seeds["dev"]["pipeline"]
    assert report["documents"] == 5
    assert report["strict"][field]["f1"] >= SEED_FLOORS[field], report["errors"]


# Rules that decide at most one record of the dev split: each is shown general by a test on
# a hand-made case (issue 15 §5). A rule that fires once on dev and has no such test goes.
RARE_RULE_TESTS = {
    "author.byline_date": "tests/extractors/test_author.py::test_a_byline_with_its_date",
    "author.dateline_initials": "tests/extractors/test_author.py::test_initials_before_a_datelines_date",
    "author.dateline_name": "tests/extractors/test_author.py::test_a_name_beside_a_datelines_date",
    "dates.published_headline_end":
        "tests/pipeline/resolve/test_dates.py::test_a_day_set_off_at_the_end_of_the_headline_is_the_publication_date",
    "slogans.colon": "tests/extractors/test_slogans.py::test_a_slogan_set_off_by_its_marker_and_a_colon",
    "dates.published_byline": "tests/pipeline/resolve/test_dates.py::test_byline_beats_page_chrome",
    "dates.year_range_words": "tests/extractors/test_data.py::test_the_date_words",
    "dates.dmy_month_name": "tests/extractors/test_dates.py::test_days_of_one_month_and_month_names",
    "dates.multi_day": "tests/extractors/test_dates.py::test_days_of_one_month_and_month_names",
    "dates.iso": "tests/extractors/test_dates.py::test_iso_days_and_months_of_a_year",
    "dates.month_year": "tests/extractors/test_dates.py::test_iso_days_and_months_of_a_year",
    "dates.dm_crawl_month": "tests/pipeline/resolve/test_dates.py::test_a_crawlers_month_dates_a_year_less_day",
    "slogans.listed_truncated": "tests/extractors/test_slogans.py::test_a_listed_quote_cut_off_by_the_end_of_the_excerpt",
    "slogans.marked_truncated": "tests/extractors/test_slogans.py::test_truncated_quote_runs_to_end",
    "units.bare_head": "tests/extractors/test_units.py::test_a_head_standing_alone_is_a_bare_back_reference",
    "titles.before_honorific": "tests/extractors/test_titles.py::test_an_office_before_a_dash_or_a_parenthesis_and_the_honorific",
    "units.office_head": "tests/extractors/test_units.py::test_a_lower_case_head_ending_an_office_names_the_body_after_it",
    "units.defined_abbreviation": "tests/pipeline/resolve/test_units.py::"
                                  "test_an_abbreviation_a_name_defines_in_parentheses_is_its_form_wherever_it_is_used",
    "units.restated_form": "tests/pipeline/resolve/test_units.py::"
                           "test_a_name_in_parentheses_that_restates_the_name_before_it_is_its_form",
    "slogans.bare_marker": "tests/extractors/test_slogans.py::test_an_unquoted_slogan_right_after_khau_hieu_or_phuong_cham",
    "people.author_not_person": "tests/pipeline/resolve/test_people_titles_author_event.py::"
                                "test_the_writer_signing_the_article_is_no_person_of_it",
}


def test_every_rule_rare_on_dev_has_a_hand_made_test(split_reports):
    import importlib

    if "test" not in split_reports:
        pytest.skip("../shared/devset is absent: the dev split is the seeds alone")
    dev = split_reports["dev"]["pipeline"]
    rare = {rule for table in (dev["rules"], dev["decisions"]) for rule, row in table.items()
            if (row.get("records") or row.get("decisions") or 0) <= 1}
    assert rare <= set(RARE_RULE_TESTS), sorted(rare - set(RARE_RULE_TESTS))
    for rule, node in RARE_RULE_TESTS.items():
        path, name = node.split("::")
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        assert callable(getattr(module, name, None)), (rule, node)


def test_decision_rules_are_judged_against_the_gold():
    from pipeline.research.evaluate import decision_correct
    from pipeline.resolve.decisions import Decision

    gold = Prediction("d", published_date="2021-03-05", author="Mai Lan",
                      groups={"person": [("Khúc Văn Thượng", [(0, 15), (40, 47)])], "unit": [("Sở Nội vụ", [(60, 69)])]},
                      title_spans=[("Khúc Văn Thượng", (17, 30))], date_spans=[("2021-03-04", (80, 89))])
    assert decision_correct(Decision("people.tail_name", "person", ((0, 15), (40, 47)), "Khúc Văn Thượng"), gold)
    assert not decision_correct(Decision("people.same_name", "person", ((0, 15), (60, 69)), "x"), gold)
    assert decision_correct(Decision("dates.published_byline", "date", ((1, 2),), "2021-03-05"), gold)
    assert not decision_correct(Decision("dates.event_sentence", "date", ((80, 89),), "2021-03-04"), gold)
    assert decision_correct(Decision("dates.dm_published_year", "date", ((80, 89),), "2021-03-04"), gold)
    assert decision_correct(Decision("titles.one_per_span", "title", ((17, 30),), "Khúc Văn Thượng"), gold)
    assert decision_correct(Decision("author.signature", "author", ((1, 2),), "MAI LAN"), gold)
    assert decision_correct(Decision("units.same_unit", "unit", ((60, 69),), "Sở Nội vụ"), gold)
    assert decision_correct(Decision("people.author_not_person", "person", ((100, 110),), "Mai Lan"), gold)
    assert not decision_correct(Decision("people.author_not_person", "person", ((40, 47),), "Mai Lan"), gold)
    assert decision_correct(Decision("event.type", "event", ((0, 5),), "sơ kết"), gold) is None
