"""The jobs behind the CLI, as plain functions a notebook user can call.

Each job reads inputs with :func:`parley.ingest.read_inputs`, keeps going past bad files, and
returns a report listing what failed, so that the caller (the CLI) can print one line per error and
exit non-zero.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, ParleyError
from .ingest import read_inputs
from .pipeline import Pipeline
from .records import Document, DocumentResult
from .settings import Settings


@dataclass
class JobReport:
    """What a job did: counts, and one line per input that could not be processed."""

    documents: int = 0
    skipped: int = 0  # already stored, not analysed again
    events: int = 0
    sentences: int = 0
    positions: int = 0
    new_rows: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "skipped": self.skipped,
            "events": self.events,
            "sentences": self.sentences,
            "positions": self.positions,
            "new_rows": self.new_rows,
            "errors": self.errors,
        }


def _progress(items: Iterable[Any], settings: Settings, desc: str) -> Iterable[Any]:
    show = settings.progress if settings.progress is not None else sys.stderr.isatty()
    if not show:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="doc", file=sys.stderr)


def _documents(inputs: Iterable[str | Path], settings: Settings, report: JobReport) -> Iterator[Document]:
    for item in read_inputs(inputs, settings):
        if isinstance(item, InputError):
            report.errors.append(item.line())
        else:
            yield item


def extract_results(
    inputs: Iterable[str | Path],
    settings: Settings | None = None,
    *,
    pipeline: Pipeline | None = None,
    report: JobReport | None = None,
) -> Iterator[DocumentResult]:
    """Analyse input files and yield one :class:`DocumentResult` per readable document.

    Bad inputs are recorded in ``report.errors`` (pass a :class:`JobReport` to see them).
    """
    settings = settings or Settings()
    report = report if report is not None else JobReport()
    pipeline = pipeline or Pipeline(settings)
    docs = _progress(_documents(inputs, settings, report), settings, "extract")
    for result in pipeline.run(docs):
        report.documents += 1
        report.sentences += len(result.sentences)
        report.events += len(result.events)
        report.positions += len(result.positions)
        yield result


def result_records(result: DocumentResult) -> list[dict[str, Any]]:
    """The output-contract records of one document: its events, then its positions."""
    return result.records() + [p.to_dict() for p in result.positions]


def extract(inputs: Iterable[str | Path], settings: Settings | None = None, *,
            positions: bool = False) -> list[dict[str, Any]]:
    """Event records (output-contract dicts) for every document of ``inputs``; with
    ``positions=True`` each document's position records follow its events, as in ``parley extract``
    (off by default so that code expecting event records only keeps working)."""
    results = extract_results(inputs, settings)
    if positions:
        return [record for result in results for record in result_records(result)]
    return [record for result in results for record in result.records()]


def extract_text(text: str, *, date: str | None = None, doc_id: str = "text",
                 settings: Settings | None = None, pipeline: Pipeline | None = None) -> DocumentResult:
    """Analyse one string (for notebooks and tests)."""
    from .ingest import document_from_text

    document = document_from_text(text, doc_id=doc_id, date=date)
    return (pipeline or Pipeline(settings)).run_one(document)


def ingest(
    inputs: Iterable[str | Path],
    db: str | Path = "parley.db",
    settings: Settings | None = None,
    *,
    pipeline: Pipeline | None = None,
) -> JobReport:
    """Analyse inputs and store documents, sentences, actors and events in ``db``.

    Documents already stored (same id and text) are skipped before any analysis, so a re-run after
    an interruption only does the remaining work; each document is stored in one transaction.
    """
    from .store import open_store

    settings = settings or Settings()
    report = JobReport()
    with open_store(db) as store:
        def fresh() -> Iterator[Document]:
            for doc in _documents(inputs, settings, report):
                if store.has_document(doc.doc_id, doc.content_hash):
                    report.skipped += 1
                    continue
                yield doc

        pipeline = pipeline or Pipeline(settings)
        for result in pipeline.run(_progress(fresh(), settings, "ingest")):
            stats = store.add_result(result)
            report.documents += 1
            report.sentences += len(result.sentences)
            report.events += len(result.events)
            report.positions += len(result.positions)
            for table, count in stats.to_dict().items():
                if isinstance(count, int) and not isinstance(count, bool):
                    report.new_rows[table] = report.new_rows.get(table, 0) + count
    return report


def query_events(db: str | Path = "parley.db", **filters: Any) -> list[dict[str, Any]]:
    """Stored event records matching ``filters`` (see :meth:`parley.store.Store.query_events`)."""
    from .store import open_store

    path = Path(db)
    if not path.exists():
        raise ParleyError(f"{db}: database not found (create it with: parley ingest INPUT --db {db})", "E033")
    with open_store(path) as store:
        return store.query_events(**filters)


def query_positions(db: str | Path = "parley.db", **filters: Any) -> list[dict[str, Any]]:
    """Stored position records matching ``filters`` (see :meth:`parley.store.Store.query_positions`)."""
    from .store import open_store

    path = Path(db)
    if not path.exists():
        raise ParleyError(f"{db}: database not found (create it with: parley ingest INPUT --db {db})", "E033")
    with open_store(path) as store:
        return store.query_positions(**filters)


def position_history(db: str | Path = "parley.db", *, actor: str | None = None,
                     issue: str | None = None) -> list[dict[str, Any]]:
    """Stored positions per actor and issue over time, hardening and softening flagged
    (see :func:`parley.positions.history.history`)."""
    from .positions.history import history

    return history(query_positions(db, actor=actor, issue=issue))


def standoff(inputs: Iterable[str | Path] = (), *, db: str | Path | None = None, issue: str | None = None,
             settings: Settings | None = None, report: JobReport | None = None,
             doc_ids: Iterable[str] = ()) -> dict[str, Any]:
    """Status of each issue (deadlock, overlap, one-sided, unclear) from the positions found in
    ``inputs`` or stored in ``db`` (see :mod:`parley.positions.standoff`), optionally only those
    of the documents ``doc_ids`` (one negotiation at a time)."""
    from .positions.standoff import standoff as build

    if db is not None:
        positions = query_positions(db)
    else:
        positions = [p.to_dict() for r in extract_results(inputs, settings, report=report) for p in r.positions]
    wanted = set(doc_ids)
    if wanted:
        positions = [p for p in positions if p["doc_id"] in wanted]
    return build(positions, issue=issue)
