"""TABARI/PETRARCH verb dictionaries and discard lists, read into parley's event lexicon.

A verb dictionary (``*.verbs``, ``*.verbs.txt``; the format of PETRARCH's ``PETR.Validate.verbs.txt``)
holds:

* synsets: a label line ``&NAME`` followed by ``+WORD`` / ``+TWO WORDS`` member lines (a member may
  itself be ``+&OTHER``); a trailing ``_`` on a label or a word only switches off plurals;
* verb blocks: a header ``--- NAME [code] ---``, verb lines (``BREAK {BROKE BROKEN}``, a phrasal
  ``+BREAK_DOWN {...}`` whose ``+`` marks the inflected word, a verb with its own ``[code]``), and
  pattern lines ``- words * words [code]`` where ``*`` (or ``**``) is the verb, ``$`` the source,
  ``+`` the target, ``%`` a compound actor, ``^`` a skipped noun phrase, ``&NAME`` a synset and
  ``_`` joins words; a code ``[a:b]`` names an event and a secondary one; ``[---]`` is no event;
* comments: ``<!-- ... -->`` (also over several lines), ``#`` and the legacy ``;`` outside brackets.

A loaded verb dictionary is the whole verb scheme (:attr:`~parley.events.lexicon.Lexicon.user_scheme`):
parley's built-in verb patterns and its own rules (obligations, culpability, agentless passives)
are off, and the coder follows TABARI/PETRARCH where they differ from parley's own reading: an
event needs a target the dictionaries identify and is reported once per sentence.

What maps onto parley's lexicon (:class:`~parley.events.lexicon.VerbPattern`: lemma + particle +
word sequence -> CAMEO code, target slots):

* every verb of a block, lemmatised (irregular forms from ``irregular.tsv`` and
  ``tabari_forms.tsv``, regular ``-ed``/``-ing``/``-s`` endings stripped, the listed ``{...}``
  forms lemmatised too; an ambiguous form is entered under each candidate lemma, as the parser's
  lemma decides which one is met), with the verb's own code or the block's; the listed forms feed
  the relevance test; a later block listing the same verb again redefines it;
* a pattern's words *after* the verb become a word sequence (:attr:`VerbPattern.sequence`), read
  as TABARI reads it: the words must follow the verb in order within the verb's phrase, with any
  words between them unless ``_`` joins them (``&TIETYPES_MEMOS`` is "cultural memos", not
  "cultural secret memos"); a noun may be plural; a synset stands for any of its members; the
  markers ``$ + % ^`` stand for phrases (gaps). A pattern that says more (more words) ranks first;
* ``+`` after the verb gives the target slot: the direct object when it follows ``*`` directly,
  else the preposition before it (``* ABOUT +`` -> ``about``); a ``^`` right before ``+`` skips
  the phrase there (``* AT ^ +`` -> slot ``^at``: the next actor after the phrase that
  completes "at"); without ``+`` the target is looked for
  in parley's usual slots and then after ``from``, ``of``, ``about``, ``over``, ``for``,
  ``between`` and ``in``; when no slot names one, the coder takes TABARI's next actor after the
  verb (in the verb's phrase, not the source itself; when the phrase names none, as when the
  parser cuts it short, the next actor in the text up to the first comma or clause break, since
  TABARI reads words, not a parse);
* words *before* the verb (``INDICATED SHOULD *``, ``HEAVILY *``, ``FAILED_TO_*``) become a word
  sequence of their own (:attr:`VerbPattern.before`), matched the same way against the
  sentence's words before the verb; a negation among them (``NOT *``, ``&NEGATVAUXVRB *``) gives
  the condition ``negated`` (the pattern applies only to a negated verb, and the event it codes,
  a refusal, is asserted; words that only negate need no sequence; a negation on the word
  right before the verb counts, for multi-word verbs the parser splits); a modal among them
  (``INDICATED SHOULD * [1011]``) gives the condition ``modal``: the code names the intention
  itself, so its event is asserted, not hypothetical; a ``$`` among them after a word
  (``SAID $ *``) gives the condition ``source_between``: an actor must stand in that gap ("X said
  Y regretted ..."), else a pattern without it applies ("SAID *": "X said it regretted ...");
* ``+`` before the verb (``+ * IN $``, ``+ WAS_ * TO_ ^ FROM $``) reverses the roles: condition
  ``subject_target`` (the subject is the target, the source stands where ``$`` does; with no
  ``$`` after the verb, ``NOTED + *``, also condition ``source_above``: the source is the
  subject of the clause above, who notes or suggests); ``%``
  before the verb gives ``compound_subject`` (``% * [030:030]``, ``% HAVE * [191]``: the
  coordinated subjects act on each other, every ordered pair when more than two), a pattern
  of its own beside the verb's; as in PETRARCH, coordinated sources with no target act on each
  other only in a cooperative act (roots 03-06);
* an agent written before a state's name ("MSF Arnor", ``[NGO~]``) combines with it as one
  written after it does: PETRARCH joins every actor and agent word of a noun phrase;
* the secondary code of ``[a:b]`` (the mirror event, target -> source: ``ARRIVE [032:033]``) is
  kept as :attr:`VerbPattern.reverse_code`, which the coder emits as a second event; letters
  after the digits (``[075A]``) are dropped; a block or verb code without digits (``[+++]``)
  codes no event, like ``[---]``; a pattern with such a code is skipped.

How the coder reads a scheme (TABARI/PETRARCH behaviour, beside parley's own reading):

* every code the dictionary names is an event, also CAMEO's 01 root that PLOVER leaves untyped
  (its events are of type OTHER); a verb's mood does not matter ("may spur", "is trying to
  stop" are coded as asserted), as TABARI and PETRARCH know none;
* a pattern's words are used up by the verb it codes: another verb among them is not coded
  ("SAID WOULD *" on "fight": "said" is not a comment of its own; "* WOULD VISIT" on
  "confirm": no visit); the pattern that says more claims its words first;
* a modal is a verb of the scheme (PETRARCH reads the parser's MD as a verb): its patterns that
  say more than the modal are read on its clause, whose verb they use up;
* each verb line keeps its written forms (:attr:`VerbPattern.forms`: as written, its regular
  forms, the forms it lists); among patterns that say as much, the line written as the text's
  word wins ("paid" reads PAID, "pays" PAY, though both are the lemma "pay");
* forms the relevance test and the parser would miss are added: prefixed irregular verbs
  ("rebuilt", "overcame"), a doubled "l" ("fuelled"), an irregular past the parser keeps as its
  lemma ("forgave"); see :func:`~parley.events.lexicon.scheme_forms`;
* a dictionary verb form the tagger misreads as a noun, a name or an auxiliary ("Arnor stabs
  Gondor", a made-up "KLM_NOP_+RST"), standing between an actor and a further actor, is read
  as the verb: the sentence is parsed again with a stand-in verb (:mod:`.scheme_retag`);
* an actor whose codes are all dated names no one outside its periods (PETRARCH resolves it to
  no code; :attr:`~parley.actors.dictionary.ActorEntry.dated_only`);
* a slot naming only agents ("deployed troops to X") takes the actor of the verb's phrase with
  the agent joined to it (X's troops), as PETRARCH joins a noun phrase's agent to the actor of
  its prepositional phrase.

Approximated or ignored (and why):

* ``%`` after the verb (``* WITH %``, ``* BETWEEN %``) gives the condition ``compound_target``:
  the slot there must name a compound actor (two actors or more), who are the targets; PETRARCH2's
  own pattern reader takes ``%`` for a word and never matches it, TABARI asks for a compound, and
  both readings leave a single actor there to the verb's own code;
* ``$`` after the verb (without a ``+`` before it): the coder finds the source in
  the subject (or the passive agent; with no agent, the passive subject, as TABARI reads the actor
  before the verb) and codes a two-party subject reciprocally by itself;
* a verb line's words *before* the inflected one (``WIRE_+TAP``) must stand right before it
  (:attr:`VerbPattern.before`, ahead of a pattern's own words before the verb); its words
  after the inflected one and its particle (``+ABC_DEF_GHI``) must follow it at once
  (:attr:`VerbPattern.sequence`, ahead of a pattern's own words after the verb), which tells
  two lines of one lemma apart;
* patterns with a disjunction ``(a|b)`` or an undefined synset are skipped (PETRARCH does too);
  every skipped pattern is recorded, with its line and why, in :attr:`UserVerbs.skipped`.

A discards file (``*.discards``, ``*.discards.txt``) lists phrases, one a line: a sentence
containing one is not coded; ``+PHRASE`` (story level in PETRARCH) is treated the same way,
sentence by sentence, because the lexicon sees sentences, not stories.

A malformed line raises :class:`~parley.errors.DictionaryError` with ``file:line`` (E085-E089).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..actors.loaders import strip_comment
from ..errors import DictionaryError, Messages

if TYPE_CHECKING:  # .lexicon imports this module when it loads user files
    from .lexicon import VerbPattern

# lemma, particle, object specs, conditions, word sequences after and before the verb, the
# surface forms of the verb line
PatternKey = tuple[str, str, frozenset[str], frozenset[str], str | None, str | None, frozenset[str]]

MARKERS = frozenset({"$", "+", "%", "^"})
# Prepositions and verb particles: a pattern word of this set right after the verb is matched as
# the verb's particle or preposition, not as its object.
PARTICLES = frozenset({
    "about", "across", "against", "along", "around", "at", "away", "back", "before", "behind",
    "between", "by", "down", "for", "from", "in", "into", "near", "of", "off", "on", "onto", "out",
    "over", "through", "to", "toward", "towards", "under", "up", "upon", "with", "within", "without",
})
# Words of an object phrase that say nothing about what the object is.
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"})
# Words before the verb that make a negated pattern ("NOT *", "WILL NOT *", "&NEGATVAUXVRB *"):
# at least one negation, the rest auxiliaries (TreeBank splits "didn't" as "did n't").
NEGATIONS = frozenset({"not", "n't", "never", "neither", "nor"})
NEGATED_AUXILIARIES = frozenset({
    "do", "does", "did", "will", "wo", "would", "can", "ca", "could", "shall", "should", "may", "might",
    "must", "has", "have", "had", "is", "are", "was", "were", "really", "still", "yet", "ever",
})
# Adverbs a negated pattern may write beside its negation ("&NEGATVAUXVRB EVER *"): written
# there, they are words the sentence must have, as PETRARCH matches every word of a pattern,
# so "&NEGATVAUXVRB EVER *" does not code "did n't clash" ("&NEGATVAUXVRB *" does).
NEGATION_ADVERBS = frozenset({"really", "still", "yet", "ever"})
# Modal words before the verb ("INDICATED SHOULD *", "WOULD *"): the pattern's code stands for the
# intention or possibility itself (condition ``modal``), so the event it codes is asserted.
MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must"})
# Where the target is looked for when a pattern has no '+': parley's usual slots, then the other
# prepositions a TABARI pattern leaves to "the next actor after the verb" ("departed from X",
# "warned of X", "welcomed memos from X"), and last "in": a place after "in" usually says where,
# so it is taken only when no other slot names an actor ("arrived in X" is a visit to X, as
# TABARI's next-actor rule reads it).
PATTERN_TARGETS = ("dobj", "iobj", "with", "against", "on", "to", "at", "into", "toward", "towards",
                   "from", "of", "about", "over", "for", "between", "in")

_HEADER = re.compile(r"^---\s*(?P<body>.*?)\s*(?:---)?\s*$")
_CODE = re.compile(r"\[([^\]]*)\]")
_VERB_LINE = re.compile(r"^(?P<words>[^{}\[\]]+?)\s*(?:\{(?P<forms>[^{}]*)\})?\s*(?:\[(?P<code>[^\[\]]*)\])?\s*$")
_PATTERN_LINE = re.compile(r"^-\s*(?P<body>[^\[\]]*?)\s*\[(?P<code>[^\[\]]*)\]\s*$")
_SYNSET_LABEL = re.compile(r"^&[A-Za-z0-9_]+$")


@dataclass(frozen=True)
class VerbEntry:
    """One verb line of a block: its words, which one is inflected, its own code and listed forms."""

    line: int
    words: tuple[str, ...]
    verb_index: int
    code: str | None
    forms: tuple[str, ...] = ()
    reverse: str | None = None

    @property
    def verb(self) -> str:
        return self.words[self.verb_index]


@dataclass(frozen=True)
class TabariPattern:
    """One ``-`` line: tokens before and after the verb (lower case; synsets as ``&name``)."""

    line: int
    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str
    raw_after: str = ""  # the text after the verb as written ('_' joins words that must touch)
    raw_before: str = ""  # the text before the verb as written


@dataclass
class VerbBlock:
    line: int
    name: str
    code: str
    reverse: str | None = None
    verbs: list[VerbEntry] = field(default_factory=list)
    patterns: list[TabariPattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    """A parsed verb dictionary, before conversion to parley patterns."""

    path: str
    synsets: dict[str, tuple[str, ...]]  # label (lower case, no '&' nor trailing '_') -> phrases
    blocks: list[VerbBlock]


@dataclass
class UserVerbs:
    """What a verb dictionary adds to the lexicon."""

    patterns: list[VerbPattern]
    forms: dict[str, set[str]] = field(default_factory=dict)  # lemma -> surface forms
    codes: set[str] = field(default_factory=set)
    skipped: list[str] = field(default_factory=list)  # "file:line: why"


# ---------------------------------------------------------------------------------------------
# reading


def _fail(path: str | Path, line: int, detail: str, code: str = "E085") -> DictionaryError:
    template: str = getattr(Messages, code)
    return DictionaryError(f"{path}:{line}: {template.format(detail=detail)}", code)


def strip_comments(text: str) -> Iterator[tuple[int, str]]:
    """(line number, text) without ``<!-- -->``, ``#`` and ``;`` comments; blank lines kept as ''."""
    in_block = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        out = ""
        while line:
            if in_block:
                end = line.find("-->")
                if end < 0:
                    line = ""
                    break
                line = line[end + 3:]
                in_block = False
            start = line.find("<!")
            if start < 0:
                out += line
                break
            out += line[:start]
            line = line[start:]
            in_block = True
        yield number, strip_comment(out, "#;").strip()


