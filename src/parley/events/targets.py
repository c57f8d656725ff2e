"""Whom an act is aimed at: the targets of an event, for the event coder.

Looked for in widening circles: the slots the pattern names; a party named inside the object
("lifted the ban on X"), also where the parser hangs the object's phrase on the verb; the
content of a to-clause ("threatened to attack X"); where the main act was aimed, for a purpose
clause ("sent experts to X to investigate"); a slot head the dictionary lacks (a named person or
group, a pronoun, "20 aid workers"); for acts done to a place's people, the country of the place
acted on; and last a party named by a participle clause ("carried out a raid, targeting X").
The classify stage's added events use the same search (:meth:`TargetFinder.target_actor`). The source's own forces and weapons are
its means, not its target. Under a user scheme the TABARI/PETRARCH readings of
:mod:`.scheme_rules` take over. Part of :class:`.coder.EventCoder` (see :mod:`.coder_base`).
"""

from __future__ import annotations

from dataclasses import replace

from ..actors import Mention
from ..places import resolve_place
from ..records import Actor
from .coder_base import _CLAUSE_SUBJECT, _PLACE_KINDS, CoderBase, _Slot
from .lexicon import DEFAULT_TARGETS, VerbPattern
from .parse_tree import (
    Token,
    _bare_clause_subjects,
    _complement_clauses,
    _is_each_other,
    _is_passive,
    _is_purpose_clause,
    _is_time_phrase,
    _is_two_sides,
    _object_phrases,
    _path_heads,
    _patients,
    _phrase_tokens,
    _prep_objects,
)

# the slots of a verb that name whom its act is addressed to or aimed at ("wrote to X", "fired at
# X"), and last its object ("left ECOWAS, completing a withdrawal")
_ADDRESSEE_SLOTS = ("iobj", "to", "at", "against", "dobj")
# prepositions under an object that name whom the act is aimed at ("the ban on X", "sanctions
# against X", "aid to X", "the blockade of X"); locative ones ("attacks in X") name where
_NESTED_TARGET_PREPS = {"against", "on", "to", "toward", "towards", "with", "of", "over", "by", "into", "for", "between"}
# quad classes where a place acted on stands for its people when no party is named (material
# cooperation, verbal and material conflict); not talks or statements ("met in Geneva")
_PLACE_TARGET_QUADS = {2, 3, 4}
# prepositions the parser may hang on the verb that belong to its object ("imposed sanctions
# today against X")
_STRAY_OBJECT_PREPS = {"against", "on", "to", "toward", "towards", "into"}


