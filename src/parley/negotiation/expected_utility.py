"""Bueno de Mesquita's expected utility model as specified by Scholz, Calbert & Smith (2011).

Scholz, Calbert & Smith, "Unravelling Bueno De Mesquita's group decision model", Journal of
Theoretical Politics 23(4), wrote the model down from BdM's scattered publications.  Each
round:

1. votes: actor k's vote for x_i over x_j is ``c_k s_k (|x_k − x_j| − |x_k − x_i|) / range``;
2. probability that i prevails over j: the share of all votes that favour i,
   ``P_ij = Σ_k max(v_k, 0) / Σ_k |v_k|`` (so ``P_ij + P_ji = 1``);
3. utilities with a risk exponent r_i ∈ [0.5, 2] (r = 1 risk neutral)::

       U_s  = 2 − 4 (0.5 − 0.5 |x_i − x_j|/range)^r          success
       U_f  = 2 − 4 (0.5 + 0.5 |x_i − x_j|/range)^r          failure
       U_b  = 2 − 4 (0.5 − 0.25 (|x_i − μ| + |x_i − x_j|)/range)^r   status quo improves
       U_w  = 2 − 4 (0.5 + 0.25 (|x_i − μ| + |x_i − x_j|)/range)^r   status quo worsens
       U_sq = 2 − 4 (0.5)^r

4. expected utility of i challenging j::

       EU_ij = s_j (P_ij U_s + (1 − P_ij) U_f) + (1 − s_j) U_s
               − Q U_sq − (1 − Q) (T U_b + (1 − T) U_w)

5. risk: compute EU with r = 1; an actor's exposure is ``Σ_{j≠i} EU_ji`` (how much the others
   gain by challenging it); ``R_i = (2·exp_i − max exp − min exp)/(max exp − min exp)`` and
   ``r_i = (1 − R_i/3)/(1 + R_i/3)``; then recompute EU with these r;
6. offers: i challenges j when EU_ij > 0.  Each target keeps the challenge with the largest
   EU (ties: the nearest challenger) and answers it by comparing its own ``EU_ji`` with the
   challenger's ``EU_ij``: a conflict it loses (0 < EU_ji < EU_ij) or capitulation
   (EU_ji < 0 and |EU_ji| ≥ EU_ij) moves it to the challenger's position; compromise
   (EU_ji < 0, |EU_ji| < EU_ij) moves it the fraction |EU_ji / EU_ij| of the way.
   All moves of a round happen at once.

Where the paper (or BdM behind it) is ambiguous, and what we chose — see docs/negotiation.md:

* P: the paper's text sums only favourable votes over all absolute votes; one public
  replication takes the net vote instead.  We follow the text.
* Q, T: the probability that the status quo holds absent a challenge, and that it would
  change in i's favour.  Replications use Q = 1, T = 1 (so U_b, U_w drop out); we default to
  the same and expose both.
* Perception: BdM lets each actor estimate others' utilities with its own risk attitude;
  the paper's tables use each actor's own r for its own EU.  We use own r throughout.
* μ (in U_b, U_w) is the current c·s-weighted median; range is the spread of the
  *initial* positions (fixed across rounds so utilities stay comparable).
* The forecast of a round is the c·s-weighted mean of the positions (the 'mean' forecast
  BdM's published paths follow; the weighted median is reported alongside).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .models import weighted_median_of
from .scenario import IssueBatch


@dataclass
class EUResult:
    """Forecast path of the expected utility model for a batch of issues."""

    mean_path: np.ndarray  # (rounds + 1, B): weighted mean of positions, round 0 = input
    median_path: np.ndarray  # (rounds + 1, B)
    positions: np.ndarray  # (B, N) final positions
    moves: np.ndarray  # (rounds, B) number of actors that moved in each round

    @property
    def forecast(self) -> np.ndarray:
        return self.mean_path[-1]


def _win_probability(x: np.ndarray, w: np.ndarray, rng: np.ndarray,
                     net: bool = False) -> np.ndarray:
    """P[b, i, j]: share of the vote (weights w) that prefers x_i to x_j."""
    # v[b, i, j, k] = w_k (|x_k − x_j| − |x_k − x_i|) / range
    d = np.abs(x[:, None, :] - x[:, :, None])  # d[b, a, k] = |x_k − x_a|
    v = (d[:, None, :, :] - d[:, :, None, :]) * (w / rng[:, None])[:, None, None, :]
    top = np.clip(v.sum(axis=3), 0.0, None) if net else np.clip(v, 0.0, None).sum(axis=3)
    bottom = np.abs(v).sum(axis=3)
    return np.divide(top, bottom, out=np.zeros_like(top), where=bottom > 0)


def _expected_utility(x: np.ndarray, s: np.ndarray, r: np.ndarray, p: np.ndarray,
                      mu: np.ndarray, rng: np.ndarray, q: float, t: float) -> np.ndarray:
    """EU[b, i, j] of i challenging j, with i's risk exponent r_i."""
    dist = np.clip(np.abs(x[:, :, None] - x[:, None, :]) / rng[:, None, None], 0.0, 1.0)
    ri = r[:, :, None]
    u_s = 2.0 - 4.0 * (0.5 - 0.5 * dist) ** ri
    u_f = 2.0 - 4.0 * (0.5 + 0.5 * dist) ** ri
    u_sq = 2.0 - 4.0 * 0.5**ri
    sj = s[:, None, :]
    eu = sj * (p * u_s + (1.0 - p) * u_f) + (1.0 - sj) * u_s - q * u_sq
    if q < 1.0:
        far = np.clip(np.abs(x - mu[:, None]) / rng[:, None], 0.0, 1.0)[:, :, None]
        u_b = 2.0 - 4.0 * np.clip(0.5 - 0.25 * (far + dist), 0.0, None) ** ri
        u_w = 2.0 - 4.0 * (0.5 + 0.25 * (far + dist)) ** ri
        eu = eu - (1.0 - q) * (t * u_b + (1.0 - t) * u_w)
    return eu


