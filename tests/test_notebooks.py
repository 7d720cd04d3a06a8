"""The analysis notebooks run top to bottom and their paired .py files are in sync."""

from __future__ import annotations

import time

import pytest

nbformat = pytest.importorskip("nbformat")
jupytext = pytest.importorskip("jupytext")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

from tests.conftest import ROOT  # noqa: E402

pytestmark = pytest.mark.slow

NOTEBOOKS = ROOT / "notebooks"
NAMES = ("analyst_tour", "accuracy")
TIMEOUT = 180  # seconds per cell; each notebook takes well under a minute


def _cells(notebook) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source.strip()) for cell in notebook.cells]


@pytest.mark.parametrize("name", NAMES)
def test_paired_files_are_in_sync_and_stored_without_outputs(name):
    ipynb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    script = jupytext.read(NOTEBOOKS / f"{name}.py")
    assert _cells(ipynb) == _cells(script), f"run `jupytext --sync notebooks/{name}.py`"
    assert ipynb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    code = [c for c in ipynb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code), \
        f"clear the outputs: `jupyter nbconvert --clear-output --inplace notebooks/{name}.ipynb`"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_executes(name):
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    started = time.perf_counter()
    client.execute()  # raises CellExecutionError, with the cell and its traceback, when a cell fails
    elapsed = time.perf_counter() - started
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    images = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert len(images) >= 2, "each notebook draws at least two charts"
    assert elapsed < 120, f"{name} took {elapsed:.0f}s"
