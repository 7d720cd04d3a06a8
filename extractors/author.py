"""Author: the writer of the article, from a byline or a signature line.

Rules, in order: ``author.tac_gia`` ("Tác giả: Mai Lan"), ``author.byline_date``
("Đào Hữu Hảo, ngày: 18/06/2020"), ``author.signature`` (a short name-like last line:
"THANH TRÚC", "T.Hằng", "Phòng Tổ chức cán bộ"), ``author.byline_top`` (a short name
line under the headline: "Mai Phương"). "PV" (phóng viên) names nobody.
"""

from __future__ import annotations

import re

from extractors.base import Candidate, Document
from extractors.keys import fix_name_case
from extractors.lexicon import Lexicon

__all__ = ["extract_author"]

_NAME = re.compile(r"^(?:[A-ZĐ]\.\s?)?[^\W\d_][\w.]*(?:\s+[^\W\d_][\w.]*){0,5}$")


def _clean(name: str) -> str:
    return fix_name_case(name) if name.isupper() else name


def _candidate(doc: Document, start: int, end: int, rule: str, conf: float) -> Candidate | None:
    raw = doc.text[start:end].strip(" |-–")
    if not raw or len(raw) < 3 or (raw.isupper() and len(raw) <= 3):
        return None  # "PV"
    start = doc.text.find(raw, start)
    return Candidate("author", raw, _clean(raw), start, start + len(raw), rule, conf)


def extract_author(doc: Document, lexicon: Lexicon) -> list[Candidate]:
    """Every author candidate, in the order the rules found them
    (:mod:`pipeline.resolve.author` chooses).

    >>> from extractors.base import lined_document
    >>> lex = Lexicon.load()
    >>> t = "Hội nghị tổng kết năm 2020 của Khối\\n\\nNgày 15/6/2020, Khối tổ chức Hội nghị tổng kết.\\n\\nTHANH TRÚC"
    >>> d = lined_document(t, "headline", "body", "byline")
    >>> [(c.normalized, c.rule) for c in extract_author(d, lex)]
    [('Thanh Trúc', 'author.signature'), ('Thanh Trúc', 'author.byline_top')]
    """
    text = doc.text
    out: list[Candidate] = []
    for seg in doc.segments:
        line = text[seg.start:seg.end]
        m = lexicon.author_line_re.match(line)
        if m:
            c = _candidate(doc, seg.start + m.end(), seg.end, "author.tac_gia", 0.95)
            if c:
                out.append(c)
            continue
        m = lexicon.byline_name_re.match(line)
        if m and seg.kind == "byline":
            c = _candidate(doc, seg.start, seg.start + m.end(1), "author.byline_date", 0.95)
            if c:
                out.append(c)
    content = [s for s in doc.segments if s.kind not in ("chrome", "footer", "source")]
    if content:
        last = content[-1]
        line = text[last.start:last.end].rstrip(" |")
        words = line.split()
        head = lexicon.unit_head_re.match(line)
        if 1 <= len(words) <= 6 and not line.endswith((".", ":", "!", "?")) and _NAME.match(line) \
                and (all(w[:1].isupper() for w in words) or head) and last.kind in ("byline", "caption", "body"):
            c = _candidate(doc, last.start, last.start + len(line), "author.signature", 0.8)
            if c:
                out.append(c)
    headline = next((s for s in doc.segments if s.kind == "headline"), None)
    for seg in doc.segments:
        if seg.kind == "byline" and headline and seg.start > headline.start and seg.start < headline.end + 200:
            line = text[seg.start:seg.end].rstrip(" |")
            if _NAME.match(line) and len(line.split()) <= 4:
                c = _candidate(doc, seg.start, seg.start + len(line), "author.byline_top", 0.85)
                if c:
                    out.append(c)
    return out
