from __future__ import annotations

import batches
import numpy as np
import pytest

from parley.negotiation import forecast, mixture, models
from parley.negotiation.scenario import ActorEntry, Issue, Scenario, ScenarioError, pack

SMALL_GRID = {"gamma": (1.0, 0.0), "agenda": (0.0, 1.0), "veto": (0.0, 1.0),
              "sq_majority": (0.0, 0.5), "sq_unanimity": (0.0, 1.0), "kappa": (1.0, 0.5, 0.0)}


def issue(positions, saliences=None, reference=None, rule="qualified_majority", roles=None):
    saliences = saliences or [50.0] * len(positions)
    roles = roles or [""] * len(positions)
    actors = tuple(ActorEntry(f"a{i}", 1.0, float(p), float(s), r)
                   for i, (p, s, r) in enumerate(zip(positions, saliences, roles, strict=True)))
    return Issue("x", actors, reference, rule)


def random_batch(n_issues=60, seed=1):
    return batches.random_batch(n_issues, seed)


def test_default_parameters_are_the_compromise_model():
    b = random_batch()
    assert np.allclose(mixture.mixture_forecast(b, mixture.MixtureParams()), models.compromise(b))


def test_no_mean_mass_and_no_status_quo_is_the_weighted_median():
    b = random_batch()
    got = mixture.mixture_forecast(b, mixture.MixtureParams(kappa=0.0))
    assert np.allclose(got, models.weighted_median(b))


def test_forecast_snaps_to_a_heavily_held_position_but_not_to_a_lightly_held_one():
    prm = mixture.MixtureParams(kappa=0.5)
    # four at 100, one at 0: mean 80 carries 2.5 of 7.5 units; 100 holds 4 → median is 100
    heavy = pack([issue([100, 100, 100, 100, 0])])
    assert mixture.mixture_forecast(heavy, prm)[0] == pytest.approx(100.0)
    # two at 100, two at 0, one at 60: mean 52 sits where half the mass is reached
    light = pack([issue([100, 100, 0, 0, 60])])
    assert mixture.mixture_forecast(light, prm)[0] == pytest.approx(52.0)


def test_status_quo_mass_counts_only_under_its_rule_and_when_known():
    prm = mixture.MixtureParams(sq_unanimity=1.0)  # status quo weighs as much as all actors
    actors = [60, 80, 100]
    unan = pack([issue(actors, reference=0.0, rule="unanimity")])
    qmv = pack([issue(actors, reference=0.0, rule="qualified_majority")])
    unknown = pack([issue(actors, reference=None, rule="unanimity")])
    assert mixture.mixture_forecast(unan, prm)[0] == pytest.approx(40.0)
    assert mixture.mixture_forecast(qmv, prm)[0] == pytest.approx(80.0)
    assert mixture.mixture_forecast(unknown, prm)[0] == pytest.approx(80.0)


def test_veto_weight_pulls_the_forecast_towards_the_veto_player():
    b = pack([issue([0, 50, 100], roles=["", "", "veto_player"])])
    plain = mixture.mixture_forecast(b, mixture.MixtureParams())[0]
    veto = mixture.mixture_forecast(b, mixture.MixtureParams(veto=3.0))[0]
    assert plain == pytest.approx(50.0) and veto == pytest.approx(75.0)


def test_status_quo_defenders_weigh_more_only_when_a_reference_is_known():
    prm = mixture.MixtureParams(kappa=0.0, defenders=3.0)
    # two at the status quo 0, three at 100: the defenders' ×4 weight makes 0 the median
    known = pack([issue([0, 0, 100, 100, 100], reference=0.0)])
    unknown = pack([issue([0, 0, 100, 100, 100], reference=None)])
    assert mixture.mixture_forecast(known, prm)[0] == pytest.approx(0.0)
    assert mixture.mixture_forecast(unknown, prm)[0] == pytest.approx(100.0)


