"""The classify stage: patterns propose, a classifier arbitrates, factuality filters.

For each parsed sentence the classifier (:mod:`.classifier`) gives PentaClass and PLOVER type
probabilities; :func:`decide` then does at most one of four things, each behind a probability
threshold chosen out of fold on the ConfliBERT train split (stored with the model):

* **rank**: the pattern coder found events of several classes and the classifier is confident
  of one of them: that event is ranked first (its confidence raised above the others);
* **re-type**: the classifier is very confident of a class none of the pattern events has, and
  the top asserted event came from a verb's catch-all pattern (no object or particle): it keeps its actors, place and date and takes the CAMEO code representative
  of the type the classifier prefers within that class;
* **veto**: the classifier is very confident the sentence is a statement or appeal (class 0)
  and not an act, and every pattern event that would count as an act is asserted and came from
  a catch-all pattern: those events are dropped (an alleged or announced act is the factuality
  module's call, and stays);
* **add**: the coder found nothing, the classifier is confident the sentence reports an event,
  and the parse names an actor as the subject of the main verb: an event is emitted with that
  actor as source and the verb's object (or prepositional) actor as target.

Factuality is never overridden: an added event is judged by :func:`.factuality.judge` on its
verb like any other event, and a re-typed event keeps its judgement (only asserted and alleged
events are re-typed, so a negated or hypothetical act never becomes an asserted one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..records import Actor, EventRecord
from . import factuality
from .classifier import Classifier, sentence_features
from .coder import DocumentContext, EventCoder, coded_record
from .pentaclass import coded_class

Doc = Any  # spacy.tokens.Doc
Token = Any  # spacy.tokens.Token
Mention = Any

# the class an event stands for, as the classifier learns and the evaluation scores it
event_class = coded_class
RETYPABLE = frozenset({"asserted", "alleged"})


@dataclass(frozen=True)
class Decision:
    """What :func:`decide` did to a sentence's events: "keep", "rank", "retype", "veto" or "add"."""

    action: str
    events: list[EventRecord]


def choose_type(classifier: Classifier, type_probs: np.ndarray, penta: int) -> tuple[str, str] | None:
    """The most probable PLOVER type that has a representative CAMEO code in class ``penta``."""
    best: tuple[float, str, str] | None = None
    for label, prob in zip(classifier.type.labels, type_probs, strict=True):
        code = classifier.representative.get(f"{label}/{penta}")
        if code is not None and (best is None or prob > best[0]):
            best = (float(prob), label, code)
    return (best[1], best[2]) if best else None


def decide(
    classifier: Classifier,
    penta_probs: np.ndarray,
    type_probs: np.ndarray,
    events: list[EventRecord],
    make_event: Callable[[str, str, float], EventRecord | None],
    retype: Callable[[EventRecord, str], EventRecord | None],
    generic: Callable[[EventRecord], bool] = lambda _event: True,
) -> Decision:
    """Combine the pattern events of one sentence with the classifier's probabilities.

    ``generic`` tells whether an event came from a verb's catch-all pattern (no object, particle
    or condition): only those may be re-typed or vetoed; a specific pattern is kept as coded."""
    params = classifier.params
    best = int(np.argmax(penta_probs))
    prob = float(penta_probs[best])
    classed = [(e, c) for e in events if (c := event_class(e)) is not None]
    if not classed:
        # only where the coder found nothing at all: a sentence whose events it judged negated or
        # hypothetical keeps that judgement, with no asserted event added beside it
        if not events and best != 0 and prob >= params.get("add_threshold", 1.1):
            chosen = choose_type(classifier, type_probs, best)
            if chosen is not None:
                added = make_event(chosen[0], chosen[1], round(min(prob, 0.95) * params.get("add_confidence", 0.6), 3))
                if added is not None:
                    return Decision("add", [*events, added])
        return Decision("keep", events)
    top_event, top_class = max(classed, key=lambda pair: pair[0].confidence)
    if best == top_class:
        return Decision("keep", events)
    if best == 0 and prob >= params.get("veto_threshold", 1.1) and all(
        generic(e) and e.factuality == "asserted" for e, _ in classed
    ):
        # a statement or an appeal, not an act: the pattern events were false alarms
        return Decision("veto", [e for e in events if event_class(e) is None])
    if prob >= params.get("rank_threshold", 1.1):
        match = next((e for e, c in classed if c == best), None)
        if match is not None:
            boosted = replace(match, confidence=min(0.99, top_event.confidence + 0.01))
            return Decision("rank", [boosted if e is match else e for e in events])
    if (best != 0 and prob >= params.get("retype_threshold", 1.1) and top_event.factuality in RETYPABLE
            and generic(top_event)):
        if all(c != best for _, c in classed):
            chosen = choose_type(classifier, type_probs, best)
            new = retype(top_event, chosen[1]) if chosen is not None else None
            if new is not None:
                return Decision("retype", [new if e is top_event else e for e in events])
    return Decision("keep", events)


