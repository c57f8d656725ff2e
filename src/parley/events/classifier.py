"""A sentence classifier that arbitrates the pattern coder: features, model, training, storage.

The pattern coder proposes events; this classifier says what kind of event a parsed sentence
reports, from cheap features of the parse parley already computed (lemmas, lemma bigrams, root
verb, verb+object, the lexicon's verb class, negation and modal flags, actor mentions) and from
the pattern coder's own output; training keeps only some feature families (see
:mod:`.training`). Two multinomial logistic-regression heads share one feature vocabulary:

* ``penta``: the sentence's PentaClass (0 statement/appeal, 1 verbal cooperation, 2 material
  cooperation, 3 verbal conflict, 4 material conflict), trained on the ConfliBERT train split
  and, class-balanced and down-weighted, the lead sentences of the NGEC synthetic stories (their
  PLOVER type mapped to a class);
* ``type``: the PLOVER event type, trained on the NGEC lead sentences only.

Inference needs numpy only: a sparse dot product over the hashed-free, sorted vocabulary.
Optionally (``classifier-minilm.*``, used when the model package is installed) both heads also
read the sentence's all-MiniLM-L6-v2 embedding (:mod:`parley.nlp.minilm`, numpy too), scaled
and appended to the sparse row as dense features.
Training is a small full-batch Adam optimiser in numpy, deterministic for the same inputs
(fixed order, no threads, no random numbers), so ``make train`` rebuilds the same bytes.
:mod:`.arbiter` decides what to do with the probabilities.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ClassifierError, Messages
from ..records import EventRecord

log = logging.getLogger("parley")

DATA = Path(__file__).parent / "data"
WEIGHTS_PATH = DATA / "classifier.npz"
META_PATH = DATA / "classifier.json"
# the variant whose heads also read a sentence embedding (all-MiniLM-L6-v2); used instead of the
# sparse-only files above when the optional model package is installed
EMBEDDING_WEIGHTS_PATH = DATA / "classifier-minilm.npz"
EMBEDDING_META_PATH = DATA / "classifier-minilm.json"
PENTA_LABELS: tuple[int, ...] = (0, 1, 2, 3, 4)
# features describing the pattern coder's output start with this; training may leave them out
PATTERN_PREFIX = "pat:"
# fixed timestamp for the members of the weights archive, so that equal weights give equal bytes
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

Doc = Any  # spacy.tokens.Doc
Mention = Any  # parley.actors.matcher.Mention


# ---------------------------------------------------------------------------------------------
# features


def _lemma(tok: Any) -> str:
    return str(tok.lemma_).lower()


def feature_family(name: str) -> str:
    """The family a feature belongs to ("b" for "b=of_ACTOR", "neg" for "neg"): training keeps
    or drops whole families."""
    if name.startswith(PATTERN_PREFIX):
        return PATTERN_PREFIX
    return name.split("=", 1)[0]


def _verb_root(lemma: str, lexicon: Any) -> str | None:
    """The CAMEO root of a verb's most general row in the lexicon (its catch-all meaning)."""
    rows = lexicon.patterns_for(lemma) if lexicon is not None else []
    if not rows:
        return None
    general = min(rows, key=lambda p: (p.specificity, p.cameo))
    return str(general.cameo)[:2]


