"""Segmentation: the structural role of every line of a normalized article.

Scraped articles of the genre share a layout: page chrome (font-size widgets, an
address block), a dateline above or below the headline, a byline ("Tên, ngày:
18/06/2020", "Tác giả: ..."), body paragraphs each followed by a photo caption, a
year-by-year table laid out one cell per line, a "Nguồn:" source line and "Tags:" /
"Tin liên quan" footers. :func:`segment` labels each non-empty line with one
:data:`extractors.base.SegmentKind`; :func:`sentences` splits text into sentences
(underthesea) with offsets; :func:`make_document` puts normalization, segmentation and
sentences together into the :class:`~extractors.base.Document` every extractor reads.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from extractors.author import writer_after_bar
from extractors.base import Document, Segment, SegmentKind, freeze
from extractors.keys import fix_name_case
from extractors.lexicon import Lexicon
from pipeline.normalize import normalize_text

__all__ = ["segment", "sentences", "lines", "make_document", "sent_tokenizer"]

_FULL_DATE = re.compile(r"(?<!\d)\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}(?!\d)|(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_CRAWL_DATE = re.compile(r"^date \d{4}-\d{2}-\d{2}\b")
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:SA|CH|AM|PM|GMT\s*[+-]\s*\d+))?", re.IGNORECASE)
_NUMERIC_CELL = re.compile(r"^(?:\d{1,4}(?:[.,]\d+)?\s*%?|\(%\)|-|–)$")
_WORD = re.compile(r"\w+")
_CELL_WORDS = 8  # a table cell or column header is at most this many words
_END_PUNCT = (".", "!", "?", "…", ":", ";", "”", '"', ")")


def lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line:
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _is_dateline(line: str, lexicon: Lexicon) -> bool:
    """A short line that is mostly a date: "Th 6, 18/12/2020 | 09:39 SA", "Cập nhật: 20:53,
    11/10/2019 (GMT+7)", "12:50 CH @ Thứ Sáu - 22 Tháng Bảy, 2022", "Ngày 12 tháng 3 năm 2019"."""
    if _CRAWL_DATE.match(line):
        return True
    byline = writer_after_bar(line, lexicon)
    if byline is not None:
        line = line[:byline[0]]  # "Cập nhật: 12/12/2023 | Tác giả: Lê Minh": the writer's part is a byline's
    label = lexicon.page_label_re.search(line, 1)
    if label is not None:
        line = line[:label.start()]  # "Ngày đăng: 03/02/2024 Chuyên mục: Tin tức": the section is the page's
    patterns = lexicon.date_patterns
    match = _FULL_DATE.search(line) or patterns.month_name_date_re.search(line) or patterns.dmy_words_re.search(line)
    if not match:
        return False
    year = _YEAR.search(match.group(0))
    if year and int(year.group(0)) < patterns.first_web_year:
        return False  # "Kỷ niệm ngày 30/4/1975": a date the headline commemorates
    rest = _TIME.sub(" ", _FULL_DATE.sub(" ", line[: match.start()] + " " + line[match.end():]))  # "... | Cập nhật: 16/01/2024"
    rest = lexicon.weekday_re.sub(" ", rest)
    rest = lexicon.dateline_filler_re.sub(" ", rest)
    return _words(rest) <= 3


_MENU_SEP = re.compile(r"\s+[|>»/›]\s+")


def _is_menu(line: str) -> bool:
    """A site's menu or breadcrumb: three or more short parts between bars or arrows, no
    digit and no sentence ("Thanh niên | Đoàn - Hội | Gương sáng", "Trang chủ » Tin tức »
    Thi đua").

    >>> _is_menu("Thanh niên | Đoàn - Hội | Gương sáng"), _is_menu("Thứ Năm, 12/12/2024 | 09:15 | Lượt xem")
    (True, False)
    """
    parts = _MENU_SEP.split(line.strip(" |>»"))
    return len(parts) >= 3 and not any(c.isdigit() for c in line) and not line.endswith(_END_PUNCT) \
        and all(1 <= _words(p) <= 4 for p in parts)


