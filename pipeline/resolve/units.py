"""Deciding what the unit candidates name: one candidate per span, the parent of a
nested name, which forms name one body, and each body's canonical name.

Rules, each a :class:`~pipeline.resolve.decisions.Decision` of its name:

- ``units.one_per_span``: of candidates with one span, the most confident rule stands
  (a national body's match over a head's parse);
- ``units.parent``: a unit whose name ends in another unit's name belongs to it
  ("Văn phòng Viện Hàn lâm KHCNVN" → "Viện Hàn lâm KHCNVN");
- ``units.same_unit``: forms that name one body (:func:`same_unit`: case, tone marks,
  dashes, abbreviations and acronyms folded) are one entity;
- ``units.prefix_form``: a short form that only one entity of its type continues
  ("Viện Hàn lâm" → "Viện Hàn lâm KHCNVN") joins it;
- ``units.bare_alias``: a bare head ("Văn phòng") is an alias of the one entity of its
  type whose name it begins;
- ``units.restated_form``: a name in parentheses that restates the name before it
  ("Công ty Xăng dầu Khu vực III (Petrolimex Hải Phòng)") is a form of its entity;
- ``units.head_abbreviation``: a head and an abbreviation that an entity of that head
  defines ("Phòng Cảnh sát kinh tế (PC03)" ... "Phòng PC03") is a form of that entity;
- ``units.canonical_name``: the name of an entity (:func:`canonical_name`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from extractors.base import Candidate
from extractors.keys import match_key, strip_diacritics
from extractors.lexicon import Lexicon
from extractors.units import is_abbreviation, without_inner_abbreviation
from pipeline.resolve.decisions import Decision

__all__ = ["UnitEntity", "canonical_name", "merge_units", "resolve_unit_spans", "same_unit"]


def _acronym_equal(short: str, long: str) -> bool:
    """Do the forms match word for word, an acronym standing for a run of words?

    >>> _acronym_equal("Trung tâm TTTL", "Trung tâm Thông tin - Tư liệu")
    True
    """
    a = re.findall(r"[\w&]+", short)
    b = re.findall(r"[\w&]+", long)
    i = j = 0
    while i < len(a) and j < len(b):
        if match_key(a[i]) == match_key(b[j]):
            i += 1
            j += 1
            continue
        token = strip_diacritics(a[i]).upper().replace("&", "")
        if not (a[i].isupper() and len(token) >= 2):
            return False
        k = j
        acc = ""
        while k < len(b) and len(acc) < len(token):
            if b[k].lower() not in ("và", "&", "của"):
                acc += strip_diacritics(b[k])[0].upper()
            k += 1
        if acc != token:
            return False
        i += 1
        j = k
    return i == len(a) and j == len(b)


def same_unit(a: str, b: str, lexicon: Lexicon) -> bool:
    """Do two surface forms name the same body (case, tone marks, dashes, abbreviations
    and acronyms folded)?

    >>> lex = Lexicon.load()
    >>> same_unit("Viện Hàn lâm KHCN Việt Nam", "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", lex)
    True
    >>> same_unit("Bộ KH&CN", "Bộ Khoa học và Công nghệ", lex)
    True
    >>> same_unit("Cục Sở hữu trí tuệ", "Cục Năng lượng nguyên tử", lex)
    False
    >>> same_unit("Tòa án hai cấp tỉnh Hà Nam", "TAND hai cấp tỉnh Hà Nam", lex)
    True
    """
    return lexicon.cached(("same", a, b) if a <= b else ("same", b, a), lambda: _same_unit(a, b, lexicon))


def _same_unit(a: str, b: str, lexicon: Lexicon) -> bool:
    ka, kb = match_key(a), match_key(b)
    if ka == kb:
        return True
    pa, pb = without_inner_abbreviation(a), without_inner_abbreviation(b)
    if (pa, pb) != (a, b):  # "Hội Cựu chiến binh (CCB) huyện X" is "Hội Cựu chiến binh huyện X"
        return _same_unit(pa, pb, lexicon)
    full = lexicon.unit_names.full_head
    ea, eb = full(lexicon.expand_abbreviations(a)), full(lexicon.expand_abbreviations(b))
    if match_key(ea) == match_key(eb):
        return True
    na, nb = lexicon.national_by_key.get(ka), lexicon.national_by_key.get(kb)
    if na and na == nb:
        return True
    if _one_leaves_out(ea, eb, _without_levels, lexicon):
        return True  # "LĐLĐ Diễn Châu" is "LĐLĐ huyện Diễn Châu": the place's level left out
    if _JOINERS.sub(" ", match_key(ea)) == _JOINERS.sub(" ", match_key(eb)):
        return True  # "Sở Giáo dục - Đào tạo" is "Sở Giáo dục và Đào tạo"
    if _one_leaves_out(ea, eb, _without_country_before_place, lexicon):
        return True  # "Ủy ban MTTQ tỉnh" is "Ủy ban MTTQ Việt Nam tỉnh"
    short, long = (ea, eb) if len(ea) <= len(eb) else (eb, ea)
    return _acronym_equal(short, long)


def _one_leaves_out(a: str, b: str, strip: Callable[[str, Lexicon], str], lexicon: Lexicon) -> bool:
    """Does exactly one of ``a`` and ``b`` write what ``strip`` takes out, the two being the
    same without it?"""
    sa, sb = strip(a, lexicon), strip(b, lexicon)
    return (sa == a) != (sb == b) and match_key(sa) == match_key(sb)


# The joiners of an official name's parts, which its short forms write either way
_JOINERS = re.compile(r"\s*(?:,|\s-\s|\s–\s|&|\svà\s)\s*")


def _without_levels(name: str, lexicon: Lexicon) -> str:
    """A name without the level words before its places' names ("huyện Diễn Châu" →
    "Diễn Châu"); a level that ends the name stays ("UBND huyện")."""
    return lexicon.unit_names.level_before_name_re.sub("", name) if " " in name else name


def canonical_name(forms: Sequence[str], lexicon: Lexicon) -> str:
    """The full canonical form of a set of surface forms: the national name when known,
    else the longest form without abbreviations, else the longest expanded; a name
    begins with a capital, as a body's name is written ("phòng QLTH" is "Phòng QLTH").

    >>> canonical_name(["Trung tâm TTTL", "Trung tâm Thông tin - Tư liệu"], Lexicon.load())
    'Trung tâm Thông tin - Tư liệu'
    >>> canonical_name(["phòng QLTH"], Lexicon.load())
    'Phòng QLTH'
    """
    return _capitalised(_canonical_form(forms, lexicon))


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def _canonical_form(forms: Sequence[str], lexicon: Lexicon) -> str:
    for form in forms:
        national = lexicon.national_by_key.get(match_key(form))
        if national:
            return national
    forms = [without_inner_abbreviation(f) for f in forms]
    plain = [f for f in forms if not any(is_abbreviation(w) for w in re.findall(r"[\w&.]+", f))]
    expanded = lexicon.expand_abbreviations(max(forms, key=len))
    if plain:
        best = max(plain, key=lambda f: (len(f), -forms.index(f)))
        # a back-reference ("Hội") is no name when a longer form says it in short ("Hội CCB tỉnh Đồng Tháp")
        return best if len(best.split()) >= len(expanded.split()) else expanded
    return expanded


def resolve_unit_spans(cands: Sequence[Candidate]) -> tuple[list[Candidate], list[Decision]]:
    """One candidate per span (``units.one_per_span``), each with its ``parent``
    (``units.parent``: the name of a unit that ends where it ends and starts inside it),
    in text order (longer first at one start).

    >>> from extractors.base import body_document
    >>> from extractors.units import extract_units
    >>> d = body_document("Tham dự có đại diện Vụ Thi đua - Khen thưởng Bộ Khoa học và Công nghệ.")
    >>> [(c.text, c.rule, c.get("parent")) for c in resolve_unit_spans(extract_units(d, Lexicon.load()))[0]]
    [('Vụ Thi đua - Khen thưởng Bộ Khoa học và Công nghệ', 'units.head_name', 'Bộ Khoa học và Công nghệ'), ('Bộ Khoa học và Công nghệ', 'units.national', None)]
    """
    decisions: list[Decision] = []
    by_span: dict[tuple[int, int], Candidate] = {}
    for c in sorted(cands, key=lambda c: -c.confidence):
        kept = by_span.setdefault((c.start, c.end), c)
        if kept is not c:
            decisions.append(Decision("units.one_per_span", "unit", ((c.start, c.end),), kept.rule))
    by_end: dict[int, list[Candidate]] = {}
    for o in by_span.values():  # in insertion order, as the parent search always was
        if not o.get("bare"):
            by_end.setdefault(o.end, []).append(o)
    result = []
    for c in sorted(by_span.values(), key=lambda c: (c.start, -c.end)):
        parent = next((o for o in by_end.get(c.end, ()) if o is not c and c.start < o.start), None)
        name = None
        if parent is not None:
            name = parent.normalized if parent.rule == "units.national" else parent.text
            decisions.append(Decision("units.parent", "unit", ((c.start, c.end), (parent.start, parent.end)), name))
        result.append(c.but(attrs={"parent": name}))
    return result, decisions


@dataclass
class UnitEntity:
    """One body of a document: every surface form and mention of it."""

    forms: list[str] = field(default_factory=list)
    mentions: list[Candidate] = field(default_factory=list)
    unit_type: str | None = None
    parents: list[str] = field(default_factory=list)
    national: str | None = None


def _is_prefix_form(short: str, long: str) -> bool:
    a, b = match_key(short), match_key(long)
    return b.startswith(a + " ") or b.startswith(a + " - ")


def _continues(short: str, long: str, lexicon: Lexicon) -> bool:
    """Does ``long`` go on from ``short``, as written or with abbreviations expanded and a
    parenthesised abbreviation left out ("Hội CCB huyện" → "Hội Cựu chiến binh (CCB)
    huyện Ninh Sơn")?"""
    if _is_prefix_form(short, long):
        return True
    plain = lexicon.expand_abbreviations(without_inner_abbreviation(long))
    brief = lexicon.expand_abbreviations(without_inner_abbreviation(short))
    return _is_prefix_form(brief, plain) or _is_prefix_form(brief, _without_country_before_place(plain, lexicon))


def _without_country_before_place(name: str, lexicon: Lexicon) -> str:
    """A chapter's name without the country of its national body ("Ủy ban MTTQ Việt Nam
    huyện Đô Lương" → "Ủy ban MTTQ huyện Đô Lương"), as its short forms write it."""
    country = lexicon.unit_names.country
    at = name.find(f" {country} ")
    while at >= 0:
        after = at + len(country) + 2
        if lexicon.place_level_re.match(name, after):
            return name[:at] + name[at + len(country) + 1:]
        at = name.find(f" {country} ", after)
    return name


def _add_form(entity: UnitEntity, form: str) -> None:
    if all(match_key(f) != match_key(form) for f in entity.forms):
        entity.forms.append(form)


def merge_units(units: Iterable[Candidate], lexicon: Lexicon) -> tuple[list[UnitEntity], list[Decision]]:
    """Group unit mentions into entities (``units.same_unit``, ``units.prefix_form``,
    ``units.bare_alias``), in order of first mention, forms in order of appearance.

    >>> from extractors.base import body_document
    >>> from extractors.units import extract_units
    >>> lex = Lexicon.load()
    >>> d = body_document("Viện Hàn lâm KHCNVN và Viện Hàn lâm Khoa học và Công nghệ Việt Nam; Viện Hàn lâm ghi nhận.")
    >>> spans, _ = resolve_unit_spans(extract_units(d, lex))
    >>> [e.forms for e in merge_units(spans, lex)[0]]
    [['Viện Hàn lâm KHCNVN', 'Viện Hàn lâm Khoa học và Công nghệ Việt Nam', 'Viện Hàn lâm']]
    """
    decisions: list[Decision] = []
    named = [c for c in units if not c.get("bare")]
    bare = [c for c in units if c.get("bare")]
    entities: list[UnitEntity] = []
    for c in sorted(named, key=lambda c: (-len(c.normalized), c.start)):
        form = c.text
        target = next((e for e in entities if any(same_unit(form, f, lexicon) for f in e.forms)), None)
        if target is None:  # "BCH Trung ương" and "BCH Trung ương Đảng": one national body's two forms
            known = c.normalized if c.rule == "units.national" else None
            target = next((e for e in entities if (known and any(same_unit(known, f, lexicon) for f in e.forms))
                           or (e.national and same_unit(form, e.national, lexicon))), None)
        rule = "units.same_unit"
        if target is None:
            continuing = [e for e in entities if any(_continues(form, f, lexicon) for f in e.forms)
                          and e.unit_type == c.get("unit_type")]
            if len(continuing) == 1 and c.rule != "units.national":
                target, rule = continuing[0], "units.prefix_form"
        if target is None:
            target = UnitEntity(unit_type=c.get("unit_type"))
            entities.append(target)
        else:
            first = target.mentions[0]
            decisions.append(Decision(rule, "unit", ((first.start, first.end), (c.start, c.end)), form))
        _add_form(target, form)
        target.mentions.append(c)
        if c.rule == "units.national":
            target.national = c.normalized
        if c.get("parent"):
            target.parents.append(c.get("parent"))
    for c in bare:  # "Văn phòng" alone: the article's Văn phòng, when there is one
        begun = [e for e in entities if match_key(e.forms[0]).startswith(match_key(c.text) + " ")]
        same_type = [e for e in begun if e.unit_type == c.get("unit_type")] \
            or [e for e in begun if _of_type(e.unit_type, c.get("unit_type"))]  # the type it opens, when none has its own
        if len(same_type) == 1:
            e = same_type[0]
            _add_form(e, c.text)
            first = e.mentions[0]
            decisions.append(Decision("units.bare_alias", "unit", ((first.start, first.end), (c.start, c.end)), c.text))
            e.mentions.append(c)
    entities = _join_restatements(entities, lexicon, decisions)
    entities = _join_head_abbreviations(entities, decisions)
    for e in entities:
        e.mentions.sort(key=lambda c: c.start)
        first_seen = {match_key(c.text): c.start for c in reversed(e.mentions)}
        e.forms.sort(key=lambda f: first_seen.get(match_key(f), 0))
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities, decisions


def _without_place(name: str, lexicon: Lexicon) -> str:
    """A name without the place it ends in ("Phòng Tư pháp huyện Nam Đàn", "Công an Nghệ
    An" → "Phòng Tư pháp", "Công an")."""
    level = lexicon.unit_names.level_before_name_re.search(name)
    if level:
        return name[:level.start()].rstrip()
    words = name.split()
    for k in range(1, len(words)):
        if lexicon.places.is_place(" ".join(words[k:])):
            return " ".join(words[:k])
    return name


def _name_words(name: str, lexicon: Lexicon) -> set[str]:
    """The capitalised words of a name after its head ("Viettel" of "Công ty Viễn thông Viettel")."""
    head = lexicon.unit_head_re.match(name)
    rest = name[head.end():] if head else name
    return {match_key(w) for w in rest.split() if w[:1].isupper()}


_NUMBER = re.compile(r"\d+")


def restates(short: Candidate, long: Candidate, lexicon: Lexicon) -> bool:
    """Does a name in parentheses after another restate it, rather than name its parent
    ("Công ty Xăng dầu Khu vực III (Petrolimex Hải Phòng)", "Công ty Viễn thông Viettel
    (Viettel Telecom)"; not "Ban Thi đua - Khen thưởng (Sở Nội vụ)")? Of one type, both
    enterprises, or sharing a word of their names other than their places'."""
    if short.rule == "units.defined_abbreviation":
        return True  # "Phòng Cảnh sát hình sự (PC02)": the name defines it
    numbers = set(_NUMBER.findall(short.text)), set(_NUMBER.findall(long.text))
    if all(numbers) and not numbers[0] & numbers[1]:
        return False  # "Đại đội Bộ binh 1 (Tiểu đoàn Bộ binh 2)": another numbered body, its parent
    kinds = {short.get("unit_type"), long.get("unit_type")}
    return kinds <= set(lexicon.unit_names.enterprise_types) \
        or bool(_name_words(_without_place(short.text, lexicon), lexicon)
                & _name_words(_without_place(long.text, lexicon), lexicon))


def _absorb(target: UnitEntity, e: UnitEntity) -> None:
    """Make ``e``'s forms, mentions, parents and national name ``target``'s too."""
    for f in e.forms:
        _add_form(target, f)
    target.mentions.extend(e.mentions)
    target.parents.extend(e.parents)
    target.national = target.national or e.national


def _join_restatements(entities: list[UnitEntity], lexicon: Lexicon, decisions: list[Decision]) -> list[UnitEntity]:
    """``units.restated_form``: a name in parentheses that restates the one before it
    (:func:`restates`) is a form of that name's entity."""
    by_span = {(c.start, c.end): (e, c) for e in entities for c in e.mentions}
    for e in list(entities):
        for c in list(e.mentions):
            before = by_span.get(c.get("after_name") or (-1, -1))
            if before is None or before[0] is e or e not in entities or not restates(c, before[1], lexicon):
                continue
            target = before[0]
            _absorb(target, e)
            for m in e.mentions:
                by_span[(m.start, m.end)] = (target, m)
            entities.remove(e)
            first = target.mentions[0]
            decisions.append(Decision("units.restated_form", "unit", ((first.start, first.end), (c.start, c.end)), c.text))
            break
    return entities


def _join_head_abbreviations(entities: list[UnitEntity], decisions: list[Decision]) -> list[UnitEntity]:
    """``units.head_abbreviation``: an entity written only as a head and an abbreviation
    ("Cục C08", "Phòng PC03") joins the one entity of its type that opens with that head and
    has that abbreviation among its forms ("Cục Cảnh sát giao thông" = "C08")."""
    for e in list(entities):
        keys = {tuple(match_key(f).split()) for f in e.forms}
        if len(keys) != 1 or len(next(iter(keys))) != 2:
            continue
        head, abbr = next(iter(keys))
        owners = [o for o in entities if o is not e and o.unit_type == e.unit_type
                  and match_key(o.forms[0]).split()[0] == head
                  and any(match_key(f) == abbr and f.isupper() for f in o.forms)]  # "PC03", "C08"
        if len(owners) != 1:
            continue
        target = owners[0]
        _absorb(target, e)
        entities.remove(e)
        first = target.mentions[0]
        decisions.extend(Decision("units.head_abbreviation", "unit", ((first.start, first.end), (c.start, c.end)), c.text)
                         for c in e.mentions)
    return entities


def _of_type(kind: str | None, bare_kind: str | None) -> bool:
    """Is ``kind`` a type that a bare head of ``bare_kind`` opens ("Cụm" for a "Cụm thi đua")?"""
    return kind is not None and bare_kind is not None and kind.startswith(bare_kind + " ")


def entity_name(entity: UnitEntity, lexicon: Lexicon) -> str:
    """``units.canonical_name``: the national name, else :func:`canonical_name` of the forms."""
    return entity.national or canonical_name(entity.forms, lexicon)


def entity_parent(entity: UnitEntity, entities: Sequence[UnitEntity], lexicon: Lexicon) -> str | None:
    """The name of the entity's parent: the entity that names its first written parent,
    else that parent as written."""
    if not entity.parents:
        return None
    p = entity.parents[0]
    return next((entity_name(o, lexicon) for o in entities
                 if o is not entity and any(same_unit(p, f, lexicon) for f in o.forms)), p)
