"""Lexicon rows of round 5 (verbs.tsv, nouns.tsv, agents.tsv), on the team's own sentences: each
row codes its CAMEO reading, and the words it must not read stay uncoded. The pattern coder alone
(the classify stage off), except where the test is about what the full pipeline keeps."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def patterns(pattern_code):
    return pattern_code


def _codes(events) -> set[tuple[str, str, str | None, str | None]]:
    return {(e.event_type, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None) for e in events}


def _types(events) -> set[str]:
    return {e.event_type for e in events}


# --- RETREAT ---

def test_weapons_put_down_are_demobilisation(patterns):
    codes = _codes(patterns("Separatist fighters in Mindanao put down their rifles and weapons on Tuesday."))
    assert any(c[:2] == ("RETREAT", "0873") for c in codes)


def test_a_militia_disbanded_by_the_army_is_demobilisation(patterns):
    assert ("RETREAT", "0873", "KENMIL", "UAF") in _codes(patterns("The Kenyan army disbanded a local militia on Friday."))


def test_land_handed_back_is_property_returned(patterns):
    codes = _codes(patterns("Uganda handed back the disputed island to Kenya on Monday."))
    assert ("RETREAT", "0842", "UGA", "KEN") in codes


def test_hostilities_ceased_are_a_ceasefire(patterns):
    assert any(c[:3] == ("RETREAT", "0871", "ETH") for c in _codes(patterns("Ethiopia ceased hostilities in Tigray on Sunday.")))


def test_forces_pulled_from_a_place_are_a_withdrawal(patterns):
    assert any(c[:3] == ("RETREAT", "0874", "FRA") for c in _codes(patterns("France pulled its remaining forces from Niger.")))


# --- SANCTION ---

def test_an_envoy_withdrawn_is_relations_reduced_not_a_retreat(patterns):
    codes = _codes(patterns("Peru withdrew its ambassador from Mexico on Wednesday."))
    assert ("SANCTION", "161", "PER", "MEX") in codes
    assert "RETREAT" not in {c[0] for c in codes}


def test_aid_cut_off_is_aid_stopped(patterns):
    assert ("SANCTION", "162", "NLD", "MLI") in _codes(patterns("The Netherlands cut off development aid to Mali."))


def test_cooperation_suspended_is_relations_reduced(patterns):
    assert ("SANCTION", "160", "NOR", "RUS") in _codes(patterns("Norway suspended its scientific cooperation with Russia."))


def test_official_contacts_suspended_are_relations_reduced(patterns):
    assert ("SANCTION", "161", "MAR", "DZA") in _codes(patterns("Morocco suspended all official contacts with Algeria."))


def test_pulling_the_plug_on_cooperation_is_a_sanction(patterns):
    codes = _codes(patterns("Denmark pulled the plug on its military cooperation with Rwanda."))
    assert ("SANCTION", "160", "DNK", "RWA") in codes


# --- AID ---

def test_asylum_given_is_aid(patterns):
    assert ("AID", "075", "BOL", None) in {c[:3] + (None,) for c in _codes(patterns("Bolivia gave asylum to a Peruvian dissident."))}


# --- COOPERATE ---

def test_a_joint_venture_created_is_economic_cooperation(patterns):
    codes = _codes(patterns("Vietnam's state oil firm created a joint venture with a Japanese group."))
    assert any(c[:2] == ("COOPERATE", "061") for c in codes)


def test_a_joint_venture_named_by_a_noun_is_economic_cooperation(patterns):
    codes = _codes(patterns("A joint venture between Chile and Peru will mine lithium."))
    assert ("COOPERATE", "061", "CHL", "PER") in codes


def test_joint_exercises_named_by_a_noun_are_military_cooperation(patterns):
    codes = _codes(patterns("The joint naval exercises between Egypt and Greece began on Monday."))
    assert ("COOPERATE", "062", "EGY", "GRC") in codes


def test_an_alliance_formed_is_cooperation(patterns):
    assert ("COOPERATE", "060", "MLI", "BFA") in _codes(patterns("Mali formed an alliance with Burkina Faso."))


# --- MOBILIZE ---

def test_a_military_presence_bolstered_is_a_build_up(patterns):
    codes = _codes(patterns("China bolstered its military presence near Taiwan."))
    assert any(c[:3] == ("MOBILIZE", "154", "CHN") for c in codes)


def test_a_mobilisation_stepped_up_is_a_build_up(patterns):
    assert any(c[:3] == ("MOBILIZE", "154", "ARM") for c in _codes(patterns("Armenia stepped up its military mobilisation on Friday.")))


def test_soldiers_mobilised_keep_their_type_in_the_full_pipeline(code):
    # a named object makes the row specific: the classifier may not re-type it
    events = code("The Gambian army mobilised its soldiers on Monday.")
    assert "MOBILIZE" in _types(events)
    # the soldiers mobilised are the army's own, not its target
    assert not any(e.target and e.target.code == e.source.code for e in events if e.source)


# --- AGREE, THREATEN, CONCEDE, ASSAULT, ACCUSE ---

def test_readiness_expressed_is_intent_to_cooperate(patterns):
    assert any(c[:3] == ("AGREE", "030", "ZMB") for c in _codes(patterns("Zambia expressed readiness to cooperate with Malawi.")))


def test_a_vow_to_renew_attacks_is_a_threat_of_force(patterns):
    codes = _codes(patterns("The rebels vowed to renew their campaign of attacks against the Malian army."))
    assert any(c[:2] == ("THREATEN", "138") for c in codes)
    assert "AGREE" not in {c[0] for c in codes}


def test_a_plan_abandoned_is_a_concession(patterns):
    assert any(c[:3] == ("CONCEDE", "080", "KEN") for c in _codes(patterns("Kenya abandoned its plan to tax mobile money after the protests.")))


def test_murder_is_killing(patterns):
    assert any(c[:2] == ("ASSAULT", "1823") for c in _codes(patterns("Gunmen murdered two Nigerian soldiers in Zamfara.")))


def test_a_grand_jury_is_a_court(patterns):
    codes = _codes(patterns("A grand jury indicted the former mayor of Lagos on Thursday."))
    assert any(c[:3] == ("ACCUSE", "112", "JUD") for c in codes)


# --- negatives: what the rows must not read ---

def test_a_statement_released_is_no_release_of_captives(patterns):
    assert "RETREAT" not in _types(patterns("The Kenyan foreign ministry released a statement on the talks."))
    assert "RETREAT" not in _types(patterns("Uganda's army released a video of the raid."))


def test_released_prisoners_are_still_freed(patterns):
    assert any(c[:2] == ("RETREAT", "0841") for c in _codes(patterns("Kenya released 40 prisoners on Monday.")))


def test_a_business_partnership_with_a_school_is_no_state_event(patterns):
    assert patterns("The bakery formed a partnership with a local school.") == []


def test_joining_the_armed_forces_is_no_cooperation(patterns):
    assert "COOPERATE" not in _types(patterns("Thousands of young Ukrainians joined the armed forces last year."))


def test_military_exercises_alone_stay_a_show_of_force(patterns):
    codes = _codes(patterns("Russia held military exercises near the Estonian border."))
    assert any(c[:2] == ("MOBILIZE", "150") for c in codes)
    assert "COOPERATE" not in {c[0] for c in codes}


def test_a_number_increased_is_no_event_in_the_full_pipeline(code):
    # "increase" is no trigger: a row on it would open every sentence with the verb to the classifier
    assert "ASSAULT" not in _types(code("Canada increased the number of Syrian refugees it resettles to 10,000."))


def test_a_curfew_relaxed_is_a_curfew_eased(patterns):
    codes = _codes(patterns("Sri Lanka relaxed the curfew in Colombo on Sunday."))
    assert any(c[:3] == ("RETREAT", "0813", "LKA") for c in codes)


def test_concessions_agreed_to_are_yielding_not_mere_agreement(patterns):
    codes = _codes(patterns("Serbia agreed to concessions to Kosovo on border controls."))
    assert ("CONCEDE", "080", "SRB", "XKX") in codes or any(c[:3] == ("CONCEDE", "080", "SRB") for c in codes)
    assert not any(c[:2] == ("AGREE", "030") and c[1:3] == ("030", "SRB") for c in codes)


def test_a_repeal_of_sanctions_announced_is_sanctions_eased(patterns):
    codes = _codes(patterns("Canada announced a repeal of its sanctions against Belarus."))
    assert any(c[:3] == ("RETREAT", "085", "CAN") for c in codes)