def test_fit_recovers_a_planted_median_model(monkeypatch):
    monkeypatch.setattr(mixture, "MIXTURE_GRID", SMALL_GRID)
    b = random_batch()
    planted = mixture.MixtureParams(veto=1.0, kappa=0.0)
    y = mixture.mixture_forecast(b, planted)
    fitted = mixture.fit_mixture(b, y)
    assert np.allclose(mixture.mixture_forecast(b, fitted), y)


def test_winset_blend_runs_from_compromise_to_the_pivot():
    b = random_batch()
    c = models.compromise(b)
    from parley.negotiation.learned import pivot_outcome

    assert np.allclose(mixture.winset_blend(b, 0.0), c)
    assert np.allclose(mixture.winset_blend(b, 1.0), pivot_outcome(b, c))


def test_calibration_recovers_a_constant_shift():
    b = random_batch()
    y = np.clip(models.compromise(b) - 4.0, 0, 100)
    a, slope = mixture.fit_calibrated(b, y)
    assert a == pytest.approx(-4.0, abs=0.3) and slope == pytest.approx(0.0, abs=0.02)


def test_lad_features_are_no_correction_without_roles_or_reference():
    b = pack([issue([0, 100], saliences=[50, 100], reference=None, rule=None)])
    f = dict(zip(mixture.LAD_FEATURES, mixture.lad_features(b)[0], strict=True))
    for name in ("reference", "has_reference", "agenda", "veto", "share_at_reference", "unanimity"):
        assert f[name] == 0.0


@pytest.mark.parametrize("family", ["median_mix", "calibrated", "lad_brief", "winset_blend",
                                    "median_mix_gridlock", "select"])
def test_nested_fit_never_sees_the_held_out_fold(family, monkeypatch):
    monkeypatch.setattr(mixture, "MIXTURE_GRID", SMALL_GRID)
    b = random_batch(40)
    rng = np.random.default_rng(5)
    y = rng.uniform(0, 100, b.size)
    folds = np.arange(b.size) % 4
    first, _ = mixture.nested_family_predictions(b, y, folds, family)
    for k in range(4):
        other = y.copy()
        other[folds == k] = rng.uniform(0, 100, (folds == k).sum())  # rewrite fold k's outcomes
        again, _ = mixture.nested_family_predictions(b, other, folds, family)
        assert np.allclose(first[folds == k], again[folds == k])


def test_select_keeps_compromise_when_outcomes_are_the_compromise(monkeypatch):
    monkeypatch.setattr(mixture, "MIXTURE_GRID", SMALL_GRID)
    b = random_batch(40)
    y = models.compromise(b)
    fn, desc = mixture.fit_select(b, y, np.arange(b.size) % 4)
    assert desc.startswith("compromise") and np.allclose(fn(b), y)


def test_median_mix_explanation_says_why_the_forecast_lands_there():
    scenario = Scenario((issue([100, 100, 100, 100, 0]),))
    out = forecast(scenario, "median_mix", draws=50)[0]
    assert out["forecast"] == pytest.approx(100.0)
    assert any("snaps to 100" in line for line in out["why"])
    scenario = Scenario((issue([100, 100, 0, 0, 60]),))
    out = forecast(scenario, "median_mix", draws=50)[0]
    assert any("stays at the mean" in line for line in out["why"])


def test_calibrated_explanation_states_the_shift():
    out = forecast(Scenario((issue([0, 100]),)), "calibrated", draws=50)[0]
    assert out["forecast"] < 50.0
    assert any("points below" in line for line in out["why"])


def test_unknown_family_is_a_one_line_error_with_its_code():
    b = random_batch(8)
    with pytest.raises(ScenarioError) as err:
        mixture.nested_family_predictions(b, np.zeros(b.size), np.arange(b.size) % 2, "median")
    assert err.value.code == "E090" and "median_mix" in str(err.value)


def test_missing_shipped_parameters_name_the_model(monkeypatch):
    import parley.negotiation as negotiation

    monkeypatch.setattr(negotiation, "_shipped", lambda: {"calibrated_coef": [1.0, 0.0]})
    with pytest.raises(ScenarioError) as err:
        forecast(Scenario((issue([0, 100]),)), "median_mix", draws=10)
    assert err.value.code == "E091" and "median_mix" in str(err.value)
