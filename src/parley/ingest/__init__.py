"""Ingestion: turn input files, dicts or strings into :class:`parley.records.Document` objects.

Supported inputs (suffixes are case-insensitive):

- folders, read recursively in sorted order; hidden entries, unsupported files and Markdown
  files (a corpus folder's README.md) are skipped;
- plain text ``.txt``, ``.text``, ``.md``: ``doc_id`` is the file name without its suffix. The
  file may start with a header block of ``Title:``, ``Date:``, ``Source:`` and ``URL:`` lines
  ended by a blank line; it is read as metadata and removed from the text;
- HTML ``.html``, ``.htm``: article text, title, date, site name and URL via trafilatura;
- JSON Lines ``.jsonl``, ``.ndjson``, and ``.json`` (JSON Lines, one object, or an array of
  objects when the file starts with ``[``); field names come from the settings.

Every file must be UTF-8 text no larger than ``settings.max_mb``. Problems are reported as
:class:`parley.errors.InputError` with a message code (E002-E018) and the file (and line).
Dates become ``YYYY-MM-DD``; ``date_source`` is "metadata", "option" (``--date``) or "none".
"""

from __future__ import annotations

from .dates import normalise_date, parse_iso_date
from .jsonl import documents_from_records
from .readers import SUFFIX_KINDS, read_document, read_inputs, read_text_file
from .text import document_from_text, normalise_text, split_header

__all__ = [
    "SUFFIX_KINDS",
    "document_from_text",
    "documents_from_records",
    "normalise_date",
    "normalise_text",
    "parse_iso_date",
    "read_document",
    "read_inputs",
    "read_text_file",
    "split_header",
]
