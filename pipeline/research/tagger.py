"""A learned second opinion: a CRF sequence tagger for person, title and unit spans.

The tagger is python-crfsuite (the library behind underthesea's own models), trained on
the gold of the ``dev`` split. A document's normalized text is cut into syllable tokens
(``\\w+|[^\\w\\s]``) line by line; each token gets word-shape, casing, affix and
lexicon-membership features (family names, honorifics, offices, unit heads, national
bodies, abbreviations, provinces and districts from :attr:`Lexicon.places`), and the
same features of its neighbours two tokens either side. One flat BIO layer per label
(``PER``, ``TITLE``, ``UNIT``; a unit layer holds the outermost unit mentions, since a
unit written inside another is nested), so three CRF models, kept in one model file.

How the tagger's spans are combined with the rules' candidates (:data:`POLICIES`, each
with a threshold θ on the tagger's marginal probabilities, :class:`Opinion`):

- ``rules``: the rules alone (the pipeline as it is);
- ``tagger``: the tagger alone (its spans become the candidates the resolvers read);
- ``confirm``: a rule candidate stands only when the tagger puts its tokens inside a
  span of its label with mean probability ≥ θ;
- ``boundaries``: a rule candidate that exactly one tagger span (≥ θ) overlaps takes
  that span's offsets (a candidate nested inside another of its label is left alone);
- ``union``: the rule candidates, plus every tagger span (≥ θ) that overlaps none of them.

:func:`compare` scores each of them on ``dev`` by cross-validation (folds of whole
hosts), chooses per field on ``dev``, and only then scores ``test`` with the model
trained on all of ``dev``. ``docs/tagger.md`` holds the figures: the rules alone win,
so nothing here is part of ``thidua run``.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tempfile
import time
import zipfile
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from extractors.author import extract_author
from extractors.awards import extract_awards
from extractors.base import Candidate, Document, Label, freeze
from extractors.dates import extract_dates
from extractors.event import extract_event
from extractors.keys import fix_name_case, match_key, strip_diacritics
from extractors.lexicon import Lexicon
from extractors.people import extract_people
from extractors.slogans import extract_slogans
from extractors.titles import extract_titles
from extractors.units import extract_units
from pipeline.options import Options
from pipeline.research.evaluate import PRF, Prediction, gold_records, load_split, prediction_from_result, score_document
from pipeline.research.gold import GoldDoc, iter_gold
from pipeline.resolve.author import resolve_author
from pipeline.resolve.dates import resolve_dates
from pipeline.resolve.decisions import Decision
from pipeline.resolve.event import resolve_event
from pipeline.resolve.people import resolve_people
from pipeline.resolve.titles import dedupe_title_spans
from pipeline.resolve.units import resolve_unit_spans
from pipeline.run.orchestrate import Found, build_records, ner_confirmer
from pipeline.segment import make_document

__all__ = ["TAGS", "POLICIES", "VARIANTS", "Token", "Example", "TrainParams", "TaggerFeatures", "SpanTagger",
           "Tagging", "Opinion", "Reviewer", "Corpus", "tokenize", "lines_of", "gold_spans", "bio_labels",
           "spans_from_bio", "train", "training_examples", "iter_train_docs", "extract_with", "predict", "uniform",
           "host_of", "host_folds", "cross_validate", "score_variants", "choose", "compare", "render_comparison"]

Tag = Literal["PER", "TITLE", "UNIT"]
Policy = Literal["rules", "tagger", "confirm", "boundaries", "union"]
Span = tuple[int, int]

TAGS: tuple[Tag, ...] = ("PER", "TITLE", "UNIT")
POLICIES: tuple[Policy, ...] = ("rules", "tagger", "confirm", "boundaries", "union")
LABEL_OF: Mapping[Tag, Label] = {"PER": "person", "TITLE": "title", "UNIT": "unit"}
FIELD_OF: Mapping[Tag, str] = {"PER": "people", "TITLE": "titles", "UNIT": "units"}
FORMAT = "thidua-tagger/1"  # the model file's format; bump when features change

_TOKEN = re.compile(r"\w+|[^\w\s]")


# --- tokens and labels -------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    """One syllable or punctuation mark: ``text == document_text[start:end]``."""

    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The syllable and punctuation tokens of ``text[start:end]``, with offsets into ``text``.

    >>> [(t.text, t.start) for t in tokenize("Ông Lò Văn Pín, UBND tỉnh.")]
    [('Ông', 0), ('Lò', 4), ('Văn', 7), ('Pín', 11), (',', 14), ('UBND', 16), ('tỉnh', 21), ('.', 25)]
    """
    return [Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]


def lines_of(text: str) -> list[list[Token]]:
    """The tokens of every non-empty line: the sequences the tagger reads (no gold span
    crosses a line end)."""
    out, pos = [], 0
    for line in text.split("\n"):
        tokens = tokenize(text, pos, pos + len(line))
        if tokens:
            out.append(tokens)
        pos += len(line) + 1
    return out


