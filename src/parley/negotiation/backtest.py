"""Out-of-sample validation on DEU III: fixed folds, nested fitting, paired bootstrap.

Protocol (fixed before any figure was looked at, and documented in docs/negotiation.md):

* folds: 10 folds *grouped by legislative proposal* (issues of one proposal share actors'
  strategies, so they must not straddle training and test); proposals are shuffled with
  ``numpy.random.default_rng(FOLD_SEED)`` after sorting their ids, then dealt round-robin;
* models with free parameters are fitted on the nine training folds only and scored on the
  held-out fold (the fit never sees the fold it is scored on);
* the score is the mean absolute error on the 0–100 scale over all held-out issues;
* uncertainty: paired bootstrap over issues (``BOOT_SEED``, 2000 resamples by default) of
  the difference in mean absolute error against the compromise model; a negative
  difference means the model beats compromise.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from . import learned, mixture, models, round4
from .deu import DeuData, load_deu
from .expected_utility import expected_utility
from .scenario import IssueBatch

FOLD_SEED = 20240605
BOOT_SEED = 7
N_FOLDS = 10
DEU_RELATIVE = Path("bargaining") / "deu3_dev.tsv"
EMISSION_RELATIVE = Path("bargaining") / "bdm1994_emission_standards.csv"

Fixed = Callable[[IssueBatch], np.ndarray]


def fold_assignment(groups: list[str], n_folds: int = N_FOLDS, seed: int = FOLD_SEED) -> np.ndarray:
    """Fold number of each item; items sharing a group share a fold."""
    unique = sorted(set(groups))
    perm = np.random.default_rng(seed).permutation(len(unique))
    fold_of = {unique[p]: i % n_folds for i, p in enumerate(perm)}
    return np.array([fold_of[g] for g in groups], dtype=int)


def fixed_models() -> dict[str, Fixed]:
    """Models without free parameters, scored as they are on every fold."""
    return {
        "compromise": models.compromise,
        "weighted_median": models.weighted_median,
        "condorcet": models.condorcet,
        "nash": models.nash,
        "expected_utility": expected_utility,
    }


def cross_validated_predictions(data: DeuData, folds: np.ndarray,
                                pipelines: tuple[str, ...] = learned.FAST_PIPELINES,
                                families: tuple[str, ...] = mixture.FAST_FAMILIES,
                                round4_families: tuple[str, ...] = round4.FAMILIES
                                ) -> dict[str, np.ndarray]:
    """Held-out forecasts of every model (fixed ones directly, fitted ones nested).

    ``pipelines`` names entries of :data:`learned.PIPELINES`; each selects its candidate by
    cross-validation inside the nine training folds, then is scored on the tenth.
    ``families`` names the round-3 families of :mod:`.mixture` (``select`` chooses among
    them by cross-validation inside the training folds), fitted on the nine folds only.
    ``round4_families`` names the round-4 families of :mod:`.round4` (each choosing its
    hyper-parameter by cross-validation inside the nine training folds).
    """
    preds = {name: fn(data.batch) for name, fn in fixed_models().items()}
    fitted = np.empty(data.batch.size)
    for k in np.unique(folds):
        train = np.flatnonzero(folds != k)
        test = np.flatnonzero(folds == k)
        params = models.fit_procedural(data.batch.take(train), data.outcome[train])
        fitted[test] = models.procedural_compromise(data.batch.take(test), params)
    preds["procedural"] = fitted
    for name in pipelines:
        preds[name] = learned.nested_predictions(data.batch, data.outcome, folds,
                                                 learned.PIPELINES[name])[0]
    for name in families:
        preds[name] = mixture.nested_family_predictions(data.batch, data.outcome, folds, name)[0]
    table = round4.issue_features(data.batch)
    for name in round4_families:
        preds[name] = round4.nested_predictions(data.batch, data.outcome, folds, name, table)[0]
    return preds


def paired_bootstrap(err_model: np.ndarray, err_base: np.ndarray, resamples: int = 2000,
                     seed: int = BOOT_SEED) -> tuple[float, float, float]:
    """Mean difference (model − base) in absolute error and its 95% percentile interval."""
    diff = err_model - err_base
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(diff), size=(resamples, len(diff)))
    means = diff[idx].mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return float(diff.mean()), float(lo), float(hi)


def backtest_report(deu_path: str | Path, resamples: int = 2000, n_folds: int = N_FOLDS,
                    pipelines: tuple[str, ...] = learned.FAST_PIPELINES,
                    families: tuple[str, ...] = mixture.FAST_FAMILIES,
                    bound_permutations: int = 200) -> dict[str, Any]:
    """Run the whole DEU backtest and return the figures as a JSON-ready dict.

    ``bound_permutations``: permutations of the null in :func:`.round4.upper_bounds`.
    """
    start = time.perf_counter()
    data = load_deu(deu_path)
    folds = fold_assignment(data.proposal, n_folds)
    preds = cross_validated_predictions(data, folds, pipelines, families)
    y = data.outcome
    base = np.abs(preds["compromise"] - y)
    rows = {}
    for name, pred in preds.items():
        err = np.abs(pred - y)
        diff, lo, hi = paired_bootstrap(err, base, resamples)
        rows[name] = {
            "mae": round(float(err.mean()), 3),
            "diff_vs_compromise": round(diff, 3),
            "ci95": [round(lo, 3), round(hi, 3)],
            "beats_compromise": bool(hi < 0),
            "per_fold_mae": [round(float(err[folds == k].mean()), 3) for k in range(n_folds)],
        }
    rows["reference_point"] = _reference_row(data, base, resamples)
    full_fit = models.fit_procedural(data.batch, y)
    mixture_fit = mixture.fit_mixture(data.batch, y)
    return {
        "data": str(deu_path),
        "issues": int(data.batch.size),
        "skipped_issues": int(data.skipped),
        "proposals": len(set(data.proposal)),
        "folds": n_folds,
        "fold_seed": FOLD_SEED,
        "bootstrap": {"resamples": resamples, "seed": BOOT_SEED, "level": 0.95},
        "models": rows,
        "procedural_params_full_data": full_fit.as_dict(),
        "median_mix_params_full_data": mixture_fit.as_dict(),
        "calibrated_coef_full_data": [round(v, 4) for v in mixture.fit_calibrated(data.batch, y)],
        "round4_bounds": round4.upper_bounds(data.batch, y, permutations=bound_permutations),
        "seconds": round(time.perf_counter() - start, 2),
    }


def _reference_row(data: DeuData, base: np.ndarray, resamples: int) -> dict[str, Any]:
    """The status quo as a forecast, on the issues where it is known (an anchor, not a model)."""
    known = ~np.isnan(data.batch.reference)
    err = np.abs(data.batch.reference[known] - data.outcome[known])
    diff, lo, hi = paired_bootstrap(err, base[known], resamples)
    return {"mae": round(float(err.mean()), 3), "issues": int(known.sum()),
            "diff_vs_compromise": round(diff, 3), "ci95": [round(lo, 3), round(hi, 3)],
            "beats_compromise": bool(hi < 0)}


def emission_example(path: str | Path, rounds: int = 10) -> dict[str, Any]:
    """BdM's 1994 emission-standards example: the published anchors and our model runs."""
    from .expected_utility import run_expected_utility
    from .scenario import pack, read_scenario_emission

    batch = pack(read_scenario_emission(path).issues)
    eu = run_expected_utility(batch, rounds=rounds)
    to_years = 0.1  # the scenario holds years × 10 on the 0–100 scale
    return {
        "weighted_median": round(float(models.weighted_median(batch)[0]) * to_years, 3),
        "compromise": round(float(models.compromise(batch)[0]) * to_years, 3),
        "condorcet": round(float(models.condorcet(batch)[0]) * to_years, 3),
        "nash": round(float(models.nash(batch)[0]) * to_years, 3),
        "expected_utility_mean_path": [round(float(v) * to_years, 3) for v in eu.mean_path[:, 0]],
        "expected_utility_median_path": [round(float(v) * to_years, 3)
                                         for v in eu.median_path[:, 0]],
        "published": {"weighted_median": 7.0, "compromise": 7.39,
                      "bdm_forecast_path": [8.35, 9.05], "actual": 8.83},
    }


