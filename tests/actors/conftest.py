"""Fixtures for the actor dictionary tests: the spaCy model and matchers are built once."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
LEADERS_FIXTURE = HERE / "leaders_fixture.tsv"


@pytest.fixture(scope="session")
def nlp():
    from parley.nlp.loader import load_model

    return load_model()


@pytest.fixture(scope="session")
def dictionary():
    """Built-in dictionaries plus the tiny leaders fixture (user entries win ties)."""
    from parley.actors import load_dictionary

    return load_dictionary([LEADERS_FIXTURE])


@pytest.fixture(scope="session")
def matcher(nlp, dictionary):
    from parley.actors import ActorMatcher

    return ActorMatcher(dictionary, nlp)


@pytest.fixture(scope="session")
def mentions(nlp, matcher):
    """Mentions of a text as (text, country, sector, kind) tuples."""

    def run(
        text: str, date: str | None = "2026-03-12"
    ) -> list[tuple[str, str | None, str | None, str]]:
        doc = nlp(text)
        return [
            (m.actor.text, m.actor.country, m.actor.sector, m.kind)
            for m in matcher.find_mentions(doc, date)
        ]

    return run
