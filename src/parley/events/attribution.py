"""Attribution: whose claim is it? Finds the speaker of a reporting verb governing an event.

Handles "X said (that) ...", "..., X said", "according to X" and allegations ("X claimed ...").
Returns the token heading the speaker phrase; the coder resolves it to an actor.
"""

from __future__ import annotations

from typing import Any

from .lexicon import Lexicon

Token = Any


def _is_reporting(tok: Token, lex: Lexicon) -> bool:
    lemma = str(tok.lemma_).lower()
    return tok.pos_ in {"VERB", "AUX"} and (
        lemma in lex.cue("reporting_verbs")
        or lemma in lex.cue("allegation_verbs")
        or lemma in lex.cue("denial_verbs")
    )


def _subject(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    return None


def _according_to(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            for grand in child.children:
                if grand.dep_ == "prep" and grand.lower_ == "to":
                    for obj in grand.children:
                        if obj.dep_ == "pobj":
                            return obj
    return None


def speaker(trigger: Token, lex: Lexicon) -> Token | None:
    """The head token of whoever reports the event, or None when the text asserts it directly."""
    node = trigger
    for _ in range(8):
        found = _according_to(node)
        if found is not None:
            return found
        # "..., the ministry said": the reporting verb hangs below the event as parataxis/ccomp
        for child in node.children:
            if child.dep_ in {"parataxis", "ccomp", "advcl"} and _is_reporting(child, lex) and child.i > trigger.i:
                subj = _subject(child)
                if subj is not None:
                    return subj
        if node is not trigger and _is_reporting(node, lex):
            return _subject(node)
        if node.head is node:
            break
        node = node.head
    return None
