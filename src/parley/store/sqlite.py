"""SQLite backend of :class:`~parley.store.base.Store`.

Decisions:

* autocommit connection (``isolation_level=None``) with explicit ``BEGIN IMMEDIATE``/``COMMIT``, so
  a transaction spans exactly one document (or one migration) and nothing else;
* WAL journal with ``synchronous=NORMAL``: a commit survives the process being killed, and readers
  do not block the writer during a long ingest;
* foreign keys on, so an event can never point at a missing sentence or actor;
* case-insensitive matching is done by small Python functions registered on the connection, because
  SQLite's own ``lower()``/``LIKE`` fold ASCII letters only.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import Messages, StoreError
from ..records import (
    Actor,
    DocumentResult,
    EventRecord,
    Location,
    PositionRecord,
    ScalePlacement,
    content_id,
)
from .base import (
    AddStats,
    Store,
    actor_key,
    actor_matches,
    check_date_filter,
    check_limit,
    contains_casefold,
    document_key,
    event_key,
    sentence_key,
)

_MIGRATION_NAME = re.compile(r"^(\d+)_[\w-]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """The numbered ``.sql`` files shipped in ``parley/store/migrations``, in version order."""
    found: dict[int, Migration] = {}
    folder = resources.files("parley.store").joinpath("migrations")
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if not match:
            continue
        version = int(match.group(1))
        if version in found:  # a packaging mistake, not a user error
            raise RuntimeError(f"two migrations share version {version}")
        found[version] = Migration(version, entry.name, entry.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def split_statements(script: str) -> list[str]:
    """Cut an SQL script into single statements.

    ``executescript`` would commit any open transaction first, so a migration is run statement
    by statement inside our own transaction instead.
    """
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    rest = "\n".join(
        ln for ln in buffer.splitlines() if ln.strip() and not ln.strip().startswith("--")
    )
    if rest.strip():
        statements.append(rest.strip())
    return statements


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_EVENT_COLUMNS = """
    e.record, d.doc_id, s.idx, s.text, e.span_start, e.span_end, e.event_type, e.mode,
    e.context, e.cameo, e.quad_class, e.goldstein,
    sa.text, sa.name, sa.country, sa.sector, sa.entry_id,
    ta.text, ta.name, ta.country, ta.sector, ta.entry_id,
    e.date, e.date_text, e.location_name, e.location_country, e.location_lat, e.location_lon,
    e.factuality,
    aa.text, aa.name, aa.country, aa.sector, aa.entry_id,
    e.confidence, e.trigger_text
"""

_EVENT_FROM = """
    FROM events e
    JOIN documents d ON d.id = e.document_id
    JOIN sentences s ON s.id = e.sentence_id
    LEFT JOIN actors sa ON sa.id = e.source_actor_id
    LEFT JOIN actors ta ON ta.id = e.target_actor_id
    LEFT JOIN actors aa ON aa.id = e.attribution_actor_id
"""

_EVENT_ORDER = """
    ORDER BY d.date IS NULL, d.date, d.doc_id, d.id, s.idx, e.span_start, e.span_end, e.id
