"""query_events: exact round trip of the output contract, filters, order."""

from __future__ import annotations

import pytest
from store_synthetic import KREMLIN, PUTIN, REBELS, RUSSIA, UKRAINE, USA, make_result, make_results

from parley.errors import StoreError
from parley.records import Actor, Document, DocumentResult, EventRecord, Location
from parley.store import SQLiteStore

CONTRACT_KEYS = [
    "record", "doc_id", "sentence_index", "sentence", "span", "event_type", "mode", "context",
    "cameo", "quad_class", "goldstein", "source", "target", "date", "date_text", "location",
    "factuality", "attribution", "confidence",
]  # fmt: skip


def _event(doc_id: str, index: int, sentence: str, etype: str, source: Actor | None,
           target: Actor | None = None, **kw: object) -> EventRecord:  # fmt: skip
    return EventRecord(doc_id, index, sentence, (0, 5), etype, "010", source, target, **kw)  # type: ignore[arg-type]


def _add(store: SQLiteStore, doc_id: str, date: str | None, events: list[EventRecord]) -> None:
    text = " ".join(dict.fromkeys(e.sentence for e in events)) or "x"
    store.add_result(DocumentResult(Document(doc_id, text, date=date), events=events))


def test_stored_events_come_back_exactly_as_to_dict(store: SQLiteStore) -> None:
    results = make_results(6, sentences=5)
    for r in results:
        store.add_result(r)
    expected = [e.to_dict() for r in results for e in r.events]
    got = store.query_events()
    assert sorted(got, key=repr) == sorted(expected, key=repr)
    assert all(list(rec) == CONTRACT_KEYS for rec in got)
    assert any(rec["location"] for rec in got) and any(rec["attribution"] for rec in got)
    assert any(rec["target"] is None for rec in got)


def test_query_event_records_keeps_trigger(store: SQLiteStore) -> None:
    store.add_result(make_result(0, sentences=1))
    (record,) = store.query_event_records()
    assert record.trigger == "met" and record.confidence == pytest.approx(0.123456)


def test_results_are_ordered_by_date_doc_sentence_span(store: SQLiteStore) -> None:
    store.add_result(make_result(5, date=None))
    store.add_result(make_result(9, date="2024-01-02"))
    store.add_result(make_result(1, date="2024-06-30"))
    store.add_result(make_result(2, date="2024-01-02"))
    got = [(r["doc_id"], r["sentence_index"]) for r in store.query_events()]
    docs = ["doc-0002", "doc-0009", "doc-0001", "doc-0005"]
    assert got == [(d, i) for d in docs for i in range(3)]
    assert store.query_events(limit=4) == store.query_events()[:4]
    assert store.query_events(limit=0) == []


def test_same_sentence_events_are_ordered_by_span(store: SQLiteStore) -> None:
    s = "Russia and Ukraine talked, then fought."
    late = EventRecord("d", 0, s, (27, 32), "ASSAULT", "190", RUSSIA, UKRAINE)
    early = EventRecord("d", 0, s, (19, 25), "CONSULT", "040", RUSSIA, UKRAINE)
    _add(store, "d", "2024-01-01", [late, early])
    assert [r["span"] for r in store.query_events()] == [[19, 25], [27, 32]]


@pytest.fixture
def populated(store: SQLiteStore) -> SQLiteStore:
    _add(store, "a", "2024-03-10", [
        _event("a", 0, "The Kremlin accused Ukraine of shelling.", "ACCUSE", KREMLIN, UKRAINE),
        _event("a", 1, "Putin will meet envoys in Genève.", "CONSULT", PUTIN, None,
               factuality="future", date="2024-04-02"),
    ])  # fmt: skip
    _add(store, "b", "2024-05-01", [
        _event("b", 0, "Washington sanctioned the rebels.", "SANCTION", USA, REBELS),
        _event("b", 2, "Rebels did not attack.", "ASSAULT", REBELS, None, factuality="negated"),
    ])  # fmt: skip
    _add(store, "c", None, [
        _event("c", 0, "Russians gathered.", "PROTEST", Actor("Russians"), None),
        _event("c", 1, "RUSSIA AND UKRAINE SIGNED.", "COOPERATE", RUSSIA, UKRAINE,
               date="2023-12-24", location=Location("Minsk", "BLR")),
    ])  # fmt: skip
    return store


