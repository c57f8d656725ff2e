from __future__ import annotations

import numpy as np
import pytest

from parley.negotiation import choice, learned, models
from parley.negotiation.scenario import ActorEntry, Issue, pack


def one_issue(council, reference=0.0, rule="majority", setter=100.0, veto=None):
    actors = [ActorEntry(f"m{i}", 1.0, p, 50.0) for i, p in enumerate(council)]
    actors.append(ActorEntry("setter", 1.0, setter, 50.0, "agenda_setter"))
    if veto is not None:
        actors.append(ActorEntry("veto", 1.0, veto, 50.0, "veto_player"))
    return pack([Issue("x", tuple(actors), reference, rule)])


def synthetic(n_issues=60, seed=3):
    """Random issues whose outcome is the agenda setter's position (a learnable rule)."""
    rng = np.random.default_rng(seed)
    issues = []
    for k in range(n_issues):
        actors = [ActorEntry(f"a{i}", 1.0, float(rng.choice([0, 25, 50, 75, 100])),
                             float(rng.integers(10, 100))) for i in range(6)]
        actors.append(ActorEntry("s", 1.0, float(rng.choice([0, 100])), 50.0, "agenda_setter"))
        issues.append(Issue(f"i{k}", tuple(actors), float(rng.choice([0, 100])), "qualified_majority"))
    batch = pack(issues)
    outcome = np.where(batch.agenda, batch.position, 0).sum(axis=1)
    return batch, outcome


def test_pivot_outcome_shrinks_with_a_stricter_decision_rule():
    council = [20, 40, 60, 80, 100]
    got = {rule: learned.pivot_outcome(one_issue(council, rule=rule), np.array([50.0]))[0]
           for rule in ("majority", "qualified_majority", "unanimity")}
    # majority: 3 of 5 lie at ≥ 60 → up to 2·60 − 0 = 120, clipped to the setter's 100;
    # QMV (72%): 4 of 5 at ≥ 40 → 80; unanimity: all at ≥ 20 → 40.
    assert got == {"majority": 100.0, "qualified_majority": 80.0, "unanimity": 40.0}


def test_pivot_outcome_respects_veto_player_and_missing_reference():
    b = one_issue([20, 40, 60, 80, 100], rule="qualified_majority", veto=30.0)
    assert learned.pivot_outcome(b, np.array([50.0]))[0] == pytest.approx(60.0)
    b = one_issue([20, 40, 60, 80, 100], reference=None, rule="qualified_majority")
    assert learned.pivot_outcome(b, np.array([42.0]))[0] == pytest.approx(42.0)


def test_features_fall_back_to_compromise_without_roles_or_reference():
    b = pack([Issue("x", (ActorEntry("a", 1, 0, 50), ActorEntry("b", 1, 100, 100)), None, None)])
    f = learned.features(b)
    for name in ("agenda", "veto", "reference", "pivot"):
        assert f[name][0] == pytest.approx(0.0)  # difference from the compromise forecast
    assert f["has_reference"][0] == 0.0


def test_lad_fit_ignores_outliers():
    rng = np.random.default_rng(0)
    x = rng.uniform(-10, 10, size=(200, 1))
    y = 3 + 2 * x[:, 0]
    y[:20] += 500  # gross outliers would drag least squares far away
    beta = learned.fit_lad(x, y, penalty=1e-6)
    assert beta == pytest.approx([3.0, 2.0], abs=0.1)  # IRLS floor smooths |r| < 0.5


def test_choice_candidates_are_distinct_and_model_can_pick_the_setter():
    b = one_issue([0, 0, 50, 50], reference=0.0, setter=100.0)
    x, valid, feats = choice.candidate_set(b)
    assert sorted(set(np.round(x[valid], 6))) == sorted(np.round(x[valid], 6))
    theta = np.zeros(len(choice.FEATURE_NAMES))
    theta[choice.FEATURE_NAMES.index("is_agenda")] = 20.0
    assert choice.predict_choice(b, theta)[0] == pytest.approx(100.0)


def test_nested_selection_learns_a_real_rule_and_never_sees_the_test_fold():
    batch, y = synthetic()
    folds = np.arange(batch.size) % 5
    pred, chosen = learned.nested_predictions(batch, y, folds, ("lad", "choice"))
    base = np.abs(models.compromise(batch) - y).mean()
    assert np.abs(pred - y).mean() < 0.5 * base
    assert all(not c.startswith("compromise") for c in chosen)
    # Scrambling the outcomes of fold 0 must not move fold 0's forecasts.
    y2 = y.copy()
    y2[folds == 0] = 100 - y2[folds == 0]
    pred2, _ = learned.nested_predictions(batch, y2, folds, ("lad", "choice"))
    assert np.allclose(pred[folds == 0], pred2[folds == 0])
    assert not np.allclose(pred[folds != 0], pred2[folds != 0])


def test_selection_prefers_compromise_when_it_is_the_truth():
    batch, _ = synthetic(seed=5)
    y = models.compromise(batch)
    model = learned.select_and_fit(batch, y, np.arange(batch.size) % 5, ("lad", "choice"))
    assert model.learner in ("compromise", "lad")
    assert np.abs(model.predict(batch) - y).mean() < 1.0
