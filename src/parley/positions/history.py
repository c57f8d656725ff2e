"""Positions over time: per actor and issue, dated, with hardening and softening flagged.

Firmness orders stances from accommodating to unbending (accept < offer < support < demand,
oppose < reject) and counts a position called non-negotiable one step firmer; between two dates
a rise is ``hardening``, a fall ``softening``, and a reversal of direction (for -> against) is
flagged as such.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .standoff import direction

_FIRMNESS = {"accept": 1, "offer": 2, "support": 2, "demand": 3, "oppose": 3, "reject": 4}


def firmness(position: dict[str, Any]) -> int:
    return _FIRMNESS.get(position["stance"], 2) + (1 if position.get("non_negotiable") else 0)


def history(positions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per (actor country, issue): the dated positions, oldest first, and the changes
    between consecutive dates (``{"from", "to", "change"}``, change in hardening, softening,
    reversal)."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in positions:
        actor = p.get("actor") or {}
        groups[(str(actor.get("country") or actor.get("text")), p["issue"])].append(p)
    out = []
    for (actor, issue), items in sorted(groups.items()):
        items.sort(key=lambda p: (p.get("date") or "", p.get("doc_id") or "", p.get("sentence_index", 0)))
        by_date: dict[str, dict[str, Any]] = {}
        for p in items:  # one representative per date: the firmest
            key = p.get("date") or ""
            if key not in by_date or firmness(p) > firmness(by_date[key]):
                by_date[key] = p
        changes = []
        dated = list(by_date.items())
        for (d0, p0), (d1, p1) in zip(dated, dated[1:], strict=False):
            if direction(p0) != direction(p1):
                change = "reversal"
            elif firmness(p1) > firmness(p0):
                change = "hardening"
            elif firmness(p1) < firmness(p0):
                change = "softening"
            else:
                continue
            changes.append({"from": d0 or None, "to": d1 or None, "change": change,
                            "before": p0["stance"], "after": p1["stance"]})
        out.append({"actor": actor, "issue": issue, "positions": items, "changes": changes})
    return out


def render_history(entries: list[dict[str, Any]]) -> str:
    if not entries:
        return "(no positions)\n"
    lines = []
    for e in entries:
        lines.append(f"{e['actor']} on {e['issue']}")
        for p in e["positions"]:
            nn = " [non-negotiable]" if p.get("non_negotiable") else ""
            lines.append(f"  {p.get('date') or '-':<10}  {p['stance']:<7} {p['object']}{nn}")
        for c in e["changes"]:
            lines.append(f"  ! {c['change']} between {c['from']} and {c['to']}: {c['before']} -> {c['after']}")
    return "\n".join(lines) + "\n"
