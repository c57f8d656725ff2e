"""Reader for the DEU III benchmark table (decisions of the European Union).

The file has one row per contested issue with ``p<actor>`` positions and ``s<actor>``
saliences (0–100), ``rp`` (reference point), ``out`` (the outcome), ``proc`` (COD or CNS)
and ``counvte`` (QMV or Unan).  Row 2 holds GDP per actor and is skipped: in the backtest
every actor has capability 1.

Roles follow the brief of the benchmark, and nothing else about an actor is passed on:
the Commission is the ``agenda_setter``; the Parliament is a ``veto_player`` under
co-decision (COD) and has no role under consultation; ``counvte`` gives the decision
rule.  Actor names stay in ``IssueBatch.actor_names`` for reports only — no model reads them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .scenario import DEFAULT_SALIENCE, ActorEntry, Issue, IssueBatch, ScenarioError, pack

MISSING = ("", "999", "NA")
RULES = {"qmv": "qualified_majority", "unan": "unanimity"}


@dataclass
class DeuData:
    """The scoreable DEU issues: packed inputs, outcomes, and grouping for the folds."""

    batch: IssueBatch
    outcome: np.ndarray  # (B,)
    proposal: list[str]  # proposal id of each issue (fold groups; never a model input)
    issue_id: list[str]
    cod: np.ndarray  # (B,) bool, co-decision
    skipped: int  # issues without an outcome or without any position


def _value(raw: str) -> float | None:
    raw = raw.strip().strip('"')
    if raw in MISSING:
        return None
    try:
        return float(raw)
    except ValueError:
        return None


def load_deu(path: str | Path) -> DeuData:
    """Read ``deu3_dev.tsv`` (or the full DEU III in the same layout)."""
    path = Path(path)
    if not path.exists():
        raise ScenarioError("E059", path=str(path), detail="file not found (set PARLEY_SHARED_DATA "
                            "or --shared-data to the folder holding bargaining/)")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    if len(rows) < 3:
        raise ScenarioError("E059", path=str(path), detail="expected a header, a GDP row and issues")
    header = [h.strip().strip('"') for h in rows[0]]
    col = {name: i for i, name in enumerate(header)}
    for needed in ("rp", "out", "proc", "counvte", "isnr", "prnr", "pcom", "scom"):
        if needed not in col:
            raise ScenarioError("E059", path=str(path), detail=f"column '{needed}' is missing")
    actors = [h[1:] for h in header if h.startswith("p") and "s" + h[1:] in col and h[1:]]
    issues: list[Issue] = []
    outcome: list[float] = []
    proposal: list[str] = []
    ids: list[str] = []
    cod: list[bool] = []
    skipped = 0
    for row in rows[2:]:  # rows[1] is the GDP row
        if not row or len(row) < len(header):
            skipped += 1
            continue
        out = _value(row[col["out"]])
        proc = row[col["proc"]].strip().upper()
        entries = []
        for a in actors:
            pos = _value(row[col["p" + a]])
            if pos is None:
                continue
            sal = _value(row[col["s" + a]])
            role = ""
            if a == "com":
                role = "agenda_setter"
            elif a == "ep" and proc == "COD":
                role = "veto_player"
            entries.append(ActorEntry(a, 1.0, pos, DEFAULT_SALIENCE if sal is None else sal, role))
        if out is None or not entries:
            skipped += 1
            continue
        rule = RULES.get(row[col["counvte"]].strip().lower().split("(")[0])
        issues.append(Issue(row[col["isnr"]], tuple(entries), _value(row[col["rp"]]), rule))
        outcome.append(out)
        proposal.append(row[col["prnr"]])
        ids.append(row[col["isnr"]])
        cod.append(proc == "COD")
    return DeuData(pack(issues), np.array(outcome), proposal, ids, np.array(cod), skipped)
