"""The scorers on tiny hand-built gold/prediction pairs whose figures are worked out by hand."""

from __future__ import annotations

import pytest

from parley.evaluate.gold import GoldEvent, GoldItem
from parley.evaluate.scoring import (
    ActorCodes,
    predicted_class,
    score_cameo,
    score_classes,
    score_types,
)
from parley.events.pentaclass import pentaclass
from parley.records import Actor, EventRecord


def event(kind: str = "ASSAULT", cameo: str = "190", source: str | None = "RUS", target: str | None = "UKR",
          confidence: float = 0.8, sector: str | None = None) -> EventRecord:
    return EventRecord(
        doc_id="d", sentence_index=0, sentence="s", span=(0, 1), event_type=kind, cameo=cameo,
        source=Actor(text=source or "someone", country=source, sector=sector) if source or sector else None,
        target=Actor(text=target, country=target) if target else None,
        confidence=confidence,
    )


def item(*events: GoldEvent, label: int | None = None, ident: str = "x") -> GoldItem:
    return GoldItem(id=ident, text=f"sentence {ident}", events=list(events), label=label)


def test_type_scores_count_sets_per_sentence():
    # s1: gold {ASSAULT}, predicted {ASSAULT, ACCUSE} -> TP ASSAULT, FP ACCUSE
    # s2: gold {AGREE, AID}, predicted {AGREE}          -> TP AGREE, FN AID
    # s3: gold {REJECT}, predicted nothing              -> FN REJECT
    items = [
        item(GoldEvent("ASSAULT", source=("RUS",), target=("UKR",)), ident="1"),
        item(GoldEvent("AGREE", source=("HUN",)), GoldEvent("AID", source=("HUN",)), ident="2"),
        item(GoldEvent("REJECT"), ident="3"),
    ]
    predictions = [
        [event("ASSAULT"), event("ACCUSE", "111")],
        [event("AGREE", "030", "HUN", None), event("AGREE", "030", "ROU", None)],
        [],
    ]
    result = score_types(items, predictions)
    micro = result["micro"]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (2, 1, 2)
    assert micro["precision"] == pytest.approx(2 / 3)
    assert micro["recall"] == pytest.approx(1 / 2)
    assert micro["f1"] == pytest.approx(4 / 7)
    # macro over gold types: ASSAULT 1, AGREE 1, AID 0, REJECT 0
    assert result["macro_f1"] == pytest.approx(0.5)
    assert result["per_type"]["ACCUSE"]["support"] == 0
    assert result["confusion"]["REJECT"] == {"NONE": 1}
    assert result["exact_sentence_accuracy"] == 0.0
    assert [e["id"] for e in result["worst_errors"]] == ["1", "2", "3"]


def test_actor_accuracy_only_on_type_correct_pairs_and_best_candidate():
    items = [
        item(GoldEvent("ASSAULT", source=("RUS",), target=("UKR",)), ident="1"),
        item(GoldEvent("AGREE", source=("HUN", "ROU")), ident="2"),  # no target code: not scored
        item(GoldEvent("ACCUSE", source=("USA",), target=("CHN",)), ident="3"),  # type missed
    ]
    predictions = [
        [event("ASSAULT", source="UKR", target="RUS"), event("ASSAULT", source="RUS", target="POL")],
        [event("AGREE", "030", "ROU", None)],
        [event("SANCTION", "163", "USA", "CHN")],
    ]
    actors = score_types(items, predictions)["actors"]
    assert actors["source_scored"] == 2 and actors["source_accuracy"] == 1.0
    assert actors["target_scored"] == 1 and actors["target_accuracy"] == 0.0


def test_actor_codes_map_old_codes_organisations_and_stateless_actors():
    codes = ActorCodes(organisations={"UN": "IGO", "AMNESTY": "NGO"})
    assert codes.matches(Actor("Tokyo", country="JPN"), ["JAP"]) is True
    assert codes.matches(Actor("U.N.", country="UN", sector="IGO"), ["IGOUNO"]) is True
    assert codes.matches(Actor("Amnesty", country="AMNESTY"), ["IGO"]) is True
    assert codes.matches(Actor("al-Qaeda", sector="REB"), ["IMGMOSALQ"]) is True
    assert codes.matches(Actor("gunmen", sector="REB"), ["---REB"]) is True
    assert codes.matches(Actor("Washington", country="USA", sector="GOV"), ["USAGOVLEG"]) is True
    assert codes.matches(Actor("Moscow", country="RUS"), ["USA"]) is False
    assert codes.matches(None, ["USA"]) is False
    assert codes.matches(Actor("x", country="USA"), ["###"]) is None
    # a stateless movement or company is compared as itself
    assert codes.matches(Actor("Amnesty activists", sector="NGM"), ["NGMOPP"]) is True
    assert codes.matches(Actor("Amnesty activists", sector="NGM"), ["---OPP"]) is False
    assert codes.matches(Actor("Shell", sector="MNC"), ["MNC"]) is True


def test_pentaclass_follows_phoenix_convention():
    assert [pentaclass(c) for c in ("020", "036", "073", "100", "163", "190")] == [0, 1, 2, 3, 3, 4]
    assert predicted_class([]) == 0
    assert predicted_class([event(cameo="036", confidence=0.5), event(cameo="190", confidence=0.9)]) == 4


def test_class_scores_accuracy_macro_f1_and_confusion():
    items = [item(label=4, ident="a"), item(label=4, ident="b"), item(label=1, ident="c"), item(label=0, ident="d")]
    predictions = [[event(cameo="190")], [], [event(cameo="190", confidence=0.9)], []]
    result = score_classes(items, predictions)
    assert result["accuracy"] == pytest.approx(0.5)
    # class 4: P 1/2 R 1/2; class 0: P 1/2 R 1; class 1: 0 -> macro (0.5 + 2/3 + 0) / 3
    assert result["macro_f1"] == pytest.approx((0.5 + 2 / 3 + 0) / 3)
    assert result["confusion"]["4"] == {"0": 1, "4": 1}
    assert result["worst_errors"][0]["id"] == "c"  # the confident wrong event ranks first


def test_cameo_scores_full_match_root_match_and_extra_events():
    items = [
        item(GoldEvent(cameo="064", source=("ARN",), target=("GON",)),
             GoldEvent(cameo="042", source=("GON",), target=("ARN",)), ident="1"),
        item(ident="2"),  # a no-event sentence
    ]
    predictions = [
        [event("COOPERATE", "061", "ARN", "GON"), event("CONSULT", "042", "GON", "ERI"), event("AID", "073", "ARN", "GON")],
        [event("ACCUSE", "112", "GON", "ARN")],
    ]
    result = score_cameo(items, predictions)
    assert result["recall"] == pytest.approx(1 / 2)  # 064 matched fully; 042 only by root
    assert result["root_recall"] == pytest.approx(1.0)
    assert result["extra_event_rate"] == pytest.approx(3 / 4)
    assert result["no_event_false_alarm_rate"] == 1.0
    assert result["actors"]["source_accuracy"] == 1.0
    assert result["actors"]["target_accuracy"] == pytest.approx(1 / 2)
