from __future__ import annotations

from pathlib import Path

import pytest

from parley.settings import default_shared_data


@pytest.fixture(scope="session")
def bargaining_dir() -> Path:
    folder = default_shared_data() / "bargaining"
    if not folder.exists():
        pytest.skip("shared bargaining data not available")
    return folder
