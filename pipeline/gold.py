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

__all__ = ["GoldDoc", "AWARD_CATEGORIES", "load_gold", "iter_gold", "validate_gold", "gold_text_path"]

AWARD_CATEGORIES = (
    "Huân chương Lao động",
    "Huân chương Độc lập",
    "Huân chương",
    "Cờ thi đua",
    "Bằng khen",
    "Giấy khen",
    "Chiến sĩ thi đua",
    "Lao động tiên tiến",
    "Tập thể lao động xuất sắc",
    "Tập thể lao động tiên tiến",
    "Điển hình tiên tiến",
    "Danh hiệu",
)
AWARD_STATUSES = ("received", "proposed", "commended")
DATE_ROLES = ("published", "event", "period", "document", "mention")
GRANULARITIES = ("day", "month", "year", "range")
SLOGAN_KINDS = ("chủ đề thi đua", "phương châm", "khẩu hiệu", "phong trào", "cuộc vận động", "khác")

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class GoldDoc:
    """A gold file with the normalized text it annotates."""

    doc_id: str
    path: Path
    text: str
    data: dict[str, Any]


def gold_text_path(data: dict[str, Any], *, corpus_dir: Path, devset_dir: Path) -> Path:
    """Where the text of a gold document lives: ``corpus/articles`` or the devset."""
    if data["source"] == "corpus":
        return corpus_dir / "articles" / data["path"]
    if data["source"] == "devset":
        return devset_dir / data["path"]
    raise ValueError(f"gold {data.get('doc_id')!r}: unknown source {data['source']!r}")


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
    return GoldDoc(data["doc_id"], text_path, normalize_text(raw.decode("utf-8")), data)


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
        if award.get("award") not in AWARD_CATEGORIES:
            errors.append(f"{where}: award {award.get('award')!r} not in the vocabulary")
        if award.get("status") not in AWARD_STATUSES:
            errors.append(f"{where}: status {award.get('status')!r} not in {AWARD_STATUSES}")
        if award.get("count") is not None and not isinstance(award["count"], int):
            errors.append(f"{where}: count {award['count']!r} is not an integer or null")
    for i, slogan in enumerate(data["slogans"]):
        _check_span(errors, text, f"slogans[{i}]", slogan)
        if slogan.get("kind") not in SLOGAN_KINDS:
            errors.append(f"slogans[{i}]: kind {slogan.get('kind')!r} not in {SLOGAN_KINDS}")
    for i, date in enumerate(data["dates"]):
        where = f"dates[{i}]"
        _check_span(errors, text, where, date)
        if date.get("role") not in DATE_ROLES:
            errors.append(f"{where}: role {date.get('role')!r} not in {DATE_ROLES}")
        if date.get("granularity") not in GRANULARITIES:
            errors.append(f"{where}: granularity {date.get('granularity')!r} not in {GRANULARITIES}")
        for key in ("value", "value_end"):
            value = date.get(key)
            if value is not None and not _ISO.match(str(value)):
                errors.append(f"{where}: {key} {value!r} is not ISO")
    return errors


def main(argv: list[str] | None = None) -> int:
    """``python -m pipeline.gold [CORPUS_DIR] [DEVSET_DIR]``: validate every gold file."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    corpus_dir = Path(args[0]) if args else Path("corpus")
    devset_dir = Path(args[1]) if len(args) > 1 else Path("../shared/devset")
    bad = 0
    for path in sorted((corpus_dir / "gold").glob("*.json")):
        try:
            doc = load_gold(path, corpus_dir=corpus_dir, devset_dir=devset_dir)
        except (ValueError, KeyError, json.JSONDecodeError) as exc:
            print(f"{path}: {exc}")
            bad += 1
            continue
        if doc is None:
            print(f"{path}: text not available, skipped")
            continue
        for message in validate_gold(doc.data, doc.text):
            print(f"{path}: {message}")
            bad += 1
    print("gold: OK" if not bad else f"gold: {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
