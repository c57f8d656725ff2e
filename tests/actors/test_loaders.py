"""Reading dictionaries: built-in, YAML, CSV/TSV, and CAMEO .actors/.agents files."""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path

import pytest

from parley.actors import ActorDictionary, Period, load_dictionary, load_file
from parley.actors.loaders import detect_format, parse_code_block, parse_date
from parley.errors import DictionaryError

LEADERS_FIXTURE = Path(__file__).resolve().parent / "leaders_fixture.tsv"

ACTORS_SAMPLE = textwrap.dedent(
    """\
    <!-- a one-line comment -->
    <!--
    # a block comment over several lines
    IGNORED_NAME [XXX]
    # -->
    # a hash comment
    RUSSIA_  [RUS]  # trailing comment
    +RUSSIAN_
    +RUSSIAN_FEDERATION

    VLADIMIR_PUTIN_
    +PUTIN_
    \t[RUSELI <20000507]
    \t[RUSGOV 20000507-20080507]
    \t[RUSGOV >120507]
    \t[RUSELI]

    ISILDUR  [---]
    UNITED_NATIONS [IGOUNO]
    HAMAS [PSEREBHMS]
    """
)

AGENTS_SAMPLE = textwrap.dedent(
    """\
    <!-- agents sample -->
    !PERSON! = MAN, WOMAN
    POLICE {} [~COP]  # no plural
    SOLDIER [~MIL]
    GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
    HUMAN_RIGHTS_BODY  [NGO~]
    SPOKES!PERSON! [~GOV]
    """
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_dictionary_loads_countries_orgs_groups_agents():
    d = load_dictionary()
    kinds = {e.kind for e in d.entries}
    assert {"state", "adjective", "capital", "metonym", "org", "group", "agent", "null"} <= kinds
    assert isinstance(d, ActorDictionary) and len(d) == len(list(d))
    assert d.country_name("RUS") == "Russia"
    assert d.country_name("UN") == "United Nations"
    assert d.country_name("ZZZ") == "ZZZ"


def test_builtin_dictionary_without_builtin_is_empty():
    assert len(load_dictionary(include_builtin=False)) == 0


def test_lookup_ignores_the_and_respects_case_rules():
    d = load_dictionary()
    assert [e.id for e in d.lookup("the Kremlin")] == ["country:RUS:metonym"]
    assert [e.id for e in d.lookup("US")] == ["country:USA"]
    assert d.lookup("us") == []
    assert [e.id for e in d.lookup("Chad")] == ["country:TCD"]
    assert d.lookup("chad") == []
    assert [e.id for e in d.lookup("POLICE")] == ["agent:police"]
    assert [e.id for e in d.lookup("united states")] == ["country:USA"]


def test_hand_written_actors_sample_parses_exactly(tmp_path):
    path = write(tmp_path, "sample.actors", ACTORS_SAMPLE)
    entries, problems = load_file(path)
    assert problems == []
    by_name = {e.patterns[0]: e for e in entries}
    assert list(by_name) == ["RUSSIA", "VLADIMIR PUTIN", "ISILDUR", "UNITED NATIONS", "HAMAS"]
    russia = by_name["RUSSIA"]
    assert russia.patterns == ("RUSSIA", "RUSSIAN", "RUSSIAN FEDERATION")
    assert (russia.kind, russia.country, russia.sector, russia.periods) == (
        "state",
        "RUS",
        None,
        (),
    )
    putin = by_name["VLADIMIR PUTIN"]
    assert putin.kind == "person" and putin.patterns == ("VLADIMIR PUTIN", "PUTIN")
    assert putin.periods == (
        Period("RUS", "ELI", None, "2000-05-06", code="RUSELI"),
        Period("RUS", "GOV", "2000-05-07", "2008-05-07", code="RUSGOV"),
        Period("RUS", "GOV", "2012-05-07", None, code="RUSGOV"),
        Period("RUS", "ELI", None, None, code="RUSELI"),
    )
    assert putin.resolve("1999-01-01")[:2] == ("RUS", "ELI")
    assert putin.resolve("2005-01-01")[:2] == ("RUS", "GOV")
    assert putin.resolve("2010-01-01")[:2] == ("RUS", "ELI")  # the undated default
    assert by_name["ISILDUR"].kind == "null"
    un = by_name["UNITED NATIONS"]
    assert (un.kind, un.country, un.sector, un.code) == ("org", "UNO", "IGO", "IGOUNO")
    hamas = by_name["HAMAS"]
    assert (hamas.kind, hamas.country, hamas.sector) == ("group", "PSE", "REB")
    assert hamas.name == "Hamas"


def test_hand_written_agents_sample_parses_exactly(tmp_path):
    path = write(tmp_path, "sample.agents", AGENTS_SAMPLE)
    entries, problems = load_file(path)
    assert problems == []
    got = [(e.patterns, e.sector) for e in entries]
    assert got == [
        (("POLICE",), "COP"),
        (("SOLDIER", "SOLDIERS"), "MIL"),
        (("GOLDEN GOOSE", "GOLDEN GEESE"), "GGS"),
        (("HUMAN RIGHTS BODY", "HUMAN RIGHTS BODIES"), "NGO"),
        (("SPOKESMAN", "SPOKESMEN"), "GOV"),
        (("SPOKESWOMAN", "SPOKESWOMEN"), "GOV"),
    ]
    assert all(e.kind == "agent" and e.country is None for e in entries)


def test_malformed_actors_line_is_skipped_with_warning_naming_file_and_line(tmp_path, caplog):
    path = write(
        tmp_path, "bad.actors", "FRANCE [FRA]\nGONDOR [GON 2004017-20061201]\nSPAIN [ESP]\n"
    )
    with caplog.at_level(logging.WARNING, logger="parley.actors"):
        entries, problems = load_file(path)
    assert [e.patterns[0] for e in entries] == ["FRANCE", "SPAIN"]
    assert len(problems) == 1 and problems[0].startswith(f"{path}:2: ")
    assert "bad.actors" in caplog.text


def test_malformed_actors_line_raises_in_strict_mode(tmp_path):
    path = write(tmp_path, "bad.actors", "FRANCE [FRA]\nGONDOR [GON 2004017-20061201]\n")
    with pytest.raises(DictionaryError) as info:
        load_dictionary([path], include_builtin=False, strict=True)
    assert f"{path}:2:" in info.value.message and info.value.code == "E020"


def test_agents_line_without_code_is_reported(tmp_path):
    path = write(tmp_path, "bad.agents", "POLICE [~COP]\nDEPARTMENT [~ENV}\n")
    entries, problems = load_file(path)
    assert [e.patterns[0] for e in entries] == ["POLICE"]
    assert problems and ":2:" in problems[0]


def test_format_is_detected_from_names_and_can_be_overridden(tmp_path):
    assert detect_format("x/Phoenix.Countries.actors.txt") == "actors"
    assert detect_format("PETR.Validate.agents.txt") == "agents"
    assert detect_format("mine.yml") == "yaml"
    assert detect_format("mine.txt", format="agents") == "agents"
    with pytest.raises(DictionaryError) as info:
        detect_format("mine.txt")
    assert info.value.code == "E021"
    with pytest.raises(DictionaryError) as info:
        detect_format("mine.txt", format="xml")
    assert info.value.code == "E027"
    path = write(tmp_path, "plain.txt", "FRANCE [FRA]\n")
    entries, _ = load_file(path, format="actors")
    assert entries[0].country == "FRA"


def test_missing_user_dictionary_raises_not_found(tmp_path):
    with pytest.raises(DictionaryError) as info:
        load_dictionary([tmp_path / "absent.yaml"])
    assert info.value.code == "E022"


def test_yaml_dictionary_adds_an_actor(tmp_path):
    path = write(
        tmp_path,
        "mine.yaml",
        textwrap.dedent(
            """\
            - name: Azov Brigade
              patterns: [Azov, Azov Regiment]
              country: UKR
              sector: MIL
            - id: wagner-2
              name: Example Front
              patterns: "Example Front|EF"
              country: XYZ
              sector: REB
              start: 2020-01-01
              end: 2021-12-31
            - name: Shifting Movement
              patterns: [Shifting Movement]
              periods:
                - {country: ABC, sector: REB, end: 2019-12-31}
                - {country: ABC, sector: GOV, start: 2020-01-01}
            """
        ),
    )
    d = load_dictionary([path])
    azov = d.lookup("Azov")
    assert len(azov) == 1 and (azov[0].country, azov[0].sector, azov[0].kind) == (
        "UKR",
        "MIL",
        "group",
    )
    front = d.lookup("EF")[0]
    assert front.id == "wagner-2" and front.periods[0].start == "2020-01-01"
    moving = d.lookup("Shifting Movement")[0]
    assert moving.resolve("2019-06-01").sector == "REB"
    assert moving.resolve("2022-06-01").sector == "GOV"


def test_yaml_that_is_not_a_list_raises(tmp_path):
    path = write(tmp_path, "mine.yaml", "name: just one\n")
    with pytest.raises(DictionaryError) as info:
        load_dictionary([path])
    assert info.value.code == "E025"


def test_broken_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "mine.yaml", "- name: a\n  patterns: [unclosed\n- name: b\n")
    with pytest.raises(DictionaryError) as info:
        load_dictionary([path])
    assert f"{path}:" in info.value.message


