"""Relative and explicit date phrases resolved against a fixed publication date.

The publication date 2026-03-12 is a Thursday, so "Monday" of that week is 2026-03-09 and the
previous week starts on Monday 2026-03-02.
"""

from __future__ import annotations

import time

import pytest

from parley.dates import DateMention, find_dates, resolve_date
from parley.dates.resolve import Tense

PUB = "2026-03-12"  # Thursday


def only(text: str, pub: str | None = PUB, tense: Tense | None = "past") -> DateMention:
    """The single mention in ``text``; fails when there is not exactly one."""
    mentions = find_dates(text, pub, tense)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "phrase", "expected", "precision"),
    [
        ("Drones struck Odesa overnight.", "overnight", "2026-03-11", "day"),
        ("Shelling continued last night.", "last night", "2026-03-11", "day"),
        ("The minister resigned yesterday.", "yesterday", "2026-03-11", "day"),
        ("Talks resume today.", "today", "2026-03-12", "day"),
        ("He spoke this morning.", "this morning", "2026-03-12", "day"),
        ("Protesters will gather tonight.", "tonight", "2026-03-12", "day"),
        ("It began the day before yesterday.", "the day before yesterday", "2026-03-10", "day"),
        ("The ceasefire collapsed two days ago.", "two days ago", "2026-03-10", "day"),
        ("The ceasefire collapsed 3 days ago.", "3 days ago", "2026-03-09", "day"),
        ("Troops withdrew on Monday.", "Monday", "2026-03-09", "day"),
        ("Troops withdrew last Monday.", "last Monday", "2026-03-09", "day"),
        ("Envoys met last week.", "last week", "2026-03-02", "week"),
        ("Envoys met this week.", "this week", "2026-03-09", "week"),
        ("A week ago the border closed.", "A week ago", "2026-03-02", "week"),
        ("Earlier in the month, the army advanced.", "Earlier in the month", "2026-03-01", "month"),
        ("The army advanced earlier this month.", "earlier this month", "2026-03-01", "month"),
        ("Prices rose last month.", "last month", "2026-02-01", "month"),
        ("Elections were held earlier this year.", "earlier this year", "2026-01-01", "year"),
        ("The treaty lapsed last year.", "last year", "2025-01-01", "year"),
    ],
)
def test_relative_phrase_resolves_against_publication_date(
    text: str, phrase: str, expected: str, precision: str
) -> None:
    mention = only(text)
    assert mention.text == phrase
    assert text[mention.start : mention.end] == phrase
    assert mention.date == expected
    assert mention.precision == precision


def test_overnight_is_the_night_before_publication_like_last_night() -> None:
    assert resolve_date("overnight", PUB) == resolve_date("last night", PUB) == "2026-03-11"


def test_bare_weekday_equal_to_publication_day_is_the_publication_day() -> None:
    assert only("officials said on Thursday").date == "2026-03-12"
    assert only("officials said Friday").date == "2026-03-06"


def test_last_weekday_is_strictly_before_publication_day() -> None:
    assert only("they met last Thursday").date == "2026-03-05"


def test_next_weekday_and_future_tense_look_ahead() -> None:
    assert only("talks will resume next Monday").date == "2026-03-16"
    assert only("talks will resume on Monday", tense="future").date == "2026-03-16"
    assert only("talks will resume on Thursday", tense="future").date == "2026-03-12"
    assert only("talks resumed on Monday", tense="past").date == "2026-03-09"


def test_weekday_with_time_of_day_keeps_the_day() -> None:
    mention = only("The strike hit a school on Tuesday night.")
    assert (mention.text, mention.date) == ("Tuesday night", "2026-03-10")


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The deal was signed on 5 March 2026.", "5 March 2026", "2026-03-05"),
        ("The deal was signed on March 5, 2026.", "March 5, 2026", "2026-03-05"),
        ("The deal was signed on 2026-03-05.", "2026-03-05", "2026-03-05"),
        (
            "The deal was signed on Thursday, March 5, 2026.",
            "Thursday, March 5, 2026",
            "2026-03-05",
        ),
        ("The deal was signed Sept. 30, 2025.", "Sept. 30, 2025", "2025-09-30"),
        ("The deal was signed on the 5th of March 2026.", "the 5th of March 2026", "2026-03-05"),
    ],
)
def test_explicit_full_date_resolves(text: str, phrase: str, expected: str) -> None:
    mention = only(text)
    assert (mention.text, mention.date, mention.precision) == (phrase, expected, "day")
    assert text[mention.start : mention.end] == phrase


def test_day_and_month_without_year_take_the_publication_year() -> None:
    mention = only("The vote was held on March 5.")
    assert (mention.text, mention.date) == ("March 5", "2026-03-05")
    assert only("The vote was held on 12 February.").date == "2026-02-12"


