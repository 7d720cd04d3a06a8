"""Cross-document registry: one row per person and per unit across a whole run.

The tables of a run are per document (``person_id`` is ``<doc_id>:P<n>``). This module
decides, from their rows, who and what is the same across documents, and makes the rows
of three corpus-wide tables (written by :mod:`pipeline.export.registries`):

- ``people_registry.csv``: one row per distinct person (``person_key``), the documents
  naming them and the first and last date they are seen;
- ``title_history.csv``: every office of ``positions.csv`` under its ``person_key``, with
  the date of its document, ordered by person then date;
- ``units_registry.csv``: one row per distinct body (``unit_key``), every surface form
  written for it, its documents and mentions.

The date of a document is its ``event_date``, else its ``published_date`` (ISO strings,
so they sort as text). ``title_history.csv`` also carries the ``person_id`` of
``people.csv`` and the ``unit_key`` of the office's unit (empty when the unit is not one
of the document's units); both registries list the per-document ids they merge
(``person_ids``, ``unit_ids``).

**Units** merge when one's comparable forms and the other's name one body by
:func:`pipeline.resolve.units.same_unit` (case, tone placement, abbreviations, acronyms:
"Viện Hàn lâm KHCNVN" = "Viện Hàn lâm Khoa học và Công nghệ Việt Nam"), or when both are
the same national body of ``data/units.toml`` ("Chính phủ"). Comparable forms are the
entity's name and aliases minus short back-references (a form that is the first words
of another form of the same entity: "Văn phòng" beside "Văn phòng Viện Hàn lâm KHCNVN")
and minus *document-relative* forms, which only the article can resolve: a bare head
("Đảng ủy"), a name ending in a unit head ("Công đoàn Văn phòng"), in a locality word
("UBND tỉnh") or in a provincial committee ("Ban Thường vụ Tỉnh ủy"). A unit with no
comparable form keeps a registry row of its own per document, with a note. Two entities
of one document never merge (the pipeline already told them apart), except national bodies.

**People** merge when their names have one matching key
(:func:`extractors.keys.match_key`: "Thuý"/"Thúy" and "NGuyễn"/"Nguyễn" are one
name) *and* their evidence is compatible. The evidence of one document's person is its
offices in ``positions.csv``: the units of those offices (resolved to the registry unit
when the document's ``units.csv`` has it) and the office titles. Within one name:

1. people with at least one unit merge when they share a unit, when one unit is the other
   made more specific ("Vụ Thi đua - Khen thưởng" and "Vụ Thi đua - Khen thưởng Bộ Khoa
   học và Công nghệ"), or when they share an office title ("Chánh Văn phòng"); merging is
   transitive; a document-relative unit ("UBND tỉnh") is shared only within its document;
2. a person with no unit joins the one group whose titles it shares, else the only group
   there is; with no group at all, every unit-less person of the name is one person;
3. otherwise nothing is merged silently: each group is a person of its own, and its
   ``note`` names the other keys of the same name and why they were kept apart
   ("different units", or "no unit to tell which").

Keys are readable ASCII (:func:`person_key`, :func:`unit_key`: "tran-van-binh"); a key
already taken by an earlier entry (the same name kept apart, or another name with the
same letters) gets ``#2``, ``#3`` in order of first appearance. Keys are stable for a
given run, not across runs over different inputs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extractors.keys import match_key, strip_diacritics
from extractors.lexicon import Lexicon
from extractors.units import without_inner_abbreviation
from pipeline.resolve.titles import title_key
from pipeline.resolve.units import canonical_name, same_unit

__all__ = [
    "RELATIVE_UNIT_NOTE",
    "PersonEntry",
    "PersonMention",
    "UnitEntry",
    "UnitLinks",
    "UnitRecord",
    "UnitRegistrar",
    "build_registries",
    "is_relative",
    "document_date",
    "merge_people",
    "name_entries",
    "numbered",
    "office_evidence",
    "office_unit",
    "person_notes",
    "person_row",
    "person_key",
    "register_units",
    "split_name",
    "unit_display_name",
    "unit_entry_name",
    "unit_key",
    "unit_links",
    "unit_note",
    "unit_record",
    "unit_refs",
    "unit_row",
    "units_compatible",
]

Row = Mapping[str, Any]  # a row of a run's table (from the store): None for no value
# Qualifiers that complete a name; the other qualifiers ("tỉnh", "số") expect a name after them.
_COMPLETE_QUALIFIERS = frozenset(match_key(q) for q in ("quốc gia", "quốc tế", "trung ương"))


# --- keys -----------------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_diacritics(match_key(text)).lower()).strip("-")


def person_key(name: str) -> str:
    """The registry key of a personal name: its letters without diacritics, lower case,
    hyphen-joined (a stable ASCII identifier; the registry numbers clashes ``#2``).

    >>> person_key("Trần Thị Thuý"), person_key("trần thị thúy"), person_key("NGuyễn Văn An")
    ('tran-thi-thuy', 'tran-thi-thuy', 'nguyen-van-an')
    """
    return _slug(name)


def unit_key(name: str) -> str:
    """The registry key of a unit name (before any ``#n`` numbering).

    >>> unit_key("Cục Sở hữu trí tuệ"), unit_key("Bộ KH&CN")
    ('cuc-so-huu-tri-tue', 'bo-kh-cn')
    """
    return _slug(name)


def numbered(base: str, taken: Counter[str]) -> str:
    """``base``, or ``base#n`` when ``taken`` says it was given n-1 times before (counted here).

    >>> taken = Counter()
    >>> [numbered("bo-y-te", taken) for _ in range(3)]
    ['bo-y-te', 'bo-y-te#2', 'bo-y-te#3']
    """
    taken[base] += 1
    return base if taken[base] == 1 else f"{base}#{taken[base]}"


# --- units ----------------------------------------------------------------------------

@dataclass(frozen=True)
class UnitRecord:
    """One row of ``units.csv``: one body as one document names it."""

    doc_id: str
    unit_id: str
    name: str
    forms: tuple[str, ...]
    unit_type: str | None = None
    mentions: int = 0


@dataclass
class UnitEntry:
    """One body of the registry: the records of every document naming it."""

    key: str
    records: list[UnitRecord]
    national: str | None
    relative: bool
    comparable: list[str] = field(default_factory=list)
    name: str = ""
    doc_ids: set[str] = field(default_factory=set)

    @property
    def documents(self) -> list[str]:
        """The doc_ids naming the unit, in order of appearance."""
        return list(dict.fromkeys(r.doc_id for r in self.records))


def is_relative(form: str, lexicon: Lexicon) -> bool:
    """Does a unit form need its article to say which body it is? A bare head, a name
    ending in a unit head, in a locality word or in a provincial committee.

    >>> lex = Lexicon.load()
    >>> [is_relative(f, lex) for f in ("Đảng ủy", "Công đoàn Văn phòng", "UBND tỉnh",
    ...                                 "Ban Thường vụ Tỉnh ủy", "Cục Sở hữu trí tuệ", "Chính phủ")]
    [True, True, True, True, False, False]
    """
    return lexicon.cached(("relative", form), lambda: _is_relative(form, lexicon))


def _is_relative(form: str, lexicon: Lexicon) -> bool:
    key = match_key(form)
    if key in lexicon.national_by_key:
        return False
    words = form.split()
    qualifiers = lexicon.cached(("relative-qualifiers",), lambda: frozenset(
        match_key(q) for q in lexicon.raw["units"]["names"]["qualifiers"]) - _COMPLETE_QUALIFIERS)
    for k in range(1, min(len(words), 5) + 1):
        tail = " ".join(words[-k:])
        tail_key = match_key(tail)
        if tail_key in lexicon.complete_head_keys or tail_key in qualifiers:
            return True
        if tail_key in lexicon.keyed["heads"] and tail[:1].isupper():
            return True
    return False


def _identity_forms(forms: Sequence[str]) -> list[str]:
    """The forms that are not a short back-reference to another form of the same entity."""
    keys = [match_key(f) for f in forms]
    return [f for f, k in zip(forms, keys, strict=True) if not any(o.startswith(k + " ") for o in keys)]


def _national(record: UnitRecord, lexicon: Lexicon) -> str | None:
    return next((lexicon.national_by_key[match_key(f)] for f in (record.name, *record.forms)
                 if match_key(f) in lexicon.national_by_key), None)


def _display_name(record: UnitRecord, lexicon: Lexicon) -> str:
    identity = _identity_forms(list(dict.fromkeys((record.name, *record.forms))))
    if not identity or all(is_relative(f, lexicon) for f in identity):
        return record.name
    return canonical_name(identity, lexicon)


def _form_key(form: str, lexicon: Lexicon) -> str:
    return match_key(lexicon.expand_abbreviations(form))


def _has_acronym(form: str, lexicon: Lexicon) -> bool:
    """Does the form keep an unknown acronym ("Trung tâm TTTL") once abbreviations are expanded?"""
    return any(t.isupper() and len(t.replace("&", "")) >= 2
               for t in re.findall(r"[\w&]+", lexicon.expand_abbreviations(form)))


_SKIPPED = ("và", "&", "của")  # the words an acronym's letters skip (pipeline.resolve.units._acronym_equal)


def _pair_keys(form: str, lexicon: Lexicon) -> frozenset[str]:
    """Keys that any two forms :func:`~pipeline.resolve.units.same_unit` calls one body
    share at least one of, so that a record is compared pairwise only with the forms
    sharing one (not with every form of the registry: that grew with the corpus).

    Two such forms have equal keys (the same words, once abbreviations are expanded),
    the same national name, or match word for word with acronyms standing for runs of
    words. In each case they agree on the letter each begins with and the letter each
    ends with: the first letter of the first word, or of the first word an acronym's
    letters start from (not "và", "&", "của"); the first letter of the last word, or
    the last letter of an acronym there. A key is one such pair, from the form as
    written or expanded, with or without the abbreviation it gives of itself in
    parentheses; or the national name.

    >>> lex = Lexicon.load()
    >>> _pair_keys("Trung tâm TTTL", lex) & _pair_keys("Trung tâm Thông tin - Tư liệu", lex)
    frozenset({'t l'})
    """
    return lexicon.cached(("pair-keys", form), lambda: _pair_keys_of(form, lexicon))


def _pair_keys_of(form: str, lexicon: Lexicon) -> frozenset[str]:
    def letter(token: str) -> str:
        return strip_diacritics(token).replace("&", "").casefold()[:1]

    keys: set[str] = set()
    plain = without_inner_abbreviation(form)  # same_unit compares these too
    for text in {form, lexicon.expand_abbreviations(form), plain, lexicon.expand_abbreviations(plain)}:
        words = re.findall(r"[\w&]+", text)
        if not words:
            keys.add("")
            continue
        start = next((w for w in words if w.lower() not in _SKIPPED), words[0])
        first = {letter(words[0]), letter(start)}
        last = {letter(words[-1]), strip_diacritics(words[-1]).replace("&", "").casefold()[-1:]}
        keys.update(f"{a} {b}" for a in first for b in last)
    national = lexicon.national_by_key.get(match_key(form))
    if national:
        keys.add(f"= {national}")
    return frozenset(keys)


@dataclass
class _Open:
    """A registry entry that later records may join (not document-relative): what they are
    matched against, never the records themselves."""

    number: int
    comparable: list[str] = field(default_factory=list)
    national: str | None = None
    last_doc: str | None = None


class UnitRegistrar:
    """Assigns unit records, in order, to registry entries (see the module docstring).

    It holds only what later records are matched against: per entry its comparable forms,
    its national name and the last document naming it; never the records. Its memory grows
    with the number of distinct bodies, not with the corpus. A document's records must come
    one after the other (the store's order, by ``doc_id``). Entries are numbered 0, 1, ... in
    order of creation, which is the registry's order.

    >>> reg = UnitRegistrar(Lexicon.load())
    >>> [reg.add(UnitRecord(d, f"{d}:U1", n, (n,))) for d, n in
    ...  (("a", "Cục Điều phối Sông Mây"), ("b", "UBND tỉnh"), ("c", "Cục Điều phối Sông Mây"))]
    [(0, False), (1, True), (0, False)]
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.count = 0  # entries made, document-relative ones included
        self.entries: list[_Open] = []  # the entries records may join, in order of creation
        self._national: dict[str, _Open] = {}
        self._keys: dict[str, list[_Open]] = {}
        # the forms a record's forms are compared with pairwise, under their pair keys:
        # every form of every entry, at (entry number, its place among the entry's forms);
        # the forms that keep an acronym, at their place in the order they were filed
        self._forms: dict[str, list[tuple[tuple[int, int], _Open, str]]] = {}
        self._acronyms: dict[str, list[tuple[tuple[int, int], _Open, str]]] = {}
        self._acronym_count = 0

    def add(self, record: UnitRecord) -> tuple[int, bool]:
        """File one record: the number of its entry (a new one when none fits) and whether
        that entry is document-relative (a record of its own, joined by nothing)."""
        links = unit_links(record, self.lexicon)
        national, comparable = links.national, links.comparable
        number = self.count
        if not (national or comparable):
            self.count += 1
            return number, True
        entry = self._find(record.doc_id, national, comparable)
        if entry is None:
            entry = _Open(number)
            self.count += 1
            self.entries.append(entry)
        self._file(entry, record.doc_id, national, comparable)
        return entry.number, False

    def nationals(self) -> dict[int, str]:
        """The national name of every entry that has one, by entry number."""
        return {e.number: e.national for e in self.entries if e.national}

    def _find(self, doc_id: str, national: str | None, comparable: Sequence[str]) -> _Open | None:
        lexicon = self.lexicon
        if national and national in self._national:
            return self._national[national]

        def open_to(e: _Open) -> bool:
            return e.last_doc != doc_id  # two entities of one document never merge

        for form in comparable:
            hit = next((e for e in self._keys.get(_form_key(form, lexicon), []) if open_to(e)), None)
            if hit:
                return hit
        # the pairwise comparison: with every form of every entry when a form keeps an
        # acronym, else with the forms that do; in that order, among those sharing a pair key
        index = self._forms if any(_has_acronym(f, lexicon) for f in comparable) else self._acronyms
        pairs = {at: (e, b) for key in set().union(*(_pair_keys(a, lexicon) for a in comparable))
                 for at, e, b in index.get(key, ())}
        return next((e for _, (e, b) in sorted(pairs.items(), key=lambda item: item[0])
                     if open_to(e) and any(same_unit(a, b, lexicon) for a in comparable)), None)

    def _file(self, entry: _Open, doc_id: str, national: str | None, comparable: Sequence[str]) -> None:
        entry.last_doc = doc_id
        if national:
            entry.national = entry.national or national
            self._national.setdefault(national, entry)
        for form in comparable:
            if form in entry.comparable:
                continue
            entry.comparable.append(form)
            self._keys.setdefault(_form_key(form, self.lexicon), []).append(entry)
            keys = _pair_keys(form, self.lexicon)
            for key in keys:
                self._forms.setdefault(key, []).append(((entry.number, len(entry.comparable)), entry, form))
            if _has_acronym(form, self.lexicon):
                self._acronym_count += 1
                for key in keys:
                    self._acronyms.setdefault(key, []).append(((self._acronym_count, 0), entry, form))


@dataclass(frozen=True)
class UnitLinks:
    """What a unit record can be matched by (see :class:`UnitRegistrar`): its national
    name, its comparable forms with their matching keys (abbreviations expanded), and
    whether one of those forms keeps an unknown acronym (and so needs a pairwise
    :func:`pipeline.resolve.units.same_unit`). A record with neither a national name nor a
    comparable form is document-relative."""

    national: str | None
    comparable: tuple[str, ...]
    keys: tuple[str, ...]
    acronym: bool


def unit_links(record: UnitRecord, lexicon: Lexicon) -> UnitLinks:
    """The :class:`UnitLinks` of one record.

    >>> unit_links(UnitRecord("a", "a:U1", "Trung tâm TTTL", ("Trung tâm TTTL",)), Lexicon.load())
    UnitLinks(national=None, comparable=('Trung tâm TTTL',), keys=('trung tâm tttl',), acronym=True)
    """
    return lexicon.cached(("links", record.name, *record.forms), lambda: _unit_links(record, lexicon))


def _unit_links(record: UnitRecord, lexicon: Lexicon) -> UnitLinks:
    forms = list(dict.fromkeys((record.name, *record.forms)))
    comparable = tuple(f for f in _identity_forms(forms) if not is_relative(f, lexicon))
    return UnitLinks(_national(record, lexicon), comparable, tuple(_form_key(f, lexicon) for f in comparable),
                     any(_has_acronym(f, lexicon) for f in comparable))


def unit_display_name(record: UnitRecord, lexicon: Lexicon) -> str:
    """The name a record proposes for its registry entry: its canonical full form, or its
    own name when every identity form needs its article (a function of its name and forms,
    remembered: the same bodies recur across a corpus)."""
    return lexicon.cached(("display", record.name, *record.forms), lambda: _display_name(record, lexicon))


def unit_entry_name(national: str | None, display_names: Sequence[str]) -> str:
    """An entry's name: its national name, else the most frequent display name of its
    records (the longer on a tie, then the first seen).

    >>> unit_entry_name(None, ["Cục ĐPSM", "Cục Điều phối Sông Mây", "Cục ĐPSM"])
    'Cục ĐPSM'
    """
    names = Counter(display_names)
    return national or max(names, key=lambda n: (names[n], len(n)))


def register_units(records: Sequence[UnitRecord], lexicon: Lexicon) -> list[UnitEntry]:
    """Merge the units of every document into registry entries (see the module docstring).

    Entries keep the order of first appearance; keys are :func:`unit_key` of the entry's
    name, numbered ``#2``, ``#3`` when names repeat.

    Raises:
        ValueError: a document's records do not come one after the other.
    """
    registrar = UnitRegistrar(lexicon)
    entries: list[UnitEntry] = []
    done: set[str] = set()
    previous: str | None = None
    for record in records:
        if record.doc_id != previous:
            if record.doc_id in done:
                raise ValueError(f"the units of document {record.doc_id!r} do not come one after the other")
            if previous is not None:
                done.add(previous)
            previous = record.doc_id
        number, relative = registrar.add(record)
        if number == len(entries):
            entries.append(UnitEntry("", [], None, relative))
        entries[number].records.append(record)
        entries[number].doc_ids.add(record.doc_id)
    nationals = registrar.nationals()
    comparable = {e.number: e.comparable for e in registrar.entries}
    taken: Counter[str] = Counter()
    for number, entry in enumerate(entries):
        entry.national = nationals.get(number)
        entry.comparable = comparable.get(number, [])
        entry.name = unit_entry_name(entry.national, [_display_name(r, lexicon) for r in entry.records])
        entry.key = numbered(unit_key(entry.name), taken)
    return entries


RELATIVE_UNIT_NOTE = "name depends on its article (bare head, locality or committee word); not merged across documents"


def unit_note(key: str, relative: bool) -> str | None:
    """Why a unit entry stands alone: a document-relative name, or a key another body took first.

    >>> unit_note("bo-y-te#2", False)
    'bo-y-te is the key of another body with this name'
    """
    if relative:
        return RELATIVE_UNIT_NOTE
    if "#" in key:
        return f"{key.split('#')[0]} is the key of another body with this name"
    return None


def unit_row(key: str, name: str, records: Sequence[UnitRecord], relative: bool) -> dict[str, Any]:
    """The ``units_registry`` row of one entry from its records, in order of appearance."""
    forms: list[str] = []
    seen: set[str] = set()
    for f in (f for r in records for f in (r.name, *r.forms)):
        k = match_key(f)
        if k not in seen:
            seen.add(k)
            forms.append(f)
    types = Counter(r.unit_type for r in records if r.unit_type)
    return {"unit_key": key, "name": name, "aliases": "|".join(forms),
            "unit_type": types.most_common(1)[0][0] if types else None,
            "documents": "|".join(dict.fromkeys(r.doc_id for r in records)),
            "mentions": sum(r.mentions for r in records),
            "unit_ids": "|".join(r.unit_id for r in records), "note": unit_note(key, relative)}


def _unit_rows(entries: Sequence[UnitEntry]) -> list[dict[str, Any]]:
    return [unit_row(e.key, e.name, e.records, e.relative) for e in entries]


# --- people ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PersonMention:
    """One row of ``people.csv`` with the evidence used to merge it.

    ``units`` are unit references: ``unit:<unit_key>`` of the registry unit, and the
    matching key of the unit as written (abbreviations expanded); a document-relative
    unit only as ``<doc_id>/...``, so it matches nothing in another document. ``titles``
    are matching keys of the person's offices in that document.
    """

    doc_id: str
    person_id: str
    name: str
    date: str | None = None
    units: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()


@dataclass
class PersonEntry:
    """One person of the registry: the mentions of every document naming them."""

    key: str
    mentions: list[PersonMention]
    note: str | None = None

    @property
    def name(self) -> str:
        """The most frequent name as written (the first seen on a tie)."""
        counts = Counter(m.name for m in self.mentions)
        return max(counts, key=lambda n: (counts[n], -[m.name for m in self.mentions].index(n)))

    @property
    def documents(self) -> list[str]:
        """The doc_ids naming the person, in order of appearance."""
        return list(dict.fromkeys(m.doc_id for m in self.mentions))

    @property
    def first_seen(self) -> str | None:
        """The earliest document date, or None when no document has one."""
        dates = [m.date for m in self.mentions if m.date]
        return min(dates) if dates else None

    @property
    def last_seen(self) -> str | None:
        """The latest document date, or None when no document has one."""
        dates = [m.date for m in self.mentions if m.date]
        return max(dates) if dates else None


def units_compatible(a: Iterable[str], b: Iterable[str]) -> bool:
    """Do two sets of unit references share a unit, or is one the other made specific?

    >>> units_compatible({"vụ thi đua - khen thưởng"}, {"vụ thi đua - khen thưởng bộ y tế"})
    True
    >>> units_compatible({"cục sở hữu trí tuệ"}, {"cục năng lượng nguyên tử"})
    False
    """
    b = list(b)
    return any(x == y or x.startswith(y + " ") or y.startswith(x + " ") for x in a for y in b)


@dataclass
class _Group:
    """Mentions (indices into one name's mentions) taken for one person, with the union of
    their evidence: being compatible with a member is being compatible with the union."""

    members: list[int]
    units: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)

    def take(self, i: int, m: PersonMention) -> None:
        self.members.append(i)
        self.units |= m.units
        self.titles |= m.titles


def _components(mentions: Sequence[PersonMention]) -> list[_Group]:
    """Groups of unit-bearing mentions linked by compatible units or a shared title."""
    groups: list[_Group] = []
    for i, m in enumerate(mentions):
        if not m.units:
            continue
        linked = [g for g in groups if units_compatible(m.units, g.units) or m.titles & g.titles]
        merged = _Group([])
        for g in linked:
            merged.members += g.members
            merged.units |= g.units
            merged.titles |= g.titles
        merged.take(i, m)
        groups = [g for g in groups if all(g is not o for o in linked)] + [merged]
    return groups


def _place_floating(mentions: Sequence[PersonMention], groups: list[_Group]) -> list[int]:
    """Attach unit-less mentions where the evidence allows; returns the indices left over."""
    rest = []
    for i, m in enumerate(mentions):
        if m.units:
            continue
        by_title = [g for g in groups if m.titles & g.titles]
        if len(by_title) == 1:
            by_title[0].take(i, m)
        elif len(groups) == 1:
            groups[0].take(i, m)
        else:
            rest.append(i)
    return rest


def _split_key(mentions: Sequence[PersonMention]) -> list[tuple[list[PersonMention], str | None]]:
    """The persons sharing one name, each with the reason it was kept apart (or None)."""
    groups = _components(mentions)
    rest = _place_floating(mentions, groups)
    out: list[tuple[list[int], str | None]] = [(sorted(g.members), "different units") for g in groups]
    if rest:
        out.append((rest, "no unit to tell which" if groups else None))
    out.sort()
    if len(out) == 1:
        return [(list(mentions), None)]
    return [([mentions[i] for i in members], reason) for members, reason in out]


def split_name(mentions: Sequence[PersonMention]) -> list[tuple[list[PersonMention], str | None]]:
    """The persons sharing one name (mentions whose names share one :func:`match_key`, in
    order), each with the reason it was kept apart from the others (None when alone)."""
    return _split_key(mentions)


def person_notes(keys: Sequence[str], reasons: Sequence[str | None], base: str) -> list[str | None]:
    """The ``note`` of each person of one name: why namesakes were kept apart, or that the
    name's key went to another name first.

    >>> person_notes(["le-thu#2"], [None], "le-thu")
    ['le-thu is the key of another name']
    """
    notes: list[str | None] = []
    for i, reason in enumerate(reasons):
        if reason:
            others = ", ".join(k for j, k in enumerate(keys) if j != i)
            notes.append(f"same name as {others}; kept apart: {reason}")
        else:
            notes.append(f"{base} is the key of another name" if keys[i] != base else None)
    return notes


def name_entries(mentions: Sequence[PersonMention], taken: Counter[str]) -> list[PersonEntry]:
    """The persons of one name (see :func:`split_name`), keyed.

    ``taken`` counts the keys given so far (names are visited in order of first
    appearance), so a key already taken gets ``#2``, ``#3``.
    """
    split = split_name(mentions)
    base = person_key(mentions[0].name)
    keys = [numbered(base, taken) for _ in split]
    notes = person_notes(keys, [reason for _, reason in split], base)
    return [PersonEntry(key, list(members), note) for key, (members, _), note in zip(keys, split, notes, strict=True)]


def merge_people(mentions: Sequence[PersonMention]) -> list[PersonEntry]:
    """Merge the people of every document into registry entries (see the module docstring).

    Entries keep the order of first appearance.

    >>> a = PersonMention("d1", "d1:P1", "Trần Văn Bình", "2021-01-05", frozenset({"cục a"}))
    >>> b = PersonMention("d2", "d2:P1", "Trần văn Bình", "2022-03-01", frozenset({"cục b"}))
    >>> [(e.key, e.documents) for e in merge_people([a, b])]
    [('tran-van-binh', ['d1']), ('tran-van-binh#2', ['d2'])]
    """
    by_name: dict[str, list[PersonMention]] = {}
    for m in mentions:
        by_name.setdefault(match_key(m.name), []).append(m)
    taken: Counter[str] = Counter()
    entries = [entry for group in by_name.values() for entry in name_entries(group, taken)]
    order = {m.person_id: i for i, m in enumerate(mentions)}
    entries.sort(key=lambda e: min(order[m.person_id] for m in e.mentions))
    return entries


def person_row(entry: PersonEntry) -> dict[str, Any]:
    """The ``people_registry`` row of one person."""
    return {"person_key": entry.key, "name": entry.name, "documents": "|".join(entry.documents),
            "first_seen": entry.first_seen, "last_seen": entry.last_seen,
            "person_ids": "|".join(m.person_id for m in entry.mentions), "note": entry.note}


def _people_rows(entries: Sequence[PersonEntry]) -> list[dict[str, Any]]:
    return [person_row(e) for e in entries]


# --- from the run's tables to the registries -------------------------------------------

def document_date(document: Row) -> str | None:
    """The date of a document for the registries: its event date, else its publication date."""
    return document.get("event_date") or document.get("published_date")


def _doc_dates(documents: Sequence[Row]) -> dict[str, str | None]:
    return {str(d["doc_id"]): document_date(d) for d in documents if d.get("doc_id")}


def unit_record(row: Row) -> UnitRecord:
    """A ``units`` row (None for no value) as a :class:`UnitRecord`."""
    return UnitRecord(row["doc_id"] or "", row["unit_id"] or "", row["name"] or "",
                      tuple(f for f in (row.get("aliases") or "").split("|") if f),
                      row.get("unit_type"), int(row.get("mentions") or 0))


def _unit_records(units: Sequence[Row]) -> list[UnitRecord]:
    return [unit_record(u) for u in units]


def office_unit(written: str, candidates: Sequence[UnitRecord], lexicon: Lexicon) -> UnitRecord | None:
    """The unit entity of its own document (``candidates``) that a unit written in an office names."""
    key = match_key(written)
    exact = next((r for r in candidates if any(match_key(f) == key for f in (r.name, *r.forms))), None)
    return exact or next((r for r in candidates if any(same_unit(written, f, lexicon)
                                                      for f in (r.name, *r.forms))), None)


def unit_refs(written: str, doc_id: str, entry: str | None, relative: bool, lexicon: Lexicon) -> set[str]:
    """The unit references an office gives its person (see :class:`PersonMention`).

    Args:
        written: the office's unit as written.
        doc_id: the office's document.
        entry: an identifier of the registry entry of the unit (unique per entry: its key,
            or any other), None when the unit is not one of the document's units.
        relative: that entry is document-relative.
        lexicon: the lexicon.
    """
    if entry is not None and relative:
        return {f"{doc_id}/unit:{entry}"}
    refs = {f"unit:{entry}"} if entry is not None else set()
    if is_relative(written, lexicon):
        return refs or {f"{doc_id}/{match_key(written)}"}
    return refs | {match_key(lexicon.expand_abbreviations(written))}


def office_evidence(position: Row, entry: str | None, relative: bool, lexicon: Lexicon) -> tuple[set[str], set[str]]:
    """What one office (a ``positions`` row) tells of its person: unit references
    (:func:`unit_refs`, ``entry`` and ``relative`` as there) and office title keys."""
    refs = unit_refs(position["unit"], position["doc_id"] or "", entry, relative, lexicon) \
        if position.get("unit") else set()
    titles = {title_key(position["title"])} if position.get("title") else set()
    return refs, titles


def _office_units(positions: Sequence[Row], records: Sequence[UnitRecord], units: Sequence[UnitEntry],
                  lexicon: Lexicon) -> list[tuple[Row, UnitEntry | None]]:
    """Every office with the registry unit of its written unit (None when unresolved)."""
    entry_of = {r.unit_id: e for e in units for r in e.records}
    by_doc: dict[str, list[UnitRecord]] = {}
    for r in records:
        by_doc.setdefault(r.doc_id, []).append(r)
    out = []
    for p in positions:
        rec = office_unit(p["unit"], by_doc.get(p["doc_id"] or "", []), lexicon) if p.get("unit") else None
        out.append((p, entry_of.get(rec.unit_id) if rec else None))
    return out


def _person_mentions(people: Sequence[Row], offices: Sequence[tuple[Row, UnitEntry | None]],
                     dates: Mapping[str, str | None], lexicon: Lexicon) -> list[PersonMention]:
    """Every row of people.csv with its evidence: the units and titles of its offices."""
    evidence: dict[str, tuple[set[str], set[str]]] = {}
    for p, entry in offices:
        refs, titles = evidence.setdefault(p["person_id"] or "", (set(), set()))
        more_refs, more_titles = office_evidence(p, entry.key if entry else None, bool(entry and entry.relative),
                                                 lexicon)
        refs |= more_refs
        titles |= more_titles
    mentions = []
    for row in people:
        refs, titles = evidence.get(row["person_id"] or "", (set(), set()))
        mentions.append(PersonMention(row["doc_id"] or "", row["person_id"] or "", row["name"] or "",
                                      dates.get(row["doc_id"] or ""), frozenset(refs), frozenset(titles)))
    return mentions


def _history_rows(offices: Sequence[tuple[Row, UnitEntry | None]], people: Sequence[PersonEntry],
                  dates: Mapping[str, str | None]) -> list[dict[str, Any]]:
    """title_history: the offices under their person keys, by person, date, document, offset."""
    key_of = {m.person_id: e.key for e in people for m in e.mentions}
    known = [(p, e) for p, e in offices if (p["person_id"] or "") in key_of]

    def order(item: tuple[Row, UnitEntry | None]) -> tuple[Any, ...]:
        p, _ = item
        date = dates.get(p["doc_id"] or "")
        return key_of[p["person_id"] or ""], date is None, date or "", p["doc_id"] or "", int(p.get("start") or 0)

    return [{"person_key": key_of[p["person_id"] or ""], "date": dates.get(p["doc_id"] or ""), "title": p["title"],
             "unit": p["unit"], "doc_id": p["doc_id"], "person_id": p["person_id"],
             "unit_key": entry.key if entry else None} for p, entry in sorted(known, key=order)]


def build_registries(tables: Mapping[str, Sequence[Row]], lexicon: Lexicon) -> dict[str, list[dict[str, Any]]]:
    """The rows of the three registry tables, from the run's ``documents``, ``people``,
    ``positions`` and ``units`` rows (as the store holds them: None for no value)."""
    dates = _doc_dates(tables["documents"])
    records = _unit_records(tables["units"])
    units = register_units(records, lexicon)
    offices = _office_units(tables["positions"], records, units, lexicon)
    people = merge_people(_person_mentions(tables["people"], offices, dates, lexicon))
    return {"people_registry": _people_rows(people), "title_history": _history_rows(offices, people, dates),
            "units_registry": _unit_rows(units)}
