"""The data package: it describes every CSV table of a run, and a run validates against it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

frictionless = pytest.importorskip("frictionless")

from pipeline.cli import main  # noqa: E402
from pipeline.export.datapackage import datapackage  # noqa: E402
from pipeline.schema import ALL_COLUMNS, column_type  # noqa: E402
from tests.conftest import CORPUS, ROOT  # noqa: E402

OUTPUTS = ROOT / "outputs"


def _errors(descriptor: Path) -> list[tuple[str, str, str]]:
    report = frictionless.validate(str(descriptor))
    return [(task.name, error.type, error.message) for task in report.tasks for error in task.errors] + \
        [("package", error.type, error.message) for error in report.errors]


def test_bundled_outputs_validate():
    assert _errors(OUTPUTS / "datapackage.json") == []


def test_bundled_descriptor_is_current():
    """outputs/datapackage.json is what write_datapackage makes of outputs/ now."""
    bundled = json.loads((OUTPUTS / "datapackage.json").read_text(encoding="utf-8"))
    tables = {r["name"]: tuple(f["name"] for f in r["schema"]["fields"]) for r in bundled["resources"]}
    assert bundled == datapackage(tables), "regenerate with thidua run corpus/articles --out outputs"
    on_disk = {p.stem for p in OUTPUTS.glob("*.csv")}
    assert set(tables) == on_disk


def test_fresh_run_validates(tmp_path):
    """The whole chain on the bundled articles: run, registries, package, validation."""
    assert main(["run", str(CORPUS / "articles"), "--out", str(tmp_path), "--no-ner"]) == 0
    path = tmp_path / "datapackage.json"
    assert _errors(path) == []
    names = [r["name"] for r in json.loads(path.read_text(encoding="utf-8"))["resources"]]
    assert names == list(ALL_COLUMNS)


def test_every_field_is_typed_and_described():
    package = datapackage()
    assert [r["name"] for r in package["resources"]] == list(ALL_COLUMNS)
    for resource in package["resources"]:
        assert resource["path"] == f"{resource['name']}.csv"
        assert (resource["format"], resource["encoding"]) == ("csv", "utf-8")
        assert resource["schema"]["missingValues"] == [""]
        fields = resource["schema"]["fields"]
        assert tuple(f["name"] for f in fields) == ALL_COLUMNS[resource["name"]]
        for f in fields:
            assert f["type"] == column_type(f["name"])
            assert len(f["description"]) > 15, (resource["name"], f["name"])
    by_name = {r["name"]: r["schema"] for r in package["resources"]}
    assert {n: s.get("primaryKey") for n, s in by_name.items() if s.get("primaryKey")} == {
        "documents": ["doc_id"], "sources": ["location"], "people": ["person_id"], "units": ["unit_id"],
        "people_registry": ["person_key"], "units_registry": ["unit_key"]}
    year = next(f for f in by_name["awards"]["fields"] if f["name"] == "year")
    assert year["type"] == "string"
    references = {(n, k["fields"]): (k["reference"]["resource"], k["reference"]["fields"])
                  for n, s in by_name.items() for k in s.get("foreignKeys", [])}
    assert all(references[(n, "doc_id")] == ("documents", "doc_id")
               for n, cols in ALL_COLUMNS.items() if "doc_id" in cols and n != "documents")
    assert references[("positions", "person_id")] == ("people", "person_id")
    assert references[("positions", "unit_id")] == ("units", "unit_id")
    assert references[("documents", "duplicate_of")] == ("documents", "doc_id")
    assert references[("title_history", "person_key")] == ("people_registry", "person_key")
    assert references[("title_history", "unit_key")] == ("units_registry", "unit_key")


def test_unknown_column_is_an_explicit_error():
    with pytest.raises(ValueError, match="people.csv: unknown column 'nickname'"):
        datapackage({"people": ("doc_id", "person_id", "nickname")})


def _replace_line(path: Path, line_no: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line_no], lines[line_no]
    lines[line_no] = lines[line_no].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize(("table", "corrupt", "error"), [
    ("people", lambda cell: ("P2", "P1"), "primary-key"),          # a duplicate person_id
    ("awards", lambda cell: (cell, "no_such_doc"), "foreign-key"),  # an unknown doc_id
    ("positions", lambda cell: (":P", ":P9"), "foreign-key"),        # an office of nobody
])
def test_corrupted_copy_fails_validation(tmp_path, table, corrupt, error):
    run = tmp_path / "run"
    shutil.copytree(OUTPUTS, run)
    path = run / f"{table}.csv"
    line = 2 if table == "people" else 1
    first_doc = path.read_text(encoding="utf-8").split("\n")[line].split(",")[0]
    old, new = corrupt(first_doc)
    _replace_line(path, line, old, new)
    errors = _errors(run / "datapackage.json")
    assert [(t, e) for t, e, _ in errors] == [(table, error)]
