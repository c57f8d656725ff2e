"""Event-coding evaluations: the gold sets, their splits, one shared pipeline, and the reports.

Every sentence of a gold set is one document given to :class:`parley.pipeline.Pipeline` (with
the gold date as publication date when there is one); the events parley reports as asserted,
alleged or future are scored (see :mod:`parley.evaluate.scoring`). One pipeline is built for the run; the
PETRARCH unit tests need their own, with the fictional states' dictionaries loaded through
``Settings.dictionaries`` (the spaCy model is shared between the two).

PETRARCH2 is split into ``dev`` (the default, free to study) and ``test`` (the reported split,
run by ``make eval``; see :mod:`.readers.petrarch`). Splits a gold set lists in ``sealed``
(PETRARCH2's ``test`` and ``all``) report aggregate figures only: their per-sentence errors are
left out of the result, so that reading a report never shows held-out items.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvaluationError, Messages
from ..pipeline import Pipeline
from ..records import Document, EventRecord
from ..settings import Settings
from .gold import GoldItem
from .readers import conflibert, petrarch, plover_gsr
from .scoring import (
    PREDICTED_FACTUALITY,
    ActorCodes,
    score_cameo,
    score_classes,
    score_types,
    scored,
)

FORMATS = ("text", "json")


@dataclass(frozen=True)
class GoldSet:
    name: str
    title: str
    kind: str  # "types", "classes" or "cameo"
    splits: tuple[str, ...]  # the first is the default
    read: Callable[[Path, str], list[GoldItem]]
    note: str
    dictionaries: Callable[[Path], tuple[str, ...]] = lambda _: ()
    agreement: bool = False  # gold codes came from another coder: agreement, not accuracy
    sealed: tuple[str, ...] = ()  # held-out splits: aggregate figures only, no per-item errors


GOLDSETS: dict[str, GoldSet] = {
    "plover-gsr": GoldSet(
        "plover-gsr", "PLOVER GSR (CAMEO manual examples)", "types", ("all",),
        lambda data, _split: plover_gsr.read(data),
        "held out: never used to build or tune parley; sentence-level PLOVER types",
    ),
    "conflibert": GoldSet(
        "conflibert", "ConfliBERT CAMEO PentaClass", "classes", ("test", "test-nogsr", "train"),
        conflibert.read,
        "test: 451 sentences; test-nogsr: test minus near-copies of GSR sentences; train: the dev split",
    ),
    "petrarch2": GoldSet(
        "petrarch2", "PETRARCH2 unit-test records", "cameo", ("dev", "test", "all"),
        petrarch.read_petrarch,
        "fictional states and verbs from PETR.Validate.actors/agents/verbs/discards.txt; ERROR-category "
        "records left out; dev/test halves by record family, test is the reported split",
        dictionaries=petrarch.dictionary_paths,
        sealed=("test", "all"),
    ),
    "universal-petrarch": GoldSet(
        "universal-petrarch", "UniversalPetrarch English validation", "cameo", ("all",),
        lambda data, _split: petrarch.read_universal(data),
        "codes taken from PETRARCH2's output: agreement with PETRARCH2, not accuracy",
        agreement=True,
    ),
}
# what `make eval` runs; conflibert/train (the dev split) only on request
DEFAULT_RUNS: tuple[tuple[str, str], ...] = (
    ("plover-gsr", "all"),
    ("conflibert", "test"),
    ("conflibert", "test-nogsr"),
    ("petrarch2", "test"),
    ("universal-petrarch", "all"),
)


def goldset(name: str) -> GoldSet:
    if name not in GOLDSETS:
        raise EvaluationError(Messages.E060.format(value=name, choices=", ".join(GOLDSETS)), "E060")
    return GOLDSETS[name]


def check_split(gold: GoldSet, split: str | None) -> str:
    split = split or gold.splits[0]
    if split not in gold.splits:
        raise EvaluationError(
            Messages.E061.format(value=split, goldset=gold.name, choices=", ".join(gold.splits)), "E061"
        )
    return split


class Pipelines:
    """Pipelines by extra dictionaries, built on first use; the spaCy model is loaded once."""

    def __init__(self, settings: Settings | None = None, base: Pipeline | None = None) -> None:
        self.settings = settings or Settings()
        self._cache: dict[tuple[str, ...], Pipeline] = {}
        if base is not None:
            self._cache[tuple(base.settings.dictionaries)] = base

    def get(self, extra: tuple[str, ...] = ()) -> Pipeline:
        key = tuple(self.settings.dictionaries) + extra
        if key not in self._cache:
            nlp = next(iter(self._cache.values())).nlp if self._cache else None
            self._cache[key] = Pipeline(self.settings.with_(dictionaries=key), nlp=nlp)
        return self._cache[key]


def predict(pipeline: Pipeline, items: Sequence[GoldItem]) -> list[list[EventRecord]]:
    """parley's scored events for each gold sentence, in item order."""
    documents = [
        Document(doc_id=f"gold-{i}", text=item.text, date=item.date, date_source="metadata" if item.date else "none")
        for i, item in enumerate(items)
    ]
    return [scored(result.events, PREDICTED_FACTUALITY) for result in pipeline.run(documents)]


