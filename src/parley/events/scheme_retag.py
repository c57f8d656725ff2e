"""Dictionary verbs the tagger misses, read as verbs under a TABARI/PETRARCH verb scheme.

TABARI and PETRARCH match the words a verb dictionary lists; PETRARCH reads the verbs of its
parser (CoreNLP), which tags differently from spaCy. spaCy's small model often takes a verb in
the third person for a plural noun ("Arnor stabs Gondor", "Arnor cordons off ...") and a made-up
or rare verb for a name ("Arnor klm nop rst Gondor"), and then parses the whole sentence as one
noun phrase, so the coder finds no verb, subject or object.

Under a user scheme, :func:`reread_verbs` looks for a token that is not read as a verb although
it is one of the dictionary's written verb forms (:meth:`Lexicon.form_lemmas`), and that stands
where a verb must stand:

* right after an actor the dictionaries name (the subject), after the words a multi-word verb
  line writes before its inflected word (``KLM_NOP_+RST``), or after one or two nouns the
  dictionaries lack that the actor modifies, the subject's head ("Arnor army stabs Gondor");
* with a further actor after it in the same clause (up to a comma, semicolon or colon);
* not inside a noun phrase that a verb of the sentence governs ("the Arnor parades in Minas
  Tirith angered Gondor": "parades" is the subject of "angered", a noun).

The sentence is then parsed again with that word replaced by a common verb of the same
inflection, which the parser reads as a verb; the parse (heads, dependencies, tags) is kept on
the sentence's own words, with the dictionary verb's lemma, if the stand-in verb has the actor
before it as its subject. Otherwise the sentence stays as parsed.
"""

from __future__ import annotations

from typing import Any

from .lexicon import Lexicon, sequence_regex

Token = Any
Doc = Any

_VERB_POS = frozenset({"VERB", "AUX"})
# parts of speech a mis-tagged verb is given (a plural noun, a name, an adjective, an interjection)
_MISREAD_POS = frozenset({"NOUN", "PROPN", "ADJ", "ADV", "INTJ", "X"})
# dependencies that put a word inside a noun phrase a verb governs (its subject, object, ...)
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "dobj", "iobj", "dative", "pobj", "attr", "oprd",
                           "appos", "npadvmod", "agent"})
_AUXILIARIES = frozenset({"be", "have", "do", "get", "will", "shall", "would", "should", "can", "could", "may",
                          "might", "must"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "--"})
# words that may stand between the subject's actor and a mis-tagged verb besides a verb line's own
_MAX_GAP = 3
# a subject's head noun the dictionaries lack, between its actor and a mis-tagged verb
_MAX_HEAD_WORDS = 2
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
# a verb the parser always reads as one, in each inflection the dictionary forms can have
_STAND_IN = {"s": "pulls", "ing": "pulling", "ed": "pulled"}


def reread_verbs(doc: Doc, token_mention: dict[int, Any], lex: Lexicon, nlp: Any) -> Doc | None:
    """``doc`` parsed again with one mis-tagged dictionary verb read as a verb (see the module
    docstring), or None when the sentence has none. ``token_mention`` maps token indices to the
    actor mentions found in ``doc``; ``nlp`` is the spaCy pipeline to parse with."""
    for tok in doc:
        lemma = _candidate(tok, doc, token_mention, lex)
        if lemma is None:
            continue
        reread = _parse_with_stand_in(doc, tok, lemma, nlp, token_mention)
        if reread is not None:
            return reread
    return None


def _candidate(tok: Token, doc: Doc, token_mention: dict[int, Any], lex: Lexicon) -> str | None:
    """The dictionary lemma of ``tok`` when it is a verb form standing where a verb must stand."""
    misread = tok.pos_ in _MISREAD_POS or (
        # a made-up word the tagger takes for an auxiliary ("Arnor quv wex zor Gondor")
        tok.pos_ == "AUX" and tok.tag_ != "MD" and str(tok.lemma_).lower() not in _AUXILIARIES
    )
    if not misread or tok.i in token_mention or not tok.is_alpha or tok.i == 0:
        return None
    lemmas = lex.form_lemmas(tok.lower_)
    if not lemmas:
        return None
    # the subject: an actor right before the verb, or before the words of its verb line
    start = tok.i
    while start > 0 and start - 1 not in token_mention and tok.i - start < _MAX_GAP:
        start -= 1
    if start == 0 or start - 1 not in token_mention:
        return None
    between = doc[start:tok.i]
    # matched on the words between alone: they must be the words the line writes before it
    words = "".join(" " + t.lower_ for t in between if not t.is_space)
    chosen = None
    for lemma in lemmas:
        patterns = lex.patterns_for(lemma)
        if not between:
            chosen = lemma
            break
        # words between the subject and the verb: only those a verb line writes before it
        if any(p.before and sequence_regex(p.before).search(words) for p in patterns):
            chosen = lemma
            break
    if chosen is None and _subject_head(between, lex):
        # "Valdoria army stabs Kestrelia": the words between name the subject's head, a noun
        # the dictionaries do not know, which the actor before it modifies
        chosen = lemmas[0]
    if chosen is None:
        return None
    # an object: a further actor after the verb in its clause
    if not any(i in token_mention for i in _clause_after(tok, doc)):
        return None
    # not a noun a verb of its clause governs ("the parades in Minas Tirith angered Gondor");
    # a verb beyond a comma is the parser's misreading ("Arnor stabs Gondor, the minister said")
    line_words = {t.i for t in between} | _words_after(tok, doc, lex.patterns_for(chosen))
    node = tok
    while node.head.i != node.i:
        verb = node.head
        if verb.pos_ in _VERB_POS and verb.i not in line_words:
            low, high = sorted((tok.i, verb.i))
            if node.dep_ in _NOMINAL_DEPS and not any(t.text in _CLAUSE_BREAKS for t in doc[low:high]):
                return None
            break
        node = node.head
    return chosen


