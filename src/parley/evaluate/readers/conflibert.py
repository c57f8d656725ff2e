"""ConfliBERT's CAMEO sentence-classification sets: sentence TAB PentaClass (0-4).

Splits: ``train`` (the development split: 1,349 sentences less the 5 that are near-copies of
GSR or test sentences), ``test`` (451) and ``test-nogsr``: the test
sentences that are not CAMEO-manual examples also found in the PLOVER GSR. Many test sentences
are lightly edited copies of GSR sentences ("European Community" -> "European Union"), so a
test sentence counts as a GSR sentence when its letters-and-digits key equals a GSR key or is at
least ``NEAR_DUPLICATE`` similar to one (difflib ratio); the ratios fall in two clear groups,
below 0.55 and above 0.7.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..gold import GoldItem, text_key
from . import malformed, plover_gsr, require

RELATIVE_DIR = "events/conflibert_cameo"
SPLITS = ("test", "test-nogsr", "train")
NEAR_DUPLICATE = 0.6


def read_file(path: Path, prefix: str) -> list[GoldItem]:
    items = []
    with require(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            text, sep, label = line.rpartition("\t")
            if not sep or label.strip() not in {"0", "1", "2", "3", "4"}:
                raise malformed(path, f"line {number}: expected 'sentence<TAB>0..4'")
            items.append(GoldItem(id=f"{prefix}-{number}", text=text.strip(), label=int(label)))
    return items


def overlaps(texts: list[str], reference: list[str], threshold: float = NEAR_DUPLICATE) -> list[bool]:
    """For each text: is it the same sentence (exact key or near duplicate) as one of ``reference``?

    The character-level ratio is only computed for references sharing at least half the words
    of the shorter sentence: a cheap filter that near-copies always pass.
    """
    keys = {text_key(t) for t in reference}
    refs = [(text_key(t), set(_words(t))) for t in reference]
    flags = []
    for text in texts:
        key, words = text_key(text), set(_words(text))
        found = key in keys
        for ref_key, ref_words in refs:
            if found:
                break
            shared = len(words & ref_words) / max(1, min(len(words), len(ref_words)))
            if shared >= 0.5:
                found = difflib.SequenceMatcher(None, key, ref_key, autojunk=False).ratio() >= threshold
        flags.append(found)
    return flags


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def read(shared_data: Path, split: str = "test") -> list[GoldItem]:
    base = shared_data / RELATIVE_DIR
    if split == "train":
        # the dev split must not show held-out sentences: drop the few near-copies of GSR or
        # test sentences it holds
        train = read_file(base / "cameo_class_train.tsv", "train")
        held_out = [item.text for item in plover_gsr.read(shared_data)]
        held_out += [item.text for item in read_file(base / "cameo_class_test.tsv", "test")]
        flags = overlaps([item.text for item in train], held_out)
        return [item for item, seen in zip(train, flags, strict=True) if not seen]
    items = read_file(base / "cameo_class_test.tsv", "test")
    if split == "test-nogsr":
        gsr = [item.text for item in plover_gsr.read(shared_data)]
        flags = overlaps([item.text for item in items], gsr)
        items = [item for item, in_gsr in zip(items, flags, strict=True) if not in_gsr]
    return items
