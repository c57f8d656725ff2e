"""The positions stage: from a parsed sentence to who demands, offers, accepts or refuses what.

Three ways a sentence states a position:

* a **stance cue** — a verb ("Washington wants a ceasefire", "has ruled out concessions"), a noun
  ("Moscow's demands for more territory") or an adjective ("Ukraine remained open to talks");
* a **refusal** stated as a negated future action ("Ukraine would not withdraw its troops");
* an **obligation** the speaker puts on another party ("Baku says Yerevan must change its
  constitution").

The issue comes from the words the cue governs (``data/issues.yaml``); one cue may state several
positions when its complement lists several items ("demands for territory, deep cuts to its
forces and a pledge never to join NATO"). Parties are resolved with the event coder's public actor
methods, and factuality with the event coder's judge: a hypothetical or an observer's expectation
is never a party's position.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..actors import Mention
from ..events import DocumentContext, EventCoder
from ..events import attribution as _attribution
from ..events import factuality as _factuality
from ..records import Actor, PositionRecord, ScalePlacement
from .taxonomy import StanceCues, Taxonomy, load_stance_cues, load_taxonomy

Token = Any
Doc = Any

_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# children of a stance verb that never hold what is wanted
_VERB_SKIP = {"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "punct", "cc", "conj", "advmod",
              "npadvmod", "mark", "parataxis", "advcl", "expl", "det", "intj", "agent"}
_NOUN_SKIP = {"det", "poss", "case", "punct", "cc", "conj", "relcl", "nummod", "predet"}
# prepositions that attach time and place to a verb, not the content of a position
_CIRCUMSTANTIAL = {"in", "at", "during", "after", "before", "since", "until", "near", "by", "amid",
                   "despite", "following", "from", "with", "over", "across", "within", "throughout"}
# prepositions that set an action in time or cause inside a wanted clause
_SETTING = {"after", "before", "during", "since", "amid", "despite", "following", "throughout"}
# verbs that deny or refuse what they govern directly: "rejected Moscow's demands"
_DENIALS = {"deny", "refuse", "reject", "dismiss", "rebuff", "spurn", "decline"}
_NEGATIONS = {"never", "not", "n't", "no", "without"}
_FLIP = {"accept": "reject", "support": "oppose"}
_ANCHOR_KINDS = {"state", "capital", "metonym", "person", "org", "group", "agent"}


@dataclass
class _Found:
    """One position before it becomes a record."""

    actors: list[Actor]
    issue: str
    stance: str
    object_tokens: list[Token]
    target: Actor | None
    cue: Token
    fact: str
    non_negotiable: bool
    confidence: float


def _lemma(tok: Token) -> str:
    return str(tok.lemma_).lower()


def _subtree(tok: Token, skip_conj: bool = True) -> list[Token]:
    """Tokens of ``tok``'s subtree, without the branches of conjuncts (they are own items)."""
    out = [tok]
    stack = [c for c in tok.children if not (skip_conj and c.dep_ in {"conj", "cc"})]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if not (skip_conj and c.dep_ in {"conj", "cc"}))
    return sorted(out, key=lambda t: t.i)