class TargetFinder(CoderBase):
    """Finds whom an act is aimed at (a mixin of :class:`.coder.EventCoder`)."""

    def _targets(
        self,
        tok: Token,
        pattern: VerbPattern,
        token_mention: dict[int, Mention],
        venues: set[int],
        sources: list[Actor],
        *,
        places: bool = True,
    ) -> _Slot:
        """Whom the event is aimed at, looked for in widening circles: the pattern's slots; then
        a party named inside the object ("lifted the ban on X", "called for sanctions against
        X"); then the content of a to-clause ("threatened to attack X"), which is not coded as an
        event of its own; then a slot head the dictionary lacks (a named person or group, a
        pronoun, "20 aid workers"); and last, for acts done to a place's people, the country of
        the place acted on ("imposed a curfew in parts of Kashmir")."""
        slot = self._slot_targets(tok, pattern.targets, token_mention, venues, sources)
        if self.lex.user_scheme:
            if pattern.targets and pattern.targets[0].startswith("^"):
                past = self._past_skipped_phrase(tok, pattern.targets[0][1:], token_mention, sources)
                if past.actors:
                    return past
            # TABARI's reading: the pattern's slot, else the next actor after the verb that is
            # not the source itself ("welcomed memos from X on its role": X, not "its")
            codes = {s.code for s in sources}
            if slot.actors and not slot.reciprocal and all(not a.country for a in slot.actors):
                return self._scheme_agent_target(tok, slot, token_mention, sources)
            if slot.reciprocal or any(a.code not in codes for a in slot.actors):
                return slot
            return self._next_actor(tok, token_mention, sources)
        if slot.reciprocal or (slot.actors and not self._own_means(slot.actors, sources)):
            return slot
        if tok.dep_ == "advcl" and tok.tag_ == "VBG":
            # "sent a letter to the WHO, threatening to cut funding": a participle clause with no
            # target of its own is aimed at whom the clause's act is addressed or aimed
            addressee = self._slot_targets(tok.head, _ADDRESSEE_SLOTS, token_mention, venues, sources)
            if addressee.actors and not self._own_means(addressee.actors, sources):
                return addressee
        # "sent troops to Jordan", "mobilized the army for an assault against X", "struck a target
        # with artillery": the forces or weapons the source uses are its means, not its target;
        # they stand as the target only when no one else is named
        own_means = slot
        nested = self._nested_targets(tok, token_mention, venues, sources)
        if nested.actors and not self._own_means(nested.actors, sources):
            return nested
        stray = self._named_in(self._stray_object_phrases(tok), token_mention, venues, sources)
        if stray.actors and not self._own_means(stray.actors, sources):
            return stray
        for clause in _complement_clauses(tok):
            # the clause's slots, a party inside its object, then one clause further: "offered to
            # send troops to help the Philippine army"
            candidates = [
                self._slot_targets(clause, DEFAULT_TARGETS, token_mention, venues, sources),
                self._nested_targets(clause, token_mention, venues, sources),
                *(self._slot_targets(deeper, DEFAULT_TARGETS, token_mention, venues, sources) for deeper in _complement_clauses(clause)),
                # "sending aid to help North Korea cope": whom the help is for
                self._named_in(_bare_clause_subjects(clause), token_mention, venues, sources),
            ]
            for inner in candidates:
                if inner.actors and not self._own_means(inner.actors, sources):
                    return inner
        # a weapon is no party: "intercepted 130 drones" hits no one the text names, while
        # "shot down Russian drones" hits their owner (the weapon's country, kept above)
        own_means = _Slot([a for a in own_means.actors if not self._is_weapon(a)], own_means.tokens)
        if own_means.actors:
            return own_means
        if _is_purpose_clause(tok):
            # "sent experts to Saudi Arabia to investigate the attacks": what the main act was for
            # is aimed where the main act was, when it names no one itself
            addressee = self._slot_targets(tok.head, _ADDRESSEE_SLOTS, token_mention, venues, sources)
            if addressee.actors and not self._own_means(addressee.actors, sources):
                return addressee
        # the direct object last, even where the pattern reads another slot: "expelled twelve aid
        # workers" has no "from" phrase, and the workers are whom the act is done to
        slots = pattern.targets if "dobj" in pattern.targets else (*pattern.targets, "dobj")
        for head in self._slot_heads(tok, slots) + self._nested_heads(tok, token_mention, named=False):
            actor = self._unnamed_target(head, token_mention, sources)
            if actor is not None and not self._own_means([actor], sources):
                return _Slot([actor], [head])
        info = self.lex.cameo_info(pattern.cameo)
        if places and info is not None and info.quad_class in _PLACE_TARGET_QUADS:
            place = self._place_target(tok, token_mention)
            if place is not None:
                return _Slot([place], [])
        for clause in (c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG"):
            # "carried out a raid, targeting Islamic State commanders in Syria": a participle
            # that names a party says whom the main act was aimed at
            aimed = self._slot_targets(clause, ("dobj",), token_mention, venues, sources)
            if aimed.actors and all(a.country for a in aimed.actors) and not self._own_means(aimed.actors, sources):
                return aimed
        return _Slot([], [])

    def target_actor(self, verb: Token, cameo: str, token_mention: dict[int, Mention], sources: list[Actor]) -> Actor | None:
        """The target of an act coded ``cameo`` on ``verb`` with no pattern of its own (the
        classify stage's added events), looked for as for a catch-all row of verbs.tsv, the
        place acted on included ("sought refuge in Bangladesh", "the largest donor of aid in
        Iraq"). Call :meth:`.coder.EventCoder.prepare` first."""
        pattern = VerbPattern(lemma=str(verb.lemma_).lower(), particle="", objects=frozenset(), cameo=cameo, targets=DEFAULT_TARGETS)
        slot = self._targets(verb, pattern, token_mention, self._venues, sources)
        # the doer's own country is not whom an added act is aimed at ("sending our army into
        # Kosovo"): the classifier's evidence is too weak for an act within one country
        own = {s.country for s in sources}
        return next((a for a in slot.actors if a.country not in own), None)

    def _stray_object_phrases(self, tok: Token) -> list[Token]:
        """Phrases the parser hangs on the verb that belong to its object: in "imposed sanctions
        today against Russia" the "against" phrase is the sanctions', as in "imposed sanctions
        against Russia". Only after a direct object, and not a date ("on Monday")."""
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        if not objects:
            return []
        preps = [
            c for c in tok.children
            if c.dep_ == "prep" and c.lower_ in _STRAY_OBJECT_PREPS and c.i > objects[0].i and not _is_time_phrase(c)
        ]
        # "lifted travel curbs to and from North Korea"
        preps += [x for c in preps for x in c.children if x.dep_ == "conj" and x.pos_ == "ADP"]
        return [g for c in preps for g in _prep_objects(c)]

    def _place_target(self, tok: Token, token_mention: dict[int, Mention]) -> Actor | None:
        """The country of a place where an act is done to the people there, when no party is
        named: "imposed a curfew in parts of Kashmir", "declared a ceasefire in Somalia",
        "withdrew its troops from Abyei". Read in the trigger's own phrases (and its to-clause),
        not in phrases of other clauses."""
        anchors = [tok, *_complement_clauses(tok)]
        anchors += [c for a in list(anchors) for c in a.children if c.dep_ in {"dobj", "nsubjpass", "attr"}]
        # "parts of Kashmir", "a number of areas in Mosul": the noun the quantity is of
        anchors += [g for a in list(anchors) for c in a.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        # "a ceasefire effective from Sunday in Somalia", "a ceasefire initiative to halt the
        # fighting in Yemen": what the object's own modifiers say about where
        anchors += [c for a in list(anchors) if a.dep_ == "dobj" for c in a.children if c.dep_ in {"amod", "acl", "relcl"}]
        anchors += [c for a in list(anchors) if a.dep_ in {"acl", "relcl"} for c in a.children if c.dep_ == "dobj"]
        # "attacks against military targets in Kirkuk": what the act is aimed at, as a place
        anchors += [
            g for a in list(anchors) if a.dep_ == "dobj" for c in a.children
            if c.dep_ == "prep" and c.lower_ in _STRAY_OBJECT_PREPS for g in c.children if g.dep_ == "pobj"
        ]
        anchor_ids = {a.i for a in anchors}
        # "a curfew on Basra" names the place acted on; "on Friday" names a day
        locative = self.lex.cue("locative_prepositions") | {"on"}
        doc = tok.doc
        places = [
            t for t in doc
            if t.dep_ == "pobj" and t.head.lower_ in locative and t.head.head.i in anchor_ids and not _is_time_phrase(t.head)
        ]
        # "threatened to shell Haifa": a place named as the object is the place acted on
        places += [a for a in anchors if a.dep_ in {"dobj", "nsubjpass"}]
        for _ in range(2):
            # "in parts of the city of Ahmedabad", "in the Gaza Strip's border regions": the place
            # the quantity is of, or (in a locative phrase) that owns the area; the owner of an
            # object ("Moscow's demands") is a party, not the place acted on
            places += [g for t in places for c in t.children for g in _wider_place(t, c, locative, token_mention) if g not in places]
        for place in sorted(places, key=lambda t: abs(t.i - tok.i)):
            mention = token_mention.get(place.i)
            if mention is not None:
                if mention.kind in _PLACE_KINDS and mention.actor.country:
                    return replace(mention.actor, sector=None)
                continue  # a party, not a place: its slot was read already
            ent = next((e for e in doc.ents if e.start <= place.i < e.end and e.label_ in {"GPE", "LOC"}), None)
            if ent is None:
                continue
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            found = resolve_place(name, allow_small=False)
            if found is not None and found.country:
                return Actor(text=ent.text, name=name, country=found.country, start=ent.start_char, end=ent.end_char)
        return None

    def _slot_heads(self, tok: Token, slots: tuple[str, ...]) -> list[Token]:
        """The heads of the phrases in ``slots`` of ``tok``, in slot order."""
        passive = _is_passive(tok)
        out: list[Token] = []
        for slot in slots:
            if slot == "dobj":
                out += _patients(tok) if passive else [c for c in tok.children if c.dep_ == "dobj"]
            elif slot == _CLAUSE_SUBJECT:
                # "wants Pakistan to stop", "called for the UN to review": the to-clause's subject
                out += [
                    g for c in tok.children if c.dep_ in {"ccomp", "xcomp", "advcl"}
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                    for g in c.children if g.dep_ == "nsubj"
                ]
            elif slot == "iobj":
                out += [c for c in tok.children if c.dep_ in {"dative", "iobj"} and c.pos_ != "ADP"]
                out += [g for c in tok.children if c.dep_ == "dative" and c.pos_ == "ADP" for g in c.children if g.dep_ == "pobj"]
            else:
                out += [g for c in tok.children if c.dep_ in {"prep", "prt", "dative"} and c.lower_ == slot for g in c.children if g.dep_ == "pobj"]
        return out

    def _slot_targets(
        self,
        tok: Token,
        slots: tuple[str, ...],
        token_mention: dict[int, Mention],
        venues: set[int],
        sources: list[Actor],
    ) -> _Slot:
        """Named parties in the slots of ``tok`` (the first slot that names one wins; the
        source's own forces or weapons only when no slot names anyone else)."""
        passive = _is_passive(tok)
        means = _Slot([], [])
        for slot in slots:
            heads: list[Token] = []
            if slot == "dobj":
                heads = _patients(tok) if passive else [c for c in tok.children if c.dep_ == "dobj"]
                if not heads and tok.dep_ == "acl" and tok.tag_ == "VBN":
                    heads = [tok.head]  # "drones launched by Russia": the drones are the object
            elif slot == "iobj":
                heads = self._slot_heads(tok, ("iobj",))
            else:
                heads = self._slot_heads(tok, (slot,))
                if not heads:
                    heads = [g for obj in _object_phrases(tok) for c in obj.children if c.dep_ == "prep" and c.lower_ == slot for g in c.children if g.dep_ == "pobj"]
            # a prep slot the pattern names explicitly may hold a capital ("arrived in Beijing")
            explicit_venue_ok = slot not in {"dobj", "iobj"}
            allowed = set() if explicit_venue_ok else venues
            found = self._named_in(heads, token_mention, allowed, sources)
            if found.reciprocal or (found.actors and not self._own_means(found.actors, sources)):
                return found
            if found.actors and not means.actors:
                means = found
        return means

    def _named_in(self, heads: list[Token], token_mention: dict[int, Mention], allowed: set[int], sources: list[Actor]) -> _Slot:
        for head in heads:
            if _is_each_other(head) and len(sources) == 2:
                return _Slot([], [head], reciprocal=True)
            if _is_two_sides(head):
                pair = self._context.two_sides(self._mentioned_before(head))
                actors = [a for a in pair if all(a.code != s.code for s in sources)]
                if actors:
                    return _Slot(actors, [head])
            actors = self._actors_in_phrase(head, token_mention, allowed, exclude=sources)
            for actor in actors:
                if actor.country is None and actor.sector:
                    actor.country = self._owner_country(head, head.doc, token_mention, self._context)
            if actors:
                return _Slot(actors, heads)
        return _Slot([], [])

    def _nested_targets(self, tok: Token, token_mention: dict[int, Mention], venues: set[int], sources: list[Actor]) -> _Slot:
        """A party named in a phrase that hangs off the object: "lifted the ban on X",
        "suspended aid to X", "called for sanctions against X", "the blockade of X". A place
        there is where, not whom ("attacks in Tehran"): the locative prepositions are not read."""
        strict = self._nested_heads(tok, token_mention, named=False)
        found = self._named_in(strict, token_mention, venues, sources)
        if found.actors:
            return found
        # under other phrases ("sanctions in relation to Iraq", "after the agreement with the
        # government") only a party with a country: "following the killings of four people"
        # says when, and the people are no party to the curfew
        rest = [h for h in self._nested_heads(tok, token_mention) if h not in strict]
        found = self._named_in(rest, token_mention, venues, sources)
        if found.actors:
            return found if all(a.country for a in found.actors) else _Slot([], [])
        # "cordoned off the roads leading into X", "blocked convoys heading toward X": a clause
        # under the object that says where it leads names whom the act is aimed at, even as a place
        found = self._named_in(_path_heads(tok), token_mention, set(), sources)
        return found if all(a.country for a in found.actors) else _Slot([], [])

    def _nested_heads(self, tok: Token, token_mention: dict[int, Mention], named: bool = True) -> list[Token]:
        """Heads of the phrases under ``tok``'s object (or a prepositional object) that may name
        whom the act is aimed at."""
        objects = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
        # "condemned the act of aggression and the threats made by X": the object's conjuncts
        objects += [c for obj in list(objects) for c in obj.conjuncts if c.i > obj.i and c.pos_ in {"NOUN", "PROPN"}]
        # "called for sanctions against X", "sanctions in relation to X"; for people the
        # dictionary does not name, only phrases that can hold the act's object (not "following
        # the killings of four people", which says when)
        objects += [
            g for c in tok.children if c.dep_ in {"prep", "prt"} and (named or c.lower_ in _NESTED_TARGET_PREPS)
            for g in c.children if g.dep_ == "pobj"
        ]
        # "the ban imposed on X", "threats made by X", "roads leading into X": the clause's own
        # phrases count too
        objects += [c for obj in objects for c in obj.children if c.dep_ == "acl" and c.tag_ in {"VBN", "VBG"}]
        return [
            g for obj in objects if obj.i not in token_mention
            for c in obj.children if c.dep_ in {"prep", "agent"} and c.lower_ in _NESTED_TARGET_PREPS
            for g in _prep_objects(c)
        ]

    def _unnamed_target(self, head: Token, token_mention: dict[int, Mention], sources: list[Actor]) -> Actor | None:
        """A target the dictionary does not name: a person or group the tagger knows, a pronoun,
        or a generic human noun ("20 aid workers", "protesters"), its country from its own
        phrase or the sentence."""
        doc = head.doc
        actor = None
        # a party named only inside the phrase owns it or says where ("Moscow's demands",
        # "workers in Kenya"); the slot passes already read those
        if head.i in token_mention or not any(t.i in token_mention for t in _phrase_tokens(head)):
            actor = self._actor_for_token(head, doc, token_mention, self._context)
        if actor is None:
            actor = self._generic_agent(head, targets=True)
            if actor is not None and actor.country is None:
                actor.country = self._owner_country(head, doc, token_mention, self._context) or self._context_country(
                    head, doc, token_mention, self._context
                )
        if actor is None or any(actor.text == s.text and actor.code == s.code for s in sources):
            return None
        return actor


def _wider_place(place: Token, child: Token, locative: frozenset[str], token_mention: dict[int, Mention]) -> list[Token]:
    """What a place phrase's child says about where it is: the place a part is of ("parts of
    Kashmir"), the owner of an area ("the Gaza Strip's border regions"), and for a place the
    dictionary does not name, its own locative phrase ("towns in the West Bank")."""
    if child.dep_ == "prep" and child.lower_ == "of":
        return [g for g in child.children if g.dep_ == "pobj"]
    if child.dep_ in {"poss", "compound"} and place.dep_ == "pobj":
        return [child]
    if child.dep_ == "prep" and child.lower_ in locative and place.i not in token_mention:
        return [g for g in child.children if g.dep_ == "pobj"]
    return []
