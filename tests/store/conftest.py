from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from parley.store import SQLiteStore, open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "parley.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[SQLiteStore]:
    opened = open_store(db_path)
    assert isinstance(opened, SQLiteStore)
    yield opened
    opened.close()
