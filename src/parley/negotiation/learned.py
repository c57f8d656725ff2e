"""Learned corrections of the compromise model, with all choices made by cross-validation.

Status: evaluated on DEU III by nested cross-validation and **not shipped** — none beat the
compromise model out of sample (docs/negotiation.md); ``python -m parley.negotiation.fit``
reproduces the figures.

The forecast is ``compromise + f(features)``, where every feature is computable from what a
scenario may carry (positions, saliences, capabilities, the reference point, the roles
``agenda_setter``/``veto_player`` and the decision rule) and never from actor names.
Three learners are candidates, each competing with the plain compromise model:

* ``lad``: least-absolute-deviation regression of ``outcome − compromise`` on the
  features (each a difference from the compromise forecast), with a ridge penalty whose
  strength is chosen by cross-validation; an infinite penalty *is* the compromise model;
* ``boost``: gradient-boosted depth-2 regression trees with absolute loss, starting from the
  compromise forecast; the number of trees (0 = compromise) is chosen by cross-validation;
* ``choice``: a conditional logit over candidate outcomes (:mod:`.choice`), forecasting
  the probability-weighted median candidate; its penalty is chosen by cross-validation.

:func:`select_and_fit` runs the cross-validation over the learners' grids on the data it
is given (grouped folds) and refits the winner on all of it; in the backtest it only ever
sees training folds (nested cross-validation).  The metric is mean absolute error, so
all learners target the conditional median.

Missing inputs fall back gracefully: without a reference point its features equal the
compromise forecast (and a 0/1 indicator says so); without an agenda setter or a veto
player their positions equal the compromise forecast; an unknown decision rule counts as
simple majority.  A scenario without any of these gets a forecast that differs from the
compromise model only through the position-based features.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .models import compromise, weighted_median_of
from .scenario import RULE_CODES, IssueBatch

# Share of the (capability-weighted) deciding actors needed to change the status quo.
# Fixed from the treaties, not fitted: QMV ≈ 72% of weighted votes (Nice: 73.9%), unanimity
# everyone, simple majority just over half.
RULE_QUOTA = {RULE_CODES["majority"]: 0.5, RULE_CODES["qualified_majority"]: 0.72,
              RULE_CODES["unanimity"]: 1.0}

# Difference features (each minus the compromise forecast) used by the linear learner.
DIFF_FEATURES = ("median", "agenda", "veto", "reference", "mean", "mode", "pivot", "low",
                 "high", "reference_x_unanimity", "pivot_x_unanimity")
# Extra raw features the trees may split on (the differences are included too).
RAW_FEATURES = ("compromise", "reference_raw", "has_reference", "unanimity", "has_veto",
                "spread", "mode_share", "actors")

LAD_PENALTIES: tuple[float, ...] = (0.001, 0.01, 0.1, 1.0, 10.0)  # × number of issues
BOOST_TREES: tuple[int, ...] = (0, 10, 25, 50, 100, 200)
BOOST_RATE = 0.1
BOOST_MIN_LEAF = 10


# ------------------------------------------------------------------------------ features


def _weighted(batch: IssueBatch) -> np.ndarray:
    w = np.where(batch.mask, batch.capability * batch.salience, 0.0).astype(float)
    empty = w.sum(axis=1) <= 0
    if empty.any():
        w[empty] = batch.mask[empty].astype(float)
    return w


def _role_position(batch: IssueBatch, role: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """Mean position of the actors holding a role; ``fallback`` where nobody does."""
    n = role.sum(axis=1)
    s = np.where(role, batch.position, 0.0).sum(axis=1)
    return np.where(n > 0, s / np.maximum(n, 1), fallback)


def _mode(batch: IssueBatch, w: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Position held by the most (salience × capability) weight, and that weight's share.

    Ties go to the position nearer the compromise forecast.
    """
    p = batch.position
    same = np.isclose(p[:, :, None], p[:, None, :]) & batch.mask[:, :, None] & batch.mask[:, None, :]
    support = (same * w[:, None, :]).sum(axis=2)
    score = np.where(batch.mask, support - 1e-9 * np.abs(p - c[:, None]), -np.inf)
    best = np.argmax(score, axis=1)
    rows = np.arange(len(best))
    return p[rows, best], support[rows, best] / w.sum(axis=1)


