"""TABARI/PETRARCH coding behaviours under a user verb scheme, pinned on the team's own sentences
and a made-up dictionary set (fictional states Valdoria = VLD, Kestrelia = KST):

* every code the dictionary names is an event, also CAMEO's 01 root, which PLOVER leaves untyped;
* a pattern's words are used up by the verb it codes ("SAID WOULD *" on the lower verb: the
  reporting verb is not coded beside it; "* WOULD VISIT" on the upper verb: the visit is not);
* a verb is met in forms the relevance test and the parser's lemma would miss (a prefixed
  irregular verb, a doubled "l", an irregular past the parser keeps as its lemma);
* a slot naming only an agent ("troops") takes the actor of the verb's phrase, joined to it;
* a scheme knows no mood: a verb under "may" or "try to" is coded as asserted;
* a modal is a verb of the scheme ("SHOULD" patterns), read on its clause;
* with "+" before the verb and no "$" after it, the source is the subject of the clause above;
* two verb lines of one lemma ("PAID", "PAY"): the one written as the text's word is read, among
  patterns that say as much;
* "* AT ^ +": the phrase after the preposition is skipped, the target is the next actor;
* an event needs a source and a target the dictionaries identify (PETRARCH2 codes with its
  ``require_dyad`` default): a reporting verb with no actor after it codes nothing, not an
  event with the unidentified target "---".
"""

from __future__ import annotations

import pytest

VERBS = """\
--- SAID [023] ---
SAID

--- FIGHT [190] ---
FIGHT
- SAID WOULD * [173]

--- CONFIRM [024] ---
CONFIRM
- * WOULD VISIT [082]

--- VISIT [042:043] ---
VISIT

--- EASED [012] ---
EASED

--- REBUILD [065] ---
REBUILD

--- FUEL [---] ---
FUEL
- * TERROR [160]

--- DEPLOY [182] ---
DEPLOY

--- SHOULD [101] ---
SHOULD
- SUGGESTED + * DEMAND CONVENTIONS [162]

--- DEMAND [100] ---
DEMAND

--- REGRET [111] ---
REGRET
- NOTED + * [115]

--- PAID [073] ---
PAID
- * VISIT [032]

--- PAY [---] ---
PAY
- * THE UPKEEP [071]

--- WARN [160] ---
WARN
- * AT ^ + [162]

--- SPUR [111] ---
SPUR
- * RECONCILIATION [081]
"""

ACTORS = """\
VALDORIA  [VLD]
KESTRELIA  [KST]
ORVENIA  [ORV]
"""

AGENTS = """\
TROOPS {}  [~MIL]
"""


@pytest.fixture(scope="module")
def code(scheme_coder):
    """Coded (cameo, source code, target code) triples of a text under the made-up scheme."""
    return scheme_coder({"user.verbs.txt": VERBS, "user.actors.txt": ACTORS, "user.agents.txt": AGENTS})


def test_code_of_the_statement_root_is_coded_though_plover_has_no_type(code):
    assert code("Valdoria eased its restrictions on Kestrelia.") == {("012", "VLD", "KST")}


def test_lower_verb_pattern_uses_up_the_reporting_verb(code):
    # FIGHT's "SAID WOULD *" codes the threat; "said" is a word of it, not a comment of its own
    assert code("Valdoria said it would fight Kestrelia.") == {("173", "VLD", "KST")}


def test_reporting_verb_alone_is_still_coded(code):
    assert ("023", "VLD", "KST") in code("Valdoria said Kestrelia was wrong.")


def test_upper_verb_pattern_uses_up_the_verb_it_names(code):
    # CONFIRM's "* WOULD VISIT" is the confirmation; the visit (042:043) is a word of it
    assert code("Valdoria confirmed it would visit Kestrelia.") == {("082", "VLD", "KST")}


def test_visit_alone_is_coded_with_its_mirror(code):
    assert code("Valdoria visited Kestrelia.") == {("042", "VLD", "KST"), ("043", "KST", "VLD")}


def test_prefixed_irregular_verb_passes_the_relevance_test(code):
    assert code("Valdoria rebuilt Kestrelia.") == {("065", "VLD", "KST")}


def test_doubled_l_form_is_met(code):
    assert code("Valdoria fuelled terror in Kestrelia.") == {("160", "VLD", "KST")}


def test_agent_only_object_takes_the_country_of_the_phrase(code):
    # PETRARCH joins the object's agent to the actor of the verb's prepositional phrase
    assert code("Valdoria deployed troops to Kestrelia.") == {("182", "VLD", "KSTMIL")}


def test_agent_only_object_stands_when_the_phrase_names_no_country(code):
    # PETRARCH codes the bare agent ("---MIL") when nothing else is named
    assert code("Valdoria deployed troops yesterday.") == {("182", "VLD", "MIL")}


def test_scheme_codes_a_verb_under_may_as_asserted(code):
    assert code("Valdoria may spur reconciliation with Kestrelia.") == {("081", "VLD", "KST")}


def test_modal_pattern_is_read_on_its_clause_and_uses_up_its_verb(code):
    # "+" before the modal: Kestrelia (its subject) is the target, Valdoria (who suggested) the source
    assert code("Valdoria suggested Kestrelia should demand conventions.") == {("162", "VLD", "KST")}


def test_modal_without_a_pattern_of_words_codes_nothing_itself(code):
    # SHOULD's bare code is left out; the clause's own verb is coded
    assert code("Valdoria should demand money from Kestrelia.") == {("100", "VLD", "KST")}


def test_target_before_the_verb_takes_the_source_from_the_clause_above(code):
    assert code("Valdoria noted Kestrelia regretted the decision.") == {("115", "VLD", "KST")}


def test_line_written_as_the_word_wins_over_a_later_line_of_the_same_lemma(code):
    # PAY [---] comes later and shares the lemma; "paid" is the PAID line's word
    assert code("Valdoria paid Kestrelia.") == {("073", "VLD", "KST")}


def test_other_form_of_the_lemma_reads_its_own_line(code):
    assert code("Valdoria pays Kestrelia.") == set()


def test_pattern_that_says_more_still_wins_across_lines(code):
    assert code("Valdoria paid the upkeep of Kestrelia.") == {("071", "VLD", "KST")}


def test_skip_marker_before_the_target_passes_over_the_prepositions_phrase(code):
    assert code("Valdoria warned at the summit of the rulers of Kestrelia.") == {("162", "VLD", "KST")}
    # the phrase skipped is not the target even when it names an actor
    assert code("Valdoria warned at the Kestrelia of the army of Orvenia.") == {("162", "VLD", "ORV")}


@pytest.mark.parametrize(
    "text",
    [
        "The talks went well, a Valdoria official said on Saturday.",
        "Valdoria said the harvest was poor.",
    ],
)
def test_verb_with_a_source_and_no_identified_target_codes_no_event(code, text):
    # PETRARCH2 keeps an event only with both actors; its one-sided events ("---" as the missing
    # side) exist only when require_dyad is switched off, which its coder never does
    assert code(text) == set()
