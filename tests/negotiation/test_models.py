from __future__ import annotations

import numpy as np
import pytest

from parley.negotiation import models
from parley.negotiation.expected_utility import run_expected_utility
from parley.negotiation.scenario import pack, scenario_from_rows


def batch(positions, saliences=None, capabilities=None, reference=None, roles=None, rule=None):
    n = len(positions)
    rows = []
    for i in range(n):
        rows.append({
            "issue": "x", "actor": f"a{i}", "position": positions[i],
            "salience": 100 if saliences is None else saliences[i],
            "capability": 1 if capabilities is None else capabilities[i],
            "reference": reference, "role": None if roles is None else roles[i],
            "decision_rule": rule,
        })
    return pack(scenario_from_rows(rows).issues)


def test_compromise_is_capability_times_salience_weighted_mean():
    b = batch([0, 100], saliences=[50, 100], capabilities=[2, 1])
    # weights 100 and 100 → 50
    assert models.compromise(b)[0] == pytest.approx(50.0)
    b = batch([10, 40, 100], saliences=[100, 100, 100], capabilities=[1, 2, 1])
    assert models.compromise(b)[0] == pytest.approx((10 + 80 + 100) / 4)


def test_weighted_median_picks_actor_holding_half_the_weight():
    b = batch([0, 30, 100], capabilities=[1, 1, 5])
    assert models.weighted_median(b)[0] == pytest.approx(100.0)
    b = batch([0, 30, 100], capabilities=[2, 1, 2])
    assert models.weighted_median(b)[0] == pytest.approx(30.0)


def test_weighted_median_even_split_is_midpoint():
    assert models.weighted_median(batch([0, 100]))[0] == pytest.approx(50.0)


def test_condorcet_winner_is_median_voter_and_ignores_salience():
    b = batch([10, 20, 90, 95, 99], saliences=[100, 100, 1, 1, 1])
    assert models.condorcet(b)[0] == pytest.approx(90.0)  # 3 of 5 votes prefer 90 to 20
    b = batch([10, 20, 90], capabilities=[1, 5, 1])
    assert models.condorcet(b)[0] == pytest.approx(20.0)


def test_nash_symmetric_actors_meet_in_the_middle():
    # no reference: breakdown = each actor's worst end of the scale (D = 60 for both)
    assert models.nash(batch([40, 60]))[0] == pytest.approx(50.0, abs=1e-6)


def test_nash_matches_brute_force_and_status_quo_between_actors_blocks():
    b = batch([30, 90], saliences=[100, 50], reference=0)
    grid = np.linspace(0, 100, 100001)
    w = np.array([1.0, 0.5])
    gains = np.array([30.0, 90.0])[:, None] ** 2 - (grid - np.array([30.0, 90.0])[:, None]) ** 2
    ok = (gains > 0).all(axis=0)
    obj = np.where(ok, (w[:, None] * np.log(np.where(ok, gains, 1))).sum(axis=0), -np.inf)
    assert models.nash(b)[0] == pytest.approx(grid[np.argmax(obj)], abs=0.01)
    assert models.nash(batch([0, 100], reference=50))[0] == pytest.approx(50.0)


def test_procedural_with_default_parameters_is_the_compromise_model():
    b = batch([0, 40, 100], saliences=[20, 60, 90], reference=10, rule="unanimity",
              roles=["agenda_setter", None, "veto_player"])
    assert models.procedural_compromise(b)[0] == pytest.approx(models.compromise(b)[0])
    pulled = models.procedural_compromise(b, models.ProceduralParams(sq_unanimity=1.0))
    assert pulled[0] < models.compromise(b)[0]


def test_expected_utility_unanimous_actors_do_not_move():
    b = batch([40, 40, 40])
    res = run_expected_utility(b, rounds=3)
    assert np.allclose(res.mean_path[:, 0], 40.0)


def test_expected_utility_weak_isolated_actor_gives_in():
    # Two strong actors at 80 face a weak, barely-caring actor at 0: it moves, they do not.
    b = batch([0, 80, 80], saliences=[20, 90, 90], capabilities=[1, 10, 10])
    res = run_expected_utility(b, rounds=1)
    assert res.positions[0, 0] > 0
    assert np.allclose(res.positions[0, 1:], 80.0)
    assert res.mean_path[1, 0] > res.mean_path[0, 0]


def test_models_vectorise_over_issues():
    a = batch([0, 50, 100], saliences=[10, 50, 90])
    b = batch([20, 30], capabilities=[3, 1])
    both = pack(list(a_issue for a_issue in _issues(a, b)))
    for fn in (models.compromise, models.weighted_median, models.condorcet, models.nash):
        assert fn(both) == pytest.approx(np.r_[fn(a), fn(b)])


def _issues(*batches):
    from parley.negotiation.scenario import ActorEntry, Issue

    for k, bt in enumerate(batches):
        n = int(bt.mask[0].sum())
        yield Issue(f"i{k}", tuple(ActorEntry(f"a{i}", bt.capability[0, i], bt.position[0, i],
                                              bt.salience[0, i]) for i in range(n)))
