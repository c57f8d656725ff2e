"""Forecasts built for the absolute-error loss: medians of a predictive mixture (round 3).

The DEU III outcomes are lumpy: a fifth sit at 0, a tenth at 100, two thirds on some
actor's position.  Under mean absolute error the best point forecast is the *median* of
the outcome's distribution, not its mean, so this module treats the actors' positions as
a predictive distribution and asks where its median lies.

``median_mix`` (:func:`mixture_forecast`): point masses at every actor's position, weighing
``capability × salience^gamma``, × ``1 + agenda`` for the agenda setter and × ``1 + veto``
for veto players; the reference point (status quo), when known, joins with a share of
the actors' total weight (one share under majority/QMV, another under unanimity); the
mixture's *mean* then joins with a share ``kappa`` of everything else.  The forecast is the
weighted median of that mixture: ``kappa = 0`` is the plain median of the weighted
positions, ``kappa ≥ 1`` is the mean (with the default weights, the compromise model).
In between, the forecast snaps to a position only when enough weight sits there to
outweigh the pull of the mean.

Other families compete with it (all fitted on the issues they are given — minimum mean
absolute error over a grid, or least absolute deviations — and in the backtest only ever
on training folds):

* ``median_mix_gridlock``: ``median_mix`` plus extra weight for the status quo's
  defenders (actors at the reference point);
* ``winset_blend``: ``compromise + lam · (pivot − compromise)``, where pivot is the
  agenda setter's best point in the win set of the status quo (:func:`.learned.pivot_outcome`);
* ``calibrated``: ``a + b · compromise`` by least absolute deviations (corrects a
  systematic shift or over-/under-dispersion of the compromise forecast);
* ``lad_brief``: median regression of ``outcome − compromise`` on a handful of issue
  features (:data:`LAD_FEATURES`), ridge penalty by grouped cross-validation;
* ``select``: grouped cross-validation *inside* the data it is given picks one of the
  above or plain compromise, then refits it on all of it (the honest way to choose among
  families without touching the folds that are reported).

Without a reference point, roles or decision rule the corresponding masses and weights
are simply absent, so the models apply to any scenario.

Status: none beats the compromise model under nested cross-validation on DEU III
(docs/negotiation.md); ``median_mix`` and ``calibrated`` are registered as optional
models with parameters fitted on all dev issues.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import asdict, dataclass

import numpy as np

from .learned import fit_lad, pivot_outcome
from .models import compromise, weighted_median_of
from .scenario import RULE_CODES, IssueBatch, ScenarioError


@dataclass(frozen=True)
class MixtureParams:
    """Parameters of :func:`mixture_forecast`; the defaults give the compromise model."""

    gamma: float = 1.0  # salience exponent
    agenda: float = 0.0  # extra weight of the agenda setter (× (1 + agenda))
    veto: float = 0.0  # extra weight of veto players
    sq_majority: float = 0.0  # status quo mass, share of the actors' weight (majority/QMV)
    sq_unanimity: float = 0.0  # the same under unanimity
    kappa: float = 1.0  # mass at the mixture's mean, share of all other mass (≥ 1: the mean)
    defenders: float = 0.0  # extra weight of actors sitting at the status quo (× (1 + defenders))

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


# Coarse on purpose (a few hundred issues cannot pin finer values).  Each tuple starts with
# the compromise value, and ties go to the earlier point, so the fit prefers compromise.
MIXTURE_GRID: dict[str, tuple[float, ...]] = {
    "gamma": (1.0, 0.5, 0.0),
    "agenda": (0.0, 1.0, 3.0),
    "veto": (0.0, 1.0, 3.0),
    "sq_majority": (0.0, 0.25, 0.5),
    "sq_unanimity": (0.0, 0.25, 0.5, 1.0),
    "kappa": (1.0, 0.5, 0.25, 0.0),
}
# ``median_mix_gridlock``: the same grid, plus extra weight for the status quo's defenders
# (actors whose position is the reference point), a proxy for a blocking coalition.
GRIDLOCK_GRID: dict[str, tuple[float, ...]] = {"defenders": (0.0, 1.0, 3.0)}
WINSET_GRID: tuple[float, ...] = (0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0)


def _actor_weights(batch: IssueBatch, gamma: float, agenda: float, veto: float,
                   defenders: float = 0.0) -> np.ndarray:
    sal = np.where(batch.mask, batch.salience, 0.0) / 100.0
    w = np.where(batch.mask, batch.capability, 0.0) * (sal**gamma if gamma > 0
                                                       else batch.mask.astype(float))
    w = w * (1.0 + agenda * batch.agenda) * (1.0 + veto * batch.veto)
    if defenders:
        at_ref = np.isclose(batch.position, batch.reference[:, None]) & batch.mask
        w = w * (1.0 + defenders * at_ref)
    empty = w.sum(axis=1) <= 0
    if empty.any():  # nobody cares (or no capability): every actor counts the same
        w[empty] = batch.mask[empty].astype(float)
    return w


def _mixture(batch: IssueBatch, prm: MixtureParams
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Support points, masses and mask of actors + status quo, and the mixture mean."""
    w = _actor_weights(batch, prm.gamma, prm.agenda, prm.veto, prm.defenders)
    total = w.sum(axis=1)
    has_ref = ~np.isnan(batch.reference)
    share = np.where(batch.rule == RULE_CODES["unanimity"], prm.sq_unanimity, prm.sq_majority)
    w_ref = np.where(has_ref, share * total, 0.0)
    ref = np.where(has_ref, batch.reference, 0.0)
    mean = ((w * batch.position).sum(axis=1) + w_ref * ref) / (total + w_ref)
    xs = np.column_stack([batch.position, ref])
    ws = np.column_stack([w, w_ref])
    ms = np.column_stack([batch.mask, has_ref & (w_ref > 0)])
    return xs, ws, ms, mean, total + w_ref


