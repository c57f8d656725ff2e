"""Plain data containers passed between stages and returned to users.

Every stage reads and writes these dataclasses; ``to_dict`` gives the JSON form of the output
contract (docs/schema/event.schema.json) and :func:`to_dataframe` the pandas form.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

Factuality = Literal["asserted", "negated", "hypothetical", "future", "alleged"]
FACTUALITY_VALUES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future", "alleged")


def content_id(*parts: object, length: int = 16) -> str:
    """Stable id derived from content, so that re-ingesting the same text yields the same id."""
    digest = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


@dataclass
class Document:
    """One article as read from the input, before any analysis."""

    doc_id: str
    text: str
    title: str | None = None
    date: str | None = None  # publication date, ISO YYYY-MM-DD, or None when unknown
    date_source: str = "none"  # "metadata", "option" or "none"
    url: str | None = None
    source: str | None = None  # publisher
    path: str | None = None  # file the document came from
    line: int | None = None  # line number in a JSON Lines file

    @property
    def content_hash(self) -> str:
        return content_id(self.text, length=32)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Sentence:
    """A sentence of a document with its character offsets in the document text."""

    doc_id: str
    index: int
    text: str
    start: int
    end: int


@dataclass
class Actor:
    """A party to an event: who the text names, and who that resolves to.

    ``country`` is an ISO 3166 alpha-3 code or an organisation code (NATO, EU, UN, ...);
    ``sector`` a PLOVER sector code (GOV, MIL, COP, REB, ...); ``id`` the dictionary entry id.
    """

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    id: str | None = None
    start: int | None = field(default=None, compare=False)  # document offsets of ``text``
    end: int | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "id": self.id,
        }

    def shifted(self, offset: int) -> Actor:
        """A copy whose character offsets are moved by ``offset`` (sentence → document)."""
        return replace(
            self,
            start=None if self.start is None else self.start + offset,
            end=None if self.end is None else self.end + offset,
        )

    @property
    def code(self) -> str:
        """CAMEO-style compound code such as ``RUSGOV``; empty when nothing is known."""
        return f"{self.country or ''}{self.sector or ''}"


@dataclass
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class EventRecord:
    """One coded event, following the output contract of ``parley extract``."""

    doc_id: str
    sentence_index: int
    sentence: str
    span: tuple[int, int]
    event_type: str
    cameo: str
    source: Actor | None
    target: Actor | None = None
    mode: str | None = None
    context: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    date: str | None = None
    date_text: str | None = None
    location: Location | None = None
    factuality: str = "asserted"
    attribution: Actor | None = None
    confidence: float = 0.5
    trigger: str | None = None  # the word(s) that triggered the event; not in the contract
    record: str = "event"

    @property
    def event_id(self) -> str:
        return content_id(
            self.doc_id,
            self.sentence_index,
            self.span[0],
            self.span[1],
            self.event_type,
            self.cameo,
            self.source.code if self.source else None,
            self.source.text if self.source else None,
            self.target.code if self.target else None,
            self.target.text if self.target else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "record": self.record,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "span": [self.span[0], self.span[1]],
            "event_type": self.event_type,
            "mode": self.mode,
            "context": self.context,
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "date": self.date,
            "date_text": self.date_text,
            "location": self.location.to_dict() if self.location else None,
            "factuality": self.factuality,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "confidence": round(float(self.confidence), 3),
        }


STANCE_VALUES: tuple[str, ...] = ("demand", "offer", "support", "accept", "reject", "oppose")


@dataclass
class ScalePlacement:
    """Where a position sits on its issue's analyst-defined 0-100 scale, and why."""

    value: float
    evidence: str  # the words that placed it
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "evidence": self.evidence, "confidence": round(float(self.confidence), 3)}


@dataclass
class PositionRecord:
    """One party's position on one issue ("Moscow demands more territory"), following the
    output contract of ``parley extract`` (docs/schema/position.schema.json)."""

    doc_id: str
    sentence_index: int
    sentence: str
    span: tuple[int, int]
    actor: Actor
    issue: str
    stance: str  # one of STANCE_VALUES
    object: str  # the phrase stating what is demanded or refused
    target: Actor | None = None
    non_negotiable: bool = False
    date: str | None = None
    factuality: str = "asserted"
    attribution: Actor | None = None
    confidence: float = 0.5
    scale: ScalePlacement | None = None
    cue: str | None = None  # the word(s) that signalled the stance; not in the contract
    record: str = "position"

    @property
    def position_id(self) -> str:
        return content_id(
            self.doc_id,
            self.sentence_index,
            self.span[0],
            self.span[1],
            self.actor.code,
            self.actor.text,
            self.issue,
            self.stance,
            self.target.code if self.target else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "record": self.record,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "span": [self.span[0], self.span[1]],
            "actor": self.actor.to_dict(),
            "issue": self.issue,
            "stance": self.stance,
            "non_negotiable": bool(self.non_negotiable),
            "object": self.object,
            "target": self.target.to_dict() if self.target else None,
            "date": self.date,
            "factuality": self.factuality,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "confidence": round(float(self.confidence), 3),
            "scale": self.scale.to_dict() if self.scale else None,
        }


@dataclass
class DocumentResult:
    """What the pipeline produced for one document."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)  # every party named in the document
    notes: list[str] = field(default_factory=list)  # e.g. "no publication date"
    positions: list[PositionRecord] = field(default_factory=list)  # who demands what, per issue

    def records(self) -> list[dict[str, Any]]:
        return [e.to_dict() for e in self.events]


def to_dataframe(records: list[dict[str, Any]] | list[EventRecord]) -> Any:
    """Event records as a pandas DataFrame, nested objects flattened into prefixed columns
    (``source_country``, ``location_lat``, ...); see :func:`parley.output.records_to_dataframe`."""
    from .output import records_to_dataframe

    return records_to_dataframe(r.to_dict() if isinstance(r, EventRecord) else r for r in records)
