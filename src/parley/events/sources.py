"""Who acts: the sources of an event and the actors a phrase names, for the event coder.

The subject of a verb, or the agent of a passive, found through the clauses above it (controlled
to-clauses, relative and participle clauses, "by doing"); "the two sides"; pronouns and "the
group" resolved from the sentence and the document; the actors of a noun phrase and its
conjuncts; a named group or acronym the dictionary lacks; a bare human agent ("police",
"hundreds of employees") with the country its phrase or the article gives it; the speaker of a
report; and the places named as venues, which are no party. Part of :class:`.coder.EventCoder`
(see :mod:`.coder_base`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..actors import Mention
from ..records import Actor
from .coder_base import _PLACE_KINDS, _PRONOUNS, CoderBase
from .parse_tree import (
    _SUBJECT_DEPS,
    Doc,
    Token,
    _bare_state,
    _is_acronym,
    _is_passive,
    _is_two_leaders,
    _is_two_sides,
    _listed_subjects,
    _modifier_agent,
    _phrase_tokens,
    _shares_passive,
)

if TYPE_CHECKING:
    from .coder import DocumentContext

# "the group said ...": nouns that point back to the last armed group or movement named
_GROUP_ANAPHORS = {"group", "militia", "movement", "organisation", "organization", "faction", "rebels", "militants", "insurgents"}
_NON_STATE = {"REB", "INS", "OPP", "PTY", "UAF"}


class SourceFinder(CoderBase):
    """Finds who does an act and which actors a phrase names (a mixin of :class:`.coder.EventCoder`)."""

    def _governing_sources(self, tok: Token, doc: Doc, token_mention: dict[int, Mention], venues: set[int],
                           context: DocumentContext, exclude: list[Actor]) -> list[Actor]:
        """Who governs the clause of ``tok``: the actors of the nearest verb above it (through
        complement, adverbial and conjoined clauses) that has a subject the dictionaries name,
        other than ``exclude``."""
        codes = {a.code for a in exclude}
        node = tok
        for _ in range(4):
            if node.dep_ not in {"ccomp", "xcomp", "advcl", "conj", "parataxis"} or node.head is node:
                return []
            node = node.head
            actors = [a for a in self._sources(node, doc, token_mention, venues, context) if a.code not in codes]
            if actors:
                return actors
        return []

    def _sources(
        self,
        tok: Token,
        doc: Doc,
        token_mention: dict[int, Mention],
        venues: set[int],
        context: DocumentContext,
    ) -> list[Actor]:
        passive = _is_passive(tok)
        subject: Token | None = None
        if passive:
            # "54 civilians were killed or injured", "was attacked and occupied by X": a participle
            # sharing a passive auxiliary takes the agent of either verb; its subject is the patient
            verbs = [tok, tok.head] if _shares_passive(tok) else [tok]
            for child in (c for v in verbs for c in v.children):
                if child.dep_ == "agent" and subject is None:
                    subject = next((g for g in child.children if g.dep_ == "pobj"), None)
            if subject is None and self.lex.user_scheme:
                # the agent of a participle sharing the passive comes first ("was attacked and
                # occupied by Y")
                agent = next((c for v in tok.conjuncts for c in v.children if c.dep_ == "agent"), None)
                subject = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
                # else TABARI/PETRARCH read the actor before the verb as the source whatever the
                # voice, unless a pattern says otherwise ("+ WAS *"): "X was criticized over its
                # dispute with Y" codes X -> Y; only a named actor, not people parley guesses
                # from a noun ("54 civilians were killed": victims, not doers). A misparse may
                # label the subject "nsubj" or hang it on the auxiliary.
                holders = [tok, *(c for c in tok.children if c.dep_ in {"auxpass", "aux"})]
                patient = next((c for h in holders for c in h.children if c.dep_ in {"nsubjpass", "nsubj"}), None)
                if subject is None and patient is not None:
                    return self._actors_in_phrase(patient, token_mention, venues, exclude=[])
        else:
            subject = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is None:
                # a misparse hangs the subject on the auxiliary ("France [has] opposed")
                auxes = [c for c in tok.children if c.dep_ == "aux"]
                subject = next((g for a in auxes for g in a.children if g.dep_ in _SUBJECT_DEPS), None)
        if (
            subject is None and tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and tok.head.pos_ in {"NOUN", "PROPN"}
            and tok.head.i < tok.i and any(c.dep_ == "dobj" for c in tok.children)
        ):
            # a sentence parsed without a main verb: "The air force carried out strikes" read as a
            # noun with a clause; a verb with its own object is active, so the noun is its subject
            subject = tok.head
        if (
            subject is None and not self.lex.user_scheme and tok.tag_ == "VBG"
            and tok.dep_ == "acl" and tok.head.pos_ in {"NOUN", "PROPN"}
            and (tok.head.i in token_mention or self._generic_agent(tok.head) is not None)
        ):
            # "a crowd of protesters rallying in the capital", "the coalition battling the
            # rebels": the party a present participle describes does it ("a Georgian plane
            # flying to Delhi" is no party's visit)
            subject = tok.head
        if subject is None and tok.dep_ == "acl" and tok.tag_ == "VBN":
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            if agent is not None:
                subject = next((g for g in agent.children if g.dep_ == "pobj"), None)
            elif self.lex.user_scheme and tok.head.i < tok.i:
                subject = tok.head  # "a woman believed linked to X", read as TABARI does
        node = tok
        hops = 0
        while subject is None and not passive and hops < 4 and node.dep_ in {"xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "acomp", "pcomp"}:
            head = node.head
            if node.dep_ == "relcl":
                subject = head
                break
            if node.dep_ == "xcomp":
                # "urged Venezuela to release": the object acts; "sent experts to investigate":
                # the experts are nobody we know, so the sender acts
                obj = next((c for c in head.children if c.dep_ == "dobj"), None)
                if obj is not None and not any(t.i in token_mention for t in _phrase_tokens(obj)):
                    obj = None
                if obj is not None and not self.lex.user_scheme and self._subject_controls(head):
                    obj = None  # "Tillerson called Lavrov to discuss Syria": the caller discusses
                subject = obj or next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
            elif node.dep_ == "acomp":
                subject = next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
            elif node.dep_ == "advcl" and (
                any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
                or (not self.lex.user_scheme and node.tag_ == "VBG" and not _is_passive(head)
                    and not any(c.dep_ in {"mark", "prep"} for c in node.children))
            ):
                # a purpose clause ("France sent experts to investigate": France investigates), or
                # a participle clause with no subject of its own ("hundreds rallied in the
                # capital, demanding jobs": the hundreds demand)
                subject = next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
            elif node.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "by":
                # the means: "China helps by donating supplies" - China donates
                head = head.head
                subject = next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
            elif (
                node.dep_ == "pcomp" and head.dep_ == "prep" and head.head.dep_ == "acomp"
                and str(head.head.lemma_).lower() in self.lex.cue("culpability_adjectives")
            ):
                # "the army was guilty of violating the ceasefire": the army violated it
                head = head.head.head
                subject = next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
            elif node.dep_ == "conj":
                subject = next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
            elif node.dep_ == "acl" and not self.lex.user_scheme:
                subject = self._intent_owner(node) or self._document_author(node)
                break
            else:
                break
            node = head
            hops += 1
        if subject is not None and subject.lower_ in {"which", "who", "that"} and subject.head.dep_ == "relcl":
            subject = subject.head.head
        if subject is None:
            return []
        if _is_two_sides(subject):
            pair = context.two_sides(self._mentioned_before(subject))
            if pair or not _is_two_leaders(subject):
                return pair
            # "the two leaders" with no parties named before: still leaders (GOV), of no country
        actors = self._actors_in_phrase(subject, token_mention, venues, exclude=[])
        for extra in _listed_subjects(subject):
            # "Lions, tigers, and Gondor attacked": a list misparsed as two subjects
            actors += self._actors_in_phrase(extra, token_mention, venues, exclude=actors)
        if not actors:
            fallback = self._actor_for_token(subject, doc, token_mention, context)
            if fallback is None:
                owner = next((c for c in subject.children if c.dep_ == "poss" and c.lower_ in _PRONOUNS), None)
                owned = self._resolve_pronoun(owner, doc, token_mention, context) if owner is not None else None
                if owned is not None:
                    phrase = doc[subject.left_edge.i:subject.i + 1]
                    fallback = replace(owned, text=phrase.text, start=phrase.start_char, end=phrase.end_char)
                    if not self.lex.user_scheme and owned.country and str(subject.lemma_).lower() in self.lex.cue("state_nouns"):
                        # "his country", "their nation": the owner's state itself, not its office
                        fallback = replace(fallback, sector=None, id=f"country:{owned.country}",
                                           name=owned.name if owned.sector is None else None)
            if fallback is None:
                fallback = self._generic_agent(subject)
            actors = [fallback] if fallback else []
        if not self.lex.user_scheme:
            actors = [self._group_anaphor(subject, a, doc, context) for a in actors]
        for actor in actors:
            if actor.country is None and actor.sector and not (self._is_weapon(actor) and subject.i not in token_mention):
                # a weapon's country is what the text did not say ("by artillery fire"), unless
                # the phrase names an owner ("by Russian artillery fire")
                actor.country = self._owner_country(subject, doc, token_mention, context) or self._context_country(
                    subject, doc, token_mention, context
                )
        if not self.lex.user_scheme:
            actors = [self._group_owned(subject, a, doc, token_mention, context) for a in actors]
            # a weapon is no party: "a missile struck a cargo ship" names no doer (the act is
            # coded with none, see _agentless_event), "a Russian missile" names its owner
            actors = [a for a in actors if a.country or not self._is_weapon(a)]
        return actors

    def _document_author(self, clause: Token) -> Token | None:
        """Who does what a document is described doing (default scheme only): "X issued a
        statement calling on Y to ...", "X sent a letter urging Y to ...", "X published a report
        accusing Y of ...": a present participle on a noun of cues.yaml document_nouns that is
        the object of an active verb of cues.yaml document_verbs (not "received a letter") is the act
        of that verb's subject."""
        noun = clause.head
        if clause.tag_ != "VBG" or noun.pos_ != "NOUN" or str(noun.lemma_).lower() not in self.lex.cue("document_nouns"):
            return None
        verb = noun.head
        if noun.dep_ == "dobj" and str(verb.lemma_).lower() in self.lex.cue("document_verbs") and not _is_passive(verb):
            return next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        return None

    def _group_anaphor(self, subject: Token, actor: Actor, doc: Doc, context: DocumentContext) -> Actor:
        """ "The paramilitary group", "the militant group": a definite generic group agent after
        a named armed group or movement is that group again, as a bare "the group" is. An
        indefinite one ("a militant group") is a new, unnamed party and stays generic."""
        if (
            actor.country is not None
            or not (actor.id or "").startswith("agent:")
            or subject.lower_ not in _GROUP_ANAPHORS
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
        ):
            return actor
        groups = [a for a in context.sources + context.mentioned if a.sector in _NON_STATE]
        if not groups:
            return actor
        phrase = doc[subject.left_edge.i:subject.i + 1]  # as a bare "the group" is reported
        return replace(groups[-1], text=phrase.text, start=phrase.start_char, end=phrase.end_char)

    def _group_owned(self, subject: Token, actor: Actor, doc: Doc, token_mention: dict[int, Mention],
                     context: DocumentContext) -> Actor:
        """ "The rebels said their forces captured the town": a bare force owned (by a pronoun) by
        a group with no country is that group's, and takes its code."""
        if actor.country is not None or actor.id is not None and not actor.id.startswith("agent:"):
            return actor
        owner_tok = next((c for c in subject.children if c.dep_ == "poss" and c.lower_ in _PRONOUNS), None)
        owner = self._resolve_pronoun(owner_tok, doc, token_mention, context) if owner_tok is not None else None
        if owner is None or owner.country is not None or owner.sector not in _NON_STATE:
            return actor
        return replace(owner, text=actor.text, start=actor.start, end=actor.end)

    def _owner_country(
        self, head: Token, doc: Doc, token_mention: dict[int, Mention], context: DocumentContext
    ) -> str | None:
        """Country of a bare agent from its own phrase: "its air defences", "drones launched by Russia"."""
        for tok in _phrase_tokens(head, with_clauses=True):
            if tok.dep_ == "poss" and tok.lower_ in _PRONOUNS:
                owner = self._resolve_pronoun(tok, doc, token_mention, context)
                if owner is not None and owner.country:
                    return owner.country
            mention = token_mention.get(tok.i)
            if mention is not None and mention.actor.country and tok.i != head.i:
                return mention.actor.country
        return None

    def _resolve_pronoun(
        self, tok: Token, doc: Doc, token_mention: dict[int, Mention], context: DocumentContext
    ) -> Actor | None:
        """What a pronoun refers to. "he"/"she": the last person named. "it", "they", "its",
        "we": the speaker of a governing reporting verb, else the nearest subject named before it
        in the sentence, else the last event source of earlier sentences. A speaker named after
        the pronoun ("..., a senior official said") claims it only when no party was named before
        it: a pronoun looks back to a party already named, not ahead to the reporter."""
        lower = tok.lower_
        before = self._mentioned_before(tok)
        earlier_party = any(
            m.end <= tok.i and m.actor.country and doc[m.start:m.end].root.dep_ in _SUBJECT_DEPS
            for m in self._current_mentions
        )
        if lower in {"he", "she", "his", "her", "him"}:
            people = [a for a in before if a.id and a.id.startswith("person")]
            if people:
                return replace(people[-1])
            # "Iran's foreign minister said his country would ...": a speaker named by office
            speaker = None if self.lex.user_scheme else self._speech_subject(tok, doc, token_mention, context, earlier_party)
            if speaker is not None and speaker.sector:
                return speaker
            return replace(context.persons[-1]) if context.persons else None
        speaker = self._speech_subject(tok, doc, token_mention, context, earlier_party)
        if speaker is not None:
            return speaker
        subjects = [
            m.actor for m in self._current_mentions
            if m.end <= tok.i and m.actor.country and doc[m.start:m.end].root.dep_ in _SUBJECT_DEPS
        ]
        if subjects:
            return replace(subjects[-1])
        if context.sources:
            return replace(context.sources[-1])
        return replace(before[-1]) if before else None

    def _speech_subject(
        self, tok: Token, doc: Doc, token_mention: dict[int, Mention], context: DocumentContext, earlier_party: bool
    ) -> Actor | None:
        """The party that speaks the clause holding ``tok`` (the subject of a governing reporting
        verb), when it has a country or a sector; None otherwise."""
        node = tok
        for _ in range(8):
            if node.head is node:
                break
            node = node.head
            if str(node.lemma_).lower() in self._speech_lemmas:
                subj = next((c for c in node.children if c.dep_ in _SUBJECT_DEPS), None)
                if subj is not None and subj.i != tok.i and subj.lower_ not in _PRONOUNS and not (
                    earlier_party and subj.i > tok.i
                ):
                    found = self._actors_in_phrase(subj, token_mention, set(), exclude=[])
                    if not found and (anaphor := self._actor_for_token(subj, doc, token_mention, context)):
                        found = [anaphor]
                    # a party with a country or a sector ("Rebel fighters said they will ...")
                    if found and (found[0].country or found[0].sector):
                        return found[0]
        return None

    def _mentioned_before(self, tok: Token) -> list[Actor]:
        """Actors named in the current sentence before ``tok`` (venues excluded)."""
        return [
            m.actor for m in self._current_mentions
            if m.end <= tok.i and m.actor.country and id(m) not in self._venues
        ]

    def _actors_in_phrase(
        self,
        head: Token,
        token_mention: dict[int, Mention],
        venues: set[int],
        exclude: list[Actor],
    ) -> list[Actor]:
        """Actors named by the phrase headed by ``head``: the head's mention plus its conjuncts.

        When the head is not itself part of a mention (e.g. "officials from Russia"), the first
        mention inside the phrase is used, its country lending itself to a bare agent at the head.
        """
        heads = [head] + [c for c in head.conjuncts if c.i > head.i]
        # sector of the phrase a conjunct was listed in: "envoys of A, B and C" are B's envoys too
        listed_in: dict[int, str | None] = {}
        actors: list[Actor] = []
        for h in heads:
            mention = token_mention.get(h.i)
            if mention is None:
                # the head is a bare noun ("drones", "forces"): look inside its own phrase,
                # stopping at conjuncts (handled above) and at clauses
                inner = [
                    token_mention[t.i]
                    for t in _phrase_tokens(h)
                    if t.i in token_mention and id(token_mention[t.i]) not in venues
                ]
                mention = inner[0] if inner else None
                owners = [t for t in _phrase_tokens(h) if mention is not None and token_mention.get(t.i) is mention]
                if mention is None:
                    # "regional rival Japan's Prime Minister Shinzo Abe": an unnamed head is who
                    # its appositive names
                    heads += [c for c in h.children if c.dep_ == "appos" and c not in heads]
            else:
                # "envoys of Valdoria, Kestrelia and Orvenia": the party named in a phrase under
                # the head, which is either part of the head's mention or lends a bare agent
                # ("envoys") its country
                owners = [
                    t for t in _phrase_tokens(h)
                    if t.i != h.i and t.dep_ == "pobj" and t.i in token_mention
                    and (token_mention[t.i] is mention or mention.actor.country is None)
                ]
            for owner in owners:
                # the party named inside the phrase brings its own conjuncts along ("ambassadors
                # of Mordor, Rohan and Bree")
                for c in owner.conjuncts:
                    if c.i > owner.i and c not in heads:
                        heads.append(c)
                        listed_in[c.i] = mention.actor.sector if mention is not None and owner.i != h.i else None
            if mention is not None:
                # "Eriadori and Calenardhon leaders": a modifier conjoined with the mention's own
                # modifier names the leaders of another party; "Arnor, Rohan and the awful
                # Gondor" misparsed with "Arnor" as a modifier of "Gondor": a list of states
                for mod in h.children:
                    if mod.dep_ not in {"nmod", "compound", "amod"} or mod.i not in token_mention or mod in heads:
                        continue
                    other = token_mention[mod.i]
                    if other is mention:
                        continue
                    shares = any(token_mention.get(c.i) is mention for c in mod.conjuncts)
                    states = bool(mod.conjuncts) and mod.i < h.i and _bare_state(mention.actor) and _bare_state(other.actor)
                    if shares or states:
                        heads.append(mod)
                        listed_in[mod.i] = mention.actor.sector
                        if states:
                            heads += [c for c in mod.conjuncts if c.i > mod.i and c not in heads]
            if mention is None or id(mention) in venues:
                continue
            # a compound dictionary entry ("LORIEN [ELR/GAL]") names several parties: one actor
            # each, as for "A and B"
            for member in mention.members:
                actor = replace(member)
                if actor.sector is None and actor.country and listed_in.get(h.i):
                    actor.sector = listed_in[h.i]
                if self.lex.user_scheme and _bare_state(actor):
                    actor.sector = _modifier_agent(h, token_mention) or actor.sector
                if any(a.text == actor.text and a.code == actor.code for a in actors + exclude):
                    continue
                actors.append(actor)
        return actors

    def _actor_for_token(
        self, tok: Token, doc: Doc, token_mention: dict[int, Mention], context: DocumentContext
    ) -> Actor | None:
        mention = token_mention.get(tok.i)
        if mention is not None:
            return replace(mention.actor)
        # a place named as where something happened is no party to it: "an attack on mosques in
        # New Zealand that killed 40" says nothing of who attacked
        phrase = [
            token_mention[t.i] for t in _phrase_tokens(tok)
            if t.i in token_mention and id(token_mention[t.i]) not in self._venues
        ]
        if phrase:
            return replace(phrase[0].actor)
        if tok.lower_ in _GROUP_ANAPHORS and any(c.lower_ == "the" for c in tok.children):
            groups = [a for a in context.sources + context.mentioned if a.sector in _NON_STATE]
            if groups:
                last = groups[-1]
                return replace(last, text=doc[tok.left_edge.i:tok.i + 1].text, start=tok.left_edge.idx, end=tok.idx + len(tok.text))
        if tok.lower_ in _PRONOUNS:
            previous = self._resolve_pronoun(tok, doc, token_mention, context)
            if previous is None:
                return None
            return Actor(text=tok.text, name=previous.name, country=previous.country,
                         sector=previous.sector, id=previous.id, start=tok.idx, end=tok.idx + len(tok.text))
        # a named group or organisation the dictionary lacks: the entity at the head, or one that
        # names the head ("Boko Haram fighters", "the group al-Nusra Front")
        for t in [tok] + [c for c in tok.children if c.dep_ in {"compound", "appos"}]:
            if t.ent_type_ in {"PERSON", "ORG", "NORP"}:
                ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
                if ent is not None:
                    return Actor(text=ent.text, name=ent.text, start=ent.start_char, end=ent.end_char)
        if _is_acronym(tok):
            # an organisation known by its initials that the tagger missed ("FEMA sent ...")
            return Actor(text=tok.text, name=tok.text, start=tok.idx, end=tok.idx + len(tok.text))
        return None

    def _generic_agent(self, head: Token, targets: bool = False) -> Actor | None:
        """A bare human agent the actor dictionary lacks ("hundreds of employees", "prison
        guards", "the strikers"): the phrase, with the sector cues.yaml gives its noun. Only the
        head and the noun of an "of" phrase count, not any modifier ("a strike by employees")."""
        candidates = [head] + [
            g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
        ]
        for tok in candidates:
            if tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            lemma = str(tok.lemma_).lower()
            doc = tok.doc
            if tok.i >= 2 and doc[tok.i - 1].text == "-":
                lemma = f"{doc[tok.i - 2].lower_}-{lemma}"  # "asylum-seekers"
            sector = self._generic_agents.get(lemma) or (self._generic_targets.get(lemma) if targets else None)
            if (
                sector is None and tok.i == head.i and lemma in self.lex.cue("crowd_quantities") and not self.lex.user_scheme
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
            ):
                sector = "CVL"  # "thousands took to the streets"
            if sector is not None:
                phrase = doc[head.left_edge.i:tok.i + 1]
                return Actor(text=phrase.text, sector=sector, start=phrase.start_char, end=phrase.end_char)
        return None

    def _speaker_actor(
        self, tok: Token, doc: Doc, token_mention: dict[int, Mention], context: DocumentContext
    ) -> Actor | None:
        """The actor who speaks: named by the subject itself or its modifiers ("the Kremlin",
        "Ukraine's air force"), never by a phrase hanging further off it ("a call between X and Y")."""
        near = [tok] + [c for c in tok.children if c.dep_ in {"compound", "poss", "amod", "nmod", "appos"}]
        for t in near:
            mention = token_mention.get(t.i)
            if mention is not None:
                actor = replace(mention.actor)
                if actor.country is None and actor.sector:
                    actor.country = self._owner_country(tok, doc, token_mention, context)
                return actor
        if tok.lower_ in _PRONOUNS:
            return self._actor_for_token(tok, doc, token_mention, context)
        if tok.ent_type_ in {"PERSON", "ORG", "NORP"}:
            return self._actor_for_token(tok, doc, token_mention, context)
        return None

    def _context_country(
        self, tok: Token, doc: Doc, token_mention: dict[int, Mention], context: DocumentContext
    ) -> str | None:
        """Country for a bare human agent ("police", "officials"): a state named earlier in the
        sentence, else the country the article is clearly about. Weapons ("a missile") get none:
        whose missile it was is exactly what the text did not say."""
        if str(tok.lemma_).lower() in self.lex.cue("weapon_agents"):
            return None
        for t in doc[: tok.i]:
            m = token_mention.get(t.i)
            if m is not None and m.actor.country and m.kind in {"state", "capital", "metonym"}:
                return m.actor.country
        return context.dominant_country()

    def _is_venue(self, doc: Doc, mention: Mention) -> bool:
        """A place named as where something happens ("a summit in Budapest") is not a party."""
        if mention.kind not in _PLACE_KINDS:
            return False
        head = doc[mention.start:mention.end].root
        if head.dep_ == "appos" and head.head.dep_ == "pobj":
            head = head.head  # "in its capital, Dhaka": the place in apposition to the pobj
        if head.dep_ == "pobj":
            prep = head.head
            if prep.lower_ in self.lex.cue("locative_prepositions"):
                verb = prep.head
                return str(verb.lemma_).lower() not in self.lex.cue("visit_verbs")
        if head.dep_ in {"compound", "nmod"} and head.head.pos_ == "NOUN" and mention.kind == "capital":
            return True  # "the Budapest summit"
        return False
