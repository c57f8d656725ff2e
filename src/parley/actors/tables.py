"""Table and YAML actor dictionaries: the built-in TSV files and user CSV/TSV/YAML files.

The built-in tables (countries, organisations, groups, agents, leaders) have fixed columns;
user tables and YAML lists name an entry's patterns, country, sector and optional dated
periods. Rows or periods sharing an id become one entry with one period each.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..errors import DictionaryError, Messages
from .dictionary import NULL_SECTOR, ActorEntry, Period, normalise_pattern
from .reader_helpers import (
    _clean_code,
    _date_or_problem,
    _patterns,
    _Problems,
    _slug,
    _with_plurals,
    plural,
    split_alternatives,
)


def _read_rows(path: Path, delimiter: str) -> list[tuple[int, dict[str, str]]]:
    """Rows of a delimited file as (line number, {column: value}); '#' lines are comments."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DictionaryError(f"{path}: {Messages.E022}", "E022") from None
    except UnicodeDecodeError as exc:
        raise DictionaryError(f"{path}: {Messages.E004.format(offset=exc.start)}", "E020") from None
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)]
    lines = [(n, line) for n, line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return []
    # TSV cells are taken literally (a note may start with a quote); CSV follows RFC 4180.
    body = [line for _, line in lines]
    if delimiter == "\t":
        reader = csv.reader(body, delimiter=delimiter, quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(body, delimiter=delimiter)
    rows = list(reader)
    header = [h.strip().lower() for h in rows[0]]
    out: list[tuple[int, dict[str, str]]] = []
    for (number, _), values in zip(lines[1:], rows[1:], strict=False):
        cells = [v.strip() for v in values] + [""] * (len(header) - len(values))
        out.append((number, dict(zip(header, cells, strict=False))))
    return out


def _require(path: Path, rows: list[tuple[int, dict[str, str]]], *columns: str) -> None:
    if not rows:
        return
    header = rows[0][1].keys()
    for column in columns:
        options = column.split("|")
        if not any(option in header for option in options):
            needed = ", ".join(c.replace("|", " or ") for c in columns)
            raise DictionaryError(
                f"{path}: {Messages.E023.format(column=options[0], needed=needed)}", "E023"
            )


def read_countries(path: Path) -> tuple[list[ActorEntry], dict[str, str]]:
    """countries.tsv: one state per row; each row gives state, adjective, capital, metonym entries.

    A capital that is also the country's name (Singapore) is dropped; a metonym equal to the
    capital is reported as the capital.
    """
    rows = _read_rows(path, "\t")
    _require(path, rows, "iso3", "name")
    entries: list[ActorEntry] = []
    names: dict[str, str] = {}
    for _, row in rows:
        iso3 = row["iso3"].upper()
        names_, exact = _patterns([row["name"], *split_alternatives(row.get("aliases"))])
        demonyms, exact_d = _patterns(split_alternatives(row.get("demonyms")))
        name = names_[0]
        names[iso3] = name
        state_patterns = names_ + [d for d in demonyms if d not in names_]
        entries.append(
            ActorEntry(
                f"country:{iso3}",
                name,
                "state",
                tuple(state_patterns),
                iso3,
                None,
                exact=frozenset(exact | exact_d),
            )
        )
        adjectives, exact_a = _patterns(split_alternatives(row.get("adjectives")))
        adjectives = [a for a in adjectives if a not in state_patterns]
        if adjectives:
            entries.append(
                ActorEntry(
                    f"country:{iso3}:adj",
                    name,
                    "adjective",
                    tuple(adjectives),
                    iso3,
                    None,
                    exact=frozenset(exact_a),
                )
            )
        capitals, exact_c = _patterns(split_alternatives(row.get("capital")))
        capitals = [c for c in capitals if c not in state_patterns]
        if capitals:
            entries.append(
                ActorEntry(
                    f"country:{iso3}:capital",
                    name,
                    "capital",
                    tuple(capitals),
                    iso3,
                    "GOV",
                    exact=frozenset(exact_c),
                )
            )
        metonyms, exact_m = _patterns(split_alternatives(row.get("metonyms")))
        metonyms = [m for m in metonyms if m not in capitals and m not in state_patterns]
        if metonyms:
            entries.append(
                ActorEntry(
                    f"country:{iso3}:metonym",
                    name,
                    "metonym",
                    tuple(metonyms),
                    iso3,
                    "GOV",
                    exact=frozenset(exact_m),
                )
            )
    return entries, names


def read_organisations(path: Path) -> tuple[list[ActorEntry], dict[str, str]]:
    """organisations.tsv: code, name, aliases, org_code (the Actor.country), sector, kind."""
    rows = _read_rows(path, "\t")
    _require(path, rows, "code", "name", "org_code")
    entries: list[ActorEntry] = []
    names: dict[str, str] = {}
    for _, row in rows:
        code = row["code"].upper()
        org_code = (row.get("org_code") or code).upper()
        patterns, exact = _patterns([row["name"], *split_alternatives(row.get("aliases"))])
        kind = (row.get("kind") or "org").lower()
        name = patterns[0]
        if kind == "metonym":
            # A metonym stands for its organisation: the name is the organisation's, the
            # surface form ("Brussels") is a pattern only.
            patterns, exact = _patterns(split_alternatives(row.get("aliases")))
        elif code == org_code or org_code not in names:
            names[org_code] = name
        entries.append(
            ActorEntry(
                f"org:{code}",
                name,
                kind,
                tuple(patterns),
                org_code,
                _clean_code(row.get("sector")),
                exact=frozenset(exact),
            )
        )
    return entries, names


def read_agents_table(path: Path) -> list[ActorEntry]:
    """agents.tsv: generic agents; plurals are generated unless the plural column is ``-``.

    Rows with sector ``---`` are null phrases ("South China Sea"): matched so that nothing
    inside them is read as an actor, never reported.
    """
    rows = _read_rows(path, "\t")
    _require(path, rows, "pattern", "sector")
    entries: list[ActorEntry] = []
    for _, row in rows:
        forms, _exact = _patterns(split_alternatives(row["pattern"]))
        sector = _clean_code(row.get("sector"))
        rule = (row.get("plural") or "").strip()
        if rule == "-" or sector == NULL_SECTOR:
            patterns = forms
        elif rule:
            patterns = forms + [p for p in split_alternatives(rule) if p not in forms]
        else:
            patterns = _with_plurals(forms)
        kind = "null" if sector == NULL_SECTOR else "agent"
        explicit = [p for p in patterns if p not in forms and p not in map(plural, forms)]
        for form in forms:
            variants = [p for p in patterns if p == form or p == plural(form)] + explicit
            entries.append(
                ActorEntry(f"agent:{_slug(form)}", form, kind, tuple(variants), None, sector)
            )
    return entries


def read_table(
    path: Path,
    delimiter: str,
    *,
    source: str,
    strict: bool = False,
    default_kind: str | None = None,
) -> tuple[list[ActorEntry], list[str]]:
    """A user CSV/TSV dictionary, or a leaders table.

    Columns (case-insensitive): ``name``; ``patterns``, ``pattern`` or ``aliases``
    (``|``-separated); ``country`` or ``iso3``; ``sector``; ``start``; ``end``; optional
    ``id``, ``kind`` and ``role``. Rows sharing an id (or, without ids, a name) are one entry
    with one dated period per row, so a leader's successive offices are rows of the same name.
    """
    rows = _read_rows(path, delimiter)
    _require(path, rows, "name|id", "country|iso3|sector")
    problems = _Problems(str(path), strict)
    grouped: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for number, row in rows:
        key = row.get("id") or row.get("name") or ""
        if not key:
            problems.add(number, Messages.E026, "E026")
            continue
        grouped.setdefault(key, []).append((number, row))
    entries: list[ActorEntry] = []
    for key, group in grouped.items():
        raw: list[dict[str, Any]] = []
        for _, row in group:
            item: dict[str, Any] = dict(row)
            item["patterns"] = row.get("patterns") or row.get("pattern") or row.get("aliases") or ""
            item["country"] = row.get("country") or row.get("iso3") or ""
            raw.append(item)
        entry = _entry_from_records(
            key,
            raw,
            source=source,
            default_kind=default_kind,
            problems=problems,
            line=group[0][0],
        )
        if entry is not None:
            entries.append(entry)
    problems.report()
    return entries, problems.items


def _entry_from_records(
    key: str,
    records: list[dict[str, Any]],
    *,
    source: str,
    default_kind: str | None,
    problems: _Problems,
    line: int | str | None,
) -> ActorEntry | None:
    """Build one entry from one or more records (rows or YAML periods) with the same id."""
    first = records[0]
    name_raw = str(first.get("name") or "").strip()
    alternatives: list[str] = [name_raw] if name_raw else []
    for record in records:
        value = record.get("patterns")
        if isinstance(value, (list, tuple)):
            alternatives.extend(str(v) for v in value)
        else:
            alternatives.extend(split_alternatives(value))
    patterns, exact = _patterns(alternatives)
    if not patterns:
        problems.add(line, Messages.E026, "E026")
        return None
    periods: list[Period] = []
    dated = any(r.get("start") or r.get("end") for r in records) or len(records) > 1
    for record in records:
        ok_start, start = _date_or_problem(record.get("start"), problems, line)
        ok_end, end = _date_or_problem(record.get("end"), problems, line)
        if not (ok_start and ok_end):
            return None
        periods.append(
            Period(
                _clean_code(record.get("country")),
                _clean_code(record.get("sector")),
                start,
                end,
                (str(record.get("role")).strip() or None) if record.get("role") else None,
            )
        )
    kind = str(first.get("kind") or "").strip().lower() or default_kind
    if not kind:
        if first.get("role"):
            kind = "person"
        elif not periods[0].country and periods[0].sector:
            kind = "agent"
        else:
            kind = "group"
    entry_id = str(first.get("id") or f"{source}:{_slug(key)}")
    return ActorEntry(
        entry_id,
        normalise_pattern(name_raw.lstrip("=")) if name_raw else patterns[0],
        kind,
        tuple(patterns),
        periods[0].country,
        periods[0].sector,
        periods=tuple(periods) if dated else (),
        exact=frozenset(exact),
        source=source,
    )


def read_groups(path: Path) -> list[ActorEntry]:
    """groups.tsv: armed groups and movements; several rows of one id are dated periods."""
    entries, _ = read_table(path, "\t", source="builtin", strict=True, default_kind="group")
    return [
        ActorEntry(
            f"group:{e.id.split(':', 1)[-1].upper()}",
            e.name,
            e.kind,
            e.patterns,
            e.country,
            e.sector,
            e.periods,
            e.exact,
        )
        for e in entries
    ]


# ---------------------------------------------------------------------------------------------
# YAML


def read_yaml(
    path: Path, *, source: str, strict: bool = False
) -> tuple[list[ActorEntry], list[str]]:
    """A YAML list of entries (or ``{actors: [...]}``).

    Keys: ``name``, ``patterns`` (list or ``|``-string), ``country``, ``sector``, and optional
    ``id``, ``kind``, ``start``, ``end``, ``role`` and ``periods`` (a list of mappings with
    country/sector/start/end/role for entries whose resolution changes over time).
    """
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DictionaryError(f"{path}: {Messages.E022}", "E022") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        detail = getattr(exc, "problem", None) or str(exc)
        raise DictionaryError(f"{where}: {Messages.E020.format(detail=detail)}", "E020") from None
    if isinstance(data, dict) and "actors" in data:
        data = data["actors"]
    if data is None:  # an empty file
        data = []
    if not isinstance(data, list):
        raise DictionaryError(f"{path}: {Messages.E025}", "E025")
    problems = _Problems(str(path), strict)
    entries: list[ActorEntry] = []
    for index, item in enumerate(data, start=1):
        where = f"entry {index}"
        if not isinstance(item, dict):
            problems.add(where, Messages.E020.format(detail="an entry must be a mapping"))
            continue
        base = {k: v for k, v in item.items() if k != "periods"}
        periods = item.get("periods")
        records: list[dict[str, Any]]
        if isinstance(periods, list) and periods:
            records = []
            for period in periods:
                if not isinstance(period, dict):
                    problems.add(where, Messages.E020.format(detail="a period must be a mapping"))
                    records = []
                    break
                merged = dict(base)
                merged.update(period)
                records.append(merged)
            if not records:
                continue
        else:
            records = [base]
        key = str(item.get("id") or item.get("name") or "")
        entry = _entry_from_records(
            key or f"entry-{index}",
            records,
            source=source,
            default_kind=None,
            problems=problems,
            line=where,
        )
        if entry is not None:
            entries.append(entry)
    problems.report()
    return entries, problems.items
