"""The event lexicon: verb patterns, cue words and the CAMEO lookup table, loaded from data files.

Users extend it with TABARI/PETRARCH verb dictionaries and discard lists
(:mod:`parley.events.tabari_verbs`), listed with the actor dictionaries in
``Settings.dictionaries``: ``load_lexicon(user_files=...)`` takes the files it reads (by name:
``*.verbs[.txt]``, ``*.discards[.txt]``) and leaves the others to the actor loader.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger("parley.events")

# Conditions a verb pattern may carry (column `conditions` of verbs.tsv).
# "compound_subject" (TABARI's "% *": the subject is coordinated) and "negated" (TABARI's "NOT *":
# the verb is negated, and the event the pattern codes, a refusal, is asserted) come from user
# dictionaries; they make a pattern more specific and are part of its identity (its key).
# "subject_target" (TABARI's "+ * IN $": the subject is the target, the source stands in the
# pattern's slot) likewise. "modal" (a user pattern whose words before the verb hold a modal,
# "INDICATED SHOULD *") only says that the code stands for the intention itself: the coder
# reports its event as asserted. It asks nothing of the sentence beyond the words.
PATTERN_CONDITIONS = frozenset({"compound_subject", "negated", "subject_target", "source_between", "compound_target"})
CONDITIONS = frozenset({"object_actor", "no_complement", "has_object", "source_above", "with_party"}) | PATTERN_CONDITIONS
# Conditions with a value, written "name=cue": "source_in=CUE" (every doer of the verb belongs to
# the cues.yaml list CUE, which names PLOVER sectors or organisation codes), "patient_in=CUE"
# (some actor the verb acts on, its direct object or a passive's subject, belongs to it). They
# tell one reading of a verb from another by who takes part ("MSF withdrew from X": aid agencies
# withdrawn, a sanction; "troops withdrew": a retreat).
VALUE_CONDITIONS = frozenset({"source_in", "patient_in"})
# conditions that ask something more of the sentence than the row's words, so that a row carrying
# one outranks the same row without it ("held exercises with Y" before "held exercises")
RANKING_CONDITIONS = frozenset({"with_party"})
DEFAULT_TARGETS = ("dobj", "iobj", "with", "against", "on", "to", "at", "into", "toward")


@dataclass(frozen=True)
class VerbPattern:
    """One row of verbs.tsv (or one pattern of a user verb dictionary)."""

    lemma: str
    particle: str
    objects: frozenset[str]
    cameo: str
    targets: tuple[str, ...]
    conditions: frozenset[str] = frozenset()
    # the code of the mirror event, target -> source, that the act implies (TABARI's "[a:b]":
    # "X arrived in Y" is X visiting Y, 032, and Y hosting X, 033); None for none. Filled from
    # user dictionaries; the coder may emit it.
    reverse_code: str | None = None
    # TABARI's reading of a pattern's words after the verb: a regular expression the words of
    # the verb's phrase after it must match (see :func:`sequence_regex`); None for none
    sequence: str | None = None
    sequence_words: int = 0  # literal words the sequences ask for
    # the same for the words before the verb ("INDICATED SHOULD *"); None for none
    before: str | None = None
    # the surface forms of the dictionary line the pattern comes from ("PAID", not "PAY"): when
    # two lines share a lemma, the one written as the text's word is read (TABARI matches words);
    # empty: any form
    forms: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        """Rows that say more win: an object counts 2, each further lemma of an a+b object 1
        more ("suspension+aid" beats "aid"), a particle 1, a word sequence 1 a word."""
        extra = max((spec.count("+") for spec in self.objects), default=0)
        return (2 + extra if self.objects else 0) + (1 if self.particle else 0) + len(self.conditions & PATTERN_CONDITIONS) \
            + len(self.conditions & RANKING_CONDITIONS) + sum(1 for c in self.conditions if "=" in c) + self.sequence_words

    @property
    def key(self) -> tuple[str, str, frozenset[str], frozenset[str], str | None, str | None]:
        """What identifies a pattern when dictionaries are merged: lemma, particle, objects, the
        conditions that say what the pattern asks of the sentence ("% *", "NOT *") and its word
        sequences."""
        return (self.lemma, self.particle, self.objects, self.conditions & PATTERN_CONDITIONS, self.sequence,
                self.before)


@lru_cache(maxsize=4096)
def sequence_regex(source: str) -> re.Pattern[str]:
    """The compiled form of :attr:`VerbPattern.sequence` (patterns share few distinct ones)."""
    return re.compile(source)


@dataclass(frozen=True)
class CameoInfo:
    """PLOVER type, mode and context, Goldstein value and quad class of one CAMEO code."""

    cameo: str
    plover: str
    mode: str | None
    context: str | None
    goldstein: float | None
    quad_class: int | None


@lru_cache(maxsize=16)
def phrase_regex(phrases: tuple[str, ...], *, stems: bool = False) -> re.Pattern[str] | None:
    """A regex matching any of ``phrases`` case-insensitively from the start of a word, longest
    first, to the end of a word too unless ``stems`` ("typhoon" then matches "typhoons"); None
    for no phrases."""
    alternation = "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True) if p.split())
    if not alternation:
        return None
    return re.compile(rf"\b(?:{alternation})" + ("" if stems else r"\b"), re.IGNORECASE)


@dataclass
class Lexicon:
    """Everything the event coder looks up, indexed for speed."""

    verbs: dict[str, list[VerbPattern]]
    cues: dict[str, frozenset[str]]
    cameo: dict[str, CameoInfo]
    irregular: dict[str, list[str]] = field(default_factory=dict)
    # phrases of a discards list: a sentence containing one is not coded (PETRARCH's rule)
    discards: tuple[str, ...] = ()
    # the user verb dictionaries merged in: their codes are the user's scheme, which a component
    # trained on CAMEO data (the classify stage) should not overrule
    user_sources: tuple[str, ...] = ()
    # True when the user's verb dictionaries are the whole verb scheme (TABARI/PETRARCH .verbs
    # files are): built-in verb patterns and parley's own built-in coding rules (obligations,
    # culpability) are off, and an event needs a target, as TABARI and PETRARCH code one only
    # when the sentence names both a source and a target
    user_scheme: bool = False
    _trigger_re: re.Pattern[str] | None = None
    _form_lemmas: dict[str, tuple[str, ...]] | None = None

    def patterns_for(self, lemma: str, surface: str | None = None) -> list[VerbPattern]:
        """The patterns of ``lemma``, those that say more first; with the text's word
        ``surface``, among patterns that say as much, those of the dictionary lines written in
        that form first ("paid Y": the PAID block's code, not PAY's; "paid the upkeep": PAY's
        pattern, which says more)."""
        patterns = self.verbs.get(lemma, [])
        if surface and any(p.forms for p in patterns):
            return sorted(patterns, key=lambda p: (-p.specificity, surface not in p.forms))
        return patterns

    def form_lemmas(self, surface: str) -> tuple[str, ...]:
        """The lemmas of the verb lines that list ``surface`` (lower case) among their written
        forms (:attr:`VerbPattern.forms`: as written, regular inflections, the ``{...}`` forms);
        empty when none does. Only user verb dictionaries fill forms, so this is empty for
        parley's own scheme."""
        if self._form_lemmas is None:
            index: dict[str, set[str]] = {}
            for patterns in self.verbs.values():
                for p in patterns:
                    for form in p.forms:
                        index.setdefault(form, set()).add(p.lemma)
            self._form_lemmas = {f: tuple(sorted(v)) for f, v in index.items()}
        return self._form_lemmas.get(surface, ())

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())

    def cameo_info(self, code: str) -> CameoInfo | None:
        return self.cameo.get(code)

    @property
    def discard_regex(self) -> re.Pattern[str] | None:
        """A regex matching any discard phrase as whole words, case-insensitively; None without any."""
        return phrase_regex(tuple(self.discards))

    def is_discarded(self, sentence: str) -> bool:
        """True when ``sentence`` contains a discard phrase (a sports report, a chronology ...)."""
        regex = self.discard_regex
        return regex is not None and regex.search(sentence) is not None

    def is_stem_discarded(self, sentence: str) -> bool:
        """True when ``sentence`` holds a discard phrase as PETRARCH finds one: as a stem, its last
        word perhaps the start of a longer one ("BASEBALL" discards "baseballers", "TYPHOON"
        "typhoons"), from the start of a word. The relevance test drops sentences holding a
        phrase as whole words before they are parsed; this catches the longer words after."""
        regex = phrase_regex(tuple(self.discards), stems=True)
        return regex is not None and regex.search(sentence) is not None

    @property
    def trigger_regex(self) -> re.Pattern[str]:
        """A regex matching any inflected form of any trigger lemma (the relevance test). With a
        discards list it matches nothing in a sentence holding a discard phrase, so that such a
        sentence is never parsed nor coded."""
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
            pattern = rf"\b(?:{alternation})\b"
            discard = self.discard_regex
            if discard is not None:
                # anchored at the start: fail at once when a discard phrase occurs anywhere
                pattern = rf"\A(?![\s\S]*{discard.pattern})[\s\S]*?{pattern}"
            self._trigger_re = re.compile(pattern, re.IGNORECASE)
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
        unknown = {c for c in conditions - CONDITIONS if c.partition("=")[0] not in VALUE_CONDITIONS or not c.partition("=")[2]}
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
def _builtin_lexicon() -> Lexicon:
    return Lexicon(
        verbs=read_verbs(_data_path("verbs.tsv")),
        cues=read_cues(_data_path("cues.yaml")),
        cameo=read_cameo(_data_path("cameo.tsv")),
        irregular=read_irregular(_data_path("irregular.tsv")),
    )


