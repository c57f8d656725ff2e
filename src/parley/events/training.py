"""Training the event classifier (``make train``): data, out-of-fold tuning, the final fit.

Training data, and nothing else: the ConfliBERT *train* split (PentaClass labels, read through
:func:`parley.evaluate.readers.conflibert.read`, which drops near-copies of held-out sentences)
and the lead sentence of each NGEC synthetic story (PLOVER type labels; synthetic, so training
material only). Every choice (features, regularisation, the weight of the synthetic rows, the
arbitration thresholds) is made on two dev figures: out-of-fold (OOF) accuracy over the
ConfliBERT train split with fixed folds, and out-of-domain (OOD) accuracy on the lead sentences
of a fixed 30% of the NGEC stories held out of all training (their PLOVER type mapped to a
PentaClass). OOF alone rewards fitting the split the lexicon was grown on; OOD catches that.
Neither figure lets a step see what it is scored on: each fold's model builds its own vocabulary,
near-copies share a fold, and the thresholds are nested (:func:`evaluate_setting`).

Each sentence is run through the normal pipeline once with the classify stage replaced by a
:class:`Recorder`, which keeps the sentence's features, the pattern coder's events and the event
the arbiter would emit; tuning then replays :func:`.arbiter.decide` on those records, so the
out-of-fold figures are those of the shipped stage.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import logging
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ClassifierError, Messages
from ..evaluate.gold import text_key
from ..evaluate.readers import conflibert
from ..evaluate.readers.conflibert import NEAR_DUPLICATE
from ..evaluate.scoring import PREDICTED_FACTUALITY, predicted_class, scored
from ..nlp import split_sentences
from ..nlp.segment import dateline_end
from ..pipeline import Pipeline
from ..records import Document, EventRecord
from ..settings import Settings
from .arbiter import EventMaker, decide, event_class
from .classifier import (
    PATTERN_PREFIX,
    PENTA_LABELS,
    Classifier,
    Head,
    TrainConfig,
    build_vocabulary,
    embed,
    feature_family,
    file_digest,
    fit_head,
    sentence_features,
)
from .coder import DocumentContext

log = logging.getLogger("parley")

NGEC_FILE = "events/ngec_synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip"
CONFLIBERT_FILE = "events/conflibert_cameo/cameo_class_train.tsv"
# fixed folds: item i of the ConfliBERT train split goes to fold PERMUTATION[i] % FOLDS
FOLDS = 5
SEED = 20260
# thresholds are probabilities of the classifier's top class
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.1)  # 1.1 means "never"
L2_TYPE = 1e-3
# the out-of-domain dev check: this share (per cent) of the NGEC stories, by a hash of the story
# id, is held out of all training while the dev figures are measured
DEV_SHARE = 30
# The pattern coder's output is left out of the features. Its lexicon was grown from the errors
# on this very split, so on it the patterns look far more reliable than on unseen text (dev
# accuracy 0.84 against 0.64 held out) and out-of-fold tuning cannot see that; a classifier fed
# with them learns to trust them that much. Out of fold, text-and-parse features alone reach
# 0.90, patterns included 0.93: the gap is the part we cannot trust. The classifier is thus an
# independent second opinion, and the patterns enter through the arbitration only.
PATTERN_FEATURES = False


@dataclass(frozen=True)
class Setting:
    """One configuration of the PentaClass head and its features."""

    drop: tuple[str, ...] = ()  # feature families left out (see classifier.feature_family)
    min_count: int = 2
    l2: float = 3e-6
    synthetic_weight: float = 0.0  # NGEC training rows in the penta head, relative total weight
    balanced: bool = False  # class-balanced row weights within each source
    embedding: str | None = None  # a sentence embedding both heads also read (classifier.EMBEDDINGS)
    embedding_scale: float = 1.0  # the unit embedding's length beside the unit-length sparse row


# Chosen by the rule stated in docs/classifier.md, fixed before the search: the largest mean of
# OOF and OOD accuracy; a setting whose penta head learns from NGEC rows has seen the OOD
# distribution, so it counts only if its OOF accuracy is within OOF_GUARD of the best setting
# without them. Lemma bigrams and the lexicon's verb class (vr=, report) are left out.
# Re-checked on the leak-free objective (26 November): select() then picks a setting without NGEC
# rows at 0.649 against CHOSEN's 0.663, under the +0.010 bar fixed beforehand, so CHOSEN stays.
OOF_GUARD = 0.005
_PLAIN = ("b", "vr", "report")
CHOSEN = Setting(drop=_PLAIN, l2=3e-5, synthetic_weight=0.3, balanced=True)
# the variant that also reads the all-MiniLM-L6-v2 sentence embedding (optional package; see
# docs/classifier.md): same recipe, the unit embedding scaled beside the unit-length sparse row
EMBEDDING_CHOSEN: Setting | None = replace(CHOSEN, embedding="all-MiniLM-L6-v2", embedding_scale=0.5)
# the settings of the table in docs/classifier.md (``train_classifier.py --search``)
SEARCH: tuple[Setting, ...] = (
    Setting(),
    Setting(drop=("vr", "report")),
    Setting(drop=("b",)),
    Setting(drop=("b", "w"), l2=3e-5),
    Setting(drop=("b",), l2=3e-5),
    Setting(drop=("b",), l2=1e-4),
    Setting(drop=("b",), l2=1e-4, balanced=True),
    Setting(drop=("b",), min_count=3, l2=3e-5),
    Setting(drop=_PLAIN, l2=3e-5),
    Setting(drop=("vr", "report"), synthetic_weight=0.1),
    Setting(drop=("b",), l2=3e-5, synthetic_weight=0.1),
    Setting(drop=("b",), l2=3e-5, synthetic_weight=0.3),
    Setting(drop=("b",), l2=3e-5, synthetic_weight=0.1, balanced=True),
    Setting(drop=_PLAIN, l2=3e-5, synthetic_weight=0.1),
    Setting(drop=_PLAIN, l2=3e-5, synthetic_weight=0.2),
    Setting(drop=_PLAIN, l2=3e-5, synthetic_weight=0.2, balanced=True),
    CHOSEN,
    Setting(drop=_PLAIN, l2=3e-5, synthetic_weight=0.5, balanced=True),
)


# the MiniLM rows of the embedding table in docs/classifier.md (``--search-embedding``)
_MINILM = "all-MiniLM-L6-v2"


def _no_ngec(setting: Setting) -> Setting:
    return replace(setting, synthetic_weight=0.0, balanced=False)


EMBEDDING_SEARCH: tuple[Setting, ...] = (
    CHOSEN,
    _no_ngec(CHOSEN),
    *(replace(CHOSEN, embedding=_MINILM, embedding_scale=s) for s in (0.25, 0.5, 1.0, 2.0, 4.0)),
    replace(CHOSEN, embedding=_MINILM, embedding_scale=0.5, synthetic_weight=0.2),
    replace(CHOSEN, embedding=_MINILM, embedding_scale=0.5, synthetic_weight=0.5),
    replace(CHOSEN, embedding=_MINILM, embedding_scale=1.0, synthetic_weight=0.2),
    replace(CHOSEN, embedding=_MINILM, embedding_scale=0.5, l2=1e-4),
    *(_no_ngec(replace(CHOSEN, embedding=_MINILM, embedding_scale=s)) for s in (0.5, 1.0, 2.0)),
    replace(CHOSEN, drop=("w", "b", "root", "report", "v", "vr", "vo", "vp", "neg", "modal", "subj_actor", "sv",
                          "actors"), embedding=_MINILM, embedding_scale=2.0),
)


@dataclass
class Record:
    """One coded sentence as the classify stage sees it."""

    doc_id: str
    sentence_index: int
    features: list[str]
    events: list[EventRecord]
    proto: EventRecord | None  # the event the arbiter would add (any CAMEO code), or None
    generic: list[bool] = field(default_factory=list)  # per event: from a catch-all pattern?
    text: str = ""  # the sentence text (what a sentence embedding is computed from)
    vectors: dict[str, np.ndarray] = field(default_factory=dict)  # embedding name -> unit vector


@dataclass
class Example:
    """A training unit: an item's records and its labels."""

    item_id: str
    records: list[Record] = field(default_factory=list)
    penta: int | None = None
    plover: str | None = None
    text: str = ""  # the item's text (near-copies within the split share a fold: fold_assignment)