def _outermost(spans: Iterable[Span]) -> list[Span]:
    """The spans no other span contains, longest first at one start, in text order;
    of two crossing spans the first stands."""
    out: list[Span] = []
    for s, e in sorted(set(spans), key=lambda x: (x[0], -x[1])):
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def gold_spans(data: Mapping[str, Any]) -> dict[Tag, list[Span]]:
    """The spans of each tag layer in a gold document: person mentions, titles, and
    the outermost unit mentions (a unit inside another is not in the flat layer).

    >>> g = {"people": [{"mentions": [{"start": 0, "end": 9}], "titles": [{"start": 11, "end": 30}]}],
    ...      "units": [{"mentions": [{"start": 20, "end": 30}]}, {"mentions": [{"start": 24, "end": 30}]}]}
    >>> gold_spans(g)
    {'PER': [(0, 9)], 'TITLE': [(11, 30)], 'UNIT': [(20, 30)]}
    """
    people = data.get("people", [])
    return {
        "PER": _outermost((m["start"], m["end"]) for p in people for m in p["mentions"]),
        "TITLE": _outermost((t["start"], t["end"]) for p in people for t in p.get("titles", [])),
        "UNIT": _outermost((m["start"], m["end"]) for u in data.get("units", []) for m in u.get("mentions", [])),
    }


def bio_labels(tokens: Sequence[Token], spans: Iterable[Span], tag: str) -> list[str]:
    """BIO labels of ``tokens`` for non-overlapping ``spans``: ``B-tag`` on the first token
    a span touches, ``I-tag`` on the others it touches, ``O`` elsewhere.

    >>> toks = tokenize("Ông Lò Văn Pín phát biểu")
    >>> bio_labels(toks, [(4, 14)], "PER")
    ['O', 'B-PER', 'I-PER', 'I-PER', 'O', 'O']
    """
    labels = ["O"] * len(tokens)
    for s, e in spans:
        inside = [i for i, t in enumerate(tokens) if t.start < e and s < t.end]
        for n, i in enumerate(inside):
            labels[i] = ("B-" if n == 0 else "I-") + tag
    return labels


def spans_from_bio(tokens: Sequence[Token], labels: Sequence[str]) -> list[Span]:
    """The character spans a BIO sequence marks (an ``I-`` after ``O`` opens a span).

    >>> toks = tokenize("Ông Lò Văn Pín và bà Hà")
    >>> spans_from_bio(toks, ["O", "B-PER", "I-PER", "I-PER", "O", "O", "I-PER"])
    [(4, 14), (21, 23)]
    """
    out: list[Span] = []
    current: list[Token] = []
    for token, label in zip(tokens, labels, strict=True):
        if label.startswith("B-") or (label.startswith("I-") and not current):
            if current:
                out.append((current[0].start, current[-1].end))
            current = [token]
        elif label.startswith("I-"):
            current.append(token)
        else:
            if current:
                out.append((current[0].start, current[-1].end))
            current = []
    if current:
        out.append((current[0].start, current[-1].end))
    return out


# --- features ----------------------------------------------------------------------------------


def _shape(word: str) -> str:
    """A word's shape, runs collapsed: ``Xx`` (Nguyễn), ``X`` (UBND), ``x``, ``d``, ``XdX``, ``p``.

    >>> [_shape(w) for w in ("Nguyễn", "UBND", "tỉnh", "2020", "KH", ",", "NGuyễn")]
    ['Xx', 'X', 'x', 'd', 'X', 'p', 'Xx']
    """
    out: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else "p"
        if not out or out[-1] != kind:
            out.append(kind)
    shape = "".join(out)
    return "Xx" if shape == "XXx" else shape