def evaluate(
    name: str,
    split: str | None = None,
    settings: Settings | None = None,
    *,
    pipelines: Pipelines | None = None,
) -> dict[str, Any]:
    """Score parley on one gold set and split; returns the full result (metrics, tables, errors)."""
    gold = goldset(name)
    split = check_split(gold, split)
    settings = settings or Settings()
    pipelines = pipelines or Pipelines(settings)
    data = settings.shared_data_path
    items = gold.read(data, split)
    started = time.perf_counter()
    pipeline = pipelines.get(gold.dictionaries(data))
    predictions = predict(pipeline, items)
    codes = ActorCodes.from_dictionary(pipeline.dictionary)
    if gold.kind == "types":
        metrics = score_types(items, predictions, codes)
    elif gold.kind == "classes":
        metrics = score_classes(items, predictions)
    else:
        metrics = score_cameo(items, predictions, codes)
    if split in gold.sealed:
        metrics["worst_errors"] = []
    return {
        "goldset": gold.name,
        "title": gold.title,
        "split": split,
        "kind": gold.kind,
        "agreement": gold.agreement,
        "note": gold.note,
        "sealed": split in gold.sealed,
        "date": dt.date.today().isoformat(),
        "seconds": round(time.perf_counter() - started, 1),
        "headline": headline(gold.kind, metrics),
        "metrics": metrics,
    }


def headline(kind: str, metrics: dict[str, Any]) -> dict[str, float]:
    """The few figures a reader (and the accuracy gate) looks at first; higher is better."""
    if kind == "types":
        return {
            "micro_precision": metrics["micro"]["precision"],
            "micro_recall": metrics["micro"]["recall"],
            "micro_f1": metrics["micro"]["f1"],
            "macro_f1": metrics["macro_f1"],
            "source_accuracy": metrics["actors"]["source_accuracy"],
            "target_accuracy": metrics["actors"]["target_accuracy"],
        }
    if kind == "classes":
        return {"accuracy": metrics["accuracy"], "macro_f1": metrics["macro_f1"]}
    return {
        "recall": metrics["recall"],
        "root_recall": metrics["root_recall"],
        "precision": metrics["micro"]["precision"],
        "macro_f1": metrics["macro_f1"],
        "source_accuracy": metrics["actors"]["source_accuracy"],
        "target_accuracy": metrics["actors"]["target_accuracy"],
    }


# ---------------------------------------------------------------------------------------------
# rendering


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def _confusion(confusion: dict[str, dict[str, int]], label: str) -> list[str]:
    columns = sorted({c for row in confusion.values() for c in row})
    rows = [[g, *[row.get(c, 0) or "" for c in columns]] for g, row in confusion.items()]
    return _table([f"{label} \\ predicted", *columns], rows)


def render(result: dict[str, Any], worst: int = 10) -> str:
    """Markdown for one gold set result (also the CLI's text format)."""
    m = result["metrics"]
    kind = result["kind"]
    word = "agreement" if result["agreement"] else "score"
    out = [f"## {result['title']} — split `{result['split']}`", "", f"_{result['note']}_", ""]
    out += _table(["metric", word], [[k, _pct(v)] for k, v in result["headline"].items()])
    out.append("")
    if kind == "types":
        out.append(f"{m['sentences']} sentences, {m['gold_events']} gold events; exact type set on "
                   f"{_pct(m['exact_sentence_accuracy'])}% of sentences; actors scored on "
                   f"{m['actors']['source_scored']} sources and {m['actors']['target_scored']} targets.")
        per, label = m["per_type"], "type"
    elif kind == "classes":
        out.append(f"{m['sentences']} sentences.")
        per, label = m["per_class"], "class"
    else:
        out.append(f"{m['sentences']} sentences, {m['expected_events']} expected and {m['predicted_events']} "
                   f"predicted events; extra-event rate {_pct(m['extra_event_rate'])}%; events on "
                   f"{_pct(m['no_event_false_alarm_rate'])}% of the {m['no_event_sentences']} no-event sentences.")
        per, label = m["per_root"], "CAMEO root"
    out += ["", f"Per {label} (precision, recall, F1 in %):", ""]
    out += _table([label, "P", "R", "F1", "support", "predicted"], [
        [k, _pct(v["precision"]), _pct(v["recall"]), _pct(v["f1"]), v["support"], v["tp"] + v["fp"]]
        for k, v in per.items()
    ])
    out += ["", "Confusion (rows gold, columns predicted):", ""]
    out += _confusion(m["confusion"], label)
    if result.get("sealed"):
        out += ["", "Held-out split: per-sentence errors are not shown.", ""]
        return "\n".join(out)
    out += ["", f"Worst errors (first {worst}):", ""]
    for error in m["worst_errors"][:worst]:
        out.append(f"- `{error['id']}` {error['sentence']}")
        gold, predicted = error["gold"], error["predicted"]
        if kind == "cameo":
            gold = ", ".join(f"{g['cameo']} {'/'.join(g['source']) or '-'}->{'/'.join(g['target']) or '-'}" for g in gold)
        if kind != "classes":
            predicted = ", ".join(f"{p['type']} {p['cameo']} {p['source'] or '-'}->{p['target'] or '-'}"
                                  for p in predicted) or "nothing"
        out.append(f"  gold: {gold}; parley: {predicted}")
    out.append("")
    return "\n".join(out)


