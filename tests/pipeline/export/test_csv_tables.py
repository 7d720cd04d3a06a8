"""CSV cells: formula neutralisation (OWASP) and its inverse for reading a run back."""

from __future__ import annotations

import pytest

from pipeline.export.csv_tables import csv_cell, read_table, uncell


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
