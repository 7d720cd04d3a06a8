"""Vietnamese knowledge loaded from the data files in ``extractors/data/``.

The :class:`Lexicon` is built once by the pipeline (``Lexicon.load()``) and passed to
every extractor explicitly; it is immutable. Patterns are compiled here so extractors
stay small and data stays out of code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar, cast

import regex

from extractors.keys import CAPITAL, COUNT_WORDS, NUMBER_WORDS, TENS, UPPER, match_key, tone_variants
from extractors.places import Places, load_places
from extractors.scan import PhraseScanner, ScanGroup, ci_closure, first_words

__all__ = ["DATA_DIR", "Lexicon", "vi_pattern", "alternation", "gated"]

DATA_DIR = Path(__file__).parent / "data"
T = TypeVar("T")

def vi_pattern(phrase: str) -> str:
    """A regex source matching ``phrase`` with flexible spaces and dashes and either
    tone placement; no boundaries.

    >>> bool(re.fullmatch(vi_pattern("Ủy ban nhân dân"), "Uỷ ban  nhân dân"))
    True
    """
    parts: list[str] = []
    for token in re.split(r"(\s+|[-–—])", phrase.strip()):
        if not token:
            continue
        if token.isspace():
            parts.append(r"\s+")
        elif token in "-–—":
            if parts and parts[-1] == r"\s+":
                parts.pop()
            parts.append(r"\s*[-–—]\s*")
        else:
            variants = tone_variants(token)
            alts = sorted((re.escape(v) for v in variants), key=len, reverse=True)
            parts.append(alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")")
    # collapse "\s+" directly after a dash group
    source = "".join(parts).replace(r"\s*[-–—]\s*\s+", r"\s*[-–—]\s*")
    return source


def alternation(phrases: Iterable[str]) -> str:
    """Longest-first alternation of :func:`vi_pattern` sources, factored by first letter
    and, inside a group, word by word (:func:`_factored`).

    Phrases whose first letters can coincide (in either case, either tone placement)
    share a group guarded by a one-character lookahead, so the regex engine tries a
    handful of classes at each position instead of every phrase: several times faster
    on long alternations, and the same matches (within a group the order is unchanged,
    and two groups never match at one position).

    >>> print(alternation(["Bộ", "bộ phận", "Cục"]))
    (?=[Bb])(?:bộ\\s+phận|Bộ)|(?=[Cc])(?:Cục)
    """
    parts = []
    for chars, members in _first_letter_groups(phrases):
        alts = _factored(members)
        parts.append(f"(?=[{re.escape(chars)}])(?:{alts})" if chars else f"(?:{alts})")
    return "|".join(parts)


_SPACE, _DASH = r"\s+", r"\s*[-–—]\s*"


def _parts(phrase: str) -> list[tuple[str, tuple[str, ...]]]:
    """The pieces of :func:`vi_pattern`'s source for ``phrase``: (source, the spellings of
    the word) for a word, (source, ()) for a space or a dash."""
    parts: list[tuple[str, tuple[str, ...]]] = []
    for token in re.split(r"(\s+|[-–—])", phrase.strip()):
        if not token:
            continue
        if token.isspace():
            if not (parts and parts[-1][0] == _DASH):  # vi_pattern drops a space after a dash
                parts.append((_SPACE, ()))
        elif token in "-–—":
            if parts and parts[-1][0] == _SPACE:
                parts.pop()
            parts.append((_DASH, ()))
        else:
            variants = sorted(tone_variants(token), key=len, reverse=True)
            escaped = [re.escape(v) for v in sorted(variants, key=lambda v: len(re.escape(v)), reverse=True)]
            parts.append((escaped[0] if len(escaped) == 1 else "(?:" + "|".join(escaped) + ")", tuple(variants)))
    return parts


def _may_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Can a spelling of one word and a spelling of the other match at one position, one
    being (in either case) the other or the start of it? Separators (no spellings) never
    do: a space run, a dash and a word begin with different characters."""
    def same(x: str, y: str) -> bool:
        return x == y or x.lower() == y.lower() or x.upper() == y.upper() or x.casefold() == y.casefold()

    return any(all(same(x, y) for x, y in zip(u, v, strict=False)) for u in a for v in b)


def _factored(members: list[str]) -> str:
    """The alternation of the :func:`vi_pattern` sources of ``members`` (in this order),
    factored word by word into a trie: "Bộ Tài chính|Bộ Nội vụ" is written
    "Bộ\\s+(?:Tài\\s+chính|Nội\\s+vụ)", so a text that starts with "Bộ" is read once,
    not once per phrase. The matches are the same: at each branch, the words that two
    branches begin with cannot both match at one position (:func:`_may_overlap`; those
    that could stay unfactored, in their order), and a phrase ending at a branch comes
    after the longer ones that go on from it, as in the plain alternation (when it does
    not, the branch is left flat, in its order). Falls back to
    the plain alternation when a phrase's pieces do not spell its :func:`vi_pattern`.

    >>> print(_factored(["Bộ Tài chính", "Bộ Nội vụ", "Bộ"]))
    Bộ(?:\\s+(?:Tài\\s+chính|Nội\\s+vụ)|)
    """
    seqs = [_parts(p) for p in members]
    if any("".join(src for src, _ in parts) != vi_pattern(p) for p, parts in zip(members, seqs, strict=True)):
        return "|".join(f"(?:{vi_pattern(p)})" for p in members)
    return _trie(list(enumerate(seqs)))


def _trie(seqs: list[tuple[int, list[tuple[str, tuple[str, ...]]]]]) -> str:
    """:func:`_factored` from one branch on: ``seqs`` are (order, the pieces left)."""
    ends = [i for i, parts in seqs if not parts]
    going = [(i, parts) for i, parts in seqs if parts]

    def flat() -> str:
        return "|".join("".join(src for src, _ in parts) for _, parts in seqs)

    if ends and going and min(ends) < max(i for i, _ in going):
        return flat()  # a phrase that stops here before one that goes on: keep the plain order
    clusters: list[list[tuple[int, list[tuple[str, tuple[str, ...]]]]]] = []
    for i, parts in going:  # the branches: same first piece; pieces that may overlap share one
        src, spellings = parts[0]
        joined = [c for c in clusters if any(q[0][0] == src or _may_overlap(q[0][1], spellings) for _, q in c)]
        merged = [x for c in joined for x in c] + [(i, parts)]
        clusters = [c for c in clusters if all(c is not j for j in joined)] + [sorted(merged, key=lambda x: x[0])]
    clusters.sort(key=lambda c: c[0][0])
    alts = []
    for c in clusters:
        firsts = {parts[0][0] for _, parts in c}
        if len(firsts) == 1:
            rest = _trie([(i, parts[1:]) for i, parts in c])
            alts.append(c[0][1][0][0] + (f"(?:{rest})" if len(c) > 1 and rest else rest))
        else:
            alts.append("|".join("".join(src for src, _ in parts) for _, parts in c))
    if ends:
        alts.append("")
    return alts[0] if len(alts) == 1 else "|".join(alts)


def _first_letter_groups(phrases: Iterable[str]) -> list[tuple[str, list[str]]]:
    """The groups of :func:`alternation`: (the first letters of the group in both cases,
    its phrases longest first), in the alternation's order."""
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    firsts = {p: _first_letters(p) for p in unique}
    groups: list[set[str]] = []  # connected components of overlapping first letters
    for letters in firsts.values():
        joined = [g for g in groups if g & letters]
        merged = set(letters).union(*joined)
        groups = [g for g in groups if not g & letters] + [merged]
    out = []
    for group in sorted(groups, key=lambda g: min(unique.index(p) for p in unique if firsts[p] & g)):
        out.append(("".join(sorted(group | {c.upper() for c in group})), [p for p in unique if firsts[p] & group]))
    return out


