"""Helpers shared by the actor dictionary readers (:mod:`.tables`, :mod:`.tabari_files`).

Problem collection for skipped lines (:class:`_Problems`), ``|``-separated cells, pattern
normalisation with case marks, date parsing (ISO, ``YYYYMMDD`` and CAMEO ``YYMMDD``), slugs
for entry ids and regular English plurals for agent nouns.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import DictionaryError, Messages
from .dictionary import normalise_pattern

log = logging.getLogger("parley.actors")


@dataclass
class _Problems:
    """Collects skipped lines of one file; raises at once in strict mode."""

    path: str
    strict: bool
    items: list[str] = field(default_factory=list)

    def add(self, line: int | str | None, message: str, code: str = "E020") -> None:
        where = f"{self.path}:{line}" if line is not None else self.path
        if self.strict:
            raise DictionaryError(f"{where}: {message}", code)
        self.items.append(f"{where}: {message}")

    def report(self) -> None:
        if self.items:
            log.warning(
                "%s: skipped %d dictionary line(s); first: %s",
                self.path,
                len(self.items),
                self.items[0],
            )


def split_alternatives(value: str | None) -> list[str]:
    """Split a ``|``-separated cell into its non-empty, stripped parts."""
    if not value:
        return []
    return [part.strip() for part in str(value).split("|") if part.strip()]


def _patterns(values: Iterable[str]) -> tuple[list[str], set[str]]:
    """Normalise patterns; a leading ``=`` marks one that must match with its case."""
    patterns: list[str] = []
    exact: set[str] = set()
    for raw in values:
        text = raw.strip()
        keep_case = text.startswith("=")
        text = normalise_pattern(text.lstrip("="))
        if not text:
            continue
        if keep_case:
            exact.add(text)
        if text not in patterns:
            patterns.append(text)
    return patterns, exact


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DIGITS = re.compile(r"^\d+$")


def parse_date(value: Any, *, allow_short: bool = False) -> str | None:
    """ISO date from ``YYYY-MM-DD``, ``YYYYMMDD`` or (CAMEO) ``YYMMDD``; None for empty.

    Two-digit years below 40 are read as 20xx, others as 19xx, which covers the CAMEO files
    (leaders' terms from the 1940s on). Raises ValueError for anything else.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    elif _DIGITS.match(text) and len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:])
    elif allow_short and _DIGITS.match(text) and len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy < 40 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:])
    else:
        raise ValueError(text)
    return dt.date(year, month, day).isoformat()


def _date_or_problem(
    value: Any, problems: _Problems, line: int | str | None
) -> tuple[bool, str | None]:
    try:
        return True, parse_date(value)
    except ValueError:
        problems.add(line, Messages.E024.format(value=value), "E024")
        return False, None


def _clean_code(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text.upper() or None


_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


_KEEP_MAN = frozenset({"human", "german", "roman", "ottoman", "shaman"})


def _plural_word(word: str) -> str:
    lower = word.lower()
    if lower.endswith("man") and lower not in _KEEP_MAN:
        result = lower[:-3] + "men"
    elif lower.endswith("child"):
        result = lower + "ren"
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        result = lower[:-1] + "ies"
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        result = lower + "es"
    else:
        result = lower + "s"
    if word.isupper():
        # acronyms take a lower-case s (MPs, NGOs); capitalised words keep capitals
        return word + "s" if len(word) <= 4 and result == lower + "s" else result.upper()
    # keep the word's own spelling and case, only the ending changes
    common = len(lower) - (
        3
        if lower.endswith("man") and lower not in _KEEP_MAN
        else 1
        if result.endswith("ies")
        else 0
    )
    return word[:common] + result[common:]


def plural(phrase: str) -> str:
    """Regular English plural of a noun phrase ("secretary of state" -> "secretaries of state")."""
    if " of " in phrase:
        head, rest = phrase.split(" of ", 1)
        return f"{plural(head)} of {rest}"
    words = phrase.split(" ")
    words[-1] = _plural_word(words[-1])
    return " ".join(words)


def _with_plurals(patterns: Iterable[str]) -> list[str]:
    result: list[str] = []
    for pattern in patterns:
        for form in (pattern, plural(pattern)):
            if form not in result:
                result.append(form)
    return result
