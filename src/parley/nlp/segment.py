"""A fast rule-based sentence splitter for news text.

parley splits sentences before parsing so that it can skip the sentences that cannot hold an
event (see :mod:`parley.events.relevance`); spaCy's parser then sees one sentence at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt adm cmdr gov sen rep rev st jr sr vs etc
    no nos jan feb mar apr aug sept sep oct nov dec u.s u.k u.n e.u inc ltd co corp approx est
    pres amb dept mt ft fig""".split()
)
_BOUNDARY = re.compile(r"""([.!?]+)(["'\u201d\u2019)\]]*)(\s+)(?=["'\u201c\u2018(\[]?[A-Z0-9])""")
_PARAGRAPH = re.compile(r"\n\s*\n")
# A wire dateline: "WASHINGTON/MOSCOW, March 12 (Parley Wire) - ", "KYIV, Ukraine (AP) -- "
_DATELINE = re.compile(
    r"""^[A-Z][A-Z.'\u2019/ -]{1,40}(?:,\s*[A-Z][A-Za-z. ]{1,30})?"""
    r"""(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"""
    r"""\s*(?:\([^)]{1,40}\))?\s*(?:-{1,2}|\u2013|\u2014)\s+"""
)


def dateline_end(sentence: str) -> int:
    """Length of a wire dateline at the start of ``sentence`` (0 when there is none)."""
    m = _DATELINE.match(sentence)
    return m.end() if m else 0


def _is_abbreviation(text: str, end: int) -> bool:
    start = end
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:end].lower().rstrip(".")
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    # single initials ("J. Smith") and dotted acronyms ("U.S.")
    return len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) character offsets of the sentences of ``text``, stripped of whitespace."""
    for para in _paragraphs(text):
        p_start, p_end = para
        start = p_start
        chunk = text[p_start:p_end]
        for m in _BOUNDARY.finditer(chunk):
            end = p_start + m.end(2)
            if m.group(1) == "." and _is_abbreviation(text, p_start + m.start(1)):
                # "U.S. forces" continues; but "in the U.S. The" ends: accept only when the
                # next word is capitalised and the abbreviation is a dotted acronym? Keep going.
                continue
            yield from _strip(text, start, end)
            start = p_start + m.end(3)
        yield from _strip(text, start, p_end)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _PARAGRAPH.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _strip(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        # long single lines (a title line followed by a newline) are split at line breaks
        piece = text[start:end]
        if "\n" in piece:
            offset = start
            for line in piece.split("\n"):
                s = offset + len(line) - len(line.lstrip())
                e = offset + len(line.rstrip())
                if e > s:
                    yield s, e
                offset += len(line) + 1
        else:
            yield start, end
