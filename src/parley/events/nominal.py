"""Nominal events: acts named by a noun ("the attack on X by Y", "talks between A and B",
"Russia's sanctions against Iran", "the rebels staged protests").

News often reports an event as a noun phrase, with no verb of its own that the verb lexicon could
match. The noun lexicon (``data/nouns.tsv``) gives such nouns a CAMEO code and the prepositions
that name the target. The source must be a party of the actor dictionary named in the phrase
itself ("by X", "X's", "the withdrawal of X", a named modifier: "Russian strikes"), both sides of
"between A and B", or the subject of a verb that only says the act took place ("X staged
protests", cues.yaml ``nominal_support_verbs``; "X went on strike"); no doer is ever guessed from the context. A nominal event is coded with less
confidence than a verbal one, and never when a coded verb already holds the noun ("X imposed
sanctions on Y" is the verb's event, "X condemned the attack by Y" the condemnation), when the
noun modifies another ("detention centre") or when it only sets the scene ("after the attack").
Factuality is judged as for verbs (:func:`.factuality.judge`) plus the noun's own words
("possible talks", "planned strikes", "a suspension of attacks").

The stage steps aside when a user verb dictionary is loaded: a verb dictionary is a coding scheme
of its own, in which these nouns have no code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..places import resolve_place
from ..records import Actor, EventRecord
from . import factuality
from .coder import DocumentContext, EventCoder, coded_record, event_confidence
from .lexicon import CameoInfo, Lexicon
from .parse_tree import _is_time_phrase

if TYPE_CHECKING:
    from ..actors import Mention

Token = Any
Doc = Any

# a nominal event is reported less directly than a verbal one: this is taken off the confidence a
# verb pattern with the same actors would get
CONFIDENCE_DISCOUNT = 0.15
# prepositions that make a noun the background of the clause ("after the attack", "amid
# protests"): the noun is an event of its own, not part of the coded verb's content
_BACKGROUND_PREPS = frozenset({"after", "following", "before", "since", "during", "amid", "amidst", "despite", "over"})
# verbs that put their subject in an ongoing act named after "on" ("are out on strike")
_STATE_VERBS = frozenset({"be", "go", "remain", "stay"})
# codes of acts done with a partner (consultations, agreements, cooperation): coded only with one
_MUTUAL_CODES = ("04", "057", "06")
_FORCE_ROOTS = frozenset({"18", "19", "20"})  # CAMEO roots of the use of force
_VERBAL_QUADS = frozenset({1, 3})  # quad classes of verbal cooperation and verbal conflict
# how a noun's phrase is climbed to find a coded verb that holds it
_HELD_DEPS = frozenset({"dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "oprd", "conj", "appos",
                        "compound", "xcomp", "ccomp", "acl", "relcl", "advcl", "pcomp", "npadvmod", "dative", "agent"})


@dataclass(frozen=True)
class EventNoun:
    """One row of nouns.tsv."""

    lemma: str
    modifiers: frozenset[str]
    cameo: str
    targets: tuple[str, ...]
    sources: tuple[str, ...] = ()


def _data_path(name: str) -> Path:
    return Path(str(resources.files("parley.events") / "data" / name))


def read_nouns(path: Path) -> dict[str, list[EventNoun]]:
    """The noun lexicon, by lemma; rows with a modifier first (they are more specific)."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    nouns: dict[str, list[EventNoun]] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        lemma = (row.get("lemma") or "").strip().lower()
        cameo = (row.get("cameo") or "").strip()
        if not lemma or not cameo:
            raise ValueError(f"{path}: a row needs a lemma and a cameo code: {row}")
        modifiers = frozenset(m for m in (row.get("modifier") or "").strip().lower().split("|") if m)
        targets = tuple(t for t in (row.get("targets") or "").strip().lower().split("|") if t)
        sources = tuple(t for t in (row.get("sources") or "").strip().lower().split("|") if t)
        nouns.setdefault(lemma, []).append(EventNoun(lemma, modifiers, cameo, targets, sources))
    for rows in nouns.values():
        rows.sort(key=lambda n: not n.modifiers)
    return nouns


@lru_cache(maxsize=1)
def load_nouns() -> dict[str, list[EventNoun]]:
    """The built-in noun lexicon (cached)."""
    return read_nouns(_data_path("nouns.tsv"))


