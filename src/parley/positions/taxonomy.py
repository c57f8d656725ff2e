"""The issue taxonomy and the stance cues, both shipped as YAML data and extendable by users.

An issue names what a position is about (territory, ceasefire, talks, ...); the words that name
it live in ``data/issues.yaml``. A user file of the same shape adds issues or replaces shipped ones
by name, so an analyst can add "water rights" without touching code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import Messages, ParleyError
from ..events.lexicon import inflections

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class ScaleCue:
    """A phrase that places a position at ``value``, for the listed stances only."""

    phrase: str
    value: float
    stances: frozenset[str]


@dataclass(frozen=True)
class Scale:
    """An analyst-defined 0-100 scale for one issue, with anchor descriptions."""

    low: str
    high: str
    anchors: dict[int, str]
    cues: tuple[ScaleCue, ...] = ()

    def anchor_for(self, value: float) -> str:
        """Description of the anchor nearest to ``value``."""
        if not self.anchors:
            return ""
        key = min(self.anchors, key=lambda a: abs(a - value))
        return self.anchors[key]


@dataclass(frozen=True)
class Issue:
    name: str
    label: str
    nouns: frozenset[str]
    verbs: frozenset[str]
    phrases: tuple[str, ...]
    scale: Scale | None = None
    # words that name the issue only as nouns ("the military"), not as modifiers ("military aid")
    nouns_only: frozenset[str] = frozenset()


@dataclass
class Taxonomy:
    """Issues by name, with a word -> issue index for fast lookup."""

    issues: dict[str, Issue]
    _nouns: dict[str, str] = field(default_factory=dict)
    _verbs: dict[str, str] = field(default_factory=dict)
    _nouns_only: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for issue in self.issues.values():
            self._nouns_only.update(issue.nouns_only)
            for word in issue.nouns:
                self._nouns.setdefault(word, issue.name)
            for word in issue.verbs:
                self._verbs.setdefault(word, issue.name)

    def noun_issue(self, word: str, *, adjective: bool = False) -> str | None:
        """The issue ``word`` names; ``adjective``: the word is used as a modifier, and a word
        listed under ``nouns_only`` then names nothing ("military assistance" is not about forces)."""
        if adjective and word.lower() in self._nouns_only:
            return None
        return self._nouns.get(word.lower())

    def verb_issue(self, word: str) -> str | None:
        return self._verbs.get(word.lower())

    def phrase_issues(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end character offset, issue) of every multi-word phrase found in ``text``."""
        lowered = text.lower()
        found = []
        for issue in self.issues.values():
            for phrase in issue.phrases:
                for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", lowered):
                    found.append((m.start(), m.end(), issue.name))
        return found

    def names(self) -> list[str]:
        return list(self.issues)


def _error(path: Path | str, detail: str) -> ParleyError:
    return ParleyError(Messages.E070.format(path=path, detail=detail), "E070")


def _words(value: Any, path: Path | str = "stances.yaml") -> frozenset[str]:
    words = list(value or [])
    if any(isinstance(v, bool) for v in words):
        # YAML reads an unquoted on/off/yes/no as a boolean: the word would silently become "true"
        raise _error(path, "a word list holds a bare on/off/yes/no; quote it (\"on\")")
    return frozenset(str(v).lower() for v in words)


def _scale(raw: Any, path: Path | str, name: str) -> Scale | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise _error(path, f"issue '{name}': scale must be a mapping")
    anchors: dict[int, str] = {}
    for key, text in (raw.get("anchors") or {}).items():
        value = int(key)
        if not 0 <= value <= 100:
            raise _error(path, f"issue '{name}': anchor {value} is outside 0-100")
        anchors[value] = str(text)
    cues = []
    for cue in raw.get("cues") or []:
        cue_value = float(cue["value"])
        if not 0 <= cue_value <= 100:
            raise _error(path, f"issue '{name}': cue value {cue_value} is outside 0-100")
        stances = frozenset(cue.get("stances") or ("demand", "offer", "support", "accept"))
        cues.append(ScaleCue(str(cue["phrase"]).lower(), cue_value, stances))
    return Scale(str(raw.get("low", "")), str(raw.get("high", "")), anchors, tuple(cues))


