"""PETRARCH behaviours found by reading its source (the source audit), pinned on the team's own
sentences and a made-up dictionary set (fictional states Valdoria = VLD, Kestrelia = KST,
Orvenia = ORV; Tamsin Orrel, a Valdorian, and Brannoc, an Orvenian, are named in the actors
file with their state's code only, Vesk with dated Orvenian codes):

* a noun phrase is coded by its first actor and the agents in it: a title between a state and
  a name ("Valdoria Prime Minister Tamsin Orrel") makes the phrase the state's agent (VLDGOV),
  whatever code the name has on its own, also a dated person's; the name alone, or under a
  bare title, keeps its own code;
* every word a pattern writes before the verb is a word the sentence must have: a negated
  pattern naming an adverb ("&NEGATION EVER *") does not code a negation without it, which the
  plainer negated pattern ("&NEGATION *") codes;
* "+++" and "###" (TABARI's old discard codes) are codes like any other to PETRARCH: an actor
  coded so is named and its events are coded with that code; "---" alone is no one;
* a verb coded, PETRARCH goes on past the end of its phrase: a verb inside that phrase ("attacked
  Kestrelia after Orvenia praised it") codes nothing; a verb conjoined to it has a phrase of its
  own, and a verb the dictionary lacks ("decided to attack") leaves its phrase to be read;
* a discard phrase is found as PETRARCH finds it, as a stem: "HAILSTONE" discards a sentence
  with "hailstones", from the start of a word only;
* a name two entries of the dictionaries give is the first entry's, as PETRARCH keeps them in the
  order read ("MARCHLANDER [VLD]" before "HIGH_MARCH [ORV] +MARCHLANDER");
* with no user dictionary, none of this applies (the built-in scheme's own tests pin it).
"""

from __future__ import annotations

import pytest

VERBS = """\
--- PRAISE [051] ---
PRAISE

--- ATTACK [190] ---
ATTACK

--- CLASH [190] ---
CLASH
- &NEGATION EVER * WITH + [057]
- &NEGATION * WITH + [036]

&NEGATION
+DID N'T
+WILL NOT
"""

ACTORS = """\
MARCHLANDER  [VLD]
VALDORIA  [VLD]
KESTRELIA  [KST]
ORVENIA  [ORV]
TAMSIN_ORREL  [VLD]
BRANNOC  [ORV]
VESK
	[ORV <950601]
	[ORVGOV 19950601 - 20391231]
THE_GREY_WANDERER  [+++]
THE_OLD_HERMIT  [---]
HIGH_MARCH  [ORV]
+MARCHLANDER
"""

AGENTS = """\
PRESIDENT  [~GOV]
PRIME_MINISTER  [~GOV]
FOREIGN_MINISTER  [~GOV]
GENERAL  [~MIL]
"""

DISCARDS = """\
HAILSTONE
+CHESS OLYMPIAD
"""


@pytest.fixture(scope="module")
def code(scheme_coder):
    """Coded (cameo, source code, target code) triples of a text under the made-up scheme."""
    return scheme_coder({
        "audit.verbs.txt": VERBS, "audit.actors.txt": ACTORS, "audit.agents.txt": AGENTS,
        "audit.discards.txt": DISCARDS,
    })


@pytest.fixture(scope="module")
def user(code):
    """The pipeline with the made-up scheme loaded."""
    return code.pipeline


# -- a noun phrase: its first actor and its agents --------------------------------------------


def test_title_before_a_named_person_codes_the_states_agent(code):
    assert code("Valdoria Prime Minister Tamsin Orrel praised Kestrelia.") == {("051", "VLDGOV", "KST")}


def test_title_before_a_name_of_another_state_keeps_the_first_actor(code):
    # PETRARCH takes the phrase's first actor; the name's own code does not replace it
    assert code("Valdoria Foreign Minister Brannoc praised Kestrelia.") == {("051", "VLDGOV", "KST")}


def test_titled_name_as_target(code):
    assert code("Kestrelia praised Orvenia General Brannoc.") == {("051", "KST", "ORVMIL")}


def test_title_of_one_state_before_a_dated_person_of_another_codes_the_first_state(code):
    # Vesk's own code on the date is ORVGOV; the phrase's first actor is Valdoria
    assert code("Valdoria President Vesk praised Kestrelia.") == {("051", "VLDGOV", "KST")}