# what may follow a byline's date on its line ("Minh Hà, ngày 18/12/2025 09:30"): no clause
_BYLINE_TAIL = re.compile(r"[^,;]{0,30}$")


def _byline_dated(line: str, lexicon: Lexicon) -> bool:
    """Is the line a writer's name and a date ("Đào Hữu Hảo, ngày: 18/06/2020"), and not a
    lead that opens with a time and a date ("Sáng nay, ngày 15/12/2025, Sở Nội vụ tổ chức ...")?"""
    m = lexicon.byline_date_re.match(line)
    return m is not None and _BYLINE_TAIL.match(line, m.end()) is not None


def _is_signature(line: str) -> bool:
    """A short name-like line: "THANH TRÚC", "T.Hằng", "Hữu Hảo - Phòng TTKH"."""
    if len(line) > 60 or line.endswith((".", ":", ";", "?", "!")) and not re.fullmatch(r"[A-ZĐ]\.\w+", line):
        return False
    words = _WORD.findall(line)
    if not 1 <= len(words) <= 8:
        return False
    return all(w[:1].isupper() or w.isupper() for w in words)


_WRITER_JOIN = re.compile(r"\s+[-–]\s+")


def _is_top_byline(line: str, lexicon: Lexicon) -> bool:
    """A writer's line under a headline: a short name-like line ("THANH TRÚC"), two writers
    ("Quỳnh Như - Đức Toàn"), or a writer and the body it writes for ("Lê Hà - Phòng Công
    tác xã hội")."""
    if _is_signature(line) and _words(line) <= 4:
        return True
    parts = _WRITER_JOIN.split(line, maxsplit=1)
    if len(parts) != 2 or line.endswith(_END_PUNCT) or not (_is_signature(parts[0]) and _words(parts[0]) <= 4):
        return False
    return (_is_signature(parts[1]) and _words(parts[1]) <= 4) \
        or (_words(parts[1]) <= 10 and lexicon.unit_head_re.match(parts[1]) is not None)