def test_csv_dictionary_adds_an_actor(tmp_path):
    path = write(
        tmp_path,
        "mine.csv",
        "name,patterns,country,sector,start,end\n"
        'Azov Brigade,"Azov|Azov Regiment",UKR,MIL,,\n'
        "drone operators,drone operator|drone operators,,MIL,,\n",
    )
    d = load_dictionary([path])
    assert [(e.country, e.sector) for e in d.lookup("Azov Regiment")] == [("UKR", "MIL")]
    operators = d.lookup("Drone Operators")
    assert operators and operators[0].kind == "agent"  # no country, a sector: a generic agent


def test_csv_without_required_columns_raises(tmp_path):
    path = write(tmp_path, "mine.csv", "label,code\nAzov,UKR\n")
    with pytest.raises(DictionaryError) as info:
        load_dictionary([path])
    assert info.value.code == "E023"


def test_csv_bad_date_is_skipped_or_raises_in_strict_mode(tmp_path):
    path = write(
        tmp_path,
        "mine.csv",
        "name,country,sector,start\nGood,AAA,GOV,2020-01-01\nBad,BBB,GOV,01/02/2020\n",
    )
    d = load_dictionary([path], include_builtin=False)
    assert [e.name for e in d] == ["Good"]
    assert d.problems and "01/02/2020" in d.problems[0]
    with pytest.raises(DictionaryError) as info:
        load_dictionary([path], include_builtin=False, strict=True)
    assert info.value.code == "E024"


