"""The cross-document registries as CSV: ``people_registry.csv``, ``title_history.csv``
and ``units_registry.csv``, built from the store in bounded memory.

The decisions are :mod:`pipeline.resolve.registry`'s; this module feeds them from the store
without ever holding the corpus. One pass streams the store document by document (its
order, by ``doc_id``): each unit record goes to a :class:`~pipeline.resolve.registry.UnitRegistrar`
(which keeps only the distinct bodies' forms), each office is resolved to its document's
unit and each person gets the evidence of its offices; what that pass learns is written to
a scratch SQLite database beside nothing else (a temporary file). SQL over the scratch
tables then hands the rule one group at a time: the records of one unit entry, the
mentions of one name (ordered by the name's first appearance), and the offices joined to
their person and unit keys in ``title_history`` order. Memory is bounded by the largest
group (the documents naming the most frequent body or name) and the number of distinct
bodies and names, not by the number of documents. The rows are those of
:func:`pipeline.resolve.registry.build_registries` over the same store
(``tests/pipeline/export/test_registries.py`` checks it on a generated corpus).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path
from typing import Any

from extractors.keys import match_key
from extractors.lexicon import Lexicon
from pipeline.export.csv_tables import Staging, write_rows
from pipeline.resolve.registry import (
    PersonMention,
    UnitRecord,
    UnitRegistrar,
    document_date,
    name_entries,
    numbered,
    office_evidence,
    office_unit,
    person_row,
    unit_display_name,
    unit_entry_name,
    unit_key,
    unit_record,
    unit_row,
)
from pipeline.run.store import Store
from pipeline.schema import REGISTRY_COLUMNS

__all__ = ["REGISTRY_INPUTS", "registry_rows", "registry_tables", "store_documents", "write_registries"]

REGISTRY_INPUTS = ("documents", "people", "positions", "units")
"""The tables the registries are built from."""
_FLUSH = 5_000  # scratch rows buffered before one executemany
_SEP = "\x1f"  # joins a unit record's name and forms in the scratch table

_SCRATCH = """
CREATE TABLE unit_member (entry INTEGER, pos INTEGER, doc_id TEXT, unit_id TEXT, forms TEXT, unit_type TEXT,
                          mentions INTEGER, display TEXT, relative INTEGER);
CREATE TABLE unit_national (entry INTEGER PRIMARY KEY, national TEXT);
CREATE TABLE office (pos INTEGER PRIMARY KEY, doc_id TEXT, person_id TEXT, title TEXT, unit TEXT, start INTEGER,
                     date TEXT, entry INTEGER);
CREATE TABLE mention (pos INTEGER PRIMARY KEY, name_key TEXT, doc_id TEXT, person_id TEXT, name TEXT, date TEXT,
                      refs TEXT, titles TEXT);
