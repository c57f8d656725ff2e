"""The user-scheme paths of the event coder: reading a TABARI/PETRARCH verb dictionary as they do.

Used only when a user verb dictionary is the whole coding scheme (``Lexicon.user_scheme``): the
sentence parsed again where the tagger missed a dictionary verb; a modal read as a verb
("SHOULD [101]"); a "$" source between words before the verb; a "%" compound actor in a slot;
the words of one verb's pattern used up so that they code nothing else; and TABARI's linear
readings of the target ("* AT ^ +", the next actor after the verb, an agent joined to the
actor of the verb's phrase). Part of :class:`.coder.EventCoder` (see :mod:`.coder_base`).
"""

from __future__ import annotations

from dataclasses import replace

from ..actors import Mention
from ..records import Actor
from .coder_base import CoderBase, _Slot
from .lexicon import VerbPattern, sequence_regex
from .parse_tree import Doc, Token, _is_modal, before_words

# where TABARI's linear search for the next actor after a verb stops
_CLAUSE_BREAKS = frozenset({",", ";", ":", "--", "(", ")"})


class SchemeRules(CoderBase):
    """The TABARI/PETRARCH readings of a user scheme (a mixin of :class:`.coder.EventCoder`)."""

    def _scheme_reread(self, doc: Doc, token_mention: dict[int, Mention]) -> Doc:
        """Under a user scheme, ``doc`` parsed again where the tagger took a dictionary verb
        for a noun or a name ("Arnor stabs Gondor"; see :mod:`.scheme_retag`); else ``doc``."""
        from .scheme_retag import reread_verbs

        if self.nlp is None:
            from ..nlp import load_model

            self.nlp = load_model()
        return reread_verbs(doc, token_mention, self.lex, self.nlp) or doc

    def _actor_in_source_gap(self, tok: Token, pattern: VerbPattern) -> bool:
        """Whether an actor stands where a user pattern's "$" among its words before the verb
        does ("SAID $ *": between "said" and the verb), as TABARI asks: "X said Y regretted"
        names its source there, "X said it regretted" does not."""
        if not pattern.before:
            return False
        tokens = [t for t in tok.doc[:tok.i] if not t.is_space]
        match = sequence_regex(pattern.before).search("".join(" " + t.lower_ for t in tokens))
        if match is None or match.re.groupindex.get("source") is None:
            return False
        gap_start = match.start("source")
        # the gap runs to the next word the pattern names, else to the verb
        later = [match.start(g) for g in range(1, (match.re.groups or 0) + 1) if match.start(g) > gap_start]
        gap_end = min(later, default=match.end())
        names = {i for m in self._current_mentions for i in range(m.start, m.end)}
        at = 0
        for t in tokens:
            if gap_start < at + 1 < gap_end and t.i in names:
                return True
            at += 1 + len(t.lower_)
        return False

    def _compound_in_slot(self, tok: Token, pattern: VerbPattern) -> bool:
        """Whether the slot of a user pattern's "%" after the verb ("* WITH %") names a
        compound actor, two actors or more, as TABARI asks there."""
        heads = self._slot_heads(tok, pattern.targets)
        inside = {t.i for head in heads for t in head.subtree}
        named = {id(m) for m in self._current_mentions if m.start in inside}
        return len(named) >= 2

    def _scheme_used_verbs(self, doc: Doc) -> set[int]:
        """Verbs that are words of another verb's matched pattern, under a user scheme.

        TABARI and PETRARCH read a pattern's words as used up by the verb it codes: with FIGHT's
        "SAID WOULD * [173]", "X said it would fight Y" is one event, the threat, not also X
        commenting; with CONFIRM's "* WOULD VISIT [082]", "X confirmed it would visit Y" is the
        confirmation, not also the visit. A pattern that says more (more literal words) claims
        its words first; a verb already used up claims nothing."""
        claims: list[tuple[int, int, set[int]]] = []
        for tok in doc:
            modal = _is_modal(tok)
            if not modal and tok.pos_ not in {"VERB"} and not (tok.pos_ == "AUX" and tok.lemma_ == "be"):
                continue
            pattern = self._match_modal(tok) if modal else self._match(tok)
            if pattern is None or not (pattern.sequence or pattern.before):
                continue
            phrase = tok.head if modal else tok
            # a modal's clause verb is a word of the modal's pattern ("SHOULD": "* DEMAND ...")
            words: set[int] = {phrase.i} if modal else set()
            if pattern.before:
                words |= _pattern_words(pattern.before, [t for t in doc[:tok.i] if not t.is_space])
            if pattern.sequence:
                words |= _pattern_words(pattern.sequence, [t for t in phrase.subtree if t.i > tok.i and not t.is_space])
            verbs = {i for i in words if doc[i].pos_ == "VERB" or (doc[i].pos_ == "AUX" and doc[i].lemma_ == "be")}
            if verbs:
                claims.append((-pattern.sequence_words, tok.i, verbs))
        used: set[int] = set()
        for _, verb, words in sorted(claims, key=lambda c: (c[0], c[1])):
            if verb not in used:
                used |= words - {verb}
        return used

    @staticmethod
    def _phrase_verbs(tok: Token) -> set[int]:
        """The verbs inside ``tok``'s own verb phrase, after it: PETRARCH, having matched a verb,
        resumes its search past the end of that verb's phrase, so a verb inside it codes
        nothing ("X attacked Y after Z criticized Y" is the attack alone). A verb conjoined to
        it ("attacked Y and accused Z") or a clause set off after it by a comma or a dash
        stands in a phrase of its own."""
        found: set[int] = set()
        for child in tok.rights:
            if child.dep_ in _OWN_PHRASE_DEPS:
                continue
            found |= {t.i for t in child.subtree if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.lemma_ == "be")}
        return found

    def _match_modal(self, tok: Token) -> VerbPattern | None:
        """A user pattern of a modal ("SHOULD": "SUGGESTED + * DEMAND CONVENTIONS [161]") that
        says more than the modal: its words are read on the modal's clause. The modal's bare code
        is left out, since nearly every clause with a modal would code it."""
        head = tok.head
        after = "".join(" " + t.lower_ for t in head.subtree if t.i > tok.i and not t.is_space)
        for p in self.lex.patterns_for(str(tok.lemma_).lower()) or self.lex.patterns_for(tok.lower_):
            if p.particle or p.objects or not (p.sequence or p.before):
                continue
            if p.conditions and not self._conditions_hold(head, p.conditions):
                continue
            if p.sequence and not sequence_regex(p.sequence).search(after):
                continue
            if p.before and not sequence_regex(p.before).search(before_words(tok)):
                continue
            return p
        return None

    def _past_skipped_phrase(self, tok: Token, slot: str, token_mention: dict[int, Mention],
                             sources: list[Actor]) -> _Slot:
        """TABARI's "* AT ^ +": the target is the first actor after the phrase that completes
        ``slot`` (a preposition, or "dobj"), that phrase itself skipped, without the phrases
        hung on it ("warned at the summit of the Prince": the Prince). Read up to the first comma
        or clause break; empty when the slot is not there or nothing follows."""
        if slot == "dobj":
            heads = [c for c in tok.children if c.dep_ == "dobj"]
        else:
            preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == slot]
            preps += [c for o in tok.children if o.dep_ == "dobj" for c in o.children if c.dep_ == "prep" and c.lower_ == slot]
            heads = [g for c in preps for g in c.children if g.dep_ == "pobj"]
        codes = {s.code for s in sources}
        for head in heads:
            hung = {t.i for c in head.children if c.dep_ in {"prep", "relcl", "acl"} for t in c.subtree}
            skipped = {t.i for t in head.subtree} - hung
            for t in tok.doc[max(skipped) + 1:]:
                if t.text in _CLAUSE_BREAKS:
                    break
                mention = token_mention.get(t.i)
                if mention is None or mention.start <= head.i < mention.end:
                    continue
                actors = [replace(m) for m in mention.members if m.code not in codes]
                if actors:
                    return _Slot(actors, [tok.doc[mention.start:mention.end].root])
        return _Slot([], [])

    def _scheme_agent_target(self, tok: Token, slot: _Slot, token_mention: dict[int, Mention],
                             sources: list[Actor]) -> _Slot:
        """Under a user scheme, a slot naming only agents ("deployed troops to X", "withdrew
        its ambassador from X"): PETRARCH takes the actor of the verb's phrase (its noun phrases,
        else its prepositional phrases) and joins the agent to it, so the target is X's troops.
        The slot stands when the phrase names no actor with a country."""
        skip = {t.i for t in slot.tokens for t in t.subtree}
        codes = {s.code for s in sources}
        for t in tok.subtree:
            if t.i <= tok.i or t.i in skip or t.i not in token_mention:
                continue
            mention = token_mention[t.i]
            head = tok.doc[mention.start:mention.end].root
            actors = [a for a in self._actors_in_phrase(head, token_mention, set(), exclude=[])
                      if a.country and a.code not in codes]
            if actors:
                sector = next((a.sector for a in slot.actors if a.sector), None)
                joined = [a if a.sector or not sector else replace(a, sector=sector) for a in actors]
                return _Slot(joined, [head])
        return slot

    def _next_actor(self, tok: Token, token_mention: dict[int, Mention], sources: list[Actor]) -> _Slot:
        """TABARI's default target for a user verb dictionary: the first actor named after the
        verb in its own phrase ("abandoned an anti-Gondor parade", "allowed that Mordor is ...",
        "welcomed assurances from Bree"), when no slot names one; a place counts, as TABARI knows
        no venues. Only in a user scheme: parley's own patterns say where to look."""
        codes = {s.code for s in sources}
        for t in tok.subtree:
            if t.i <= tok.i or t.i not in token_mention:
                continue
            mention = token_mention[t.i]
            # the phrase's actors with their conjuncts: "believe A and B can cope" names both
            head = tok.doc[mention.start:mention.end].root
            actors = [a for a in self._actors_in_phrase(head, token_mention, set(), exclude=[]) if a.code not in codes]
            actors = actors or [replace(m) for m in mention.members if m.code not in codes]
            if actors:
                return _Slot(actors, [head])
        # TABARI reads words, not a parse: when the verb's phrase names no one (or the parser
        # cut it short, "break into an anti- Gondor parade" read as two pieces), the next actor
        # in the text after the verb, up to the first comma or clause break, is the target
        for t in tok.doc[tok.i + 1:]:
            if t.text in _CLAUSE_BREAKS:
                break
            found = token_mention.get(t.i)
            if found is None:
                continue
            actors = [replace(m) for m in found.members if m.code not in codes]
            if actors:
                return _Slot(actors, [tok.doc[found.start:found.end].root])
        return _Slot([], [])


# dependents of a verb that stand outside its phrase as PETRARCH reads the parse
_OWN_PHRASE_DEPS = frozenset({"conj", "cc", "parataxis", "punct"})


def _pattern_words(source: str, tokens: list[Token]) -> set[int]:
    """Indices of the tokens whose words a user pattern's sequence (:func:`after_words`,
    :func:`before_words` form; each literal word a regex group) matched; empty when none."""
    text = "".join(" " + t.lower_ for t in tokens)
    match = sequence_regex(source).search(text)
    if match is None:
        return set()
    starts: dict[int, int] = {}
    at = 0
    for t in tokens:
        starts[at + 1] = t.i
        at += 1 + len(t.lower_)
    return {starts[match.start(g)] for g in range(1, (match.re.groups or 0) + 1)
            if match.start(g) in starts}