def load_lexicon(user_files: Sequence[str | Path] = (), *, extend: bool = False) -> Lexicon:
    """The built-in lexicon, extended by the verb dictionaries and discard lists among
    ``user_files`` (other files, such as actor dictionaries, are left alone). Cached: the same
    files (unchanged on disk) give the same object. A verb the user's dictionary defines is coded
    by the user's patterns alone: they replace every built-in pattern for its lemma (see
    :func:`merge_verbs`). A TABARI/PETRARCH verb dictionary is a complete coding scheme, so once
    one is loaded, verbs it leaves out code nothing: the built-in verb patterns are dropped
    (:attr:`Lexicon.user_scheme`). Discard lists alone leave the built-in scheme in place.
    With ``extend`` (the setting ``dictionary_mode = "extend"``) the user's verbs only replace the
    built-in patterns of the lemmas they define, and parley's own coding rules stay on."""
    from ..actors.loaders import lexicon_format

    files = tuple(
        (str(Path(f).resolve()), _mtime(f)) for f in ([user_files] if isinstance(user_files, (str, Path)) else user_files)
        if lexicon_format(f) is not None
    )
    return _load_lexicon(files, extend)


def _mtime(path: str | Path) -> int:
    try:
        return Path(path).stat().st_mtime_ns
    except OSError:
        return 0  # the reader reports the missing file


