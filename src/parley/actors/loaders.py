"""Read actor dictionaries: the built-in TSV files and user dictionaries.

User dictionaries may be YAML, CSV/TSV tables, or the CAMEO/TABARI/PETRARCH ``.actors`` and
``.agents`` formats used by the Phoenix dictionaries. A line that cannot be understood is
skipped with a logged warning and recorded in :attr:`ActorDictionary.problems` (so that large
community dictionaries with a few typos still load); ``strict=True`` raises
:class:`~parley.errors.DictionaryError` naming the file and line instead. A missing file, an
unknown format or a table without its required columns always raises.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DictionaryError, Messages
from .dictionary import NULL_SECTOR, ActorDictionary, ActorEntry, Period, normalise_pattern

log = logging.getLogger("parley.actors")

DATA = Path(__file__).resolve().parent / "data"
LEADERS_FILE = "leaders.tsv"
FORMATS: tuple[str, ...] = ("yaml", "csv", "tsv", "actors", "agents")
# TABARI/PETRARCH files the event lexicon reads (parley.events.tabari_verbs): one --dictionary
# list may hold both kinds, so the actor loader recognises these by name and leaves them alone.
LEXICON_FORMATS: tuple[str, ...] = ("verbs", "discards")

# CAMEO first blocks that name an international or non-state actor type rather than a country.
_IGO_PREFIXES = frozenset({"IGO", "NGO", "NGM", "MNC"})
_ARMED_SECTORS = frozenset({"REB", "INS", "UAF", "SEP", "IMG"})
_NULL_CODES = frozenset({"---", "+++", "###"})


@dataclass
class _Problems:
    """Collects skipped lines of one file; raises at once in strict mode."""

    path: str
    strict: bool
    items: list[str] = field(default_factory=list)

    def add(self, line: int | str | None, message: str, code: str = "E020") -> None:
        where = f"{self.path}:{line}" if line is not None else self.path
        if self.strict:
            raise DictionaryError(f"{where}: {message}", code)
        self.items.append(f"{where}: {message}")

    def report(self) -> None:
        if self.items:
            log.warning(
                "%s: skipped %d dictionary line(s); first: %s",
                self.path,
                len(self.items),
                self.items[0],
            )


# ---------------------------------------------------------------------------------------------
# small helpers


def split_alternatives(value: str | None) -> list[str]:
    """Split a ``|``-separated cell into its non-empty, stripped parts."""
    if not value:
        return []
    return [part.strip() for part in str(value).split("|") if part.strip()]


def _patterns(values: Iterable[str]) -> tuple[list[str], set[str]]:
    """Normalise patterns; a leading ``=`` marks one that must match with its case."""
    patterns: list[str] = []
    exact: set[str] = set()
    for raw in values:
        text = raw.strip()
        keep_case = text.startswith("=")
        text = normalise_pattern(text.lstrip("="))
        if not text:
            continue
        if keep_case:
            exact.add(text)
        if text not in patterns:
            patterns.append(text)
    return patterns, exact


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DIGITS = re.compile(r"^\d+$")


def parse_date(value: Any, *, allow_short: bool = False) -> str | None:
    """ISO date from ``YYYY-MM-DD``, ``YYYYMMDD`` or (CAMEO) ``YYMMDD``; None for empty.

    Two-digit years below 40 are read as 20xx, others as 19xx, which covers the CAMEO files
    (leaders' terms from the 1940s on). Raises ValueError for anything else.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    elif _DIGITS.match(text) and len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:])
    elif allow_short and _DIGITS.match(text) and len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy < 40 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:])
    else:
        raise ValueError(text)
    return dt.date(year, month, day).isoformat()


def _date_or_problem(
    value: Any, problems: _Problems, line: int | str | None
) -> tuple[bool, str | None]:
    try:
        return True, parse_date(value)
    except ValueError:
        problems.add(line, Messages.E024.format(value=value), "E024")
        return False, None