def _quantile_from(p: np.ndarray, w: np.ndarray, mask: np.ndarray, quota: np.ndarray,
                   upper: bool) -> np.ndarray:
    """Position t such that actors at or beyond t (above if ``upper``) hold ≥ quota of weight."""
    key = np.where(mask, -p if upper else p, np.inf)
    order = np.argsort(key, axis=1, kind="stable")
    xs = np.take_along_axis(np.where(mask, p, np.nan), order, axis=1)
    cum = np.cumsum(np.take_along_axis(np.where(mask, w, 0.0), order, axis=1), axis=1)
    need = quota * cum[:, -1] - 1e-9
    k = np.argmax(cum >= need[:, None], axis=1)
    return xs[np.arange(len(k)), k]


def pivot_outcome(batch: IssueBatch, fallback: np.ndarray) -> np.ndarray:
    """Procedural (agenda-setter / pivot) outcome; ``fallback`` where no reference is known.

    The deciding actors are those without a role (all actors if every one has a role),
    weighted by capability.  Under the issue's decision rule they accept a move from the
    reference r to x when the actors nearer x than r hold the quota: upwards that allows
    x ≤ 2t − r, t the position above which the quota lies, and downwards symmetrically.
    A veto player also accepts only outcomes it likes at least as much as r.  The agenda
    setter (the compromise forecast when there is none) proposes the point of that win
    set nearest its own position.
    """
    r = batch.reference
    has_ref = ~np.isnan(r)
    r0 = np.where(has_ref, r, 50.0)
    plain = batch.mask & ~batch.agenda & ~batch.veto
    deciders = np.where(plain.any(axis=1)[:, None], plain, batch.mask)
    cap = np.where(deciders, batch.capability, 0.0)
    cap = np.where((cap.sum(axis=1) <= 0)[:, None], deciders.astype(float), cap)
    quota = np.array([RULE_QUOTA.get(int(code), 0.5) for code in batch.rule])
    up_t = _quantile_from(batch.position, cap, deciders, quota, upper=True)
    down_t = _quantile_from(batch.position, cap, deciders, quota, upper=False)
    hi = np.where(up_t > r0, 2 * up_t - r0, r0)
    lo = np.where(down_t < r0, 2 * down_t - r0, r0)
    has_veto = batch.veto.any(axis=1)
    v = _role_position(batch, batch.veto, r0)
    reach = np.abs(r0 - v)
    hi = np.where(has_veto, np.minimum(hi, v + reach), hi)
    lo = np.where(has_veto, np.maximum(lo, v - reach), lo)
    hi = np.clip(np.maximum(hi, r0), 0.0, 100.0)
    lo = np.clip(np.minimum(lo, r0), 0.0, 100.0)
    setter = _role_position(batch, batch.agenda, fallback)
    x = np.clip(setter, lo, hi)
    return np.where(has_ref, x, fallback)


def features(batch: IssueBatch) -> dict[str, np.ndarray]:
    """All features by name, each of shape (B,); see the module docstring for fallbacks."""
    w = _weighted(batch)
    c = compromise(batch)
    p = batch.position
    cap = np.where(batch.mask, batch.capability, 0.0)
    cap = np.where((cap.sum(axis=1) <= 0)[:, None], batch.mask.astype(float), cap)
    has_ref = ~np.isnan(batch.reference)
    ref = np.where(has_ref, batch.reference, c)
    unan = (batch.rule == RULE_CODES["unanimity"]).astype(float)
    mode, mode_share = _mode(batch, w, c)
    pivot = pivot_outcome(batch, c)
    low = np.where(batch.mask, p, np.inf).min(axis=1)
    high = np.where(batch.mask, p, -np.inf).max(axis=1)
    raw = {
        "median": weighted_median_of(p, w, batch.mask),
        "agenda": _role_position(batch, batch.agenda, c),
        "veto": _role_position(batch, batch.veto, c),
        "reference": ref,
        "mean": (cap * p).sum(axis=1) / cap.sum(axis=1),
        "mode": mode,
        "pivot": pivot,
        "low": low,
        "high": high,
    }
    out = {name: raw[name] - c for name in raw}
    out["reference_x_unanimity"] = out["reference"] * unan
    out["pivot_x_unanimity"] = out["pivot"] * unan
    out.update({
        "compromise": c, "reference_raw": np.where(has_ref, batch.reference, -1.0),
        "has_reference": has_ref.astype(float), "unanimity": unan,
        "has_veto": batch.veto.any(axis=1).astype(float), "spread": high - low,
        "mode_share": mode_share, "actors": batch.mask.sum(axis=1).astype(float),
    })
    return out