class Recorder(EventMaker):
    """Stands in for the classify stage while collecting training data: records, changes nothing."""

    def __init__(self, pipeline: Pipeline) -> None:
        super().__init__(pipeline.coder)
        self.records: dict[str, list[Record]] = defaultdict(list)

    def arbitrate(self, doc: Any, mentions: list[Any], events: list[EventRecord], *, context: DocumentContext,
                  doc_id: str, sentence_index: int, offset: int) -> list[EventRecord]:
        proto = self.new_event(doc, mentions, "190", 0.5, context=context, doc_id=doc_id,
                               sentence_index=sentence_index, offset=offset)
        self.records[doc_id].append(Record(doc_id, sentence_index, sentence_features(doc, mentions, events, self.lex),
                                           list(events), proto, [self.is_generic(doc, e, offset) for e in events],
                                           str(doc.text)))
        return events


# ---------------------------------------------------------------------------------------------
# data


def read_ngec(shared_data: Path) -> list[tuple[str, str, str]]:
    """(id, lead sentence, PLOVER type) of each NGEC synthetic story, in file order."""
    path = shared_data / NGEC_FILE
    if not path.exists():
        raise ClassifierError(Messages.E081.format(path=path), "E081")
    out = []
    try:
        with zipfile.ZipFile(path) as archive:
            name = sorted(archive.namelist())[0]
            with archive.open(name) as raw:
                reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
                for number, row in enumerate(reader, 1):
                    text, label = (row.get("text") or "").strip(), (row.get("label") or "").strip()
                    if not text or not label:
                        continue
                    spans = list(split_sentences(text))
                    if not spans:
                        continue
                    start, end = spans[0]
                    start += dateline_end(text[start:end])
                    out.append((f"ngec-{number}", text[start:end].strip(), label))
    except (OSError, zipfile.BadZipFile, csv.Error, KeyError) as exc:
        raise ClassifierError(Messages.E082.format(detail=f"{path}: {exc}"), "E082") from exc
    return out