def gated(phrases: Iterable[str], flags: int = 0, *, boundary: bool = True) -> str:
    r"""The source of ``(?<!\w)(?:alternation(phrases))`` (without the boundary when not
    ``boundary``), written so that the regex engine skips in C every position whose
    character cannot begin a phrase; the same matches at every position, for ``search``,
    ``match`` and ``finditer`` alike, with or without ``pos`` and ``endpos``.

    Python's ``re`` scans fast only for a pattern that opens with a plain character class;
    a lookbehind or a case-insensitive class in front makes it try the whole pattern at
    every position. So the first character is taken by a case-sensitive class of every
    character a phrase can begin with (under ``re.IGNORECASE``, every character the engine
    itself matches to one of them, :func:`~extractors.scan.ci_closure`), the word boundary before it is
    checked behind it (``(?<!\w[\s\S])``), each group of :func:`alternation` is
    guarded by a lookbehind on that character instead of a lookahead, and each phrase
    checks its own first character the same way, then goes on as :func:`vi_pattern` does.
    Must stand at the start of a pattern compiled with ``flags`` (the flags decide the
    first-character class). A phrase that does not open with a letter or a digit leaves
    the plain alternation.

    >>> print(gated(["Bộ", "bộ phận", "Cục"]))
    [BCbc](?<!\w[\s\S])(?:(?<=[Bb])(?:(?:(?:(?<=b)ộ)\s+phận)|(?:(?:(?<=B)ộ)))|(?<=[Cc])(?:(?:(?:(?<=C)ục))))
    >>> bool(re.match(gated(["Bộ"]), "Bộ")), bool(re.compile(gated(["Bộ"])).match("xBộ", 1))
    (True, False)
    """
    phrases = list(phrases)
    groups = _first_letter_groups(phrases)
    heads = {p: _vi_head(p) for _, members in groups for p in members}
    if not groups or any(not chars for chars, _ in groups) or any(h is None for h in heads.values()):
        return (r"(?<!\w)" if boundary else "") + f"(?:{alternation(phrases)})"
    parts = []
    first_chars: set[str] = set()
    for chars, members in groups:
        alts = []
        for p in members:
            variants, rest = heads[p]  # type: ignore[misc]
            first_chars.update(v[0] for v in variants)
            alts.append("(?:(?:" + "|".join(f"(?<={re.escape(v[0])}){re.escape(v[1:])}" for v in variants)
                        + f"){rest})")
        first_chars.update(chars)
        parts.append(f"(?<=[{re.escape(chars)}])(?:{'|'.join(alts)})")
    cls = ci_closure("".join(sorted(first_chars))) if flags & re.IGNORECASE else "".join(sorted(first_chars))
    cls_source = "[" + "".join(re.escape(c) for c in cls) + "]"
    if flags & re.IGNORECASE:
        cls_source = f"(?-i:{cls_source})"
    return cls_source + (r"(?<!\w[\s\S])" if boundary else "") + f"(?:{'|'.join(parts)})"


def _vi_head(phrase: str) -> tuple[list[str], str] | None:
    """(the spellings of the first word of ``phrase``, the rest of its :func:`vi_pattern`
    source), or None when the phrase does not open with a word."""
    first = re.split(r"(\s+|[-–—])", phrase.strip())[0]
    if not first or not first[0].isalnum():
        return None
    variants = sorted(tone_variants(first), key=lambda v: len(re.escape(v)), reverse=True)
    escaped = [re.escape(v) for v in variants]
    head = escaped[0] if len(escaped) == 1 else "(?:" + "|".join(escaped) + ")"
    source = vi_pattern(phrase)
    if not source.startswith(head):
        return None
    return variants, source[len(head):]


@lru_cache(maxsize=512)
def _first_letters(phrase: str) -> set[str]:
    """The lower-case first characters the phrase can start with (both tone placements)."""
    first = re.split(r"(\s+|[-–—])", phrase.strip())[0] or phrase.strip()
    return {v[:1].lower() for v in tone_variants(first) if v}


def _bounded(source: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{source})(?!\w)", flags)


_GATED_GROUPS = 11  # at most this many first-letter groups: the gated scan is the faster one