def design(batch: IssueBatch, names: tuple[str, ...]) -> np.ndarray:
    f = features(batch)
    return np.column_stack([f[n] for n in names]) if names else np.zeros((batch.size, 0))


# ------------------------------------------------------------------------ the LAD learner


def fit_lad(x: np.ndarray, y: np.ndarray, penalty: float, iterations: int = 100) -> np.ndarray:
    """Coefficients (intercept first) minimising Σ|y − Xb| + penalty·n·|b|², by IRLS.

    Residuals below half a point get the weight of half a point, which keeps the linear
    systems well conditioned; the fit is thus least absolute deviations up to that
    smoothing (the scale has integer steps, so nothing of substance is lost).
    """
    xa = np.column_stack([np.ones(len(y)), x])
    reg = penalty * len(y) * np.eye(xa.shape[1])
    beta = np.zeros(xa.shape[1])
    for _ in range(iterations):
        u = 1.0 / np.maximum(np.abs(y - xa @ beta), 0.5)  # floor keeps the system stable
        new = np.linalg.solve(xa.T @ (xa * u[:, None]) + 2 * reg, xa.T @ (u * y))
        if np.max(np.abs(new - beta)) < 1e-7:
            return new
        beta = new
    return beta


# ------------------------------------------------------------------ the boosted trees


@dataclass
class Stump2:
    """A depth-2 tree: one split, then one split in each half; leaves hold medians."""

    feature: int
    threshold: float
    children: list[tuple[int, float, float, float]]  # (feature, threshold, left, right)

    def predict(self, x: np.ndarray) -> np.ndarray:
        left = x[:, self.feature] <= self.threshold
        out = np.empty(len(x))
        for side, sel in ((0, left), (1, ~left)):
            f, t, lv, rv = self.children[side]
            out[sel] = np.where(x[sel, f] <= t, lv, rv)
        return out


def _best_split(x: np.ndarray, g: np.ndarray, min_leaf: int) -> tuple[int, float] | None:
    """Split minimising the squared error of the pseudo-residuals ``g`` (Friedman's rule)."""
    n = len(g)
    if n < 2 * min_leaf:
        return None
    best: tuple[float, int, float] | None = None
    for j in range(x.shape[1]):
        order = np.argsort(x[:, j], kind="stable")
        xs, gs = x[order, j], g[order]
        cs = np.cumsum(gs)
        k = np.arange(1, n)
        gain = cs[:-1] ** 2 / k + (cs[-1] - cs[:-1]) ** 2 / (n - k)
        ok = (k >= min_leaf) & (n - k >= min_leaf) & (xs[1:] > xs[:-1])
        if not ok.any():
            continue
        i = int(np.argmax(np.where(ok, gain, -np.inf)))
        if best is None or gain[i] > best[0] + 1e-12:
            best = (float(gain[i]), j, float((xs[i] + xs[i + 1]) / 2))
    return None if best is None else (best[1], best[2])


def _fit_tree(x: np.ndarray, resid: np.ndarray, min_leaf: int) -> Stump2:
    g = np.sign(resid)
    split = _best_split(x, g, min_leaf)
    if split is None:
        m = float(np.median(resid))
        return Stump2(0, np.inf, [(0, np.inf, m, m), (0, np.inf, m, m)])
    j, t = split
    children = []
    for sel in (x[:, j] <= t, x[:, j] > t):
        sub = _best_split(x[sel], g[sel], min_leaf)
        if sub is None:
            m = float(np.median(resid[sel]))
            children.append((0, np.inf, m, m))
            continue
        f, u = sub
        left = sel & (x[:, f] <= u)
        right = sel & (x[:, f] > u)
        children.append((f, u, float(np.median(resid[left])), float(np.median(resid[right]))))
    return Stump2(j, t, children)