def _median_with_mean(xs: np.ndarray, ws: np.ndarray, ms: np.ndarray, mean: np.ndarray,
                      mass: np.ndarray, kappa: float) -> np.ndarray:
    if kappa >= 1.0:  # the mean outweighs everything else together
        return mean
    w_mean = kappa * mass
    return weighted_median_of(np.column_stack([xs, mean]), np.column_stack([ws, w_mean]),
                              np.column_stack([ms, w_mean > 0]))


def mixture_forecast(batch: IssueBatch, params: MixtureParams | None = None) -> np.ndarray:
    """Weighted median of actors, status quo and the mixture mean (``median_mix``)."""
    prm = params or MixtureParams()
    xs, ws, ms, mean, mass = _mixture(batch, prm)
    return _median_with_mean(xs, ws, ms, mean, mass, prm.kappa)


@dataclass
class MixtureParts:
    """The pieces of one mixture forecast, kept for explanations."""

    weights: np.ndarray  # (B, N) actor masses
    reference_mass: np.ndarray  # (B,)
    mean: np.ndarray  # (B,) mean of actors + status quo
    median: np.ndarray  # (B,) median of actors + status quo (kappa = 0)
    forecast: np.ndarray  # (B,)


def mixture_parts(batch: IssueBatch, params: MixtureParams | None = None) -> MixtureParts:
    """The mixture's masses, mean, median and forecast (for explanations and tests)."""
    prm = params or MixtureParams()
    xs, ws, ms, mean, mass = _mixture(batch, prm)
    median = weighted_median_of(xs, ws, ms)
    forecast = _median_with_mean(xs, ws, ms, mean, mass, prm.kappa)
    return MixtureParts(ws[:, :-1], ws[:, -1], mean, median, forecast)


