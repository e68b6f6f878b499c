"""The tagger's features as attribute ids of its CRF, computed without their strings.

``strings.py`` spells every feature as a string (``w=said``, ``-1p=PROPN``) because that is what
the model was trained on, and the tagger then looks each string up in the model's attribute table:
millions of strings formatted and hashed per hundred articles. Almost all of them are a template
applied to a token value (a word, a lemma, a relation, a pair of them), so here each distinct
value is turned into the ids of its strings once, and kept across Docs; the per-token work is
numpy indexing.

The result is a table with one row per paragraph token and one column per feature slot, in the
order ``DocFeatures.add_paragraph`` writes the strings; a slot a token lacks holds the model's
"unknown" id, whose weights are zeros. Summing the columns left to right therefore adds the same
weights in the same order as the string path, and gives the same state scores bit for bit
(``tests/nlp/test_featurize_ids.py`` checks it on real articles). Training keeps the strings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, LEMMA, LOWER, ORTH, POS, TAG

from selon.nlp.doc_arrays import DocArrays, nearest_marked_ancestor
from selon.nlp.learned.crf import CrfModel
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
    SLOTS,
    SUBJ_DEPS,
    Q,
    quote_state,
    shape,
)
from selon.nlp.learned.senses import CLASS_NAMES, MAX_KIDS, NONE, NONE_ID, SenseKeys
from selon.nlp.learned.value_table import ValueTable

_COL = {name: k for k, name in enumerate(SLOTS)}
_QUOTE_MARKS = frozenset({"“", "«", "”", "»", '"', "‘", "’"})


def _templates(*prefixes: str) -> Callable[[str], tuple[str, ...]]:
    return lambda v: tuple(p + v for p in prefixes)


def _path(key: tuple[str, str | None, str | None]) -> tuple[str]:
    d0, d1, d2 = key
    return ("path=" + d0 + ">" + (d1 or "") + (">" + d2 if d2 is not None else ""),)


def _crel(key: tuple[str, str, str, str]) -> tuple[str, str]:
    kind, side, dep, lemma = key
    rel = kind + side + dep
    return "crel=" + rel, "crel_l=" + rel + "|" + lemma


def _first_of_pairs(keys: SenseKeys) -> np.ndarray:
    """The first class of each distinct (lemma, part of speech) of ``keys``."""
    out = np.full(len(keys.classes), NONE_ID, dtype=np.intp)
    out[keys.pair_of] = keys.first
    return out


def _own_senses(key: tuple[tuple[str, ...], str]) -> tuple[str, ...]:
    classes, first = key
    if not classes:
        return ("", "", "", "")
    return ("ss1=" + first, *("ssa=" + c for c in classes), *[""] * (3 - len(classes)))


def _kid_strings(key: tuple[tuple[str, ...], str]) -> tuple[str, ...]:
    kids, first = key
    pad = [""] * (MAX_KIDS - len(kids))
    conj = [first + "|" + kid for kid in kids] if first != NONE else [""] * len(kids)
    return (*kids, *pad, *conj, *pad)


class _Codes(NamedTuple):
    """A Doc's token values as codes into their distinct values, and its tree as arrays."""

    n: int
    tokens: np.ndarray
    head: np.ndarray
    is_root: np.ndarray
    words: list[str]  # the distinct lower-case words, and per token the index of its own
    word_of: np.ndarray
    lemmas: list[str]  # lower-cased, as ``lemma_lower``
    lemma_of: np.ndarray
    tags: list[str]
    tag_of: np.ndarray
    deps: list[str]
    dep_of: np.ndarray
    texts: list[str]
    text_of: np.ndarray
    left: np.ndarray
    right: np.ndarray
    sent_start: np.ndarray
    candidate: np.ndarray  # whether each token is a cue candidate

    @classmethod
    def of(cls, a: DocArrays, cue_lemmas: frozenset[str]) -> _Codes:
        tokens = np.arange(a.n)
        head = np.array(a.head, dtype=np.intp)
        words, word_of = a.codes(LOWER)
        lemmas, lemma_of = a.codes(LEMMA)
        lemmas = [lemma.lower() for lemma in lemmas]  # as ``lemma_lower``; a repeated name is harmless
        tags, tag_of = a.codes(POS)
        deps, dep_of = a.codes(DEP)
        texts, text_of = a.codes(ORTH)
        left, right = np.array(a.left_edge, dtype=np.intp), np.array(a.right_edge, dtype=np.intp)
        sent_start = np.array(a.sent_starts, dtype=np.intp)
        candidate = (
            np.array([lemma in cue_lemmas for lemma in lemmas], dtype=bool)[lemma_of]
            & np.array([pos in CUE_POS for pos in tags], dtype=bool)[tag_of]
        )
        is_root = head == tokens
        return cls(
            a.n,
            tokens,
            head,
            is_root,
            words,
            word_of,
            lemmas,
            lemma_of,
            tags,
            tag_of,
            deps,
            dep_of,
            texts,
            text_of,
            left,
            right,
            sent_start,
            candidate,
        )


