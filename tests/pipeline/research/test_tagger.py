"""The span tagger: tokens, BIO labels, features, deterministic training, the second
opinion's policies and ``thidua train``. Every name here is invented."""

import hashlib
import json

import pytest

from extractors.base import Candidate, freeze
from pipeline.cli import main
from pipeline.options import Options
from pipeline.research.tagger import (
    Example,
    Opinion,
    Reviewer,
    SpanTagger,
    TaggerFeatures,
    Tagging,
    Token,
    TrainParams,
    bio_labels,
    extract_with,
    gold_spans,
    host_folds,
    lines_of,
    spans_from_bio,
    tokenize,
    train,
)
from pipeline.segment import make_document
from tests.conftest import CORPUS

SENTENCE = "Đồng chí Lò Văn Pín, Giám đốc Sở Nội vụ tỉnh Lào Cai phát biểu."


def _at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _case(text: str, person: str, title: str, unit: str) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    return text, {"PER": [_at(text, person)], "TITLE": [_at(text, title)], "UNIT": [_at(text, unit)]}


# Three invented sentences: person, office and unit spans by hand.
TINY = [
    _case("Đồng chí Lò Văn Pín, Giám đốc Sở Nội vụ phát biểu.", "Lò Văn Pín", "Giám đốc Sở Nội vụ", "Sở Nội vụ"),
    _case("Ông Đàm Hữu Khiêm, Phó Chủ tịch UBND huyện dự hội nghị.", "Đàm Hữu Khiêm", "Phó Chủ tịch UBND huyện",
          "UBND huyện"),
    _case("Bà Tạ Thị Ngát, Trưởng phòng Phòng Nội vụ trao thưởng.", "Tạ Thị Ngát", "Trưởng phòng Phòng Nội vụ",
          "Phòng Nội vụ"),
]
FAST = TrainParams(max_iterations=30)


@pytest.fixture(scope="module")
def features(lexicon):
    return TaggerFeatures.from_lexicon(lexicon)


def test_tiny_case_spans_are_what_they_say():
    texts = [text[s:e] for text, spans in TINY for tag in ("PER", "TITLE", "UNIT") for s, e in spans[tag]]
    assert texts == ["Lò Văn Pín", "Giám đốc Sở Nội vụ", "Sở Nội vụ", "Đàm Hữu Khiêm", "Phó Chủ tịch UBND huyện",
                     "UBND huyện", "Tạ Thị Ngát", "Trưởng phòng Phòng Nội vụ", "Phòng Nội vụ"]


def test_tokens_carry_their_offsets():
    tokens = tokenize(SENTENCE)
    assert [t.text for t in tokens[:6]] == ["Đồng", "chí", "Lò", "Văn", "Pín", ","]
    assert all(SENTENCE[t.start:t.end] == t.text for t in tokens)
    text = "Tin mới\n\nÔng Đàm Hữu Khiêm dự."
    assert [[t.text for t in line] for line in lines_of(text)] == [["Tin", "mới"], ["Ông", "Đàm", "Hữu", "Khiêm", "dự", "."]]
    assert lines_of(text)[1][0] == Token("Ông", 9, 12)


def test_bio_labels_exact_and_back():
    tokens = tokenize(SENTENCE)
    per = bio_labels(tokens, [_at(SENTENCE, "Lò Văn Pín")], "PER")
    title = bio_labels(tokens, [_at(SENTENCE, "Giám đốc Sở Nội vụ")], "TITLE")
    assert per == ["O", "O", "B-PER", "I-PER", "I-PER"] + ["O"] * 12
    assert title == ["O"] * 6 + ["B-TITLE", "I-TITLE", "I-TITLE", "I-TITLE", "I-TITLE"] + ["O"] * 6
    assert spans_from_bio(tokens, per) == [_at(SENTENCE, "Lò Văn Pín")]
    assert spans_from_bio(tokens, title) == [_at(SENTENCE, "Giám đốc Sở Nội vụ")]


def test_gold_spans_keep_the_outermost_unit():
    gold = {"people": [{"mentions": [{"start": 9, "end": 19}], "titles": [{"start": 21, "end": 52}]}],
            "units": [{"mentions": [{"start": 30, "end": 52}]}, {"mentions": [{"start": 45, "end": 52}]}]}
    assert gold_spans(gold) == {"PER": [(9, 19)], "TITLE": [(21, 52)], "UNIT": [(30, 52)]}


