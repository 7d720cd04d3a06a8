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

Derived objects, for people who browse the store (``thidua browse``, the ``sqlite3``
shell) and never read by the pipeline: the SQL views of :data:`VIEWS`, (re)created by
every writable open when their definitions changed, and the full-text index
``docs_fts`` (:data:`SEARCH_TABLE`), rebuilt by :meth:`Store.refresh_search` when the
store changed since it was built. Neither changes a stored row or the schema version,
so a store keeps working with every thidua that writes schema :data:`SCHEMA_VERSION`
and ``thidua run`` resumes as before; an index older than the store misses the newest
documents, never points at a wrong one (it is joined by ``doc_id``).
"""

from __future__ import annotations

import errno
import hashlib
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

__all__ = ["DiskFull", "QUERIES", "SCHEMA_VERSION", "SEARCH_TABLE", "STORE_DESCRIPTIONS", "STORE_NAME", "STORE_TABLES",
           "Store", "StoreError", "VIEWS", "VIEW_SOURCES", "rekeyed"]

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


_DOC_DATE = "coalesce(d.event_date, d.published_date)"
VIEWS: dict[str, str] = {
    "people_positions": f"""SELECT p.doc_id, p.person_id, p.name, p.honorific, p.rank, p.mentions,
       o.title, o.role, o.unit, o."start", o."end", {_DOC_DATE} AS doc_date, d.title AS doc_title
  FROM people AS p
  LEFT JOIN positions AS o ON o.doc_id = p.doc_id AND o.person_id = p.person_id
  LEFT JOIN documents AS d ON d.doc_id = p.doc_id""",
    "awards_dated": f"""SELECT a.doc_id, {_DOC_DATE} AS doc_date, substr({_DOC_DATE}, 1, 4) AS doc_year,
       d.published_date, d.event_date, a.award, a.issuer, a.grade, a.count, a.recipient, a.recipient_kind,
       a.year, a.status, a.share, a.text, a."start", a."end", a.rule, d.title AS doc_title
  FROM awards AS a
  LEFT JOIN documents AS d ON d.doc_id = a.doc_id""",
}
"""SQL views over the tables as the CSVs show them: each person with each office held
(``people_positions``, one row per person and office, a person without one once), each
award statement with its document's dates (``awards_dated``)."""
VIEW_SOURCES: dict[str, tuple[str, ...]] = {"people_positions": ("documents", "positions", "people"),
                                            "awards_dated": ("documents", "awards")}
"""The tables each view's columns come from (later ones win where names repeat)."""

SEARCH_TABLE = "docs_fts"
_SEARCH_COLUMNS = ("doc_id", "title", "source", "names", "text")
_SEARCH_FILL = f"""INSERT INTO {SEARCH_TABLE} ({", ".join(_SEARCH_COLUMNS)})
SELECT k.doc_id, d.title, d.source,
       (SELECT group_concat(n, ' | ') FROM (SELECT name AS n FROM people WHERE doc_id = k.doc_id AND name <> ''
                                          UNION SELECT name FROM units WHERE doc_id = k.doc_id AND name <> ''
                                          UNION SELECT aliases FROM units WHERE doc_id = k.doc_id AND aliases <> '')),
       k.text
  FROM docs AS k LEFT JOIN documents AS d ON d.doc_id = k.doc_id AND d.seq = 0
 ORDER BY k.doc_id"""

QUERIES: dict[str, dict[str, str]] = {
    "awards_per_year_and_category": {
        "title": "Awards per year and category",
        "description": "Award statements, the recipients they count and the documents they come from, by the year "
                       "of the document (event date, else publication date) and award category.",
        "sql": """SELECT doc_year AS year, award, count(*) AS statements, sum(count) AS recipients,
       count(DISTINCT doc_id) AS documents
  FROM awards_dated
 GROUP BY doc_year, award
 ORDER BY doc_year, award""",
    },
    "people_by_unit": {
        "title": "People by unit",
        "description": "Who held an office in a unit whose name contains the text given (empty: every unit): "
                       "the offices as written, in how many documents, first and last document date.",
        "sql": """SELECT unit, name, group_concat(DISTINCT title) AS titles, count(DISTINCT doc_id) AS documents,
       min(doc_date) AS first_seen, max(doc_date) AS last_seen
  FROM people_positions
 WHERE unit <> '' AND unit LIKE '%' || :unit || '%'
 GROUP BY unit, name
 ORDER BY unit, name""",
    },
    "units_by_type": {
        "title": "Units by type",
        "description": "Organizational bodies by the type their name gives (Bộ, Cục, Sở, ...): distinct names, "
                       "documents naming them, mentions.",
        "sql": """SELECT unit_type, count(DISTINCT name) AS units, count(DISTINCT doc_id) AS documents,
       sum(mentions) AS mentions
  FROM units
 GROUP BY unit_type
 ORDER BY units DESC, unit_type""",
    },
    "search_documents": {
        "title": "Search documents",
        "description": "Full-text search over headline, source, people and unit names and text (diacritics and "
                       "letter case folded: hoi nghi finds Hội nghị), best match first.",
        "sql": f"""SELECT f.doc_id, d.title, {_DOC_DATE} AS date, d.event_type,
       snippet({SEARCH_TABLE}, -1, '«', '»', ' … ', 16) AS snippet
  FROM {SEARCH_TABLE} AS f
  JOIN documents AS d ON d.doc_id = f.doc_id AND d.seq = 0
 WHERE {SEARCH_TABLE} MATCH coalesce(nullif(escape_fts(:q), ''), '""')
 ORDER BY rank
 LIMIT 500""",
    },
}
"""Canned queries for Datasette (``escape_fts`` is Datasette's SQL function quoting each
word of a search)."""

