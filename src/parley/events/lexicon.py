"""The event lexicon: verb patterns, cue words and the CAMEO lookup table, loaded from data files."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# Conditions a verb pattern may carry (column `conditions` of verbs.tsv).
CONDITIONS = frozenset({"object_actor", "no_complement", "has_object"})
DEFAULT_TARGETS = ("dobj", "iobj", "with", "against", "on", "to", "at", "into", "toward")


@dataclass(frozen=True)
class VerbPattern:
    """One row of verbs.tsv."""

    lemma: str
    particle: str
    objects: frozenset[str]
    cameo: str
    targets: tuple[str, ...]
    conditions: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        """Rows that say more win: an object counts 2, each further lemma of an a+b object 1
        more ("suspension+aid" beats "aid"), a particle 1."""
        extra = max((spec.count("+") for spec in self.objects), default=0)
        return (2 + extra if self.objects else 0) + (1 if self.particle else 0)


@dataclass(frozen=True)
class CameoInfo:
    """PLOVER type, mode and context, Goldstein value and quad class of one CAMEO code."""

    cameo: str
    plover: str
    mode: str | None
    context: str | None
    goldstein: float | None
    quad_class: int | None


@dataclass
class Lexicon:
    """Everything the event coder looks up, indexed for speed."""

    verbs: dict[str, list[VerbPattern]]
    cues: dict[str, frozenset[str]]
    cameo: dict[str, CameoInfo]
    irregular: dict[str, list[str]] = field(default_factory=dict)
    _trigger_re: re.Pattern[str] | None = None

    def patterns_for(self, lemma: str) -> list[VerbPattern]:
        return self.verbs.get(lemma, [])

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())

    def cameo_info(self, code: str) -> CameoInfo | None:
        return self.cameo.get(code)

    @property
    def trigger_regex(self) -> re.Pattern[str]:
        """A regex matching any inflected form of any trigger lemma (the relevance test)."""
        if self._trigger_re is None:
            forms: set[str] = set()
            for lemma in self.verbs:
                forms.update(inflections(lemma))
                forms.update(self.irregular.get(lemma, ()))
            # "X says Y must ...": the coder reads an obligation as a demand whatever the verb
            forms.update(self.cue("obligation_auxiliaries"))
            # "X was responsible for mass killings": the coder reads culpability as the act
            forms.update(self.cue("culpability_adjectives"))
            alternation = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
            self._trigger_re = re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)
        return self._trigger_re


def inflections(lemma: str) -> set[str]:
    """Regular English verb and noun forms of ``lemma`` (irregular ones come from irregular.tsv)."""
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing", lemma + "es", lemma + "d"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _data_path(name: str) -> Path:
    return Path(str(resources.files("parley.events") / "data" / name))


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t")
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def read_verbs(path: Path) -> dict[str, list[VerbPattern]]:
    verbs: dict[str, list[VerbPattern]] = {}
    for row in _read_tsv(path):
        objects = frozenset(o for o in row.get("object", "").split("|") if o)
        targets = tuple(t for t in row.get("targets", "").split("|") if t) or DEFAULT_TARGETS
        conditions = frozenset(c for c in row.get("conditions", "").split(",") if c)
        unknown = conditions - CONDITIONS
        if unknown:
            raise ValueError(f"{path}: unknown condition(s) {sorted(unknown)} for '{row['lemma']}'")
        pattern = VerbPattern(row["lemma"].lower(), row.get("particle", "").lower(), objects,
                              row["cameo"], targets, conditions)
        verbs.setdefault(pattern.lemma, []).append(pattern)
    for patterns in verbs.values():
        patterns.sort(key=lambda p: -p.specificity)
    return verbs


def read_cameo(path: Path) -> dict[str, CameoInfo]:
    table: dict[str, CameoInfo] = {}
    for row in _read_tsv(path):
        table[row["cameo"]] = CameoInfo(
            cameo=row["cameo"],
            plover=row["plover"],
            mode=row["mode"] or None,
            context=row["context"] or None,
            goldstein=float(row["goldstein"]) if row["goldstein"] else None,
            quad_class=int(row["quad_class"]) if row["quad_class"] else None,
        )
    return table


def read_cues(path: Path) -> dict[str, frozenset[str]]:
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {key: frozenset(str(v).lower() for v in values) for key, values in raw.items()}


def read_irregular(path: Path) -> dict[str, list[str]]:
    return {row["lemma"]: row["forms"].split("|") for row in _read_tsv(path)}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The built-in lexicon (cached: loaded once per process)."""
    return Lexicon(
        verbs=read_verbs(_data_path("verbs.tsv")),
        cues=read_cues(_data_path("cues.yaml")),
        cameo=read_cameo(_data_path("cameo.tsv")),
        irregular=read_irregular(_data_path("irregular.tsv")),
    )