def type_classes(pipeline: Pipeline) -> dict[str, int]:
    """PentaClass of each PLOVER type: the class most of its CAMEO codes have (ties: lower class)."""
    votes: dict[str, Counter[int]] = defaultdict(Counter)
    for code, info in pipeline.lexicon.cameo.items():
        if info.plover:
            cls = event_class(EventRecord("", 0, "", (0, 0), info.plover, code, None))
            if cls is not None:
                votes[info.plover][cls] += 1
    return {t: min(c, key=lambda k: (-c[k], k)) for t, c in sorted(votes.items())}


def collect(shared_data: Path, settings: Settings | None = None, *, limit: int | None = None,
            pipeline: Pipeline | None = None) -> tuple[list[Example], list[Example], Pipeline]:
    """Run the pipeline over the training data once: ConfliBERT train examples, NGEC examples."""
    settings = (settings or Settings()).with_(classifier=False, shared_data=str(shared_data))
    pipeline = pipeline or Pipeline(settings, disable=["classify", "positions"])
    items = conflibert.read(shared_data, "train")
    stories = read_ngec(shared_data)
    if limit is not None:
        items, stories = items[:limit], stories[:limit]
    recorder = Recorder(pipeline)
    previous = pipeline.arbiter
    pipeline.arbiter = recorder  # type: ignore[assignment]  # same arbitrate() signature, records only
    try:
        documents = [Document(doc_id=item.id, text=item.text) for item in items]
        documents += [Document(doc_id=sid, text=text) for sid, text, _ in stories]
        for _ in pipeline.run(documents):
            pass
    finally:
        pipeline.arbiter = previous
    conf = [Example(item.id, recorder.records.get(item.id, []), penta=item.label, text=item.text) for item in items]
    classes = type_classes(pipeline)
    ngec = [Example(sid, recorder.records.get(sid, []), penta=classes.get(label), plover=label, text=text)
            for sid, text, label in stories]
    return conf, ngec, pipeline


# ---------------------------------------------------------------------------------------------
# fitting and out-of-fold replay


def attach_embeddings(examples: Sequence[Example], name: str,
                      embed_texts: Callable[[Sequence[str]], np.ndarray] | None = None) -> None:
    """Compute embedding ``name`` of every recorded sentence once (each distinct text once, in
    sorted order) and keep it on the record, so that every setting reads the same vectors."""
    missing = sorted({r.text for ex in examples for r in ex.records if name not in r.vectors})
    if not missing:
        return
    vectors = (embed_texts or (lambda texts: embed(name, texts)))(missing)
    lookup = dict(zip(missing, vectors, strict=True))
    for ex in examples:
        for record in ex.records:
            if name not in record.vectors:
                record.vectors[name] = lookup[record.text]


def _dense(examples: Sequence[Example], setting: Setting) -> np.ndarray | None:
    """One scaled embedding row per example (the mean of its sentences', made unit length again),
    or None when the setting reads no embedding."""
    if setting.embedding is None:
        return None
    out = []
    for ex in examples:
        mean = np.mean([r.vectors[setting.embedding] for r in ex.records], axis=0)
        out.append(mean / max(float(np.linalg.norm(mean)), 1e-12))
    return np.asarray(out, dtype=np.float64) * setting.embedding_scale


def _split(W: np.ndarray, b: np.ndarray, vocab: dict[str, int], labels: tuple[str, ...]) -> Head:
    """A head from fit_head's weights: sparse rows first, then any dense rows."""
    dense = W[len(vocab):] if W.shape[0] > len(vocab) else None
    return Head(labels, W[:len(vocab)], b, dense)


def _rows(examples: Sequence[Example], vocab: dict[str, int]) -> list[list[int]]:
    """One row per example: the union of its sentences' features (most items are one sentence)."""
    rows = []
    for ex in examples:
        feats = {f for r in ex.records for f in r.features}
        rows.append(sorted(vocab[f] for f in feats if f in vocab))
    return rows


def vocabulary_for(examples: Sequence[Example], setting: Setting) -> dict[str, int]:
    """The feature vocabulary of ``setting`` (kept families, min count) over ``examples``; it uses
    no labels."""
    drop = set(setting.drop) | ({PATTERN_PREFIX} if not PATTERN_FEATURES else set())
    return build_vocabulary([[x for r in ex.records for x in r.features if feature_family(x) not in drop]
                             for ex in examples], setting.min_count)


