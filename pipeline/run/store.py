"""The embedded store: one SQLite database holding every document, its text and its rows.

It lives in the output directory (``DIR/thidua.sqlite``) unless ``--db`` names another.
Each document is written in one transaction, so a run killed at any moment leaves every
document either wholly stored or absent; the next run skips what is stored and does the
rest.

A document is its content (:func:`pipeline.run.identity.content_sha` of its normalized
text). Every input location that gave it (the canonical absolute path of a file, or a
record's URL with its WARC-Record-ID) is a row of ``sources`` pointing at it: the same
text given again, under another path spelling, from another URL or in another encoding,
adds a source, not a document, and the document keeps its ``doc_id`` (the stem or record
id of its first source). An input is current when its location is known with the same
bytes (sha256) and the document's extraction fingerprint matches; ``--force``
re-extracts anyway. An input whose bytes changed points at its new content, and a
document left with no source is removed.

Tables: ``docs`` (doc_id, content_sha, text, fingerprint, processed_at, duplicate_of,
signature), ``sources`` (location, doc_id, source, file, sha256, record_id, crawl_date,
first_run, last_run), ``runs`` (run_id, started_at, finished_at, status, stored, failed),
``errors`` (run_id, source, file, stage, reason, at: every run's errors), and one table
per output table of :data:`pipeline.schema.TABLE_COLUMNS` plus ``spans`` (each with a
``seq`` column keeping the row order of its document). Values are stored true: no CSV
formula neutralisation.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pipeline.ingest.sources import disambiguated_id
from pipeline.run.identity import content_sha, near_duplicates
from pipeline.run.results import DocumentResult, ErrorRecord, SourceRef
from pipeline.schema import SOURCE_COLUMNS, SPAN_COLUMNS, TABLE_COLUMNS, column_type

__all__ = ["DiskFull", "SCHEMA_VERSION", "STORE_NAME", "STORE_TABLES", "Store", "StoreError", "rekeyed"]

STORE_NAME = "thidua.sqlite"
SCHEMA_VERSION = "2"
STORE_TABLES: dict[str, tuple[str, ...]] = {**TABLE_COLUMNS, "spans": SPAN_COLUMNS}
_SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "string": "TEXT"}
_ID_COLUMNS = ("person_id", "unit_id")  # values "<doc_id>:Pn" / "<doc_id>:Un"
_KEPT = "doc_id NOT IN (SELECT doc_id FROM docs WHERE duplicate_of IS NOT NULL)"


class StoreError(Exception):
    """A store that cannot be used, in one line naming it and why."""


class DiskFull(StoreError):
    """The disk (or the quota) is full: nothing more can be written."""


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def is_disk_full(exc: BaseException) -> bool:
    """Is this the disk-full error of SQLite or of the file system?"""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


def _problem(path: Path, exc: sqlite3.Error) -> StoreError:
    """The one-line message for a store SQLite refuses."""
    text = str(exc).lower()
    if is_disk_full(exc):
        return DiskFull(f"disk full writing {path}")
    if "not a database" in text:
        return StoreError(f"{path}: not a thidua store (not an SQLite database); give another --db or --out")
    if "malformed" in text or "corrupt" in text:
        return StoreError(f"{path}: the store is damaged ({exc}); move it away and run again to rebuild it")
    if "readonly" in text or "read-only" in text or "unable to open" in text or "permission" in text:
        return StoreError(f"{path}: cannot write the store ({exc}); check the permissions or give another --db")
    if "locked" in text or "busy" in text:
        return StoreError(f"{path}: the store is locked by another process ({exc})")
    return StoreError(f"{path}: cannot use the store ({type(exc).__name__}: {exc})")


def rekeyed(result: DocumentResult, doc_id: str) -> DocumentResult:
    """``result`` under another doc_id: every row's ``doc_id`` and the ``<doc_id>:`` prefix
    of its person and unit ids follow."""
    if doc_id == result.doc_id:
        return result
    old = result.doc_id + ":"

    def row(r: dict[str, Any]) -> dict[str, Any]:
        out = {**r, "doc_id": doc_id}
        for column in _ID_COLUMNS:
            value = out.get(column)
            if isinstance(value, str) and value.startswith(old):
                out[column] = doc_id + ":" + value[len(old):]
        return out

    tables = {name: [row(r) for r in rows] for name, rows in result.tables.items()}
    return replace(result, doc_id=doc_id, tables=tables, spans=[row(s) for s in result.spans])


class Store:
    """A thidua SQLite store. Use as a context manager or call :meth:`close`.

    Raises:
        StoreError: the path is not a store of this schema, is damaged, or cannot be
            written (one line: the path and the reason).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d, Store(Path(d) / "t.sqlite") as s:
    ...     s.count()
    0
    """

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        if self.path.exists() and not self.path.is_file():
            raise StoreError(f"{self.path}: not a thidua store (a directory, not a file)")
        try:
            if readonly:  # a reader (the review site): never creates or changes the file
                if not self.path.is_file():
                    raise StoreError(f"{self.path}: no store here")
                self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                           isolation_level=None, timeout=120)
                self._check_schema()
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # several processes write (one transaction each, serialised by SQLite): wait for the lock
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=120)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=OFF")
            self._create()
        except sqlite3.Error as exc:
            self.close()
            raise _problem(self.path, exc) from None
        except StoreError:
            self.close()
            raise
        except OSError as exc:
            if is_disk_full(exc):
                raise DiskFull(f"disk full writing {self.path}") from None
            raise StoreError(f"{self.path}: cannot create the store ({exc.strerror or exc})") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (its WAL is checkpointed)."""
        if hasattr(self, "_db"):
            try:
                self._db.close()
            except sqlite3.Error:
                pass

    def _create(self) -> None:
        db = self._db
        if self._check_schema(allow_empty=True):
            return
        db.execute("BEGIN IMMEDIATE")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY, content_sha TEXT NOT NULL, "
                   "text TEXT NOT NULL, fingerprint TEXT, processed_at TEXT NOT NULL, duplicate_of TEXT, "
                   "signature BLOB)")
        db.execute("CREATE UNIQUE INDEX IF NOT EXISTS docs_content ON docs (content_sha)")
        db.execute("CREATE TABLE IF NOT EXISTS sources (location TEXT PRIMARY KEY, doc_id TEXT NOT NULL, "
                   "source TEXT NOT NULL, file TEXT, sha256 TEXT, record_id TEXT, crawl_date TEXT, "
                   "first_run INTEGER, last_run INTEGER)")
        db.execute("CREATE INDEX IF NOT EXISTS sources_doc ON sources (doc_id)")
        db.execute("CREATE INDEX IF NOT EXISTS sources_sha ON sources (sha256)")
        db.execute("CREATE INDEX IF NOT EXISTS sources_file ON sources (file, last_run)")
        db.execute("CREATE TABLE IF NOT EXISTS runs (run_id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT, "
                   "finished_at TEXT, status TEXT, stored INTEGER, failed INTEGER)")
        db.execute("CREATE TABLE IF NOT EXISTS errors (run_id INTEGER NOT NULL, source TEXT NOT NULL, file TEXT, "
                   "stage TEXT, reason TEXT, at TEXT, PRIMARY KEY (run_id, source))")
        db.execute("CREATE INDEX IF NOT EXISTS errors_file ON errors (file, run_id)")
        for table, columns in STORE_TABLES.items():
            cols = ", ".join(f"{_q(c)} {_SQL_TYPES[column_type(c)]}" for c in columns if c != "doc_id")
            db.execute(f"CREATE TABLE IF NOT EXISTS {_q(table)} (doc_id TEXT NOT NULL, seq INTEGER NOT NULL, "
                       f"{cols}, PRIMARY KEY (doc_id, seq)) WITHOUT ROWID")
        db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        db.execute("INSERT OR IGNORE INTO meta VALUES ('generation', '0')")
        db.execute("COMMIT")

    def _check_schema(self, *, allow_empty: bool = False) -> bool:
        """Is this a store of this schema (True), an empty database to create one in
        (False, with ``allow_empty``)? Anything else is a :class:`StoreError`."""
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables and allow_empty:
            return False
        if "meta" not in tables:
            raise StoreError(f"{self.path}: not a thidua store (an SQLite database of something else); "
                             "give another --db or --out")
        found = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if found is None:
            raise StoreError(f"{self.path}: not a thidua store (no schema version); give another --db or --out")
        if found[0] != SCHEMA_VERSION:
            raise StoreError(f"{self.path}: a store of schema {found[0]}, written by an older thidua; this thidua "
                             f"needs schema {SCHEMA_VERSION} (documents identified by content). Give a new --out or "
                             "--db (or move the old store away) and run again: the inputs are extracted anew")
        return True

    def _write(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self._db.execute(sql, tuple(params))

    # -- reading -------------------------------------------------------------------

    def count(self) -> int:
        """Number of stored documents."""
        return self._db.execute("SELECT count(*) FROM docs").fetchone()[0]

    def source_state(self, location: str) -> tuple[str, str, str | None] | None:
        """(doc_id, sha256 of the bytes, the document's fingerprint) of a known input location, or None."""
        return self._db.execute("SELECT s.doc_id, s.sha256, d.fingerprint FROM sources s JOIN docs d USING (doc_id) "
                                "WHERE s.location=?", (location,)).fetchone()

    def state(self, doc_id: str) -> tuple[str, str, str | None] | None:
        """(source, sha256, fingerprint) of a stored document (its first source), or None."""
        return self._db.execute("SELECT m.source, m.sha256, d.fingerprint FROM docs d JOIN documents m USING (doc_id) "
                                "WHERE d.doc_id=?", (doc_id,)).fetchone()

    def has_doc(self, doc_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM docs WHERE doc_id=?", (doc_id,)).fetchone() is not None

    def doc_of_bytes(self, sha256: str, fingerprint: str) -> str | None:
        """A current document that inputs with these very bytes already gave, or None."""
        found = self._db.execute("SELECT s.doc_id FROM sources s JOIN docs d USING (doc_id) WHERE s.sha256=? "
                                 "AND d.fingerprint=? LIMIT 1", (sha256, fingerprint)).fetchone()
        return found[0] if found else None

    def is_current(self, location: str, sha256: str, fingerprint: str) -> bool:
        """Is this input location stored from the same bytes with the same extraction?"""
        found = self.source_state(location)
        return found is not None and found[1] == sha256 and found[2] == fingerprint

    def text(self, doc_id: str) -> str | None:
        """The normalized text of a stored document (the offsets refer to it)."""
        found = self._db.execute("SELECT text FROM docs WHERE doc_id=?", (doc_id,)).fetchone()
        return found[0] if found else None

    def texts(self) -> Iterator[tuple[str, str]]:
        """(doc_id, normalized text) of every stored document, by doc_id."""
        yield from self._db.execute("SELECT doc_id, text FROM docs ORDER BY doc_id")

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of a table, by document then in the document's order, streamed
        (the records of near-duplicates left out: they are their kept document's)."""
        columns = self.columns(table)
        for values in self.values(table):
            yield dict(zip(columns, values, strict=True))

    @staticmethod
    def columns(table: str) -> tuple[str, ...]:
        return SOURCE_COLUMNS if table == "sources" else STORE_TABLES[table]

    def values(self, table: str) -> Iterator[tuple[Any, ...]]:
        """Every row of a table as a tuple in column order, streamed; ``documents`` holds
        every document (near-duplicates marked), the other tables the kept ones' records."""
        if table == "sources":
            yield from self._db.execute(f"SELECT {', '.join(SOURCE_COLUMNS)} FROM sources ORDER BY doc_id, location")
            return
        columns = STORE_TABLES[table]
        where = "" if table == "documents" else f" WHERE {_KEPT}"
        sql = f"SELECT {', '.join(_q(c) for c in columns)} FROM {_q(table)}{where} ORDER BY doc_id, seq"
        yield from self._db.execute(sql)

    def locations(self) -> Iterator[tuple[str, str, str]]:
        """(location, file, doc_id) of every known input."""
        yield from self._db.execute("SELECT location, file, doc_id FROM sources ORDER BY location")

    def errors(self) -> Iterator[ErrorRecord]:
        """The inputs that fail now, by source: for each input file, the errors of the
        last run that read it, unless that run is older than the last run and the file
        is gone (fixed by removing it)."""
        last = self._db.execute("SELECT max(run_id) FROM errors").fetchone()[0]
        latest = self.last_run()
        sql = """
            WITH examined AS (
                SELECT file, max(run) AS run FROM (
                    SELECT file, run_id AS run FROM errors
                    UNION ALL SELECT file, last_run AS run FROM sources WHERE file IS NOT NULL AND file <> '')
                GROUP BY file)
            SELECT e.source, e.stage, e.reason, e.file, e.run_id FROM errors e
            JOIN examined x ON x.file IS e.file AND x.run = e.run_id
            ORDER BY e.source"""
        if last is None:
            return
        for source, stage, reason, file, run_id in self._db.execute(sql):
            if run_id == latest or (file and os.path.lexists(file)):
                yield ErrorRecord(source, stage, reason, file or "")

    def all_errors(self) -> Iterator[tuple[int, ErrorRecord]]:
        """Every error of every run, with its run id, in run order."""
        for run_id, source, stage, reason, file in self._db.execute(
                "SELECT run_id, source, stage, reason, file FROM errors ORDER BY run_id, source"):
            yield run_id, ErrorRecord(source, stage, reason, file or "")

    def last_run(self) -> int | None:
        return self._db.execute("SELECT max(run_id) FROM runs").fetchone()[0]

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

    # -- runs ----------------------------------------------------------------------

    def begin_run(self) -> int:
        """Record the start of a run; its id."""
        with self._transaction():
            cur = self._write("INSERT INTO runs (started_at, status) VALUES (?, 'running')", (_now(),))
        return int(cur.lastrowid or 0)

    def end_run(self, run_id: int, status: str, *, stored: int, failed: int) -> None:
        """Record how a run ended: ``done`` or ``interrupted``."""
        with self._transaction():
            self._write("UPDATE runs SET finished_at=?, status=?, stored=?, failed=? WHERE run_id=?",
                        (_now(), status, stored, failed, run_id))

    # -- writing -------------------------------------------------------------------

    def _transaction(self) -> _Transaction:
        return _Transaction(self)

    def _advance(self) -> None:
        self._db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='generation'")

    def put(self, result: DocumentResult, *, fingerprint: str = "", ref: SourceRef | None = None,
            run_id: int | None = None, force: bool = False) -> str:
        """Store one document from one input location, in one transaction; returns the
        doc_id it is stored under.

        The same content already stored (with this extraction) only gains the source; a
        location that gave other content before now points here, and the document it
        left is removed when no other source holds it. ``force`` re-extracts: the rows
        of stored content are replaced by ``result``'s.
        """
        doc_row = result.tables["documents"][0]
        ref = ref or SourceRef(doc_row.get("source") or result.doc_id, doc_row.get("source") or "",
                               sha256=doc_row.get("sha256") or "", crawl_date=doc_row.get("crawl_date") or "")
        content = content_sha(result.text)
        with self._transaction():
            previous = self._db.execute("SELECT doc_id FROM sources WHERE location=?", (ref.location,)).fetchone()
            target = self._place(result, content, fingerprint, ref, force)
            self._write("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (location) DO UPDATE SET "
                        "doc_id=excluded.doc_id, source=excluded.source, file=excluded.file, sha256=excluded.sha256, "
                        "record_id=excluded.record_id, crawl_date=excluded.crawl_date, last_run=excluded.last_run",
                        (ref.location, target, ref.source, ref.file, ref.sha256, ref.record_id, ref.crawl_date,
                         run_id, run_id))
            if previous and previous[0] != target:
                self._drop_if_orphan(previous[0])
            self._advance()
        return target

    def _place(self, result: DocumentResult, content: str, fingerprint: str, ref: SourceRef, force: bool) -> str:
        """Where ``result`` goes: an existing document of the same content, its own doc_id,
        or (when that name is another document's) a disambiguated one."""
        same = self._db.execute("SELECT doc_id, fingerprint FROM docs WHERE content_sha=?", (content,)).fetchone()
        if same is not None:
            if same[1] == fingerprint and not force:
                return same[0]
            self._delete(same[0])  # re-extracted: new rows, the document's doc_id
            self._insert(rekeyed(result, same[0]), content, fingerprint)
            return same[0]
        doc_id = result.doc_id
        if self.has_doc(doc_id):
            others = self._db.execute("SELECT 1 FROM sources WHERE doc_id=? AND location<>? LIMIT 1",
                                      (doc_id, ref.location)).fetchone()
            if others is None:
                self._delete(doc_id)  # this input's former content: replaced
            else:
                doc_id = self._free_id(doc_id, ref.location)
        self._insert(rekeyed(result, doc_id), content, fingerprint)
        return doc_id

    def _free_id(self, doc_id: str, location: str) -> str:
        candidate, n = disambiguated_id(doc_id, location), 1
        while self.has_doc(candidate):
            n += 1
            candidate = disambiguated_id(doc_id, f"{location}#{n}")
        return candidate

    def _insert(self, result: DocumentResult, content: str, fingerprint: str) -> None:
        db = self._db
        for table, (sql, columns) in _INSERTS.items():
            rows = result.spans if table == "spans" else result.tables.get(table, [])
            if rows:
                db.executemany(sql, [(result.doc_id, seq, *[_cell(row.get(c)) for c in columns])
                                     for seq, row in enumerate(rows)])
        db.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?, NULL, ?)",
                   (result.doc_id, content, result.text, fingerprint, _now(), result.signature or None))
        self._write("INSERT OR IGNORE INTO meta VALUES ('dedup', 'stale')")
        self._write("UPDATE meta SET value='stale' WHERE key='dedup'")

    def add_source(self, ref: SourceRef, doc_id: str, run_id: int | None) -> None:
        """Record that ``ref`` gave the stored document ``doc_id`` (the same bytes as one of
        its sources: nothing to extract)."""
        with self._transaction():
            previous = self._db.execute("SELECT doc_id FROM sources WHERE location=?", (ref.location,)).fetchone()
            self._write("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, "
                        "coalesce((SELECT first_run FROM sources WHERE location=?), ?), ?)",
                        (ref.location, doc_id, ref.source, ref.file, ref.sha256, ref.record_id, ref.crawl_date,
                         ref.location, run_id, run_id))
            if previous and previous[0] != doc_id:
                self._drop_if_orphan(previous[0])
            self._advance()

    def touch(self, locations: Iterable[str], run_id: int) -> None:
        """Record that a run read these inputs and found them current."""
        batch = [(run_id, location) for location in locations]
        if batch:
            with self._transaction():
                self._db.executemany("UPDATE sources SET last_run=? WHERE location=?", batch)

    def put_error(self, error: ErrorRecord, run_id: int | None = None) -> None:
        """Record the failure of one input in a run."""
        with self._transaction():
            self._write("INSERT OR REPLACE INTO errors VALUES (?, ?, ?, ?, ?, ?)",
                        (run_id or 0, error.source, error.file, error.stage, error.reason, _now()))
            self._advance()

    def prune(self) -> int:
        """Remove the sources whose input is gone (the file, or the archive of a record)
        and the documents left with no source; how many documents went."""
        gone = [(location, doc_id) for location, file, doc_id in self.locations()
                if file and not os.path.lexists(file)]
        if not gone:
            return 0
        with self._transaction():
            self._db.executemany("DELETE FROM sources WHERE location=?", [(location,) for location, _ in gone])
            removed = sum(self._drop_if_orphan(doc_id) for doc_id in sorted({doc_id for _, doc_id in gone}))
            self._advance()
        return removed

    def mark_near_duplicates(self) -> int:
        """Mark every near-duplicate document ``duplicate_of`` its kept document
        (:func:`pipeline.run.identity.near_duplicates`); how many are marked. Done only
        when documents were added or removed since the last marking."""
        state = self._db.execute("SELECT value FROM meta WHERE key='dedup'").fetchone()
        if state is not None and state[0] == "done":
            return self._db.execute("SELECT count(*) FROM docs WHERE duplicate_of IS NOT NULL").fetchone()[0]
        marked = near_duplicates((doc_id, blob or b"") for doc_id, blob in
                                 self._db.execute("SELECT doc_id, signature FROM docs").fetchall())
        with self._transaction():
            current = dict(self._db.execute("SELECT doc_id, duplicate_of FROM docs WHERE duplicate_of IS NOT NULL"))
            if current != dict(marked):
                self._write("UPDATE docs SET duplicate_of=NULL WHERE duplicate_of IS NOT NULL")
                self._write("UPDATE documents SET duplicate_of=NULL WHERE duplicate_of IS NOT NULL")
                self._db.executemany("UPDATE docs SET duplicate_of=? WHERE doc_id=?",
                                     [(kept, doc) for doc, kept in marked.items()])
                self._db.executemany("UPDATE documents SET duplicate_of=? WHERE doc_id=?",
                                     [(kept, doc) for doc, kept in marked.items()])
                self._advance()
            self._write("INSERT OR REPLACE INTO meta VALUES ('dedup', 'done')")
        return len(marked)

    def _drop_if_orphan(self, doc_id: str) -> bool:
        if self._db.execute("SELECT 1 FROM sources WHERE doc_id=? LIMIT 1", (doc_id,)).fetchone():
            return False
        self._delete(doc_id)
        self._write("INSERT OR REPLACE INTO meta VALUES ('dedup', 'stale')")
        return True

    def _delete(self, doc_id: str) -> None:
        for table in (*STORE_TABLES, "docs"):
            self._db.execute(f"DELETE FROM {_q(table)} WHERE doc_id=?", (doc_id,))


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception; SQLite errors
    become one-line :class:`StoreError`\\ s (:class:`DiskFull` for a full disk)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> None:
        try:
            self.store._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _problem(self.store.path, exc) from None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        db = self.store._db
        if kind is None:
            try:
                db.execute("COMMIT")
                return
            except sqlite3.Error as error:
                exc = error
        if db.in_transaction:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        if isinstance(exc, sqlite3.Error):
            raise _problem(self.store.path, exc) from None
        if exc is not None and is_disk_full(exc):
            raise DiskFull(f"disk full writing {self.store.path}") from None


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
