"""Event dates from news phrases ("on Monday", "last week", "5 March 2026").

See :mod:`parley.dates.resolve` for the conventions used to turn relative phrases into dates.
"""

from __future__ import annotations

from .resolve import DateMention, find_dates, resolve_date

__all__ = ["DateMention", "find_dates", "resolve_date"]