def _balanced(labels: Sequence[int]) -> list[float]:
    """Weights that give every class of one source the same total (n / (classes x count))."""
    counts = Counter(labels)
    return [len(labels) / (len(counts) * counts[y]) for y in labels]


def fit_penta(train: Sequence[Example], synthetic: Sequence[Example], vocab: dict[str, int],
              setting: Setting) -> Head:
    """The PentaClass head on ConfliBERT examples plus, at ``setting.synthetic_weight``, NGEC ones."""
    used = [ex for ex in train if ex.records and ex.penta is not None]
    labels = [int(ex.penta or 0) for ex in used]
    weights = _balanced(labels) if setting.balanced else [1.0] * len(used)
    if setting.synthetic_weight > 0:
        extra = [ex for ex in synthetic if ex.records and ex.penta is not None]
        extra_labels = [int(ex.penta or 0) for ex in extra]
        extra_weights = _balanced(extra_labels) if setting.balanced else [1.0] * len(extra)
        # the synthetic rows as a whole weigh synthetic_weight times the real ones
        scale = setting.synthetic_weight * sum(weights) / max(sum(extra_weights), 1e-9)
        used += extra
        labels += extra_labels
        weights += [w * scale for w in extra_weights]
    W, b = fit_head(_rows(used, vocab), labels, len(vocab), len(PENTA_LABELS),
                    weights=weights, config=TrainConfig(l2=setting.l2), dense=_dense(used, setting))
    return _split(W, b, vocab, tuple(str(c) for c in PENTA_LABELS))


def fit_type(synthetic: Sequence[Example], vocab: dict[str, int], l2: float, setting: Setting | None = None) -> Head:
    """The PLOVER type head on the NGEC stories (reading the setting's embedding, if any)."""
    used = [ex for ex in synthetic if ex.records and ex.plover]
    labels = tuple(sorted({str(ex.plover) for ex in used}))
    index = {label: i for i, label in enumerate(labels)}
    W, b = fit_head(_rows(used, vocab), [index[str(ex.plover)] for ex in used], len(vocab), len(labels),
                    config=TrainConfig(l2=l2), dense=_dense(used, setting or Setting()))
    return _split(W, b, vocab, labels)