def test_lexicon_marks_of_a_small_case(features):
    tokens = tokenize(SENTENCE)
    marks = features.token_marks(SENTENCE, tokens)
    assert dict(zip((t.text for t in tokens), marks, strict=False)) == {
        "Đồng": ["hon:B"], "chí": ["hon:I"], "Lò": ["sur"], "Văn": ["mid"], "Pín": [], ",": [],
        "Giám": ["role:B"], "đốc": ["role:I"], "Sở": ["head:B"], "Nội": [], "vụ": [], "tỉnh": [],
        "Lào": ["place:B"], "Cai": ["place:I"], "phát": ["stop:B"], "biểu": ["stop:I"], ".": []}


def test_features_of_one_token_exactly(features):
    tokens = tokenize(SENTENCE)
    assert features.sequence(SENTENCE, tokens)[2] == [
        "b", "w=lò", "a=lo", "s=Xx", "p=l", "x=lò", "cap", "m=sur",
        "-2:w=đồng", "-2:s=Xx", "-2:m=hon:B", "-1:w=chí", "-1:s=x", "-1:m=hon:I",
        "1:w=văn", "1:s=Xx", "1:m=mid", "2:w=pín", "2:s=Xx",
        "w-1|w=chí|lò", "w|w+1=lò|văn", "cue=hon", "cue=hon@2"]
    first = features.sequence(SENTENCE, tokens)[0]
    assert "-1:edge" in first and "-2:edge" in first and not any(f.startswith("cue=") for f in first)


def _examples():
    return [Example(f"t{i}", text, spans) for i, (text, spans) in enumerate(TINY)]


def test_training_is_deterministic_and_learns_the_tiny_case(tmp_path, lexicon):
    a = train(_examples(), lexicon, tmp_path / "a.crfsuite", FAST)
    b = train(_examples(), lexicon, tmp_path / "b.crfsuite", FAST)
    assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    assert a.stat().st_size < 200_000
    tagger = SpanTagger.load(a, lexicon)
    text, spans = TINY[0]
    tagging = tagger.tag(text)
    assert list(tagging.spans["PER"]) == spans["PER"]
    assert tagging.probability("PER", spans["PER"][0]) > 0.5 > tagging.probability("PER", _at(text, "phát biểu"))
    assert tagger.manifest["documents"] == ["t0", "t1", "t2"]


def test_a_model_file_of_another_kind_is_refused(tmp_path, lexicon):
    bad = tmp_path / "model.crfsuite"
    bad.write_bytes(b"not a model")
    with pytest.raises(ValueError, match="not a thidua tagger model"):
        SpanTagger.load(bad, lexicon)


def _reviewer(make_doc, lexicon, text, spans, inside, opinion):
    doc = make_doc(text)
    tokens = tuple(tokenize(doc.text))
    tagging = Tagging(tokens, {"PER": (), "TITLE": (), "UNIT": tuple(spans)}, {
        "PER": (0.0,) * len(tokens), "TITLE": (0.0,) * len(tokens), "UNIT": tuple(inside(t) for t in tokens)})
    return doc, Reviewer(doc, lexicon, tagging, {"unit": opinion})


def _unit(doc, start, end, rule="units.head_name"):
    return Candidate("unit", doc.text[start:end], doc.text[start:end], start, end, rule, 0.8,
                     freeze(unit_type="Sở", bare=False))


def test_policies_confirm_snap_and_add(make_doc, lexicon):
    text = "Sở Nội vụ tỉnh Lào Cai và Phòng Nội vụ huyện dự."
    outer, phong = _at(text, "Sở Nội vụ tỉnh Lào Cai"), _at(text, "Phòng Nội vụ huyện")

    def inside(t):
        return 0.9 if t.start < outer[1] else 0.01

    doc, confirm = _reviewer(make_doc, lexicon, text, [outer, phong], inside, Opinion("confirm", 0.5))
    rule_cands = [_unit(doc, *_at(text, "Sở Nội vụ")), _unit(doc, *_at(text, "Phòng Nội vụ"))]
    assert [c.text for c in confirm.review("unit", rule_cands)] == ["Sở Nội vụ"]
    _, snap = _reviewer(make_doc, lexicon, text, [outer, phong], inside, Opinion("boundaries", 0.5))
    snapped = snap.review("unit", rule_cands)
    assert [(c.text, c.rule) for c in snapped] == [("Sở Nội vụ tỉnh Lào Cai", "tagger.boundary"),
                                                   ("Phòng Nội vụ", "units.head_name")]
    _, union = _reviewer(make_doc, lexicon, text, [outer, phong], lambda t: 0.9, Opinion("union", 0.5))
    added = union.review("unit", rule_cands[:1])
    assert [(c.text, c.rule, c.get("unit_type")) for c in added] == [
        ("Sở Nội vụ", "units.head_name", "Sở"), ("Phòng Nội vụ huyện", "tagger.crf", "Phòng")]
    _, rules = _reviewer(make_doc, lexicon, text, [outer], inside, Opinion("rules"))
    assert rules.review("unit", rule_cands) == rule_cands


