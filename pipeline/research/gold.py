"""Gold annotations: loading, locating the text they annotate, and validation.

One JSON file per document in ``corpus/gold/``; the format is documented in
``corpus/README.md``. Offsets are character offsets into
:func:`pipeline.normalize.normalize_text` of the decoded document.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.normalize import normalize_text
from pipeline.schema import AWARD_CATEGORIES, AWARD_STATUSES, DATE_ROLES, GRANULARITIES, SLOGAN_KINDS

__all__ = ["GoldDoc", "check_all", "gold_text", "gold_text_path", "iter_gold", "load_gold", "validate_gold"]

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class GoldDoc:
    """A gold file with the normalized text it annotates."""

    doc_id: str
    path: Path
    text: str
    data: dict[str, Any]


def gold_text_path(data: dict[str, Any], *, corpus_dir: Path, devset_dir: Path) -> Path:
    """Where the input of a gold document lives: ``corpus/articles``, the devset, or
    (``file``, as ``thidua labelstudio import`` writes for other inputs) its own path,
    absolute or relative to the corpus directory."""
    if data["source"] == "corpus":
        return corpus_dir / "articles" / data["path"]
    if data["source"] == "devset":
        return devset_dir / data["path"]
    if data["source"] == "file":
        path = Path(data["path"])
        return path if path.is_absolute() else corpus_dir / path
    raise ValueError(f"gold {data.get('doc_id')!r}: unknown source {data['source']!r}")


def gold_text(path: Path, raw: bytes) -> str:
    """The normalized text a gold file annotates: the input decoded (any encoding thidua
    reads) and, for a page (``.html``/``.htm``), reduced to its article, as ``thidua run``
    does; then :func:`pipeline.normalize.normalize_text`."""
    from pipeline.ingest.reader import text_of
    from pipeline.ingest.sources import file_source

    return normalize_text(text_of(file_source(path), raw).text)


def load_gold(path: Path, *, corpus_dir: Path, devset_dir: Path) -> GoldDoc | None:
    """Load one gold file; None when its text is absent (devset not present)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    text_path = gold_text_path(data, corpus_dir=corpus_dir, devset_dir=devset_dir)
    if not text_path.exists():
        return None
    raw = text_path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != data["sha256"]:
        raise ValueError(f"{path}: text {text_path} changed (sha256 {digest[:12]} != {data['sha256'][:12]})")
    return GoldDoc(data["doc_id"], text_path, gold_text(text_path, raw), data)


def iter_gold(corpus_dir: Path, devset_dir: Path) -> Iterator[GoldDoc]:
    """Every gold document whose text is available, in doc_id order."""
    for path in sorted((corpus_dir / "gold").glob("*.json")):
        doc = load_gold(path, corpus_dir=corpus_dir, devset_dir=devset_dir)
        if doc is not None:
            yield doc


def _check_span(errors: list[str], text: str, where: str, item: dict[str, Any]) -> None:
    start, end, expected = item.get("start"), item.get("end"), item.get("text")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        errors.append(f"{where}: bad offsets {start!r}..{end!r}")
        return
    if text[start:end] != expected:
        errors.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {expected!r}")


def _check_vocabulary(errors: list[str], where: str, item: dict[str, Any], key: str, vocabulary: tuple[str, ...]) -> None:
    if item.get(key) not in vocabulary:
        errors.append(f"{where}: {key} {item.get(key)!r} not in {vocabulary}")


def validate_gold(data: dict[str, Any], text: str) -> list[str]:
    """Every problem in one gold document, as readable messages (empty when valid).

    Checks: required keys, every offset slices the text to the item's ``text``,
    every name, surface form and slogan occurs in the text, vocabularies.
    """
    errors: list[str] = []
    for key in ("doc_id", "source", "path", "sha256", "published_date", "event_date", "author",
                "people", "units", "awards", "slogans", "dates"):
        if key not in data:
            errors.append(f"missing key {key!r}")
    if errors:
        return errors
    for key in ("published_date", "event_date"):
        item = data[key]
        if item is not None:
            _check_span(errors, text, key, item)
            if not _ISO.match(str(item.get("value"))) or len(item["value"]) != 10:
                errors.append(f"{key}: value {item.get('value')!r} is not YYYY-MM-DD")
    if data["author"] is not None:
        _check_span(errors, text, "author", data["author"])
    for i, person in enumerate(data["people"]):
        where = f"people[{i}] {person.get('name')!r}"
        if not person.get("mentions"):
            errors.append(f"{where}: no mentions")
        for j, mention in enumerate(person.get("mentions", [])):
            _check_span(errors, text, f"{where}.mentions[{j}]", mention)
        for j, title in enumerate(person.get("titles", [])):
            _check_span(errors, text, f"{where}.titles[{j}]", title)
        names = {m["text"].casefold() for m in person.get("mentions", [])}
        if person.get("name", "").casefold() not in names and person.get("name", "").casefold() not in text.casefold():
            errors.append(f"{where}: name does not occur in the text (case-insensitively)")
    for i, unit in enumerate(data["units"]):
        where = f"units[{i}] {unit.get('name')!r}"
        forms = unit.get("forms", [])
        if not forms:
            errors.append(f"{where}: no forms")
        for form in forms:
            if form not in text:
                errors.append(f"{where}: form {form!r} does not occur in the text")
        for j, mention in enumerate(unit.get("mentions", [])):
            _check_span(errors, text, f"{where}.mentions[{j}]", mention)
            if mention.get("text") not in forms:
                errors.append(f"{where}.mentions[{j}]: {mention.get('text')!r} is not among the forms")
    for i, award in enumerate(data["awards"]):
        where = f"awards[{i}]"
        _check_span(errors, text, where, award)
        _check_vocabulary(errors, where, award, "award", AWARD_CATEGORIES)
        _check_vocabulary(errors, where, award, "status", AWARD_STATUSES)
        if award.get("count") is not None and not isinstance(award["count"], int):
            errors.append(f"{where}: count {award['count']!r} is not an integer or null")
    for i, slogan in enumerate(data["slogans"]):
        _check_span(errors, text, f"slogans[{i}]", slogan)
        _check_vocabulary(errors, f"slogans[{i}]", slogan, "kind", SLOGAN_KINDS)
    for i, date in enumerate(data["dates"]):
        where = f"dates[{i}]"
        _check_span(errors, text, where, date)
        _check_vocabulary(errors, where, date, "role", DATE_ROLES)
        _check_vocabulary(errors, where, date, "granularity", GRANULARITIES)
        for key in ("value", "value_end"):
            value = date.get(key)
            if value is not None and not _ISO.match(str(value)):
                errors.append(f"{where}: {key} {value!r} is not ISO")
    return errors


def check_all(corpus_dir: Path, devset_dir: Path) -> tuple[list[str], int]:
    """Every problem of every gold file in ``corpus_dir/gold`` as ``"path: message"``
    lines, and how many files were checked (files whose text is absent are skipped,
    with a line saying so)."""
    lines, checked = [], 0
    for path in sorted((corpus_dir / "gold").glob("*.json")):
        try:
            doc = load_gold(path, corpus_dir=corpus_dir, devset_dir=devset_dir)
        except (ValueError, KeyError, json.JSONDecodeError) as exc:
            lines.append(f"{path}: {exc}")
            continue
        if doc is None:
            lines.append(f"{path}: text not available, skipped")
            continue
        checked += 1
        lines += [f"{path}: {message}" for message in validate_gold(doc.data, doc.text)]
    return lines, checked