def sentence_features(doc: Doc, mentions: Sequence[Mention], events: Sequence[EventRecord],
                      lexicon: Any = None) -> list[str]:
    """Feature names of one parsed sentence, sorted and without duplicates.

    Actor mentions are replaced by a placeholder so that "Russia attacked" and "Mali attacked"
    look alike; the pattern coder's events add their type, CAMEO root and factuality. With a
    lexicon, each verb also gives the CAMEO root of its catch-all row (``vr=``), a coarse verb
    class that transfers to verbs seen rarely in training, and a reporting root gives ``report``.
    """
    in_mention: set[int] = {i for m in mentions for i in range(m.start, m.end)}
    feats: set[str] = set()
    words: list[str] = []
    for tok in doc:
        if tok.is_punct or tok.is_space:
            continue
        if tok.i in in_mention:
            if not words or words[-1] != "ACTOR":
                words.append("ACTOR")
            continue
        lemma = _lemma(tok)
        if tok.like_num:
            lemma = "NUM"
        words.append(lemma)
        if tok.is_alpha and not tok.is_stop:
            feats.add(f"w={lemma}")
    for first, second in zip(words, words[1:], strict=False):
        feats.add(f"b={first}_{second}")
    for tok in doc:
        if tok.pos_ not in {"VERB", "AUX"} and tok.dep_ != "ROOT":
            continue
        lemma = _lemma(tok)
        if tok.dep_ == "ROOT":
            feats.add(f"root={lemma}")
            if lexicon is not None and lemma in lexicon.cue("reporting_verbs"):
                feats.add("report")
        if tok.pos_ != "VERB":
            continue
        feats.add(f"v={lemma}")
        verb_root = _verb_root(lemma, lexicon)
        if verb_root is not None:
            feats.add(f"vr={verb_root}")
        for child in tok.children:
            dep = child.dep_
            if dep in {"dobj", "attr", "nsubjpass"}:
                obj = "ACTOR" if child.i in in_mention else _lemma(child)
                feats.add(f"vo={lemma}_{obj}")
            elif dep == "prep":
                feats.add(f"vp={lemma}_{child.lower_}")
            elif dep == "neg":
                feats.add("neg")
                feats.add(f"neg={lemma}")
            elif dep == "aux" and child.tag_ == "MD":
                feats.add(f"modal={_lemma(child)}")
            elif dep in {"nsubj", "agent"} and any(t.i in in_mention for t in child.subtree):
                feats.add("subj_actor")
                feats.add(f"sv={lemma}")
    n_actors = len({(m.start, m.end) for m in mentions})
    feats.add(f"actors={min(n_actors, 3)}")
    if not events:
        feats.add(f"{PATTERN_PREFIX}none")
    top: EventRecord | None = None
    for event in events:
        feats.add(f"{PATTERN_PREFIX}type={event.event_type}")
        feats.add(f"{PATTERN_PREFIX}root={event.cameo[:2]}_{event.factuality}")
        if top is None or event.confidence > top.confidence:
            top = event
    if top is not None:
        feats.add(f"{PATTERN_PREFIX}top={top.cameo[:2]}_{top.factuality}")
        feats.add(f"{PATTERN_PREFIX}toptype={top.event_type}")
    return sorted(feats)


# ---------------------------------------------------------------------------------------------
# model


# ---------------------------------------------------------------------------------------------
# sentence embeddings (optional dense features)


def _minilm(texts: Sequence[str]) -> np.ndarray:
    from ..nlp import minilm  # imported late: only an embedding model needs it

    return minilm.encode(texts)


def _minilm_available() -> bool:
    from ..nlp import minilm

    return minilm.available()


# name recorded in the model -> (embed texts as unit rows, is the model package installed?)
EMBEDDINGS: dict[str, tuple[Callable[[Sequence[str]], np.ndarray], Callable[[], bool]]] = {
    "all-MiniLM-L6-v2": (_minilm, _minilm_available),
}


