"""The cross-document registries as CSV: ``people_registry.csv``, ``title_history.csv``
and ``units_registry.csv``, built from the store's rows by :mod:`pipeline.resolve.registry`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractors.lexicon import Lexicon
from pipeline.export.csv_tables import Staging, write_rows
from pipeline.resolve.registry import build_registries
from pipeline.run.store import Store
from pipeline.schema import REGISTRY_COLUMNS

__all__ = ["REGISTRY_INPUTS", "registry_rows", "write_registries"]

REGISTRY_INPUTS = ("documents", "people", "positions", "units")
"""The tables the registries are built from."""


def registry_rows(store: Store, lexicon: Lexicon) -> dict[str, list[dict[str, Any]]]:
    """The rows of the three registry tables of everything in ``store``."""
    return build_registries({name: list(store.rows(name)) for name in REGISTRY_INPUTS}, lexicon)


def write_registries(store: Store, out_dir: Path, *, encoding: str = "utf-8",
                     lexicon: Lexicon | None = None, staging: Staging | None = None) -> dict[str, int]:
    """Write the registry tables of ``store`` into ``out_dir``; row counts per table.

    Args:
        store: the run's store.
        out_dir: the output directory.
        encoding: ``utf-8``, or ``utf-8-sig`` for Excel (as ``--excel``).
        lexicon: the lexicon for unit matching (default: the package's).
        staging: put the files in place with the rest of an export (default: each at once).
    """
    rows = registry_rows(store, lexicon or Lexicon.load())
    return {name: write_rows(out_dir / f"{name}.csv", REGISTRY_COLUMNS[name], rows[name], encoding, staging)
            for name in REGISTRY_COLUMNS}
