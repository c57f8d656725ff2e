"""The classic one-shot forecasting models, vectorised over a batch of issues.

Every model takes an :class:`~parley.negotiation.scenario.IssueBatch` and returns one
forecast per issue (shape ``(B,)``) on the 0–100 scale.  Weights are capability ×
salience unless said otherwise.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass

import numpy as np

from .scenario import IssueBatch


def _safe_weights(batch: IssueBatch) -> np.ndarray:
    """Capability × salience; an issue where all are 0 falls back to equal weights."""
    w = batch.weight.astype(float)
    empty = w.sum(axis=1) <= 0
    if empty.any():
        w[empty] = batch.mask[empty].astype(float)
    return w


def compromise(batch: IssueBatch) -> np.ndarray:
    """The compromise model: capability × salience weighted mean of the positions."""
    w = _safe_weights(batch)
    return (w * batch.position).sum(axis=1) / w.sum(axis=1)


def weighted_median_of(position: np.ndarray, weight: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Weighted median per row.

    The position where the cumulative weight first reaches half the total.  When it reaches
    exactly half at a position (an even split), the midpoint of that position and the next
    one is returned, so two equal actors at 0 and 100 give 50, not 0.
    """
    w = np.where(mask, weight, 0.0)
    empty = w.sum(axis=1) <= 0
    if empty.any():
        w = w.copy()
        w[empty] = mask[empty].astype(float)
    # Padding goes to the end with zero weight: sort on position, padding as +inf.
    key = np.where(mask, position, np.inf)
    order = np.argsort(key, axis=1, kind="stable")
    xs = np.take_along_axis(key, order, axis=1)
    ws = np.take_along_axis(w, order, axis=1)
    cum = np.cumsum(ws, axis=1)
    half = cum[:, -1:] / 2.0
    tol = 1e-9 * np.maximum(cum[:, -1:], 1.0)
    k = np.argmax(cum >= half - tol, axis=1)
    rows = np.arange(len(k))
    x_k = xs[rows, k]
    exact = np.abs(cum[rows, k] - half[:, 0]) <= tol[:, 0]
    # The next *weighted* position after k (skip zero-weight actors in between).
    later = (np.arange(xs.shape[1])[None, :] > k[:, None]) & (ws > 0) & np.isfinite(xs)
    has_next = later.any(axis=1)
    nxt = np.argmax(later, axis=1)
    x_next = np.where(has_next, xs[rows, nxt], x_k)
    return np.where(exact & has_next, (x_k + x_next) / 2.0, x_k)


def weighted_median(batch: IssueBatch) -> np.ndarray:
    """Capability × salience weighted median (the 'median voter' of BdM's vote rule)."""
    return weighted_median_of(batch.position, _safe_weights(batch), batch.mask)