def test_tagger_titles_attach_to_the_nearest_person(make_doc, lexicon):
    text = "Đồng chí Lò Văn Pín, Giám đốc Sở Nội vụ phát biểu."
    doc = make_doc(text)
    tokens = tuple(tokenize(doc.text))
    zero = (0.0,) * len(tokens)
    tagging = Tagging(tokens, {"PER": (_at(text, "Lò Văn Pín"),), "TITLE": (_at(text, "Giám đốc Sở Nội vụ"),), "UNIT": ()},
                      {"PER": zero, "TITLE": zero, "UNIT": zero})
    reviewer = Reviewer(doc, lexicon, tagging, {"person": Opinion("tagger"), "title": Opinion("tagger")})
    people = reviewer.review("person", [])
    titles = reviewer.review("title", [])
    assert [(c.normalized, c.rule) for c in people] == [("Lò Văn Pín", "tagger.crf")]
    assert [(c.text, c.get("person")) for c in titles] == [("Giám đốc Sở Nội vụ", "Lò Văn Pín")]


def test_rules_variant_is_the_pipeline(lexicon):
    """The comparison's copy of the extraction order gives the pipeline's own records."""
    from pipeline.run.orchestrate import build_records, process_document

    path = sorted((CORPUS / "articles").glob("*.txt"))[0]
    doc = make_document(path.stem, path.read_text(encoding="utf-8"), lexicon)
    options = Options(ner=False)
    ours = build_records(doc, extract_with(doc, lexicon, options, lambda label, cands: cands), lexicon)
    theirs = process_document(doc, lexicon, options)
    assert ours.tables == theirs.tables and ours.spans == theirs.spans


def test_folds_keep_hosts_whole():
    hosts = {"a": "h1", "b": "h1", "c": "h2", "d": "h3", "e": "h3", "f": "h4"}
    folds = host_folds(hosts, 2)
    assert sorted(sum(folds, [])) == sorted(hosts)
    for host in set(hosts.values()):
        assert sum(any(hosts[d] == host for d in fold) for fold in folds) == 1


def _tiny_corpus(root):
    (root / "articles").mkdir(parents=True)
    (root / "gold").mkdir()
    for i, (text, spans) in enumerate(TINY):
        path = root / "articles" / f"t{i}.txt"
        path.write_text(text, encoding="utf-8")
        gold = {"doc_id": f"t{i}", "source": "corpus", "path": path.name,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                "people": [{"name": text[slice(*spans["PER"][0])],
                            "mentions": [{"text": text[slice(*spans["PER"][0])], "start": spans["PER"][0][0],
                                          "end": spans["PER"][0][1]}],
                            "titles": [{"text": text[slice(*spans["TITLE"][0])], "start": spans["TITLE"][0][0],
                                        "end": spans["TITLE"][0][1]}]}],
                "units": [{"name": text[slice(*spans["UNIT"][0])], "forms": [text[slice(*spans["UNIT"][0])]],
                           "mentions": [{"text": text[slice(*spans["UNIT"][0])], "start": spans["UNIT"][0][0],
                                         "end": spans["UNIT"][0][1]}]}]}
        (root / "gold" / f"t{i}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (root / "split.json").write_text(json.dumps({"test": ["t2"], "dev": ["t0", "t1"]}), encoding="utf-8")


def test_cli_train_on_a_tiny_corpus_learns_dev_only(tmp_path, capsys, lexicon):
    _tiny_corpus(tmp_path / "corpus")
    out = tmp_path / "model.crfsuite"
    argv = ["train", "--corpus", str(tmp_path / "corpus"), "--devset", str(tmp_path / "no-devset"),
            "--out", str(out), "--max-iterations", "20"]
    assert main(argv) == 0
    assert "tagger trained on 2 dev document(s)" in capsys.readouterr().out
    model = SpanTagger.load(out, lexicon)
    assert model.manifest["documents"] == ["t0", "t1"]  # t2 is test: never learned from
    assert model.manifest["params"]["max_iterations"] == 20
    first = out.read_bytes()
    assert main(argv) == 0 and out.read_bytes() == first


def test_cli_train_without_gold_is_a_usage_error(tmp_path):
    (tmp_path / "corpus" / "gold").mkdir(parents=True)
    assert main(["train", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "m")]) == 2
