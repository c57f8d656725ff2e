"""Plain text files and in-memory text."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.errors import InputError
from parley.ingest import document_from_text, read_document, read_inputs, split_header
from parley.settings import Settings


def test_plain_text_keeps_text_exactly_and_names_doc_by_stem(tmp_path: Path) -> None:
    body = "  Rebels shelled the outskirts of the town.\n\n\tAid workers left.  \n"
    path = tmp_path / "dispatch.2026.txt"
    path.write_text(body, encoding="utf-8")
    (doc,) = read_document(path)
    assert doc.doc_id == "dispatch.2026"
    assert doc.text == body
    assert doc.title is None
    assert doc.path == str(path)
    assert doc.line is None
    assert (doc.date, doc.date_source) == (None, "none")


def test_windows_line_ends_become_newlines_only(tmp_path: Path) -> None:
    path = tmp_path / "crlf.md"
    path.write_bytes(b"# Briefing\r\n\r\nThe council met.\rLate.\r\n")
    (doc,) = read_document(path)
    assert doc.text == "# Briefing\n\nThe council met.\rLate.\n"


def test_header_block_becomes_metadata_and_leaves_the_text(tmp_path: Path) -> None:
    path = tmp_path / "with_header.txt"
    path.write_text(
        "Title: Border talks resume\n"
        "date: 5 March 2026\n"
        "Source: The Example Courier\n"
        "URL: https://courier.example.net/talks\n"
        "\n"
        "\n"
        "Negotiators returned to the table in Vienna.\n",
        encoding="utf-8",
    )
    (doc,) = read_document(path)
    assert doc.title == "Border talks resume"
    assert doc.source == "The Example Courier"
    assert doc.url == "https://courier.example.net/talks"
    assert (doc.date, doc.date_source) == ("2026-03-05", "metadata")
    assert doc.text == "Negotiators returned to the table in Vienna.\n"


def test_header_date_beats_the_date_option(tmp_path: Path) -> None:
    path = tmp_path / "h.txt"
    path.write_text("Date: 2026-03-05\n\nTroops withdrew.\n", encoding="utf-8")
    (doc,) = read_document(path, Settings(default_date="2026-01-01"))
    assert (doc.date, doc.date_source) == ("2026-03-05", "metadata")


@pytest.mark.parametrize(
    "text",
    [
        "Date: 2026-03-05\nThe talks went on all night.\n\nMore.\n",  # no blank line after
        "Title: A\nByline: someone\n\nBody text here.\n",  # unknown key inside the block
        "The minister said:\n\nTitle: not a header\n",  # not at the top
        "Date: 2026-03-05",  # no line end at all
    ],
)
def test_text_that_is_not_a_header_block_is_left_alone(text: str) -> None:
    header, body = split_header(text)
    assert header is None
    assert body == text


def test_header_only_file_gives_one_error_and_batch_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "only_header.txt"
    bad.write_text("Title: Nothing here\nDate: 2026-03-05\n\n \n", encoding="utf-8")
    good = tmp_path / "ok.txt"
    good.write_text("A ceasefire was announced.\n", encoding="utf-8")
    items = list(read_inputs([bad, good]))
    assert [getattr(i, "code", "doc") for i in items] == ["E014", "doc"]
    assert str(bad) in items[0].line()


def test_document_from_text_normalises_and_dates() -> None:
    doc = document_from_text("\ufeffPeace deal signed.\r\n", doc_id="note", date="March 5, 2026",
                             title="Deal")
    assert doc.text == "Peace deal signed.\n"
    assert (doc.doc_id, doc.title) == ("note", "Deal")
    assert (doc.date, doc.date_source) == ("2026-03-05", "metadata")
    assert doc.path is None


def test_document_from_text_defaults() -> None:
    doc = document_from_text("Envoys met.")
    assert (doc.doc_id, doc.date, doc.date_source) == ("text", None, "none")


def test_document_from_text_refuses_empty_text_and_bad_date() -> None:
    with pytest.raises(InputError) as info:
        document_from_text("   \n")
    assert info.value.code == "E002"
    with pytest.raises(InputError) as info:
        document_from_text("Envoys met.", date="someday")
    assert info.value.code == "E011"