def evaluate_command(goldset_name: str, split: str | None = None, fmt: str = "text",
                     settings: Settings | None = None) -> tuple[str, dict[str, Any]]:
    """What ``parley evaluate GOLDSET [--split NAME] [--format text|json]`` prints, and the result."""
    if fmt not in FORMATS:
        raise EvaluationError(Messages.E064.format(value=fmt, choices=", ".join(FORMATS)), "E064")
    gold = goldset(goldset_name)
    check_split(gold, split)
    result = evaluate(goldset_name, split, settings)
    text = json.dumps(result, indent=2, ensure_ascii=False) if fmt == "json" else render(result)
    return text, result


def run_events(out_dir: Path, settings: Settings | None = None, *,
               runs: Sequence[tuple[str, str]] = DEFAULT_RUNS,
               pipelines: Pipelines | None = None) -> dict[str, Any]:
    """Evaluate every gold set of ``runs`` with one shared pipeline; write events.md and events.json."""
    settings = settings or Settings()
    pipelines = pipelines or Pipelines(settings)
    started = time.perf_counter()
    results = [evaluate(name, split, settings, pipelines=pipelines) for name, split in runs]
    seconds = round(time.perf_counter() - started, 1)
    summary = {f"{r['goldset']}/{r['split']}": r["headline"] for r in results}
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "events.json").write_text(
        json.dumps({"seconds": seconds, "summary": summary, "results": results}, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    lines = [
        "# parley event-coding evaluation",
        "",
        f"Measured {dt.date.today().isoformat()} in {seconds} s (pipeline loading included). "
        "Matching rules and code mappings: docs/evaluation.md. Figures in %.",
        "",
    ]
    names = sorted({k for h in summary.values() for k in h})
    lines += _table(["gold set / split", *names],
                    [[k, *[_pct(h[n]) if n in h else "" for n in names]] for k, h in summary.items()])
    lines.append("")
    lines += [render(r) for r in results]
    (out_dir / "events.md").write_text("\n".join(lines), encoding="utf-8")
    return {"seconds": seconds, "summary": summary}


# ---------------------------------------------------------------------------------------------
# accuracy gate

FLOORS = Path(__file__).parent / "data" / "floors.json"


def load_floors(path: Path = FLOORS) -> dict[str, dict[str, Any]]:
    """The versioned floors: ``GOLDSET/SPLIT/METRIC`` -> {floor, epsilon, split, date, ...}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        metrics = data["metrics"]
        for name, entry in metrics.items():
            if name.count("/") != 2 or not 0 <= float(entry["floor"]) <= 1 or not 0 <= float(entry["epsilon"]) <= 0.05:
                raise ValueError(f"bad entry '{name}'")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EvaluationError(Messages.E065.format(path=path, detail=exc), "E065") from None
    return dict(metrics)


def gate_runs(floors: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    """The (gold set, split) pairs the floors need, in first-mention order."""
    runs: list[tuple[str, str]] = []
    for name in floors:
        goldset_name, split, _ = name.split("/")
        if (goldset_name, split) not in runs:
            runs.append((goldset_name, split))
    return runs


def below_floors(summary: dict[str, dict[str, float]], floors: dict[str, dict[str, Any]]) -> list[str]:
    """One line per metric more than its epsilon below its floor (or missing); empty when all pass."""
    failures = []
    for name, entry in floors.items():
        run, metric = name.rsplit("/", 1)
        value = summary.get(run, {}).get(metric)
        limit = float(entry["floor"]) - float(entry["epsilon"])
        if value is None:
            failures.append(f"{name}: not measured")
        elif value < limit:
            failures.append(f"{name}: {value:.4f} < floor {entry['floor']} - epsilon {entry['epsilon']}")
    return failures
