"""Evaluation runs behind ``make eval``: each writes a Markdown and a JSON report under reports/.

Today: the negotiation backtest (issue 5). Event-coding gold sets follow (issue 3).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..settings import Settings


def run_all(out_dir: Path, settings: Settings | None = None) -> dict[str, Any]:
    """Run every available evaluation and return their summaries by name."""
    from ..negotiation import run_eval

    settings = settings or Settings()
    out_dir.mkdir(parents=True, exist_ok=True)
    return {"negotiation": run_eval(out_dir, settings.shared_data_path)}
