"""JSON inputs: JSON Lines files, JSON arrays of objects, and lists of dicts in memory.

Field names come from :class:`Settings` (``text_field``, ``id_field``, ...). A bad line or item
becomes one :class:`InputError` naming its line; the other records still become Documents.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError, input_error
from ..records import Document
from ..settings import Settings
from .dates import apply_date
from .text import normalise_text

# Tried after settings.date_field when that is left at its default, because many news dumps
# call the field "published".
_DEFAULT_DATE_FIELD = "date"
_EXTRA_DATE_FIELDS = ("published",)

_JSON_KINDS = {list: "an array", str: "a string", bool: "true/false", type(None): "null"}


def _kind(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return _JSON_KINDS.get(type(value), type(value).__name__)


def _missing(value: object) -> bool:
    # NaN arrives from pandas (df.to_dict("records")) where a cell is empty.
    return value is None or (isinstance(value, float) and math.isnan(value))


def _scalar_text(value: object) -> str | None:
    """A metadata value as a string: strings and numbers are kept, anything else is dropped."""
    if _missing(value) or isinstance(value, bool):
        return None
    if isinstance(value, dict):
        # NewsAPI-style {"source": {"id": ..., "name": "..."}}
        return _scalar_text(value.get("name"))
    if isinstance(value, str | int | float):
        text = str(value).strip()
        return text or None
    return None


def record_to_document(
    record: object,
    settings: Settings,
    path: str,
    line: int | None,
    fallback_id: str,
    default_date: str | None,
) -> Document:
    """Map one decoded JSON value to a Document; raises InputError (E013, E007, E012)."""
    if not isinstance(record, dict):
        raise input_error(path, "E013", line=line, kind=_kind(record))
    field = settings.text_field
    text = record.get(field)
    if _missing(text):
        raise input_error(path, "E007", line=line, field=field)
    if not isinstance(text, str):
        raise input_error(path, "E012", line=line, field=field)
    text = normalise_text(text)
    if not text.strip():
        raise input_error(path, "E007", line=line, field=field)

    doc_id = _scalar_text(record.get(settings.id_field)) or fallback_id
    doc = Document(
        doc_id=doc_id,
        text=text,
        title=_scalar_text(record.get(settings.title_field)),
        url=_scalar_text(record.get(settings.url_field)),
        source=_scalar_text(record.get(settings.source_field)),
        path=path,
        line=line,
    )
    return apply_date(doc, _raw_date(record, settings), default_date)


def _raw_date(record: dict[str, Any], settings: Settings) -> object:
    value = record.get(settings.date_field)
    if _missing(value) and settings.date_field == _DEFAULT_DATE_FIELD:
        for name in _EXTRA_DATE_FIELDS:
            value = record.get(name)
            if not _missing(value):
                break
    return value


def iter_json_lines(
    text: str, settings: Settings, path: str, stem: str, default_date: str | None
) -> Iterator[Document | InputError]:
    """One Document or InputError per non-blank line; the line number is 1-based."""
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield input_error(
                path, "E006", line=number, detail=f"{exc.msg} at column {exc.colno}"
            )
            continue
        try:
            yield record_to_document(
                record, settings, path, number, f"{stem}-{number}", default_date
            )
        except InputError as error:
            yield error


def iter_json_file(
    text: str, settings: Settings, path: str, stem: str, default_date: str | None
) -> Iterator[Document | InputError]:
    """A .json file: an array of objects if it starts with ``[``, one object, or JSON Lines."""
    body = text.lstrip()
    if body.startswith("["):
        yield from _iter_json_array(text, settings, path, stem, default_date)
        return
    if body.startswith("{"):
        # A single (often pretty-printed) object: JSON Lines would call each of its lines
        # malformed. If the whole file is one object, read it as one record named by the stem.
        try:
            record = json.loads(text)
        except json.JSONDecodeError:
            pass  # several objects, one per line: JSON Lines below
        else:
            line = text[: len(text) - len(body)].count("\n") + 1
            try:
                yield record_to_document(record, settings, path, line, stem, default_date)
            except InputError as error:
                yield error
            return
    yield from iter_json_lines(text, settings, path, stem, default_date)


def _iter_json_array(
    text: str, settings: Settings, path: str, stem: str, default_date: str | None
) -> Iterator[Document | InputError]:
    """Walk a JSON array item by item so each item knows its line and one bad item is local.

    Items without an id are named ``<stem>-<item number>`` (not the line: a compact array sits
    on one line). A syntax error ends the walk, since nothing after it can be trusted.
    """
    decoder = json.JSONDecoder()
    pos = _skip_space(text, text.index("[") + 1)
    number = 0
    if pos < len(text) and text[pos] == "]":
        return
    # Lines are counted incrementally: counting from the start for every item would make a
    # large array quadratic.
    line, counted = 1, 0
    while True:
        number += 1
        line += text.count("\n", counted, pos)
        counted = pos
        try:
            record, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield input_error(
                path, "E006", line=exc.lineno, detail=f"{exc.msg} at column {exc.colno}"
            )
            return
        try:
            yield record_to_document(
                record, settings, path, line, f"{stem}-{number}", default_date
            )
        except InputError as error:
            yield error
        pos = _skip_space(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_space(text, pos + 1)
            continue
        if pos < len(text) and text[pos] == "]":
            if _skip_space(text, pos + 1) != len(text):
                yield _syntax_error(text, path, _skip_space(text, pos + 1), "Extra data")
            return
        yield _syntax_error(text, path, pos, "Expecting ',' delimiter")
        return


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n\r":
        pos += 1
    return pos


def _syntax_error(text: str, path: str, pos: int, msg: str) -> InputError:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return input_error(path, "E006", line=line, detail=f"{msg} at column {column}")


def documents_from_records(
    records: Iterable[dict[str, Any]],
    settings: Settings | None = None,
    origin: str = "<memory>",
) -> list[Document]:
    """Turn dicts (e.g. ``df.to_dict("records")``) into Documents, mapped like JSON Lines.

    Raises the first :class:`InputError`; its line is the 1-based record number. Records without
    an id are named ``record-<n>`` (or ``<origin stem>-<n>`` for a file-like origin). Empty pandas
    cells (NaN) count as missing, and date/datetime values are accepted as dates.
    """
    from .dates import parse_iso_date

    settings = settings or Settings()
    default_date = parse_iso_date(settings.default_date) if settings.default_date else None
    prefix = "record" if origin.startswith("<") else Path(origin).stem or "record"
    documents = []
    for number, record in enumerate(records, start=1):
        documents.append(
            record_to_document(
                record, settings, origin, number, f"{prefix}-{number}", default_date
            )
        )
    return documents