def condorcet(batch: IssueBatch) -> np.ndarray:
    """Condorcet winner among the actors' positions under capability-weighted majority.

    Each actor votes, with its capability, for the nearer of two alternatives (abstaining
    when equidistant); salience does not change a vote, only how hard one fights.  The
    winner beats every other position; when none does (exact ties) the position with the
    most pairwise wins, then the largest summed margin, is returned.  On one dimension with
    single-peaked preferences this is the capability-weighted median, which the tests check.
    """
    # The pairwise tally is O(N³) per issue; chunk the batch to bound memory.
    n = max(batch.position.shape[1], 1)
    step = max(1, 2_000_000 // n**3)
    if batch.size > step:
        return np.concatenate([condorcet(batch.take(np.arange(s, min(s + step, batch.size))))
                               for s in range(0, batch.size, step)])
    x = batch.position
    cap = np.where(batch.mask, batch.capability, 0.0)
    cap = np.where((cap.sum(axis=1) <= 0)[:, None], batch.mask.astype(float), cap)
    # margin[b, j, k] = weight voting for x_j minus weight voting for x_k
    dj = np.abs(x[:, None, None, :] - x[:, :, None, None])  # (B, j, 1, i)
    dk = np.abs(x[:, None, None, :] - x[:, None, :, None])  # (B, 1, k, i)
    prefer = np.sign(dk - dj)  # +1 when voter i is nearer x_j
    margin = (prefer * cap[:, None, None, :]).sum(axis=3)
    valid = batch.mask[:, :, None] & batch.mask[:, None, :]
    same = np.isclose(x[:, :, None], x[:, None, :])
    wins = ((margin > 1e-12) & valid & ~same).sum(axis=2)
    score = wins * 1e6 + np.where(valid & ~same, margin, 0.0).sum(axis=2) / (cap.sum(axis=1)[:, None] + 1e-12)
    score = np.where(batch.mask, score, -np.inf)
    best = np.argmax(score, axis=1)
    return x[np.arange(len(best)), best]


def disagreement_distance(batch: IssueBatch) -> np.ndarray:
    """Each actor's distance to the disagreement outcome of the Nash model, shape (B, N).

    With a reference point (status quo) the disagreement outcome is the reference.  Without
    one, breakdown is taken as each actor's worst outcome on the 0–100 scale, i.e. the far end
    of the scale, so every actor prefers any agreement on the scale to no agreement.
    """
    worst = np.maximum(batch.position, 100.0 - batch.position)
    to_ref = np.abs(batch.position - batch.reference[:, None])
    return np.where(np.isnan(batch.reference)[:, None], worst, to_ref)


def nash(batch: IssueBatch, iterations: int = 60) -> np.ndarray:
    """Asymmetric Nash bargaining solution with quadratic utilities.

    Actor i's gain from outcome x over disagreement is ``D_i² − (x − p_i)²`` (D_i from
    :func:`disagreement_distance`), and x maximises ``Σ w_i log gain_i(x)`` with w = capability ×
    salience, over the outcomes every weighted actor accepts (all gains ≥ 0).  That set is an
    interval containing the disagreement point; when it shrinks to a point (some actor
    already holds the status quo, or actors sit on both sides of it) nobody can be made
    better off without hurting another and the status quo is the solution.  The objective is
    concave on the interval, so bisection on its derivative finds the optimum exactly.
    """
    w = _safe_weights(batch)
    p = batch.position
    d = disagreement_distance(batch)
    active = w > 0
    lo = np.where(active, p - d, -np.inf).max(axis=1)
    hi = np.where(active, p + d, np.inf).min(axis=1)
    ref = batch.reference
    degenerate = hi - lo <= 1e-9
    a = lo.copy()
    b = hi.copy()
    for _ in range(iterations):
        mid = (a + b) / 2.0
        gain = d**2 - (mid[:, None] - p) ** 2
        gain = np.where(active, np.maximum(gain, 1e-12), 1.0)
        slope = np.where(active, -2.0 * w * (mid[:, None] - p) / gain, 0.0).sum(axis=1)
        a = np.where(slope > 0, mid, a)
        b = np.where(slope > 0, b, mid)
    x = (a + b) / 2.0
    fallback = np.where(np.isnan(ref), lo, ref)
    return np.where(degenerate, fallback, x)


# ------------------------------------------------------------------ a fitted model of ours


@dataclass(frozen=True)
class ProceduralParams:
    """Parameters of :func:`procedural_compromise` (see its docstring)."""

    gamma: float = 1.0  # salience exponent
    agenda: float = 0.0  # extra weight of the agenda setter (×(1 + agenda))
    veto: float = 0.0  # extra weight of veto players
    sq_majority: float = 0.0  # status quo weight, share of the actors' weight, majority/QMV
    sq_unanimity: float = 0.0  # the same under unanimity

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


# The grid searched when fitting; kept small and coarse on purpose so that the fit cannot
# chase noise in a few hundred issues.
PROCEDURAL_GRID: dict[str, tuple[float, ...]] = {
    "gamma": (0.0, 0.5, 1.0, 1.5),
    "agenda": (0.0, 0.5, 1.0, 2.0),
    "veto": (0.0, 0.5, 1.0, 2.0),
    "sq_majority": (0.0, 0.1, 0.25, 0.5),
    "sq_unanimity": (0.0, 0.1, 0.25, 0.5, 1.0),
}


def procedural_compromise(batch: IssueBatch, params: ProceduralParams | None = None) -> np.ndarray:
    """A compromise model that knows the procedure: roles, decision rule and status quo.

    Weights are ``capability × salience^gamma``, multiplied by ``1 + agenda`` for the agenda
    setter and ``1 + veto`` for veto players; the reference point (when known) joins as a
    pseudo-actor whose weight is a share of the actors' total weight, one share under
    majority/qualified majority and another under unanimity (status quo bias is expected
    to be stronger when every member can block).  With the default parameters it *is*
    the compromise model.
    """
    prm = params or ProceduralParams()
    sal = np.where(batch.mask, batch.salience, 0.0) / 100.0
    w = np.where(batch.mask, batch.capability, 0.0) * (sal**prm.gamma if prm.gamma > 0 else
                                                       batch.mask.astype(float))
    w = w * (1.0 + prm.agenda * batch.agenda) * (1.0 + prm.veto * batch.veto)
    empty = w.sum(axis=1) <= 0
    if empty.any():
        w[empty] = batch.mask[empty].astype(float)
    total = w.sum(axis=1)
    share = np.where(batch.rule == 2, prm.sq_unanimity, prm.sq_majority)
    has_ref = ~np.isnan(batch.reference)
    w_ref = np.where(has_ref, share * total, 0.0)
    ref = np.where(has_ref, batch.reference, 0.0)
    return ((w * batch.position).sum(axis=1) + w_ref * ref) / (total + w_ref)


def fit_procedural(batch: IssueBatch, outcome: np.ndarray) -> ProceduralParams:
    """Grid search of :data:`PROCEDURAL_GRID` minimising mean absolute error on ``batch``.

    Ties (within 1e-9) go to the earlier grid point, i.e. the simpler model, because the
    grids start at the plain compromise values.
    """
    names = list(PROCEDURAL_GRID)
    best: tuple[float, ProceduralParams] | None = None
    for combo in itertools.product(*(PROCEDURAL_GRID[n] for n in names)):
        prm = ProceduralParams(**dict(zip(names, combo, strict=True)))
        err = float(np.mean(np.abs(procedural_compromise(batch, prm) - outcome)))
        if best is None or err < best[0] - 1e-9:
            best = (err, prm)
    assert best is not None
    return best[1]
