"""Constructions the coder learned from the dev split's misses, checked on hand-written sentences."""

from __future__ import annotations


def _cameo(events, prefix):
    return [e for e in events if (e.cameo or "").startswith(prefix)]


def test_hyphenated_cease_fire_is_a_ceasefire(code):
    events = code("Chad announced a cease-fire with the rebels on Monday.")
    assert [e.cameo for e in events if e.source and e.source.country == "TCD"] == ["0871"]


def test_generic_head_takes_the_meaning_of_its_modifier(code):
    events = code("Norway ended its mediation efforts between Colombia and the rebels.")
    assert _cameo(events, "165")


def test_suspension_of_aid_outranks_aid(code):
    events = code("Sweden announced a suspension of aid to Zambia.")
    assert [e.cameo for e in events] == ["162"]


def test_joint_exercises_are_military_cooperation(code):
    events = code("Kenya and Uganda began joint military exercises near the border.")
    assert events and all(e.cameo == "062" for e in events)


def test_purpose_clause_takes_the_main_subject(code):
    events = code("Norway sent a team of experts to investigate the explosion at the port.")
    assert [(e.cameo, e.source.country) for e in _cameo(events, "09")] == [("090", "NOR")]


def test_means_clause_takes_the_main_subject(code):
    events = code("Japan responded by lifting its sanctions on Myanmar.")
    eases = _cameo(events, "085")
    assert eases and eases[0].source.country == "JPN"


def test_subject_hung_on_the_auxiliary_is_found(code):
    events = code("The United Kingdom and France however have opposed the resolution.")
    assert {e.source.country for e in _cameo(events, "120")} == {"GBR", "FRA"}


def test_possessive_pronoun_owner_is_the_source(code):
    events = code("President Vladimir Putin said his country will not lift the ban.")
    lifts = _cameo(events, "081")
    assert lifts and lifts[0].source.country == "RUS" and lifts[0].factuality == "negated"


def test_group_named_in_apposition_is_the_source_when_the_dictionary_lacks_it(code):
    events = code("The group Crimson Lotus Front released the hostages on Monday.")
    assert [e.source.text for e in _cameo(events, "0841")] == ["Crimson Lotus Front"]


def test_obligation_on_an_uncoded_verb_is_a_demand(code):
    events = code("Germany said Iran must ensure the safety of foreign nationals.")
    demands = _cameo(events, "100")
    assert [(e.source.country, e.target.country) for e in demands] == [("DEU", "IRN")]


def test_violating_an_agreement_is_defiance_but_a_ceasefire_agreement_is_force(code):
    assert _cameo(code("Serbia violated the trade agreement with Kosovo."), "128")
    assert _cameo(code("Armenia violated the ceasefire agreement with Azerbaijan."), "196")


def test_calling_off_a_strike_eases_dissent(code):
    events = code("Nigeria's labour unions called off the general strike on Tuesday.")
    assert _cameo(events, "082")


def test_they_refers_to_a_speaker_known_only_by_sector(code):
    events = code("Rebel fighters in the hills said they will lay down their weapons.")
    disarms = _cameo(events, "0873")
    assert disarms and disarms[0].source.sector == "REB" and disarms[0].factuality == "future"


def test_guilty_of_doing_makes_the_subject_the_actor(code):
    events = code("The Moro Islamic Liberation Front is guilty of violating the ceasefire agreement.")
    assert [(e.cameo, e.source.sector) for e in events] == [("196", "REB")]


def test_joining_someone_for_talks_is_a_meeting(code):
    events = code("The Kenyan president joined Ethiopian Prime Minister Abiy Ahmed for talks in Nairobi.")
    meetings = _cameo(events, "040")
    assert meetings and meetings[0].source.country == "KEN" and meetings[0].target.country == "ETH"
