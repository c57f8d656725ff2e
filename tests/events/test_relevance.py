"""The relevance test skips sentences cheaply without losing events."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.events import is_relevant, load_lexicon

pytestmark = pytest.mark.issue(2)


def test_sentence_with_trigger_form_is_relevant():
    lex = load_lexicon()
    assert is_relevant("Israeli jets struck targets overnight.", lex)
    assert is_relevant("The ministry said troops had withdrawn.", lex)
    assert is_relevant("They met on Monday.", lex)


def test_sentence_without_trigger_form_is_skipped():
    lex = load_lexicon()
    assert not is_relevant("The weather was mild and the markets were quiet.", lex)


def test_filter_changes_no_event_on_the_examples(tmp_path):
    from parley.jobs import extract
    from parley.settings import Settings

    examples = Path(__file__).resolve().parents[2] / "examples"

    def key(records):
        return sorted(
            (r["doc_id"], r["sentence_index"], r["event_type"], r["cameo"], r["factuality"],
             (r["source"] or {}).get("country") or "", (r["target"] or {}).get("country") or "")
            for r in records
        )

    filtered = extract([examples / "articles.jsonl"], Settings(relevance_filter=True))
    unfiltered = extract([examples / "articles.jsonl"], Settings(relevance_filter=False))
    assert key(filtered) == key(unfiltered)
