"""Read input files and folders into :class:`Document` objects.

:func:`read_inputs` is the batch entry point: it yields Documents and, as values, the
InputErrors of bad files or lines, so that one bad input never stops a batch. Every file goes
through the same checks first (exists, size, empty, binary, UTF-8), then a reader chosen by its
suffix: plain text, HTML, JSON Lines or JSON.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError, input_error
from ..records import Document
from ..settings import Settings
from .dates import parse_iso_date
from .html import document_from_html
from .jsonl import iter_json_file, iter_json_lines
from .text import BOM, document_from_plain, normalise_text

# Suffix (lower case) -> reader. Files with other suffixes inside a folder are skipped.
SUFFIX_KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}

# Markdown is read when named explicitly, but skipped inside folders: a folder's README.md is
# documentation about the corpus, not an article of it.
FOLDER_SKIP_SUFFIXES = frozenset({".md"})

MB = 1024 * 1024  # --max-mb counts binary megabytes
_SNIFF_BYTES = 8192
# Share of control bytes in the first 8 KB above which a file without NUL bytes is still binary.
_MAX_CONTROL_SHARE = 0.30
# Control bytes that do not occur in text (tab, newlines, form feed and escape are allowed).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_inputs(
    paths: Iterable[str | Path] | str | Path, settings: Settings | None = None
) -> Iterator[Document | InputError]:
    """Yield a Document or an InputError for every input, in a deterministic order.

    Paths are taken in the order given; a folder is read recursively in sorted path order,
    skipping hidden entries and files with unsupported suffixes. A file reached twice (named
    twice, or named and inside a named folder) is read once. ``settings.default_date`` is
    checked here, before anything is read: a malformed one raises InputError E011 at once.
    """
    settings = settings or Settings()
    default_date = parse_iso_date(settings.default_date) if settings.default_date else None
    if isinstance(paths, str | Path):
        paths = [paths]
    return _iter_inputs(list(paths), settings, default_date)


def read_document(path: str | Path, settings: Settings | None = None) -> list[Document]:
    """Read one file (or folder) strictly: return its Documents or raise its first InputError.

    A JSON Lines file gives one Document per line. Use :func:`read_inputs` to keep the good
    records of a file that also has bad ones.
    """
    documents = []
    for item in read_inputs([path], settings):
        if isinstance(item, InputError):
            raise item
        documents.append(item)
    return documents


def _iter_inputs(
    paths: list[str | Path], settings: Settings, default_date: str | None
) -> Iterator[Document | InputError]:
    seen: set[str] = set()
    for given in paths:
        for target in _expand(given):
            if isinstance(target, InputError):
                yield target
                continue
            key = os.path.realpath(target)
            if key in seen:
                continue
            seen.add(key)
            yield from _iter_file(target, settings, default_date)


def _expand(given: str | Path) -> Iterator[Path | InputError]:
    """The files a command-line path stands for, or the error that it names nothing readable."""
    name = str(given)
    if not name or not os.path.exists(name):  # "" would otherwise mean the current folder
        yield input_error(name, "E010")
        return
    path = Path(given)
    if path.is_dir():
        found = False
        for file in _walk(path):
            found = True
            yield file
        if not found:
            yield input_error(name, "E018")
        return
    suffix = path.suffix.lower()
    if suffix not in SUFFIX_KINDS:
        yield input_error(name, "E009", suffix=suffix or path.name)
        return
    yield path


def _walk(root: Path) -> list[Path]:
    """Supported, non-hidden files under ``root``, sorted by their path parts.

    Sorting the whole list (rather than trusting the file system's listing order) gives the
    same order on every machine: ``a.txt`` < ``b/x.txt`` < ``c.txt``.
    """
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]  # prune hidden folders
        for filename in filenames:
            suffix = Path(filename).suffix.lower()
            if filename.startswith(".") or suffix not in SUFFIX_KINDS or suffix in FOLDER_SKIP_SUFFIXES:
                continue
            file = Path(folder) / filename
            if file.is_file():
                found.append(file)
    return sorted(found, key=lambda file: file.relative_to(root).parts)


def _iter_file(
    path: Path, settings: Settings, default_date: str | None
) -> Iterator[Document | InputError]:
    name = str(path)
    try:
        text = read_text_file(path, settings.max_mb)
    except InputError as error:
        yield error
        return
    kind = SUFFIX_KINDS[path.suffix.lower()]
    stem = path.stem
    if kind in ("jsonl", "json"):
        # The BOM must go before parsing (json.loads refuses it); the text readers do their own.
        text = normalise_text(text)
        json_reader = iter_json_lines if kind == "jsonl" else iter_json_file
        yield from json_reader(text, settings, name, stem, default_date)
    else:
        reader = document_from_html if kind == "html" else document_from_plain
        try:
            yield reader(text, stem, name, default_date)
        except InputError as error:
            yield error


def read_text_file(path: str | Path, max_mb: float) -> str:
    """Read a file as UTF-8 text after the checks every input gets.

    Raises InputError: E010 missing, E005 too large (judged from its size before reading),
    E002 empty or only whitespace, E016 UTF-16, E003 binary, E004 not UTF-8 (with the offset
    of the first bad byte in the file), E017 unreadable. A UTF-8 byte-order mark is accepted and
    kept here; :func:`normalise_text` removes it.
    """
    name = str(path)
    limit = int(max_mb * MB)
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise input_error(name, "E005", limit_mb=f"{max_mb:g}", size_mb=size / MB)
        if size == 0:
            raise input_error(name, "E002")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since os.stat
    except FileNotFoundError:
        raise input_error(name, "E010") from None
    except IsADirectoryError:
        raise input_error(name, "E017", detail="it is a folder") from None
    except OSError as exc:
        raise input_error(name, "E017", detail=exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise input_error(name, "E005", limit_mb=f"{max_mb:g}", size_mb=len(data) / MB)

    if data.startswith(_UTF16_BOMS):
        raise input_error(name, "E016")
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise input_error(name, "E003")
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(head):
        raise input_error(name, "E003")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise input_error(name, "E004", offset=exc.start) from None
    if not text.lstrip(BOM).strip():
        raise input_error(name, "E002")
    return text
