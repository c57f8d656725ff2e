"""The key case of issue 4: the cancelled summit, its demands, refusals and the territory deadlock."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.issue(4)


def _find(positions, actor, issue, stances):
    return [p for p in positions if p.actor.country == actor and p.issue == issue and p.stance in stances]


@pytest.mark.parametrize(
    ("actor", "issue", "stances"),
    [
        ("RUS", "territory", {"demand"}),
        ("RUS", "armed_forces", {"demand"}),
        ("RUS", "alliances", {"demand"}),
        ("USA", "ceasefire", {"demand", "support"}),
        ("USA", "territory", {"reject"}),
        ("UKR", "talks", {"accept", "support"}),
        ("UKR", "armed_forces", {"reject"}),
        ("UKR", "territory", {"reject"}),
    ],
)
def test_summit_article_states_each_partys_position(summit, actor, issue, stances):
    assert _find(summit.positions, actor, issue, stances), [
        (p.actor.country, p.issue, p.stance) for p in summit.positions
    ]


def test_moscow_territorial_demand_is_called_non_negotiable_in_the_next_sentence(summit):
    (demand,) = _find(summit.positions, "RUS", "territory", {"demand"})
    assert demand.non_negotiable is True
    assert "territory" in demand.object


def test_demand_for_force_cuts_targets_ukraine(summit):
    (demand,) = _find(summit.positions, "RUS", "armed_forces", {"demand"})
    assert demand.target is not None and demand.target.country == "UKR"


def test_never_join_nato_is_russias_demand_not_ukraines_refusal(summit):
    (demand,) = _find(summit.positions, "RUS", "alliances", {"demand"})
    assert "NATO" in demand.object
    assert not _find(summit.positions, "UKR", "alliances", {"reject", "oppose"})


def test_observers_and_the_conditional_give_no_position(summit):
    by_sentence = {p.sentence_index for p in summit.positions}
    texts = [s.text for s in summit.sentences]
    for index, text in enumerate(texts):
        if text.startswith(("If Moscow dropped", "Analysts expect")):
            assert index not in by_sentence, text


def test_standoff_reports_deadlock_on_territory(summit):
    from parley.positions.standoff import standoff

    report = standoff([p.to_dict() for p in summit.positions])
    by_issue = {i["issue"]: i for i in report["issues"]}
    assert by_issue["territory"]["status"] == "deadlock"
    assert {p["actor"]["country"] for p in by_issue["territory"]["positions"]} >= {"RUS", "UKR", "USA"}
    assert by_issue["ceasefire"]["status"] == "one-sided"
