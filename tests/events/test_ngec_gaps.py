"""Constructions found missing on the NGEC synthetic stories (a training set), tested on the team's
own sentences: a wish put on another party is a request of it, a promise of harm is a threat, and
a plan or decision to act is its owner's act. The pattern coder alone (these are about it)."""

from __future__ import annotations


def _events(events, plover: str) -> list[tuple[str, str | None, str | None, str]]:
    return [(e.cameo, e.source.code if e.source else None, e.target.code if e.target else None, e.factuality)
            for e in events if e.event_type == plover]


def _types(events) -> set[str]:
    return {e.event_type for e in events}


# --- "X wants Y to ...": X's demand of Y; "X called for Y to ...": X's appeal to Y --------------
def test_wanting_another_country_to_act_is_a_demand_of_it(pattern_code):
    events = pattern_code("Peru wants Chile to reopen the border crossing.")
    assert ("100", "PER", "CHL", "asserted") in _events(events, "REQUEST")


def test_would_like_another_country_to_act_is_an_asserted_demand(pattern_code):
    events = pattern_code("Norway would like Sweden to lift the fishing ban.")
    assert ("100", "NOR", "SWE", "asserted") in _events(events, "REQUEST")


def test_what_the_other_party_is_wanted_to_do_is_not_coded_as_done(pattern_code):
    events = pattern_code("Peru wants Chile to withdraw its troops from the border.")
    assert _types(events) == {"REQUEST"}


def test_calling_for_another_party_to_act_is_an_appeal_to_it(pattern_code):
    events = pattern_code("Kenya called for the United Nations to review the tariffs on coffee.")
    assert any(e[0] == "020" and e[1] == "KEN" and (e[2] or "").startswith("UN") for e in _events(events, "REQUEST"))


def test_wanting_something_for_oneself_is_no_request(pattern_code):
    events = pattern_code("Peru wants a larger share of the fishing quota.")
    assert "REQUEST" not in _types(events)


# --- "X vowed / wants to <harm>": a threat, not an agreement ---------------------------------
def test_vowing_to_ban_a_party_is_a_threat_not_an_agreement(pattern_code):
    events = pattern_code("Kazakhstan's president vowed on Monday to ban the opposition party.")
    assert _types(events) == {"THREATEN"}
    assert [e[0] for e in _events(events, "THREATEN")] == ["132"]


def test_vowing_to_strike_a_country_is_a_threat_of_force_against_it(pattern_code):
    events = pattern_code("Armenia vowed to attack Azerbaijan.")
    assert ("138", "ARM", "AZE", "asserted") in _events(events, "THREATEN")


def test_wanting_to_impose_sanctions_is_a_threat(pattern_code):
    events = pattern_code("Canada wants to impose sanctions on Venezuela.")
    assert ("1312", "CAN", "VEN", "asserted") in _events(events, "THREATEN")


def test_vowing_to_help_stays_an_agreement(pattern_code):
    events = pattern_code("Japan pledged to help Vietnam.")
    assert "AGREE" in _types(events)
    assert "THREATEN" not in _types(events)


# --- "X announced plans to <act>": X's (not yet real) act --------------------------------------
def test_announced_plans_to_act_are_the_announcers_act(pattern_code):
    events = pattern_code("Egypt announced plans to lift the curfew in Cairo.")
    conceded = _events(events, "CONCEDE")
    assert conceded and all(e[1] == "EGY" and e[3] != "asserted" for e in conceded)


def test_a_governments_decision_to_act_is_its_act(pattern_code):
    events = pattern_code("Poland welcomed Lithuania's decision to suspend talks with Belarus.")
    assert any(e[1] == "LTU" and e[2] == "BLR" for e in _events(events, "SANCTION"))


def test_plans_called_off_are_no_ones_act(pattern_code):
    events = pattern_code("Laos suspended plans to impose a curfew in the capital.")
    assert "COERCE" not in _types(events)