@lru_cache(maxsize=1)
def noun_regex() -> re.Pattern[str]:
    """A regex matching the singular and plural of any event noun, for the relevance test."""
    forms: set[str] = set()
    for lemma in load_nouns():
        variants = {lemma, lemma.replace("-", " "), lemma.replace("-", "")}
        for v in variants:
            forms |= {v, v + "s", v + "es"}
            if v.endswith("y"):
                forms.add(v[:-1] + "ies")
    alternation = "|".join(sorted((r"\s*".join(map(re.escape, f.split())) for f in forms), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)


def mentions_event_noun(sentence: str, lexicon: Lexicon) -> bool:
    """True when ``sentence`` names an event noun and nominal events are coded (no user verb
    dictionary is loaded)."""
    return not lexicon.user_sources and noun_regex().search(sentence) is not None


def _lemmas(tok: Token) -> list[str]:
    """The noun's lemma, and for a hyphenated noun the joined word ("cease-fire" -> "ceasefire",
    "build-up"), which is tried first."""
    lemma = str(tok.lemma_).lower()
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].head.i == tok.i:
        left = doc[tok.i - 2].lower_
        return [f"{left}-{lemma}", f"{left}{lemma}", lemma]
    return [lemma]


def match_noun(tok: Token, nouns: dict[str, list[EventNoun]], senses: frozenset[str] = frozenset()) -> EventNoun | None:
    """The most specific row for the noun ``tok``, or None ("strike" alone is no event).
    ``senses``: the "#" senses its phrase shows (:meth:`NominalCoder.noun_senses`)."""
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.ent_type_ in {"PERSON", "ORG", "GPE", "DATE", "NORP", "EVENT", "LAW", "WORK_OF_ART"}:
        return None
    mods = {str(c.lemma_).lower() for c in tok.children if c.dep_ in {"amod", "compound", "nmod"}}
    mods |= {c.lower_ for c in tok.children if c.dep_ in {"amod", "compound", "nmod"}}
    if tok.dep_ == "pobj":
        mods.add("@" + tok.head.lower_)  # "@on": the noun is the object of "on" ("on strike")
    mods |= senses
    for lemma in _lemmas(tok):
        for row in nouns.get(lemma, []):
            if row.modifiers and not row.modifiers & mods:
                continue
            return None if row.cameo == "-" else row
    return None


def _held_by_coded_verb(tok: Token, coded_heads: dict[int, str]) -> bool:
    """True when a verb already coded holds the noun in its phrases ("imposed sanctions on Y",
    "accused X of attacks", "the strikes killed ten"): the verb's event is the noun's. A noun in a
    background phrase ("met after the attack") is not held."""
    node = tok
    for _ in range(10):
        if node.dep_ == "prep" and node.lower_ in _BACKGROUND_PREPS:
            return False
        if node.i != tok.i and node.i in coded_heads:
            return True
        if node.head is node or node.dep_ not in _HELD_DEPS:
            return False
        node = node.head
    return False


def _answered(tok: Token, info: CameoInfo, lex: Lexicon) -> bool:
    """A verbal act named as the object of a denial ("rejected accusations by the US", "dismissed
    the demands") is what the sentence's speaker answers: the answer is the event, and the noun
    would put the accuser in the source slot of the answerer's sentence."""
    return (tok.dep_ == "dobj" and info.quad_class in _VERBAL_QUADS
            and str(tok.head.lemma_).lower() in lex.cue("denial_verbs"))


