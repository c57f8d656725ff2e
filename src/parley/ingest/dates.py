"""Publication dates: strict parsing of ``--date`` and lenient normalisation of metadata dates.

Both return ISO ``YYYY-MM-DD`` strings. Nothing here looks at the machine clock: a date is only
accepted when the text names a day, a month and a year, so "yesterday", "Tuesday" or "March 2026"
give no date rather than one made up from today's date.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ..errors import input_error
from ..records import Document

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# An ISO date, optionally followed by a time part ("2026-03-05T10:00:00Z", "2026-03-05 10:00").
_ISO_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|[T ]\d)")
# All-numeric day/month/year such as 05/03/2026: read day first (the usual order outside the
# United States), but refuse it when both of the first two numbers could be a month.
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")

# Years outside this range are far more likely to be noise (ids, page numbers) than dates.
_MIN_YEAR = 1800
_MAX_YEAR = 2200

# A fixed base date: dateparser must never fill anything from the machine clock. With
# REQUIRE_PARTS it never needs to, but the base makes that explicit and testable.
_FIXED_BASE = _dt.datetime(2000, 1, 1)

DATEPARSER_SETTINGS: dict[str, Any] = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    # No "relative-time" ("2 days ago") and no "timestamp" (bare numbers as epoch seconds).
    "PARSERS": ["custom-formats", "absolute-time"],
    "RELATIVE_BASE": _FIXED_BASE,
    "DATE_ORDER": "DMY",
    # Keep the calendar date as written; no conversion to the machine's or any other time zone.
    "RETURN_AS_TIMEZONE_AWARE": False,
}
DATEPARSER_LANGUAGES = ["en"]


def parse_iso_date(value: str, origin: str = "--date") -> str:
    """Check a user-given date (``--date``) and return it as ``YYYY-MM-DD``.

    Strict on purpose: the option is typed by a person, and a typo should stop the run at the
    start rather than silently date every document wrongly. Raises ``InputError`` E011.
    """
    text = str(value).strip()
    match = _ISO_DATE.match(text)
    if match:
        try:
            return _dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            pass  # e.g. 2026-02-30: fall through to the error
    raise input_error(origin, "E011", value=value)


def normalise_date(value: Any) -> str | None:
    """Turn a metadata date into ``YYYY-MM-DD``, or ``None`` when it cannot be read safely.

    Accepts ISO dates and timestamps, ``date``/``datetime`` objects (e.g. pandas Timestamps) and
    English dates such as "5 March 2026" or "March 5, 2026". Never raises: a date that cannot be
    read is treated as absent, because a wrong date is worse than none.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, _dt.datetime | _dt.date):
        try:
            day = value.date() if isinstance(value, _dt.datetime) else value
            return _checked(day)
        except (ValueError, TypeError, AttributeError):  # e.g. pandas NaT
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None

    match = _ISO_PREFIX.match(text)
    if match:
        try:
            return _checked(_dt.date.fromisoformat(match[1]))
        except ValueError:
            return None

    match = _NUMERIC_DMY.match(text)
    if match:
        first, second = int(match[1]), int(match[2])
        if first <= 12 and second <= 12 and first != second:
            return None  # 05/03/2026 could be 5 March or 3 May: do not guess
        try:
            return _checked(_dt.date(int(match[3]), second, first))
        except ValueError:
            try:  # 03/25/2026 is only valid month first
                return _checked(_dt.date(int(match[3]), first, second))
            except ValueError:
                return None

    return _dateparser(text)


def apply_date(doc: Document, raw_date: object, default_date: str | None) -> Document:
    """Set ``date``/``date_source``: metadata first, else the ``--date`` default, else none.

    An unreadable metadata date is not an error: the document falls back to the default (or no
    date) so the batch goes on. ``default_date`` must already be checked with
    :func:`parse_iso_date`.
    """
    iso = normalise_date(raw_date)
    if iso is not None:
        doc.date, doc.date_source = iso, "metadata"
    elif default_date is not None:
        doc.date, doc.date_source = default_date, "option"
    else:
        doc.date, doc.date_source = None, "none"
    return doc


def _dateparser(text: str) -> str | None:
    # Imported here: dateparser takes a moment to load and most inputs carry ISO dates.
    import dateparser

    try:
        parsed = dateparser.parse(
            text, languages=DATEPARSER_LANGUAGES, settings=DATEPARSER_SETTINGS
        )
    except (ValueError, TypeError, OverflowError):
        return None
    if parsed is None:
        return None
    return _checked(parsed.date())


def _checked(day: _dt.date) -> str | None:
    if _MIN_YEAR <= day.year <= _MAX_YEAR:
        return day.isoformat()
    return None


__all__ = ["DATEPARSER_SETTINGS", "apply_date", "normalise_date", "parse_iso_date"]
