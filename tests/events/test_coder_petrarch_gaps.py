"""Gaps the PETRARCH2 dev records showed in the pattern coder, pinned on the team's own sentences
(fictional states Valdoria = VLD, Kestrelia = KST and Orvenia = ORV): a preposition the parser
hangs on the object, a possessive pronoun followed by a reporting clause, and participles
conjoined under one passive auxiliary."""

from __future__ import annotations

import pytest

VERBS = """\
--- CAUTION [160] ---
WARN
- * THEIR ^ ABOUT + [162]

--- TORCH [222] ---
BURN

--- ASSAULT [190] ---
ATTACK

--- SEIZE [192] ---
OCCUPY
"""

ACTORS = """\
VALDORIA  [VLD]
KESTRELIA  [KST]
ORVENIA  [ORV]
"""


@pytest.fixture(scope="module")
def user_code(dictionary_code):
    """The pattern coder with a made-up TABARI verb dictionary and actor dictionary."""
    return dictionary_code(VERBS, ACTORS)


def _coded(events) -> set[tuple[str, str | None, str | None]]:
    return {
        (e.cameo, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
    }


def test_preposition_parsed_under_the_object_still_completes_the_pattern(user_code):
    # "about" hangs on "citizens" in the parse; the pattern's "^ ABOUT +" skips the object
    assert ("162", "VLD", "KST") in _coded(user_code("Valdoria warned their populations about the army of Kestrelia."))


def test_pattern_without_its_preposition_keeps_the_verb_code(user_code):
    assert _coded(user_code("Valdoria warned Kestrelia.")) == {("160", "VLD", "KST")}


def test_possessive_pronoun_looks_back_not_to_a_later_reporter(pipeline, tmp_path):
    from parley.pipeline import Pipeline
    from parley.records import Document

    # a TABARI dictionary set names its actors itself: "embassy" is an agent of the set
    files = {"user.verbs.txt": VERBS, "user.actors.txt": ACTORS, "user.agents.txt": "EMBASSY  [~GOV]\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    user = Pipeline(pipeline.settings.with_(dictionaries=tuple(str(tmp_path / n) for n in files)), nlp=pipeline.nlp)
    events = user.run_one(Document(doc_id="t", text=(
        "Valdoria restored ties with Orvenia, five years after Kestrelia crowds burned "
        "down its embassy, a senior official said on Saturday."
    ), date="2026-03-12")).events
    burned = [e for e in events if e.cameo.startswith("22")]
    assert burned, "the burning is coded"
    # "its" is Valdoria's, named before it, not the unnamed official's who speaks after it
    assert all(e.target is not None and e.target.country == "VLD" for e in burned)


def test_victims_of_conjoined_passive_participles_are_no_source(pattern_code):
    # "injured" shares "were": the civilians were injured, they injured no one (parley's own
    # verbs: a user verb dictionary is the whole scheme and would leave "kill" uncoded)
    events = pattern_code("Kestrelia said 54 civilians were killed or injured.")
    assert events, "the killing is coded"
    assert all(e.source is None or e.source.sector != "CVL" for e in events)


def test_conjoined_passive_participle_takes_the_agent_as_source(user_code):
    events = user_code("Kestrelia was attacked and occupied by Valdoria.")
    assert events and {e.source.country for e in events if e.source} == {"VLD"}
