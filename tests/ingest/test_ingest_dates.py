"""Date normalisation, the --date option and date_source values."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from parley.errors import InputError
from parley.ingest import normalise_date, parse_iso_date, read_document, read_inputs
from parley.records import Document
from parley.settings import Settings


@pytest.mark.parametrize(
    "value",
    [
        "2026-03-05",
        " 2026-03-05 ",
        "2026-03-05T10:00:00Z",
        "2026-03-05T23:30:00-05:00",  # the calendar date as written, no time zone shift
        "2026-03-05 08:15",
        "5 March 2026",
        "March 5, 2026",
        "Thu, 05 Mar 2026 10:00:00 GMT",
        "5th of March, 2026",
        dt.date(2026, 3, 5),
        dt.datetime(2026, 3, 5, 23, 59),
    ],
)
def test_dates_are_normalised_to_iso(value: object) -> None:
    assert normalise_date(value) == "2026-03-05"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("25/12/2025", "2025-12-25"),  # only one reading is valid
        ("12/25/2025", "2025-12-25"),
        ("03/03/2026", "2026-03-03"),  # both readings agree
        ("13.03.2026", "2026-03-13"),
    ],
)
def test_numeric_dates_are_read_only_when_unambiguous(value: str, expected: str) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "05/03/2026", "05.03.2026", "yesterday", "2 days ago", "Tuesday", "March 2026", "today", "soon", "2026-02-30",
     "20260305", "12345", "0001-01-01", 20260305, True, None, ["2026-03-05"]],
)
def test_unreadable_or_relative_dates_give_none(value: object) -> None:
    assert normalise_date(value) is None


@pytest.mark.parametrize("value", ["2026-03-05", " 2026-03-05\n"])
def test_parse_iso_date_accepts_strict_iso(value: str) -> None:
    assert parse_iso_date(value) == "2026-03-05"


@pytest.mark.parametrize("value", ["5 March 2026", "2026-3-5", "2026-02-30", "", "2026-03-05T10:00"])
def test_parse_iso_date_rejects_anything_else_with_e011(value: str) -> None:
    with pytest.raises(InputError) as info:
        parse_iso_date(value)
    assert info.value.code == "E011"
    assert info.value.line() == f"--date: invalid date '{value}': expected YYYY-MM-DD [E011]"


def test_malformed_date_option_raises_before_anything_is_read(tmp_path: Path) -> None:
    # The file does not exist: if reading had started, an E010 would come first.
    with pytest.raises(InputError) as info:
        read_inputs([tmp_path / "missing.txt"], Settings(default_date="05/03/2026"))
    assert info.value.code == "E011"


def test_date_source_metadata_option_and_none(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(
        "\n".join(json.dumps(r) for r in [
            {"id": "meta", "text": "Talks opened.", "date": "March 5, 2026"},
            {"id": "bad-meta", "text": "Talks paused.", "date": "sometime in spring"},
            {"id": "no-meta", "text": "Talks ended."},
        ]),
        encoding="utf-8",
    )
    with_option = {d.doc_id: (d.date, d.date_source)
                   for d in read_document(path, Settings(default_date="2026-01-15"))}
    assert with_option == {
        "meta": ("2026-03-05", "metadata"),
        "bad-meta": ("2026-01-15", "option"),
        "no-meta": ("2026-01-15", "option"),
    }
    items = list(read_inputs([path]))
    assert all(isinstance(i, Document) for i in items)  # an unreadable date is not an error
    assert {i.doc_id: (i.date, i.date_source) for i in items if isinstance(i, Document)} == {
        "meta": ("2026-03-05", "metadata"),
        "bad-meta": (None, "none"),
        "no-meta": (None, "none"),
    }
