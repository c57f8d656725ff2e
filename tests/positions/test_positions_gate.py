"""Accuracy gate of the positions stage: F1 on the dev and held-out gold sets stays near its floor."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[2] / "src" / "parley" / "positions" / "data" / "gold"

pytestmark = pytest.mark.issue(4)

FLOORS = json.loads(resources.files("parley.positions").joinpath("data/floors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_positions_f1_stays_above_its_floor(pipeline, split):
    from parley.positions.evaluate import evaluate_positions

    result = evaluate_positions(GOLD / f"{split}.jsonl", pipeline)
    floor = FLOORS[split]["f1"] - FLOORS["tolerance"]
    assert result["f1"] >= floor, (result["f1"], result["misses"][:5], result["false_alarms"][:5])


def test_heldout_articles_are_not_dev_articles():
    dev = {json.loads(line)["id"] for line in (GOLD / "dev.jsonl").read_text().splitlines() if line.strip()}
    held = [json.loads(line) for line in (GOLD / "heldout.jsonl").read_text().splitlines() if line.strip()]
    assert len(held) >= 6 and not dev & {h["id"] for h in held}
    assert all(h["positions"] for h in held)


def test_evaluation_counts_one_to_one(tmp_path, pipeline):
    from parley.positions.evaluate import evaluate_positions

    gold = tmp_path / "g.jsonl"
    line = {"id": "a", "date": "2026-03-12", "text": "Ukraine will not cede land.",
            "positions": [{"actor": "UKR", "issue": "territory", "stance": "reject"},
                          {"actor": "UKR", "issue": "territory", "stance": "reject"}]}
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = evaluate_positions(gold, pipeline)
    assert (result["true_positives"], result["predicted"], result["gold"]) == (1, 1, 2)
    assert result["precision"] == 1.0 and result["recall"] == 0.5


def test_malformed_gold_gives_e072(tmp_path, pipeline):
    from parley.errors import ParleyError
    from parley.positions.evaluate import evaluate_positions

    gold = tmp_path / "bad.jsonl"
    gold.write_text('{"id": "a", "text": ', encoding="utf-8")
    with pytest.raises(ParleyError) as info:
        evaluate_positions(gold, pipeline)
    assert info.value.code == "E072"