def fit_boost(x: np.ndarray, resid: np.ndarray, trees: int, rate: float = BOOST_RATE,
              min_leaf: int = BOOST_MIN_LEAF) -> list[Stump2]:
    """Gradient boosting with absolute loss on ``resid`` (outcome − compromise)."""
    out: list[Stump2] = []
    current = np.zeros(len(resid))
    for _ in range(trees):
        tree = _fit_tree(x, resid - current, min_leaf)
        out.append(tree)
        current += rate * tree.predict(x)
    return out


def boost_staged(trees: list[Stump2], x: np.ndarray, stages: tuple[int, ...],
                 rate: float = BOOST_RATE) -> dict[int, np.ndarray]:
    """Predictions after each number of trees in ``stages``."""
    out = {0: np.zeros(len(x))}
    current = np.zeros(len(x))
    for i, tree in enumerate(trees, start=1):
        current = current + rate * tree.predict(x)
        if i in stages:
            out[i] = current.copy()
    return out


# ------------------------------------------------------------------ selection and the model


TREE_FEATURES = DIFF_FEATURES + RAW_FEATURES


@dataclass
class LearnedModel:
    """A fitted learned model: which learner, its setting, and its parameters."""

    learner: str  # "compromise", "lad", "boost" or "choice"
    setting: float  # the penalty (lad, choice) or number of trees (boost)
    # lad: intercept then DIFF_FEATURES; choice: logit coefficients (choice.FEATURE_NAMES)
    coef: list[float] = field(default_factory=list)
    trees: list[Stump2] = field(default_factory=list)
    cv_mae: dict[str, float] = field(default_factory=dict)  # inner CV error of each candidate

    def predict(self, batch: IssueBatch) -> np.ndarray:
        c = compromise(batch)
        if self.learner == "lad":
            x = design(batch, DIFF_FEATURES)
            adj = self.coef[0] + x @ np.asarray(self.coef[1:])
        elif self.learner == "boost":
            x = design(batch, TREE_FEATURES)
            adj = boost_staged(self.trees, x, (len(self.trees),))[len(self.trees)]
        elif self.learner == "choice":
            from .choice import predict_choice

            return np.clip(predict_choice(batch, np.asarray(self.coef)), 0.0, 100.0)
        else:
            adj = np.zeros(batch.size)
        return np.clip(c + adj, 0.0, 100.0)

    def to_json(self) -> dict[str, Any]:
        return {"learner": self.learner, "setting": self.setting, "coef": self.coef,
                "features": list(DIFF_FEATURES if self.learner == "lad" else TREE_FEATURES),
                "trees": [{"feature": t.feature, "threshold": t.threshold,
                           "children": [list(ch) for ch in t.children]} for t in self.trees],
                "cv_mae": self.cv_mae}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LearnedModel:
        trees = [Stump2(int(t["feature"]), float(t["threshold"]),
                        [(int(ch[0]), float(ch[1]), float(ch[2]), float(ch[3]))
                         for ch in t["children"]]) for t in data.get("trees", [])]
        return cls(data["learner"], float(data["setting"]), list(data.get("coef", [])), trees,
                   dict(data.get("cv_mae", {})))


def candidates(learners: tuple[str, ...] = ("lad", "boost")) -> list[tuple[str, float]]:
    """The grid searched by :func:`select_and_fit`; the compromise model is always in it."""
    out: list[tuple[str, float]] = [("compromise", 0.0)]
    if "lad" in learners:
        out += [("lad", p) for p in LAD_PENALTIES]
    if "boost" in learners:
        out += [("boost", float(n)) for n in BOOST_TREES if n > 0]
    if "choice" in learners:
        from .choice import CHOICE_PENALTIES

        out += [("choice", p) for p in CHOICE_PENALTIES]
    return out


