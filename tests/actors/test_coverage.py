"""Coverage of the built-in dictionaries: territories, more organisations, breakaway
administrations, national agencies and media resolve; a territory named as a venue stays one."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "country", "kind"),
    [
        ("Puerto Rico asked Congress for disaster aid.", "PRI", "state"),
        ("Hong Kong police arrested three activists.", "HKG", "COP"),
        ("Greenlandic leaders rejected the offer.", "GRL", "GOV"),
        ("Puerto Ricans voted on Sunday.", "PRI", "state"),
        ("The Sahrawi Arab Democratic Republic protested.", "ESH", "state"),
        ("Officials in Nuuk rejected the offer.", "GRL", "capital"),
        ("The Falklands government replied.", "FLK", "GOV"),
    ],
)
def test_territory_resolves_to_its_own_iso_code(mentions, text, country, kind):
    # kind is the mention kind, or for a composed mention (territory + agent) its sector
    found = mentions(text)
    assert any(c == country and kind in (k, s) for _, c, s, k in found), found


def test_american_samoa_is_a_territory_not_a_null_phrase(mentions):
    found = mentions("American Samoa declared an emergency.")
    assert [(c, k) for _, c, _, k in found] == [("ASM", "state")]


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("The OECD cut its growth forecast.", "OECD", "IGO"),
        ("Leaders of the Quad met in Tokyo.", "QUAD", "IGO"),
        ("Frontex said crossings fell.", "EU", "COP"),
        ("The Asian Development Bank approved a loan.", "ADB", "IGO"),
        ("The Committee to Protect Journalists condemned the arrest.", "CPJ", "HRI"),
    ],
)
def test_added_organisations_resolve(mentions, text, country, sector):
    found = mentions(text)
    assert any(c == country and s == sector for _, c, s, _ in found), found


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Somaliland accused Mogadishu of meddling.", "SOM", "GOV"),
        ("The FBI arrested a suspect.", "USA", "COP"),
        ("Mossad was blamed for the killing.", "ISR", "SPY"),
        ("The East Turkestan Islamic Movement claimed the attack.", "CHN", "REB"),
    ],
)
def test_breakaway_administrations_and_agencies_resolve(mentions, text, country, sector):
    found = mentions(text)
    assert any(c == country and s == sector for _, c, s, _ in found), found


def test_territory_named_as_venue_is_not_a_party(code):
    events = code("China and Britain held talks in Hong Kong on Monday.")
    assert events, "expected a meeting between China and Britain"
    for event in events:
        for actor in (event.source, event.target):
            assert actor is None or actor.country != "HKG", event.to_dict()
