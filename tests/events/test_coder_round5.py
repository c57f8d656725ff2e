"""Coder gaps of round 5, on the team's own sentences: cooperative acts in an agentless passive,
gerund objects, irregular past forms of trigger verbs, exercises held with another party, and
aid agencies or monitors withdrawn or expelled (a sanction, not a retreat). The pattern coder
alone (the classify stage off)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.events.lexicon import load_lexicon, read_verbs
from parley.events.relevance import is_relevant


@pytest.fixture(scope="module")
def patterns(pattern_code):
    return pattern_code


def _codes(events) -> set[tuple[str, str, str | None, str | None]]:
    return {(e.event_type, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None) for e in events}


def _types(events) -> set[str]:
    return {e.event_type for e in events}


# --- 1. cooperative acts in an agentless passive ---

def test_detainees_released_with_no_doer_are_a_release(patterns):
    events = patterns("Forty detainees were released from Evin prison on Friday.")
    assert [(e.event_type, e.cameo, e.source) for e in events] == [("RETREAT", "0841", None)]


def test_a_curfew_lifted_with_no_doer_is_a_restriction_eased(patterns):
    events = patterns("The night-time curfew was lifted in Bamako on Thursday.")
    assert any(c[:3] == ("CONCEDE", "081", None) for c in _codes(events))


def test_families_granted_asylum_with_no_doer_are_given_asylum(patterns):
    events = patterns("Twenty Afghan families were granted asylum last month.")
    assert any(e.event_type == "AID" and e.cameo == "075" and e.source is None for e in events)


def test_a_states_own_curfew_lifted_is_lifted_by_that_state(patterns):
    events = patterns("Kenya's presidency said on Sunday that its dusk-to-dawn curfew would be lifted.")
    assert any(e.event_type == "CONCEDE" and e.source is not None and e.source.country == "KEN" for e in events)


def test_a_blockade_eased_in_the_passive_is_eased_by_its_owner(patterns):
    codes = _codes(patterns("Egypt's blockade of the border town was eased on Monday."))
    assert any(c[:2] == ("RETREAT", "0872") and (c[2] or "").startswith("EGY") for c in codes)


def test_a_curfew_lifted_as_an_ngo_reports_has_no_doer(patterns):
    events = patterns("The curfew in Goma has been lifted, Human Rights Watch said.")
    assert [e.source for e in events if e.event_type == "CONCEDE"] == [None]


def test_released_hostages_take_no_doer_from_the_reporting_army(patterns):
    events = patterns("Nine hostages were released on Friday, the Nigerian army said.")
    assert [(e.event_type, e.source) for e in events] == [("RETREAT", None)]


def test_a_named_doer_of_a_release_stays_its_source(patterns):
    events = patterns("The detainees were freed by Syrian rebels on Monday.")
    assert all(e.source is not None for e in events if e.event_type == "RETREAT")
    assert any(e.event_type == "RETREAT" for e in events)


def test_a_document_released_with_no_doer_is_no_event(patterns):
    assert patterns("The findings were released on Monday.") == []


def test_talks_held_with_no_doer_are_not_coded(patterns):
    assert patterns("Talks were held in Doha on Tuesday.") == []


def test_people_released_by_an_unlisted_noun_are_not_coded_without_a_doer(patterns):
    # the bare "release" row names no object: with no doer, nothing says what was released
    assert patterns("Several balloons were released over the square.") == []


# --- 2. gerund objects ---

def test_shelling_halted_is_a_ceasefire(patterns):
    codes = _codes(patterns("The Syrian army halted shelling the rebel-held suburbs."))
    assert any(c[:3] == ("RETREAT", "0871", "SYRMIL") for c in codes)


def test_fighting_stopped_is_a_ceasefire(patterns):
    codes = _codes(patterns("Both militias stopped fighting after the elders intervened."))
    assert any(c[:2] == ("RETREAT", "0871") for c in codes)


def test_agreeing_to_stop_building_settlements_is_also_the_concession(patterns):
    codes = _codes(patterns("Israel agreed to stop building settlements near Hebron."))
    assert any(c[:3] == ("CONCEDE", "080", "ISR") for c in codes)
    assert any(c[:3] == ("AGREE", "030", "ISR") for c in codes)


def test_a_gerund_that_is_not_the_rows_act_codes_nothing_of_it(patterns):
    assert "RETREAT" not in _types(patterns("Egypt stopped importing Indian wheat last year."))


# --- 3. irregular past forms ---

def test_threw_and_tore_are_forms_of_their_verbs():
    lexicon = load_lexicon()
    assert {"threw", "thrown"} <= set(lexicon.irregular["throw"])
    assert {"tore", "torn"} <= set(lexicon.irregular["tear"])
    assert "sought" in lexicon.irregular["seek"]


def test_stones_thrown_in_the_past_pass_the_relevance_test():
    assert is_relevant("Masked youths threw stones at the convoy.", load_lexicon())


def test_stones_thrown_at_police_are_a_violent_protest(patterns):
    codes = _codes(patterns("Rioters threw stones at police officers in Nairobi."))
    assert any(c[:2] == ("PROTEST", "145") for c in codes)


# --- 4. exercises held with another party ---

def test_exercises_held_with_another_state_are_military_cooperation(patterns):
    codes = _codes(patterns("India held naval exercises with France in the Arabian Sea."))
    assert ("COOPERATE", "062", "IND", "FRA") in codes
    assert "MOBILIZE" not in {c[0] for c in codes}


def test_exercises_held_alone_stay_a_show_of_force(patterns):
    codes = _codes(patterns("India held naval exercises in the Arabian Sea."))
    assert any(c[:3] == ("MOBILIZE", "150", "IND") for c in codes)
    assert "COOPERATE" not in {c[0] for c in codes}


def test_exercises_held_with_weapons_are_not_held_with_a_party(patterns):
    codes = _codes(patterns("India held naval exercises with live ammunition."))
    assert "COOPERATE" not in {c[0] for c in codes}


def test_patrols_held_with_another_partys_troops_are_military_cooperation(patterns):
    codes = _codes(patterns("Russian forces conducted patrols with Turkish troops in northern Syria."))
    assert any(c[:2] == ("COOPERATE", "062") and (c[3] or "").startswith("TUR") for c in codes)


# --- 5. who is withdrawn or expelled ---

def test_a_un_body_withdrawing_with_no_place_named_is_a_sanction(patterns):
    codes = _codes(patterns("The UN refugee agency has withdrawn for fear for the safety of its staff."))
    assert any(c[:2] == ("SANCTION", "1663") for c in codes)


def test_a_resolution_withdrawn_is_no_withdrawal(patterns):
    assert patterns("The United Nations withdrew its draft resolution on Monday.") == []


def test_an_aid_agency_pulling_out_is_a_sanction_not_a_retreat(patterns):
    codes = _codes(patterns("Oxfam withdrew from Yemen after two of its workers were killed."))
    assert ("SANCTION", "1663", "OXFAMNGO", "YEM") in codes
    assert "0874" not in {c[1] for c in codes}


def test_monitors_pulling_out_are_a_sanction(patterns):
    codes = _codes(patterns("The OSCE pulled out of Belarus in March."))
    assert any(c[:2] == ("SANCTION", "1662") and (c[2] or "").startswith("OSCE") for c in codes)


def test_a_state_expelling_an_aid_agency_is_a_sanction(patterns):
    codes = _codes(patterns("Mali expelled Doctors Without Borders on Tuesday."))
    assert ("SANCTION", "1663", "MLI", "MSFNGO") in codes


def test_troops_withdrawing_stay_a_retreat(patterns):
    codes = _codes(patterns("French troops withdrew from Mali in 2022."))
    assert any(c[:2] == ("RETREAT", "0874") for c in codes)


def test_an_alliance_withdrawing_stays_a_retreat(patterns):
    codes = _codes(patterns("NATO withdrew from Afghanistan in 2021."))
    assert any(c[:2] == ("RETREAT", "0874") for c in codes)
    assert "SANCTION" not in {c[0] for c in codes}


# --- the lexicon's conditions ---

def _rows(tmp_path: Path, condition: str) -> Path:
    path = tmp_path / "verbs.tsv"
    path.write_text(f"lemma\tparticle\tobject\tcameo\ttargets\tconditions\nexpel\t\t\t1663\tdobj\t{condition}\n", encoding="utf-8")
    return path


def test_a_condition_with_a_value_is_read_and_ranks_above_the_bare_row(tmp_path):
    pattern = read_verbs(_rows(tmp_path, "patient_in=aid_agencies"))["expel"][0]
    assert "patient_in=aid_agencies" in pattern.conditions
    assert pattern.specificity == 1


@pytest.mark.parametrize("condition", ["colour_in=aid_agencies", "source_in=", "with_partner"])
def test_an_unknown_condition_is_refused(tmp_path, condition):
    with pytest.raises(ValueError, match="unknown condition"):
        read_verbs(_rows(tmp_path, condition))


def test_sanctions_lifted_with_no_doer_are_not_also_imposed(pattern_code):
    events = pattern_code("UN sanctions on Eritrea were lifted on Wednesday.")
    assert any(e.event_type == "RETREAT" for e in events)
    assert not any(e.event_type == "COERCE" for e in events)


def test_a_weapons_fire_is_no_doer(patterns):
    events = patterns("A border post near Ashkelon was struck by artillery fire on Wednesday.")
    assert any(e.event_type == "ASSAULT" and e.source is None for e in events)


def test_a_partys_weapons_fire_names_the_party(patterns):
    events = patterns("The convoy was hit by Russian artillery fire.")
    assert any(e.event_type == "ASSAULT" and e.source is not None and e.source.country == "RUS" for e in events)
