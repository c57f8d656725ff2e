"""Reproduce the fitted models' nested DEU III figures: ``python -m parley.negotiation.fit``.

No fitted model beat the compromise model out of sample (docs/negotiation.md), so nothing
fitted here is the default; this script exists so that anyone can rerun the search and see
the per-fold choices (round 2: :mod:`.learned`; round 3: :mod:`.mixture`), plus each round-3
family's fit on *all* issues, an optimistic bound on what the family could gain.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from ..settings import default_shared_data
from .backtest import DEU_RELATIVE, fold_assignment, paired_bootstrap
from .deu import load_deu
from .learned import FAST_PIPELINES, PIPELINES, nested_predictions
from .mixture import ALL_FAMILIES, FAMILIES, FAST_FAMILIES, fit_family, nested_family_predictions
from .models import compromise


def main(argv: list[str] | None = None) -> int:
    """``python -m parley.negotiation.fit [--shared-data DIR] [--all]``: nested figures.

    Prints, for each pipeline, the held-out MAE, the paired bootstrap interval against the
    compromise model, and the candidate chosen in each outer fold; with ``--all`` the slow
    boosted-tree pipelines and the round-3 ``select`` pipeline are included.
    """
    parser = argparse.ArgumentParser(prog="python -m parley.negotiation.fit")
    parser.add_argument("--shared-data", type=Path, default=None)
    parser.add_argument("--all", action="store_true",
                        help="include the boosted-tree pipelines and the round-3 select pipeline")
    args = parser.parse_args(argv)
    root = args.shared_data or default_shared_data()
    data = load_deu(root / DEU_RELATIVE)
    folds = fold_assignment(data.proposal)
    y = data.outcome
    base = np.abs(compromise(data.batch) - y)
    print(f"compromise: held-out MAE {base.mean():.3f}")
    for name, learners in PIPELINES.items():
        if name not in FAST_PIPELINES and not args.all:
            continue
        pred, chosen = nested_predictions(data.batch, y, folds, learners)
        err = np.abs(pred - y)
        diff, lo, hi = paired_bootstrap(err, base)
        print(f"{name}: held-out MAE {err.mean():.3f}, diff {diff:+.3f} [{lo:+.3f}, {hi:+.3f}]; "
              f"chosen per fold: {', '.join(chosen)}")
    for name in ALL_FAMILIES if args.all else FAST_FAMILIES:
        pred, chosen = nested_family_predictions(data.batch, y, folds, name)
        err = np.abs(pred - y)
        diff, lo, hi = paired_bootstrap(err, base)
        print(f"{name}: held-out MAE {err.mean():.3f}, diff {diff:+.3f} [{lo:+.3f}, {hi:+.3f}]; "
              f"fitted per fold: {'; '.join(chosen)}")
    for name in FAMILIES + ("median_mix_gridlock",):
        fn, desc = fit_family(name, data.batch, y, folds)
        print(f"{name} fitted on all issues (in-sample, optimistic): MAE "
              f"{np.abs(fn(data.batch) - y).mean():.3f} with {desc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
