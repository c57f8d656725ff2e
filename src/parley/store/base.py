"""The storage interface every backend implements, and the helpers they share.

Callers (pipeline, CLI, notebooks) only see :class:`Store`; SQLite is the first backend and a
PostgreSQL one is planned, so nothing SQLite-specific may leak through these methods.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import lru_cache
from types import TracebackType
from typing import Any

from ..errors import Messages, StoreError
from ..records import Actor, DocumentResult, EventRecord, content_id

# A date filter may name a year, a month or a day; partial dates compare by their common prefix.
_DATE_FILTER = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class AddStats:
    """New rows one :meth:`Store.add_result` call wrote, per table."""

    documents: int = 0
    sentences: int = 0
    actors: int = 0
    events: int = 0
    already_present: bool = False  # the document was stored before; nothing was written
    positions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "sentences": self.sentences,
            "actors": self.actors,
            "events": self.events,
            "positions": self.positions,
            "already_present": self.already_present,
        }


class Store(ABC):
    """A place where coded documents are kept and queried.

    Writes are per document and atomic: after a crash a document is either fully stored (text,
    sentences, actors, events) or absent. Every id is derived from content, so storing the same
    result twice changes nothing.
    """

    @abstractmethod
    def add_result(self, result: DocumentResult, *, replace: bool = False) -> AddStats:
        """Store one document and everything found in it, in one transaction.

        When the document (same ``doc_id`` and same text) is already stored nothing is written and
        ``already_present`` is set; ``replace=True`` instead swaps its sentences and events for the
        new ones (for re-coding a corpus with a newer parley or other dictionaries).
        """

    @abstractmethod
    def has_document(self, doc_id: str, text_hash: str) -> bool:
        """Whether a document with this id and ``Document.content_hash`` is stored."""

    @abstractmethod
    def query_events(
        self,
        *,
        actor: str | None = None,
        country: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        doc_id: str | None = None,
        factuality: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Stored events as output-contract dicts (the shape of ``EventRecord.to_dict()``).

        Filters combine with AND; each is case-insensitive.

        * ``actor``: the source or the target matches when the query equals its dictionary id,
          country code or compound code (``RUSGOV``), or appears as whole words in its text or
          canonical name (``putin`` matches "Vladimir Putin", ``us`` does not match "Russia").
        * ``country``: source or target country code equals it.
        * ``type``: PLOVER event type equals it.
        * ``since`` / ``until``: inclusive bounds on the event date, or on the publication date of
          the document when the event has no date of its own. ``YYYY``, ``YYYY-MM`` and
          ``YYYY-MM-DD`` are accepted; a partial date keeps every event inside that period.
          Events with neither date are left out whenever a bound is given.
        * ``text``: substring of the sentence.
        * ``doc_id``: the document id given by the input (exact).
        * ``factuality``: one of asserted, negated, hypothetical, future, alleged.

        Results are ordered by publication date (undated documents last), doc_id, sentence index
        and span start, so the same query always gives the same list.
        """

    @abstractmethod
    def query_positions(
        self,
        *,
        actor: str | None = None,
        issue: str | None = None,
        stance: str | None = None,
        since: str | None = None,
        until: str | None = None,
        doc_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Stored positions as output-contract dicts (``PositionRecord.to_dict()``)."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Rows per table: documents, sentences, actors, events."""

    @abstractmethod
    def documents(self, *, with_text: bool = False) -> list[dict[str, Any]]:
        """Stored documents with their metadata and sentence/event counts, oldest first."""

    @abstractmethod
    def schema_version(self) -> int:
        """Highest migration applied to this database."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection; further calls are errors."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# --- helpers shared by backends -------------------------------------------------------------


def document_key(doc_id: str, text: str) -> str:
    """Primary key of a stored document."""
    return content_id(doc_id, text)


def sentence_key(document_key: str, index: int, text: str) -> str:
    """Primary key of a stored sentence."""
    return content_id(document_key, index, text)


def actor_key(actor: Actor) -> str:
    """Primary key of a stored actor.

    The canonical name is part of the key (besides text, country, sector and entry id) so that a
    stored actor always gives back exactly the ``Actor.to_dict()`` it was made from.
    """
    return content_id(actor.text, actor.country, actor.sector, actor.id, actor.name)


def event_key(event: EventRecord, document_key: str) -> str:
    """Primary key of a stored event."""
    return content_id(event.event_id, document_key)


def check_date_filter(value: str | None) -> str | None:
    """Validate a ``since``/``until`` bound; ``None`` and blank mean no bound."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not _DATE_FILTER.match(value):
        raise StoreError(Messages.E036.format(value=value), "E036")
    return value


def check_limit(limit: int | None) -> int | None:
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be zero or more, got {limit}")
    return limit


@lru_cache(maxsize=256)
def _word_pattern(query: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(query) + r"(?!\w)")


def actor_matches(
    text: str | None,
    name: str | None,
    country: str | None,
    sector: str | None,
    entry_id: str | None,
    query: str,
) -> bool:
    """The ``actor`` filter of :meth:`Store.query_events` for one stored actor.

    Whole-word rather than plain substring matching on text and name, because short codes typed
    as queries (``US``, ``UN``) are substrings of many unrelated names.
    """
    if text is None:  # no actor on this side
        return False
    q = query.strip().casefold()
    if not q:
        return False
    code = f"{country or ''}{sector or ''}"
    for exact in (entry_id, country, code):
        if exact and exact.casefold() == q:
            return True
    pattern = _word_pattern(q)
    return any(value and pattern.search(value.casefold()) for value in (text, name))


def contains_casefold(haystack: str | None, needle: str) -> bool:
    """Case-insensitive substring test that also folds non-ASCII letters."""
    return haystack is not None and needle.casefold() in haystack.casefold()
