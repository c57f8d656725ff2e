"""The relevance test: can this sentence hold an event at all?

Most sentences in a news article code no event. A sentence passes only if it contains an inflected
form of a trigger lemma from the lexicon, or (with the built-in scheme) a noun that names an event
(nouns.tsv: "talks between A and B"); the others are never parsed, which is how parley spends
less time than parsing every sentence.
"""

from __future__ import annotations

from .lexicon import Lexicon
from .nominal import mentions_event_noun


def is_relevant(sentence: str, lexicon: Lexicon) -> bool:
    """True when ``sentence`` contains a word form of a trigger verb or an event noun."""
    return lexicon.trigger_regex.search(sentence) is not None or mentions_event_noun(sentence, lexicon)
