"""Nominal events (parley.events.nominal, nouns.tsv): acts named by a noun, on the team's own
sentences. The pattern coder alone (the classify stage off): these tests are about the coder."""

from __future__ import annotations

import pytest

from parley.events.lexicon import load_lexicon
from parley.events.nominal import load_nouns
from parley.events.relevance import is_relevant


@pytest.fixture(scope="module")
def code(pattern_code):
    return pattern_code


def _events(events, plover: str):
    return [e for e in events if e.event_type == plover]


def _pairs(events, plover: str) -> set[tuple[str | None, str | None]]:
    return {(e.source.code if e.source else None, e.target.code if e.target else None) for e in _events(events, plover)}


def test_noun_attack_with_by_phrase_names_source_and_on_phrase_names_target(code):
    events = code("The attack on Israel by Iran drew wide attention.")
    assert _pairs(events, "ASSAULT") == {("IRN", "ISR")}


def test_nominal_event_has_less_confidence_than_the_same_act_told_by_a_verb(code):
    nominal = _events(code("The attack on Israel by Iran drew wide attention."), "ASSAULT")
    verbal = _events(code("Iran attacked Israel."), "ASSAULT")
    assert nominal and verbal
    assert max(e.confidence for e in nominal) < min(e.confidence for e in verbal)


def test_talks_between_two_parties_are_reciprocal(code):
    events = code("Talks between Kenya and Uganda ended without a deal.")
    assert _pairs(events, "CONSULT") == {("KEN", "UGA"), ("UGA", "KEN")}
    assert all(e.factuality == "asserted" for e in _events(events, "CONSULT"))


def test_no_talks_is_a_negated_event(code):
    events = _events(code("There were no talks between Kenya and Uganda last year."), "CONSULT")
    assert events and all(e.factuality == "negated" for e in events)


def test_planned_talks_are_future_and_possible_talks_hypothetical(code):
    planned = _events(code("Planned talks between Kenya and Uganda are due in May."), "CONSULT")
    possible = _events(code("Possible talks between Kenya and Uganda drew attention."), "CONSULT")
    assert planned and all(e.factuality == "future" for e in planned)
    assert possible and all(e.factuality == "hypothetical" for e in possible)


def test_noun_under_a_coded_verb_is_not_a_second_event(code):
    # the condemnation is coded; the attack it is about is not coded again from the noun
    events = code("Russia condemned the attack on Israel by Iran.")
    assert _events(events, "ACCUSE")
    assert not _events(events, "ASSAULT")
    # the same noun held by no coded verb is an event
    assert _pairs(code("Russia noted the attack on Israel by Iran."), "ASSAULT") == {("IRN", "ISR")}


def test_no_doer_is_guessed_for_a_noun(code):
    events = code("Iran spoke first. The attack on the embassy drew wide attention.")
    assert not _events(events, "ASSAULT")
    named = code("Iran spoke first. The attack on the embassy by Syria drew wide attention.")
    assert {e.source.code for e in _events(named, "ASSAULT") if e.source} == {"SYR"}


def test_support_verb_subject_is_the_source_and_of_phrase_the_target(code):
    events = code("Iran announced the arrest of two British diplomats.")
    pairs = _pairs(events, "COERCE")
    assert ("IRN", "GBRGOV") in pairs


def test_named_modifier_is_the_source_of_an_air_strike(code):
    events = _events(code("Dozens died in Russian air strikes on the town."), "ASSAULT")
    assert {e.cameo for e in events} == {"195"}
    assert {e.source.code for e in events if e.source} == {"RUS"}


def test_bare_strike_is_not_an_event_but_a_hunger_strike_is(code):
    assert not code("Kenyan strikes went on for a week.")
    protest = _events(code("The Kenyan hunger strike went on for a week."), "PROTEST")
    assert {e.cameo for e in protest} == {"142"}


def test_suspended_attacks_are_negated(code):
    events = _events(code("Iran announced a suspension of Iranian attacks on Israel."), "ASSAULT")
    assert events and all(e.factuality == "negated" for e in events)


def test_noun_modifying_a_noun_names_no_event(code):
    assert not _events(code("Kenya's detention centres are full."), "COERCE")
    assert {e.source.code for e in _events(code("Kenya's detention of Ugandan officials drew attention."), "COERCE") if e.source} == {"KEN"}


