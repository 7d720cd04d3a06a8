"""Slogans: quoted emulation themes, mottos, slogans, movements and campaigns.

Rules:

- ``slogans.marked``: a quotation after a marker in the same clause ("chủ đề thi đua
  “Đoàn kết, kỷ cương, Đổi mới sáng tạo, hiệu quả”", "phương châm “...”");
- ``slogans.listed``: a quotation in a list that a marked one opened
  ("các phong trào thi đua như “A”; “B”; “C”");
- ``slogans.known``: a quotation of a national movement or campaign (``[known]`` of
  ``data/slogans.toml``) with no marker ("cống hiến sức mình “Vì đàn em thân yêu”");
- ``slogans.colon``: an unquoted slogan set off by a marker and a colon, to the end of its
  sentence ("Khẩu hiệu hành động năm 2024: Kỷ cương, trách nhiệm, gương mẫu, hiệu quả");
- ``slogans.bare_marker``: an unquoted slogan right after "khẩu hiệu" or "phương châm", to
  the end of its sentence ("phương châm Đi từng ngõ, gõ từng nhà");
- a quotation cut off by the end of the text runs to the end (truncated excerpts).

Quotations naming a conference, a document, an award, a contest or a plan are not
slogans, nor is a quoted speech after a cue ("phong trào thi đua, ông A nhấn mạnh: “...”").
"""

from __future__ import annotations

import re

from extractors.base import Candidate, Document, Spans, freeze
from extractors.keys import match_key, once_match_key
from extractors.lexicon import Lexicon

__all__ = ["extract_slogans", "quotations"]

_REACH = 300  # characters before a quotation read for its marker
# characters between a marker's end and its quotation: "Chủ đề thi đua năm 2023 của Khối là “...”",
# not a speech much later in the clause ("Ủy viên Hội đồng Thi đua ..., khẳng định: “...”")
_MARKER_REACH = 60
_TRAILING = ".,;:"
_OPEN = "“\"«"
_CLOSE = "”\"»"
# ‘single quotes’, not an apostrophe inside a word; two apostrophes typed for a double quote
# (''...''); a closing mark typed to open one after a space (”...”)
_OPEN_RE = re.compile(f"(?<!\\w)''(?=\\S)|[{_OPEN}]|(?<!\\w)[‘']|(?<=\\s)”(?=\\w)")
_CLOSE_RE = re.compile(f"[{_CLOSE}]")
_SINGLE_CLOSE_RE = {"‘": re.compile(r"’(?!\w)"), "'": re.compile(r"'(?!\w)"),  # not the apostrophe of "H’Mông", "H'Mông"
                    "''": re.compile(r"''"), "”": re.compile(r"”")}
_INNER_OPEN_RE = re.compile(r"(?<!\w)[‘'\"]")  # quotations inside “…”: ‘…’, '…' and "…"
_INNER_CLOSE_RE = {**_SINGLE_CLOSE_RE, '"': re.compile(r'"')}


