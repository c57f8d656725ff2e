"""Recall rules of the positions stage, each on sentences written for these tests (not dev text):
collective agreements, subject lists, verbs of stopping, denials, refusals stated in the present."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.issue(4)


def triples(records) -> set[tuple[str | None, str, str]]:
    return {(p.actor.country, p.issue, p.stance) for p in records}


def test_agreeing_on_a_truce_is_both_parties_acceptance(positions_of):
    got = triples(positions_of("Armenia and Azerbaijan agreed on a truce along their border."))
    assert {("ARM", "ceasefire", "accept"), ("AZE", "ceasefire", "accept")} <= got


def test_agreeing_on_a_date_to_halt_operations_is_a_ceasefire_not_forces(positions_of):
    got = triples(positions_of("Ethiopia and Eritrea agreed on Monday to halt all military operations."))
    assert {("ETH", "ceasefire", "accept"), ("ERI", "ceasefire", "accept")} <= got
    assert not any(issue == "armed_forces" for _, issue, _ in got)


def test_called_on_a_party_is_a_demand_on_that_party(positions_of):
    got = positions_of("Chile called on Peru to release the detained fishermen and prisoners.")
    assert ("CHL", "prisoners", "demand") in triples(got)
    demand = next(p for p in got if p.actor.country == "CHL")
    assert demand.target is not None and demand.target.country == "PER"


def test_every_country_of_a_subject_list_holds_the_position(positions_of):
    # the parser hangs this list on an apposition of its first member
    got = triples(positions_of("The United States, South Africa, Brazil and Mexico plan to propose a prisoner "
                               "exchange, an official said."))
    assert {("USA", "prisoners", "offer"), ("ZAF", "prisoners", "offer"), ("BRA", "prisoners", "offer"),
            ("MEX", "prisoners", "offer")} <= got


def test_name_with_relative_clause_still_holds_its_call(positions_of):
    got = triples(positions_of("Kenya, which chairs the regional bloc this year, called on all parties to respect the truce."))
    assert ("KEN", "ceasefire", "demand") in got


def test_second_verb_of_an_accusation_keeps_the_accuser(positions_of):
    got = triples(positions_of("Poland's foreign minister accused Belarus of staging provocations and called on "
                               "Minsk to pull its troops back from the border."))
    assert ("POL", "armed_forces", "demand") in got


def test_noun_cue_inside_a_denied_clause_is_no_position(positions_of):
    assert positions_of("Greece denied that it had raised the readiness of its forces.") == []


def test_denied_demands_of_another_party_still_stand(positions_of):
    got = triples(positions_of("Hanoi rejected offers of talks from Beijing."))
    assert {("VNM", "talks", "reject"), ("CHN", "talks", "offer")} <= got
    assert ("VNM", "talks", "offer") not in got


def test_future_negated_wish_is_a_refusal(positions_of):
    got = triples(positions_of("Moldova would not seek membership of NATO, the president said."))
    assert ("MDA", "alliances", "reject") in got


def test_accession_talks_are_about_alliances(positions_of):
    got = triples(positions_of("Norway will not seek to open accession talks with the bloc."))
    assert ("NOR", "alliances", "reject") in got and ("NOR", "talks", "reject") not in got


def test_present_negation_of_recognition_is_a_refusal(positions_of):
    got = triples(positions_of("Serbia does not recognise the independence of Kosovo."))
    assert ("SRB", "recognition", "reject") in got


def test_past_negation_stays_a_fact(positions_of):
    assert positions_of("Serbia did not recognise the result in 2008.") == []


def test_military_as_a_modifier_names_no_armed_forces_issue(positions_of):
    got = triples(positions_of("Kyiv asked Poland for military assistance."))
    assert not any(issue == "armed_forces" for _, issue, _ in got)


def test_refusing_to_stop_shelling_is_a_ceasefire_refusal(positions_of):
    got = triples(positions_of("Officials said Ethiopia would not stop shelling the city."))
    assert ("ETH", "ceasefire", "reject") in got


def test_observers_inference_from_deeds_is_no_refusal(positions_of):
    assert positions_of("Officials said the raids showed that Ethiopia would not stop shelling the city.") == []


def test_bare_on_in_a_user_issue_file_is_a_clear_error(tmp_path):
    from parley.errors import ParleyError
    from parley.positions.taxonomy import load_taxonomy

    path = tmp_path / "issues.yaml"
    path.write_text("issues:\n  power:\n    nouns: [grid, on, off]\n", encoding="utf-8")
    with pytest.raises(ParleyError) as info:
        load_taxonomy([path])
    assert info.value.code == "E070" and "quote" in str(info.value)


def test_stance_cues_keep_on_as_a_word():
    from parley.positions.taxonomy import load_stance_cues

    cues = load_stance_cues()
    assert "on" in cues.needs_prep["call"] and "on" in cues.needs_prep["agree"]


def test_present_negation_of_a_plain_fact_is_no_refusal(positions_of):
    assert positions_of("Ukraine does not have enough troops in the south.") == []
