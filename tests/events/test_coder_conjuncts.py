"""Coordinated parties, mirror events, compound-subject and negated patterns, and targets reached
through a clause under the object: the event coder's handling of them, on the team's own
sentences (fictional states Valdoria = VLD, Kestrelia = KST and Orvenia = ORV for user
dictionaries)."""

from __future__ import annotations

import pytest

VERBS = """\
--- ARRIVE [032:033] ---
ARRIVE
- * IN + [032:033]

--- CONCUR [081] ---
CONCUR
- % * [030:030]

--- ASSIST [050] ---
ASSIST
- NOT * [112]

--- HARASS [170] ---
HARASS
- &NEGAUX * [054]

--- ASSAULT [190] ---
ATTACK

&NEGAUX
+DID N'T
+WILL NOT
"""

ACTORS = """\
VALDORIA  [VLD]
KESTRELIA  [KST]
ORVENIA  [ORV]
TWIN_REALMS  [VLD/KST]   # one name for two states
"""


@pytest.fixture(scope="module")
def code(pattern_code):
    """The pattern coder alone (the classify stage off): these tests are about the coder."""
    return pattern_code


@pytest.fixture(scope="module")
def user_code(dictionary_code):
    """The coder with a made-up TABARI verb dictionary and actor dictionary."""
    return dictionary_code(VERBS, ACTORS)


def _pairs(events, cameo: str | None = None) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events if cameo is None or e.cameo == cameo
    }


def test_every_party_listed_in_a_prepositional_object_is_a_target(code):
    pairs = _pairs(code("Spain held talks with France, Italy, Portugal and Greece."))
    assert {("ESP", "FRA"), ("ESP", "ITA"), ("ESP", "PRT"), ("ESP", "GRC")} <= pairs


def test_ambassadors_of_a_list_of_states_give_one_target_per_state(code):
    events = code("Spain met with ambassadors of France, Italy and Portugal on Monday.")
    assert {("ESP", "FRA"), ("ESP", "ITA"), ("ESP", "PRT")} <= _pairs(events)
    # the listed states' envoys are envoys too, as the first one is
    assert {e.target.sector for e in events if e.target} == {"GOV"}


def test_list_parsed_as_two_subjects_gives_every_listed_party_as_source(code):
    events = code("Farmers, students, and Chile condemned Peru.")
    assert ("CHL", "PER") in _pairs(events)
    # the farmers and the students condemn too: three sources, one target
    assert len({e.source.text for e in events if e.source}) == 3
    assert {e.target.country for e in events if e.target} == {"PER"}


def test_leaders_of_two_conjoined_states_are_both_targets(code):
    events = code("Chile will meet Peruvian and Bolivian leaders on Monday.")
    assert {("CHL", "PER"), ("CHL", "BOL")} <= _pairs(events)


def test_place_a_clause_under_the_object_leads_to_is_the_target(code):
    events = code("Chilean troops blocked the roads leading into Peru.")
    assert events and events[0].target is not None and events[0].target.country == "PER"


def test_mirror_code_gives_the_target_to_source_event(user_code):
    events = user_code("Valdoria's envoy arrived in Kestrelia on Monday.")
    assert ("VLD", "KST") in _pairs(events, "032")
    assert ("KST", "VLD") in _pairs(events, "033")


def test_compound_subject_pattern_applies_only_to_a_coordinated_subject(user_code):
    both = user_code("Valdoria and Kestrelia concur on the border.")
    assert _pairs(both, "030") == {("VLD", "KST"), ("KST", "VLD")}  # the reciprocal pair, not doubled
    assert len(both) == 2
    alone = user_code("Valdoria concurred with Orvenia.")
    assert [e.cameo for e in alone] == ["081"]


def test_negated_pattern_codes_an_asserted_event_for_a_negated_verb(user_code):
    refused = user_code("Valdoria did not assist Kestrelia.")
    assert [(e.cameo, e.factuality) for e in refused] == [("112", "asserted")]
    helped = user_code("Valdoria assisted Kestrelia.")
    assert [(e.cameo, e.factuality) for e in helped] == [("050", "asserted")]


def test_negative_auxiliary_synset_makes_a_negated_pattern(user_code):
    assert [e.cameo for e in user_code("Valdoria didn't harass Kestrelia.")] == ["054"]
    assert [e.cameo for e in user_code("Valdoria harassed Kestrelia.")] == ["170"]


def test_builtin_negated_verb_keeps_its_negated_factuality(code):
    events = code("Chile did not attack Peru.")
    assert events and all(e.factuality == "negated" for e in events)


def test_list_misparsed_as_a_modifier_of_the_last_state_gives_every_state():
    """ "Chile, Bolivia and the proud Peru" parsed with "Chile" as a modifier of "Peru" (built by
    hand: the parser under test is not the point)."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from parley.actors import Mention
    from parley.events import load_lexicon
    from parley.events.coder import EventCoder
    from parley.records import Actor

    words = ["Chile", ",", "Bolivia", "and", "the", "proud", "Peru", "condemned", "Ecuador", "."]
    heads = [6, 0, 0, 2, 6, 6, 7, 7, 7, 7]
    deps = ["nmod", "punct", "conj", "cc", "det", "amod", "nsubj", "ROOT", "dobj", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    mentions = [
        Mention(i, i + 1, Actor(text=words[i], name=words[i], country=code, id=f"state:{code}"), "state")
        for i, code in ((0, "CHL"), (2, "BOL"), (6, "PER"), (8, "ECU"))
    ]
    coder = EventCoder(load_lexicon())
    token_mention = {m.start: m for m in mentions}
    actors = coder._actors_in_phrase(doc[6], token_mention, set(), exclude=[])
    assert [a.country for a in actors] == ["PER", "CHL", "BOL"]
    # a modifier that is no list stays a modifier: "the Peru border"
    alone = coder._actors_in_phrase(doc[8], token_mention, set(), exclude=[])
    assert [a.country for a in alone] == ["ECU"]


def test_compound_dictionary_entry_gives_one_event_per_member_state(user_code):
    events = user_code("Orvenia attacked the Twin Realms on Monday.")
    assert {("ORV", "VLD"), ("ORV", "KST")} <= _pairs(events)
    events = user_code("The Twin Realms attacked Orvenia on Monday.")
    assert {("VLD", "ORV"), ("KST", "ORV")} <= _pairs(events)
