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
def scheme_coder(pipeline, tmp_path_factory):
    """Factory for tests of a user dictionary scheme: ``scheme_coder(files)`` writes the
    dictionary files (file name -> text, TABARI/PETRARCH or any other format), loads them as
    user dictionaries beside the shared model, and returns ``code(text, date=...)``: the (CAMEO
    code, source code, target code) triples of the text's events, or with ``events=True`` the
    events themselves. Extra keywords are settings. The pipeline it runs is ``code.pipeline``."""
    from parley.pipeline import Pipeline
    from parley.records import Document

    def build(files: dict[str, str], *, events: bool = False, **settings: object):
        folder = tmp_path_factory.mktemp("scheme")
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        paths = tuple(str(folder / name) for name in files)
        user = Pipeline(pipeline.settings.with_(dictionaries=paths, **settings), nlp=pipeline.nlp)

        def code(text: str, date: str = "2026-03-12"):
            found = user.run_one(Document(doc_id="t", text=text, date=date)).events
            if events:
                return found
            return {(e.cameo or "", e.source.code if e.source else "", e.target.code if e.target else "") for e in found}

        code.pipeline = user  # type: ignore[attr-defined]
        return code

    return build


@pytest.fixture(scope="session")
def dictionary_code(scheme_coder):
    """Factory: ``dictionary_code(verbs, actors)`` analyses texts with a TABARI verb dictionary and
    actor dictionary given as text (the classify stage steps aside for user verbs)."""

    def make(verbs: str, actors: str, **settings: object):
        return scheme_coder({"user.actors.txt": actors, "user.verbs.txt": verbs}, events=True, **settings)

    return make


@pytest.fixture(scope="session")
def shared_data() -> Path:
    from parley.settings import default_shared_data

    path = default_shared_data()
    if not path.exists():
        pytest.skip("shared data folder not available")
    return path
