"""Checks every input file gets: existence, suffix, size, emptiness, binary content, encoding.

Each bad file must give exactly one InputError naming it, while a good file in the same batch
still comes through as a Document.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from parley.errors import InputError
from parley.ingest import read_document, read_inputs
from parley.records import Document
from parley.settings import Settings

GOOD_TEXT = "Delegations from both capitals agreed to reopen the border crossing on Monday.\n"


def _batch(tmp_path: Path, bad: Path, settings: Settings | None = None) -> tuple[list, list]:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    items = list(read_inputs([bad, good], settings))
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if isinstance(i, Document)]
    return errors, docs


def _assert_one_error(tmp_path: Path, bad: Path, code: str, settings: Settings | None = None):
    errors, docs = _batch(tmp_path, bad, settings)
    assert [e.code for e in errors] == [code]
    assert str(bad) in errors[0].line()
    assert errors[0].line().endswith(f"[{code}]")
    assert [d.doc_id for d in docs] == ["good"]
    assert docs[0].text == GOOD_TEXT
    return errors[0]


def test_empty_file_gives_e002(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    _assert_one_error(tmp_path, bad, "E002")


def test_whitespace_only_file_gives_e002(tmp_path: Path) -> None:
    bad = tmp_path / "blank.jsonl"
    bad.write_bytes(b"\xef\xbb\xbf  \n\r\n\t\n")
    _assert_one_error(tmp_path, bad, "E002")


def test_nul_bytes_give_binary_error(tmp_path: Path) -> None:
    bad = tmp_path / "image.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    _assert_one_error(tmp_path, bad, "E003")


def test_mostly_control_bytes_give_binary_error(tmp_path: Path) -> None:
    bad = tmp_path / "blob.md"
    bad.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 0x0E, 0x10, 0x7F]) * 50 + b"some words")
    _assert_one_error(tmp_path, bad, "E003")


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    data = "Talks in Montréal".encode("latin-1")
    bad.write_bytes(data)
    error = _assert_one_error(tmp_path, bad, "E004")
    assert f"offset {data.index(0xE9)}" in error.line()


def test_utf16_file_is_told_to_save_as_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "wide.txt"
    bad.write_bytes("Ministers met.".encode("utf-16"))
    _assert_one_error(tmp_path, bad, "E016")


def test_utf8_bom_is_accepted_and_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfThe envoy arrived.\r\nTalks began.\r\n")
    (doc,) = read_document(path)
    assert doc.text == "The envoy arrived.\nTalks began.\n"


def test_missing_path_gives_e010(tmp_path: Path) -> None:
    _assert_one_error(tmp_path, tmp_path / "nowhere.txt", "E010")


def test_explicit_file_with_unknown_suffix_gives_e009(tmp_path: Path) -> None:
    bad = tmp_path / "report.pdf"
    bad.write_text("not really a pdf", encoding="utf-8")
    error = _assert_one_error(tmp_path, bad, "E009")
    assert "'.pdf'" in error.line()


def test_file_over_patched_limit_gives_e005(tmp_path: Path) -> None:
    bad = tmp_path / "big.txt"
    bad.write_text("word " * 300_000, encoding="utf-8")  # about 1.4 MB
    error = _assert_one_error(tmp_path, bad, "E005", Settings(max_mb=1))
    assert "1 MB limit" in error.line()


def test_default_limit_refuses_50_mb_file_without_reading_it(tmp_path: Path) -> None:
    assert Settings().max_mb == 20
    bad = tmp_path / "huge.jsonl"
    with open(bad, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    started = time.perf_counter()
    error = _assert_one_error(tmp_path, bad, "E005")
    assert time.perf_counter() - started < 2.0
    assert "20 MB limit" in error.line() and "50.0 MB" in error.line()


def test_default_limit_refuses_21_mb_file_whatever_its_content(tmp_path: Path) -> None:
    # 21 MB is over the default; the check must not depend on the content (all NUL here).
    bad = tmp_path / "over.txt"
    with open(bad, "wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    _assert_one_error(tmp_path, bad, "E005")


def test_read_document_raises_the_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "empty.md"
    bad.write_text("", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_document(bad)
    assert info.value.code == "E002"
    assert info.value.path == str(bad)
