"""Benchmark: 1,000 issues × 30 actors — expected utility model (10 rounds) plus 1,000
Monte Carlo draws per issue of the default model, on one core.

Run: ``.venv/bin/python benchmarks/bench_forecast.py``.  Not a timed test; the target is
under a minute.  The Monte Carlo draws use the default model (the expected utility model's
O(N³) rounds × 1,000 draws × 1,000 issues would be ~10⁴ times the single run; the script
also times EU-model draws on a few issues and extrapolates, for the record).
"""

from __future__ import annotations

import os

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import time  # noqa: E402

import numpy as np  # noqa: E402

from parley.negotiation import DEFAULT_MODEL, MODELS  # noqa: E402
from parley.negotiation.expected_utility import run_expected_utility  # noqa: E402
from parley.negotiation.scenario import ActorEntry, Issue, pack  # noqa: E402
from parley.negotiation.uncertainty import monte_carlo  # noqa: E402

ISSUES, ACTORS, ROUNDS, DRAWS = 1000, 30, 10, 1000


def synthetic(seed: int = 0) -> list[Issue]:
    rng = np.random.default_rng(seed)
    issues = []
    for i in range(ISSUES):
        pos = rng.uniform(0, 100, ACTORS).round(1)
        spread = rng.uniform(0, 15, ACTORS)
        issues.append(Issue(f"i{i}", tuple(
            ActorEntry(f"a{j}", float(rng.uniform(0.1, 1)), float(pos[j]),
                       float(rng.uniform(10, 100)), "",
                       float(max(0.0, pos[j] - spread[j])), float(min(100.0, pos[j] + spread[j])))
            for j in range(ACTORS))))
    return issues


def main() -> None:
    issues = synthetic()
    batch = pack(issues)
    t0 = time.perf_counter()
    run_expected_utility(batch, rounds=ROUNDS)
    t_eu = time.perf_counter() - t0
    model = MODELS[DEFAULT_MODEL][0]
    t0 = time.perf_counter()
    for issue in issues:
        monte_carlo(issue, model, draws=DRAWS, seed=1)
    t_mc = time.perf_counter() - t0
    t0 = time.perf_counter()
    eu_fn = MODELS["expected_utility"][0]
    for issue in issues[:2]:
        monte_carlo(issue, eu_fn, draws=100, seed=1)
    t_eu_mc = (time.perf_counter() - t0) / 2 / 100
    print(f"expected utility model, {ISSUES} issues × {ACTORS} actors, {ROUNDS} rounds: {t_eu:.1f} s")
    print(f"Monte Carlo, {DRAWS} draws × {ISSUES} issues, default model ({DEFAULT_MODEL}): {t_mc:.1f} s")
    print(f"total: {t_eu + t_mc:.1f} s (target < 60 s, one core)")
    print(f"for the record: one EU-model draw (10 rounds, 30 actors) costs {1000 * t_eu_mc:.1f} ms")


if __name__ == "__main__":
    main()
