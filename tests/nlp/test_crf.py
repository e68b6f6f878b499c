"""The numpy tagger gives CRFsuite's labels, read from the same model file."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from selon.nlp.learned.crf import CrfModel, crfsuite_reads_alike

pycrfsuite = pytest.importorskip("pycrfsuite")

LABELS = ("O", "B-X", "I-X", "B-Y", "I-Y")


def _sequence(rng: random.Random, n: int) -> list[list[str]]:
    return [[f"f{rng.randrange(40)}" for _ in range(rng.randint(1, 8))] + ["bias", "ünï=ç"] for _ in range(n)]


@pytest.fixture(scope="module")
def model_path(tmp_path_factory) -> Path:
    rng = random.Random(3)
    trainer = pycrfsuite.Trainer(verbose=False)
    for _ in range(60):
        xseq = _sequence(rng, rng.randint(1, 15))
        trainer.append(xseq, [rng.choice(LABELS) for _ in xseq])
    trainer.set_params({"c1": 0.01, "c2": 0.01, "max_iterations": 30})
    path = tmp_path_factory.mktemp("crf") / "m.crfsuite"
    trainer.train(str(path))
    return path


def _flatten(seqs: list[list[list[str]]]) -> tuple[list[str], list[int], list[tuple[int, int]]]:
    flat: list[str] = []
    ends: list[int] = []
    rows: list[tuple[int, int]] = []
    for seq in seqs:
        first = len(ends)
        for feats in seq:
            flat += feats
            ends.append(len(flat))
        rows.append((first, len(ends)))
    return flat, ends, rows


def test_same_labels_as_pycrfsuite(model_path: Path) -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    model = CrfModel.read(model_path)
    assert sorted(model.labels) == sorted(tagger.labels())
    rng = random.Random(11)
    for _ in range(20):
        seqs = [[*_sequence(rng, rng.randint(1, 30)), ["unseen"]] for _ in range(rng.randint(1, 6))]
        flat, ends, rows = _flatten(seqs)
        got = model.viterbi(model.state_scores(flat, ends), rows)
        expected = [label for seq in seqs for label in tagger.tag(seq)]
        assert got == expected


def test_same_marginals_as_pycrfsuite(model_path: Path) -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    model = CrfModel.read(model_path)
    rng = random.Random(5)
    seqs = [_sequence(rng, n) for n in (1, 7, 30, 12)]
    flat, ends, rows = _flatten(seqs)
    probs = model.marginals(model.state_scores(flat, ends), rows)
    assert probs.shape == (len(ends), len(model.labels))
    worst = 0.0
    for seq, (first, _last) in zip(seqs, rows):
        tagger.set(seq)
        for j in range(len(seq)):
            for k, label in enumerate(model.labels):
                worst = max(worst, abs(tagger.marginal(label, j) - probs[first + j, k]))
    assert worst < 1e-9
    assert abs(probs.sum(axis=1) - 1.0).max() < 1e-9
    assert not model.marginals(model.state_scores(flat, ends), []).any()


def test_refuses_other_files(tmp_path: Path) -> None:
    path = tmp_path / "not.crfsuite"
    path.write_bytes(b"lCRF" + bytes(60))
    with pytest.raises(ValueError):
        CrfModel.read(path)


def test_texts_crfsuite_reads_otherwise() -> None:
    assert crfsuite_reads_alike("Plain text, accents: é")
    assert not crfsuite_reads_alike("a\0b")
    assert not crfsuite_reads_alike("lone \ud800 surrogate")


@pytest.mark.slow
def test_packaged_model_matches_pycrfsuite(nlp_en) -> None:
    from selon.nlp.learned import tagger as learned

    tagger = learned.load_tagger()
    if tagger is None or tagger._model is None:
        pytest.skip("no packaged English attribution model")
    doc = nlp_en(
        "The senator said the vote was fair.\n\n“We will win,” she told reporters. “Nobody doubts it.”\n\n"
        "According to the report, turnout rose by 4 percent, officials said on Tuesday."
    )
    expected = ["O"] * len(doc)
    for (start, _end), seq in learned.featurize(doc, tagger.cue_lemmas):
        expected[start : start + len(seq)] = tagger._tagger.tag(seq)
    assert tagger.labels(doc) == expected


def test_scaled_and_log_space_marginals_agree(model_path: Path) -> None:
    from selon.nlp.learned.crf import _Batch

    model = CrfModel.read(model_path)
    rng = random.Random(9)
    seqs = [_sequence(rng, n) for n in (3, 25, 1, 40)]
    flat, ends, rows = _flatten(seqs)
    batch = _Batch.of(model.state_scores(flat, ends), rows)
    assert batch is not None
    scaled = model._scaled_marginals(batch)
    assert scaled is not None
    valid = np.arange(batch.state.shape[1]) < batch.lengths[:, None]
    assert np.abs(scaled - model._log_marginals(batch))[valid].max() < 1e-12


def test_marginals_fall_back_to_log_space_when_a_step_underflows() -> None:
    # two labels that almost never follow each other, each forced in turn: exp(-2000) is 0 in floats
    model = CrfModel(["A", "B"], [], np.zeros((1, 2)), np.array([[0.0, -2000.0], [-2000.0, 0.0]]))
    scores = np.array([[0.0, -2000.0], [-2000.0, 0.0]])
    with np.errstate(all="ignore"):  # as ``marginals`` calls it
        assert model._scaled_marginals(_batch_of(scores)) is None
    # three label paths weigh exp(-2000) each (AA, AB, BB), the fourth far less
    assert np.allclose(model.marginals(scores, [(0, 2)]), [[2 / 3, 1 / 3], [1 / 3, 2 / 3]], atol=1e-12)


def _batch_of(scores: np.ndarray):
    from selon.nlp.learned.crf import _Batch

    return _Batch.of(scores, [(0, len(scores))])
