"""Each gold-set reader on the shared data (skipped when /work/shared/data is absent), and the
command's argument errors."""

from __future__ import annotations

import pytest

from parley.errors import EvaluationError
from parley.evaluate import evaluate_command
from parley.evaluate.events import below_floors, load_floors
from parley.evaluate.readers import conflibert, petrarch, plover_gsr


def test_gsr_reader_groups_sentences_remaps_old_types_and_skips_document(shared_data):
    items = plover_gsr.read(shared_data)
    assert len(items) == 316 and sum(len(i.events) for i in items) == 322
    types = {e.event_type for i in items for e in i.events}
    assert not types & {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", "DOCUMENT"}
    investigate = [e for i in items for e in i.events if e.mode == "investigate"]
    assert investigate and all(e.event_type == "ACCUSE" for e in investigate)
    first = items[0]
    assert first.date == "2000-01-01" and first.events[0].source == ("HUN", "ROU")


def test_conflibert_splits_keep_gsr_copies_out_of_nogsr_and_train(shared_data):
    test = conflibert.read(shared_data, "test")
    nogsr = conflibert.read(shared_data, "test-nogsr")
    train = conflibert.read(shared_data, "train")
    assert len(test) == 451 and all(i.label in range(5) for i in test)
    assert len(nogsr) == 135 and len(train) == 1344
    gsr = [i.text for i in plover_gsr.read(shared_data)]
    assert not any(conflibert.overlaps([i.text for i in nogsr], gsr))


def test_near_duplicate_rule_accepts_edited_copies_and_rejects_other_sentences():
    ref = ["The European Community foreign ministers agreed on Saturday to provide aid to Poland."]
    texts = [
        "The European Union foreign ministers agreed on Saturday to provide aid to Poland.",
        "The foreign ministers met on Saturday in Brussels to discuss fisheries with Poland.",
    ]
    assert conflibert.overlaps(texts, ref) == [True, False]


def test_petrarch_readers_drop_error_records_and_read_codes(shared_data):
    records = petrarch.read_petrarch(shared_data)
    assert len(records) == 277 and all(i.category != "ERROR" for i in records)
    assert records[0].date == "1995-01-01"
    assert records[0].events[0].cameo == "064" and records[0].events[0].source == ("ARN",)
    universal = petrarch.read_universal(shared_data)
    assert len(universal) == 78 and sum(len(i.events) for i in universal) == 80


@pytest.mark.parametrize(
    ("args", "code"),
    [(("nope", None, "text"), "E060"), (("conflibert", "dev", "text"), "E061"), (("plover-gsr", None, "xml"), "E064")],
)
def test_evaluate_command_rejects_bad_arguments_with_codes(args, code):
    with pytest.raises(EvaluationError) as info:
        evaluate_command(*args)
    assert info.value.code == code


def test_floors_file_is_valid_and_a_drop_beyond_epsilon_fails(tmp_path):
    floors = load_floors()
    assert floors and all(0.01 <= f["epsilon"] <= 0.02 for f in floors.values())
    name = next(iter(floors))
    run, metric = name.rsplit("/", 1)
    floor, eps = floors[name]["floor"], floors[name]["epsilon"]
    assert below_floors({run: {metric: floor - eps / 2}}, {name: floors[name]}) == []
    assert below_floors({run: {metric: floor - eps - 0.001}}, {name: floors[name]})
    bad = tmp_path / "floors.json"
    bad.write_text('{"metrics": {"x": {"floor": 2}}}')
    with pytest.raises(EvaluationError):
        load_floors(bad)
