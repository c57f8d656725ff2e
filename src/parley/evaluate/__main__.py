"""``python -m parley.evaluate --out reports``: run the evaluations and write their reports."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import run_all


def main() -> None:
    parser = argparse.ArgumentParser(description="Run parley's evaluations.")
    parser.add_argument("--out", default="reports", help="folder for the reports")
    args = parser.parse_args()
    results = run_all(Path(args.out))
    for name in results:
        print(f"{name}: reports written to {args.out}/")


main()
