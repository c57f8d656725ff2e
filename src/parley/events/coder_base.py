"""What the parts of the event coder share: their state, the actor-kind tests, and the slot.

:class:`.coder.EventCoder` is put together from mixins, one per job (:mod:`.verb_senses`,
:mod:`.sources`, :mod:`.targets`, :mod:`.scheme_rules`), each built on :class:`CoderBase`. The base
declares the attributes ``EventCoder.__init__`` and ``code_sentence`` set, and, for the type
checker only, the methods one mixin calls in another; the tests of what kind of actor a phrase
names (a weapon, a bare force, a cue word), which every part asks, are its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..actors import Mention
from ..records import Actor
from .lexicon import Lexicon, VerbPattern
from .parse_tree import Doc, Token

if TYPE_CHECKING:
    from .coder import DocumentContext

_PRONOUNS = {"it", "they", "he", "she", "its", "their", "we", "i", "his", "her", "our", "him", "them"}
_PLACE_KINDS = {"capital", "state", "metonym"}
# the kinds of event whose complement is their content (what is requested, threatened, rejected,
# condemned, agreed to), not an event of its own
_CONTENT_KINDS = frozenset({"REQUEST", "THREATEN", "REJECT", "ACCUSE", "AGREE"})
# the target slot of a request made by wishing another party to act: the to-clause's subject
_CLAUSE_SUBJECT = "+clause_subject"


@dataclass
class _Slot:
    actors: list[Actor]
    tokens: list[Token]
    reciprocal: bool = False


class CoderBase:
    """The state and the shared tests of the coder's parts (see the module docstring)."""

    lex: Lexicon
    # the spaCy pipeline a user scheme parses a sentence again with (None: the default model)
    nlp: Any
    _speech_lemmas: frozenset[str]
    _generic_agents: dict[str, str]
    _generic_targets: dict[str, str]
    _event_nouns: dict[str, str]
    _labour_codes: dict[str, str]
    _threat_codes: dict[str, str]
    _rejection_codes: dict[str, str]
    _weapon_words: frozenset[str]
    # the sentence being coded: its mentions (and their token index), the venues among them, the
    # document's context, and the verbs whose doers are being found (see VerbSenses._verb_doers)
    _current_mentions: list[Mention]
    _token_mention: dict[int, Mention]
    _venues: set[int]
    _context: DocumentContext
    _doer_search: set[int]

    if TYPE_CHECKING:
        # methods of one mixin that another calls, implemented in the module named above them
        # :mod:`.sources`
        def _sources(
            self, tok: Token, doc: Doc, token_mention: dict[int, Mention], venues: set[int], context: DocumentContext
        ) -> list[Actor]: ...
        def _actors_in_phrase(
            self,
            head: Token,
            token_mention: dict[int, Mention],
            venues: set[int],
            exclude: list[Actor],
        ) -> list[Actor]: ...
        def _actor_for_token(
            self, tok: Token, doc: Doc, token_mention: dict[int, Mention], context: DocumentContext
        ) -> Actor | None: ...
        def _context_country(
            self, tok: Token, doc: Doc, token_mention: dict[int, Mention], context: DocumentContext
        ) -> str | None: ...
        def _generic_agent(self, head: Token, targets: bool = False) -> Actor | None: ...
        def _mentioned_before(self, tok: Token) -> list[Actor]: ...
        def _owner_country(
            self, head: Token, doc: Doc, token_mention: dict[int, Mention], context: DocumentContext
        ) -> str | None: ...
        # :mod:`.verb_senses`
        def _match(self, tok: Token) -> VerbPattern | None: ...
        def _conditions_hold(self, tok: Token, conditions: frozenset[str]) -> bool: ...
        def _subject_controls(self, verb: Token) -> bool: ...
        def _intent_owner(self, clause: Token) -> Token | None: ...
        # :mod:`.targets`
        def _slot_heads(self, tok: Token, slots: tuple[str, ...]) -> list[Token]: ...
        # :mod:`.scheme_rules`
        def _actor_in_source_gap(self, tok: Token, pattern: VerbPattern) -> bool: ...
        def _compound_in_slot(self, tok: Token, pattern: VerbPattern) -> bool: ...
        def _past_skipped_phrase(self, tok: Token, slot: str, token_mention: dict[int, Mention],
                                 sources: list[Actor]) -> _Slot: ...
        def _scheme_agent_target(self, tok: Token, slot: _Slot, token_mention: dict[int, Mention],
                                 sources: list[Actor]) -> _Slot: ...
        def _next_actor(self, tok: Token, token_mention: dict[int, Mention], sources: list[Actor]) -> _Slot: ...

    def _is_weapon(self, actor: Actor) -> bool:
        """True when ``actor`` is a bare weapon ("130 drones", "the missile"): named by a word of
        cues.yaml weapon_agents, and no party of the dictionary."""
        return self._named_by(actor, "weapon_agents")

    def _named_by(self, actor: Actor, cue: str) -> bool:
        """True when ``actor`` is a generic agent (no named party of the dictionary) whose words
        include one of the cues.yaml list ``cue`` ("hundreds of demonstrators", "drones")."""
        if actor.id is not None and not actor.id.startswith("agent:"):
            return False
        words = {w.rstrip("s") if len(w) > 3 else w for w in (actor.text or "").lower().split()}
        return bool(words & self.lex.cue(cue))

    def _own_means(self, actors: list[Actor], sources: list[Actor]) -> bool:
        """True when every actor is a bare force or weapon ("troops", "the army", "artillery")
        with no country, or with the source's own country: what the source acts with."""
        own = {s.country for s in sources if s.country}
        weapons = self.lex.cue("weapon_agents")
        for actor in actors:
            bare = actor.name is None or actor.id is None or actor.id.startswith("agent:")
            force = actor.sector in {"MIL", "COP"} or any(w in (actor.text or "").lower() for w in weapons)
            if not (bare and force and (actor.country is None or actor.country in own)):
                return False
        return True