def quotations(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of the inside of every quotation on a line (“…”, "…", «…»,
    ‘…’, '…'), and of the quotations inside a double one; a quote left open at the very
    end of the text is returned with ``closed`` False.

    >>> quotations('Chủ đề “Đoàn kết” và "Sáng tạo", còn «Hiệu quả')
    [(8, 16, True), (22, 30, True), (38, 46, False)]
    >>> t = "Phong trào ‘Vì người H’Mông nghèo’ lan tỏa, cả 'Xanh - Sạch - Đẹp' ở bản H'Mông"
    >>> [t[s:e] for s, e, _ in quotations(t)]
    ['Vì người H’Mông nghèo', 'Xanh - Sạch - Đẹp']
    >>> t = 'Ông nói: “Cần đẩy mạnh phong trào ‘Vì an ninh Tổ quốc’ hơn nữa”'
    >>> [t[s:e] for s, e, _ in quotations(t)]
    ['Cần đẩy mạnh phong trào ‘Vì an ninh Tổ quốc’ hơn nữa', 'Vì an ninh Tổ quốc']
    """
    out: list[tuple[int, int, bool]] = []
    pos, size = 0, len(text)
    line_end = -1  # the end of the line of the last quote: found once per line, not per quote
    while (opening := _OPEN_RE.search(text, pos)) is not None:
        i = opening.start()
        if i > line_end:
            line_end = text.find("\n", i)
            line_end = size if line_end == -1 else line_end
        mark = opening.group(0)
        inside = i + len(mark)
        single = _SINGLE_CLOSE_RE.get(mark)
        closing = _matching_close(text, i, line_end) if mark == "“" else \
            single.search(text, inside, line_end) if single is not None else _CLOSE_RE.search(text, inside, line_end)
        if closing is not None:
            if closing.start() > inside:
                out.append((inside, closing.start(), True))
                if single is None:  # quotes inside a double quotation: “... phong trào ‘X’ ...”
                    out.extend(_inner_singles(text, inside, closing.start()))
            pos = closing.end()
            continue
        if line_end == size and size - i > 3:  # cut off by the end of the text
            out.append((inside, size, False))
        pos = line_end + 1  # an unclosed quote ends the line's quotations
    return out


_CURLY = re.compile("[“”]")


def _inner_singles(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The quotations inside a double quotation (``start``..``end``): single-quoted, or in
    straight quotes inside curly ones (“Phong trào "X" đã ...”)."""
    out = []
    pos = start
    while (opening := _INNER_OPEN_RE.search(text, pos, end)) is not None:
        closing = _INNER_CLOSE_RE[opening.group(0)].search(text, opening.end(), end)
        if closing is None:
            break
        if closing.start() > opening.end():
            out.append((opening.end(), closing.start(), True))
        pos = closing.end()
    return out


def _matching_close(text: str, i: int, line_end: int) -> re.Match[str] | None:
    """The ” that closes the “ at ``i``, past quotations nested in it ("cuộc vận động
    “... truyền thống “Bộ đội Cụ Hồ”, gương mẫu ...”"); the first closing mark of any kind
    when the curly ones do not pair up on the line."""
    depth = 0
    for m in _CURLY.finditer(text, i, line_end):
        depth += 1 if m.group(0) == "“" else -1
        if depth == 0:
            return m
    return _CLOSE_RE.search(text, i + 1, line_end)


def _names_an_award(before: str, lexicon: Lexicon) -> bool:
    """Does an award stand right before the quotation ("Huy hiệu “Tuổi trẻ sáng tạo”")?
    The quotation is then the award's name, not a slogan."""
    tail = before.rstrip()
    return any(m.end() == len(tail) for m in lexicon.award_re.finditer(tail, max(0, len(tail) - 40)))


def _in_a_name(before: str, m: re.Match[str], lexicon: Lexicon) -> bool:
    """Is the marker a word of a body's name or of a fixed phrase ("Hội đồng Thi đua - Khen
    thưởng tỉnh", "Khối thi đua", "công tác thi đua, khen thưởng"), not a slogan's cue?"""
    phrase = lexicon.compound_re.match(before, m.start())
    if phrase is not None and phrase.end() > m.end():
        return True
    return any(h.end() >= m.end() > h.start() for h in lexicon.unit_head_re.finditer(before, max(0, m.start() - 12), m.end()))


def _known(inner: str, lexicon: Lexicon) -> str | None:
    """The kind of a national movement or campaign (``[known]``) that the quotation
    names, or goes on from ("“Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư”")."""
    key = once_match_key(inner)  # a document's own quotation: not kept in match_key's cache
    words = key.split()
    for n in range(len(words), 0, -1):
        kind = lexicon.known_slogans.get(" ".join(words[:n]))
        if kind is not None:
            return kind
    return None


def extract_slogans(doc: Document, lexicon: Lexicon) -> list[Candidate]:
    """Every slogan occurrence with its kind and year.

    >>> from extractors.base import body_document
    >>> lex = Lexicon.load()
    >>> d = body_document("Khối phát động Chủ đề thi đua năm 2023 là “Kỷ cương, kết nối, đổi mới, thành công” tại “Hội nghị tổng kết”.")
    >>> [(c.text, c.get("kind"), c.get("year")) for c in extract_slogans(d, lex)]
    [('Kỷ cương, kết nối, đổi mới, thành công', 'chủ đề thi đua', 2023)]
    """
    text = doc.text
    skip = Spans((s.start, s.end) for s in doc.segments if s.kind in ("chrome", "footer"))
    out: list[Candidate] = []
    last_kind: str | None = None
    last_end = -1
    not_starting = tuple(match_key(w) for w in lexicon.slogan_not_starting)
    for start, end, closed in quotations(text):
        inner = text[start:end].strip().rstrip(_TRAILING)  # "“Chuyên nghiệp – Tận tâm – Hiệu quả.”": the sentence's stop
        if not inner or skip.overlaps(start, start + 1) or (out and out[-1].start <= start and end <= out[-1].end):
            continue  # a quotation inside a slogan is part of it
        start = text.find(inner, start)
        end = start + len(inner)
        floor = max(0, start - _REACH)  # a slogan's marker stands near it: look no further back
        clause_start = max(floor, max(text.rfind(sep, floor, start - 1) for sep in (".", "\n", ";")) + 1)
        before = text[clause_start:start - 1]
        if (lexicon.slogan_not_before_re.search(before[-40:]) and not lexicon.slogan_not_before_except_re.search(before))\
                or match_key(inner).startswith(not_starting):
            continue
        if lexicon.award_re.fullmatch(inner) or _names_an_award(before, lexicon):
            continue
        markers = [m for m in lexicon.slogan_marker_re.finditer(before)
                   if len(before) - m.end() <= _MARKER_REACH and not _in_a_name(before, m, lexicon)]
        if markers and lexicon.slogan_speech_before_re.search(before, markers[-1].end()):
            markers = []  # "Đánh giá phong trào thi đua, ông A nhấn mạnh: “...”": a speech, not the movement's name
        between = text[last_end:start - 1] if last_end >= 0 else ""
        if markers:
            kind, rule, conf = lexicon.slogan_kind(markers[-1].group(0)), "slogans.marked", 0.9
        elif last_kind and last_end >= 0 and lexicon.slogan_list_join_re.fullmatch(between):
            kind, rule, conf = last_kind, "slogans.listed", 0.8
        elif (known := _known(inner, lexicon)) is not None:
            kind, rule, conf = known, "slogans.known", 0.85
        elif (after := lexicon.slogan_marker_after_re.match(text, end)) is not None:
            kind, rule, conf = lexicon.slogan_kind(after.group("marker")), "slogans.marked_after", 0.85
        else:
            continue
        if not closed:
            rule = rule + "_truncated"
        window = text[clause_start:min(len(text), end + 60)]
        year = lexicon.year_in_window_re.search(window)
        out.append(Candidate("slogan", inner, inner, start, end, rule, conf,
                             freeze(kind=kind, year=int(year.group(1)) if year else None)))
        # a marked quotation opens a list; a known one, unmarked, opens none
        last_kind, last_end = (None, -1) if rule.startswith("slogans.known") else (kind, end + 1)
    quoted = Spans((c.start, c.end) for c in out)
    colon = [c for c in _after_colon(doc, lexicon) + _after_bare_marker(doc, lexicon)
             if not quoted.overlaps(c.start, c.end)]
    if colon:
        taken = Spans((c.start, c.end) for c in colon if c.rule == "slogans.colon")
        colon = [c for c in colon if c.rule == "slogans.colon" or not taken.overlaps(c.start, c.end)]
    return sorted(out + colon, key=lambda c: c.start) if colon else out


_COLON_REACH = 70  # characters before a colon read for its marker (the marker, up to 40 between)
_COLON_MIN_WORDS = 3  # a slogan is a phrase: "Thời sự" after "Chủ đề:" is a site's topic
_SPACES = re.compile(r"[ \t]*")
_SENTENCE_END = re.compile(r"\.(?:\s|$)|\n|$")
_COLON_SLOGAN = re.compile(r"[A-ZĐÀ-Ỹ][^“\"«”»\n]{2,199}")


def _after_colon(doc: Document, lexicon: Lexicon) -> list[Candidate]:
    """Unquoted slogans after a marker and its colon in the body or a caption: capitalised,
    of three words or more, to the end of the sentence, at most 200 characters, and not the
    name of a meeting, a document or an award."""
    text = doc.text
    out = []
    not_starting = tuple(match_key(w) for w in lexicon.slogan_not_starting)
    colon = text.find(":")
    while colon >= 0:  # a few colons a document: the marker is looked for before each
        m = lexicon.slogan_colon_re.search(text, max(0, colon - _COLON_REACH), colon + 1)
        colon = text.find(":", colon + 1)
        if m is None:
            continue
        start = _SPACES.match(text, m.end()).end()  # type: ignore[union-attr]  # "*" always matches
        end = _SENTENCE_END.search(text, start).start()  # type: ignore[union-attr]  # "$" always matches
        inner = text[start:end].rstrip()
        body = _COLON_SLOGAN.fullmatch(inner)
        seg = doc.segment_at(m.start())
        if body is None or len(inner.split()) < _COLON_MIN_WORDS or (seg is not None and seg.kind not in (
                "body", "caption")) or match_key(inner).startswith(not_starting):
            continue  # a site's menu ("Chủ đề: Thời sự") is not the article's
        if lexicon.award_re.fullmatch(inner):
            continue
        year = lexicon.year_in_window_re.search(text, m.start(), m.end())
        out.append(Candidate("slogan", inner, inner, start, start + len(inner), "slogans.colon", 0.8,
                             freeze(kind=lexicon.slogan_kind(m.group("marker")),
                                    year=int(year.group(1)) if year else None)))
    return out


def _after_bare_marker(doc: Document, lexicon: Lexicon) -> list[Candidate]:
    """Unquoted slogans right after a marker that sets one off alone (``bare_markers``:
    "khẩu hiệu An toàn để sản xuất, sản xuất phải an toàn", "phương châm Đi từng ngõ, gõ
    từng nhà"): as after a colon, capitalised, three words or more, to the end of the
    sentence, in the body or a caption."""
    text = doc.text
    out = []
    not_starting = tuple(match_key(w) for w in lexicon.slogan_not_starting)
    for m in lexicon.slogan_bare_re.finditer(text):
        start = m.end()
        end = _SENTENCE_END.search(text, start).start()  # type: ignore[union-attr]  # "$" always matches
        inner = text[start:end].rstrip()
        seg = doc.segment_at(m.start())
        if _COLON_SLOGAN.fullmatch(inner) is None or len(inner.split()) < _COLON_MIN_WORDS \
                or (seg is not None and seg.kind not in ("body", "caption")) or match_key(inner).startswith(not_starting) \
                or lexicon.award_re.fullmatch(inner) or lexicon.unit_head_re.match(inner):
            continue  # not "phương châm Tỉnh ủy đã đề ra": a body acting, no slogan
        year = lexicon.year_in_window_re.search(text, max(0, m.start() - 40, text.rfind("\n", 0, m.start()) + 1), m.end())
        out.append(Candidate("slogan", inner, inner, start, start + len(inner), "slogans.bare_marker", 0.75,
                             freeze(kind=lexicon.slogan_kind(m.group("marker")), year=int(year.group(1)) if year else None)))
    return out
