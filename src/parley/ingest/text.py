"""Plain text documents: text normalisation, the optional header block, and in-memory text.

Character offsets computed later refer to ``Document.text``, so the text is changed here only in
two ways (a leading byte-order mark is removed and ``\\r\\n`` becomes ``\\n``) and never after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import input_error
from ..records import Document
from .dates import apply_date, normalise_date

BOM = "\ufeff"

# Header lines recognised at the very top of a .txt/.md file. Keys are case-insensitive.
_HEADER_LINE = re.compile(r"^(title|date|source|url)[ \t]*:[ \t]*(.*?)[ \t]*$", re.IGNORECASE)


def normalise_text(text: str) -> str:
    """Strip one leading byte-order mark and turn Windows line ends into ``\\n``; nothing else."""
    if text.startswith(BOM):
        text = text[1:]
    return text.replace("\r\n", "\n")


@dataclass
class Header:
    """Metadata read from a header block at the top of a plain text file."""

    title: str | None = None
    date: str | None = None  # as written; normalised by the caller
    source: str | None = None
    url: str | None = None


def split_header(text: str) -> tuple[Header | None, str]:
    """Split an optional header block off the top of ``text``.

    A header block is one or more ``Title:``, ``Date:``, ``Source:`` or ``URL:`` lines at the
    very start of the file, ended by a blank line. If any line before that blank line is not
    such a header line (or there is no blank line), the text is not a header block and is
    returned unchanged: an article that happens to begin "Date: ..." is never cut.
    The block and the blank lines after it are removed; the rest of the text is kept as is.
    """
    header = Header()
    pos = 0
    seen = 0
    while True:
        end = text.find("\n", pos)
        if end < 0:
            return None, text  # no blank line ends the block
        line = text[pos:end]
        if not line.strip():
            break
        match = _HEADER_LINE.match(line)
        if not match:
            return None, text
        key, value = match[1].lower(), match[2] or None
        setattr(header, key, value)
        seen += 1
        pos = end + 1
    if seen == 0:
        return None, text
    # Skip the blank line(s) after the block, but only whole lines: indentation of the first
    # paragraph is part of the text.
    pos = end + 1
    while True:
        nxt = text.find("\n", pos)
        if nxt < 0 or text[pos:nxt].strip():
            break
        pos = nxt + 1
    return header, text[pos:]


def document_from_plain(text: str, doc_id: str, path: str, default_date: str | None) -> Document:
    """Build a Document from the decoded contents of a .txt/.text/.md file."""
    text = normalise_text(text)
    header, body = split_header(text)
    if header is None:
        return apply_date(Document(doc_id=doc_id, text=text, path=path), None, default_date)
    if not body.strip():
        raise input_error(path, "E014")
    doc = Document(
        doc_id=doc_id, text=body, title=header.title, url=header.url, source=header.source,
        path=path,
    )
    return apply_date(doc, header.date, default_date)


def document_from_text(
    text: str, doc_id: str = "text", date: str | None = None, title: str | None = None
) -> Document:
    """Wrap a string (e.g. pasted in a notebook) as a Document.

    ``date`` may be any form :func:`normalise_date` reads; it describes this document, so its
    ``date_source`` is "metadata". An unreadable date raises InputError E011 rather than being
    dropped, because the caller typed it on purpose. Empty text raises E002.
    """
    origin = f"<{doc_id}>"
    text = normalise_text(text)
    if not text.strip():
        raise input_error(origin, "E002")
    doc = Document(doc_id=doc_id, text=text, title=title)
    if date is not None:
        iso = normalise_date(date)
        if iso is None:
            raise input_error(origin, "E011", value=date)
        doc.date, doc.date_source = iso, "metadata"
    return doc
