"""Finding actor mentions in parsed text."""

from __future__ import annotations

import time

import pytest

from parley.actors import ActorMatcher, Mention, load_dictionary

pytestmark = pytest.mark.slow  # loads the spaCy model (once per session)


def only(found, text):
    hits = [m for m in found if m[0] == text]
    assert len(hits) == 1, found
    return hits[0]


def test_metonym_resolves_to_government_without_the_article(mentions):
    found = mentions("The Kremlin said on Monday it would respond.")
    assert found == [("Kremlin", "RUS", "GOV", "metonym")]


def test_capital_resolves_to_government(mentions):
    assert mentions("Washington rejected the offer.") == [("Washington", "USA", "GOV", "capital")]
    assert only(mentions("Officials in Kyiv and Kiev agreed."), "Kiev")[1:] == (
        "UKR",
        "GOV",
        "capital",
    )


def test_metonyms_of_several_countries(mentions):
    found = mentions("The White House, Downing Street and Zhongnanhai all commented.")
    assert [(t, c) for t, c, _, _ in found] == [
        ("White House", "USA"),
        ("Downing Street", "GBR"),
        ("Zhongnanhai", "CHN"),
    ]
    assert all(kind == "metonym" and sector == "GOV" for _, _, sector, kind in found)


def test_country_adjective_and_agent_become_one_mention(mentions):
    assert mentions("Georgian police detained dozens.") == [
        ("Georgian police", "GEO", "COP", "agent")
    ]
    assert only(mentions("Israeli troops entered the town."), "Israeli troops")[1:3] == (
        "ISR",
        "MIL",
    )
    assert only(mentions("The Sudanese army said so."), "Sudanese army")[1:3] == ("SDN", "MIL")


def test_possessive_country_and_agent_become_one_mention(mentions):
    found = mentions("Ukraine's defence ministry said drones were shot down.")
    assert found[0] == ("Ukraine's defence ministry", "UKR", "MIL", "agent")


def test_country_agent_and_person_resolve_to_the_person(nlp, matcher):
    doc = nlp("Russian Foreign Minister Sergei Lavrov met his counterpart.")
    found = matcher.find_mentions(doc, "2024-05-01")
    assert len(found) == 1
    actor = found[0].actor
    assert (actor.text, actor.country, actor.sector, actor.name) == (
        "Russian Foreign Minister Sergei Lavrov",
        "RUS",
        "GOV",
        "Sergei Lavrov",
    )
    assert found[0].kind == "person"
    assert actor.start == 0 and actor.end == len("Russian Foreign Minister Sergei Lavrov")


def test_leader_resolves_by_publication_date(mentions):
    text = "Poroshenko met Zelensky in Kyiv."
    in_2014 = mentions(text, "2014-07-01")
    in_2026 = mentions(text, "2026-01-15")
    assert only(in_2014, "Poroshenko")[1:3] == ("UKR", "GOV")
    assert only(in_2014, "Zelensky")[1:3] == ("UKR", "ELI")  # not yet in office
    assert only(in_2026, "Poroshenko")[1:3] == ("UKR", "ELI")  # former president
    assert only(in_2026, "Zelensky")[1:3] == ("UKR", "GOV")


def test_leader_without_date_uses_most_recent_office(mentions):
    assert only(mentions("Okafor spoke.", None), "Okafor")[1:3] == ("NGA", "GOV")
    assert only(mentions("Okafor spoke.", "2020-06-01"), "Okafor")[1:3] == ("NGA", "ELI")


def test_shared_surname_picks_the_person_in_office(nlp, matcher):
    doc = nlp("Marlow said the talks would go on.")
    assert matcher.find_mentions(doc, "2011-05-01")[0].actor.name == "Alex Marlow"
    assert matcher.find_mentions(doc, "2024-05-01")[0].actor.name == "Jamie Marlow"


def test_agent_then_person_is_the_person(mentions):
    found = mentions("Foreign Minister Sergei Lavrov said so.", "2024-01-01")
    assert found == [("Foreign Minister Sergei Lavrov", "RUS", "GOV", "person")]


def test_bare_agents_have_no_country(mentions):
    found = mentions("The army said protesters attacked the police.")
    assert found == [
        ("army", None, "MIL", "agent"),
        ("protesters", None, "OPP", "agent"),
        ("police", None, "COP", "agent"),
    ]


def test_short_and_ambiguous_names_are_case_sensitive(mentions):
    assert mentions("Let us talk about us.") == []
    assert mentions("The US and Chad met.") == [
        ("US", "USA", None, "state"),
        ("Chad", "TCD", None, "state"),
    ]
    assert mentions("They ate turkey and a chad fell.") == []
    assert [c for _, c, _, _ in mentions("Turkey, also called Türkiye, and Jordan.")] == [
        "TUR",
        "TUR",
        "JOR",
    ]


def test_similar_country_names_are_told_apart(mentions):
    found = mentions(
        "Niger, Nigeria, Guinea, Guinea-Bissau, Equatorial Guinea and Papua New Guinea met "
        "Sudan and South Sudan."
    )
    assert [c for _, c, _, _ in found] == ["NER", "NGA", "GIN", "GNB", "GNQ", "PNG", "SDN", "SSD"]