def embed(name: str, texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings ``name`` of ``texts``; :class:`ClassifierError` E094 for an unknown
    name, E092 when its model package is not installed."""
    if name not in EMBEDDINGS:
        raise ClassifierError(Messages.E094.format(value=name, choices=", ".join(sorted(EMBEDDINGS))), "E094")
    return EMBEDDINGS[name][0](texts)


def embedding_available(name: str) -> bool:
    return name in EMBEDDINGS and EMBEDDINGS[name][1]()


@dataclass
class Head:
    """One multinomial logistic regression: weights (features x labels) and biases, and, for a
    model that reads a sentence embedding, the weights of its dimensions (dims x labels)."""

    labels: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    dense: np.ndarray | None = None

    def probabilities(self, rows: Sequence[Sequence[int]], dense: np.ndarray | None = None) -> np.ndarray:
        """``dense``: one (already scaled) embedding row per row; required when the head has
        dense weights."""
        scores = np.tile(self.bias, (len(rows), 1))
        for r, row in enumerate(rows):
            if row:
                scores[r] += self.weights[list(row)].sum(axis=0) / np.sqrt(len(row))
        if self.dense is not None:
            if dense is None:
                raise ValueError("this head reads sentence embeddings: pass them")
            scores += np.asarray(dense, dtype=np.float64) @ self.dense
        return _softmax(scores)


@dataclass
class Classifier:
    """The two heads, the feature vocabulary, and the arbitration parameters chosen out of fold."""

    vocabulary: dict[str, int]
    penta: Head
    type: Head
    params: dict[str, Any] = field(default_factory=dict)
    representative: dict[str, str] = field(default_factory=dict)  # "TYPE/class" -> CAMEO code
    meta: dict[str, Any] = field(default_factory=dict)
    embedding: str | None = None  # the sentence embedding the heads read (a key of EMBEDDINGS)
    embedding_scale: float = 1.0  # its unit vector is multiplied by this before the dense weights
    # sentence -> embedding computed ahead by prefetch(); predict() reads it instead of encoding
    _ahead: dict[str, np.ndarray] = field(default_factory=dict, init=False, repr=False, compare=False)

    def prefetch(self, texts: Sequence[str]) -> None:
        """Embed the sentences ``texts`` now, in one call (the encoder stacks their rows, which is
        about twice as fast as one by one), for the next :meth:`predict` calls to read; replaces
        what an earlier call kept. Each vector has the same bits as when its sentence is embedded
        alone (:meth:`parley.nlp.minilm.MiniLM.encode_ids`), so events do not change."""
        self._ahead = {}
        if self.embedding is not None and texts:
            unique = list(dict.fromkeys(texts))  # a repeated sentence (a dateline, a quote) once
            self._ahead = dict(zip(unique, embed(self.embedding, unique), strict=True))

    def encode(self, features: Iterable[str]) -> list[int]:
        vocab = self.vocabulary
        return sorted(vocab[f] for f in features if f in vocab)

    def predict(self, features: Sequence[str], text: str = "") -> tuple[np.ndarray, np.ndarray]:
        """PentaClass probabilities (5) and PLOVER type probabilities (``type.labels``); ``text``
        is the sentence, embedded only when the model reads an embedding."""
        row = [self.encode(features)]
        dense = None
        if self.embedding is not None:
            ahead = self._ahead.get(text)
            vector = ahead[None, :] if ahead is not None else embed(self.embedding, [text])
            dense = vector * self.embedding_scale
        return self.penta.probabilities(row, dense)[0], self.type.probabilities(row, dense)[0]


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    out: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
    return out


@dataclass
class TrainConfig:
    """Hyper-parameters of one head."""

    l2: float = 1e-3
    iterations: int = 300
    learning_rate: float = 0.05


def fit_head(rows: Sequence[Sequence[int]], labels: Sequence[int], n_features: int, n_labels: int,
             weights: Sequence[float] | None = None, config: TrainConfig | None = None,
             dense: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Weighted, L2-regularised softmax regression by full-batch Adam; deterministic.

    Rows are sets of feature indices (binary features, each row scaled to unit length). With
    ``dense`` (one row of real values per row, e.g. a scaled sentence embedding), the returned
    weights have ``n_features + dense.shape[1]`` rows: the sparse features', then the dense
    dimensions'. The dense products are einsum loops, not BLAS, so that the sums are in a fixed
    order whatever the thread count (same inputs, same bits).
    """
    config = config or TrainConfig()
    n = len(rows)
    if dense is not None:
        dense = np.ascontiguousarray(dense, dtype=np.float64)
        if dense.shape[0] != n:
            raise ValueError(f"{dense.shape[0]} dense rows for {n} rows")
        Wd = np.zeros((dense.shape[1], n_labels))
        mWd, vWd = np.zeros_like(Wd), np.zeros_like(Wd)
    lengths = np.array([len(r) for r in rows], dtype=np.int64)
    indices = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(lengths.sum()))
    row_of = np.repeat(np.arange(n), lengths)
    scale = np.where(lengths > 0, 1.0 / np.sqrt(np.maximum(lengths, 1)), 0.0)
    nz_scale = scale[row_of][:, None]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    y = np.zeros((n, n_labels))
    y[np.arange(n), np.asarray(labels, dtype=np.int64)] = 1.0
    w_row = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    w_row = w_row / w_row.sum()
    W = np.zeros((n_features, n_labels))
    b = np.zeros(n_labels)
    mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    nonempty = lengths > 0
    # the gradient sums over rows per feature: sort the non-zeros by feature once, then every
    # step is a reduceat (fixed order, so the sums are the same bits every run)
    by_feature = np.argsort(indices, kind="stable")
    features_present, first = np.unique(indices[by_feature], return_index=True)
    row_sorted = row_of[by_feature]
    scale_sorted = nz_scale[by_feature]
    for step in range(1, config.iterations + 1):
        scores = np.tile(b, (n, 1))
        if indices.size:
            contrib = W[indices] * nz_scale
            sums = np.add.reduceat(contrib, starts[nonempty], axis=0)
            scores[nonempty] += sums
        if dense is not None:
            scores += np.einsum("nd,dk->nk", dense, Wd, optimize=False)
        grad_scores = (_softmax(scores) - y) * w_row[:, None]
        gW = config.l2 * W
        if indices.size:
            gW[features_present] += np.add.reduceat(grad_scores[row_sorted] * scale_sorted, first, axis=0)
        gb = grad_scores.sum(axis=0)
        c1, c2 = 1 - beta1**step, 1 - beta2**step
        if dense is not None:
            gWd = config.l2 * Wd + np.einsum("nd,nk->dk", dense, grad_scores, optimize=False)
            mWd = beta1 * mWd + (1 - beta1) * gWd
            vWd = beta2 * vWd + (1 - beta2) * gWd * gWd
            Wd -= config.learning_rate * (mWd / c1) / (np.sqrt(vWd / c2) + eps)
        mW = beta1 * mW + (1 - beta1) * gW
        vW = beta2 * vW + (1 - beta2) * gW * gW
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb * gb
        W -= config.learning_rate * (mW / c1) / (np.sqrt(vW / c2) + eps)
        b -= config.learning_rate * (mb / c1) / (np.sqrt(vb / c2) + eps)
    if dense is not None:
        return np.concatenate([W, Wd]), b
    return W, b


