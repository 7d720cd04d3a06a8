"""CSV cells: formula neutralisation (OWASP) and its inverse for reading a run back."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.export.csv_tables import csv_cell, json_line, read_table, uncell, write_json_lines, write_jsonl


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\")", "+84 912 345 678", "-Đoàn kết", "@Bộ", "\tTổng kết",
                                   "\rx", "Đoàn kết, sáng tạo", "'Đoàn kết'", "-5", "+3.5", "'quoted", "'-5"])
def test_uncell_undoes_csv_cell(value):
    assert uncell(csv_cell(value)) == value


@pytest.mark.parametrize("value, cell", [("=1+1", "'=1+1"), ("+84 912", "'+84 912"), ("@Bộ", "'@Bộ"),
                                         ("\tTab", "'\tTab"), ("\rCR", "'\rCR"), ("-Cục X", "'-Cục X"),
                                         ("-5", "-5"), ("+3.5", "+3.5"), ("Bình thường", "Bình thường")])
def test_csv_cell_neutralises_formulas_but_not_numbers(value, cell):
    assert csv_cell(value) == cell


def test_empty_cell_is_none_and_missing_table_is_empty(tmp_path):
    assert csv_cell(None) == "" and uncell("") is None
    path = tmp_path / "t.csv"
    path.write_text("\ufeffa,b\n'=x,\n", encoding="utf-8")
    assert read_table(path) == [{"a": "=x", "b": None}]
    assert read_table(tmp_path / "absent.csv") == []


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(),
                     st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@given(st.lists(st.text(max_size=8), unique=True, max_size=6).flatmap(
    lambda columns: st.tuples(st.just(columns), st.lists(_SCALARS, min_size=len(columns), max_size=len(columns)))))
def test_json_line_is_json_dumps_byte_for_byte(case):
    columns, values = case
    assert json_line(columns)(values) == json.dumps(dict(zip(columns, values, strict=True)), ensure_ascii=False) + "\n"


@pytest.mark.parametrize("value", ["a\"b\\c\n\t\x00\x1f\x7f", "\u2028\u2029 đ 𝒳", "\ud800", float("nan"), float("-inf"),
                                   1e300, -0.0, 0.1 + 0.2, True, 2**80, None])
def test_json_line_edge_values(value):
    assert json_line(["k", "v"])(["x", value]) == json.dumps({"k": "x", "v": value}, ensure_ascii=False) + "\n"


def test_json_line_refuses_rows_of_another_width_and_repeated_columns():
    with pytest.raises(ValueError, match="2 values for 3 columns"):
        json_line(["a", "b", "c"])(["x", "y"])
    with pytest.raises(ValueError, match="repeated column"):
        json_line(["a", "a"])


def test_write_json_lines_writes_what_write_jsonl_writes(tmp_path):
    columns = ("doc_id", "start", "text", "confidence")
    rows = [("d1", 0, "Bộ Y tế", 0.8), ("d2", 12, "Sở GD&ĐT \"mới\"\n", None)]
    assert write_json_lines(tmp_path / "a.jsonl", columns, rows) == 2
    write_jsonl(tmp_path / "b.jsonl", [dict(zip(columns, r, strict=True)) for r in rows])
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()][1] == {
        "doc_id": "d2", "start": 12, "text": "Sở GD&ĐT \"mới\"\n", "confidence": None}
