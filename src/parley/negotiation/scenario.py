"""Negotiation scenarios: reading them, checking them, and packing them into arrays.

A scenario is a *long* table, one row per (issue, actor)::

    issue, actor, capability, position, salience
    [, reference, role, decision_rule, low, high]

Positions and saliences are on 0–100 scales; capability is any non-negative number (only
ratios matter).  ``reference`` (the status quo) and ``decision_rule`` are properties of the
issue; they may be repeated on every row of the issue or given once, but must not
disagree.  ``role`` is ``agenda_setter``, ``veto_player`` or empty.  ``low``/``high`` bound the
analyst's uncertainty about the position and feed the Monte Carlo interval.

Models never see the table: they see an :class:`IssueBatch`, the same issues packed into
padded ``(issues, actors)`` arrays, so one numpy pass forecasts many issues (or many
Monte Carlo copies of one issue) at once.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import Messages, ParleyError

REQUIRED_COLUMNS = ("issue", "actor", "capability", "position", "salience")
OPTIONAL_COLUMNS = ("reference", "role", "decision_rule", "low", "high")
ROLES = ("agenda_setter", "veto_player")
DECISION_RULES = ("majority", "qualified_majority", "unanimity")
# Integer codes used inside IssueBatch (-1 = not stated).
RULE_CODES = {name: i for i, name in enumerate(DECISION_RULES)}

# Salience used when an actor states a position but nobody says how much it cares (the
# middle of the scale: we neither inflate nor silence the actor).
DEFAULT_SALIENCE = 50.0


class ScenarioError(ParleyError):
    """A scenario file or scenario value that cannot be used (codes E050–E059)."""

    code = "E050"

    def __init__(self, code: str, *, path: str | None = None, where: str | None = None,
                 **fmt: object) -> None:
        text = getattr(Messages, code).format(**fmt)
        location = path or ""
        if where:
            location = f"{location}: {where}" if location else where
        super().__init__(f"{location}: {text}" if location else text, code)
        self.path = path


@dataclass(frozen=True)
class ActorEntry:
    """One actor on one issue."""

    actor: str
    capability: float
    position: float
    salience: float
    role: str = ""
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Issue:
    """One issue: its actors plus the issue-level facts (status quo and decision rule)."""

    name: str
    actors: tuple[ActorEntry, ...]
    reference: float | None = None
    decision_rule: str | None = None

    @property
    def has_uncertainty(self) -> bool:
        return any(a.low is not None or a.high is not None for a in self.actors)


@dataclass(frozen=True)
class Scenario:
    """An ordered collection of issues, as read from one file or built from positions."""

    issues: tuple[Issue, ...]
    source: str = ""

    def issue(self, name: str) -> Issue:
        for item in self.issues:
            if item.name == name:
                return item
        raise KeyError(name)

    def to_rows(self) -> list[dict[str, Any]]:
        """The long table again (what :func:`write_scenario` writes)."""
        rows: list[dict[str, Any]] = []
        for item in self.issues:
            for a in item.actors:
                rows.append({
                    "issue": item.name, "actor": a.actor, "capability": a.capability,
                    "position": a.position, "salience": a.salience,
                    "reference": item.reference, "role": a.role or None,
                    "decision_rule": item.decision_rule, "low": a.low, "high": a.high,
                })
        return rows


@dataclass
class IssueBatch:
    """Issues packed into padded arrays of shape ``(B, N)``; ``mask`` marks real actors.

    Padding cells hold position 0, salience 0 and capability 0, so weighted sums ignore
    them even without the mask; order statistics must use the mask.
    """

    position: np.ndarray
    salience: np.ndarray
    capability: np.ndarray
    mask: np.ndarray
    reference: np.ndarray  # (B,), NaN when unknown
    rule: np.ndarray  # (B,), int code from RULE_CODES, -1 when unknown
    agenda: np.ndarray  # (B, N) bool
    veto: np.ndarray  # (B, N) bool
    names: list[str] = field(default_factory=list)
    actor_names: list[list[str]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return int(self.position.shape[0])

    @property
    def weight(self) -> np.ndarray:
        """Capability × salience, the weight of the compromise model; 0 on padding."""
        return self.capability * self.salience * self.mask

    def take(self, index: np.ndarray | Sequence[int]) -> IssueBatch:
        idx = np.asarray(index)
        return IssueBatch(
            position=self.position[idx], salience=self.salience[idx],
            capability=self.capability[idx], mask=self.mask[idx],
            reference=self.reference[idx], rule=self.rule[idx], agenda=self.agenda[idx],
            veto=self.veto[idx],
            names=[self.names[i] for i in idx] if self.names else [],
            actor_names=[self.actor_names[i] for i in idx] if self.actor_names else [],
        )

    def replace_arrays(self, **arrays: np.ndarray) -> IssueBatch:
        """A copy with some arrays swapped (used by Monte Carlo and sensitivity runs)."""
        values = {
            "position": self.position, "salience": self.salience,
            "capability": self.capability, "mask": self.mask, "reference": self.reference,
            "rule": self.rule, "agenda": self.agenda, "veto": self.veto,
        }
        values.update(arrays)
        return IssueBatch(names=self.names, actor_names=self.actor_names, **values)


def pack(issues: Sequence[Issue]) -> IssueBatch:
    """Pack issues into one :class:`IssueBatch` (actors padded to the largest issue)."""
    b = len(issues)
    n = max((len(i.actors) for i in issues), default=0)
    pos = np.zeros((b, n))
    sal = np.zeros((b, n))
    cap = np.zeros((b, n))
    mask = np.zeros((b, n), dtype=bool)
    agenda = np.zeros((b, n), dtype=bool)
    veto = np.zeros((b, n), dtype=bool)
    ref = np.full(b, np.nan)
    rule = np.full(b, -1, dtype=int)
    for r, item in enumerate(issues):
        for c, a in enumerate(item.actors):
            pos[r, c] = a.position
            sal[r, c] = a.salience
            cap[r, c] = a.capability
            mask[r, c] = True
            agenda[r, c] = a.role == "agenda_setter"
            veto[r, c] = a.role == "veto_player"
        if item.reference is not None:
            ref[r] = item.reference
        if item.decision_rule:
            rule[r] = RULE_CODES[item.decision_rule]
    return IssueBatch(
        position=pos, salience=sal, capability=cap, mask=mask, reference=ref, rule=rule,
        agenda=agenda, veto=veto, names=[i.name for i in issues],
        actor_names=[[a.actor for a in i.actors] for i in issues],
    )


# --------------------------------------------------------------------------- reading


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def _number(value: object, column: str, path: str, where: str, low: float | None = None,
            high: float | None = None) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ScenarioError("E052", path=path, where=where, column=column, value=value,
                            expected="a number") from None
    if not math.isfinite(number):
        raise ScenarioError("E052", path=path, where=where, column=column, value=value,
                            expected="a finite number")
    if (low is not None and number < low) or (high is not None and number > high):
        expected = f"a number from {low:g} to {high:g}" if high is not None else f"a number ≥ {low:g}"
        raise ScenarioError("E052", path=path, where=where, column=column, value=value,
                            expected=expected)
    return number


def _read_records(path: Path) -> tuple[list[dict[str, Any]], str]:
    """Rows of the file as dicts, and the word used to locate a row in messages."""
    suffix = path.suffix.lower()
    shown = str(path)
    if not path.exists():
        raise ScenarioError("E050", path=shown, detail="file not found")
    if suffix in (".csv", ".tsv"):
        delimiter = "\t" if suffix == ".tsv" else ","
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle, delimiter=delimiter)
            rows = [dict(row) for row in reader]
            columns = reader.fieldnames or []
        if not columns:
            raise ScenarioError("E050", path=shown, detail="file is empty")
        return [{"__columns__": columns}, *rows], "line"
    if suffix in (".json", ".jsonl"):
        text = path.read_text(encoding="utf-8")
        if not text.strip():
            raise ScenarioError("E050", path=shown, detail="file is empty")
        records: list[Any]
        if suffix == ".jsonl":
            records = []
            for lineno, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise ScenarioError("E050", path=shown, where=f"line {lineno}",
                                            detail=f"malformed JSON ({exc.msg})") from None
        else:
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ScenarioError("E050", path=shown, where=f"line {exc.lineno}",
                                    detail=f"malformed JSON ({exc.msg})") from None
            if isinstance(data, dict):
                data = data.get("rows", data.get("actors"))
            if not isinstance(data, list):
                raise ScenarioError("E050", path=shown, detail="expected a JSON list of rows "
                                    "(or an object with a 'rows' list)")
            records = data
        for i, rec in enumerate(records, start=1):
            if not isinstance(rec, dict):
                raise ScenarioError("E050", path=shown, where=f"record {i}",
                                    detail="each row must be a JSON object")
        columns = sorted({k for rec in records for k in rec})
        return [{"__columns__": columns}, *records], "record"
    if suffix == ".parquet":
        import pandas as pd

        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several types; all mean "not readable"
            raise ScenarioError("E050", path=shown, detail=f"unreadable parquet ({exc})") from None
        frame = frame.astype(object).where(frame.notna(), None)
        return [{"__columns__": list(frame.columns)}, *frame.to_dict("records")], "row"
    raise ScenarioError("E050", path=shown,
                        detail=f"unsupported file type '{suffix}' (expected .csv, .tsv, "
                        ".json, .jsonl or .parquet)")


def read_scenario(path: str | Path) -> Scenario:
    """Read a scenario table (CSV/TSV, JSON list, JSON Lines or Parquet) and check it.

    Every problem is reported as a :class:`ScenarioError` naming the file and the line
    (CSV: the physical line, header = 1), record (JSON, 1-based) or row (Parquet, 1-based).
    """
    path = Path(path)
    records, unit = _read_records(path)
    columns = [str(c).strip().lower() for c in records[0]["__columns__"]]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ScenarioError("E051", path=str(path), columns=", ".join(missing),
                            found=", ".join(columns) or "none")
    first = 2 if unit == "line" else 1
    rows = [{str(k).strip().lower(): v for k, v in rec.items()} for rec in records[1:]]
    where = [f"{unit} {i}" for i in range(first, first + len(rows))]
    return scenario_from_rows(rows, source=str(path), where=where)


def scenario_from_rows(rows: Sequence[Mapping[str, Any]], source: str = "<rows>",
                       where: Sequence[str] | None = None) -> Scenario:
    """Build and check a scenario from long-table rows (dicts with the scenario columns)."""
    if not rows:
        raise ScenarioError("E056", path=source, detail="the scenario has no rows")
    where = list(where) if where is not None else [f"row {i}" for i in range(1, len(rows) + 1)]
    order: list[str] = []
    actors: dict[str, list[ActorEntry]] = {}
    refs: dict[str, tuple[float, str]] = {}
    rules: dict[str, tuple[str, str]] = {}
    seen: set[tuple[str, str]] = set()
    for row, loc in zip(rows, where, strict=True):
        issue = row.get("issue")
        actor = row.get("actor")
        for column, value in (("issue", issue), ("actor", actor)):
            if _blank(value):
                raise ScenarioError("E052", path=source, where=loc, column=column, value="",
                                    expected="a name")
        issue_s, actor_s = str(issue).strip(), str(actor).strip()
        if (issue_s, actor_s) in seen:
            raise ScenarioError("E053", path=source, where=loc,
                                detail=f"actor '{actor_s}' appears twice on issue '{issue_s}'")
        seen.add((issue_s, actor_s))
        capability = _number(row.get("capability"), "capability", source, loc, low=0.0)
        position = _number(row.get("position"), "position", source, loc, 0.0, 100.0)
        salience_raw = row.get("salience")
        salience = (DEFAULT_SALIENCE if _blank(salience_raw)
                    else _number(salience_raw, "salience", source, loc, 0.0, 100.0))
        low = None if _blank(row.get("low")) else _number(row.get("low"), "low", source, loc, 0.0, 100.0)
        high = None if _blank(row.get("high")) else _number(row.get("high"), "high", source, loc, 0.0, 100.0)
        if low is not None and low > position:
            raise ScenarioError("E052", path=source, where=loc, column="low", value=low,
                                expected=f"a number not above the position {position:g}")
        if high is not None and high < position:
            raise ScenarioError("E052", path=source, where=loc, column="high", value=high,
                                expected=f"a number not below the position {position:g}")
        role_raw = row.get("role")
        role = "" if _blank(role_raw) else str(role_raw).strip().lower()
        if role and role not in ROLES:
            raise ScenarioError("E055", path=source, where=loc, column="role", value=role,
                                choices=", ".join(ROLES))
        if issue_s not in actors:
            order.append(issue_s)
            actors[issue_s] = []
        actors[issue_s].append(ActorEntry(actor_s, capability, position, salience, role, low, high))
        if not _blank(row.get("reference")):
            ref = _number(row.get("reference"), "reference", source, loc, 0.0, 100.0)
            if issue_s in refs and refs[issue_s][0] != ref:
                raise ScenarioError("E053", path=source, where=loc,
                                    detail=f"issue '{issue_s}' has reference {ref:g} here but "
                                    f"{refs[issue_s][0]:g} at {refs[issue_s][1]}")
            refs.setdefault(issue_s, (ref, loc))
        if not _blank(row.get("decision_rule")):
            rule = str(row.get("decision_rule")).strip().lower()
            if rule not in DECISION_RULES:
                raise ScenarioError("E055", path=source, where=loc, column="decision_rule",
                                    value=rule, choices=", ".join(DECISION_RULES))
            if issue_s in rules and rules[issue_s][0] != rule:
                raise ScenarioError("E053", path=source, where=loc,
                                    detail=f"issue '{issue_s}' has decision_rule {rule} here but "
                                    f"{rules[issue_s][0]} at {rules[issue_s][1]}")
            rules.setdefault(issue_s, (rule, loc))
    issues = []
    for name in order:
        entries = tuple(actors[name])
        if sum(a.capability * a.salience for a in entries) <= 0:
            raise ScenarioError("E056", path=source,
                                detail=f"issue '{name}': every actor has capability or salience 0, "
                                "so no model can weigh them")
        issues.append(Issue(name, entries, refs.get(name, (None, ""))[0],
                            rules.get(name, (None, ""))[0]))
    return Scenario(tuple(issues), source)


def write_scenario(scenario: Scenario, path: str | Path) -> Path:
    """Write a scenario as a CSV long table that :func:`read_scenario` reads back."""
    path = Path(path)
    columns = [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in scenario.to_rows():
            writer.writerow({k: ("" if row[k] is None else row[k]) for k in columns})
    return path


# ------------------------------------------------------------------ from stored positions


@dataclass(frozen=True)
class CapabilityRow:
    code: str
    name: str
    gdp_usd_bn: float
    military_usd_bn: float
    population_m: float


@lru_cache(maxsize=1)
def _capability_rows() -> tuple[CapabilityRow, ...]:
    text = resources.files("parley.negotiation").joinpath("data/capabilities.tsv").read_text(
        encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("code\t"):
            continue
        code, name, gdp, mil, pop = line.split("\t")[:5]
        rows.append(CapabilityRow(code, name, float(gdp), float(mil), float(pop)))
    return tuple(rows)


# World totals (2022, rounded) that turn the table's figures into shares.  Kept beside the
# table's own documentation in data/capabilities.tsv.
WORLD_GDP_USD_BN = 100_500.0
WORLD_MILITARY_USD_BN = 2_240.0
WORLD_POPULATION_M = 7_950.0


@lru_cache(maxsize=1)
def builtin_capabilities() -> dict[str, float]:
    """Composite national capability, in percent of the world, keyed by ISO 3166 alpha-3 code.

    The composite is the mean of three shares of the world total (GDP, military
    expenditure, population), in the spirit of the CINC index but from three rounded
    2022 figures per country kept in ``data/capabilities.tsv``.  Country names (lower
    case) are accepted as keys too.
    """
    table: dict[str, float] = {}
    for row in _capability_rows():
        value = 100.0 * (row.gdp_usd_bn / WORLD_GDP_USD_BN
                         + row.military_usd_bn / WORLD_MILITARY_USD_BN
                         + row.population_m / WORLD_POPULATION_M) / 3.0
        table[row.code.upper()] = round(value, 3)
        table[row.name.lower()] = round(value, 3)
    return table


def _actor_key(actor: object) -> str:
    if isinstance(actor, Mapping):
        for key in ("country", "code", "name", "id"):
            if not _blank(actor.get(key)):
                return str(actor[key]).strip()
        return ""
    return "" if _blank(actor) else str(actor).strip()


def scenario_from_positions(positions: Iterable[Mapping[str, Any]],
                            capabilities: Mapping[str, float] | None = None,
                            references: Mapping[str, float] | None = None,
                            decision_rules: Mapping[str, str] | None = None) -> Scenario:
    """Turn stored position statements into a scenario (the text-to-forecast bridge).

    Each statement is a dict with ``actor`` (a dict whose ``country`` — else ``name`` — names
    the actor, or a plain string), ``issue``, ``scale_value`` (0–100 or None) and
    ``salience`` (0–100 or None).  Several statements by one actor on one issue are
    averaged; statements without a scale value are skipped (they say the actor spoke, not
    where it stands).  An actor whose statements carry no salience gets 50.

    Capabilities come from ``capabilities`` (keyed like the actors) and, for actors not in
    it, from :func:`builtin_capabilities`; an actor in neither is an error that names it.
    """
    builtin = builtin_capabilities()
    user = {str(k).strip(): float(v) for k, v in (capabilities or {}).items()}
    user_ci = {k.lower(): v for k, v in user.items()}
    values: dict[tuple[str, str], list[float]] = {}
    saliences: dict[tuple[str, str], list[float]] = {}
    order: list[tuple[str, str]] = []
    for i, item in enumerate(positions, start=1):
        actor = _actor_key(item.get("actor"))
        issue = "" if _blank(item.get("issue")) else str(item.get("issue")).strip()
        if not actor or not issue:
            raise ScenarioError("E058", where=f"position {i}",
                                detail="needs an actor (with a country or name) and an issue")
        value = item.get("scale_value")
        if _blank(value):
            continue
        key = (issue, actor)
        if key not in values:
            values[key] = []
            saliences[key] = []
            order.append(key)
        values[key].append(_number(value, "scale_value", "positions", f"position {i}", 0.0, 100.0))
        if not _blank(item.get("salience")):
            saliences[key].append(
                _number(item.get("salience"), "salience", "positions", f"position {i}", 0.0, 100.0))
    if not order:
        raise ScenarioError("E056", path="positions",
                            detail="no statement has a scale_value, so there is nothing to forecast")
    unknown = sorted({a for _, a in order
                      if a not in user and a.lower() not in user_ci
                      and a.upper() not in builtin and a.lower() not in builtin})
    if unknown:
        raise ScenarioError("E058", detail=f"no capability for {', '.join(unknown)}; supply them "
                            "(actor → capability) or use ISO 3166 alpha-3 country codes")
    rows = []
    for issue, actor in order:
        cap = user.get(actor, user_ci.get(actor.lower()))
        if cap is None:
            cap = builtin.get(actor.upper(), builtin.get(actor.lower()))
        sal = saliences[(issue, actor)]
        rows.append({
            "issue": issue, "actor": actor, "capability": cap,
            "position": float(np.mean(values[(issue, actor)])),
            "salience": float(np.mean(sal)) if sal else DEFAULT_SALIENCE,
            "reference": (references or {}).get(issue),
            "decision_rule": (decision_rules or {}).get(issue),
        })
    return scenario_from_rows(rows, source="positions")


def read_scenario_emission(path: str | Path) -> Scenario:
    """Read BdM's emission-standards table (Actor, Capability, Position in years, Salience 0–1).

    Positions are mapped to the 0–100 scale as years × 10 (4 → 40, 10 → 100) and saliences
    × 100, so the models run unchanged; multiply forecasts by 0.1 to get years back.
    """
    path = Path(path)
    if not path.exists():
        raise ScenarioError("E050", path=str(path), detail="file not found")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        records = list(csv.DictReader(handle))
    rows = []
    for i, rec in enumerate(records, start=2):
        loc = f"line {i}"
        rows.append({
            "issue": "emission_standards", "actor": rec.get("Actor"),
            "capability": _number(rec.get("Capability"), "Capability", str(path), loc, low=0.0),
            "position": _number(rec.get("Position"), "Position", str(path), loc, 0.0, 10.0) * 10.0,
            "salience": _number(rec.get("Salience"), "Salience", str(path), loc, 0.0, 1.0) * 100.0,
        })
    return scenario_from_rows(rows, source=str(path), where=[f"line {i}" for i in range(2, len(rows) + 2)])
