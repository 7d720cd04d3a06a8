"""Review site: a run's records over their text, as static HTML pages (``thidua review OUT``).

``index.html`` lists the documents of a run with their record counts and flags (empty
fields, low-confidence spans, spans that do not match the text), a page at a time, with
search, filters and sorting; its rows are in ``index-data.js``, a script that only
assigns the data to ``window.THIDUA_INDEX``. ``doc/<name>.html`` shows one document's
text with every span highlighted in place by field (each field can be hidden), the
document's records as tables whose values jump to their span, and links to the
previous and next document.

Why a ``.js`` data file: Chromium refuses ``fetch`` and ``XMLHttpRequest`` of a
``file://`` URL, so a page opened from disk cannot load a ``.json`` file; a classic
``<script src>`` still loads there, and the index's policy allows it with
``script-src 'self'`` beside the hash of its own inline script (document pages allow
their one inline script only). The data file holds no markup: every value reaches the
page as text (``textContent``), never as HTML.

Reading is kept apart from rendering: :func:`load_run` reads a run through the store's
API (:class:`~pipeline.run.store.Store`); the pages are Jinja2 templates
(``pipeline/review/templates``) rendered with autoescaping, so every value from the run
is escaped; :func:`render_text` builds the highlighted text, escaping it too. Pages load
nothing remote and run only their own inline script and style, allowed by hash in a
Content-Security-Policy, so the site works offline from ``file://`` URLs.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from extractors.keys import match_key
from pipeline.run.store import Store
from pipeline.schema import TABLE_COLUMNS

__all__ = ["DATA_FILE", "FIELDS", "data_script", "LOW_CONFIDENCE", "RECORD_TABLES", "Span", "Run", "build_site", "index_data",
           "load_run", "record_span", "render_document", "render_index", "render_text", "safe_name", "site_generation",
           "source_href"]

LOW_CONFIDENCE = 0.8
"""Spans with a confidence below this are flagged for review."""

FIELDS = ("person", "title", "unit", "date", "award", "slogan", "author", "event")
"""Span fields in legend order; each has its colour class ``f-<field>`` in the stylesheet."""

RECORD_TABLES = ("people", "positions", "units", "awards", "slogans", "dates")
"""Record tables shown per document, in order."""

DATA_FILE = "index-data.js"
"""The index's rows, beside ``index.html``."""

INDEX_COLUMNS = ("doc_id", "page", "title", "source", "published_date", "event_date", "event_type", *RECORD_TABLES,
                 "spans", "low", "off", "has_text", "flags", "names")
"""The fields of one document in :data:`DATA_FILE`, in order (each row is a list)."""
_SITE_FILE = "site.json"

# The span field a record of each table points to, and the column that carries the link.
_LINK_FIELD = {"people": "person", "positions": "title", "units": "unit", "awards": "award",
               "slogans": "slogan", "dates": "date"}
_LINK_COLUMN = {"people": "name", "positions": "title", "units": "name", "awards": "text",
                "slogans": "text", "dates": "text"}
_NUMERIC = frozenset({"mentions", "count", "start", "end"})
# At equal extent the broader field wraps the narrower one (an event holding a unit).
_NESTING = ("event", "award", "slogan", "title", "author", "unit", "person", "date")
_HERE = Path(__file__).resolve().parent
_UNSAFE = re.compile(r"[^a-z0-9._-]+")


@dataclass(frozen=True)
class Span:
    """One evidence span of a document; ``id`` is its rank among the document's spans."""

    id: int
    field: str
    start: int
    end: int
    text: str
    normalized: str
    confidence: float
    rule: str

    @property
    def low(self) -> bool:
        """True when the confidence is below :data:`LOW_CONFIDENCE`."""
        return self.confidence < LOW_CONFIDENCE


@dataclass
class Run:
    """What a run holds, grouped by document: its ``documents`` rows, the rows of each
    record table, every span, the normalized texts and the failed inputs."""

    documents: list[dict[str, Any]]
    records: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)  # table -> doc_id -> rows
    spans: dict[str, list[Span]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)

    def rows(self, table: str, doc_id: str) -> list[dict[str, Any]]:
        """The rows of ``table`` for one document (empty list when none)."""
        return self.records.get(table, {}).get(doc_id, [])


# ---------------------------------------------------------------- reading


