"""Pure parse-tree helpers of the event coder: questions about a spaCy token and its phrase.

Voice ("was struck", "killed or injured"), a verb's patients and listed subjects, the tokens and
lemmas of a noun phrase, negation, "the two sides" and "each other", the words before and after
a verb that a user pattern's word sequence is matched against. None of them reads the lexicon or
the coder's state, so every part of the coder (:mod:`.coder`, :mod:`.verb_senses`,
:mod:`.sources`, :mod:`.targets`, :mod:`.scheme_rules`) shares them.
"""

from __future__ import annotations

from typing import Any

from ..actors import Mention
from ..records import Actor

Token = Any
Doc = Any

_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_TWO_SIDES = {"side", "party", "country", "nation", "government", "neighbour", "neighbor", "rival"}
_TWO_LEADERS = {"leader", "president", "premier", "minister", "head"}
# prepositions of a clause under an object that say where it leads ("roads leading into X")
_PATH_PREPS = {"into", "to", "toward", "towards"}


def _is_modal(tok: Token) -> bool:
    """A modal auxiliary of a verb ("should" in "X should demand ...")."""
    return tok.tag_ == "MD" and tok.dep_ == "aux" and tok.head.pos_ in {"VERB", "AUX"}


def after_words(tok: Token) -> str:
    """The words of ``tok``'s phrase after it, lower case, each preceded by one space: what a
    user pattern's word sequence is matched against (TABARI reads the words after the verb)."""
    return "".join(" " + t.lower_ for t in tok.subtree if t.i > tok.i and not t.is_space)


def before_words(tok: Token) -> str:
    """The sentence's words before ``tok``, lower case, each preceded by one space: what a user
    pattern's words before the verb ("INDICATED SHOULD *") are matched against."""
    return "".join(" " + t.lower_ for t in tok.doc[:tok.i] if not t.is_space)


def _is_passive(tok: Token) -> bool:
    """True for a verb in the passive voice ("was struck by ...", "injured" in "were killed or
    injured")."""
    return _has_passive_marks(tok) or _shares_passive(tok)


def _has_passive_marks(tok: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)


def _shares_passive(tok: Token) -> bool:
    """True when a conjoined participle borrows a passive verb's voice: "were killed or injured"
    (no auxiliary, subject or object of its own, so "injured" is passive too)."""
    return (
        tok.dep_ == "conj" and tok.tag_ == "VBN" and _has_passive_marks(tok.head)
        and not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass", "dobj"} for c in tok.children)
    )


def _patients(tok: Token) -> list[Token]:
    """The passive subjects of ``tok``: its own, or for a participle sharing a passive verb's
    voice, that verb's ("civilians" for "injured" in "civilians were killed or injured")."""
    own = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if own or not _shares_passive(tok):
        return own
    return [c for c in tok.head.children if c.dep_ == "nsubjpass"]


def _object_spec_met(spec: str, objects: set[str]) -> bool:
    """An object spec of verbs.tsv: a lemma, or lemmas joined by "+" that must all be present
    ("suspension+aid": "a suspension of aid")."""
    return all(part in objects for part in spec.split("+"))


def _is_acronym(tok: Token) -> bool:
    """An all-capital word of two to six letters, in a sentence not itself set in capitals (a
    headline in capitals makes every word look like one), not a date, number or named landmark.
    The tagger's GPE guess is no bar: states and their initials are in the actor dictionary and
    found before this fallback, so an unknown acronym tagged GPE is usually a mission ("UNMIK")."""
    text = tok.text
    if not (2 <= len(text) <= 6 and text.isalpha() and text.isupper()):
        return False
    if tok.ent_type_ in {"LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}:
        return False
    return any(t.is_alpha and t.is_lower for t in tok.doc)


def _is_time_phrase(prep: Token) -> bool:
    """A preposition introducing a date or time ("on Nov. 18"), not a verb particle."""
    return any(g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in prep.children)


def _is_two_sides(tok: Token) -> bool:
    """ "the two sides", "both countries", "both sides", "the two leaders" """
    lemma = str(tok.lemma_).lower()
    return (lemma in _TWO_SIDES or lemma in _TWO_LEADERS) and any(c.lower_ in {"two", "both"} for c in tok.children)


def _is_two_leaders(tok: Token) -> bool:
    """ "the two leaders", "both presidents": the two sides' heads, who stay a generic GOV
    agent when no two parties were named before."""
    return str(tok.lemma_).lower() in _TWO_LEADERS


def _is_each_other(tok: Token) -> bool:
    return tok.lower_ in {"other", "another"} and any(c.lower_ in {"each", "one"} for c in tok.children)


def _phrase_lemmas(tok: Token, generic: frozenset[str] = frozenset(), modifiers: frozenset[str] = frozenset()) -> set[str]:
    """What an object phrase names, for matching the `object` column of verbs.tsv: the head's
    lemma and its conjuncts'; a hyphenated head also as one word ("cease-fire" -> "ceasefire",
    "cyber-attack"); and after a generic head ("mediation efforts", "aid package", "peace
    process") the noun that modifies it, which is what the phrase is about; and the few modifiers
    that change the kind of object ("joint exercises"), for a+b specs."""
    lemmas: set[str] = set()
    for head in [tok, *tok.conjuncts]:
        lemma = str(head.lemma_).lower()
        lemmas.update({lemma, head.lower_})
        doc = head.doc
        if head.i >= 2 and doc[head.i - 1].text == "-" and doc[head.i - 2].head.i == head.i:
            left = doc[head.i - 2].lower_
            lemmas.update({f"{left}-{lemma}", f"{left}{lemma}"})
        if lemma in generic:
            lemmas.update(str(c.lemma_).lower() for c in head.children if c.dep_ == "compound")
        lemmas.update(m for c in head.children if c.dep_ in {"amod", "compound"} and (m := c.lower_) in modifiers)
    return lemmas


def _phrase_tokens(head: Token, with_clauses: bool = False) -> list[Token]:
    """Tokens of the noun phrase headed by ``head``, without conjuncts (nor clauses, unless asked)."""
    out = [head]
    skip = {"conj", "cc", "punct", "appos"} | (set() if with_clauses else {"relcl", "acl"})
    stack = [c for c in head.children if c.dep_ not in skip]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in {"conj", "cc", "relcl", "punct"})
    return sorted(out, key=lambda t: t.i)


