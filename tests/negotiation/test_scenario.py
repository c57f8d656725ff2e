from __future__ import annotations

import json

import pandas as pd
import pytest

from parley.negotiation import forecast_command, read_scenario, scenario_from_positions
from parley.negotiation.scenario import ScenarioError, builtin_capabilities, write_scenario

CSV = """issue,actor,capability,position,salience,reference,role,decision_rule,low,high
tariff,USA,50,80,90,20,agenda_setter,majority,70,90
tariff,CHN,40,20,80,,,,10,30
tariff,EU,30,50,60,,veto_player,,40,60
"""


def rows():
    return pd.read_csv(__import__("io").StringIO(CSV)).to_dict("records")


def test_csv_json_and_parquet_give_the_same_scenario(tmp_path):
    csv_path = tmp_path / "s.csv"
    csv_path.write_text(CSV)
    json_path = tmp_path / "s.json"
    json_path.write_text(json.dumps([{k: (None if v != v else v) for k, v in r.items()}
                                     for r in rows()]))
    pq_path = tmp_path / "s.parquet"
    pd.DataFrame(rows()).to_parquet(pq_path)
    a, b, c = (read_scenario(p) for p in (csv_path, json_path, pq_path))
    assert a.issues == b.issues == c.issues
    issue = a.issues[0]
    assert issue.reference == 20 and issue.decision_rule == "majority"
    assert [x.role for x in issue.actors] == ["agenda_setter", "", "veto_player"]


def test_written_scenario_reads_back(tmp_path):
    (tmp_path / "s.csv").write_text(CSV)
    s = read_scenario(tmp_path / "s.csv")
    out = write_scenario(s, tmp_path / "again.csv")
    assert read_scenario(out).issues == s.issues


def test_bad_position_names_file_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(CSV.replace("tariff,CHN,40,20,", "tariff,CHN,40,abc,"))
    with pytest.raises(ScenarioError) as err:
        read_scenario(path)
    assert err.value.code == "E052"
    assert f"{path}: line 3" in str(err.value) and "position" in str(err.value)


def test_out_of_range_salience_in_json_names_record(tmp_path):
    path = tmp_path / "bad.json"
    data = [{"issue": "i", "actor": "a", "capability": 1, "position": 5, "salience": 150}]
    path.write_text(json.dumps(data))
    with pytest.raises(ScenarioError, match=r"bad\.json: record 1: .*salience.*0 to 100"):
        read_scenario(path)


def test_parquet_bad_row_is_located(tmp_path):
    path = tmp_path / "bad.parquet"
    frame = pd.DataFrame(rows())
    frame.loc[2, "capability"] = -3
    frame.to_parquet(path)
    with pytest.raises(ScenarioError, match=r"bad\.parquet: row 3: .*capability"):
        read_scenario(path)


def test_missing_column_and_conflicting_reference_are_clear(tmp_path):
    path = tmp_path / "nocol.csv"
    path.write_text("issue,actor,position\ni,a,5\n")
    with pytest.raises(ScenarioError, match="capability, salience") as err:
        read_scenario(path)
    assert err.value.code == "E051"
    path = tmp_path / "conflict.csv"
    path.write_text(CSV.replace("tariff,CHN,40,20,80,,", "tariff,CHN,40,20,80,35,"))
    with pytest.raises(ScenarioError, match="line 3: .*reference 35.*line 2") as err:
        read_scenario(path)
    assert err.value.code == "E053"


def test_unknown_role_and_model_and_format(tmp_path):
    path = tmp_path / "role.csv"
    path.write_text(CSV.replace("agenda_setter", "king"))
    with pytest.raises(ScenarioError, match="unknown role 'king'"):
        read_scenario(path)
    path.write_text(CSV)
    with pytest.raises(ScenarioError, match="E054|unknown negotiation model"):
        forecast_command(str(path), "oracle", "text")
    with pytest.raises(ScenarioError) as err:
        forecast_command(str(path), None, "xml")
    assert err.value.code == "E057"


def test_forecast_command_formats(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(CSV)
    text = forecast_command(str(path), None, "text")
    assert text.startswith("Issue tariff: forecast 54.1") and "Heaviest: USA" in text
    first = json.loads(forecast_command(str(path), "weighted_median", "jsonl").splitlines()[0])
    assert first["issue"] == "tariff" and first["model"] == "weighted_median"
    assert first["forecast"] == pytest.approx(50.0)
    assert json.loads(forecast_command(str(path), "expected_utility", "json"))[0]["path"]


def test_scenario_from_positions_uses_builtin_and_user_capabilities():
    positions = [
        {"actor": {"country": "USA"}, "issue": "tariffs", "scale_value": 80, "salience": 90},
        {"actor": {"country": "USA"}, "issue": "tariffs", "scale_value": 60, "salience": None},
        {"actor": {"country": "CHN"}, "issue": "tariffs", "scale_value": 10, "salience": None},
        {"actor": {"country": "FRA"}, "issue": "tariffs", "scale_value": None, "salience": 40},
        {"actor": {"name": "WTO"}, "issue": "tariffs", "scale_value": 50, "salience": 70},
    ]
    s = scenario_from_positions(positions, capabilities={"WTO": 2.5})
    actors = {a.actor: a for a in s.issues[0].actors}
    assert set(actors) == {"USA", "CHN", "WTO"}  # FRA has no scale value
    assert actors["USA"].position == 70 and actors["USA"].salience == 90
    assert actors["CHN"].salience == 50  # default when no salience was stated
    assert actors["USA"].capability == builtin_capabilities()["USA"]
    assert actors["USA"].capability > actors["CHN"].capability > 10
    assert actors["WTO"].capability == 2.5


def test_scenario_from_positions_unknown_actor_is_named():
    with pytest.raises(ScenarioError, match="no capability for Atlantis") as err:
        scenario_from_positions([{"actor": {"name": "Atlantis"}, "issue": "i", "scale_value": 3}])
    assert err.value.code == "E058"