def segment(text: str, lexicon: Lexicon) -> tuple[Segment, ...]:
    """Label every non-empty line of ``text``.

    >>> from extractors.lexicon import Lexicon
    >>> t = "Hội nghị tổng kết năm 2020\\n\\n18/06/2020\\nNgày 15/6, Văn phòng tổ chức Hội nghị.\\n\\nTác giả: Mai Lan"
    >>> [s.kind for s in segment(t, Lexicon.load())]
    ['headline', 'dateline', 'body', 'byline']
    """
    spans = lines(text)
    kinds: list[SegmentKind] = ["body"] * len(spans)
    body_started = False
    headline_seen = False
    footer_at = len(spans)
    for i, (start, end) in enumerate(spans):
        if lexicon.footer_re.match(text[start:end]):
            footer_at = i
            break
    for i, (start, end) in enumerate(spans[:footer_at]):
        line = text[start:end]
        top = not body_started and i < 10  # words are counted only where a rule reads them
        if lexicon.chrome_re.fullmatch(line) or (top and not headline_seen and _is_menu(line)):
            kinds[i] = "chrome"
        elif (_byline_dated(line, lexicon) and not lexicon.weekday_re.match(line)) or lexicon.author_re.match(line) \
                or (headline_seen and i >= max(2, footer_at - 2) and lexicon.end_byline_date_re.match(line)
                    and _is_signature(re.split(r"\s+[-–]\s+|\s*\(", line)[0])):
            kinds[i] = "byline"  # "Đào Hữu Hảo, ngày: 18/06/2020"; at the end "Hữu Phước - 15/01/2024"
        elif lexicon.source_re.match(line):
            kinds[i] = "source"
        elif top and _is_dateline(line, lexicon):
            kinds[i] = "dateline"
            body_started = body_started or (_CRAWL_DATE.match(line) is not None and _words(line) >= 12)
        elif i >= footer_at - 3 and lexicon.dateline_label_re.match(line) and _is_dateline(line, lexicon):
            kinds[i] = "dateline"  # the portal's publication line below the article ("Cập nhật: 16/05/2020")
        elif _CRAWL_DATE.match(line):
            kinds[i] = "dateline"
            body_started = body_started or _words(line) >= 12
        elif top and not headline_seen and not line.endswith((".", ":")) and i + 1 < footer_at and 4 <= _words(line) <= 45:
            kinds[i] = "headline"
            headline_seen = True
        elif top and (headline_seen or (i and kinds[i - 1] == "dateline")) and _is_top_byline(line.rstrip(" |"), lexicon):
            kinds[i] = "byline"  # a writer under the headline, or under a dateline above it
        elif _NUMERIC_CELL.match(line):
            kinds[i] = "table"
        else:
            kinds[i] = "body"
            if not body_started and line.endswith(_END_PUNCT) and _words(line) >= 12:
                body_started = True
    headline_at = next((i for i, k in enumerate(kinds) if k == "headline"), -1)
    for i in range(min(2, headline_at - 1)):  # "NGUYỄN HỮU PHƯỚC" / "15/01/2024" / headline: the writer above the dateline
        line = text[spans[i][0]:spans[i][1]].rstrip(" |")
        if kinds[i] == "body" and kinds[i + 1] == "dateline" and _is_signature(line) and _words(line) <= 4 \
                and not lexicon.unit_head_re.match(fix_name_case(line)):  # not a site's name ("BÁO NGHỆ AN")
            kinds[i] = "byline"
    _mark_tables(text, spans, kinds, footer_at)
    _mark_captions_and_signature(text, spans, kinds, footer_at)
    for i in range(footer_at, len(spans)):
        kinds[i] = "footer"
    return tuple(Segment(kinds[i], s, e) for i, (s, e) in enumerate(spans))


def _mark_tables(text: str, spans: list[tuple[int, int]], kinds: list[SegmentKind], stop: int) -> None:
    """A run of short lines holding at least four numeric cells is a table; the short
    header lines right before its first numeric cell belong to it."""
    i = 0
    while i < stop:
        if kinds[i] != "table":
            i += 1
            continue
        j = i
        numeric = 0
        while j < stop and (kinds[j] == "table" or (_words(text[spans[j][0]:spans[j][1]]) <= _CELL_WORDS
                                                   and not text[spans[j][0]:spans[j][1]].endswith("."))):
            numeric += kinds[j] == "table"
            j += 1
        if numeric >= 4:
            k = i
            while k > 0 and kinds[k - 1] in ("body",) and _words(text[spans[k - 1][0]:spans[k - 1][1]]) <= _CELL_WORDS \
                    and not text[spans[k - 1][0]:spans[k - 1][1]].endswith((".", ":")):
                k -= 1
            for m in range(k, j):
                kinds[m] = "table"
        else:
            for m in range(i, j):
                if kinds[m] == "table":
                    kinds[m] = "body"
        i = j


def _mark_captions_and_signature(text: str, spans: list[tuple[int, int]], kinds: list[SegmentKind], stop: int) -> None:
    last_body = max((i for i in range(stop) if kinds[i] in ("body", "caption")), default=-1)
    seen_body = False
    for i in range(stop):
        if kinds[i] != "body":
            continue
        line = text[spans[i][0]:spans[i][1]]
        if i == last_body and _is_signature(line) and seen_body:
            kinds[i] = "byline"
        elif line.endswith("|") or (not line.endswith(_END_PUNCT) and seen_body and _words(line) < 45):
            kinds[i] = "caption"
        if not seen_body and line.endswith(_END_PUNCT) and _words(line) >= 12:
            seen_body = True


