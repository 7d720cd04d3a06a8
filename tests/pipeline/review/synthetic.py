"""A synthetic run of any size, written straight into a store: what the archive-scale
review and browse tests look at.

Each document is made from a few article-like sentences with its rows and spans at
their true offsets, so the review site, the search index and the views see what a real
run gives them, in seconds rather than the minutes extraction would take. Everything
is a function of the document's number, so a test can say exactly which documents a
search or a filter must find (:func:`spec`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.run.results import DocumentResult, ErrorRecord
from pipeline.run.store import Store
from pipeline.schema import TABLE_COLUMNS

PROVINCES = ("Bắc Ninh", "Hà Nam", "Nghệ An", "Quảng Trị", "Đắk Lắk", "Cần Thơ", "Lào Cai", "Hải Dương",
             "Thái Bình", "Bình Định", "Kiên Giang", "Sơn La", "Phú Thọ")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng")
MIDDLES = ("Văn", "Thị", "Minh", "Đức", "Thanh")
GIVEN = ("Hùng", "Lan", "Nam", "Hòa", "Tuấn", "Mai", "Dũng", "Hương", "Sơn", "Thảo", "Khánh")
EVENT_TYPES = ("tổng kết", "sơ kết", "điển hình tiên tiến", "đại hội thi đua")
RARE_PERSON = "Trịnh Xuân Quý"
"""Named in the documents whose number is 7 modulo 250 (20 of 5,000), and nowhere else."""


@dataclass(frozen=True)
class Doc:
    """What document ``n`` of a synthetic run holds (the rows are made from it)."""

    n: int
    doc_id: str
    title: str | None
    source: str
    year: int
    event_type: str | None
    event_date: str | None
    published_date: str
    province: str
    people: tuple[str, ...]
    awards: int  # collectives given a Bằng khen; 0: no award sentence
    slogan: bool
    low: bool  # one span below the low-confidence threshold
    off: bool  # one span that is not the text at its offsets


def spec(n: int) -> Doc:
    """Document ``n``: every choice is a fixed function of ``n``.

    >>> spec(7).people[-1], spec(3).title is None, spec(3).event_type
    ('Trịnh Xuân Quý', True, 'đại hội thi đua')
    """
    year = 2015 + n % 10
    person = f"{SURNAMES[n % 7]} {MIDDLES[n % 5]} {GIVEN[n % 11]}"
    people = (person, RARE_PERSON) if n % 250 == 7 else (person,)
    event_type = None if n % 17 == 11 else EVENT_TYPES[n % 4]
    event_date = None if n % 9 == 4 else f"{year}-12-{1 + n % 28:02d}"
    source = (f"corpus/articles/syn-{n:05d}.txt" if n % 10 == 9 else
              f"https://baotinh{n % 20}.example.vn/thi-dua-khen-thuong/hoi-nghi-{n}.htm")
    return Doc(n, f"syn-{n:05d}", None if n % 50 == 3 else f"Hội nghị {event_type or 'tổng kết'} công tác thi đua, "
               f"khen thưởng năm {year} tỉnh {PROVINCES[n % len(PROVINCES)]}", source, year, event_type, event_date,
               f"{year}-12-{1 + (n + 1) % 28:02d}", PROVINCES[n % len(PROVINCES)], people,
               0 if n % 3 == 0 else 1 + n % 40, n % 4 == 0, n % 7 == 0, n % 97 == 5)


class _Text:
    """The text of a document, written piece by piece; each marked piece becomes a span."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id, self.parts, self.spans, self.length = doc_id, [], [], 0

    def add(self, piece: str, fld: str | None = None, *, confidence: float = 0.95, normalized: str | None = None,
            rule: str = "synthetic") -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        if fld is not None:
            self.spans.append({"doc_id": self.doc_id, "field": fld, "start": start, "end": self.length, "text": piece,
                               "normalized": normalized if normalized is not None else piece,
                               "confidence": confidence, "rule": f"{fld}.{rule}"})
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def _row(table: str, **values: Any) -> dict[str, Any]:
    return {c: None for c in TABLE_COLUMNS[table]} | values