def fit_mixture(batch: IssueBatch, outcome: np.ndarray, gridlock: bool = False) -> MixtureParams:
    """Grid search of :data:`MIXTURE_GRID` minimising mean absolute error on ``batch``.

    Grid points are visited in :data:`MIXTURE_GRID` order and ties (within 1e-9) go to the
    earlier one.  For speed, all points sharing the actor weights are scored in one
    stacked weighted-median call; the result equals scoring them one by one.
    """
    grid = {**MIXTURE_GRID, **(GRIDLOCK_GRID if gridlock else {})}
    names = list(grid)
    combos = [MixtureParams(**dict(zip(names, combo, strict=True)))
              for combo in itertools.product(*(grid[n] for n in names))]
    errors = np.empty(len(combos))
    by_weights: dict[tuple[float, float, float, float], list[int]] = {}
    for i, prm in enumerate(combos):
        by_weights.setdefault((prm.gamma, prm.agenda, prm.veto, prm.defenders), []).append(i)
    b = batch.size
    for members in by_weights.values():
        stacked: list[tuple[np.ndarray, ...]] = []
        for i in members:
            prm = combos[i]
            xs, ws, ms, mean, mass = _mixture(batch, prm)
            if prm.kappa >= 1.0:
                errors[i] = float(np.mean(np.abs(mean - outcome)))
                continue
            w_mean = prm.kappa * mass
            stacked.append((np.column_stack([xs, mean]), np.column_stack([ws, w_mean]),
                            np.column_stack([ms, w_mean > 0]), np.array([i])))
        if not stacked:
            continue
        med = weighted_median_of(np.concatenate([t[0] for t in stacked]),
                                 np.concatenate([t[1] for t in stacked]),
                                 np.concatenate([t[2] for t in stacked]))
        for k, item in enumerate(stacked):
            errors[int(item[3][0])] = float(np.mean(np.abs(med[k * b:(k + 1) * b] - outcome)))
    best = 0
    for i in range(1, len(combos)):
        if errors[i] < errors[best] - 1e-9:
            best = i
    return combos[best]


def winset_blend(batch: IssueBatch, lam: float) -> np.ndarray:
    """``compromise + lam · (pivot − compromise)``; the pivot falls back to compromise."""
    c = compromise(batch)
    return c + lam * (pivot_outcome(batch, c) - c)


def fit_winset_blend(batch: IssueBatch, outcome: np.ndarray) -> float:
    """The blend weight of :data:`WINSET_GRID` with the least absolute error (ties: smaller)."""
    errs = [float(np.mean(np.abs(winset_blend(batch, lam) - outcome))) for lam in WINSET_GRID]
    return WINSET_GRID[int(np.argmin(np.asarray(errs) + 1e-9 * np.arange(len(errs))))]


def calibrated(batch: IssueBatch, coef: tuple[float, float]) -> np.ndarray:
    """``compromise + a + (b − 1)(compromise − 50)``, clipped to the scale."""
    c = compromise(batch)
    return np.clip(c + coef[0] + coef[1] * (c - 50.0), 0.0, 100.0)


def fit_calibrated(batch: IssueBatch, outcome: np.ndarray) -> tuple[float, float]:
    """Least-absolute-deviation fit of the shift and the slope correction."""
    c = compromise(batch)
    beta = fit_lad((c - 50.0)[:, None], outcome - c, penalty=0.0)
    return float(beta[0]), float(beta[1])


# The issue features named in the brief of issue 5 for a median regression, each a
# difference from the compromise forecast where it is a position (so 0 = no correction).
LAD_FEATURES = ("median", "reference", "has_reference", "agenda", "veto", "spread",
                "share_at_reference", "unanimity", "centred_compromise")
LAD_PENALTIES: tuple[float, ...] = (0.001, 0.01, 0.1, 1.0, 10.0)  # × number of issues


def lad_features(batch: IssueBatch) -> np.ndarray:
    """The :data:`LAD_FEATURES` matrix; missing roles or reference give 0 (no correction)."""
    c = compromise(batch)
    w = np.where(batch.mask, batch.capability * batch.salience, 0.0)
    w = np.where((w.sum(axis=1) <= 0)[:, None], batch.mask.astype(float), w)
    has_ref = ~np.isnan(batch.reference)
    ref = np.where(has_ref, batch.reference, c)
    at_ref = np.isclose(batch.position, ref[:, None]) & batch.mask & has_ref[:, None]
    counts = {name: role.sum(axis=1) for name, role in (("agenda", batch.agenda),
                                                          ("veto", batch.veto))}
    role_pos = {name: np.where(counts[name] > 0,
                               np.where(role, batch.position, 0.0).sum(axis=1)
                               / np.maximum(counts[name], 1), c)
                for name, role in (("agenda", batch.agenda), ("veto", batch.veto))}
    low = np.where(batch.mask, batch.position, np.inf).min(axis=1)
    high = np.where(batch.mask, batch.position, -np.inf).max(axis=1)
    cols = {
        "median": weighted_median_of(batch.position, w, batch.mask) - c,
        "reference": ref - c,
        "has_reference": has_ref.astype(float),
        "agenda": role_pos["agenda"] - c,
        "veto": role_pos["veto"] - c,
        "spread": high - low,
        "share_at_reference": at_ref.sum(axis=1) / np.maximum(batch.mask.sum(axis=1), 1),
        "unanimity": (batch.rule == RULE_CODES["unanimity"]).astype(float),
        "centred_compromise": c - 50.0,
    }
    return np.column_stack([cols[n] for n in LAD_FEATURES])