def test_dated_person_under_a_bare_title_keeps_the_persons_code(code):
    assert code("President Vesk praised Kestrelia.") == {("051", "ORVGOV", "KST")}


def test_name_alone_keeps_its_own_code(code):
    assert code("Tamsin Orrel praised Kestrelia.") == {("051", "VLD", "KST")}


def test_titled_name_mention_spans_the_whole_phrase(user):
    doc = user.nlp("Valdoria Prime Minister Tamsin Orrel arrived on Monday.")
    mentions = user.matcher.find_mentions(doc)
    assert [(doc[m.start:m.end].text, m.actor.code) for m in mentions] == [
        ("Valdoria Prime Minister Tamsin Orrel", "VLDGOV")
    ]


# -- every word of a negated pattern --------------------------------------------------------


def test_negated_pattern_with_an_adverb_needs_the_adverb(code):
    assert code("Valdoria didn't clash with Kestrelia.") == {("036", "VLD", "KST")}


def test_negated_pattern_with_its_adverb_present_is_coded(code):
    assert code("Valdoria will not ever clash with Kestrelia.") == {("057", "VLD", "KST")}


def test_other_negation_form_of_the_synset(code):
    assert code("Valdoria will not clash with Kestrelia.") == {("036", "VLD", "KST")}


# -- "+++" is a code, "---" is no one ------------------------------------------------------


def test_actor_coded_plus_is_a_source(code):
    assert code("The Grey Wanderer praised Kestrelia.") == {("051", "+++", "KST")}


def test_actor_coded_plus_is_a_target(code):
    assert code("Kestrelia praised the Grey Wanderer.") == {("051", "KST", "+++")}


def test_actor_coded_dashes_names_no_target(code):
    assert code("Kestrelia praised the Old Hermit.") == set()


def test_placeholder_codes_are_read_into_the_sector_slot():
    from parley.actors.tabari_files import cameo_parts

    assert cameo_parts("+++") == (None, "+++")
    assert cameo_parts("###") == (None, "###")
    assert cameo_parts("---") == (None, "---")


# -- past the end of a coded verb's phrase ----------------------------------------------------


def test_verb_inside_a_coded_verbs_phrase_codes_nothing(code):
    assert code("Valdoria attacked Kestrelia after Orvenia praised Kestrelia.") == {("190", "VLD", "KST")}


def test_verb_conjoined_to_a_coded_verb_is_coded(code):
    assert code("Valdoria attacked Kestrelia and praised Orvenia.") == {("190", "VLD", "KST"), ("051", "VLD", "ORV")}


def test_verb_under_a_verb_the_dictionary_lacks_is_coded(code):
    assert code("Valdoria decided to attack Kestrelia.") == {("190", "VLD", "KST")}


def test_clause_before_the_coded_verb_is_coded(code):
    assert code("After Orvenia praised Kestrelia, Valdoria attacked Kestrelia.") == {
        ("051", "ORV", "KST"), ("190", "VLD", "KST"),
    }


# -- discards are stems ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Valdoria praised Kestrelia after the hailstone storm.",
        "Valdoria praised Kestrelia after the hailstones fell.",
        "Valdoria praised Kestrelia at the chess olympiads.",
    ],
)
def test_discard_phrase_is_read_as_a_stem(code, text):
    assert code(text) == set()


def test_discard_stem_starts_a_word(code):
    assert code("Valdoria praised Kestrelia for the antihailstone nets.") == {("051", "VLD", "KST")}


def test_stem_discard_helper():
    from parley.events.lexicon import phrase_regex

    def stem_discarded(sentence: str, phrases: tuple[str, ...]) -> bool:
        regex = phrase_regex(phrases, stems=True)
        return regex is not None and regex.search(sentence) is not None

    assert stem_discarded("Two typhoons struck.", ("typhoon",))
    assert not stem_discarded("A supertyphoon struck.", ("typhoon",))
    assert not stem_discarded("Anything at all.", ())


# -- the first of two entries for one name ------------------------------------------------------


def test_name_of_two_entries_is_the_first_read(code):
    assert code("Marchlander envoys praised Kestrelia.") == {("051", "VLD", "KST")}


def test_other_name_of_the_later_entry_keeps_its_code(code):
    assert code("The High March praised Kestrelia.") == {("051", "ORV", "KST")}
