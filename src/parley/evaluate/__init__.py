"""Evaluation runs behind ``make eval``: each writes a Markdown and a JSON report under reports/.

* events (issue 3): parley's event coding against public gold sets (:mod:`.events`; readers in
  :mod:`.readers`, matching rules in :mod:`.scoring`), reports ``events.md`` / ``events.json``;
* negotiation (issue 5): the DEU III backtest.

``evaluate_command`` is what ``parley evaluate GOLDSET`` prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..settings import Settings
from .events import GOLDSETS, evaluate, evaluate_command, run_events

__all__ = ["GOLDSETS", "evaluate", "evaluate_command", "run_all", "run_events"]


def run_all(out_dir: Path, settings: Settings | None = None) -> dict[str, Any]:
    """Run every available evaluation and return their summaries by name."""
    from ..negotiation import run_eval

    settings = settings or Settings()
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"negotiation": run_eval(out_dir, settings.shared_data_path)}
    if (settings.shared_data_path / "events").exists():
        results["events"] = run_events(out_dir, settings)
    return results
