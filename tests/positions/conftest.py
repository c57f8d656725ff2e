"""Fixtures of the positions tests: the summit article analysed once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).resolve().parents[2] / "src" / "parley" / "positions" / "data" / "gold"


@pytest.fixture(scope="session")
def summit_text() -> dict:
    for line in (ROOT / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        if obj["id"] == "summit-cancelled":
            return obj
    raise AssertionError("summit-cancelled example is missing")


@pytest.fixture(scope="session")
def summit(pipeline, summit_text):
    from parley.jobs import extract_text

    return extract_text(summit_text["text"], date=summit_text["date"], doc_id="summit-cancelled", pipeline=pipeline)


@pytest.fixture(scope="session")
def positions_of(pipeline):
    """Positions of one text, as (actor country, issue, stance) triples and the records."""
    from parley.jobs import extract_text

    def run(text: str, date: str = "2026-03-12"):
        return extract_text(text, date=date, pipeline=pipeline).positions

    return run
