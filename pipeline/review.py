"""Review site: a run's tables and spans as static HTML pages (``thidua review OUT``).

``index.html`` lists the documents of a run with their record counts and flags (empty
fields, low-confidence spans, spans that do not match the text); ``doc/<name>.html``
shows one document's text with every span of ``spans.jsonl`` highlighted in place by
field, and the document's records as tables whose values jump to their span.

Reading is kept apart from rendering: :func:`load_run` reads the CSVs, ``spans.jsonl``
and the text store (``thidua.sqlite``, table ``docs``); the ``render_*`` functions turn
them into HTML strings; :func:`build_site` writes the files. Every value from the run
goes through :func:`html.escape`. Pages load nothing remote and run only their own
inline script and style, allowed by hash in a Content-Security-Policy, so the site
works offline from ``file://`` URLs.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import sqlite3
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from pipeline.export import read_table as read_csv_table
from pipeline.export import uncell
from pipeline.normalize import match_key
from pipeline.orchestrate import TABLE_COLUMNS

__all__ = ["FIELDS", "LOW_CONFIDENCE", "RECORD_TABLES", "Span", "Run", "build_site", "load_run", "main",
           "render_document", "render_index", "render_text", "safe_name", "uncell"]

LOW_CONFIDENCE = 0.8
"""Spans with a confidence below this are flagged for review."""

FIELDS = ("person", "title", "unit", "date", "award", "slogan", "author", "event")
"""Span fields in legend order; each has its colour class ``f-<field>`` in the stylesheet."""

RECORD_TABLES = ("people", "positions", "units", "awards", "slogans", "dates")
"""Record tables shown per document, in order."""

# The span field a record of each table points to, and the column that carries the link.
_LINK_FIELD = {"people": "person", "positions": "title", "units": "unit", "awards": "award",
               "slogans": "slogan", "dates": "date"}
_LINK_COLUMN = {"people": "name", "positions": "title", "units": "name", "awards": "text",
                "slogans": "text", "dates": "text"}
# At equal extent the broader field wraps the narrower one (an event holding a unit).
_NESTING = ("event", "award", "slogan", "title", "author", "unit", "person", "date")
_ASSETS = Path(__file__).with_name("review_assets")
_UNSAFE = re.compile(r"[^a-z0-9._-]+")


@dataclass(frozen=True)
class Span:
    """One row of ``spans.jsonl``; ``id`` is its rank among the document's spans."""

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
    """What a run directory holds, grouped by document."""

    documents: list[dict[str, str]]
    records: dict[str, dict[str, list[dict[str, str]]]] = field(default_factory=dict)  # table -> doc_id -> rows
    spans: dict[str, list[Span]] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)

    def rows(self, table: str, doc_id: str) -> list[dict[str, str]]:
        """The rows of ``table`` for one document (empty list when none)."""
        return self.records.get(table, {}).get(doc_id, [])


# ---------------------------------------------------------------- reading


def read_table(path: Path) -> list[dict[str, str]]:
    """The rows of one CSV of a run, cells un-neutralised (:func:`pipeline.export.uncell`),
    empty cells as ""; [] when absent."""
    return [{k: v or "" for k, v in row.items()} for row in read_csv_table(path)]


def read_spans(path: Path) -> dict[str, list[Span]]:
    """``spans.jsonl`` grouped by doc_id, each document's spans numbered in file order."""
    spans: dict[str, list[Span]] = defaultdict(list)
    if not path.is_file():
        return spans
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                doc_spans = spans[row["doc_id"]]
                doc_spans.append(Span(len(doc_spans), str(row["field"]), int(row["start"]), int(row["end"]),
                                      str(row["text"]), str(row.get("normalized") or ""),
                                      float(row.get("confidence") or 0.0), str(row.get("rule") or "")))
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a span row ({exc})") from exc
    return spans


def load_run(run_dir: Path) -> Run:
    """Read the tables and spans of a run directory.

    Raises:
        FileNotFoundError: ``run_dir`` has no ``documents.csv`` (no run there).
    """
    if not (run_dir / "documents.csv").is_file():
        raise FileNotFoundError(f"{run_dir}: no run here (documents.csv missing)")
    run = Run(read_table(run_dir / "documents.csv"), spans=read_spans(run_dir / "spans.jsonl"),
              errors=read_table(run_dir / "errors.csv"))
    for table in RECORD_TABLES:
        grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in read_table(run_dir / f"{table}.csv"):
            grouped[row.get("doc_id", "")].append(row)
        run.records[table] = grouped
    return run


