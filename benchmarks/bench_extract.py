"""Benchmark: parley extract against bare spaCy parsing of the same text.

Builds a corpus of at least 200 articles from the bundled examples (each article repeated with a
new id), then, each in a fresh subprocess so that peak memory is measured separately:

- parley: the full pipeline (segmentation, relevance test, parsing, actors, events) on every
  article, model loading excluded;
- spacy: ``nlp.pipe`` with en_core_web_sm over the same article texts (all components on);
- parley+minilm: the full pipeline with the optional sentence-embedding classifier
  (``classifier_embeddings``), only when its model package is installed.

Prints articles/s, sentences/s (sentences as parley splits them, the same count for both), peak
resident memory, and the throughput ratio parley/spacy. Usage:

    python benchmarks/bench_extract.py [--articles 200] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def corpus(n_articles: int) -> list[dict[str, str | None]]:
    from parley.ingest import read_inputs
    from parley.records import Document

    base = [d for d in read_inputs([EXAMPLES]) if isinstance(d, Document)]
    out: list[dict[str, str | None]] = []
    i = 0
    while len(out) < n_articles:
        doc = base[i % len(base)]
        out.append({"doc_id": f"{doc.doc_id}-{i}", "text": doc.text, "date": doc.date})
        i += 1
    return out


def run_mode(mode: str, n_articles: int) -> dict[str, float]:
    from parley.nlp import load_model, split_sentences
    from parley.records import Document

    articles = corpus(n_articles)
    sentences = sum(len(list(split_sentences(str(a["text"])))) for a in articles)
    nlp = load_model("")
    if mode in ("parley", "parley+minilm"):
        from parley.pipeline import Pipeline
        from parley.settings import Settings

        pipeline = Pipeline(Settings(classifier_embeddings=mode == "parley+minilm"), nlp=nlp)
        docs = [Document(doc_id=str(a["doc_id"]), text=str(a["text"]), date=a["date"]) for a in articles]
        pipeline.run_one(docs[0])  # warm caches (lexicon regex, matcher) outside the timing
        start = time.perf_counter()
        events = sum(len(r.events) for r in pipeline.run(docs))
        elapsed = time.perf_counter() - start
    else:
        texts = [str(a["text"]) for a in articles]
        list(nlp.pipe(texts[:2]))
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        elapsed = time.perf_counter() - start
        events = 0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": n_articles,
        "sentences": sentences,
        "seconds": elapsed,
        "articles_per_s": n_articles / elapsed,
        "sentences_per_s": sentences / elapsed,
        "peak_mb": peak_mb,
        "events": events,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--mode", choices=["parley", "spacy", "parley+minilm"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.articles)))
        return
    from parley.nlp import minilm

    modes = ("spacy", "parley", "parley+minilm") if minilm.available() else ("spacy", "parley")
    results = {}
    for mode in modes:
        proc = subprocess.run(
            [sys.executable, __file__, "--mode", mode, "--articles", str(args.articles)],
            check=True, capture_output=True, text=True,
        )
        results[mode] = json.loads(proc.stdout.strip().splitlines()[-1])
    ratio = results["parley"]["sentences_per_s"] / results["spacy"]["sentences_per_s"]
    if args.json:
        print(json.dumps({**results, "ratio": ratio}, indent=2))
        return
    print(f"corpus: {args.articles} articles, {results['parley']['sentences']} sentences (from examples/)")
    print(f"{'':<22}{'articles/s':>12}{'sentences/s':>13}{'peak MB':>10}{'seconds':>9}")
    labels = {"spacy": "bare spaCy nlp.pipe", "parley": "parley extract", "parley+minilm": "  + MiniLM classifier"}
    for mode in modes:
        r, label = results[mode], labels[mode]
        print(f"{label:<22}{r['articles_per_s']:>12.1f}{r['sentences_per_s']:>13.1f}{r['peak_mb']:>10.0f}{r['seconds']:>9.2f}")
    print(f"throughput ratio parley / spaCy: {ratio:.2f}x   ({results['parley']['events']} events coded)")
    if "parley+minilm" in results:
        extra = results["parley+minilm"]["sentences_per_s"] / results["spacy"]["sentences_per_s"]
        print(f"with the optional MiniLM classifier (classifier_embeddings): {extra:.2f}x")


if __name__ == "__main__":
    main()
