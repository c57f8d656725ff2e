"""Offline place resolution: countries, cities, conflict regions, and false-positive guards."""

from __future__ import annotations

import pytest

from parley.places import is_known_place, iso3_from_iso2, place_country, resolve_place
from parley.records import Location


def test_budapest_resolves_to_hungary_with_coordinates() -> None:
    loc = resolve_place("Budapest")
    assert isinstance(loc, Location)
    assert loc.country == "HUN"
    assert loc.lat is not None and loc.lon is not None
    assert abs(loc.lat - 47.5) < 0.3 and abs(loc.lon - 19.0) < 0.3


@pytest.mark.parametrize("name", ["Kyiv", "Kiev", "KYIV", "kiev"])
def test_kyiv_in_either_spelling_and_any_case_is_ukraine(name: str) -> None:
    loc = resolve_place(name)
    assert loc is not None and loc.country == "UKR"
    assert loc.name == "Kyiv"


def test_donbas_region_is_ukraine() -> None:
    loc = resolve_place("Donbas")
    assert loc is not None and loc.country == "UKR"
    assert loc.lat is not None and 47 < loc.lat < 50


@pytest.mark.parametrize("name", ["Gaza", "Gaza Strip", "the Gaza Strip", "West Bank"])
def test_palestinian_places_are_pse(name: str) -> None:
    assert place_country(name) == "PSE"


def test_paris_is_france_not_paris_texas() -> None:
    loc = resolve_place("Paris")
    assert loc is not None and loc.country == "FRA"
    assert loc.lat is not None and loc.lat > 45


def test_country_hint_prefers_the_place_in_that_country() -> None:
    loc = resolve_place("Paris", country_hint="USA")
    assert loc is not None and loc.country == "USA"


def test_georgia_is_the_country() -> None:
    loc = resolve_place("Georgia")
    assert loc is not None and loc.country == "GEO"
    # countries are placed at their capital (Tbilisi)
    assert loc.lat is not None and loc.lon is not None
    assert abs(loc.lat - 41.7) < 0.3 and abs(loc.lon - 44.8) < 0.3


def test_unknown_string_is_none() -> None:
    assert resolve_place("Xqzzyvillebergstan") is None
    assert resolve_place("") is None
    assert not is_known_place("Xqzzyvillebergstan")
    assert place_country("Xqzzyvillebergstan") is None


def test_small_town_needs_a_country_hint() -> None:
    # Sudzha (Kursk region) has fewer than 15,000 inhabitants.
    assert resolve_place("Sudzha") is None
    loc = resolve_place("Sudzha", country_hint="RUS")
    assert loc is not None and loc.country == "RUS"
    # a hint for another country does not make it match
    assert resolve_place("Sudzha", country_hint="FRA") is None


def test_country_hint_accepts_iso2() -> None:
    loc = resolve_place("Sudzha", country_hint="ru")
    assert loc is not None and loc.country == "RUS"


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("United States", "USA"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("Britain", "GBR"),
        ("Burma", "MMR"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("DRC", "COD"),
        ("Ukraine's", "UKR"),
    ],
)
def test_country_names_and_aliases(name: str, iso3: str) -> None:
    assert place_country(name) == iso3


def test_lower_case_acronym_is_not_a_country() -> None:
    assert resolve_place("us") is None


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Crimea", "UKR"),
        ("Kursk region", "RUS"),
        ("El Fasher", "SDN"),
        ("El-Fasher", "SDN"),
        ("Goma", "COD"),
        ("Nagorno-Karabakh", "AZE"),
        ("Tigray", "ETH"),
        ("Essequibo", "GUY"),
        ("Golan Heights", "SYR"),
    ],
)
def test_conflict_regions_from_data_file(name: str, iso3: str) -> None:
    assert place_country(name) == iso3


def test_international_waters_have_coordinates_but_no_country() -> None:
    loc = resolve_place("South China Sea")
    assert loc is not None and loc.country is None
    assert loc.lat is not None and loc.lon is not None


def test_accents_and_transliterations_match() -> None:
    assert place_country("Sao Paulo") == "BRA"
    assert place_country("Odessa") == "UKR"  # not Odessa, Texas
    assert place_country("Avdiivka") == "UKR"
    assert place_country("Raqqa") == "SYR"  # geonames: "Ar Raqqah"


@pytest.mark.parametrize("word", ["Hamas", "Union", "Freedom", "March", "Of"])
def test_words_and_actor_names_are_not_towns(word: str) -> None:
    assert resolve_place(word) is None


def test_resolved_locations_are_independent_objects() -> None:
    first = resolve_place("Budapest")
    assert first is not None
    first.name = "changed"
    second = resolve_place("Budapest")
    assert second is not None and second.name == "Budapest"


def test_iso3_from_iso2_uses_geonames_table() -> None:
    assert iso3_from_iso2("HU") == "HUN"
    assert iso3_from_iso2("xk") == "XKX"
    assert iso3_from_iso2("ZZ") is None