"""


def _actor_from(values: Sequence[Any]) -> Actor | None:
    text, name, country, sector, entry_id = values
    if text is None:
        return None
    return Actor(text=text, name=name, country=country, sector=sector, id=entry_id)


def _event_from_row(row: Sequence[Any]) -> EventRecord:
    location = None
    if row[24] is not None:
        location = Location(name=row[24], country=row[25], lat=row[26], lon=row[27])
    return EventRecord(
        record=row[0],
        doc_id=row[1],
        sentence_index=row[2],
        sentence=row[3],
        span=(row[4], row[5]),
        event_type=row[6],
        mode=row[7],
        context=row[8],
        cameo=row[9],
        quad_class=row[10],
        goldstein=row[11],
        source=_actor_from(row[12:17]),
        target=_actor_from(row[17:22]),
        date=row[22],
        date_text=row[23],
        location=location,
        factuality=row[28],
        attribution=_actor_from(row[29:34]),
        confidence=row[34],
        trigger=row[35],
    )


def _opt(kind: Any, value: Any) -> Any:
    """Plain int/float for SQLite, which cannot bind numpy scalars; None stays None."""
    return None if value is None else kind(value)


def _actor_params(actor: Actor | None) -> str | None:
    return actor_key(actor) if actor is not None else None


class SQLiteStore(Store):
    """A parley database in one SQLite file (or ``":memory:"``)."""

    def __init__(self, path: str | Path, *, migrations: Sequence[Migration] | None = None) -> None:
        self.path = str(path)
        self._migrations = list(migrations) if migrations is not None else load_migrations()
        self._conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        self._conn = conn
        try:
            with self._sqlite_errors():
                conn.execute("PRAGMA journal_mode=WAL").fetchone()
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.create_function("parley_actor_match", 6, actor_matches, deterministic=True)
                conn.create_function("parley_contains", 2, contains_casefold, deterministic=True)
            self._migrate()
        except BaseException:
            conn.close()
            self._conn = None
            raise

    # --- plumbing -----------------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection (for backend-specific tooling and tests)."""
        if self._conn is None:
            raise StoreError(Messages.E033.format(path=self.path, detail="store is closed"), "E033")
        return self._conn

    def _error(self, exc: BaseException) -> StoreError:
        return StoreError(Messages.E033.format(path=self.path, detail=exc), "E033")

    @contextmanager
    def _sqlite_errors(self) -> Iterator[None]:
        """Turn database failures (locked, corrupt, read-only, not a database) into StoreError."""
        try:
            yield
        except sqlite3.ProgrammingError:
            raise
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any exception.

        ``BEGIN IMMEDIATE`` takes the write lock up front so two writers queue instead of failing
        half-way with "database is locked".
        """
        conn = self.connection
        with self._sqlite_errors():
            conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        with self._sqlite_errors():
            conn.execute("COMMIT")

    def _migrate(self) -> None:
        conn = self.connection
        supported = max((m.version for m in self._migrations), default=0)
        with self._sqlite_errors():
            tables = {
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            }
            if "schema_migrations" not in tables:
                if tables:
                    raise StoreError(Messages.E034.format(path=self.path), "E034")
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
        found = self.schema_version()
        if found > supported:
            raise StoreError(Messages.E030.format(found=found, supported=supported), "E030")
        for migration in self._migrations:
            if migration.version <= found:
                continue
            try:
                with self._transaction() as tx:
                    # Re-check under the write lock: another process may have just migrated.
                    done = tx.execute(
                        "SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)
                    ).fetchone()
                    if done:
                        continue
                    for statement in split_statements(migration.sql):
                        tx.execute(statement)
                    tx.execute(
                        "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                        (migration.version, _now()),
                    )
            except sqlite3.Error as exc:
                raise StoreError(
                    Messages.E039.format(version=migration.name, detail=exc), "E039"
                ) from exc

    # --- writing ------------------------------------------------------------------------------

    def add_result(self, result: DocumentResult, *, replace: bool = False) -> AddStats:
        doc = result.document
        dkey = document_key(doc.doc_id, doc.text)
        for event in result.events:
            if event.doc_id != doc.doc_id:
                raise StoreError(
                    Messages.E037.format(event=event.doc_id, document=doc.doc_id), "E037"
                )

        # Sentence rows: those the pipeline kept, plus any an event quotes but the list lacks,
        # so that every event has the exact sentence text it was coded from.
        sentences: dict[str, tuple[Any, ...]] = {}
        for sent in result.sentences:
            key = sentence_key(dkey, sent.index, sent.text)
            sentences.setdefault(key, (key, dkey, sent.index, sent.text, sent.start, sent.end))
        for event in result.events:
            key = sentence_key(dkey, event.sentence_index, event.sentence)
            sentences.setdefault(key, (key, dkey, event.sentence_index, event.sentence, None, None))
        for position in result.positions:
            if position.doc_id != doc.doc_id:
                raise StoreError(
                    Messages.E037.format(event=position.doc_id, document=doc.doc_id), "E037"
                )
            key = sentence_key(dkey, position.sentence_index, position.sentence)
            sentences.setdefault(
                key, (key, dkey, position.sentence_index, position.sentence, None, None)
            )

        actors: dict[str, Actor] = {}
        for actor in result.actors:
            actors.setdefault(actor_key(actor), actor)
        for event in result.events:
            for party in (event.source, event.target, event.attribution):
                if party is not None:
                    actors.setdefault(actor_key(party), party)
        for position in result.positions:
            for party in (position.actor, position.target, position.attribution):
                if party is not None:
                    actors.setdefault(actor_key(party), party)

        stats = AddStats()
        with self._sqlite_errors(), self._transaction() as tx:
            present = tx.execute("SELECT 1 FROM documents WHERE id = ?", (dkey,)).fetchone()
            if present:
                stats.already_present = True
                if not replace:
                    return stats
                # Cascades to sentences, events and document_actors; then drop actors that no
                # document names any more. Every actor an event uses is also in document_actors.
                tx.execute("DELETE FROM documents WHERE id = ?", (dkey,))
                tx.execute(
                    "DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM document_actors)"
                )

            before = tx.total_changes
            tx.execute(
                "INSERT OR IGNORE INTO documents (id, doc_id, title, date, date_source, url,"
                " source, path, line, text, text_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    dkey, doc.doc_id, doc.title, doc.date, doc.date_source, doc.url,
                    doc.source, doc.path, doc.line, doc.text, doc.content_hash,
                ),
            )  # fmt: skip
            stats.documents = tx.total_changes - before

            before = tx.total_changes
            tx.executemany(
                "INSERT OR IGNORE INTO sentences (id, document_id, idx, text, start_char, end_char)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                list(sentences.values()),
            )
            stats.sentences = tx.total_changes - before

            before = tx.total_changes
            tx.executemany(
                "INSERT OR IGNORE INTO actors (id, text, name, country, sector, entry_id)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(k, a.text, a.name, a.country, a.sector, a.id) for k, a in actors.items()],
            )
            stats.actors = tx.total_changes - before

            tx.executemany(
                "INSERT OR IGNORE INTO document_actors (document_id, actor_id) VALUES (?, ?)",
                [(dkey, k) for k in actors],
            )

            before = tx.total_changes
            tx.executemany(
                "INSERT OR IGNORE INTO events (id, document_id, sentence_id, record, span_start,"
                " span_end, event_type, mode, context, cameo, quad_class, goldstein,"
                " source_actor_id, target_actor_id, date, date_text, location_name,"
                " location_country, location_lat, location_lon, factuality,"
                " attribution_actor_id, confidence, trigger_text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [self._event_row(e, dkey) for e in result.events],
            )
            stats.events = tx.total_changes - before

            before = tx.total_changes
            tx.executemany(
                "INSERT OR IGNORE INTO positions (id, document_id, sentence_id, span_start,"
                " span_end, actor_id, issue, stance, non_negotiable, object, target_actor_id,"
                " date, factuality, attribution_actor_id, confidence, scale_value,"
                " scale_evidence, scale_confidence, cue_text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [self._position_row(p, dkey) for p in result.positions],
            )
            stats.positions = tx.total_changes - before
        return stats

    @staticmethod
    def _position_row(position: PositionRecord, dkey: str) -> tuple[Any, ...]:
        scale = position.scale
        return (
            content_id(position.position_id, dkey),
            dkey,
            sentence_key(dkey, position.sentence_index, position.sentence),
            int(position.span[0]),
            int(position.span[1]),
            actor_key(position.actor),
            position.issue,
            position.stance,
            1 if position.non_negotiable else 0,
            position.object,
            _actor_params(position.target),
            position.date,
            position.factuality,
            _actor_params(position.attribution),
            float(position.confidence),
            _opt(float, scale.value) if scale else None,
            scale.evidence if scale else None,
            _opt(float, scale.confidence) if scale else None,
            position.cue,
        )

    def query_positions(
        self,
        *,
        actor: str | None = None,
        issue: str | None = None,
        stance: str | None = None,
        since: str | None = None,
        until: str | None = None,
        doc_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Stored positions as output-contract dicts (``PositionRecord.to_dict()``), ordered by
        date, document, sentence and span. ``actor`` matches the position holder like the
        ``actor`` filter of :meth:`query_events`; ``issue`` and ``stance`` are exact (any case)."""
        since = check_date_filter(since)
        until = check_date_filter(until)
        where: list[str] = []
        params: dict[str, Any] = {}
        if actor is not None and actor.strip():
            where.append(
                "parley_actor_match(pa.text, pa.name, pa.country, pa.sector, pa.entry_id, :actor)"
            )
            params["actor"] = actor.strip()
        if issue is not None and issue.strip():
            where.append("lower(p.issue) = :issue")
            params["issue"] = issue.strip().lower()
        if stance is not None and stance.strip():
            where.append("lower(p.stance) = :stance")
            params["stance"] = stance.strip().lower()
        _date_bounds("coalesce(p.date, d.date)", since, until, where, params)
        if doc_id is not None:
            where.append("d.doc_id = :doc_id")
            params["doc_id"] = doc_id
        sql = (
            "SELECT d.doc_id, s.idx, s.text, p.span_start, p.span_end,"
            " pa.text, pa.name, pa.country, pa.sector, pa.entry_id, p.issue, p.stance,"
            " p.non_negotiable, p.object, ta.text, ta.name, ta.country, ta.sector, ta.entry_id,"
            " p.date, p.factuality, aa.text, aa.name, aa.country, aa.sector, aa.entry_id,"
            " p.confidence, p.scale_value, p.scale_evidence, p.scale_confidence, p.cue_text"
            " FROM positions p JOIN documents d ON d.id = p.document_id"
            " JOIN sentences s ON s.id = p.sentence_id"
            " JOIN actors pa ON pa.id = p.actor_id"
            " LEFT JOIN actors ta ON ta.id = p.target_actor_id"
            " LEFT JOIN actors aa ON aa.id = p.attribution_actor_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY coalesce(p.date, d.date) IS NULL, coalesce(p.date, d.date), d.doc_id,"
        sql += " s.idx, p.span_start, p.issue, p.id"
        with self._sqlite_errors():
            rows = self.connection.execute(sql, params).fetchall()
        out = []
        for row in rows:
            actor_obj = _actor_from(row[5:10])
            assert actor_obj is not None  # positions.actor_id is NOT NULL
            record = PositionRecord(
                doc_id=row[0], sentence_index=row[1], sentence=row[2], span=(row[3], row[4]),
                actor=actor_obj, issue=row[10], stance=row[11], non_negotiable=bool(row[12]),
                object=row[13], target=_actor_from(row[14:19]), date=row[19], factuality=row[20],
                attribution=_actor_from(row[21:26]), confidence=row[26],
                scale=ScalePlacement(row[27], row[28], row[29]) if row[27] is not None else None,
                cue=row[30],
            )  # fmt: skip
            out.append(record.to_dict())
        return out

    @staticmethod
    def _event_row(event: EventRecord, dkey: str) -> tuple[Any, ...]:
        loc = event.location
        return (
            event_key(event, dkey),
            dkey,
            sentence_key(dkey, event.sentence_index, event.sentence),
            event.record,
            int(event.span[0]),
            int(event.span[1]),
            event.event_type,
            event.mode,
            event.context,
            event.cameo,
            _opt(int, event.quad_class),
            _opt(float, event.goldstein),
            _actor_params(event.source),
            _actor_params(event.target),
            event.date,
            event.date_text,
            loc.name if loc else None,
            loc.country if loc else None,
            _opt(float, loc.lat) if loc else None,
            _opt(float, loc.lon) if loc else None,
            event.factuality,
            _actor_params(event.attribution),
            float(event.confidence),
            event.trigger,
        )

    # --- reading ------------------------------------------------------------------------------

    def has_document(self, doc_id: str, text_hash: str) -> bool:
        with self._sqlite_errors():
            row = self.connection.execute(
                "SELECT 1 FROM documents WHERE doc_id = ? AND text_hash = ? LIMIT 1",
                (doc_id, text_hash),
            ).fetchone()
        return row is not None

    def query_event_records(
        self,
        *,
        actor: str | None = None,
        country: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        doc_id: str | None = None,
        factuality: str | None = None,
        limit: int | None = None,
    ) -> list[EventRecord]:
        """Like :meth:`query_events` but gives :class:`EventRecord` objects (trigger included)."""
        since = check_date_filter(since)
        until = check_date_filter(until)
        limit = check_limit(limit)
        where: list[str] = []
        params: dict[str, Any] = {}
        if actor is not None and actor.strip():
            where.append(
                "(parley_actor_match(sa.text, sa.name, sa.country, sa.sector, sa.entry_id, :actor)"
                " OR parley_actor_match(ta.text, ta.name, ta.country, ta.sector, ta.entry_id,"
                " :actor))"
            )
            params["actor"] = actor.strip()
        if country is not None and country.strip():
            where.append("(upper(sa.country) = :country OR upper(ta.country) = :country)")
            params["country"] = country.strip().upper()
        if type is not None and type.strip():
            where.append("upper(e.event_type) = :type")
            params["type"] = type.strip().upper()
        _date_bounds("coalesce(e.date, d.date)", since, until, where, params)
        if text is not None and text != "":
            where.append("parley_contains(s.text, :text)")
            params["text"] = text
        if doc_id is not None:
            where.append("d.doc_id = :doc_id")
            params["doc_id"] = doc_id
        if factuality is not None and factuality.strip():
            where.append("lower(e.factuality) = :factuality")
            params["factuality"] = factuality.strip().lower()
        sql = "SELECT " + _EVENT_COLUMNS + _EVENT_FROM
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += _EVENT_ORDER
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = limit
        with self._sqlite_errors():
            rows = self.connection.execute(sql, params).fetchall()
        return [_event_from_row(row) for row in rows]

    def query_events(
        self,
        *,
        actor: str | None = None,
        country: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        doc_id: str | None = None,
        factuality: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        records = self.query_event_records(
            actor=actor,
            country=country,
            type=type,
            since=since,
            until=until,
            text=text,
            doc_id=doc_id,
            factuality=factuality,
            limit=limit,
        )
        return [r.to_dict() for r in records]

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        with self._sqlite_errors():
            for table in ("documents", "sentences", "actors", "events"):
                # Table names come from the fixed tuple above, never from input.
                row = self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()
                result[table] = int(row[0])
        return result

    def documents(self, *, with_text: bool = False) -> list[dict[str, Any]]:
        columns = ["id", "doc_id", "title", "date", "date_source", "url", "source", "path", "line",
                   "text_hash"]  # fmt: skip
        if with_text:
            columns.append("text")
        sql = (
            "SELECT " + ", ".join(f"d.{c}" for c in columns) + ","
            " (SELECT count(*) FROM sentences s WHERE s.document_id = d.id),"
            " (SELECT count(*) FROM events e WHERE e.document_id = d.id)"
            " FROM documents d ORDER BY d.date IS NULL, d.date, d.doc_id, d.id"
        )
        with self._sqlite_errors():
            rows = self.connection.execute(sql).fetchall()
        out = []
        for row in rows:
            item = dict(zip(columns, row, strict=False))
            item["sentences"] = row[len(columns)]
            item["events"] = row[len(columns) + 1]
            out.append(item)
        return out

    def schema_version(self) -> int:
        with self._sqlite_errors():
            row = self.connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _date_bounds(column: str, since: str | None, until: str | None, where: list[str],
                 params: dict[str, Any]) -> None:
    """Add inclusive date bounds on ``column`` (an SQL expression). A partial date (2024-03) is
    inside a bound when the prefix both share is: every day of March 2024 is "since 2024-03"."""
    if since is not None:
        where.append(f"{column} >= substr(:since, 1, length({column}))")
        params["since"] = since
    if until is not None:
        where.append(f"substr({column}, 1, length(:until)) <= :until")
        params["until"] = until