class EventMaker:
    """Builds the events the classifier asks for, reusing the coder's actor resolution."""

    def __init__(self, coder: EventCoder) -> None:
        self.coder = coder
        self.lex = coder.lex

    def retyped(self, event: EventRecord, cameo: str) -> EventRecord | None:
        """``event`` with the CAMEO code ``cameo`` and what follows from it (type, mode, ...)."""
        info = self.lex.cameo_info(cameo)
        if info is None or not info.plover:
            return None
        return replace(event, cameo=info.cameo, event_type=info.plover, mode=info.mode, context=info.context,
                       quad_class=info.quad_class, goldstein=info.goldstein)

    def is_generic(self, doc: Doc, event: EventRecord, offset: int) -> bool:
        """True when ``event`` came from its verb's catch-all row of verbs.tsv (no object, particle
        or condition), so that the verb alone, not its context, chose the code."""
        start = event.span[0] - offset
        trigger = next((t for t in doc if t.idx >= start and t.text == event.trigger), None)
        if trigger is None:
            return False
        rows = [p for p in self.lex.patterns_for(str(trigger.lemma_).lower()) if p.cameo == event.cameo]
        return bool(rows) and all(not (p.objects or p.particle or p.conditions) for p in rows)

    def new_event(self, doc: Doc, mentions: list[Mention], cameo: str, confidence: float, *,
                  context: DocumentContext, doc_id: str, sentence_index: int, offset: int) -> EventRecord | None:
        """An event coded ``cameo`` on the sentence's main verb. Its source is the verb's subject
        actor; failing that, the subject actor of another verb that is not a reporting verb (that
        verb becomes the trigger); only actors found in the dictionaries count. None when no verb
        has such an actor as its subject, and when the main verb is a reporting verb or a copula."""
        info = self.lex.cameo_info(cameo)
        verb = main_verb(doc, self.lex.cue("reporting_verbs"))
        if info is None or not info.plover or verb is None or not mentions:
            return None
        reporting = self.lex.cue("reporting_verbs")
        if str(verb.lemma_).lower() in reporting:
            # what someone said is a statement, which parley does not code as an act; the
            # classifier's reading of the sentence belongs to the reported clause or to nothing
            return None
        if verb.pos_ != "VERB":
            # a copula or auxiliary ("the army was responsible for ...") states a condition; an
            # added event needs a verb that names an act
            return None
        token_mention = self.coder.prepare(doc, mentions, context)

        def known_subjects(head: Token) -> list[Actor]:
            # the classifier's evidence is weaker than a pattern's, so the doer must be a
            # dictionary entry: a name the parser alone proposes ("Debris damaged ...") is not
            return [a for a in self.coder.subject_actors(head, doc, token_mention, context) if a.id]

        sources = known_subjects(verb)
        if not sources:
            for other in doc:
                if other.pos_ == "VERB" and other.i != verb.i and str(other.lemma_).lower() not in reporting:
                    sources = known_subjects(other)
                    if sources:
                        verb = other
                        break
        if not sources:
            # every role of an added event comes from the parse: a sentence whose verbs name no
            # doer is left alone rather than given a guessed one
            return None
        source = sources[0]
        # whom the act is aimed at, read as for a verb's catch-all row: its slots, a party inside
        # its object or to-clause, the place acted on
        target = self.coder.target_actor(verb, info.cameo, token_mention, sources)
        fact = factuality.judge(verb, self.lex)
        speaker = self.coder.speaker_actor(verb, doc, token_mention, context)
        start = doc[verb.i].idx
        return coded_record(
            info, source, target, offset,
            doc_id=doc_id, sentence_index=sentence_index, sentence=doc.text,
            span=(offset + start, offset + start + len(verb.text)),
            # the publication date stands for "when" only for what is reported as done
            date=context.pub_date if fact.value in RETYPABLE else None,
            factuality=fact.value, attribution=speaker.shifted(offset) if speaker is not None else None,
            confidence=confidence, trigger=verb.text,
        )



class Arbiter(EventMaker):
    """The ``classify`` stage: build once with the model and the coder."""

    def __init__(self, classifier: Classifier, coder: EventCoder) -> None:
        super().__init__(coder)
        self.classifier = classifier

    def prefetch(self, texts: list[str]) -> None:
        """Ahead of a batch: embed the sentences it will arbitrate together (a no-op unless the
        model reads an embedding; see :meth:`Classifier.prefetch`)."""
        self.classifier.prefetch(texts)

    def arbitrate(
        self,
        doc: Doc,
        mentions: list[Mention],
        events: list[EventRecord],
        *,
        context: DocumentContext,
        doc_id: str,
        sentence_index: int,
        offset: int,
    ) -> list[EventRecord]:
        """The sentence's events after arbitration (the pattern events when nothing changes)."""
        features = sentence_features(doc, mentions, events, self.lex)
        penta_probs, type_probs = self.classifier.predict(features, text=str(doc.text))

        def make_event(event_type: str, cameo: str, confidence: float) -> EventRecord | None:
            return self.new_event(doc, mentions, cameo, confidence, context=context, doc_id=doc_id,
                                  sentence_index=sentence_index, offset=offset)

        return decide(self.classifier, penta_probs, type_probs, events, make_event, self.retyped,
                      lambda event: self.is_generic(doc, event, offset)).events


def main_verb(doc: Doc, reporting: frozenset[str] = frozenset()) -> Token | None:
    """The sentence's main verb: the root when it is a verb, else the first verb with a subject.
    A reporting root ("X attacked Y, officials said") hands over to its clausal complement."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    if root.pos_ == "VERB":
        if str(root.lemma_).lower() in reporting:
            comp = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}), None)
            if comp is not None:
                return comp
        return root
    return next((t for t in doc if t.pos_ == "VERB" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)), None)