def _keys(records: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(r["doc_id"], r["sentence_index"]) for r in records]


def test_actor_filter_matches_text_name_id_country_and_code_on_either_side(
    populated: SQLiteStore,
) -> None:
    q = populated.query_events
    assert _keys(q(actor="ukraine")) == [("a", 0), ("c", 1)]  # target side counts
    assert _keys(q(actor="vladimir putin")) == [("a", 1)]  # canonical name
    assert _keys(q(actor="putin")) == [("a", 1)]  # whole word of the name
    assert _keys(q(actor="usagov")) == [("b", 0)]  # dictionary id
    assert _keys(q(actor="RUSGOV")) == [("a", 0), ("a", 1)]  # compound code
    assert _keys(q(actor="rus")) == [("a", 0), ("a", 1), ("c", 1)]  # country code
    assert _keys(q(actor="Russians")) == [("c", 0)]


def test_actor_filter_does_not_match_inside_words(populated: SQLiteStore) -> None:
    assert populated.query_events(actor="us") == []  # not "Russia", "Russians"
    assert populated.query_events(actor="krem") == []


def test_country_filter_checks_source_and_target(populated: SQLiteStore) -> None:
    assert _keys(populated.query_events(country="ukr")) == [("a", 0), ("c", 1)]
    assert _keys(populated.query_events(country="USA")) == [("b", 0)]
    assert populated.query_events(country="BLR") == []  # location is not a party


def test_type_and_factuality_filters_ignore_case(populated: SQLiteStore) -> None:
    assert _keys(populated.query_events(type="assault")) == [("b", 2)]
    assert _keys(populated.query_events(factuality="Negated")) == [("b", 2)]
    assert _keys(populated.query_events(factuality="future", type="CONSULT")) == [("a", 1)]


def test_text_filter_is_case_insensitive_substring_beyond_ascii(populated: SQLiteStore) -> None:
    assert _keys(populated.query_events(text="GENÈVE")) == [("a", 1)]
    assert _keys(populated.query_events(text="signed")) == [("c", 1)]


def test_doc_id_filter(populated: SQLiteStore) -> None:
    assert _keys(populated.query_events(doc_id="b")) == [("b", 0), ("b", 2)]
    assert populated.query_events(doc_id="B") == []  # ids are exact


def test_date_filters_use_event_date_then_publication_date(populated: SQLiteStore) -> None:
    q = populated.query_events
    # a/0 has only the publication date 2024-03-10; a/1 its own date 2024-04-02.
    assert _keys(q(since="2024-03-10", until="2024-03-31")) == [("a", 0)]
    assert _keys(q(since="2024-04")) == [("a", 1), ("b", 0), ("b", 2)]
    assert _keys(q(until="2024-03")) == [("a", 0), ("c", 1)]
    assert _keys(q(since="2023", until="2023")) == [("c", 1)]
    # c/0 has neither date: any bound leaves it out.
    assert ("c", 0) not in _keys(q(since="1900"))
    assert ("c", 0) in _keys(q())


def test_filters_combine(populated: SQLiteStore) -> None:
    assert _keys(populated.query_events(actor="russia", since="2024-01-01")) == []
    assert _keys(populated.query_events(actor="russia", type="cooperate")) == [("c", 1)]


def test_invalid_date_filter_gives_e036(populated: SQLiteStore) -> None:
    with pytest.raises(StoreError) as info:
        populated.query_events(since="March 2024")
    assert info.value.code == "E036"


def test_negative_limit_is_refused(populated: SQLiteStore) -> None:
    with pytest.raises(ValueError):
        populated.query_events(limit=-1)