@dataclass(frozen=True)
class TaggerFeatures:
    """What the features read from the :class:`Lexicon`, compiled once.

    Marks are spans of the text that a lexicon entry matches (an honorific, an office, a
    unit head, a national body, a known abbreviation, a province or district name);
    each token inside one carries ``<kind>:B`` or ``<kind>:I``. Single-token lists
    (family names, gendered middle names) are sets of match keys.
    """

    surnames: frozenset[str]
    middle_names: frozenset[str]
    places: frozenset[str]
    marks: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> TaggerFeatures:
        """The feature tables of ``lexicon``."""
        abbreviations = re.compile(rf"(?<![\w&])(?:{'|'.join(re.escape(a) for a in sorted(lexicon.abbreviations, key=len, reverse=True))})(?![\w&])")
        return cls(
            surnames=frozenset(match_key(s) for s in lexicon.surnames),
            middle_names=frozenset(match_key(s) for s in lexicon.gender_middle_names),
            places=lexicon.places.provinces | lexicon.places.districts,
            marks=(("hon", lexicon.honorific_re), ("rank", lexicon.rank_re), ("role", lexicon.role_re),
                   ("head", lexicon.unit_head_re), ("nat", lexicon.national_re), ("abbr", abbreviations),
                   ("award", lexicon.award_re),
                   ("stop", lexicon.title_stop_re)),
        )

    def token_marks(self, text: str, tokens: Sequence[Token]) -> list[list[str]]:
        """For each token of one line, the lexicon marks it carries.

        >>> from extractors.lexicon import Lexicon
        >>> f = TaggerFeatures.from_lexicon(Lexicon.load())
        >>> text = "Ông Lò Văn Pín, Giám đốc Sở Y tế"
        >>> f.token_marks(text, tokenize(text))
        [['hon:B'], ['sur'], ['mid'], [], [], ['role:B'], ['role:I'], ['head:B'], [], []]
        """
        if not tokens:
            return []
        start, end = tokens[0].start, tokens[-1].end
        marks: list[list[str]] = [[] for _ in tokens]
        starts = {t.start: i for i, t in enumerate(tokens)}
        for kind, pattern in self.marks:
            for m in pattern.finditer(text, start, end):
                first = starts.get(m.start())
                if first is None:
                    continue
                i = first
                while i < len(tokens) and tokens[i].start < m.end():
                    marks[i].append(f"{kind}:{'B' if i == first else 'I'}")
                    i += 1
        words = [match_key(t.text) for t in tokens]
        for i, t in enumerate(tokens):
            if t.text[:1].isupper() and words[i] in self.surnames:
                marks[i].append("sur")
            if words[i] in self.middle_names:
                marks[i].append("mid")
        for i in range(len(tokens)):  # place names: 1-4 capitalised syllables, longest first
            if not tokens[i].text[:1].isupper():
                continue
            for n in (4, 3, 2, 1):
                run = tokens[i:i + n]
                if len(run) == n and all(r.text[:1].isupper() for r in run) and " ".join(words[i:i + n]) in self.places:
                    for k in range(i, i + n):
                        marks[k].append(f"place:{'B' if k == i else 'I'}")
                    break
        return marks

    def sequence(self, text: str, tokens: Sequence[Token]) -> list[list[str]]:
        """The feature strings of every token of one line.

        >>> from extractors.lexicon import Lexicon
        >>> f = TaggerFeatures.from_lexicon(Lexicon.load())
        >>> text = "Ông Lò Văn Pín"
        >>> f.sequence(text, tokenize(text))[1][:8]
        ['b', 'w=lò', 'a=lo', 's=Xx', 'p=l', 'x=lò', 'cap', 'm=sur']
        """
        marks = self.token_marks(text, tokens)
        own = [_own_features(t.text, m) for t, m in zip(tokens, marks, strict=True)]
        context = [_context_features(t.text, m) for t, m in zip(tokens, marks, strict=True)]
        lowers = [t.text.lower() for t in tokens]
        out = []
        for i in range(len(tokens)):
            feats = list(own[i])
            for d in (-2, -1, 1, 2):
                j = i + d
                if 0 <= j < len(tokens):
                    feats += [f"{d}:{f}" for f in context[j]]
                else:
                    feats.append(f"{d}:edge")
            if i > 0:
                feats.append(f"w-1|w={lowers[i - 1]}|{lowers[i]}")
            if i + 1 < len(tokens):
                feats.append(f"w|w+1={lowers[i]}|{lowers[i + 1]}")
            feats += _cue_features(marks, i)
            out.append(feats)
        return out


def _own_features(word: str, marks: Sequence[str]) -> list[str]:
    lower = word.lower()
    feats = ["b", f"w={lower}", f"a={strip_diacritics(lower)}", f"s={_shape(word)}", f"p={lower[:1]}", f"x={lower[-2:]}"]
    if word[:1].isupper():
        feats.append("cap")
    if len(word) > 1 and word.isupper():
        feats.append("upper")
    if word.isdigit():
        feats.append("digit")
    feats += [f"m={m}" for m in marks]
    return feats


def _context_features(word: str, marks: Sequence[str]) -> list[str]:
    return [f"w={word.lower()}", f"s={_shape(word)}", *(f"m={m}" for m in marks)]


def _cue_features(marks: Sequence[Sequence[str]], i: int, window: int = 6) -> list[str]:
    """The nearest cue (honorific, rank, office, unit head) before the token in its line,
    within ``window`` tokens: the head word that governs what follows."""
    for j in range(i - 1, max(-1, i - 1 - window), -1):
        for m in marks[j]:
            kind, _, part = m.partition(":")
            if part == "B" and kind in ("hon", "rank", "role", "head", "nat"):
                return [f"cue={kind}", f"cue={kind}@{min(i - j, 3)}"]
    return []


# --- training and tagging ----------------------------------------------------------------------


@dataclass(frozen=True)
class TrainParams:
    """CRFsuite's L-BFGS training settings (fixed, so training is deterministic).

    The defaults had the best mean span F1 of the three layers in 5-fold cross-validation
    on ``dev`` among (c1, c2) = (0.05, 0.01), (0.1, 0.001), (0.01, 0.1), (0.2, 0.01)
    (``docs/tagger.md``); ``test`` played no part.
    """

    c1: float = 0.01
    c2: float = 0.1
    max_iterations: int = 200
    min_freq: int = 1

    def crfsuite(self) -> dict[str, Any]:
        """The parameters as ``pycrfsuite.Trainer.set_params`` takes them."""
        return {"c1": self.c1, "c2": self.c2, "max_iterations": self.max_iterations,
                "feature.minfreq": self.min_freq, "feature.possible_transitions": True}


