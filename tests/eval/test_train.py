"""Training the English attribution tagger: a tiny fit on the fixture articles, and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from selon.eval.polnear import load_split, score
from selon.nlp.learned.tagger import FEATURES_VERSION, AttributionTagger, label_spans
from selon.train.crf import fit, gold_labels, parse_articles, split_held_out
from selon.train.polnear import train_polnear

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "polnear"


@pytest.fixture(scope="module")
def parsed(nlp_en):
    # the fixture articles stand in for a corpus here: this checks the mechanics, not the model
    articles = load_split(FIXTURES, "dev")
    return articles, parse_articles(nlp_en, articles)


def test_gold_labels_follow_the_parse(parsed) -> None:
    articles, docs = parsed
    labels = gold_labels(articles, docs)
    assert [len(x) for x in labels] == [len(d) for d in docs]
    huff = next(i for i, a in enumerate(articles) if a.name.startswith("huff-post"))
    cues = label_spans(labels[huff])["CUE"]
    assert [docs[huff][s:e].text for s, e in cues] == ["is expected"]


@pytest.mark.slow
def test_tiny_fit_is_deterministic_and_learns_its_data(parsed, tmp_path: Path) -> None:
    articles, docs = parsed
    params = {"max_iterations": 40, "feature.minfreq": 1, "c1": 0.0}
    stats = fit(articles, docs, tmp_path / "a.crfsuite", params=params)
    fit(articles, docs, tmp_path / "b.crfsuite", params=params)
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()
    assert stats["articles"] == 5 and stats["tokens"] > 1000 and stats["model_bytes"] > 0
    meta = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert meta["features_version"] == FEATURES_VERSION
    assert "say" in meta["cue_lemmas"] and meta["training"]["params"]["max_iterations"] == 40
    tagger = AttributionTagger.load(tmp_path / "a.crfsuite")
    predicted = {}
    for article, doc in zip(articles, docs):
        predicted[article.name] = []
        for lk in tagger.links(doc):
            chars = [
                None if r is None else (doc[r[0]].idx, doc[r[1] - 1].idx + len(doc[r[1] - 1]))
                for r in (lk.source, lk.cue, lk.content())
            ]
            from selon.eval.polnear import PredictedAttribution

            predicted[article.name].append(PredictedAttribution(*chars))
    report = score(articles, predicted)
    # a CRF fitted on five articles recalls most of them
    assert report["roles"]["cue"]["exact"]["f1"] > 0.6
    assert report["attribution"]["f1"] > 0.6


def test_training_refuses_the_evaluation_splits(tmp_path: Path) -> None:
    for split in ("dev", "test"):
        with pytest.raises(ValueError, match="train only"):
            train_polnear(FIXTURES, tmp_path / "m.crfsuite", split=split)


def test_command_reports_a_missing_train_split(tmp_path: Path) -> None:
    from selon.cli.train import register
    from selon.errors import InputError

    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["train", "polnear", "--data", str(FIXTURES), "--out", str(tmp_path / "m")])
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError) and "train" in str(result.exception)
    assert not (tmp_path / "m").exists()


def test_held_out_fifth_is_every_fifth_article() -> None:
    fitted, held = split_held_out(list(range(12)))
    assert held == [4, 9] and fitted == [0, 1, 2, 3, 5, 6, 7, 8, 10, 11]


def test_boundary_reranker_is_fitted_from_cross_tagged_halves(parsed, tmp_path: Path) -> None:
    from selon.nlp.learned.boundaries.reranker import BOUNDARY_FEATURES_VERSION, ContentBoundaries
    from selon.train.boundaries import fit_boundaries

    articles, docs = parsed
    params = {"max_iterations": 20, "feature.minfreq": 1, "c1": 0.0}
    stats = fit_boundaries(articles, docs, tmp_path / "a.boundaries.json", crf_params=params)
    fit_boundaries(articles, docs, tmp_path / "b.boundaries.json", crf_params=params)
    first, second = (json.loads((tmp_path / f"{x}.boundaries.json").read_text(encoding="utf-8")) for x in "ab")
    assert first["weights"] == second["weights"]  # deterministic; only the timings differ
    assert stats["folds"] == 2 and stats["groups"] > 0 and stats["features"] > 0
    model = ContentBoundaries.load(tmp_path / "a.boundaries.json")
    assert model.meta["groups"] == stats["groups"]
    data = json.loads((tmp_path / "a.boundaries.json").read_text(encoding="utf-8"))
    assert data["features_version"] == BOUNDARY_FEATURES_VERSION
