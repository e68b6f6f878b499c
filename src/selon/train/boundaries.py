"""Training the content boundary reranker of ``selon.nlp.learned.boundaries.reranker`` on PolNeAR train.

The reranker must learn from the tagger's errors on text the tagger has not seen, as at run
time: train is cut in parts (every other article in name order, by default), and each part
is tagged by a tagger fitted on the others. Every learned attribution whose content overlaps a gold
content gives one training group: its candidate spans, the one equal to the gold span (after
the scorer's trimming) being the answer; groups whose gold span is not among the candidates
teach nothing and are counted apart. The model is a conditional logit (softmax over a group's
candidates) with an L2 penalty, fitted by L-BFGS: deterministic, like the tagger.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from selon.eval.polnear import GoldArticle
from selon.eval.spans import trim
from selon.nlp.learned.boundaries.candidates import DocView, enumerate_spans
from selon.nlp.learned.boundaries.reranker import BOUNDARY_FEATURES_VERSION
from selon.nlp.learned.tagger import AttributionTagger, to_attribution
from selon.train.crf import fit

#: On the held-out fifth of train, L2 = 3 beat 0.3, 1, 10 and 30 (content exact F1 56.4).
DEFAULT_L2 = 3.0
#: Cross-tagging parts: each tagger is fitted on (folds - 1) / folds of train.
DEFAULT_FOLDS = 2

Group = tuple[list[list[str]], int]


def _char_span(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    part = doc[span[0] : span[1]]
    return trim(doc.text, part.start_char, part.end_char)


def groups_for(
    articles: Sequence[GoldArticle], docs: Sequence[Doc], tagger: AttributionTagger
) -> tuple[list[Group], int]:
    """Training groups from ``tagger``'s attributions on ``docs``; and how many had no gold candidate."""
    groups: list[Group] = []
    unreachable = 0
    for article, doc in zip(articles, docs, strict=True):
        labels, probs = tagger.tag(doc, marginals=True)
        links = tagger.links(doc, labels=labels)
        if not links:
            continue
        view = DocView(doc)
        text = article.text
        gold = {
            trim(text, *span) for g in article.attributions if g.content and (span := g.extent("content")) is not None
        }
        for lk in links:
            att = to_attribution(doc, lk)
            pred = _char_span(doc, att.content)
            overlapping = [g for g in gold if g[0] < pred[1] and pred[0] < g[1]]
            if not overlapping:
                continue
            target = max(overlapping, key=lambda g: min(g[1], pred[1]) - max(g[0], pred[0]))
            spans = enumerate_spans(view, att, probs)
            answer = next((j for j, (span, *_rest) in enumerate(spans) if _char_span(doc, span) == target), None)
            if answer is None:
                unreachable += 1
                continue
            groups.append(([sf + ef + pf for _, sf, ef, pf in spans], answer))
    return groups, unreachable


def fit_logit(groups: Sequence[Group], l2: float = DEFAULT_L2, max_iterations: int = 300) -> dict[str, float]:
    """Weights maximising the likelihood of each group's answer among its candidates."""
    from scipy import sparse
    from scipy.optimize import minimize

    index: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    offsets = [0]
    answers = []
    for candidates, answer in groups:
        for feats in candidates:
            indices.extend(index.setdefault(f, len(index)) for f in set(feats))
            indptr.append(len(indices))
        answers.append(offsets[-1] + answer)
        offsets.append(offsets[-1] + len(candidates))
    x = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(indptr) - 1, len(index)))
    starts = np.array(offsets[:-1])
    sizes = np.diff(np.array(offsets))
    gold = np.array(answers)

    def loss_grad(w: np.ndarray) -> tuple[float, np.ndarray]:
        scores = x @ w
        top = np.maximum.reduceat(scores, starts)
        exp = np.exp(scores - np.repeat(top, sizes))
        z = np.add.reduceat(exp, starts)
        p = exp / np.repeat(z, sizes)
        loss = -float((scores[gold] - top - np.log(z)).sum()) + 0.5 * l2 * float(w @ w)
        p[gold] -= 1.0
        return loss, x.T @ p + l2 * w

    result = minimize(loss_grad, np.zeros(len(index)), jac=True, method="L-BFGS-B", options={"maxiter": max_iterations})
    names = sorted(index, key=index.__getitem__)
    return {name: round(float(v), 5) for name, v in zip(names, result.x) if abs(v) >= 1e-4}


def fit_boundaries(
    articles: Sequence[GoldArticle],
    docs: Sequence[Doc],
    out_path: Path,
    *,
    crf_params: dict[str, Any] | None = None,
    l2: float = DEFAULT_L2,
    folds: int = DEFAULT_FOLDS,
) -> dict[str, Any]:
    """Fit the reranker from ``folds`` cross-tagged parts of ``articles``; write ``out_path``; return statistics.

    Part ``k`` holds every ``folds``-th article from the ``k``-th in name order, and is tagged by
    a tagger fitted on all the other parts.
    """
    started = time.perf_counter()
    groups: list[Group] = []
    unreachable = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(folds):
            fitted = [j for j in range(len(articles)) if j % folds != k]
            tagged = [j for j in range(len(articles)) if j % folds == k]
            model = Path(tmp) / f"fold{k}.crfsuite"
            fit([articles[j] for j in fitted], [docs[j] for j in fitted], model, params=crf_params)
            found, missing = groups_for(
                [articles[j] for j in tagged],
                [docs[j] for j in tagged],
                AttributionTagger.load(model, boundaries=False),
            )
            groups += found
            unreachable += missing
    fitted_at = time.perf_counter()
    weights = fit_logit(groups, l2=l2)
    stats = {
        "groups": len(groups),
        "gold_not_among_candidates": unreachable,
        "features": len(weights),
        "l2": l2,
        "folds": folds,
        "tagging_seconds": round(fitted_at - started, 1),
        "fitting_seconds": round(time.perf_counter() - fitted_at, 1),
    }
    out_path = Path(out_path)
    out_path.write_text(
        json.dumps(
            {"features_version": BOUNDARY_FEATURES_VERSION, "training": stats, "weights": weights},
            sort_keys=True,
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    stats["bytes"] = out_path.stat().st_size
    return stats
