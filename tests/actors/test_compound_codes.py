"""A TABARI/PETRARCH actor code ``[A/B]`` names several parties under one name: the entry keeps
every code and its mentions list one actor per code (made-up names and codes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.actors import ActorMatcher, load_dictionary

ACTORS = """\
TWIN_ISLES  [NSL/SSL]   # one name, two island states
NORTH_ISLE  [NSL]
HARBOUR_LEAGUE  [NSLGOV/SSLGOV/WSLMIL]
"""


@pytest.fixture()
def compound_matcher(nlp, tmp_path: Path) -> ActorMatcher:
    path = tmp_path / "isles.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    return ActorMatcher(load_dictionary([path], include_builtin=False), nlp.vocab)


def test_compound_code_entry_keeps_every_member_code(tmp_path):
    path = tmp_path / "isles.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    entries = {e.name: e for e in load_dictionary([path], include_builtin=False).entries}
    assert entries["Twin Isles"].member_codes == ("NSL", "SSL")
    assert entries["Twin Isles"].country == "NSL"  # the entry itself resolves to the first
    assert entries["North Isle"].member_codes == ()


def test_mention_of_compound_entry_lists_one_actor_per_code(nlp, compound_matcher):
    found = compound_matcher.find_mentions(nlp("The Twin Isles protested to the North Isle."), None)
    twins, north = found
    assert [(a.country, a.sector) for a in twins.members] == [("NSL", None), ("SSL", None)]
    assert all(a.text == "Twin Isles" for a in twins.members)
    assert len({a.id for a in twins.members}) == 2  # told apart, the first keeps the entry's id
    assert north.members == (north.actor,)


def test_compound_members_keep_their_own_sectors(nlp, compound_matcher):
    (league,) = compound_matcher.find_mentions(nlp("The Harbour League met on Monday."), None)
    assert [(a.country, a.sector) for a in league.members] == [("NSL", "GOV"), ("SSL", "GOV"), ("WSL", "MIL")]
