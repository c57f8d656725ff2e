"""The team's hard cases for the event coder, on hand-written sentences."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.issue(2)


def _find(events, event_type=None, source=None, target=None):
    out = []
    for e in events:
        if event_type and e.event_type != event_type:
            continue
        if source and (e.source is None or e.source.country != source):
            continue
        if target and (e.target is None or e.target.country != target):
            continue
        out.append(e)
    return out


def test_refusal_to_withdraw_is_not_a_retreat(code):
    events = code("Ukraine will not withdraw its troops from the Donbas, the president said.")
    retreats = _find(events, "RETREAT")
    assert retreats, "the withdrawal is coded, as a negated event"
    assert all(e.factuality == "negated" for e in retreats)


def test_will_not_accept_demand_to_withdraw_is_not_a_retreat(code):
    events = code("Kyiv will not accept any demand to withdraw its troops from the region.")
    assert not [e for e in _find(events, "RETREAT") if e.factuality == "asserted"]


def test_denied_incursion_is_negated(code):
    events = code("The Kremlin denied that its troops attacked Ukrainian border posts.")
    assaults = _find(events, "ASSAULT")
    assert assaults
    assert all(e.factuality == "negated" for e in assaults)


def test_conditional_agreement_is_hypothetical(code):
    events = code("If Serbia recognises Kosovo, the European Union could sign an accession agreement with Belgrade.")
    assert events
    assert all(e.factuality == "hypothetical" for e in events)


def test_future_intent(code):
    events = code("The foreign ministers of India and Pakistan will meet in Geneva next week.")
    meets = _find(events, "CONSULT")
    assert meets and all(e.factuality == "future" for e in meets)


def test_reported_claim_has_attribution(code):
    events = code("Russian forces shelled the city of Kharkiv overnight, Ukraine's defence ministry said.")
    assaults = _find(events, "ASSAULT", source="RUS")
    assert assaults
    event = assaults[0]
    assert event.attribution is not None and event.attribution.country == "UKR"
    assert event.factuality == "asserted"


def test_allegation_is_alleged(code):
    events = code("Kyiv claimed that Russian troops attacked a hospital in Kherson.")
    assaults = _find(events, "ASSAULT", source="RUS")
    assert assaults and assaults[0].factuality == "alleged"


def test_overnight_resolves_to_night_before_publication(code):
    events = code("Ukraine's air force said it intercepted 130 Russian drones overnight.", date="2026-03-12")
    event = _find(events, "ASSAULT", source="UKR")[0]
    assert event.date_text == "overnight"
    assert event.date == "2026-03-11"
    assert event.target is not None and event.target.country == "RUS"


def test_on_monday_resolves_against_publication_date(code):
    events = code("Israel struck Hezbollah positions in southern Lebanon on Monday.", date="2026-03-12")
    event = _find(events, "ASSAULT", source="ISR")[0]
    assert event.date == "2026-03-09"


def test_summit_venue_is_not_a_party(code):
    events = code("The United States cancelled a planned summit with Russia in Budapest.")
    summit = _find(events, "SANCTION", source="USA")
    assert summit, [e.to_dict() for e in events]
    assert summit[0].target is not None and summit[0].target.country == "RUS"
    for e in events:
        for actor in (e.source, e.target):
            assert actor is None or actor.country != "HUN"
    assert summit[0].location is not None and summit[0].location.country == "HUN"


def test_cancelled_summit_is_not_a_meeting(code):
    events = code("Washington called off the summit with Moscow after a tense phone call.")
    assert not _find(events, "CONSULT")
    assert _find(events, "SANCTION", source="USA", target="RUS")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The Kremlin accused Kyiv of shelling civilians.", "RUS"),
        ("Washington condemned the missile launch by North Korea.", "USA"),
        ("Beijing criticised the Philippine coast guard.", "CHN"),
    ],
)
def test_metonyms_resolve_to_governments(code, text, country):
    events = code(text)
    assert events
    assert events[0].source is not None and events[0].source.country == country
    assert events[0].source.sector == "GOV"


def test_compound_sources_give_one_event_each(code):
    events = code("Brazil and Colombia urged Venezuela to release political prisoners.")
    requests = _find(events, "REQUEST", target="VEN")
    assert {e.source.country for e in requests} == {"BRA", "COL"}


def test_passive_voice_swaps_roles(code):
    events = code("A Ukrainian power plant was struck by Russian missiles on Tuesday.")
    event = _find(events, "ASSAULT")[0]
    assert event.source is not None and event.source.country == "RUS"
    assert event.target is not None and event.target.country == "UKR"


def test_agent_takes_country_from_adjective(code):
    events = code("Georgian police dispersed protesters outside parliament in Tbilisi.")
    event = _find(events, "ASSAULT")[0] if _find(events, "ASSAULT") else _find(events, "COERCE")[0]
    assert event.source.country == "GEO"
    assert event.source.sector == "COP"


def test_analyst_expectation_is_not_an_event(code):
    events = code("Analysts expect the talks to remain frozen for months.")
    assert events == []


def test_sentence_without_event_codes_nothing(code):
    assert code("The weather in Geneva was mild for the season.") == []


def test_accusation_makes_an_attack_in_a_relative_clause_alleged(code):
    events = code("Kosovo's prime minister accused Serbia of arming gunmen who attacked police.")
    assert [e for e in events if e.event_type == "ACCUSE" and e.factuality == "asserted"]
    assaults = _find(events, "ASSAULT")
    assert assaults and all(e.factuality == "alleged" for e in assaults)


def test_relative_clause_does_not_take_the_main_clause_negation(code):
    events = code("Hungary, which had offered to host the meeting, is not a party to the talks.")
    offers = _find(events, "AGREE", source="HUN")
    assert offers and offers[0].factuality == "asserted"


def test_reported_would_in_a_second_conjunct_is_future(code):
    events = code("Tokyo urged Beijing to show restraint and said the United States would continue to support Taiwan.")
    support = _find(events, "SUPPORT", source="USA")
    assert support and support[0].factuality == "future"


def test_wire_dateline_is_not_an_actor(code):
    events = code("KYIV, March 12 (Parley Wire) - Russia attacked Ukrainian ports overnight.")
    assert events and events[0].source.country == "RUS"
    assert events[0].sentence.startswith("Russia attacked")


def test_obligation_reported_by_another_party_is_its_demand(code):
    events = code("Russia says Israel must end its attacks on Syria.")
    demands = _find(events, "REQUEST", source="RUS", target="ISR")
    assert demands and demands[0].factuality == "asserted"
    assert all(e.factuality == "hypothetical" for e in events if e.event_type == "RETREAT")


def test_decided_action_is_not_only_planned(code):
    events = code("Japan decided on Thursday to ease sanctions on North Korea.")
    eased = _find(events, "RETREAT", source="JPN")
    assert eased and eased[0].factuality == "asserted"