def test_day_without_year_far_after_publication_moves_to_previous_year() -> None:
    assert only("The offensive began on 2 October.").date == "2025-10-02"


def test_year_boundary_december_date_in_january_story_is_previous_year() -> None:
    mention = only("Fighting resumed on December 30.", pub="2026-01-03")
    assert mention.date == "2025-12-30"


def test_year_boundary_last_week_crosses_into_previous_year() -> None:
    # 2026-01-03 is a Saturday; its week starts Monday 2025-12-29, the week before on 12-22.
    assert only("Envoys met last week.", pub="2026-01-03").date == "2025-12-22"
    assert only("Prices rose last month.", pub="2026-01-03").date == "2025-12-01"


def test_future_tense_moves_early_month_date_to_next_year() -> None:
    assert only("Elections will be held on January 5.", tense="future").date == "2027-01-05"


def test_month_and_year_precision() -> None:
    march = only("Fighting intensified in March.")
    assert (march.text, march.date, march.precision) == ("March", "2026-03-01", "month")
    december = only("Fighting intensified in December.")
    assert december.date == "2025-12-01"
    assert only("Fighting intensified in March 2024.").date == "2024-03-01"
    year = only("Russia annexed Crimea in 2014.")
    assert (year.text, year.date, year.precision) == ("2014", "2014-01-01", "year")


def test_qualified_month_keeps_qualifier_in_span() -> None:
    mention = only("Shelling eased in mid-March after talks.")
    assert (mention.text, mention.date, mention.precision) == ("mid-March", "2026-03-01", "month")
    assert only("Shelling eased late February.").text == "late February"


def test_lower_case_month_words_are_not_dates() -> None:
    assert find_dates("Officials may march in protest.", PUB) == []


def test_running_period_after_the_is_not_a_calendar_date() -> None:
    assert find_dates("Attacks rose in the last week.", PUB) == []


def test_no_publication_date_leaves_relative_phrases_unresolved_with_note() -> None:
    mentions = find_dates("Troops withdrew yesterday and again on Monday, two days ago.", None)
    assert [m.text for m in mentions] == ["yesterday", "Monday", "two days ago"]
    assert all(m.date is None for m in mentions)
    assert all(m.note for m in mentions)


def test_no_publication_date_still_resolves_explicit_full_dates() -> None:
    text = "The accord of 5 March 2026 replaced the 2014-09-05 protocol signed in 2014."
    mentions = find_dates(text, None)
    assert [(m.text, m.date) for m in mentions] == [
        ("5 March 2026", "2026-03-05"),
        ("2014-09-05", "2014-09-05"),
        ("2014", "2014-01-01"),
    ]


def test_no_publication_date_day_without_year_is_unresolved() -> None:
    mention = only("The vote was held on March 5.", pub=None)
    assert mention.date is None and mention.note


def test_invalid_publication_date_is_treated_as_unknown() -> None:
    assert only("It happened yesterday.", pub="not a date").date is None


def test_impossible_calendar_date_is_dropped() -> None:
    assert find_dates("on 31 February 2026", PUB) == []


def test_offsets_index_the_original_text_for_every_mention() -> None:
    text = (
        "On Monday, March 9, the army said that overnight strikes, like those of last week "
        "and 3 days ago, followed talks held in January 2026 and earlier this year."
    )
    mentions = find_dates(text, PUB)
    assert [m.text for m in mentions] == [
        "Monday, March 9",
        "overnight",
        "last week",
        "3 days ago",
        "January 2026",
        "earlier this year",
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_text_without_date_words_gives_empty_list() -> None:
    assert find_dates("The foreign ministers met to discuss the proposal.", PUB) == []
    assert find_dates("", PUB) == []


def test_resolve_date_returns_first_resolvable_date() -> None:
    assert resolve_date("on Monday", PUB) == "2026-03-09"
    assert resolve_date("on Monday", None) is None
    assert resolve_date("no date here", PUB) is None


def test_find_dates_is_fast_per_sentence() -> None:
    sentences = [
        "Russian forces launched drones at Kyiv overnight, the air force said on Thursday.",
        "The foreign ministers of the two countries met in Geneva to discuss a ceasefire.",
        "Earlier in the month, on March 5, 2026, protesters gathered outside parliament.",
    ] * 300
    find_dates(sentences[0], PUB)  # build the patterns outside the timing
    start = time.perf_counter()
    for sentence in sentences:
        find_dates(sentence, PUB)
    per_sentence = (time.perf_counter() - start) / len(sentences)
    assert per_sentence < 0.001
