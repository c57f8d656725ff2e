"""Hand-built DocumentResults for store tests (no spaCy), importable from a subprocess too."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from parley.records import Actor, Document, DocumentResult, EventRecord, Location, Sentence

RUSSIA = Actor("Russia", name="Russia", country="RUS", sector=None, id="RUS")
KREMLIN = Actor("the Kremlin", name="Russian government", country="RUS", sector="GOV", id="RUSGOV")
UKRAINE = Actor("Ukraine", name="Ukraine", country="UKR", id="UKR")
PUTIN = Actor("Putin", name="Vladimir Putin", country="RUS", sector="GOV", id="putin")
USA = Actor("Washington", name="United States", country="USA", sector="GOV", id="USAGOV")
REBELS = Actor("rebels", name=None, country=None, sector="REB", id=None)
PARTIES = [RUSSIA, KREMLIN, UKRAINE, PUTIN, USA, REBELS]


def make_result(
    n: int,
    *,
    sentences: int = 3,
    date: str | None = "2024-03-01",
    doc_id: str | None = None,
) -> DocumentResult:
    """Document ``n`` with ``sentences`` sentences and one event per sentence.

    Values vary with ``n`` and the sentence index so that documents differ in every column.
    """
    doc_id = doc_id or f"doc-{n:04d}"
    texts = [f"Sentence {i} of document {n}: actors met in Geneva (ñ é)." for i in range(sentences)]
    text = " ".join(texts)
    sents, events = [], []
    offset = 0
    for i, sent_text in enumerate(texts):
        sents.append(Sentence(doc_id, i, sent_text, offset, offset + len(sent_text)))
        offset += len(sent_text) + 1
        source = PARTIES[(n + i) % len(PARTIES)]
        target = PARTIES[(n + i + 1) % len(PARTIES)] if i % 3 else None
        events.append(
            EventRecord(
                doc_id=doc_id,
                sentence_index=i,
                sentence=sent_text,
                span=(0, 8 + i % 5),
                event_type=("CONSULT", "ACCUSE", "ASSAULT")[i % 3],
                cameo=("040", "112", "190")[i % 3],
                source=source,
                target=target,
                mode="meet" if i % 2 else None,
                context="diplomatic" if i % 4 == 1 else None,
                quad_class=(1, 3, 4)[i % 3],
                goldstein=(1.0, -2.0, -10.0)[i % 3] + n / 1000,
                date=f"2024-02-{1 + i % 28:02d}" if i % 2 else None,
                date_text="on Tuesday" if i % 2 else None,
                location=Location("Geneva", "CHE", 46.2044, 6.1432) if i % 2 == 0 else None,
                factuality=("asserted", "negated", "alleged", "future")[i % 4],
                attribution=USA if i % 4 == 2 else None,
                confidence=0.123456 + i / 100,
                trigger="met",
            )
        )
    document = Document(
        doc_id=doc_id,
        text=text,
        title=f"Title {n}",
        date=date,
        date_source="metadata" if date else "none",
        url=f"https://example.org/{n}",
        source="Example Wire",
        path=f"corpus/{n}.txt",
    )
    return DocumentResult(document, sents, events, actors=[RUSSIA, UKRAINE, REBELS])


def make_results(count: int, sentences: int = 3) -> list[DocumentResult]:
    return [make_result(n, sentences=sentences) for n in range(count)]


def table_contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Sorted rows of every table, for comparing two databases.

    Only ``schema_migrations.applied_at`` is left out: it records when a database was created,
    which necessarily differs between two builds.
    """
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name"
            )
        ]
        out: dict[str, list[tuple[object, ...]]] = {}
        for name in names:
            sql = f"SELECT * FROM {name}"
            if name == "schema_migrations":
                sql = "SELECT version FROM schema_migrations"
            out[name] = sorted(conn.execute(sql).fetchall(), key=repr)
        return out
    finally:
        conn.close()


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