def test_noun_in_a_background_phrase_is_not_coded(code):
    events = code("Kenya and Uganda met after the attack by Iran on Israel.")
    assert not _events(events, "ASSAULT")
    events = code("The attack by Iran on Israel came after Kenya and Uganda met.")
    assert _pairs(events, "ASSAULT") == {("IRN", "ISR")}


def test_agreement_needs_a_partner(code):
    assert _pairs(code("Kenya and Uganda announced a new treaty."), "SUPPORT") == {("KEN", "UGA"), ("UGA", "KEN")}
    assert not _events(code("Kenya announced a new treaty."), "SUPPORT")


def test_sentence_with_only_an_event_noun_is_relevant_and_coded(code):
    text = "A new ceasefire between Armenia and Azerbaijan is now in force."
    assert is_relevant(text, load_lexicon())
    assert _pairs(code(text), "RETREAT") == {("ARM", "AZE"), ("AZE", "ARM")}


def test_noun_lexicon_codes_exist_in_the_cameo_table():
    cameo = load_lexicon().cameo
    rows = [row for rows in load_nouns().values() for row in rows]
    assert len(rows) > 50
    assert all(row.cameo == "-" or row.cameo in cameo for row in rows)


VERBS = """\
--- ATTACK [190] ---
ATTACK
"""

ACTORS = """\
VALDORIA  [VLD]
KESTRELIA  [KST]
"""


def test_nominal_events_are_off_with_a_user_verb_dictionary(dictionary_code, pattern_code):
    text = "Talks between Kenya and Uganda ended on Monday."
    assert pattern_code(text)  # the built-in scheme codes the talks
    user = dictionary_code(VERBS, "KENYA  [KEN]\nUGANDA  [UGA]\n" + ACTORS)
    assert not user(text)
    assert not user("Talks between Valdoria and Kestrelia ended on Monday.")
    assert not user("The attack on Kestrelia by Valdoria drew wide attention.")


def test_between_phrase_on_the_verb_names_both_sides_of_a_meeting(code):
    text = "A high level meeting was held in Moscow between the Russian military and Tajikistan."
    assert _pairs(code(text), "CONSULT") == {("RUSMIL", "TJK"), ("TJK", "RUSMIL")}


def test_withdrawal_of_troops_names_the_troops_as_source(code):
    events = code("The withdrawal of Russian troops from Syria is complete.")
    assert _pairs(events, "RETREAT") == {("RUSMIL", "SYR")}


def test_those_on_strike_are_its_source(code):
    events = _events(code("Kenyan doctors remained on strike for a third week."), "PROTEST")
    assert {(e.cameo, e.source.code if e.source else None) for e in events} == {("143", "KENHLH")}


def test_an_accusation_the_subject_rejects_is_not_coded_as_the_accusers_act(code):
    # the sentence reports the answer; the accusation noun would make Chile the doer here
    events = code("Peru rejected accusations by Chile over the border incident.")
    assert ("CHL", None) not in _pairs(events, "ACCUSE")
    assert all(e.trigger != "accusations" for e in events)


def test_a_denied_attack_is_still_coded_as_negated(code):
    events = [e for e in code("Russia denied the attack by Ukrainian drones on the Kremlin.") if e.trigger == "attack"]
    assert events and all(e.factuality == "negated" for e in events)


def test_a_common_noun_modifier_is_not_the_doer(code):
    # "child abductions": the children are the victims, not the party that abducts
    assert not _events(code("The report documents child abductions across the region."), "ASSAULT")
    assert ("RUS", "UKR") in _pairs(code("The Russian attack on Ukraine drew condemnation."), "ASSAULT")


def test_between_phrase_on_the_verb_a_noun_is_the_subject_of_names_both_sides(code):
    events = code("Fighting erupted between Armenia and Azerbaijan on Sunday.")
    assert _pairs(events, "ASSAULT") == {("ARM", "AZE"), ("AZE", "ARM")}


def test_force_used_in_a_place_hits_that_places_country(code):
    events = [e for e in code("Chadian attacks in northern Nigeria continued.") if e.event_type == "ASSAULT"]
    assert [(e.source.country, e.target.country) for e in events if e.source and e.target] == [("TCD", "NGA")]


def test_a_states_strikes_in_another_country_are_force(code):
    events = code("Russian strikes across Ukraine continued overnight.")
    assert any(e.event_type == "ASSAULT" and e.cameo == "195" and e.target is not None and e.target.country == "UKR" for e in events)


def test_a_date_after_a_strike_does_not_make_it_force(code):
    events = code("French strikes across France continued on Monday.")
    assert not any(e.event_type == "ASSAULT" for e in events)
