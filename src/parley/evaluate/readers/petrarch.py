"""PETRARCH2's unit-test records and UniversalPetrarch's English validation set.

Both are JSON Lines with ``expected_events`` ({sourcecode, targetcode, eventcode}). The PETRARCH
records use fictional states (Arnor = ARN, Gondor = GON ...) defined in ``PETR.Validate.actors.txt``
and ``PETR.Validate.agents.txt``: score them with a pipeline that loads those files
(:data:`PETRARCH_DICTIONARIES`). Records of the ERROR category test PETRARCH's handling of broken
input (their expected "events" are error messages) and are left out. The UniversalPetrarch codes
were taken from PETRARCH2's own output, so its figures are agreement, not accuracy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..gold import GoldEvent, GoldItem, iso_date
from . import json_lines

PETRARCH_PATH = "events/petrarch2/PETR.UnitTest.records.derived.jsonl"
PETRARCH_DICTIONARIES = (
    "events/petrarch2/PETR.Validate.actors.txt",
    "events/petrarch2/PETR.Validate.agents.txt",
)
UNIVERSAL_PATH = "events/universalpetrarch/PETR2_GSR_validation.derived.jsonl"


def _code(value: Any) -> tuple[str, ...]:
    code = str(value or "").strip().upper()
    return (code,) if code else ()


def _read(path: Path) -> list[GoldItem]:
    items = []
    for _, record in json_lines(path):
        expected = record.get("expected_events") or []
        if any(isinstance(e, dict) and "error" in e for e in expected):
            continue
        events = [
            GoldEvent(
                cameo=str(e["eventcode"]).strip(),
                source=_code(e.get("sourcecode")),
                target=_code(e.get("targetcode")),
            )
            for e in expected
            if isinstance(e, dict) and e.get("eventcode")
        ]
        items.append(
            GoldItem(
                id=str(record.get("id")),
                text=str(record.get("text") or ""),
                date=iso_date(str(record.get("date") or "")),
                events=events,
                category=record.get("category"),
            )
        )
    return items


def read_petrarch(shared_data: Path) -> list[GoldItem]:
    return _read(shared_data / PETRARCH_PATH)


def read_universal(shared_data: Path) -> list[GoldItem]:
    return _read(shared_data / UNIVERSAL_PATH)


def dictionary_paths(shared_data: Path) -> tuple[str, ...]:
    return tuple(str(shared_data / p) for p in PETRARCH_DICTIONARIES)
