"""Scoring parley's events against gold items: the matching rules, stated once.

Three scorers, one per kind of gold:

* :func:`score_types` (PLOVER GSR): sentence-level event types. For each sentence the set of gold
  types is compared with the set of predicted types (duplicates collapse): a type in both is a
  true positive, a predicted type not in the gold a false positive, a gold type not predicted a
  false negative. Micro and macro precision/recall/F1 follow (macro over the types that occur in
  the gold).
* :func:`score_classes` (ConfliBERT PentaClass): the predicted class of a sentence is the
  PentaClass of the CAMEO root of parley's highest-confidence event, or 0 (statement) when parley
  codes no event (parley does not code CAMEO 01x statements).
* :func:`score_cameo` (PETRARCH sets): predicted events are matched one to one, greedily, to
  expected events. A *full match* has the same CAMEO root (first two digits) and matching source
  and target (a gold actor without a usable code accepts any actor); recall is full matches
  over expected events, the extra-event rate is predicted events left without a full match
  over all predicted events.

Actor accuracy (all event sets) is measured on type-correct pairs only (same PLOVER type, or the
same CAMEO root): the fraction whose predicted source (target) matches the gold code, counted
over pairs whose gold actor has a code. Codes are compared at the level both sides share, the
first three letters of the gold code, through :class:`ActorCodes`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..events.pentaclass import coded_class
from ..records import Actor, EventRecord
from .gold import GoldEvent, GoldItem

DATA = Path(__file__).parent / "data"
NONE = "NONE"  # the label of "no event" in confusion tables
# Gold codes naming no state: CAMEO's unknown-country "---" and international militarised groups.
STATELESS = frozenset({"---", "IMG"})
ORG_CATEGORIES = frozenset({"IGO", "NGO"})
# CAMEO's other codes for actors of no state, compared as themselves: non-governmental movements
# ("NGMOPP") and multinational companies ("MNC")
STATELESS_SECTORS = frozenset({"NGM", "MNC"})
# What parley events count as predictions: what the text reports as done or announced. Negated
# and hypothetical events are not claims that the event happened; announced ("future") events are
# kept because the gold sets code announcements too ("Portugal will support ..."). Chosen on the
# dev split (ConfliBERT train) only: accuracy 53.1 without future events, 55.0 with them.
SCORED_FACTUALITY = frozenset({"asserted", "alleged", "future"})
# What the predictor hands to the scorers: the scored events plus negated ones, which CAMEO codes
# as rejections when the negated act is cooperative (see :func:`coded_class`).
PREDICTED_FACTUALITY = SCORED_FACTUALITY | {"negated"}


def _read_tsv(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    for line in lines[1:]:
        key, value = line.split("\t")[:2]
        table[key.strip()] = value.strip()
    return table


def scored(events: Iterable[EventRecord], factuality: frozenset[str] = SCORED_FACTUALITY) -> list[EventRecord]:
    return [e for e in events if e.factuality in factuality]


# ---------------------------------------------------------------------------------------------
# actor codes


@dataclass
class ActorCodes:
    """Compares parley actors with gold actor codes.

    Gold side: the first three letters of the code (``USAGOV`` -> ``USA``, ``IGOUNO`` -> ``IGO``),
    old CAMEO country codes mapped to ISO (``data/actor_codes.tsv``: JAP -> JPN ...).
    Parley side: an organisation (its code is in ``organisations``, e.g. ``UN``, ``NATO``,
    ``AMNESTY``, or its sector is IGO/NGO) stands for its category, so UN, UNO and ``IGOUNO``
    all match gold ``IGO``; gold IGO and NGO accept either category, because the GSR codes
    Amnesty International and the Red Cross as IGO. An actor without a country (al-Qaeda, an
    unnamed "gunmen") matches the stateless gold codes ``---`` and ``IMG``. Anything else is its
    country code.
    """

    organisations: dict[str, str] = field(default_factory=dict)  # org code -> IGO/NGO
    aliases: dict[str, str] = field(default_factory=lambda: _read_tsv(DATA / "actor_codes.tsv"))

    @classmethod
    def from_dictionary(cls, dictionary: Iterable[Any]) -> ActorCodes:
        """Organisation codes from parley's actor dictionary (built-in ``org:`` entries and any
        user entry whose sector is IGO or NGO)."""
        orgs: dict[str, str] = {}
        for entry in dictionary:
            for country, sector in [(entry.country, entry.sector), *((p.country, p.sector) for p in entry.periods)]:
                if not country:
                    continue
                if sector in ORG_CATEGORIES:
                    orgs[country] = sector
                elif str(entry.id).startswith("org:"):
                    orgs.setdefault(country, "IGO")
        return cls(organisations=orgs)

    def gold_key(self, code: str | None) -> str | None:
        """The comparable part of a gold code; None when the code says nothing (``###``)."""
        if not code:
            return None
        head = code.strip().upper()[:3]
        if not head or head in {"###", "+++", "***"}:
            return None
        if head == "NGO":
            return "IGO"
        return self.aliases.get(head, head)

    def actor_keys(self, actor: Actor | None) -> frozenset[str]:
        if actor is None:
            return frozenset()
        country = (actor.country or "").upper()
        if country in self.organisations or (actor.sector or "") in ORG_CATEGORIES:
            return frozenset({"IGO"})
        if not country:
            sector = (actor.sector or "").upper()
            return frozenset({sector}) if sector in STATELESS_SECTORS else STATELESS
        return frozenset({self.aliases.get(country[:3], country[:3])})

    def matches(self, actor: Actor | None, gold_codes: Sequence[str]) -> bool | None:
        """True/False when the gold has a usable code, None when it has none (not scored)."""
        keys = {k for k in (self.gold_key(c) for c in gold_codes) if k}
        if not keys:
            return None
        return bool(self.actor_keys(actor) & keys)


# ---------------------------------------------------------------------------------------------
# metrics


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn, "support": tp + fn}


