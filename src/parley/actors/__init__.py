"""Actor dictionaries and matching: who a text names, resolved to country and sector codes.

``load_dictionary`` reads the built-in dictionaries (countries, organisations, armed groups,
generic agents, leaders) and any user dictionaries; ``ActorMatcher`` finds mentions of them in
spaCy documents.
"""

from __future__ import annotations

from .dictionary import ActorDictionary, ActorEntry, Period, Resolution
from .loaders import load_dictionary, load_file
from .matcher import ActorMatcher, Mention

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "ActorMatcher",
    "Mention",
    "Period",
    "Resolution",
    "load_dictionary",
    "load_file",
]