class PositionExtractor:
    """Finds positions in parsed sentences. Build once; call :meth:`extract` per sentence."""

    def __init__(self, coder: EventCoder, taxonomy: Taxonomy | None = None, *,
                 issue_files: Iterable[str | Path] = ()) -> None:
        self.coder = coder
        self.lex = coder.lex
        self.taxonomy = taxonomy or load_taxonomy(issue_files)
        self.cues: StanceCues = load_stance_cues()
        self._observers = self.lex.cue("observer_nouns")
        self._speculation = self.lex.cue("speculation_verbs")

    # -- public -----------------------------------------------------------------------------
    def extract(
        self,
        doc: Doc,
        mentions: list[Mention],
        context: DocumentContext,
        *,
        doc_id: str,
        sentence_index: int,
        offset: int,
        earlier: list[PositionRecord] | None = None,
    ) -> list[PositionRecord]:
        """Positions stated in the parsed sentence ``doc`` (which starts at ``offset``).

        ``earlier`` are the positions of the document's previous sentences: a sentence such as
        "The Kremlin has called those conditions non-negotiable" marks them non-negotiable.
        """
        tm = self.coder.prepare(doc, mentions, context)
        found: list[_Found] = []
        for tok in doc:
            found.extend(self._from_cue(tok, doc, tm, context))
            found.extend(self._from_refusal(tok, doc, tm, context))
            found.extend(self._from_obligation(tok, doc, tm, context))
        records = self._records(found, doc, tm, context, doc_id, sentence_index, offset)
        self._non_negotiable(doc, tm, context, records, earlier or [])
        return records

    # -- the three ways -----------------------------------------------------------------------
    def _from_cue(self, tok: Token, doc: Doc, tm: dict[int, Mention], context: DocumentContext) -> list[_Found]:
        lemma = _lemma(tok)
        stance: str | None = None
        roots: list[Token] = []
        actors: list[Actor] = []
        if tok.pos_ == "VERB" and lemma in self.cues.verbs:
            if not self._has_needed_prep(tok, lemma):
                return []
            stance = self.cues.verbs[lemma]
            roots = [c for c in tok.children if c.dep_ not in _VERB_SKIP and not self._circumstantial(c)]
            roots += [c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VB"]  # "agreed to meet"
            actors = self._holders(tok, doc, tm, context)
        elif tok.pos_ == "NOUN" and lemma in self.cues.nouns:
            if not self._has_needed_prep(tok, lemma):
                return []
            stance = self.cues.nouns[lemma]
            roots = [c for c in tok.children if c.dep_ not in _NOUN_SKIP]
            actors = self._noun_owner(tok, doc, tm, context)
        elif tok.pos_ == "ADJ" and lemma in self.cues.adjectives and tok.dep_ in {"acomp", "oprd", "xcomp", "amod"}:
            stance = self.cues.adjectives[lemma]
            roots = [c for c in tok.children if c.dep_ in {"prep", "xcomp", "ccomp"}]
            if not roots:
                return []
            head = tok.head
            actors = self._holders(head, doc, tm, context) if head.pos_ in {"VERB", "AUX"} else []
        if stance is None or not roots:
            return []
        fact = _factuality.judge(tok, self.lex)
        value = fact.value
        if value == "negated" and tok.pos_ == "NOUN" and (fact.cue or "").startswith(("denied", "refused")):
            if _lemma(_first_verb(tok)) not in _DENIALS:
                # "Belgrade denied that it had raised the readiness of its forces": the noun is
                # inside the denied clause, and a denied deed states no position either way
                return []
            value = "asserted"  # "Kyiv rejected Moscow's demands": the demands stand
        if value == "negated":
            if stance == "demand" and tok.pos_ == "VERB" and self._refusal_modal(tok):
                stance = "reject"  # "Georgia would not seek accession talks": a refusal
            elif stance not in _FLIP:
                return []  # "did not demand", "did not rule out": no position either way
            else:
                stance = _FLIP[stance]
        if value == "hypothetical" or self._speculative(tok):
            return []
        nn = tok.pos_ == "NOUN" and lemma in self.cues.condition_nouns
        explicit_target = self._explicit_target(tok, tm, actors) if stance == "demand" else None
        out: list[_Found] = []
        for issue, item, cand in self._issues(tok, roots):
            target = explicit_target
            if target is None and stance in {"demand", "offer"}:
                target = self._item_target(item, cand, tm, actors)
            out.append(_Found(actors, issue, stance, item, target, tok, value, nn, 0.7 if actors else 0.0))
        return out

    def _from_refusal(self, tok: Token, doc: Doc, tm: dict[int, Mention], context: DocumentContext) -> list[_Found]:
        """ "Ukraine would not withdraw its troops", "we will never cede land": a refusal."""
        if tok.pos_ != "VERB" or _lemma(tok) in self.cues.verbs:
            return []
        neg = [c for c in tok.children if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never")]
        own = tok
        while not neg and own.dep_ == "conj":  # "would not withdraw its troops or cede any land"
            own = own.head
            neg = [c for c in own.children if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never")]
        if not neg:
            return []
        aux = {c.lower_ for c in own.children if c.dep_ in {"aux", "auxpass"}}
        standing = bool(aux & self.cues.standing_auxiliaries) and self.taxonomy.verb_issue(_lemma(tok)) is not None
        if not (aux & self.cues.refusal_auxiliaries or standing or any(n.lower_ == "never" for n in neg)):
            return []  # "did not withdraw" reports a fact, "does not have troops" too
        if self._conditional(doc) or self._speculative(tok) or tok.dep_ == "relcl" or self._under_cue(tok):
            return []
        actors = self._holders(tok, doc, tm, context)
        condition = next((c for c in tok.children if c.dep_ == "advcl"
                          and any(m.dep_ == "mark" and m.lower_ in {"until", "unless"} for m in c.children)), None)
        if condition is not None:
            # "will not sign a treaty until Yerevan changes its constitution": the condition is
            # the party's demand, and the text makes it a condition
            targets = self.coder.subject_actors(condition, doc, tm, context)
            croots = [c for c in condition.children if c.dep_ in {"dobj", "prt", "prep", "xcomp"}]
            target = next((t for t in targets if all(t.country != a.country for a in actors)), None)
            return [_Found(actors, issue, "demand", [condition] + item, target, tok, "asserted", True, 0.6)
                    for issue, item, _ in self._issues(condition, croots, include_verb=True)]
        roots = [c for c in tok.children if c.dep_ in {"dobj", "prt", "nsubjpass"}]
        if not roots:
            roots = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"from", "to", "on"}]
        found = self._issues(tok, roots, include_verb=True)
        if not found:
            return []
        fact = _factuality.judge(tok, self.lex).value
        return [_Found(actors, issue, "reject", [tok] + item, None, tok, "asserted" if fact == "negated" else fact,
                       False, 0.65)
                for issue, item, _ in found]

    def _from_obligation(self, tok: Token, doc: Doc, tm: dict[int, Mention], context: DocumentContext) -> list[_Found]:
        """ "Azerbaijan says Armenia must change its constitution": the speaker demands it."""
        if tok.pos_ != "VERB" or _lemma(tok) not in self.cues.demand_reporting_verbs:
            return []
        out: list[_Found] = []
        for clause in (c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}):
            aux = {c.lower_ for c in clause.children if c.dep_ in {"aux", "auxpass"}}
            if not aux & self.cues.obligation_auxiliaries or _lemma(clause) in self.cues.verbs:
                continue
            if any(c.dep_ == "neg" for c in clause.children):
                continue
            if self._conditional(doc) or self._speculative(tok):
                continue
            speakers = self._holders(tok, doc, tm, context)
            targets = self.coder.subject_actors(clause, doc, tm, context)
            roots = [c for c in clause.children if c.dep_ in {"dobj", "prt", "prep", "xcomp"}]
            for issue, item, _ in self._issues(clause, roots, include_verb=True):
                target = next((t for t in targets if all(t.country != s.country for s in speakers)), None)
                out.append(_Found(speakers, issue, "demand", [clause] + item, target, tok, "asserted", False, 0.6))
        return out

    # -- issues -------------------------------------------------------------------------------
    def _issues(self, cue: Token, roots: list[Token], include_verb: bool = False) -> list[tuple[str, list[Token], Token]]:
        """(issue, item tokens, keyword token) for each item of the cue's complement.

        An item is a root with its subtree, split at conjunctions and appositions; within an item
        the keyword nearest its head wins, nouns before verbs ("trade our territory for a pause":
        territory, not ceasefire).
        """
        items: dict[int, tuple[Token, list[tuple[int, int, int, str, Token]]]] = {}
        phrase_at: dict[int, str] = {}
        tokens = [t for r in roots for t in _subtree(r, skip_conj=False)]
        # "agreed to halt ... after four days of missile strikes": when and why a wanted action
        # happens is not what is wanted
        aside = {t.i for p in tokens if p.dep_ == "prep" and p.lower_ in _SETTING and p.head.pos_ in {"VERB", "AUX"}
                 and p.head.i != cue.i for t in _subtree(p, skip_conj=False)}
        tokens = [t for t in tokens if t.i not in aside]
        if tokens:
            first = min(t.i for t in tokens)
            last = max(t.i for t in tokens)
            span = cue.doc[first:last + 1]
            for start, end, named in self.taxonomy.phrase_issues(span.text):
                # every word of the phrase names its issue ("accession talks": not plain talks)
                words = span.char_span(start, end, alignment_mode="expand")
                for word in words if words is not None else ():
                    phrase_at.setdefault(word.i, named)
        members = {t.i for t in tokens}
        for t in tokens:
            issue = phrase_at.get(t.i)
            kind = 0
            if issue is None and t.pos_ in {"NOUN", "PROPN", "ADJ"}:
                adjective = t.pos_ == "ADJ"
                issue = (self.taxonomy.noun_issue(t.lower_, adjective=adjective)
                         or self.taxonomy.noun_issue(_lemma(t), adjective=adjective))
            if issue is None and t.pos_ == "VERB":
                issue, kind = self.taxonomy.verb_issue(_lemma(t)), 1
            if issue is None:
                continue
            head, depth = self._item_head(t, cue, members)
            items.setdefault(head.i, (head, []))[1].append((kind, depth, t.i, issue, t))
        if include_verb and not items:
            verb_issue = self.taxonomy.verb_issue(_lemma(cue))
            if verb_issue:
                return [(verb_issue, tokens, cue)]
        out: list[tuple[str, list[Token], Token]] = []
        seen: set[str] = set()
        for head, cands in sorted(items.values(), key=lambda x: x[0].i):
            kind, depth, _, issue, keyword = min(cands)
            if issue in seen:
                continue
            seen.add(issue)
            item = [t for t in _subtree(head) if t.i in members]
            if item and item[0].pos_ == "ADP":
                item = item[1:]  # "for more territory" -> "more territory"
            out.append((issue, item or [head], keyword))
        return out

    @staticmethod
    def _item_head(tok: Token, cue: Token, members: set[int]) -> tuple[Token, int]:
        node, depth = tok, 0
        while node.head.i != cue.i and node.head.i in members and node.dep_ not in {"conj", "appos"}:
            node = node.head
            depth += 1
        return node, depth

    # -- parties ------------------------------------------------------------------------------
    def _noun_owner(self, noun: Token, doc: Doc, tm: dict[int, Mention], context: DocumentContext) -> list[Actor]:
        """Whose demand, offer or refusal: the possessor ("Moscow's demands"), else the subject
        of the verb that governs the noun ("Lavrov repeated the demands")."""
        near = [noun] + [c for c in noun.children if c.dep_ == "prep" for c in c.children if c.dep_ == "pobj"]
        for prep in (c for n in near for c in n.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}):
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                actors = self.coder.phrase_actors(obj, tm)
                if not actors and obj.i in tm:
                    # the coder takes a place after "from" for a venue; after a stance noun it
                    # names where the demand or offer comes from
                    actors = [replace(tm[obj.i].actor)]
                if actors:
                    return actors  # "offers of talks from Seoul"
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is not None and poss.lower_ not in {"its", "their", "his", "her", "our", "my"}:
            actors = self.coder.phrase_actors(poss, tm)
            if actors:
                return actors
        amod = [c for c in noun.children if c.dep_ in {"amod", "compound"} and c.i in tm]
        if amod:  # "the Russian demands"
            return self.coder.phrase_actors(amod[0], tm)
        node = noun
        for _ in range(3):
            node = node.head
            if node.pos_ in {"VERB", "AUX"}:
                return self.coder.subject_actors(node, doc, tm, context)
            if node.head.i == node.i:
                break
        return []

    def _holders(self, verb: Token, doc: Doc, tm: dict[int, Mention], context: DocumentContext) -> list[Actor]:
        """Who holds the position stated by ``verb``: its subject's actors, with two repairs.

        * every member of a subject list counts, also where the parser hangs the list on an
          apposition ("The United States, Saudi Arabia, Egypt and the UAE plan to propose ...");
        * a verb the parser left without a subject borrows one: a conjunct hung inside the
          previous clause ("X accused Russia of occupying Crimea and called on Moscow to ...")
          takes that clause's subject, and a finite verb hung on a name as a modifier
          ("Malaysia, which chairs ASEAN, called on all parties ...") takes that name.
        """
        actors = list(self.coder.subject_actors(verb, doc, tm, context))
        subject = _subject_of(verb)
        if subject is None and not actors:
            node = verb
            if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.i in tm:
                return self.coder.phrase_actors(verb.head, tm)
            while verb.dep_ == "conj" and node.dep_ in {"conj", "pcomp", "prep", "pobj"} and node.head.i != node.i:
                node = node.head
                if node.pos_ in {"VERB", "AUX"} and _subject_of(node) is not None:
                    return list(self.coder.subject_actors(node, doc, tm, context))
            return actors
        for member in _list_members(subject) if subject is not None else []:
            if member.i not in tm:
                continue
            for actor in self.coder.phrase_actors(member, tm, exclude=actors):
                if actor.country and all(actor.country != a.country for a in actors):
                    actors.append(actor)
        return actors

    def _explicit_target(self, verb: Token, tm: dict[int, Mention], actors: list[Actor]) -> Actor | None:
        """The party asked to act: "urged Kyiv to ...", "called on Israel to ..."."""
        heads = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        if any(c.dep_ == "xcomp" for c in verb.children) or any(c.dep_ == "ccomp" for c in verb.children):
            heads += [g for c in verb.children if c.dep_ == "ccomp" for g in c.children if g.dep_ in _SUBJECT_DEPS]
        heads += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children if g.dep_ == "pobj"]
        for head in heads:
            for actor in self.coder.phrase_actors(head, tm, exclude=actors):
                if actor.country and all(actor.country != a.country for a in actors):
                    return actor
        return None

    def _item_target(self, item: list[Token], keyword: Token, tm: dict[int, Mention], actors: list[Actor]) -> Actor | None:
        """The first party named inside the item other than the position holder and other than
        the issue's own object ("join NATO": NATO is what the pledge is about, not its target)."""
        # the issue's own object is not the target ("join NATO"), but a force that is the issue
        # still names its country ("Ukraine's armed forces")
        skip = {id(tm[keyword.i])} if keyword.i in tm and tm[keyword.i].kind in {"org", "group"} else set()
        for tok in item:
            m = tm.get(tok.i)
            if m is None or id(m) in skip or m.kind not in _ANCHOR_KINDS | {"capital", "metonym"}:
                continue
            for actor in self.coder.phrase_actors(tok, tm, exclude=actors):
                if actor.country and all(actor.country != a.country for a in actors):
                    return actor
        return None

    # -- filters --------------------------------------------------------------------------------
    def _has_needed_prep(self, tok: Token, lemma: str) -> bool:
        needed = self.cues.needs_prep.get(lemma)
        if not needed:
            return True
        for c in tok.children:
            if c.dep_ in {"prep", "prt", "dative"} and c.lower_ in needed and not _is_time(c):
                return True  # "on Saturday" is when, not "agreed on"
            if "to" in needed and c.dep_ in {"xcomp", "advcl"} and c.tag_ == "VB" and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                return True  # "agreed to halt": the infinitive's "to" is the needed particle
        return False

    def _refusal_modal(self, verb: Token) -> bool:
        """True when ``verb`` is negated with a modal or future auxiliary, or with "never"."""
        own = verb
        while own.dep_ == "conj" and not any(c.dep_ == "neg" for c in own.children):
            own = own.head
        if not any(c.dep_ == "neg" or c.lower_ == "never" for c in own.children):
            return False
        aux = {c.lower_ for c in own.children if c.dep_ in {"aux", "auxpass"}}
        modals = self.cues.refusal_auxiliaries | self.cues.standing_auxiliaries  # "does not seek" too
        return bool(aux & modals) or any(c.lower_ == "never" for c in own.children)

    def _under_cue(self, tok: Token) -> bool:
        """True when ``tok`` is the content of a stance cue ("a pledge that Ukraine will never join
        NATO" is what Moscow demands, not Ukraine's refusal)."""
        node = tok
        for _ in range(6):
            if node.head.i == node.i or node.dep_ not in {"acl", "ccomp", "xcomp", "relcl", "pcomp", "pobj", "prep", "conj", "appos", "dobj"}:
                return False
            node = node.head
            lemma = _lemma(node)
            if (node.pos_ == "NOUN" and lemma in self.cues.nouns) or (node.pos_ == "VERB" and lemma in self.cues.verbs):
                return True
        return False

    @staticmethod
    def _circumstantial(child: Token) -> bool:
        return child.dep_ == "prep" and child.lower_ in _CIRCUMSTANTIAL

    def _conditional(self, doc: Doc) -> bool:
        markers = self.lex.cue("conditional_markers")
        return any(t.dep_ == "mark" and t.lower_ in markers for t in doc)

    def _speculative(self, tok: Token) -> bool:
        """An observer's expectation or opinion: "analysts expect ...", "..., an analyst said"."""
        node = tok
        for _ in range(8):
            if node is not tok and _lemma(node) in self._speculation:
                return True
            if node.dep_ == "ccomp" and _lemma(node.head) in self.cues.inference_verbs:
                return True  # "the strikes showed that the junta would not stop"
            if node.head.i == node.i:
                break
            node = node.head
        speaker = _attribution.speaker(tok, self.lex)
        if speaker is not None and _lemma(speaker) in self._observers:
            return True
        subject = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)
        return subject is not None and _lemma(subject) in self._observers

    # -- records --------------------------------------------------------------------------------
    def _records(self, found: list[_Found], doc: Doc, tm: dict[int, Mention], context: DocumentContext,
                 doc_id: str, sentence_index: int, offset: int) -> list[PositionRecord]:
        records: list[PositionRecord] = []
        seen: set[tuple[str | None, str, str]] = set()
        for f in found:
            speaker = self.coder.speaker_actor(f.cue, doc, tm, context)
            actors = [a for a in f.actors if a.country]
            for actor in actors:
                key = (actor.country, f.issue, f.stance)
                if key in seen:
                    continue
                seen.add(key)
                obj = _phrase_text(f.object_tokens)
                target = f.target if f.target is not None and f.target.country != actor.country else None
                span = (offset + f.cue.idx, offset + f.cue.idx + len(f.cue.text))
                confidence = f.confidence + (0.1 if actor.id else 0.0) + (0.05 if f.fact == "asserted" else 0.0)
                record = PositionRecord(
                    doc_id=doc_id,
                    sentence_index=sentence_index,
                    sentence=doc.text,
                    span=span,
                    actor=_shift(actor, offset),
                    issue=f.issue,
                    stance=f.stance,
                    object=obj,
                    target=_shift(target, offset) if target else None,
                    non_negotiable=f.non_negotiable,
                    date=context.pub_date,
                    factuality=f.fact,
                    attribution=_shift(speaker, offset) if speaker else None,
                    confidence=round(min(0.95, confidence), 3),
                    cue=f.cue.text,
                )
                record.scale = self.place(record)
                records.append(record)
        return records

    def place(self, record: PositionRecord) -> ScalePlacement | None:
        """Place ``record`` on its issue's scale when a placement cue occurs in its own phrase."""
        issue = self.taxonomy.issues.get(record.issue)
        if issue is None or issue.scale is None:
            return None
        text = f"{record.cue or ''} {record.object}".lower()
        for cue in issue.scale.cues:
            if record.stance in cue.stances and cue.phrase in text:
                return ScalePlacement(cue.value, cue.phrase, 0.6 if record.stance in {"demand", "reject"} else 0.5)
        return None

    def _non_negotiable(self, doc: Doc, tm: dict[int, Mention], context: DocumentContext,
                        records: list[PositionRecord], earlier: list[PositionRecord]) -> None:
        """Mark positions the text calls a condition, red line or non-negotiable; a sentence that
        says so of "those conditions" marks the same party's positions of the previous sentences."""
        text = doc.text.lower()
        if not any(p in text for p in self.cues.non_negotiable):
            return
        if records:
            for r in records:
                if r.stance in {"demand", "reject", "oppose"}:
                    r.non_negotiable = True
            return
        if not any(t.lower_ in self.cues.anaphors or t.lower_ in {"demands", "conditions"} for t in doc):
            return
        root = next(t for t in doc if t.head.i == t.i)
        actors = self.coder.subject_actors(root, doc, tm, context)
        countries = {a.country for a in actors if a.country}
        if not countries or not earlier:
            return
        last_sentence = max(r.sentence_index for r in earlier)
        for r in earlier:
            if r.actor.country in countries and r.stance == "demand" and last_sentence - r.sentence_index <= 2:
                r.non_negotiable = True


def _subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verb it is the "to" clause or conjunct of."""
    node = verb
    for _ in range(4):
        subject = next((c for c in node.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None or node.dep_ not in {"xcomp", "conj"}:
            return subject
        node = node.head
    return None


def _list_members(head: Token) -> list[Token]:
    """The other members of a list headed by ``head``, through conjunctions and appositions."""
    out: list[Token] = []
    stack = [c for c in head.children if c.dep_ in {"conj", "appos"}]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ in {"conj", "appos"})
    return out


def _first_verb(tok: Token) -> Token:
    """The verb that governs the noun phrase of ``tok`` (``tok`` itself at the root)."""
    node = tok
    while node.head.i != node.i and node.pos_ not in {"VERB", "AUX"}:
        node = node.head
    return node


def _is_time(prep: Token) -> bool:
    """A preposition introducing a date or time ("on Saturday"), not a verb's particle."""
    return any(g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in prep.children)


def _phrase_text(tokens: list[Token]) -> str:
    """The words of ``tokens`` as written (from the first to the last, gaps included)."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    first = min(t.i for t in tokens)
    last = max(t.i for t in tokens)
    return str(doc[first:last + 1].text)


def _shift(actor: Actor, offset: int) -> Actor:
    return actor.shifted(offset)