def lad_forecast(batch: IssueBatch, beta: np.ndarray) -> np.ndarray:
    """Compromise plus the fitted median-regression correction, clipped to the scale."""
    return np.clip(compromise(batch) + beta[0] + lad_features(batch) @ beta[1:], 0.0, 100.0)


def fit_lad_brief(batch: IssueBatch, y: np.ndarray, groups: np.ndarray | None) -> tuple[np.ndarray, float]:
    """Median regression on :data:`LAD_FEATURES`; ridge penalty by grouped CV on ``batch``."""
    x = lad_features(batch)
    resid = y - compromise(batch)
    penalty = LAD_PENALTIES[-1]
    if groups is not None and len(np.unique(groups)) > 1:
        errs = []
        for pen in LAD_PENALTIES:
            pred = np.empty(len(y))
            for k in np.unique(groups):
                tr, te = groups != k, groups == k
                beta = fit_lad(x[tr], resid[tr], pen)
                pred[te] = beta[0] + x[te] @ beta[1:]
            errs.append(float(np.mean(np.abs(np.clip(y - resid + pred, 0, 100) - y))))
        # ties within 0.01 points go to the stronger penalty (closer to compromise)
        best = len(errs) - 1
        for i in range(len(errs) - 2, -1, -1):
            if errs[i] < errs[best] - 0.01:
                best = i
        penalty = LAD_PENALTIES[best]
    return fit_lad(x, resid, penalty), penalty


# ------------------------------------------------------------------------ the families

Fitted = Callable[[IssueBatch], np.ndarray]


def fit_family(name: str, batch: IssueBatch, y: np.ndarray,
                groups: np.ndarray | None = None) -> tuple[Fitted, str]:
    """Fit one family on ``batch``; returns the forecasting function and a description."""
    if name == "lad_brief":
        beta, pen = fit_lad_brief(batch, y, groups)
        return (lambda b: lad_forecast(b, beta)), f"penalty={pen:g}"
    if name in ("median_mix", "median_mix_gridlock"):
        prm = fit_mixture(batch, y, gridlock=name == "median_mix_gridlock")
        return (lambda b: mixture_forecast(b, prm)), str(prm.as_dict())
    if name == "winset_blend":
        lam = fit_winset_blend(batch, y)
        return (lambda b: winset_blend(b, lam)), f"lam={lam:g}"
    if name == "calibrated":
        coef = fit_calibrated(batch, y)
        return (lambda b: calibrated(b, coef)), f"a={coef[0]:.2f}, b-1={coef[1]:.3f}"
    if name == "compromise":
        return compromise, "compromise"
    raise ScenarioError("E090", value=name, choices=", ".join(("compromise",) + ALL_FAMILIES))


FAMILIES = ("median_mix", "winset_blend", "calibrated", "lad_brief")
# What the routine backtest scores.  ``select`` refits every family ten times per outer
# fold (about a minute) and ``median_mix_gridlock`` searches a grid three times larger, so
# only ``run_eval`` and ``python -m parley.negotiation.fit --all`` include them.  The
# gridlock variant was added after the others had been scored (docs/negotiation.md) and
# is not one of ``select``'s options.
FAST_FAMILIES = FAMILIES
ALL_FAMILIES = FAMILIES + ("median_mix_gridlock", "select")


def fit_select(batch: IssueBatch, y: np.ndarray, groups: np.ndarray,
               families: tuple[str, ...] = FAMILIES) -> tuple[Fitted, str]:
    """Choose among compromise and ``families`` by grouped CV on ``batch``, refit the winner.

    Ties (within 0.01 points) go to compromise, then to the earlier family.
    """
    options = ("compromise",) + families
    pred = {name: np.empty(len(y)) for name in options}
    for k in np.unique(groups):
        tr = np.flatnonzero(groups != k)
        te = np.flatnonzero(groups == k)
        for name in options:
            fn, _ = fit_family(name, batch.take(tr), y[tr], groups[tr])
            pred[name][te] = fn(batch.take(te))
    errs = {name: float(np.mean(np.abs(p - y))) for name, p in pred.items()}
    best = "compromise"
    for name in options:
        if errs[name] < errs[best] - 0.01:
            best = name
    fn, desc = fit_family(best, batch, y, groups)
    return fn, f"{best}({desc})"