def result(doc: Doc) -> DocumentResult:
    """The rows, spans and text of one synthetic document."""
    t = _Text(doc.doc_id)
    unit = f"Sở Nội vụ tỉnh {doc.province}"
    if doc.title:
        t.add(doc.title, "event", confidence=0.9)
        t.add("\n\n")
    day, month = doc.published_date[8:], doc.published_date[5:7]
    t.add(f"{day}/{month}/{doc.year}", "date", normalized=doc.published_date)
    t.add("\n\nNgày ")
    event_span = t.add(f"{doc.event_date[8:]}/12/{doc.year}", "date", normalized=doc.event_date) if doc.event_date \
        else t.add("cuối năm")
    t.add(", ")
    t.add(unit, "unit", confidence=0.6 if doc.low else 0.95)
    t.add(f" tổ chức Hội nghị {doc.event_type or 'tổng kết'} công tác thi đua, khen thưởng năm {doc.year}.\n\n")
    people, positions = [], []
    for i, name in enumerate(doc.people, 1):
        t.add("Đồng chí ")
        t.add(name, "person")
        t.add(", ")
        where = t.add(f"Giám đốc {unit}", "title")
        t.add(" chủ trì Hội nghị. " if i == 1 else " phát biểu. ")
        pid = f"{doc.doc_id}:P{i}"
        people.append(_row("people", doc_id=doc.doc_id, person_id=pid, name=name, honorific="đồng chí", mentions=1))
        positions.append(_row("positions", doc_id=doc.doc_id, person_id=pid, name=name, title=f"Giám đốc {unit}",
                              role="Giám đốc", unit=unit, start=where[0], end=where[1]))
    tables: dict[str, list[dict[str, Any]]] = {"people": people, "positions": positions}
    tables["units"] = [_row("units", doc_id=doc.doc_id, unit_id=f"{doc.doc_id}:U1", name=unit, aliases=unit,
                            unit_type="Sở", mentions=1 + len(doc.people))]
    tables["dates"] = [_row("dates", doc_id=doc.doc_id, text=s["text"], value=s["normalized"], granularity="day",
                            role="published" if s["start"] < event_span[0] else "event", start=s["start"], end=s["end"])
                       for s in t.spans if s["field"] == "date"]
    if doc.awards:
        t.add("\n\nDịp này, ")
        sentence = f"{doc.awards} tập thể được tặng Bằng khen của Chủ tịch UBND tỉnh"
        where = t.add(sentence, "award")
        t.add(".")
        tables["awards"] = [_row("awards", doc_id=doc.doc_id, award="Bằng khen", issuer="Chủ tịch UBND tỉnh",
                                 count=doc.awards, recipient="tập thể", recipient_kind="collective", status="received",
                                 text=sentence, start=where[0], end=where[1], rule="awards.statement")]
    if doc.slogan:
        t.add("\n\nHội nghị phát động phong trào thi đua với chủ đề “")
        where = t.add("Đoàn kết, sáng tạo, về đích", "slogan")
        t.add(f"” năm {doc.year + 1}.")
        tables["slogans"] = [_row("slogans", doc_id=doc.doc_id, text="Đoàn kết, sáng tạo, về đích",
                                  kind="chủ đề thi đua", year=str(doc.year + 1), start=where[0], end=where[1])]
    if doc.off:
        t.spans.append({**t.spans[-1], "text": "không có trong văn bản"})
    text = t.text()
    tables["documents"] = [_row("documents", doc_id=doc.doc_id, source=doc.source, title=doc.title,
                                published_date=doc.published_date, event_date=doc.event_date,
                                event_type=doc.event_type, organizer=unit, location=f"tỉnh {doc.province}",
                                sha256=f"{doc.n:064x}")]
    return DocumentResult(doc.doc_id, text, tables, t.spans)


def write_store(path: Path, n: int, *, errors: int = 3) -> list[Doc]:
    """A store of ``n`` synthetic documents and ``errors`` failed inputs; the documents'
    specs, in doc_id order (the order of the index)."""
    docs = [spec(i) for i in range(n)]
    with Store(path) as store:
        for doc in docs:
            store.put(result(doc), fingerprint="synthetic")
        for i in range(errors):
            store.put_error(ErrorRecord(f"corpus/broken-{i}.pdf", "decode", "binary file (a PDF document), not an article"))
    return docs
