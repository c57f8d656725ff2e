"""``parley brief``: one article at a glance.

The parties, the events in the order the text gives them with the sentence each came from, and
what is only claimed, denied, conditional or expected, kept apart from what the text asserts.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..records import Actor, DocumentResult, EventRecord

_SECTIONS = (
    ("alleged", "Only claimed or alleged"),
    ("negated", "Denied, refused or not done"),
    ("hypothetical", "Conditional or speculative"),
    ("future", "Planned or expected"),
)


@dataclass
class Party:
    """A country or organisation taking part in the article's events, with the names it goes by."""

    name: str
    country: str | None
    roles: int  # events in which it is source or target
    as_names: list[str] = field(default_factory=list)

    def label(self) -> str:
        also = [n for n in self.as_names if n != self.name]
        suffix = f"; as {', '.join(also)}" if also else ""
        return f"{self.name} ({self.country or '?'}): {self.roles} event role(s){suffix}"


@dataclass
class Brief:
    doc_id: str
    title: str | None
    date: str | None
    notes: list[str]
    parties: list[Party]
    asserted: list[EventRecord]
    qualified: dict[str, list[EventRecord]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "date": self.date,
            "notes": self.notes,
            "parties": [p.__dict__ for p in self.parties],
            "events": [e.to_dict() for e in self.asserted],
            "qualified": {k: [e.to_dict() for e in v] for k, v in self.qualified.items()},
        }


def _actor_name(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    return actor.name or actor.text


def build_brief(result: DocumentResult) -> Brief:
    """Summarise one analysed document."""
    roles: Counter[str] = Counter()
    names: dict[str, list[str]] = {}
    state_name: dict[str, str] = {}
    for event in result.events:
        for actor in (event.source, event.target):
            if actor is None:
                continue
            key = actor.country or _actor_name(actor)
            roles[key] += 1
            name = _actor_name(actor)
            if name not in names.setdefault(key, []):
                names[key].append(name)
            if actor.country and actor.sector is None and actor.name:
                state_name.setdefault(actor.country, actor.name)
    parties = [
        Party(state_name.get(key, names[key][0]), key if key.isupper() else None, n, names[key])
        for key, n in roles.most_common()
    ]
    ordered = sorted(result.events, key=lambda e: (e.span[0], e.event_type))
    asserted = [e for e in ordered if e.factuality == "asserted"]
    qualified = {key: [e for e in ordered if e.factuality == key] for key, _ in _SECTIONS}
    doc = result.document
    return Brief(doc.doc_id, doc.title, doc.date, list(result.notes), parties, asserted, qualified)


def _event_line(event: EventRecord) -> str:
    target = f" -> {_actor_name(event.target)}" if event.target else ""
    extras = []
    if event.date_text:
        extras.append(f"{event.date_text}: {event.date}")
    elif event.date:
        extras.append(event.date)
    if event.location:
        extras.append(f"in {event.location.name}")
    if event.attribution:
        extras.append(f"per {_actor_name(event.attribution)}")
    extra = f"  [{'; '.join(extras)}]" if extras else ""
    return f"{event.event_type:<9} {_actor_name(event.source)}{target} (CAMEO {event.cameo}){extra}"


def render_brief(brief: Brief, width: int = 100) -> str:
    """Plain-text rendering for a terminal."""
    out: list[str] = []
    title = brief.title or brief.doc_id
    out.append(title)
    out.append("=" * min(len(title), width))
    out.append(f"published: {brief.date or 'unknown'}   document: {brief.doc_id}")
    out.extend(f"note: {n}" for n in brief.notes)
    out.append("")
    out.append("Parties")
    if brief.parties:
        out.extend(f"  - {p.label()}" for p in brief.parties)
    else:
        out.append("  (none found)")
    out.append("")
    out.append(f"What happened ({len(brief.asserted)} events the text asserts)")
    seen_sentences: set[int] = set()
    for event in brief.asserted:
        out.append(f"  * {_event_line(event)}")
        if event.sentence_index not in seen_sentences:
            seen_sentences.add(event.sentence_index)
            out.extend(textwrap.wrap(f'"{event.sentence}"', width - 6, initial_indent="      ", subsequent_indent="      "))
    for key, heading in _SECTIONS:
        events = brief.qualified.get(key, [])
        if not events:
            continue
        out.append("")
        out.append(f"{heading} ({len(events)})")
        for event in events:
            out.append(f"  * {_event_line(event)}")
            out.extend(textwrap.wrap(f'"{event.sentence}"', width - 6, initial_indent="      ", subsequent_indent="      "))
    return "\n".join(out) + "\n"