@dataclass(frozen=True)
class Example:
    """One training document: its normalized text and the gold spans of each tag."""

    doc_id: str
    text: str
    spans: Mapping[Tag, Sequence[Span]]


def training_examples(golds: Iterable[GoldDoc]) -> list[Example]:
    """The gold documents as training examples, in the given order."""
    return [Example(g.doc_id, g.text, gold_spans(g.data)) for g in golds]


def _zip_bytes(members: Mapping[str, bytes]) -> bytes:
    """A zip archive of ``members`` with fixed timestamps: the same members give the
    same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name], compresslevel=9)
    return buffer.getvalue()


def _crfsuite() -> Any:
    """The ``pycrfsuite`` module (imported when a model is trained or opened).

    Raises:
        ModuleNotFoundError: python-crfsuite is not installed, with how to install it.
    """
    try:
        import pycrfsuite
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError("the span tagger needs python-crfsuite: pip install -e \".[tagger]\"") from exc
    return pycrfsuite


def train(examples: Sequence[Example], lexicon: Lexicon, out: Path, params: TrainParams = TrainParams()) -> Path:
    """Train one CRF per tag on ``examples`` and write them, with a manifest, to ``out``
    (a zip archive). Deterministic: the same examples and parameters give a
    byte-identical file.

    Raises:
        ValueError: no example holds a token to learn from.
    """
    pycrfsuite = _crfsuite()
    features = TaggerFeatures.from_lexicon(lexicon)
    sequences = []
    for ex in examples:
        for tokens in lines_of(ex.text):
            sequences.append((features.sequence(ex.text, tokens), {tag: bio_labels(tokens, ex.spans.get(tag, ()), tag)
                                                                   for tag in TAGS}))
    if not sequences:
        raise ValueError("no training text: every example is empty")
    members: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="thidua-tagger-") as tmp:
        for tag in TAGS:
            trainer = pycrfsuite.Trainer(verbose=False)
            for xseq, yseqs in sequences:
                trainer.append(xseq, yseqs[tag])
            trainer.set_params(params.crfsuite())
            path = Path(tmp) / f"{tag}.crfsuite"
            trainer.train(str(path))
            members[f"{tag}.crfsuite"] = path.read_bytes()
    manifest = {"format": FORMAT, "tags": list(TAGS), "params": params.crfsuite(),
                "documents": [ex.doc_id for ex in examples],
                "lexicon": hashlib.sha256(repr(sorted(lexicon.raw.items())).encode("utf-8")).hexdigest()[:16]}
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(_zip_bytes(members))
    return out


@dataclass
class SpanTagger:
    """A trained model file, opened once: :meth:`tag` gives each tag's spans in a text."""

    features: TaggerFeatures
    taggers: Mapping[Tag, Any]  # pycrfsuite.Tagger per tag
    manifest: Mapping[str, Any] = field(default_factory=dict)
    labels: Mapping[Tag, frozenset[str]] = field(default_factory=dict)  # what each model can say
    buffers: Mapping[Tag, bytes] = field(default_factory=dict, repr=False)  # the models' bytes, alive while open

    def __post_init__(self) -> None:
        self.labels = {tag: frozenset(self.taggers[tag].labels()) for tag in TAGS}

    @classmethod
    def load(cls, path: Path, lexicon: Lexicon) -> SpanTagger:
        """Open a model file written by :func:`train`.

        Raises:
            ValueError: not a thidua tagger model, or one of another format.
        """
        pycrfsuite = _crfsuite()
        try:
            with zipfile.ZipFile(path) as archive:
                manifest = json.loads(archive.read("manifest.json"))
                if manifest.get("format") != FORMAT:
                    raise ValueError(f"{path}: tagger format {manifest.get('format')!r}, expected {FORMAT!r} "
                                     "(retrain with `thidua train`)")
                data = {tag: archive.read(f"{tag}.crfsuite") for tag in TAGS}
                taggers = {}
                for tag in TAGS:
                    tagger = pycrfsuite.Tagger()
                    tagger.open_inmemory(data[tag])  # CRFsuite reads the buffer in place: it is kept below
                    taggers[tag] = tagger
        except (zipfile.BadZipFile, KeyError) as exc:
            raise ValueError(f"{path}: not a thidua tagger model ({exc})") from exc
        return cls(TaggerFeatures.from_lexicon(lexicon), taggers, manifest, buffers=data)

    def tag(self, text: str) -> Tagging:
        """The tagger's reading of a normalized text: each tag's spans and marginals.

        >>> model = SpanTagger.load(Path("corpus/tagger.crfsuite"), Lexicon.load())  # doctest: +SKIP
        >>> model.tag("Ông Đàm Hữu Khiêm phát biểu.").spans  # doctest: +SKIP
        {'PER': ((4, 17),), 'TITLE': (), 'UNIT': ()}
        """
        tokens: list[Token] = []
        spans: dict[Tag, list[Span]] = {tag: [] for tag in TAGS}
        inside: dict[Tag, list[float]] = {tag: [] for tag in TAGS}
        for line in lines_of(text):
            xseq = self.features.sequence(text, line)
            tokens += line
            for tag in TAGS:
                tagger = self.taggers[tag]
                spans[tag] += spans_from_bio(line, tagger.tag(xseq))
                inside[tag] += [tagger.marginal(f"B-{tag}", i) + tagger.marginal(f"I-{tag}", i)
                                if f"B-{tag}" in self.labels[tag] else 0.0 for i in range(len(line))]
        return Tagging(tuple(tokens), {t: tuple(v) for t, v in spans.items()}, {t: tuple(v) for t, v in inside.items()})



