"""The event classifier (issue 3): artifact provenance, deterministic training, arbitration rules,
and the optional ``classify`` stage of the pipeline."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from parley.events.arbiter import EventMaker, decide
from parley.events.classifier import (
    META_PATH,
    WEIGHTS_PATH,
    Classifier,
    Head,
    TrainConfig,
    build_vocabulary,
    file_digest,
    fit_head,
    load_classifier,
    save_classifier,
    weights_bytes,
)
from parley.records import Actor, EventRecord

ROOT = Path(__file__).resolve().parents[2]
TYPES = ("ASSAULT", "CONSULT", "PROTEST")

# a tiny fixed sample: feature lists and PentaClass labels
SAMPLE = [
    (["v=attack", "w=troop"], 4),
    (["v=shell", "w=troop"], 4),
    (["v=meet", "w=minister"], 1),
    (["v=meet", "w=talk"], 1),
    (["v=say", "w=minister"], 0),
    (["v=say", "w=statement"], 0),
    (["v=accuse", "w=minister"], 3),
    (["v=accuse", "w=crime"], 3),
    (["v=aid", "w=food"], 2),
    (["v=aid", "w=troop"], 2),
]


def _tiny_classifier(params: dict[str, float] | None = None) -> Classifier:
    vocab = build_vocabulary([f for f, _ in SAMPLE], min_count=1)
    rows = [sorted(vocab[x] for x in f) for f, _ in SAMPLE]
    W, b = fit_head(rows, [label for _, label in SAMPLE], len(vocab), 5, config=TrainConfig(l2=1e-4, iterations=60))
    zeros = np.zeros((len(vocab), len(TYPES)))
    return Classifier(vocab, Head(("0", "1", "2", "3", "4"), W, b), Head(TYPES, zeros, np.zeros(len(TYPES))),
                      params=dict(params or {}), representative={"ASSAULT/4": "190", "CONSULT/1": "040"})


def _event(cameo: str, factuality: str = "asserted", confidence: float = 0.6) -> EventRecord:
    return EventRecord("d", 0, "s", (0, 1), "X", cameo, Actor("A", country="AAA"), factuality=factuality,
                       confidence=confidence)


def _retype(event: EventRecord, cameo: str) -> EventRecord:
    return replace(event, cameo=cameo, event_type="RETYPED")


def _probs(top: int, p: float) -> np.ndarray:
    out = np.full(5, (1 - p) / 4)
    out[top] = p
    return out


# ---------------------------------------------------------------------------------------------
# training and storage


def test_retraining_on_a_tiny_sample_gives_identical_bytes():
    first, second = _tiny_classifier(), _tiny_classifier()
    assert weights_bytes(first) == weights_bytes(second)


def test_tiny_model_learns_its_sample():
    model = _tiny_classifier()
    for features, label in SAMPLE:
        penta, _ = model.predict(features)
        assert int(np.argmax(penta)) == label


def test_saved_classifier_loads_back_with_the_same_predictions(tmp_path):
    model = _tiny_classifier({"add_threshold": 0.5})
    save_classifier(model, tmp_path / "c.npz", tmp_path / "c.json")
    loaded = load_classifier(tmp_path / "c.npz", tmp_path / "c.json")
    assert loaded is not None and loaded.params == {"add_threshold": 0.5}
    meta = json.loads((tmp_path / "c.json").read_text())["meta"]
    assert meta["artifact"]["sha256"] == file_digest(tmp_path / "c.npz")
    for features, _ in SAMPLE:
        assert np.allclose(loaded.predict(features)[0], model.predict(features)[0], atol=1e-5)


def test_missing_classifier_files_mean_no_model(tmp_path):
    assert load_classifier(tmp_path / "none.npz", tmp_path / "none.json") is None


def test_mismatched_classifier_files_give_a_coded_error(tmp_path):
    from parley.errors import ClassifierError

    save_classifier(_tiny_classifier(), tmp_path / "c.npz", tmp_path / "c.json")
    document = json.loads((tmp_path / "c.json").read_text())
    document["vocabulary"] = document["vocabulary"][:-1]
    (tmp_path / "c.json").write_text(json.dumps(document))
    with pytest.raises(ClassifierError) as info:
        load_classifier(tmp_path / "c.npz", tmp_path / "c.json")
    assert info.value.code == "E080"


def test_shipped_artifact_is_small_and_matches_its_digest():
    if not WEIGHTS_PATH.exists():
        pytest.skip("no trained classifier shipped")
    assert WEIGHTS_PATH.stat().st_size + META_PATH.stat().st_size < 5_000_000
    meta = json.loads(META_PATH.read_text())["meta"]
    assert meta["artifact"]["sha256"] == file_digest(WEIGHTS_PATH)


def test_shipped_artifact_provenance_matches_the_training_files(shared_data):
    if not WEIGHTS_PATH.exists():
        pytest.skip("no trained classifier shipped")
    files = json.loads(META_PATH.read_text())["meta"]["training_data"]["files"]
    assert {Path(f["path"]).parent.name for f in files} == {"conflibert_cameo", "ngec_synthetic"}
    for entry in files:
        path = shared_data / entry["path"]
        assert path.stat().st_size == entry["bytes"]
        assert file_digest(path) == entry["sha256"], f"{entry['path']} changed since training: run make train"


def test_shipped_artifact_records_both_dev_figures():
    if not WEIGHTS_PATH.exists():
        pytest.skip("no trained classifier shipped")
    chosen = json.loads(META_PATH.read_text())["meta"]["dev"]["chosen"]
    for name in ("oof_accuracy", "ood_accuracy", "ood_macro_f1"):
        assert 0.0 < chosen[name] <= 1.0, name


def test_out_of_domain_stories_are_a_fixed_third_by_id():
    from parley.events.training import DEV_SHARE, is_dev_story

    ids = [f"ngec-{n}" for n in range(1, 3001)]
    held = [i for i in ids if is_dev_story(i)]
    assert held == [i for i in ids if is_dev_story(i)]
    assert abs(len(held) / len(ids) - DEV_SHARE / 100) < 0.03


def test_dropped_feature_family_never_enters_the_vocabulary():
    from parley.events.training import Example, Record, Setting, vocabulary_for

    records = [Record("d", 0, ["b=attack_ACTOR", "v=attack", "vr=19", "neg", "pat:none"], [], None)]
    examples = [Example("a", records), Example("b", records)]
    assert set(vocabulary_for(examples, Setting(drop=("b",)))) == {"v=attack", "vr=19", "neg"}
    assert "b=attack_ACTOR" in vocabulary_for(examples, Setting())


def test_class_balanced_weights_give_each_class_the_same_total():
    from parley.events.training import _balanced

    labels = [0, 0, 0, 1, 4, 4]
    weights = _balanced(labels)
    totals = {c: sum(w for w, y in zip(weights, labels, strict=True) if y == c) for c in set(labels)}
    assert len({round(t, 9) for t in totals.values()}) == 1
    assert abs(sum(weights) - len(labels)) < 1e-9


def test_verb_class_feature_is_the_lexicon_root_of_the_verb(pipeline):
    from parley.events.classifier import sentence_features

    doc = pipeline.nlp("Rebels attacked the town.")
    feats = sentence_features(doc, [], [], pipeline.lexicon)
    assert "v=attack" in feats
    assert any(f.startswith("vr=") for f in feats)
    assert not any(f.startswith("vr=") for f in sentence_features(doc, [], []))


# ---------------------------------------------------------------------------------------------
# arbitration rules


def test_confident_class_without_pattern_event_adds_one():
    model = _tiny_classifier({"add_threshold": 0.5})
    added = _event("190", confidence=0.4)
    decision = decide(model, _probs(4, 0.9), np.array([0.8, 0.1, 0.1]), [], lambda t, c, p: replace(added, cameo=c),
                      _retype)
    assert decision.action == "add"
    assert [e.cameo for e in decision.events] == ["190"]


def test_unconfident_class_adds_nothing():
    model = _tiny_classifier({"add_threshold": 0.95})
    decision = decide(model, _probs(4, 0.9), np.zeros(3), [], lambda t, c, p: _event(c), _retype)
    assert decision.action == "keep" and decision.events == []


def test_negated_pattern_event_is_never_retyped():
    model = _tiny_classifier({"retype_threshold": 0.3})
    negated = _event("040", "negated")  # "did not meet": a rejection (class 3)
    decision = decide(model, _probs(4, 0.99), np.zeros(3), [negated], lambda t, c, p: None, _retype)
    assert decision.action == "keep" and decision.events == [negated]


def test_asserted_pattern_event_is_retyped_when_the_classifier_is_sure():
    model = _tiny_classifier({"retype_threshold": 0.8})
    event = _event("040")
    decision = decide(model, _probs(4, 0.9), np.array([0.9, 0.05, 0.05]), [event], lambda t, c, p: None, _retype,
                      lambda e: True)
    assert decision.action == "retype"
    assert decision.events[0].cameo == "190" and decision.events[0].source == event.source


def test_rank_raises_the_event_of_the_classifiers_class():
    model = _tiny_classifier({"rank_threshold": 0.6})
    meet, attack = _event("040", confidence=0.8), _event("190", confidence=0.5)
    decision = decide(model, _probs(4, 0.7), np.zeros(3), [meet, attack], lambda t, c, p: None, _retype)
    assert decision.action == "rank"
    assert max(decision.events, key=lambda e: e.confidence).cameo == "190"


def test_veto_drops_acts_but_keeps_hypothetical_events():
    model = _tiny_classifier({"veto_threshold": 0.8})
    act, maybe = _event("190"), _event("190", "hypothetical")
    decision = decide(model, _probs(0, 0.9), np.zeros(3), [act, maybe], lambda t, c, p: None, _retype, lambda e: True)
    assert decision.action == "veto" and decision.events == [maybe]


# ---------------------------------------------------------------------------------------------
# the pipeline stage


def _parsed(pipeline, text: str):
    doc = pipeline.nlp(text)
    return doc, pipeline.matcher.find_mentions(doc, "2026-03-12")


def test_added_event_follows_the_event_contract(pipeline):
    import jsonschema

    from parley.events.coder import DocumentContext

    doc, mentions = _parsed(pipeline, "Russian forces pounded Ukrainian positions near Kharkiv.")
    event = EventMaker(pipeline.coder).new_event(doc, mentions, "190", 0.5, context=DocumentContext(pub_date="2026-03-12"),
                                                 doc_id="d1", sentence_index=0, offset=10)
    assert event is not None
    assert event.source is not None and event.source.country == "RUS"
    assert event.sentence == doc.text and event.span[0] >= 10
    schema = json.loads((ROOT / "docs" / "schema" / "event.schema.json").read_text())
    jsonschema.validate(event.to_dict(), schema)


def test_added_event_keeps_the_negation_of_its_sentence(pipeline):
    from parley.events.coder import DocumentContext

    doc, mentions = _parsed(pipeline, "Russia did not pound Ukrainian positions near Kharkiv.")
    event = EventMaker(pipeline.coder).new_event(doc, mentions, "190", 0.5, context=DocumentContext(pub_date="2026-03-12"),
                                                 doc_id="d1", sentence_index=0, offset=0)
    assert event is not None and event.factuality == "negated"


def test_classify_stage_is_declared_and_can_be_switched_off(pipeline):
    from parley.pipeline import Pipeline
    from parley.settings import Settings

    stage = next(s for s in Pipeline.describe() if s["name"] == "classify")
    assert stage["requires"] == ("docs", "mentions", "events")
    assert Pipeline(disable=["classify"], nlp=pipeline.nlp).arbiter is None
    assert Pipeline(Settings(classifier=False), nlp=pipeline.nlp).arbiter is None


def test_pipeline_without_a_trained_model_still_codes_events(pipeline, monkeypatch):
    import parley.pipeline as module
    from parley.jobs import extract_text

    monkeypatch.setattr(module, "load_classifier", lambda **_: None)
    bare = module.Pipeline(nlp=pipeline.nlp)
    assert bare.arbiter is None
    events = extract_text("Russian troops attacked Ukrainian positions.", date="2026-03-12", pipeline=bare).events
    assert any(e.event_type == "ASSAULT" for e in events)


def test_specific_pattern_event_is_neither_retyped_nor_vetoed():
    specific = _event("190")
    model = _tiny_classifier({"retype_threshold": 0.3, "veto_threshold": 0.3})
    for top in (0, 1):
        decision = decide(model, _probs(top, 0.99), np.array([0.1, 0.8, 0.1]), [specific], lambda t, c, p: None,
                          _retype, lambda e: False)
        assert decision.action == "keep" and decision.events == [specific]


def test_veto_leaves_an_alleged_act_to_factuality():
    model = _tiny_classifier({"veto_threshold": 0.3})
    alleged = _event("190", "alleged")
    decision = decide(model, _probs(0, 0.99), np.zeros(3), [alleged], lambda t, c, p: None, _retype, lambda e: True)
    assert decision.action == "keep" and decision.events == [alleged]


def test_nothing_is_added_beside_a_hypothetical_pattern_event():
    model = _tiny_classifier({"add_threshold": 0.3})
    maybe = _event("030", "hypothetical")  # "if the two sides agreed to meet"
    decision = decide(model, _probs(2, 0.99), np.array([0.1, 0.8, 0.1]), [maybe], lambda t, c, p: _event(c), _retype)
    assert decision.action == "keep" and decision.events == [maybe]


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        # the reported clause has no actor as subject; the only actor subject is the speaker's
        ("Hungarian officials said the venue would stay open for talks.", "a reporting verb is no act"),
        ("Heavy shelling hit the outskirts of Kharkiv and Ukrainian villages.", "no verb has a party as subject"),
        ("Peru said the army was responsible for the security of the border.", "a copula states a condition"),
        # "Debris" at the start of a sentence looks like a name to the parser, not to the dictionaries
        ("Debris damaged two apartment blocks in Ukraine.", "the doer must be a dictionary actor"),
    ],
)
def test_no_event_is_added_without_an_act_and_a_known_doer(pipeline, sentence, why):
    from parley.events.coder import DocumentContext

    doc, mentions = _parsed(pipeline, sentence)
    assert mentions  # each sentence names parties
    event = EventMaker(pipeline.coder).new_event(doc, mentions, "190", 0.5, context=DocumentContext(pub_date="2026-03-12"),
                                                 doc_id="d1", sentence_index=0, offset=0)
    assert event is None, why


def test_classify_stage_steps_aside_for_a_user_verb_dictionary(pipeline, tmp_path):
    from parley.pipeline import Pipeline
    from parley.settings import Settings

    verbs = tmp_path / "mine.verbs.txt"
    verbs.write_text("--- SEVER  [161] ---\nSEVER\n- * TIES WITH + [161]\n", encoding="utf-8")
    assert Pipeline(nlp=pipeline.nlp).arbiter is not None  # the shipped model is on by default
    with_user_verbs = Pipeline(Settings(dictionaries=(str(verbs),)), nlp=pipeline.nlp)
    assert with_user_verbs.lexicon.user_sources
    assert with_user_verbs.arbiter is None and "classify" in with_user_verbs.disabled


def _examples(feature_lists: list[list[str]], texts: list[str] | None = None) -> list:
    from parley.events.training import Example, Record

    # distinct texts (no two are near-copies) unless given
    texts = texts or [" ".join(f"{chr(97 + i)}{chr(97 + j)}" for j in range(8)) for i in range(len(feature_lists))]
    return [Example(f"e{i}", [Record(f"e{i}", 0, feats, [], None)], penta=i % 5, text=text)
            for i, (feats, text) in enumerate(zip(feature_lists, texts, strict=True))]


def test_fold_vocabulary_never_holds_a_feature_seen_only_in_the_held_out_fold():
    from parley.events.training import Setting, fold_assignment, fold_vocabulary

    # every example has a shared feature and one of its own; with min count 1 a feature of the
    # held-out fold would enter a vocabulary built before folding
    conf = _examples([["v=say", f"w=only{i}"] for i in range(20)])
    assignment = fold_assignment(conf)
    setting = Setting(min_count=1)
    for fold in range(5):
        vocab = fold_vocabulary(conf, [], setting, assignment, fold)
        held = {f for ex, k in zip(conf, assignment, strict=True) if k == fold for r in ex.records for f in r.features}
        seen = {f for ex, k in zip(conf, assignment, strict=True) if k != fold for r in ex.records for f in r.features}
        assert "v=say" in vocab
        assert not (set(vocab) & (held - seen))


def test_min_count_counts_only_the_training_folds():
    from parley.events.training import Setting, fold_assignment, fold_vocabulary

    conf = _examples([["v=say", "w=rare"] if i < 2 else ["v=say"] for i in range(20)])
    assignment = fold_assignment(conf)
    for fold in range(5):
        both_in_training = assignment[0] != fold and assignment[1] != fold
        assert ("w=rare" in fold_vocabulary(conf, [], Setting(min_count=2), assignment, fold)) == both_in_training


def test_near_copies_of_one_sentence_share_a_fold():
    from parley.events.training import fold_assignment, near_copy_groups

    texts = [f"Country {chr(65 + i)} agreed to open its borders to refugees from the war zone number {i}"
             for i in range(6)]
    texts += ["Rebels shelled the northern town overnight", "The minister praised the new trade accord",
              "Protesters marched on parliament demanding reform", "Talks on the dam resume in Cairo next week"]
    texts += ["", ""]  # empty texts are groups of their own
    groups = near_copy_groups(texts)
    assert groups[:6] == [0] * 6
    assert len(set(groups[6:])) == 6
    conf = _examples([["v=say"]] * len(texts), texts)
    assert len({int(f) for f in fold_assignment(conf)[:6]}) == 1


def test_selection_guard_discards_a_synthetic_setting_that_loses_oof():
    from parley.events.training import select

    def entry(weight: float, oof: float, objective: float) -> dict:
        return {"setting": {"synthetic_weight": weight}, "oof_accuracy": oof, "objective": objective}

    plain, good, over = entry(0.0, 0.880, 0.640), entry(0.3, 0.876, 0.650), entry(0.5, 0.870, 0.660)
    assert select([plain, good, over]) is good
    assert select([plain, over]) is plain
