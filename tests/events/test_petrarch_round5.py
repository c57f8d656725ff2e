"""TABARI/PETRARCH behaviours of round 5, pinned on the team's own sentences and a made-up
dictionary set (fictional states Valdoria = VLD, Kestrelia = KST, Orvenia = ORV, the Duke of
North March = NMR, the Harbour Rights League = NGO):

* words joined by underscores in the text ("North_March") are the words of a dictionary phrase
  written with spaces or underscores, as PETRARCH reads them;
* a noun phrase naming only agents takes the actor of its "of" phrase ("the government of
  Valdoria" is VLDGOV), as PETRARCH joins a phrase's agents to its prepositional phrase's actor;
  an organisation without a country keeps its own code;
* a dictionary verb the tagger reads as a noun is read as the verb also when the actor before it
  modifies a subject head the dictionaries lack ("Valdoria army stabs Kestrelia"), but not when
  that noun phrase is itself the subject of another verb;
* none of this touches the built-in scheme: with no user dictionary, "the government of" a
  country is no single mention.
"""

from __future__ import annotations

import pytest

VERBS = """\
--- STAB [222] ---
STAB {STABS STABBED}

--- PARADE [017] ---
PARADE

--- ANGER [111] ---
ANGER

--- WARN [160] ---
WARN
- * THEIR ^ ABOUT + [162]

--- PRAISE [051] ---
PRAISE
"""

ACTORS = """\
VALDORIA  [VLD]
KESTRELIA  [KST]
ORVENIA  [ORV]
DUKE OF NORTH MARCH
\t[NMR]
HARBOUR_RIGHTS_LEAGUE [NGO]
"""

AGENTS = """\
TROOPS {}  [~MIL]
GOVERNMENT  [~GOV]
ACTIVIST  [~OPP]
LEADER  [~GOV]
"""


@pytest.fixture(scope="module")
def code(scheme_coder):
    """Coded (cameo, source code, target code) triples of a text under the made-up scheme."""
    return scheme_coder({"user.verbs.txt": VERBS, "user.actors.txt": ACTORS, "user.agents.txt": AGENTS})


@pytest.fixture(scope="module")
def user(code):
    """The pipeline with the made-up scheme loaded."""
    return code.pipeline


# -- underscores in the text ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kestrelia warned their citizens about the Duke of North_March.",
        "Kestrelia warned their citizens about the Duke_of_North_March.",
    ],
)
def test_underscored_name_in_text_is_the_dictionary_phrase(code, text):
    assert code(text) == {("162", "KST", "NMR")}


def test_underscored_name_of_an_underscored_entry_is_met(code):
    assert code("The Harbour_Rights_League praised Kestrelia.") == {("051", "NGO", "KST")}


def test_underscored_token_mention_covers_the_whole_token(user):
    doc = user.nlp("They met the Duke of North_March yesterday.")
    mentions = user.matcher.find_mentions(doc)
    assert [(doc[m.start:m.end].text, m.actor.code) for m in mentions] == [("Duke of North_March", "NMR")]


def test_plain_text_without_underscores_is_unchanged(code):
    assert code("Kestrelia warned their citizens about the Duke of North March.") == {("162", "KST", "NMR")}


# -- agents of an actor -------------------------------------------------------------------


def test_agent_of_an_actor_is_that_actors_agent_as_source(code):
    assert code("The government of Kestrelia praised Valdoria.") == {("051", "KSTGOV", "VLD")}


def test_agent_of_an_actor_in_a_list_of_sources(code):
    text = "Orvenia and the government of Valdoria warned their citizens about the Duke of North March."
    assert code(text) == {("162", "ORV", "NMR"), ("162", "VLDGOV", "NMR")}


def test_agents_of_a_list_of_actors_are_each_actors_agents(code):
    assert code("The leaders of Valdoria and Kestrelia praised Orvenia.") == {
        ("051", "VLDGOV", "ORV"),
        ("051", "KSTGOV", "ORV"),
    }


def test_agent_of_an_actor_as_target(code):
    assert code("Valdoria praised the troops of Kestrelia.") == {("051", "VLD", "KSTMIL")}


def test_agent_of_a_stateless_organisation_keeps_the_organisation(code):
    assert code("The activists of the Harbour Rights League praised Kestrelia.") == {("051", "NGO", "KST")}


def test_builtin_scheme_does_not_join_an_agent_to_its_of_phrase(pipeline):
    doc = pipeline.nlp("The government of Ukraine met envoys.")
    mentions = pipeline.matcher.find_mentions(doc)
    spans = [doc[m.start:m.end].text for m in mentions]
    assert "government of Ukraine" not in spans
    assert "Ukraine" in spans


# -- a subject head before a misread verb -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Valdoria army stabs Kestrelia.",
        "Valdoria's border guards stabs Kestrelia.",
    ],
)
def test_misread_verb_after_an_unknown_subject_head_is_read_as_the_verb(code, text):
    assert code(text) == {("222", "VLD", "KST")}


def test_noun_of_a_subject_phrase_governed_by_another_verb_stays_a_noun(code):
    # "parades" is the subject of "angered": the parades are no event of their own
    assert code("Valdoria army parades in Kestrelia angered Orvenia.") == {("111", "VLD", "ORV")}
