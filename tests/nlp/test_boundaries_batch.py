"""Choosing the contents of a Doc all at once gives the spans ``choose`` gives one by one."""

from __future__ import annotations

import dataclasses
import random

import pytest

from helpers import FIXTURES
from selon.nlp.learned.boundaries.candidates import DocView, enumerate_spans
from selon.nlp.learned.boundaries.reranker import ContentBoundaries
from selon.nlp.learned.tagger import load_tagger, to_attribution


@pytest.fixture(scope="module")
def cases(nlp_en):
    """Per fixture article: its view, its learned attributions (and variants of them that reach
    the Doc's first and last tokens) and the tagger's probabilities."""
    tagger = load_tagger()
    if tagger is None or tagger.boundaries is None:
        pytest.skip("no packaged English tagger with its reranker")
    folder = FIXTURES / "polnear" / "dev" / "text"
    out = []
    for doc in nlp_en.pipe(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))):
        _labels, probs = tagger.tag(doc, marginals=True)
        atts = [to_attribution(doc, lk) for lk in tagger.links(doc, keep_empty=True) if lk.contents]
        n = len(doc)
        variants = []
        for att in atts[:6]:
            s, e = att.content
            variants.append(dataclasses.replace(att, content=(0, max(e, 1))))
            variants.append(dataclasses.replace(att, content=(min(s, n - 1), n)))
        out.append((DocView(doc), atts + variants + [dataclasses.replace(atts[0], cue=None)], probs))
    assert sum(len(atts) for _, atts, _ in out) > 50
    return out


def _feature_names(cases) -> list[str]:
    names: set[str] = set()
    for view, atts, probs in cases:
        for att in atts:
            if att.cue is not None:
                for _span, start, end, pair in enumerate_spans(view, att, probs):
                    names.update(start + end + pair)
    return sorted(names)


def _models(cases) -> list[ContentBoundaries]:
    tagger = load_tagger()
    assert tagger is not None and tagger.boundaries is not None
    names = _feature_names(cases)
    rng = random.Random(7)
    models = [tagger.boundaries, ContentBoundaries({})]
    # small whole weights make many exact ties: the tie rules must agree too
    for _ in range(3):
        models.append(ContentBoundaries({name: float(rng.choice((-1, 0, 0, 1, 2))) for name in names}))
    models.append(ContentBoundaries({name: rng.gauss(0.0, 1.0) for name in names}))
    return models


@pytest.mark.slow
def test_choose_all_gives_the_spans_of_choose(cases) -> None:
    changed = 0
    for model in _models(cases):
        for view, atts, probs in cases:
            for p in (probs, None):
                expected = [model.choose(view, att, p) for att in atts]
                assert model.choose_all(view, atts, p) == expected
                changed += sum(span != att.content for span, att in zip(expected, atts))
    assert changed > 20  # the weights moved many spans, so the comparison is not only of the tagger's own


def test_choose_all_of_nothing() -> None:
    assert ContentBoundaries({}).choose_all(None, [], None) == []  # type: ignore[arg-type]


def _scanned(view: DocView, att, starts: dict, ends: dict) -> tuple[dict, dict]:
    """The quotation, sentence and break candidates as found by reading every token in reach."""
    from selon.nlp.learned.boundaries.candidates import BREAKS, LOOKAHEAD

    starts, ends = {k: list(v) for k, v in starts.items()}, {k: list(v) for k, v in ends.items()}
    s, e = att.content
    c0, c1 = att.cue
    for k in range(max(0, min(s, c0) - 2), min(view.n, max(e, c1) + LOOKAHEAD)):
        if view.quote[k]:
            for key, tag in ((k, "q"), (k + 1, "q+1")):
                if 0 <= key < view.n:
                    starts.setdefault(key, []).append(tag)
                if 0 < key <= view.n:
                    ends.setdefault(key, []).append(tag)
        if k > s and view.sent_start[k]:
            ends.setdefault(k, []).append("ss")
        if s < k < e + LOOKAHEAD and view.text[k] in BREAKS:
            ends.setdefault(k, []).append("punct")
    return starts, ends


@pytest.mark.slow
def test_candidates_read_only_the_marked_tokens(cases, monkeypatch: pytest.MonkeyPatch) -> None:
    from selon.nlp.learned.boundaries import candidates as boundaries

    for view, atts, _probs in cases:
        for att in atts:
            if att.cue is None:
                continue
            monkeypatch.setattr(view, "marks", [])  # the candidates before the scan of the tokens in reach
            before = boundaries.candidates(view, att)
            monkeypatch.undo()
            got = boundaries.candidates(view, att)
            expected = _scanned(view, att, *before)
            assert [(k, v) for k, v in got[0].items()] == [(k, v) for k, v in expected[0].items()]
            assert [(k, v) for k, v in got[1].items()] == [(k, v) for k, v in expected[1].items()]
