"""Monte Carlo intervals over the analysts' low/high bounds, and one-at-a-time sensitivity.

Both work by building many perturbed copies of one issue and forecasting them in one
vectorised call, so any model of the registry can be used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .scenario import Issue, IssueBatch, pack

Model = Callable[[IssueBatch], np.ndarray]


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    median: float
    draws: int
    level: float


def _repeat(batch: IssueBatch, times: int) -> IssueBatch:
    return batch.take(np.zeros(times, dtype=int))


def monte_carlo(issue: Issue, model: Model, draws: int = 1000, seed: int = 0,
                level: float = 0.9) -> Interval | None:
    """Forecast interval when positions are uncertain; ``None`` if no actor has low/high.

    Each actor's position is drawn from a triangular distribution with its stated position
    as the mode and ``low``/``high`` as the ends (a missing bound means the position itself),
    independently across actors.  Symmetric bounds give a distribution centred on the
    position, so for the (linear) compromise model the interval contains the point forecast.
    """
    if not issue.has_uncertainty:
        return None
    batch = pack([issue])
    pos = np.array([a.position for a in issue.actors])
    low = np.array([a.position if a.low is None else a.low for a in issue.actors])
    high = np.array([a.position if a.high is None else a.high for a in issue.actors])
    rng = np.random.default_rng(seed)
    width = high - low
    safe = np.where(width > 0, width, 1.0)
    mode = np.where(width > 0, (pos - low) / safe, 0.5)
    u = rng.random((draws, len(pos)))
    # Inverse CDF of the triangular distribution on [0, 1] with mode m.
    left = np.sqrt(u * mode)
    right = 1.0 - np.sqrt((1.0 - u) * (1.0 - mode))
    unit = np.where(u < mode, left, right)
    sample = np.where(width > 0, low + unit * width, pos)
    rep = _repeat(batch, draws)
    rep = rep.replace_arrays(position=sample)
    values = model(rep)
    tail = (1.0 - level) / 2.0 * 100.0
    lo, mid, hi = np.percentile(values, [tail, 50.0, 100.0 - tail])
    return Interval(float(lo), float(hi), float(mid), draws, level)


@dataclass(frozen=True)
class Influence:
    actor: str
    input: str  # position | salience | capability
    shift: float  # forecast change (absolute, larger of the two directions)


def sensitivity(issue: Issue, model: Model, step_position: float = 10.0,
                factor: float = 0.25) -> list[Influence]:
    """Which input moves the forecast most: ranked, largest first.

    Each actor's position is moved ±``step_position`` points (clipped to 0–100) and its
    salience and capability scaled by 1 ± ``factor``, one input at a time; the influence
    is the larger absolute change of the forecast.
    """
    batch = pack([issue])
    n = len(issue.actors)
    base = float(model(batch)[0])
    copies = _repeat(batch, 6 * n)
    pos = copies.position.copy()
    sal = copies.salience.copy()
    cap = copies.capability.copy()
    for i in range(n):
        pos[6 * i, i] = min(100.0, pos[6 * i, i] + step_position)
        pos[6 * i + 1, i] = max(0.0, pos[6 * i + 1, i] - step_position)
        sal[6 * i + 2, i] = min(100.0, sal[6 * i + 2, i] * (1 + factor))
        sal[6 * i + 3, i] = sal[6 * i + 3, i] * (1 - factor)
        cap[6 * i + 4, i] = cap[6 * i + 4, i] * (1 + factor)
        cap[6 * i + 5, i] = cap[6 * i + 5, i] * (1 - factor)
    out = model(copies.replace_arrays(position=pos, salience=sal, capability=cap))
    shifts = np.abs(out - base).reshape(n, 3, 2).max(axis=2)
    result = [Influence(issue.actors[i].actor, kind, float(shifts[i, k]))
              for i in range(n) for k, kind in enumerate(("position", "salience", "capability"))]
    return sorted(result, key=lambda r: -r.shift)
