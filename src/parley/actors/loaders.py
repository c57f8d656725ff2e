"""Read actor dictionaries: the built-in TSV files and user dictionaries.

User dictionaries may be YAML, CSV/TSV tables, or the CAMEO/TABARI/PETRARCH ``.actors`` and
``.agents`` formats used by the Phoenix dictionaries. A line that cannot be understood is
skipped with a logged warning and recorded in :attr:`ActorDictionary.problems` (so that large
community dictionaries with a few typos still load); ``strict=True`` raises
:class:`~parley.errors.DictionaryError` naming the file and line instead. A missing file, an
unknown format or a table without its required columns always raises.

This module is the loading entry point: format detection, one file (:func:`load_file`) and
the whole dictionary (:func:`load_dictionary`). The readers live in :mod:`.tables` (TSV/CSV
and YAML), :mod:`.tabari_files` (``.actors``/``.agents``) and :mod:`.reader_helpers`; their
names are re-exported here, where the rest of parley and the tests import them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..errors import DictionaryError, Messages
from .dictionary import ActorDictionary, ActorEntry
from .reader_helpers import _slug, parse_date, plural, split_alternatives
from .tabari_files import (
    cameo_parts,
    parse_code_block,
    read_actors_file,
    read_agents_file,
    strip_comment,
)
from .tables import _read_rows as _read_rows  # re-exported: the data-file tests read raw rows
from .tables import (
    read_agents_table,
    read_countries,
    read_groups,
    read_organisations,
    read_table,
    read_yaml,
)

__all__ = [
    "DATA",
    "FORMATS",
    "LEADERS_FILE",
    "LEXICON_FORMATS",
    "cameo_parts",
    "detect_format",
    "is_tabari_scheme",
    "lexicon_format",
    "load_dictionary",
    "load_file",
    "parse_code_block",
    "parse_date",
    "plural",
    "read_actors_file",
    "read_agents_file",
    "read_agents_table",
    "read_countries",
    "read_groups",
    "read_organisations",
    "read_table",
    "read_yaml",
    "split_alternatives",
    "strip_comment",
]

log = logging.getLogger("parley.actors")

DATA = Path(__file__).resolve().parent / "data"
LEADERS_FILE = "leaders.tsv"
FORMATS: tuple[str, ...] = ("yaml", "csv", "tsv", "actors", "agents")
# TABARI/PETRARCH files the event lexicon reads (parley.events.tabari_verbs): one --dictionary
# list may hold both kinds, so the actor loader recognises these by name and leaves them alone.
LEXICON_FORMATS: tuple[str, ...] = ("verbs", "discards")


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
