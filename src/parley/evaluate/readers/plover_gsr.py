"""PLOVER gold-standard records (the CAMEO manual's examples coded in PLOVER 0.5b1).

Each record holds one event; a few sentences carry two records, so records are grouped by
sentence text (316 sentences, 322 events). The DOCUMENT record is skipped. Old 0.5b1 type
names are mapped to PLOVER 0.8 (see ``TYPE_REMAP``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..gold import GoldEvent, GoldItem, iso_date
from . import malformed, require

RELATIVE_PATH = "events/plover/PLOVER_GSR_CAMEO.json"

# PLOVER 0.5b1 -> 0.8: (type, mode set by the rename or None to keep the record's mode)
TYPE_REMAP: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", None),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}


def _codes(value: Any) -> tuple[str, ...]:
    """Actor codes of a source/target field: a list of {actorText, code, sector}; a bare string
    (a few targets are '' or a word such as 'diplomatic') carries no code."""
    if not isinstance(value, list):
        return ()
    codes = []
    for actor in value:
        if isinstance(actor, dict):
            code = str(actor.get("code") or "").strip().upper()
            if code:
                codes.append(code)
    return tuple(codes)


def gold_event(record: dict[str, Any]) -> GoldEvent:
    event_type = str(record["event"]).upper()
    mode = record.get("mode") or None
    if event_type in TYPE_REMAP:
        event_type, forced_mode = TYPE_REMAP[event_type]
        mode = forced_mode or mode
    return GoldEvent(
        event_type=event_type,
        mode=mode,
        context=record.get("context") or None,
        source=_codes(record.get("source")),
        target=_codes(record.get("target")),
    )


def read(shared_data: Path) -> list[GoldItem]:
    path = require(shared_data / RELATIVE_PATH)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise malformed(path, exc.msg) from None
    if not isinstance(records, list):
        raise malformed(path, "expected a list of records")
    items: dict[str, GoldItem] = {}
    for record in records:
        if not isinstance(record, dict) or record.get("event") == "DOCUMENT":
            continue
        text = record.get("text")
        if not isinstance(text, str) or "event" not in record:
            raise malformed(path, f"record {record.get('id')!r} lacks text or event")
        item = items.get(text)
        if item is None:
            item = items[text] = GoldItem(
                id=str(record.get("id")), text=text, date=iso_date(record.get("date"))
            )
        item.events.append(gold_event(record))
    return list(items.values())
