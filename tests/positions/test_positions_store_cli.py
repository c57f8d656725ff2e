"""Positions in the store and on the command line: ingest, history, standoff, extract."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from parley.cli import main

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.issue(4)


def _article(tmp_path, name, date, text):
    path = tmp_path / f"{name}.jsonl"
    path.write_text(json.dumps({"id": name, "date": date, "text": text}) + "\n", encoding="utf-8")
    return path


def test_positions_are_stored_once_and_queried_back(tmp_path, summit):
    from parley.store import open_store

    db = tmp_path / "p.db"
    with open_store(db) as store:
        first = store.add_result(summit)
        again = store.add_result(summit)
        stored = store.query_positions()
        territory = store.query_positions(actor="RUS", issue="territory")
    assert first.positions == len(summit.positions) > 5
    assert again.already_present and again.positions == 0
    assert stored == [p.to_dict() for p in sorted(summit.positions, key=lambda p: (p.sentence_index, p.span[0], p.issue))] or \
        sorted(json.dumps(p, sort_keys=True) for p in stored) == sorted(json.dumps(p.to_dict(), sort_keys=True) for p in summit.positions)
    assert [p["stance"] for p in territory] == ["demand"] and territory[0]["non_negotiable"] is True


def test_history_flags_a_reversal_between_dates(tmp_path):
    db = tmp_path / "h.db"
    a = _article(tmp_path, "early", "2026-01-10", "Ukraine accepted territorial concessions on Monday.")
    b = _article(tmp_path, "late", "2026-02-10", "Ukraine will never cede territory, the president said.")
    result = CliRunner().invoke(main, ["ingest", str(a), str(b), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    out = CliRunner().invoke(main, ["positions", "--db", str(db), "--actor", "UKR", "--issue", "territory", "--format", "json"])
    assert out.exit_code == 0, out.output
    (entry,) = json.loads(out.stdout)
    assert [p["date"] for p in entry["positions"]] == ["2026-01-10", "2026-02-10"]
    assert [c["change"] for c in entry["changes"]] == ["reversal"]
    text = CliRunner().invoke(main, ["positions", "--db", str(db)])
    assert "UKR on territory" in text.stdout and "reversal" in text.stdout


def test_standoff_command_reports_deadlock_from_files_and_from_db(tmp_path):
    examples = ROOT / "examples" / "articles.jsonl"
    summit = next(line for line in examples.read_text().splitlines() if '"summit-cancelled"' in line)
    src = tmp_path / "summit.jsonl"
    src.write_text(summit + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["standoff", str(src), "--format", "json"])
    assert result.exit_code == 0, result.output
    issues = {i["issue"]: i for i in json.loads(result.stdout)["issues"]}
    assert issues["territory"]["status"] == "deadlock"
    assert all("sentence" in p for p in issues["territory"]["positions"])
    db = tmp_path / "s.db"
    CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--no-progress"])
    text = CliRunner().invoke(main, ["standoff", "--db", str(db), "--issue", "territory"])
    assert text.exit_code == 0 and text.stdout.startswith("territory: DEADLOCK")


def test_standoff_needs_inputs_or_db_and_knows_its_issues(tmp_path):
    neither = CliRunner().invoke(main, ["standoff"])
    assert neither.exit_code == 1 and "E074" in neither.stderr
    src = _article(tmp_path, "x", "2026-01-10", "Ukraine will not cede land.")
    unknown = CliRunner().invoke(main, ["standoff", str(src), "--issue", "weather"])
    assert unknown.exit_code == 1 and "E071" in unknown.stderr


def test_extract_puts_positions_after_the_documents_events(tmp_path):
    src = _article(tmp_path, "x", "2026-01-10", "Russia attacked Kharkiv overnight. Ukraine will not cede land.")
    result = CliRunner().invoke(main, ["extract", str(src)])
    kinds = [json.loads(line)["record"] for line in result.stdout.splitlines()]
    assert kinds and kinds[-1] == "position" and kinds.index("position") > kinds.index("event")
    first = json.loads(result.stdout.splitlines()[-1])
    assert list(first)[:8] == ["record", "doc_id", "sentence_index", "sentence", "span", "actor", "issue", "stance"]


def test_user_taxonomy_adds_an_issue(tmp_path):
    from parley.positions import load_taxonomy

    extra = tmp_path / "water.yaml"
    extra.write_text("issues:\n  water:\n    label: Water rights\n    nouns: [water, dam, river]\n", encoding="utf-8")
    taxonomy = load_taxonomy([extra])
    assert "water" in taxonomy.names() and taxonomy.noun_issue("dam") == "water"
    assert "territory" in taxonomy.names()


def test_bad_taxonomy_gives_e070(tmp_path):
    from parley.errors import ParleyError
    from parley.positions import load_taxonomy

    bad = tmp_path / "bad.yaml"
    bad.write_text("issues: [1, 2]\n", encoding="utf-8")
    with pytest.raises(ParleyError) as info:
        load_taxonomy([bad])
    assert info.value.code == "E070"


def test_store_keeps_position_table_after_replace(tmp_path, summit):
    from parley.store import open_store

    db = tmp_path / "r.db"
    with open_store(db) as store:
        store.add_result(summit)
        store.add_result(summit, replace=True)
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from positions").fetchone()[0] == len({p.position_id for p in summit.positions})
