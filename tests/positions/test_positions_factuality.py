"""Positions respect factuality: hypotheticals and observers' expectations are nobody's position."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.issue(4)


def test_conditional_offer_is_not_a_position(positions_of):
    assert positions_of("If Kyiv agreed to cede territory, Moscow could accept a ceasefire.") == []


def test_analysts_expectation_is_not_a_position(positions_of):
    assert positions_of("Analysts expect Russia to demand more territory in the spring.") == []


def test_analyst_quoted_opinion_is_not_a_position(positions_of):
    got = positions_of("Moscow wants more territory, an analyst at a Berlin institute said.")
    assert got == []


def test_stated_demand_on_a_third_party_is_the_demanders_position(positions_of):
    got = positions_of("Moscow insists Kyiv must cede more territory.")
    triples = {(p.actor.country, p.issue, p.stance) for p in got}
    assert ("RUS", "territory", "demand") in triples
    demand = next(p for p in got if p.actor.country == "RUS")
    assert demand.target is not None and demand.target.country == "UKR"


def test_refusal_is_the_refusers_position(positions_of):
    got = positions_of("Ukraine will not cede land.")
    assert [(p.actor.country, p.issue, p.stance) for p in got] == [("UKR", "territory", "reject")]


def test_reported_past_fact_is_not_a_refusal(positions_of):
    assert positions_of("Ukraine did not cede land in 2022.") == []


def test_negated_acceptance_becomes_rejection(positions_of):
    got = positions_of("Iran said it would not accept the return of sanctions.")
    assert [(p.actor.country, p.issue, p.stance) for p in got] == [("IRN", "sanctions", "reject")]
