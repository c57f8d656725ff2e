"""A loaded TABARI verb dictionary is the whole coding scheme, read as TABARI/PETRARCH read it.

Made-up dictionary and sentences (fictional states Valdoria = VLD, Kestrelia = KST, Orvenia = ORV):
built-in verbs stay silent, an event needs an identified target (the next actor after the verb
when no slot names one), one event per sentence for each (code, source, target), the passive
subject as TABARI's source, role-reversing "+ * $" patterns, words before the verb and a
reporting verb the dictionary codes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.issue(3)

VERBS = """\
--- CAUTION [160] ---
WARN

--- PERMIT [080] ---
ALLOW

--- ASSAULT [190] ---
ASSAULT
STORM

--- CENSURE [121] ---
CRITICIZE

--- SHOT [223] ---
SHOT
- + WAS * DEAD IN $ [224]

--- SAID [023] ---
SAID
"""

ACTORS = """\
VALDORIA  [VLD]
VALDORIAN  [VLD]
KESTRELIA  [KST]
ORVENIA  [ORV]
"""


@pytest.fixture(scope="module")
def scheme_code(dictionary_code):
    return dictionary_code(VERBS, ACTORS)


def _coded(events) -> list[tuple[str, str | None, str | None]]:
    return sorted(
        (e.cameo, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
    )


def test_builtin_verbs_code_nothing_beside_a_user_scheme(scheme_code, pattern_code):
    assert scheme_code("Valdoria attacked Kestrelia on Monday.") == []
    assert pattern_code("Russia attacked Ukraine on Monday."), "parley's own scheme codes it"


def test_event_without_a_target_is_not_coded(scheme_code):
    assert scheme_code("Valdoria warned on Monday.") == []
    assert _coded(scheme_code("Valdoria warned Kestrelia on Monday.")) == [("160", "VLD", "KST")]


def test_next_actor_after_the_verb_is_the_target(scheme_code):
    # no slot of "allowed" names Kestrelia: TABARI takes the next actor after the verb
    assert _coded(scheme_code("Valdoria allowed that Kestrelia is a pleasant place.")) == [("080", "VLD", "KST")]


def test_same_event_by_two_verbs_is_reported_once(scheme_code):
    events = scheme_code("Valdoria assaulted and stormed Kestrelia.")
    assert _coded(events) == [("190", "VLD", "KST")]


def test_passive_subject_without_agent_is_the_source(scheme_code):
    events = scheme_code("Valdoria was criticized over its dispute with Kestrelia.")
    assert _coded(events) == [("121", "VLD", "KST")]


def test_role_reversing_pattern_makes_the_subject_the_target(scheme_code):
    events = scheme_code("A Valdorian was shot dead in Kestrelia.")
    assert _coded(events) == [("224", "KST", "VLD")]


def test_reporting_verb_the_dictionary_codes_is_coded_with_its_clause(scheme_code):
    events = scheme_code("Orvenia said that Kestrelia would stay neutral.")
    assert ("023", "ORV", "KST") in _coded(events)


def test_words_before_the_verb_select_the_pattern(dictionary_code):
    code = dictionary_code(
        "--- CENSURE [121] ---\nCRITICIZE\n- HEAVILY * [122]\n\n--- DELAY [120] ---\nDELAY\n- % HAVE * [191]\n",
        ACTORS,
    )
    assert _coded(code("Valdoria heavily criticized Kestrelia.")) == [("122", "VLD", "KST")]
    assert _coded(code("Valdoria criticized Kestrelia.")) == [("121", "VLD", "KST")]
    # "% HAVE *": the coordinated subjects act on each other, whoever else is named
    both = code("Valdoria and Kestrelia have delayed their meeting in Orvenia.")
    assert _coded(both) == [("191", "KST", "VLD"), ("191", "VLD", "KST")]


def test_extend_mode_keeps_builtin_verbs_and_actors(dictionary_code):
    """``dictionary_mode = "extend"``: the user's verbs replace only their own lemmas, so parley's
    built-in verbs and its built-in actor dictionaries still code what the user left out."""
    extend = dictionary_code(VERBS, ACTORS, dictionary_mode="extend")
    assert ("190", "RUS", "UKR") in [
        (e.cameo[:3], e.source.country if e.source else None, e.target.country if e.target else None)
        for e in extend("Russia attacked Ukraine on Monday.")
    ]
    # the user's own verb is still coded with the user's code
    assert ("160", "VLD", "KST") in _coded(extend("Valdoria warned Kestrelia on Monday."))


def test_scheme_mode_leaves_builtin_actors_out(scheme_code):
    assert scheme_code("Russia warned Ukraine on Monday.") == []


def test_unknown_dictionary_mode_is_one_clear_error():
    from parley.errors import SettingsError
    from parley.settings import Settings

    with pytest.raises(SettingsError, match="dictionary_mode"):
        Settings.from_mapping({"dictionary_mode": "merge"})


# -- PETRARCH/TABARI semantics added for issue 3 (agents, reciprocity, modals, multi-word verbs,
# the linear next-actor search) ---------------------------------------------------------------
MORE_VERBS = VERBS + """
--- CONFER [031] ---
CONFER

