"""TABARI/PETRARCH verb dictionaries and discard lists as user extensions of the event lexicon.

The dictionary, actors and sentences here are made up for these tests (fictional states Valdoria
= VLD and Kestrelia = KST)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.actors import load_dictionary, load_file
from parley.errors import DictionaryError
from parley.events import is_relevant, load_lexicon
from parley.events.lexicon import sequence_regex
from parley.events.tabari_verbs import (
    convert,
    normalise_code,
    noun_forms,
    read_discards,
    read_verb_dictionary,
    verb_lemmas,
)

pytestmark = pytest.mark.issue(3)

VERBS = """\
<!-- parley test verbs: a made-up dictionary
     in the TABARI/PETRARCH format -->
&TIEKINDS   # kinds of ties
+TRADE
+NAVAL_

&MONEY
+CROWNS
+SILVER MARKS
+&METALS

&METALS
+GOLD BARS

--- SEVER  [161] ---
SEVER
+CUT_OFF {+CUTS_OFF +CUTTING_OFF}
- * &TIEKINDS TIES [1621]  # the modifier is required
- * TIES WITH + [162]
- SAID * [999]
- * OUR FRIENDS [abc]
- * MEMOS ON TRADE [163]

--- DONATE [070] ---
DONATE
GIVE {GAVE GIVEN} [071]  ; a legacy comment
- * &MONEY TO + [071]