@lru_cache(maxsize=8)
def _load_lexicon(files: tuple[tuple[str, int], ...], extend: bool = False) -> Lexicon:
    from ..actors.loaders import lexicon_format
    from .tabari_verbs import load_verb_file, merge_forms, read_discards

    base = _builtin_lexicon()
    if not files:
        return base
    verbs, irregular, cameo = base.verbs, base.irregular, base.cameo
    if not extend and any(lexicon_format(path) != "discards" for path, _ in files):
        # the user's verb dictionaries are the scheme: built-in patterns would code verbs
        # the dictionary's author chose to leave uncoded
        verbs = {}
    cues = dict(base.cues)
    discards: list[str] = []
    sources: list[str] = []
    for path, _ in files:
        if lexicon_format(path) == "discards":
            discards.extend(read_discards(path).phrases)
            continue
        user = load_verb_file(path)
        sources.append(path)
        if user.skipped:
            log.info("%s: %d patterns read, %d skipped (first: %s)", path, len(user.patterns), len(user.skipped), user.skipped[0])
        # a reporting verb the dictionary codes ("SAID [023]") is coded as the dictionary says,
        # also when it reports a clause: TABARI and PETRARCH code "X said that Y ..." as X
        # commenting on Y besides the reported clause's own event
        patterns = user.patterns
        if extend:
            # beside parley's scheme, "X said (that) ..." stays attribution of the reported
            # clause, which is coded for itself; the user's code applies when nothing is reported
            reporting = cues.get("reporting_verbs", frozenset())
            patterns = [
                replace(p, conditions=p.conditions | {"no_complement"})
                if p.lemma in reporting and not p.objects and not p.particle else p
                for p in patterns
            ]
        verbs = merge_verbs(verbs, patterns, replace_lemmas=True)
        irregular = merge_forms(irregular, user.forms)
        cameo = {**cameo, **{c: derived_cameo(c, cameo) for c in sorted(user.codes) if c not in cameo}}
        if not extend:
            # the dictionary is the scheme: every code it names is an event, also where PLOVER has
            # no type for it (CAMEO's 01 root, "make a public statement": "EASED [012]")
            cameo = {**cameo, **{c: replace(cameo[c], plover="OTHER") for c in user.codes if not cameo[c].plover}}
    if sources and not extend:
        verbs, irregular = scheme_forms(verbs, irregular)
    return replace(base, verbs=verbs, cues=cues, cameo=cameo, irregular=irregular,
                   discards=base.discards + tuple(discards), user_sources=tuple(sources),
                   user_scheme=bool(sources) and not extend,
                   _trigger_re=None, _form_lemmas=None)