--- ACT [100] ---
ACT
- INDICATED SHOULD * [1011]

--- SEIZE [1711] ---
SEIZE
WIRE_+TAP {WIRE_+TAPPED WIRE_+TAPPING}
- WILL NOT * [081]

--- BREAK [1717] ---
BREAK {BROKE BROKEN}
"""

AGENTS = """\
AWG {} [NGO~]
MINISTER [~GOV]
"""


@pytest.fixture(scope="module")
def petr_code(scheme_coder):
    """Like ``scheme_code``, with an agents file beside the actors and verbs."""
    return scheme_coder({"user.actors.txt": ACTORS, "user.agents.txt": AGENTS, "user.verbs.txt": MORE_VERBS}, events=True)


def test_agent_written_before_its_country_combines_with_it(petr_code):
    # PETRARCH joins every actor and agent word of a noun phrase, whatever their order
    events = petr_code("AWG Valdoria criticized Kestrelia.")
    assert [(e.cameo, e.source.country, e.source.sector) for e in events] == [("121", "VLD", "NGO")]


def test_coordinated_sources_of_a_cooperative_act_without_target_pair_up(petr_code):
    events = petr_code("Valdoria, Kestrelia and Orvenia conferred on Monday.")
    assert len(_coded(events)) == 6  # every ordered pair of the three
    assert ("031", "ORV", "VLD") in _coded(events) and ("031", "VLD", "KST") in _coded(events)


def test_coordinated_sources_of_a_conflictual_act_without_target_code_nothing(petr_code):
    # PETRARCH pairs coordinated sources only for roots 03-06
    assert petr_code("Valdoria and Kestrelia assaulted on Monday.") == []


def test_pattern_with_its_modal_codes_an_asserted_intention(petr_code):
    events = petr_code("Valdoria indicated it should have acted against Kestrelia.")
    assert _coded(events) == [("1011", "VLD", "KST")]
    assert events[0].factuality == "asserted"


def test_multiword_verb_needs_its_leading_word_and_keeps_its_patterns(petr_code):
    assert _coded(petr_code("Valdoria wire tapped Kestrelia.")) == [("1711", "VLD", "KST")]
    assert petr_code("Valdoria tapped Kestrelia.") == []  # "tap" alone is no wire-tapping
    # the negation sits on "wire", the first word of the verb
    assert _coded(petr_code("Valdoria will not wire tap the phone lines of Kestrelia.")) == [("081", "VLD", "KST")]


def test_next_actor_is_read_on_in_the_text_up_to_a_comma(petr_code):
    assert _coded(petr_code("Valdoria broke into an anti- Kestrelia parade on Saturday.")) == [("1717", "VLD", "KST")]
    assert petr_code("Valdoria broke down, officials in Kestrelia said.") == []
