"""Where a learned content starts and ends: a reranker over the spans the parse allows.

The tagger of ``tagger.py`` decides token by token and sees a few words around each; where a
content stops ("... at the convention, but he is still the favourite") or starts ("When she
took the stage, she became ...") often depends on the clause structure and on quotation marks
far away. For every learned attribution ``candidates.py`` lists the plausible starts and ends (the
tagger's own, one token either side, the edges of the cue's complements and of its head's, the
sentence, quotation marks, commas) and this module scores each (start, end) pair with a linear model over
features of both edges, of the pair, and of the tagger's own confidence (its marginal
probability that a token is content). The best pair wins; the tagger's span is one of the
candidates, so where the model has nothing to say the span stays as it was. ``batch.py`` does
the same for all the attributions of a Doc at once.

The weights (``NAME.boundaries.json`` beside the tagger's ``NAME.crfsuite``) are a conditional logit trained on PolNeAR
train by ``selon train polnear``: each half of train is tagged by a tagger fitted on the other
half, so that the reranker learns from the errors the tagger makes on text it has not seen.
Measured on the held-out fifth of train, content exact F1 rose from 53.6 to 56.4.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from itertools import repeat
from pathlib import Path
from typing import Any

from selon.nlp.attribution.span import Attribution
from selon.nlp.learned.boundaries.batch import BatchWeights, PairTables, choose_all
from selon.nlp.learned.boundaries.candidates import (
    MAX_LEN,
    DocView,
    Probs,
    bucket,
    candidate_pairs,
    candidates,
    cue_position,
    end_features,
    start_features,
)

#: Bump when the features change: weights trained on other features are refused.
BOUNDARY_FEATURES_VERSION = 1


def boundaries_path(model_path: Path) -> Path:
    """Where the reranker trained for the tagger ``model_path`` lives: beside it."""
    return Path(model_path).with_suffix(".boundaries.json")


class ContentBoundaries:
    """Loaded weights; picks the best-scoring content span of a learned attribution."""

    def __init__(self, weights: dict[str, float], meta: dict[str, Any] | None = None) -> None:
        self.weights = weights
        self.meta = meta or {}
        self._tables: PairTables | None = None
        self._batch: BatchWeights | None = None  # the weights as ``batch.py`` reads them, made on first use

    @classmethod
    def load(cls, path: Path) -> ContentBoundaries:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        version = data.get("features_version")
        if version != BOUNDARY_FEATURES_VERSION:
            raise ValueError(
                f"{path} holds boundary features version {version}, this code computes "
                f"{BOUNDARY_FEATURES_VERSION}; retrain with `selon train polnear`"
            )
        return cls({k: float(v) for k, v in data["weights"].items()}, data.get("training", {}))

    def _score(self, feats: list[str]) -> float:
        return sum(map(self.weights.get, feats, repeat(0.0, len(feats))))

    def choose(self, view: DocView, att: Attribution, probs: Probs | None) -> tuple[int, int]:
        """The content span to keep: the best-scoring candidate (the tagger's when all tie).

        Scores as ``enumerate_spans`` would, adding the same weights in the same order, but
        the pair features come from tables made once, not as strings per pair.
        """
        if att.cue is None:
            return att.content
        starts, ends = candidates(view, att)
        start_scores = {k: self._score(start_features(view, att, k, tags, probs)) for k, tags in starts.items()}
        end_scores = {k: self._score(end_features(view, att, k, tags, probs)) for k, tags in ends.items()}
        w_orig, w_len, w_sent, w_where, w_quote = self.pair_tables()
        original = att.content
        best, best_score = original, -math.inf
        for s, e, sentences, quotes in candidate_pairs(view, att, starts, ends):
            pair = 0.0
            if s == original[0] and e == original[1]:
                pair += w_orig
            pair += w_len[e - s]
            pair += w_sent[min(sentences, 2)]
            pair += w_where[cue_position(att, s, e)]
            pair += w_quote[quotes % 2]
            total = start_scores[s] + end_scores[e] + pair
            if total > best_score or (total == best_score and (s, e) == original):
                best, best_score = (s, e), total
        return best

    def choose_all(self, view: DocView, atts: Sequence[Attribution], probs: Probs | None) -> list[tuple[int, int]]:
        """``[self.choose(view, att, probs) for att in atts]`` for the attributions of one Doc,
        scored all together (``batch.py``): the same spans, in a fraction of the time."""
        return choose_all(self, view, atts, probs)

    def batch_weights(self) -> BatchWeights:
        """The weights arranged for ``batch.py``, made on first use and kept."""
        if self._batch is None:
            self._batch = BatchWeights(self.weights)
        return self._batch

    def pair_tables(self) -> PairTables:
        """The weights of the pair features by value (``P_orig``, length, sentences crossed, where the
        cue stands, quotation balance), made on first use and kept."""
        if self._tables is None:
            w = self.weights
            self._tables = (
                w.get("P_orig", 0.0),
                [w.get("Plen" + bucket(n), 0.0) for n in range(MAX_LEN + 1)],
                [w.get(f"Pxs={n}", 0.0) for n in range(3)],
                {k: w.get("Pcue=" + k, 0.0) for k in ("in", "after", "before", "cross")},
                [w.get(f"Pqbal={n}", 0.0) for n in range(2)],
            )
        return self._tables
