"""The tagger's id features give the same state scores and labels as its feature strings."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import FIXTURES
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.learned import tagger as learned
from selon.nlp.learned import value_table
from selon.nlp.learned.features import ids as featurize_ids

EDGE_CASES = [
    "",
    "Said.",
    '“Yes,” he said.\n\nShe told reporters: ‘We will see’ and "maybe" later.\n\n\nAccording to him, per the report, '
    "it rose | fell.",
    "He said\n\n“It was a quote that never closes.\n\nAnd goes on,” she added, citing officials who said so.",
]


@pytest.fixture(scope="module")
def tagger() -> learned.AttributionTagger:
    found = learned.load_tagger()
    if found is None or found._model is None:
        pytest.skip("no packaged English attribution model readable by numpy")
    return found


def _texts() -> list[str]:
    folder = FIXTURES / "polnear" / "dev" / "text"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))] + EDGE_CASES


def _rows(a: DocArrays) -> list[tuple[int, int]]:
    rows, first = [], 0
    for start, end in a.paragraphs:
        rows.append((first, first + end - start))
        first += end - start
    return rows


@pytest.mark.slow
def test_id_scores_and_labels_equal_the_string_path(nlp_en, tagger: learned.AttributionTagger) -> None:
    model, ids = tagger._model, tagger._ids
    assert model is not None and ids is not None
    for doc in nlp_en.pipe(_texts()):
        a = DocArrays.of(doc)
        expected = tagger.string_scores(a)
        table = ids.table(a)
        assert table.shape == (sum(e - s for s, e in a.paragraphs), len(featurize_ids.SLOTS))
        got = model.state_scores_ids(table)
        assert got.shape == expected.shape
        assert np.allclose(got, expected, rtol=0, atol=1e-9)
        assert np.array_equal(got, expected)  # same weights added in the same order
        rows = _rows(a)
        assert model.viterbi(got, rows) == model.viterbi(expected, rows)


@pytest.mark.slow
def test_id_table_does_not_depend_on_what_was_cached(
    nlp_en, tagger: learned.AttributionTagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = list(nlp_en.pipe(_texts()[:3]))
    warm = [tagger._ids.table(DocArrays.of(d)) for d in docs]
    monkeypatch.setattr(value_table, "LIMIT", 5)  # forget nearly everything between Docs
    cold = featurize_ids.FeatureIds(tagger._model, tagger.cue_lemmas)
    for doc, expected in zip(reversed(docs), reversed(warm)):
        assert np.array_equal(cold.table(DocArrays.of(doc)), expected)


def test_unknown_slots_add_nothing() -> None:
    from selon.nlp.learned.crf import CrfModel

    model = CrfModel(["O", "B"], ["a", "b"], np.array([[1.0, 2.0], [0.5, -1.0], [0.0, 0.0]]), np.zeros((2, 2)))
    table = np.array([[0, 2, 1], [2, 2, 2], [1, 2, 2]])
    assert np.array_equal(model.state_scores_ids(table), [[1.5, 1.0], [0.0, 0.0], [0.5, -1.0]])
    assert model.state_scores_ids(np.zeros((0, 3), dtype=np.intp)).shape == (0, 2)