def _subject_head(between: Any, lex: Lexicon) -> bool:
    """True when the words between an actor and a mis-tagged verb are the head noun of the
    subject the actor modifies ("Valdoria army", "Valdoria's border guards"): up to
    ``_MAX_HEAD_WORDS`` nouns, after an optional possessive, none a dictionary verb form."""
    words = [t for t in between if not t.is_space]
    if words and words[0].text in _POSSESSIVES:
        words = words[1:]
    if not 1 <= len(words) <= _MAX_HEAD_WORDS:
        return False
    return all(t.is_alpha and t.pos_ in _NOUN_POS and not lex.form_lemmas(t.lower_) for t in words)


def _words_after(tok: Token, doc: Doc, patterns: list[Any]) -> set[int]:
    """Tokens right after ``tok`` that a verb line writes after its inflected word
    ("+ABC_AARDVARK_ADVOCATE": the parser may take "advocate" for the verb)."""
    tokens = [t for t in doc[tok.i + 1:] if not t.is_space]
    text = "".join(" " + t.lower_ for t in tokens)
    starts: dict[int, int] = {}
    at = 0
    for t in tokens:
        starts[at + 1] = t.i
        at += 1 + len(t.lower_)
    out: set[int] = set()
    for p in patterns:
        # only a line's own words stand at once after the verb: "^ (word)"
        if not p.sequence or not p.sequence.startswith("^ ("):
            continue
        match = sequence_regex(p.sequence).search(text)
        if match is not None:
            out |= {starts[match.start(g)] for g in range(1, (match.re.groups or 0) + 1) if match.start(g) in starts}
    return out


def _clause_after(tok: Token, doc: Doc) -> list[int]:
    out = []
    for t in doc[tok.i + 1:]:
        if t.text in _CLAUSE_BREAKS:
            break
        out.append(t.i)
    return out


def _stand_in(tok: Token, lemma: str) -> str:
    """A common verb in the inflection of ``tok`` ("stabs" -> "pulls"); a base form or an
    irregular past is given the past, which reads as a finite verb after any subject."""
    word = tok.lower_
    if word != lemma and word.endswith("ing"):
        verb = _STAND_IN["ing"]
    elif word != lemma and word.endswith("s"):
        verb = _STAND_IN["s"]
    else:
        verb = _STAND_IN["ed"]
    return verb.capitalize() if tok.text[:1].isupper() and tok.i == 0 else verb


def _parse_with_stand_in(doc: Doc, tok: Token, lemma: str, nlp: Any, token_mention: dict[int, Any]) -> Doc | None:
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
    from spacy.tokens import Doc as SpacyDoc

    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    words[tok.i] = _stand_in(tok, lemma)
    probe: Any = SpacyDoc(nlp.vocab, words=words, spaces=spaces)
    for _, component in nlp.pipeline:
        probe = component(probe)
    verb = probe[tok.i]
    if verb.pos_ != "VERB":
        return None
    subject = tok.i - 1
    while subject > 0 and subject not in token_mention:
        subject -= 1
    if not any(c.dep_ in {"nsubj", "nsubjpass"} and subject in {t.i for t in c.subtree} for c in verb.children):
        return None
    out: Any = SpacyDoc(doc.vocab, words=[t.text for t in doc], spaces=spaces)
    attrs = [TAG, POS, MORPH, HEAD, DEP, LEMMA]
    out.from_array(attrs, probe.to_array(attrs))
    # the entities found on the sentence as written
    ent_attrs = [ENT_IOB, ENT_TYPE]
    out.from_array(ent_attrs, doc.to_array(ent_attrs))
    out[tok.i].lemma_ = lemma
    return out