def representative_codes(examples: Sequence[Example], maker: EventMaker) -> dict[str, str]:
    """For each (PLOVER type, class): the CAMEO code the pattern coder gives most often to
    asserted events of that type and class in the training data (ties: the smaller code)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for ex in examples:
        for record in ex.records:
            for event in record.events:
                cls = event_class(event)
                if event.factuality == "asserted" and cls is not None:
                    counts[f"{event.event_type}/{cls}"][event.cameo] += 1
    out = {}
    for key, counter in sorted(counts.items()):
        code = min(counter, key=lambda c: (-counter[c], c))
        if maker.lex.cameo_info(code) is not None:
            out[key] = code
    return out


Probs = dict[str, list[tuple[np.ndarray, np.ndarray]]]


def _replay_items(classifier: Classifier, examples: Sequence[Example], probs: Probs,
                  maker: EventMaker) -> tuple[list[int], list[Counter[str]]]:
    """Predicted PentaClass of each example after :func:`decide`, and the actions taken on it."""
    predictions = []
    per_example: list[Counter[str]] = []
    for ex in examples:
        events: list[EventRecord] = []
        actions: Counter[str] = Counter()
        for record, (penta, types) in zip(ex.records, probs.get(ex.item_id, []), strict=True):
            proto = record.proto

            def make_event(_type: str, cameo: str, confidence: float, proto: EventRecord | None = proto) -> EventRecord | None:
                new = maker.retyped(proto, cameo) if proto is not None else None
                return replace(new, confidence=confidence) if new is not None else None

            flags = {id(e): g for e, g in zip(record.events, record.generic, strict=True)}

            def generic(event: EventRecord, flags: dict[int, bool] = flags) -> bool:
                return flags.get(id(event), False)

            decision = decide(classifier, penta, types, list(record.events), make_event, maker.retyped, generic)
            actions[decision.action] += 1
            events.extend(decision.events)
        predictions.append(predicted_class(scored(events, PREDICTED_FACTUALITY)))
        per_example.append(actions)
    return predictions, per_example


def replay(classifier: Classifier, examples: Sequence[Example], probs: Probs,
           maker: EventMaker) -> tuple[list[int], Counter[str]]:
    """Predicted PentaClass of each example after :func:`decide`, with the actions taken."""
    predictions, per_example = _replay_items(classifier, examples, probs, maker)
    actions: Counter[str] = Counter()
    for counter in per_example:
        actions.update(counter)
    return predictions, actions


def _accuracy(predictions: Sequence[int], examples: Sequence[Example]) -> float:
    return sum(int(p == ex.penta) for p, ex in zip(predictions, examples, strict=True)) / max(1, len(examples))


def macro_f1(predictions: Sequence[int], examples: Sequence[Example]) -> float:
    """Mean F1 over the five PentaClasses (a class absent from gold and predictions is skipped)."""
    scores = []
    for label in PENTA_LABELS:
        tp = sum(1 for p, ex in zip(predictions, examples, strict=True) if p == label and ex.penta == label)
        fp = sum(1 for p, ex in zip(predictions, examples, strict=True) if p == label and ex.penta != label)
        fn = sum(1 for p, ex in zip(predictions, examples, strict=True) if p != label and ex.penta == label)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / max(1, len(scores))


def folds_of(n: int, folds: int = FOLDS, seed: int = SEED) -> np.ndarray:
    """Fold number of each of ``n`` items: a fixed permutation, dealt round-robin."""
    order = np.random.default_rng(seed).permutation(n)
    assignment = np.empty(n, dtype=np.int64)
    assignment[order] = np.arange(n) % folds
    return assignment


def near_copy_groups(texts: Sequence[str]) -> list[int]:
    """For each text, the index of the first text of its group of near-copies.

    Two texts are near-copies by the test that keeps held-out sentences out of the train split
    (:func:`parley.evaluate.readers.conflibert.overlaps`): the same letters-and-digits key, or,
    sharing at least half the words of the shorter one, a difflib ratio of at least
    ``NEAR_DUPLICATE``; groups are closed under the relation. ConfliBERT train holds paraphrases
    of one template ("X agreed to open its borders to refugees") that would otherwise sit on both
    sides of a fold boundary. An empty text is a group of its own.
    """
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys = [text_key(t) for t in texts]
    words = [set(re.findall(r"[a-z0-9]+", t.lower())) for t in texts]
    for i in range(len(texts)):
        if not keys[i]:
            continue
        for j in range(i + 1, len(texts)):
            if not keys[j] or find(i) == find(j):
                continue
            near = keys[i] == keys[j]
            if not near and len(words[i] & words[j]) * 2 >= max(1, min(len(words[i]), len(words[j]))):
                near = difflib.SequenceMatcher(None, keys[i], keys[j], autojunk=False).ratio() >= NEAR_DUPLICATE
            if near:
                parent[max(find(i), find(j))] = min(find(i), find(j))
    return [find(i) for i in range(len(texts))]


def fold_assignment(conf: Sequence[Example], folds: int = FOLDS, seed: int = SEED) -> np.ndarray:
    """Fold of each ConfliBERT example: :func:`folds_of`, then every near-copy group moves to the
    fold of its first member, so that no sentence is predicted by a model trained on a
    paraphrase of it."""
    return folds_of(len(conf), folds, seed)[near_copy_groups([ex.text for ex in conf])]


def is_dev_story(story_id: str) -> bool:
    """True for the NGEC stories held out of all training as the out-of-domain dev check: a
    fixed DEV_SHARE of them, by a stable hash of the story id."""
    return int(hashlib.sha256(story_id.encode("utf-8")).hexdigest()[:8], 16) % 100 < DEV_SHARE


def dev_part(story_id: str, folds: int = FOLDS) -> int:
    """The part (0 .. folds-1) of an out-of-domain dev story in the nested threshold check, by
    other bits of the same hash as :func:`is_dev_story`."""
    return int(hashlib.sha256(story_id.encode("utf-8")).hexdigest()[8:16], 16) % folds


def split_ngec(ngec: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    """(training stories, out-of-domain dev stories with a PentaClass label)."""
    train = [ex for ex in ngec if not is_dev_story(ex.item_id)]
    dev = [ex for ex in ngec if is_dev_story(ex.item_id) and ex.penta is not None]
    return train, dev


def _probs_of(examples: Sequence[Example], vocab: dict[str, int], penta: Head, type_head: Head,
              setting: Setting | None = None) -> Probs:
    """Per example and sentence, both heads' probabilities (as the classify stage computes them)."""
    setting = setting or Setting()
    out: Probs = {}
    for ex in examples:
        rows = [sorted(vocab[x] for x in record.features if x in vocab) for record in ex.records]
        dense = None
        if setting.embedding is not None and rows:
            dense = np.asarray([r.vectors[setting.embedding] for r in ex.records], dtype=np.float64)
            dense = dense * setting.embedding_scale
        if rows:
            out[ex.item_id] = list(zip(penta.probabilities(rows, dense), type_head.probabilities(rows, dense),
                                       strict=True))
        else:
            out[ex.item_id] = []
    return out


