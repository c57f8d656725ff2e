"""Verb rows added for light verbs with an event noun (verbs.tsv), on the team's own sentences:
the subtle cases. The pattern coder alone (the classify stage off)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def code(pattern_code):
    return pattern_code


def _codes(events) -> set[tuple[str, str, str | None, str | None]]:
    return {(e.event_type, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None) for e in events}


def test_staged_is_read_although_the_parser_lemmatises_it_stag(code):
    # spaCy gives "staged" the lemma "stag": parley.nlp's lemma corrections make it "stage"
    events = code("Kenyan students staged a protest against the government.")
    # the verb codes it (the noun alone would too, with less confidence)
    assert ("PROTEST", "141", "KENEDU", "GOV") in _codes([e for e in events if e.trigger == "staged"])


def test_sanctions_approved_against_a_state_are_imposed_on_it(code):
    assert ("COERCE", "163", "AUT", "IRN") in _codes(code("Austria approved sanctions against Iran."))


def test_suspended_airstrikes_are_a_ceasefire_not_an_attack(code):
    codes = _codes(code("Russia suspended airstrikes on Syria."))
    assert ("RETREAT", "0871", "RUS", "SYR") in codes
    assert not any(c[0] == "ASSAULT" for c in codes)


def test_joining_a_strike_is_protesting(code):
    assert ("PROTEST", "141", "KENHLH", "GOV") in _codes(code("Kenyan doctors joined the strike against the government."))


def test_talks_sought_are_a_request_and_talks_quit_a_sanction(code):
    assert ("REQUEST", "026", "KEN", "UGA") in _codes(code("Kenya sought talks with Uganda."))
    assert ("SANCTION", "164", "KEN", "UGA") in _codes(code("Kenya quit the talks with Uganda."))


def test_relations_resumed_are_support(code):
    assert ("SUPPORT", "050", "KEN", "UGA") in _codes(code("Kenya resumed relations with Uganda."))


def test_emergency_extended_is_coercion_and_curfew_ended_a_concession(code):
    assert any(c[:3] == ("COERCE", "1724", "KEN") for c in _codes(code("Kenya extended the state of emergency in Nairobi.")))
    assert any(c[:3] == ("CONCEDE", "081", "KEN") for c in _codes(code("Kenya ended the curfew in Nairobi.")))


def test_people_barred_are_restricted(code):
    assert ("COERCE", "172", "KEN", "UGAGOV") in _codes(code("Kenya barred Ugandan officials from the meeting."))