_SEQ = "Position of the row among its document's rows (0, 1, ...): the order of the CSV."
_DOC_DATE_TEXT = "Date of the document: its event date, else its publication date (ISO 8601)."
_OWN_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "meta": {"": "Store bookkeeping: schema version, generation (advanced by every write), exports, search index.",
             "key": "What the value is (schema, generation, exported:<target>, search, views).",
             "value": "The value."},
    "docs": {"": "One row per stored document: its normalized text (every start/end offset refers to it), its "
                 "identity and what decides whether it is current.",
             "doc_id": "Identifier of the document (documents.doc_id).",
             "content_sha": "SHA-256 of the normalized text (hex): the document's identity.",
             "text": "The normalized text: Unicode NFC, LF line ends, spaces collapsed, lines stripped.",
             "fingerprint": "The extraction settings the rows were made with (thidua version, NER, lexicon).",
             "processed_at": "When the document was extracted (UTC, ISO 8601).",
             "duplicate_of": "The kept document this one is a near-duplicate of (its records are left out).",
             "signature": "MinHash of the body's word 5-shingles (datasketch's LeanMinHash bytes)."},
    "sources": {"": "One row per input location that gave a document (files by canonical path, records by URL "
                    "and record id).",
                "first_run": "The run that first read the input (runs.run_id).",
                "last_run": "The last run that read the input (runs.run_id)."},
    "runs": {"": "One row per `thidua run` on this store.",
             "run_id": "The run's number.", "started_at": "When it started (UTC, ISO 8601).",
             "finished_at": "When it ended (UTC, ISO 8601); empty while running or after a kill.",
             "status": "running, done or interrupted.", "stored": "Documents it extracted and stored.",
             "failed": "Inputs it could not process."},
    "spans": {"": "One row per extracted span (spans.jsonl): the evidence of every record.",
              "doc_id": "The document (documents.doc_id).",
              "field": "What the span is: person, title, unit, date, award, slogan, author, event.",
              "start": "Character offset where the span starts in the normalized text (docs.text).",
              "end": "Character offset where the span ends (exclusive).",
              "text": "The span as written: docs.text[start:end].",
              "normalized": "Its normalized value (a name's fullest form, an ISO date, ...).",
              "confidence": "How sure the rule is, 0 to 1 (the review site flags below 0.8).",
              "rule": "Name of the heuristic that found the span."},
    "errors": {"": "Every run's errors (errors.csv shows the inputs that fail now).",
               "run_id": "The run that met the error (runs.run_id).",
               "file": "The canonical path of the input file (the archive, for a record).",
               "at": "When the input failed (UTC, ISO 8601)."},
    SEARCH_TABLE: {"": "Full-text index (SQLite FTS5, diacritics and case folded), one row per document; "
                       "rebuilt by `thidua browse` when the store changed.",
                   "doc_id": "The document (documents.doc_id); not searched.",
                   "title": "Headline of the article.",
                   "source": "Path or URL of the input.",
                   "names": "Every person's name and every unit's name and surface forms in the document.",
                   "text": "The normalized text."},
    "people_positions": {"": "Each person of a document with each office the document gives them (a person "
                             "without an office once, with empty office columns).",
                         "doc_date": _DOC_DATE_TEXT, "doc_title": "Headline of the document."},
    "awards_dated": {"": "Each award statement with the dates of its document.",
                     "doc_date": _DOC_DATE_TEXT, "doc_year": "Year of doc_date.",
                     "doc_title": "Headline of the document."},
}
STORE_DESCRIPTIONS: dict[str, dict[str, str]] = {
    name: {**_OWN_DESCRIPTIONS.get(name, {}), **({"seq": _SEQ} if name in STORE_TABLES else {})}
    for name in dict.fromkeys([*_OWN_DESCRIPTIONS, *STORE_TABLES])}