@dataclass(frozen=True)
class Tagging:
    """What the tagger read in one text: tokens, each tag's decoded spans, and for every
    token the marginal probability that it is inside a span of each tag."""

    tokens: tuple[Token, ...]
    spans: Mapping[Tag, tuple[Span, ...]]
    inside: Mapping[Tag, tuple[float, ...]]

    def probability(self, tag: Tag, span: Span) -> float:
        """The mean marginal probability, over the tokens ``span`` touches, that they are
        inside a span of ``tag`` (0.0 when it touches no token).

        >>> t = Tagging((Token("Lò", 0, 2), Token("Pín", 3, 6)), {"PER": ((0, 6),)}, {"PER": (0.9, 0.7)})
        >>> round(t.probability("PER", (0, 6)), 2), t.probability("PER", (7, 9))
        (0.8, 0.0)
        """
        i = bisect_right([t.end for t in self.tokens], span[0])
        values = []
        while i < len(self.tokens) and self.tokens[i].start < span[1]:
            values.append(self.inside[tag][i])
            i += 1
        return sum(values) / len(values) if values else 0.0


# --- combining with the rules ------------------------------------------------------------------


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _nearest_person(span: Span, people: Sequence[Candidate], text: str) -> Candidate | None:
    """The person mention nearest to a title span on its line (a name right after the
    office, "Giám đốc Sở Y tế Lò Văn Pín", or before it, "ông Lò Văn Pín, Giám đốc")."""
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = text.find("\n", span[1])
    line_end = len(text) if line_end < 0 else line_end
    best: tuple[int, Candidate] | None = None
    for p in people:
        if p.start < line_start or p.end > line_end or _overlaps((p.start, p.end), span):
            continue
        gap = p.start - span[1] if p.start >= span[1] else span[0] - p.end
        if best is None or gap < best[0]:
            best = (gap, p)
    return best[1] if best else None


@dataclass(frozen=True)
class Opinion:
    """How the tagger's spans of one label are used: a :data:`POLICIES` entry and the
    marginal probability a tagger span needs (``union``, ``boundaries``) or a rule
    candidate needs not to be vetoed (``confirm``)."""

    policy: Policy = "rules"
    threshold: float = 0.5

    def __str__(self) -> str:
        return self.policy if self.policy in ("rules", "tagger") else f"{self.policy}@{self.threshold:g}"


@dataclass
class Reviewer:
    """The tagger's second opinion on one document's person, title and unit candidates,
    an :class:`Opinion` per label; :meth:`review` is the hook :func:`extract_with` calls
    right after each extractor (people first, so titles attach to reviewed people)."""

    doc: Document
    lexicon: Lexicon
    tagging: Tagging | None
    opinions: Mapping[Label, Opinion]
    people: list[Candidate] = field(default_factory=list)

    def candidate(self, label: Label, span: Span) -> Candidate | None:
        """A tagger span as a candidate of ``label`` (rule ``tagger.crf``), or None when
        it cannot be one (an office with no person on its line)."""
        s, e = span
        text = self.doc.text[s:e]
        if label == "person":
            return Candidate("person", text, fix_name_case(text), s, e, "tagger.crf", 0.5,
                             freeze(honorific=None, rank=None))
        if label == "title":
            person = _nearest_person(span, self.people, self.doc.text)
            if person is None:
                return None
            return Candidate("title", text, " ".join(text.split()), s, e, "tagger.crf", 0.5,
                             freeze(role=None, unit=None, person=person.normalized, person_start=person.start))
        head = self.lexicon.unit_head_re.match(text)
        kind = self.lexicon.unit_type(head.group(0)) if head else None
        return Candidate("unit", text, text, s, e, "tagger.crf", 0.5,
                         freeze(unit_type=kind, bare=bool(head and head.end() == len(text))))

    def review(self, label: Label, cands: list[Candidate]) -> list[Candidate]:
        """The candidates of ``label`` as its opinion decides."""
        tag = next((t for t, lab in LABEL_OF.items() if lab == label), None)
        opinion = self.opinions.get(label, Opinion())
        out = cands
        if tag is not None and self.tagging is not None and opinion.policy != "rules":
            tagging, theta = self.tagging, opinion.threshold
            spans = list(tagging.spans[tag])
            if opinion.policy == "tagger":
                out = [c for c in (self.candidate(label, s) for s in spans) if c is not None]
            elif opinion.policy == "confirm":
                out = [c for c in cands if tagging.probability(tag, (c.start, c.end)) >= theta]
            elif opinion.policy == "boundaries":
                out = self._snap(label, cands, [s for s in spans if tagging.probability(tag, s) >= theta])
            else:  # union
                extra = [s for s in spans if tagging.probability(tag, s) >= theta
                         and not any(_overlaps((c.start, c.end), s) for c in cands)]
                out = sorted(cands + [c for c in (self.candidate(label, s) for s in extra) if c is not None],
                             key=lambda c: c.start)
        if label == "person":
            self.people = out
        return out

    def _snap(self, label: Label, cands: list[Candidate], spans: Sequence[Span]) -> list[Candidate]:
        """``boundaries``: a top-level candidate overlapped by exactly one tagger span
        takes its offsets (and the normalized value that follows from the new text)."""
        out: list[Candidate] = []
        seen: set[tuple[int, int, str]] = set()
        for c in cands:
            nested = any(o is not c and o.start <= c.start and c.end <= o.end and (o.start, o.end) != (c.start, c.end)
                         for o in cands)
            hits = [s for s in spans if _overlaps((c.start, c.end), s)]
            if not nested and len(hits) == 1 and hits[0] != (c.start, c.end) and c.rule != "units.national":
                s, e = hits[0]
                text = self.doc.text[s:e]
                normalized = fix_name_case(text) if label == "person" else " ".join(text.split()) if label == "title" else text
                c = c.but(text=text, normalized=normalized, start=s, end=e, rule="tagger.boundary")
            key = (c.start, c.end, c.get("person") or "")
            if key not in seen:
                seen.add(key)
                out.append(c)
        return out


