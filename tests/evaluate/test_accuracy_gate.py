"""The accuracy gate: recompute every metric pinned in src/parley/evaluate/data/floors.json and
fail when one drops more than its epsilon below its floor. Skipped without the shared data."""

from __future__ import annotations

import pytest

from parley.evaluate.events import (
    GOLDSETS,
    Pipelines,
    below_floors,
    evaluate,
    gate_runs,
    load_floors,
)
from parley.settings import Settings


@pytest.fixture(scope="session")
def gate_summary(pipeline, shared_data):
    """Headline metrics of every gated set, from one run of the shared pipeline (PETRARCH adds its
    own dictionaries to a second pipeline that reuses the spaCy model)."""
    settings = Settings(shared_data=str(shared_data))
    pipelines = Pipelines(settings, base=pipeline)
    return {
        f"{name}/{split}": evaluate(name, split, settings, pipelines=pipelines)["headline"]
        for name, split in gate_runs(load_floors())
    }


def test_floors_name_known_gold_sets_and_splits():
    for name, split in gate_runs(load_floors()):
        assert split in GOLDSETS[name].splits


def test_no_metric_drops_below_its_floor(gate_summary):
    failures = below_floors(gate_summary, load_floors())
    assert not failures, "accuracy gate:\n" + "\n".join(failures)