def fold_vocabulary(conf: Sequence[Example], ngec: Sequence[Example], setting: Setting, assignment: np.ndarray,
                    fold: int) -> dict[str, int]:
    """The vocabulary of the model that predicts fold ``fold``: built from the other folds and the
    NGEC training stories only, so the min-count filter (and the row length, which counts the
    known features) never sees the held-out sentences."""
    train = [ex for ex, f in zip(conf, assignment, strict=True) if f != fold]
    return vocabulary_for([*train, *ngec], setting)


def out_of_fold_probs(conf: Sequence[Example], ngec: Sequence[Example], setting: Setting,
                      assignment: np.ndarray | None = None) -> Probs:
    """Per example and sentence: both heads' probabilities from a model that never saw its fold,
    its vocabulary and type head included (``assignment``: default :func:`fold_assignment`)."""
    assignment = fold_assignment(conf) if assignment is None else assignment
    out: Probs = {}
    for fold in sorted({int(f) for f in assignment}):
        vocab = fold_vocabulary(conf, ngec, setting, assignment, fold)
        train = [ex for ex, f in zip(conf, assignment, strict=True) if f != fold]
        type_head = fit_type(ngec, vocab, L2_TYPE, setting)
        head = fit_penta(train, ngec, vocab, setting)
        out.update(_probs_of([ex for ex, f in zip(conf, assignment, strict=True) if f == fold], vocab, head,
                             type_head, setting))
    return out


ACTIONS = ("add_threshold", "veto_threshold", "retype_threshold", "rank_threshold")


def _score(classifier: Classifier, examples: Sequence[Example], probs: Probs,
           maker: EventMaker) -> tuple[float, float, int, dict[str, int]]:
    predictions, actions = replay(classifier, examples, probs, maker)
    changed = sum(v for k, v in actions.items() if k != "keep")
    return _accuracy(predictions, examples), macro_f1(predictions, examples), changed, dict(sorted(actions.items()))


def _base(type_head: Head, representative: dict[str, str]) -> Classifier:
    return Classifier({}, Head(("0",), np.zeros((0, 1)), np.zeros(1)), type_head, params={},
                      representative=representative)


def patterns_only(conf: Sequence[Example], dev: Sequence[Example], maker: EventMaker, type_head: Head,
                  representative: dict[str, str]) -> dict[str, float]:
    """The pattern coder's figures on both dev sets (the classifier never acts)."""
    base = _base(type_head, representative)
    out: dict[str, float] = {}
    for name, examples in (("oof", conf), ("ood", dev)):
        never = {ex.item_id: [(np.eye(5)[0], np.zeros(len(type_head.labels)))] * len(ex.records) for ex in examples}
        acc, f1, _, _ = _score(base, examples, never, maker)
        out[f"{name}_accuracy"], out[f"{name}_macro_f1"] = round(acc, 4), round(f1, 4)
    return out


@dataclass
class _Outcome:
    """One threshold setting replayed on one dev set: per example."""

    predictions: np.ndarray
    correct: np.ndarray
    changed: np.ndarray  # sentences on which an action other than "keep" was taken
    actions: list[Counter[str]]


class _Replays:
    """Replays of both dev sets, one per threshold setting, kept: the nested check tunes the same
    thresholds on many subsets."""

    def __init__(self, base: Classifier, sets: Sequence[tuple[Sequence[Example], Probs]], maker: EventMaker) -> None:
        self.base, self.sets, self.maker = base, sets, maker
        self.cache: dict[tuple[tuple[str, float], ...], list[_Outcome]] = {}

    def __call__(self, params: dict[str, float]) -> list[_Outcome]:
        key = tuple(sorted(params.items()))
        if key not in self.cache:
            outcomes = []
            for examples, probs in self.sets:
                predictions, per = _replay_items(replace(self.base, params=params), examples, probs, self.maker)
                gold = np.asarray([ex.penta for ex in examples])
                outcomes.append(_Outcome(np.asarray(predictions), np.asarray(predictions) == gold,
                                         np.asarray([sum(v for k, v in c.items() if k != "keep") for c in per]), per))
            self.cache[key] = outcomes
        return self.cache[key]


def _tune(replays: _Replays, masks: Sequence[np.ndarray]) -> dict[str, float]:
    """Thresholds by coordinate ascent (two passes, every value of THRESHOLDS) on the mean of the
    dev sets' accuracies over the examples of ``masks``; ties go to the setting that acts less."""

    def value(params: dict[str, float]) -> tuple[float, int]:
        outcomes = replays(params)
        mean = sum(float(o.correct[m].mean()) for o, m in zip(outcomes, masks, strict=True)) / len(masks)
        return round(mean, 6), -int(sum(int(o.changed[m].sum()) for o, m in zip(outcomes, masks, strict=True)))

    params: dict[str, float] = {name: 1.1 for name in ACTIONS}
    params["add_confidence"] = 0.6
    current = value(params)
    for _ in range(2):
        for name in ACTIONS:
            for threshold in THRESHOLDS:
                trial = {**params, name: threshold}
                score = value(trial)
                if score > current:
                    params, current = trial, score
    return params


