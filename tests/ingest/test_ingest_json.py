"""JSON Lines, JSON arrays and in-memory records."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from parley.errors import InputError
from parley.ingest import documents_from_records, read_document, read_inputs
from parley.records import Document
from parley.settings import Settings


def _jsonl(path: Path, lines: list[object]) -> Path:
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    return path


def _split(items: list) -> tuple[list[InputError], list[Document]]:
    return (
        [i for i in items if isinstance(i, InputError)],
        [i for i in items if isinstance(i, Document)],
    )


def test_jsonl_default_fields(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "wire.jsonl", [
        {"id": 17, "text": "The army moved north.", "title": "Advance", "date": "2026-03-05",
         "url": "https://wire.example.com/17", "source": "Example Wire"},
        {"text": "Talks stalled.\r\nNo date was set.", "published": "March 5, 2026"},
    ])
    first, second = read_document(path)
    assert (first.doc_id, first.text, first.title) == ("17", "The army moved north.", "Advance")
    assert (first.url, first.source) == ("https://wire.example.com/17", "Example Wire")
    assert (first.date, first.date_source, first.line, first.path) == (
        "2026-03-05", "metadata", 1, str(path))
    assert second.doc_id == "wire-2"
    assert second.text == "Talks stalled.\nNo date was set."
    assert (second.date, second.date_source, second.line) == ("2026-03-05", "metadata", 2)


def test_jsonl_field_mapping_via_settings(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.ndjson", [
        {"uid": "a1", "body": "Protesters gathered outside the embassy.",
         "headline": "Protest", "published_at": "2026-03-05T22:10:00Z",
         "link": "https://x.example/a1", "outlet": {"id": "x", "name": "X Daily"},
         "text": "not this one", "date": "1999-01-01"},
    ])
    settings = Settings(text_field="body", id_field="uid", title_field="headline",
                        date_field="published_at", url_field="link", source_field="outlet")
    (doc,) = read_document(path, settings)
    assert doc.doc_id == "a1"
    assert doc.text == "Protesters gathered outside the embassy."
    assert doc.title == "Protest"
    assert (doc.date, doc.date_source) == ("2026-03-05", "metadata")
    assert (doc.url, doc.source) == ("https://x.example/a1", "X Daily")


def test_published_is_not_tried_when_date_field_is_mapped(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "f.jsonl", [{"text": "Shelling resumed.", "published": "2026-03-05"}])
    (doc,) = read_document(path, Settings(date_field="when"))
    assert (doc.date, doc.date_source) == (None, "none")


def test_bad_jsonl_lines_each_give_one_error_with_line_and_the_rest_come_through(
    tmp_path: Path,
) -> None:
    path = _jsonl(tmp_path / "mixed.jsonl", [
        {"id": "ok1", "text": "A convoy reached the city."},
        '{"id": "broken", "text": "unterminated',  # line 2: malformed
        "",  # line 3: blank, skipped
        {"id": "no-text", "title": "Missing"},  # line 4
        {"id": "empty", "text": "   "},  # line 5
        {"id": "number", "text": 42},  # line 6
        [1, 2, 3],  # line 7: not an object
        {"id": "nulltext", "text": None},  # line 8
        {"id": "ok2", "text": "The siege ended."},  # line 9
    ])
    errors, docs = _split(list(read_inputs([path])))
    assert [(e.code, e.lineno) for e in errors] == [
        ("E006", 2), ("E007", 4), ("E007", 5), ("E012", 6), ("E013", 7), ("E007", 8)]
    for error in errors:
        assert error.line().startswith(f"{path}:{error.lineno}: ")
    assert "missing 'text' field" in errors[1].line()
    assert "'text' must be a string" in errors[3].line()
    assert [(d.doc_id, d.line) for d in docs] == [("ok1", 1), ("ok2", 9)]


def test_jsonl_with_bom_and_windows_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "Aid arrived."}\r\n{"text": "Roads reopened."}\r\n')
    assert [(d.doc_id, d.text) for d in read_document(path)] == [
        ("bom-1", "Aid arrived."), ("bom-2", "Roads reopened.")]


def test_json_array_items_know_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(
        '[\n  {"id": "x", "text": "Envoys met in Doha."},\n'
        '  {"title": "no text"},\n'
        '  {"text": "A truce held overnight."}\n]\n',
        encoding="utf-8",
    )
    errors, docs = _split(list(read_inputs([path])))
    assert [(e.code, e.lineno) for e in errors] == [("E007", 3)]
    assert [(d.doc_id, d.line) for d in docs] == [("x", 2), ("batch-3", 4)]


def test_compact_json_array_names_items_by_number(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps([{"text": "One."}, {"text": "Two."}]), encoding="utf-8")
    assert [d.doc_id for d in read_document(path)] == ["c-1", "c-2"]


def test_json_array_syntax_error_keeps_items_before_it(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[{"text": "Kept."},\n {"text": "Lost" ]', encoding="utf-8")
    errors, docs = _split(list(read_inputs([path])))
    assert [(e.code, e.lineno) for e in errors] == [("E006", 2)]
    assert [d.text for d in docs] == ["Kept."]


def test_json_file_with_one_pretty_object(tmp_path: Path) -> None:
    path = tmp_path / "single.json"
    path.write_text(json.dumps({"text": "The vote passed.", "date": "5 March 2026"}, indent=2),
                    encoding="utf-8")
    (doc,) = read_document(path)
    assert (doc.doc_id, doc.text, doc.date) == ("single", "The vote passed.", "2026-03-05")


def test_json_file_with_lines_is_read_as_json_lines(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "lines.json", [{"text": "First."}, {"text": "Second."}])
    assert [d.doc_id for d in read_document(path)] == ["lines-1", "lines-2"]


def test_documents_from_records_maps_like_jsonl() -> None:
    nan = float("nan")
    docs = documents_from_records(
        [
            {"body": "Sanctions were extended.", "date": dt.datetime(2026, 3, 5, 9, 30)},
            {"body": "Talks opened.", "date": nan, "source": nan},
        ],
        Settings(text_field="body", default_date="2026-01-02"),
    )
    assert [d.doc_id for d in docs] == ["record-1", "record-2"]
    assert (docs[0].date, docs[0].date_source) == ("2026-03-05", "metadata")
    assert (docs[1].date, docs[1].date_source, docs[1].source) == ("2026-01-02", "option", None)
    assert docs[0].path == "<memory>" and docs[0].line == 1


def test_documents_from_records_raises_on_bad_record() -> None:
    with pytest.raises(InputError) as info:
        documents_from_records([{"text": "Fine."}, {"text": float("nan")}], origin="frame")
    assert info.value.code == "E007"
    assert info.value.line() == "frame:2: missing 'text' field (map another field with --text-field) [E007]"