def normalise_code(raw: str) -> str | None:
    """``064:064`` -> ``064``; ``075A`` -> ``075``; ``---`` or nothing -> ``-`` (no event); a
    code without digits (``+++``, ``abc``) -> None: not a CAMEO code."""
    first = raw.split(":")[0].strip()
    if first in {"", "---"}:
        return "-"
    match = re.match(r"(\d+)", first)
    return match.group(1) if match else None


def reverse_code(raw: str) -> str | None:
    """The secondary code of ``[a:b]`` (the mirror event, target -> source), or None."""
    if ":" not in raw:
        return None
    code = normalise_code(raw.split(":", 1)[1])
    return code if code not in {None, "-"} else None


def _label(token: str) -> str:
    return token.lstrip("&").rstrip("_").lower()


def _tokens(text: str) -> list[str]:
    """Pattern tokens: ``_`` joins words like a space does here; ``**`` is the verb as ``*`` is."""
    spaced = re.sub(r"(?<=[*$%^+])(?=[^\s_])|(?<=[^\s_])(?=[*$%^])", " ", text.replace("_", " "))
    return ["*" if t == "**" else (t if t.startswith("&") else t.lower()) for t in spaced.split()]


def _read_text(path: Path) -> str:
    """A dictionary file's text; a missing file is E086 naming it."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise DictionaryError(f"{path}: {Messages.E086}", "E086") from None


def read_verb_dictionary(path: str | Path) -> VerbDictionary:
    """Parse a TABARI/PETRARCH verb dictionary; raises DictionaryError naming ``file:line``."""
    path = Path(path)
    text = _read_text(path)
    synsets: dict[str, list[str]] = {}
    blocks: list[VerbBlock] = []
    state: str | None = None  # "synset" or "block"
    synset: list[str] = []
    block: VerbBlock | None = None
    for number, line in strip_comments(text):
        if not line:
            if state == "synset":
                state = "block" if block is not None else None
            continue
        if line.startswith("---"):
            match = _HEADER.match(line)
            body = match.group("body") if match else ""
            codes = _CODE.findall(body)
            name = body.split("[")[0].strip()
            if not name or body.count("[") != body.count("]"):
                raise _fail(path, number, f"verb block header '{line}' (expected '--- NAME [code] ---')")
            block = VerbBlock(number, name, (normalise_code(codes[0]) or "-") if codes else "-",
                              reverse_code(codes[0]) if codes else None)
            blocks.append(block)
            state = "block"
        elif line.startswith("&"):
            label = line.split()[0]
            if not _SYNSET_LABEL.match(label):
                raise _fail(path, number, f"synset label '{label}'")
            synset = synsets.setdefault(_label(label), [])
            state = "synset"
        elif line.startswith("+") and state == "synset":
            member = line[1:].strip()
            if not member:
                raise _fail(path, number, "empty synset member")
            synset.append(member if member.startswith("&") else member.replace("_", " ").lower().strip())
        elif line.startswith("-"):
            if block is None:
                raise _fail(path, number, "pattern before any '--- VERB [code] ---' block")
            block.patterns.append(_parse_pattern(path, number, line))
        elif block is not None:
            block.verbs.append(_parse_verb(path, number, line))
        else:
            raise _fail(path, number, f"'{line}' outside a verb block or synset")
    if not blocks:
        raise DictionaryError(f"{path}: {Messages.E087}", "E087")
    return VerbDictionary(str(path), {k: tuple(v) for k, v in synsets.items()}, blocks)


def _parse_pattern(path: Path, number: int, line: str) -> TabariPattern:
    match = _PATTERN_LINE.match(line)
    if match is None:
        raise _fail(path, number, "pattern needs one [code] at its end: '- words * words [code]'")
    tokens = _tokens(match.group("body"))
    if tokens.count("*") != 1:
        raise _fail(path, number, "pattern needs exactly one '*' for the verb")
    at = tokens.index("*")
    body = match.group("body")
    raw_after = body[body.index("*"):].lstrip("*")
    raw_before = body[:body.index("*")]
    return TabariPattern(number, tuple(tokens[:at]), tuple(tokens[at + 1:]), match.group("code").strip(), raw_after,
                         raw_before)


def _verb_words(text: str) -> tuple[tuple[str, ...], int]:
    words = text.replace("_", " ").split()
    index = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    return tuple(w.lstrip("+").lower() for w in words), index


def _parse_verb(path: Path, number: int, line: str) -> VerbEntry:
    match = _VERB_LINE.match(line)
    if match is None:
        raise _fail(path, number, f"verb line '{line}' (expected 'VERB {{FORMS}} [code]')")
    words, index = _verb_words(match.group("words"))
    if not words or not all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in words):
        raise _fail(path, number, f"verb line '{line}' (expected words, '+' marking the verb)")
    forms: list[str] = []
    for form in (match.group("forms") or "").split():
        form_words, form_index = _verb_words(form)
        if form_words:
            forms.append(form_words[min(form_index, len(form_words) - 1)])
    code = match.group("code")
    if code is None:
        return VerbEntry(number, words, index, None, tuple(forms))
    return VerbEntry(number, words, index, normalise_code(code) or "-", tuple(forms), reverse_code(code))


@dataclass(frozen=True)
class Discards:
    """Phrases whose sentences are not coded (``story`` ones come from ``+`` lines)."""

    sentence: tuple[str, ...] = ()
    story: tuple[str, ...] = ()

    @property
    def phrases(self) -> tuple[str, ...]:
        return self.sentence + self.story


def read_discards(path: str | Path) -> Discards:
    """A PETRARCH discards list; raises DictionaryError (E089) naming ``file:line``."""
    path = Path(path)
    text = _read_text(path)
    sentence: list[str] = []
    story: list[str] = []
    for number, line in strip_comments(text):
        if not line:
            continue
        bucket = story if line.startswith("+") else sentence
        phrase = " ".join(line.lstrip("+").replace("_", " ").split()).lower()
        if not phrase or re.search(r"[\[\]{}*$%&]", phrase):
            raise _fail(path, number, f"'{line}' (expected a phrase, '+' for a story-level one)", "E089")
        bucket.append(phrase)
    return Discards(tuple(sentence), tuple(story))


# ---------------------------------------------------------------------------------------------
# lemmas


def _data(name: str) -> Path:
    return Path(str(resources.files("parley.events") / "data" / name))


@lru_cache(maxsize=1)
def _irregular_forms() -> dict[str, str]:
    """Surface form -> lemma, from irregular.tsv (lemma -> forms) and tabari_forms.tsv."""
    table: dict[str, str] = {}
    with _data("irregular.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((ln for ln in handle if ln.strip() and not ln.startswith("#")), delimiter="\t")
        for row in rows:
            for form in (row.get("forms") or "").split("|"):
                if form and form != row["lemma"]:
                    table.setdefault(form, row["lemma"])
    with _data("tabari_forms.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((ln for ln in handle if ln.strip() and not ln.startswith("#")), delimiter="\t")
        for row in rows:
            table[row["form"]] = row["lemma"]
    return table


def irregular_lemmas() -> dict[str, str]:
    """Irregular surface form -> lemma (``irregular.tsv`` and ``tabari_forms.tsv``), a copy."""
    return dict(_irregular_forms())


def verb_lemmas(word: str) -> list[str]:
    """Candidate lemmas of a verb form as a dictionary lists it (``SAID`` -> say, ``EASED`` ->
    eas/ease, ``EXCHANG`` -> exchang/exchange). Extra candidates never match a parser lemma, so
    listing them costs nothing; missing the right one would lose the verb."""
    w = word.lower()
    irregular = _irregular_forms()
    if w in irregular:
        return [irregular[w]]
    out = [w]
    stems: list[str] = []
    if len(w) > 4 and w.endswith("ied"):
        out.append(w[:-3] + "y")
    elif len(w) > 4 and w.endswith("ed"):
        stems.append(w[:-2])
    elif len(w) > 5 and w.endswith("ing"):
        stems.append(w[:-3])
    elif len(w) > 4 and w.endswith("ies"):
        out.append(w[:-3] + "y")
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        out.append(w[:-1])
        if w.endswith("es"):
            out.append(w[:-2])
    elif w.endswith("ie"):
        out.append(w[:-2] + "y")
    elif w[-1] in "gcvzs" and w[-2:] not in {"ss"}:
        out.append(w + "e")  # a TABARI stem ("EXCHANG")
    for stem in stems:
        out += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] in "bdglmnprt":
            out.append(stem[:-1])  # "stopped" -> stop, "repelled" -> repel
    return list(dict.fromkeys(out))


def _word_regex(word: str) -> str:
    """One pattern word as a regex over space-separated lower-case words: as written, in the
    singular, or with a plural ending (TABARI matches a noun's plural unless told otherwise)."""
    if word in PARTICLES or word in DETERMINERS or word in NEGATIONS or not word.isalpha():
        return re.escape(word)
    forms = sorted(set(noun_forms(word)), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")(?:s|es)?"


def noun_forms(word: str) -> list[str]:
    """A pattern noun as written and in the singular (the parser gives the lemma of the text's
    word, the coder also keeps the word as written)."""
    w = word.lower()
    out = [w]
    if len(w) > 4 and w.endswith("ies"):
        out += [w[:-3] + "y", w[:-1]]  # "parties" -> party; "ties" (too short) -> tie below
    elif len(w) > 3 and re.search(r"(sses|ches|shes|xes)$", w):
        out.append(w[:-2])
    elif len(w) > 2 and w.endswith("s") and not re.search(r"(ss|us|is)$", w):
        out.append(w[:-1])
    return out


# ---------------------------------------------------------------------------------------------
# conversion


@dataclass(frozen=True)
class _Shape:
    """What one pattern asks of a verb occurrence, in parley's terms."""

    particles: tuple[str, ...]
    objects: frozenset[str]
    targets: tuple[str, ...] | None
    code: str
    reverse: str | None = None
    conditions: frozenset[str] = frozenset()
    sequence: str | None = None
    sequence_words: int = 0
    before: str | None = None


class _Converter:
    def __init__(self, vd: VerbDictionary) -> None:
        self.vd = vd
        self.skipped: list[str] = []

    def skip(self, line: int, why: str) -> None:
        self.skipped.append(f"{self.vd.path}:{line}: {why}")

    def members(self, label: str, seen: frozenset[str] = frozenset()) -> list[list[str]] | None:
        """Word lists of a synset's members (nested synsets expanded); None when undefined."""
        if label not in self.vd.synsets or label in seen:
            return None
        out: list[list[str]] = []
        for member in self.vd.synsets[label]:
            if member.startswith("&"):
                inner = self.members(_label(member), seen | {label})
                out.extend(inner or [])
            else:
                out.append(member.split())
        return out

    def shape(self, pattern: TabariPattern) -> _Shape | None:
        if any(t.startswith("(") or "|" in t for t in pattern.before + pattern.after):
            self.skip(pattern.line, "disjunction (a|b): not supported, as in PETRARCH")
            return None
        conditions: set[str] = set()
        if "%" in pattern.before:
            conditions.add("compound_subject")  # "% * [030:030]": the subject is coordinated
        words = [t for t in pattern.before if t not in MARKERS]
        before: tuple[str, int] = ("", 0)
        if "+" in pattern.before:
            # "+ * IN $", "+ WAS_ * TO_ ^ FROM $": the actor before the verb is the target and
            # the source stands after it
            conditions.add("subject_target")
            if "$" not in pattern.after:
                # "NOTED + *", "$ SAY + * NEGOTIATE": no source after the verb; it stands
                # before the target, as the subject of the clause above
                conditions.add("source_above")
        if (
            words and "+" not in pattern.before and "$" not in pattern.before and self.negation(words)
            and not NEGATION_ADVERBS & {w.lower() for w in words}
        ):
            conditions.add("negated")  # "NOT * [112]": the verb negated codes an asserted refusal
        elif words:
            # "INDICATED SHOULD *", "HEAVILY *", "+ WAS * DEAD IN $": words the sentence must have
            # before the verb, in order
            # "SAID $ *": the source is named between the words and the verb ("X said Y
            # regretted ..."), which "SAID *" ("X said it regretted ...") does not ask for
            between = "+" not in pattern.before and "$" in pattern.before[1:]
            found = self.sequence(pattern.raw_before, pattern.line, before=True, source_gap=between)
            if found is None:
                return None
            before = found
            if between and "(?P<source>)" in found[0]:
                conditions.add("source_between")
            if MODALS & set(words):
                # "INDICATED SHOULD * [1011]": the code names the stated intention itself, which
                # is asserted even though the verb is under a modal
                conditions.add("modal")
            if any(self.negation([w]) for w in words):
                # "UNEXPECTEDLY &NEGATVAUXVRB * OVER EFFORTS": the pattern codes what the
                # negated verb says, which is asserted
                conditions.add("negated")
        code = normalise_code(pattern.code)
        if code is None:
            self.skip(pattern.line, f"code [{pattern.code}] is not a CAMEO code")
            return None
        after = list(pattern.after)
        # where the other party stands: the target ('+'), or the source ('$') when the subject
        # is the target
        slot = self.slot(after, "$" if "subject_target" in conditions else "+")
        if slot is None and "%" in after and "subject_target" not in conditions:
            # "* WITH %", "* BETWEEN %": TABARI's compound actor stands there; the pattern asks
            # for one (two actors or more), and they are its targets
            slot = self.slot(after, "%")
            conditions.add("compound_target")
        sequence = self.sequence(pattern.raw_after, pattern.line)
        if sequence is None:
            return None
        # the words after the verb are matched as TABARI matches them: in order, in the verb's
        # phrase, '_' asking for adjacent words ("&TIETYPES_MEMOS" is "cultural memos", not
        # "cultural secret memos")
        return _Shape(("",), frozenset(), slot, code, reverse_code(pattern.code), frozenset(conditions),
                      sequence[0] or None, sequence[1] + before[1], before[0] or None)

    def sequence(self, raw_after: str, line: int, before: bool = False,
                 source_gap: bool = False) -> tuple[str, int] | None:
        """A regular expression for the words after the verb (TABARI's reading: in order, with
        any words between them unless '_' joins them; markers ``$ + % ^`` stand for phrases, so
        for gaps) and the number of literal words; ("", 0) when the pattern has none; None
        (recorded as skipped) when a synset is undefined. The expression is matched against the
        lower-cased words after the verb, each preceded by one space. With ``before``, the
        same for the words before the verb, matched against the words that precede it (the
        last one right before the verb when '_' joins it to '*': ``FAILED_TO_*``). With
        ``source_gap``, a ``$`` after a literal word marks its place with the empty group
        ``source``: the coder asks for an actor in the gap that follows it."""
        parts: list[str] = []
        words = 0
        joined = not before and raw_after.startswith("_")  # "*_UPON": the word right after the verb
        for token in re.findall(r"&[A-Za-z0-9]+(?:_(?=\s|$))?|[$%^+]|_|[^\s_$%^+&]+", raw_after):
            if token == "_":
                joined = True
                continue
            if token in MARKERS:
                if token == "$" and source_gap and words and "(?P<source>)" not in parts:
                    parts.append("(?P<source>)")
                joined = False
                continue
            if token.startswith("&"):
                members = self.members(_label(token))
                if members is None:
                    self.skip(line, f"undefined synset {token}")
                    return None
                alternatives = [" ".join(_word_regex(w) for w in m) for m in members if m]
                if not alternatives:
                    return None
                body = "(?:" + "|".join(alternatives) + ")"
            else:
                body = _word_regex(token.lower())
            words += 1
            # each literal word is a group: the coder reads which words a pattern used up
            parts.append((" " if joined else "(?: [^ ]+)*? ") + "(" + body + ")")
            joined = False
        if not words:
            return "", 0
        if before:
            return "^" + "".join(parts) + ("$" if raw_after.rstrip().endswith("_") else "(?: [^ ]+)*$"), words
        return "^" + "".join(parts) + "(?= |$)", words

    def negation(self, words: list[str]) -> bool:
        """True when the words before the verb only negate it: a negation and auxiliaries
        ("not", "will not", "&NEGATVAUXVRB" whose members are all such)."""
        flat: list[str] = []
        for word in words:
            if word.startswith("&"):
                members = self.members(_label(word))
                if not members or not all(self.negation(m) for m in members):
                    return False
                flat.append("not")
            else:
                flat.append(word.lower())
        return any(w in NEGATIONS for w in flat) and all(w in NEGATIONS | NEGATED_AUXILIARIES for w in flat)

    @staticmethod
    def slot(after: list[str], marker: str) -> tuple[str, ...] | None:
        """Where ``marker`` ('+' or '$') stands after the verb, in parley's slots: the direct
        object when it follows the verb, else the preposition before it; None without it."""
        if marker not in after:
            return None
        at = after.index(marker) - 1
        skips = False
        while at >= 0 and (after[at] == "^" or after[at] in DETERMINERS):
            skips = skips or after[at] == "^"
            at -= 1
        if skips and marker == "+" and (at < 0 or after[at] in PARTICLES):
            # "* AT ^ +": the phrase after the preposition is skipped, the target is the one
            # after it (slot "^at"; "^dobj" when the skipped phrase is the object)
            return ("^" + (after[at] if at >= 0 else "dobj"),)
        if at < 0:
            return ("dobj", "iobj")
        return (after[at],) if after[at] in PARTICLES else ("dobj",)


def convert(vd: VerbDictionary) -> UserVerbs:
    """parley verb patterns for every verb of every block (see the module docstring).

    Within a block the first pattern for a lemma/particle/objects key wins, as the first matching
    pattern does in PETRARCH; a later block that lists the same verb again ("LEAVE", then "LEFT")
    redefines it, as a later dictionary entry does."""
    converter = _Converter(vd)
    user = UserVerbs(patterns=[])
    merged: dict[PatternKey, VerbPattern] = {}
    for block in vd.blocks:
        if not block.verbs:
            converter.skip(block.line, f"block '{block.name}' lists no verb")
            continue
        for key, verb_pattern in _block_patterns(block, converter, user.forms).items():
            merged.pop(key, None)  # re-inserted at the end: the later definition, in file order
            merged[key] = verb_pattern
    user.patterns = list(merged.values())
    user.codes = {p.cameo for p in merged.values() if p.cameo != "-"}
    user.codes |= {p.reverse_code for p in merged.values() if p.reverse_code}
    user.skipped = converter.skipped
    return user


def _block_patterns(block: VerbBlock, converter: _Converter, forms: dict[str, set[str]]) -> dict[PatternKey, VerbPattern]:
    from .lexicon import VerbPattern, inflections

    shapes = [shape for shape in (converter.shape(p) for p in block.patterns) if shape is not None]
    own: dict[PatternKey, VerbPattern] = {}
    written: frozenset[str] = frozenset()

    def add(lemma: str, particle: str, objects: frozenset[str], code: str, targets: tuple[str, ...],
            reverse: str | None, conditions: frozenset[str] = frozenset(), sequence: str | None = None,
            sequence_words: int = 0, before: str | None = None) -> None:
        own.setdefault((lemma, particle, objects, conditions, sequence, before, written),
                       VerbPattern(lemma, particle, objects, code, targets, conditions, reverse_code=reverse,
                                   sequence=sequence, sequence_words=sequence_words, before=before,
                                   forms=written))

    for entry in block.verbs:
        # the words this line is met in: as written, its regular forms, and the forms it lists
        # ("PAID" is "paid"; "PAY" is "pay", "pays", "paying"): the coder reads the line written
        # as the text's word when two lines share a lemma
        written = frozenset(inflections(entry.verb) | set(entry.forms))
        # the listed forms' lemmas too: the parser's lemma of "cordoned" may be "cordone"
        lemmas = list(dict.fromkeys(x for form in (entry.verb, *entry.forms) for x in verb_lemmas(form)))
        extra = entry.words[entry.verb_index + 1:]
        own_particle = extra[0] if extra and extra[0] in PARTICLES else ""
        code, reverse = (entry.code, entry.reverse) if entry.code else (block.code, block.reverse)
        # "WIRE_+TAP": the words before the inflected one are part of the verb and must stand
        # right before it ("tap" alone is no wire-tapping); a pattern's own words before the
        # verb ("WILL NOT *") come before them
        prefix = "".join(" " + _word_regex(w.lower()) for w in entry.words[:entry.verb_index])
        # "+ABC_DEF_GHI": the words after the inflected one (beyond a particle) are part of the
        # verb too and must follow it at once; they tell two lines of one lemma apart
        # ("+ABC_AARDVARK_ADVOCATE [003]")
        suffix = [w.lower() for w in extra[1 if own_particle else 0:]]
        for lemma in lemmas:
            forms.setdefault(lemma, set()).update({entry.verb, *entry.forms})
            # first, so that a later pattern saying no more than the verb does not replace the
            # verb's code ("% * [030]" has a key of its own: it asks for a compound subject)
            add(lemma, own_particle, frozenset(), code, PATTERN_TARGETS, reverse,
                sequence=_with_suffix(None, suffix), sequence_words=len(suffix),
                before=_with_prefix(None, prefix))
        for shape in shapes:
            # one particle per parley pattern: for "CORDON_OFF" with "* FOR CONSTRUCTION" the
            # pattern's says more than the verb's
            particles = (own_particle,) if own_particle and shape.particles == ("",) else shape.particles
            for lemma in lemmas:
                for particle in particles:
                    add(lemma, particle, shape.objects, shape.code, shape.targets or PATTERN_TARGETS, shape.reverse,
                        shape.conditions, _with_suffix(shape.sequence, suffix), shape.sequence_words + len(suffix),
                        _with_prefix(shape.before, prefix))
    return own


def _with_suffix(sequence: str | None, words: list[str]) -> str | None:
    """A words-after-the-verb expression (:meth:`_Converter.sequence`) that first asks for a
    multi-word verb's trailing ``words``, right after the verb and each right after the other."""
    if not words:
        return sequence
    head = "^" + "".join(" (" + _word_regex(w) + ")" for w in words)
    # an expression starts with "^"; with none, the words end the match
    return head + (sequence[1:] if sequence else "(?= |$)")


def _with_prefix(before: str | None, prefix: str) -> str | None:
    """A words-before-the-verb expression (:meth:`_Converter.sequence`) that also asks for a
    multi-word verb's leading words (``prefix``, a regex of space-led words) right before it."""
    if not prefix:
        return before
    # an expression ends with "$": what it asks for, then any gap, then the prefix at the end
    return (before[:-1] if before else "^(?: [^ ]+)*?") + prefix + "$"


def load_verb_file(path: str | Path) -> UserVerbs:
    """Read and convert one verb dictionary."""
    return convert(read_verb_dictionary(path))


def merge_forms(into: dict[str, list[str]], forms: dict[str, set[str]]) -> dict[str, list[str]]:
    """Irregular-form table with user forms added (a new dict; ``into`` is left alone)."""
    out = {k: list(v) for k, v in into.items()}
    for lemma, extra in forms.items():
        out[lemma] = sorted(set(out.get(lemma, [])) | extra)
    return out
