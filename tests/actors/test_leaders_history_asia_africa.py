"""Office-holders of 1995-2013 in the Middle East, Africa and Asia (leaders.tsv's history block).

The sentences are our own. Each checks that a leader named in news of that period resolves to
the right country and sector on a date in office, that a person out of office falls back to
ELI, and that adding the earlier holders does not take a name away from today's leaders.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

LEADERS = Path(__file__).resolve().parents[2] / "src" / "parley" / "actors" / "data" / "leaders.tsv"
BLOCK = "# --- 1995-2013: Middle East, Africa, Asia, armed groups ---"


def resolved(nlp, matcher, text: str, date: str) -> dict[str, tuple[str | None, str | None, str]]:
    """Surface text -> (country, sector, canonical name) for each mention."""
    return {
        m.actor.text: (m.actor.country, m.actor.sector, m.actor.name)
        for m in matcher.find_mentions(nlp(text), date)
    }


@pytest.mark.parametrize(
    ("date", "text", "surface", "country", "sector"),
    [
        (
            "1998-05-10",
            "Mugabe accused Britain of meddling in the land reform.",
            "Mugabe",
            "ZWE",
            "GOV",
        ),
        ("2009-03-01", "Gaddafi hosted Ahmadinejad in Tripoli.", "Gaddafi", "LBY", "GOV"),
        ("2009-03-01", "Gaddafi hosted Ahmadinejad in Tripoli.", "Ahmadinejad", "IRN", "GOV"),
        (
            "2004-02-01",
            "Ali Abdullah Saleh vowed to hunt the militants.",
            "Ali Abdullah Saleh",
            "YEM",
            "GOV",
        ),
        ("2005-06-01", "Hun Sen telephoned Musharraf on Monday.", "Hun Sen", "KHM", "GOV"),
        ("2005-06-01", "Hun Sen telephoned Musharraf on Monday.", "Musharraf", "PAK", "GOV"),
        (
            "2002-04-01",
            "Arafat condemned the raid and Sharon rejected any talks.",
            "Arafat",
            "PSE",
            "GOV",
        ),
        (
            "2002-04-01",
            "Arafat condemned the raid and Sharon rejected any talks.",
            "Sharon",
            "ISR",
            "GOV",
        ),
        ("2006-04-01", "Hu Jintao received Museveni and Kibaki.", "Hu Jintao", "CHN", "GOV"),
        ("2006-04-01", "Hu Jintao received Museveni and Kibaki.", "Kibaki", "KEN", "GOV"),
        ("1997-01-01", "Suharto sent troops to the province.", "Suharto", "IDN", "GOV"),
        ("2001-10-01", "Osama bin Laden praised the attacks.", "Osama bin Laden", "AFG", "REB"),
        ("2001-10-01", "Mullah Omar refused to hand over his guest.", "Mullah Omar", "AFG", "REB"),
        ("2005-11-01", "Zarqawi claimed the hotel bombings in Amman.", "Zarqawi", "IRQ", "REB"),
        ("2008-07-01", "Prabhakaran ordered a new offensive.", "Prabhakaran", "LKA", "REB"),
        ("2012-07-01", "Shekau threatened further attacks.", "Shekau", "NGA", "REB"),
        ("2003-02-01", "Prachanda declared a ceasefire.", "Prachanda", "NPL", "REB"),
        ("2009-01-01", "Prachanda met the Indian envoy.", "Prachanda", "NPL", "GOV"),
        ("2007-03-01", "Kony ordered new raids in Congo.", "Kony", "UGA", "REB"),
        ("1996-02-01", "Sheikh Yassin praised the bombers.", "Sheikh Yassin", "PSE", "REB"),
        ("2009-08-01", "Tsvangirai met Mbeki in Harare.", "Tsvangirai", "ZWE", "GOV"),
        ("2003-01-01", "Tsvangirai was charged with treason.", "Tsvangirai", "ZWE", "OPP"),
        ("1999-05-01", "Vajpayee warned Nawaz Sharif over Kargil.", "Vajpayee", "IND", "GOV"),
        ("1999-05-01", "Vajpayee warned Nawaz Sharif over Kargil.", "Nawaz Sharif", "PAK", "GOV"),
        ("2010-06-01", "Nouri al-Maliki rejected the results.", "Nouri al-Maliki", "IRQ", "GOV"),
        ("1997-06-01", "Netanyahu refused to meet Arafat.", "Netanyahu", "ISR", "GOV"),
        ("2007-01-01", "Shinzo Abe visited Beijing.", "Shinzo Abe", "JPN", "GOV"),
        ("2011-03-01", "Gbagbo refused to step down.", "Gbagbo", "CIV", "GOV"),
        ("2012-02-01", "Wen Jiabao met Yingluck in Bangkok.", "Yingluck", "THA", "GOV"),
        ("1998-01-01", "Hafez al-Assad received the envoy.", "Hafez al-Assad", "SYR", "GOV"),
    ],
)
def test_earlier_leader_resolves_on_a_date_in_office(
    nlp, matcher, date, text, surface, country, sector
):
    found = resolved(nlp, matcher, text, date)
    assert surface in found, found
    assert found[surface][:2] == (country, sector)


@pytest.mark.parametrize(
    ("date", "text", "surface", "country", "name"),
    [
        ("2015-06-01", "Mubarak was retried in Cairo.", "Mubarak", "EGY", "Hosni Mubarak"),
        ("2016-01-01", "Ahmadinejad criticised the nuclear deal.", "Ahmadinejad", "IRN", None),
        ("2020-01-01", "Musharraf was sentenced in absentia.", "Musharraf", "PAK", None),
    ],
)
def test_leader_out_of_office_keeps_country_as_elite(
    nlp, matcher, date, text, surface, country, name
):
    found = resolved(nlp, matcher, text, date)
    assert found[surface][:2] == (country, "ELI")
    if name:
        assert found[surface][2] == name


@pytest.mark.parametrize(
    ("date", "text", "surface", "country", "sector", "name"),
    [
        # people who share a surname: the one in office on the date wins
        (
            "2023-05-01",
            "Deby met the junta's ministers.",
            "Deby",
            "TCD",
            "GOV",
            "Mahamat Idriss Déby",
        ),
        ("2019-05-01", "Deby met the junta's ministers.", "Deby", "TCD", "GOV", "Idriss Déby"),
        (
            "2023-05-01",
            "Berdimuhamedov signed the decree.",
            "Berdimuhamedov",
            "TKM",
            "GOV",
            "Serdar Berdimuhamedow",
        ),
        ("2018-05-01", "Hariri formed a new cabinet.", "Hariri", "LBN", "GOV", "Saad Hariri"),
        ("2002-05-01", "Hariri formed a new cabinet.", "Hariri", "LBN", "GOV", "Rafik Hariri"),
        # current leaders whose earlier terms or namesakes were added
        (
            "2024-01-10",
            "Netanyahu rejected the offer.",
            "Netanyahu",
            "ISR",
            "GOV",
            "Benjamin Netanyahu",
        ),
        ("2024-01-10", "Abbas protested to the council.", "Abbas", "PSE", "GOV", "Mahmoud Abbas"),
        (
            "2022-01-05",
            "Tokayev asked for troops.",
            "Tokayev",
            "KAZ",
            "GOV",
            "Kassym-Jomart Tokayev",
        ),
        ("2022-06-01", "Kagame met the envoy.", "Kagame", "RWA", "GOV", "Paul Kagame"),
        ("2025-02-01", "Museveni sent troops.", "Museveni", "UGA", "GOV", "Yoweri Museveni"),
        ("2025-02-01", "Mahama named his cabinet.", "Mahama", "GHA", "GOV", "John Dramani Mahama"),
        ("2024-05-01", "Khamenei addressed the nation.", "Khamenei", "IRN", "GOV", "Ali Khamenei"),
        ("2024-05-01", "Hemedti rejected the talks.", "Hemedti", "SDN", "REB", None),
        # Hafez al-Assad and Laurent Kabila have full names only: the son keeps the surname
        ("2025-03-01", "Assad fled to Moscow.", "Assad", "SYR", "ELI", "Bashar al-Assad"),
        (
            "2025-03-01",
            "Kabila was sentenced in absentia.",
            "Kabila",
            "COD",
            "ELI",
            "Joseph Kabila",
        ),
    ],
)
def test_shared_names_resolve_to_the_holder_of_the_date(
    nlp, matcher, date, text, surface, country, sector, name
):
    found = resolved(nlp, matcher, text, date)
    assert found[surface][:2] == (country, sector)
    if name:
        assert found[surface][2] == name


SUCCESSORS = {"Mahamat Idriss Déby", "Serdar Berdimuhamedow"}


def history_rows() -> list[dict[str, str]]:
    text = LEADERS.read_text(encoding="utf-8")
    assert BLOCK in text
    header = text.split("\n", 1)[0]
    body = text.split(BLOCK, 1)[1]
    rows = [line for line in body.split("\n") if line and not line.startswith("#")]
    return list(csv.DictReader([header, *rows], delimiter="\t"))


def test_history_block_rows_are_well_formed():
    rows = history_rows()
    assert len(rows) > 500
    roles = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "other"}
    for row in rows:
        assert row["role"] in roles, row
        assert row["sector"] in {"GOV", "REB", "MIL", "OPP"}, row
        assert len(row["start"]) == 10, row
        assert not row["end"] or row["start"] <= row["end"], row
        # the block covers people in office at some point of 1995-2013, plus the two sons who
        # succeeded such a leader and share his surname (so the date can tell them apart)
        assert (
            row["name"] in SUCCESSORS
            or row["start"] <= "2013-12-31"
            or any(r["name"] == row["name"] and r["start"] <= "2013-12-31" for r in rows)
        ), row


def test_history_block_gives_no_colliding_surname_alone():
    banned = {
        "Khan", "Sharif", "Hussein", "Abdullah", "Ali", "Ahmed", "Kim", "Lee", "Park", "Singh",
        "Wang", "Li", "Assad", "Kabila", "Koizumi", "Rabbani", "Ghannouchi", "Conte", "Kono",
    }  # fmt: skip
    for row in history_rows():
        aliases = set(row["aliases"].split("|"))
        assert not aliases & banned, row["name"]