def load_run(store: Store) -> Run:
    """Everything the site shows, read from a store."""
    spans: dict[str, list[Span]] = defaultdict(list)
    for row in store.rows("spans"):
        doc_spans = spans[row["doc_id"]]
        doc_spans.append(Span(len(doc_spans), str(row["field"]), int(row["start"]), int(row["end"]),
                              str(row["text"]), str(row["normalized"] or ""), float(row["confidence"] or 0.0),
                              str(row["rule"] or "")))
    run = Run(list(store.rows("documents")), spans=dict(spans), texts=dict(store.texts()),
              errors=[{"source": e.source, "stage": e.stage, "reason": e.reason} for e in store.errors()])
    for table in RECORD_TABLES:
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in store.rows(table):
            grouped[row["doc_id"]].append(row)
        run.records[table] = dict(grouped)
    return run


# ---------------------------------------------------------------- names and small pieces


def safe_name(doc_id: str) -> str:
    """A file name for a document page: lower-case ASCII letters, digits, ``._-``.

    An id that is already safe is kept; any other gets its diacritics folded, the rest
    replaced by ``_`` and a short hash of the original appended, so that two ids never
    share a page (``hội`` and ``hồi`` both fold to ``hoi``).

    >>> safe_name("000_cc15e2c0f924b99d")
    '000_cc15e2c0f924b99d'
    >>> safe_name("baomoi:2020/hội-nghị-thi-đua")
    'baomoi_2020_hoi-nghi-thi-dua-4afc8fc6e1'
    """
    folded = unicodedata.normalize("NFKD", doc_id.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    cleaned = _UNSAFE.sub("_", folded).lstrip(".")[:80]
    if cleaned == doc_id and cleaned:
        return cleaned
    digest = hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:10]
    return f"{cleaned or 'doc'}-{digest}"


def field_class(name: str) -> str:
    """The colour class of a span field; unknown fields share ``f-other``.

    >>> field_class("unit"), field_class("<b>")
    ('f-unit', 'f-other')
    """
    return f"f-{name}" if name in FIELDS else "f-other"


def source_href(source: str | None) -> str | None:
    """The source as a link target when it is an http(s) URL with a host, else None.

    >>> source_href("https://baochinhphu.vn/a.htm"), source_href("javascript:alert(1)"), source_href("in/a.txt")
    ('https://baochinhphu.vn/a.htm', None, None)
    """
    if not source:
        return None
    try:
        parts = urlsplit(source.strip())
    except ValueError:
        return None
    return source.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _attr(value: object) -> str:
    return escape(str(value), quote=True).replace("\n", "&#10;")


def _span_tooltip(span: Span) -> str:
    return f"{span.field}: {span.normalized or span.text}\n{span.rule} · confidence {span.confidence:.2f}"


def _open_tag(span: Span, *, part: bool = False, mismatch: bool = False) -> str:
    classes = ["hl", field_class(span.field)] + (["low"] if span.low else []) + (["mismatch"] if mismatch else [])
    ident = f'data-span-part="{span.id}"' if part else f'id="s-{span.id}" data-span-id="{span.id}"'
    return (f'<mark {ident} class="{" ".join(classes)}" data-field="{_attr(span.field)}" '
            f'title="{_attr(_span_tooltip(span))}">')


# ---------------------------------------------------------------- the highlighted text


def render_text(text: str, spans: Sequence[Span]) -> str:
    """The document text as HTML with every span as one ``<mark data-span-id>``.

    Spans nest when one holds another (a title holding its unit). Where two spans cross,
    the inner one is closed at the outer one's end and reopened as a continuation
    ``<mark data-span-part>`` (no id), so each span is exactly one ``data-span-id``
    element. Offsets beyond the text are clipped; a span whose ``text`` differs from
    ``text[start:end]`` gets the class ``mismatch``. Every piece of text is escaped: the
    result is safe HTML.

    >>> t = "Thứ trưởng Bộ Tài chính"
    >>> render_text(t, [Span(0, "title", 0, 23, t, t, 0.9, "r"), Span(1, "unit", 11, 23, t[11:], t[11:], 0.9, "r")])
    ... # doctest: +ELLIPSIS
    '<mark id="s-0" ...>Thứ trưởng <mark id="s-1" ...>Bộ Tài chính</mark></mark>'
    """
    clipped = [(s, min(max(s.start, 0), len(text)), min(max(s.end, s.start, 0), len(text))) for s in spans]
    opening: dict[int, list[tuple[Span, int]]] = defaultdict(list)
    for span, start, end in sorted(clipped, key=lambda c: (c[1], -c[2], _field_rank(c[0].field), c[0].id)):
        opening[start].append((span, end))
    bounds = sorted({0, len(text)} | {c[1] for c in clipped} | {c[2] for c in clipped})
    out: list[str] = []
    stack: list[tuple[Span, int]] = []
    for i, pos in enumerate(bounds):
        stack = _close_at(pos, stack, out)
        for span, end in opening.get(pos, []):
            mismatch = text[span.start:span.end] != span.text
            out.append(_open_tag(span, mismatch=mismatch))
            if end == pos:
                out.append("</mark>")
            else:
                stack.append((span, end))
        if i + 1 < len(bounds):
            out.append(escape(text[pos:bounds[i + 1]]))
    return "".join(out)


