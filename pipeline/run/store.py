"""The embedded store: one SQLite database holding every document, its text and its rows.

It lives in the output directory (``DIR/thidua.sqlite``) unless ``--db`` names another.
Documents are written in batches, one transaction per batch (each document with all its
rows), so a run killed at any moment leaves every document either wholly stored or absent; the next run skips what is stored and does the
rest. A document is current when its sha256 (of the input bytes) and the extraction
fingerprint (options that change the records) match; ``--force`` re-extracts anyway.

Tables: ``docs`` (doc_id, source, sha256, text, crawl_date, fingerprint, processed_at),
one table per output table of :data:`pipeline.schema.TABLE_COLUMNS` plus ``spans``
(each with a ``seq`` column keeping the row order of its document) and ``errors``
(source, stage, reason, at). Values are stored true: no CSV formula neutralisation.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pipeline.run.results import DocumentResult, ErrorRecord
from pipeline.schema import SPAN_COLUMNS, TABLE_COLUMNS, column_type

__all__ = ["Store", "STORE_NAME", "STORE_TABLES", "SCHEMA_VERSION"]

STORE_NAME = "thidua.sqlite"
SCHEMA_VERSION = "1"
STORE_TABLES: dict[str, tuple[str, ...]] = {**TABLE_COLUMNS, "spans": SPAN_COLUMNS}
_SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "string": "TEXT"}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A thidua SQLite store. Use as a context manager or call :meth:`close`.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d, Store(Path(d) / "t.sqlite") as s:
    ...     s.count()
    0
    """

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        if readonly:  # a reader (the review site): never creates or changes the file
            self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                       timeout=120)
            self._check_schema()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # several processes write (one transaction each, serialised by SQLite): wait for the lock
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=120)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=OFF")
        self._create()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (its WAL is checkpointed)."""
        self._db.close()

    def _create(self) -> None:
        db = self._db
        db.execute("BEGIN")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY, source TEXT NOT NULL, "
                   "sha256 TEXT NOT NULL, text TEXT NOT NULL, crawl_date TEXT, fingerprint TEXT, "
                   "processed_at TEXT NOT NULL)")
        db.execute("CREATE INDEX IF NOT EXISTS docs_source ON docs (source)")
        db.execute("CREATE TABLE IF NOT EXISTS errors (source TEXT PRIMARY KEY, stage TEXT, reason TEXT, at TEXT)")
        for table, columns in STORE_TABLES.items():
            cols = ", ".join(f"{_q(c)} {_SQL_TYPES[column_type(c)]}" for c in columns if c != "doc_id")
            db.execute(f"CREATE TABLE IF NOT EXISTS {_q(table)} (doc_id TEXT NOT NULL, seq INTEGER NOT NULL, "
                       f"{cols}, PRIMARY KEY (doc_id, seq)) WITHOUT ROWID")
        found = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if found is None:
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            db.execute("INSERT INTO meta VALUES ('generation', '0')")
        db.execute("COMMIT")
        self._check_schema()

    def _check_schema(self) -> None:
        found = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if found is None or found[0] != SCHEMA_VERSION:
            raise ValueError(f"{self.path}: store schema {found[0] if found else 'unknown'}, this thidua writes "
                             f"{SCHEMA_VERSION}; use a new --db or --out")

    # -- reading -------------------------------------------------------------------

    def count(self) -> int:
        """Number of stored documents."""
        return self._db.execute("SELECT count(*) FROM docs").fetchone()[0]

    def state(self, doc_id: str) -> tuple[str, str, str | None] | None:
        """(source, sha256, fingerprint) of a stored document, or None."""
        return self._db.execute("SELECT source, sha256, fingerprint FROM docs WHERE doc_id=?", (doc_id,)).fetchone()

    def is_current(self, doc_id: str, sha256: str, fingerprint: str) -> bool:
        """Is this document stored from the same bytes with the same extraction?"""
        found = self.state(doc_id)
        return found is not None and found[1] == sha256 and found[2] == fingerprint

    def text(self, doc_id: str) -> str | None:
        """The normalized text of a stored document (the offsets refer to it)."""
        found = self._db.execute("SELECT text FROM docs WHERE doc_id=?", (doc_id,)).fetchone()
        return found[0] if found else None

    def texts(self) -> Iterator[tuple[str, str]]:
        """(doc_id, normalized text) of every stored document, by doc_id."""
        yield from self._db.execute("SELECT doc_id, text FROM docs ORDER BY doc_id")

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of a table, by document then in the document's order, streamed."""
        columns = STORE_TABLES[table]
        for values in self.values(table):
            yield dict(zip(columns, values, strict=True))

    def values(self, table: str) -> Iterator[tuple[Any, ...]]:
        """Every row of a table as a tuple in :data:`STORE_TABLES` column order, streamed."""
        columns = STORE_TABLES[table]
        sql = f"SELECT {', '.join(_q(c) for c in columns)} FROM {_q(table)} ORDER BY doc_id, seq"
        yield from self._db.execute(sql)

    def errors(self) -> Iterator[ErrorRecord]:
        """Every input that failed and has not succeeded since, by source."""
        for source, stage, reason in self._db.execute("SELECT source, stage, reason FROM errors ORDER BY source"):
            yield ErrorRecord(source, stage, reason)

    def generation(self) -> int:
        """A counter that every write advances: equal counters, equal contents."""
        return int(self._db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0])

    def exported(self, target: str) -> int | None:
        """The generation last exported to ``target`` (see :meth:`mark_exported`)."""
        found = self._db.execute("SELECT value FROM meta WHERE key=?", ("exported:" + target,)).fetchone()
        return int(found[0]) if found else None

    def mark_exported(self, target: str, generation: int) -> None:
        """Remember that ``target`` holds the tables of ``generation``."""
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", ("exported:" + target, str(generation)))

    # -- writing -------------------------------------------------------------------

    def _advance(self) -> None:
        self._db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='generation'")

    def put(self, result: DocumentResult, *, fingerprint: str = "") -> None:
        """Store one document and all its rows in one transaction, replacing older rows."""
        self.put_many([result], fingerprint=fingerprint)

    def put_many(self, results: list[DocumentResult], *, fingerprint: str = "") -> None:
        """Store a batch of documents, each with all its rows, in one transaction: a crash
        leaves every document of the batch stored or none of them, never part of one."""
        if not results:
            return
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            for result in results:
                self._put_rows(result, fingerprint)
            self._advance()
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _put_rows(self, result: DocumentResult, fingerprint: str) -> None:
        doc_row = result.tables["documents"][0]
        db = self._db
        if db.execute("SELECT 1 FROM docs WHERE doc_id=?", (result.doc_id,)).fetchone():
            self._delete(result.doc_id)
        for table, (sql, columns) in _INSERTS.items():
            rows = result.spans if table == "spans" else result.tables.get(table, [])
            if rows:
                db.executemany(sql, [(result.doc_id, seq, *[_cell(row.get(c)) for c in columns])
                                     for seq, row in enumerate(rows)])
        db.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (result.doc_id, doc_row.get("source") or "", doc_row.get("sha256") or "", result.text,
                    doc_row.get("crawl_date"), fingerprint, _now()))
        db.execute("DELETE FROM errors WHERE source=?", (doc_row.get("source") or "",))

    def put_error(self, error: ErrorRecord) -> None:
        """Record (or replace) the failure of one input."""
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT OR REPLACE INTO errors VALUES (?, ?, ?, ?)",
                             (error.source, error.stage, error.reason, _now()))
            self._advance()

    def _delete(self, doc_id: str) -> None:
        for table in (*STORE_TABLES, "docs"):
            self._db.execute(f"DELETE FROM {_q(table)} WHERE doc_id=?", (doc_id,))


def _cell(value: Any) -> Any:
    """A value as SQLite stores it: lists joined with ``|`` like every other output."""
    if value is None or type(value) in (str, int, float):
        return value
    if isinstance(value, (list, tuple)):
        return "|".join(str(v) for v in value)
    return value if isinstance(value, (int, float, str)) else str(value)


def _insert(table: str, columns: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    rest = tuple(c for c in columns if c != "doc_id")
    marks = ", ".join("?" for _ in range(len(rest) + 2))
    return f"INSERT INTO {_q(table)} (doc_id, seq, {', '.join(_q(c) for c in rest)}) VALUES ({marks})", rest


_INSERTS = {table: _insert(table, columns) for table, columns in STORE_TABLES.items()}
