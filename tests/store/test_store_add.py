"""Adding results: content ids, idempotence, one transaction per document."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from store_synthetic import KREMLIN, RUSSIA, UKRAINE, dump, make_result, make_results

from parley.errors import StoreError
from parley.records import Actor, Document, DocumentResult, EventRecord, content_id
from parley.store import AddStats, SQLiteStore, open_store


def test_add_result_reports_new_rows_per_table(store: SQLiteStore) -> None:
    result = make_result(0, sentences=4)
    stats = store.add_result(result)
    assert stats == AddStats(documents=1, sentences=4, actors=6, events=4, already_present=False)
    assert store.counts() == {"documents": 1, "sentences": 4, "actors": 6, "events": 4}


def test_second_document_counts_only_actors_not_seen_before(store: SQLiteStore) -> None:
    # One sentence each: document 0 names Russia (event) and Russia, Ukraine, rebels; document 1
    # adds the Kremlin as the source of its only event.
    assert store.add_result(make_result(0, sentences=1)).actors == 3
    stats = store.add_result(make_result(1, sentences=1))
    assert stats.documents == 1 and stats.events == 1 and stats.sentences == 1
    assert stats.actors == 1


def test_adding_same_result_twice_leaves_every_table_identical(db_path: Path) -> None:
    results = make_results(5)
    with open_store(db_path) as store:
        for r in results:
            store.add_result(r)
    before = dump(db_path)
    with open_store(db_path) as store:
        for r in results:
            stats = store.add_result(r)
            assert stats == AddStats(already_present=True)
    assert dump(db_path) == before
    assert len(before) > 20  # the dump holds the data, not an empty schema


def test_ids_are_derived_from_content(store: SQLiteStore) -> None:
    result = make_result(7, sentences=2)
    store.add_result(result)
    doc = result.document
    dkey = content_id(doc.doc_id, doc.text)
    conn = store.connection
    assert conn.execute("SELECT id, text_hash FROM documents").fetchone() == (
        dkey,
        doc.content_hash,
    )
    sentence_ids = {r[0] for r in conn.execute("SELECT id FROM sentences")}
    assert sentence_ids == {content_id(dkey, s.index, s.text) for s in result.sentences}
    event_ids = {r[0] for r in conn.execute("SELECT id FROM events")}
    assert event_ids == {content_id(e.event_id, dkey) for e in result.events}


def test_has_document_matches_id_and_text_hash(store: SQLiteStore) -> None:
    result = make_result(3)
    doc = result.document
    assert not store.has_document(doc.doc_id, doc.content_hash)
    store.add_result(result)
    assert store.has_document(doc.doc_id, doc.content_hash)
    edited = Document(doc.doc_id, doc.text + " Correction appended.")
    assert not store.has_document(doc.doc_id, edited.content_hash)
    assert not store.has_document("other-id", doc.content_hash)


def test_edited_text_under_same_doc_id_is_a_new_document(store: SQLiteStore) -> None:
    store.add_result(make_result(1))
    changed = make_result(1)
    changed.document = dataclasses.replace(changed.document, text=changed.document.text + " More.")
    stats = store.add_result(changed)
    assert stats.documents == 1 and not stats.already_present
    assert store.counts()["documents"] == 2


def test_failure_mid_document_writes_nothing(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_result(make_result(0))
    before = store.counts()
    calls = {"n": 0}
    real = SQLiteStore._event_row

    def exploding(event: EventRecord, dkey: str) -> tuple[object, ...]:
        calls["n"] += 1
        if calls["n"] == 2:  # document, sentences and actors are already inserted by now
            raise RuntimeError("boom")
        return real(event, dkey)

    monkeypatch.setattr(SQLiteStore, "_event_row", staticmethod(exploding))
    with pytest.raises(RuntimeError):
        store.add_result(make_result(5, sentences=3))
    assert store.counts() == before
    assert not store.connection.in_transaction
    monkeypatch.undo()
    assert store.add_result(make_result(5)).documents == 1  # the store is still usable


def test_event_of_another_document_is_refused(store: SQLiteStore) -> None:
    result = make_result(0)
    result.events[1] = dataclasses.replace(result.events[1], doc_id="somewhere-else")
    with pytest.raises(StoreError) as info:
        store.add_result(result)
    assert info.value.code == "E037"
    assert store.counts()["documents"] == 0


def test_event_sentence_missing_from_sentence_list_is_still_stored(store: SQLiteStore) -> None:
    doc = Document("d", "Russia shelled Ukraine. Later, talks.")
    event = EventRecord(
        "d", 0, "Russia shelled Ukraine.", (0, 22), "ASSAULT", "190", RUSSIA, UKRAINE
    )
    stats = store.add_result(DocumentResult(doc, sentences=[], events=[event]))
    assert stats.sentences == 1
    assert store.query_events() == [event.to_dict()]


def test_actors_named_without_events_are_stored_and_linked(store: SQLiteStore) -> None:
    doc = Document("d", "The Kremlin said nothing.")
    store.add_result(DocumentResult(doc, actors=[KREMLIN, KREMLIN]))
    rows = store.connection.execute(
        "SELECT a.text, a.entry_id FROM document_actors l JOIN actors a ON a.id = l.actor_id"
    ).fetchall()
    assert rows == [("the Kremlin", "RUSGOV")]


def test_actor_offsets_do_not_split_one_actor(store: SQLiteStore) -> None:
    doc = Document("d", "Ukraine and Ukraine.")
    first = Actor("Ukraine", "Ukraine", "UKR", start=0, end=7)
    second = Actor("Ukraine", "Ukraine", "UKR", start=12, end=19)
    assert store.add_result(DocumentResult(doc, actors=[first, second])).actors == 1


def test_replace_swaps_events_of_a_stored_document(store: SQLiteStore) -> None:
    old = make_result(2)
    store.add_result(old)
    store.add_result(make_result(3))
    new = make_result(2)
    new.events = new.events[:1]
    new.events[0] = dataclasses.replace(new.events[0], event_type="DEMAND", cameo="100")
    stats = store.add_result(new, replace=True)
    assert stats.already_present and stats.events == 1
    events = store.query_events(doc_id="doc-0002")
    assert [e["event_type"] for e in events] == ["DEMAND"]
    assert len(store.query_events(doc_id="doc-0003")) == 3
    orphans = store.connection.execute(
        "SELECT count(*) FROM actors WHERE id NOT IN (SELECT actor_id FROM document_actors)"
    ).fetchone()[0]
    assert orphans == 0


def test_documents_lists_metadata_and_counts(store: SQLiteStore) -> None:
    store.add_result(make_result(1, date="2024-05-02"))
    store.add_result(make_result(2, date=None))
    store.add_result(make_result(3, date="2023-12-31", sentences=2))
    docs = store.documents()
    assert [d["doc_id"] for d in docs] == ["doc-0003", "doc-0001", "doc-0002"]  # undated last
    assert docs[0]["sentences"] == 2 and docs[0]["events"] == 2
    assert docs[1]["title"] == "Title 1" and docs[1]["url"] == "https://example.org/1"
    assert "text" not in docs[0]
    assert store.documents(with_text=True)[0]["text"].startswith("Sentence 0 of document 3")
