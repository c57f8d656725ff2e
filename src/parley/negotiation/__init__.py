"""Forecast where a negotiation lands from positions, capabilities and saliences.

Public entry points: :func:`forecast` (scenario → one result per issue),
:func:`forecast_command` (what ``parley forecast`` prints), :func:`scenario_from_positions`
(stored positions → scenario), :func:`backtest_report` and :func:`run_eval` (validation).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from functools import lru_cache
from typing import Any

import numpy as np

from . import mixture, models
from .backtest import backtest_report, run_eval
from .expected_utility import expected_utility, run_expected_utility
from .explain import explain
from .scenario import (
    IssueBatch,
    Scenario,
    ScenarioError,
    pack,
    read_scenario,
    scenario_from_positions,
    scenario_from_rows,
    write_scenario,
)
from .uncertainty import monte_carlo, sensitivity

__all__ = [
    "DEFAULT_MODEL", "MODELS", "Scenario", "ScenarioError", "backtest_report", "forecast",
    "forecast_command", "read_scenario", "run_eval", "scenario_from_positions",
    "scenario_from_rows", "write_scenario",
]


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    """The parameters of the optional fitted models (fitted on all DEU III dev issues).

    Cached: Monte Carlo and sensitivity runs call the model many times.
    """
    from importlib import resources

    text = resources.files("parley.negotiation").joinpath("data/floors.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _shipped_value(model: str, key: str, build: Callable[[Any], Any]) -> Any:
    """``build(floors.json[key])``, or a one-line E091 error naming the model."""
    try:
        return build(_shipped()[key])
    except (KeyError, TypeError, ValueError) as exc:
        raise ScenarioError("E091", value=model, detail=f"{key}: {exc}") from exc


def _procedural(batch: IssueBatch) -> np.ndarray:
    params = _shipped_value("procedural", "procedural_params",
                            lambda v: models.ProceduralParams(**v))
    return models.procedural_compromise(batch, params)


def _median_mix_params() -> mixture.MixtureParams:
    params: mixture.MixtureParams = _shipped_value("median_mix", "median_mix_params",
                                                   lambda v: mixture.MixtureParams(**v))
    return params


def _calibrated_coef() -> tuple[float, float]:
    coef: tuple[float, float] = _shipped_value("calibrated", "calibrated_coef",
                                               lambda v: (float(v[0]), float(v[1])))
    return coef


def _median_mix(batch: IssueBatch) -> np.ndarray:
    return mixture.mixture_forecast(batch, _median_mix_params())


def _calibrated(batch: IssueBatch) -> np.ndarray:
    return mixture.calibrated(batch, _calibrated_coef())


# name → (function, one-line description used in explanations)
MODELS: dict[str, tuple[Callable[[IssueBatch], np.ndarray], str]] = {
    "compromise": (models.compromise, "capability × salience weighted mean of the positions"),
    "weighted_median": (models.weighted_median, "capability × salience weighted median position"),
    "condorcet": (models.condorcet, "position that beats every other in capability-weighted votes"),
    "nash": (models.nash, "asymmetric Nash bargaining solution, status quo as disagreement point"),
    "expected_utility": (expected_utility, "Bueno de Mesquita's expected utility model, 10 rounds "
                         "(Scholz, Calbert & Smith 2011 specification)"),
    "procedural": (_procedural, "compromise with fitted weights for salience, roles and status quo"),
    "median_mix": (_median_mix, "median of the weighted positions with the veto player counted "
                   "double and the weighted mean as an extra mass (fitted for absolute error)"),
    "calibrated": (_calibrated, "compromise shifted by the average miss on DEU III (least "
                   "absolute deviations)"),
}

# Models whose explanation has lines of its own (why the forecast lands where it does).
WHY: dict[str, Callable[[IssueBatch], list[str]]] = {
    "median_mix": lambda batch: mixture.explain_mixture(batch, _median_mix_params()),
    "calibrated": lambda batch: mixture.explain_calibrated(batch, _calibrated_coef()),
}

# The best-validated model on DEU III (docs/negotiation.md): no other model beats the
# compromise model out of sample (three rounds, nested cross-validation), so it stays the
# default.
DEFAULT_MODEL = "compromise"
FORMATS = ("text", "json", "jsonl")


def forecast(scenario: Scenario, model: str | None = None, draws: int = 1000,
             seed: int = 0) -> list[dict[str, Any]]:
    """One result dict per issue: issue, model, forecast, interval, influences (and path)."""
    name = model or DEFAULT_MODEL
    if name not in MODELS:
        raise ScenarioError("E054", value=name, choices=", ".join(MODELS))
    fn = MODELS[name][0]
    results = []
    for issue in scenario.issues:
        batch = pack([issue])
        result: dict[str, Any] = {
            "issue": issue.name, "model": name, "forecast": round(float(fn(batch)[0]), 3),
            "actors": len(issue.actors), "reference": issue.reference,
            "decision_rule": issue.decision_rule,
        }
        if name in WHY:
            result["why"] = WHY[name](batch)
        if name == "expected_utility":
            path = run_expected_utility(batch).mean_path[:, 0]
            result["path"] = [round(float(v), 3) for v in path]
        interval = monte_carlo(issue, fn, draws=draws, seed=seed)
        result["interval"] = None if interval is None else {
            k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(interval).items()}
        result["influences"] = [
            {"actor": i.actor, "input": i.input, "shift": round(i.shift, 3)}
            for i in sensitivity(issue, fn)[:5]]
        results.append(result)
    return results


def forecast_command(scenario_path: str, model: str | None = None, fmt: str = "text") -> str:
    """What ``parley forecast SCENARIO [--model NAME] [--format FMT]`` prints."""
    if fmt not in FORMATS:
        raise ScenarioError("E057", value=fmt, choices=", ".join(FORMATS))
    scenario = read_scenario(scenario_path)
    results = forecast(scenario, model)
    if fmt == "json":
        return json.dumps(results, indent=2, ensure_ascii=False)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in results)
    name = results[0]["model"] if results else (model or DEFAULT_MODEL)
    blocks = [explain(issue, res, MODELS[name][1])
              for issue, res in zip(scenario.issues, results, strict=True)]
    return "\n\n".join(blocks)