def _markdown(report: dict[str, Any], emission: dict[str, Any] | None) -> str:
    lines = ["# Negotiation forecasting: validation", "",
             f"DEU III dev subset: {report['issues']} scoreable issues "
             f"({report['skipped_issues']} without outcome skipped), {report['proposals']} proposals, "
             f"{report['folds']} folds grouped by proposal (seed {report['fold_seed']}); paired "
             f"bootstrap {report['bootstrap']['resamples']} resamples (seed {report['bootstrap']['seed']}).",
             "", "| model | held-out MAE | Δ vs compromise | 95% CI | beats compromise |",
             "| --- | --- | --- | --- | --- |"]
    for name, row in report["models"].items():
        label = name + (f" ({row['issues']} issues with a reference)" if "issues" in row else "")
        lines.append(f"| {label} | {row['mae']:.2f} | {row['diff_vs_compromise']:+.2f} | "
                     f"[{row['ci95'][0]:+.2f}, {row['ci95'][1]:+.2f}] | "
                     f"{'yes' if row['beats_compromise'] else 'no'} |")
    lines += ["", f"Procedural parameters fitted on all issues (what the shipped model uses): "
              f"`{json.dumps(report['procedural_params_full_data'])}`; median_mix: "
              f"`{json.dumps(report['median_mix_params_full_data'])}`", ""]
    bounds = report.get("round4_bounds")
    if bounds:
        lines += ["Upper bounds (round 4; docs/negotiation.md): oracle best of compromise / "
                  f"reference / agenda setter / weighted median {bounds['oracle_best_of_4']:.2f}; "
                  f"in-sample gains {json.dumps(bounds['in_sample_gain'])}; the same fits on "
                  f"permuted residuals gain on average {json.dumps(bounds['null_gain_mean'])}.", ""]
    if emission:
        lines += ["## Emission-standards example (years)", "",
                  f"weighted median {emission['weighted_median']}, compromise {emission['compromise']}, "
                  f"Condorcet {emission['condorcet']}, Nash {emission['nash']}; expected utility "
                  f"mean path {emission['expected_utility_mean_path']}; published: BdM 8.35 → 9.05, "
                  "actual 8.83.", ""]
    return "\n".join(lines)


def run_eval(out_dir: Path, shared_data: Path, resamples: int = 2000) -> dict[str, Any]:
    """``make eval`` entry: write reports/negotiation.md and reports/negotiation.json.

    Includes the slow ``select`` pipeline of :mod:`.mixture` (about a minute).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = backtest_report(Path(shared_data) / DEU_RELATIVE, resamples=resamples,
                             families=mixture.ALL_FAMILIES)
    emission_path = Path(shared_data) / EMISSION_RELATIVE
    emission = emission_example(emission_path) if emission_path.exists() else None
    report["emission_example"] = emission
    (out_dir / "negotiation.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (out_dir / "negotiation.md").write_text(_markdown(report, emission) + "\n", encoding="utf-8")
    return report
