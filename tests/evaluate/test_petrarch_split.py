"""The PETRARCH2 gold set's dev/test split, its registration, and the sealed test split.

Only ids and counts are read here: no test-split sentence is printed or inspected."""

from __future__ import annotations

import pytest

from parley.evaluate.events import GOLDSETS, check_split, render
from parley.evaluate.readers import petrarch

pytestmark = pytest.mark.issue(3)


def test_family_rule_keeps_variants_of_one_test_together():
    assert petrarch.record_family("SYNSET-22bb") == "SYNSET-22"
    assert petrarch.record_family("AGENT-007") == "AGENT-007"
    assert {petrarch.petrarch_split(i) for i in ("SYNSET-22a", "SYNSET-22b", "SYNSET-22bb")} in ({"dev"}, {"test"})
    assert petrarch.petrarch_split("DEMO-00") == petrarch.petrarch_split("DEMO-00")  # stable
    assert {petrarch.petrarch_split(f"X-{n}") for n in range(40)} == {"dev", "test"}


def test_dev_and_test_are_disjoint_and_cover_all_records(shared_data):
    every = petrarch.read_petrarch(shared_data, "all")
    dev = petrarch.read_petrarch(shared_data, "dev")
    test = petrarch.read_petrarch(shared_data, "test")
    dev_ids = [i.id for i in dev]
    test_ids = [i.id for i in test]
    assert not set(dev_ids) & set(test_ids)
    assert sorted(dev_ids + test_ids) == sorted(i.id for i in every)
    assert len(every) == 277 and min(len(dev), len(test)) >= 120  # both halves are substantial
    with pytest.raises(ValueError):
        petrarch.read_petrarch(shared_data, "train")


def test_goldset_registers_splits_and_the_verb_dictionaries(tmp_path):
    gold = GOLDSETS["petrarch2"]
    assert set(gold.splits) == {"dev", "test", "all"} and check_split(gold, None) == "dev"
    assert gold.sealed == ("test", "all")
    names = [p.rsplit("/", 1)[-1] for p in gold.dictionaries(tmp_path)]
    assert names == ["PETR.Validate.actors.txt", "PETR.Validate.agents.txt",
                     "PETR.Validate.verbs.txt", "PETR.Validate.discards.txt"]


def test_sealed_split_report_shows_no_sentence():
    metrics = {
        "sentences": 1, "expected_events": 1, "predicted_events": 1, "extra_event_rate": 0.0,
        "no_event_false_alarm_rate": 0.0, "no_event_sentences": 0, "per_root": {}, "confusion": {},
        "worst_errors": [{"id": "X-1", "sentence": "Secret sentence.", "gold": [], "predicted": []}],
    }
    result = {"title": "t", "split": "test", "note": "n", "kind": "cameo", "agreement": False,
              "headline": {"recall": 0.5}, "metrics": metrics, "sealed": True}
    text = render(result)
    assert "Secret sentence" not in text and "per-sentence errors are not shown" in text
    assert "Secret sentence" in render({**result, "sealed": False})
