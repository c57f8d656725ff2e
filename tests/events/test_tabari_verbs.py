"""TABARI/PETRARCH verb dictionaries and discard lists as user extensions of the event lexicon.

The dictionary, actors and sentences here are made up for these tests (fictional states Valdoria
= VLD and Kestrelia = KST)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.actors import load_dictionary, load_file
from parley.errors import DictionaryError
from parley.events import is_relevant, load_lexicon
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


def _patterns(files: dict[str, Path], lemma: str) -> dict[tuple[str, frozenset[str]], str]:
    user = convert(read_verb_dictionary(files["verbs"]))
    return {(p.particle, p.objects): p.cameo for p in user.patterns if p.lemma == lemma}


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


def test_patterns_map_to_particle_objects_and_target_slot(files):
    sever = _patterns(files, "sever")
    assert sever[("", frozenset({"trade+ties", "trade+tie", "naval+ties", "naval+tie"}))] == "1621"
    assert sever[("", frozenset({"ties", "tie"}))] == "162"
    assert sever[("", frozenset())] == "161"
    # words before the verb, a code that is not CAMEO, an object with its own complement: skipped
    assert "999" not in sever.values() and "163" not in sever.values()
    user = convert(read_verb_dictionary(files["verbs"]))
    reasons = " ".join(user.skipped)
    assert "words before the verb" in reasons and "[abc]" in reasons and "prepositional complement" in reasons
    ties = next(p for p in user.patterns if p.lemma == "sever" and p.cameo == "162")
    assert ties.targets == ("with",)
    # nested synsets expand; the preposition before "+" holds the target
    money = frozenset({"crowns", "crown", "silver+marks", "silver+mark", "gold+bars", "gold+bar"})
    assert _patterns(files, "donate")[("", money)] == "071"
    assert next(p for p in user.patterns if p.lemma == "donate" and p.objects).targets == ("to",)
    # "+" after a preposition and nothing else: the preposition is what the pattern asks for
    assert _patterns(files, "hail") == {("", frozenset()): "-", ("at", frozenset()): "042"}
    # the phrasal verb keeps its particle; its patterns apply to it too
    assert _patterns(files, "cut")[("off", frozenset())] == "161"


def test_verb_and_noun_forms_are_lemmatised():
    assert verb_lemmas("SAID") == ["say"]
    assert "repel" in verb_lemmas("REPELLED") and "ease" in verb_lemmas("EASED")
    assert "exchange" in verb_lemmas("EXCHANG") and "defy" in verb_lemmas("DEFIE")
    assert noun_forms("TIES") == ["ties", "tie"] and "party" in noun_forms("PARTIES")
    assert normalise_code("064:064") == "064" and normalise_code("075A") == "075"
    assert normalise_code("---") == "-" and normalise_code("+++") is None


def test_user_verb_replaces_every_builtin_pattern_of_its_lemma(files):
    builtin = load_lexicon()
    agree = {(p.particle, p.objects): p.cameo for p in builtin.patterns_for("agree")}
    assert agree[("", frozenset())] == "030" and len(agree) > 1  # built-in "agree" has more patterns
    lex = load_lexicon(user_files=[files["verbs"], files["actors"]])
    # the user's scheme defines AGREE: its one pattern is all the lexicon keeps for the lemma
    assert [(p.particle, p.objects, p.cameo) for p in lex.patterns_for("agree")] == [("", frozenset(), "081")]
    # a verb the user leaves out keeps its built-in patterns
    assert lex.patterns_for("attack") == builtin.patterns_for("attack") != []
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
    by_conditions = {(p.conditions, p.objects): (p.cameo, p.reverse_code) for p in user.patterns}
    assert by_conditions[(frozenset(), frozenset())] == ("050", None)  # the verb's own pattern stays
    assert by_conditions[(frozenset({"negated"}), frozenset())] == ("112", None)
    assert by_conditions[(frozenset({"negated"}), frozenset({"aid"}))][0] == "054"
    assert by_conditions[(frozenset({"compound_subject"}), frozenset())] == ("030", "030")
    # words before the verb that are not a negation are still skipped
    assert "023" not in {p.cameo for p in user.patterns} and "191" not in {p.cameo for p in user.patterns}


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
    assert next(p for p in user.patterns if p.particle == "with").targets == ("with",)


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


def test_later_block_for_another_form_of_a_verb_redefines_the_lemma(tmp_path):
    # the coder matches lemmas: "FOUGHT" after "FIGHT" is the code of every form of "fight"
    path = tmp_path / "forms.verbs.txt"
    path.write_text("--- FIGHT [190:190] ---\nFIGHT\n\n--- FOUGHT [193:195] ---\nFOUGHT\n", encoding="utf-8")
    fight = [p for p in convert(read_verb_dictionary(path)).patterns if p.lemma == "fight"]
    assert [(p.cameo, p.reverse_code) for p in fight] == [("193", "195")]