def nested_family_predictions(batch: IssueBatch, y: np.ndarray, folds: np.ndarray,
                              family: str) -> tuple[np.ndarray, list[str]]:
    """Held-out forecasts of one family (or ``select``): fitted on the other folds only."""
    if family not in ALL_FAMILIES + ("compromise",):
        raise ScenarioError("E090", value=family, choices=", ".join(("compromise",) + ALL_FAMILIES))
    pred = np.empty(len(y))
    chosen = []
    for k in np.unique(folds):
        tr = np.flatnonzero(folds != k)
        te = np.flatnonzero(folds == k)
        if family == "select":
            fn, desc = fit_select(batch.take(tr), y[tr], folds[tr])
        else:
            fn, desc = fit_family(family, batch.take(tr), y[tr], folds[tr])
        pred[te] = fn(batch.take(te))
        chosen.append(desc)
    return pred, chosen


# ------------------------------------------------------------------------ explanations


def explain_mixture(batch: IssueBatch, params: MixtureParams) -> list[str]:
    """Why the ``median_mix`` forecast of the first issue of ``batch`` lands where it does."""
    parts = mixture_parts(batch.take([0]), params)
    f, mean, median = float(parts.forecast[0]), float(parts.mean[0]), float(parts.median[0])
    w = parts.weights[0]
    mask = batch.mask[0]
    pos = batch.position[0]
    names = batch.actor_names[0] if batch.actor_names else [f"actor {i}" for i in range(len(w))]
    boosts = []
    if params.agenda and batch.agenda[0].any():
        boosts.append(f"the agenda setter ×{1 + params.agenda:g}")
    if params.veto and batch.veto[0].any():
        boosts.append(f"veto players ×{1 + params.veto:g}")
    weight_text = ("capability × salience" if params.gamma == 1.0
                   else f"capability × salience^{params.gamma:g}")
    lines = [f"  Mixture: each actor's position weighs {weight_text}"
             + (", " + " and ".join(boosts) if boosts else "") + "."]
    ref_mass = float(parts.reference_mass[0])
    if ref_mass > 0:
        lines.append(f"  The status quo {batch.reference[0]:g} joins as a mass of "
                     f"{100 * ref_mass / w.sum():.0f}% of the actors' weight.")
    lines.append(f"  Weighted mean {mean:.1f} (the compromise point under these weights), weighted median "
                 f"{median:.1f} (where a majority of the weight would pull it).")
    if params.kappa >= 1.0:
        lines.append("  The mean outweighs everything, so the forecast is the mean.")
        return lines
    at = np.isclose(pos, f) & mask
    held = float(w[at].sum())
    if abs(f - mean) <= 1e-6:
        lines.append(f"  The mean carries {100 * params.kappa:.0f}% as much mass as all actors "
                     f"together; no position holds enough weight to pull the forecast off it, "
                     f"so it stays at the mean {f:.1f}.")
    elif at.any():
        who = ", ".join(str(names[i]) for i in np.flatnonzero(at)[:4])
        lines.append(f"  The forecast snaps to {f:g}, held by {who} ({100 * held / w.sum():.0f}% "
                     f"of the actors' weight): with the mean's mass of {100 * params.kappa:.0f}% "
                     f"added, less than half of all mass lies on either side of it.")
    else:
        lines.append(f"  Half of all mass (actors, status quo and the mean's "
                     f"{100 * params.kappa:.0f}%) lies on each side of {f:.1f}.")
    return lines


def explain_calibrated(batch: IssueBatch, coef: tuple[float, float]) -> list[str]:
    """Why the ``calibrated`` forecast of the first issue lands where it does."""
    c = float(compromise(batch.take([0]))[0])
    f = float(calibrated(batch.take([0]), coef)[0])
    return [f"  Compromise (weighted mean) {c:.1f}; on DEU III outcomes landed on average "
            f"{abs(coef[0]):.1f} points {'below' if coef[0] < 0 else 'above'} it, and "
            f"{'closer to' if coef[1] < 0 else 'further from'} the middle by "
            f"{100 * abs(coef[1]):.1f}% of the distance to 50, so the forecast is {f:.1f}."]
