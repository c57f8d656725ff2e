from __future__ import annotations

import batches
import numpy as np
import pytest

from parley.negotiation import models, round4
from parley.negotiation.scenario import ActorEntry, Issue, ScenarioError, pack


def random_batch(n_issues=80, seed=3):
    return batches.random_batch(n_issues, seed)


def test_weighted_quantile_is_the_first_position_reaching_the_share_of_weight():
    b = pack([Issue("x", (ActorEntry("a", 1, 10, 10), ActorEntry("b", 1, 90, 30),
                          ActorEntry("c", 1, 40, 20)), None, None)])
    w = b.weight
    assert round4.weighted_quantile(b.position, w, b.mask, 0.15)[0] == 10
    assert round4.weighted_quantile(b.position, w, b.mask, 0.5)[0] == 40  # 10+20 of 60
    assert round4.weighted_quantile(b.position, w, b.mask, 0.51)[0] == 90


def test_features_mark_binary_issues_and_fall_back_to_compromise_without_reference():
    b = pack([Issue("x", (ActorEntry("a", 1, 0, 50), ActorEntry("b", 1, 100, 50),
                          ActorEntry("c", 1, 100, 50)), None, None),
              Issue("y", (ActorEntry("a", 1, 0, 50), ActorEntry("b", 1, 50, 50),
                          ActorEntry("c", 1, 100, 50)), 0.0, "unanimity")])
    t = round4.issue_features(b)
    assert list(t.features["binary"]) == [1.0, 0.0]
    assert t.anchors["reference"][0] == pytest.approx(models.compromise(b)[0])
    assert list(t.features["has_ref"]) == [0.0, 1.0] and list(t.features["unan"]) == [0.0, 1.0]


@pytest.mark.parametrize("family", round4.FAMILIES)
def test_held_out_outcomes_cannot_move_their_own_forecasts(family):
    b = random_batch(n_issues=120)
    t = round4.issue_features(b)
    # outcomes with structure every family can pick up: the status quo survives under
    # unanimity, otherwise the highest position wins
    y = np.where((t.features["unan"] > 0) & (t.features["has_ref"] > 0),
                 t.anchors["reference"], t.anchors["high"])
    folds = np.arange(b.size) % 5
    before, _ = round4.nested_predictions(b, y, folds, family)
    test = folds == 2
    assert not np.allclose(before[test], t.anchors["compromise"][test])  # it learned something
    moved = y.copy()
    moved[test] = 100 - moved[test]  # scramble the held-out fold's outcomes
    after, _ = round4.nested_predictions(b, moved, folds, family)
    assert np.array_equal(before[test], after[test])


@pytest.mark.parametrize("family", round4.FAMILIES)
def test_every_setting_forecasts_compromise_when_outcomes_are_the_compromise(family):
    b = random_batch()
    c = models.compromise(b)
    t = round4.issue_features(b)
    for hp in round4.GRIDS[family]:
        assert np.allclose(round4.fit_family(family, t, c, hp)(t), c), hp


def test_quantile_cells_learn_a_different_level_per_decision_rule():
    b = random_batch(n_issues=120)
    t = round4.issue_features(b)
    unan = t.features["unan"] > 0
    y = np.where(unan, t.anchors["low"], t.anchors["high"])
    fn = round4.fit_family("quantile_cells", t, y, ("unan",))
    assert np.mean(np.abs(fn(t) - y)) < 0.5 * np.mean(np.abs(t.anchors["compromise"] - y))
    assert np.allclose(fn(t)[unan], t.anchors["low"][unan])


def test_unknown_family_is_a_typed_error():
    with pytest.raises(ScenarioError) as err:
        round4.nested_predictions(random_batch(10), np.zeros(10), np.arange(10) % 2, "oracle")
    assert "E102" in str(err.value) or err.value.code == "E102"


def test_upper_bounds_put_the_oracle_below_every_anchor():
    b = random_batch()
    rng = np.random.default_rng(5)
    y = np.clip(models.compromise(b) + rng.normal(0, 15, b.size), 0, 100)
    ub = round4.upper_bounds(b, y, permutations=5)
    assert ub["oracle_best_of_4"] <= min(ub["anchor_mae"].values())
    assert ub["oracle_best_of_4_plus_0_100"] <= ub["oracle_best_of_4"]
    assert set(ub["in_sample_gain"]) == set(ub["null_gain_mean"])
    assert all(0 <= v <= 1 for v in ub["null_share_at_least_real"].values())