"""Descriptions of what the store adds to :data:`pipeline.schema.DESCRIPTIONS`: its own
tables and columns, the views' new columns; ``""`` describes the table itself."""
_VIEWS_DIGEST = hashlib.sha256(repr(sorted(VIEWS.items())).encode("utf-8")).hexdigest()[:16]


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
            self._ensure_views()
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
        db.execute("CREATE TABLE IF NOT EXISTS runs (run_id INTEGER PRIMARY KEY, started_at TEXT, "
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
        self._ensure_views()

    def _ensure_views(self) -> None:
        """(Re)create the views of :data:`VIEWS` when their definitions changed (derived:
        no stored row changes)."""
        if self._meta("views") == _VIEWS_DIGEST:
            return
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        for name, sql in VIEWS.items():
            db.execute(f"DROP VIEW IF EXISTS {_q(name)}")
            db.execute(f"CREATE VIEW {_q(name)} AS {sql}")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('views', ?)", (_VIEWS_DIGEST,))
        db.execute("COMMIT")

    def _meta(self, key: str) -> str | None:
        found = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if found is None else str(found[0])

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
        columns = self.table_columns(table)
        for values in self.values(table):
            yield dict(zip(columns, values, strict=True))

    @staticmethod
    def table_columns(table: str) -> tuple[str, ...]:
        """The columns :meth:`rows` and :meth:`values` give for an output table."""
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

    def objects(self) -> dict[str, str]:
        """Every table and view of the store by name, with its kind (``table``/``view``),
        FTS5 shadow tables left out.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d, Store(Path(d) / "t.sqlite") as s:
        ...     kinds = s.objects()
        >>> kinds["docs"], kinds["people_positions"]
        ('table', 'view')
        """
        found = dict(self._db.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"))
        shadow = {f"{name}_{part}" for name, kind in found.items() if name == SEARCH_TABLE
                  for part in ("data", "idx", "content", "docsize", "config")}
        return {name: kind for name, kind in sorted(found.items()) if name not in shadow}

    def columns(self, name: str) -> tuple[str, ...]:
        """The columns of a table or view of the store, in order (empty when there is none)."""
        return tuple(row[1] for row in self._db.execute("SELECT * FROM pragma_table_info(?)", (name,)))

    def search_generation(self) -> int | None:
        """The generation the full-text index was built from (None: never built)."""
        found = self._meta("search")
        return None if found is None or SEARCH_TABLE not in self.objects() else int(found)

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
        """Store one document from one input location (``ref``, default ``result.ref``),
        in one transaction; returns the doc_id it is stored under.

        The same content already stored (with this extraction) only gains the source; a
        location that gave other content before now points here, and the document it
        left is removed when no other source holds it. ``force`` re-extracts: the rows
        of stored content are replaced by ``result``'s.
        """
        with self._transaction():
            target = self._put_one(result, fingerprint, ref or result.ref, run_id, force)
            self._advance()
        return target

    def put_many(self, results: list[DocumentResult], *, fingerprint: str = "", run_id: int | None = None,
                 force: bool = False) -> list[str]:
        """Store a batch of documents (each from its ``ref``) in one transaction, as
        :meth:`put` does each: a crash leaves every document of the batch stored or none
        of them, never part of one. Returns their doc_ids."""
        if not results:
            return []
        with self._transaction():
            targets = [self._put_one(r, fingerprint, r.ref, run_id, force) for r in results]
            self._advance()
        return targets

    def _put_one(self, result: DocumentResult, fingerprint: str, ref: SourceRef | None, run_id: int | None,
                 force: bool) -> str:
        doc_row = result.tables["documents"][0]
        ref = ref or SourceRef(doc_row.get("source") or result.doc_id, doc_row.get("source") or "",
                               sha256=doc_row.get("sha256") or "", crawl_date=doc_row.get("crawl_date") or "")
        content = content_sha(result.text)
        previous = self._db.execute("SELECT doc_id FROM sources WHERE location=?", (ref.location,)).fetchone()
        target = self._place(result, content, fingerprint, ref, force)
        self._write("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (location) DO UPDATE SET "
                    "doc_id=excluded.doc_id, source=excluded.source, file=excluded.file, sha256=excluded.sha256, "
                    "record_id=excluded.record_id, crawl_date=excluded.crawl_date, last_run=excluded.last_run",
                    (ref.location, target, ref.source, ref.file, ref.sha256, ref.record_id, ref.crawl_date,
                     run_id, run_id))
        if previous and previous[0] != target:
            self._drop_if_orphan(previous[0])
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

    def refresh_search(self) -> bool:
        """(Re)build the full-text index :data:`SEARCH_TABLE` when the store changed since it
        was built; True when it was rebuilt. One transaction: readers see the old index or
        the new one. The pipeline never reads it, so it may lag behind a running
        ``thidua run``; it is joined to the tables by ``doc_id``, never by row number.
        """
        if self.readonly:
            raise ValueError(f"{self.path}: opened read-only, cannot build the search index")
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            generation = self.generation()
            if self.search_generation() == generation:
                db.execute("ROLLBACK")
                return False
            db.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
            columns = ", ".join(f"{c} UNINDEXED" if c == "doc_id" else c for c in _SEARCH_COLUMNS)
            db.execute(f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5({columns}, "
                       "tokenize = 'unicode61 remove_diacritics 2')")
            db.execute(_SEARCH_FILL)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('search', ?)", (str(generation),))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return True

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
        marked = near_duplicates(((doc_id, blob or b"") for doc_id, blob in
                                  self._db.execute("SELECT doc_id, signature FROM docs ORDER BY doc_id")), ordered=True)
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