def _risk(eu: np.ndarray, valid: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Risk exponents r_i from the exposure Σ_j EU_ji (step 5 of the module docstring)."""
    exposure = np.where(valid, eu, 0.0).sum(axis=1)  # sum over challengers j of EU[j, i]
    hi = np.where(mask, exposure, -np.inf).max(axis=1, keepdims=True)
    lo = np.where(mask, exposure, np.inf).min(axis=1, keepdims=True)
    span = hi - lo
    big_r = np.divide(2.0 * exposure - hi - lo, span, out=np.zeros_like(exposure),
                      where=span > 1e-12)
    return np.where(mask, (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0), 1.0)


def run_expected_utility(batch: IssueBatch, rounds: int = 10, q: float = 1.0,
                         t: float = 1.0, chunk: int = 256,
                         offer_rule: str = "strongest", net_votes: bool = False) -> EUResult:
    """Run the model for ``rounds`` rounds on every issue of the batch (vectorised)."""
    if batch.size > chunk:
        parts = [run_expected_utility(batch.take(np.arange(i, min(i + chunk, batch.size))),
                                      rounds, q, t, chunk, offer_rule, net_votes)
                 for i in range(0, batch.size, chunk)]
        return EUResult(
            mean_path=np.concatenate([p.mean_path for p in parts], axis=1),
            median_path=np.concatenate([p.median_path for p in parts], axis=1),
            positions=np.concatenate([p.positions for p in parts], axis=0),
            moves=np.concatenate([p.moves for p in parts], axis=1),
        )
    mask = batch.mask
    cap = np.where(mask, batch.capability, 0.0)
    s = np.where(mask, batch.salience, 0.0) / 100.0
    w = cap * s
    empty = w.sum(axis=1) <= 0
    if empty.any():
        w[empty] = mask[empty].astype(float)
    x = np.where(mask, batch.position, 0.0).astype(float)
    lo = np.where(mask, x, np.inf).min(axis=1)
    hi = np.where(mask, x, -np.inf).max(axis=1)
    rng = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    pair = mask[:, :, None] & mask[:, None, :] & ~np.eye(x.shape[1], dtype=bool)[None]
    wsum = w.sum(axis=1)
    means = [(w * x).sum(axis=1) / wsum]
    medians = [weighted_median_of(x, w, mask)]
    moves = []
    b_idx = np.arange(x.shape[0])[:, None]
    for _ in range(rounds):
        mu = medians[-1]
        p = _win_probability(x, w, rng, net_votes)
        ones = np.ones_like(x)
        eu1 = _expected_utility(x, s, ones, p, mu, rng, q, t)
        r = _risk(eu1, pair, mask)
        eu = _expected_utility(x, s, r, p, mu, rng, q, t)
        distinct = pair & (np.abs(x[:, :, None] - x[:, None, :]) > 1e-9)
        challenge = distinct & (eu > 0)  # challenge[b, i, j]: i challenges j
        # For each target j, the strongest challenger i (ties → nearest).
        near = np.abs(x[:, :, None] - x[:, None, :])
        if offer_rule == "strongest":
            score = np.where(challenge, eu, -np.inf)
            best_eu = score.max(axis=1, keepdims=True)
            tied = challenge & (score >= best_eu - 1e-12)
        else:
            tied = challenge
        pick = np.argmin(np.where(tied, near, np.inf), axis=1)  # (B, N): challenger of j
        has = challenge.any(axis=1)
        u_i = eu[b_idx, pick, np.arange(x.shape[1])[None, :]]  # challenger's EU_ij
        u_j = eu[b_idx, np.arange(x.shape[1])[None, :], pick]  # target's EU_ji
        target = x[b_idx, pick]
        lose = (u_j > 0) & (u_j < u_i)
        capitulate = (u_j <= 0) & (np.abs(u_j) >= u_i)
        compromise = (u_j < 0) & (np.abs(u_j) < u_i)
        frac = np.divide(np.abs(u_j), u_i, out=np.zeros_like(u_i), where=u_i > 0)
        new = np.where(has & (lose | capitulate), target, x)
        new = np.where(has & compromise, x + (target - x) * frac, new)
        new = np.where(mask, new, 0.0)
        moves.append((np.abs(new - x) > 1e-9).sum(axis=1))
        x = new
        means.append((w * x).sum(axis=1) / wsum)
        medians.append(weighted_median_of(x, w, mask))
    return EUResult(np.array(means), np.array(medians), x,
                    np.array(moves) if moves else np.zeros((0, x.shape[0]), dtype=int))


def expected_utility(batch: IssueBatch, rounds: int = 10) -> np.ndarray:
    """Forecast of the expected utility model: weighted mean position after ``rounds``."""
    return run_expected_utility(batch, rounds=rounds).forecast