# --- "X will not meet Y", "X declined to send aid": a cooperative act refused is a rejection -----
def test_refusing_to_meet_for_the_future_is_a_rejection_of_the_meeting(pattern_code):
    events = pattern_code("Ghana says it will not meet with Togo at the summit.")
    assert ("125", "GHA", "TGO", "asserted") in _events(events, "REJECT")
    assert all(e[3] == "negated" for e in _events(events, "CONSULT"))


def test_declining_to_send_aid_is_a_rejection(pattern_code):
    events = pattern_code("Austria declined to send aid to Serbia.")
    assert ("122", "AUT", "SRB", "asserted") in _events(events, "REJECT")


def test_not_wishing_to_hold_talks_is_a_rejection(pattern_code):
    events = pattern_code("Nepal does not wish to hold meetings with Bhutan.")
    assert ("125", "NPL", "BTN", "asserted") in _events(events, "REJECT")


def test_a_past_meeting_that_did_not_happen_is_no_rejection(pattern_code):
    events = pattern_code("Japan did not meet Korea last year.")
    assert "REJECT" not in _types(events)


def test_failing_to_reach_a_deal_is_no_rejection(pattern_code):
    events = pattern_code("Chile and Peru failed to sign an agreement on fishing.")
    assert "REJECT" not in _types(events)


# --- light verbs: "made a call on X to ..." is an appeal; "made phone calls to X" a phone call ---
def test_making_a_call_on_a_country_to_act_is_an_appeal_and_not_the_act(pattern_code):
    events = pattern_code("Kenya made a call on Uganda to release the prisoners.")
    assert ("020", "KEN", "UGA", "asserted") in _events(events, "REQUEST")
    assert "RETREAT" not in _types(events)


def test_making_phone_calls_to_a_leader_is_consulting_not_appealing(pattern_code):
    events = pattern_code("Sudan's president made several phone calls to the Somali president.")
    assert _types(events) == {"CONSULT"}
    assert [e[0] for e in _events(events, "CONSULT")] == ["041"]


def test_refusing_to_trade_territory_is_a_refusal_to_yield(pattern_code):
    events = pattern_code("Ukraine will not trade its territory for a pause in the shelling.")
    assert [e[0] for e in _events(events, "REJECT")] == ["124"]


# --- an ending noun announced with the act it ends: the announcer's concession or retreat ------
def test_announcing_a_suspension_of_protests_is_calling_off_dissent(pattern_code):
    events = pattern_code("The opposition in Peru announced a suspension of its protests.")
    assert [e[0] for e in _events(events, "CONCEDE")] == ["082"]


def test_announcing_the_lifting_of_sanctions_is_easing_them(pattern_code):
    events = pattern_code("Turkey announced the lifting of sanctions on Russia.")
    assert ("085", "TUR", "RUS", "asserted") in _events(events, "RETREAT")


# --- "X issued a statement calling on Y to ...": the document's act is its author's ------------
def test_statement_calling_on_a_party_is_its_issuers_appeal(pattern_code):
    events = pattern_code("Oxfam issued a statement calling on Ethiopia to open the aid corridors.")
    assert ("020", "OXFAMNGO", "ETH", "asserted") in _events(events, "REQUEST")


def test_letter_urging_a_party_is_its_senders_appeal(pattern_code):
    events = pattern_code("Ghana sent a letter urging Togo to reopen the border.")
    assert ("020", "GHA", "TGO", "asserted") in _events(events, "REQUEST")


def test_report_accusing_a_party_is_its_authors_accusation(pattern_code):
    events = pattern_code("Amnesty International published a report accusing Sudan of torture.")
    assert any(e[2] == "SDN" for e in _events(events, "ACCUSE"))


def test_a_document_received_is_not_its_receivers_act(pattern_code):
    # the letter is Togo's, not Ghana's: a passive or a receiving verb names no author
    events = pattern_code("Ghana received a letter urging it to reopen the border.")
    assert not any(e[1] == "GHA" for e in _events(events, "REQUEST"))
