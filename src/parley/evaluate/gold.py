"""The common gold item every reader produces, so that one scorer serves every gold set."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class GoldEvent:
    """One expected event. ``event_type`` is a PLOVER type (GSR), ``cameo`` a CAMEO code
    (PETRARCH sets); ``source``/``target`` are the gold actor codes, several when the gold names
    a compound actor ("Hungarian and Romanian officials")."""

    event_type: str | None = None
    cameo: str | None = None
    mode: str | None = None
    context: str | None = None
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()

    @property
    def root(self) -> str | None:
        return self.cameo[:2] if self.cameo else None


@dataclass
class GoldItem:
    """One sentence of a gold set: its text, optional date, and either events or a class label."""

    id: str
    text: str
    date: str | None = None  # ISO YYYY-MM-DD
    events: list[GoldEvent] = field(default_factory=list)
    label: int | None = None  # PentaClass for sentence-classification sets
    category: str | None = None  # the set's own grouping (PETRARCH test category, ...)


def text_key(text: str) -> str:
    """Lower-case letters and digits only: the key used to find the same sentence in two sets
    (quotes, dashes and spacing differ between copies)."""
    folded = unicodedata.normalize("NFKD", text).lower()
    return re.sub(r"[^a-z0-9]", "", folded)


def iso_date(value: str | None) -> str | None:
    """``19950103`` or ``1995-01-03`` -> ``1995-01-03``; anything else -> None."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return None