def _is_background(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in _BACKGROUND_PREPS


def _noun_factuality(tok: Token, lex: Lexicon) -> str:
    """The event's factuality: the verb-based judgement of the noun's place in the sentence, then
    the noun's own words ("possible talks", "planned strikes", "alleged attack", "without talks")."""
    judged = factuality.judge(tok, lex).value
    if judged != "asserted":
        return judged
    if tok.dep_ == "pobj" and tok.head.lower_ == "without":
        return "negated"
    if (
        tok.dep_ == "pobj" and tok.head.lower_ in {"of", "on"} and tok.head.head.pos_ == "NOUN"
        and str(tok.head.head.lemma_).lower() in lex.cue("nominal_ending_nouns")
    ):
        return "negated"  # "a suspension of attacks", "the ban on protests": the act does not go on
    mods = {c.lower_ for c in tok.children if c.dep_ in {"amod", "compound", "advmod", "nmod"}}
    if mods & lex.cue("nominal_hypothetical_modifiers"):
        return "hypothetical"
    if mods & lex.cue("nominal_future_modifiers"):
        return "future"
    if mods & lex.cue("nominal_allegation_modifiers"):
        return "alleged"
    return judged


def _country_of_place(tok: Token, own: set[str | None]) -> Actor | None:
    """The country of the place ``tok`` names (a city or region the tagger knows), as the party
    a use of force there hits; None for the source's own country or a place not known."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end and e.label_ in {"GPE", "LOC", "FAC"}), None)
    if ent is None:
        return None
    name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
    found = resolve_place(name, allow_small=False)
    if found is None or not found.country or found.country in own:
        return None
    return Actor(text=ent.text, name=name, country=found.country, start=ent.start_char, end=ent.end_char)


def _dictionary(actors: list[Actor]) -> list[Actor]:
    """Parties of the actor dictionary only (an entry id): no generic agent, no bare entity."""
    return [a for a in actors if a.id and (a.country or a.sector)]


class NominalCoder:
    """Codes the events named by nouns in a sentence the verb patterns have coded already."""

    def __init__(self, coder: EventCoder) -> None:
        self.coder = coder
        self.lex = coder.lex
        self.nouns = load_nouns()
        self.support = self.lex.cue("nominal_support_verbs")
        # nouns with rows for a sense read from the phrase ("#armed" or "#labour" strikes)
        self.sensed = frozenset(
            lemma for lemma, rows in self.nouns.items() if any(m.startswith("#") for r in rows for m in r.modifiers)
        )

    def code(
        self,
        doc: Doc,
        token_mention: dict[int, Mention],
        events: list[EventRecord],
        coded_heads: dict[int, str],
        *,
        doc_id: str,
        sentence_index: int,
        offset: int,
        context: DocumentContext,
    ) -> list[EventRecord]:
        """The nominal events of ``doc`` (``events``: those the verbs gave, which are not repeated)."""
        if self.lex.user_sources:
            return []
        out: list[EventRecord] = []
        # (PLOVER type, source code) the verbs coded: a noun naming the same act adds nothing
        seen = {(e.event_type, e.source.code if e.source else "") for e in events}
        for tok in doc:
            # a noun modifying another ("detention centre", "attack helicopter") names no act;
            # one in a background phrase ("after the attack") is the setting of the sentence's
            # own event, which the story is about
            if tok.dep_ in {"compound", "amod"} or _is_background(tok):
                continue
            senses = self.noun_senses(tok, token_mention) if str(tok.lemma_).lower() in self.sensed else frozenset()
            row = match_noun(tok, self.nouns, senses)
            if row is None or _held_by_coded_verb(tok, coded_heads):
                continue
            info = self.lex.cameo_info(row.cameo)
            if info is None or not info.plover:
                continue
            if _answered(tok, info, self.lex):
                continue
            pairs = self._pairs(tok, row, token_mention)
            if not pairs:
                continue
            fact = _noun_factuality(tok, self.lex)
            speaker = self.coder.speaker_actor(tok, doc, token_mention, context)
            date, date_text = self.coder._date(doc, tok, context.pub_date, fact)
            location = self.coder._location(tok, doc, self.coder._current_mentions, self.coder._venues)
            span = self.coder._span(tok, doc, offset)
            for source, target in pairs:
                key = (info.plover, source.code)
                if key in seen:
                    continue
                confidence = self._confidence(source, target, fact)
                out.append(
                    coded_record(info, source, target, offset, doc_id=doc_id, sentence_index=sentence_index,
                            sentence=doc.text, span=span, date=date, date_text=date_text, location=location,
                            factuality=fact, attribution=speaker.shifted(offset) if speaker else None,
                            confidence=confidence, trigger=tok.text)
                )
            seen |= {(info.plover, s.code) for s, _ in pairs}
        return out

    def noun_senses(self, tok: Token, token_mention: dict[int, Mention]) -> frozenset[str]:
        """Which act an ambiguous noun names, from its own phrase (cues.yaml strike senses):
        {"#labour"} when working people or civilians do it ("the strike by dock workers") or it
        shuts things ("the strike paralysed the ports"); {"#armed"} when a government or armed
        group does it ("the army's strikes"), it hits a place or party ("Russian strikes on
        Kharkiv", "strikes continued overnight on Kharkiv"), it is a state's in another country
        ("Russian strikes across Ukraine") or it kills or destroys ("the strikes killed ten"); else none, and the noun alone stays no event ("Kenyan strikes went on")."""
        doers = self._sources(tok, EventNoun(str(tok.lemma_).lower(), frozenset(), "", ()), token_mention)
        if not doers:
            doers = [a for a in (self.coder._generic_agent(g) for g in self._by_heads(tok)) if a is not None]
        if any((a.sector or "").lower() in self.lex.cue("labour_strike_sectors") for a in doers):
            return frozenset({"#labour"})
        if any(a.sector for a in doers):
            return frozenset({"#armed"})  # a government, an army, an armed group
        # a bare state or nationality ("Kenyan strikes went on") may be either: the phrase decides
        verb = tok.head if tok.dep_ in {"nsubj", "nsubjpass"} else None
        lemma = str(verb.lemma_).lower() if verb is not None else ""
        if lemma in self.lex.cue("labour_strike_verbs"):
            return frozenset({"#labour"})
        preps = self.lex.cue("armed_strike_preps")
        holders = [tok] if verb is None else [tok, verb]
        struck = any(
            c.dep_ == "prep" and c.lower_ in preps and any(g.dep_ == "pobj" for g in c.children) and not _is_time_phrase(c)
            for h in holders for c in h.children
        )
        if struck or lemma in self.lex.cue("armed_strike_verbs"):
            return frozenset({"#armed"})
        # "Russian strikes across Ukraine": a state's strikes in another country are its force
        place = self.coder._place_target(tok, token_mention)
        if place is not None and doers and all(a.country and a.country != place.country for a in doers):
            return frozenset({"#armed"})
        return frozenset()

    @staticmethod
    def _by_heads(tok: Token) -> list[Token]:
        """Heads of the noun's "by" phrases ("the strike by dock workers")."""
        return [g for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]

    # -- actors ----------------------------------------------------------------------------
    def _pairs(self, tok: Token, row: EventNoun, token_mention: dict[int, Mention]) -> list[tuple[Actor, Actor | None]]:
        """(source, target) pairs of the noun ``tok``: both ways for "between A and B", else each
        source with each target (or none)."""
        between = self._between(tok, token_mention)
        if len(between) >= 2:
            a, b = between[0], between[1]
            return [(a, b), (replace(b), replace(a))]
        sources = self._sources(tok, row, token_mention)
        if not sources:
            return []
        targets = self._targets(tok, row, token_mention, sources)
        if not targets and row.cameo.startswith(_MUTUAL_CODES):
            # "A and B announced a treaty": each is the other's partner; a meeting or a deal with
            # no partner named says too little to code
            if len({s.code for s in sources}) == 2:
                return [(sources[0], sources[1]), (replace(sources[1]), replace(sources[0]))]
            return []
        slots: list[Actor | None] = list(targets) or [None]
        return [(s, t) for s in sources for t in slots if t is None or t.code != s.code]

    def _between(self, tok: Token, token_mention: dict[int, Mention]) -> list[Actor]:
        holders = [tok]
        if tok.dep_ in {"dobj", "nsubjpass", "nsubj"} and tok.head.pos_ == "VERB":
            # "a meeting was held in Moscow between A and B", "clashes broke out between A and B"
            holders.append(tok.head)
        for prep in (c for h in holders for c in h.children):
            if prep.dep_ == "prep" and prep.lower_ == "between":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        actors = _dictionary(self.coder.phrase_actors(obj, token_mention))
                        # "between A and B" names two different parties
                        if len({a.code for a in actors}) >= 2:
                            return actors
        return []

    def _sources(self, tok: Token, row: EventNoun, token_mention: dict[int, Mention]) -> list[Actor]:
        # "the attack by X", "X's attack", "the withdrawal of X"; the parser often hangs the "by"
        # phrase on the target ("the attack on the embassy by X")
        inner = [g for c in tok.children if c.dep_ == "prep" and c.lower_ != "by" for g in c.children if g.dep_ == "pobj"]
        for child in [*tok.children, *(c for g in inner for c in g.children if c.dep_ == "prep" and c.lower_ == "by")]:
            heads: list[Token] = []
            if child.dep_ in {"prep", "agent"} and (child.lower_ == "by" or (child.head.i == tok.i and child.lower_ in row.sources)):
                heads = [g for g in child.children if g.dep_ == "pobj"]
            elif child.dep_ == "poss" and child.lower_ not in {"its", "their", "his", "her", "our", "my", "your"}:
                heads = [child]
            for head in heads:
                found = _dictionary(self.coder.phrase_actors(head, token_mention))
                if found:
                    return found
        # "Russian strikes", "Houthi attacks": a party named by a modifier of the noun (a place
        # named so, "the Gaza blockade", is where or whom, not who)
        for child in tok.children:
            # a name or a demonym, not a common noun ("child abductions" names the victims)
            if child.dep_ in {"amod", "compound", "nmod"} and child.i < tok.i and child.pos_ in {"PROPN", "ADJ"}:
                mention = token_mention.get(child.i)
                if mention is not None and mention.kind not in {"capital"} and id(mention) not in self.coder._venues:
                    found = _dictionary([replace(m) for m in mention.members])
                    if found:
                        return found
        # "the teachers are out on strike", "went on strike": whoever is on it
        if tok.dep_ == "pobj" and tok.head.lower_ == "on":
            verb = tok.head.head
            if verb.pos_ == "ADV" and verb.lower_ == "out":
                verb = verb.head
            if str(verb.lemma_).lower() in _STATE_VERBS:
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subject is None and verb.dep_ == "conj":
                    # "has taken ... and is on hunger strike": the first verb's subject
                    subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    return _dictionary(self.coder.phrase_actors(subject, token_mention))
        # "X staged protests", "X announced a ceasefire": the subject of a support verb
        if tok.dep_ == "dobj" and str(tok.head.lemma_).lower() in self.support:
            verb = tok.head
            subject = next((c for c in verb.children if c.dep_ in {"nsubj"}), None)
            if subject is not None:
                return _dictionary(self.coder.phrase_actors(subject, token_mention))
        return []

    def _targets(self, tok: Token, row: EventNoun, token_mention: dict[int, Mention], sources: list[Actor]) -> list[Actor]:
        heads: list[Token] = [tok]
        if tok.dep_ == "dobj" and str(tok.head.lemma_).lower() in self.support:
            heads.append(tok.head)  # "launched an attack yesterday against X": the verb holds it
        elif tok.dep_ == "nsubj" and tok.head.pos_ == "VERB":
            # "Russian strikes continued overnight on Kharkiv", "protests broke out against X":
            # the verb the noun is the subject of holds its target phrase
            heads.append(tok.head)
        for prep_word in row.targets:
            for head in heads:
                for prep in head.children:
                    if prep.dep_ != "prep" or prep.lower_ != prep_word:
                        continue
                    for obj in prep.children:
                        if obj.dep_ != "pobj":
                            continue
                        # a place in a slot the row names is a party ("the withdrawal from
                        # Syria"), as in a verb pattern's explicit preposition
                        found = self.coder._actors_in_phrase(obj, token_mention, set(), exclude=sources)
                        found = [a for a in found if a.country or a.sector]
                        if found:
                            return found
                        if row.cameo[:2] in _FORCE_ROOTS:
                            # "strikes on Kharkiv": a force used on a place hits its country
                            place = _country_of_place(obj, {s.country for s in sources})
                            if place is not None:
                                return [place]
        if row.cameo[:2] in _FORCE_ROOTS:
            # "Israeli strikes in Gaza", "the shelling near Kharkiv": with no party named, force
            # used in a place hits that place's country, as a verb's does ("struck targets in X")
            own = {s.country for s in sources}
            for head in heads:
                place = self.coder._place_target(head, token_mention)
                if place is not None and place.country not in own:
                    return [place]
        return []

    def _confidence(self, source: Actor, target: Actor | None, fact: str) -> float:
        return round(event_confidence(source, target, fact, bonus=-CONFIDENCE_DISCOUNT, ceiling=0.8), 3)
