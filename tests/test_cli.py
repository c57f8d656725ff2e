"""The command line: output contract, bad input in a batch, ingest idempotence and resume."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from parley.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SCHEMA = json.loads((ROOT / "docs" / "schema" / "event.schema.json").read_text())
SCHEMAS = {
    "event": SCHEMA,
    "position": json.loads((ROOT / "docs" / "schema" / "position.schema.json").read_text()),
}

pytestmark = pytest.mark.issue(2)


@pytest.fixture(scope="module")
def extracted() -> list[dict]:
    result = CliRunner().invoke(main, ["extract", str(EXAMPLES), "--no-progress"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_extract_output_validates_against_published_schema(extracted):
    from jsonschema import Draft202012Validator

    validators = {kind: Draft202012Validator(schema) for kind, schema in SCHEMAS.items()}
    assert len(extracted) > 50
    assert {r["record"] for r in extracted} == set(SCHEMAS)  # both record kinds are produced
    for record in extracted:
        errors = sorted(validators[record["record"]].iter_errors(record), key=str)
        assert not errors, (record, errors[0].message)


def test_extract_span_points_into_document_text(extracted):
    texts = {}
    for line in (EXAMPLES / "articles.jsonl").read_text().splitlines():
        obj = json.loads(line)
        texts[obj["id"]] = obj["text"]
    checked = 0
    for record in extracted:
        text = texts.get(record["doc_id"])
        if text is None:
            continue
        start, end = record["span"]
        assert text[start:end] and text[start:end] in record["sentence"]
        assert record["sentence"] in text
        checked += 1
    assert checked > 30


def test_extract_covers_every_factuality_value(extracted):
    assert {r["factuality"] for r in extracted} >= {"asserted", "negated", "future", "hypothetical"}


def test_extract_table_format(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Russia attacked Ukrainian ports on Monday, officials said.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(src), "--date", "2026-03-12", "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "ASSAULT" in result.stdout


def test_extract_without_date_says_so_and_leaves_relative_dates_open(tmp_path):
    src = tmp_path / "undated.txt"
    src.write_text("Russia attacked Ukrainian ports overnight.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(src)])
    assert result.exit_code == 0
    record = json.loads(result.stdout.splitlines()[0])
    assert record["date"] is None and record["date_text"] == "overnight"


def _bad_batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text("Israel struck Hezbollah positions in Lebanon on Monday.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (folder / "latin1.txt").write_bytes("Caf\xe9 talks collapsed".encode("latin-1"))
    (folder / "cut.html").write_text("<html><head><title>Cut</title></head><body><nav><a href='/'>Home</a></nav><di", encoding="utf-8")
    lines = [
        json.dumps({"id": "ok-1", "date": "2026-03-12", "text": "Russia attacked Ukrainian ports."}),
        '{"id": "broken", "text": ',
        json.dumps({"id": "no-text", "date": "2026-03-12"}),
        json.dumps({"id": "ok-2", "date": "2026-03-12", "text": "Brazil and Colombia urged Venezuela to free prisoners."}),
    ]
    (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    return folder


def test_bad_inputs_give_one_line_each_and_the_batch_goes_on(tmp_path):
    folder = _bad_batch(tmp_path)
    db = tmp_path / "p.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    named = " ".join(errors)
    for name in ("empty.txt", "binary.txt", "latin1.txt", "cut.html", "corpus.jsonl:2", "corpus.jsonl:3", "huge.txt"):
        assert name in named, (name, errors)
    assert len(errors) == 7
    con = sqlite3.connect(db)
    doc_ids = {row[0] for row in con.execute("select doc_id from documents")}
    assert doc_ids == {"good", "ok-1", "ok-2"}


def _dump(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    rows = []
    tables = [r[0] for r in con.execute("select name from sqlite_master where type='table' and name not like 'schema_%' and name not like 'sqlite_%'")]
    for table in sorted(tables):
        rows.extend((table, *row) for row in sorted(con.execute(f"select * from {table}"), key=repr))
    con.close()
    return rows


def test_reingest_leaves_database_unchanged(tmp_path):
    db = tmp_path / "p.db"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", str(db), "--no-progress"])
    assert first.exit_code == 0, first.output
    before = _dump(db)
    assert any(row[0] == "events" for row in before)
    second = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", str(db), "--no-progress"])
    assert second.exit_code == 0
    assert "0 document(s) analysed" in second.stderr
    assert _dump(db) == before


def test_killed_ingest_rerun_completes_without_duplicates_or_losses(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    lines = []
    base = [json.loads(line) for line in (EXAMPLES / "articles.jsonl").read_text().splitlines()]
    for i in range(60):
        obj = dict(base[i % len(base)])
        obj["id"] = f"{obj['id']}-{i}"
        lines.append(json.dumps(obj))
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reference = tmp_path / "reference.db"
    subprocess.run([sys.executable, "-m", "parley", "ingest", str(corpus), "--db", str(reference), "--no-progress"],
                   check=True, capture_output=True)
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-m", "parley", "ingest", str(corpus), "--db", str(db), "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                con = sqlite3.connect(db, timeout=1)
                stored = con.execute("select count(*) from documents").fetchone()[0]
                con.close()
            except sqlite3.Error:
                continue
            if stored >= 5:
                break
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < stored < 60
    subprocess.run([sys.executable, "-m", "parley", "ingest", str(corpus), "--db", str(db), "--no-progress"],
                   check=True, capture_output=True)
    assert _dump(db) == _dump(reference)


def test_events_query_filters_and_formats(tmp_path):
    db = tmp_path / "p.db"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(EXAMPLES), "--db", str(db), "--no-progress"]).exit_code == 0
    result = runner.invoke(main, ["events", "--db", str(db), "--country", "RUS", "--format", "jsonl"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    assert all("RUS" in {(r["source"] or {}).get("country"), (r["target"] or {}).get("country")} for r in records)
    since = runner.invoke(main, ["events", "--db", str(db), "--since", "2026-01-01", "--format", "jsonl"])
    assert all((json.loads(line)["date"] or "9999") >= "2026-01-01" for line in since.stdout.splitlines())
    csv_out = runner.invoke(main, ["events", "--db", str(db), "--type", "ASSAULT", "--format", "csv"])
    assert csv_out.stdout.splitlines()[0].startswith("record,")
    parquet = tmp_path / "events.parquet"
    assert runner.invoke(main, ["events", "--db", str(db), "--format", "parquet", "-o", str(parquet)]).exit_code == 0
    import pandas as pd

    assert len(pd.read_parquet(parquet)) > 0


def test_events_on_missing_database_is_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error:") and len(result.stderr.strip().splitlines()) == 1


def test_bad_date_option_is_one_line_error(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Russia attacked Ukraine.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(src), "--date", "12/03/2026"])
    assert result.exit_code == 1
    assert "E011" in result.stderr


def test_brief_separates_asserted_from_qualified_events():
    result = CliRunner().invoke(main, ["brief", str(EXAMPLES / "articles.jsonl"), "--id", "summit-cancelled"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Parties" in text and "What happened" in text
    assert "Denied, refused or not done" in text


@pytest.mark.parametrize("command", ["extract", "ingest", "events", "brief", "forecast", "stages", "evaluate", "positions", "standoff"])
def test_every_command_has_help_text(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) > 3
    assert main.commands[command].help


def test_evaluate_positions_prints_scores():
    result = CliRunner().invoke(main, ["evaluate", "positions", "--split", "dev", "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["goldset"] == "positions" and 0 <= scores["f1"] <= 1


def test_evaluate_unknown_goldset_is_one_line_error():
    result = CliRunner().invoke(main, ["evaluate", "no-such-set"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and "E060" in result.stderr


def test_jsonl_field_names_are_mappable_by_options(tmp_path):
    src = tmp_path / "feed.jsonl"
    src.write_text(json.dumps({"uid": "x1", "body": "Russia attacked Ukrainian ports overnight.",
                               "published_at": "2026-03-12", "headline": "Ports hit", "outlet": "Wire"}) + "\n",
                   encoding="utf-8")
    db = tmp_path / "p.db"
    args = ["--text-field", "body", "--id-field", "uid", "--date-field", "published_at",
            "--title-field", "headline", "--source-field", "outlet"]
    result = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--no-progress", *args])
    assert result.exit_code == 0, result.output
    row = sqlite3.connect(db).execute("select doc_id, title, date, source from documents").fetchone()
    assert row == ("x1", "Ports hit", "2026-03-12", "Wire")
    events = CliRunner().invoke(main, ["events", "--db", str(db), "--format", "jsonl"])
    assert json.loads(events.stdout.splitlines()[0])["date"] == "2026-03-11"