def _field_rank(name: str) -> int:
    return _NESTING.index(name) if name in _NESTING else len(_NESTING)


def _close_at(pos: int, stack: list[tuple[Span, int]], out: list[str]) -> list[tuple[Span, int]]:
    """Close every open span ending at ``pos``; spans opened inside them that go on are
    reopened as continuations."""
    ending = [i for i, (_, end) in enumerate(stack) if end == pos]
    if not ending:
        return stack
    depth = ending[0]
    popped = stack[depth:]
    out.append("</mark>" * len(popped))
    kept = stack[:depth]
    for span, end in popped:
        if end > pos:
            out.append(_open_tag(span, part=True))
            kept.append((span, end))
    return kept


# ---------------------------------------------------------------- what the pages show


def _count(run: Run, doc_id: str) -> dict[str, int]:
    return {table: len(run.rows(table, doc_id)) for table in RECORD_TABLES}


def document_flags(run: Run, doc: Mapping[str, Any], text: str | None) -> list[tuple[str, str]]:
    """Review flags of one document as (css class, label): empty fields, low confidence.

    >>> document_flags(Run([]), {"doc_id": "x", "event_date": None}, "Hội nghị")[:2]
    [('flag', 'no people'), ('flag', 'no positions')]
    """
    doc_id = doc.get("doc_id", "")
    flags = [("flag", f"no {table}") for table, n in _count(run, doc_id).items() if n == 0]
    if not doc.get("event_date"):
        flags.append(("flag", "no event date"))
    if text is None:
        flags.append(("flag", "no text in store"))
    spans = run.spans.get(doc_id, [])
    low = sum(s.low for s in spans)
    if low:
        flags.append(("flag low", f"{low} low-confidence"))
    bad = _off_text(text, spans)
    if bad:
        flags.append(("flag", f"{bad} span(s) off the text"))
    return flags


def _off_text(text: str | None, spans: Sequence[Span]) -> int:
    """How many spans are not ``text[start:end]`` (none can be checked without the text)."""
    return 0 if text is None else sum(text[s.start:s.end] != s.text for s in spans)


def _names(run: Run, doc_id: str) -> str:
    """The people's names and the units' names and surface forms of a document, each once,
    ``|``-separated: what the index searches beside the headline and the source."""
    names = [row.get("name") or "" for row in run.rows("people", doc_id)]
    for row in run.rows("units", doc_id):
        names += [row.get("name") or "", *(row.get("aliases") or "").split("|")]
    return "|".join(dict.fromkeys(n for n in names if n))


def index_data(run: Run, pages: Mapping[str, str], *, generation: int = 0) -> dict[str, Any]:
    """What the index shows, as JSON: one list per document (fields :data:`INDEX_COLUMNS`),
    the flag labels they refer to by number, and the failed inputs.

    >>> data = index_data(Run([{"doc_id": "d1", "title": None}], texts={"d1": "Hội nghị"}), {"d1": "d1"})
    >>> dict(zip(data["columns"], data["docs"][0]))["page"], data["flags"][:1]
    ('d1', [['flag', 'no people']])
    """
    labels: dict[tuple[str, str], int] = {}
    docs = []
    for doc in run.documents:
        doc_id = doc.get("doc_id", "")
        spans = run.spans.get(doc_id, [])
        text = run.texts.get(doc_id)
        flags = [labels.setdefault(flag, len(labels)) for flag in document_flags(run, doc, text)]
        docs.append([doc_id, pages[doc_id], doc.get("title") or "", doc.get("source") or "",
                     doc.get("published_date") or "", doc.get("event_date") or "", doc.get("event_type") or "",
                     *_count(run, doc_id).values(), len(spans), sum(s.low for s in spans), _off_text(text, spans),
                     int(text is not None), flags, _names(run, doc_id)])
    return {"generation": generation, "low_confidence": LOW_CONFIDENCE, "tables": list(RECORD_TABLES),
            "columns": list(INDEX_COLUMNS), "flags": [list(flag) for flag in labels], "docs": docs,
            "errors": [[e["source"], e["stage"], e["reason"]] for e in run.errors]}