def _clean_code(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text.upper() or None


_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


_KEEP_MAN = frozenset({"human", "german", "roman", "ottoman", "shaman"})


def _plural_word(word: str) -> str:
    lower = word.lower()
    if lower.endswith("man") and lower not in _KEEP_MAN:
        result = lower[:-3] + "men"
    elif lower.endswith("child"):
        result = lower + "ren"
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        result = lower[:-1] + "ies"
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        result = lower + "es"
    else:
        result = lower + "s"
    if word.isupper():
        # acronyms take a lower-case s (MPs, NGOs); capitalised words keep capitals
        return word + "s" if len(word) <= 4 and result == lower + "s" else result.upper()
    # keep the word's own spelling and case, only the ending changes
    common = len(lower) - (
        3
        if lower.endswith("man") and lower not in _KEEP_MAN
        else 1
        if result.endswith("ies")
        else 0
    )
    return word[:common] + result[common:]


def plural(phrase: str) -> str:
    """Regular English plural of a noun phrase ("secretary of state" -> "secretaries of state")."""
    if " of " in phrase:
        head, rest = phrase.split(" of ", 1)
        return f"{plural(head)} of {rest}"
    words = phrase.split(" ")
    words[-1] = _plural_word(words[-1])
    return " ".join(words)


def _with_plurals(patterns: Iterable[str]) -> list[str]:
    result: list[str] = []
    for pattern in patterns:
        for form in (pattern, plural(pattern)):
            if form not in result:
                result.append(form)
    return result


# ---------------------------------------------------------------------------------------------
# tables (built-in TSVs, user CSV/TSV)


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


# ---------------------------------------------------------------------------------------------
# CAMEO / TABARI / PETRARCH .actors and .agents


def strip_comment(line: str, markers: str = "#") -> str:
    """Drop a comment (from any of ``markers``) that is not inside [...] or {...}: codes such as
    [###] contain '#'. TABARI verb files also start comments with ';'."""
    depth = 0
    for i, char in enumerate(line):
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char in markers and depth == 0:
            return line[:i]
    return line


def _uncommented_lines(text: str) -> Iterable[tuple[int, str]]:
    """Lines without '#' comments and without XML-style <!-- ... --> comments (even multi-line)."""
    in_block = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if in_block:
            if "-->" in stripped:
                in_block = False
            continue
        if stripped.startswith("<"):
            # "<!-- ... -->" on one line, "<! -- ...-->" (a typo seen in the wild), or the
            # start of a block that ends on a later line containing "-->".
            if stripped.startswith("<!") and "-->" not in stripped:
                in_block = True
            continue
        yield number, strip_comment(line).rstrip()


_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_DATED_OP = re.compile(r"^(.*?)\s*([<>])\s*(\d+)$")
_DATED_RANGE = re.compile(r"^(.*?)\s*(\d+)\s*-\s*(\d+)$")
_DATED_LONE = re.compile(r"^(\S+)\s+(\d+)$")
_CODE_TEXT = re.compile(r"^(?:[A-Za-z0-9~/]+|-{3}|\+{3}|#{3})$")


def parse_code_block(text: str) -> Period:
    """One ``[...]`` block of an .actors file: a CAMEO code and an optional date restriction.

    ``[USAGOV]``; ``[USAGOV >20090120]`` (from that day); ``[USAELI <20090120]`` (before it);
    ``[HOBGOV 19950601 - 19990815]`` (between, inclusive); dates as YYYYMMDD or YYMMDD. A lone
    date after the code (``[MNEGOV 20121204]``) is read as a start date. Raises ValueError.
    """
    text = text.strip()
    start = end = None
    code = text
    match = _DATED_OP.match(text)
    if match:
        code = match.group(1)
        date = parse_date(match.group(3), allow_short=True)
        if match.group(2) == ">":
            start = date
        else:
            before = dt.date.fromisoformat(date or "") - dt.timedelta(days=1)
            end = before.isoformat()
    else:
        match = _DATED_RANGE.match(text) or None
        if match and match.group(1).strip():
            code = match.group(1)
            start = parse_date(match.group(2), allow_short=True)
            end = parse_date(match.group(3), allow_short=True)
        else:
            lone = _DATED_LONE.match(text)
            if lone:
                code = lone.group(1)
                start = parse_date(lone.group(2), allow_short=True)
    code = code.strip()
    if not code or not _CODE_TEXT.match(code):
        raise ValueError(f"code '{text}'")
    country, sector = cameo_parts(code)
    return Period(country, sector, start, end, code=code.upper())


def cameo_parts(code: str) -> tuple[str | None, str | None]:
    """Country and sector of a CAMEO actor code.

    ``USAGOVLEG`` -> (USA, GOV); ``IGOUNO`` -> (UNO, IGO): for international codes the
    organisation block stands in the country slot, as organisation codes do elsewhere in
    parley; ``IMG...`` (international militarised group) -> (None, REB); discard codes
    (``---``, ``+++``, ``###``) -> (None, ``---``). A compound code ``A/B`` gives the first
    member's parts (every member is listed by ``ActorEntry.member_codes``).
    """
    code = code.upper().strip().strip("~")
    if code in _NULL_CODES:
        return None, NULL_SECTOR
    first = code.split("/")[0]
    blocks = [first[i : i + 3] for i in range(0, len(first), 3)]
    if not blocks or not blocks[0]:
        return None, None
    if blocks[0] in _IGO_PREFIXES:
        org = blocks[1] if len(blocks) > 1 and blocks[1].isalpha() else None
        return org, blocks[0]
    if blocks[0] == "IMG":
        return None, "REB"
    return blocks[0], (blocks[1] if len(blocks) > 1 else None)


def _caps_name(text: str) -> str:
    """Readable name from an all-capitals pattern ("UNITED_STATES" -> "United States")."""
    return text.title() if text.isupper() else text


def _actor_pattern(raw: str) -> str:
    # "_" joins words; a trailing "_" (exact word end in TABARI) means nothing to a token
    # matcher. Word stems without "_" ("ARGENTIN") are taken as whole words.
    return normalise_pattern(raw.replace("_", " "))


def read_actors_file(
    path: Path, *, source: str, strict: bool = False
) -> tuple[list[ActorEntry], list[str]]:
    """A CAMEO/TABARI/PETRARCH ``.actors`` dictionary.

    An entry is a name line, optional ``+synonym`` lines, and one or more ``[CODE date]``
    blocks on the name line or on indented lines below it. Kinds are guessed from the codes:
    country codes only (dated or not) -> state; other dated codes -> person; IGO/NGO codes ->
    org; armed sectors or IMG -> group; anything else -> org.
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise DictionaryError(f"{path}: {Messages.E022}", "E022") from None
    problems = _Problems(str(path), strict)
    entries: list[ActorEntry] = []
    current: dict[str, Any] | None = None

    def close() -> None:
        if current is None:
            return
        entry = _actors_entry(current, source)
        if entry is None:
            if not current["bad"]:
                problems.add(
                    current["line"],
                    Messages.E020.format(detail=f"'{current['names'][0]}' has no code"),
                )
        else:
            entries.append(entry)

    for number, line in _uncommented_lines(text):
        if not line.strip():
            continue
        stripped = line.strip()
        codes_text = _CODE_BLOCK.findall(stripped)
        if stripped.count("[") != len(codes_text) or stripped.count("]") != len(codes_text):
            problems.add(number, Messages.E020.format(detail="unbalanced [ ] code block"))
            continue
        # The name is what precedes the first code block; text after the codes is ignored
        # (some files put notes there without a '#').
        head = stripped.split("[", 1)[0].strip()
        if stripped.startswith("+"):
            if current is None:
                problems.add(number, Messages.E020.format(detail="synonym before any entry"))
                continue
            pattern = _actor_pattern(head.lstrip("+"))
            if pattern:
                current["names"].append(pattern)
        elif stripped.startswith("["):
            if current is None:
                problems.add(number, Messages.E020.format(detail="code before any entry"))
                continue
        elif current is not None and not current["codes"] and not current["bad"]:
            # A second name line before any code: TABARI reads consecutive names as one
            # entry whose codes follow ("IVO_JOSIPOVIC_" / "JOSIPOVIC_" / "[HRVGOV ...]").
            pattern = _actor_pattern(head)
            if pattern:
                current["names"].append(pattern)
        else:
            close()
            pattern = _actor_pattern(head)
            current = {
                "names": [pattern] if pattern else [],
                "codes": [],
                "line": number,
                "bad": False,
            }
            if not pattern:
                problems.add(number, Messages.E020.format(detail="entry without a name"))
                current["bad"] = True
        if current is None:
            continue
        for block in codes_text:
            try:
                current["codes"].append(parse_code_block(block))
            except ValueError:
                current["bad"] = True
                problems.add(number, Messages.E020.format(detail=f"bad code block '[{block}]'"))
    close()
    problems.report()
    return entries, problems.items


def _actors_entry(current: dict[str, Any], source: str) -> ActorEntry | None:
    names = [n for n in dict.fromkeys(current["names"]) if n]
    codes: list[Period] = current["codes"]
    if not names or not codes:
        return None
    default = next((p for p in codes if not p.dated), codes[0])
    if all(p.sector == NULL_SECTOR for p in codes):
        kind = "null"
    elif all(p.sector in (None, NULL_SECTOR) for p in codes):
        kind = "state"  # country codes only, perhaps dated (Rhodesia -> Zimbabwe)
    elif any(p.dated for p in codes):
        kind = "person"
    elif default.sector in {"IGO", "NGO", "NGM", "MNC"}:
        kind = "org"
    elif default.sector in _ARMED_SECTORS or (default.code or "").startswith("IMG"):
        kind = "group"
    elif default.sector is None and default.country:
        kind = "state"
    else:
        kind = "org"
    dated = any(p.dated for p in codes) or len(codes) > 1
    return ActorEntry(
        f"{source}:{names[0]}",
        _caps_name(names[0]),
        kind,
        tuple(names),
        default.country,
        default.sector,
        periods=tuple(codes) if dated else (),
        upper_source=True,
        source=source,
        code=default.code,
    )


_MACRO_DEF = re.compile(r"^\s*(![A-Za-z0-9_]+!)\s*=\s*(.+)$")
_MACRO_USE = re.compile(r"![A-Za-z0-9_]+!")
_PLURALS = re.compile(r"\{([^}]*)\}")


def read_agents_file(
    path: Path, *, source: str, strict: bool = False
) -> tuple[list[ActorEntry], list[str]]:
    """A CAMEO/PETRARCH ``.agents`` dictionary.

    Lines are ``NAME {PLURALS} [~SECTOR]``: without braces the regular plural is added, ``{}``
    means no plural, ``{A, B}`` lists the plurals. ``[~GOV]`` puts the agent code after the
    country (CAMEO's suffix agent) and ``[NGO~]`` before it; either way it becomes the
    sector. ``!NAME! = A, B`` defines a substitution set; ``!NAME!`` in a pattern expands to
    each member (also inside a word: ``POLICE!PERSON!`` -> POLICEMAN, POLICEWOMAN, ...).
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise DictionaryError(f"{path}: {Messages.E022}", "E022") from None
    problems = _Problems(str(path), strict)
    macros: dict[str, list[str]] = {}
    entries: list[ActorEntry] = []
    for number, line in _uncommented_lines(text):
        if not line.strip():
            continue
        definition = _MACRO_DEF.match(line)
        if definition:
            members = [m.strip() for m in definition.group(2).split(",") if m.strip()]
            macros[definition.group(1).upper()] = members
            continue
        codes = _CODE_BLOCK.findall(line)
        if len(codes) != 1:
            problems.add(number, Messages.E020.format(detail="an agent needs one [~CODE] block"))
            continue
        code = codes[0].strip().replace(" ", "")
        if not re.fullmatch(r"~?[A-Za-z0-9]+~?", code) or "~" not in code:
            problems.add(number, Messages.E020.format(detail=f"bad agent code '[{codes[0]}]'"))
            continue
        body = _CODE_BLOCK.sub(" ", line)
        plural_match = _PLURALS.search(body)
        name = _PLURALS.sub(" ", body).strip()
        if not name:
            problems.add(number, Messages.E020.format(detail="agent without a name"))
            continue
        try:
            names = _expand_macros(name, macros)
        except KeyError as exc:
            problems.add(
                number, Messages.E020.format(detail=f"unknown substitution set {exc.args[0]}")
            )
            continue
        sector = code.strip("~").upper()[:3]
        for raw in names:
            pattern = _actor_pattern(raw)
            if not pattern:
                continue
            if plural_match is None:
                forms = [pattern, plural(pattern)]
            else:
                listed = [_actor_pattern(p) for p in plural_match.group(1).split(",")]
                forms = [pattern, *[p for p in listed if p]]
            entries.append(
                ActorEntry(
                    f"{source}:{pattern}",
                    pattern.lower(),
                    "agent",
                    tuple(dict.fromkeys(forms)),
                    None,
                    sector,
                    upper_source=True,
                    source=source,
                    code=code.upper(),
                )
            )
    problems.report()
    return entries, problems.items


def _expand_macros(text: str, macros: dict[str, list[str]]) -> list[str]:
    uses = _MACRO_USE.findall(text)
    if not uses:
        return [text]
    keys = [u.upper() for u in uses]
    for key in keys:
        if key not in macros:
            raise KeyError(key)
    parts = _MACRO_USE.split(text)
    results = []
    for combo in itertools.product(*(macros[k] for k in keys)):
        out = parts[0]
        for member, tail in zip(combo, parts[1:], strict=True):
            out += member + tail
        results.append(out)
    return results


# ---------------------------------------------------------------------------------------------
# entry points


def lexicon_format(path: str | Path) -> str | None:
    """``verbs`` or ``discards`` for a TABARI/PETRARCH lexicon file (``*.verbs``, ``*.verbs.txt``,
    ``*.discards``, ``*.discards.txt``), else None."""
    name = Path(path).name.lower()
    for kind in LEXICON_FORMATS:
        if name.endswith(f".{kind}") or name.endswith(f".{kind}.txt"):
            return kind
    return None


def is_tabari_scheme(paths: Sequence[str | Path]) -> bool:
    """True when ``paths`` hold a TABARI/PETRARCH verb dictionary and at least one Phoenix/TABARI
    actor or agent file (by name: ``*.verbs[.txt]`` with ``*.actors[.txt]`` or ``*.agents[.txt]``)."""
    names = [Path(p).name.lower() for p in paths]
    has_verbs = any(lexicon_format(p) == "verbs" for p in paths)
    has_actors = any(n.endswith((".actors", ".actors.txt", ".agents", ".agents.txt")) for n in names)
    return has_verbs and has_actors


def detect_format(path: str | Path, format: str | None = None) -> str:
    """The dictionary format of ``path``: from ``format`` if given, else from its name. A verb or
    discards file raises E088: it is not an actor dictionary."""
    kind = lexicon_format(path)
    if kind is not None:
        raise DictionaryError(f"{path}: {Messages.E088.format(kind=kind)}", "E088")
    if format:
        value = format.lower().lstrip(".")
        if value == "yml":
            value = "yaml"
        if value not in FORMATS:
            raise DictionaryError(
                Messages.E027.format(value=format, choices=", ".join(FORMATS)), "E027"
            )
        return value
    name = Path(path).name.lower()
    for kind in ("actors", "agents"):
        if name.endswith(f".{kind}") or name.endswith(f".{kind}.txt"):
            return kind
    suffix = Path(path).suffix.lower()
    mapping = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".tsv": "tsv"}
    if suffix in mapping:
        return mapping[suffix]
    raise DictionaryError(f"{path}: {Messages.E021.format(suffix=suffix or name)}", "E021")


def load_file(
    path: str | Path, *, format: str | None = None, strict: bool = False
) -> tuple[list[ActorEntry], list[str]]:
    """Entries of one user dictionary file and the problems met while reading it."""
    path = Path(path)
    kind = detect_format(path, format)
    if not path.exists():
        raise DictionaryError(f"{path}: {Messages.E022}", "E022")
    source = path.name
    if kind == "yaml":
        return read_yaml(path, source=source, strict=strict)
    if kind in ("csv", "tsv"):
        return read_table(path, "," if kind == "csv" else "\t", source=source, strict=strict)
    if kind == "actors":
        return read_actors_file(path, source=source, strict=strict)
    return read_agents_file(path, source=source, strict=strict)


@lru_cache(maxsize=4)
def _builtin(
    data_dir: str,
) -> tuple[tuple[ActorEntry, ...], tuple[tuple[str, str], ...], tuple[str, ...]]:
    base = Path(data_dir)
    countries, names = read_countries(base / "countries.tsv")
    orgs, org_names = read_organisations(base / "organisations.tsv")
    for code, name in org_names.items():
        names.setdefault(code, name)
    entries: list[ActorEntry] = [*countries, *orgs, *read_groups(base / "groups.tsv")]
    entries.extend(read_agents_table(base / "agents.tsv"))
    problems: list[str] = []
    leaders = base / LEADERS_FILE
    if leaders.exists():
        people, problems = read_table(leaders, "\t", source="builtin", default_kind="person")
        entries.extend(
            ActorEntry(
                f"person:{_slug(p.name)}",
                p.name,
                p.kind,
                p.patterns,
                p.country,
                p.sector,
                p.periods,
                p.exact,
            )
            for p in people
        )
    return tuple(entries), tuple(names.items()), tuple(problems)


def load_dictionary(
    extra_paths: Sequence[str | Path] = (),
    *,
    include_builtin: bool = True,
    format: str | None = None,
    strict: bool = False,
    scheme: bool = True,
) -> ActorDictionary:
    """The built-in dictionaries plus user dictionaries, in that order (later entries win ties).

    ``format`` ("yaml", "csv", "tsv", "actors" or "agents") overrides the format guessed from
    each extra file's name, e.g. for Phoenix files named ``*.txt``. ``strict`` raises on the
    first malformed line instead of skipping it with a warning. Verb and discards files
    (:func:`lexicon_format`) are skipped: the event lexicon reads them from the same list.

    A complete TABARI/PETRARCH dictionary set (a verb dictionary with Phoenix/TABARI actor or
    agent files, :func:`is_tabari_scheme`) is a coding scheme of its own: its actor and agent
    files name every actor the scheme codes, so the built-in dictionaries are left out, as the
    lexicon leaves out the built-in verb patterns. ``scheme=False`` (the setting
    ``dictionary_mode = "extend"``) keeps the built-in dictionaries in every case.
    """
    dictionary = ActorDictionary()
    if isinstance(extra_paths, (str, Path)):
        extra_paths = [extra_paths]
    tabari = scheme and format is None and is_tabari_scheme(extra_paths)
    if include_builtin and tabari:
        log.info("a TABARI/PETRARCH dictionary set is loaded: built-in actor dictionaries left out")
        include_builtin = False
    if include_builtin:
        entries, names, problems = _builtin(str(DATA))
        dictionary.add(entries, dict(names))
        dictionary.problems.extend(problems)
    for path in extra_paths:
        if lexicon_format(path) is not None:
            log.debug("%s: verb/discards dictionary, left to the event lexicon", path)
            continue
        entries_, problems_ = load_file(path, format=format, strict=strict)
        if tabari:
            # the scheme's own rule for dated codes: outside every period, with no undated
            # code, a name has no code (PETRARCH); parley's own reading keeps the nearest period
            entries_ = [replace(e, dated_only=True) if e.periods else e for e in entries_]
        dictionary.add(entries_)
        dictionary.problems.extend(problems_)
    return dictionary
