"""A TABARI/PETRARCH scheme's verbs that the tagger misreads, "$" among the words before the
verb, and dated actor codes, on the team's own sentences and a made-up dictionary set (fictional
states Valdoria = VLD, Kestrelia = KST, Orvenia = ORV, Zarnavia = ZRN):

* a dictionary verb form the tagger takes for a plural noun ("Valdoria stabs Kestrelia"), a
  made-up word it takes for a name or an auxiliary ("quv wex zor", "mirf tolp grax"), standing
  between an actor and a further actor, is read as the verb; a real noun is not ("the parades
  in Valdoria angered Kestrelia");
* a multi-word verb's words after its inflected one must follow it, and tell two lines of one
  lemma apart;
* "SAID $ *" asks for an actor between "said" and the verb; "SAID *" codes the rest;
* "* WITH %" asks for a compound actor (two actors or more) after "with";
* an actor whose only code is dated names no one outside its period (PETRARCH's rule).
"""

from __future__ import annotations

import pytest

VERBS = """\
--- STAB [222] ---
STAB {STABS STABBED}

--- PARADE [017] ---
PARADE

--- SEAL [1721] ---
+SEAL_OFF {+SEALED_OFF +SEALS_OFF +SEALING_OFF}

--- ABANDON [345] ---
ABANDON
+QUV_WEX_ZOR
+QUV_PLIM_DRAX [003]
MIRF_TOLP_+GRAX [002]

--- ANGER [111] ---
ANGER

--- AGREE [081] ---
AGREE
- * WITH % [031]

--- REGRET [111] ---
REGRET
- SAID $ * [113]
- SAID * [114]
"""

ACTORS = """\
VALDORIA  [VLD]
KESTRELIA  [KST]
ORVENIA  [ORV]
ZARNAVIA
\t[ZRN <911226]
"""

AGENTS = """\
TROOPS {}  [~MIL]
"""


@pytest.fixture(scope="module")
def code(scheme_coder):
    """Coded (cameo, source code, target code) triples of a text under the made-up scheme."""
    return scheme_coder({"user.verbs.txt": VERBS, "user.actors.txt": ACTORS, "user.agents.txt": AGENTS})


def test_third_person_verb_tagged_as_plural_noun_is_coded(code):
    assert code("Valdoria stabs Kestrelia.") == {("222", "VLD", "KST")}


def test_misread_verb_before_a_reporting_clause_is_coded(code):
    assert code("Valdoria stabs Kestrelia, the minister said.") == {("222", "VLD", "KST")}


def test_misread_phrasal_verb_keeps_its_particle(code):
    assert code("Valdoria seals off the border with Kestrelia.") == {("1721", "VLD", "KST")}


def test_made_up_multi_word_verb_is_coded(code):
    assert code("Valdoria quv wex zor Kestrelia.") == {("345", "VLD", "KST")}


def test_words_after_a_multi_word_verb_tell_its_lines_apart(code):
    # "+QUV_PLIM_DRAX [003]" and "+QUV_WEX_ZOR" share the lemma "quv"; the words after it decide
    assert code("Valdoria quv plim drax Kestrelia.") == {("003", "VLD", "KST")}


def test_made_up_verb_with_words_before_it_is_coded(code):
    assert code("Valdoria mirf tolp grax Kestrelia.") == {("002", "VLD", "KST")}


def test_plural_noun_governed_by_another_verb_is_not_a_verb(code):
    # "parades" is the subject of "angered": no parade event
    assert code("The parades in Valdoria angered Kestrelia.") == set()


def test_source_between_words_and_verb_needs_an_actor(code):
    assert code("Valdoria said Kestrelia regretted the attack on Orvenia.") == {("113", "KST", "ORV")}
    # a pronoun there is no actor: the pattern without "$" codes it
    assert code("Valdoria said it regretted the attack on Kestrelia.") == {("114", "VLD", "KST")}


def test_dated_only_actor_is_coded_within_its_period(code):
    assert code("Zarnavia stabbed Kestrelia.", date="1990-05-01") == {("222", "ZRN", "KST")}


def test_dated_only_actor_names_no_one_after_its_period(code):
    assert code("Zarnavia stabbed Kestrelia.") == set()
    assert code("Kestrelia stabbed Zarnavia.") == set()


def test_compound_marker_after_the_verb_needs_two_actors(code):
    assert code("Valdoria agreed with Kestrelia and Orvenia.") == {("031", "VLD", "KST"), ("031", "VLD", "ORV")}
    # one actor there is no compound: the verb's own code
    assert code("Valdoria agreed with Kestrelia.") == {("081", "VLD", "KST")}
