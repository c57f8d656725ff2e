"""Event coding: lexicon, coder, factuality and attribution."""

from __future__ import annotations

from .coder import DocumentContext, EventCoder
from .lexicon import Lexicon, load_lexicon
from .relevance import is_relevant

__all__ = ["DocumentContext", "EventCoder", "Lexicon", "is_relevant", "load_lexicon"]
