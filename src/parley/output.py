"""Write event records as JSON Lines, CSV, a terminal table or Parquet.

Records are output-contract dicts (``EventRecord.to_dict()``). Fields are written in contract
order; keys a record carries beyond the contract follow, in the order first seen, so other record
kinds pass through unharmed.
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast

from .errors import Messages, ParleyError
from .records import EventRecord

FORMATS: tuple[str, ...] = ("jsonl", "csv", "table", "parquet")

# Output contract of an event record (docs/schema/event.schema.json), in order.
EVENT_FIELDS: tuple[str, ...] = (
    "record", "doc_id", "sentence_index", "sentence", "span", "event_type", "mode", "context",
    "cameo", "quad_class", "goldstein", "source", "target", "date", "date_text", "location",
    "factuality", "attribution", "confidence",
)  # fmt: skip
# Output contract of a position record (docs/schema/position.schema.json), in order.
POSITION_FIELDS: tuple[str, ...] = (
    "record", "doc_id", "sentence_index", "sentence", "span", "actor", "issue", "stance",
    "non_negotiable", "object", "target", "date", "factuality", "attribution", "confidence", "scale",
)  # fmt: skip
ACTOR_FIELDS: tuple[str, ...] = ("text", "name", "country", "sector", "id")
LOCATION_FIELDS: tuple[str, ...] = ("name", "country", "lat", "lon")
_NESTED: dict[str, tuple[str, ...]] = {
    "source": ACTOR_FIELDS,
    "target": ACTOR_FIELDS,
    "attribution": ACTOR_FIELDS,
    "location": LOCATION_FIELDS,
}

# Column types of the flat (CSV / DataFrame / Parquet) form.
_INT_COLUMNS = {"sentence_index", "span_start", "span_end", "quad_class"}
_FLOAT_COLUMNS = {"goldstein", "confidence", "location_lat", "location_lon"}


def _flat_columns() -> list[str]:
    cols: list[str] = []
    for key in EVENT_FIELDS:
        if key == "span":
            cols += ["span_start", "span_end"]
        elif key in _NESTED:
            cols += [f"{key}_{sub}" for sub in _NESTED[key]]
        else:
            cols.append(key)
    return cols


FLAT_COLUMNS: tuple[str, ...] = tuple(_flat_columns())


# --- record shaping -------------------------------------------------------------------------


def _clean(value: Any) -> Any:
    """NaN/inf are not JSON; they come from DataFrames and mean "no value"."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def ordered_record(record: dict[str, Any]) -> dict[str, Any]:
    """The record with contract keys first, in contract order (nested objects too)."""
    out: dict[str, Any] = {}
    fields = POSITION_FIELDS if record.get("record") == "position" else EVENT_FIELDS
    for key in fields:
        if key in record:
            out[key] = record[key]
    for key, value in record.items():
        if key not in out:
            out[key] = value
    for key, subkeys in (*_NESTED.items(), ("actor", ACTOR_FIELDS)):
        value = out.get(key)
        if isinstance(value, dict):
            nested = {k: _clean(value[k]) for k in subkeys if k in value}
            nested.update({k: _clean(v) for k, v in value.items() if k not in nested})
            out[key] = nested
    return {k: v if isinstance(v, dict) else _clean(v) for k, v in out.items()}