def test_congo_variants(mentions):
    found = mentions(
        "Congo, the DRC, DR Congo, the Republic of the Congo and Congo-Brazzaville signed."
    )
    assert [c for _, c, _, _ in found] == ["COD", "COD", "COD", "COG", "COG"]


def test_longest_match_wins(mentions):
    assert mentions("The UN Security Council met.") == [("UN Security Council", "UN", "IGO", "org")]
    found = mentions("Palestinian Islamic Jihad fired rockets.")
    assert found == [("Palestinian Islamic Jihad", "PSE", "REB", "group")]


def test_null_phrases_hide_country_names(mentions):
    assert mentions("Ships sailed in the South China Sea and the Indian Ocean.") == []


def test_hyphenated_modifier_is_not_an_actor(mentions):
    found = mentions("Iran-backed militias attacked the base.")
    assert found == [("militias", None, "UAF", "agent")]


def test_groups_resolve_by_date_and_absorb_neighbours(mentions):
    assert only(mentions("The Taliban attacked.", "2015-01-01"), "Taliban")[1:3] == ("AFG", "REB")
    assert only(mentions("The Taliban attacked.", "2023-01-01"), "Taliban")[1:3] == ("AFG", "GOV")
    assert mentions("Lebanese Hezbollah fighters fired.", "2024-01-01") == [
        ("Lebanese Hezbollah fighters", "LBN", "REB", "group")
    ]
    assert mentions("Hamas gunmen fired.")[0][1:] == ("PSE", "REB", "group")


def test_organisation_metonym_and_agents(mentions):
    assert mentions("Brussels warned Budapest.") == [
        ("Brussels", "EU", "IGO", "metonym"),
        ("Budapest", "HUN", "GOV", "capital"),
    ]
    assert mentions("UN peacekeepers left.")[0][1:3] == ("UN", "MIL")


def test_government_word_gives_way_to_specific_agent(mentions):
    assert mentions("Government troops advanced.")[0][1:3] == (None, "MIL")


def test_span_input_gives_document_offsets(nlp, matcher):
    doc = nlp("Nothing here. Then Georgian police arrived in Tbilisi.")
    second = list(doc.sents)[1]
    found = matcher.find_mentions(second, None)
    assert [m.actor.text for m in found] == ["Georgian police", "Tbilisi"]
    for m in found:
        assert isinstance(m, Mention)
        assert doc[m.start : m.end].text == m.actor.text
        assert doc.text[m.actor.start : m.actor.end] == m.actor.text
    assert found[0].actor.name == "Georgia police"
    assert found[0].actor.id == "country:GEO:adj+agent:police"


def test_user_dictionary_entry_is_matched_and_wins_ties(nlp, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "- name: Azov Brigade\n  patterns: [Azov]\n  country: UKR\n  sector: MIL\n"
        "- name: Kremlin Watchers\n  patterns: [Kremlin]\n  country: XYZ\n  sector: NGO\n",
        encoding="utf-8",
    )
    matcher = ActorMatcher(load_dictionary([path]), nlp.vocab)  # a bare Vocab also works
    found = matcher.find_mentions(nlp("Azov fighters and the Kremlin."), None)
    assert [(m.actor.text, m.actor.code) for m in found] == [
        ("Azov fighters", "UKRMIL"),
        ("Kremlin", "XYZNGO"),
    ]


def test_matching_is_cheap_compared_with_parsing(nlp, matcher):
    texts = [
        "Russian troops shelled Kharkiv, Ukraine's defence ministry said on Tuesday.",
        "The UN Security Council met as Israeli troops and Hamas gunmen clashed in Gaza.",
        "Protesters gathered outside parliament while police watched.",
    ] * 100
    docs = list(nlp.pipe(texts))
    started = time.perf_counter()
    total = sum(len(matcher.find_mentions(doc, "2024-01-01")) for doc in docs)
    elapsed = time.perf_counter() - started
    assert total >= 900
    assert elapsed < 1.0  # about 10 ms here; parsing the same texts takes about a second


def test_names_after_anti_or_pro_and_agents_before_held_are_modifiers(mentions):
    assert mentions("A prominent anti-Syria journalist was killed.") == [
        ("journalist", None, "MED", "agent")
    ]
    assert mentions("Pro-Russian separatists attacked.") == [("separatists", None, "REB", "agent")]
    assert mentions("Rebel-held areas were shelled by the Syrian army.") == [
        ("Syrian army", "SYR", "MIL", "agent")
    ]


def test_unknown_first_name_between_title_and_known_surname_is_absorbed(mentions):
    # the fixture spells the name "Sergei"; "Sergey" is listed, "Serguei" is not
    found = mentions("Russian Foreign Minister Serguei Lavrov arrived.", "2024-01-01")
    assert found == [("Russian Foreign Minister Serguei Lavrov", "RUS", "GOV", "person")]
