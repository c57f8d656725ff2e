"""A discrete-choice forecast: which point of the scale will the negotiation settle on?

Outcomes of real negotiations sit on actors' positions far more often than a weighted mean
does (two thirds of DEU III outcomes equal some actor's position).  This model lists the
candidate outcomes of an issue (every distinct actor position, the reference point when
known, and the compromise forecast itself), gives each a probability by a conditional
logit on features of the candidate, and forecasts the probability-weighted median of the
candidates, the point that minimises expected absolute error under the model.

The logit is fitted with soft targets (each candidate's target weight ∝ exp(−|x − outcome|
/ TAU), so an outcome between candidates credits the nearest ones) and an L2 penalty whose
strength is chosen by grouped cross-validation; the loss is convex, solved by damped
Newton steps.  Features use positions, saliences, capabilities, roles, reference and
decision rule only; missing ones fall back as in :mod:`.learned` (no reference: its
features are 0; no agenda setter / veto player: their indicators are 0).
"""

from __future__ import annotations

import numpy as np

from .learned import pivot_outcome
from .models import compromise, weighted_median_of
from .scenario import RULE_CODES, IssueBatch

TAU = 5.0  # points; width of the soft target, fixed a priori
CHOICE_PENALTIES: tuple[float, ...] = (0.001, 0.01, 0.1, 1.0)  # × number of issues
FEATURE_NAMES = ("dist_compromise", "dist_compromise_sq", "weight_share", "count_share",
                 "is_agenda", "is_veto", "is_reference", "is_reference_unanimity",
                 "is_reference_veto", "is_compromise", "is_end", "dist_median", "dist_pivot",
                 "dist_agenda")


def candidate_set(batch: IssueBatch) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidates (B, K), their validity mask and the feature tensor (B, K, F)."""
    b, n = batch.position.shape
    c = compromise(batch)
    has_ref = ~np.isnan(batch.reference)
    ref = np.where(has_ref, batch.reference, c)
    x = np.column_stack([batch.position, ref, c])
    valid = np.column_stack([batch.mask, has_ref, np.ones(b, dtype=bool)])
    # Drop duplicates: a candidate equal to an earlier valid one is not listed again.
    same = np.isclose(x[:, :, None], x[:, None, :])
    earlier = np.tril(np.ones((n + 2, n + 2), dtype=bool), -1)[None]
    dup = (same & earlier & valid[:, None, :]).any(axis=2)
    valid = valid & ~dup
    w = np.where(batch.mask, batch.capability * batch.salience, 0.0)
    w = np.where((w.sum(axis=1) <= 0)[:, None], batch.mask.astype(float), w)
    cap = np.where(batch.mask, batch.capability, 0.0)
    cap = np.where((cap.sum(axis=1) <= 0)[:, None], batch.mask.astype(float), cap)
    at = np.isclose(x[:, :, None], batch.position[:, None, :]) & batch.mask[:, None, :]
    wshare = (at * w[:, None, :]).sum(axis=2) / w.sum(axis=1)[:, None]
    cshare = (at * cap[:, None, :]).sum(axis=2) / cap.sum(axis=1)[:, None]
    is_agenda = (at & batch.agenda[:, None, :]).any(axis=2)
    is_veto = (at & batch.veto[:, None, :]).any(axis=2)
    is_ref = np.isclose(x, ref[:, None]) & has_ref[:, None]
    unan = np.asarray(batch.rule == RULE_CODES["unanimity"])[:, None]
    cod = np.asarray(batch.veto.any(axis=1))[:, None]
    is_comp = np.isclose(x, c[:, None])
    med = weighted_median_of(batch.position, w, batch.mask)
    piv = pivot_outcome(batch, c)
    a_n = batch.agenda.sum(axis=1)
    agenda_pos = np.where(a_n > 0, np.where(batch.agenda, batch.position, 0).sum(axis=1)
                          / np.maximum(a_n, 1), c)
    d = np.abs(x - c[:, None]) / 100.0
    feats = np.stack([
        d, d**2, wshare, cshare, is_agenda, is_veto, is_ref, is_ref & unan, is_ref & cod,
        is_comp, np.isclose(x, 0) | np.isclose(x, 100), np.abs(x - med[:, None]) / 100.0,
        np.abs(x - piv[:, None]) / 100.0,
        np.where((a_n > 0)[:, None], np.abs(x - agenda_pos[:, None]) / 100.0, 0.0),
    ], axis=2).astype(float)
    return x, valid, feats


def _probs(theta: np.ndarray, feats: np.ndarray, valid: np.ndarray) -> np.ndarray:
    s = np.where(valid, feats @ theta, -np.inf)
    s = s - s.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)


def fit_choice(batch: IssueBatch, y: np.ndarray, penalty: float, iterations: int = 50) -> np.ndarray:
    """Coefficients of the conditional logit (soft targets, L2 penalty × number of issues)."""
    x, valid, feats = candidate_set(batch)
    q = np.where(valid, np.exp(-np.abs(x - y[:, None]) / TAU), 0.0)
    q = q / np.maximum(q.sum(axis=1, keepdims=True), 1e-300)
    lam = penalty * len(y)
    theta = np.zeros(feats.shape[2])

    def loss(t: np.ndarray) -> float:
        p = _probs(t, feats, valid)
        return float(-(q * np.log(np.where(valid, p, 1.0) + 1e-300)).sum() + lam * t @ t)

    current = loss(theta)
    for _ in range(iterations):
        p = _probs(theta, feats, valid)
        mean_f = (p[:, :, None] * feats).sum(axis=1)
        grad = -((q - p)[:, :, None] * feats).sum(axis=(0, 1)) + 2 * lam * theta
        centred = feats - mean_f[:, None, :]
        hess = np.einsum("bk,bkf,bkg->fg", p, centred, centred) + 2 * lam * np.eye(len(theta))
        step = np.linalg.solve(hess, grad)
        t = 1.0
        while t > 1e-4:
            new = theta - t * step
            value = loss(new)
            if value <= current:
                break
            t /= 2
        if current - value < 1e-9:
            theta = new if value <= current else theta
            break
        theta, current = new, value
    return theta


def predict_choice(batch: IssueBatch, theta: np.ndarray) -> np.ndarray:
    """Probability-weighted median of the candidate outcomes."""
    x, valid, feats = candidate_set(batch)
    p = _probs(theta, feats, valid)
    return weighted_median_of(x, p, valid)
