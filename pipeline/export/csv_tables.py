"""CSV: the store's tables as CSV files (UTF-8, header row) with ``spans.jsonl`` and
``texts.jsonl``.

Formatting belongs here and only here: None becomes an empty cell, lists are joined
with ``|``, and cells that a spreadsheet would run as a formula are neutralised
(:func:`csv_cell`). Every file is written to a temporary ``.part`` beside it and put in
place only when all of a run's files are written (:class:`Staging`), so a killed run, a
full disk or Ctrl-C never leaves half a table, nor tables of two generations side by
side: the previous tables stay whole.
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any, TextIO

from pipeline.run.store import DiskFull, Store, is_disk_full
from pipeline.schema import ERROR_COLUMNS, SOURCE_COLUMNS, SPAN_COLUMNS, TABLE_COLUMNS

__all__ = ["CSV_OUTPUTS", "PART", "Staging", "atomic_text", "csv_cell", "read_table", "remove_parts", "uncell",
           "json_line", "write_csv", "write_json_lines", "write_jsonl", "write_rows"]

PART = ".part"
# Spreadsheets run a cell as a formula when its first character, after any spaces, is one
# of these (Excel and LibreOffice also take the full-width forms); tab and CR start one too.
_FORMULA_SIGNS = frozenset("=+-@＝＋－＠")
_LEADING = " \u00a0\u202f\u2007\u2009\u200a\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad\t\r\n"
_RISKY_FIRST = frozenset(_FORMULA_SIGNS | set(_LEADING))


def _formula_like(text: str) -> bool:
    """Would a spreadsheet run this cell? (``=``, ``+``, ``-``, ``@`` or their full-width
    forms after leading spaces, NBSP or zero-width characters; a leading tab or CR.)"""
    if text[:1] in ("\t", "\r"):
        return True
    return text.lstrip(_LEADING)[:1] in _FORMULA_SIGNS and not _is_number(text)


def csv_cell(value: Any) -> str:
    """One CSV cell: empty for None, ``|``-joined lists, formula-like text neutralised
    with a leading apostrophe (OWASP CSV injection guidance).

    >>> csv_cell(None), csv_cell([2015, 2016]), csv_cell("=HYPERLINK(1)"), csv_cell(3)
    ('', '2015|2016', "'=HYPERLINK(1)", '3')
    >>> csv_cell("  =1+1"), csv_cell("\\u00a0@SUM(A1)"), csv_cell("\\u200b-x"), csv_cell("＝1+1"), csv_cell(" -5")
    ("'  =1+1", "'\\xa0@SUM(A1)", "'\\u200b-x", "'＝1+1", ' -5')
    """
    if value is None:
        return ""
    if type(value) is str and value[:1] not in _RISKY_FIRST:
        return value
    if isinstance(value, (list, tuple)):
        return "|".join(csv_cell(v) for v in value)
    text = str(value)
    return "'" + text if _formula_like(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def remove_parts(out_dir: Path) -> list[Path]:
    """Delete the ``.part`` files a killed export left in ``out_dir``; the ones removed."""
    removed = []
    for path in sorted(out_dir.glob(f"*{PART}")) if out_dir.is_dir() else []:
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            pass
    return removed


class Staging:
    """The files of one export, written as ``.part`` files and put in place together.

    ``publish`` renames every part over its file (one rename each: each file is whole,
    and the renames come only after every file was written); ``discard`` (on any error,
    Ctrl-C included) deletes them, leaving the previous files as they were. A full disk
    becomes :class:`~pipeline.run.store.DiskFull` ("disk full writing PATH").
    """

    def __init__(self) -> None:
        self.parts: list[Path] = []

    def part(self, path: Path) -> Path:
        tmp = path.with_name(path.name + PART)
        self.parts.append(tmp)
        return tmp

    def adopt(self, parts: Iterable[Path]) -> None:
        """Parts written by another process of the same export."""
        self.parts.extend(parts)

    def publish(self) -> None:
        for tmp in self.parts:
            os.replace(tmp, tmp.with_name(tmp.name[: -len(PART)]))
        self.parts.clear()

    def discard(self) -> None:
        for tmp in self.parts:
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass
        self.parts.clear()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if kind is None:
            self.publish()
            return
        self.discard()
        if exc is not None and is_disk_full(exc) and not isinstance(exc, DiskFull):
            where = getattr(exc, "filename", None) or "the output directory"
            raise DiskFull(f"disk full writing {where}") from None


@contextmanager
def atomic_text(path: Path, encoding: str, staging: Staging | None = None) -> Iterator[TextIO]:
    """Write ``path`` through a temporary ``.part`` file: renamed into place at once, or,
    with ``staging``, when the whole export is written. A failure removes every part of
    the export."""
    stage = Staging() if staging is None else staging
    tmp = stage.part(path)
    try:
        with tmp.open("w", encoding=encoding, newline="") as handle:
            yield handle
    except BaseException as exc:
        stage.discard()  # the export fails as a whole: no part of it is kept
        if is_disk_full(exc):
            raise DiskFull(f"disk full writing {path}") from None
        raise
    if staging is None:
        stage.publish()


CSV_OUTPUTS = (*TABLE_COLUMNS, "sources", "errors", "spans", "texts")


def write_csv(store: Store, out_dir: Path, *, excel: bool = False, only: Iterable[str] = CSV_OUTPUTS,
              staging: Staging | None = None) -> dict[str, int]:
    """Write the store's tables as CSV into ``out_dir``, with ``sources.csv``,
    ``errors.csv``, ``spans.jsonl`` and ``texts.jsonl`` (``only`` names a subset of
    :data:`CSV_OUTPUTS`); returns row counts per table. Rows stream from the store."""
    out_dir.mkdir(parents=True, exist_ok=True)
    encoding = "utf-8-sig" if excel else "utf-8"
    counts: dict[str, int] = {}
    for name in only:
        if name in ("spans", "texts"):
            counts[name] = _write_jsonl(store, out_dir, name, staging)
            continue
        columns = ERROR_COLUMNS if name == "errors" else SOURCE_COLUMNS if name == "sources" else TABLE_COLUMNS[name]
        rows = ((e.source, e.stage, e.reason) for e in store.errors()) if name == "errors" else store.values(name)
        with closing(rows), atomic_text(out_dir / f"{name}.csv", encoding, staging) as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            counts[name] = 0
            for values in rows:
                writer.writerow([csv_cell(v) for v in values])
                counts[name] += 1
    return counts


def write_rows(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], encoding: str,
               staging: Staging | None = None) -> int:
    """Write one CSV table (header, then one line per row) atomically; returns its row count."""
    count = 0
    with atomic_text(path, encoding, staging) as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_cell(row.get(c)) for c in columns])
            count += 1
    return count


def _write_jsonl(store: Store, out_dir: Path, name: str, staging: Staging | None) -> int:
    """``spans.jsonl`` (every evidence span) or ``texts.jsonl`` (every document's
    normalized text, ``{"doc_id", "text"}``: what ``start``/``end`` point into)."""
    if name == "spans":
        return write_json_lines(out_dir / "spans.jsonl", SPAN_COLUMNS, store.values("spans"), staging)
    return write_json_lines(out_dir / "texts.jsonl", ("doc_id", "text"), store.texts(), staging)


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]], staging: Staging | None = None) -> int:
    """Write one JSON object per line (UTF-8, true values) atomically; returns the line count."""
    count = 0
    with atomic_text(path, "utf-8", staging) as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_json_lines(path: Path, columns: Sequence[str], rows: Iterable[Sequence[Any]],
                     staging: Staging | None = None) -> int:
    """:func:`write_jsonl` of rows given as values in ``columns`` order (what the store
    and Parquet give): the very same bytes, at about a third of the cost."""
    line = json_line(columns)
    count = 0
    with atomic_text(path, "utf-8", staging) as handle:
        for values in rows:
            handle.write(line(values))
            count += 1
    return count


def _json_float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


_JSON_SCALAR: dict[type, Callable[[Any], str]] = {
    str: encode_basestring, int: int.__repr__, float: _json_float, type(None): lambda _: "null",
    bool: lambda value: "true" if value else "false"}


def _json_other(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def json_line(columns: Sequence[str]) -> Callable[[Sequence[Any]], str]:
    """A function from a row's values to its JSON line, newline included: byte for byte
    ``json.dumps(dict(zip(columns, values)), ensure_ascii=False) + "\\n"``. The keys'
    text is made once and each scalar is encoded by the function ``json`` itself uses
    (its C string encoder, ``int.__repr__``, ``float.__repr__``); anything else goes
    through ``json.dumps``. Raises ValueError when a row has more or fewer values.

    >>> json_line(("doc_id", "start", "ok"))(("bài 1", 3, None))
    '{"doc_id": "bài 1", "start": 3, "ok": null}\\n'
    """
    if len(set(columns)) != len(columns):
        raise ValueError(f"repeated column: {columns!r}")
    template = "{{" + ", ".join(encode_basestring(c).replace("{", "{{").replace("}", "}}") + ": {}"
                                for c in columns) + "}}\n"
    fill, scalar, other, width = template.format, _JSON_SCALAR.get, _json_other, len(columns)

    def line(values: Sequence[Any]) -> str:
        if len(values) != width:
            raise ValueError(f"{len(values)} values for {width} columns")
        return fill(*[encode_basestring(v) if type(v) is str else scalar(type(v), other)(v) for v in values])

    return line


def uncell(text: str) -> str | None:
    """The value of a CSV cell written by :func:`csv_cell`: ``None`` for an
    empty cell, the formula-neutralising apostrophe removed.

    A value that itself began with an apostrophe followed by ``=`` cannot be told apart
    from a neutralised one; the genre has none. Numbers are never neutralised, so
    ``'-5`` stays as it is.

    >>> uncell(""), uncell("'=HYPERLINK(1)"), uncell("'-5 đơn vị"), uncell("Bộ Y tế"), uncell("'-5")
    (None, '=HYPERLINK(1)', '-5 đơn vị', 'Bộ Y tế', "'-5")
    """
    if text == "":
        return None
    if text.startswith("'") and _formula_like(text[1:]):
        return text[1:]
    return text


def read_table(path: Path) -> list[dict[str, str | None]]:
    """Rows of one CSV table of a run, cells through :func:`uncell` (a BOM is accepted);
    [] when the table is absent. For readers of a run's files (notebooks, tests); the
    pipeline itself reads the store."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: uncell(v or "") for k, v in row.items()} for row in csv.DictReader(handle)]
