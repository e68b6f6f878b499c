"""The features of the learned English attribution tagger, token by token (see ``tagger.py``).

They are strings such as ``w=said`` or ``-1p=PROPN``: the packaged CRF was trained on exactly
these, so any change here means a new ``FEATURES_VERSION``, the same change in
``ids.py`` (the tagger's path at run time, tested equal to this one) and a retrained
model. The token
attributes come from :class:`~selon.nlp.doc_arrays.DocArrays`, and each string that does not
depend on the paragraph is built once per Doc (per distinct word, lemma, tag, ...): featurizing
formats millions of strings per hundred articles.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TypeVar

from selon.nlp.doc_arrays import DocArrays
from selon.nlp.learned.features.vocab import (
    CLAUSE_KIDS,
    CUE_POS,
    DCUE,
    NL,
    NR,
    SCUE,
    SFIRST,
    SI,
    SLAST,
    SUBJ_DEPS,
    Q,
    quote_state,
    shape,
)
from selon.nlp.learned.senses import CLASS_NAMES, NONE_ID, SenseKeys

_T = TypeVar("_T")


def _per_value(values: Sequence[str], make: Callable[[str], _T]) -> list[_T]:
    """``[make(v) for v in values]``, calling ``make`` once per distinct value."""
    made = {v: make(v) for v in set(values)}
    return [made[v] for v in values]


def _word_strings(w: str) -> tuple[str, ...]:
    return "w=" + w, "-2w=" + w, "-1w=" + w, "1w=" + w, "2w=" + w, "suf=" + w[-3:]


def _lemma_strings(lemma: str) -> tuple[str, ...]:
    return "l=" + lemma, "-1l=" + lemma, "1l=" + lemma


def _pos_strings(pos: str) -> tuple[str, ...]:
    return "p=" + pos, "-2p=" + pos, "-1p=" + pos, "1p=" + pos, "2p=" + pos


def _dep_strings(dep: str) -> tuple[str, ...]:
    return "d=" + dep, "-1d=" + dep, "1d=" + dep


def _dcue(distance: int) -> str:
    """The "dcue" feature: beyond 25 tokens every distance is "far"."""
    return DCUE[distance if -26 <= distance <= 26 else (26 if distance > 0 else -26)]


class DocFeatures:
    """What the features read, per token of one Doc, and the strings that do not depend on the
    paragraph, each built once: featurizing formats millions of strings per hundred articles,
    so none is formatted twice and as few objects as possible are made per token."""

    def __init__(self, a: DocArrays, cue_lemmas: frozenset[str]) -> None:
        n = a.n
        self.texts = a.text
        self.lower = lower = a.lower_
        self.lemma = lemma = a.lemma_lower
        self.pos = pos = a.pos_
        self.dep = dep = a.dep_
        self.head = head = a.head
        self.left, self.right = a.left_edge, a.right_edge
        self.sent_starts = a.sent_starts
        self.candidate = [pos[k] in CUE_POS and lemma[k] in cue_lemmas for k in range(n)]
        self.w = _per_value(lower, _word_strings)
        self.l = _per_value(lemma, _lemma_strings)
        self.p = _per_value(pos, _pos_strings)
        self.d = _per_value(dep, _dep_strings)
        tokens = range(n)
        self._token_strings(a, head_lemma=["ROOT" if head[k] == k else lemma[head[k]] for k in tokens])
        #: "p-1p0" of token k and "p0p1" of token k - 1, shared per pair of parts of speech
        pairs: dict[tuple[str, str], tuple[str, str]] = {}
        self.pos_pairs = [("", "")] + [
            pairs.get(key) or pairs.setdefault(key, ("p-1p0=" + key[0] + "|" + key[1], "p0p1=" + key[0] + "|" + key[1]))
            for key in itertools.pairwise(pos)
        ]
        self._cue_strings(a)
        self.sense = self._sense_strings(SenseKeys.of(a), dep, head)
        paths: dict[tuple[str, ...], str] = {}
        self.path = [
            paths.get(key) or paths.setdefault(key, "path=" + self._path(k))
            for k, key in ((k, self._path_key(k)) for k in tokens)
        ]

    def _token_strings(self, a: DocArrays, head_lemma: list[str]) -> None:
        """The strings of each token that depend on it and its head alone: ``first``, ``middle``,
        and the edge features its neighbours read (``le1``, ``re1``)."""
        head, left, right, pos, dep = self.head, self.left, self.right, self.pos, self.dep
        tokens = range(a.n)
        first_edge = [left[head[k]] == k for k in tokens]
        last_edge = [right[head[k]] == k for k in tokens]
        # strings of few distinct values are shared, not rebuilt per token: cheaper to make, and
        # the tagger hashes each distinct string object once
        self.le1 = ["-1le=True" if v else "-1le=False" for v in first_edge]  # "le" seen from the next token
        self.re1 = ["1re=True" if v else "1re=False" for v in last_edge]  # "re" seen from the previous token
        #: the features before the quote state (after "bias"), and those after the sentence ones,
        #: token after token in one list each (a tuple per token would keep the collector busy)
        self.first = [
            f
            for row in zip(
                [s[0] for s in self.w],
                [s[0] for s in self.l],
                [s[0] for s in self.p],
                _per_value(a.tag_, lambda t: "t=" + t),
                [s[0] for s in self.d],
                _per_value(self.texts, lambda t: "s=" + shape(t)),
                _per_value(head_lemma, lambda v: "hl=" + v),
                _per_value([pos[h] for h in head], lambda v: "hp=" + v),
                _per_value(["ROOT" if head[k] == k else dep[head[k]] for k in tokens], lambda v: "hd=" + v),
                ["dhl=" + dep[k] + "|" + head_lemma[k] for k in tokens],
                _per_value(
                    [(iob + kind) if kind else "O" for iob, kind in zip(a.ent_iob_, a.ent_type_)], lambda v: "e=" + v
                ),
            )
            for f in row
        ]
        self.middle = [
            f
            for row in zip(
                [s[5] for s in self.w],
                ["pre=L" if k < head[k] else ("pre=R" if k > head[k] else "pre==") for k in tokens],
                ["le=True" if v else "le=False" for v in first_edge],
                ["re=True" if v else "re=False" for v in last_edge],
                [NL[min(v, 3)] for v in a.n_lefts],
                [NR[min(v, 3)] for v in a.n_rights],
            )
            for f in row
        ]

    def _cue_strings(self, a: DocArrays) -> None:
        """Per token: the cue features (candidates only), then "under" and "under_l", and the
        start of "under_q" that the quote state completes (``extra`` and ``under_q``)."""
        n, dep, lemma, candidate = a.n, self.dep, self.lemma, self.candidate
        tokens = range(n)
        self.extra: list[tuple[str, ...]] = [()] * n
        self.under_q: list[str | None] = [None] * n
        for k in tokens:
            extra: tuple[str, ...] = ()
            if candidate[k]:
                kids = {dep[c] for c in a.children(k)}
                extra = (
                    "cue=1",
                    "cue_ccomp=" + str(bool(kids & CLAUSE_KIDS)),
                    "cue_subj=" + str(bool(kids & SUBJ_DEPS)),
                )
            under = self._cue_path(k)
            if under is not None:
                rel, side, anc = under
                extra += ("under=" + rel + side, "under_l=" + lemma[anc] + "|" + rel)
                self.under_q[k] = "under_q=" + rel + side
            if extra:
                self.extra[k] = extra

    @staticmethod
    def _sense_strings(keys: SenseKeys, dep: list[str], head: list[int]) -> list[tuple[str, ...]]:
        """Per token, the WordNet-class features (``senses.py``): its own classes ("ss1", "ssa"),
        the class of the nearest attitude word above it ("uss"), its head's ("hss", "dhss") and
        its neighbours' ("-1ss", "1ss"), its complements ("kid") and their conjunction with its
        first class."""
        first = [CLASS_NAMES[c] for c in keys.first.tolist()]
        has_first = (keys.first != NONE_ID).tolist()
        pair_of, anchor, below = keys.pair_of.tolist(), keys.anchor.tolist(), keys.below.tolist()
        n = len(first)
        out: list[tuple[str, ...]] = []
        for k in range(n):
            feats: list[str] = []
            own = keys.classes[pair_of[k]]
            if own:
                feats.append("ss1=" + first[k])
                feats += ["ssa=" + c for c in own]
            if anchor[k] >= 0:
                feats.append("uss=" + dep[below[k]] + ("L" if k < anchor[k] else "R") + first[anchor[k]])
            h = head[k]
            if h != k:
                feats += ("hss=" + first[h], "dhss=" + dep[k] + "|" + first[h])
            if k > 0:
                feats.append("-1ss=" + first[k - 1])
            if k + 1 < n:
                feats.append("1ss=" + first[k + 1])
            kids = keys.kids.get(k)
            if kids:
                feats += kids
                if has_first[k]:
                    feats += [first[k] + "|" + kid for kid in kids]
            out.append(tuple(feats))
        return out

    def _cue_path(self, k: int) -> tuple[str, str, int] | None:
        """The nearest cue-candidate ancestor: (relation below it on the path, side, ancestor)."""
        head, candidate = self.head, self.candidate
        child, node = k, head[k]
        for _ in range(8):
            if node == child:
                return None
            if candidate[node]:
                return self.dep[child], ("L" if k < node else "R"), node
            child, node = node, head[node]
        return None

    def _path_key(self, k: int) -> tuple[str, ...]:
        """What ``_path`` depends on: the token's relation and its first two ancestors' (or none)."""
        dep, head = self.dep, self.head
        h1 = head[k]
        if h1 == k:
            return (dep[k],)
        h2 = head[h1]
        return (dep[k], dep[h1]) if h2 == h1 else (dep[k], dep[h1], dep[h2])

    def _path(self, k: int) -> str:
        """The token's relation and those of its first two ancestors."""
        dep = self.dep
        h1 = self.head[k]
        if h1 == k:
            return dep[k] + ">"
        h2 = self.head[h1]
        if h2 == h1:
            return dep[k] + ">" + dep[h1]
        return dep[k] + ">" + dep[h1] + ">" + dep[h2]

    def cue_relation(self, k: int, c: int) -> tuple[str, str] | None:
        """How token ``k`` sits towards ``c``, the nearest cue candidate of its sentence.

        "in" its subtree (a complement or subject), "sib" in the subtree of the cue's head but
        not the cue's (the clause an adjunct "according to X" or an incise "..., he said"
        attaches to), or "out"; with the side and the cue's relation, then its lemma.
        A projective parse makes every subtree a contiguous range, so edges suffice.
        """
        if c == k:
            return None
        side = "L" if k < c else "R"
        if self.left[c] <= k <= self.right[c]:
            rel = "in" + side
        else:
            h = self.head[c]
            rel = ("sib" if h != c and self.left[h] <= k <= self.right[h] else "out") + side + self.dep[c]
        return "crel=" + rel, "crel_l=" + rel + "|" + self.lemma[c]

    def paragraph(self, start: int, end: int) -> list[list[str]]:
        """Each token's feature strings, its own then its neighbours' within the paragraph."""
        flat: list[str] = []
        ends: list[int] = []
        self.add_paragraph(start, end, flat, ends)
        return [flat[b:e] for b, e in zip([0, *ends[:-1]], ends)]

    def _paragraph_cues(self, start: int, end: int) -> tuple[list[int], dict[int, list[int]]]:
        """The cue candidates of the paragraph, in order, and those of each of its sentences (by
        the sentence's first token)."""
        sent_starts, candidate = self.sent_starts, self.candidate
        cues = [k for k in range(start, end) if candidate[k]]
        sent_cues: dict[int, list[int]] = {}
        for c in cues:
            sent_cues.setdefault(sent_starts[c], []).append(c)
        return cues, sent_cues

    def add_paragraph(self, start: int, end: int, flat: list[str], ends: list[int]) -> None:
        """Append the feature strings of each token of the paragraph to ``flat``, and after each
        token the length of ``flat`` to ``ends`` (the tagger reads them so, without a list per token).

        The nearest cue candidate of each token (of the paragraph: "dcue"; of its sentence:
        "crel", ties to the earlier one) is followed with a pointer, the tokens coming in order."""
        sent_starts = self.sent_starts
        qs = [Q[q] for q in quote_state(self.texts, start, end)]
        cues, sent_cues = self._paragraph_cues(start, end)
        w, lem, p, d, pos_pairs, lower = self.w, self.l, self.p, self.d, self.pos_pairs, self.lower
        first, middle, extra, under_q, path = self.first, self.middle, self.extra, self.under_q, self.path
        sent_index, current, si = 0, sent_starts[start], SI[0]
        scues: Sequence[int] = sent_cues.get(current, ())
        near_s, n_cues, cue_pos = 0, len(cues), 0
        for k in range(start, end):
            i = k - start
            s_start = sent_starts[k]
            if s_start != current:
                current = s_start
                sent_index += 1
                si = SI[min(sent_index, 3)]
                scues = sent_cues.get(s_start, ())
                near_s = 0
            q = qs[i]
            feats = [
                "bias",
                *first[11 * k : 11 * k + 11],
                q[0],
                SFIRST[k == s_start],
                SLAST[k + 1 >= end or sent_starts[k + 1] != s_start],
                si,
                *middle[6 * k : 6 * k + 6],
                *extra[k],
            ]
            under = under_q[k]
            if under is not None:
                feats.append(under + q[0][2:])
            if n_cues:
                # |c1 - k| <= |c0 - k| for c0 < c1 is 2k >= c0 + c1
                while cue_pos + 1 < n_cues and 2 * k >= cues[cue_pos] + cues[cue_pos + 1]:
                    cue_pos += 1
                near = cues[cue_pos]
                if near != k:
                    feats += (_dcue(k - near), SCUE[sent_starts[near] == s_start])
            feats.append(path[k])
            feats += self.sense[k]
            if scues:
                while near_s + 1 < len(scues) and 2 * k > scues[near_s] + scues[near_s + 1]:
                    near_s += 1
                rel = self.cue_relation(k, scues[near_s])
                if rel is not None:
                    feats += rel
            if i >= 2:
                j = k - 2
                feats += (w[j][1], p[j][1], qs[i - 2][1])
            else:
                feats.append("-2=PAD")
            if i >= 1:
                j = k - 1
                feats += (w[j][2], lem[j][1], p[j][2], d[j][1], qs[i - 1][2], self.le1[j])
            else:
                feats.append("-1=PAD")
            if k + 1 < end:
                j = k + 1
                feats += (w[j][3], lem[j][2], p[j][3], d[j][2], qs[i + 1][3], self.re1[j])
            else:
                feats.append("1=PAD")
            if k + 2 < end:
                j = k + 2
                feats += (w[j][4], p[j][4], qs[i + 2][4])
            else:
                feats.append("2=PAD")
            if i > 0:
                feats += (pos_pairs[k][0], "w-1w0=" + lower[k - 1] + "|" + lower[k])
            if k + 1 < end:
                feats += (pos_pairs[k + 1][1], "w0w1=" + lower[k] + "|" + lower[k + 1])
            flat += feats
            ends.append(len(flat))
