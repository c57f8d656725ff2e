"""Scores the positions stage against a team-written gold set (``tests/positions/gold``).

A gold file is JSON Lines, one article per line: ``id``, ``date``, ``text`` and ``positions``,
each ``{"actor": "RUS", "issue": "territory", "stance": "demand"}``; ``issue`` and ``stance`` may
list acceptable alternatives where the text honestly allows two readings ("demand" or "support"
a ceasefire). A predicted position matches when its actor country, issue and stance match one
unmatched gold position of the same article (one to one); precision, recall and F1 are micro
averages over all articles. Duplicate predictions (same article, actor, issue, stance) count once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import Messages, ParleyError
from ..records import Document, PositionRecord


def _error(path: Path | str, detail: str) -> ParleyError:
    return ParleyError(Messages.E072.format(path=path, detail=detail), "E072")


def _as_set(value: Any) -> frozenset[str]:
    return frozenset([value] if isinstance(value, str) else value)


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """The articles of a gold file, validated."""
    articles = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _error(f"{path}:{number}", f"malformed JSON ({exc.msg})") from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj.get("id"):
            raise _error(f"{path}:{number}", "each line needs 'id' and 'text'")
        for p in obj.get("positions", []):
            if not {"actor", "issue", "stance"} <= set(p):
                raise _error(f"{path}:{number}", "each position needs actor, issue and stance")
        articles.append(obj)
    return articles


def _score(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate_positions(gold_path: str | Path, pipeline: Any) -> dict[str, Any]:
    """P/R/F1 of ``pipeline`` (a :class:`parley.pipeline.Pipeline`) on actor country + issue +
    stance against the gold file at ``gold_path``.

    Returns ``{"articles", "gold", "predicted", "true_positives", "precision", "recall", "f1",
    "misses": [...], "false_alarms": [...]}``, misses and false alarms as
    ``{"id", "actor", "issue", "stance"}`` so a failing gate says what went wrong.
    """
    articles = read_gold(gold_path)
    tp = n_pred = n_gold = 0
    misses: list[dict[str, Any]] = []
    false_alarms: list[dict[str, Any]] = []
    for article in articles:
        document = Document(str(article["id"]), article["text"], title=article.get("title"),
                            date=article.get("date"), date_source="metadata" if article.get("date") else "none")
        result = pipeline.run_one(document)
        predicted = _unique(result.positions)
        gold = [(str(p["actor"]), _as_set(p["issue"]), _as_set(p["stance"])) for p in article.get("positions", [])]
        n_pred += len(predicted)
        n_gold += len(gold)
        unmatched = list(gold)
        for actor, issue, stance in predicted:
            hit = next((g for g in unmatched if g[0] == actor and issue in g[1] and stance in g[2]), None)
            if hit is not None:
                unmatched.remove(hit)
                tp += 1
            else:
                false_alarms.append({"id": article["id"], "actor": actor, "issue": issue, "stance": stance})
        for actor, issues, stances in unmatched:
            misses.append({"id": article["id"], "actor": actor, "issue": sorted(issues), "stance": sorted(stances)})
    out: dict[str, Any] = {"articles": len(articles), "gold": n_gold, "predicted": n_pred, "true_positives": tp}
    out.update(_score(tp, n_pred, n_gold))
    out["misses"] = misses
    out["false_alarms"] = false_alarms
    return out


def _unique(positions: list[PositionRecord]) -> list[tuple[str, str, str]]:
    seen: dict[tuple[str, str, str], None] = {}
    for p in positions:
        seen.setdefault((p.actor.country or "", p.issue, p.stance), None)
    return list(seen)


GOLD_DIR = Path(__file__).parent / "data" / "gold"
SPLITS = ("heldout", "dev")


def gold_path(split: str) -> Path:
    """The team's position gold set: ``dev`` (the example articles, looked at while developing) or
    ``heldout`` (articles annotated before the extractor first ran on them, never tuned on)."""
    return GOLD_DIR / f"{split}.jsonl"
