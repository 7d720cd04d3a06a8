"""The layer rule, read from the imports: every module imports only from the layers
above its own (or from its own layer), and the import graph has no cycle.

Layers, top to bottom (README, "How it works"): ``extractors`` (types, keys, lexicon,
one module per field); then the stages of ``pipeline``: its options, ``ingest``,
``normalize``, ``segment``, ``resolve``, ``schema``, ``run``, ``export``, ``review``,
``research``, and the command line. Function-local imports count like any other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

LAYERS = (
    ("extractors",),
    ("pipeline", "pipeline.options"),
    ("pipeline.ingest",),
    ("pipeline.normalize",),
    ("pipeline.segment",),
    ("pipeline.resolve",),
    ("pipeline.schema",),
    ("pipeline.run",),
    ("pipeline.export",),
    ("pipeline.review",),
    ("pipeline.research",),
    ("pipeline.cli", "pipeline.__main__"),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for package in ("extractors", "pipeline") for p in sorted((ROOT / package).rglob("*.py"))}


def layer_of(module: str) -> int:
    """The index of the layer a module belongs to (the longest matching prefix)."""
    best, index = -1, -1
    for i, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, index = len(prefix), i
    if index < 0:
        raise ValueError(f"{module}: in no layer")
    return index


def imports_of(module: str) -> set[str]:
    """The project modules a module imports (``from X import y`` counts X, and X.y when
    that is a module)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {n for n in names if n in MODULES}
    return found - {module}


GRAPH = {module: imports_of(module) for module in MODULES}


def test_every_module_is_in_a_layer():
    for module in MODULES:
        layer_of(module)


def upward(graph: dict[str, set[str]], module: str) -> list[str]:
    """The modules that ``module`` imports from a layer below its own."""
    return sorted(m for m in graph[module] if layer_of(m) > layer_of(module))


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_upward_import(module):
    assert upward(GRAPH, module) == [], f"{module} (layer {layer_of(module)}) imports from a lower layer"


def test_no_import_cycle():
    state: dict[str, int] = {}  # 1 visiting, 2 done
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for dep in sorted(GRAPH[module]):
            if dep == "pipeline" or module.startswith(dep + "."):
                continue  # a package's own __init__ (it imports none of its modules)
            if state.get(dep) == 1:
                cycle = stack[stack.index(dep):] + [dep]
                raise AssertionError(f"import cycle: {' -> '.join(cycle)}")
            if state.get(dep) is None:
                visit(dep)
        stack.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)


def test_the_checker_sees_what_it_guards():
    """Not vacuous: the graph holds the real imports, and an extractor importing the
    pipeline (as ``extractors/units.py`` once imported ``pipeline.legacy``) is caught."""
    assert "pipeline.resolve.decisions" in GRAPH["pipeline.resolve.dates"]
    assert "extractors.lexicon" in GRAPH["extractors.units"]
    bad = {**GRAPH, "extractors.units": GRAPH["extractors.units"] | {"pipeline.ingest.legacy"}}
    assert upward(bad, "extractors.units") == ["pipeline.ingest.legacy"]
