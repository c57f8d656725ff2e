"""Find date phrases in news text and resolve them against the publication date.

News rarely prints full dates; it says "on Monday", "last night" or "earlier this month", all
relative to the day the article was published. :func:`find_dates` finds such phrases with
regular expressions built once from ``data/phrases.yaml`` and turns each into an ISO date. It
never reads the machine clock: without a publication date, relative phrases keep ``date=None``
and carry a note, while complete dates ("5 March 2026", "2026-03-05", "in 2014") still resolve.

Conventions (pinned by tests/dates/test_relative_dates.py):

* **Precision and periods.** ``precision`` is ``day``, ``week``, ``month`` or ``year``; the date
  is always the first day of the period it names: the Monday of a week (ISO weeks), the 1st of a
  month, 1 January of a year. "last week" in a story published Thursday 2026-03-12 is 2026-03-02.
* **Night.** "last night" and "overnight" are the publication date minus one day. A night is
  dated by the evening it begins, and a story published on day D that says "overnight" nearly
  always means the night from D-1 to D; "tonight" is D itself.
* **Weekdays.** A bare weekday ("on Monday", "said Thursday") in past tense is the most recent
  such day on or before the publication date: the publication day itself counts, because wire
  copy often reports events of the same day ("said on Thursday" in a Thursday story). With
  ``tense="future"`` it is the next such day on or after the publication date. "last Monday" is
  strictly before and "next Monday" strictly after the publication date, whatever the tense.
* **Years left out.** "March 5" or "in March" take the publication year; in past tense (the
  default, also used for ``tense=None``) a date more than 62 days after publication is moved to
  the previous year ("on December 30" in a story of 2026-01-03 is 2025-12-30); in future tense a
  date more than 62 days before publication is moved to the next year. The 62-day window keeps
  announced plans ("talks in April", published in March) in the publication year.
* **Spans.** ``text[start:end] == mention.text``. Prepositions that only introduce the date
  ("on", "in") are not part of the span; words that change its meaning ("last", "next",
  "early") are.
* Phrases preceded by "the" ("in the last week") name a running period, not a calendar one, and
  are not matched. "since January" is not matched either (the start of a state, not an event).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

Precision = Literal["day", "week", "month", "year"]
Tense = Literal["past", "future"]

# How far (in days) a date without a year may lie on the "wrong" side of the publication date
# before it is moved to the adjacent year.
_YEAR_WINDOW_DAYS = 62

NOTE_NO_PUB_DATE = "relative date: publication date unknown"
NOTE_NO_YEAR = "year not given and publication date unknown"
NOTE_YEAR_INFERRED = "year taken from the publication date"
NOTE_WEEKDAY_MISMATCH = "weekday does not match the date"


@dataclass(frozen=True)
class DateMention:
    """A date phrase found in a text, with its resolved date.

    ``start``/``end`` are character offsets into the searched text; ``date`` is ISO YYYY-MM-DD
    (the first day of the period for week/month/year precision) or None when it cannot be
    resolved; ``note`` says why a date is missing or how it was inferred.
    """

    start: int
    end: int
    text: str
    date: str | None
    precision: Precision
    note: str | None = None


@dataclass(frozen=True)
class _Rules:
    """Compiled patterns and lookup tables, built once from the YAML data."""

    prefilter: re.Pattern[str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    weekdays: dict[str, int]
    months: dict[str, int]
    numbers: dict[str, int]
    ago_units: dict[str, tuple[str, Precision]]
    weekday_modifiers: dict[str, str]
    relative: dict[str, tuple[str, int]]


def _alternation(words: list[str] | set[str]) -> str:
    """Regex alternation, longest first so that the longest phrase wins at a position."""
    parts = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(piece) for piece in w.split()) for w in parts)


def _capitalised(names: list[str]) -> str:
    """Month names in Title or UPPER case only (lower-case "may" is a verb)."""
    forms = {n for name in names for n in (name, name.upper())}
    return _alternation(forms)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("parley.dates").joinpath("data/phrases.yaml").read_text(encoding="utf-8")
    )
    weekdays = {k.lower(): int(v) for k, v in raw["weekdays"].items()}
    full_months = {str(k): int(v) for k, v in raw["months"].items()}
    abbreviations = {str(k): int(v) for k, v in raw["month_abbreviations"].items()}
    months = {k.lower(): v for k, v in {**full_months, **abbreviations}.items()}
    numbers = {str(k).lower(): int(v) for k, v in raw["number_words"].items()}
    ago_units = {
        str(k).lower(): (str(v["unit"]), v["precision"]) for k, v in raw["ago_units"].items()
    }
    modifiers = {str(k).lower(): str(v) for k, v in raw["weekday_modifiers"].items()}
    relative = {
        " ".join(str(k).lower().split()): (str(v["unit"]), int(v["offset"]))
        for k, v in raw["relative"].items()
    }

    wd = _alternation(set(weekdays))
    month_full = _capitalised(list(full_months))
    month_any = _capitalised(list(full_months) + list(abbreviations))
    month_prep = _alternation(raw["month_prepositions"])
    year_prep = _alternation(raw["year_prepositions"])
    qualifier = _alternation(raw["period_qualifiers"])
    day_parts = _alternation(raw["day_parts"])
    mods = _alternation(set(modifiers))
    count_words = _alternation(set(numbers))
    units = _alternation(set(ago_units))

    year = r"(?P<year>(?:19|20)\d\d)(?![\d-])"
    day = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
    month_tok = rf"(?P<month>{month_any})\b\.?"
    wd_prefix = rf"(?:(?P<wd>(?i:{wd})),?\s+)?"
    qual = rf"(?:(?i:{qualifier})(?:\s+|-))?"

    patterns: list[tuple[str, str]] = [
        (
            "iso",
            r"\b(?P<p>(?P<year>(?:19|20)\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01]))(?!\d)",
        ),
        ("dmy", rf"\b(?P<p>{wd_prefix}(?:the\s+)?{day}(?:\s+of)?\s+{month_tok}(?:,?\s+{year})?)"),
        ("mdy", rf"\b(?P<p>{wd_prefix}{month_tok}\s+{day}(?:,?\s+{year})?)"),
        ("month_year", rf"\b(?P<p>{qual}(?P<month>{month_full}),?\s+{year})"),
        ("month_rel", rf"\b(?P<p>(?P<mod>(?i:last|next|this))\s+(?P<month>{month_full}))\b"),
        ("month", rf"\b(?i:{month_prep})\s+(?P<p>{qual}(?P<month>{month_full}))\b(?!')"),
        ("month_q", rf"\b(?P<p>(?i:{qualifier})(?:\s+|-)(?P<month>{month_full}))\b(?!')"),
        ("year_q", rf"\b(?P<p>(?i:{qualifier})(?:\s+|-){year})"),
        ("year", rf"\b(?i:{year_prep})\s+(?P<p>{year})"),
        (
            "weekday",
            rf"\b(?P<p>(?:(?P<mod>{mods})\s+)?(?P<wd>{wd})(?:\s+(?:{day_parts}))?)\b",
        ),
        ("ago", rf"\b(?P<p>(?P<n>\d{{1,2}}|{count_words})\s+(?P<unit>{units})\s+ago)\b"),
        ("relative", rf"(?<!\bthe\s)\b(?P<p>{_alternation(set(relative))})\b"),
    ]
    # Only the weekday, "ago" and fixed relative patterns are fully case-insensitive; the others
    # carry (?i:...) groups where case does not matter and keep month names capitalised.
    insensitive = {"weekday", "ago", "relative"}
    compiled = tuple(
        (kind, re.compile(rx, re.IGNORECASE if kind in insensitive else 0)) for kind, rx in patterns
    )

    # A cheap gate: every pattern needs a 4-digit year, a month name, a weekday, "ago" or the
    # last word of a relative phrase somewhere in the text.
    keywords = set(weekdays) | {"ago"} | {p.split()[-1] for p in relative}
    prefilter = re.compile(rf"\d{{4}}|\b(?:{month_any})\b|\b(?i:{_alternation(keywords)})\b")

    return _Rules(
        prefilter=prefilter,
        patterns=compiled,
        weekdays=weekdays,
        months=months,
        numbers=numbers,
        ago_units=ago_units,
        weekday_modifiers=modifiers,
        relative=relative,
    )


@lru_cache(maxsize=4096)
def _parse_pub_date(value: str | None) -> date | None:
    """Publication date from an ISO string (a time part is ignored); None when unusable."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _month_start(d: date, shift: int = 0) -> date:
    index = d.year * 12 + (d.month - 1) + shift
    return date(index // 12, index % 12 + 1, 1)


def _week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _period_start(d: date, precision: Precision) -> date:
    if precision == "week":
        return _week_start(d)
    if precision == "month":
        return d.replace(day=1)
    if precision == "year":
        return date(d.year, 1, 1)
    return d


def _place_in_year(month: int, day: int, pub: date, future: bool) -> date | None:
    """The date month/day nearest the publication date in the direction of the tense."""
    years = (pub.year, pub.year + 1, pub.year - 1) if future else (pub.year, pub.year - 1)
    for y in years:
        try:
            candidate = date(y, month, day)
        except ValueError:  # 29 February outside a leap year: try the next candidate year
            continue
        window = timedelta(days=_YEAR_WINDOW_DAYS)
        if not future and candidate > pub + window:
            continue
        if future and candidate < pub - window:
            continue
        return candidate
    return None


def _resolve(
    kind: str, m: re.Match[str], pub: date | None, future: bool, rules: _Rules
) -> tuple[date | None, Precision, str | None] | None:
    """Date, precision and note for one match; None drops the match (e.g. 31 February)."""
    g = m.groupdict()
    if kind == "iso":
        try:
            return date(int(g["year"]), int(g["mon"]), int(g["day"])), "day", None
        except ValueError:
            return None
    if kind in ("dmy", "mdy"):
        month = rules.months[g["month"].lower()]
        day = int(g["day"])
        if g.get("year"):
            try:
                found = date(int(g["year"]), month, day)
            except ValueError:
                return None
            note = None
        elif pub is None:
            return None, "day", NOTE_NO_YEAR
        else:
            placed = _place_in_year(month, day, pub, future)
            if placed is None:
                return None
            found, note = placed, NOTE_YEAR_INFERRED
        if g.get("wd") and rules.weekdays[g["wd"].lower()] != found.weekday():
            note = NOTE_WEEKDAY_MISMATCH
        return found, "day", note
    if kind == "month_year":
        return date(int(g["year"]), rules.months[g["month"].lower()], 1), "month", None
    if kind in ("year", "year_q"):
        return date(int(g["year"]), 1, 1), "year", None

    # Everything below is relative to the publication date.
    if kind in ("month", "month_q"):
        if pub is None:
            return None, "month", NOTE_NO_YEAR
        placed = _place_in_year(rules.months[g["month"].lower()], 1, pub, future)
        return placed, "month", NOTE_YEAR_INFERRED
    if pub is None:
        precision: Precision = "day"
        if kind == "month_rel":
            precision = "month"
        elif kind == "ago":
            precision = rules.ago_units[g["unit"].lower()][1]
        elif kind == "relative":
            precision = _UNIT_PRECISION[rules.relative[" ".join(g["p"].lower().split())][0]]
        return None, precision, NOTE_NO_PUB_DATE
    if kind == "month_rel":
        month = rules.months[g["month"].lower()]
        mod = g["mod"].lower()
        if mod == "last":
            year = pub.year if month < pub.month else pub.year - 1
        elif mod == "next":
            year = pub.year if month > pub.month else pub.year + 1
        else:
            year = pub.year
        return date(year, month, 1), "month", None
    if kind == "weekday":
        target = rules.weekdays[g["wd"].lower()]
        mod = rules.weekday_modifiers.get((g["mod"] or "").lower(), "tense")
        if mod == "past":
            back = (pub.weekday() - target) % 7 or 7
            return pub - timedelta(days=back), "day", None
        if mod == "future":
            ahead = (target - pub.weekday()) % 7 or 7
            return pub + timedelta(days=ahead), "day", None
        if future:
            return pub + timedelta(days=(target - pub.weekday()) % 7), "day", None
        return pub - timedelta(days=(pub.weekday() - target) % 7), "day", None
    if kind == "ago":
        n_text = g["n"].lower()
        n = int(n_text) if n_text.isdigit() else rules.numbers[n_text]
        unit, precision = rules.ago_units[g["unit"].lower()]
        return _shift(pub, unit, -n), precision, None
    if kind == "relative":
        unit, offset = rules.relative[" ".join(g["p"].lower().split())]
        return _shift(pub, unit, offset), _UNIT_PRECISION[unit], None
    raise AssertionError(f"unhandled pattern kind {kind}")  # pragma: no cover


_UNIT_PRECISION: dict[str, Precision] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}