def _per_label(tp: Counter[str], fp: Counter[str], fn: Counter[str]) -> dict[str, dict[str, float | int]]:
    labels = sorted(set(tp) | set(fp) | set(fn))
    return {label: prf(tp[label], fp[label], fn[label]) for label in labels}


def _macro_f1(per_label: dict[str, dict[str, float | int]]) -> float:
    """Mean F1 over the labels that occur in the gold (support > 0)."""
    values = [float(m["f1"]) for m in per_label.values() if m["support"]]
    return sum(values) / len(values) if values else 0.0


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def _describe(event: EventRecord) -> dict[str, Any]:
    return {
        "type": event.event_type,
        "cameo": event.cameo,
        "source": event.source.code if event.source else None,
        "target": event.target.code if event.target else None,
        "factuality": event.factuality,
        "confidence": round(float(event.confidence), 3),
    }


def _best_pair(candidates: list[EventRecord], gold: GoldEvent, codes: ActorCodes) -> tuple[bool | None, bool | None]:
    """Source/target verdicts of the candidate that agrees best with the gold event."""
    best: tuple[bool | None, bool | None] = (None, None)
    best_score = -1
    for event in candidates:
        src = codes.matches(event.source, gold.source)
        tgt = codes.matches(event.target, gold.target)
        score = int(bool(src)) + int(bool(tgt))
        if score > best_score:
            best, best_score = (src, tgt), score
    return best


@dataclass
class _ActorTally:
    source_ok: int = 0
    source_n: int = 0
    target_ok: int = 0
    target_n: int = 0

    def add(self, src: bool | None, tgt: bool | None) -> None:
        if src is not None:
            self.source_n += 1
            self.source_ok += int(src)
        if tgt is not None:
            self.target_n += 1
            self.target_ok += int(tgt)

    def to_dict(self) -> dict[str, float | int]:
        return {
            "source_accuracy": _ratio(self.source_ok, self.source_n),
            "source_scored": self.source_n,
            "target_accuracy": _ratio(self.target_ok, self.target_n),
            "target_scored": self.target_n,
        }