--- HAIL  [###] ---
HAIL
- * AT ^ + [042]

--- AGREE [081] ---
AGREE
"""

ACTORS = """\
VALDORIA  [VLD]
KESTRELIA  [KST]
"""


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    verbs = tmp_path / "test.verbs.txt"
    verbs.write_text(VERBS, encoding="utf-8")
    actors = tmp_path / "test.actors.txt"
    actors.write_text(ACTORS, encoding="utf-8")
    discards = tmp_path / "test.discards.txt"
    discards.write_text("# sports pages\nCUP FINAL\n+CHESS_OLYMPIAD   # story level\n", encoding="utf-8")
    return {"verbs": verbs, "actors": actors, "discards": discards}


def _code_for(files: dict[str, Path], lemma: str, words: str, conditions: frozenset[str] = frozenset()) -> str | None:
    """The code of the first user pattern (in the lexicon's order) for ``lemma`` whose word
    sequence matches ``words`` (the words after the verb), with no words asked for before the
    verb and whose conditions are ``conditions``."""
    lex = load_lexicon(user_files=[files["verbs"]])
    after = "".join(" " + w for w in words.lower().split())
    for p in lex.patterns_for(lemma):
        if p.conditions == conditions and p.before is None and (p.sequence is None or sequence_regex(p.sequence).search(after)):
            return p.cameo
    return None


def test_reader_parses_synsets_blocks_patterns_and_comments(files):
    vd = read_verb_dictionary(files["verbs"])
    assert vd.synsets["tiekinds"] == ("trade", "naval")
    assert vd.synsets["money"] == ("crowns", "silver marks", "&METALS")
    assert [b.name for b in vd.blocks] == ["SEVER", "DONATE", "HAIL", "AGREE"]
    sever = vd.blocks[0]
    assert sever.code == "161" and [v.verb for v in sever.verbs] == ["sever", "cut"]
    assert sever.verbs[1].words == ("cut", "off") and sever.verbs[1].forms == ("cuts", "cutting")
    assert [p.line for p in sever.patterns] == [18, 19, 20, 21, 22]
    give = vd.blocks[1].verbs[1]
    assert give.code == "071" and give.forms == ("gave", "given")  # ';' comment dropped
    assert vd.blocks[2].code == "-"  # "[###]" survives the '#' comment rule and codes no event


def test_pattern_words_after_the_verb_match_in_order_with_synsets(files):
    assert _code_for(files, "sever", "naval ties with Kestrelia") == "1621"  # says most, first in file
    assert _code_for(files, "sever", "trade and naval ties") == "1621"  # words between: allowed
    assert _code_for(files, "sever", "ties with Kestrelia") == "162"
    assert _code_for(files, "sever", "relations") == "161"  # the verb's own code
    assert _code_for(files, "sever", "ties") == "161"  # "WITH" is required too
    assert _code_for(files, "sever", "memos on trade") == "163"  # a complement is just more words
    assert _code_for(files, "sever", "trade memos on") == "161"  # order counts
    user = convert(read_verb_dictionary(files["verbs"]))
    assert "[abc]" in " ".join(user.skipped)  # a code that is not CAMEO: skipped
    said = next(p for p in user.patterns if p.cameo == "999")  # "SAID *": words before the verb
    assert said.before is not None and said.sequence is None
    ties = next(p for p in user.patterns if p.lemma == "sever" and p.cameo == "162")
    assert ties.targets == ("with",)
    # nested synsets expand; plural nouns match; the preposition before "+" holds the target
    assert _code_for(files, "donate", "two million silver marks to Kestrelia") == "071"
    assert _code_for(files, "donate", "gold bars to Kestrelia") == "071"
    assert _code_for(files, "donate", "gold to Kestrelia") == "070"
    assert next(p for p in user.patterns if p.lemma == "donate" and p.sequence).targets == ("to",)
    assert _code_for(files, "hail", "at the border of Kestrelia") == "042"
    assert _code_for(files, "hail", "Kestrelia") == "-"
    # the phrasal verb keeps its particle; its patterns apply to it too
    assert {(p.particle, p.cameo) for p in user.patterns if p.lemma == "cut" and not p.sequence and not p.before} == {("off", "161")}


def test_underscore_asks_for_adjacent_words(tmp_path):
    path = tmp_path / "memo.verbs.txt"
    path.write_text("&KINDS\n+CULTURAL\n+NAVAL\n\n--- HAIL [041] ---\nHAIL\n- * &KINDS_MEMOS [912]\n"
                    "- *_UPON + [097]\n", encoding="utf-8")
    files = {"verbs": path}
    assert _code_for(files, "hail", "cultural memos from Kestrelia") == "912"
    assert _code_for(files, "hail", "cultural secret memos from Kestrelia") == "041"
    assert _code_for(files, "hail", "upon Kestrelia") == "097"
    assert _code_for(files, "hail", "loudly upon Kestrelia") == "041"  # "*_UPON": right after the verb


def test_role_reversing_and_left_context_patterns(tmp_path):
    path = tmp_path / "shot.verbs.txt"
    path.write_text("--- SHOT [223] ---\nSHOT\n- + WAS * DEAD IN $ [224]\n- + * IN $ [075]\n"
                    "- FAILED_TO_* [111]\n", encoding="utf-8")
    user = convert(read_verb_dictionary(path))
    by_code = {p.cameo: p for p in user.patterns if p.lemma == "shoot"}
    assert by_code["224"].conditions == frozenset({"subject_target"})
    assert by_code["224"].targets == ("in",)  # where the source stands
    assert sequence_regex(by_code["224"].before or "").search(" a valdorian was")
    assert by_code["075"].conditions == frozenset({"subject_target"}) and by_code["075"].before is None
    # '_' joins the last word before the verb to it
    failed = sequence_regex(by_code["111"].before or "")
    assert failed.search(" valdoria failed to") and not failed.search(" valdoria failed to really")


def test_verb_and_noun_forms_are_lemmatised():
    assert verb_lemmas("SAID") == ["say"]
    assert "repel" in verb_lemmas("REPELLED") and "ease" in verb_lemmas("EASED")
    assert "exchange" in verb_lemmas("EXCHANG") and "defy" in verb_lemmas("DEFIE")
    assert noun_forms("TIES") == ["ties", "tie"] and "party" in noun_forms("PARTIES")
    assert normalise_code("064:064") == "064" and normalise_code("075A") == "075"
    assert normalise_code("---") == "-" and normalise_code("+++") is None


def test_user_verb_dictionary_is_the_whole_verb_scheme(files):
    builtin = load_lexicon()
    agree = {(p.particle, p.objects): p.cameo for p in builtin.patterns_for("agree")}
    assert agree[("", frozenset())] == "030" and len(agree) > 1  # built-in "agree" has more patterns
    lex = load_lexicon(user_files=[files["verbs"], files["actors"]])
    # the user's scheme defines AGREE: its one pattern is all the lexicon keeps for the lemma
    assert [(p.particle, p.sequence, p.cameo) for p in lex.patterns_for("agree")] == [("", None, "081")]
    # a verb the user leaves out codes nothing: a TABARI dictionary is a complete scheme
    assert lex.user_scheme and lex.patterns_for("attack") == [] and builtin.patterns_for("attack") != []
    assert not builtin.user_scheme
    # a discards list alone leaves parley's own scheme in place
    discards_only = load_lexicon(user_files=[files["discards"]])
    assert not discards_only.user_scheme and discards_only.patterns_for("attack") == builtin.patterns_for("attack")
    assert load_lexicon() is builtin and builtin.patterns_for("agree")[-1].cameo == "030"  # untouched
    assert load_lexicon(user_files=[files["verbs"]]) is lex  # cached by file
    assert lex.user_sources == (str(files["verbs"].resolve()),) and builtin.user_sources == ()
    # a code missing from cameo.tsv takes its parent's type; the user's own word forms trigger
    assert lex.cameo_info("1621").plover == builtin.cameo_info("162").plover
    assert is_relevant("Kestrelia gave nothing.", lex)


def test_malformed_verb_file_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.verbs"
    bad.write_text("--- SEVER [161] ---\nSEVER\n- TIES WITHOUT A VERB [162]\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        read_verb_dictionary(bad)
    assert info.value.code == "E085"
    assert f"{bad}:3:" in info.value.line() and "\n" not in info.value.line()
    bad.write_text("- * TIES [162]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r":1: .*before any"):
        read_verb_dictionary(bad)
    bad.write_text("<!-- nothing but a comment -->\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        load_lexicon(user_files=[bad])
    assert info.value.code == "E087"


def test_discards_stop_sentences_from_being_coded(files):
    discards = read_discards(files["discards"])
    assert discards.sentence == ("cup final",) and discards.story == ("chess olympiad",)
    lex = load_lexicon(user_files=[files["discards"]])
    assert lex.is_discarded("Valdoria attacked Kestrelia after the cup  final.")
    assert not is_relevant("Valdoria attacked Kestrelia after the Cup Final.", lex)
    assert is_relevant("Valdoria attacked Kestrelia.", lex)
    assert not load_lexicon().is_discarded("the cup final")


def test_actor_loader_leaves_verb_files_to_the_lexicon(files):
    dictionary = load_dictionary([files["actors"], files["verbs"], files["discards"]], include_builtin=False)
    assert {e.country for e in dictionary.entries} == {"VLD", "KST"}
    with pytest.raises(DictionaryError) as info:
        load_file(files["verbs"])
    assert info.value.code == "E088" and "event lexicon" in info.value.message


def test_pipeline_codes_with_user_verbs_and_actors(files, pipeline):
    from parley.pipeline import Pipeline
    from parley.records import Document
    from parley.settings import Settings

    settings = Settings(dictionaries=(str(files["actors"]), str(files["verbs"]), str(files["discards"])))
    user = Pipeline(settings, nlp=pipeline.nlp)
    text = ("Valdoria severed naval ties with Kestrelia on Monday. "
            "Valdoria donated two million crowns to Kestrelia. "
            "Valdoria attacked Kestrelia after the cup final.")
    events = user.run_one(Document(doc_id="t", text=text, date="2026-03-12")).events
    coded = {(e.sentence_index, e.cameo, e.source.country if e.source else None, e.target.country if e.target else None)
             for e in events}
    assert (0, "1621", "VLD", "KST") in coded
    assert (1, "071", "VLD", "KST") in coded
    assert not any(e.sentence_index == 2 for e in events)  # discarded


def test_negation_and_compound_marker_before_the_verb_become_conditions(tmp_path):
    path = tmp_path / "cond.verbs.txt"
    path.write_text(
        "&NEGAUX\n+DID N'T\n+WILL NOT\n\n"
        "--- ASSIST [050] ---\nASSIST\n- NOT * [112]\n- &NEGAUX * AID [054]\n- % * [030:030]\n"
        "- SAID * [023]\n- % HAVE * [191]\n",
        encoding="utf-8",
    )
    user = convert(read_verb_dictionary(path))
    by_conditions = {(p.conditions, p.sequence is not None, p.before is not None): (p.cameo, p.reverse_code)
                     for p in user.patterns}
    assert by_conditions[(frozenset(), False, False)] == ("050", None)  # the verb's own pattern stays
    assert by_conditions[(frozenset({"negated"}), False, False)] == ("112", None)
    assert by_conditions[(frozenset({"negated"}), True, False)][0] == "054"
    assert by_conditions[(frozenset({"compound_subject"}), False, False)] == ("030", "030")
    # other words before the verb must precede it in the sentence
    assert by_conditions[(frozenset(), False, True)][0] == "023"
    assert by_conditions[(frozenset({"compound_subject"}), False, True)][0] == "191"
    said = next(p for p in user.patterns if p.cameo == "023")
    assert said.before is not None and sequence_regex(said.before).search(" valdoria said it would")
    assert not sequence_regex(said.before).search(" valdoria")


def test_conditioned_user_pattern_ranks_first_and_keeps_the_plain_one(tmp_path):
    path = tmp_path / "rank.verbs.txt"
    path.write_text("--- ASSIST [050] ---\nASSIST\n- NOT * [112]\n", encoding="utf-8")
    lex = load_lexicon([path])
    assist = lex.patterns_for("assist")
    assert assist[0].conditions == frozenset({"negated"}) and assist[0].cameo == "112"
    assert any(p.cameo == "050" and not p.conditions for p in assist)


def test_merge_verbs_replaces_by_key_or_by_lemma():
    from parley.events.lexicon import VerbPattern, merge_verbs

    base = {"land": [VerbPattern("land", "in", frozenset(), "042", ("in",)),
                     VerbPattern("land", "", frozenset(), "036", ("dobj",))]}
    user = [VerbPattern("land", "", frozenset(), "032", ("dobj",))]
    by_key = merge_verbs(base, user)
    assert [p.cameo for p in by_key["land"]] == ["042", "032"]  # the particle pattern says more
    by_lemma = merge_verbs(base, user, replace_lemmas=True)
    assert [p.cameo for p in by_lemma["land"]] == ["032"]
    assert [p.cameo for p in base["land"]] == ["042", "036"]  # base left alone


def test_user_verb_without_target_marker_looks_for_the_target_last_after_in(tmp_path):
    path = tmp_path / "visit.verbs.txt"
    path.write_text("--- LAND [032:033] ---\nLAND\n- * WITH + [036]\n", encoding="utf-8")
    user = convert(read_verb_dictionary(path))
    plain = next(p for p in user.patterns if p.lemma == "land" and not p.particle)
    assert plain.targets[-1] == "in" and plain.targets.index("with") < plain.targets.index("in")
    assert plain.reverse_code == "033"
    assert next(p for p in user.patterns if p.sequence).targets == ("with",)


def test_user_verb_landing_in_a_state_codes_a_visit_and_its_hosting(tmp_path, pipeline):
    from parley.pipeline import Pipeline
    from parley.records import Document
    from parley.settings import Settings

    verbs = tmp_path / "visit.verbs.txt"
    verbs.write_text("--- LAND [032:033] ---\nLAND\n", encoding="utf-8")
    actors = tmp_path / "visit.actors.txt"
    actors.write_text(ACTORS, encoding="utf-8")
    user = Pipeline(Settings(dictionaries=(str(actors), str(verbs))), nlp=pipeline.nlp)
    text = "The president of Valdoria landed in Kestrelia on Tuesday."
    events = user.run_one(Document(doc_id="v", text=text, date="2026-03-12")).events
    coded = {(e.cameo, e.source.country if e.source else None, e.target.country if e.target else None) for e in events}
    assert ("032", "VLD", "KST") in coded and ("033", "KST", "VLD") in coded


def test_blocks_for_two_forms_of_a_verb_each_keep_their_written_forms(tmp_path):
    # TABARI matches words: "FOUGHT" is the code of "fought", "FIGHT" of "fight", "fights" ...
    path = tmp_path / "forms.verbs.txt"
    path.write_text("--- FIGHT [190:190] ---\nFIGHT\n\n--- FOUGHT [193:195] ---\nFOUGHT\n", encoding="utf-8")
    fight = [p for p in convert(read_verb_dictionary(path)).patterns if p.lemma == "fight"]
    by_code = {p.cameo: p for p in fight}
    assert set(by_code) == {"190", "193"}
    assert "fought" in by_code["193"].forms and "fought" not in by_code["190"].forms
    assert {"fight", "fights", "fighting"} <= by_code["190"].forms


def test_later_block_with_the_same_written_verb_redefines_it(tmp_path):
    path = tmp_path / "again.verbs.txt"
    path.write_text("--- SHOT [---] ---\nSHOT\n\n--- SHOT [223] ---\nSHOT\n", encoding="utf-8")
    shot = [p for p in convert(read_verb_dictionary(path)).patterns if p.lemma == "shoot"]
    assert [p.cameo for p in shot] == ["223"]


def test_tabari_dictionary_set_leaves_builtin_actors_out(files):
    from parley.actors.loaders import is_tabari_scheme

    assert is_tabari_scheme([files["actors"], files["verbs"]])
    assert not is_tabari_scheme([files["actors"]]) and not is_tabari_scheme([files["verbs"], files["discards"]])
    # verbs with actors: the set names every actor it codes, so parley's own are left out
    scheme = load_dictionary([files["actors"], files["verbs"], files["discards"]])
    assert {e.country for e in scheme.entries} == {"VLD", "KST"}
    # actors alone extend parley's dictionaries as before
    extended = load_dictionary([files["actors"]])
    assert {"VLD", "KST"} < {e.country for e in extended.entries} and len(extended.entries) > 2


def test_words_before_the_inflected_verb_must_stand_right_before_it(tmp_path):
    # "WIRE_+TAP": "tap" codes only after "wire"; a pattern's own words come before both
    path = tmp_path / "tap.verbs.txt"
    path.write_text("--- SEIZE [1711] ---\nSEIZE\nWIRE_+TAP {WIRE_+TAPPED}\n- WILL NOT * [081]\n"
                    "- INDICATED SHOULD * [1011]\n", encoding="utf-8")
    user = convert(read_verb_dictionary(path))
    taps = {p.cameo: p for p in user.patterns if p.lemma == "tap"}
    base = sequence_regex(taps["1711"].before or "")
    assert base.search(" valdoria wire") and not base.search(" valdoria") and not base.search(" wire valdoria")
    refusal = taps["081"]
    assert "negated" in refusal.conditions and sequence_regex(refusal.before or "").search(" valdoria will not wire")
    seize = {p.cameo: p for p in user.patterns if p.lemma == "seize"}
    assert seize["1711"].before is None  # a one-word verb asks for nothing before it


def test_modal_words_before_the_verb_mark_the_pattern_modal(tmp_path):
    path = tmp_path / "act.verbs.txt"
    path.write_text("--- ACT [100] ---\nACT\n- INDICATED SHOULD * [1011]\n- HEAVILY * [102]\n", encoding="utf-8")
    by_code = {p.cameo: p for p in convert(read_verb_dictionary(path)).patterns if p.lemma == "act"}
    assert "modal" in by_code["1011"].conditions
    assert "modal" not in by_code["102"].conditions and "modal" not in by_code["100"].conditions