def extract_with(doc: Document, lexicon: Lexicon, options: Options,
                 review: Callable[[Label, list[Candidate]], list[Candidate]]) -> Found:
    """:func:`pipeline.run.orchestrate.extract_document`, stage for stage, with ``review``
    applied to the person, unit and title candidates right after their extractor
    (``tests/pipeline/research/test_tagger.py`` checks that an identity ``review`` gives
    the pipeline's own records)."""
    confirm = ner_confirmer() if options.ner else None
    decisions: list[Decision] = []
    people = review("person", extract_people(doc, lexicon, confirm=confirm))
    persons, made = resolve_people(people)
    decisions += made
    dates, made = resolve_dates(doc, extract_dates(doc, lexicon),
                                year_end_from_month=lexicon.date_patterns.year_end_from_month)
    decisions += made
    units, made = resolve_unit_spans(review("unit", extract_units(doc, lexicon, people)))
    decisions += made
    event, made = resolve_event(extract_event(doc, lexicon, dates, units))
    decisions += made
    titles, made = dedupe_title_spans(review("title", extract_titles(doc, lexicon, people)))
    decisions += made
    authors, author, made = resolve_author(extract_author(doc, lexicon))
    decisions += made
    by_label = {"person": people, "title": titles, "unit": units, "date": dates,
                "award": extract_awards(doc, lexicon), "slogan": extract_slogans(doc, lexicon),
                "author": authors, "event": event}
    return Found(by_label, persons, author, decisions)


# --- the comparison ----------------------------------------------------------------------------


def host_of(gold: GoldDoc) -> str:
    """The web host a gold document was crawled from (its devset ``.meta.json``), or
    ``seeds`` for the bundled articles."""
    meta = gold.path.with_name(gold.path.stem + ".meta.json")
    if gold.data.get("source") != "devset" or not meta.is_file():
        return "seeds"
    host = (urlparse(json.loads(meta.read_text(encoding="utf-8")).get("url", "")).hostname or "").lower()
    for prefix in ("www.", "m.", "amp."):
        host = host.removeprefix(prefix)
    return host or "unknown"


def host_folds(hosts: Mapping[str, str], k: int) -> list[list[str]]:
    """``k`` folds of doc_ids, whole hosts to one fold (as the dev/test split keeps
    whole sites to one side): hosts by size, largest first, each to the smallest fold.

    >>> host_folds({"a": "x", "b": "x", "c": "y", "d": "z"}, 2)
    [['a', 'b'], ['c', 'd']]
    """
    by_host: dict[str, list[str]] = {}
    for doc_id in sorted(hosts):
        by_host.setdefault(hosts[doc_id], []).append(doc_id)
    folds: list[list[str]] = [[] for _ in range(k)]
    for host in sorted(by_host, key=lambda h: (-len(by_host[h]), h)):
        smallest = min(range(k), key=lambda i: (len(folds[i]), i))
        folds[smallest] += by_host[host]
    return [sorted(f) for f in folds]


Opinions = Mapping[Label, Opinion]


def uniform(policy: Policy, threshold: float = 0.5) -> dict[Label, Opinion]:
    """One opinion for all three labels."""
    return {label: Opinion(policy, threshold) for label in LABEL_OF.values()}


# The variants compared: each policy for all three labels, the thresholded ones at a few
# marginal probabilities. Each field is then read off the variant that wins it on dev.
VARIANTS: Mapping[str, Opinions] = {
    "rules": uniform("rules"),
    "tagger": uniform("tagger"),
    **{f"confirm@{t:g}": uniform("confirm", t) for t in (0.05, 0.2, 0.5)},
    **{f"boundaries@{t:g}": uniform("boundaries", t) for t in (0.5, 0.8)},
    **{f"union@{t:g}": uniform("union", t) for t in (0.5, 0.8, 0.95)},
}