def _read_issues(path: Path | str) -> dict[str, Issue]:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise _error(path, "file not found") from exc
    except (OSError, yaml.YAMLError) as exc:
        raise _error(path, str(exc).splitlines()[0]) from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("issues"), dict):
        raise _error(path, "expected a mapping with an 'issues' mapping")
    issues: dict[str, Issue] = {}
    for name, spec in raw["issues"].items():
        if not isinstance(spec, dict):
            raise _error(path, f"issue '{name}' must be a mapping")
        nouns, verbs = _words(spec.get("nouns"), path), _words(spec.get("verbs"), path)
        phrases = tuple(str(p).lower() for p in spec.get("phrases") or ())
        if not (nouns or verbs or phrases):
            raise _error(path, f"issue '{name}' has no nouns, verbs or phrases")
        try:
            scale = _scale(spec.get("scale"), path, str(name))
        except (KeyError, TypeError, ValueError) as exc:
            raise _error(path, f"issue '{name}': bad scale ({exc})") from exc
        issues[str(name)] = Issue(str(name), str(spec.get("label", name)), nouns, verbs, phrases, scale,
                                  _words(spec.get("nouns_only"), path))
    return issues


def load_taxonomy(extra: Iterable[str | Path] = ()) -> Taxonomy:
    """The shipped issues plus those of ``extra`` YAML files (later files win by issue name)."""
    issues = dict(_shipped_issues())
    for path in extra:
        issues.update(_read_issues(path))
    return Taxonomy(issues)


@lru_cache(maxsize=1)
def _shipped_issues() -> dict[str, Issue]:
    return _read_issues(DATA / "issues.yaml")


@dataclass(frozen=True)
class StanceCues:
    """The stance vocabulary of ``data/stances.yaml``."""

    verbs: dict[str, str]  # lemma -> stance
    nouns: dict[str, str]
    adjectives: dict[str, str]
    needs_prep: dict[str, frozenset[str]]
    condition_nouns: frozenset[str]
    non_negotiable: tuple[str, ...]
    anaphors: frozenset[str]
    refusal_auxiliaries: frozenset[str]
    standing_auxiliaries: frozenset[str]
    obligation_auxiliaries: frozenset[str]
    demand_reporting_verbs: frozenset[str]
    inference_verbs: frozenset[str]
    relevance: re.Pattern[str]


def _by_stance(raw: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for stance, words in (raw or {}).items():
        for word in words:
            out.setdefault(str(word).lower(), str(stance))
    return out


@lru_cache(maxsize=1)
def load_stance_cues() -> StanceCues:
    raw = yaml.safe_load((DATA / "stances.yaml").read_text(encoding="utf-8"))
    verbs, nouns, adjectives = _by_stance(raw["verbs"]), _by_stance(raw["nouns"]), _by_stance(raw["adjectives"])
    forms: set[str] = set()
    for lemma in list(verbs) + list(nouns):
        forms.update(inflections(lemma))
    forms.update(adjectives)
    forms.update({"won't", "cannot", "never", "must", "should"})
    phrases = tuple(str(p).lower() for p in raw["non_negotiable_phrases"])
    alternation = "|".join(sorted((re.escape(f) for f in forms | set(phrases)), key=len, reverse=True))
    # "will not ...", "would not ...", "does not ...": a refusal stated as a negated action
    pattern = rf"\b(?:{alternation})\b|\b(?:will|would|shall|can|could|do|does)\s+not\b|n't\b"
    return StanceCues(
        verbs=verbs,
        nouns=nouns,
        adjectives=adjectives,
        needs_prep={str(k): _words(v) for k, v in (raw.get("needs_prep") or {}).items()},
        condition_nouns=_words(raw["condition_nouns"]),
        non_negotiable=phrases,
        anaphors=_words(raw["anaphors"]),
        refusal_auxiliaries=_words(raw["refusal_auxiliaries"]),
        standing_auxiliaries=_words(raw.get("standing_auxiliaries")),
        obligation_auxiliaries=_words(raw["obligation_auxiliaries"]),
        demand_reporting_verbs=_words(raw["demand_reporting_verbs"]),
        inference_verbs=_words(raw.get("inference_verbs")),
        relevance=re.compile(pattern, re.IGNORECASE),
    )


def positions_relevant(sentence: str) -> bool:
    """True when ``sentence`` holds a stance cue, so that the pipeline parses it even if it has no
    event trigger (the relevance hook of the positions stage)."""
    return load_stance_cues().relevance.search(sentence) is not None
