"""Where a negotiation stands, issue by issue: deadlock, overlap, one-sided or unclear.

Each party's latest position per issue is compared by its direction: demanding, offering,
supporting or accepting something is for it; rejecting or opposing it is against it, and a
demand whose own words are negative ("a pledge never to join NATO") is against its issue.

* ``one-sided``: only one party has spoken on the issue;
* ``deadlock``: parties stand on opposite sides and at least one of them calls its position a
  condition or non-negotiable, or the party refusing is the one the demand is addressed to; no
  outcome is then acceptable to every named party;
* ``overlap``: every party stands on the same side, so an outcome acceptable to all exists (on
  the scale: the range between their placed positions);
* ``unclear``: opposite sides, but nothing in the text says the positions are firm.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from ..errors import Messages, ParleyError
from .taxonomy import Taxonomy, load_taxonomy

STATUSES = ("deadlock", "overlap", "one-sided", "unclear")
FORMATS = ("text", "json")
_FOR = {"demand", "offer", "support", "accept"}
_NEGATIVE_WORDS = {"never", "not", "no", "without", "n't"}


def direction(position: dict[str, Any]) -> int:
    """+1 when the position is for what its phrase names, -1 when against it."""
    sign = 1 if position["stance"] in _FOR else -1
    words = {w.strip(".,;\"'").lower() for w in str(position.get("object") or "").split()}
    if position["stance"] in _FOR and words & _NEGATIVE_WORDS:
        sign = -sign
    return sign


def _party(position: dict[str, Any]) -> str:
    actor = position.get("actor") or {}
    return str(actor.get("country") or actor.get("name") or actor.get("text") or "?")


def standoff(positions: list[dict[str, Any]], *, issue: str | None = None,
             taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """Status of every issue of ``positions`` (output-contract dicts of position records).

    Returns ``{"issues": [{"issue", "status", "summary", "zone", "positions": [...]}]}``, issues in
    taxonomy order; ``positions`` holds each party's latest position (with its sentence).
    """
    taxonomy = taxonomy or load_taxonomy()
    if issue is not None and issue not in taxonomy.issues:
        raise ParleyError(Messages.E071.format(value=issue, choices=", ".join(taxonomy.names())), "E071")
    by_issue: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for p in positions:
        if p.get("record", "position") != "position" or (issue and p["issue"] != issue):
            continue
        if p.get("factuality") == "hypothetical":
            continue
        party = _party(p)
        current = by_issue[p["issue"]].get(party)
        if current is None or _later_or_firmer(p, current):
            by_issue[p["issue"]][party] = p
    order = {name: i for i, name in enumerate(taxonomy.names())}
    out = []
    for name in sorted(by_issue, key=lambda n: (order.get(n, len(order)), n)):
        parties = by_issue[name]
        status, summary, zone = _status(name, list(parties.values()), taxonomy)
        out.append({"issue": name, "status": status, "summary": summary, "zone": zone,
                    "positions": [parties[k] for k in sorted(parties)]})
    return {"issues": out}


def _later_or_firmer(new: dict[str, Any], old: dict[str, Any]) -> bool:
    new_date, old_date = new.get("date") or "", old.get("date") or ""
    if new_date != old_date:
        return new_date > old_date
    return (bool(new.get("non_negotiable")), new.get("confidence", 0)) > (bool(old.get("non_negotiable")), old.get("confidence", 0))


def _status(name: str, positions: list[dict[str, Any]], taxonomy: Taxonomy) -> tuple[str, str, dict[str, Any] | None]:
    parties = [_party(p) for p in positions]
    label = taxonomy.issues[name].label if name in taxonomy.issues else name
    zone = _zone(name, positions, taxonomy)
    if len(parties) == 1:
        p = positions[0]
        return "one-sided", f"only {parties[0]} has stated a position ({p['stance']}: {p['object']})", zone
    pro = [p for p in positions if direction(p) > 0]
    con = [p for p in positions if direction(p) < 0]
    if not pro or not con:
        side = "for" if pro else "against"
        words = f"all parties ({', '.join(parties)}) are {side} it"
        if zone:
            words += f"; placed between {zone['low']:g} and {zone['high']:g} on the scale ({zone['description']})"
        return "overlap", f"{label}: {words}", zone
    firm = any(p.get("non_negotiable") for p in positions)
    targets = {((p.get("target") or {}).get("country")) for p in pro if p["stance"] == "demand"}
    refused_by_target = any(_party(p) in targets for p in con)
    pro_names = ", ".join(sorted({_party(p) for p in pro}))
    con_names = ", ".join(sorted({_party(p) for p in con}))
    if firm or refused_by_target:
        why = "called non-negotiable" if firm else "refused by the party asked to act"
        return "deadlock", f"{label}: {pro_names} for, {con_names} against ({why}); no outcome acceptable to all", zone
    return "unclear", f"{label}: {pro_names} for, {con_names} against; the text does not say how firm", zone


def _zone(name: str, positions: list[dict[str, Any]], taxonomy: Taxonomy) -> dict[str, Any] | None:
    issue = taxonomy.issues.get(name)
    values = [p["scale"]["value"] for p in positions if p.get("scale")]
    if issue is None or issue.scale is None or not values:
        return None
    low, high = min(values), max(values)
    return {"low": low, "high": high, "placed": len(values),
            "description": f"{issue.scale.anchor_for(low)} .. {issue.scale.anchor_for(high)}"}


def render_standoff(report: dict[str, Any], fmt: str = "text") -> str:
    """The standoff report as readable text or JSON."""
    if fmt not in FORMATS:
        raise ParleyError(Messages.E073.format(value=fmt, choices=", ".join(FORMATS)), "E073")
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False) + "\n"
    lines: list[str] = []
    if not report["issues"]:
        return "(no positions)\n"
    for item in report["issues"]:
        lines.append(f"{item['issue']}: {item['status'].upper()}")
        lines.append(f"  {item['summary']}")
        for p in item["positions"]:
            flags = " [non-negotiable]" if p.get("non_negotiable") else ""
            target = f" -> {p['target']['country']}" if p.get("target") and p["target"].get("country") else ""
            scale = f" (scale {p['scale']['value']:g})" if p.get("scale") else ""
            lines.append(f"  - {_party(p)} {p['stance']}{target}: {p['object']}{scale}{flags}  [{p.get('date') or '-'}]")
            lines.append(f"      \"{' '.join(str(p['sentence']).split())}\"")
        lines.append("")
    return "\n".join(lines)