class _Rows(NamedTuple):
    """Per Doc token, the id rows the paragraph slots read (columns as the ``FeatureIds`` tables)."""

    word: np.ndarray  # w, -2w, -1w, 1w, 2w, suf
    lemma: np.ndarray  # l, -1l, 1l, hl (by lemma code)
    pos: np.ndarray  # p, -2p, -1p, 1p, 2p, hp (by tag code)
    dep: np.ndarray  # d, -1d, 1d, hd (by relation code)
    first_edge: np.ndarray  # whether the token is the left edge of its head's subtree
    last_edge: np.ndarray
    under_rows: np.ndarray  # "under" and "under_q" per (relation, side) key, and each token's key
    under_of: np.ndarray


class FeatureIds:
    """The feature-id table of a Doc for one CRF and its cue lemmas (see the module docstring)."""

    def __init__(self, model: CrfModel, cue_lemmas: frozenset[str]) -> None:
        self.model = model
        self.cue_lemmas = cue_lemmas
        self.unknown = unknown = model.unknown
        ids_of = model.attribute_ids
        get = ids_of.get

        def ids(strings: Sequence[str]) -> np.ndarray:
            return np.array([get(s, unknown) for s in strings], dtype=np.intp)

        self._const = {s: get(s, unknown) for s in ("bias", "cue=1", "-2=PAD", "-1=PAD", "1=PAD", "2=PAD")}
        self._q = ids([s for q in Q for s in q]).reshape(4, 5)  # [state, own/-2/-1/+1/+2]
        self._sfirst = ids([SFIRST[False], SFIRST[True]])
        self._slast = ids([SLAST[False], SLAST[True]])
        self._si = ids(SI)
        self._scue = ids([SCUE[False], SCUE[True]])
        self._dcue = ids([DCUE[d] for d in range(-26, 27)])
        self._pre = ids(["pre=L", "pre==", "pre=R"])  # by the sign of (token - head) + 1
        self._le = ids(["le=False", "le=True"])
        self._re = ids(["re=False", "re=True"])
        self._le1 = ids(["-1le=False", "-1le=True"])
        self._re1 = ids(["1re=False", "1re=True"])
        self._nl = ids(NL)
        self._nr = ids(NR)
        self._ccomp = ids(["cue_ccomp=False", "cue_ccomp=True"])
        self._subj = ids(["cue_subj=False", "cue_subj=True"])

        def table(width: int, make: Callable[[Any], Sequence[str]]) -> ValueTable:
            return ValueTable(ids_of, unknown, width, make)

        self._word = table(6, lambda w: ("w=" + w, "-2w=" + w, "-1w=" + w, "1w=" + w, "2w=" + w, "suf=" + w[-3:]))
        self._lemma = table(4, _templates("l=", "-1l=", "1l=", "hl="))
        self._pos = table(6, _templates("p=", "-2p=", "-1p=", "1p=", "2p=", "hp="))
        self._tag = table(1, _templates("t="))
        self._dep = table(4, _templates("d=", "-1d=", "1d=", "hd="))
        self._text = table(1, lambda t: ("s=" + shape(t),))
        self._ent = table(1, lambda k: ("e=" + (k[0] + k[1] if k[1] else "O"),))
        self._dhl = table(1, lambda k: ("dhl=" + k[0] + "|" + k[1],))
        self._path = table(1, _path)
        self._under = table(
            5, lambda k: ("under=" + k[0] + k[1], *("under_q=" + k[0] + k[1] + str(q) for q in range(4)))
        )
        self._under_l = table(1, lambda k: ("under_l=" + k[0] + "|" + k[1],))
        self._crel = table(2, _crel)
        self._words = table(2, lambda k: ("w-1w0=" + k[0] + "|" + k[1], "w0w1=" + k[0] + "|" + k[1]))
        self._tags = table(2, lambda k: ("p-1p0=" + k[0] + "|" + k[1], "p0p1=" + k[0] + "|" + k[1]))
        self._own_senses = table(4, _own_senses)
        self._uss = table(1, lambda k: ("uss=" + k[0] + k[1] + k[2],))
        self._head_senses = table(2, lambda k: ("hss=" + k[1], "dhss=" + k[0] + "|" + k[1]))
        self._near_senses = table(2, _templates("-1ss=", "1ss="))
        self._kids = table(2 * MAX_KIDS, _kid_strings)

    def table(self, a: DocArrays) -> np.ndarray:
        """Per token of ``a.paragraphs`` (paragraph after paragraph), the id of each slot."""
        if not a.paragraphs:
            return np.full((0, len(SLOTS)), self.unknown, dtype=np.intp)
        c = _Codes.of(a, self.cue_lemmas)
        static, rows = self._static(a, c)
        return self._paragraph_rows(a, c, static, rows)

    def _static(self, a: DocArrays, c: _Codes) -> tuple[np.ndarray, _Rows]:
        """Per Doc token, the ids of the slots that do not depend on the paragraph, and the id rows
        the paragraph slots read."""
        n, tokens, head, is_root, left, right = c.n, c.tokens, c.head, c.is_root, c.left, c.right
        lemmas, lemma_of, tag_of, deps, dep_of = c.lemmas, c.lemma_of, c.tag_of, c.deps, c.dep_of
        word = self._word.of(c.words, c.word_of)  # w, -2w, -1w, 1w, 2w, suf
        lemma = self._lemma.rows([*lemmas, "ROOT"])  # l, -1l, 1l, hl; a last row for the root's "hl"
        pos = self._pos.rows(c.tags)  # p, -2p, -1p, 1p, 2p, hp
        dep = self._dep.rows([*deps, "ROOT"])  # d, -1d, 1d, hd
        head_lemma_of = np.where(is_root, len(lemmas), lemma_of[head])
        head_dep_of = np.where(is_root, len(deps), dep_of[head])
        first_edge = left[head] == tokens
        last_edge = right[head] == tokens
        static = np.full((n, len(SLOTS)), self.unknown, dtype=np.intp)
        col = _COL
        static[:, col["bias"]] = self._const["bias"]
        static[:, col["w"]] = word[:, 0]
        static[:, col["l"]] = lemma[lemma_of, 0]
        static[:, col["p"]] = pos[tag_of, 0]
        static[:, col["t"]] = self._tag.of(*a.codes(TAG))[:, 0]
        static[:, col["d"]] = dep[dep_of, 0]
        static[:, col["s"]] = self._text.of(c.texts, c.text_of)[:, 0]
        static[:, col["hl"]] = lemma[head_lemma_of, 3]
        static[:, col["hp"]] = pos[tag_of[head], 5]
        static[:, col["hd"]] = dep[head_dep_of, 3]
        static[:, col["dhl"]] = self._dhl.of_pairs(deps, dep_of, [*lemmas, "ROOT"], head_lemma_of)[:, 0]
        static[:, col["e"]] = self._ent.of_pairs(*a.codes(ENT_IOB), *a.codes(ENT_TYPE))[:, 0]
        static[:, col["suf"]] = word[:, 5]
        static[:, col["pre"]] = self._pre[np.sign(tokens - head) + 1]
        static[:, col["le"]] = self._le[first_edge.astype(np.intp)]
        static[:, col["re"]] = self._re[last_edge.astype(np.intp)]
        static[:, col["nl"]] = self._nl[np.minimum(np.array(a.n_lefts, dtype=np.intp), 3)]
        static[:, col["nr"]] = self._nr[np.minimum(np.array(a.n_rights, dtype=np.intp), 3)]
        static[:, col["path"]] = self._paths(deps, dep_of, head, is_root)
        for k in np.flatnonzero(c.candidate).tolist():
            kids = {a.dep_[child] for child in a.children(k)}
            static[k, col["cue"]] = self._const["cue=1"]
            static[k, col["cue_ccomp"]] = self._ccomp[int(bool(kids & CLAUSE_KIDS))]
            static[k, col["cue_subj"]] = self._subj[int(bool(kids & SUBJ_DEPS))]
        self._senses(static, a, head, is_root)
        under_rows, under_of = self._under_path(static, c.candidate, head, tokens, deps, dep_of, lemmas, lemma_of)
        return static, _Rows(word, lemma, pos, dep, first_edge, last_edge, under_rows, under_of)

    def _paragraph_rows(self, a: DocArrays, c: _Codes, static: np.ndarray, r: _Rows) -> np.ndarray:
        """The table: each paragraph token's static row, with the slots that depend on the paragraph."""
        paragraphs, sent_start, col = a.paragraphs, c.sent_start, _COL
        starts = np.array([s for s, _ in paragraphs], dtype=np.intp)
        lengths = np.array([e - s for s, e in paragraphs], dtype=np.intp)
        m = int(lengths.sum())
        first_row = np.repeat(np.cumsum(lengths) - lengths, lengths)
        rows = np.arange(m)
        k = np.repeat(starts, lengths) + rows - first_row  # the Doc token of each row
        p_start, p_end = np.repeat(starts, lengths), np.repeat(starts + lengths, lengths)
        out = static[k]
        q = self._quote_states(a, paragraphs, c.texts, c.text_of, m)
        out[:, col["q"]] = self._q[q, 0]
        ss = sent_start[k]
        prev, nxt, prev2, nxt2 = k - 1 >= p_start, k + 1 < p_end, k - 2 >= p_start, k + 2 < p_end
        out[:, col["sfirst"]] = self._sfirst[(k == ss).astype(np.intp)]
        k1 = np.minimum(k + 1, c.n - 1)
        out[:, col["slast"]] = self._slast[(~nxt | (sent_start[k1] != ss)).astype(np.intp)]
        changes = np.cumsum(prev & (sent_start[k - 1] != ss))  # k - 1 = -1 wraps only where prev is False
        out[:, col["si"]] = self._si[np.minimum(changes - changes[first_row], 3)]
        under = r.under_of[k]
        has_under = under >= 0
        out[has_under, col["under_q"]] = r.under_rows[under[has_under], 1 + q[has_under]]
        self._cues(out, k, p_start, p_end, c)
        self._neighbours(out, k, q, (prev2, prev, nxt, nxt2), c, r)
        self._pairs(out, k, prev, nxt, c.words, c.word_of, c.tags, c.tag_of)
        return out

    def _senses(self, static: np.ndarray, a: DocArrays, head: np.ndarray, is_root: np.ndarray) -> None:
        """Fill the WordNet-class slots (``SENSE_SLOTS``) from the Doc's ``SenseKeys``."""
        keys = SenseKeys.of(a)
        n = a.n
        if not n:
            return
        first = keys.first
        c0 = _COL["ss1"]
        own = self._own_senses.rows(
            [(classes, CLASS_NAMES[f]) for classes, f in zip(keys.classes, _first_of_pairs(keys).tolist())]
        )
        static[:, c0 : c0 + 4] = own[keys.pair_of]
        deps, dep_of = a.codes(DEP)
        found = np.flatnonzero(keys.anchor >= 0)
        if len(found):
            anchor = keys.anchor[found]
            code = (dep_of[keys.below[found]] * 2 + (found > anchor)) * len(CLASS_NAMES) + first[anchor]
            distinct, inverse = np.unique(code, return_inverse=True)
            width = 2 * len(CLASS_NAMES)
            rows = self._uss.rows(
                [
                    (deps[u // width], "LR"[u // len(CLASS_NAMES) % 2], CLASS_NAMES[u % len(CLASS_NAMES)])
                    for u in distinct.tolist()
                ]
            )
            static[found, _COL["uss"]] = rows[inverse.reshape(-1), 0]
        heads = self._head_senses.of_pairs(deps, dep_of, CLASS_NAMES, first[head])
        not_root = ~is_root
        static[not_root, _COL["hss"]] = heads[not_root, 0]
        static[not_root, _COL["dhss"]] = heads[not_root, 1]
        near = self._near_senses.rows(CLASS_NAMES)[first]
        static[1:, _COL["-1ss"]] = near[:-1, 0]
        static[:-1, _COL["1ss"]] = near[1:, 1]
        if keys.kids:
            tokens = list(keys.kids)
            k0 = _COL["kid0"]
            static[tokens, k0 : k0 + 2 * MAX_KIDS] = self._kids.rows(
                [(keys.kids[k], CLASS_NAMES[f]) for k, f in zip(tokens, first[tokens].tolist())]
            )

    def _paths(self, deps: list[str], dep_of: np.ndarray, head: np.ndarray, is_root: np.ndarray) -> np.ndarray:
        """The "path" id of each token: its relation and its first two ancestors'."""
        h2 = head[head]
        d1 = np.where(is_root, -1, dep_of[head])
        d2 = np.where(is_root | (h2 == head), -1, dep_of[h2])
        base = len(deps) + 1
        distinct, inverse = np.unique((dep_of * base + d1 + 1) * base + d2 + 1, return_inverse=True)
        names: list[str | None] = [None, *deps]
        keys = [(deps[u // (base * base)], names[u // base % base], names[u % base]) for u in distinct.tolist()]
        return self._path.rows(keys)[inverse.reshape(-1), 0]

    def _under_path(
        self,
        static: np.ndarray,
        candidate: np.ndarray,
        head: np.ndarray,
        tokens: np.ndarray,
        deps: list[str],
        dep_of: np.ndarray,
        lemmas: list[str],
        lemma_of: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Fill "under" and "under_l" (the nearest cue-candidate ancestor within 8 steps, as
        ``DocFeatures._cue_path``); return the rows of the distinct (relation, side) keys
        ("under" and "under_q" per quote state) and per token the position of its key, -1 without."""
        anchor, below = nearest_marked_ancestor(head, candidate, 8)
        under_of = np.full(len(tokens), -1, dtype=np.intp)
        found = np.flatnonzero(anchor >= 0)
        if not len(found):
            return np.zeros((0, 5), dtype=np.intp), under_of
        anc, rel = anchor[found], dep_of[below[found]]
        rows, inverse = self._under.pair_rows(deps, rel, ["L", "R"], (found > anc).astype(np.intp))
        under_of[found] = inverse
        static[found, _COL["under"]] = rows[inverse, 0]
        static[found, _COL["under_l"]] = self._under_l.of_pairs(lemmas, lemma_of[anc], deps, rel)[:, 0]
        return rows, under_of

    @staticmethod
    def _quote_states(
        a: DocArrays, paragraphs: list[tuple[int, int]], texts: list[str], text_of: np.ndarray, m: int
    ) -> np.ndarray:
        """``quote_state`` of each paragraph token, row after row (0 where a paragraph has no mark)."""
        q = np.zeros(m, dtype=np.intp)
        marks = np.array([t in _QUOTE_MARKS for t in texts], dtype=bool)[text_of]
        if not marks.any():
            return q
        row = 0
        for s, e in paragraphs:
            if marks[s:e].any():
                q[row : row + e - s] = quote_state(a.text, s, e)
            row += e - s
        return q

    def _cues(self, out: np.ndarray, k: np.ndarray, p_start: np.ndarray, p_end: np.ndarray, codes: _Codes) -> None:
        """ "dcue" and "scue" (nearest cue candidate of the paragraph, ties to the later one) and
        "crel" and "crel_l" (nearest of the sentence within the paragraph, ties to the earlier)."""
        candidate, sent_start, left, right, head = (
            codes.candidate,
            codes.sent_start,
            codes.left,
            codes.right,
            codes.head,
        )
        deps, dep_of, lemmas, lemma_of = codes.deps, codes.dep_of, codes.lemmas, codes.lemma_of
        cues = np.flatnonzero(candidate)
        if not len(cues):
            return
        n = len(candidate)
        j = np.searchsorted(cues, k, side="right")
        before = cues[np.maximum(j - 1, 0)]  # the last candidate at or before the token
        after = cues[np.minimum(j, len(cues) - 1)]  # the first after it
        has_before = (j > 0) & (before >= p_start)
        has_after = (j < len(cues)) & (after < p_end)
        near = np.where(
            has_before & has_after,
            np.where(2 * k >= before + after, after, before),
            np.where(has_before, before, after),
        )
        sel = (has_before | has_after) & (near != k)
        out[sel, _COL["dcue"]] = self._dcue[np.clip(k[sel] - near[sel], -26, 26) + 26]
        out[sel, _COL["scue"]] = self._scue[(sent_start[near[sel]] == sent_start[k[sel]]).astype(np.intp)]
        ss = sent_start[k]
        has_before &= sent_start[before] == ss
        has_after &= sent_start[after] == ss
        cue = np.where(
            has_before & has_after, np.where(2 * k > before + after, after, before), np.where(has_before, before, after)
        )
        sel = (has_before | has_after) & (cue != k)
        if not sel.any():
            return
        kk, cc = k[sel], cue[sel]
        h = head[cc]
        kind = np.where(
            (left[cc] <= kk) & (kk <= right[cc]), 0, np.where((h != cc) & (left[h] <= kk) & (kk <= right[h]), 1, 2)
        )
        distinct, inverse = np.unique((kind * 2 + (kk > cc)) * n + cc, return_inverse=True)
        keys = []
        for u in distinct.tolist():
            how, c = divmod(u, n)
            kind_c, side = divmod(how, 2)
            keys.append(
                (("in", "sib", "out")[kind_c], "LR"[side], deps[dep_of[c]] if kind_c else "", lemmas[lemma_of[c]])
            )
        rows = self._crel.rows(keys)[inverse.reshape(-1)]
        out[sel, _COL["crel"]] = rows[:, 0]
        out[sel, _COL["crel_l"]] = rows[:, 1]

    def _neighbours(
        self,
        out: np.ndarray,
        k: np.ndarray,
        q: np.ndarray,
        has_offset: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
        c: _Codes,
        t: _Rows,
    ) -> None:
        """The features of the tokens two before to two after, or the paragraph's edge ("PAD").

        ``word``, ``pos`` and ``_q`` hold the offsets -2, -1, +1, +2 in columns 1 to 4,
        ``lemma`` and ``dep`` -1 and +1 in columns 1 and 2."""
        col, rows = _COL, np.arange(len(k))
        word, lemma, pos, dep, first_edge, last_edge = t.word, t.lemma, t.pos, t.dep, t.first_edge, t.last_edge
        lemma_of, tag_of, dep_of = c.lemma_of, c.tag_of, c.dep_of
        for offset, has in zip((-2, -1, 1, 2), has_offset):
            j, r = k[has] + offset, rows[has] + offset
            at = {-2: 1, -1: 2, 1: 3, 2: 4}[offset]
            name = str(offset)
            out[has, col[name + "w"]] = word[j, at]
            if offset in (-1, 1):
                out[has, col[name + "l"]] = lemma[lemma_of[j], 1 if offset < 0 else 2]
            out[has, col[name + "p"]] = pos[tag_of[j], at]
            if offset in (-1, 1):
                out[has, col[name + "d"]] = dep[dep_of[j], 1 if offset < 0 else 2]
            out[has, col[name + "q"]] = self._q[q[r], at]
            if offset == -1:
                out[has, col["-1le"]] = self._le1[first_edge[j].astype(np.intp)]
            elif offset == 1:
                out[has, col["1re"]] = self._re1[last_edge[j].astype(np.intp)]
            out[~has, col[name + "w"]] = self._const[name + "=PAD"]  # in the place of the group's first

    def _pairs(
        self,
        out: np.ndarray,
        k: np.ndarray,
        prev: np.ndarray,
        nxt: np.ndarray,
        words: list[str],
        word_of: np.ndarray,
        tags: list[str],
        tag_of: np.ndarray,
    ) -> None:
        """The pairs of parts of speech and of words with the previous and with the next token."""
        if len(word_of) < 2:
            return
        word_pairs = self._words.of_pairs(words, word_of[:-1], words, word_of[1:])  # of (t, t + 1)
        tag_pairs = self._tags.of_pairs(tags, tag_of[:-1], tags, tag_of[1:])
        j = k[prev] - 1
        out[prev, _COL["p-1p0"]] = tag_pairs[j, 0]
        out[prev, _COL["w-1w0"]] = word_pairs[j, 0]
        j = k[nxt]
        out[nxt, _COL["p0p1"]] = tag_pairs[j, 1]
        out[nxt, _COL["w0w1"]] = word_pairs[j, 1]
