"""Shared fixtures. The spaCy model and the pipeline are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def pipeline():
    from parley.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def code(pipeline):
    """Analyse one text; returns the list of EventRecord objects."""
    from parley.jobs import extract_text

    def run(text: str, date: str | None = "2026-03-12"):
        return extract_text(text, date=date, pipeline=pipeline).events

    return run


@pytest.fixture(scope="session")
def pattern_code(pipeline):
    """Like ``code``, with the pattern coder alone (the classify stage off): for tests about
    where the coder itself finds events and actors."""
    from parley.jobs import extract_text
    from parley.pipeline import Pipeline

    patterns = Pipeline(pipeline.settings, disable=("classify",), nlp=pipeline.nlp)

    def run(text: str, date: str | None = "2026-03-12"):
        return extract_text(text, date=date, pipeline=patterns).events

    return run


@pytest.fixture(scope="session")
def dictionary_code(pipeline, tmp_path_factory):
    """Factory: ``dictionary_code(verbs, actors)`` analyses texts with a TABARI verb dictionary and
    actor dictionary given as text (the classify stage steps aside for user verbs)."""
    from parley.pipeline import Pipeline
    from parley.records import Document

    def make(verbs: str, actors: str, **settings: object):
        folder = tmp_path_factory.mktemp("dictionaries")
        (folder / "user.verbs.txt").write_text(verbs, encoding="utf-8")
        (folder / "user.actors.txt").write_text(actors, encoding="utf-8")
        files = (str(folder / "user.actors.txt"), str(folder / "user.verbs.txt"))
        user = Pipeline(pipeline.settings.with_(dictionaries=files, **settings), nlp=pipeline.nlp)

        def run(text: str):
            return user.run_one(Document(doc_id="t", text=text, date="2026-03-12")).events

        return run

    return make


@pytest.fixture(scope="session")
def shared_data() -> Path:
    from parley.settings import default_shared_data

    path = default_shared_data()
    if not path.exists():
        pytest.skip("shared data folder not available")
    return path