def merge_verbs(base: dict[str, list[VerbPattern]], user: Sequence[VerbPattern],
                replace_lemmas: bool = False) -> dict[str, list[VerbPattern]]:
    """``base`` with ``user`` patterns added (a new dict).

    By default a user pattern replaces a base one with the same key (lemma, particle, objects,
    pattern conditions) and ranks first among patterns as specific as it. With ``replace_lemmas``
    (how user verb dictionaries are merged) the user's patterns for a lemma replace *all* the
    base patterns for it: a verb dictionary is a coding scheme, and a built-in pattern the user
    never wrote ("arrive in" -> 042) must not outrank the user's own code for the verb."""
    merged = {lemma: list(patterns) for lemma, patterns in base.items()}
    keys = {p.key for p in user}
    for lemma in {p.lemma for p in user}:
        kept = [] if replace_lemmas else [p for p in merged.get(lemma, []) if p.key not in keys]
        merged[lemma] = sorted([*(p for p in user if p.lemma == lemma), *kept], key=lambda p: -p.specificity)
    return merged


def derived_cameo(code: str, table: dict[str, CameoInfo]) -> CameoInfo:
    """Lookup entry for a user code missing from cameo.tsv ("1717", "903"): the PLOVER type and
    values of its longest known prefix, or type OTHER when its root is not a CAMEO root (the
    code is kept as given, so it is reported and scored as the user wrote it)."""
    for size in range(len(code) - 1, 1, -1):
        parent = table.get(code[:size])
        if parent is not None:
            return CameoInfo(code, parent.plover, parent.mode, parent.context, parent.goldstein, parent.quad_class)
    return CameoInfo(code, "OTHER", None, None, None, None)


# Prefixes of English verbs that inflect like their base ("rebuild" like "build", "overcome" like
# "come", "withdraw" like "draw").
VERB_PREFIXES = ("re", "over", "under", "with", "out", "up", "fore", "for", "mis", "un", "be")


def scheme_forms(verbs: dict[str, list[VerbPattern]],
                 irregular: dict[str, list[str]]) -> tuple[dict[str, list[VerbPattern]], dict[str, list[str]]]:
    """Forms a user verb scheme is met in, beyond its lemmas' regular inflections.

    TABARI and PETRARCH match the words a dictionary lists, whatever the parser makes of them;
    parley matches lemmas, so under a user scheme (a) a prefixed verb inflects as its base does
    ("rebuilt", "overcame", "withdrew"), (b) a verb ending in a vowel and "l" also doubles it
    ("fuelled", "labelling"), both for the relevance test, and (c) a verb's irregular past is also
    read as its lemma, since the parser sometimes leaves one as its own lemma ("forgave").
    Returns new tables."""
    from .tabari_verbs import irregular_lemmas

    known: dict[str, set[str]] = {lemma: set(forms) for lemma, forms in irregular.items()}
    for form, lemma in irregular_lemmas().items():
        known.setdefault(lemma, set()).add(form)
    out_irregular = {k: list(v) for k, v in irregular.items()}
    for lemma in verbs:
        extra: set[str] = set()
        for prefix in VERB_PREFIXES:
            base = lemma[len(prefix):]
            if lemma.startswith(prefix) and len(base) >= 3 and base in known:
                extra |= {prefix + form for form in known[base]}
        if re.search(r"[aeiou]l$", lemma) and not lemma.endswith(("ail", "eel", "ool", "eal", "oil")):
            extra |= {lemma + "led", lemma + "ling"}
        if extra - set(out_irregular.get(lemma, [])):
            out_irregular[lemma] = sorted(set(out_irregular.get(lemma, [])) | extra)
    out_verbs = dict(verbs)
    for lemma in verbs:
        for form in out_irregular.get(lemma, []):
            if form not in out_verbs and not form.endswith(("ing", "s")):
                out_verbs[form] = verbs[lemma]
    return out_verbs, out_irregular
