"""The event coder: from a parsed sentence and its actor mentions to coded event records.

For each verb whose lemma is in the lexicon (verbs.tsv), the coder picks the most specific pattern
(particle, direct object), finds the source (subject, or the "by" agent of a passive), the target
(the slots the pattern names), tells venues from parties, judges factuality and attribution, and
resolves the date and place. One event is produced per source x target pair ("Brazil and Colombia
urged Venezuela" gives two events).

This module holds the orchestration (:meth:`EventCoder.code_sentence`), what is remembered across
a document (:class:`DocumentContext`), the events coded with no doer and the demands of "X says Y
must ...", and the record itself (:func:`coded_record`, :func:`event_confidence`). The coder's
other jobs are mixins of :class:`EventCoder`, each in its own module: :mod:`.verb_senses` (which
pattern a verb takes and what its use means), :mod:`.sources` (who acts, the actors a phrase
names), :mod:`.targets` (whom an act is aimed at), :mod:`.scheme_rules` (the TABARI/PETRARCH
readings of a user scheme); :mod:`.coder_base` holds their shared state and :mod:`.parse_tree`
the pure parse-tree helpers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ..actors import Mention
from ..dates import find_dates
from ..places import resolve_place
from ..records import Actor, EventRecord, Location
from . import attribution, factuality
from .coder_base import _CONTENT_KINDS, _PLACE_KINDS, _Slot
from .lexicon import CameoInfo, Lexicon, VerbPattern
from .parse_tree import Doc, Token, _is_modal, _is_passive, _patients, after_words, before_words
from .scheme_rules import SchemeRules
from .sources import SourceFinder
from .targets import TargetFinder
from .verb_senses import VerbSenses, _cue_table

# the public names, importable from here whichever module defines them
__all__ = ["DocumentContext", "EventCoder", "after_words", "before_words", "coded_record", "event_confidence"]

_RECIPROCAL_CODES = ("03", "04", "05", "06", "190", "196")
# PETRARCH2 makes coordinated sources each other's targets only in cooperative acts
_SCHEME_RECIPROCAL_CODES = ("03", "04", "05", "06")
# PLOVER types of an act that, agreed to, is itself done as a concession ("agreed to lift the curfew")
_AGREED_CONCESSIONS = frozenset({"CONCEDE", "RETREAT"})
# quad classes of acts coded even with no doer named, from an agentless passive
_AGENTLESS_QUADS = {3, 4}
# the sectors of a state's own authorities: who may lift what a state imposed (None: the state)
_STATE_SECTORS = frozenset({None, "GOV", "MIL", "COP", "JUD", "LEG"})


@dataclass
class DocumentContext:
    """What the coder remembers across the sentences of one document."""

    pub_date: str | None
    sources: list[Actor] = field(default_factory=list)  # event sources, most recent last
    persons: list[Actor] = field(default_factory=list)  # people named, most recent last
    mentioned: list[Actor] = field(default_factory=list)  # every actor named, most recent last
    pairs: list[tuple[Actor, Actor]] = field(default_factory=list)  # (source, target) of events
    country_counts: Counter[str] = field(default_factory=Counter)

    def remember(self, bucket: list[Actor], actor: Actor) -> None:
        bucket.append(actor)
        if len(bucket) > 16:
            del bucket[0]

    def dominant_country(self) -> str | None:
        """The country the article is about, when one clearly dominates (half the state mentions)."""
        states = [(n, c) for c, n in self.country_counts.items() if len(c) == 3 and c.isalpha() and c.isupper()]
        if not states:
            return None
        count, country = max(states)
        return country if count >= 3 and count * 2 >= sum(n for n, _ in states) else None

    def two_sides(self, before: list[Actor]) -> list[Actor]:
        """What "the two sides" refers to: the parties of the latest event between two different
        countries in earlier sentences, else the last two distinct parties named."""
        for source, target in reversed(self.pairs):
            if _can_be_side(source) and _can_be_side(target) and _side(source) != _side(target):
                return [replace(source), replace(target)]
        seen: list[Actor] = []
        for actor in reversed(self.mentioned + before):
            if _can_be_side(actor) and all(_side(a) != _side(actor) for a in seen):
                seen.append(actor)
            if len(seen) == 2:
                break
        return [replace(a) for a in reversed(seen)] if len(seen) == 2 else []


def _can_be_side(actor: Actor) -> bool:
    """A party to a dispute: a state or an armed group, not an organisation or civilians."""
    country = actor.country or ""
    return len(country) == 3 and country.isupper() and actor.sector not in {"IGO", "CVL", "MED", "NGO", "REF"}


def _side(actor: Actor) -> tuple[str | None, bool]:
    """Actors on one side: same country, and both state or both non-state armed groups."""
    return (actor.country, actor.sector in {"REB", "INS", "OPP"})


class EventCoder(VerbSenses, SourceFinder, TargetFinder, SchemeRules):
    """Codes events in parsed sentences. Build once; call :meth:`code_sentence` per sentence."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self._nominal: Any = None  # the nominal-event coder (nominal.py), built on first use
        self._speech_lemmas = (
            lexicon.cue("reporting_verbs") | lexicon.cue("allegation_verbs") | lexicon.cue("denial_verbs")
        )
        # "employee LAB" -> {"employee": "LAB"}: generic agents the actor dictionary lacks
        self._generic_agents: dict[str, str] = {
            lemma: sector.upper()
            for lemma, _, sector in (entry.partition(" ") for entry in lexicon.cue("generic_agents"))
            if sector
        }
        # people an event is done to, named by role ("civilians", "aid workers"): targets only
        self._generic_targets: dict[str, str] = {
            lemma: sector.upper()
            for lemma, _, sector in (entry.partition(" ") for entry in lexicon.cue("generic_targets"))
            if sector
        }
        # "mass killing 202" -> {"mass killing": "202"}: violence named by a noun
        self._event_nouns: dict[str, str] = {
            noun: code for noun, _, code in (entry.rpartition(" ") for entry in lexicon.cue("event_nouns")) if noun
        }
        # "strike 143": a verb whose working-people doers stop work rather than attack
        self._labour_codes = _cue_table(lexicon, "labour_sense_verbs")
        # "163 1312": the threat code, and "036 125" the rejection code, of an act's CAMEO code
        self._threat_codes = _cue_table(lexicon, "threat_codes")
        self._rejection_codes = _cue_table(lexicon, "rejection_codes")
        # what a weapon or blast is named by ("missile", "car bomb", "explosion")
        self._weapon_words = lexicon.cue("weapon_agents") | lexicon.cue("blast_nouns")
        self._current_mentions: list[Mention] = []
        self._token_mention: dict[int, Mention] = {}
        self._venues: set[int] = set()
        self._context = DocumentContext(pub_date=None)
        self._doer_search: set[int] = set()  # verbs whose doers are being found (see _verb_doers)
        # the spaCy pipeline a user scheme parses a sentence again with (:meth:`_scheme_reread`);
        # the process's default model when left None
        self.nlp: Any = None

    # -- public -----------------------------------------------------------------------------
    def observe(self, mentions: list[Mention], context: DocumentContext, tokens: Doc | None = None) -> None:
        """Remember the actors of a sentence that is not coded (skipped by the relevance test), so
        that later sentences resolve pronouns, bare agents and "the two sides" as if it had been
        read. With the sentence's ``tokens``, a state is remembered as a party unless a locative
        preposition puts it as a place ("tensions between Armenia and Azerbaijan", not "talks in
        Geneva"); without them, states are not remembered."""
        locative = self.lex.cue("locative_prepositions")
        for m in mentions:
            if m.actor.country:
                context.country_counts[m.actor.country] += 1
                if m.kind not in _PLACE_KINDS or (tokens is not None and not _after_locative(tokens, m.start, locative)):
                    context.remember(context.mentioned, m.actor)
            if m.kind == "person":
                context.remember(context.persons, m.actor)

    def code_sentence(
        self,
        doc: Doc,
        mentions: list[Mention],
        *,
        doc_id: str,
        sentence_index: int,
        offset: int,
        context: DocumentContext,
    ) -> list[EventRecord]:
        """Code the events of one parsed sentence ``doc`` that starts at ``offset`` in the document."""
        if self.lex.user_scheme and self.lex.is_stem_discarded(doc.text):
            return []  # PETRARCH reads a discard phrase as a stem ("BASEBALL": "baseballers")
        token_mention: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                token_mention[i] = m
            if m.actor.country:
                context.country_counts[m.actor.country] += 1
        if self.lex.user_scheme:
            doc = self._scheme_reread(doc, token_mention)
        venues = {id(m) for m in mentions if self._is_venue(doc, m)}
        self._current_mentions = mentions
        self._token_mention = token_mention
        self._context = context
        self._venues = venues
        events: list[EventRecord] = []
        coded_heads: dict[int, str] = {}
        used = self._scheme_used_verbs(doc) if self.lex.user_scheme else set()
        for tok in doc:
            modal = self.lex.user_scheme and _is_modal(tok)
            if not modal and tok.pos_ not in {"VERB"} and not (tok.pos_ == "AUX" and tok.lemma_ == "be"):
                continue
            if tok.i in used:
                continue  # a word of another verb's pattern ("SAID WOULD * [173]" uses up "said")
            if modal:
                # PETRARCH reads a modal as a verb ("SHOULD [101]"): its pattern is read on the
                # modal's clause, whose verb stands for it from here on
                pattern = self._match_modal(tok)
                if pattern is None:
                    continue
                tok = tok.head
            else:
                pattern = self._match(tok) or self._culpable_act(tok)
            if pattern is None:
                # "X said Y must ensure security": whatever Y is told to do, X demands it of Y
                events.extend(self._bare_obligation(tok, doc, token_mention, venues, context, doc_id, sentence_index, offset, coded_heads))
                if not self.lex.user_scheme:
                    # "X wants Y to stop ...", "X called for Y to review ...": X's request of Y;
                    # "X wants to ban ...": X's threat
                    pattern = self._wish_on_other(tok, token_mention, venues) or self._promised_harm(tok)
                if pattern is None:
                    continue
            elif not self.lex.user_scheme and pattern.cameo.startswith("03"):
                # "X vowed to outlaw parties": a promise of harm is a threat, not an agreement
                pattern = self._promised_harm(tok) or pattern
            if pattern.cameo == "-":
                continue
            if self.lex.user_scheme:
                used |= self._phrase_verbs(tok)  # PETRARCH goes on past the end of the verb's phrase
            info = self.lex.cameo_info(pattern.cameo)
            if info is None or not info.plover:
                continue
            if self._inside_coded_complement(tok, coded_heads, info.plover):
                continue
            sources = self._sources(tok, doc, token_mention, venues, context)
            if not sources:
                if self.lex.user_scheme:
                    continue  # TABARI/PETRARCH code an event only when a source is found
                agentless = self._agentless_event(tok, pattern, info, doc, token_mention, venues, context, doc_id, sentence_index, offset)
                if agentless:
                    # "UN sanctions on Eritrea were lifted": the verb holds its object noun, which
                    # is no event of its own
                    coded_heads[tok.i] = info.plover
                events.extend(agentless)
                continue
            if not self.lex.user_scheme:
                pattern = self._doer_sense(tok, pattern, sources)
                info = self.lex.cameo_info(pattern.cameo) or info
            if "subject_target" in pattern.conditions:
                # TABARI's "+ * IN $": the subject is the target, the source stands in the slot
                if "source_above" in pattern.conditions:
                    # "NOTED + *", "SUGGESTED + * ...": no source after the verb; it is who
                    # says so, the subject of the clause above
                    sources, subjects = self._governing_sources(tok, doc, token_mention, venues, context, sources), sources
                else:
                    sources, subjects = self._targets(tok, pattern, token_mention, venues, sources).actors, sources
                if not sources:
                    continue
                target_slot = _Slot(subjects, [])
            else:
                target_slot = self._targets(tok, pattern, token_mention, venues, sources)
            targets: list[Actor | None] = list(target_slot.actors) or [None]
            if self.lex.user_scheme and len(sources) > 1 and (
                "compound_subject" in pattern.conditions
                or (not target_slot.actors and pattern.cameo.startswith(_SCHEME_RECIPROCAL_CODES))
            ):
                # PETRARCH: several sources with no target in a cooperative act (roots 03-06),
                # or TABARI's "%" compound subject, act on each other, every ordered pair
                pairs: list[tuple[Actor, Actor | None]] = [(s, t) for s in sources for t in sources if s is not t]
            elif target_slot.reciprocal or (
                not self.lex.user_scheme and not target_slot.actors and len(sources) == 2
                and pattern.cameo.startswith(_RECIPROCAL_CODES)
            ) or ("compound_subject" in pattern.conditions and len(sources) == 2):
                # TABARI's "% * [191]": the coordinated subjects act on each other
                # "Rubio and Lavrov spoke": each side is the other's target
                pairs = [(sources[0], sources[1]), (sources[1], sources[0])]
            else:
                pairs = [(s, t) for s in sources for t in targets if t is None or t.code != s.code or t.text != s.text]
            if self.lex.user_scheme:
                # a user verb dictionary's scheme (TABARI/PETRARCH) codes an event only when the
                # sentence names a target its dictionaries identify (a code), never an actor
                # acting on itself; a source they do not identify is coded with an empty code
                pairs = [(s, t) for s, t in pairs if t is not None and t.code and t.code != s.code]
                if not pairs:
                    continue
            fact = factuality.judge(tok, self.lex)
            fact_value = fact.value
            if "negated" in pattern.conditions and fact_value == "negated":
                # a "NOT *" pattern codes what the negation says (a refusal), which is asserted
                fact_value = "asserted"
            elif ("modal" in pattern.conditions or self.lex.user_scheme) and fact_value == "hypothetical":
                # a TABARI pattern with its modal ("INDICATED SHOULD *") codes the stated intention;
                # and a whole TABARI/PETRARCH scheme knows no mood: "may spur reconciliation",
                # "is trying to stop X" are coded as the dictionary codes the verb
                fact_value = "asserted"
            refusal: CameoInfo | None = None
            if not self.lex.user_scheme and fact_value == "negated":
                # "X will not meet Y", "X declined to send aid": besides the (negated) act, a
                # cooperative act refused is X's rejection, which is asserted
                refusal = self._refusal_of(tok, info)
            speaker = self.speaker_actor(tok, doc, token_mention, context)
            date, date_text = self._date(doc, tok, context.pub_date, fact_value)
            location = self._location(tok, doc, mentions, venues)
            span = self._span(tok, doc, offset)
            if info.quad_class == 4:
                pairs, location = self._struck_places(pairs, location, token_mention)
                if location is not None and location.country:
                    # "Israeli aircraft struck villages in southern Lebanon": the country struck
                    pairs = [
                        (s, t) if t is not None or s.country == location.country
                        else (s, Actor(text=location.name, country=location.country))
                        for s, t in pairs
                    ]
            # "troops backed by Iran shelled the town": a participle describing a noun is
            # background to the clause's own event, so it ranks below it
            background = tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in {"NOUN", "PROPN"}
            if not self.lex.user_scheme and tok.tag_ == "VBG" and tok.dep_ in {"acl", "advcl"}:
                # "protesters rallying in the capital", "..., killing five people": a participle
                # tells a circumstance or consequence of the clause's own event
                background = True
            coded: list[tuple[CameoInfo, Actor, Actor | None]] = [(info, s, t) for s, t in pairs]
            mirror = self.lex.cameo_info(pattern.reverse_code) if pattern.reverse_code else None
            if mirror is not None and mirror.plover:
                # TABARI's "[032:033]": "X arrived in Y" is also Y hosting X, the mirror event
                coded += [(mirror, t, s) for s, t in pairs if t is not None]
            seen: set[tuple[str, str, str, str, str]] = set()
            for code_info, source, target in coded:
                key = (code_info.cameo, source.code, source.text, target.code if target else "", target.text if target else "")
                if key in seen:
                    continue  # a reciprocal pair already holds its mirror
                seen.add(key)
                confidence = self._confidence(pattern, source, target, fact_value)
                if background:
                    confidence = max(0.05, confidence - 0.2)
                events.append(
                    coded_record(
                        code_info, source, target, offset,
                        doc_id=doc_id, sentence_index=sentence_index, sentence=doc.text, span=span,
                        date=date, date_text=date_text, location=location, factuality=fact_value,
                        attribution=_shift(speaker, offset), confidence=confidence, trigger=tok.text,
                    )
                )
            if refusal is not None:
                for source, target in pairs:
                    # the refuser's own word is its rejection; another party's saying that it
                    # will not act is that party's claim ("X would not stop, rights groups said")
                    refused = "alleged" if speaker is not None and speaker.country and speaker.country != source.country else "asserted"
                    events.append(
                        coded_record(
                            refusal, source, target, offset,
                            doc_id=doc_id, sentence_index=sentence_index, sentence=doc.text, span=span,
                            date=date, date_text=date_text, location=location, factuality=refused,
                            attribution=_shift(speaker, offset),
                            confidence=self._confidence(pattern, source, target, refused), trigger=tok.text,
                        )
                    )
            events.extend(self._obligations(tok, pairs, speaker, doc_id, sentence_index, doc.text, span, date, date_text, offset))
            coded_heads[tok.i] = info.plover
        if self.lex.user_scheme:
            # TABARI/PETRARCH report an event (code, source, target) once per sentence, however
            # many verbs code it ("launched a bombing and shelling offensive")
            unique: dict[tuple[str, str, str], EventRecord] = {}
            for event in events:
                ident = (event.cameo or "", event.source.code if event.source else "", event.target.code if event.target else "")
                unique.setdefault(ident, event)
            events = list(unique.values())
        if not self.lex.user_sources:
            # events named by a noun ("the attack on X by Y", "talks between A and B"): nominal.py
            if self._nominal is None:
                from .nominal import NominalCoder

                self._nominal = NominalCoder(self)
            events.extend(self._nominal.code(doc, token_mention, events, coded_heads, doc_id=doc_id,
                                             sentence_index=sentence_index, offset=offset, context=context))
        for m in mentions:
            if m.actor.country and not (m.kind in _PLACE_KINDS and id(m) in venues):
                context.remember(context.mentioned, m.actor)
            if m.kind == "person":
                context.remember(context.persons, m.actor)
        for event in events:
            if event.source is not None:
                context.remember(context.sources, event.source)
                if event.target is not None and event.factuality != "hypothetical":
                    context.pairs.append((event.source, event.target))
        return events

    def prepare(self, doc: Doc, mentions: list[Mention], context: DocumentContext) -> dict[int, Mention]:
        """Index ``mentions`` by token and mark venues, for callers that reuse the coder's actor
        resolution (the positions stage) on a sentence. Returns the token -> mention index."""
        token_mention = {i: m for m in mentions for i in range(m.start, m.end)}
        self._current_mentions = mentions
        self._token_mention = token_mention
        self._context = context
        self._venues = {id(m) for m in mentions if self._is_venue(doc, m)}
        return token_mention

    def subject_actors(self, verb: Token, doc: Doc, token_mention: dict[int, Mention], context: DocumentContext) -> list[Actor]:
        """Who does ``verb``: its subject's actors (passive agents, controllers of "to" clauses,
        relative clauses, pronouns and "the two sides" resolved). Call :meth:`prepare` first."""
        return self._sources(verb, doc, token_mention, self._venues, context)

    def phrase_actors(self, head: Token, token_mention: dict[int, Mention], exclude: list[Actor] | None = None) -> list[Actor]:
        """Actors named by the noun phrase headed by ``head`` (and its conjuncts), venues excluded."""
        return self._actors_in_phrase(head, token_mention, self._venues, exclude=exclude or [])

    def speaker_actor(self, verb: Token, doc: Doc, token_mention: dict[int, Mention], context: DocumentContext) -> Actor | None:
        """Who reports the clause of ``verb`` ("..., the ministry said"), or None."""
        tok = attribution.speaker(verb, self.lex)
        return self._speaker_actor(tok, doc, token_mention, context) if tok is not None else None

    # -- complements, events with no doer, obligations, places struck ----------------------
    def _inside_coded_complement(self, tok: Token, coded: dict[int, str], plover: str = "") -> bool:
        """True when ``tok`` is the content of an already coded request, threat, offer or rejection.

        "Moscow urged Kyiv to withdraw": the withdrawal is what is requested, not a second event.
        A concession agreed to is the exception: "Israel agreed to halt construction" is the
        agreement and the concession itself (CONCEDE, RETREAT), coded beside it.
        """
        node = tok
        if (
            not self.lex.user_scheme and tok.dep_ == "advcl" and coded.get(tok.head.i) == "REQUEST"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            return True  # "made a call on Uganda [to release the prisoners]": what is asked for
        for _ in range(4):
            if node.dep_ not in {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl"}:
                return False
            node = node.head
            kind = coded.get(node.i)
            if kind == "AGREE" and plover in _AGREED_CONCESSIONS:
                return False
            if kind in _CONTENT_KINDS:
                return True
        return False

    def _agentless_event(
        self,
        tok: Token,
        pattern: VerbPattern,
        info: Any,
        doc: Doc,
        token_mention: dict[int, Mention],
        venues: set[int],
        context: DocumentContext,
        doc_id: str,
        sentence_index: int,
        offset: int,
    ) -> list[EventRecord]:
        """ "Four journalists were arrested", "a lawmaker was killed": a conflictual act in the
        passive with no agent is still reported, with no source (the text does not say who) and
        the passive subject as target. Cooperation without a doer is mostly too vague to code;
        the exceptions are the concrete acts of cues.yaml doerless_cooperation_codes ("twelve
        hostages were released", "the curfew was lifted", "the refugees were granted asylum"),
        in the passive and matched by a row that names its object, so that the object says what
        was given up or given."""
        if self.lex.user_scheme:
            return []  # a user scheme (TABARI/PETRARCH) needs a source
        cooperative = info.quad_class not in _AGENTLESS_QUADS
        if cooperative and not (
            pattern.objects and _is_passive(tok)
            and any(info.cameo.startswith(c) for c in self.lex.cue("doerless_cooperation_codes"))
        ):
            return []
        if any(c.dep_ == "agent" and not self._weapon_agent(c) for c in tok.children):
            return []  # a passive with a doer named ("by a missile" names none)
        if tok.dep_ in {"acl", "relcl", "amod"}:
            return []  # "the man killed in the raid": a description, not the report of an act
        if not _is_passive(tok):
            # "a car bomb exploded in the market, killing 12": a use of force told by its weapon
            if info.quad_class != 4 or not self._weapon_subject(tok):
                return []
        elif not _patients(tok) or str(tok.lemma_).lower() in self.lex.cue("casualty_verbs"):
            return []  # "three people were injured": the toll of an act, which is coded (or not) by its own verb
        slot = self._targets(tok, pattern, token_mention, venues, [])
        fact = factuality.judge(tok, self.lex)
        speaker = self.speaker_actor(tok, doc, token_mention, context)
        doer = self._owner_doer(tok, info, doc, token_mention, context, speaker) if cooperative else None
        date, date_text = self._date(doc, tok, context.pub_date, fact.value)
        location = self._location(tok, doc, self._current_mentions, venues)
        span = self._span(tok, doc, offset)
        out = []
        targets: list[Actor | None] = list(slot.actors) or [None]
        for target in targets:
            out.append(
                coded_record(
                    info, doer, target, offset,
                    doc_id=doc_id, sentence_index=sentence_index, sentence=doc.text, span=span,
                    date=date, date_text=date_text, location=location, factuality=fact.value,
                    attribution=_shift(speaker, offset), confidence=0.3 if doer is None else 0.5, trigger=tok.text,
                )
            )
        return out

    def _owner_doer(
        self,
        tok: Token,
        info: CameoInfo,
        doc: Doc,
        token_mention: dict[int, Mention],
        context: DocumentContext,
        speaker: Actor | None,
    ) -> Actor | None:
        """Who did an agentless cooperative act, where the sentence tells (cues.yaml
        doer_from_owner_codes: restrictions and blockades, which only their imposer lifts).
        "Algeria's curfew was lifted", "its curfew would be lifted, the presidency announced": the
        state or authority whose restriction it is (the patient's possessor, a pronoun resolved as
        a subject's); else the speaker, when a state or its government, army or police reports it
        ("the curfew has been lifted, the interior ministry said"). None when the text does not say."""
        if not any(info.cameo.startswith(c) for c in self.lex.cue("doer_from_owner_codes")):
            return None
        for patient in _patients(tok):
            for owner in (c for c in patient.children if c.dep_ == "poss"):
                actor = self._actor_for_token(owner, doc, token_mention, context)
                if actor is not None and actor.country and actor.sector in _STATE_SECTORS:
                    return actor
        if speaker is not None and speaker.country and speaker.sector in _STATE_SECTORS:
            return speaker
        return None

    def _bare_obligation(
        self,
        tok: Token,
        doc: Doc,
        token_mention: dict[int, Mention],
        venues: set[int],
        context: DocumentContext,
        doc_id: str,
        sentence_index: int,
        offset: int,
        coded_heads: dict[int, str],
    ) -> list[EventRecord]:
        """The demand in "X says Y must/should <verb>" when <verb> itself codes no event."""
        if self.lex.user_scheme:
            return []  # parley's own rule: not part of a user verb dictionary's scheme
        if not any(c.dep_ == "aux" and c.lower_ in self.lex.cue("obligation_auxiliaries") for c in tok.children):
            return []
        if self._inside_coded_complement(tok, coded_heads):
            return []
        speaker_tok = attribution.speaker(tok, self.lex)
        if speaker_tok is None:
            return []
        speaker = self._speaker_actor(speaker_tok, doc, token_mention, context)
        if speaker is None:
            return []
        subjects = self._sources(tok, doc, token_mention, venues, context)
        pairs: list[tuple[Actor, Actor | None]] = [(s, None) for s in subjects]
        date, date_text = self._date(doc, tok, context.pub_date, "asserted")
        span = self._span(tok, doc, offset)
        return self._obligations(tok, pairs, speaker, doc_id, sentence_index, doc.text, span, date, date_text, offset)

    def _obligations(
        self,
        tok: Token,
        pairs: list[tuple[Actor, Actor | None]],
        speaker: Actor | None,
        doc_id: str,
        sentence_index: int,
        sentence: str,
        span: tuple[int, int],
        date: str | None,
        date_text: str | None,
        offset: int,
    ) -> list[EventRecord]:
        """"X says Y must end attacks": besides Y's (hypothetical) act, X demands it of Y."""
        if self.lex.user_scheme:
            return []  # parley's own rule: not part of a user verb dictionary's scheme
        if speaker is None or not speaker.country:
            return []
        if not any(c.dep_ == "aux" and c.lower_ in self.lex.cue("obligation_auxiliaries") for c in tok.children):
            return []
        info = self.lex.cameo_info("100")
        if info is None:
            return []
        out: list[EventRecord] = []
        for target in {s.code + (s.text or ""): s for s, _ in pairs}.values():
            if target.country == speaker.country:
                continue
            out.append(
                coded_record(
                    info, speaker, target, offset,
                    doc_id=doc_id, sentence_index=sentence_index, sentence=sentence, span=span,
                    date=date, date_text=date_text, factuality="asserted", confidence=0.6, trigger=tok.text,
                )
            )
        return out

    def _struck_places(
        self,
        pairs: list[tuple[Actor, Actor | None]],
        location: Location | None,
        token_mention: dict[int, Mention],
    ) -> tuple[list[tuple[Actor, Actor | None]], Location | None]:
        """A capital attacked, shelled or blockaded is a place, not its government: "Russia struck
        Kyiv" targets Ukraine (no sector) at the location Kyiv."""
        kinds = {m.actor.id: m.kind for m in token_mention.values()}
        out: list[tuple[Actor, Actor | None]] = []
        for source, target in pairs:
            if target is not None and kinds.get(target.id) == "capital":
                if location is None:
                    location = resolve_place(target.text, country_hint=target.country, allow_small=False)
                target = replace(target, sector=None, name=target.name)
            out.append((source, target))
        return out, location

    # -- date, place, span, confidence ------------------------------------------------------
    def _date(self, doc: Doc, tok: Token, pub_date: str | None, fact: str) -> tuple[str | None, str | None]:
        tense: Literal["past", "future"] = "future" if fact == "future" else "past"
        found = find_dates(doc.text, pub_date, tense=tense)
        if not found:
            return pub_date, None
        trigger_at = tok.idx
        best = min(found, key=lambda d: abs(d.start - trigger_at))
        return best.date, best.text

    def _location(self, tok: Token, doc: Doc, mentions: list[Mention], venues: set[int]) -> Location | None:
        """Where the event happened: a place in a locative phrase attached to the trigger or to its
        object ("a summit ... in Budapest"), not one inside another phrase ("territory in Ukraine")."""
        anchors = {tok.i} | {c.i for c in tok.children if c.dep_ in {"dobj", "nsubjpass", "attr"}}
        if tok.dep_ in {"xcomp", "conj", "acl"}:
            anchors.add(tok.head.i)
        candidates: list[tuple[int, str, str | None]] = []
        for m in mentions:
            head = doc[m.start:m.end].root
            if id(m) in venues and head.dep_ == "pobj" and head.head.head.i in anchors:
                candidates.append((m.start, doc[m.start:m.end].text, m.actor.country))
        for ent in doc.ents:
            prep = ent.root.head
            if (
                ent.label_ in {"GPE", "LOC", "FAC"}
                and ent.root.dep_ == "pobj"
                and prep.lower_ in self.lex.cue("locative_prepositions")
                and prep.head.i in anchors
            ):
                candidates.append((ent.start, ent.text, None))
        candidates.sort(key=lambda c: abs(c[0] - tok.i))
        for _, name, country in candidates:
            name = name[4:] if name.lower().startswith("the ") else name
            place = resolve_place(name, country_hint=country, allow_small=False)
            if place is not None:
                return replace(place, name=name)  # the place as the text names it
        return None

    def _span(self, tok: Token, doc: Doc, offset: int) -> tuple[int, int]:
        parts = [tok] + [c for c in tok.children if c.dep_ in {"prt", "neg"}]
        start = min(t.idx for t in parts)
        end = max(t.idx + len(t.text) for t in parts)
        return (offset + start, offset + end)

    def _confidence(self, pattern: VerbPattern, source: Actor, target: Actor | None, fact: str) -> float:
        return event_confidence(source, target, fact, bonus=0.1 if pattern.objects else 0.0)


def event_confidence(source: Actor, target: Actor | None, fact: str, *, bonus: float = 0.0,
                     ceiling: float = 0.95) -> float:
    """How sure the coder is of an event: more when the doer resolves to a country and a
    dictionary entry and a target is named (``bonus``: a pattern with an object, or less, negative,
    for a nominal event), less when it is not asserted."""
    score = 0.45 + bonus
    if source.country:
        score += 0.15
    if source.id:
        score += 0.05
    if target is not None:
        score += 0.15
    if fact != "asserted":
        score -= 0.05
    return max(0.05, min(ceiling, score))


def _shift(actor: Actor | None, offset: int) -> Actor | None:
    return None if actor is None else actor.shifted(offset)


def coded_record(info: CameoInfo, source: Actor | None, target: Actor | None, offset: int, **fields: Any) -> EventRecord:
    """An event coded ``info`` (type, mode, context, Goldstein and quad class follow from the
    CAMEO code) between ``source`` and ``target``, their offsets moved from sentence to document."""
    return EventRecord(
        event_type=info.plover, cameo=info.cameo, mode=info.mode, context=info.context,
        quad_class=info.quad_class, goldstein=info.goldstein,
        source=_shift(source, offset), target=_shift(target, offset), **fields,
    )


def _after_locative(tokens: Doc, start: int, locative: frozenset[str]) -> bool:
    """True when the words before token ``start`` are a locative preposition, with perhaps an
    article or adjective between ("in Geneva", "in the Gaza Strip", "across northern Syria")."""
    i = start - 1
    while i >= 0 and i >= start - 3 and tokens[i].lower_ in {"the", "northern", "southern", "eastern", "western", "central"}:
        i -= 1
    return i >= 0 and tokens[i].lower_ in locative
