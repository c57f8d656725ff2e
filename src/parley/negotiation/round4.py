"""Round 4: per-issue choices of the forecast, and how much these inputs can give at all.

Rounds 2 and 3 corrected the compromise forecast with regressions, a choice logit and
median-targeted mixtures; none beat it out of sample (docs/negotiation.md).  This round
tries rules that *switch* between simple forecasts issue by issue, on scale-free issue
features (:func:`issue_features`: side and distance of the reference point, of the agenda
setter, of the veto player and of the weighted median relative to the compromise point,
spread, a binary-issue flag, weight shares at the reference and at the agenda setter,
decision rule, procedure):

* ``quantile_cells``: the forecast is a weighted *quantile* of the salience-weighted
  positions (or the compromise point), the level chosen per cell of one or two binary
  features (cells with < 15 training issues use the level chosen for all issues);
* ``shrink_cells``: ``compromise + λ (anchor − compromise)``, anchor one of reference,
  agenda setter, weighted median, veto player, λ ∈ {0, 0.1, …, 1} per cell;
* ``knn_anchor``: among the k nearest training issues (standardised features), the anchor
  (compromise, reference, agenda setter, weighted median, lowest or highest position) with
  the least mean absolute error there is the forecast; k = 0 is compromise;
* ``anchor_tree``: a small regression tree whose leaves each pick the anchor with the
  least absolute error among their training issues;
* ``sq_two_stage``: a ridge logit for "the status quo survives" (outcome = reference);
  the forecast is the reference when its probability exceeds a threshold, else compromise.

Each family's hyper-parameter (cell features, anchor, k, depth, threshold; the first grid
entry is the simplest setting — no cells, k = 0, depth 0, never the status quo — and ties
go to the earlier entry) is chosen by
grouped cross-validation inside the data it is given; in the backtest that is the nine
training folds only.  :func:`upper_bounds` reports what is attainable in principle:
oracles, in-sample fits, the outcome distribution, and in-sample gains on outcomes whose
link to the inputs has been broken by permutation (how much fitting alone "gains").

Status: none beats compromise (docs/negotiation.md), so nothing here is registered as a
model; the backtest reports the families for the record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .learned import _role_position, design, fit_lad
from .models import weighted_median_of
from .scenario import RULE_CODES, IssueBatch, ScenarioError

ANCHORS = ("compromise", "reference", "agenda", "median", "veto", "low", "high")
CHOICE_ANCHORS = ("compromise", "reference", "agenda", "median", "low", "high")
# Features the neighbour and tree learners compare issues on (all scale-free or 0–100).
MATCH_FEATURES = ("c", "has_ref", "ref_c", "unan", "cod", "agenda_c", "veto_c", "median_c",
                  "spread", "sd", "binary", "share_ref", "share_agenda")
SQ_FEATURES = ("c", "ref_c", "abs_ref_c", "unan", "cod", "agenda_c", "veto_c", "share_ref",
               "share_agenda", "spread", "binary")
QUANTILES = tuple(round(0.05 * i, 2) for i in range(1, 20))
LAMBDAS = tuple(round(0.1 * i, 1) for i in range(11))
MIN_CELL = 15  # fewer training issues in a cell: it uses the choice made for all issues

GRIDS: dict[str, tuple[Any, ...]] = {
    "quantile_cells": ((), ("has_ref",), ("unan",), ("ref_c",), ("agenda_c",), ("median_c",),
                       ("binary",), ("has_ref", "unan"), ("ref_c", "agenda_c"),
                       ("median_c", "agenda_c"), ("cod", "unan")),
    "shrink_cells": tuple((a, cells) for a in ("reference", "agenda", "median", "veto")
                          for cells in ((), ("unan",), ("median_c",), ("agenda_c",),
                                        ("binary",), ("unan", "cod"))),
    "knn_anchor": (0, 10, 20, 40, 80, 160),
    "anchor_tree": ((0, 20), (1, 20), (2, 20), (3, 20), (1, 40), (2, 40)),
    "sq_two_stage": (1.0, 0.8, 0.7, 0.6, 0.5),
}
FAMILIES = tuple(GRIDS)


def weighted_quantile(position: np.ndarray, weight: np.ndarray, mask: np.ndarray,
                      q: np.ndarray | float) -> np.ndarray:
    """Per row, the smallest position where the cumulative weight reaches ``q`` of the total."""
    key = np.where(mask, position, np.inf)
    order = np.argsort(key, axis=1, kind="stable")
    xs = np.take_along_axis(key, order, axis=1)
    cum = np.cumsum(np.take_along_axis(np.where(mask, weight, 0.0), order, axis=1), axis=1)
    need = np.broadcast_to(np.asarray(q, dtype=float), (len(xs),))[:, None] * cum[:, -1:] - 1e-9
    k = np.argmax(cum >= need, axis=1)
    return xs[np.arange(len(k)), k]


@dataclass
class Table:
    """Per-issue features, anchors and weighted quantiles, computed from the inputs only."""

    features: dict[str, np.ndarray]
    anchors: dict[str, np.ndarray]
    quantiles: np.ndarray  # (B, len(QUANTILES))

    def take(self, idx: np.ndarray) -> Table:
        return Table({k: v[idx] for k, v in self.features.items()},
                     {k: v[idx] for k, v in self.anchors.items()}, self.quantiles[idx])

    def matrix(self, names: tuple[str, ...]) -> np.ndarray:
        return np.column_stack([self.features[n] for n in names])

    def anchor_matrix(self, names: tuple[str, ...]) -> np.ndarray:
        return np.column_stack([self.anchors[n] for n in names])


def issue_features(batch: IssueBatch) -> Table:
    """Features and anchors of every issue; missing reference or roles give the compromise."""
    m = batch.mask
    w = np.where(m, batch.capability * batch.salience, 0.0)
    w = np.where((w.sum(axis=1) <= 0)[:, None], m.astype(float), w)
    total = w.sum(axis=1)
    c = (w * batch.position).sum(axis=1) / total
    has_ref = ~np.isnan(batch.reference)
    ref = np.where(has_ref, batch.reference, c)
    agenda = _role_position(batch, batch.agenda, c)
    veto = _role_position(batch, batch.veto, c)
    median = weighted_median_of(batch.position, w, m)
    low = np.where(m, batch.position, np.inf).min(axis=1)
    high = np.where(m, batch.position, -np.inf).max(axis=1)
    ordered = np.sort(np.where(m, batch.position, np.inf), axis=1)
    with np.errstate(invalid="ignore"):  # inf − inf between padding cells
        steps = (np.diff(ordered, axis=1) > 1e-9) & np.isfinite(ordered[:, 1:])
    distinct = 1 + steps.sum(axis=1)  # number of distinct positions held
    at_ref = np.isclose(batch.position, ref[:, None]) & m & has_ref[:, None]
    at_agenda = np.isclose(batch.position, agenda[:, None]) & m
    sd = np.sqrt((w * (batch.position - c[:, None]) ** 2).sum(axis=1) / total)
    feats = {
        "c": c - 50.0, "has_ref": has_ref.astype(float), "ref_c": ref - c,
        "abs_ref_c": np.abs(ref - c), "unan": (batch.rule == RULE_CODES["unanimity"]).astype(float),
        "cod": batch.veto.any(axis=1).astype(float), "agenda_c": agenda - c, "veto_c": veto - c,
        "median_c": median - c, "spread": high - low, "sd": sd,
        "binary": (distinct == 2).astype(float), "share_ref": (w * at_ref).sum(axis=1) / total,
        "share_agenda": (w * at_agenda).sum(axis=1) / total,
    }
    anchors = {"compromise": c, "reference": ref, "agenda": agenda, "median": median,
               "veto": veto, "low": low, "high": high}
    quant = np.column_stack([weighted_quantile(batch.position, w, m, q) for q in QUANTILES])
    return Table(feats, anchors, quant)


# --------------------------------------------------------------------------- the families

Forecaster = Callable[[Table], np.ndarray]


def _best_column(cands: np.ndarray, y: np.ndarray) -> int:
    """Column with the least mean absolute error; ties go to the earlier column."""
    err = np.abs(cands - y[:, None]).mean(axis=0)
    return int(np.argmin(err + 1e-9 * np.arange(len(err))))


def _cells(t: Table, names: tuple[str, ...]) -> np.ndarray:
    code = np.zeros(len(t.quantiles), dtype=int)
    for n in names:
        code = code * 2 + (t.features[n] > 0)
    return code


def _cellwise(cands_of: Callable[[Table], np.ndarray], t: Table, y: np.ndarray,
              cells: tuple[str, ...]) -> Forecaster:
    """Pick one candidate column for all issues and one per populated cell."""
    cands = cands_of(t)
    overall = _best_column(cands, y)
    code = _cells(t, cells)
    per_cell = {int(k): _best_column(cands[code == k], y[code == k])
                for k in np.unique(code) if (code == k).sum() >= MIN_CELL}

    def forecast(u: Table) -> np.ndarray:
        cu, ku = cands_of(u), _cells(u, cells)
        col = np.array([per_cell.get(int(k), overall) for k in ku], dtype=int)
        return cu[np.arange(len(col)), col]
    return forecast


def _quantile_candidates(t: Table) -> np.ndarray:
    return np.column_stack([t.anchors["compromise"], t.quantiles])


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return x.mean(axis=0), x.std(axis=0) + 1e-9


def _fit_knn(t: Table, y: np.ndarray, k: int) -> Forecaster:
    if k == 0:
        return lambda u: u.anchors["compromise"]
    x = t.matrix(MATCH_FEATURES)
    mu, sd = _standardise(x)
    xt = (x - mu) / sd
    errs = np.abs(t.anchor_matrix(CHOICE_ANCHORS) - y[:, None])

    def forecast(u: Table) -> np.ndarray:
        xu = (u.matrix(MATCH_FEATURES) - mu) / sd
        near = np.argsort(((xu[:, None, :] - xt[None, :, :]) ** 2).sum(axis=2), axis=1,
                          kind="stable")[:, :k]
        local = errs[near].mean(axis=1) + 1e-9 * np.arange(errs.shape[1])
        return u.anchor_matrix(CHOICE_ANCHORS)[np.arange(len(local)), np.argmin(local, axis=1)]
    return forecast


def _grow(x: np.ndarray, errs: np.ndarray, idx: np.ndarray, depth: int, min_leaf: int
          ) -> dict[str, Any]:
    """Tree whose leaves name the anchor column with the least summed error of their issues."""
    total = errs[idx].sum(axis=0)
    node: dict[str, Any] = {"leaf": int(np.argmin(total + 1e-9 * np.arange(len(total))))}
    if depth == 0 or len(idx) < 2 * min_leaf:
        return node
    best_loss, best_split = total.min() - 1e-6, None
    for f in range(x.shape[1]):
        v = x[idx, f]
        for thr in np.unique(np.percentile(v, range(10, 100, 10))):
            left = v <= thr
            if left.sum() < min_leaf or (~left).sum() < min_leaf:
                continue
            loss = errs[idx[left]].sum(axis=0).min() + errs[idx[~left]].sum(axis=0).min()
            if loss < best_loss:
                best_loss, best_split = loss, (f, float(thr))
    if best_split is None:
        return node
    f, thr = best_split
    left = x[idx, f] <= thr
    return {"feature": f, "threshold": thr,
            "left": _grow(x, errs, idx[left], depth - 1, min_leaf),
            "right": _grow(x, errs, idx[~left], depth - 1, min_leaf)}


def _fit_tree(t: Table, y: np.ndarray, depth: int, min_leaf: int) -> Forecaster:
    x = t.matrix(MATCH_FEATURES)
    tree = _grow(x, np.abs(t.anchor_matrix(CHOICE_ANCHORS) - y[:, None]), np.arange(len(y)),
                 depth, min_leaf)

    def forecast(u: Table) -> np.ndarray:
        xu, au = u.matrix(MATCH_FEATURES), u.anchor_matrix(CHOICE_ANCHORS)
        out = np.empty(len(xu))
        for i in range(len(xu)):
            node = tree
            while "feature" in node:
                node = node["left"] if xu[i, node["feature"]] <= node["threshold"] else node["right"]
            out[i] = au[i, node["leaf"]]
        return out
    return forecast


def _fit_logit(x: np.ndarray, target: np.ndarray, ridge: float = 1.0) -> np.ndarray:
    """Ridge-penalised logistic regression by Newton steps (intercept first, not penalised)."""
    xa = np.column_stack([np.ones(len(target)), x])
    pen = ridge * np.diag(np.r_[0.0, np.ones(x.shape[1])])
    beta = np.zeros(xa.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-xa @ beta))
        hess = xa.T @ (xa * (p * (1 - p))[:, None]) + pen + 1e-8 * np.eye(len(beta))
        step = np.linalg.solve(hess, xa.T @ (p - target) + pen @ beta)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta


def _fit_sq(t: Table, y: np.ndarray, threshold: float) -> Forecaster:
    if threshold >= 1.0:
        return lambda u: u.anchors["compromise"]
    known = t.features["has_ref"] > 0
    x = t.matrix(SQ_FEATURES)[known]
    mu, sd = _standardise(x)
    survived = np.isclose(y[known], t.anchors["reference"][known]).astype(float)
    beta = _fit_logit((x - mu) / sd, survived)

    def forecast(u: Table) -> np.ndarray:
        z = (u.matrix(SQ_FEATURES) - mu) / sd
        p = 1.0 / (1.0 + np.exp(-(beta[0] + z @ beta[1:])))
        keep = (u.features["has_ref"] > 0) & (p > threshold)
        return np.where(keep, u.anchors["reference"], u.anchors["compromise"])
    return forecast


def fit_family(name: str, t: Table, y: np.ndarray, hp: Any) -> Forecaster:
    """Fit one family with one hyper-parameter value on the issues of ``t``."""
    if name == "quantile_cells":
        return _cellwise(_quantile_candidates, t, y, hp)
    if name == "shrink_cells":
        anchor, cells = hp

        def cands(u: Table) -> np.ndarray:
            c = u.anchors["compromise"]
            return c[:, None] + np.asarray(LAMBDAS)[None, :] * (u.anchors[anchor] - c)[:, None]
        return _cellwise(cands, t, y, cells)
    if name == "knn_anchor":
        return _fit_knn(t, y, hp)
    if name == "anchor_tree":
        return _fit_tree(t, y, *hp)
    if name == "sq_two_stage":
        return _fit_sq(t, y, hp)
    raise ScenarioError("E102", value=name, choices=", ".join(FAMILIES))


def select_and_fit(name: str, t: Table, y: np.ndarray, groups: np.ndarray
                   ) -> tuple[Forecaster, Any]:
    """Choose the family's hyper-parameter by grouped CV on ``t``, then refit on all of it."""
    grid = GRIDS[name]
    errs = []
    for hp in grid:
        pred = np.empty(len(y))
        for k in np.unique(groups):
            tr, te = groups != k, groups == k
            pred[te] = fit_family(name, t.take(np.flatnonzero(tr)), y[tr], hp)(
                t.take(np.flatnonzero(te)))
        errs.append(float(np.mean(np.abs(pred - y))))
    best = 0
    for i in range(1, len(grid)):
        if errs[i] < errs[best]:
            best = i
    return fit_family(name, t, y, grid[best]), grid[best]


