"""BdM's 1994 EC emission-standards example (published in Scholz, Calbert & Smith 2011)."""

from __future__ import annotations

import numpy as np
import pytest

from parley.negotiation import models
from parley.negotiation.expected_utility import run_expected_utility
from parley.negotiation.scenario import pack, read_scenario_emission


@pytest.fixture(scope="module")
def emission(bargaining_dir):
    return pack(read_scenario_emission(bargaining_dir / "bdm1994_emission_standards.csv").issues)


def test_published_weighted_median_and_mean_are_reproduced(emission):
    assert models.weighted_median(emission)[0] / 10 == pytest.approx(7.0)
    assert models.compromise(emission)[0] / 10 == pytest.approx(7.39, abs=0.005)


def test_expected_utility_first_round_is_near_bdm_published_forecast(emission):
    # BdM published 8.35 for the first round; our specification gives 8.28.  The gap comes
    # from the points where the published specification is ambiguous (docs/negotiation.md).
    path = run_expected_utility(emission, rounds=10).mean_path[:, 0] / 10
    assert path[0] == pytest.approx(7.39, abs=0.005)
    assert path[1] == pytest.approx(8.35, abs=0.1)
    assert path[1] > path[0]  # like the published path, round 1 moves up toward 10 years


def test_expected_utility_later_rounds_differ_from_published_path(emission):
    # Published: rising to 9.05.  With simultaneous moves and the 'strongest challenge'
    # rule, our run oscillates and the coalition at 4 years wins by round 4; the documented
    # 'nearest offer' variant instead rises towards 10 years.  Both are pinned here so
    # that a change in the dynamics is noticed.
    strongest = run_expected_utility(emission, rounds=10).mean_path[:, 0] / 10
    assert strongest[-1] == pytest.approx(4.0, abs=0.01)
    nearest = run_expected_utility(emission, rounds=10, offer_rule="nearest").mean_path[:, 0] / 10
    assert nearest[-1] > 9.05
    assert np.all(np.diff(nearest[3:]) >= -1e-9)
