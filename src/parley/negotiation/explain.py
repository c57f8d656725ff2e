"""Plain-language explanations of a forecast, for the text output of ``parley forecast``."""

from __future__ import annotations

from typing import Any

import numpy as np

from .scenario import Issue


def _weights(issue: Issue) -> np.ndarray:
    w = np.array([a.capability * a.salience for a in issue.actors], dtype=float)
    return w / w.sum() if w.sum() > 0 else np.full(len(w), 1.0 / len(w))


def explain(issue: Issue, result: dict[str, Any], describe: str) -> str:
    """Several short lines a reader can follow from the inputs to the number."""
    f = result["forecast"]
    lines = [f"Issue {issue.name}: forecast {f:.1f} on the 0–100 scale (model {result['model']}: "
             f"{describe})."]
    w = _weights(issue)
    order = np.argsort(-w)
    heavy = ", ".join(f"{issue.actors[i].actor} at {issue.actors[i].position:g} "
                      f"({100 * w[i]:.0f}% of the weight)" for i in order[:3])
    lines.append(f"  {len(issue.actors)} actors; weight = capability × salience. Heaviest: {heavy}.")
    pos = np.array([a.position for a in issue.actors])
    above = float(w[pos > f + 1e-9].sum())
    below = float(w[pos < f - 1e-9].sum())
    lines.append(f"  {100 * below:.0f}% of the weight sits below the forecast and "
                 f"{100 * above:.0f}% above it; positions range {pos.min():g}–{pos.max():g}.")
    roles = [f"{a.actor} ({a.role.replace('_', ' ')}, at {a.position:g})" for a in issue.actors if a.role]
    if roles:
        lines.append("  Roles: " + "; ".join(roles) + ".")
    if issue.reference is not None:
        lines.append(f"  Status quo {issue.reference:g}: the forecast moves {abs(f - issue.reference):.1f} "
                     f"points from it" + (f" under {issue.decision_rule.replace('_', ' ')}."
                                           if issue.decision_rule else "."))
    lines.extend(result.get("why") or [])
    if result.get("path"):
        path = " → ".join(f"{v:.1f}" for v in result["path"])
        lines.append(f"  Round-by-round mean position: {path}.")
    interval = result.get("interval")
    if interval:
        lines.append(f"  Given the stated low/high ranges, {100 * interval['level']:.0f}% of "
                     f"{interval['draws']} simulated outcomes fall in {interval['low']:.1f}–"
                     f"{interval['high']:.1f}.")
    infl = result.get("influences") or []
    if infl:
        top = "; ".join(f"{i['actor']}'s {i['input']} ({i['shift']:.1f} points)" for i in infl[:3])
        lines.append(f"  Most influential inputs (±10 points of position, ±25% of salience or "
                     f"capability): {top}.")
    return "\n".join(lines)
