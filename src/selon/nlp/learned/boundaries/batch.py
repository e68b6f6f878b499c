"""The content boundaries of all the learned attributions of a Doc, chosen at once.

``ContentBoundaries.choose`` (``reranker.py``) scores one attribution's candidate spans by
writing out each edge's features as strings and summing their weights; with some twenty
features per edge, thirty edges and seventy spans per attribution, that is most of its time.
The attributions of a Doc come together, so here all their edges and spans are scored together:
a weight that depends on the token alone (its word, part of speech, ...) is read once per token
value (and kept across Docs), and each feature is one numpy operation over every edge of the Doc.

Each edge's score is the same sum as ``choose`` makes, its weights added one by one in the same
order (unknown features add 0.0, which changes no sum), and each span's score likewise; so the
spans chosen are the same, ties included (``tests/nlp/test_boundaries_batch.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, Protocol

import numpy as np
from spacy.attrs import DEP, LOWER, POS

from selon.nlp.attribution.span import Attribution
from selon.nlp.learned.boundaries.candidates import MAX_LEN, DocView, Probs, bucket, candidates
from selon.nlp.learned.value_table import ValueTable

#: The weights of the pair features by value: ``P_orig``; by length 0..MAX_LEN; by sentence starts
#: crossed 0, 1, 2+; by where the cue stands ("in", "after", "before", "cross"); by quotation balance.
PairTables = tuple[float, list[float], list[float], dict[str, float], list[float]]

_SIDES = "BAI"  # before the cue, after it, inside it: the side codes 0, 1, 2
_PROB_EDGES = np.array([0.1, 0.3, 0.5, 0.7, 0.9])  # the thresholds of ``_prob_bucket``


def _far(d: np.ndarray) -> np.ndarray:
    """Index of ``bucket(d)`` in a table over -26..26 (beyond 25 every distance is "far")."""
    return np.clip(d, -26, 26) + 26


def _prob(p: np.ndarray) -> np.ndarray:
    """``_prob_bucket`` as the index 0..5."""
    return np.searchsorted(_PROB_EDGES, p, side="right")


class BatchWeights:
    """The reranker's weights arranged for whole arrays of edges: per token value, per side, per
    distance bucket, per probability bucket."""

    def __init__(self, weights: dict[str, float]) -> None:
        w = self.weights = weights

        def one(name: str) -> float:
            return w.get(name, 0.0)

        def arr(names: Sequence[str]) -> np.ndarray:
            return np.array([one(x) for x in names])

        def table(width: int, make: Callable[[Any], Sequence[str]]) -> ValueTable:
            return ValueTable(w, 0.0, width, make, dtype=np.float64)

        self.bucket = {name: arr([name + bucket(d) for d in range(-26, 27)]) for name in ("Sd", "Sdc", "Ed")}
        self.side = {name: arr([name + x for x in _SIDES]) for name in ("Sside=", "Eside=")}
        self.flag = {name: arr([name + "False", name + "True"]) for name in ("Sss=", "Ess=")}
        #: by 2 * (quote at the first token) + (quote at the second)
        self.quotes = {
            name: arr([name + a + b for a in ("False", "True") for b in ("False", "True")]) for name in ("Sq=", "Eq=")
        }
        self.prob = {
            prefix + kind: arr([prefix + kind + str(b) for b in range(6)])
            for prefix in ("Sm", "Em")
            for kind in ("B", "C", "C1")
        }
        self.one = {name: one(name) for name in ("Spw=^", "Spp=^", "Enw=$", "Enp=$", "SmC1-", "EmC-")}
        #: per word: Sw, Spw, Sw|side for B, A, I, Elw, Enw
        self.word = table(
            7,
            lambda v: (
                "Sw=" + v,
                "Spw=" + v,
                "Sw|side=" + v + "B",
                "Sw|side=" + v + "A",
                "Sw|side=" + v + "I",
                "Elw=" + v,
                "Enw=" + v,
            ),
        )
        self.pos = table(4, lambda v: ("Sp=" + v, "Spp=" + v, "Elp=" + v, "Enp=" + v))
        self.dep = table(1, lambda v: ("Sdep=" + v,))
        self.next_last = table(1, lambda k: ("Enw|lp=" + k[0] + "|" + k[1],))
        self._tags: dict[tuple[str, tuple[str, ...], str], float] = {}

    def tags(self, edge: str, tags: list[str], side: str) -> float:
        """The first weights of an edge, those of why it is a candidate: ``edge + tag`` for each
        tag, then ``edge + tag + "|" + side``, added in that order."""
        key = (edge, tuple(tags), side)
        found = self._tags.get(key)
        if found is None:
            get = self.weights.get
            found = 0.0
            for tag in tags:
                found += get(edge + tag, 0.0)
            for tag in tags:
                found += get(edge + tag + "|" + side, 0.0)
            if len(self._tags) < 100_000:
                self._tags[key] = found
        return found


class BatchModel(Protocol):
    """What ``choose_all`` reads of the reranker (``ContentBoundaries``): its weights in both arrangements."""

    def batch_weights(self) -> BatchWeights: ...

    def pair_tables(self) -> PairTables: ...


class _Edges(NamedTuple):
    """The candidate edges of a Doc's attributions: per attribution its starts, then its ends."""

    content: np.ndarray  # (attributions, 2): the tagger's span of each
    cue: np.ndarray  # (attributions, 2)
    starts: np.ndarray  # the token of each candidate start
    ends: np.ndarray  # the token of each candidate end (exclusive)
    s_att: np.ndarray  # the attribution of each start
    e_att: np.ndarray  # the attribution of each end
    s_tags: list[float]  # the weights of why each start is a candidate
    e_tags: list[float]
    s_count: list[int]  # candidate starts per attribution
    e_count: list[int]