def read_texts(db: Path, doc_ids: Iterable[str]) -> dict[str, str]:
    """The normalized texts of ``doc_ids`` from the store's ``docs`` table (read-only).

    Documents missing from the store are missing from the result; a missing store gives {}.
    """
    if not db.is_file():
        return {}
    wanted = list(doc_ids)
    connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        texts = {}
        for doc_id in wanted:
            row = connection.execute("SELECT text FROM docs WHERE doc_id = ?", (doc_id,)).fetchone()
            if row is not None and row[0] is not None:
                texts[doc_id] = str(row[0])
        return texts
    finally:
        connection.close()


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
    ``text[start:end]`` gets the class ``mismatch``.

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


# ---------------------------------------------------------------- pages


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def page(title: str, body: str, *, css: str, js: str) -> str:
    """A complete HTML page with the stylesheet and script inlined and allowed by hash.

    The Content-Security-Policy forbids every load (``default-src 'none'``) and every
    script or style but these two, so escaped article text can never run.
    """
    csp = (f"default-src 'none'; script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="referrer" content="no-referrer">\n<title>{escape(title)}</title>\n'
            f"<style>{css}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n"
            f"<script>{js}</script>\n</body>\n</html>\n")


def _count(run: Run, doc_id: str) -> dict[str, int]:
    return {table: len(run.rows(table, doc_id)) for table in RECORD_TABLES}


