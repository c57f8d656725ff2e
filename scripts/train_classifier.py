"""Train the event classifier and write it under src/parley/events/data (``make train``).

A thin wrapper over :func:`parley.events.training.train`: reads the ConfliBERT train split and
the NGEC synthetic stories from the shared data folder, measures the chosen setting on both dev
sets (ConfliBERT train out of fold, held-out NGEC stories out of domain), tunes the thresholds
there, fits, and writes classifier.npz and classifier.json. ``--search`` instead prints both dev
figures for every setting of ``training.SEARCH`` (the table in docs/classifier.md) and writes
nothing. Usage:

    python scripts/train_classifier.py [--shared-data PATH] [--limit N] [--no-tune] [--search]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from parley.errors import ParleyError
from parley.events.arbiter import EventMaker
from parley.events.classifier import META_PATH, WEIGHTS_PATH, save_classifier
from parley.events.training import collect, search, train
from parley.settings import default_shared_data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-data", type=Path, default=None, help="folder holding events/ (default ../shared/data)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N items of each source (a quick check)")
    parser.add_argument("--no-tune", action="store_true", help="skip the out-of-fold search (a quick check)")
    parser.add_argument("--search", action="store_true", help="print the dev figures of every searched setting")
    parser.add_argument("--out", type=Path, default=None, help="folder to write to (default: the package data folder)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    shared_data = args.shared_data or default_shared_data()
    try:
        if args.search:
            conf, ngec, pipeline = collect(shared_data, limit=args.limit)
            report = search(conf, ngec, EventMaker(pipeline.coder))
            print(json.dumps(report, indent=1, sort_keys=True))
            return 0
        classifier = train(shared_data, limit=args.limit, tune_params=not args.no_tune)
    except ParleyError as exc:
        print(f"Error: {exc.line()}", file=sys.stderr)
        return 1
    weights, meta = WEIGHTS_PATH, META_PATH
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        weights, meta = args.out / WEIGHTS_PATH.name, args.out / META_PATH.name
    save_classifier(classifier, weights, meta)
    chosen = classifier.meta.get("dev", {}).get("chosen")
    print(f"wrote {weights} and {meta}")
    if chosen:
        print("dev:", json.dumps(chosen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
