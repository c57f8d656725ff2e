"""Generic agents of the second round: civil society and campaign groups (NGO), candidates (ELI),
political parties (PTY), farmers (AGR), militant and paramilitary groups (INS/UAF), rioters and
protest movements (OPP), and "the two leaders". The matcher must find them, and the default coder
must make them the doer of the sentence, with a country only where the phrase names one."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "phrase", "sector"),
    [
        ("A civil society group condemned the arrests.", "civil society group", "NGO"),
        ("A campaign group urged the minister to resign.", "campaign group", "NGO"),
        ("The advocacy group filed a complaint.", "advocacy group", "NGO"),
        ("A presidential candidate promised lower taxes.", "presidential candidate", "ELI"),
        ("The main political party boycotted the vote.", "political party", "PTY"),
        ("A far-right party won the seat.", "far-right party", "PTY"),
        ("Farmers blocked the road.", "Farmers", "AGR"),
        ("An Islamic militant group bombed the market.", "militant group", "INS"),
        ("A paramilitary group burned the village.", "paramilitary group", "UAF"),
        ("Rioters looted the shops.", "Rioters", "OPP"),
        ("A pro-democracy movement called a strike.", "pro-democracy movement", "OPP"),
        ("Human rights campaigners denounced the law.", "Human rights campaigners", "HRI"),
    ],
)
def test_generic_phrase_is_an_agent_with_its_sector(mentions, text, phrase, sector):
    assert (phrase, None, sector, "agent") in mentions(text)


def test_nationality_adjective_gives_the_generic_agent_its_country(mentions):
    found = mentions("A Kenyan presidential candidate criticised the ban.")
    assert ("Kenyan presidential candidate", "KEN", "ELI") in [m[:3] for m in found]


def test_opposition_candidate_stays_opposition(mentions):
    assert ("opposition candidate", None, "OPP") in [m[:3] for m in mentions("An opposition candidate spoke.")]


def test_bare_party_is_not_an_agent(mentions):
    # "party" alone is too often a side or a celebration
    assert mentions("The party ended late.") == []


@pytest.mark.parametrize(
    ("text", "sector", "event_type"),
    [
        ("A civil society group condemned the arrest of the editor.", "NGO", "ACCUSE"),
        ("A presidential candidate accused the electoral board of fraud.", "ELI", "ACCUSE"),
        ("The country's main political party rejected the budget.", "PTY", "REJECT"),
        ("An Islamic militant group attacked the convoy.", "INS", "ASSAULT"),
        ("An activist movement accused the council of breaking its promise.", "OPP", "ACCUSE"),
    ],
)
def test_generic_subject_is_the_doer(pattern_code, text, sector, event_type):
    events = [e for e in pattern_code(text) if e.event_type == event_type]
    assert events and events[0].source is not None
    assert events[0].source.sector == sector
    # no state is named: the phrase gets no country guessed for it
    assert events[0].source.country is None


def test_adjective_country_reaches_the_coded_source(pattern_code):
    events = [e for e in pattern_code("Nigerian farmers protested against the import ban.") if e.event_type == "PROTEST"]
    assert events and events[0].source is not None
    assert (events[0].source.country, events[0].source.sector) == ("NGA", "AGR")


def test_two_leaders_are_the_parties_of_the_earlier_event(pattern_code):
    text = (
        "Kenya accused Tanzania of closing the border. "
        "On Friday the two leaders met in Arusha and agreed to reopen it."
    )
    met = [e for e in pattern_code(text) if e.trigger == "met"]
    assert met and {e.source.country for e in met if e.source} == {"KEN", "TZA"}


def test_two_leaders_with_no_parties_before_stay_a_generic_doer(pattern_code):
    met = [e for e in pattern_code("The two leaders met in Geneva on Tuesday.") if e.trigger == "met"]
    assert met and met[0].source is not None and met[0].source.sector == "GOV"
    assert met[0].source.country is None


def test_definite_group_agent_after_a_named_group_is_that_group(pattern_code):
    text = (
        "Boko Haram fighters stormed a village in Borno on Monday. "
        "The militant group attacked an army base near Maiduguri on Tuesday."
    )
    attacks = [e for e in pattern_code(text) if e.sentence_index == 1 and e.event_type == "ASSAULT"]
    assert attacks and attacks[0].source is not None
    assert (attacks[0].source.name, attacks[0].source.country) == ("Boko Haram", "NGA")
