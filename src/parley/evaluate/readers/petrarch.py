"""PETRARCH2's unit-test records and UniversalPetrarch's English validation set.

Both are JSON Lines with ``expected_events`` ({sourcecode, targetcode, eventcode}). The PETRARCH
records use fictional states (Arnor = ARN, Gondor = GON ...) and a test verb dictionary, all in
``PETR.Validate.*.txt`` beside the records: score them with a pipeline that loads those files
(:data:`PETRARCH_DICTIONARIES`: actors, agents, verbs and discards; parley reads the verbs file
with :mod:`parley.events.tabari_verbs`). Records of the ERROR category test PETRARCH's handling
of broken input (their expected "events" are error messages) and are left out. The UniversalPetrarch
codes were taken from PETRARCH2's own output, so its figures are agreement, not accuracy.

PETRARCH2 splits (:data:`PETRARCH_SPLITS`): ``dev`` and ``test`` halve the records by a stable
hash of the record's *family* (its id without a trailing letter suffix, so that the variants
SYNSET-22a, 22b, 22bb ... of one test fall in the same half); ``all`` is both. ``dev`` may be
studied freely; **``test`` is the reported split** and is never inspected item by item.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from ..gold import GoldEvent, GoldItem, iso_date
from . import json_lines

PETRARCH_PATH = "events/petrarch2/PETR.UnitTest.records.derived.jsonl"
PETRARCH_DICTIONARIES = (
    "events/petrarch2/PETR.Validate.actors.txt",
    "events/petrarch2/PETR.Validate.agents.txt",
    "events/petrarch2/PETR.Validate.verbs.txt",
    "events/petrarch2/PETR.Validate.discards.txt",
)
PETRARCH_SPLITS = ("test", "dev", "all")  # the first is the default and the reported one
UNIVERSAL_PATH = "events/universalpetrarch/PETR2_GSR_validation.derived.jsonl"


def _code(value: Any) -> tuple[str, ...]:
    code = str(value or "").strip().upper()
    return (code,) if code else ()


def record_family(record_id: str) -> str:
    """``SYNSET-22bb`` -> ``SYNSET-22``: variants of one unit test share a family."""
    return re.sub(r"[a-z]+$", "", record_id.strip()).upper()


def petrarch_split(record_id: str) -> str:
    """``dev`` or ``test`` for a record id: the parity of an MD5 of its family (stable across
    Python versions and runs, unlike ``hash``)."""
    digest = hashlib.md5(record_family(record_id).encode("utf-8"), usedforsecurity=False).hexdigest()
    return "dev" if int(digest, 16) % 2 == 0 else "test"


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


def read_petrarch(shared_data: Path, split: str = "all") -> list[GoldItem]:
    """The PETRARCH2 unit-test records of ``split`` (``dev``, ``test`` or ``all``), in file order."""
    if split not in PETRARCH_SPLITS:
        raise ValueError(f"unknown PETRARCH2 split '{split}' (expected one of: {', '.join(PETRARCH_SPLITS)})")
    items = _read(shared_data / PETRARCH_PATH)
    return items if split == "all" else [i for i in items if petrarch_split(i.id) == split]


def read_universal(shared_data: Path) -> list[GoldItem]:
    return _read(shared_data / UNIVERSAL_PATH)


def dictionary_paths(shared_data: Path) -> tuple[str, ...]:
    """The PETR.Validate dictionaries: actors and agents for the actor matcher, verbs and
    discards for the event lexicon (one list; each loader takes the files it reads)."""
    return tuple(str(shared_data / p) for p in PETRARCH_DICTIONARIES)