def build_vocabulary(feature_lists: Iterable[Sequence[str]], min_count: int = 2) -> dict[str, int]:
    """Features seen in at least ``min_count`` training rows, in sorted order."""
    counts: Counter[str] = Counter()
    for feats in feature_lists:
        counts.update(set(feats))
    return {name: i for i, name in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}


# ---------------------------------------------------------------------------------------------
# storage


def _npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def weights_bytes(classifier: Classifier) -> bytes:
    """The weights archive (an .npz numpy can read) with fixed member dates: same weights, same bytes."""
    arrays = {
        "penta_weights": classifier.penta.weights.astype(np.float32),
        "penta_bias": classifier.penta.bias.astype(np.float32),
        "type_weights": classifier.type.weights.astype(np.float32),
        "type_bias": classifier.type.bias.astype(np.float32),
    }
    for name, head in (("penta", classifier.penta), ("type", classifier.type)):
        if head.dense is not None:
            arrays[f"{name}_dense"] = head.dense.astype(np.float32)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, _npy_bytes(arrays[name]))
    return buffer.getvalue()


def save_classifier(classifier: Classifier, weights_path: Path = WEIGHTS_PATH, meta_path: Path = META_PATH) -> None:
    """Write the weights archive and the JSON (vocabulary, labels, parameters, provenance)."""
    blob = weights_bytes(classifier)
    weights_path.write_bytes(blob)
    meta = dict(classifier.meta)
    meta["artifact"] = {"file": weights_path.name, "bytes": len(blob), "sha256": hashlib.sha256(blob).hexdigest()}
    document = {
        "meta": meta,
        "params": classifier.params,
        "penta_labels": list(classifier.penta.labels),
        "type_labels": list(classifier.type.labels),
        "representative": dict(sorted(classifier.representative.items())),
        "vocabulary": sorted(classifier.vocabulary, key=classifier.vocabulary.__getitem__),
    }
    if classifier.embedding is not None:
        dims = classifier.penta.dense.shape[0] if classifier.penta.dense is not None else 0
        document["embedding"] = {"name": classifier.embedding, "scale": classifier.embedding_scale, "dims": dims}
    meta_path.write_text(json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def _shipped_paths(embeddings: bool) -> tuple[Path, Path]:
    """The embedding model's files when ``embeddings`` asks for them, else the sparse-only ones.
    Asking for embeddings without the embedding package installed is an error (E092): the user
    chose them, so a quiet fall-back would misreport what coded the events."""
    if not embeddings:
        return WEIGHTS_PATH, META_PATH
    try:
        name = json.loads(EMBEDDING_META_PATH.read_text(encoding="utf-8")).get("embedding", {}).get("name")
    except (OSError, ValueError) as exc:
        raise ClassifierError(Messages.E080.format(path=EMBEDDING_META_PATH, detail=exc), "E080") from exc
    if name is None or not EMBEDDING_WEIGHTS_PATH.exists():
        raise ClassifierError(Messages.E080.format(path=EMBEDDING_WEIGHTS_PATH, detail="no embedding model"), "E080")
    if not embedding_available(str(name)):
        raise ClassifierError(Messages.E092, "E092")
    return EMBEDDING_WEIGHTS_PATH, EMBEDDING_META_PATH


def load_classifier(weights_path: Path | None = None, meta_path: Path | None = None, *,
                    embeddings: bool = False) -> Classifier | None:
    """A classifier, or None when its files are absent (the stage then does nothing).

    Without paths: the shipped sparse-only model, or with ``embeddings`` (the setting
    ``classifier_embeddings``) the variant that also reads sentence embeddings
    (``classifier-minilm.*``; E092 when its package is not installed). Raises
    :class:`ClassifierError` when the files exist but do not fit together.
    """
    if weights_path is None or meta_path is None:
        weights_path, meta_path = _shipped_paths(embeddings)
    if not weights_path.exists() or not meta_path.exists():
        return None
    try:
        document = json.loads(meta_path.read_text(encoding="utf-8"))
        vocabulary = {name: i for i, name in enumerate(document["vocabulary"])}
        heads = []
        with np.load(weights_path, allow_pickle=False) as arrays:
            for name, labels in (("penta", document["penta_labels"]), ("type", document["type_labels"])):
                dense = arrays[f"{name}_dense"].astype(np.float64) if f"{name}_dense" in arrays.files else None
                heads.append(Head(tuple(str(x) for x in labels), arrays[f"{name}_weights"].astype(np.float64),
                                  arrays[f"{name}_bias"].astype(np.float64), dense))
        embedding = document.get("embedding")
        embedding_name = str(embedding["name"]) if embedding else None
        scale = float(embedding["scale"]) if embedding else 1.0
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
        raise ClassifierError(Messages.E080.format(path=weights_path, detail=exc), "E080") from exc
    penta, type_head = heads
    for head in (penta, type_head):
        if head.weights.shape != (len(vocabulary), len(head.labels)):
            detail = f"weights {head.weights.shape} do not fit {len(vocabulary)} features x {len(head.labels)} labels"
            raise ClassifierError(Messages.E080.format(path=weights_path, detail=detail), "E080")
        if (head.dense is not None) != (embedding_name is not None) or (
                head.dense is not None and embedding and head.dense.shape != (int(embedding["dims"]), len(head.labels))):
            detail = "embedding weights and the recorded embedding do not match"
            raise ClassifierError(Messages.E080.format(path=weights_path, detail=detail), "E080")
    if embedding_name is not None and embedding_name not in EMBEDDINGS:
        raise ClassifierError(Messages.E094.format(value=embedding_name, choices=", ".join(sorted(EMBEDDINGS))), "E094")
    return Classifier(vocabulary, penta, type_head, params=document.get("params", {}),
                      representative=document.get("representative", {}), meta=document.get("meta", {}),
                      embedding=embedding_name, embedding_scale=scale)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
