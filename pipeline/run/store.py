"""The embedded store: one SQLite database holding every document, its text and its rows.

It lives in the output directory (``DIR/thidua.sqlite``) unless ``--db`` names another.
Documents are written in batches, one transaction per batch (each document with all its
rows), so a run killed at any moment leaves every document either wholly stored or
absent; the next run skips what is stored and does the rest. A document is current when its sha256 (of the input bytes) and the extraction
fingerprint (options that change the records) match; ``--force`` re-extracts anyway.

Tables: ``docs`` (doc_id, source, sha256, text, crawl_date, fingerprint, processed_at),
one table per output table of :data:`pipeline.schema.TABLE_COLUMNS` plus ``spans``
(each with a ``seq`` column keeping the row order of its document) and ``errors``
(source, stage, reason, at). Values are stored true: no CSV formula neutralisation.

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

import hashlib
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pipeline.run.results import DocumentResult, ErrorRecord
from pipeline.schema import SPAN_COLUMNS, TABLE_COLUMNS, column_type

__all__ = ["Store", "STORE_NAME", "STORE_TABLES", "SCHEMA_VERSION", "QUERIES", "SEARCH_TABLE", "STORE_DESCRIPTIONS",
           "VIEWS", "VIEW_SOURCES"]

STORE_NAME = "thidua.sqlite"
SCHEMA_VERSION = "1"
STORE_TABLES: dict[str, tuple[str, ...]] = {**TABLE_COLUMNS, "spans": SPAN_COLUMNS}
_SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "string": "TEXT"}

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
SELECT k.doc_id, d.title, k.source,
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
    "docs": {"": "One row per stored document: its normalized text (every start/end offset refers to it) and "
                 "what decides whether it is current.",
             "doc_id": "Identifier of the document (documents.doc_id).",
             "source": "Path or URL of the input, as given to `thidua run`.",
             "sha256": "SHA-256 of the input bytes (hex).",
             "text": "The normalized text: Unicode NFC, LF line ends, spaces collapsed, lines stripped.",
             "crawl_date": "WARC-Date or JSONL `date` of the crawled record; empty for plain files.",
             "fingerprint": "The extraction settings the rows were made with (thidua version, NER, lexicon).",
             "processed_at": "When the document was extracted (UTC, ISO 8601)."},
    "spans": {"": "One row per extracted span (spans.jsonl): the evidence of every record.",
              "doc_id": "The document (documents.doc_id).",
              "field": "What the span is: person, title, unit, date, award, slogan, author, event.",
              "start": "Character offset where the span starts in the normalized text (docs.text).",
              "end": "Character offset where the span ends (exclusive).",
              "text": "The span as written: docs.text[start:end].",
              "normalized": "Its normalized value (a name's fullest form, an ISO date, ...).",
              "confidence": "How sure the rule is, 0 to 1 (the review site flags below 0.8).",
              "rule": "Name of the heuristic that found the span."},
    "errors": {"at": "When the input failed (UTC, ISO 8601)."},
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
        if self._meta("views") != _VIEWS_DIGEST:  # derived: replaced whenever their definitions change
            for name, sql in VIEWS.items():
                db.execute(f"DROP VIEW IF EXISTS {_q(name)}")
                db.execute(f"CREATE VIEW {_q(name)} AS {sql}")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('views', ?)", (_VIEWS_DIGEST,))
        db.execute("COMMIT")
        self._check_schema()

    def _meta(self, key: str) -> str | None:
        found = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if found is None else str(found[0])

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