def record_span(table: str, row: Mapping[str, Any], spans: Sequence[Span]) -> Span | None:
    """The span a record comes from: by offsets when it has them, else by name.

    Positions, awards, slogans and dates carry ``start``/``end``; a person or a unit is
    found as the first span of its field whose value or text is its name (or, for a
    unit, one of its aliases), compared exactly, then by :func:`~extractors.keys.match_key`.

    >>> s = [Span(0, "person", 5, 20, "Nguyễn Văn Nam", "Nguyễn Văn Nam", 0.9, "people.honorific")]
    >>> record_span("people", {"name": "NGUYỄN VĂN NAM"}, s).id
    0
    """
    wanted = _LINK_FIELD[table]
    own = [s for s in spans if s.field == wanted]
    if row.get("start") is not None and row.get("end") is not None:
        where = (int(row["start"]), int(row["end"]))
        return next((s for s in own if (s.start, s.end) == where),
                    next((s for s in spans if (s.start, s.end) == where), None))
    names = [row.get("name") or ""] + [a for a in (row.get("aliases") or "").split("|") if a]
    names = [n for n in names if n]
    for same in (lambda a, b: a == b, lambda a, b: match_key(a) == match_key(b)):
        for span in own:
            if any(same(name, span.normalized) or same(name, span.text) for name in names):
                return span
    return None


def _cell(value: Any, column: str) -> str:
    if value is None:
        return ""
    text = str(value)
    return text.replace("|", " | ") if column == "aliases" else text


def _record_table(table: str, rows: list[dict[str, Any]], spans: Sequence[Span]) -> dict[str, Any]:
    columns = [c for c in TABLE_COLUMNS[table] if c != "doc_id"]
    body = []
    for row in rows:
        span = record_span(table, row, spans)
        body.append([{"value": _cell(row.get(c), c), "link": span.id if span is not None and c == _LINK_COLUMN[table]
                      else None, "cls": "num" if c in _NUMERIC else "main" if c == _LINK_COLUMN[table] else ""}
                     for c in columns])
    return {"name": table, "columns": [{"name": c, "type": "number" if c in _NUMERIC else "text"} for c in columns],
            "rows": body}


def _legend(spans: Sequence[Span]) -> list[dict[str, Any]]:
    counts = Counter(s.field for s in spans)
    names = list(FIELDS) + sorted(f for f in counts if f not in FIELDS)
    return [{"name": n, "cls": field_class(n), "key": field_class(n)[2:], "count": counts.get(n, 0)} for n in names]


