"""The model loader corrects lemmas the English model gets wrong on words the lexicons key on."""

from __future__ import annotations

import pytest

from parley.nlp.loader import read_lemma_fixes


def test_lemma_table_rows_have_form_tag_and_lemma():
    rows = read_lemma_fixes()
    assert ("staged", "^VB", "stage") in rows
    assert all(form and tag and lemma for form, tag, lemma in rows)


@pytest.mark.slow
def test_staged_is_lemmatised_stage_but_the_noun_stag_is_left_alone():
    from parley.nlp import load_model

    nlp = load_model()
    lemmas = {t.text: t.lemma_ for t in nlp("The rebels staged an attack while a stag watched.")}
    assert lemmas["staged"] == "stage"
    assert lemmas["stag"] == "stag"
