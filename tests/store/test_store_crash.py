"""A writer killed with SIGKILL leaves whole documents only, and a re-run completes the store."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_synthetic import make_results, table_contents

import parley
from parley.store import open_store

COUNT = 200
SENTENCES = 40

# The child slows every transaction down a little (SQLite progress handler) so that the kill
# lands inside a transaction, not only between two of them.
CHILD = """
import sys, time
from store_synthetic import make_results
from parley.store import open_store
store = open_store(sys.argv[1])
store.connection.set_progress_handler(lambda: time.sleep(0.0002) or 0, 500)
for result in make_results({count}, sentences={sentences}):
    store.add_result(result)
store.close()
"""


def _documents_in(path: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet, or schema not migrated yet
        return 0


def _run_and_kill(path: Path, at_least: int) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(parley.__file__).resolve().parents[1]), str(Path(__file__).parent)]
    )
    code = CHILD.format(count=COUNT, sentences=SENTENCES)
    child = subprocess.Popen([sys.executable, "-c", code, str(path)], env=env)
    try:
        deadline = time.monotonic() + 60
        while _documents_in(path) < at_least:
            assert child.poll() is None, "writer ended before it could be killed"
            assert time.monotonic() < deadline, "writer made no progress"
            time.sleep(0.005)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL


def _assert_whole_documents(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("PRAGMA foreign_keys=ON")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        per_doc = conn.execute(
            "SELECT d.doc_id,"
            " (SELECT count(*) FROM sentences s WHERE s.document_id = d.id),"
            " (SELECT count(*) FROM events e WHERE e.document_id = d.id)"
            " FROM documents d"
        ).fetchall()
        assert per_doc and all(row[1:] == (SENTENCES, SENTENCES) for row in per_doc)
        orphans = conn.execute(
            "SELECT (SELECT count(*) FROM sentences WHERE document_id NOT IN"
            " (SELECT id FROM documents)) + (SELECT count(*) FROM events WHERE document_id"
            " NOT IN (SELECT id FROM documents))"
        ).fetchone()[0]
        assert orphans == 0
        return len(per_doc)
    finally:
        conn.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_mid_ingest_then_rerun_equals_clean_build(tmp_path: Path) -> None:
    results = make_results(COUNT, sentences=SENTENCES)

    clean = tmp_path / "clean.db"
    with open_store(clean) as store:
        for result in results:
            store.add_result(result)

    crashed = tmp_path / "crashed.db"
    _run_and_kill(crashed, at_least=3)
    first = _assert_whole_documents(crashed)
    assert 3 <= first < COUNT
    _run_and_kill(crashed, at_least=first + 20)  # a second interrupted run resumes, then dies
    second = _assert_whole_documents(crashed)
    assert first + 20 <= second < COUNT

    with open_store(crashed) as store:
        skipped = sum(store.add_result(r).already_present for r in results)
        assert skipped == second
        assert store.counts() == {
            "documents": COUNT,
            "sentences": COUNT * SENTENCES,
            "actors": 6,
            "events": COUNT * SENTENCES,
        }
    assert table_contents(crashed) == table_contents(clean)
