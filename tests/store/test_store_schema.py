"""Opening stores: creation, migrations, refusal of databases we cannot safely use."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

import pytest

from parley.errors import StoreError
from parley.store import SQLiteStore, Store, open_store
from parley.store.sqlite import Migration, load_migrations, split_statements


def test_new_store_applies_migrations_and_records_version(db_path: Path) -> None:
    with open_store(db_path) as store:
        assert isinstance(store, Store)
        assert store.schema_version() == max(m.version for m in load_migrations()) >= 1
        assert store.counts() == {"documents": 0, "sentences": 0, "actors": 0, "events": 0}
    conn = sqlite3.connect(db_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    conn.close()
    assert {"schema_migrations", "documents", "sentences", "actors", "events"} <= tables
    assert versions == [m.version for m in load_migrations()]


def test_reopening_does_not_reapply_migrations(db_path: Path) -> None:
    open_store(db_path).close()
    with open_store(db_path) as store:
        rows = store.connection.execute("SELECT count(*) FROM schema_migrations").fetchone()
    assert rows[0] == len(load_migrations())


def test_migrations_ship_as_package_data() -> None:
    folder = resources.files("parley.store").joinpath("migrations")
    names = sorted(e.name for e in folder.iterdir() if e.name.endswith(".sql"))
    assert names[0] == "001_initial.sql"
    assert [m.version for m in load_migrations()] == sorted({m.version for m in load_migrations()})


def test_store_uses_wal_and_foreign_keys(store: SQLiteStore) -> None:
    conn = store.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_newer_schema_version_is_refused_with_e030(db_path: Path) -> None:
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO schema_migrations VALUES (999, '2099-01-01T00:00:00+00:00')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as info:
        open_store(db_path)
    assert info.value.code == "E030"
    assert "999" in info.value.message and "upgrade parley" in info.value.message


def test_postgresql_url_is_reserved_with_clear_error() -> None:
    for url in ("postgresql://user@host/db", "postgres://host/db", "PostgreSQL://h/d"):
        with pytest.raises(StoreError) as info:
            open_store(url)
        assert info.value.code == "E035"
        assert "PostgreSQL" in info.value.message


def test_text_file_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite\n" * 200)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert info.value.code == "E033"
    assert str(path) in info.value.message
    assert path.read_text().startswith("this is not sqlite")  # left untouched


def test_missing_folder_gives_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        open_store(tmp_path / "no" / "such" / "dir" / "parley.db")
    assert info.value.code == "E033"


def test_foreign_sqlite_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert info.value.code == "E034"
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables == {"invoices"}


def test_failing_migration_is_rolled_back_and_reported(db_path: Path) -> None:
    good = load_migrations()
    latest = good[-1].version
    broken = Migration(
        latest + 1, "099_broken.sql", "CREATE TABLE extra (x INTEGER);\nSELECT * FROM nowhere;\n"
    )
    with pytest.raises(StoreError) as info:
        SQLiteStore(db_path, migrations=[*good, broken])
    assert info.value.code == "E039" and "099_broken.sql" in info.value.message
    with open_store(db_path) as store:
        assert store.schema_version() == latest
        tables = {
            r[0]
            for r in store.connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert "extra" not in tables


def test_later_migration_is_applied_on_open(db_path: Path) -> None:
    open_store(db_path).close()
    latest = load_migrations()[-1].version
    extra = Migration(latest + 1, "099_notes.sql", "-- notes\nCREATE TABLE notes (x TEXT);\n")
    with SQLiteStore(db_path, migrations=[*load_migrations(), extra]) as store:
        assert store.schema_version() == latest + 1
    with pytest.raises(StoreError) as info:  # the shipped code now sees a newer database
        open_store(db_path)
    assert info.value.code == "E030"


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    script = (
        "-- comment\nCREATE TABLE a (x);\n"
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  INSERT INTO a VALUES (1);\nEND;\n"
        "-- trailing comment\n"
    )
    statements = split_statements(script)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def test_closed_store_refuses_work(db_path: Path) -> None:
    store = open_store(db_path)
    with store:
        pass
    with pytest.raises((StoreError, sqlite3.ProgrammingError)):
        store.counts()
    store.close()  # closing twice is harmless


def test_memory_store_works() -> None:
    with open_store(":memory:") as store:
        assert store.schema_version() == load_migrations()[-1].version