def _bounded_words(phrases: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    r"""``(?<!\w)(?:alternation(phrases))(?!\w)`` compiled; written :func:`gated` when few
    letters begin the phrases (``_GATED_GROUPS``, measured: two to three times faster
    for a handful of verbs, slower for a hundred unit heads, whose capitals are
    everywhere). The same matches either way (``tests/extractors/test_lexicon.py``).

    >>> [m.group(0) for m in _bounded_words(["biểu dương", "tôn vinh"], re.I).finditer("Biểu dương và tôn vinh")]
    ['Biểu dương', 'tôn vinh']
    """
    phrases = list(phrases)
    if len(_first_letter_groups(phrases)) <= _GATED_GROUPS:
        return re.compile(rf"{gated(phrases, flags)}(?!\w)", flags)
    return _bounded(alternation(phrases), flags)


def _outside_nouns(pattern: re.Pattern[str], verbs: Sequence[str], nouns: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    r"""``pattern``, a word-bounded alternation of ``verbs``, that does not match a verb
    that is a syllable of one of ``nouns`` ("trình" of "chương trình", "trình bày").

    >>> p = _outside_nouns(re.compile(r"(?<!\w)(?:trình)(?!\w)"), ["trình"], ["chương trình", "trình bày"])
    >>> [bool(p.search(t)) for t in ("trình Thủ tướng", "chương trình", "trình bày", "trình bày xong, trình Bộ")]
    [True, False, False, True]
    """
    behind, ahead = [], []
    for noun in nouns:
        for verb in verbs:
            if noun.lower().endswith(" " + verb.lower()):
                behind.append(f"(?<!{re.escape(noun)})")
            elif noun.lower().startswith(verb.lower() + " "):
                ahead.append(vi_pattern(noun[len(verb) + 1:]))
    if not (behind or ahead):
        return pattern
    guard = "".join(sorted(set(behind))) + (rf"(?!\s+(?:{'|'.join(sorted(set(ahead)))})(?!\w))" if ahead else "")
    return re.compile(pattern.pattern + guard, flags)


def _not_after_first_words(compounds: Iterable[str]) -> str:
    """Lookbehinds that keep a word from matching as the last word of one of ``compounds``
    ("trường" of "môi trường"), for a pattern that then matches the word.

    >>> bool(re.search(_not_after_first_words(["môi trường"]) + "trường", "Môi trường", re.I))
    False
    """
    return "".join(f"(?<!{re.escape(c.rsplit(' ', 1)[0])} )" for c in compounds)


ScanGroups = dict[bool, ScanGroup]  # the scan groups of one build, by case mode


def _scan_groups() -> ScanGroups:
    return {False: ScanGroup(False), True: ScanGroup(True)}


def _scanned_words(phrases: Iterable[str], flags: int = 0, *, groups: ScanGroups) -> PhraseScanner | re.Pattern[str]:
    """:func:`_bounded_words` of ``phrases``, scanned from their first words
    (:class:`~extractors.scan.PhraseScanner`: the same matches, for the long alternations
    whose letters are everywhere)."""
    phrases = list(phrases)
    return _scanned(_bounded_words(phrases, flags), phrases, groups=groups)


def _scanned(pattern: re.Pattern[str], phrases: Sequence[str], *, groups: ScanGroups) -> PhraseScanner | re.Pattern[str]:
    """``pattern``, every match of which begins with one of ``phrases``, scanned from
    their first words with the other scanners of its case mode in ``groups`` (one pass
    over a text for all of them); itself when a phrase does not begin with a word."""
    words = first_words(phrases, tone_variants)
    return PhraseScanner(pattern, words, groups[bool(pattern.flags & re.IGNORECASE)]) if words else pattern


def _read(name: str, data_dir: Path) -> dict[str, Any]:
    path = data_dir / name
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"lexicon file {path}: {exc}") from exc


def _freeze(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


def _location_re(location: Mapping[str, Any], located: str) -> re.Pattern[str]:
    """"tại <place>" in the event sentence, up to a boundary or the verb of the event."""
    premises = vi_pattern(location["premises"])
    verbs = alternation(location["verbs_after"])
    return re.compile(rf"(?<!\w){vi_pattern(located)}\s+((?:{premises}\s+)?[{re.escape(UPPER)}(][^,;.\n]{{1,80}}?)"
                      rf"(?=\s*[,;.\n]|\s+(?:{verbs})\b)")


@dataclass(frozen=True)
class DatePatterns:
    """The patterns of written-out dates and of the words around them (``dates.toml``)."""

    day_before_re: re.Pattern[str]
    dmy_words_re: re.Pattern[str]
    month_year_re: re.Pattern[str]
    year_range_words_re: re.Pattern[str]
    year_word_re: re.Pattern[str]
    period_word_end_re: re.Pattern[str]
    document_number_end_re: re.Pattern[str]
    day_cue_end_re: re.Pattern[str]
    cue_opener_re: re.Pattern[str]
    month_name_date_re: re.Pattern[str]
    month_names: Mapping[str, int]
    day_month_name_after_cue_re: re.Pattern[str]
    plan_word_re: re.Pattern[str]
    review_word_re: re.Pattern[str]
    year_end_from_month: int
    first_web_year: int
    day_month_after_cue_re: re.Pattern[str]
    day_month_words_after_cue_re: re.Pattern[str]
    year_word_end_re: re.Pattern[str]
    term_word_end_re: re.Pattern[str]
    span_closing_word_re: re.Pattern[str]
    until_end_re: re.Pattern[str]
    today_re: re.Pattern[str]
    yesterday_re: re.Pattern[str]
    half_end_re: re.Pattern[str]


def _date_patterns(dates: Mapping[str, Any]) -> DatePatterns:
    """The patterns of written-out dates, from the words of ``dates.toml``."""
    w = {k: vi_pattern(v) for k, v in dates["words"].items()}
    year = r"((?:19|20)\d{2})"
    ci = re.IGNORECASE

    def g(word: str) -> str:  # "(?<!\w)" and the word, as a fast scan starts it (:func:`gated`)
        return gated([dates["words"][word]], ci)

    return DatePatterns(
        day_before_re=re.compile(rf"{w['day']}\s*$", ci),
        # "ngày 5 tháng 12 năm 2023", and a dateline's "26 Tháng 12 2023" or "26 tháng 12, 2023"
        dmy_words_re=re.compile(rf"(?<!\w)(?:{w['day']}\s+)?(\d{{1,2}})\s+{w['month']}\s+(\d{{1,2}})"
                                rf"(?:\s+{w['year']}\s+|\s*,\s*|\s+){year}(?!\d)", ci),
        month_year_re=re.compile(rf"{g('month')}\s+(\d{{1,2}})(?:\s*/\s*|\s+{w['year']}\s+){year}(?!\d)", ci),
        year_range_words_re=re.compile(
            rf"{g('from')}\s+{w['year']}\s+{year}\s+{w['to']}\s+{w['year']}\s+{year}(?!\d)", ci),
        year_word_re=re.compile(rf"{g('year')}\s+{year}(?![\d/\-])", ci),
        period_word_end_re=re.compile(rf"(?:(?<!\w)(?:{alternation(dates['period_words'])})(?!\w))\s*$", ci),
        document_number_end_re=re.compile(
            rf"(?:{vi_pattern(dates['document_number_word'])}\s*)?[\w/.-]*\d[\w/.-]*\s+(?:{w['day']}\s*)?$", ci),
        day_cue_end_re=re.compile(rf"(?:(?<!\w)(?:{alternation(dates['day_cues'])})(?!\w))\s*$", ci),
        cue_opener_re=re.compile(rf"(?:{alternation(dates['cue_openers'])})", ci),
        # "22 Tháng Bảy, 2022", "ngày 5 tháng Giêng năm 2021"
        month_name_date_re=re.compile(
            rf"(\d(?<![\w/.\-]\d)\d?)\s+({alternation(dates['month_names'])})(?!\w)\s*(?:,\s*|\s+{w['year']}\s+|\s+){year}(?!\d)",
            ci),
        month_names=_freeze({match_key(k): int(v) for k, v in dates["month_names"].items()}),
        # "Ngày 4 tháng Một, ...": a year-less day with its month's name
        day_month_name_after_cue_re=re.compile(
            rf"(\d{{1,2}})\s+({alternation(dates['month_names'])})(?!\w)(?!\s*(?:,\s*|\s+{w['year']}\s+|\s+)(?:19|20)\d\d)",
            ci),
        plan_word_re=_bounded_words(dates["plan_words"], ci),
        review_word_re=_bounded_words(dates["review_words"], ci),
        year_end_from_month=int(dates["year_end_from_month"]),
        first_web_year=int(dates["first_web_year"]),
        # a year-less day after its cue: "23-12", "(22/12)", "7 và 8-10", "7, 8/10", "7-8/10", "10 đến ngày 12/7"
        day_month_after_cue_re=re.compile(
            rf"(\()?\s*(\d{{1,2}})(?:\s*(?:,|và|-|–|{alternation(dates['day_range_words'])})\s*(\d{{1,2}}))?"
            r"\s*[/.\-]\s*(\d{1,2})(?![\d/\-]|\.\d|\s*[/.\-]\s*\d)(?(1)\s*\))"),
        # a year-less day in words after its cue: "Sáng 25 tháng 12," (no year after it)
        day_month_words_after_cue_re=re.compile(
            rf"(\d{{1,2}})\s+{w['month']}\s+(\d{{1,2}})(?![\d/.\-])(?!\s*(?:,\s*|\s+{w['year']}\s+|\s+)(?:19|20)\d\d)",
            ci),
        year_word_end_re=re.compile(rf"(?<!\w){w['year']}\s+$", ci),
        until_end_re=re.compile(rf"(?<!\w)(?:{alternation(dates['until_words'])})\s*$", ci),
        # "Sáng nay, ...": the report's own day, when no day is written after it ("Sáng nay (22/12)")
        today_re=re.compile(rf"(?<!\w)(?:{alternation(dates['today_words'])})(?!\w)(?!\s*\(?\s*(?:ngày\s*)?\d)", ci),
        yesterday_re=re.compile(rf"(?<!\w)(?:{alternation(dates['yesterday_words'])})(?!\w)(?!\s*\(?\s*(?:ngày\s*)?\d)", ci),
        span_closing_word_re=_bounded_words(dates["span_closing_words"], ci),
        term_word_end_re=re.compile(rf"(?<!\w)(?:{alternation(dates['term_words'])})[\s,:]*$", ci),
        half_end_re=re.compile(rf"(?<!\w)(?:{alternation(dates['halves'])})\s+$", ci),
    )


def _unpersonlike(places: Places, surnames: Iterable[str]) -> frozenset[str]:
    """Province and district names that cannot be read as a person's name: every one but
    those of three or more syllables opening with a family name ("Hồ Chí Minh", "Trần Văn
    Thời"), which a text may mean as the person."""
    family = frozenset(match_key(s) for s in surnames)
    return frozenset(k for k in places.provinces | places.districts
                     if not (len(k.split()) >= 3 and k.split()[0] in family))


def _keys(words: Iterable[str]) -> frozenset[str]:
    return frozenset(match_key(w) for w in words)


def _short_head_re(short_heads: Mapping[str, str]) -> re.Pattern[str]:
    """A short head at the start of a name, a word after it, and not already written in
    full ("Tòa án tỉnh", not "Tòa án nhân dân tỉnh")."""
    branches = []
    for short, full in sorted(short_heads.items(), key=lambda item: -len(item[0])):
        rest = full[len(short) + 1:] if full.startswith(short + " ") else ""
        branches.append(re.escape(short) + (rf"(?= (?!{re.escape(rest)}(?!\w)))" if rest else "(?= )"))
    return re.compile(rf"^(?:{'|'.join(branches)})" if branches else r"(?!)")


@dataclass(frozen=True)
class UnitNames:
    """How unit names run on (``[names]`` of ``units.toml``), as match keys and patterns."""

    bloc_heads: frozenset[str]
    group_heads: frozenset[str]
    group_word: str
    office_suffix_heads: frozenset[str]
    lower_case_heads: frozenset[str]
    acronym_head_end_re: re.Pattern[str]
    office_head_re: re.Pattern[str]
    office_word_end_re: re.Pattern[str]
    campaign_heads: frozenset[str]
    campaign_re: re.Pattern[str]
    numbered_heads: frozenset[str]
    numbered_places: frozenset[str]
    naming_qualifiers: frozenset[str]
    number_word: str
    country: str
    listed_type: str
    branch_head: str
    military_type: str
    enterprise_types: frozenset[str]
    field_head_keys: frozenset[str]
    national_word_opener_re: re.Pattern[str]
    numbered_name_types: frozenset[str]
    flat_types: frozenset[str]
    union_type: str
    union_members: frozenset[str]
    branch_types: frozenset[str]
    belonging_head_keys: frozenset[str]
    continued_national_keys: frozenset[str]
    other_body_after_re: re.Pattern[str]
    brand_branch_re: re.Pattern[str]
    generic_name_re: regex.Pattern[str]
    sentence_case_re: regex.Pattern[str]
    list_intro_re: PhraseScanner | re.Pattern[str]
    determiner_before_re: re.Pattern[str]
    determiner_list_before_re: re.Pattern[str]
    plural_level_re: re.Pattern[str]
    level_end_re: re.Pattern[str]
    level_reach: int  # characters before a point that can hold a space and a level ("thành phố")
    level_list_re: re.Pattern[str]
    level_before_name_re: re.Pattern[str]
    short_head_re: re.Pattern[str]
    short_heads: Mapping[str, str]
    member_end_re: re.Pattern[str]
    number_unit_re: re.Pattern[str]
    legal_forms: frozenset[str]
    generic_determiners: frozenset[str]

    @classmethod
    def read(cls, names: Mapping[str, Any], conjunction: str, groups: ScanGroups | None = None) -> UnitNames:
        """From the ``[names]`` table and the conjunction of lists (its scanners in
        ``groups``, else in groups of their own)."""
        groups = groups if groups is not None else _scan_groups()
        determiners = "|".join(regex.escape(w) for w in names["generic_determiners"])
        return cls(
            bloc_heads=_keys(names["bloc_heads"]),
            group_heads=_keys(names["group_heads"]),
            group_word=str(names["group_word"]),
            office_suffix_heads=_keys(names["office_suffix_heads"]),
            lower_case_heads=_keys(names["lower_case_heads"]),
            acronym_head_end_re=re.compile(rf"(?<!\w)(?:{alternation(names['acronym_heads'])})$"),
            office_word_end_re=re.compile(rf"(?<!\w)(?i:{vi_pattern(names['office_head_word'])})\s+$"),
            office_head_re=re.compile(rf"(?<!\w)(?i:{vi_pattern(names['office_head_word'])})\s+"
                                      rf"({alternation(names['office_heads'])})\s+(?={CAPITAL})"),
            campaign_heads=_keys(names["campaign_heads"]),
            campaign_re=re.compile(rf"(?:(?:{alternation(names['campaign_words'])})\s+)?"
                                   r"[“\"]([^”“\"\n]{3,150})[”\"]", re.IGNORECASE),
            numbered_heads=_keys(names["numbered_heads"]),
            numbered_places=_keys(names["numbered_places"]),
            naming_qualifiers=frozenset(names["naming_qualifiers"]),
            number_word=str(names["number_word"]),
            country=str(names["country"]),
            listed_type=str(names["listed_type"]),
            branch_head=str(names["branch_head"]),
            military_type=str(names["military_type"]),
            enterprise_types=frozenset(names["enterprise_types"]),
            field_head_keys=_keys(names["field_heads"]),
            national_word_opener_re=re.compile(rf"(?<!\w)(?:{alternation(names['national_word_openers'])})\s+$"),
            numbered_name_types=frozenset(names["numbered_name_types"]),
            flat_types=frozenset(names["flat_types"]),
            union_type=str(names["union_type"]),
            union_members=frozenset(names["union_members"]),
            branch_types=frozenset(names["branch_types"]),
            belonging_head_keys=frozenset(match_key(h) for h in names["belonging_heads"]),
            continued_national_keys=frozenset(match_key(h) for h in names["continued_national_forms"]),
            other_body_after_re=re.compile(rf" (?!(?:{alternation(names['continued_national_own_words'])})(?!\w)){CAPITAL}"),
            # a brand, then its branch ("Agribank chi nhánh tỉnh Đắk Lắk", "BIDV Chi nhánh Hà Tĩnh")
            brand_branch_re=re.compile(rf"(?<![\w&])({CAPITAL}[\w&]*\w)\s+((?i:{alternation(names['branch_types'])}))(?= )"),
            generic_name_re=regex.compile(rf"^(?:\s*(?:{determiners}|\d+)\s+[\p{{Ll}}\s]+)$"),
            # "Trung tâm kiểm soát bệnh tật tỉnh Trà Vinh": lower-case words after the head, then a
            # place level and its name (no stop word, determiner or level among them)
            sentence_case_re=regex.compile(
                rf"(?: (?!(?:{alternation([*names['stop_words'], *names['generic_determiners'], *names['plural_levels']])})"
                rf"(?!\w))\p{{Ll}}+){{1,{int(names['sentence_case_words'])}}}"
                rf"(?= (?:{alternation(names['plural_levels'])}) {CAPITAL})"),
            list_intro_re=_scanned(re.compile(rf"{gated(names['list_intros'], re.IGNORECASE, boundary=False)}\s*:\s*",
                                              re.IGNORECASE), names['list_intros'], groups=groups),
            determiner_before_re=re.compile(rf"(?<!\w)(?:{alternation(names['generic_determiners'])})\s+$",
                                            re.IGNORECASE),
            # "các Tỉnh ủy, Thành ủy ...": the next member of a list a determiner opened
            determiner_list_before_re=re.compile(
                rf"(?<!\w)(?i:{alternation(names['generic_determiners'])})\s+{CAPITAL}[^,;.:()\n]{{0,30}},\s*$"),
            plural_level_re=re.compile(rf"\s(?:{alternation(names['generic_determiners'])})\s+"
                                       rf"(?:{alternation(names['plural_levels'])})(?!\w)"),
            level_end_re=re.compile(rf"\s(?:{alternation(names['plural_levels'])})$"),
            level_reach=1 + max(len(w) for w in names["plural_levels"]),
            level_list_re=re.compile(rf"\s*(?:(?:{alternation(names['plural_levels'])})(?:\s*,\s*|\s+{vi_pattern(conjunction)}\s+))*"
                                     rf"(?:{alternation(names['plural_levels'])})(?!\w)(?!\s+{CAPITAL})"),
            level_before_name_re=re.compile(rf"(?<!\w)(?:{alternation(names['plural_levels'])})\s+(?={CAPITAL})"),
            short_head_re=_short_head_re(names["short_heads"]),
            short_heads=MappingProxyType(dict(names["short_heads"])),
            legal_forms=frozenset(names["legal_forms"]),
            generic_determiners=frozenset(names["generic_determiners"]),
            member_end_re=re.compile(rf" (?:{alternation(names['member_end_words'])})(?!\w)"),
            number_unit_re=re.compile(rf"(?:{alternation(names['number_units'])})(?!\w)"),
        )

    def full_head(self, name: str) -> str:
        """A name with its short head written in full, as the law names the body
        ([names] ``short_heads``: "Tòa án tỉnh Hà Nam" is "Tòa án nhân dân tỉnh Hà Nam").

        >>> Lexicon.load().unit_names.full_head("Viện kiểm sát hai cấp tỉnh Nam Định")
        'Viện kiểm sát nhân dân hai cấp tỉnh Nam Định'
        """
        return self.short_head_re.sub(lambda m: self.short_heads[m.group(0)], name, count=1)


def _count_pattern(count_words: Iterable[str]) -> str:
    """A count as written: digits ("02", "1.500") or number words, compounds first
    ("mười hai", "hai mươi lăm", "ba mươi"; ``data/numbers.toml``), as one group."""
    units = "|".join(re.escape(w) for w in count_words)
    after_ten = "|".join(re.escape(w) for w, v in NUMBER_WORDS.items() if 1 <= v <= 9)
    ten, tens = re.escape(next(w for w, v in NUMBER_WORDS.items() if v == 10)), re.escape(TENS)
    compound = rf"(?:{units})\s+{tens}(?:\s+(?:{after_ten})(?!\w))?|{ten}\s+(?:{after_ten})(?!\w)"
    # "(12) giáo viên": a count in parentheses, the parentheses outside the group
    opened = r"(?:\((?=\d{1,3}\)))?"
    closed = r"(?:(?<=\(\d)\)|(?<=\(\d\d)\)|(?<=\(\d\d\d)\))?"
    return rf"{opened}(\d{{1,3}}(?:\.\d{{3}})*|{compound}|{units}){closed}"


@dataclass(frozen=True)
class AwardPhrases:
    """The words around an award statement (``[phrases]`` of ``awards.toml``), compiled."""

    count: str
    count_then_award_re: re.Pattern[str]
    recipient_end_re: re.Pattern[str]
    one_of_re: re.Pattern[str]
    counted_next_re: re.Pattern[str]
    conjunction: str
    year_in_re: re.Pattern[str]
    issuer_of_re: re.Pattern[str]
    issuer_end_re: re.Pattern[str]
    issuer_before_re: re.Pattern[str]
    commender_before_re: re.Pattern[str]
    event_issuer_re: re.Pattern[str]
    on_behalf_re: re.Pattern[str]
    delegator_re: re.Pattern[str]
    next_gift_end_re: re.Pattern[str]
    tally_before_re: re.Pattern[str]
    year_label_re: re.Pattern[str]
    new_gift_re: re.Pattern[str]
    recipient_preposition_re: re.Pattern[str]
    gift_list_gap_re: re.Pattern[str]
    event_before_re: re.Pattern[str]
    commendation_event_before_re: re.Pattern[str]
    generic_recipient_re: re.Pattern[str]
    passive_recipient_re: re.Pattern[str]
    commendation_chain_re: re.Pattern[str]
    row_year_re: re.Pattern[str]
    table_year_word: str
    table_individual_re: re.Pattern[str]
    table_collective_re: re.Pattern[str]
    table_percent_cell: str
    collective_categories: frozenset[str]
    generic_forms: frozenset[str]
    generic_given_re: re.Pattern[str]
    not_recipient_re: re.Pattern[str]
    breakdown_re: re.Pattern[str]
    listing_re: re.Pattern[str]
    award_list_gap_re: re.Pattern[str]
    process_before_re: re.Pattern[str]
    back_reference_re: re.Pattern[str]
    aim_re: re.Pattern[str]
    condition_after_re: re.Pattern[str]
    giving_before_re: re.Pattern[str]

    @classmethod
    def read(cls, phrases: Mapping[str, Any], commended: Sequence[str], count_words: Iterable[str]) -> AwardPhrases:
        """From the ``[phrases]`` table, the commendation verbs and the count words."""
        ci = re.IGNORECASE
        alt = alternation
        conj = vi_pattern(phrases["conjunction"])
        count = _count_pattern(count_words)
        return cls(
            count=count,
            count_then_award_re=re.compile(rf"(?:{count})\s+", ci),  # "50 " of "50 chiến sĩ thi đua"
            # where a recipient named after "cho" ends: a sign (not the dot of "TP."), or a word
            # opening what the award is for, or a year
            recipient_end_re=re.compile(rf"\s*[,;:()\n]|(?<![A-ZĐ]{{2}})\.|\s+(?:{alt(phrases['recipient_ends'])}|năm \d)\b"),
            one_of_re=re.compile(rf"(?<!\w)(?:{alt(phrases['one_of_words'])})\s+$", ci),
            counted_next_re=re.compile(rf"\s*(?:,|;|\s{conj})\s*\d{{1,3}}(?:\.\d{{3}})*\s*"),  # ", 412 " between two counted awards
            conjunction=str(phrases["conjunction"]),
            year_in_re=re.compile(rf"(?:{alt(phrases['year_words'])})\s+((?:19|20)\d{{2}})(?!\d)", ci),
            # on its line: "Bằng khen của Thủ tướng Chính phủ" above a dateline names no "Th"
            issuer_of_re=re.compile(rf"[ \t]+{vi_pattern(phrases['issuer_word'])}[ \t]+((?:{CAPITAL}[\w&.\-]*|[^\W\d_]\w*)"
                                    rf"(?:[ \t]+(?:{CAPITAL}[\w&.\-]*|{conj}|[^\W\d_]\w*)){{0,12}})"),
            issuer_end_re=re.compile(rf"\s+(?:{alt(phrases['issuer_ends'])}|{conj}\s+\d|{conj}\s+(?:{alt(phrases['award_starts'])}))\b"
                                     rf"|\s+{conj}\s*$|[,;.()]|$", ci),  # "... của Thủ tướng Chính phủ và 01 Cờ ...": no "và"
            # "Hội đồng Thi đua - Khen thưởng tỉnh tặng ...": a dash inside the giver's name
            issuer_before_re=re.compile(rf"({CAPITAL}[\w&.\-]*(?:[ \t]+(?:[\w&.][\w&.\-]*|[-–](?=[ \t]))){{0,10}}?)\s+"
                                        rf"(?:(?:{alt(phrases['giving_adverbs'])})\s+){{0,2}}"
                                        rf"(?:{alt(phrases['giving_verbs'])})(?:\s+\d{{1,3}}(?:\.\d{{3}})*)?\s*$"),
            # "UBND thị xã Ninh Hòa biểu dương 40 gương ...": who commends or rewards, no award named
            commender_before_re=re.compile(rf"({CAPITAL}[\w&.\-]*(?:[ \t]+(?:[\w&.][\w&.\-]*|[-–](?=[ \t]))){{0,10}}?)\s+"
                                           rf"(?:(?:{alt(phrases['giving_adverbs'])})\s+){{0,2}}"
                                           rf"(?:{alt([*commended, *phrases['unnamed_award_verbs']])})\s*$"),
            on_behalf_re=re.compile(rf"\b(?:{alt(phrases['on_behalf'])})\b", ci),
            # "Thừa ủy quyền của Chủ tịch nước, Phó Chủ tịch UBND tỉnh X trao ...": the award is the delegator's
            delegator_re=re.compile(rf"(?<!\w)(?i:{alt(phrases['on_behalf'])})(?:\s+{vi_pattern(phrases['issuer_word'])})?"
                                    rf"\s+({CAPITAL}[^,;.:]*?)\s*,[^;.]*$"),
            # ", tặng Bằng khen ...", "; tặng ...", "và trao ...": a gift with no subject of its own
            next_gift_end_re=re.compile(rf"(?:^|,|\s{conj}|\sđồng thời)\s*(?:(?:{alt(phrases['giving_adverbs'])})\s+)?"
                                        rf"(?:{alt(phrases['giving_verbs'])})(?:\s+\d{{1,3}}(?:\.\d{{3}})*)?\s*$", ci),
            tally_before_re=re.compile(rf"(?<!\w)(?:{alt(phrases['tally_verbs'])})\s+$", ci),
            # a year's line of a record of awards ("- Năm 2019: 01 Bằng khen của Bộ Tư pháp, ...")
            year_label_re=re.compile(rf"[\s\-–•+*]*(?:{alt(phrases['year_words'])})\s+(?:19|20)\d{{2}}"
                                     rf"(?:\s*[-–]\s*(?:19|20)\d{{2}})?\s*:", ci),
            new_gift_re=re.compile(rf"\s*(?:,\s*|\s{conj}\s+)(?:(?:{alt(phrases['giving_adverbs'])})\s+)?"
                                   rf"(?:{alt(phrases['giving_verbs'])})(?!\w)", ci),
            recipient_preposition_re=re.compile(rf"\s*(?<!\w)(?:{alt(phrases['recipient_prepositions'])})(?:\s*:)?\s+"),
            # "Cờ thi đua cho 03 tập thể và Bằng khen ...": the next gift of one giver's list
            gift_list_gap_re=re.compile(rf"\s*(?<!\w)(?:{alt(phrases['recipient_prepositions'])})\s+\d{{1,3}}(?:\.\d{{3}})*"
                                        rf"\s+[^\d,;.:()]{{1,30}}?\s*(?:,|;|\s{conj})\s*"),
            event_before_re=re.compile(rf"(?:{alt(phrases['event_nouns'])})\s*$", ci),
            event_issuer_re=re.compile(rf"(?:{alt(phrases['event_nouns'])})(?!\w)", ci),  # "Hội nghị đã biểu dương"
            commendation_event_before_re=re.compile(
                rf"(?:{alt(phrases['commendation_event_nouns'])})(?:\s+(?:{alt(commended)}),?)*\s*$", ci),
            not_recipient_re=re.compile(rf"(?:{alt(phrases['not_recipients'])})(?!\w)", ci),
            breakdown_re=_bounded(alt(phrases["breakdown_words"]), ci),
            listing_re=_bounded(alt(phrases["listing_words"]), ci),
            aim_re=_bounded(alt(phrases["aim_words"]), ci),
            condition_after_re=_bounded(alt(phrases["condition_words"]), ci),
            giving_before_re=re.compile(rf"(?<!\w)(?:{alt(phrases['giving_verbs'])})(?!\w)", ci),
            back_reference_re=re.compile(rf"\s+(?:{alt(phrases['back_reference_words'])})(?!\w)", ci),
            process_before_re=re.compile(rf"(?<!\w)(?:{alt(phrases['process_nouns'])})\s+(?:{alt(phrases['process_verbs'])})"
                                         rf"(?:\s+(?:{alt(phrases['generic_forms'])}))?\s*$", ci),
            award_list_gap_re=re.compile(rf"\s*(?:,\s*(?:(?:{alt(phrases['award_list_joiners'])})\s+)?"
                                         rf"|\s(?:{alt(phrases['award_list_joiners'])})\s+)", ci),
            commendation_chain_re=re.compile(
                rf"(?:\s*(?:,|{conj})?\s*(?:{alt([*commended, *phrases['unnamed_award_verbs'], *phrases['commendation_companions']])})"
                rf"(?!\w))*\s+", ci),
            generic_recipient_re=re.compile(rf"(?:(?:{alt(phrases['recipient_determiners'])})\s+)?"
                                            rf"(?:{alt(phrases['generic_recipients'])})[\w ,]*", ci),
            passive_recipient_re=re.compile(rf"(?<!\w)(?:(?:{alt(phrases['recipient_determiners'])})\s+)?"
                                            rf"(?:{alt(phrases['generic_recipients'])})(?!\w)[\w ,]*?\s"
                                            rf"{vi_pattern(phrases['passive_word'])}\s+$", ci),
            row_year_re=re.compile(rf"^{vi_pattern(phrases['table_year_word'].capitalize())}\s+((?:19|20)\d{{2}})$"),
            table_year_word=str(phrases["table_year_word"]),
            table_individual_re=re.compile(vi_pattern(phrases["table_individual_word"]), ci),
            table_collective_re=re.compile(vi_pattern(phrases["table_collective_word"]), ci),
            table_percent_cell=str(phrases["table_percent_cell"]),
            collective_categories=frozenset(phrases["collective_categories"]),
            generic_forms=_keys(phrases["generic_forms"]),
            generic_given_re=re.compile(
                rf"(?<!\w)(?:{alt(phrases['generic_given_verbs'])})\s+(?:(?:{alt(phrases['generic_given_determiners'])})\s+)?"
                rf"(?:(?:{alt(phrases['generic_listed_before'])})\s*,\s*)?$", ci),
        )


_ABBREVIATION = re.compile(r"(?<![\w&])[A-ZĐƯ][\w&.\-]*[\w&]\.?(?![\w&])")


@dataclass(frozen=True)
class Lexicon:
    """All data files, raw and compiled. Build with :meth:`load`."""

    raw: Mapping[str, Mapping[str, Any]]
    honorific_re: re.Pattern[str]
    rank_re: re.Pattern[str]
    surnames: frozenset[str]
    gender_middle_names: frozenset[str]
    lower_middle_names: frozenset[str]
    given_name_openers: tuple[str, ...]
    compound_surnames: tuple[tuple[str, ...], ...]
    not_person_before_re: re.Pattern[str]
    place_keys: frozenset[str]
    listed_place_keys: frozenset[str]
    never_in_name_keys: frozenset[str]
    role_re: PhraseScanner | re.Pattern[str]
    role_prefix_re: re.Pattern[str]
    role_suffix_re: re.Pattern[str]
    role_unit_head_re: re.Pattern[str]
    title_stop_re: re.Pattern[str]
    office_level_end_re: re.Pattern[str]
    office_level_word_re: re.Pattern[str]
    office_after_place: frozenset[str]
    office_chain_re: re.Pattern[str]
    delegating_re: re.Pattern[str]
    chain_lead_re: re.Pattern[str]
    position_note_re: re.Pattern[str]
    person_note_re: re.Pattern[str]
    unit_heads: Mapping[str, str]
    unit_head_re: PhraseScanner | re.Pattern[str]
    unit_qualifier_re: re.Pattern[str]
    unit_stop_re: re.Pattern[str]
    unit_names: UnitNames
    bloc_member_re: re.Pattern[str]
    compound_re: PhraseScanner | re.Pattern[str]
    located_re: re.Pattern[str]
    national: Mapping[str, tuple[str, ...]]
    national_re: PhraseScanner | re.Pattern[str]
    national_by_key: Mapping[str, str]
    abbreviations: Mapping[str, str]
    award_forms: Mapping[str, str]
    award_re: PhraseScanner | re.Pattern[str]
    grade_re: re.Pattern[str]
    status_re: Mapping[str, re.Pattern[str]]
    recipient_kinds: Mapping[str, str | None]
    recipient_re: re.Pattern[str]
    award_phrases: AwardPhrases
    count_recipient_re: re.Pattern[str]
    count_end_re: re.Pattern[str]
    unnamed_award_verb_re: PhraseScanner | re.Pattern[str]
    slogan_markers: Mapping[str, str]
    slogan_marker_re: re.Pattern[str]
    slogan_not_before_re: re.Pattern[str]
    slogan_speech_before_re: re.Pattern[str]
    slogan_not_starting: tuple[str, ...]
    slogan_not_before_except_re: re.Pattern[str]
    slogan_colon_re: re.Pattern[str]
    slogan_bare_re: re.Pattern[str]
    slogan_marker_after_re: re.Pattern[str]
    known_slogans: Mapping[str, str]
    day_cue_re: PhraseScanner | re.Pattern[str]
    event_word_re: re.Pattern[str]
    issuing_word_re: re.Pattern[str]
    future_word_re: re.Pattern[str]
    prior_opening_re: re.Pattern[str]
    future_after_re: re.Pattern[str]
    document_word_re: re.Pattern[str]
    basis_lead_re: re.Pattern[str]
    period_word_re: re.Pattern[str]
    weekday_re: re.Pattern[str]
    date_patterns: DatePatterns
    halves: Mapping[str, tuple[int, int]]
    halves_re: re.Pattern[str]
    event_types: tuple[tuple[str, str], ...]
    organizer_verb_re: re.Pattern[str]
    not_head_keys: frozenset[str]
    committee_department_re: re.Pattern[str]
    complete_head_keys: frozenset[str]
    chrome_re: re.Pattern[str]
    footer_re: re.Pattern[str]
    dateline_label_re: re.Pattern[str]
    page_label_re: re.Pattern[str]
    source_re: re.Pattern[str]
    author_re: re.Pattern[str]
    keyed: Mapping[str, Mapping[str, Any]]
    conjunction: str
    located_word: str
    place_level_re: re.Pattern[str]
    named_place_level_re: re.Pattern[str]
    place_level_end_re: re.Pattern[str]
    any_place_level_end_re: re.Pattern[str]
    lower_case_role_keys: frozenset[str]
    list_split_re_template: str
    unit_connector_re: re.Pattern[str]
    role_prefix_end_re: re.Pattern[str]
    role_end_re: re.Pattern[str]
    role_prefix_after_re: re.Pattern[str]
    author_line_re: re.Pattern[str]
    section_keys: frozenset[str]
    signature_note_keys: frozenset[str]
    signature_prefix_re: re.Pattern[str]
    staff_prefix_re: re.Pattern[str]
    credit_after_re: re.Pattern[str]
    non_author_keys: frozenset[str]
    byline_name_re: re.Pattern[str]
    byline_date_re: re.Pattern[str]
    end_byline_date_re: re.Pattern[str]
    year_in_window_re: re.Pattern[str]
    multi_day_re: re.Pattern[str]
    slogan_list_join_re: re.Pattern[str]
    event_location_re: re.Pattern[str]
    bloc_list_re: re.Pattern[str]
    leading_conjunction_re: re.Pattern[str]
    dateline_filler_re: re.Pattern[str]
    credit_re: re.Pattern[str]
    places: Places
    # Results of pure functions of (lexicon, string), e.g. abbreviation expansion: the
    # same unit names recur in every article. Two generations of at most memo_limit
    # entries each (about 0.45 KB an entry): when the newer fills, it becomes the older and
    # the older is dropped, so the entries in use survive and memory stays flat.
    memo: list[dict[tuple[str, ...], Any]] = field(default_factory=lambda: [{}, {}], compare=False, repr=False,
                                                   hash=False)
    memo_limit: int = field(default=10_000, compare=False, repr=False)

    def cached(self, key: tuple[str, ...], compute: Callable[[], T]) -> T:
        """``compute()``, remembered under ``key`` (see :attr:`memo`): memory stays
        bounded on any corpus, the entries in use are kept.

        >>> lex = Lexicon.load()
        >>> lex.cached(("demo", "Bộ"), lambda: 1), lex.cached(("demo", "Bộ"), lambda: 2)
        (1, 1)
        """
        newer, older = self.memo
        if key in newer:
            return cast(T, newer[key])
        value = older[key] if key in older else compute()  # compute() may fill the memo itself
        if len(self.memo[0]) >= self.memo_limit:
            self.memo[:] = [{}, self.memo[0]]
        self.memo[0][key] = value
        return value

    @classmethod
    def shared(cls) -> "Lexicon":
        """The package's lexicon, loaded once per process (and inherited by forked
        workers): for the stages of one run that would otherwise each pay for
        :meth:`load` (0.75 s, or 0.1-0.25 s from the disk cache), the extraction and the registries.

        >>> Lexicon.shared() is Lexicon.shared()
        True
        """
        return _shared()

    @classmethod
    def load(cls, data_dir: Path | None = None, *, use_cache: bool = True) -> "Lexicon":
        """Read and compile every data file in ``data_dir`` (default: the package's), or
        take the lexicon built before from the very same files and code from the disk
        cache of :mod:`extractors.lexicon_cache` (a tenth of the time; ``use_cache``)."""
        from extractors.lexicon_cache import cached_build

        d = data_dir or DATA_DIR
        return cached_build(d, lambda: cls._build(d), kind=cls, use_cache=use_cache)

    @classmethod
    def _build(cls, d: Path) -> "Lexicon":
        groups = _scan_groups()  # the long alternations, scanned for in one pass per case mode
        people = _read("people.toml", d)
        titles = _read("titles.toml", d)
        units = _read("units.toml", d)
        abbreviations = _read("abbreviations.toml", d)
        awards = _read("awards.toml", d)
        slogans = _read("slogans.toml", d)
        dates = _read("dates.toml", d)
        events = _read("events.toml", d)
        segments = _read("segments.toml", d)
        words = _read("words.toml", d)
        place_data = _read("places.toml", d)
        verbs = _read("verbs.toml", d)["verbs"]
        places = load_places(extra=tuple(place_data["former_provinces"] + place_data["city_short_forms"]))
        ci = re.IGNORECASE

        rank_source = "|".join(
            sorted((re.escape(r).replace(r"\.", r"\.\s?") + r"\.?" for r in people["ranks"]), key=len, reverse=True)
        )
        national = {name: tuple(forms) for name, forms in units["national"].items()}
        national_by_key = {match_key(form): name for name, forms in national.items() for form in (name, *forms)}
        award_forms = {form: cat for cat, forms in awards["categories"].items() for form in forms}
        recipient_kinds = {word: (kind if kind != "other" else None)
                           for kind, words in awards["recipients"].items() for word in words}
        markers = dict(slogans["markers"])
        halves = {k: (int(v[0]), int(v[1])) for k, v in dates["halves"].items()}
        heads = dict(units["heads"])
        bloc_member = _bounded_words(units["names"]["bloc_member_types"])
        award_phrases = AwardPhrases.read(awards["phrases"], awards["status"]["commended"], COUNT_WORDS)
        return cls(
            raw=_freeze({"people": people, "titles": titles, "units": units, "abbreviations": abbreviations,
                         "awards": awards, "slogans": slogans, "dates": dates, "events": events,
                         "segments": segments}),
            honorific_re=_bounded_words(people["honorifics"], ci),
            rank_re=re.compile(rf"(?<!\w)(?:{rank_source})(?=\s|$)"),
            surnames=frozenset(people["surnames"]),
            gender_middle_names=frozenset(people["gender_middle_names"]),
            lower_middle_names=frozenset(n.lower() for n in people["gender_middle_names"]),
            given_name_openers=tuple(people["given_name_openers"]),
            compound_surnames=tuple(sorted((tuple(c.split()) for c in people["compound_surnames"]), key=len,
                                           reverse=True)),
            not_person_before_re=re.compile(rf"(?<!\w){_not_after_first_words(people['not_person_before_compounds'])}"
                                            rf"(?:{alternation(people['not_person_before'])})\s*(?:\d+\s*)?$", ci),
            place_keys=frozenset(match_key(p) for p in people["places"]) | _unpersonlike(places, people["surnames"]),
            listed_place_keys=frozenset(match_key(p) for p in people["places"])
            | _keys(place_data["former_provinces"]),
            never_in_name_keys=_keys(people["never_in_names"]),
            role_re=_scanned_words(titles["roles"] + titles["lower_case_roles"], ci, groups=groups),
            lower_case_role_keys=_keys(titles["lower_case_roles"]),
            role_prefix_re=_bounded_words(titles["role_prefixes"]),
            role_suffix_re=re.compile(rf"\s+(?:{alternation(titles['role_suffixes'])})(?!\w)"),
            role_unit_head_re=re.compile(rf"(?<!\w)(?i:{alternation(titles['role_unit_heads'])})$"),
            title_stop_re=_bounded_words(titles["stop_words"]),
            office_level_end_re=re.compile(rf"(?<!\w)(?:{alternation(titles['place_levels'])})\s+$"),
            office_level_word_re=re.compile(rf"(?<!\w)(?:{alternation(titles['place_levels'])})(?!\w)"),
            office_after_place=frozenset(titles["after_place_words"]),
            office_chain_re=re.compile(rf"(?:{alternation(titles['chain_words'])})\s+(?={CAPITAL})"),
            chain_lead_re=re.compile(rf"(?<!\w)(?:{alternation(titles['chain_leads'])})\s+(?={CAPITAL})"),
            delegating_re=re.compile(rf"(?<!\w)(?:{alternation(titles['delegating_words'])})(?!\w)", ci),
            person_note_re=re.compile(
                rf",\s*(?:\d{{1,3}}\s+(?:{alternation(titles['age_words'])})"
                rf"|(?:{alternation(titles['people_note_words'])})\s+{CAPITAL}\w*(?:\s+{CAPITAL}\w*)?"
                rf"|(?:{alternation(titles['birth_note_words'])})\s+(?:19|20)\d\d)(?=\s*,)"),
            position_note_re=re.compile(
                rf"\s*\((?=[^()A-ZĐ\n]{{1,30}}\))[^()]*?(?<!\w)(?:{alternation(titles['position_words'])})(?!\w)[^()]*\)"),
            unit_heads=_freeze(heads),
            unit_head_re=_scanned_words(heads, groups=groups),
            unit_qualifier_re=_bounded_words(units["names"]["qualifiers"]),
            # the genre's words after a name, and the verbs of underthesea's tagged test set
            unit_stop_re=_bounded_words(list(dict.fromkeys(
                units["names"]["stop_words"] + [v for v in verbs if v not in units["names"]["name_verbs"]]))),
            unit_names=UnitNames.read(units["names"], words["conjunction"], groups),
            bloc_member_re=bloc_member,
            compound_re=_scanned_words(units["names"]["compounds"], ci, groups=groups),
            located_re=re.compile(rf"(?<!\w)(?:{alternation(units['names']['located_before'])})\s+tại\s+(?={CAPITAL})", ci),
            national=_freeze(national),
            national_re=_scanned_words([form for forms in national.values() for form in forms], ci, groups=groups),
            national_by_key=_freeze(national_by_key),
            abbreviations=_freeze(abbreviations["expand"]),
            award_forms=_freeze(award_forms),
            award_re=_scanned_words(award_forms, ci, groups=groups),
            grade_re=re.compile(rf"\s*(?:{alternation(awards['words']['grades'])})(?!\w)"),
            status_re=_freeze({k: _outside_nouns(_bounded_words(v, ci), v, awards["phrases"]["status_nouns"], ci)
                               for k, v in awards["status"].items()}),
            recipient_kinds=_freeze(recipient_kinds),
            recipient_re=_bounded_words(recipient_kinds, ci),
            award_phrases=award_phrases,
            count_recipient_re=re.compile(
                rf"(?<![\w/.,])(?i:{award_phrases.count})(?:\s*/\s*\d{{1,3}}(?:\.\d{{3}})*)?"  # "30/63 sở": 30 of 63
                rf"(?:\s*\([^\W\d_]+(?:\s[^\W\d_]+){{0,3}}\))?"  # "03 (ba) tập thể": the number spelled out too
                rf"\s+(?:(?:{alternation(awards['phrases']['recipient_modifiers'])})\s+)?"
                rf"(?:((?<!\w)(?:{alternation(recipient_kinds)})(?!\w)))", ci),
            count_end_re=re.compile(rf"(?<![\w/.]){award_phrases.count}\s+$", ci),
            unnamed_award_verb_re=_scanned(re.compile(
                rf"(?:(?P<commended>{gated(awards['status']['commended'], ci)})"
                rf"|(?P<unnamed>{gated(awards['phrases']['unnamed_award_verbs'], ci)}))(?!\w)", ci),
                awards['status']['commended'] + awards['phrases']['unnamed_award_verbs'], groups=groups),
            slogan_markers=_freeze(markers),
            slogan_marker_re=_bounded_words(markers, ci),
            slogan_speech_before_re=re.compile(rf"(?<!\w)(?:{alternation(slogans['exclude']['speech_words'])})\s*:?\s*$", ci),
            slogan_not_before_re=re.compile(
                rf"(?<!\w)(?:{alternation(slogans['exclude']['not_before'])})"
                rf"(?:(?:\s+[\w/.\-]*\d[\w/.\-]*|\s+{vi_pattern(dates['words']['day'])}|\s+{vi_pattern(dates['document_number_word'])})*"
                rf"\s+(?:{alternation(slogans['exclude']['subject_words'])}))?\s*$", ci),
            slogan_not_starting=tuple(slogans["exclude"]["not_starting"]),
            slogan_not_before_except_re=re.compile(
                rf"(?<!\w)(?:{alternation(slogans['exclude']['not_before_except'])})\s*[:,]?\s*$", ci),
            slogan_colon_re=re.compile(rf"(?<!\w)(?P<marker>{alternation(slogans['colon_markers'])})(?!\w)"
                                       r"[^\n.:;,“\"«]{0,40}?:$", ci),
            slogan_bare_re=re.compile(rf"(?<!\w)(?P<marker>(?i:{alternation(slogans['bare_markers'])}))"
                                      rf"(?:\s+(?i:{vi_pattern(slogans['bare_marker_copula'])}))?[ \t]+(?={CAPITAL})"),
            slogan_marker_after_re=re.compile(
                rf"[^\S\n]*[.!]?[”\"»’']*[^\S\n]*(?:{alternation(slogans['after_copulas'])})\s+"
                rf"(?P<marker>{alternation(slogans['colon_markers'])})(?!\w)", ci),
            known_slogans=_freeze({match_key(name): kind for kind, names in slogans["known"].items() for name in names}),
            day_cue_re=_scanned(re.compile(rf"{gated(dates['day_cues'], ci)}"
                                           rf"(?:\s+(?:{alternation(dates['day_cue_modifiers'])}))?(?!\w)", ci),
                                dates['day_cues'], groups=groups),
            event_word_re=_bounded_words(dates["event_words"], ci),
            issuing_word_re=_bounded_words(dates["issuing_words"], ci),
            future_word_re=_bounded_words(dates["future_words"], ci),
            prior_opening_re=re.compile(rf"\W*(?:{alternation(dates['prior_words'])})\s*,", ci),
            future_after_re=re.compile(rf"\s*(?:{alternation(dates['future_after_words'])})(?!\w)", ci),
            document_word_re=_bounded_words(dates["document_words"], ci),
            basis_lead_re=re.compile(rf"\s*(?:{alternation(dates['basis_words'])})(?!\w)", ci),
            period_word_re=_bounded_words(dates["period_words"], ci),
            weekday_re=_bounded_words(dates["weekdays"], ci),
            date_patterns=_date_patterns(dates),
            halves=_freeze(halves),
            halves_re=re.compile(rf"{gated(halves, ci)}(?!\w)", ci),
            event_types=tuple((str(a), str(b)) for a, b in events["types"]),
            organizer_verb_re=_bounded_words(events["organizer_verbs"], ci),
            not_head_keys=frozenset(match_key(w) for w in units["names"]["not_heads"]),
            committee_department_re=re.compile(rf"(?:{alternation(units['names']['committee_departments'])})\s+"
                                               rf"(?:{alternation(units['names']['party_committees'])})(?!\w)", ci),
            complete_head_keys=frozenset(match_key(w) for w in units["names"]["complete_heads"]),
            chrome_re=re.compile("|".join(f"(?:{p})" for p in segments["chrome"]), ci),
            footer_re=re.compile("|".join(re.escape(p) for p in segments["footer_starts"]), ci),
            dateline_label_re=re.compile(rf"(?:{alternation(segments['dateline_labels'])})\s*:?\s*(?=\d)", ci),
            page_label_re=re.compile(rf"(?<!\w)(?:{alternation(segments['page_labels'])})\s*:", ci),
            source_re=re.compile("|".join(re.escape(p) for p in segments["source_prefixes"]), ci),
            author_re=re.compile(rf"(?:{alternation(segments['author_words'])})\s*:", ci),
            conjunction=str(words["conjunction"]),
            located_word=str(words["located"]),
            place_level_re=re.compile(rf"(?:{alternation(words['place_levels'])})\b", ci),
            named_place_level_re=re.compile(rf"(?:{alternation(words['named_place_levels'])})\s*$", ci),
            place_level_end_re=re.compile(rf"(?<!\w)(?:{alternation(words['place_levels'])})\s+$", ci),
            any_place_level_end_re=re.compile(
                rf"(?<!\w)(?:{alternation(words['place_levels'] + words['named_place_levels'])})\s+$", ci),
            list_split_re_template=rf"{{sep}}|\s+{vi_pattern(words['conjunction'])}\s+(?={CAPITAL}|{vi_pattern(words['list_place_level'])}\s)",
            unit_connector_re=re.compile(rf"^(?:{alternation(words['unit_connectors'])})\s+"),
            role_end_re=re.compile(rf"(?<!\w)(?:{alternation(titles['roles'])})\s+$", ci),
            role_prefix_end_re=re.compile(rf"(?:{alternation(titles['role_prefixes'])})\s+$", ci),
            role_prefix_after_re=re.compile(rf"\s*(?:[,\-–—]|\()\s*(?:(?:{alternation(titles['role_prefixes'])})\s+)?"),
            author_line_re=re.compile(rf"(?:{alternation(segments['author_words'])})\s*:\s*", ci),
            non_author_keys=_keys(segments["non_author_signatures"]),
            section_keys=_keys(segments["section_names"]),
            signature_note_keys=_keys(segments["signature_notes"]),
            signature_prefix_re=re.compile(rf"(?:{alternation(segments['signature_prefixes'])})\s+(?={CAPITAL})", ci),
            staff_prefix_re=re.compile(rf"(?:{alternation(segments['staff_prefixes'])})\s+(?={CAPITAL}\w*\s+{CAPITAL})"),
            credit_after_re=re.compile(rf"\s*(?:[;,|\-–—/(])\s*(?:{alternation(segments['credit_words'])})\s*:", ci),
            # "Đào Hữu Hảo, ngày: 18/06/2020", and at an article's end "Hữu Phước - 15/01/2024", "Hữu Phước (15/01/2024)"
            byline_name_re=re.compile(rf"^([^\W\d][\w .]{{1,60}}?)(?:,\s*{vi_pattern(dates['words']['day'])}\s*:?\s*|"
                                      rf"\s+[-–]\s+(?=\d{{1,2}}/\d{{1,2}}/\d{{4}}(?:\s+\d{{1,2}}[:h]\d{{2}})?\)?\s*$)|"
                                      rf"\s*\((?=\d{{1,2}}/\d{{1,2}}/\d{{4}}\)\s*$))\d", ci),
            byline_date_re=re.compile(
                rf"^[^\W\d][\w .]{{1,60}},\s*{vi_pattern(dates['words']['day'])}\s*:?\s*\d{{1,2}}/\d{{1,2}}/\d{{4}}", ci),
            # at an article's end only (at its top, "THỜI SỰ - 12/12/2023" is a section's dateline)
            end_byline_date_re=re.compile(
                r"^[^\W\d][\w .]{1,60}(?:\s+[-–]\s+\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}[:h]\d{2})?|\s*\(\d{1,2}/\d{1,2}/\d{4}\))\s*$"),
            year_in_window_re=re.compile(rf"{vi_pattern(dates['words']['year'])}\s+((?:19|20)\d{{2}})(?!\d)", ci),
            multi_day_re=re.compile(rf"(\d(?<![\d/:]\d)\d?)(?:\s*(?:,|-|–|{vi_pattern(words['conjunction'])}|"
                                    rf"{alternation(dates['day_range_words'])})\s*(\d{{1,2}}))+"
                                    rf"\s*/\s*(\d{{1,2}})\s*[/.\-–]\s*((?:19|20)\d{{2}})(?!\d)"),
            slogan_list_join_re=re.compile(rf"[\s;,…]*(?:{alternation(slogans['list_joiners'])})?[\s\w]{{0,25}}"),
            event_location_re=_location_re(events["location"], words["located"]),
            bloc_list_re=re.compile(rf"(?:(?:{bloc_member.pattern})(?:\s*,\s*|\s+{vi_pattern(words['conjunction'])}\s+))*"
                                    rf"(?:{bloc_member.pattern})"),
            leading_conjunction_re=re.compile(rf"^{vi_pattern(words['conjunction'])}\s+"),
            places=places,
            credit_re=re.compile(rf"{gated(segments['credit_words'], ci)}\s*:[^)\n]*", ci),
            dateline_filler_re=re.compile(
                rf"(?<!\w)(?:{vi_pattern(dates['words']['day'])}|{alternation(dates['dateline_words'])})(?!\w)|[|,:\-–/@()+]", ci),
            keyed=_freeze({name: _freeze({match_key(k): v for k, v in table.items()}) for name, table in
                           {"awards": award_forms, "heads": heads, "recipients": recipient_kinds,
                            "markers": markers, "halves": halves}.items()}),
        )

    def expand_abbreviations(self, name: str) -> str:
        """Replace known abbreviations by their expansions (``abbreviations.toml``).

        >>> Lexicon.load().expand_abbreviations("Viện Hàn lâm KHCNVN")
        'Viện Hàn lâm Khoa học và Công nghệ Việt Nam'
        """
        return self.cached(("expand", name), lambda: _ABBREVIATION.sub(
            lambda m: self.abbreviations.get(m.group(0), m.group(0)), name))

    def _lookup(self, table: str, surface: str) -> str | None:
        return self.keyed[table].get(match_key(surface))

    def award_category(self, surface: str) -> str:
        """The award category of a surface form matched by ``award_re``.

        >>> Lexicon.load().award_category("huân chương lao động")
        'Huân chương Lao động'
        """
        category = self._lookup("awards", surface)
        if category is None:
            raise KeyError(f"not an award form: {surface!r}")
        return category

    def unit_type(self, head: str) -> str:
        """The unit type of a head matched by ``unit_head_re`` ("Cục" -> "Cục")."""
        kind = self._lookup("heads", head)
        if kind is None:
            raise KeyError(f"not a unit head: {head!r}")
        return kind

    def recipient_kind(self, noun: str | None) -> str | None:
        """``collective`` / ``individual`` for a recipient noun, or None (also for no noun:
        an award counted by itself, "tôn vinh 50 chiến sĩ thi đua")."""
        return self._lookup("recipients", noun) if noun else None

    def slogan_kind(self, marker: str) -> str:
        """The slogan kind a marker gives ("chủ đề" -> "chủ đề thi đua")."""
        kind = self._lookup("markers", marker)
        if kind is None:
            raise KeyError(f"not a slogan marker: {marker!r}")
        return kind

    def half_months(self, phrase: str) -> tuple[int, int] | None:
        """(first, last) month of a part-of-year phrase ("6 tháng đầu năm" -> (1, 6))."""
        months = self.keyed["halves"].get(match_key(phrase))
        return (int(months[0]), int(months[1])) if months else None


@lru_cache(maxsize=1)
def _shared() -> Lexicon:
    return Lexicon.load()