@lru_cache(maxsize=1)
def sent_tokenizer() -> Callable[[str], list[str]]:
    """underthesea's ``sent_tokenize``, read faster: its Punkt-style rules and abbreviations
    (:func:`_underthesea_splitter`, its own module and ``punkt_params.json``), run by
    :func:`_punkt_sentences`, which jumps from one ".", "?" or "!" to the next instead of
    stepping through every character in Python. The same sentences as underthesea's
    (``tests/pipeline/test_segment.py`` compares them on every corpus article and on
    generated texts).

    >>> sent_tokenizer()("Xin chào. Tôi là Lan.")
    ['Xin chào.', 'Tôi là Lan.']
    """
    splitter = _underthesea_splitter()
    return partial(_punkt_sentences, abbreviations=frozenset(splitter.abbrev_types),
                   ends=frozenset(splitter.SENT_END_CHARS))


def _underthesea_splitter() -> Any:
    """underthesea's loaded ``PunktSentenceTokenizer``, without importing the
    ``underthesea`` package when nothing else has: the package's ``__init__`` imports the
    code of every model it has (about a second, what extracting a hundred documents
    takes), and the sentence splitter needs none of it. The module run is underthesea's
    own file (its code and its ``punkt_params.json``), loaded under a private name."""
    module: Any = sys.modules.get("underthesea.pipeline.sent_tokenize")
    if module is None and "underthesea" not in sys.modules:
        package = importlib.util.find_spec("underthesea")  # finds, does not import
        locations = list(package.submodule_search_locations or []) if package else []
        path = Path(locations[0]) / "pipeline" / "sent_tokenize" / "__init__.py" if locations else None
        spec = importlib.util.spec_from_file_location("pipeline._underthesea_sent_tokenize", path) \
            if path is not None and path.is_file() else None
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
    if module is None:  # the package is loaded already, or laid out otherwise
        module = importlib.import_module("underthesea.pipeline.sent_tokenize")
    module._load_model()
    return module.sentence_tokenizer


_SPACES_TABS = " \t"
_SPACES_LINES = " \t\n\r"


def _punkt_sentences(text: str, *, abbreviations: frozenset[str], ends: frozenset[str]) -> list[str]:
    """underthesea's ``PunktSentenceTokenizer.sentences_from_text``, step for step, except
    that the characters that cannot end a sentence are skipped by one regex search: a
    "." ends a sentence unless it stands between two digits or after an abbreviation
    ("TP.", "Q."), three dots or more only before a capital or the end; "?" and "!" always,
    with the end marks right after them.

    >>> _punkt_sentences("TP. Hồ Chí Minh tốt!? Vâng... rồi. Hết", abbreviations=frozenset({"tp"}), ends=frozenset(".?!"))
    ['TP. Hồ Chí Minh tốt!?', 'Vâng... rồi.', 'Hết']
    """
    if not text or not text.strip():
        return []
    finder = re.compile("[" + re.escape("".join(sorted(ends))) + "]")  # "[!.?]"
    out: list[str] = []
    start = 0
    n = len(text)
    m = finder.search(text)
    while m:
        i = m.start()
        if text[i] == ".":
            dot_end = i
            while dot_end < n and text[dot_end] == ".":
                dot_end += 1
            if dot_end - i >= 3:  # an ellipsis: a boundary before a capital or the end
                after = dot_end
                while after < n and text[after] in _SPACES_TABS:
                    after += 1
                if after >= n or text[after].isupper():
                    start = dot_end = _close(text, start, dot_end, out)
                m = finder.search(text, dot_end)
                continue
        if _is_boundary(text, i, abbreviations):
            end = i + 1
            while end < n and text[end] in ends:
                end += 1
            start = _close(text, start, end, out)
            m = finder.search(text, start)
            continue
        m = finder.search(text, i + 1)
    final = text[start:].strip()
    if final:
        out.append(final)
    return out