CREATE TABLE unit_key (entry INTEGER PRIMARY KEY, key TEXT);
CREATE TABLE person_of (person_id TEXT, key TEXT);
CREATE TABLE out_units (entry INTEGER PRIMARY KEY, row TEXT);
CREATE TABLE out_people (first INTEGER PRIMARY KEY, row TEXT);
"""
_INDEXES = ("CREATE INDEX unit_member_entry ON unit_member (entry, pos)",
            "CREATE INDEX mention_name ON mention (name_key, pos)")
_HISTORY = """
SELECT p.key, o.date, o.title, o.unit, o.doc_id, o.person_id, u.key
FROM office o JOIN person_of p ON p.person_id = o.person_id LEFT JOIN unit_key u ON u.entry = o.entry
ORDER BY p.key, o.date IS NULL, o.date, o.doc_id, COALESCE(o.start, 0), o.pos
"""


def store_documents(store: Store, tables: tuple[str, ...] = REGISTRY_INPUTS) -> Iterator[tuple[str, dict[str, list]]]:
    """Every document of the store with its rows of ``tables``, by ``doc_id``: one document
    in memory at a time (the tables are streamed side by side, each in the store's order)."""
    streams = {name: store.rows(name) for name in tables}
    heads = {name: next(rows, None) for name, rows in streams.items()}
    while any(head is not None for head in heads.values()):
        doc_id = min(head["doc_id"] for head in heads.values() if head is not None)
        rows: dict[str, list] = {}
        for name, stream in streams.items():
            rows[name] = []
            while heads[name] is not None and heads[name]["doc_id"] == doc_id:  # type: ignore[index]
                rows[name].append(heads[name])
                heads[name] = next(stream, None)
        yield doc_id, rows


class _Scratch:
    """The scratch database: buffered inserts, one transaction for the whole fill."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;" + _SCRATCH)
        self.db.execute("BEGIN")
        self._buffers: dict[str, list[tuple[Any, ...]]] = {}

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        buffer = self._buffers.setdefault(table, [])
        buffer.append(row)
        if len(buffer) >= _FLUSH:
            self._flush(table)

    def _flush(self, table: str) -> None:
        rows = self._buffers.pop(table, [])
        if rows:
            self.db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)

    def commit(self) -> None:
        for table in list(self._buffers):
            self._flush(table)
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")


def _fill(scratch: _Scratch, store: Store, lexicon: Lexicon) -> None:
    """The streaming pass: unit entries, offices with their unit entry, mentions with their evidence."""
    registrar = UnitRegistrar(lexicon)
    unit_pos = office_pos = mention_pos = 0
    for _, rows in store_documents(store):
        date = document_date(rows["documents"][0]) if rows["documents"] else None
        records = [unit_record(u) for u in rows["units"]]
        entry_of: dict[str, tuple[int, bool]] = {}
        for r in records:
            number, relative = registrar.add(r)
            entry_of[r.unit_id] = number, relative
            scratch.add("unit_member", (number, unit_pos, r.doc_id, r.unit_id, _SEP.join((r.name, *r.forms)),
                                        r.unit_type, r.mentions, unit_display_name(r, lexicon), int(relative)))
            unit_pos += 1
        evidence: dict[str, tuple[set[str], set[str]]] = {}
        for p in rows["positions"]:
            found = office_unit(p["unit"], records, lexicon) if p.get("unit") else None
            number, relative = entry_of[found.unit_id] if found else (None, False)
            refs, titles = evidence.setdefault(p["person_id"] or "", (set(), set()))
            more_refs, more_titles = office_evidence(p, None if number is None else f"#{number}", relative, lexicon)
            refs |= more_refs
            titles |= more_titles
            scratch.add("office", (office_pos, p["doc_id"], p["person_id"], p["title"], p["unit"], p.get("start"),
                                   date, number))
            office_pos += 1
        for row in rows["people"]:
            refs, titles = evidence.get(row["person_id"] or "", (set(), set()))
            name = row["name"] or ""
            scratch.add("mention", (mention_pos, match_key(name), row["doc_id"] or "", row["person_id"] or "", name,
                                    date, json.dumps(sorted(refs)), json.dumps(sorted(titles))))
            mention_pos += 1
    for number, national in registrar.nationals().items():
        scratch.add("unit_national", (number, national))
    for statement in _INDEXES:
        scratch.db.execute(statement)
    scratch.commit()


def _units(scratch: _Scratch) -> None:
    """One unit entry at a time, in order of creation: its name, its numbered key, its row."""
    db = scratch.db
    nationals = dict(db.execute("SELECT entry, national FROM unit_national"))
    taken: Counter[str] = Counter()
    members = db.execute("SELECT entry, doc_id, unit_id, forms, unit_type, mentions, display, relative "
                         "FROM unit_member ORDER BY entry, pos")
    for entry, group in groupby(members, key=lambda m: m[0]):
        rows = list(group)
        records = [UnitRecord(doc_id, unit_id, forms.split(_SEP)[0], tuple(forms.split(_SEP)[1:]), unit_type, mentions)
                   for _, doc_id, unit_id, forms, unit_type, mentions, _, _ in rows]
        name = unit_entry_name(nationals.get(entry), [m[6] for m in rows])
        key = numbered(unit_key(name), taken)
        scratch.add("unit_key", (entry, key))
        scratch.add("out_units", (entry, json.dumps(unit_row(key, name, records, bool(rows[0][7])), ensure_ascii=False)))
    scratch.commit()


def _people(scratch: _Scratch) -> None:
    """One name at a time, names in order of first appearance: its persons, keyed and numbered."""
    taken: Counter[str] = Counter()
    mentions = scratch.db.execute(
        "SELECT m.pos, m.name_key, m.doc_id, m.person_id, m.name, m.date, m.refs, m.titles FROM mention m "
        "JOIN (SELECT name_key, MIN(pos) AS first FROM mention GROUP BY name_key) g USING (name_key) "
        "ORDER BY g.first, m.pos")
    for _, group in groupby(mentions, key=lambda m: m[1]):
        rows = list(group)
        position = {m[3]: m[0] for m in rows}
        name_mentions = [PersonMention(doc_id, person_id, name, date, frozenset(json.loads(refs)),
                                       frozenset(json.loads(titles)))
                         for _, _, doc_id, person_id, name, date, refs, titles in rows]
        for entry in name_entries(name_mentions, taken):
            for m in entry.mentions:
                scratch.add("person_of", (m.person_id, entry.key))
            first = min(position[m.person_id] for m in entry.mentions)
            scratch.add("out_people", (first, json.dumps(person_row(entry), ensure_ascii=False)))
    scratch.commit()
    scratch.db.execute("CREATE INDEX person_of_id ON person_of (person_id)")
    scratch.commit()


@contextmanager
def registry_tables(store: Store, lexicon: Lexicon) -> Iterator[dict[str, Iterator[dict[str, Any]]]]:
    """The rows of the three registry tables of everything in ``store``, each streamed in
    its order from a scratch database that lives as long as the context.

    Yields:
        ``{"people_registry": rows, "title_history": rows, "units_registry": rows}``; each
        row a dict with the columns of :data:`pipeline.schema.REGISTRY_COLUMNS`.
    """
    with tempfile.TemporaryDirectory(prefix="thidua-registry-") as tmp:
        scratch = _Scratch(Path(tmp) / "scratch.sqlite")
        try:
            _fill(scratch, store, lexicon)
            _units(scratch)
            _people(scratch)
            db = scratch.db
            history_columns = REGISTRY_COLUMNS["title_history"]
            yield {
                "people_registry": (json.loads(r) for (r,) in db.execute("SELECT row FROM out_people ORDER BY first")),
                "title_history": (dict(zip(history_columns, r, strict=True)) for r in db.execute(_HISTORY)),
                "units_registry": (json.loads(r) for (r,) in db.execute("SELECT row FROM out_units ORDER BY entry")),
            }
        finally:
            scratch.db.close()


def registry_rows(store: Store, lexicon: Lexicon) -> dict[str, list[dict[str, Any]]]:
    """The rows of the three registry tables of everything in ``store``, as lists."""
    with registry_tables(store, lexicon) as tables:
        return {name: list(rows) for name, rows in tables.items()}


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
    with registry_tables(store, lexicon or Lexicon.load()) as tables:
        return {name: write_rows(out_dir / f"{name}.csv", REGISTRY_COLUMNS[name], tables[name], encoding, staging)
                for name in REGISTRY_COLUMNS}