def _figures(predictions: Sequence[np.ndarray], sets: Sequence[Sequence[Example]]) -> dict[str, float]:
    conf, dev = sets
    oof = [int(p) for p in predictions[0]]
    ood = [int(p) for p in predictions[1]]
    return {"oof_accuracy": round(_accuracy(oof, conf), 4), "oof_macro_f1": round(macro_f1(oof, conf), 4),
            "ood_accuracy": round(_accuracy(ood, dev), 4), "ood_macro_f1": round(macro_f1(ood, dev), 4),
            "objective": round((_accuracy(oof, conf) + _accuracy(ood, dev)) / 2, 6)}


def evaluate_setting(setting: Setting, conf: Sequence[Example], ngec_train: Sequence[Example],
                     dev: Sequence[Example], maker: EventMaker, representative: dict[str, str]) -> dict[str, Any]:
    """Both dev figures of one setting, thresholds included, with no step seeing what it is
    scored on.

    OOF: ConfliBERT train in 5 fixed folds (near-copies share a fold), each predicted by a model
    (vocabulary, type head and penta head) trained on the other folds plus the NGEC training
    stories at the setting's weight. OOD: the held-out NGEC stories, the model trained on all of
    ConfliBERT train plus the NGEC training stories. Thresholds: nested. For each fold k the four
    thresholds are tuned (:func:`_tune`) on the other folds and the OOD stories of the other
    parts (:func:`dev_part`) and applied to fold k and part k; the figures (and ``objective``,
    the mean of the two accuracies, the selection objective) pool those predictions. The
    thresholds the model ships with are then tuned on everything; ``in_sample`` holds their
    figures on the same data, an optimistic reference only.
    """
    vocab = vocabulary_for([*conf, *ngec_train], setting)
    type_head = fit_type(ngec_train, vocab, L2_TYPE, setting)
    assignment = fold_assignment(conf)
    oof = out_of_fold_probs(conf, ngec_train, setting, assignment)
    ood = _probs_of(dev, vocab, fit_penta(conf, ngec_train, vocab, setting), type_head, setting)
    replays = _Replays(_base(type_head, representative), ((conf, oof), (dev, ood)), maker)
    parts = np.asarray([dev_part(ex.item_id) for ex in dev], dtype=np.int64)

    def alone(examples: Sequence[Example], probs: Probs) -> float:
        return _accuracy([int(np.argmax(probs[ex.item_id][0][0])) if probs.get(ex.item_id) else 0
                          for ex in examples], examples)

    nested = [np.zeros(len(conf), dtype=np.int64), np.zeros(len(dev), dtype=np.int64)]
    fold_params = []
    for fold in range(FOLDS):
        params = _tune(replays, (assignment != fold, parts != fold))
        fold_params.append({name: params[name] for name in ACTIONS})
        for out, outcome, mask in zip(nested, replays(params), (assignment == fold, parts == fold), strict=True):
            out[mask] = outcome.predictions[mask]
    params = _tune(replays, (np.ones(len(conf), dtype=bool), np.ones(len(dev), dtype=bool)))
    in_sample = replays(params)
    actions = []
    for outcome in in_sample:
        total: Counter[str] = Counter()
        for counter in outcome.actions:
            total.update(counter)
        actions.append(dict(sorted(total.items())))
    return {"setting": asdict(setting), "features": len(vocab), "oof_classifier_alone": round(alone(conf, oof), 4),
            "ood_classifier_alone": round(alone(dev, ood), 4), **_figures(nested, (conf, dev)),
            "fold_thresholds": fold_params,
            "in_sample": {**_figures([o.predictions for o in in_sample], (conf, dev)), "oof_actions": actions[0],
                          "ood_actions": actions[1]}, **params}


def select(grid: Sequence[dict[str, Any]], guard: float = OOF_GUARD) -> dict[str, Any] | None:
    """The setting the rule of docs/classifier.md picks from :func:`evaluate_setting` entries: the
    largest objective; an entry whose penta head learns from NGEC rows counts only if its OOF
    accuracy is within ``guard`` of the best entry without them (ties: the earlier entry)."""
    plain = [e["oof_accuracy"] for e in grid if not e["setting"]["synthetic_weight"]]
    floor = max(plain) - guard if plain else 0.0
    allowed = [e for e in grid if not e["setting"]["synthetic_weight"] or e["oof_accuracy"] >= floor - 1e-9]
    return max(allowed, key=lambda e: e["objective"], default=None)


