"""Positions: who demands, offers, accepts or refuses what, on which issue; their history over
time, and where a negotiation is deadlocked (``standoff``)."""

from __future__ import annotations

from .extractor import PositionExtractor
from .taxonomy import Issue, Scale, Taxonomy, load_taxonomy, positions_relevant

__all__ = ["Issue", "PositionExtractor", "Scale", "Taxonomy", "load_taxonomy", "positions_relevant"]