def _shift(pub: date, unit: str, n: int) -> date:
    """Start of the period ``n`` units away from the publication date."""
    if unit == "day":
        return pub + timedelta(days=n)
    if unit == "week":
        return _week_start(pub) + timedelta(weeks=n)
    if unit == "month":
        return _month_start(pub, n)
    return date(pub.year + n, 1, 1)


def find_dates(text: str, pub_date: str | None, tense: Tense | None = "past") -> list[DateMention]:
    """All date phrases in ``text``, resolved against ``pub_date`` (ISO), in text order.

    ``tense`` picks the direction of ambiguous phrases (a bare weekday, a day without a year):
    "past" (default; None means the same) looks back from the publication date, "future"
    ahead. Where phrases overlap, the longest wins ("Thursday, March 5" over "Thursday").
    """
    if not text:
        return []
    rules = _rules()
    if rules.prefilter.search(text) is None:
        return []
    pub = _parse_pub_date(pub_date)
    future = tense == "future"

    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in rules.patterns:
        for m in pattern.finditer(text):
            start, end = m.span("p")
            candidates.append((start, end, kind, m))
    if not candidates:
        return []
    # Longest first, then leftmost; keep a candidate only if it overlaps nothing kept so far.
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    kept: list[tuple[int, int, str, re.Match[str]]] = []
    for cand in candidates:
        if all(cand[1] <= k[0] or cand[0] >= k[1] for k in kept):
            kept.append(cand)
    kept.sort(key=lambda c: c[0])

    mentions: list[DateMention] = []
    for start, end, kind, m in kept:
        resolved = _resolve(kind, m, pub, future, rules)
        if resolved is None:
            continue
        found, precision, note = resolved
        if found is not None:
            found = _period_start(found, precision)
        mentions.append(
            DateMention(
                start=start,
                end=end,
                text=text[start:end],
                date=found.isoformat() if found else None,
                precision=precision,
                note=note,
            )
        )
    return mentions


def resolve_date(phrase: str, pub_date: str | None, tense: Tense | None = "past") -> str | None:
    """ISO date of the first resolvable date phrase in ``phrase``, or None."""
    for mention in find_dates(phrase, pub_date, tense):
        if mention.date is not None:
            return mention.date
    return None