# ---------------------------------------------------------------- pages


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(_HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _asset(name: str) -> str:
    return (_HERE / "assets" / name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


_POLICY = "default-src 'none'; script-src {scripts}; style-src {style}; img-src 'none'; base-uri 'none'; " \
          "form-action 'none'"


class _Pages:
    """The templates and the inlined assets, with each page's Content-Security-Policy.

    The policy forbids every load (``default-src 'none'``) and every script or style but
    the page's own, so escaped article text can never run. The index also loads its
    data file (``'self'``); a document page loads nothing.
    """

    def __init__(self) -> None:
        self.env = _environment()
        self.css = _asset("review.css")
        self.scripts = {"index": _asset("index.js"), "document": _asset("review.js")}
        style = _csp_hash(self.css)
        self.csp = {"index": _POLICY.format(scripts=f"'self' {_csp_hash(self.scripts['index'])}", style=style),
                    "document": _POLICY.format(scripts=_csp_hash(self.scripts["document"]), style=style)}

    def render(self, template: str, *, page: str, **context: Any) -> str:
        return self.env.get_template(template).render(css=Markup(self.css), js=Markup(self.scripts[page]),
                                                       csp=self.csp[page], low_confidence=LOW_CONFIDENCE, **context)


def render_index(run: Run, renderer: _Pages | None = None) -> str:
    """``index.html``: the search form, filters and the (empty) table that the inline
    script fills, a page at a time, from :data:`DATA_FILE`.

    Args:
        run: the run (see :func:`load_run`); only its size is written into the page.
        renderer: the templates (made once per site by :func:`build_site`).
    """
    return (renderer or _Pages()).render("index.html.j2", page="index", total=len(run.documents),
                                         tables=RECORD_TABLES, data_file=DATA_FILE)


@dataclass(frozen=True)
class Neighbours:
    """Where a document page sits in the index's order: its 1-based position, the
    total, and the pages before and after it (None at either end)."""

    position: int
    total: int
    previous: str | None = None
    next: str | None = None


def render_document(run: Run, doc: Mapping[str, Any], *, index_href: str, renderer: _Pages | None = None,
                    neighbours: Neighbours | None = None) -> str:
    """One document page: previous/next, metadata, highlighted text with a toggle per
    field, records.

    Args:
        run: the run (see :func:`load_run`).
        doc: the document's row of the ``documents`` table.
        index_href: link back to the index.
        renderer: the templates (made once per site by :func:`build_site`).
        neighbours: the previous and next document pages (none: no such links).
    """
    doc_id = doc.get("doc_id", "")
    spans = run.spans.get(doc_id, [])
    text = run.texts.get(doc_id)
    return (renderer or _Pages()).render(
        "document.html.j2", page="document", doc=doc, doc_id=doc_id, title=doc.get("title") or doc_id,
        untitled=not doc.get("title"), index_href=index_href, nav=neighbours, source_href=source_href(doc.get("source")),
        flags=document_flags(run, doc, text), meta=[(k, v) for k, v in doc.items() if k != "doc_id" and v],
        text=None if text is None else Markup(render_text(text, spans)), span_count=len(spans), legend=_legend(spans),
        low=[s for s in spans if s.low], tables=[_record_table(t, run.rows(t, doc_id), spans) for t in RECORD_TABLES])


# ---------------------------------------------------------------- writing


def data_script(data: Mapping[str, Any]) -> str:
    r"""The text of :data:`DATA_FILE`: one statement handing the index data to
    ``JSON.parse`` (V8 reads a large JSON string faster than the same object as a
    literal), the JSON inside a single-quoted JS string.

    >>> print(data_script({"t": "a'b\\c"}), end="")
    window.THIDUA_INDEX = JSON.parse('{"t":"a\'b\\\\c"}');
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    literal = text.replace("\\", "\\\\").replace("'", "\\'").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.THIDUA_INDEX = JSON.parse('{literal}');\n"


def build_site(store: Store, site: Path) -> Path:
    """Write the review site of a store into ``site``; the path of its ``index.html``.

    Example: ``build_site(Store(Path("outputs/thidua.sqlite")), Path("outputs/review"))``
    writes ``outputs/review/index.html``, ``outputs/review/index-data.js`` and
    ``outputs/review/doc/000_cc15e2c0f924b99d.html``; ``site.json`` records the store
    generation the site shows (:func:`site_generation`).
    """
    generation = store.generation()
    run = load_run(store)
    (site / "doc").mkdir(parents=True, exist_ok=True)
    names = {d["doc_id"]: safe_name(d["doc_id"]) for d in run.documents}
    order = [names[d["doc_id"]] for d in run.documents]
    renderer = _Pages()
    for i, doc in enumerate(run.documents):
        around = Neighbours(i + 1, len(order), f"{order[i - 1]}.html" if i else None,
                            f"{order[i + 1]}.html" if i + 1 < len(order) else None)
        html = render_document(run, doc, index_href="../index.html", renderer=renderer, neighbours=around)
        (site / "doc" / f"{order[i]}.html").write_text(html, encoding="utf-8")
    (site / DATA_FILE).write_text(data_script(index_data(run, names, generation=generation)), encoding="utf-8")
    index = site / "index.html"
    index.write_text(render_index(run, renderer), encoding="utf-8")
    (site / _SITE_FILE).write_text(json.dumps({"generation": generation, "documents": len(order)}) + "\n",
                                   encoding="utf-8")
    return index


def site_generation(site: Path) -> int | None:
    """The store generation a built site shows (None: no site there, or an older one)."""
    try:
        return int(json.loads((site / _SITE_FILE).read_text(encoding="utf-8"))["generation"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
