"""Synthetic negotiation batches shared by the negotiation tests (random, no real data)."""

from __future__ import annotations

import numpy as np

from parley.negotiation.scenario import ActorEntry, Issue, pack


def random_batch(n_issues: int, seed: int):
    """``n_issues`` random issues of 4-8 actors on a five-point scale: an agenda setter and a veto
    player each, a reference at an end of the scale on three issues in four, unanimity on every third."""
    rng = np.random.default_rng(seed)
    issues = []
    for k in range(n_issues):
        n = int(rng.integers(4, 9))
        roles = ["agenda_setter", "veto_player"] + [""] * (n - 2)
        pos = rng.choice([0, 20, 50, 80, 100], size=n)
        sal = rng.integers(10, 100, size=n)
        ref = None if k % 4 == 0 else float(rng.choice([0, 100]))
        rule = "unanimity" if k % 3 == 0 else "qualified_majority"
        issues.append(Issue(f"i{k}", tuple(ActorEntry(f"a{i}", 1.0, float(pos[i]), float(sal[i]),
                                                      roles[i]) for i in range(n)), ref, rule))
    return pack(issues)
