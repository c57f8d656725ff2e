"""One reader per gold set; each returns :class:`parley.evaluate.gold.GoldItem` objects.

Readers read from the shared data folder (never copied into the repository) and raise
:class:`parley.errors.EvaluationError` (E062, E063) for missing or malformed files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ...errors import EvaluationError, Messages


def require(path: Path) -> Path:
    if not path.exists():
        raise EvaluationError(Messages.E062.format(path=path), "E062")
    return path


def malformed(path: Path, detail: str) -> EvaluationError:
    return EvaluationError(Messages.E063.format(path=path, detail=detail), "E063")


def json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Numbered JSON objects of a JSON Lines file; a bad line is an E063 error."""
    with require(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise malformed(path, f"line {number}: {exc.msg}") from None
            if not isinstance(value, dict):
                raise malformed(path, f"line {number}: expected an object")
            yield number, value
