"""Actor dictionary entries and the in-memory dictionary that holds them.

An :class:`ActorEntry` is one thing the text can name (a country, a capital used as a metonym, an
organisation, an armed group, a person, a generic agent such as "police") together with the
surface patterns that name it and what it resolves to: a country (ISO alpha-3 or organisation
code) and a sector (CAMEO/PLOVER code such as GOV, MIL, COP). Entries whose resolution changes
over time (a leader leaving office, the Taliban taking power) carry dated :class:`Period` rows.

The dictionary itself is plain data; matching against spaCy documents lives in ``matcher.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

# Kinds of entry. ``adjective`` ("Georgian") and ``null`` (a phrase that must not be read as an
# actor, such as "South China Sea") are internal: the matcher never reports them as such.
KINDS: tuple[str, ...] = (
    "state",
    "adjective",
    "capital",
    "metonym",
    "org",
    "group",
    "person",
    "agent",
    "null",
)

# Discard codes of the CAMEO/TABARI dictionaries; an entry resolving to one is a "null" actor.
NULL_SECTOR = "---"

# Sector of a person who holds no office on the publication date (former official, elite).
ELITE_SECTOR = "ELI"


def normalise_date(value: str | None) -> str | None:
    """Cut an ISO date or datetime to ``YYYY-MM-DD``; empty means unknown."""
    if not value:
        return None
    text = str(value).strip()
    return text[:10] or None


_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def normalise_pattern(text: str) -> str:
    """Collapse whitespace and drop a leading "the": mentions never include the article.

    "the Kremlin" and "Kremlin" are the same pattern, so "the" in a text is left outside the
    mention whether the dictionary wrote it or not.
    """
    text = _SPACES.sub(" ", text.strip())
    stripped = _THE.sub("", text)
    return stripped if stripped else text


@dataclass(frozen=True)
class Period:
    """One resolution of an entry, valid between ``start`` and ``end`` (ISO dates, inclusive).

    A period with neither bound is the entry's default, used when no dated period applies.
    """

    country: str | None
    sector: str | None
    start: str | None = None
    end: str | None = None
    role: str | None = None
    code: str | None = None  # the raw source code, e.g. a CAMEO code such as "USAGOVLEG"

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


class Resolution(NamedTuple):
    """What an entry stands for on a given date."""

    country: str | None
    sector: str | None
    valid: bool  # False when no period covered the date and a fallback was used
    role: str | None = None


# Order in which leaders' offices win when two are valid on the same day.
ROLE_ORDER = {
    "head_of_state": 0,
    "head_of_government": 1,
    "foreign_minister": 2,
    "defence_minister": 3,
    "other": 4,
}


@dataclass(frozen=True)
class ActorEntry:
    """One dictionary entry.

    ``patterns`` are the surface forms (the first one is the canonical name unless ``name`` says
    otherwise); ``exact`` lists the patterns that must match with their case as written.
    ``upper_source`` marks entries read from all-capitals dictionaries (CAMEO ``.actors``), whose
    case says nothing; the matcher then builds case variants itself.
    """

    id: str
    name: str
    kind: str
    patterns: tuple[str, ...]
    country: str | None = None
    sector: str | None = None
    periods: tuple[Period, ...] = ()
    exact: frozenset[str] = frozenset()
    upper_source: bool = False
    source: str = "builtin"
    code: str | None = None
    # TABARI/PETRARCH's rule for dated codes (set for the actor files of a TABARI/PETRARCH
    # scheme): with no period covering the date and no undated code, the entry names no one
    dated_only: bool = False

    @property
    def builtin(self) -> bool:
        return self.source == "builtin"

    @property
    def member_codes(self) -> tuple[str, ...]:
        """The codes of a compound actor (a TABARI/PETRARCH code ``[A/B/C]``: one name for
        several parties, as "the Benelux" names three states), in order; () for a single code.
        The entry itself resolves to the first member (its ``country`` and ``sector``)."""
        if not self.code or "/" not in self.code:
            return ()
        return tuple(c for c in self.code.split("/") if c)

    def resolve(self, pub_date: str | None = None) -> Resolution:
        """Country and sector on ``pub_date``.

        Dated periods are tried in order (the first that covers the date wins, as in CAMEO
        dictionaries; among leaders' rows the higher office wins); then the undated default.
        A person with no period covering the date keeps the country of the nearest period with
        sector ELI (a former or future official); other entries keep the nearest period as is;
        an entry marked :attr:`dated_only` (TABARI/PETRARCH's rule) then names no one.
        Without a date the default, else the most recent period, is used.
        """
        if not self.periods:
            return Resolution(self.country, self.sector, True)
        date = normalise_date(pub_date)
        default = next((p for p in self.periods if not p.dated), None)
        if date is None:
            if default is not None:
                return Resolution(default.country, default.sector, True, default.role)
            latest = max(self.periods, key=_recency)
            return Resolution(latest.country, latest.sector, True, latest.role)
        covering = [p for p in self.periods if p.dated and p.covers(date)]
        if covering:
            if any(p.role for p in covering):
                covering.sort(key=lambda p: ROLE_ORDER.get(p.role or "other", 5))
            best = covering[0]
            return Resolution(best.country, best.sector, True, best.role)
        if default is not None:
            return Resolution(default.country, default.sector, True, default.role)
        if self.dated_only:
            # PETRARCH resolves such a phrase to no code at all ("ONODOHER [ONO <911226]" after
            # that day), which parley reads as a discard: the phrase is no actor
            return Resolution(None, NULL_SECTOR, False)
        near = _nearest(self.periods, date)
        if self.kind == "person":
            return Resolution(near.country, ELITE_SECTOR, False, near.role)
        return Resolution(near.country, near.sector, False, near.role)

    def valid_on(self, pub_date: str | None) -> bool:
        """True when the entry has no dates, or a period (or default) covers ``pub_date``."""
        return self.resolve(pub_date).valid


def _recency(period: Period) -> tuple[bool, str, str]:
    # Open-ended periods are the most recent; then the latest end, then the latest start.
    return (period.end is None, period.end or "", period.start or "")


def _nearest(periods: Iterable[Period], date: str) -> Period:
    dated = [p for p in periods if p.dated]
    before = [p for p in dated if (p.start or "") <= date]
    if before:
        return max(before, key=lambda p: (p.end or "9999", p.start or ""))
    return min(dated, key=lambda p: p.start or "")


def lookup_key(text: str) -> str:
    """Case-folded key used by :meth:`ActorDictionary.lookup`."""
    return normalise_pattern(text).casefold()


# Multi-word natural-case patterns at least this long match in any case ("united states" in a
# lower-case headline); shorter ones and single words keep their case ("US" is not "us").
LONG_PATTERN = 12
# For patterns from all-capitals dictionaries the case is unknown; multi-word ones this long
# match in any case, shorter ones as written or in title case.
LONG_CAPS_PATTERN = 8


def surface_forms(entry: ActorEntry) -> list[tuple[str, str]]:
    """The (spaCy attribute, text) pairs under which the entry's patterns match.

    The text keeps the pattern's own case even for ``LOWER`` forms, so that it is tokenised
    like running text ("U.S." and "u.s." do not split alike); compare ``text.lower()``.

    One rule for the matcher and for :meth:`ActorDictionary.lookup`:

    * agents ("police", "foreign ministry") and null phrases are common nouns: any case;
    * patterns listed in ``exact`` keep their case (``ORTH``);
    * other multi-word patterns of 12+ characters match in any case;
    * single words and short phrases keep their case, so "Chad" matches but "chad" does not;
    * all-capitals sources (CAMEO): long phrases any case; short ones as written plus title
      case for words of four letters or more ("CHAD" -> "Chad", but "US" stays "US").
    """
    forms: list[tuple[str, str]] = []
    for pattern in entry.patterns:
        multiword = " " in pattern
        if entry.kind in ("agent", "null"):
            forms.append(("LOWER", pattern))
        elif entry.upper_source:
            if multiword and len(pattern) >= LONG_CAPS_PATTERN:
                forms.append(("LOWER", pattern))
            else:
                forms.append(("ORTH", pattern))
                letters = sum(c.isalpha() for c in pattern)
                titled = pattern.title()
                if letters >= 4 and titled != pattern:
                    forms.append(("ORTH", titled))
        elif pattern in entry.exact:
            forms.append(("ORTH", pattern))
        elif multiword and len(pattern) >= LONG_PATTERN:
            forms.append(("LOWER", pattern))
        else:
            forms.append(("ORTH", pattern))
    return forms


class ActorDictionary:
    """All entries known to a run, with string lookup and code-to-name resolution.

    Built by :func:`parley.actors.load_dictionary`; the matcher reads ``entries`` once.
    """

    def __init__(
        self,
        entries: Iterable[ActorEntry] = (),
        names: Mapping[str, str] | None = None,
        problems: Iterable[str] = (),
    ) -> None:
        self._entries: list[ActorEntry] = list(entries)
        self._names: dict[str, str] = dict(names or {})
        self.problems: list[str] = list(problems)  # "file:line: message" for skipped lines
        self._index: dict[str, list[tuple[ActorEntry, str, str]]] | None = None

    @property
    def entries(self) -> tuple[ActorEntry, ...]:
        return tuple(self._entries)

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, entries: Iterable[ActorEntry], names: Mapping[str, str] | None = None) -> None:
        """Append entries (later entries win ties in the matcher) and code names."""
        self._entries.extend(entries)
        if names:
            for code, name in names.items():
                self._names.setdefault(code, name)
        self._index = None

    def lookup(self, text: str) -> list[ActorEntry]:
        """Entries one of whose patterns matches ``text`` as the matcher would match it.

        Case rules are those of :func:`surface_forms` ("us" does not find the United States,
        "Chad" finds Chad); a leading "the" is ignored.
        """
        if self._index is None:
            self._index = self._build_index()
        plain = normalise_pattern(text)
        lowered = plain.lower()
        result: list[ActorEntry] = []
        for entry, attr, form in self._index.get(lookup_key(text), []):
            hit = form.lower() == lowered if attr == "LOWER" else form == plain
            if hit and entry not in result:
                result.append(entry)
        return result

    def by_id(self, entry_id: str) -> ActorEntry | None:
        """The last entry with this id, or None."""
        for entry in reversed(self._entries):
            if entry.id == entry_id:
                return entry
        return None

    def country_name(self, code: str | None) -> str:
        """Readable name of a country or organisation code; the code itself when unknown."""
        if not code:
            return ""
        return self._names.get(code, self._names.get(code.upper(), code))

    @property
    def names(self) -> dict[str, str]:
        return dict(self._names)

    def _build_index(self) -> dict[str, list[tuple[ActorEntry, str, str]]]:
        index: dict[str, list[tuple[ActorEntry, str, str]]] = {}
        for entry in self._entries:
            for attr, form in surface_forms(entry):
                index.setdefault(form.casefold(), []).append((entry, attr, form))
        return index
