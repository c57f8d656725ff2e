"""Verb-sense rules of the event coder: which pattern of the lexicon a verb takes, and what its use means.

The lexicon match (particle, object, conditions, a user pattern's words); the sense told by the
doer ("the teachers struck": a strike, not an attack; protesters' force: a riot); requests made by
wishing another party to act, threats made by promising harm, the rejection a refused cooperative
act stands for, the culpable act a copula names ("was responsible for mass killings"); whose plan
a to-clause on a noun is; and whether a passive's agent or a clause's subject is a bare weapon.
Part of :class:`.coder.EventCoder` (see :mod:`.coder_base`).
"""

from __future__ import annotations

from dataclasses import replace

from ..actors import Mention
from ..records import Actor
from .coder_base import _CLAUSE_SUBJECT, _CONTENT_KINDS, _PLACE_KINDS, _PRONOUNS, CoderBase
from .lexicon import CameoInfo, Lexicon, VerbPattern, sequence_regex
from .parse_tree import (
    _SUBJECT_DEPS,
    Token,
    _has_compound_subject,
    _is_negated,
    _is_passive,
    _is_time_phrase,
    _object_spec_met,
    _patients,
    _phrase_lemmas,
    _phrase_tokens,
    _shares_passive,
    after_words,
    before_words,
)

_VIOLENT_PROTEST = "145"  # CAMEO "protest violently, riot"
# adverbs that are verb particles when they modify the verb directly
_ADVERB_PARTICLES = frozenset({"down", "back", "up", "off", "out", "over", "away"})