def _worst(errors: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    return sorted(errors, key=lambda e: (-e["weight"], e["id"]))[:limit]


# ---------------------------------------------------------------------------------------------
# scorers


def score_types(
    items: Sequence[GoldItem],
    predictions: Sequence[Sequence[EventRecord]],
    codes: ActorCodes | None = None,
    *,
    worst: int = 20,
) -> dict[str, Any]:
    """Sentence-level PLOVER type scores (see the module docstring for the matching rule)."""
    codes = codes or ActorCodes()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    actors = _ActorTally()
    errors = []
    exact = 0
    for item, events in zip(items, predictions, strict=True):
        events = scored(events)
        gold_types = {g.event_type for g in item.events if g.event_type}
        by_type: dict[str, list[EventRecord]] = defaultdict(list)
        for event in sorted(events, key=lambda e: -e.confidence):
            by_type[event.event_type].append(event)
        predicted = set(by_type)
        for t in gold_types & predicted:
            tp[t] += 1
        for t in predicted - gold_types:
            fp[t] += 1
        for t in gold_types - predicted:
            fn[t] += 1
        exact += int(gold_types == predicted)
        extra = [e.event_type for e in sorted(events, key=lambda e: -e.confidence) if e.event_type not in gold_types]
        for gold in item.events:
            if not gold.event_type:
                continue
            if gold.event_type in by_type:
                confusion[gold.event_type][gold.event_type] += 1
                actors.add(*_best_pair(by_type[gold.event_type], gold, codes))
            else:
                confusion[gold.event_type][extra[0] if extra else NONE] += 1
        missed, spurious = gold_types - predicted, predicted - gold_types
        if missed or spurious:
            errors.append({
                "id": item.id,
                "sentence": item.text,
                "gold": sorted(gold_types),
                "predicted": [_describe(e) for e in events],
                "missed": sorted(missed),
                "spurious": sorted(spurious),
                "weight": len(missed) + len(spurious),
            })
    per_type = _per_label(tp, fp, fn)
    return {
        "sentences": len(items),
        "gold_events": sum(len(i.events) for i in items),
        "micro": prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "macro_f1": _macro_f1(per_type),
        "exact_sentence_accuracy": _ratio(exact, len(items)),
        "per_type": per_type,
        "actors": actors.to_dict(),
        "confusion": {g: dict(row) for g, row in sorted(confusion.items())},
        "worst_errors": _worst(errors, worst),
    }


def predicted_class(events: Sequence[EventRecord]) -> int:
    """PentaClass of the highest-confidence codable event (first in text order on ties); 0 if none."""
    codable = [(e, c) for e in events if (c := coded_class(e)) is not None]
    if not codable:
        return 0
    top = max(codable, key=lambda pair: pair[0].confidence)  # max keeps the first of equal values
    return top[1]


def score_classes(
    items: Sequence[GoldItem],
    predictions: Sequence[Sequence[EventRecord]],
    *,
    worst: int = 20,
) -> dict[str, Any]:
    """PentaClass accuracy, per-class precision/recall/F1, macro-F1 and the confusion table."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    errors = []
    correct = 0
    for item, events in zip(items, predictions, strict=True):
        gold = str(item.label)
        guess = str(predicted_class(events))
        confusion[gold][guess] += 1
        if gold == guess:
            correct += 1
            tp[gold] += 1
            continue
        fp[guess] += 1
        fn[gold] += 1
        top = max(events, key=lambda e: e.confidence) if events else None
        errors.append({
            "id": item.id,
            "sentence": item.text,
            "gold": int(gold),
            "predicted": int(guess),
            "top_event": _describe(top) if top else None,
            # a confident event of the wrong class is worse than a missed one
            "weight": round(float(top.confidence), 3) if top else 0.0,
        })
    per_class = _per_label(tp, fp, fn)
    return {
        "sentences": len(items),
        "accuracy": _ratio(correct, len(items)),
        "macro_f1": _macro_f1(per_class),
        "per_class": per_class,
        "confusion": {g: dict(sorted(row.items())) for g, row in sorted(confusion.items())},
        "worst_errors": _worst(errors, worst),
    }


def score_cameo(
    items: Sequence[GoldItem],
    predictions: Sequence[Sequence[EventRecord]],
    codes: ActorCodes | None = None,
    *,
    worst: int = 20,
) -> dict[str, Any]:
    """Expected-event recall with same root, source and target; extra-event rate; per-root scores."""
    codes = codes or ActorCodes()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    actors = _ActorTally()
    errors = []
    root_hits = 0
    predicted_total = 0
    no_event_items = 0
    no_event_alarms = 0
    for item, events in zip(items, predictions, strict=True):
        events = scored(events)
        events = sorted(events, key=lambda e: -e.confidence)
        predicted_total += len(events)
        if not item.events:
            no_event_items += 1
            no_event_alarms += int(bool(events))
        # full matches first, so that a root-only pairing never steals a fully right event
        free = list(range(len(events)))
        full: dict[int, int] = {}
        for g_index, gold in enumerate(item.events):
            for p_index in free:
                event = events[p_index]
                if (event.cameo or "")[:2] == gold.root and codes.matches(event.source, gold.source) is not False \
                        and codes.matches(event.target, gold.target) is not False:
                    full[g_index] = p_index
                    free.remove(p_index)
                    break
        root_only: dict[int, int] = {}
        for g_index, gold in enumerate(item.events):
            if g_index in full:
                continue
            for p_index in free:
                if (events[p_index].cameo or "")[:2] == gold.root:
                    root_only[g_index] = p_index
                    free.remove(p_index)
                    break
        missed = []
        for g_index, gold in enumerate(item.events):
            root = gold.root or "?"
            if g_index in full:
                tp[root] += 1
                event = events[full[g_index]]
            elif g_index in root_only:
                fn[root] += 1
                event = events[root_only[g_index]]
                missed.append(gold)
            else:
                fn[root] += 1
                # no event of that root: confused with the most confident unpaired event, if any
                confusion[root][(events[free[0]].cameo or "")[:2] if free else NONE] += 1
                missed.append(gold)
                continue
            root_hits += 1
            confusion[root][root] += 1
            actors.add(codes.matches(event.source, gold.source), codes.matches(event.target, gold.target))
        matched = set(full.values())
        for p_index, event in enumerate(events):
            if p_index not in matched:
                fp[(event.cameo or "")[:2] or "?"] += 1
        extra = len(events) - len(full)
        if missed or extra:
            errors.append({
                "id": item.id,
                "sentence": item.text,
                "gold": [{"cameo": g.cameo, "source": list(g.source), "target": list(g.target)} for g in item.events],
                "predicted": [_describe(e) for e in events],
                "missed": len(missed),
                "extra": extra,
                "weight": len(missed) + extra,
            })
    expected = sum(len(i.events) for i in items)
    full_total = sum(tp.values())
    per_root = _per_label(tp, fp, fn)
    return {
        "sentences": len(items),
        "expected_events": expected,
        "predicted_events": predicted_total,
        "recall": _ratio(full_total, expected),
        "root_recall": _ratio(root_hits, expected),
        "extra_event_rate": _ratio(predicted_total - full_total, predicted_total),
        "micro": prf(full_total, predicted_total - full_total, expected - full_total),
        "macro_f1": _macro_f1(per_root),
        "no_event_sentences": no_event_items,
        "no_event_false_alarm_rate": _ratio(no_event_alarms, no_event_items),
        "per_root": per_root,
        "actors": actors.to_dict(),
        "confusion": {g: dict(sorted(row.items())) for g, row in sorted(confusion.items())},
        "worst_errors": _worst(errors, worst),
    }