class _Tokens(NamedTuple):
    """What the edge features read of the Doc's tokens, as arrays."""

    words: list[str]  # the distinct lower-case words, and per token the index of its own
    word_of: np.ndarray
    tags: list[str]
    tag_of: np.ndarray
    deps: list[str]
    dep_of: np.ndarray
    word: np.ndarray  # per token, the weights of ``BatchWeights.word``
    pos: np.ndarray  # per token, the weights of ``BatchWeights.pos``
    sent_start: np.ndarray
    quote: np.ndarray
    p_begin: np.ndarray | None
    p_content: np.ndarray | None


def _edges(w: BatchWeights, view: DocView, atts: Sequence[Attribution], todo: list[int]) -> _Edges:
    s_tok: list[int] = []
    s_tags: list[float] = []
    e_tok: list[int] = []
    e_tags: list[float] = []
    s_count: list[int] = []
    e_count: list[int] = []
    for k in todo:
        att = atts[k]
        assert att.cue is not None
        c0, c1 = att.cue
        starts, ends = candidates(view, att)
        s_count.append(len(starts))
        e_count.append(len(ends))
        for tok, tags in starts.items():
            s_tok.append(tok)
            s_tags.append(w.tags("S_", tags, "B" if tok < c0 else ("A" if tok >= c1 else "I")))
        for tok, tags in ends.items():
            e_tok.append(tok)
            e_tags.append(w.tags("E_", tags, "B" if tok <= c0 else ("A" if tok > c1 else "I")))
    return _Edges(
        content=np.array([atts[k].content for k in todo], dtype=np.intp).reshape(-1, 2),
        cue=np.array([atts[k].cue for k in todo], dtype=np.intp).reshape(-1, 2),
        starts=np.array(s_tok, dtype=np.intp),
        ends=np.array(e_tok, dtype=np.intp),
        s_att=np.repeat(np.arange(len(todo)), s_count),
        e_att=np.repeat(np.arange(len(todo)), e_count),
        s_tags=s_tags,
        e_tags=e_tags,
        s_count=s_count,
        e_count=e_count,
    )