def search(conf: Sequence[Example], ngec: Sequence[Example], maker: EventMaker,
           settings: Sequence[Setting] = SEARCH) -> dict[str, Any]:
    """Every setting of ``settings`` with both dev figures, and the one :func:`select` picks
    (slow: not part of ``make train``)."""
    ngec_train, dev = split_ngec(ngec)
    for name in sorted({s.embedding for s in settings if s.embedding is not None}):
        attach_embeddings([*conf, *ngec], name)
    representative = representative_codes([*conf, *ngec_train], maker)
    vocab = vocabulary_for([*conf, *ngec_train], CHOSEN)
    report: dict[str, Any] = {"patterns_only": patterns_only(conf, dev, maker, fit_type(ngec_train, vocab, L2_TYPE),
                                                             representative), "grid": []}
    for setting in settings:
        entry = evaluate_setting(setting, conf, ngec_train, dev, maker, representative)
        log.info("dev: %s", entry)
        report["grid"].append(entry)
    selected = select(report["grid"])
    report["selected"] = selected["setting"] if selected is not None else None
    return report


def provenance(shared_data: Path, conf: Sequence[Example], ngec: Sequence[Example]) -> dict[str, Any]:
    files = []
    for relative, rows, note in (
        (CONFLIBERT_FILE, len(conf), "ConfliBERT CAMEO PentaClass, train split less near-copies of held-out sentences"),
        (NGEC_FILE, len(ngec), "NGEC synthetic stories (lead sentence, PLOVER type); synthetic"),
    ):
        path = shared_data / relative
        files.append({"path": relative, "bytes": path.stat().st_size, "sha256": file_digest(path), "examples": rows,
                      "note": note})
    return {"files": files}


Collected = tuple[list[Example], list[Example], Pipeline]


def train(shared_data: Path, settings: Settings | None = None, *, limit: int | None = None,
          tune_params: bool = True, pipeline: Pipeline | None = None, setting: Setting | None = None,
          collected: Collected | None = None) -> Classifier:
    """Collect (unless ``collected`` is given: one collection can serve several models), measure
    ``setting`` (default :data:`CHOSEN`) on both dev sets with its thresholds tuned there, and fit
    the final classifier on all the training data with those thresholds. A setting that reads an
    embedding needs its model package (:class:`ClassifierError` E092 otherwise)."""
    setting = setting or CHOSEN
    conf, ngec, pipeline = collected or collect(shared_data, settings, limit=limit, pipeline=pipeline)
    if setting.embedding is not None:
        attach_embeddings([*conf, *ngec], setting.embedding)
    maker = EventMaker(pipeline.coder)
    ngec_train, dev = split_ngec(ngec)
    if tune_params:
        representative = representative_codes([*conf, *ngec_train], maker)
        vocab = vocabulary_for([*conf, *ngec_train], setting)
        report: dict[str, Any] = {
            "folds": FOLDS, "seed": SEED, "items": len(conf), "ood_items": len(dev),
            "ood": f"NGEC lead sentences of the {DEV_SHARE}% of stories held out by id hash, type mapped to class",
            "metric": ("PentaClass accuracy; objective = mean of OOF and OOD accuracy, thresholds nested (tuned "
                       "without the fold or part scored), near-copies in one fold, vocabulary per fold"),
            "rule": (f"largest objective; a setting with synthetic_weight > 0 counts only if its OOF accuracy is "
                     f"within {OOF_GUARD} of the best setting without synthetic rows"),
            "patterns_only": patterns_only(conf, dev, maker, fit_type(ngec_train, vocab, L2_TYPE), representative),
            "chosen": evaluate_setting(setting, conf, ngec_train, dev, maker, representative)}
        params = {k: report["chosen"][k] for k in (*ACTIONS, "add_confidence")}
    else:
        params = {"add_threshold": 0.5, "veto_threshold": 0.5, "rank_threshold": 0.5, "retype_threshold": 0.5,
                  "add_confidence": 0.6}
        report = {"note": "not tuned (a quick fit)"}
    params.update({"l2": setting.l2, "synthetic_weight": setting.synthetic_weight})
    # the shipped model learns from every story, the held-out ones included: the dev figures above
    # are those of the same recipe trained without them
    vocab = vocabulary_for([*conf, *ngec], setting)
    type_head = fit_type(ngec, vocab, L2_TYPE, setting)
    representative = representative_codes([*conf, *ngec], maker)
    penta = fit_penta(conf, ngec, vocab, setting)
    model = "two multinomial logistic regressions over sparse binary features (numpy, full-batch Adam)"
    if setting.embedding is not None:
        model += f", plus the {setting.embedding} sentence embedding (x {setting.embedding_scale})"
    meta = {
        "model": model,
        "training_data": provenance(shared_data, conf, ngec) if limit is None else {"limit": limit},
        "hyper_parameters": {**asdict(setting), "pattern_features": PATTERN_FEATURES,
                             "iterations": TrainConfig().iterations, "learning_rate": TrainConfig().learning_rate,
                             "l2_type": L2_TYPE, "thresholds": list(THRESHOLDS)},
        "type_classes": type_classes(pipeline),
        "dev": report,
    }
    return Classifier(vocab, penta, type_head, params=params, representative=representative, meta=meta,
                      embedding=setting.embedding, embedding_scale=setting.embedding_scale)
