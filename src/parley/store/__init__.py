"""Where coded documents are kept: open a store, add results, query events.

>>> from parley.store import open_store
>>> with open_store("parley.db") as store:            # doctest: +SKIP
...     store.add_result(result)
...     store.query_events(actor="Russia", since="2024-01")
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Messages, StoreError
from .base import AddStats, Store
from .sqlite import SQLiteStore

__all__ = ["AddStats", "SQLiteStore", "Store", "open_store"]

# Reserved for the planned PostgreSQL backend.
_POSTGRES_PREFIXES = ("postgresql://", "postgres://", "postgresql+")


def open_store(target: str | Path = "parley.db") -> Store:
    """Open (and create or migrate when needed) the store at ``target``.

    A filesystem path (or ``":memory:"``) gives an SQLite store. ``postgresql://...`` URLs are
    reserved for the PostgreSQL backend and raise :class:`~parley.errors.StoreError` for now.
    """
    if isinstance(target, str) and target.lower().startswith(_POSTGRES_PREFIXES):
        raise StoreError(Messages.E035, "E035")
    return SQLiteStore(target)
