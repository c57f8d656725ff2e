"""Folders: recursion, order, skipped files, duplicates."""

from __future__ import annotations

import json
from pathlib import Path

from parley.errors import InputError
from parley.ingest import read_document, read_inputs
from parley.records import Document

PAGE = (
    "<html><head><title>Harbour reopened</title></head><body><article>"
    "<p>The port authority reopened the harbour after a week of blockade by naval vessels.</p>"
    "</article></body></html>"
)


def _mixed_folder(root: Path) -> Path:
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    (root / "a.txt").write_text("Parliament approved the treaty.\n", encoding="utf-8")
    (root / "C.MD").write_text("The summit was postponed.\n", encoding="utf-8")
    (root / "b_sub" / "page.html").write_text(PAGE, encoding="utf-8")
    (root / "b_sub" / "deeper" / "feed.jsonl").write_text(
        json.dumps({"id": "f1", "text": "Militants seized a checkpoint."}) + "\n"
        + json.dumps({"id": "f2", "text": "The checkpoint was retaken."}) + "\n",
        encoding="utf-8",
    )
    (root / "b_sub" / "notes.pdf").write_bytes(b"%PDF-1.4 not read")
    (root / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (root / ".draft.txt").write_text("A hidden draft.", encoding="utf-8")
    (root / ".hidden_dir" / "x.txt").write_text("Hidden too.", encoding="utf-8")
    (root / "z_empty.text").write_text("", encoding="utf-8")
    return root


def test_folder_mixing_file_kinds_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = _mixed_folder(tmp_path / "in")
    items = list(read_inputs([root]))
    summary = [
        (i.doc_id, Path(i.path or "").relative_to(root).as_posix())
        if isinstance(i, Document) else (i.code, Path(i.path).relative_to(root).as_posix())
        for i in items
    ]
    assert summary == [
        ("a", "a.txt"),
        ("f1", "b_sub/deeper/feed.jsonl"),
        ("f2", "b_sub/deeper/feed.jsonl"),
        ("page", "b_sub/page.html"),
        ("E002", "z_empty.text"),
    ]
    page = next(i for i in items if isinstance(i, Document) and i.doc_id == "page")
    assert page.title == "Harbour reopened"
    assert "reopened the harbour" in page.text


def test_order_is_the_same_on_every_run(tmp_path: Path) -> None:
    root = _mixed_folder(tmp_path / "in")
    first = [getattr(i, "doc_id", None) for i in read_inputs([root])]
    second = [getattr(i, "doc_id", None) for i in read_inputs([str(root)])]
    assert first == second


def test_paths_are_taken_in_the_given_order_and_read_once(tmp_path: Path) -> None:
    root = _mixed_folder(tmp_path / "in")
    items = list(read_inputs([root / "a.txt", root, root / "a.txt"]))
    ids = [i.doc_id for i in items if isinstance(i, Document)]
    assert ids == ["a", "f1", "f2", "page"]


def test_markdown_is_skipped_in_folders_but_read_when_named(tmp_path: Path) -> None:
    root = _mixed_folder(tmp_path / "in")
    in_folder = [i.doc_id for i in read_inputs([root]) if isinstance(i, Document)]
    assert "C" not in in_folder
    named = [i.doc_id for i in read_inputs([root / "C.MD"]) if isinstance(i, Document)]
    assert named == ["C"]


def test_folder_without_readable_files_gives_e018(tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "scan.pdf").write_bytes(b"%PDF")
    good = tmp_path / "ok.txt"
    good.write_text("Shelling continued overnight.", encoding="utf-8")
    items = list(read_inputs([empty, good]))
    assert isinstance(items[0], InputError) and items[0].code == "E018"
    assert items[0].line().startswith(str(empty))
    assert isinstance(items[1], Document) and items[1].doc_id == "ok"


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / ".notes.txt"
    path.write_text("Observers reported calm.", encoding="utf-8")
    (doc,) = read_document(path)
    assert doc.text == "Observers reported calm."


def test_single_path_string_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Observers reported calm.", encoding="utf-8")
    assert [getattr(d, "doc_id", None) for d in read_inputs(str(path))] == ["one"]


def test_empty_path_string_is_not_the_current_folder() -> None:
    items = list(read_inputs([""]))
    assert [getattr(i, "code", None) for i in items] == ["E010"]
