"""HTML pages: article text and metadata through trafilatura.

trafilatura finds the article body and reads the title, publication date, site name and URL from
the page metadata. A page whose article text is missing (a truncated download, a front page, an
error page) is refused with E008 instead of being coded from its menus.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import input_error
from ..records import Document
from .dates import apply_date
from .text import normalise_text

# Only the date in the page metadata counts: htmldate's "extensive search" guesses dates from
# the visible text, which may be the date of an event rather than of publication. The upper bound
# is fixed (htmldate's default is today) so that results do not depend on when parley runs.
_DATE_PARAMS: dict[str, Any] = {
    "extensive_search": False,
    "original_date": True,
    "max_date": "2100-12-31",
}

# What counts as "article text" when judging an extraction: lines of at least this many words
# (menu entries and buttons are shorter), other than the title repeated.
_PROSE_LINE_WORDS = 4
# Below this many prose words the page is suspicious; it is refused when it is also truncated
# or when the prose is under _MIN_PROSE_SHARE of the HTML (a page that is almost all markup).
_FEW_PROSE_WORDS = 25
_MIN_PROSE_SHARE = 0.01

# trafilatura and htmldate log ERROR lines for pages they cannot use; parley reports those
# pages itself as one E008 line, so their logs are held back during extraction.
_NOISY_LOGGERS = ("trafilatura", "htmldate")

_CLOSING_TAG = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)


def document_from_html(html: str, doc_id: str, path: str, default_date: str | None) -> Document:
    """Build a Document from the decoded contents of an .html/.htm file; raises E008/E015."""
    try:
        import lxml_html_clean  # noqa: F401  (lxml.html.clean lives here since lxml 5.2)
        import trafilatura
    except ImportError as exc:
        raise input_error(path, "E015", detail=str(exc)) from exc

    html = normalise_text(html)
    with _quiet(_NOISY_LOGGERS):
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,  # reader comments are not the article
            date_extraction_params=_DATE_PARAMS,
        )
    meta = _as_dict(result)
    text = (meta.get("text") or "").strip()
    title = _clean(meta.get("title"))
    if not text or _looks_empty(html, text, title):
        raise input_error(path, "E008")

    doc = Document(
        doc_id=doc_id,
        text=normalise_text(text),
        title=title,
        url=_clean(meta.get("url")),
        source=_clean(meta.get("sitename")),
        path=path,
    )
    return apply_date(doc, meta.get("date"), default_date)


@contextmanager
def _quiet(names: tuple[str, ...]) -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _as_dict(result: object) -> dict[str, Any]:
    # trafilatura 2.x returns a Document object with as_dict(); older releases a dict.
    if result is None:
        return {}
    if isinstance(result, dict):
        return result
    as_dict = getattr(result, "as_dict", None)
    return dict(as_dict()) if callable(as_dict) else {}


def _clean(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _looks_empty(html: str, text: str, title: str | None) -> bool:
    """True when the extracted text holds no real article: only menus, a title, a stub."""
    title_key = title.casefold() if title else None
    prose = [
        line
        for line in text.split("\n")
        if len(line.split()) >= _PROSE_LINE_WORDS and line.strip().casefold() != title_key
    ]
    words = sum(len(line.split()) for line in prose)
    if words == 0:
        return True
    if words >= _FEW_PROSE_WORDS:
        return False
    truncated = _CLOSING_TAG.search(html) is None
    mostly_markup = sum(len(line) for line in prose) < _MIN_PROSE_SHARE * len(html)
    return truncated or mostly_markup