def predict(doc: Document, lexicon: Lexicon, options: Options, tagging: Tagging | None, opinions: Opinions) -> Prediction:
    """The pipeline's records for one document with the tagger's opinions applied."""
    reviewer = Reviewer(doc, lexicon, tagging, opinions)
    result = build_records(doc, extract_with(doc, lexicon, options, reviewer.review), lexicon)
    return prediction_from_result(doc.doc_id, result.tables, result.spans)


def _scores(preds: Sequence[Prediction], golds: Sequence[Prediction]) -> dict[str, PRF]:
    totals = {f: PRF() for f in FIELD_OF.values()}
    for p, g in zip(preds, golds, strict=True):
        scored = score_document(p, g, strict=True)
        for f in totals:
            totals[f].add(scored[f][0])
    return totals


@dataclass
class Corpus:
    """The gold documents of both splits, made into documents and gold records once."""

    dev: list[GoldDoc]
    test: list[GoldDoc]
    docs: dict[str, Document]
    records: dict[str, Prediction]

    @classmethod
    def load(cls, corpus_dir: Path, devset_dir: Path, lexicon: Lexicon) -> Corpus:
        """Every gold document whose text is present, split by ``corpus/split.json``."""
        split = load_split(corpus_dir)
        golds = list(iter_gold(corpus_dir, devset_dir))
        return cls([g for g in golds if split.get(g.doc_id, "dev") == "dev"],
                   [g for g in golds if split.get(g.doc_id) == "test"],
                   {g.doc_id: _document(g, lexicon) for g in golds}, {g.doc_id: gold_records(g) for g in golds})


def cross_validate(corpus: Corpus, lexicon: Lexicon, *, folds: int, params: TrainParams,
                   log: Callable[[str], None]) -> tuple[dict[str, Tagging], list[list[str]]]:
    """Each dev document tagged by a model trained on the other folds (whole hosts per fold)."""
    fold_ids = host_folds({g.doc_id: host_of(g) for g in corpus.dev}, folds)
    tagged: dict[str, Tagging] = {}
    with tempfile.TemporaryDirectory(prefix="thidua-cv-") as tmp:
        for n, held_out in enumerate(fold_ids):
            log(f"fold {n + 1}/{folds}: training on {len(corpus.dev) - len(held_out)} documents")
            model = train(training_examples(g for g in corpus.dev if g.doc_id not in held_out), lexicon,
                          Path(tmp) / f"fold{n}.crfsuite", params)
            tagger = SpanTagger.load(model, lexicon)
            for doc_id in held_out:
                tagged[doc_id] = tagger.tag(corpus.docs[doc_id].text)
    return tagged, fold_ids


def score_variants(corpus: Corpus, part: Sequence[GoldDoc], lexicon: Lexicon, tagged: Mapping[str, Tagging],
                   variants: Mapping[str, Opinions], log: Callable[[str], None] = lambda _: None
                   ) -> dict[str, dict[str, dict[str, float | int]]]:
    """Strict record-level people, titles and units of every variant over ``part``."""
    options = Options(ner=False)
    golds = [corpus.records[g.doc_id] for g in part]
    out = {}
    for name, opinions in variants.items():
        preds = [predict(corpus.docs[g.doc_id], lexicon, options, tagged.get(g.doc_id), opinions) for g in part]
        out[name] = {f: prf.as_dict() for f, prf in _scores(preds, golds).items()}
        log(f"{name}: " + ", ".join(f"{f} {v['f1']:.3f}" for f, v in out[name].items()))
    return out


def choose(scores: Mapping[str, Mapping[str, Mapping[str, float | int]]], variants: Mapping[str, Opinions]
           ) -> dict[Label, Opinion]:
    """Per label, the opinion of the variant with the best F1 on its field; a tie goes
    to the rules alone, then to the earlier variant."""
    chosen: dict[Label, Opinion] = {}
    for tag, label in LABEL_OF.items():
        f = FIELD_OF[tag]
        best = max(scores, key=lambda v: (scores[v][f]["f1"], v == "rules", -list(scores).index(v)))
        chosen[label] = variants[best][label]
    return chosen


