"""Language processing: model loading, sentence splitting and the relevance test."""

from __future__ import annotations

from .loader import load_model
from .segment import split_sentences

__all__ = ["load_model", "split_sentences"]
