"""The CAMEO/TABARI/PETRARCH ``.actors`` and ``.agents`` dictionary formats.

``.actors`` files list names with ``+synonym`` lines and ``[CODE date]`` blocks; ``.agents``
files list agent nouns with plurals, ``[~SECTOR]`` codes and ``!NAME!`` substitution sets.
Also the comment stripping shared with the TABARI verb reader (:func:`strip_comment`) and the
reading of CAMEO codes into country and sector (:func:`cameo_parts`, used by the matcher).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import DictionaryError, Messages
from .dictionary import NULL_SECTOR, ActorEntry, Period, normalise_pattern
from .reader_helpers import _Problems, parse_date, plural

# CAMEO first blocks that name an international or non-state actor type rather than a country.
_IGO_PREFIXES = frozenset({"IGO", "NGO", "NGM", "MNC"})
_ARMED_SECTORS = frozenset({"REB", "INS", "UAF", "SEP", "IMG"})
_NULL_CODES = frozenset({"---"})
# Codes TABARI used for discards, which PETRARCH reads as codes like any other: an actor coded
# so is named, and its events are coded with that code (only "---" is no one). They stand in
# the sector slot, as an organisation's code without a country does.
_PLACEHOLDER_CODES = frozenset({"+++", "###"})


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
    ``---`` -> (None, ``---``); ``+++`` and ``###``, TABARI's old discard codes that PETRARCH
    reads as codes, -> (None, the code) (see :data:`_PLACEHOLDER_CODES`). A compound code ``A/B`` gives the first
    member's parts (every member is listed by ``ActorEntry.member_codes``).
    """
    code = code.upper().strip().strip("~")
    if code in _NULL_CODES:
        return None, NULL_SECTOR
    if code in _PLACEHOLDER_CODES:
        return None, code
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