def nested_predictions(batch: IssueBatch, y: np.ndarray, folds: np.ndarray, name: str,
                       table: Table | None = None) -> tuple[np.ndarray, list[str]]:
    """Held-out forecasts of one family: each fold's forecast sees only the other folds' outcomes."""
    if name not in GRIDS:
        raise ScenarioError("E102", value=name, choices=", ".join(FAMILIES))
    t = table or issue_features(batch)
    pred = np.empty(len(y))
    chosen = []
    for k in np.unique(folds):
        tr, te = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        fn, hp = select_and_fit(name, t.take(tr), y[tr], folds[tr])
        pred[te] = fn(t.take(te))
        chosen.append(str(hp))
    return pred, chosen


# --------------------------------------------------------------------------- upper bounds

# In-sample fits for the bounds: the most flexible setting of each family (cells of two
# features, the deepest tree of the grid, and a deeper one with smaller leaves).
IN_SAMPLE_FITS: dict[str, tuple[str, Any]] = {
    "quantile_cells(cod,unan)": ("quantile_cells", ("cod", "unan")),
    "shrink_cells(agenda|median_c,agenda_c)": ("shrink_cells", ("agenda", ("median_c", "agenda_c"))),
    "sq_two_stage(0.6)": ("sq_two_stage", 0.6),
    "anchor_tree(3,20)": ("anchor_tree", (3, 20)),
    "anchor_tree(4,10)": ("anchor_tree", (4, 10)),
}


