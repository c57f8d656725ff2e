"""Where the event coder finds an event's target, on the team's own sentences: the pattern's
slots first, then parties named inside the object, in a to-clause, unnamed people in a slot, and
last the place acted on."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def code(pattern_code):
    """The pattern coder alone (the classify stage off): these tests are about where it looks."""
    return pattern_code


def _only(events, event_type):
    found = [e for e in events if e.event_type == event_type]
    assert found, f"no {event_type} event in {[(e.trigger, e.event_type) for e in events]}"
    return found[0]


def test_threat_target_is_the_object_of_the_threatened_act(code):
    event = _only(code("Chile threatened to bomb Peruvian army posts near the border."), "THREATEN")
    assert event.target is not None and event.target.country == "PER"


def test_party_named_inside_the_object_is_the_target(code):
    event = _only(code("Canada suspended military aid to Nicaragua on Monday."), "SANCTION")
    assert event.target is not None and event.target.country == "NIC"


def test_agent_of_a_participle_under_the_object_is_the_target(code):
    event = _only(code("The ministry condemned the threats made by Venezuela against its diplomats."), "ACCUSE")
    assert event.target is not None and event.target.country == "VEN"


def test_troops_sent_are_the_means_and_the_destination_is_the_target(code):
    event = _only(code("Sweden has offered to send troops to Estonia to help its army."), "AGREE")
    assert event.target is not None and event.target.country == "EST"


def test_mobilised_army_is_not_the_target_of_the_mobilisation(code):
    event = _only(code("Brazil mobilized the army for an offensive against Paraguay."), "MOBILIZE")
    assert event.target is not None and event.target.country == "PRY"


def test_unnamed_people_in_the_object_are_the_target(code):
    event = _only(code("The Kenyan government expelled twelve aid workers last week."), "SANCTION")
    assert event.target is not None and "workers" in event.target.text


def test_own_troops_sent_nowhere_named_give_no_target(code):
    event = _only(code("Sweden sent troops to the region on Monday."), "MOBILIZE")
    assert event.target is None


def test_place_acted_on_stands_for_its_country_when_no_party_is_named(code):
    event = _only(code("Bolivian authorities imposed a curfew in parts of Peru after the riots."), "COERCE")
    assert event.target is not None and event.target.country == "PER"


def test_place_of_a_meeting_is_not_a_target(code):
    events = [e for e in code("The Chilean foreign minister held talks in Lima on Monday.") if e.event_type == "CONSULT"]
    assert all(e.target is None for e in events)


def test_two_states_upgrading_relations_target_each_other(code):
    events = [e for e in code("Portugal and Spain upgraded their diplomatic relations.") if e.event_type == "SUPPORT"]
    pairs = {(e.source.country, e.target.country) for e in events if e.source and e.target}
    assert pairs == {("PRT", "ESP"), ("ESP", "PRT")}


def test_street_protest_and_crackdown_verbs_are_coded(code):
    assert _only(code("Thousands of farmers took to the streets of Paris on Monday."), "PROTEST")
    beating = _only(code("Police beat up dozens of students outside the university."), "ASSAULT")
    assert beating.target is not None and "students" in beating.target.text
    assert _only(code("Gunmen opened fire on a bus near Kabul, killing four passengers."), "ASSAULT")


def test_organisation_the_dictionary_lacks_is_the_target_of_an_investigation(code):
    event = _only(code("Norwegian regulators have launched an investigation into Acme Holdings."), "ACCUSE")
    assert event.target is not None and event.target.text == "Acme Holdings"


def test_city_named_as_the_object_of_a_threatened_attack_gives_its_country(code):
    event = _only(code("The militia threatened to shell Mosul if the army advanced."), "THREATEN")
    assert event.target is not None and event.target.country == "IRQ"


def test_place_under_a_chain_of_of_phrases_is_found(code):
    event = _only(code("Indian police imposed a curfew in parts of the city of Ahmedabad on Friday."), "COERCE")
    assert event.target is not None and event.target.country == "IND"


def test_people_in_a_time_phrase_are_not_the_target(code):
    event = _only(code("Indian police imposed a curfew in Srinagar following the killings of four people."), "COERCE")
    assert event.target is None or "people" not in event.target.text


def test_group_a_lifted_ban_was_imposed_on_is_the_target(code):
    event = _only(code("The president has lifted a travel ban imposed on Chadian citizens."), "CONCEDE")
    assert event.target is not None and event.target.country == "TCD"


def test_agentless_passive_attack_is_coded_without_a_source(code):
    event = _only(code("A Russian lawmaker was shot dead outside his home in Kyiv."), "ASSAULT")
    assert event.source is None
    assert event.target is not None and event.target.country == "RUS"


def test_agentless_passive_cooperation_is_not_coded(code):
    assert not code("The treaty was signed in Paris on Friday.")


def test_participle_describing_a_noun_is_not_an_agentless_event(code):
    assert not [e for e in code("The man killed in the raid was a farmer from the village.") if e.source is None]


# --- phrases the parser hangs elsewhere, purpose clauses, places, phrases inside the object ---
@pytest.mark.parametrize(
    ("sentence", "event_type", "country"),
    [
        # a phrase of the object hung on the verb, past a word of time
        ("Canada imposed sanctions yesterday against Belarus over the crackdown.", "COERCE", "BLR"),
        # the destination hangs off a conjunct of the object, or off a "such as" or "in" phrase
        ("Norway sent food and a team of engineers to Malawi.", "AID", "MWI"),
        ("Denmark sent medicine and staff such as nurses to Haiti.", "AID", "HTI"),
        ("Finland has provided 4 million euros in emergency funding to Jordan.", "AID", "JOR"),
        # a purpose clause is aimed where the main act was
        ("Belgium sent two police officers to Rwanda to investigate the killings.", "ACCUSE", "RWA"),
        # the people of a bare infinitive that the help is for
        ("Japan is sending aid to help Myanmar recover from the floods.", "AID", "MMR"),
        # places: acted on through "on", through the object's own modifiers, and through an
        # unnamed place's own locative phrase
        ("The army imposed a curfew on Mombasa after the riots.", "COERCE", "KEN"),
        ("Algeria declared a ceasefire effective from Sunday in Mali.", "RETREAT", "MLI"),
        ("Algeria announced a ceasefire initiative to halt the fighting in Mali.", "RETREAT", "MLI"),
        ("Militants carried out attacks against checkpoints in Peshawar.", "ASSAULT", "PAK"),
        ("Troops imposed a blockade around several villages in Chad.", "COERCE", "TCD"),
        # an unnamed object is who its appositive names
        ("Peru's president will meet his old rival, Chile's President Gabriel Boric, on Friday.", "CONSULT", "CHL"),
        # a party inside a later conjunct of the object
        ("Kenya condemned the raid on the border post and the continuing threats made by Somalia.", "ACCUSE", "SOM"),
        # the other party of a "between" phrase
        ("Qatar lifted the travel restrictions between itself and Bahrain.", "CONCEDE", "BHR"),
        # a participle object inside the phrase ("against visiting X")
        ("An Irish charity filed a lawsuit against visiting Turkish President Recep Tayyip Erdogan.", "ACCUSE", "TUR"),
    ],
)
def test_target_found_where_the_parse_or_the_clause_puts_it(code, sentence, event_type, country):
    event = _only(code(sentence), event_type)
    assert event.target is not None and event.target.country == country


def test_participle_that_names_a_party_gives_the_main_act_its_target(code):
    events = [e for e in code("Turkish jets carried out a raid on Sunday, targeting Kurdish fighters in Iraq.") if e.trigger == "carried"]
    assert events and events[0].target is not None and events[0].target.country == "IRQ"


def test_participle_naming_only_unnamed_people_leaves_the_place_target(code):
    event = [e for e in code("Syrian jets struck several towns in northern Lebanon, killing four people.") if e.trigger == "struck"][0]
    assert event.target is not None and event.target.country == "LBN"


def test_a_date_after_the_object_is_no_target_phrase(code):
    event = _only(code("Canada imposed sanctions on Monday."), "COERCE")
    assert event.target is None


# --- the classify stage's added events look for targets as a catch-all row does ----------------
def _added(pipeline, text: str, cameo: str):
    from parley.events.arbiter import EventMaker
    from parley.events.coder import DocumentContext

    doc = pipeline.nlp(text)
    mentions = pipeline.matcher.find_mentions(doc, "2026-03-12")
    return EventMaker(pipeline.coder).new_event(doc, mentions, cameo, 0.5, context=DocumentContext(pub_date="2026-03-12"),
                                                doc_id="d1", sentence_index=0, offset=0)


def test_added_event_finds_a_party_inside_its_object(pipeline):
    event = _added(pipeline, "Norway gave 40 million kroner in emergency funding to Somalia.", "070")
    assert event is not None and event.target is not None and event.target.country == "SOM"


def test_added_event_takes_the_place_acted_on_as_its_target(pipeline):
    event = _added(pipeline, "Germany remains the largest donor of humanitarian aid in Chad.", "070")
    assert event is not None and event.target is not None and event.target.country == "TCD"


def test_added_event_is_not_aimed_at_its_doers_own_country(pipeline):
    event = _added(pipeline, "Serbia moved Serbian troops closer to the border.", "081")
    assert event is not None and event.source is not None and event.source.country == "SRB"
    assert event.target is None
