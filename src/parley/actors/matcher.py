"""Find actor mentions in spaCy documents.

Two spaCy ``PhraseMatcher`` objects (one on ``ORTH`` for case-sensitive patterns, one on
``LOWER``) are built once from the dictionary; each call runs them over a sentence, keeps the
longest non-overlapping matches, and joins adjacent parts into one mention:

* country name, adjective, capital, metonym or organisation (with an optional possessive
  "'s"), then up to three agents, then optionally a person: "Georgian police" -> GEO/COP,
  "Ukraine's defence ministry" -> UKR/MIL, "Russian Foreign Minister Sergei Lavrov" -> the
  person, RUS/GOV;
* agent(s) then a person: "Foreign Minister Sergei Lavrov";
* a group absorbs a country word before it and agents after it ("Lebanese Hezbollah",
  "Hamas gunmen"): the group's own codes win;
* a person followed by agents ("Netanyahu government") is the person's country with the
  agents' sector;
* under a user dictionary, agents then "of" and a state or organisation ("the government of
  Gondor") are that actor's agents, as TABARI/PETRARCH read a phrase's "of" phrase.

Words joined by underscores in the text ("Dol_Amroth", as TABARI/PETRARCH texts write names)
are matched as the words of the dictionary's phrase.

A title may be separated from a known surname by up to two capitalised words the dictionary
lacks ("President Mahmud Abbas"). A name or agent used as a modifier ("Iran-backed",
"rebel-held", "anti-Syria") is not a mention, and a one-word agent that the tagger reads as an
adjective or verb ("official visit", "to press") is dropped when the document is tagged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..records import Actor
from .dictionary import NULL_SECTOR, ActorDictionary, ActorEntry, normalise_date, surface_forms
from .loaders import cameo_parts

# Which entry wins when several name the same span: people, then groups, organisations,
# states, metonyms (an organisation's "Brussels" before Belgium's capital), capitals,
# adjectives, agents; user entries before built-in ones, later user entries first (but the first
# read of a TABARI/PETRARCH file's, as PETRARCH reads them).
KIND_PRIORITY = {
    "person": 0,
    "group": 1,
    "org": 2,
    "state": 3,
    "metonym": 4,
    "capital": 5,
    "adjective": 6,
    "agent": 7,
    "null": 8,
}
# Kinds that can open a composed mention and carry its country.
_COUNTRY_HEADS = frozenset({"state", "adjective", "capital", "metonym", "org"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_HYPHENS = frozenset({"-", "–", "‑"})
_WEAK_POS = frozenset({"ADJ", "VERB", "ADV", "AUX"})
_PREFIXES = frozenset({"anti", "pro", "non"})
# After a generic GOV word, a more specific sector wins: "government troops" is MIL.
_SPECIFIC = frozenset({"MIL", "COP", "SPY", "JUD", "LEG"})
_MAX_AGENTS = 3
# What may own a run of agents through "of" ("the government of Gondor").
_OWNER_KINDS = frozenset({"state", "capital", "metonym", "org", "group"})
_MAX_NAME_GAP = 2
# What may follow an actor's title as its name and be coded as the title's actor (a group
# keeps its own code: "Lebanese Hezbollah fighters").
_TITLED_KINDS = frozenset({"state", "capital", "metonym", "org"})


@dataclass
class Mention:
    """One actor named in a text: token span in the Doc, the resolved actor, and its kind.

    ``kind`` is one of state, capital, metonym, org, group, person, agent; ``entries`` are the
    dictionary entries the mention was built from (several when parts were joined).
    """

    start: int
    end: int
    actor: Actor
    kind: str
    entries: tuple[ActorEntry, ...] = field(default=(), repr=False, compare=False)

    @property
    def members(self) -> tuple[Actor, ...]:
        """The parties the mention names: one actor per code of a compound entry
        ("LORIEN [ELR/GAL]": two states; an agent joined to it gives each its sector), else just
        :attr:`actor`. Mentions of a compound entry are one span, so that a consumer can code one
        event per member (as it does for "A and B") without overlapping mentions."""
        compound = next((e for e in self.entries if e.member_codes), None)
        if compound is None or cameo_parts(compound.member_codes[0])[0] != self.actor.country:
            return (self.actor,)
        # a sector the first code lacks came from an agent word of the mention: it is everyone's
        joined = self.actor.sector if cameo_parts(compound.member_codes[0])[1] is None else None
        members = []
        for number, code in enumerate(compound.member_codes):
            country, sector = cameo_parts(code)
            members.append(replace(self.actor, country=country, sector=sector or joined,
                                   id=self.actor.id if number == 0 else f"{self.actor.id}#{code}"))
        return tuple(members)


@dataclass
class _Part:
    start: int
    end: int
    entry: ActorEntry

    @property
    def kind(self) -> str:
        return self.entry.kind


class ActorMatcher:
    """Matches a dictionary against spaCy docs; build once per dictionary and reuse.

    ``nlp`` is a spaCy ``Language`` (its tokenizer splits the patterns exactly as it splits
    text) or a bare ``Vocab`` (a blank English tokenizer is used).
    """

    def __init__(self, dictionary: ActorDictionary, nlp: Any) -> None:
        import spacy

        self.dictionary = dictionary
        if hasattr(nlp, "tokenizer") and hasattr(nlp, "vocab"):
            tokenizer = nlp.tokenizer
            vocab = nlp.vocab
        else:
            vocab = nlp
            tokenizer = spacy.blank("en", vocab=vocab).tokenizer
        self.vocab = vocab
        self._orth = PhraseMatcher(vocab, attr="ORTH")
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._candidates: dict[int, list[ActorEntry]] = {}

        entries = list(dictionary.entries)
        count = len(entries)
        rank = {
            # among entries of TABARI/PETRARCH files (they carry their code) the first read wins,
            # as in PETRARCH (its patterns of one length keep the order they were read in);
            # among others the later
            id(entry): (1 if entry.builtin else 0, KIND_PRIORITY.get(entry.kind, 9), i if _petrarch_entry(entry) else count - i)
            for i, entry in enumerate(entries)
        }
        self._rank = rank
        grouped: dict[tuple[str, str], tuple[str, list[ActorEntry]]] = {}
        for entry in entries:
            for attr, text in surface_forms(entry):
                key = (attr, text.lower() if attr == "LOWER" else text)
                slot = grouped.setdefault(key, (text, []))
                if entry not in slot[1]:
                    slot[1].append(entry)
        keys = list(grouped)
        texts = [grouped[k][0] for k in keys]
        for key, pattern_doc in zip(keys, tokenizer.pipe(texts), strict=True):
            attr, norm = key
            label = f"{attr}\x1f{norm}"
            candidates = sorted(grouped[key][1], key=lambda e: rank[id(e)])
            match_id = vocab.strings.add(label)
            (self._orth if attr == "ORTH" else self._lower).add(label, [pattern_doc])
            self._candidates[match_id] = candidates

    def __call__(self, doclike: Doc | Span, pub_date: str | None = None) -> list[Mention]:
        return self.find_mentions(doclike, pub_date)

    def find_mentions(self, doclike: Doc | Span, pub_date: str | None = None) -> list[Mention]:
        """Actor mentions in a Doc or a Span (e.g. one sentence), in text order.

        Token offsets are Doc offsets; ``actor.start``/``actor.end`` are character offsets in
        the Doc text. ``pub_date`` (YYYY-MM-DD) picks dated resolutions such as a leader's
        office; None uses the most recent one.
        """
        doc = doclike.doc if isinstance(doclike, Span) else doclike
        limit = doclike.end if isinstance(doclike, Span) else len(doc)
        date = normalise_date(pub_date)
        spans: dict[tuple[int, int], list[ActorEntry]] = {}
        for matcher in (self._orth, self._lower):
            for match_id, start, end in self._matches(matcher, doclike):
                found = self._candidates.get(match_id)
                if not found:
                    continue
                current = spans.get((start, end))
                if current is None:
                    spans[(start, end)] = found
                else:
                    merged = current + [e for e in found if e not in current]
                    spans[(start, end)] = sorted(merged, key=lambda e: self._rank[id(e)])
        if not spans:
            return []
        tagged = doc.has_annotation("POS")
        taken: set[int] = set()
        parts: list[_Part] = []
        # Longest first; among equal lengths the leftmost.
        for start, end in sorted(spans, key=lambda se: (se[0] - se[1], se[0])):
            if any(i in taken for i in range(start, end)):
                continue
            entry = self._pick(spans[(start, end)], doc, start, end, limit, date, tagged)
            if entry is None:
                continue
            taken.update(range(start, end))
            parts.append(_Part(start, end, entry))
        parts.sort(key=lambda p: p.start)
        return self._compose(parts, doc, limit, date)

    # -----------------------------------------------------------------------------------------

    def _matches(self, matcher: PhraseMatcher, doclike: Doc | Span) -> list[tuple[int, int, int]]:
        """The matcher's (id, start, end) hits, in Doc offsets.

        TABARI/PETRARCH texts join the words of a name with underscores ("Dol_Amroth"), which
        the tokenizer keeps as one token; dictionary phrases spell the same name with spaces
        (or underscores, which the loaders turn into spaces). A text with such a token is also
        matched as if its underscores were spaces, and each hit is mapped back to the tokens
        it covers, so "Prince of Dol_Amroth" is the entry PRINCE OF DOL AMROTH.
        """
        doc = doclike.doc if isinstance(doclike, Span) else doclike
        # PhraseMatcher gives Doc offsets for a Span too
        hits: list[tuple[int, int, int]] = [tuple(hit) for hit in matcher(doclike)]  # type: ignore[misc]
        tokens = list(doclike)
        if not any(_joined(t.text) for t in tokens):
            return hits
        words: list[str] = []
        spaces: list[bool] = []
        origin: list[int] = []
        for tok in tokens:
            parts = tok.text.split("_") if _joined(tok.text) else [tok.text]
            parts = [p for p in parts if p] or [tok.text]
            for k, part in enumerate(parts):
                words.append(part)
                spaces.append(True if k < len(parts) - 1 else bool(tok.whitespace_))
                origin.append(tok.i)
        split = Doc(doc.vocab, words=words, spaces=spaces)
        seen = set(hits)
        for match_id, start, end in matcher(split):
            hit = (match_id, origin[start], origin[end - 1] + 1)
            if hit not in seen:
                seen.add(hit)
                hits.append(hit)
        return hits

    def _pick(
        self,
        candidates: list[ActorEntry],
        doc: Doc,
        start: int,
        end: int,
        limit: int,
        date: str | None,
        tagged: bool,
    ) -> ActorEntry | None:
        # "Iran-backed", "rebel-held": a name or agent before a hyphen and a lower-case word
        # only modifies what follows; so does one after "anti-" or "pro-" ("anti-Syria").
        modifier = (
            end + 1 < limit
            and doc[end].text in _HYPHENS
            and doc[end].whitespace_ == ""
            and doc[end + 1].is_lower
        ) or (
            start >= 2
            and doc[start - 1].text in _HYPHENS
            and doc[start - 2].whitespace_ == ""
            and doc[start - 1].whitespace_ == ""
            and (doc[start - 2].is_lower or doc[start - 2].lower_ in _PREFIXES)
        )
        usable: list[ActorEntry] = []
        for entry in candidates:
            if entry.kind == "null":
                usable.append(entry)
                continue
            if modifier:
                continue
            if entry.kind == "agent" and tagged and end - start == 1:
                if doc[start].pos_ in _WEAK_POS:
                    continue
            usable.append(entry)
        if not usable:
            return None
        best = usable[0]
        if best.kind == "person" and date is not None:
            # Two people sharing a surname: the one in office on the date.
            for entry in usable:
                if entry.kind == "person" and entry.periods and entry.valid_on(date):
                    return entry
        return best

    def _compose(self, parts: list[_Part], doc: Doc, limit: int, date: str | None) -> list[Mention]:
        mentions: list[Mention] = []
        i = 0
        while i < len(parts):
            chain, i = self._chain(parts, i, doc, limit)
            if any(p.kind == "null" for p in chain):
                continue
            mention = self._resolve(chain, doc, date)
            if mention is not None:
                mentions.append(mention)
        return mentions

    def _chain(self, parts: list[_Part], i: int, doc: Doc, limit: int) -> tuple[list[_Part], int]:
        head = parts[i]
        chain = [head]
        j = i + 1
        if head.kind == "null":
            return chain, j
        pos = head.end
        if (
            head.kind != "agent"
            and head.kind != "adjective"
            and pos < limit
            and doc[pos].text in _POSSESSIVES
            and j < len(parts)
            and parts[j].start == pos + 1
        ):
            pos += 1
        agents = 0
        while (
            j < len(parts)
            and parts[j].start == pos
            and parts[j].kind == "agent"
            and agents < _MAX_AGENTS
        ):
            chain.append(parts[j])
            pos = parts[j].end
            j += 1
            agents += 1
        if head.kind == "person":
            return chain, j
        if head.kind == "agent" and j < len(parts):
            owner = self._of_owner(chain, parts[j], doc, pos, limit)
            if owner:
                chain.append(parts[j])
                return chain, j + 1
        if agents and j < len(parts) and parts[j].kind == "person":
            # A first name the dictionary lacks may stand between title and surname:
            # "President Mahmud Abbas" (the dictionary spells it Mahmoud).
            gap = doc[pos : parts[j].start]
            if 0 < len(gap) <= _MAX_NAME_GAP and all(t.is_alpha and t.is_title for t in gap):
                pos = parts[j].start
        if j < len(parts) and parts[j].start == pos:
            nxt = parts[j]
            if nxt.kind == "person":
                chain.append(nxt)
                j += 1
            elif self._titled_name(chain, nxt, agents):
                # "Bree Prime Minister Romendacil": PETRARCH codes the noun phrase as one,
                # its first actor with the phrase's agents (BREGOV), not the name after them
                chain.append(nxt)
                j += 1
            elif nxt.kind == "group" and len(chain) == 1 and head.kind in ("state", "adjective"):
                chain.append(nxt)
                j += 1
                # the group may itself take agents: "Lebanese Hezbollah fighters"
                pos = nxt.end
                while j < len(parts) and parts[j].start == pos and parts[j].kind == "agent":
                    chain.append(parts[j])
                    pos = parts[j].end
                    j += 1
        return chain, j

    @staticmethod
    def _titled_name(chain: list[_Part], nxt: _Part, agents: int) -> bool:
        """True when ``nxt``, right after an actor and its agents, is a name the same noun
        phrase gives them: "Bree Prime Minister Romendacil", all from user dictionaries.

        PETRARCH codes a noun phrase by its first actor and every agent in it, so the name
        after a title adds nothing to the code. Only for user dictionaries' entries (a name
        coded by the built-in tables keeps the built-in reading, where the name's own entry
        decides); a dated person entry is left to the person rule above.
        """
        if not agents or chain[0].kind not in _COUNTRY_HEADS or nxt.kind not in _TITLED_KINDS:
            return False
        return not any(p.entry.builtin for p in [*chain, nxt])

    def _of_owner(self, chain: list[_Part], nxt: _Part, doc: Doc, pos: int, limit: int) -> bool:
        """True when ``nxt`` names whose agents ``chain`` are: "the government of Gondor".

        TABARI/PETRARCH read a noun phrase whose own words name only agents by taking the actor
        of its prepositional phrase ("government of Gondor" -> GONGOV). Only for user
        dictionaries (one of the parts comes from one), so the built-in scheme, which reads
        such phrases in the coder, is unchanged.
        """
        if nxt.kind not in _OWNER_KINDS or all(p.entry.builtin for p in [*chain, nxt]):
            return False
        gap = doc[pos : min(nxt.start, limit)]
        if nxt.start >= limit or not 1 <= len(gap) <= 2 or gap[0].lower_ != "of":
            return False
        return len(gap) == 1 or gap[1].lower_ == "the"

    def _resolve(self, chain: list[_Part], doc: Doc, date: str | None) -> Mention | None:
        start, end = chain[0].start, chain[-1].end
        head = chain[0]
        person = next((p for p in chain if p.kind == "person"), None)
        group = next((p for p in chain if p.kind == "group"), None)
        agents = [p for p in chain if p.kind == "agent"]
        agent_sector = _agent_sector(agents)
        entries = tuple(p.entry for p in chain)

        if len(chain) == 1:
            entry = head.entry
            res = entry.resolve(date)
            kind = "state" if entry.kind == "adjective" else entry.kind
            return self._mention(
                doc, start, end, entry.name, res.country, res.sector, entry.id, kind, entries
            )

        head_res = head.entry.resolve(date)
        if person is not None and person is not head:
            res = person.entry.resolve(date)
            if agents and head.kind in _COUNTRY_HEADS and not any(p.entry.builtin for p in chain):
                # user dictionaries: PETRARCH codes the phrase by its first actor and its agents
                # ("Arnor President Gollum" is ARNGOV whatever Gollum's own dated code)
                country = head_res.country or res.country
                return self._mention(
                    doc, start, end, person.entry.name, country, agent_sector, person.entry.id, "person", entries
                )
            country = res.country or (head_res.country if head.kind != "agent" else None)
            if res.valid:
                sector = res.sector
            else:
                sector = agent_sector or res.sector
            return self._mention(
                doc,
                start,
                end,
                person.entry.name,
                country,
                sector,
                person.entry.id,
                "person",
                entries,
            )
        if group is not None:
            res = group.entry.resolve(date)
            country = res.country or head_res.country
            return self._mention(
                doc,
                start,
                end,
                group.entry.name,
                country,
                res.sector,
                group.entry.id,
                "group",
                entries,
            )
        ids = "+".join(p.entry.id for p in chain)
        owner = chain[-1] if head.kind == "agent" and chain[-1].kind in _OWNER_KINDS else None
        if owner is not None:
            # "the government of Gondor": the owner's country with the agents' sector; an
            # organisation without a country (its code in the sector slot) keeps its own
            res = owner.entry.resolve(date)
            sector = agent_sector if res.country else (res.sector or agent_sector)
            name = f"{owner.entry.name} {agents[0].entry.name}"
            return self._mention(doc, start, end, name, res.country, sector, ids, "agent", entries)
        if head.kind == "agent":
            name = " ".join(p.entry.name for p in agents)
            return self._mention(doc, start, end, name, None, agent_sector, ids, "agent", entries)
        # A country-like head (or a person: "Netanyahu government") with agents.
        if head.kind in _COUNTRY_HEADS and head.kind != "org":
            head_name = self.dictionary.country_name(head_res.country) or head.entry.name
        else:
            head_name = head.entry.name
        name = f"{head_name} {agents[0].entry.name}" if agents else head_name
        return self._mention(
            doc, start, end, name, head_res.country, agent_sector, ids, "agent", entries
        )

    def _mention(
        self,
        doc: Doc,
        start: int,
        end: int,
        name: str,
        country: str | None,
        sector: str | None,
        entry_id: str,
        kind: str,
        entries: tuple[ActorEntry, ...],
    ) -> Mention | None:
        if sector == NULL_SECTOR:
            return None
        span = doc[start:end]
        actor = Actor(
            text=span.text,
            name=name,
            country=country,
            sector=sector,
            id=entry_id,
            start=span.start_char,
            end=span.end_char,
        )
        return Mention(start, end, actor, kind, entries)


def _petrarch_entry(entry: ActorEntry) -> bool:
    """Whether ``entry`` was read from a user's TABARI/PETRARCH actors or agents file."""
    return not entry.builtin and entry.code is not None


def _joined(text: str) -> bool:
    """A token made of words joined by underscores ("Dol_Amroth"), not a bare "_" run."""
    return "_" in text and any(c.isalpha() for c in text.replace("_", ""))


def _agent_sector(agents: list[_Part]) -> str | None:
    """Sector of a run of agents: the first, unless a generic GOV gives way to a specific one."""
    if not agents:
        return None
    sector = agents[0].entry.sector
    if sector == "GOV":
        for part in agents[1:]:
            if part.entry.sector in _SPECIFIC:
                return part.entry.sector
    return sector
