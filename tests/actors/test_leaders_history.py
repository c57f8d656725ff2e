"""Office-holders of 1995-2013 (Americas, Europe, Oceania, international organisations).

Leaders named in news of that period resolve to their country and sector on a date in office;
current leaders who share a surname, or whose rows were extended back, still resolve to the
current office on 2020s dates.
"""

from __future__ import annotations

import pytest


def person(mentions, text: str, date: str | None, name: str) -> tuple[str | None, str | None]:
    """Country and sector of the one person mention whose text contains ``name``."""
    found = [m for m in mentions(text, date) if name in m[0] and m[3] == "person"]
    assert len(found) == 1, (text, mentions(text, date))
    return found[0][1], found[0][2]


@pytest.mark.parametrize(
    ("text", "date", "name", "country", "sector"),
    [
        ("Chirac telephoned the chancellor on Monday.", "1998-05-04", "Chirac", "FRA", "GOV"),
        ("Schroeder rejected the request for troops.", "2003-02-10", "Schroeder", "DEU", "GOV"),
        ("Yeltsin signed the decree late on Friday.", "1997-11-21", "Yeltsin", "RUS", "GOV"),
        ("Rumsfeld flew to Kabul for talks.", "2002-12-16", "Rumsfeld", "USA", "GOV"),
        ("Colin Powell urged restraint in the region.", "2002-04-08", "Colin Powell", "USA", "GOV"),
        ("Chavez threatened to cut oil shipments.", "2007-06-02", "Chavez", "VEN", "GOV"),
        ("Uribe ordered the army to pursue the rebels.", "2008-03-03", "Uribe", "COL", "GOV"),
        ("Yushchenko accused Moscow of blackmail.", "2006-01-03", "Yushchenko", "UKR", "GOV"),
        ("Saakashvili demanded a ceasefire.", "2008-08-10", "Saakashvili", "GEO", "GOV"),
        ("Kofi Annan appealed for calm in the city.", "2004-04-12", "Kofi Annan", "UN", "IGO"),
        ("Kuchma dismissed the government.", "2001-04-27", "Kuchma", "UKR", "GOV"),
        ("Milosevic rejected the peace plan.", "1999-03-20", "Milosevic", "SRB", "GOV"),
        ("Ecevit warned Athens over the islands.", "2000-06-14", "Ecevit", "TUR", "GOV"),
        ("Howard pledged troops; John Howard spoke.", "2003-03-18", "John Howard", "AUS", "GOV"),
        ("Javier Solana arrived in Belgrade.", "1999-02-03", "Javier Solana", "NATO", "IGO"),
        ("Javier Solana arrived in Tehran.", "2006-06-06", "Javier Solana", "EU", "IGO"),
        ("Romano Prodi chaired the meeting.", "2002-05-15", "Romano Prodi", "EU", "IGO"),
        ("Romano Prodi chaired the meeting.", "2007-05-15", "Romano Prodi", "ITA", "GOV"),
        (
            "Ivanov said Moscow would respond; Sergei Ivanov spoke.",
            "2004-09-06",
            "Sergei Ivanov",
            "RUS",
            "GOV",
        ),
    ],
)
def test_earlier_leader_resolves_on_a_date_in_office(mentions, text, date, name, country, sector):
    assert person(mentions, text, date, name) == (country, sector)


@pytest.mark.parametrize(
    ("date", "expected"),
    [("1998-07-01", "Bill Clinton"), ("2011-07-01", "Hillary Clinton")],
)
def test_two_clintons_are_told_apart_by_date(nlp, matcher, date, expected):
    found = matcher.find_mentions(nlp("Clinton spoke on Tuesday."), date)
    assert [(m.actor.name, m.actor.country, m.actor.sector) for m in found] == [
        (expected, "USA", "GOV")
    ]


def test_two_kirchners_and_two_aliyevs_are_told_apart_by_date(nlp, matcher):
    def name(text: str, date: str) -> str:
        (found,) = matcher.find_mentions(nlp(text), date)
        return found.actor.name

    assert name("Kirchner spoke.", "2005-06-01") == "Néstor Kirchner"
    assert name("Kirchner spoke.", "2012-06-01") == "Cristina Fernández de Kirchner"
    assert name("Aliyev spoke.", "1999-06-01") == "Heydar Aliyev"
    assert name("Aliyev spoke.", "2024-06-01") == "Ilham Aliyev"


def test_leader_before_taking_office_is_only_an_elite(mentions):
    # Uribe took office on 2002-08-07: in June 2002 he was the president-elect
    assert person(mentions, "Uribe met the envoy.", "2002-06-01", "Uribe") == ("COL", "ELI")


@pytest.mark.parametrize(
    ("text", "date", "name", "country", "sector"),
    [
        # rows of the same person reaching back before 2014 must not hide today's office
        ("Guterres called for a truce.", "2024-05-01", "Guterres", "UN", "IGO"),
        ("Rutte visited the front.", "2025-03-01", "Rutte", "NATO", "IGO"),
        ("Rutte visited the front.", "2022-03-01", "Rutte", "NLD", "GOV"),
        ("Steinmeier signed the law.", "2023-06-01", "Steinmeier", "DEU", "GOV"),
        ("Orban vetoed the package.", "2024-06-01", "Orban", "HUN", "GOV"),
        ("Lula met the delegation.", "2024-06-01", "Lula", "BRA", "GOV"),
        ("Putin met the delegation.", "2024-06-01", "Putin", "RUS", "GOV"),
        ("Stoltenberg met the delegation.", "2021-06-01", "Stoltenberg", "NATO", "IGO"),
        ("Barroso met the delegation.", "2010-06-01", "Barroso", "EU", "IGO"),
        ("Juncker met the delegation.", "2016-06-01", "Juncker", "EU", "IGO"),
        ("Maduro met the delegation.", "2020-06-01", "Maduro", "VEN", "GOV"),
        ("Aliyev met the delegation.", "2023-09-20", "Aliyev", "AZE", "GOV"),
        ("Bolton met the delegation.", "2019-06-01", "Bolton", "USA", "GOV"),
        ("Michel Barnier met the delegation.", "2024-10-01", "Michel Barnier", "FRA", "GOV"),
        ("Tusk met the delegation.", "2024-06-01", "Tusk", "POL", "GOV"),
        ("Erdogan met the delegation.", "2024-06-01", "Erdogan", "TUR", "GOV"),
    ],
)
def test_current_leaders_still_resolve_on_recent_dates(mentions, text, date, name, country, sector):
    assert person(mentions, text, date, name) == (country, sector)


@pytest.mark.parametrize(
    "text",
    [
        "Gates announced a new foundation grant.",
        "Straw bales blocked the road.",
        "Solana tokens rose sharply.",
        "Brown water flooded the street.",
        "Major roads were closed.",
    ],
)
def test_colliding_surnames_are_not_given_alone(mentions, text):
    # Robert Gates, Jack Straw, Javier Solana, Gordon Brown and John Major have full names only
    assert [m for m in mentions(text, "2005-06-01") if m[3] == "person"] == []
