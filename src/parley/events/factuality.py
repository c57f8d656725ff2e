"""Factuality: is an event asserted, negated, hypothetical, future or only alleged?

The test walks from the trigger up the dependency tree to the root, collecting cues on the way:
negation, modal and future auxiliaries, conditional clauses, and governing verbs or nouns that deny,
refuse, plan, speculate or allege. Precedence: negated > hypothetical > future > alleged > asserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .lexicon import Lexicon

Token = Any  # spacy.tokens.Token

_CLAUSAL = {"ccomp", "xcomp", "advcl", "acl", "relcl", "pcomp", "csubj", "conj", "dobj", "pobj", "prep", "parataxis"}


@dataclass
class Factuality:
    value: str = "asserted"
    cue: str | None = None


def _lemma(tok: Token) -> str:
    return str(tok.lemma_).lower()


def _has_particle(tok: Token, particle: str) -> bool:
    return any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children)


def _reported(node: Token, lex: Lexicon) -> bool:
    """True when ``node``'s clause is the complement of a reporting verb ("said it would ...")."""
    while node.dep_ == "conj":
        node = node.head
    return node.dep_ == "ccomp" and _lemma(node.head) in lex.cue("reporting_verbs") | lex.cue("future_verbs")


def _conditional(node: Token, lex: Lexicon) -> bool:
    """True when a conditional clause ("if ...") hangs on ``node`` or the sentence is one."""
    return any(t.lower_ in lex.cue("conditional_markers") and t.dep_ == "mark" for t in node.doc)


def judge(trigger: Token, lex: Lexicon) -> Factuality:
    """Classify the factuality of the event whose trigger is ``trigger``."""
    negated = hypothetical = future = alleged = None
    node = trigger
    hops = 0
    via_conj = False  # we reached ``node`` from one of its conjuncts
    conj_has_aux = False  # ... and that conjunct has auxiliaries of its own
    in_relcl = False  # we left a relative clause: only allegation and denial still apply
    while True:
        lemma = _lemma(node)
        if hops > 0 and via_conj:
            pass  # "wants X and has ruled out Y": the first verb's meaning is not the second's
        elif hops > 0 and in_relcl:
            # "accused Serbia of arming gunmen who attacked police": the attack is alleged too
            if lemma in lex.cue("allegation_verbs"):
                alleged = alleged or f"alleged: {node.text}"
            elif lemma in lex.cue("denial_verbs") and node.i < trigger.i:
                negated = negated or f"denied: {node.text}"
        elif hops > 0:
            if lemma in lex.cue("denial_verbs") and node.i < trigger.i:
                negated = negated or f"denied: {node.text}"
            elif lemma in lex.cue("refusal_verbs") or (lemma == "rule" and _has_particle(node, "out")):
                negated = negated or f"refused: {node.text}"
            elif lemma in lex.cue("speculation_verbs"):
                hypothetical = hypothetical or f"expected: {node.text}"
            elif lemma in lex.cue("allegation_verbs"):
                alleged = alleged or f"alleged: {node.text}"
            elif lemma in lex.cue("future_verbs") and node.pos_ in {"VERB", "ADJ", "AUX"}:
                future = future or f"planned: {node.text}"
            elif lemma in lex.cue("irrealis_verbs") or lemma in lex.cue("irrealis_nouns"):
                hypothetical = hypothetical or f"wanted: {node.text}"
        own_aux = hops == 0 or not (via_conj and conj_has_aux)
        for child in node.children:
            dep = child.dep_
            if (not own_aux or in_relcl) and dep in {"aux", "auxpass", "neg", "mark", "advmod"}:
                continue
            if hops > 0 and dep == "neg" and lemma in lex.cue("speculation_verbs"):
                continue  # "analysts do not expect X to withdraw": X stays hypothetical
            word = child.lower_
            if dep == "neg" or (dep in {"advmod", "det"} and word in {"never", "no"} and hops == 0):
                # a negation on a governing verb negates its complement ("will not accept any
                # demand to withdraw"), except on verbs that already flip it (refuse, deny)
                if hops == 0 or _lemma(node) not in lex.cue("denial_verbs") | lex.cue("refusal_verbs"):
                    negated = negated or f"negation: {child.text}"
            elif dep in {"aux", "auxpass"}:
                if word in {"would", "'d"} and _reported(node, lex) and not _conditional(node, lex):
                    # "X said it would release them": the future seen from the past
                    future = future or f"future: {child.text}"
                elif word in lex.cue("hypothetical_auxiliaries"):
                    hypothetical = hypothetical or f"modal: {child.text}"
                elif word in lex.cue("future_auxiliaries"):
                    future = future or f"future: {child.text}"
                elif word == "going" or _lemma(child) == "go":
                    future = future or "going to"
            elif dep == "mark" and word in lex.cue("conditional_markers"):
                hypothetical = hypothetical or f"condition: {child.text}"
            elif dep == "advmod" and word in lex.cue("allegation_adverbs"):
                alleged = alleged or f"alleged: {child.text}"
        head = node.head
        if head is node or hops > 8:
            break
        if node.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
            # "plans to attack": the noun's meaning applies, the clause around the noun does not
            noun = _lemma(head)
            if noun in lex.cue("irrealis_nouns"):
                hypothetical = hypothetical or f"wanted: {head.text}"
            break
        # stop at a reporting verb that is not an allegation or denial: beyond it, cues belong to
        # the reporting clause ("X said it would not ...": the negation is X's, kept below)
        if node.dep_ not in _CLAUSAL and node.dep_ not in {"aux", "amod", "compound", "nsubj", "nsubjpass", "attr", "oprd", "acomp", "npadvmod", "advmod", "appos"}:
            break
        via_conj = node.dep_ == "conj"
        conj_has_aux = via_conj and any(c.dep_ in {"aux", "auxpass"} for c in node.children)
        in_relcl = in_relcl or node.dep_ == "relcl"
        node = head
        hops += 1
    if negated:
        return Factuality("negated", negated)
    if hypothetical:
        return Factuality("hypothetical", hypothetical)
    if future:
        return Factuality("future", future)
    if alleged:
        return Factuality("alleged", alleged)
    return Factuality("asserted", None)
