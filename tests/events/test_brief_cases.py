"""The wire-story cases of the project brief, on the team's own sentences: military strikes are
attacks and labour strikes protests, a weapon is no party, "his country" is the speaker's state,
and expelling diplomats reduces relations. Mostly the pattern coder alone (these are about it);
the military strike also through the whole pipeline, where it was a protest before."""

from __future__ import annotations


def _pairs(events, plover: str) -> set[tuple[str | None, str | None]]:
    return {(e.source.code if e.source else None, e.target.code if e.target else None)
            for e in events if e.event_type == plover}


def _types(events) -> set[str]:
    return {e.event_type for e in events}


# --- strikes: military or labour, read from the phrase --------------------------------------
def test_nationality_strikes_on_a_city_are_an_assault_on_its_country(pattern_code):
    events = pattern_code("Russian strikes continued overnight on Kharkiv.")
    assert _pairs(events, "ASSAULT") == {("RUS", "UKR")}
    assert "PROTEST" not in _types(events)


def test_nationality_strikes_on_a_city_are_no_protest_in_the_full_pipeline(code):
    events = code("Russian strikes continued overnight on Kharkiv.")
    assert "ASSAULT" in _types(events)
    assert "PROTEST" not in _types(events)


def test_strikes_of_an_armed_force_are_an_assault(pattern_code):
    events = pattern_code("The army's strikes on rebel positions continued.")
    assert {e.cameo for e in events if e.event_type == "ASSAULT"} == {"195"}


def test_strike_by_workers_is_a_labour_strike(pattern_code):
    events = pattern_code("The strike by dock workers entered its third day.")
    assert {e.cameo for e in events} == {"143"}


def test_a_strike_that_disrupts_traffic_is_a_labour_strike(pattern_code):
    events = pattern_code("French strikes disrupted rail traffic.")
    assert _types(events) == {"PROTEST"}


def test_workers_who_struck_stopped_work(pattern_code):
    events = pattern_code("Teachers have been striking for two weeks.")
    assert {e.cameo for e in events} == {"143"}


def test_a_state_that_struck_a_city_attacked_it(pattern_code):
    events = pattern_code("Israel struck Beirut overnight.")
    assert _pairs(events, "ASSAULT") == {("ISR", "LBN")}


def test_nationality_strikes_alone_stay_no_event(pattern_code):
    assert not pattern_code("Kenyan strikes went on for a week.")


# --- weapons are not parties ----------------------------------------------------------------
def test_intercepted_drones_with_no_owner_leave_the_target_empty(pattern_code):
    events = pattern_code("Ukraine's air force said it intercepted 130 drones overnight.")
    assert events and all(e.target is None for e in events)


def test_drones_named_by_their_owner_hit_the_owner(pattern_code):
    events = pattern_code("Russia's defence ministry said its air defences had shot down 41 Ukrainian drones.")
    assert {e.target.country for e in events if e.target is not None} == {"UKR"}


# --- "his country", "their forces" ------------------------------------------------------------
def test_his_country_is_the_state_of_a_speaker_named_by_office(pattern_code):
    events = pattern_code("Iran's foreign minister said his country would expel the British ambassador.")
    assert _pairs(events, "SANCTION") == {("IRN", "GBRGOV")}
    assert {e.cameo for e in events} == {"161"}
    assert {e.factuality for e in events} == {"future"}


def test_his_country_of_a_named_minister_is_the_state_not_its_government(pattern_code):
    events = pattern_code("Lavrov said his country rejected the proposal.")
    assert {e.source.code for e in events if e.source} == {"RUS"}


def test_their_forces_of_a_group_are_the_group(pattern_code):
    events = pattern_code("The rebels said their forces captured the town.")
    assert {e.source.sector for e in events if e.source} == {"REB"}


def test_expelling_diplomats_reduces_relations(pattern_code):
    events = pattern_code("Russia expelled two German diplomats.")
    assert {e.cameo for e in events} == {"161"}
    assert _pairs(events, "SANCTION") == {("RUS", "DEUGOV")}