def cv_errors(batch: IssueBatch, y: np.ndarray, groups: np.ndarray,
              learners: tuple[str, ...] = ("lad", "boost")) -> dict[str, float]:
    """Grouped cross-validated MAE of every candidate (leave one group out)."""
    xl = design(batch, DIFF_FEATURES)
    xt = design(batch, TREE_FEATURES)
    c = compromise(batch)
    resid = y - c
    cands = candidates(learners)
    pred = {f"{n}:{s:g}": np.empty(len(y)) for n, s in cands}
    stages = tuple(int(s) for n, s in cands if n == "boost")
    for k in np.unique(groups):
        tr = groups != k
        te = ~tr
        for name, setting in cands:
            key = f"{name}:{setting:g}"
            if name == "compromise":
                pred[key][te] = c[te]
            elif name == "lad":
                b = fit_lad(xl[tr], resid[tr], setting)
                pred[key][te] = c[te] + b[0] + xl[te] @ b[1:]
            elif name == "choice":
                from .choice import fit_choice, predict_choice

                theta = fit_choice(batch.take(np.flatnonzero(tr)), y[tr], setting)
                pred[key][te] = predict_choice(batch.take(np.flatnonzero(te)), theta)
        if stages:
            trees = fit_boost(xt[tr], resid[tr], max(stages))
            staged = boost_staged(trees, xt[te], stages)
            for n in stages:
                pred[f"boost:{n:g}"][te] = c[te] + staged[n]
    return {k: float(np.mean(np.abs(np.clip(v, 0, 100) - y))) for k, v in pred.items()}


def fit_candidate(batch: IssueBatch, y: np.ndarray, name: str, setting: float) -> LearnedModel:
    """Fit one candidate on all of ``batch``."""
    resid = y - compromise(batch)
    if name == "lad":
        coef = fit_lad(design(batch, DIFF_FEATURES), resid, setting)
        return LearnedModel("lad", setting, [float(v) for v in coef])
    if name == "boost":
        trees = fit_boost(design(batch, TREE_FEATURES), resid, int(setting))
        return LearnedModel("boost", setting, trees=trees)
    if name == "choice":
        from .choice import fit_choice

        theta = fit_choice(batch, y, setting)
        return LearnedModel("choice", setting, [float(v) for v in theta])
    return LearnedModel("compromise", 0.0)


def select_and_fit(batch: IssueBatch, y: np.ndarray, groups: np.ndarray,
                   learners: tuple[str, ...] = ("lad", "boost")) -> LearnedModel:
    """Pick the candidate with the lowest grouped CV error on ``batch``; refit it on all of it.

    Ties (within 0.01 points) go to the earlier, simpler candidate — compromise first.
    """
    errs = cv_errors(batch, y, groups, learners)
    best_key = None
    for key in errs:  # insertion order = candidates() order, simplest first
        if best_key is None or errs[key] < errs[best_key] - 0.01:
            best_key = key
    assert best_key is not None
    name, setting = best_key.split(":")
    model = fit_candidate(batch, y, name, float(setting))
    model.cv_mae = {k: round(v, 3) for k, v in errs.items()}
    return model


def nested_predictions(batch: IssueBatch, y: np.ndarray, folds: np.ndarray,
                       learners: tuple[str, ...] = ("lad", "boost")) -> tuple[np.ndarray, list[str]]:
    """Held-out forecasts: for each outer fold, select and fit on the other folds only.

    The inner folds are the remaining outer folds (grouped by proposal as well).  Returns
    the forecasts and the candidate chosen in each outer fold.
    """
    pred = np.empty(len(y))
    chosen = []
    for k in np.unique(folds):
        tr = np.flatnonzero(folds != k)
        te = np.flatnonzero(folds == k)
        model = select_and_fit(batch.take(tr), y[tr], folds[tr], learners)
        pred[te] = model.predict(batch.take(te))
        chosen.append(f"{model.learner}:{model.setting:g}")
    return pred, chosen


# The pipelines evaluated on DEU III (docs/negotiation.md), each a set of learners whose
# candidates compete with the compromise model in the inner cross-validation.  The boosted
# trees take ~20 s per nested run, so the routine backtest leaves them out.
PIPELINES: dict[str, tuple[str, ...]] = {
    "learned_lad": ("lad",),
    "learned_choice": ("choice",),
    "learned_boost": ("boost",),
    "learned_lad_boost": ("lad", "boost"),
}
FAST_PIPELINES = ("learned_lad", "learned_choice")
