"""Matching keys: what folds, what stays distinct."""

import pytest

from extractors.keys import fix_name_case, match_key, parse_int


@pytest.mark.parametrize("a,b", [
    ("Thuý", "Thúy"), ("hoà", "hòa"), ("Uỷ ban", "Ủy ban"), ("NGuyễn", "Nguyễn"),
    ("Vụ Thi đua – Khen thưởng", "Vụ Thi đua-Khen thưởng"), ("“A”", '"A"'),
])
def test_match_key_folds(a, b):
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize("a,b", [("Thủy", "Thúy"), ("Văn", "Vân"), ("Cục", "Vụ")])
def test_match_key_keeps_distinct(a, b):
    assert match_key(a) != match_key(b)


def test_fix_name_case():
    assert fix_name_case("NGuyễn Thị Vân Nga") == "Nguyễn Thị Vân Nga"
    assert fix_name_case("MAI LIỄU") == "Mai Liễu"


@pytest.mark.parametrize("text,value", [("01", 1), ("02", 2), ("1.500", 1500), ("mười", 10), ("hai mươi lăm", 25), ("mười lăm", 15),
                                        ("ba", 3), ("abc", None)])
def test_parse_int(text, value):
    assert parse_int(text) == value
