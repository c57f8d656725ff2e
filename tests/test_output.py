"""write_records: JSON Lines, CSV, terminal table and Parquet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from parley.errors import ParleyError
from parley.output import FLAT_COLUMNS, records_to_dataframe, write_records
from parley.records import Actor, EventRecord, Location

CONTRACT_KEYS = [
    "record", "doc_id", "sentence_index", "sentence", "span", "event_type", "mode", "context",
    "cameo", "quad_class", "goldstein", "source", "target", "date", "date_text", "location",
    "factuality", "attribution", "confidence",
]  # fmt: skip

LONG = (
    "Russian forces shelled the outskirts of Kharkiv overnight, regional officials in Ukraine "
    "said on Tuesday, adding that talks in Genève would go on regardless of the attack."
)


def _records() -> list[dict[str, Any]]:
    full = EventRecord(
        doc_id="d1",
        sentence_index=2,
        sentence=LONG,
        span=(0, 22),
        event_type="ASSAULT",
        cameo="190",
        source=Actor("Russian forces", "Russian military", "RUS", "MIL", "RUSMIL"),
        target=Actor("Kharkiv", None, "UKR"),
        mode="bombard",
        quad_class=4,
        goldstein=-10.0,
        date="2024-03-05",
        date_text="overnight",
        location=Location("Kharkiv", "UKR", 49.99, 36.23),
        factuality="asserted",
        attribution=Actor("officials", "Ukrainian government", "UKR", "GOV"),
        confidence=0.8123,
    ).to_dict()
    bare = EventRecord("d2", 0, "Talks in Genève.", (0, 5), "CONSULT", "040", None).to_dict()
    return [full, bare]


def test_jsonl_writes_one_object_per_line_in_contract_order_keeping_unicode() -> None:
    records = _records()
    shuffled = [dict(reversed(list(r.items()))) for r in records]  # order must not matter
    buf = io.StringIO()
    assert write_records(shuffled, "jsonl", buf) == 2
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2
    assert "Genève" in lines[1]  # ensure_ascii=False
    parsed = [json.loads(line) for line in lines]
    assert parsed == records
    assert all(list(p) == CONTRACT_KEYS for p in parsed)
    assert list(parsed[0]["source"]) == ["text", "name", "country", "sector", "id"]


def test_jsonl_keeps_extra_keys_after_contract_and_turns_nan_into_null() -> None:
    record = dict(_records()[1], goldstein=float("nan"), note="extra")
    buf = io.StringIO()
    write_records([record], "jsonl", buf)
    parsed = json.loads(buf.getvalue())
    assert list(parsed)[-1] == "note" and parsed["goldstein"] is None


def test_csv_has_every_prefixed_column_even_without_actors(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    write_records([_records()[1]], "csv", path)
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(FLAT_COLUMNS)
    assert {"source_text", "target_country", "attribution_id", "location_lat"} <= set(rows[0])
    assert rows[0]["source_text"] == "" and rows[0]["span_end"] == "5"


def test_csv_values_flatten_nested_objects() -> None:
    buf = io.StringIO()
    write_records(_records(), "csv", buf)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["source_country"] == "RUS" and row["source_sector"] == "MIL"
    assert row["location_lat"] == "49.99" and row["quad_class"] == "4"
    assert row["attribution_name"] == "Ukrainian government"
    assert row["sentence"] == LONG  # commas survive quoting


def test_table_is_fixed_width_with_arrow_and_truncated_sentence() -> None:
    buf = io.StringIO()
    write_records(_records(), "table", buf, width=100)
    lines = buf.getvalue().splitlines()
    assert lines[0].split()[:2] == ["date", "type"]
    assert all(len(line) <= 100 for line in lines)
    row = lines[2]
    assert row.startswith("2024-03-05  ASSAULT")
    assert "→" in row and "RUSMIL" in row
    assert row.endswith("…") and LONG not in row
    assert lines[3].startswith("-") and "CONSULT" in lines[3]


def test_table_falls_back_to_ascii_on_legacy_encodings() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp437")
    write_records(_records()[:1], "table", stream, width=80)
    stream.flush()
    text = raw.getvalue().decode("cp437")
    assert "->" in text and "..." in text


def test_empty_table_says_so() -> None:
    buf = io.StringIO()
    assert write_records([], "table", buf, width=80) == 0
    assert "(no events)" in buf.getvalue()


def test_parquet_round_trips_through_a_path(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    path = tmp_path / "events.parquet"
    assert write_records(_records(), "parquet", path) == 2
    frame = pd.read_parquet(path)
    assert list(frame.columns) == list(FLAT_COLUMNS)
    assert frame.loc[0, "source_id"] == "RUSMIL"
    assert pd.isna(frame.loc[1, "source_text"]) and pd.isna(frame.loc[1, "quad_class"])
    assert frame.loc[0, "quad_class"] == 4


def test_parquet_of_actorless_records_keeps_typed_columns() -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    buf = io.BytesIO()
    write_records([_records()[1]], "parquet", buf)
    schema = pq.read_schema(io.BytesIO(buf.getvalue()))
    assert str(schema.field("source_text").type) in {"string", "large_string"}
    assert str(schema.field("quad_class").type) == "int64"


def test_parquet_refuses_text_streams() -> None:
    with pytest.raises(ParleyError) as info:
        write_records(_records(), "parquet", io.StringIO())
    assert info.value.code == "E038"


def test_unknown_format_gives_e031() -> None:
    with pytest.raises(ParleyError) as info:
        write_records(_records(), "xml", io.StringIO())
    assert info.value.code == "E031"
    assert "jsonl" in info.value.message and "parquet" in info.value.message


def test_text_formats_accept_binary_streams_and_leave_them_open() -> None:
    raw = io.BytesIO()
    write_records(_records(), "jsonl", raw)
    assert not raw.closed
    assert raw.getvalue().decode("utf-8").count("\n") == 2


def test_records_to_dataframe_accepts_event_records() -> None:
    event = EventRecord("d", 0, "x", (0, 1), "CONSULT", "040", None)
    frame = records_to_dataframe([event])
    assert list(frame.columns) == list(FLAT_COLUMNS)
    assert str(frame["sentence_index"].dtype) == "Int64"