def compare(corpus_dir: Path, devset_dir: Path, lexicon: Lexicon, *, folds: int = 5,
            params: TrainParams = TrainParams(), variants: Mapping[str, Opinions] = VARIANTS, test: bool = True,
            log: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """The comparison of issue 15 §6, in the order that keeps ``test`` honest:

    1. every variant scored on ``dev`` by ``folds``-fold cross-validation (whole hosts
       per fold: a fold's tagger never saw its documents nor their site);
    2. per field, the variant that wins on ``dev`` (:func:`choose`), and the combination
       of those choices scored on ``dev`` too;
    3. only then, with ``test``, the tagger trained on all of ``dev`` tags ``test`` and
       every variant and the chosen combination are scored there once.

    Returns ``{"dev": {variant: {field: counts}}, "chosen": {label: opinion}, "test":
    {...}, "spans": {split: {tag: counts}}, "folds": [...], "train_seconds", "model_bytes"}``.
    """
    corpus = Corpus.load(corpus_dir, devset_dir, lexicon)
    tagged, fold_ids = cross_validate(corpus, lexicon, folds=folds, params=params, log=log)
    out: dict[str, Any] = {"params": params.crfsuite(), "folds": fold_ids, "spans": {}}
    out["spans"]["dev"] = _span_scores([tagged[g.doc_id] for g in corpus.dev], [gold_spans(g.data) for g in corpus.dev])
    out["dev"] = score_variants(corpus, corpus.dev, lexicon, tagged, variants, lambda m: log("dev " + m))
    chosen = choose(out["dev"], variants)
    out["chosen"] = {label: str(o) for label, o in chosen.items()}
    if any(o.policy != "rules" for o in chosen.values()):
        out["dev"].update(score_variants(corpus, corpus.dev, lexicon, tagged, {"chosen": chosen},
                                         lambda m: log("dev " + m)))
    if not test:
        return out
    with tempfile.TemporaryDirectory(prefix="thidua-tagger-") as tmp:
        log(f"training on all {len(corpus.dev)} dev documents")
        started = time.perf_counter()
        model = train(training_examples(corpus.dev), lexicon, Path(tmp) / "all.crfsuite", params)
        out["train_seconds"] = round(time.perf_counter() - started, 1)
        out["model_bytes"] = model.stat().st_size
        tagger = SpanTagger.load(model, lexicon)
        for g in corpus.test:
            tagged[g.doc_id] = tagger.tag(corpus.docs[g.doc_id].text)
    out["spans"]["test"] = _span_scores([tagged[g.doc_id] for g in corpus.test], [gold_spans(g.data) for g in corpus.test])
    final = dict(variants)
    if any(o.policy != "rules" for o in chosen.values()):
        final["chosen"] = chosen
    out["test"] = score_variants(corpus, corpus.test, lexicon, tagged, final, lambda m: log("test " + m))
    return out


def _span_scores(tagged: Sequence[Tagging], gold: Sequence[Mapping[Tag, Sequence[Span]]]
                 ) -> dict[str, dict[str, float | int]]:
    """Exact-span precision, recall and F1 of the tagger's own layers."""
    out: dict[str, dict[str, float | int]] = {}
    for tag in TAGS:
        prf = PRF()
        for t, g in zip(tagged, gold, strict=True):
            ts, gs = set(t.spans.get(tag, ())), set(g.get(tag, ()))
            prf.add(PRF(len(ts & gs), len(ts - gs), len(gs - ts)))
        out[tag] = prf.as_dict()
    return out


def _document(gold: GoldDoc, lexicon: Lexicon) -> Document:
    return make_document(gold.doc_id, gold.path.read_text(encoding="utf-8"), lexicon, source=str(gold.path),
                         raw_bytes=gold.path.read_bytes())


def render_comparison(report: Mapping[str, Any]) -> str:
    """The comparison as Markdown: the tagger's own spans, then per split a table of
    strict record-level P/R/F1 per field and variant, and the choice made on ``dev``."""
    lines = ["#### The tagger's own spans (exact offsets; flat layers, outermost units)", "",
             "| split | " + " | ".join(f"{t} P | {t} R | {t} F1" for t in TAGS) + " |",
             "|---|" + "---|---|---|" * len(TAGS)]
    for name, tags in report.get("spans", {}).items():
        lines.append(f"| {name} | " + " | ".join(
            f"{tags[t]['precision']:.3f} | {tags[t]['recall']:.3f} | {tags[t]['f1']:.3f}" for t in TAGS) + " |")
    lines.append("")
    for name, title in (("dev", f"dev, {len(report.get('folds', []))}-fold cross-validation over hosts"),
                        ("test", "test, tagger trained on all of dev")):
        if name not in report:
            continue
        lines += [f"#### {title}", "",
                  "| variant | " + " | ".join(f"{f} P | {f} R | {f} F1" for f in FIELD_OF.values()) + " |",
                  "|---|" + "---|---|---|" * len(FIELD_OF)]
        for variant, fields in report[name].items():
            lines.append(f"| {variant} | " + " | ".join(
                f"{v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f}" for v in fields.values()) + " |")
        lines.append("")
        if name == "dev" and "chosen" in report:
            lines += ["Chosen on dev, per label: " + ", ".join(f"{k} → {v}" for k, v in report["chosen"].items()), ""]
    if "model_bytes" in report:
        lines += [f"Model: {report['model_bytes']:,} bytes, trained in {report['train_seconds']} s "
                  f"({json.dumps(report['params'], sort_keys=True)}).", ""]
    return "\n".join(lines)


def iter_train_docs(corpus_dir: Path, devset_dir: Path) -> Iterator[GoldDoc]:
    """The gold documents a model is trained on: the ``dev`` split (seeds included),
    never ``test``."""
    split = load_split(corpus_dir)
    for g in iter_gold(corpus_dir, devset_dir):
        if split.get(g.doc_id, "dev") == "dev":
            yield g