def flatten_record(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row: nested objects become prefixed columns, ``span`` two integer columns.

    A missing actor or location still yields all its columns (empty), so every row of an event
    export has the same columns whatever it contains.
    """
    flat: dict[str, Any] = {}
    for key, value in ordered_record(record).items():
        if key == "span":
            start, end = (value[0], value[1]) if isinstance(value, (list, tuple)) else (None, None)
            flat["span_start"], flat["span_end"] = start, end
        elif key in _NESTED:
            sub = value if isinstance(value, dict) else {}
            for name in _NESTED[key]:
                flat[f"{key}_{name}"] = sub.get(name)
            for name, subvalue in sub.items():
                flat.setdefault(f"{key}_{name}", subvalue)
        elif isinstance(value, dict):
            for name, subvalue in value.items():
                flat[f"{key}_{name}"] = subvalue
        elif isinstance(value, (list, tuple)):
            flat[key] = json.dumps(list(value), ensure_ascii=False)
        else:
            flat[key] = value
    return flat


def _flat_rows(records: Iterable[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """Flattened rows and the union of their columns (contract columns always first)."""
    rows = [flatten_record(r) for r in records]
    columns = list(FLAT_COLUMNS)
    seen = set(columns)
    for row in rows:
        for col in row:
            if col not in seen:
                seen.add(col)
                columns.append(col)
    return columns, rows


def records_to_dataframe(records: Iterable[dict[str, Any] | EventRecord]) -> Any:
    """Event records as a pandas DataFrame with one typed column per flat field.

    Unlike :func:`parley.records.to_dataframe`, a record without source/target/location still
    produces every prefixed column, and columns get nullable dtypes (``Int64``, ``string``) so an
    all-empty column keeps its type in Parquet.
    """
    import pandas as pd  # imported here: plain JSON/CSV export should not pay for pandas

    dicts = [r.to_dict() if isinstance(r, EventRecord) else dict(r) for r in records]
    columns, rows = _flat_rows(dicts)
    frame = pd.DataFrame(rows, columns=columns)
    for col in columns:
        if col in _INT_COLUMNS:
            frame[col] = frame[col].astype("Int64")
        elif col in _FLOAT_COLUMNS:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
        elif col in FLAT_COLUMNS:
            frame[col] = frame[col].astype("string")
    return frame


# --- streams --------------------------------------------------------------------------------


def _is_binary(stream: Any) -> bool:
    if isinstance(stream, io.TextIOBase):
        return False
    if isinstance(stream, (io.RawIOBase, io.BufferedIOBase)):
        return True
    return "b" in getattr(stream, "mode", "")


@contextmanager
def _text_stream(out: TextIO | BinaryIO | str | Path, newline: str | None) -> Iterator[TextIO]:
    """A text stream for ``out``: a path is opened (``-`` is stdout), a binary stream wrapped."""
    if isinstance(out, (str, Path)):
        if str(out) == "-":
            yield sys.stdout
            return
        with open(out, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
        return
    if _is_binary(out):
        wrapper = io.TextIOWrapper(cast(BinaryIO, out), encoding="utf-8", newline=newline)
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()  # leave the caller's stream open
        return
    yield out  # type: ignore[misc]


def write_records(
    records: Iterable[dict[str, Any]],
    fmt: str,
    out: TextIO | BinaryIO | str | Path,
    *,
    width: int | None = None,
) -> int:
    """Write ``records`` to ``out`` in ``fmt`` (jsonl, csv, table, parquet); return how many.

    ``out`` is a path (``-`` for stdout with text formats), a text stream or a binary stream;
    Parquet needs a path or a binary stream. ``width`` is the line width of ``table`` (default:
    the terminal's).
    """
    name = fmt.strip().lower() if isinstance(fmt, str) else fmt
    if name not in FORMATS:
        raise ParleyError(Messages.E031.format(value=fmt, choices=", ".join(FORMATS)), "E031")
    if name == "parquet":
        return _write_parquet(records, out)
    if name == "jsonl":
        with _text_stream(out, newline=None) as stream:
            return _write_jsonl(records, stream)
    if name == "csv":
        with _text_stream(out, newline="") as stream:
            return _write_csv(records, stream)
    with _text_stream(out, newline=None) as stream:
        return _write_table(records, stream, width)


def _write_jsonl(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    n = 0
    for record in records:  # streamed: no need to hold a large export in memory
        stream.write(json.dumps(ordered_record(record), ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_csv(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    columns, rows = _flat_rows(records)
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return len(rows)


def _write_parquet(records: Iterable[dict[str, Any]], out: TextIO | BinaryIO | str | Path) -> int:
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise ParleyError(Messages.E032, "E032") from exc
    if not isinstance(out, (str, Path)) and not _is_binary(out):
        raise ParleyError(Messages.E038, "E038")
    if isinstance(out, (str, Path)) and str(out) == "-":
        raise ParleyError(Messages.E038, "E038")
    frame = records_to_dataframe(records)
    frame.to_parquet(out, engine="pyarrow", index=False)
    return len(frame)


# --- terminal table -------------------------------------------------------------------------


def _arrow_for(stream: IO[str]) -> tuple[str, str]:
    """Arrow and ellipsis characters the stream can encode (plain ASCII on legacy consoles)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "→…".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "->", "..."
    return "→", "…"


def _actor_label(actor: Any) -> str:
    if not isinstance(actor, dict):
        return "-"
    label = actor.get("name") or actor.get("text") or "?"
    code = f"{actor.get('country') or ''}{actor.get('sector') or ''}"
    return f"{label} ({code})" if code and code != label else str(label)


def _fit(value: str, size: int, ellipsis: str) -> str:
    value = " ".join(value.split())  # newlines and tabs would break the grid
    if len(value) <= size:
        return value.ljust(size)
    if size <= len(ellipsis):
        return value[:size]
    return value[: size - len(ellipsis)] + ellipsis


def _write_table(records: Iterable[dict[str, Any]], stream: IO[str], width: int | None) -> int:
    arrow, ellipsis = _arrow_for(stream)
    total = width or shutil.get_terminal_size((120, 24)).columns
    rows = []
    for rec in records:
        if rec.get("record") == "position":
            # a position reads "actor -> target" with "stance:issue" as its type
            parties = f"{_actor_label(rec.get('actor'))} {arrow} {_actor_label(rec.get('target'))}"
            kind = f"{rec.get('stance')}:{rec.get('issue')}" + ("!" if rec.get("non_negotiable") else "")
        else:
            parties = f"{_actor_label(rec.get('source'))} {arrow} {_actor_label(rec.get('target'))}"
            kind = str(rec.get("event_type") or "-")
        rows.append(
            (
                str(rec.get("date") or "-"),
                kind,
                parties,
                str(rec.get("factuality") or "-"),
                str(rec.get("sentence") or ""),
            )
        )
    header = ("date", "type", "source → target".replace("→", arrow), "factuality", "sentence")
    # Widths follow the content but are capped so the sentence keeps a useful share of the line.
    caps = (10, 24, 40, 12)
    widths = [
        min(cap, max([len(header[i])] + [len(r[i]) for r in rows])) for i, cap in enumerate(caps)
    ]
    sentence_width = max(20, total - sum(widths) - 2 * len(widths))
    widths.append(sentence_width)

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(_fit(c, w, ellipsis) for c, w in zip(cells, widths, strict=True)).rstrip()

    stream.write(line(header) + "\n")
    stream.write("  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        stream.write(line(row) + "\n")
    if not rows:
        stream.write("(no events)\n")
    return len(rows)
