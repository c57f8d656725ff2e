"""Evaluation runs behind ``make eval``: each writes a Markdown and a JSON report under reports/.

* events (issue 3): parley's event coding against public gold sets (:mod:`.events`; readers in
  :mod:`.readers`, matching rules in :mod:`.scoring`), reports ``events.md`` / ``events.json``;
* positions (issue 4): the team's position gold sets (dev and held-out), reports
  ``positions.md`` / ``positions.json``;
* negotiation (issue 5): the DEU III backtest.

``evaluate_gold`` is what ``parley evaluate GOLDSET`` prints.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import EvaluationError, Messages
from ..settings import Settings
from .events import GOLDSETS, evaluate, evaluate_command, run_events

__all__ = ["GOLDSETS", "evaluate", "evaluate_command", "evaluate_gold", "run_all", "run_events"]

POSITION_SPLITS = ("heldout", "dev")


def _positions(split: str, settings: Settings) -> dict[str, Any]:
    from ..pipeline import Pipeline
    from ..positions.evaluate import evaluate_positions, gold_path

    return {"goldset": "positions", "split": split, **evaluate_positions(gold_path(split), Pipeline(settings))}


def _render_positions(result: dict[str, Any]) -> str:
    lines = [
        f"positions / {result['split']}: {result['articles']} articles, {result['gold']} gold, "
        f"{result['predicted']} predicted",
        f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}"
        "  (actor country + issue + stance)",
    ]
    for label, key in (("missed", "misses"), ("false alarm", "false_alarms")):
        for item in result[key][:10]:
            lines.append(f"  {label}: {item['id']}: {item['actor']} {item['stance']} {item['issue']}")
    return "\n".join(lines) + "\n"


def evaluate_gold(goldset: str, split: str | None = None, fmt: str = "text",
                  settings: Settings | None = None) -> tuple[str, dict[str, Any]]:
    """Score parley on one gold set: the public event sets, or ``positions`` (splits heldout, dev)."""
    settings = settings or Settings()
    if goldset != "positions":
        return evaluate_command(goldset, split, fmt, settings)
    split = split or POSITION_SPLITS[0]
    if split not in POSITION_SPLITS:
        raise EvaluationError(Messages.E061.format(value=split, goldset=goldset, choices=", ".join(POSITION_SPLITS)), "E061")
    result = _positions(split, settings)
    text = json.dumps(result, indent=2, ensure_ascii=False) if fmt == "json" else _render_positions(result)
    return text, result


def run_all(out_dir: Path, settings: Settings | None = None) -> dict[str, Any]:
    """Run every available evaluation and return their summaries by name."""
    from ..negotiation import run_eval

    settings = settings or Settings()
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"negotiation": run_eval(out_dir, settings.shared_data_path)}
    if (settings.shared_data_path / "events").exists():
        results["events"] = run_events(out_dir, settings)
    positions = {split: _positions(split, settings) for split in POSITION_SPLITS}
    (out_dir / "positions.json").write_text(json.dumps(positions, indent=2), encoding="utf-8")
    (out_dir / "positions.md").write_text(
        "# Positions: team gold sets\n\n```\n" + "".join(_render_positions(r) for r in positions.values()) + "```\n",
        encoding="utf-8",
    )
    results["positions"] = positions
    return results
