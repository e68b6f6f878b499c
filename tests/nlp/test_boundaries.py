"""The content boundary reranker: candidates, choice, training, model files."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from selon.nlp.attribution.span import Attribution
from selon.nlp.learned.boundaries import candidates as boundaries
from selon.nlp.learned.boundaries.candidates import DocView
from selon.nlp.learned.boundaries.reranker import BOUNDARY_FEATURES_VERSION, ContentBoundaries, boundaries_path
from selon.nlp.learned.tagger import DEFAULT_MODEL, AttributionTagger, load_tagger
from selon.train.boundaries import fit_logit

TEXT = "Mr. Smith said the plan would fail, but the council voted for it anyway."


@pytest.fixture(scope="module")
def said(nlp_en):
    doc = nlp_en(TEXT)
    cue = next(t.i for t in doc if t.text == "said")
    end = len(doc) - 1  # the tagger's content runs to the final period, over ", but ..."
    att = Attribution(
        sentence=(0, len(doc)), content=(cue + 1, end), cue=(cue, cue + 1), source=(0, cue), kind="learned"
    )
    return doc, att


def _text(doc, span: tuple[int, int]) -> str:
    return doc[span[0] : span[1]].text


def test_candidates_hold_the_taggers_span_and_the_clause_edges(said) -> None:
    doc, att = said
    starts, ends = boundaries.candidates(DocView(doc), att)
    assert "orig" in starts[att.content[0]] and "orig" in ends[att.content[1]]
    comma = next(t.i for t in doc if t.text == ",")
    assert "punct" in ends[comma]  # "... would fail" ends before ", but"
    spans = [span for span, *_ in boundaries.enumerate_spans(DocView(doc), att, None)]
    assert att.content in spans and (att.content[0], comma) in spans
    assert all(s < e for s, e in spans)


def test_choice_follows_the_weights_and_keeps_the_taggers_span_on_ties(said) -> None:
    doc, att = said
    view = DocView(doc)
    assert ContentBoundaries({}).choose(view, att, None) == att.content
    cut = ContentBoundaries({"E_punct": 2.0, "P_orig": 0.5}).choose(view, att, None)
    assert _text(doc, cut) == "the plan would fail"


def test_fit_logit_learns_which_candidate_is_right() -> None:
    groups = [
        ([["bias", "x=a"], ["bias", "good", "x=b"], ["bias", "x=c"]], 1),
        ([["bias", "good", "x=a"], ["bias", "x=c"]], 0),
        ([["bias", "x=b"], ["bias", "x=a"], ["good"]], 2),
    ]
    weights = fit_logit(groups, l2=0.1)
    assert weights["good"] > 1.0
    for candidates, answer in groups:
        scores = [sum(weights.get(f, 0.0) for f in feats) for feats in candidates]
        assert scores.index(max(scores)) == answer


def test_model_files_are_checked(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    stale = tmp_path / "old.boundaries.json"
    stale.write_text(json.dumps({"features_version": BOUNDARY_FEATURES_VERSION - 1, "weights": {}}))
    with pytest.raises(ValueError, match="retrain"):
        ContentBoundaries.load(stale)
    # a tagger whose reranker is missing or stale keeps its own spans, and says why
    for name, reranker in (("alone", None), ("old", stale)):
        model = tmp_path / f"{name}.crfsuite"
        shutil.copy(DEFAULT_MODEL, model)
        shutil.copy(DEFAULT_MODEL.with_suffix(".json"), model.with_suffix(".json"))
        if reranker is not None:
            assert boundaries_path(model) == reranker
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="selon.nlp.learned.tagger"):
            assert AttributionTagger.load(model).boundaries is None
        assert "selon train polnear" in caplog.text
        assert AttributionTagger.load(model, boundaries=False).boundaries is None


def test_the_packaged_reranker_comes_with_the_packaged_tagger() -> None:
    assert boundaries_path(DEFAULT_MODEL).name == "attribution-en.boundaries.json"
    tagger = load_tagger()
    assert tagger is not None and tagger.boundaries is not None
    assert len(tagger.boundaries.weights) > 1000 and tagger.boundaries.meta["groups"] > 1000


def test_choice_scores_as_the_training_features_do(said) -> None:
    import random

    doc, att = said
    view = DocView(doc)
    spans = boundaries.enumerate_spans(view, att, None)
    names = sorted({f for _, sf, ef, pf in spans for f in sf + ef + pf})
    rng = random.Random(7)
    for _ in range(5):
        weights = {f: rng.uniform(-2, 2) for f in names}
        scored = [
            (
                sum(weights.get(f, 0.0) for f in sf)
                + sum(weights.get(f, 0.0) for f in ef)
                + sum(weights.get(f, 0.0) for f in pf),
                span,
            )
            for span, sf, ef, pf in spans
        ]
        assert ContentBoundaries(weights).choose(view, att, None) == max(scored)[1]
