"""``thidua browse DIR``: a run's store in Datasette, described and linked to the review site.

Datasette serves the store read-only (it opens SQLite with ``mode=ro``) with metadata
made from the schema: every table's, view's and column's description
(:data:`pipeline.schema.DESCRIPTIONS` and the store's own,
:data:`pipeline.run.store.STORE_DESCRIPTIONS`), facets, the store's canned queries
(:data:`pipeline.run.store.QUERIES`), and the full-text index ``docs_fts`` searchable
on its table page. The review site is served beside it at ``/review/``, and every
``doc_id`` cell links to that document's review page (a ``render_cell`` plugin hook).
Nothing here writes SQL of its own: the store owns its views, index and queries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from datasette import hookimpl
from markupsafe import Markup

from pipeline.review.site import safe_name
from pipeline.run.store import QUERIES, SEARCH_TABLE, STORE_DESCRIPTIONS, VIEW_SOURCES
from pipeline.schema import DESCRIPTIONS, TABLE_DESCRIPTIONS

__all__ = ["REVIEW_MOUNT", "ReviewLinks", "metadata", "serve"]

REVIEW_MOUNT = "review"
"""Where the review site is served: ``/review/index.html``."""

FACETS = {"documents": ["event_type"], "awards": ["award", "status"], "units": ["unit_type"], "spans": ["field"],
          "errors": ["stage"], "dates": ["role"], "slogans": ["kind"], "awards_dated": ["doc_year", "award"]}
SETTINGS = {"truncate_cells_html": 300, "default_page_size": 50, "sql_time_limit_ms": 5000,
            "facet_time_limit_ms": 500}


def _columns(name: str) -> dict[str, str]:
    """The descriptions of a table's or view's columns."""
    found: dict[str, str] = {}
    for source in (*VIEW_SOURCES.get(name, ()), name):
        found.update(DESCRIPTIONS.get(source, {}))
        found.update({c: text for c, text in STORE_DESCRIPTIONS.get(source, {}).items() if c})
    return found


def metadata(database: str, objects: Mapping[str, Sequence[str]], *, review: bool, documents: int) -> dict[str, Any]:
    """Datasette's metadata for a store: titles, descriptions, facets, canned queries.

    Args:
        database: the database's name in Datasette (the store file's stem).
        objects: the store's tables and views with their columns (:meth:`pipeline.run.store.Store.objects`,
            :meth:`~pipeline.run.store.Store.columns`).
        review: whether the review site is served at ``/review/``.
        documents: how many documents the store holds (for the description).

    >>> meta = metadata("thidua", {"documents": ["event_date"], SEARCH_TABLE: ["text"]}, review=False, documents=2)
    >>> db = meta["databases"]["thidua"]
    >>> db["tables"]["documents"]["columns"]["event_date"][:25], db["tables"][SEARCH_TABLE]["searchmode"]
    ('Date of the conference or', 'escaped')
    """
    tables: dict[str, dict[str, Any]] = {}
    for name, columns in objects.items():
        described = _columns(name)
        entry: dict[str, Any] = {"description": TABLE_DESCRIPTIONS.get(name) or STORE_DESCRIPTIONS.get(name, {}).get(""),
                                 "columns": {c: described[c] for c in columns if c in described}}
        if name in FACETS:
            entry["facets"] = FACETS[name]
        if name == SEARCH_TABLE:
            entry["searchmode"] = "escaped"
        tables[name] = {k: v for k, v in entry.items() if v}
    queries = {name: {"title": q["title"], "description": q["description"], "sql": q["sql"]}
               for name, q in QUERIES.items() if q["sql"] and (SEARCH_TABLE in objects or SEARCH_TABLE not in q["sql"])}
    about = {"about": "Review site: every document over its highlighted text", "about_url": f"/{REVIEW_MOUNT}/index.html"}
    return {"title": "thidua store",
            "description": f"A thidua run: {documents:,} documents, their records and evidence spans. "
                           "Start from the documents table, the views or the canned queries below.",
            **(about if review else {}),
            "databases": {database: {"description": "The store written by `thidua run` (README, “The store schema”).",
                                     "tables": tables, "queries": queries}}}


class ReviewLinks:
    """Datasette plugin: a ``doc_id`` cell of the store links to the document's review page.

    Datasette lists plugins by ``__name__``; this one's names no importable module, so
    Datasette looks for no templates or static files of its own.
    """

    __name__ = "thidua_review_links"

    def __init__(self, database: str) -> None:
        self.database = database

    @hookimpl
    def render_cell(self, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Markup | None:
        if database != self.database or column != "doc_id" or not isinstance(value, str) or not value:
            return None
        href = datasette.urls.path(f"/{REVIEW_MOUNT}/doc/{safe_name(value)}.html")
        return Markup('<a href="{}" title="review page">{}</a>').format(href, value)


def serve(db: Path, *, site: Path | None, host: str, port: int, meta: dict[str, Any]) -> None:
    """Serve the store (and the review site, when given) until Ctrl-C (SIGINT) or SIGTERM."""
    import uvicorn
    from datasette.app import Datasette
    from datasette.plugins import pm

    plugin = ReviewLinks(db.stem) if site is not None else None
    ds = Datasette([str(db)], metadata=meta, settings=SETTINGS,
                   static_mounts=[(REVIEW_MOUNT, str(site))] if site is not None else None)
    if plugin is not None:
        pm.register(plugin, name=f"{plugin.__name__}-{id(plugin)}")
    try:
        uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
    except KeyboardInterrupt:  # Ctrl-C: uvicorn has shut down and raises it again; a normal end
        pass
    finally:
        if plugin is not None:
            pm.unregister(plugin)
