"""Each field of the event record on hand-written sentences."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.issue(2)


def _one(events, event_type):
    found = [e for e in events if e.event_type == event_type]
    assert found, [e.to_dict() for e in events]
    return found[0]


def test_cameo_quad_class_and_goldstein_follow_the_published_mappings(code):
    event = _one(code("Russia attacked Ukrainian positions near Bakhmut."), "ASSAULT")
    assert event.cameo == "190"
    assert event.quad_class == 4
    assert event.goldstein == -10.0
    assert event.context == "military"


def test_mode_comes_from_the_cameo_code(code):
    event = _one(code("Hamas released three Israeli hostages."), "RETREAT")
    assert event.cameo == "0841"
    assert event.mode == "release"


def test_capital_that_is_struck_is_a_place_and_its_country_the_target(code):
    event = _one(code("Russia attacked Kyiv with missiles on Monday."), "ASSAULT")
    assert event.target.country == "UKR" and event.target.sector is None
    assert event.location is not None and event.location.name == "Kyiv"
    assert 50 < event.location.lat < 51


def test_location_from_a_venue_resolves_offline(code):
    event = _one(code("Serbian and Kosovo negotiators met in Brussels on Tuesday."), "CONSULT")
    assert event.location is not None and event.location.country == "BEL"
    assert all(a is None or a.country != "BEL" for a in (event.source, event.target))


def test_according_to_gives_attribution(code):
    event = _one(code("According to the Sudanese army, the RSF shelled a camp near El Fasher."), "ASSAULT")
    assert event.attribution is not None and event.attribution.country == "SDN"
    assert event.source.country == "SDN" and event.source.sector == "REB"


def test_washington_as_metonym_for_the_us_government(code):
    event = _one(code("Washington imposed sanctions on Iranian oil exporters."), "COERCE")
    assert event.source.country == "USA" and event.source.sector == "GOV"
    assert event.target is not None and event.target.country == "IRN"


def test_leader_resolves_by_publication_date(code):
    then = _one(code("Poroshenko accused Russia of sending tanks.", date="2014-08-28"), "ACCUSE")
    later = _one(code("Poroshenko accused Russia of sending tanks.", date="2026-03-12"), "ACCUSE")
    assert then.source.country == "UKR" and then.source.sector == "GOV"
    assert later.source.country == "UKR" and later.source.sector != "GOV"


def test_modal_could_makes_an_event_hypothetical(code):
    event = _one(code("Israel could strike Iranian nuclear sites within weeks."), "ASSAULT")
    assert event.factuality == "hypothetical"


def test_reported_would_is_future(code):
    event = _one(code("Hamas said it would release six hostages on Saturday.", date="2025-02-19"), "RETREAT")
    assert event.factuality == "future"
    assert event.source.country == "PSE"
    assert event.date == "2025-02-22"


def test_refused_to_is_negated(code):
    events = code("The soldiers refused to surrender their weapons.")
    assert all(e.factuality != "asserted" for e in events if e.event_type == "RETREAT")


def test_speculation_not_expected_stays_hypothetical(code):
    event = _one(code("Analysts do not expect Venezuela to withdraw its troops."), "RETREAT")
    assert event.factuality == "hypothetical"


def test_the_two_sides_resolve_to_the_last_pair_of_parties(pipeline):
    from parley.jobs import extract_text

    text = (
        "India accused Pakistan of shelling villages in Kashmir. "
        "The two sides will hold talks on Monday, officials said."
    )
    events = extract_text(text, date="2025-05-12", pipeline=pipeline).events
    talks = [e for e in events if e.event_type == "CONSULT"]
    assert {(e.source.country, e.target.country) for e in talks} == {("IND", "PAK"), ("PAK", "IND")}
    assert all(e.factuality == "future" for e in talks)


def test_the_two_sides_resolve_to_states_named_in_a_sentence_with_no_event(pipeline):
    from parley.jobs import extract_text

    text = "Tensions between Chile and Bolivia have run high for years. The two countries signed a border treaty on Friday."
    events = extract_text(text, date="2025-05-12", pipeline=pipeline).events
    signed = [e for e in events if e.trigger == "signed"]
    assert {(e.source.country, e.target.country) for e in signed} == {("CHL", "BOL"), ("BOL", "CHL")}


def test_places_named_in_a_sentence_with_no_event_are_not_the_two_sides(pipeline):
    from parley.jobs import extract_text

    text = "Earlier rounds were held in Geneva and in Vienna. The two sides signed a border treaty on Friday."
    events = extract_text(text, date="2025-05-12", pipeline=pipeline).events
    assert not any(e.source is not None and e.source.country in {"CHE", "AUT"} for e in events)


def test_pronoun_subject_resolves_to_the_speaker(code):
    event = _one(code("Ukraine's air force said it shot down 40 drones."), "ASSAULT")
    assert event.source.country == "UKR"


def test_confidence_is_a_probability_and_higher_with_a_resolved_target(code):
    with_target = _one(code("Russia attacked Ukraine."), "ASSAULT")
    without = _one(code("Gunmen attacked overnight."), "ASSAULT") if code("Gunmen attacked overnight.") else None
    assert 0 <= with_target.confidence <= 1
    if without is not None:
        assert without.confidence < with_target.confidence


def test_user_dictionary_adds_an_actor(tmp_path):
    from parley.jobs import extract_text
    from parley.pipeline import Pipeline
    from parley.settings import Settings

    custom = tmp_path / "fictional.yaml"
    custom.write_text(
        "- name: Republic of Arnor\n  country: ARN\n  patterns: [Arnor]\n"
        "- name: Gondor\n  country: GON\n  patterns: [Gondor]\n",
        encoding="utf-8",
    )
    pipeline = Pipeline(Settings(dictionaries=(str(custom),)))
    event = _one(extract_text("Arnor attacked Gondor.", date="2026-03-12", pipeline=pipeline).events, "ASSAULT")
    assert (event.source.country, event.target.country) == ("ARN", "GON")