def document_flags(run: Run, doc: Mapping[str, str], text: str | None) -> list[tuple[str, str]]:
    """Review flags of one document as (css class, label): empty fields, low confidence.

    >>> document_flags(Run([]), {"doc_id": "x", "event_date": ""}, "Hội nghị")[:2]
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
    if text is not None:
        bad = sum(text[s.start:s.end] != s.text for s in spans)
        if bad:
            flags.append(("flag", f"{bad} span(s) off the text"))
    return flags


def _flags_html(flags: list[tuple[str, str]]) -> str:
    return "".join(f'<span class="{cls}">{escape(label)}</span>' for cls, label in flags)


def _th(label: str, kind: str = "text") -> str:
    cls = ' class="num"' if kind == "number" else ""
    return f'<th scope="col" data-type="{kind}"{cls}><button type="button" class="sort">{escape(label)}</button></th>'


def render_index(run: Run, texts: Mapping[str, str], pages: Mapping[str, str]) -> str:
    """The body of ``index.html``: one sortable row per document, then the failed inputs.

    Args:
        run: the run (see :func:`load_run`).
        texts: normalized text by doc_id (documents missing here are flagged).
        pages: page path relative to the index, by doc_id.
    """
    head = [_th("doc_id"), _th("title"), _th("published", "date"), _th("event date", "date")]
    head += [_th(table, "number") for table in RECORD_TABLES]
    head += [_th("spans", "number"), _th("low conf.", "number"), _th("flags")]
    rows = [_index_row(run, doc, texts.get(doc.get("doc_id", "")), pages) for doc in run.documents]
    total = len(run.documents)
    body = [f"<h1>thidua review <span class=\"muted\">· {total} document{'s' if total != 1 else ''}</span></h1>",
            "<p class=\"muted\">Click a column header to sort. Flags: empty fields, no event date, "
            f"spans with confidence below {LOW_CONFIDENCE:g}.</p>",
            f'<div class="scroll"><table id="documents"><thead><tr>{"".join(head)}</tr></thead>'
            f'<tbody lang="vi">{"".join(rows)}</tbody></table></div>']
    if run.errors:
        body.append(_errors_html(run.errors))
    return "\n".join(body)


def _index_row(run: Run, doc: Mapping[str, str], text: str | None, pages: Mapping[str, str]) -> str:
    doc_id = doc.get("doc_id", "")
    spans = run.spans.get(doc_id, [])
    cells = [f'<td><a href="{_attr(pages[doc_id])}">{escape(doc_id)}</a></td>',
             f"<td>{escape(doc.get('title', ''))}</td>",
             f"<td>{escape(doc.get('published_date', ''))}</td>",
             f"<td>{escape(doc.get('event_date', ''))}</td>"]
    cells += [f'<td class="num">{n}</td>' for n in _count(run, doc_id).values()]
    cells += [f'<td class="num">{len(spans)}</td>', f'<td class="num">{sum(s.low for s in spans)}</td>']
    flags = document_flags(run, doc, text)
    cells.append(f'<td data-sort="{len(flags):03d}">{_flags_html(flags)}</td>')
    return f"<tr>{''.join(cells)}</tr>"


def _errors_html(errors: list[dict[str, str]]) -> str:
    rows = "".join(f"<tr><td>{escape(e.get('source', ''))}</td><td>{escape(e.get('stage', ''))}</td>"
                   f"<td>{escape(e.get('reason', ''))}</td></tr>" for e in errors)
    return (f"<h2>Inputs that failed ({len(errors)})</h2>\n<div class=\"scroll\"><table id=\"errors\"><thead><tr>"
            f"<th>source</th><th>stage</th><th>reason</th></tr></thead><tbody>{rows}</tbody></table></div>")


def record_span(table: str, row: Mapping[str, str], spans: Sequence[Span]) -> Span | None:
    """The span a record comes from: by offsets when it has them, else by name.

    Positions, awards, slogans and dates carry ``start``/``end``; a person or a unit is
    found as the first span of its field whose value or text is its name (or, for a
    unit, one of its aliases), compared exactly, then by :func:`~pipeline.normalize.match_key`.

    >>> s = [Span(0, "person", 5, 20, "Nguyễn Văn Nam", "Nguyễn Văn Nam", 0.9, "people.honorific")]
    >>> record_span("people", {"name": "NGUYỄN VĂN NAM"}, s).id
    0
    """
    wanted = _LINK_FIELD[table]
    own = [s for s in spans if s.field == wanted]
    if row.get("start", "").isdigit() and row.get("end", "").isdigit():
        where = (int(row["start"]), int(row["end"]))
        return next((s for s in own if (s.start, s.end) == where),
                    next((s for s in spans if (s.start, s.end) == where), None))
    names = [row.get("name", "")] + [a for a in row.get("aliases", "").split("|") if a]
    names = [n for n in names if n]
    for same in (lambda a, b: a == b, lambda a, b: match_key(a) == match_key(b)):
        for span in own:
            if any(same(name, span.normalized) or same(name, span.text) for name in names):
                return span
    return None


def _record_table(table: str, rows: list[dict[str, str]], spans: Sequence[Span]) -> str:
    columns = [c for c in (rows[0] if rows else TABLE_COLUMNS[table]) if c != "doc_id"]
    numeric = {"mentions", "count", "start", "end"}
    head = "".join(_th(c, "number" if c in numeric else "text") for c in columns)
    body = []
    for row in rows:
        span = record_span(table, row, spans)
        cells = []
        for column in columns:
            value = escape(row.get(column, "").replace("|", " | ") if column == "aliases" else row.get(column, ""))
            if column == _LINK_COLUMN[table] and span is not None:
                value = (f'<a class="jump" href="#s-{span.id}" data-span="{span.id}" '
                         f'title="show in the text">{value or "(span)"}</a>')
            cls = "num" if column in numeric else "main" if column == _LINK_COLUMN[table] else ""
            cells.append(f'<td class="{cls}">{value}</td>' if cls else f"<td>{value}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    empty = f'<tr><td colspan="{len(columns)}" class="muted">none</td></tr>'
    return (f'<h3 id="t-{table}">{table} <span class="muted">({len(rows)})</span></h3>\n'
            f'<div class="scroll"><table class="records" data-table="{table}"><thead><tr>{head}</tr></thead>'
            f'<tbody lang="vi">{"".join(body) or empty}</tbody></table></div>')


def _legend(spans: Sequence[Span]) -> str:
    counts = Counter(s.field for s in spans)
    names = list(FIELDS) + sorted(f for f in counts if f not in FIELDS)
    chips = [f'<span><span class="chip {field_class(n)}">{escape(n)}</span> {counts.get(n, 0)}</span>' for n in names]
    return f'<div class="legend" aria-label="legend">{"".join(chips)}</div>'


def _meta(doc: Mapping[str, str]) -> str:
    items = [(k, v) for k, v in doc.items() if k != "doc_id" and v]
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in items)
    return f'<dl class="meta card" lang="vi">{rows}</dl>'


def _low_list(spans: Sequence[Span]) -> str:
    low = [s for s in spans if s.low]
    if not low:
        return ""
    items = "".join(f'<li><a class="jump" href="#s-{s.id}" data-span="{s.id}">{escape(s.text) or "(empty)"}</a> '
                    f'<span class="muted">{escape(s.field)} · {escape(s.rule)} · {s.confidence:.2f}</span></li>'
                    for s in low)
    return f"<h3>Low-confidence spans ({len(low)})</h3><ul lang=\"vi\">{items}</ul>"


def render_document(run: Run, doc: Mapping[str, str], text: str | None, *, index_href: str) -> str:
    """The body of one document page: metadata, highlighted text, records.

    Args:
        run: the run (see :func:`load_run`).
        doc: the document's row of ``documents.csv``.
        text: its normalized text, or None when the store does not hold it.
        index_href: link back to the index.
    """
    doc_id = doc.get("doc_id", "")
    spans = run.spans.get(doc_id, [])
    if text is None:
        shown = '<p class="note">The text of this document is not in the store; spans cannot be shown.</p>'
    else:
        shown = f'<div class="doc-text" id="text" lang="vi">{render_text(text, spans)}</div>'
    tables = "\n".join(_record_table(t, run.rows(t, doc_id), spans) for t in RECORD_TABLES)
    title = doc.get("title") or doc_id
    return "\n".join([
        f'<p class="crumb"><a href="{_attr(index_href)}">← all documents</a></p>',
        f'<h1 lang="vi">{escape(title)}</h1>',
        f'<p>{_flags_html(document_flags(run, doc, text))}</p>',
        _meta(doc),
        f'<h2 id="text-heading">Text <span class="muted">({len(spans)} spans)</span></h2>',
        _legend(spans),
        f'<div class="doc-layout">{shown}<aside>{_low_list(spans)}</aside></div>',
        "<h2>Records</h2>",
        tables,
    ])


# ---------------------------------------------------------------- writing


def build_site(run_dir: Path, site_dir: Path | None = None, *, db: Path | None = None) -> Path:
    """Write the review site of a run; the path of its ``index.html``.

    Args:
        run_dir: a directory written by ``thidua run``.
        site_dir: where to write (default ``run_dir / "review"``).
        db: the text store (default ``run_dir / "thidua.sqlite"``).

    Raises:
        FileNotFoundError: ``run_dir`` holds no run.

    Example: ``build_site(Path("outputs"))`` writes ``outputs/review/index.html`` and
    ``outputs/review/doc/000_cc15e2c0f924b99d.html``.
    """
    run = load_run(run_dir)
    site = site_dir or run_dir / "review"
    (site / "doc").mkdir(parents=True, exist_ok=True)
    ids = [d.get("doc_id", "") for d in run.documents]
    texts = read_texts(db or run_dir / "thidua.sqlite", ids)
    names = {doc_id: safe_name(doc_id) for doc_id in ids}
    css, js = _asset("review.css"), _asset("review.js")
    for doc in run.documents:
        doc_id = doc.get("doc_id", "")
        body = render_document(run, doc, texts.get(doc_id), index_href="../index.html")
        html = page(f"{doc.get('title') or doc_id} · thidua review", body, css=css, js=js)
        (site / "doc" / f"{names[doc_id]}.html").write_text(html, encoding="utf-8")
    pages = {doc_id: f"doc/{name}.html" for doc_id, name in names.items()}
    index = site / "index.html"
    index.write_text(page("thidua review", render_index(run, texts, pages), css=css, js=js), encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    """``review OUT [--site DIR] [--db PATH]``: 0 when written, 2 when OUT holds no run."""
    parser = argparse.ArgumentParser(prog="thidua review", description="static review pages for a run")
    parser.add_argument("out", type=Path, help="run directory (written by thidua run)")
    parser.add_argument("--site", type=Path, help="site directory (default OUT/review)")
    parser.add_argument("--db", type=Path, help="text store (default OUT/thidua.sqlite)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    db = args.db or args.out / "thidua.sqlite"
    if not db.is_file():
        print(f"thidua: {db}: no text store; pages will show records without text", file=sys.stderr)
    try:
        index = build_site(args.out, args.site, db=db)
    except FileNotFoundError as exc:
        print(f"thidua: {exc}", file=sys.stderr)
        return 2
    print(f"thidua: review site -> {index}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
