"""The features of the learned English attribution tagger, token by token (see ``learned.py``).

They are strings such as ``w=said`` or ``-1p=PROPN``: the packaged CRF was trained on exactly
these, so any change here means a new ``FEATURES_VERSION``, the same change in
``featurize_ids.py`` (the tagger's path at run time, tested equal to this one) and a retrained
model. The token
attributes come from :class:`~selon.nlp.doc_arrays.DocArrays`, and each string that does not
depend on the paragraph is built once per Doc (per distinct word, lemma, tag, ...): featurizing
formats millions of strings per hundred articles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from selon.nlp.doc_arrays import DocArrays
from selon.nlp.learned.senses import CLASS_NAMES, NONE_ID, SenseKeys

_T = TypeVar("_T")
_OPENING = frozenset({"“", "«"})
_CLOSING = frozenset({"”", "»"})
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})
_CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADP", "ADJ"})


def _shape(text: str) -> str:
    if text.isdigit():
        return "d"
    if text.isupper() and len(text) > 1:
        return "XX"
    if text[:1].isupper():
        return "Xx"
    if text.isalpha():
        return "x"
    if any(c.isalnum() for c in text):
        return "mix"
    return text[:2]


def _bucket(n: int) -> str:
    a = abs(n)
    b = str(a) if a <= 3 else ("6" if a <= 6 else ("12" if a <= 12 else ("25" if a <= 25 else "far")))
    return ("-" if n < 0 else "+") + b


def _quote_state(texts: Sequence[str], start: int, end: int) -> list[int]:
    """Per token of ``texts[start:end]``: 1 inside a quotation, 2 on an opening mark, 3 on a
    closing mark, 0 outside.

    Straight double quotes toggle; typographic ones open and close. Single quotes count only
    as a pair ‘...’ (a lone ’ is an apostrophe). A quote opened and never closed in the
    paragraph stays open to its end (multi-sentence quotes do that).
    """
    state = [0] * (end - start)
    inside = single = False
    for k in range(start, end):
        text = texts[k]
        if text in _OPENING or (text == '"' and not inside):
            state[k - start] = 2
            inside = True
        elif text in _CLOSING or (text == '"' and inside):
            state[k - start] = 3
            inside = single = False
        elif text == "‘" and not single:
            state[k - start] = 2
            single = True
        elif text == "’" and single:
            state[k - start] = 3
            single = False
        elif inside or single:
            state[k - start] = 1
    return state


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


#: the feature strings of the quote state (``_quote_state``): own, then as seen from -2, -1, +1, +2
_Q = [(f"q={q}", f"-2q={q}", f"-1q={q}", f"1q={q}", f"2q={q}") for q in range(4)]
_SI = [f"si={k}" for k in range(4)]
_SFIRST = {True: "sfirst=True", False: "sfirst=False"}
_SLAST = {True: "slast=True", False: "slast=False"}
_SCUE = {True: "scue=True", False: "scue=False"}
_DCUE = {d: "dcue=" + _bucket(d) for d in range(-26, 27)}


def _dcue(distance: int) -> str:
    """The "dcue" feature: beyond 25 tokens every distance is "far"."""
    return _DCUE[distance if -26 <= distance <= 26 else (26 if distance > 0 else -26)]


_CLAUSE_KIDS = frozenset({"ccomp", "xcomp", "parataxis"})
_NL = ("nl=0", "nl=1", "nl=2", "nl=3")
_NR = ("nr=0", "nr=1", "nr=2", "nr=3")


class _DocFeatures:
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
        self.left, self.right = left, right = a.left_edge, a.right_edge
        self.sent_starts = a.sent_starts
        self.candidate = candidate = [pos[k] in _CUE_POS and lemma[k] in cue_lemmas for k in range(n)]
        self.w = _per_value(lower, _word_strings)
        self.l = _per_value(lemma, _lemma_strings)
        self.p = _per_value(pos, _pos_strings)
        self.d = _per_value(dep, _dep_strings)
        tokens = range(n)
        head_lemma = ["ROOT" if head[k] == k else lemma[head[k]] for k in tokens]
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
                _per_value(self.texts, lambda t: "s=" + _shape(t)),
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
                [_NL[min(v, 3)] for v in a.n_lefts],
                [_NR[min(v, 3)] for v in a.n_rights],
            )
            for f in row
        ]
        #: "p-1p0" of token k and "p0p1" of token k - 1, shared per pair of parts of speech
        pairs: dict[tuple[str, str], tuple[str, str]] = {}
        self.pos_pairs = [("", "")] + [
            pairs.get(key) or pairs.setdefault(key, ("p-1p0=" + key[0] + "|" + key[1], "p0p1=" + key[0] + "|" + key[1]))
            for key in zip(pos, pos[1:])
        ]
        #: per token: the cue features (candidates only), then "under" and "under_l", and the
        #: start of "under_q" that the quote state completes; empty or None without them
        self.extra: list[tuple[str, ...]] = [()] * n
        self.under_q: list[str | None] = [None] * n
        for k in tokens:
            extra: tuple[str, ...] = ()
            if candidate[k]:
                kids = {dep[c] for c in a.children(k)}
                extra = (
                    "cue=1",
                    "cue_ccomp=" + str(bool(kids & _CLAUSE_KIDS)),
                    "cue_subj=" + str(bool(kids & _SUBJ_DEPS)),
                )
            under = self._cue_path(k)
            if under is not None:
                rel, side, anc = under
                extra += ("under=" + rel + side, "under_l=" + lemma[anc] + "|" + rel)
                self.under_q[k] = "under_q=" + rel + side
            if extra:
                self.extra[k] = extra
        self.sense = self._sense_strings(SenseKeys.of(a), dep, head)
        paths: dict[tuple[int, ...], str] = {}
        self.path = [
            paths.get(key) or paths.setdefault(key, "path=" + self._path(k))
            for k, key in ((k, self._path_key(k)) for k in tokens)
        ]

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
        return [flat[b:e] for b, e in zip([0] + ends[:-1], ends)]

    def add_paragraph(self, start: int, end: int, flat: list[str], ends: list[int]) -> None:
        """Append the feature strings of each token of the paragraph to ``flat``, and after each
        token the length of ``flat`` to ``ends`` (the tagger reads them so, without a list per token).

        The nearest cue candidate of each token (of the paragraph: "dcue"; of its sentence:
        "crel", ties to the earlier one) is followed with a pointer, the tokens coming in order.
        """
        sent_starts, candidate = self.sent_starts, self.candidate
        qs = [_Q[q] for q in _quote_state(self.texts, start, end)]
        cues = [k for k in range(start, end) if candidate[k]]
        sent_cues: dict[int, list[int]] = {}
        for c in cues:
            sent_cues.setdefault(sent_starts[c], []).append(c)
        w, l, p, d, pos_pairs, lower = self.w, self.l, self.p, self.d, self.pos_pairs, self.lower
        first, middle, extra, under_q, path = self.first, self.middle, self.extra, self.under_q, self.path
        sent_index = 0
        current = sent_starts[start]
        si = _SI[0]
        scues = sent_cues.get(current, ())
        near_s = 0
        n_cues = len(cues)
        cue_pos = 0
        for k in range(start, end):
            i = k - start
            s_start = sent_starts[k]
            if s_start != current:
                current = s_start
                sent_index += 1
                si = _SI[min(sent_index, 3)]
                scues = sent_cues.get(s_start, ())
                near_s = 0
            q = qs[i]
            feats = [
                "bias",
                *first[11 * k : 11 * k + 11],
                q[0],
                _SFIRST[k == s_start],
                _SLAST[k + 1 >= end or sent_starts[k + 1] != s_start],
                si,
                *middle[6 * k : 6 * k + 6],
                *extra[k],
            ]
            if under_q[k] is not None:
                feats.append(under_q[k] + q[0][2:])
            if n_cues:
                # |c1 - k| <= |c0 - k| for c0 < c1 is 2k >= c0 + c1
                while cue_pos + 1 < n_cues and 2 * k >= cues[cue_pos] + cues[cue_pos + 1]:
                    cue_pos += 1
                near = cues[cue_pos]
                if near != k:
                    feats += (_dcue(k - near), _SCUE[sent_starts[near] == s_start])
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
                feats += (w[j][2], l[j][1], p[j][2], d[j][1], qs[i - 1][2], self.le1[j])
            else:
                feats.append("-1=PAD")
            if k + 1 < end:
                j = k + 1
                feats += (w[j][3], l[j][2], p[j][3], d[j][2], qs[i + 1][3], self.re1[j])
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
