"""Dated actor codes outside every period: parley's own reading keeps the nearest period;
under a TABARI/PETRARCH dictionary set (verbs with actors), an entry whose codes are all dated
names no one then, as PETRARCH resolves it to no code."""

from __future__ import annotations

from pathlib import Path

ACTORS = "ZARNAVIA\n\t[ZRN <911226]\n\nVALDORIA  [VLD]\n"
VERBS = "--- STAB [222] ---\nSTAB\n"


def _entry(dictionary, name: str):
    return next(e for e in dictionary.entries if e.name.lower() == name)


def _files(tmp_path: Path) -> tuple[Path, Path]:
    actors = tmp_path / "user.actors.txt"
    verbs = tmp_path / "user.verbs.txt"
    actors.write_text(ACTORS, encoding="utf-8")
    verbs.write_text(VERBS, encoding="utf-8")
    return actors, verbs


def test_dated_only_entry_keeps_nearest_period_outside_a_scheme(tmp_path):
    from parley.actors import load_dictionary

    actors, _ = _files(tmp_path)
    entry = _entry(load_dictionary([actors], include_builtin=False), "zarnavia")
    assert not entry.dated_only
    res = entry.resolve("2026-01-01")
    assert (res.country, res.valid) == ("ZRN", False)


def test_dated_only_entry_names_no_one_after_its_period_in_a_scheme(tmp_path):
    from parley.actors import load_dictionary
    from parley.actors.dictionary import NULL_SECTOR

    actors, verbs = _files(tmp_path)
    dictionary = load_dictionary([actors, verbs])
    entry = _entry(dictionary, "zarnavia")
    assert entry.dated_only
    assert entry.resolve("1990-01-01").country == "ZRN"
    res = entry.resolve("2026-01-01")
    assert (res.country, res.sector, res.valid) == (None, NULL_SECTOR, False)
    # an undated entry is untouched
    assert not _entry(dictionary, "valdoria").dated_only