def _close(text: str, start: int, end: int, out: list[str]) -> int:
    """Add ``text[start:end]``, stripped, to ``out`` as a sentence (unless it is blank);
    where the next one starts: past the spaces and line breaks after ``end``."""
    sentence = text[start:end].strip()
    if sentence:
        out.append(sentence)
    n = len(text)
    while end < n and text[end] in _SPACES_LINES:
        end += 1
    return end


def _is_boundary(text: str, pos: int, abbreviations: frozenset[str]) -> bool:
    """underthesea's ``_is_sentence_boundary``: every end mark is a boundary but a "."
    between digits ("1.500.000") or after an abbreviation."""
    if text[pos] != ".":
        return True
    if pos > 0 and text[pos - 1].isdigit() and pos + 1 < len(text) and text[pos + 1].isdigit():
        return False
    start = pos - 1
    while start >= 0 and (text[start].isalnum() or text[start] == "."):
        start -= 1
    word = text[start + 1:pos]
    return not (word and word.lower() in abbreviations)


def sentences(text: str, start: int, end: int, tokenizer: Callable[[str], list[str]] | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (underthesea's ``sent_tokenize``, see
    :func:`sent_tokenizer`).

    The tokenizer's strings are located back in the text in order, so offsets are exact.
    Two pieces with no space between them are one sentence: a dot inside "UB.MTTQ" or
    "quý IV.2015" ends none.

    >>> t = "Ngày 17/11, UBND - UB.MTTQ Phường tổ chức hội nghị. Hội nghị đã thành công."
    >>> [t[s:e] for s, e in sentences(t, 0, len(t))]
    ['Ngày 17/11, UBND - UB.MTTQ Phường tổ chức hội nghị.', 'Hội nghị đã thành công.']
    """
    if tokenizer is None:
        tokenizer = sent_tokenizer()
    chunk = text[start:end]
    out: list[tuple[int, int]] = []
    pos = 0
    for sent in tokenizer(chunk):
        sent = sent.strip()
        if not sent:
            continue
        found = chunk.find(sent, pos)
        if found < 0:  # tokenizer altered the text; fall back to the rest of the chunk
            out.append((start + pos, end))
            return out
        if out and out[-1][1] == start + found:  # "UB.MTTQ", "IV.2015": a dot with no space ends no sentence
            out[-1] = (out[-1][0], start + found + len(sent))
        else:
            out.append((start + found, start + found + len(sent)))
        pos = found + len(sent)
    return out


def make_document(doc_id: str, raw_text: str, lexicon: Lexicon, *, source: str = "",
                  meta: Mapping[str, str] | None = None, raw_bytes: bytes | None = None) -> Document:
    """Normalize, segment and split into sentences: the document every extractor reads.

    ``meta["sha256"]`` is the hash of ``raw_bytes`` (the input file's bytes), else of
    the text's UTF-8 bytes.

    >>> d = make_document("x", "Hội nghị tổng kết năm 2020\\n\\nNgày 15/6, Văn phòng tổ chức Hội nghị.", Lexicon.load())
    >>> [(s.kind, d.text[s.start:s.end]) for s in d.segments]
    [('headline', 'Hội nghị tổng kết năm 2020'), ('body', 'Ngày 15/6, Văn phòng tổ chức Hội nghị.')]
    """
    text = normalize_text(raw_text)
    segs = segment(text, lexicon)
    sents: list[tuple[int, int]] = []
    for seg in segs:
        if seg.kind in ("body", "caption", "dateline", "headline"):
            sents.extend(sentences(text, seg.start, seg.end))
    digest = hashlib.sha256(raw_bytes if raw_bytes is not None else raw_text.encode("utf-8")).hexdigest()
    info = dict(meta or {})
    info["sha256"] = digest
    return Document(doc_id, text, segs, source, freeze(info), tuple(sents))
