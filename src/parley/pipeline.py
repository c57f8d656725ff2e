"""The orchestrator: runs the stages over documents and returns :class:`DocumentResult` objects.

Stages, each with declared inputs and outputs (see ``Pipeline.describe()``):

====================  ===========================  ==============================
stage                 requires                     assigns
====================  ===========================  ==============================
segment               document text                sentences (offsets)
relevance             sentences                    sentences to parse
parse                 sentences to parse           spaCy docs (tags, deps, NER)
actors                spaCy docs                   actor mentions
events                docs, mentions               event records
classify              docs, mentions, events       events re-ranked, re-typed or added
positions             docs, mentions               position records (who wants what)
====================  ===========================  ==============================

A stage can be switched off with ``disable=[...]``; the pipeline logs why it runs without it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .actors import ActorMatcher, load_dictionary
from .errors import Messages, SettingsError
from .events import DocumentContext, EventCoder, is_relevant, load_lexicon
from .events.arbiter import Arbiter
from .events.classifier import load_classifier
from .nlp import load_model, split_sentences
from .nlp.segment import dateline_end
from .positions.extractor import PositionExtractor
from .positions.taxonomy import positions_relevant
from .records import Actor, Document, DocumentResult, Sentence
from .settings import Settings

log = logging.getLogger("parley")


@dataclass(frozen=True)
class StageInfo:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    help: str


STAGES: tuple[StageInfo, ...] = (
    StageInfo("segment", ("document.text",), ("sentences",), "rule-based sentence splitting"),
    StageInfo("relevance", ("sentences",), ("sentences.to_parse",), "skip sentences with no trigger word"),
    StageInfo("parse", ("sentences.to_parse",), ("docs",), "spaCy tagging, parsing, NER"),
    StageInfo("actors", ("docs",), ("mentions",), "dictionary actor matching"),
    StageInfo("events", ("docs", "mentions"), ("events",), "event coding, factuality, date, place"),
    StageInfo("classify", ("docs", "mentions", "events"), ("events",),
              "a trained sentence classifier re-ranks, re-types or adds events (patterns propose, it arbitrates)"),
    StageInfo("positions", ("docs", "mentions"), ("positions",), "demands, offers, refusals per issue"),
)
_OPTIONAL = {"relevance", "positions", "classify"}
_WITHOUT = {
    "relevance": "every sentence is parsed",
    "positions": "no positions are extracted",
    "classify": "events are the pattern coder's alone",
}


@dataclass
class _Pending:
    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    to_parse: list[int] = field(default_factory=list)
    # parsed only because a stance cue made them relevant: the event coder just observes them,
    # so that event output is the same with or without the positions stage
    positions_only: set[int] = field(default_factory=set)


class Pipeline:
    """Build once (loads the model and dictionaries), then call :meth:`run` on documents."""

    def __init__(self, settings: Settings | None = None, *, disable: Iterable[str] = (), nlp: Any = None,
                 issue_files: Iterable[str] = ()) -> None:
        self.settings = settings or Settings()
        self.disabled = set(disable)
        unknown = self.disabled - {s.name for s in STAGES}
        if unknown:
            known = ", ".join(s.name for s in STAGES)
            raise SettingsError(Messages.E042.format(names=", ".join(sorted(unknown)), known=known), "E042")
        if not self.settings.relevance_filter:
            self.disabled.add("relevance")
        if not self.settings.classifier:
            self.disabled.add("classify")
        for name in sorted(self.disabled):
            if name not in _OPTIONAL:
                log.warning("stage '%s' is disabled: no events will be coded", name)
            else:
                log.info("stage '%s' is disabled: %s", name, _WITHOUT[name])
        self.nlp = nlp if nlp is not None else load_model(self.settings.model)
        extend = self.settings.dictionary_mode == "extend"
        self.lexicon = load_lexicon(user_files=self.settings.dictionaries, extend=extend)
        self.dictionary = load_dictionary(self.settings.dictionaries, scheme=not extend)
        self.matcher = ActorMatcher(self.dictionary, self.nlp.vocab)
        self.coder = EventCoder(self.lexicon)
        self.coder.nlp = self.nlp  # a user scheme parses a misread sentence again with it
        # the classify stage: None when switched off or when no trained model is shipped
        self.arbiter: Arbiter | None = None
        if "classify" not in self.disabled and self.lexicon.user_sources:
            # the classifier learnt parley's own coding; a user's verb dictionary is a coding
            # scheme of its own, and its codes are not the classifier's to overrule
            self.disabled.add("classify")
            log.info("stage 'classify' is off: a user verb dictionary is loaded (%s)", ", ".join(self.lexicon.user_sources))
        if "classify" not in self.disabled:
            classifier = load_classifier(embeddings=self.settings.classifier_embeddings)
            if classifier is None:
                log.info("stage 'classify' has no trained model (run `make train`): events are the pattern coder's alone")
            else:
                self.arbiter = Arbiter(classifier, self.coder)
        self.positions = PositionExtractor(self.coder, issue_files=issue_files)

    @staticmethod
    def describe() -> list[dict[str, Any]]:
        return [s.__dict__ for s in STAGES]

    def run(self, documents: Iterable[Document], batch_documents: int = 16) -> Iterator[DocumentResult]:
        """Yield one result per document, in input order."""
        batch: list[Document] = []
        for doc in documents:
            batch.append(doc)
            if len(batch) >= batch_documents:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def run_one(self, document: Document) -> DocumentResult:
        return next(iter(self._run_batch([document])))

    # -----------------------------------------------------------------------------------------
    def _run_batch(self, documents: list[Document]) -> list[DocumentResult]:
        pending = [self._segment(d) for d in documents]
        texts: list[str] = []
        owners: list[tuple[int, int]] = []
        for p_index, p in enumerate(pending):
            for s_index in p.to_parse:
                texts.append(p.sentences[s_index].text)
                owners.append((p_index, s_index))
        parsed: dict[tuple[int, int], Any] = {}
        if "parse" not in self.disabled and texts:
            for owner, spacy_doc in zip(owners, self.nlp.pipe(texts, batch_size=self.settings.batch_size), strict=True):
                parsed[owner] = spacy_doc
        if isinstance(self.arbiter, Arbiter):  # not the recorder that training puts in its place
            # the sentences the classify stage will see, embedded together when its model reads
            # an embedding (each vector has the same bits as when embedded alone)
            self.arbiter.prefetch([
                p.sentences[s].text for p_index, p in enumerate(pending) for s in p.to_parse
                if (p_index, s) in parsed and self._classified(p, s)])
        results = []
        for p_index, p in enumerate(pending):
            results.append(self._code(p, {s: parsed[(p_index, s)] for s in p.to_parse if (p_index, s) in parsed}))
        return results

    def _classified(self, pending: _Pending, index: int) -> bool:
        """Whether the classify stage sees sentence ``index``: coded for events (not read for
        positions only), with actors, and passed by the relevance test, so that switching that
        test off changes no event (the classifier would otherwise code sentences it skips)."""
        return (index not in pending.positions_only and not {"events", "actors"} & self.disabled
                and ("relevance" not in self.disabled or is_relevant(pending.sentences[index].text, self.lexicon)))

    def _segment(self, document: Document) -> _Pending:
        pending = _Pending(document)
        for index, (start, end) in enumerate(split_sentences(document.text)):
            if index == 0:
                start += dateline_end(document.text[start:end])
            sentence = Sentence(document.doc_id, index, document.text[start:end], start, end)
            pending.sentences.append(sentence)
            if "relevance" in self.disabled or is_relevant(sentence.text, self.lexicon):
                pending.to_parse.append(index)
            elif "positions" not in self.disabled and positions_relevant(sentence.text):
                pending.to_parse.append(index)
                pending.positions_only.add(index)
        return pending

    def _code(self, pending: _Pending, docs: dict[int, Any]) -> DocumentResult:
        document = pending.document
        result = DocumentResult(document=document, sentences=pending.sentences)
        if document.date is None:
            result.notes.append("no publication date: relative dates are left unresolved")
        context = DocumentContext(pub_date=document.date)
        seen: dict[tuple[str, str | None, str | None], Actor] = {}
        for sentence in pending.sentences:
            index = sentence.index
            if index not in docs:
                # not parsed: tokenise only, to keep track of who is being talked about
                if "actors" not in self.disabled and "events" not in self.disabled:
                    tokens = self.nlp.make_doc(sentence.text)
                    self.coder.observe(self.matcher.find_mentions(tokens, document.date), context, tokens)
                continue
            spacy_doc = docs[index]
            mentions = [] if "actors" in self.disabled else self.matcher.find_mentions(spacy_doc, document.date)
            if index in pending.positions_only:
                if "actors" not in self.disabled and "events" not in self.disabled:
                    self.coder.observe(mentions, context, spacy_doc)
            elif "events" not in self.disabled:
                events = self.coder.code_sentence(
                    spacy_doc,
                    mentions,
                    doc_id=document.doc_id,
                    sentence_index=sentence.index,
                    offset=sentence.start,
                    context=context,
                )
                # only sentences the relevance test passes, so that switching that test off
                # changes no event (the classifier would otherwise code sentences it skips)
                if self.arbiter is not None and self._classified(pending, index):
                    events = self.arbiter.arbitrate(
                        spacy_doc,
                        mentions,
                        events,
                        context=context,
                        doc_id=document.doc_id,
                        sentence_index=sentence.index,
                        offset=sentence.start,
                    )
                result.events.extend(e for e in events if e.confidence >= self.settings.min_confidence)
            if "positions" not in self.disabled and "actors" not in self.disabled:
                positions = self.positions.extract(
                    spacy_doc,
                    mentions,
                    context,
                    doc_id=document.doc_id,
                    sentence_index=sentence.index,
                    offset=sentence.start,
                    earlier=result.positions,
                )
                result.positions.extend(positions)
            for m in mentions:
                key = (m.actor.name or m.actor.text, m.actor.country, m.actor.sector)
                if key not in seen and m.kind not in {"capital"} or key not in seen and m.actor.country:
                    seen.setdefault(key, m.actor)
        result.actors = list(seen.values())
        return result


def extract(documents: Iterable[Document], settings: Settings | None = None) -> Iterator[DocumentResult]:
    """Run the default pipeline over ``documents`` (a convenience for notebooks)."""
    yield from Pipeline(settings).run(documents)