class VerbSenses(CoderBase):
    """Which pattern a verb takes and what sense its use has (a mixin of :class:`.coder.EventCoder`)."""

    def _match(self, tok: Token) -> VerbPattern | None:
        patterns = self.lex.patterns_for(str(tok.lemma_).lower(), tok.lower_)
        if not patterns:
            return None
        particles = {c.lower_ for c in tok.children if c.dep_ in {"prt", "prep", "agent"} and not _is_time_phrase(c)}
        # the parser often tags a verb particle as an adverb ("stepped down", "sending captives back")
        particles |= {c.lower_ for c in tok.children if c.dep_ == "advmod" and c.lower_ in _ADVERB_PARTICLES}
        objects = self._object_lemmas(tok)
        # "warned their populations about X": the parser hangs the preposition on the object; it
        # still counts for a pattern whose preposition holds the target (TABARI's
        # "WARN * THEIR ^ ABOUT +"), where the object cannot be what the preposition completes
        object_preps = {
            c.lower_ for o in tok.children if o.dep_ == "dobj" for c in o.children
            if c.dep_ == "prep" and not _is_time_phrase(c)
        }
        for p in patterns:
            if p.particle and p.particle not in particles and not (
                p.particle in object_preps and p.particle in p.targets
            ):
                continue
            if p.objects and not any(_object_spec_met(spec, objects) for spec in p.objects):
                continue
            if p.conditions and not self._conditions_hold(tok, p.conditions):
                continue
            if p.sequence and not sequence_regex(p.sequence).search(after_words(tok)):
                continue
            if p.before and not sequence_regex(p.before).search(before_words(tok)):
                continue
            if "source_between" in p.conditions and not self._actor_in_source_gap(tok, p):
                continue
            if "compound_target" in p.conditions and not self._compound_in_slot(tok, p):
                continue
            return p
        return None

    def _subject_controls(self, verb: Token) -> bool:
        """True when the subject of ``verb``, not its object, does what its to-clause says: a call,
        a visit or a meeting "to discuss" (cues.yaml subject_control_verbs), but not "called on X
        to withdraw", where X is asked to act."""
        if str(verb.lemma_).lower() not in self.lex.cue("subject_control_verbs"):
            return False
        return not any(
            c.dep_ in {"prep", "prt"} and c.lower_ in {"on", "upon"} and c.i > verb.i and not _is_time_phrase(c)
            for c in verb.children
        )

    def _doer_sense(self, tok: Token, pattern: VerbPattern, sources: list[Actor]) -> VerbPattern:
        """What a use of force is, told by who does it.

        "The teachers struck for a week": a verb of force (cues.yaml labour_sense_verbs) whose
        doers are all working people or civilians and that strikes no one (no direct object) is
        their stoppage of work, coded as cues.yaml gives; states and armed groups keep the attack.
        "Protesters clashed with police", "demonstrators stormed the ministry": force used by
        protesters (cues.yaml protester_agents) is a violent protest (CAMEO 145), not an armed
        assault."""
        info = self.lex.cameo_info(pattern.cameo)
        if not sources or info is None or info.quad_class != 4 or pattern.cameo[:2] not in {"18", "19"}:
            return pattern
        if all(self._named_by(s, "protester_agents") for s in sources):
            return replace(pattern, cameo=_VIOLENT_PROTEST)
        code = self._labour_codes.get(str(tok.lemma_).lower())
        labour = self.lex.cue("labour_strike_sectors")
        if code is None or any(c.dep_ == "dobj" for c in tok.children) or _is_passive(tok):
            return pattern
        if not all((s.sector or "").lower() in labour for s in sources):
            return pattern
        return replace(pattern, cameo=code)

    def _wish_on_other(self, tok: Token, token_mention: dict[int, Mention], venues: set[int]) -> VerbPattern | None:
        """A request made by wishing another party to act (default scheme only).

        "Lebanon wants Pakistan to stop applying sanctions", "France would like Germany to lift the
        embargo": a wish verb (cues.yaml wish_verbs) with a to-clause whose subject names an actor
        is a demand (100) of that actor; "X called for Y to conduct a review" (a "for ... to" clause
        on cues.yaml appeal_for_verbs) is an appeal (020). The target is the clause's subject."""
        lemma = str(tok.lemma_).lower()
        wish = lemma in self.lex.cue("wish_verbs")
        if lemma == "like" and not any(c.dep_ == "aux" and c.lower_ in {"would", "'d"} for c in tok.children):
            wish = False  # "like" wishes only as "would like"
        appeal = lemma in self.lex.cue("appeal_for_verbs")
        if not wish and not appeal:
            return None
        for clause in tok.children:
            if clause.dep_ not in {"ccomp", "xcomp", "advcl"}:
                continue
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                continue
            if appeal != any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
                continue  # an appeal verb needs "for Y to"; a wish verb takes "Y to" bare
            subjects = [c for c in clause.children if c.dep_ == "nsubj"]
            slot = _CLAUSE_SUBJECT
            if not subjects and wish and clause.dep_ == "xcomp":
                # the parser's other reading: "would like [Sweden]dobj [to lift the ban]xcomp"
                subjects, slot = [c for c in tok.children if c.dep_ == "dobj"], "dobj"
            if not subjects or not self._actors_in_phrase(subjects[0], token_mention, venues, exclude=[]):
                continue
            # "would like" states the wish itself, not a hypothetical one ("modal")
            return VerbPattern(lemma=lemma, particle="", objects=frozenset(), cameo="020" if appeal else "100",
                               targets=(slot,), conditions=frozenset({"modal"} if lemma == "like" else ()))
        return None

    def _promised_harm(self, tok: Token) -> VerbPattern | None:
        """A threat made by promising or wishing to do harm (default scheme only).

        "X vowed to outlaw opposition parties", "X wants to ban the opposition": a verb of
        cues.yaml threat_promise_verbs whose to-clause (with no subject of its own) codes a
        coercion, sanction or assault is X's threat (cues.yaml threat_codes), aimed where that act
        is aimed."""
        if str(tok.lemma_).lower() not in self.lex.cue("threat_promise_verbs"):
            return None
        if any(c.dep_ == "dobj" for c in tok.children):
            return None  # "wants the army to attack": someone else is to act
        for clause in tok.children:
            if clause.dep_ != "xcomp" or clause.pos_ != "VERB" or any(c.dep_ == "nsubj" for c in clause.children):
                continue
            for act in [clause, *clause.conjuncts]:
                found = self._match(act)
                code = _by_prefix(self._threat_codes, found.cameo, (3, 2)) if found is not None else None
                if found is not None and code is not None:
                    # the act is the threat's content, not an event of its own (as with "threatened
                    # to"); its target is found in the clause (_targets reads complement clauses)
                    return replace(found, cameo=code, conditions=frozenset())
        return None

    def _refusal_of(self, tok: Token, info: CameoInfo) -> CameoInfo | None:
        """The rejection a negated cooperative act also stands for (default scheme only), or None.

        "Gambia will not meet Senegal", "the army chief declined to meet his counterpart", "Nepal
        does not wish to hold meetings with Colombia", "Austria would not send aid": a cooperative
        act (quad classes 1 and 2) refused for the future, or as the complement of a refusal verb
        or of a negated wish, is a rejection, coded as cues.yaml rejection_codes give for the act
        (longest CAMEO prefix). A past act that did not happen ("did not meet") is no rejection."""
        if info.quad_class not in {1, 2}:
            return None
        if any(c.dep_ == "aux" and c.lower_ in {"would", "'d"} for c in tok.children) and any(
            c.dep_ == "prep" and c.lower_ == "without" for h in (tok, *tok.children) for c in h.children
        ):
            return None  # "would not stop (bombing) without outside pressure": a forecast on a condition
        code = _by_prefix(self._rejection_codes, info.cameo, (4, 3, 2))
        if code is None:
            return None
        volition = self.lex.cue("future_auxiliaries") | {"would", "'d"}
        refused = any(c.dep_ == "neg" for c in tok.children) and any(
            c.dep_ == "aux" and c.lower_ in volition for c in tok.children
        )
        head = tok.head
        if not refused and tok.dep_ == "xcomp" and head is not tok:
            lemma = str(head.lemma_).lower()
            # "declined to meet", "refused to send aid"; "does not wish / is not going to accept"
            refused = lemma in self.lex.cue("refusing_verbs") or (
                any(c.dep_ == "neg" for c in head.children)
                and lemma in self.lex.cue("wish_verbs") | self.lex.cue("threat_promise_verbs") | {"go", "plan"}
            )
        return self.lex.cameo_info(code) if refused else None

    def _culpable_act(self, tok: Token) -> VerbPattern | None:
        """ "X was responsible for mass killings", "X is guilty of torture": the copula codes the
        act the noun names, with the copula's subject as its doer (no target: whom the act hit is
        not a party named in a slot the coder reads)."""
        if self.lex.user_scheme or str(tok.lemma_).lower() != "be":
            return None
        if tok.dep_ in {"acl", "ccomp", "relcl"} and tok.head.pos_ == "NOUN":
            return None  # "accusations that its army is guilty of ...": a claim, not the act
        for adj in tok.children:
            if adj.dep_ != "acomp" or str(adj.lemma_).lower() not in self.lex.cue("culpability_adjectives"):
                continue
            for prep in adj.children:
                if prep.dep_ != "prep" or prep.lower_ not in {"for", "of"}:
                    continue
                for noun in prep.children:
                    if noun.dep_ != "pobj" or noun.pos_ != "NOUN":
                        continue
                    for head in [noun, *noun.conjuncts]:
                        lemma = str(head.lemma_).lower()
                        mods = [c.lower_ for c in head.children if c.dep_ in {"amod", "compound"}]
                        code = next((self._event_nouns[f"{m} {lemma}"] for m in mods if f"{m} {lemma}" in self._event_nouns), None)
                        code = code or self._event_nouns.get(lemma)
                        if code is not None:
                            return VerbPattern(lemma, "", frozenset(), code, ())
        return None

    def _conditions_hold(self, tok: Token, conditions: frozenset[str]) -> bool:
        if "negated" in conditions and not _is_negated(tok):
            return False
        if "compound_subject" in conditions and not _has_compound_subject(tok):
            return False
        if "has_object" in conditions and not any(c.dep_ in {"dobj", "nsubjpass"} for c in tok.children):
            return False
        if "no_complement" in conditions and any(c.dep_ in {"oprd", "ccomp", "xcomp", "acomp"} for c in tok.children):
            return False
        if "object_actor" in conditions:
            names = {i for m in self._current_mentions for i in range(m.start, m.end)}
            objects = [c for c in tok.children if c.dep_ == "dobj"]
            if not any(t.i in names for o in objects for t in _phrase_tokens(o)):
                return False
        if "with_party" in conditions and not self._with_party(tok):
            return False
        for condition in conditions:
            name, _, cue = condition.partition("=")
            if name == "source_in":
                doers = self._verb_doers(tok)
                if not doers or not all(self._belongs(a, cue) for a in doers):
                    return False
            elif name == "patient_in" and not any(self._belongs(a, cue) for a in self._verb_patients(tok)):
                return False
        return True

    def _with_party(self, tok: Token) -> bool:
        """True when a "with" phrase of ``tok`` or of its direct object names an actor that is not
        a venue ("held exercises with Russia", "held exercises with the Russian navy"); condition
        ``with_party`` of verbs.tsv: an act done together with another party."""
        heads = [tok, *(c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"})]
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or prep.lower_ != "with" or _is_time_phrase(prep):
                    continue
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    if self._actors_in_phrase(pobj, self._token_mention, self._venues, exclude=[]):
                        return True
        return False

    def _verb_doers(self, tok: Token) -> list[Actor]:
        """Who does ``tok``, found as an event's sources are (for the ``source_in`` condition of
        a verb pattern, read while the verb's pattern is chosen); none while the sources of that
        same verb are being found (the finder may read patterns of other verbs, never this one's
        again)."""
        if tok.i in self._doer_search:
            return []
        self._doer_search.add(tok.i)
        try:
            return self._sources(tok, tok.doc, self._token_mention, self._venues, self._context)
        finally:
            self._doer_search.discard(tok.i)

    def _verb_patients(self, tok: Token) -> list[Actor]:
        """The actors ``tok`` acts on: its direct object's, or a passive's subject's (and their
        conjuncts'), for conditions on them (``patient_in``)."""
        deps = {"dobj", "nsubjpass"} if _is_passive(tok) else {"dobj"}
        out: list[Actor] = []
        for child in tok.children:
            if child.dep_ in deps:
                out.extend(self._actors_in_phrase(child, self._token_mention, self._venues, exclude=[]))
        return out

    def _belongs(self, actor: Actor, cue: str) -> bool:
        """True when ``actor``'s sector or organisation code is listed in the cues.yaml list
        ``cue`` (its entries are PLOVER sectors, "ngo", and organisation codes, "unhcr")."""
        members = self.lex.cue(cue)
        return (actor.sector or "").lower() in members or (actor.country or "").lower() in members

    def _object_lemmas(self, tok: Token) -> set[str]:
        generic = self.lex.cue("generic_object_heads")
        modifiers = self.lex.cue("object_modifiers")

        def _noun_lemmas(head: Token) -> set[str]:
            return _phrase_lemmas(head, generic, modifiers)

        lemmas: set[str] = set()
        passive = _is_passive(tok)
        for child in tok.children:
            if child.dep_ in {"dobj", "attr", "oprd"} or (passive and child.dep_ == "nsubjpass") or (
                child.dep_ in {"acomp", "ccomp"} and child.pos_ == "ADJ"
            ):
                lemmas.update(_noun_lemmas(child))
                # "$10 million in aid", "tonnes of food": the noun that says what it is
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ in {"in", "of"}:
                        for g in prep.children:
                            if g.dep_ == "pobj":
                                lemmas.update(_noun_lemmas(g))
            elif child.dep_ in {"prep", "prt"}:
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        lemmas.update(_noun_lemmas(grand))
            elif child.dep_ == "xcomp" and child.pos_ == "NOUN":
                lemmas.update(_noun_lemmas(child))
            if child.tag_ == "VBG" and child.dep_ in {"dobj", "xcomp"} and not any(
                c.dep_ == "aux" for c in child.children
            ):
                # a gerund object: "stopped fighting", "halted shelling" name the act stopped (its
                # lemma and its -ing form, as the rows of verbs.tsv write the noun), and "stopped
                # building settlements", "ended supplying arms" also by what that act is done to
                lemmas.update(_noun_lemmas(child))
                for grand in child.children:
                    if grand.dep_ == "dobj":
                        lemmas.update(_noun_lemmas(grand))
                if any(c.dep_ == "advmod" and c.lower_ in self.lex.cue("joint_words") for c in child.children):
                    lemmas.add("joint")  # "began jointly carrying out drills": joint drills
        if _shares_passive(tok):
            for patient in _patients(tok):
                lemmas.update(_noun_lemmas(patient))
        for clause in tok.children:
            if clause.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                # "declared a state of siege to begin at midnight": the clause's subject is what
                # the verb acts on
                for subj in clause.children:
                    if subj.dep_ == "nsubj":
                        lemmas.update(_noun_lemmas(subj))
                        for prep in subj.children:
                            if prep.dep_ == "prep" and prep.lower_ == "of":
                                lemmas.update(x for g in prep.children if g.dep_ == "pobj" for x in _noun_lemmas(g))
        if tok.dep_ == "acl" and tok.head.pos_ in {"NOUN", "PROPN"}:
            # "the summit planned for May": the modified noun is the object
            lemmas.update(_noun_lemmas(tok.head))
        joint = self.lex.cue("joint_words")
        if lemmas & joint or any(c.dep_ == "advmod" and c.lower_ in joint for c in tok.children):
            # "jointly held an exercise", "held a combined drill": a joint one (rows "joint+exercise")
            lemmas.add("joint")
        return lemmas

    def _intent_owner(self, clause: Token) -> Token | None:
        """Whose plan or decision a to-clause on a noun is (default scheme only).

        "X announced plans to lift the curfew", "X's decision to stop discriminating", "X made a
        bid to seize the town": the act of the to-clause on a noun of cues.yaml intent_nouns is
        done by the noun's possessor, else by the subject of the verb the noun is the object of."""
        noun = clause.head
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            return None
        if noun.pos_ != "NOUN" or str(noun.lemma_).lower() not in self.lex.cue("intent_nouns"):
            return None
        governor = str(noun.head.lemma_).lower() if noun.dep_ in {"dobj", "nsubjpass"} else ""
        if governor in self.lex.cue("refusal_verbs") | self.lex.cue("intent_ending_verbs"):
            return None  # "suspended plans to impose curfews": the act is called off, no one's act
        governing = self._match(noun.head) if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" else None
        governing_info = self.lex.cameo_info(governing.cameo) if governing is not None else None
        if governing_info is not None and governing_info.plover in _CONTENT_KINDS:
            # "condemned X's decision to recognise Y": the decision is what is condemned, coded
            # (or not, where the parse loses the condemnation) as the content of that verb
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None:
            return None if owner.lower_ in _PRONOUNS else owner
        if noun.dep_ in {"dobj", "attr"} and noun.head.pos_ in {"VERB", "AUX"} and not _is_passive(noun.head):
            return next((c for c in noun.head.children if c.dep_ in _SUBJECT_DEPS), None)
        return None

    def _weapon_agent(self, agent: Token) -> bool:
        """True when a passive's "by" phrase names a weapon or its fire and no party ("by a
        missile", "by artillery fire"; not "by a Russian missile" or "by Houthi rebels")."""
        phrase = next((g for g in agent.children if g.dep_ == "pobj"), None)
        if phrase is None:
            return False
        lemma = str(phrase.lemma_).lower()
        # "by artillery fire", "by a drone strike": the fire of a weapon is the weapon's
        fired = lemma in self.lex.cue("weapon_fire_nouns") and any(
            c.dep_ in {"compound", "amod", "nmod"} and str(c.lemma_).lower() in self._weapon_words for c in phrase.children
        )
        if lemma not in self._weapon_words and not fired:
            return False
        tokens = {t.i for t in _phrase_tokens(phrase)}
        return not any(m.start in tokens and not (m.actor.country is None and self._is_weapon(m.actor))
                       for m in self._current_mentions)

    def _weapon_subject(self, tok: Token) -> bool:
        """True when the subject of ``tok`` (or of the clause a participle hangs on: "..., killing
        12") is a weapon or blast no party is named with ("a car bomb", "the explosion", "shells")."""
        node = tok
        for _ in range(3):
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                named = {i for m in self._current_mentions for i in range(m.start, m.end)
                         if (m.actor.country is None and not self._is_weapon(m.actor)) or (m.actor.country and m.kind not in _PLACE_KINDS)}
                if any(t.i in named for t in _phrase_tokens(subject)):
                    return False  # "Russian drones struck": the coder found (or missed) a party there
                return str(subject.lemma_).lower() in self._weapon_words
            if node.dep_ != "advcl" or node.tag_ != "VBG":
                return False
            node = node.head
        return False


def _cue_table(lexicon: Lexicon, name: str) -> dict[str, str]:
    """A cues.yaml list of "KEY CODE" entries ("strike 143", "163 1312") as a mapping."""
    return {key: code for key, _, code in (entry.partition(" ") for entry in lexicon.cue(name)) if code}


def _by_prefix(codes: dict[str, str], cameo: str, lengths: tuple[int, ...]) -> str | None:
    """The code ``codes`` give for the longest prefix of ``cameo`` (of ``lengths``) they list."""
    return next((codes[cameo[:n]] for n in lengths if cameo[:n] in codes), None)