def _in_sample_gains(batch: IssueBatch, t: Table, y: np.ndarray, lad_x: np.ndarray
                     ) -> dict[str, float]:
    c = t.anchors["compromise"]
    base = float(np.mean(np.abs(c - y)))
    out = {label: base - float(np.mean(np.abs(fit_family(fam, t, y, hp)(t) - y)))
           for label, (fam, hp) in IN_SAMPLE_FITS.items()}
    beta = fit_lad(lad_x, y - c, penalty=1e-6)  # (all but) unpenalised; keeps it solvable
    out["lad_round2_features"] = base - float(np.mean(np.abs(
        np.clip(c + beta[0] + lad_x @ beta[1:], 0, 100) - y)))
    return out


def upper_bounds(batch: IssueBatch, y: np.ndarray, permutations: int = 200, seed: int = 11
                 ) -> dict[str, Any]:
    """How much the inputs could give: oracles, in-sample fits, outcome shape, a permutation null.

    The null keeps each issue's compromise forecast and gives it the residual (outcome −
    compromise) of a random other issue, so the inputs carry no information beyond the
    compromise point; the in-sample gains fitted on such outcomes are what fitting alone
    buys on 247 issues.
    """
    from .learned import DIFF_FEATURES, RAW_FEATURES

    t = issue_features(batch)
    c = t.anchors["compromise"]
    a = t.anchors
    known = t.features["has_ref"] > 0
    four = np.column_stack([c, np.where(known, a["reference"], c), a["agenda"], a["median"]])
    err4 = np.abs(four - y[:, None])
    positions = np.where(batch.mask, batch.position, np.nan)
    lad_x = design(batch, DIFF_FEATURES + RAW_FEATURES)
    real = _in_sample_gains(batch, t, y, lad_x)
    rng = np.random.default_rng(seed)
    null: dict[str, list[float]] = {k: [] for k in real}
    for _ in range(permutations):
        fake = np.clip(c + rng.permutation(y - c), 0.0, 100.0)
        for k, v in _in_sample_gains(batch, t, fake, lad_x).items():
            null[k].append(v)
    at_pos = np.nanmin(np.abs(positions - y[:, None]), axis=1) < 1e-9
    r = lambda v: round(float(v), 3)  # noqa: E731
    return {
        "anchor_mae": {n: r(e) for n, e in zip(("compromise", "reference_or_compromise",
                                                "agenda_setter", "weighted_median"),
                                               err4.mean(axis=0), strict=True)},
        "oracle_best_of_4": r(err4.min(axis=1).mean()),
        "oracle_best_of_4_plus_0_100": r(np.minimum(err4.min(axis=1),
                                                   np.minimum(y, 100 - y)).mean()),
        "oracle_any_actor_position": r(np.nanmin(np.abs(positions - y[:, None]), axis=1).mean()),
        "share_outcome_0": r(np.mean(y == 0)), "share_outcome_100": r(np.mean(y == 100)),
        "share_outcome_reference_when_known": r(np.mean(np.isclose(y, a["reference"])[known])),
        "share_outcome_on_actor_position": r(np.mean(at_pos)),
        "share_binary_issues": r(t.features["binary"].mean()),
        "compromise_error_share_from_misses_over_40": r(
            np.abs(c - y)[np.abs(c - y) > 40].sum() / np.abs(c - y).sum()),
        "in_sample_gain": {k: r(v) for k, v in real.items()},
        "null_gain_mean": {k: r(np.mean(v)) for k, v in null.items()},
        "null_gain_p95": {k: r(np.percentile(v, 95)) for k, v in null.items()},
        "null_share_at_least_real": {k: r(np.mean(np.asarray(v) >= real[k])) for k, v in null.items()},
        "permutations": permutations,
    }