def _tokens(w: BatchWeights, view: DocView, probs: Probs | None) -> _Tokens:
    a = view.arrays
    words, word_of = a.codes(LOWER)
    tags, tag_of = a.codes(POS)
    deps, dep_of = a.codes(DEP)
    word = w.word.of(words, word_of)
    pos = w.pos.of(tags, tag_of)
    p_begin = p_content = None
    if probs is not None:
        p_begin, p_content = np.asarray(probs[0], dtype=np.float64), np.asarray(probs[1], dtype=np.float64)
    return _Tokens(
        words,
        word_of,
        tags,
        tag_of,
        deps,
        dep_of,
        word,
        pos,
        np.array(view.sent_start, dtype=bool),
        np.array(view.quote, dtype=bool),
        p_begin,
        p_content,
    )


def _start_scores(w: BatchWeights, tok: _Tokens, edges: _Edges) -> np.ndarray:
    """Every start's score, feature after feature as ``start_features`` lists them."""
    word, pos, quote = tok.word, tok.pos, tok.quote
    t = edges.starts
    c0, c1 = edges.cue[edges.s_att, 0], edges.cue[edges.s_att, 1]
    side = np.where(t < c0, 0, np.where(t >= c1, 1, 2))
    prev = np.maximum(t - 1, 0)
    has_prev = t > 0
    score = np.array(edges.s_tags)
    score = score + w.bucket["Sd"][_far(t - edges.content[edges.s_att, 0])]
    score = score + word[t, 0]
    score = score + pos[t, 0]
    score = score + w.dep.of(tok.deps, tok.dep_of)[t, 0]
    score = score + w.side["Sside="][side]
    score = score + np.where(has_prev, word[prev, 1], w.one["Spw=^"])
    score = score + np.where(has_prev, pos[prev, 1], w.one["Spp=^"])
    score = score + w.flag["Sss="][tok.sent_start[t].astype(np.intp)]
    score = score + w.quotes["Sq="][2 * quote[t] + (has_prev & quote[prev])]
    score = score + word[t, 2 + side]
    score = score + w.bucket["Sdc"][_far(np.where(t >= c1, t - c1, t - c0))]
    p_begin, p_content = tok.p_begin, tok.p_content
    if p_begin is not None and p_content is not None:
        score = score + w.prob["SmB"][_prob(p_begin[t])]
        score = score + w.prob["SmC"][_prob(p_content[t])]
        score = score + np.where(has_prev, w.prob["SmC1"][_prob(p_content[prev])], w.one["SmC1-"])
    return score


def _end_scores(w: BatchWeights, tok: _Tokens, edges: _Edges, n: int) -> np.ndarray:
    """Every end's score, as ``end_features`` lists them."""
    word, pos, quote = tok.word, tok.pos, tok.quote
    t = edges.ends
    c0, c1 = edges.cue[edges.e_att, 0], edges.cue[edges.e_att, 1]
    side = np.where(t <= c0, 0, np.where(t > c1, 1, 2))
    inside = t < n
    at = np.minimum(t, n - 1)  # the token after the end, where there is one
    last = t - 1
    score = np.array(edges.e_tags)
    score = score + w.bucket["Ed"][_far(t - edges.content[edges.e_att, 1])]
    score = score + word[last, 5]
    score = score + pos[last, 2]
    score = score + np.where(inside, word[at, 6], w.one["Enw=$"])
    score = score + np.where(inside, pos[at, 3], w.one["Enp=$"])
    score = score + w.flag["Ess="][(~inside | tok.sent_start[at]).astype(np.intp)]
    score = score + w.quotes["Eq="][2 * quote[last] + (inside & quote[at])]
    score = score + w.side["Eside="][side]
    next_word = np.where(inside, tok.word_of[at], len(tok.words))
    score = score + w.next_last.of_pairs([*tok.words, "$"], next_word, tok.tags, tok.tag_of[last])[:, 0]
    p_begin, p_content = tok.p_begin, tok.p_content
    if p_begin is not None and p_content is not None:
        c1_weight = w.prob["EmC1"][_prob(p_content[last])]
        score = score + np.where(inside, w.prob["EmB"][_prob(p_begin[at])], w.one["EmC-"])
        score = score + np.where(inside, w.prob["EmC"][_prob(p_content[at])], c1_weight)
        score = score + np.where(inside, c1_weight, 0.0)
    return score