def _bare_state(actor: Actor) -> bool:
    """A state named alone: a country and no sector."""
    return bool(actor.country) and actor.sector is None


def _modifier_agent(head: Token, token_mention: dict[int, Mention]) -> str | None:
    """Sector of a bare agent modifying a state's name ("MSF Arnor" -> NGO), or None.

    PETRARCH reads every actor and agent word of a noun phrase and joins them whatever their
    order, so an agent written before its country combines with it as one written after does
    ("Arnor MSF", handled by the bare-agent rule)."""
    for mod in head.children:
        if mod.dep_ in {"compound", "amod", "nmod"} and mod.i < head.i and mod.i in token_mention:
            actor = token_mention[mod.i].actor
            if not actor.country and actor.sector:
                return actor.sector
    return None


def _path_heads(tok: Token) -> list[Token]:
    """Places a clause under ``tok``'s object leads to: "the roads leading into X" -> X."""
    objects = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    objects += [g for c in tok.children if c.dep_ in {"prep", "prt"} for g in c.children if g.dep_ == "pobj"]
    return [
        g for obj in objects for clause in obj.children if clause.dep_ == "acl"
        for c in clause.children if c.dep_ == "prep" and c.lower_ in _PATH_PREPS
        for g in c.children if g.dep_ == "pobj"
    ]


def _is_negated(tok: Token) -> bool:
    """ "did not attack", "never attacked", "won't attack": the verb (or its auxiliary) is negated.
    The word right before it counts when it governs it: "will not wire tap", a multi-word verb
    ("WIRE_+TAP") the parser splits into two verbs, the negation on the first."""
    heads = [tok] + ([tok.head] if tok.head.i == tok.i - 1 else [])
    return any(c.dep_ == "neg" for h in heads for c in h.children) or any(
        g.dep_ == "neg" for h in heads for c in h.children if c.dep_ in {"aux", "auxpass"} for g in c.children
    )


def _has_compound_subject(tok: Token) -> bool:
    """ "Gondor and Rohan agreed": the verb's subject (or passive agent) is coordinated."""
    subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
    subjects += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(s.conjuncts or _listed_subjects(s) for s in subjects)


def _listed_subjects(subject: Token) -> list[Token]:
    """Further subjects of the same verb that continue a list ("Lions, tigers, and Gondor
    attacked" parsed with two subjects): each right after a comma or a coordinator."""
    doc = subject.doc
    return [
        c for c in subject.head.children
        if c.dep_ in _SUBJECT_DEPS and c.i > subject.i and c.left_edge.i > 0
        and doc[c.left_edge.i - 1].lower_ in {",", "and", "or"}
    ]


def _complement_clauses(tok: Token) -> list[Token]:
    """The to-clauses that say what ``tok`` is about ("threatened to attack", "agreed to lift",
    "called on X to release"), whose objects are the event's targets."""
    return [
        c for c in tok.children
        if c.dep_ in {"xcomp", "ccomp", "advcl"} and c.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]


# prepositions that say what an object is made of or is a kind of, not whom it is for
_OBJECT_KIND_PREPS = {"of", "in", "as"}


def _object_phrases(tok: Token) -> list[Token]:
    """The heads of ``tok``'s direct object, its conjuncts, and the noun a quantity or group of
    them is of: in "sent vehicles and a team of paratroopers to Lebanon" the "to" phrase hangs
    off "paratroopers", and says where all of it went ("provided 3 million euros in funding to
    Lebanon", "sent supplies and personnel such as doctors to Nepal")."""
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [c for obj in list(objects) for c in obj.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"}]
    for _ in range(2):
        # "a team of paratroopers", "3 million euros in funding", "personnel such as doctors"
        objects += [
            g for obj in list(objects) for c in obj.children if c.dep_ == "prep" and c.lower_ in _OBJECT_KIND_PREPS
            for g in c.children if g.dep_ == "pobj" and g not in objects
        ]
    return objects


def _is_purpose_clause(tok: Token) -> bool:
    """An adverbial to-clause that says what the main act was for ("sent experts to Riyadh to
    investigate the attacks"); its doer is the main clause's."""
    return tok.dep_ == "advcl" and tok.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children)


def _bare_clause_subjects(tok: Token) -> list[Token]:
    """Subjects of the bare-infinitive clauses under ``tok``: "help North Korea cope", "let the
    refugees leave"."""
    return [g for c in tok.children if c.dep_ == "ccomp" and c.tag_ == "VB" for g in c.children if g.dep_ == "nsubj"]


def _prep_objects(prep: Token) -> list[Token]:
    """What a preposition governs: its object, or the object of its participle ("a lawsuit
    against visiting Crown Prince X")."""
    return [g for g in prep.children if g.dep_ == "pobj"] + [
        g for v in prep.children if v.dep_ == "pcomp" and v.tag_ == "VBG" for g in v.children if g.dep_ == "dobj"
    ]
