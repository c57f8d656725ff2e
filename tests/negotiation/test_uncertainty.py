from __future__ import annotations

from parley.negotiation import models
from parley.negotiation.scenario import ActorEntry, Issue
from parley.negotiation.uncertainty import monte_carlo, sensitivity


def test_symmetric_uncertainty_interval_contains_point_forecast():
    issue = Issue("i", (ActorEntry("a", 1, 30, 80, low=20, high=40),
                        ActorEntry("b", 2, 70, 50, low=55, high=85),
                        ActorEntry("c", 1, 50, 100, low=45, high=55)))
    from parley.negotiation.scenario import pack

    point = models.compromise(pack([issue]))[0]
    iv = monte_carlo(issue, models.compromise, draws=2000, seed=1)
    assert iv is not None and iv.low < point < iv.high
    assert abs(iv.median - point) < 1.0
    assert iv.high - iv.low < 20


def test_no_bounds_means_no_interval():
    issue = Issue("i", (ActorEntry("a", 1, 30, 80), ActorEntry("b", 1, 60, 80)))
    assert monte_carlo(issue, models.compromise) is None


def test_dominant_actor_tops_the_sensitivity_ranking():
    issue = Issue("i", (ActorEntry("giant", 100, 70, 90), ActorEntry("small", 1, 20, 50),
                        ActorEntry("tiny", 1, 40, 30)))
    ranking = sensitivity(issue, models.compromise)
    assert ranking[0].actor == "giant" and ranking[0].input == "position"
    assert ranking[0].shift > 9