class _Spans(NamedTuple):
    """The candidate spans of a Doc's attributions that overlap the tagger's, with their scores."""

    owner: np.ndarray  # the attribution of each span
    start: np.ndarray
    end: np.ndarray
    is_orig: np.ndarray  # whether it is the tagger's own
    total: np.ndarray


def _spans(
    model: BatchModel, tok: _Tokens, edges: _Edges, start_score: np.ndarray, end_score: np.ndarray
) -> _Spans | None:
    """Per attribution every (start, end) pair, starts in candidate order, then ends, as ``candidate_pairs``
    keeps them, each scored as its start, its end and the pair features; None when there is none."""
    s_count, e_count = edges.s_count, edges.e_count
    s_first = np.cumsum(s_count) - s_count
    e_first = np.cumsum(e_count) - e_count
    sizes = np.array(s_count) * np.array(e_count)
    pair_att = np.repeat(np.arange(len(s_count)), sizes)
    local = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    width = np.array(e_count)[pair_att]
    si = s_first[pair_att] + local // width
    ei = e_first[pair_att] + local % width
    s, e = edges.starts[si], edges.ends[ei]
    s0, e0 = edges.content[pair_att, 0], edges.content[pair_att, 1]
    keep = (e > s) & (e - s <= MAX_LEN) & (e >= s0) & (s <= e0)
    if not keep.any():
        return None
    si, ei, s, e, s0, e0, pair_att = si[keep], ei[keep], s[keep], e[keep], s0[keep], e0[keep], pair_att[keep]
    c0, c1 = edges.cue[pair_att, 0], edges.cue[pair_att, 1]
    # sentence starts strictly inside (after the first token) and quotation marks, as ``candidate_pairs`` counts them
    sentences = np.concatenate(([0], np.cumsum(tok.sent_start)))
    quotes = np.concatenate(([0], np.cumsum(tok.quote)))
    n_sent = sentences[e] - sentences[s + 1]
    n_quote = quotes[e] - quotes[s]
    w_orig, w_len, w_sent, w_where, w_quote = model.pair_tables()
    is_orig = (s == s0) & (e == e0)
    where = np.select([(s <= c0) & (c1 <= e), s >= c1, e <= c0], [0, 1, 2], 3)  # in, after, before, cross
    pair = np.where(is_orig, 0.0 + w_orig, 0.0)
    pair = pair + np.asarray(w_len)[e - s]
    pair = pair + np.asarray(w_sent)[np.minimum(n_sent, 2)]
    pair = pair + np.array([w_where[x] for x in ("in", "after", "before", "cross")])[where]
    pair = pair + np.asarray(w_quote)[n_quote % 2]
    return _Spans(pair_att, s, e, is_orig, start_score[si] + end_score[ei] + pair)


def choose_all(
    model: BatchModel, view: DocView, atts: Sequence[Attribution], probs: Probs | None
) -> list[tuple[int, int]]:
    """``[model.choose(view, att, probs) for att in atts]``, all scored at once."""
    chosen = [att.content for att in atts]
    todo = [k for k, att in enumerate(atts) if att.cue is not None]
    if not todo:
        return chosen
    w = model.batch_weights()
    edges = _edges(w, view, atts, todo)
    tok = _tokens(w, view, probs)
    start_score = _start_scores(w, tok, edges)
    end_score = _end_scores(w, tok, edges, view.n)
    spans = _spans(model, tok, edges, start_score, end_score)
    if spans is None:
        return chosen
    # per attribution the best span: the tagger's own when among the best, else the first
    top = np.full(len(todo), -np.inf)
    np.maximum.at(top, spans.owner, spans.total)
    best = spans.total == top[spans.owner]
    kept_orig = set(spans.owner[best & spans.is_orig].tolist())
    hits = np.flatnonzero(best)
    owners, first = np.unique(spans.owner[hits], return_index=True)
    for owner, pick in zip(owners.tolist(), hits[first].tolist()):
        if owner not in kept_orig:
            chosen[todo[owner]] = (int(spans.start[pick]), int(spans.end[pick]))
    return chosen
