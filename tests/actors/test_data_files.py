"""The built-in data files: complete, consistent, and free of risky patterns."""

from __future__ import annotations

from parley.actors.dictionary import KINDS, surface_forms
from parley.actors.loaders import (
    DATA,
    _read_rows,
    read_agents_table,
    read_countries,
    read_groups,
    read_organisations,
)


def test_countries_table_has_197_rows_with_unique_iso3_codes():
    rows = _read_rows(DATA / "countries.tsv", "\t")
    codes = [row["iso3"] for _, row in rows]
    # 193 UN members + 2 observers + Kosovo + Taiwan, then 44 territories with ISO codes
    assert len(codes) == 241
    assert len(set(codes)) == 241
    assert {"VAT", "PSE", "XKX", "TWN"} <= set(codes)
    assert all(len(c) == 3 and c.isupper() for c in codes)


def test_every_country_has_a_name_and_almost_every_one_a_capital():
    entries, names = read_countries(DATA / "countries.tsv")
    assert len(names) == 241
    with_capital = {e.country for e in entries if e.kind == "capital"}
    # city states (capital = country name), and Seychelles whose "Victoria" is too ambiguous
    without = set(list(names)[:197]) - with_capital  # the states; many territories list none
    assert without == {"DJI", "MCO", "SMR", "STP", "SGP", "SYC", "VAT"}


def test_organisations_cover_the_required_codes():
    entries, names = read_organisations(DATA / "organisations.tsv")
    ids = {e.id.split(":", 1)[1] for e in entries}
    required = {
        "UN",
        "UNSC",
        "NATO",
        "EU",
        "AU",
        "ASEAN",
        "OSCE",
        "IAEA",
        "ICC",
        "ICJ",
        "WHO",
        "WTO",
        "IMF",
        "WB",
        "OPEC",
        "GCC",
        "ARL",
        "ECOWAS",
        "SCO",
        "BRICS",
        "G7",
        "G20",
        "OAS",
        "CIS",
        "CSTO",
        "OIC",
        "SADC",
        "EAC",
        "IGAD",
        "ICRC",
        "UNHCR",
        "UNRWA",
        "WFP",
        "UNICEF",
        "OPCW",
        "INTERPOL",
        "EC",
        "EP",
        "EUCO",
        "COE",
        "BRUSSELS",
    }
    assert required <= ids
    by_id = {e.id: e for e in entries}
    assert by_id["org:EP"].country == "EU" and by_id["org:EP"].sector == "LEG"
    assert by_id["org:ICC"].sector == "JUD" and by_id["org:ICJ"].sector == "JUD"
    assert by_id["org:BRUSSELS"].kind == "metonym" and by_id["org:BRUSSELS"].country == "EU"
    assert names["UN"] == "United Nations" and names["EU"] == "European Union"


def test_groups_have_sectors_and_dated_changes_of_status():
    groups = {e.id: e for e in read_groups(DATA / "groups.tsv")}
    assert len(groups) >= 40
    assert all(e.sector for e in groups.values())
    taliban = groups["group:TALIBAN"]
    assert taliban.resolve("2015-01-01")[:2] == ("AFG", "REB")
    assert taliban.resolve("2021-08-15")[:2] == ("AFG", "GOV")
    assert taliban.resolve("1999-01-01")[:2] == ("AFG", "GOV")
    hts = groups["group:HTS"]
    assert hts.resolve("2024-12-07").sector == "REB"
    assert hts.resolve("2024-12-08").sector == "GOV"
    assert groups["group:ISIS"].country is None
    assert groups["group:SAF"].sector == "MIL"


def test_agents_generate_regular_and_irregular_plurals():
    agents = {e.name: e for e in read_agents_table(DATA / "agents.tsv") if e.kind == "agent"}
    assert "spokesmen" in agents["spokesman"].patterns
    assert "authorities" in agents["authority"].patterns
    assert "secretaries of state" in agents["secretary of state"].patterns
    assert agents["police"].patterns == ("police",)  # mass noun: no plural
    assert agents["police"].sector == "COP"
    assert agents["defence ministry"].sector == "MIL"


def test_case_sensitive_names_are_never_plain_lower_case_words():
    # A single-word name matched on ORTH in lower case would fire on ordinary words.
    entries, _ = read_countries(DATA / "countries.tsv")
    entries += read_organisations(DATA / "organisations.tsv")[0] + read_groups(DATA / "groups.tsv")
    lower = [
        text
        for entry in entries
        for attr, text in surface_forms(entry)
        if attr == "ORTH" and text.islower() and text not in {"peshmerga", "anti-balaka"}
    ]
    assert lower == []
    assert all(e.kind in KINDS for e in entries)