def test_leaders_table_rows_of_one_person_become_dated_periods():
    entries, problems = load_file(LEADERS_FIXTURE)
    assert problems == []
    okafor = next(e for e in entries if e.name == "Dana Okafor")
    assert okafor.kind == "person" and len(okafor.periods) == 2
    assert okafor.resolve("2016-01-01")[:3] == ("NGA", "GOV", True)
    assert okafor.resolve("2020-01-01")[:3] == ("NGA", "ELI", False)  # between offices
    assert okafor.resolve(None).role == "head_of_state"  # unknown date: most recent row


def test_code_blocks_and_dates():
    assert parse_code_block("USAGOV >20090120") == Period(
        "USA", "GOV", "2009-01-20", None, code="USAGOV"
    )
    assert parse_code_block("USAELI <20090120").end == "2009-01-19"
    ranged = parse_code_block("HOBGOV 19950601 - 19990815")
    assert (ranged.start, ranged.end) == ("1995-06-01", "1999-08-15")
    short = parse_code_block("KHMGOV 030101-041130")
    assert (short.start, short.end) == ("2003-01-01", "2004-11-30")
    assert parse_code_block("[---]".strip("[]")).sector == "---"
    assert parse_date("470301", allow_short=True) == "1947-03-01"
    assert parse_date("391231", allow_short=True) == "2039-12-31"
    with pytest.raises(ValueError):
        parse_code_block("999999-999999")
    with pytest.raises(ValueError):
        parse_date("2004017", allow_short=True)


def test_petrarch_validation_dictionaries_load(shared_data):
    folder = shared_data / "events" / "petrarch2"
    actors, problems = load_file(folder / "PETR.Validate.actors.txt")
    assert problems == []
    names = {p for e in actors for p in e.patterns}
    assert {"AUSTRALIA", "AUSTRALIAN", "SMEAGOL", "INTERPOL", "U.N."} <= names
    sam = next(e for e in actors if e.patterns[0] == "SAM GAMGEE")
    # the first dated restriction that covers the date wins, as in PETRARCH
    assert sam.resolve("2010-01-10")[:2] == ("ORC", "HOB")
    assert sam.resolve("2011-01-10")[:2] == ("HOB", "MIL")
    agents, problems = load_file(folder / "PETR.Validate.agents.txt")
    assert problems == []
    patterns = {p for e in agents for p in e.patterns}
    assert {
        "CONGRESSMAN",
        "CONGRESSWOMEN",
        "MINISTRY OF SILLY WALKS",
        "ATTORNEYS GENERAL",
    } <= patterns
    assert "MEDIAS" not in patterns  # {} means no plural


def test_phoenix_dictionaries_load_without_crashing(shared_data):
    folder = shared_data / "events" / "phoenix_dictionaries"
    files = sorted(folder.glob("*.actors.txt")) + sorted(folder.glob("*.agents.txt"))
    if not files:
        pytest.skip("Phoenix dictionaries not available")
    d = load_dictionary(files, include_builtin=False)
    sources = {e.source for e in d}
    assert {f.name for f in files} <= sources
    assert len(d) > 30000
    # a handful of typos in the community files are skipped, not fatal
    assert 0 < len(d.problems) < 20
    usa = [e for e in d.lookup("UNITED STATES") if e.source == "Phoenix.Countries.actors.txt"]
    assert usa and usa[0].country == "USA"
