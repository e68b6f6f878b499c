"""Token attributes of a Doc as plain Python lists, read once and shared by selon's stages.

Creating spaCy ``Token`` objects (``doc[i]``, ``for tok in doc``, ``tok.head``,
``tok.left_edge``) costs more than most of what selon then does with them. ``Doc.to_array``
reads an attribute for every token in one call; the string attributes come back as hashes and
are turned into text once per distinct value. Everything here equals what the ``Token``
properties of the same name return, edges and children included (see ``_edges``).

A snapshot is cached per Doc and reused while the annotations of its tokens (tags, parse,
lemmas, entities, sentence starts) and its length stay the same: the segmenter runs before
the parser, the other stages after it, and each gets a snapshot of the Doc as it then is. The
lexical attributes (text, spacing, offsets) change only with the tokenization, hence the length.
"""

from __future__ import annotations

import weakref
from functools import cached_property

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

#: what spaCy's components annotate: compared to tell whether a snapshot is still valid
_ANNOTATIONS = [HEAD, DEP, TAG, POS, LEMMA, ENT_IOB, ENT_TYPE, SENT_START]
_ATTRS = [*_ANNOTATIONS, ORTH, LOWER, IDX, SPACY, IS_SPACE, IS_PUNCT, IS_ALPHA]
#: the cached properties computed from the lexical attributes only (the columns after the annotations)
_LEXICAL = ("text", "lower_", "idx", "whitespace_", "is_space", "is_punct", "is_alpha", "doc_text", "end_char")
_COL = {attr: k for k, attr in enumerate(_ATTRS)}
_IOB = ("", "I", "O", "B")
#: spaCy stops adjusting the edges of a non-projective parse after this many passes
_MAX_EDGE_PASSES = 12

_CACHE: weakref.WeakKeyDictionary[Doc, DocArrays] = weakref.WeakKeyDictionary()


class DocArrays:
    """One Doc's token attributes, by token index; derived ones are computed on first use."""

    def __init__(self, doc: Doc, raw: np.ndarray) -> None:
        self._doc = weakref.ref(doc)  # a strong one would keep every cached Doc alive for ever
        self.n = len(doc)
        self._raw = raw
        self._strings = doc.vocab.strings
        self._codes: dict[int, tuple[list[str], np.ndarray]] = {}

    @property
    def doc(self) -> Doc:
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the Doc of these arrays is gone")
        return doc

    @classmethod
    def of(cls, doc: Doc) -> DocArrays:
        """The Doc's snapshot: the cached one while its attributes are unchanged, else a new one."""
        cached = _CACHE.get(doc)
        if (
            cached is not None
            and cached.n == len(doc)
            and np.array_equal(cached._raw[:, : len(_ANNOTATIONS)], doc.to_array(_ANNOTATIONS))
        ):
            return cached
        arrays = cls(doc, doc.to_array(_ATTRS))
        if (
            cached is not None
            and cached.n == arrays.n
            and np.array_equal(cached._raw[:, len(_ANNOTATIONS) :], arrays._raw[:, len(_ANNOTATIONS) :])
        ):
            # the parse changed, not the words: what depends on the words alone carries over
            for name in _LEXICAL:
                if name in cached.__dict__:
                    arrays.__dict__[name] = cached.__dict__[name]
        _CACHE[doc] = arrays
        return arrays

    @classmethod
    def release(cls, doc: Doc) -> None:
        """Forget the Doc's snapshot (the last stage is done with it; the Doc may live on)."""
        _CACHE.pop(doc, None)

    @classmethod
    def current(cls, doc: Doc) -> DocArrays:
        """The snapshot the running stage took with :meth:`of`, without checking it again.

        For helpers called many times per Doc (per sentence, per token): checking costs a
        ``to_array`` call. A stage calls ``of`` once on entry, and the Doc does not change
        while the stage runs; without a snapshot yet, this takes one.
        """
        cached = _CACHE.get(doc)
        return cached if cached is not None and cached.n == len(doc) else cls.of(doc)

    def _column(self, attr: int) -> list[int]:
        return self._raw[:, _COL[attr]].tolist()

    def _texts(self, attr: int) -> list[str]:
        """A hashed string attribute as text, each distinct hash looked up once."""
        if not self.n:
            return []
        names, inverse = self.codes(attr)
        return np.array(names, dtype=object)[inverse].tolist()

    def codes(self, attr: int) -> tuple[list[str], np.ndarray]:
        """The distinct values of a string attribute (ORTH, LOWER, LEMMA, TAG, DEP, ENT_TYPE, POS or
        ENT_IOB), and per token the position of its value among them: for work done once per value
        (the lists are shared: not to be changed)."""
        found = self._codes.get(attr)
        if found is None:
            values, inverse = np.unique(self._raw[:, _COL[attr]], return_inverse=True)
            table = POS_NAMES if attr == POS else (_IOB if attr == ENT_IOB else self._strings)
            found = self._codes[attr] = (
                [table[int(v)] for v in values],
                inverse.reshape(-1).astype(np.intp, copy=False),
            )
        return found

    # -- as the Token properties of the same name ---------------------------------------------
    @cached_property
    def text(self) -> list[str]:
        return self._texts(ORTH)

    @cached_property
    def lower_(self) -> list[str]:
        return self._texts(LOWER)

    @cached_property
    def lemma_(self) -> list[str]:
        return self._texts(LEMMA)

    @cached_property
    def pos_(self) -> list[str]:
        return [POS_NAMES[p] for p in self._column(POS)]

    @cached_property
    def tag_(self) -> list[str]:
        return self._texts(TAG)

    @cached_property
    def dep_(self) -> list[str]:
        return self._texts(DEP)

    @cached_property
    def ent_iob_(self) -> list[str]:
        return [_IOB[v] for v in self._column(ENT_IOB)]

    @cached_property
    def ent_type_(self) -> list[str]:
        return self._texts(ENT_TYPE)

    @cached_property
    def idx(self) -> list[int]:
        return self._column(IDX)

    @cached_property
    def whitespace_(self) -> list[str]:
        return [" " if v else "" for v in self._column(SPACY)]

    @cached_property
    def is_space(self) -> list[bool]:
        return [bool(v) for v in self._column(IS_SPACE)]

    @cached_property
    def is_punct(self) -> list[bool]:
        return [bool(v) for v in self._column(IS_PUNCT)]

    @cached_property
    def is_alpha(self) -> list[bool]:
        return [bool(v) for v in self._column(IS_ALPHA)]

    @cached_property
    def head(self) -> list[int]:
        """``Token.head.i``: HEAD is stored as an offset, unsigned."""
        offsets = self._raw[:, _COL[HEAD]].astype(np.int64)
        return (offsets + np.arange(self.n, dtype=np.int64)).tolist()

    # -- derived -------------------------------------------------------------------------------
    @cached_property
    def doc_text(self) -> str:
        """``Doc.text``, which spaCy rebuilds from Token objects on every access."""
        return "".join([t + w for t, w in zip(self.text, self.whitespace_)])

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``, for ``0 <= start <= end <= n``."""
        if start >= end:
            return ""
        return self.doc_text[self.idx[start] : self.end_char[end - 1]]

    def char_range(self, start: int, end: int) -> tuple[int, int]:
        """``doc[start:end].start_char`` and ``.end_char``, for ``0 <= start <= end <= n``."""
        first = self.idx[start] if start < self.n else len(self.doc_text)
        return first, (self.end_char[end - 1] if end > start else first)

    @cached_property
    def end_char(self) -> list[int]:
        """Character offset just after each token (``tok.idx + len(tok)``)."""
        return [i + n for i, n in zip(self.idx, map(len, self.text))]

    @cached_property
    def lemma_lower(self) -> list[str]:
        if not self.n:
            return []
        names, inverse = self.codes(LEMMA)
        return np.array([v.lower() for v in names], dtype=object)[inverse].tolist()

    @cached_property
    def sent_starts(self) -> list[int]:
        """Per token, the index of its sentence's first token (as ``Doc.sents`` cuts them)."""
        flags = self._column(SENT_START)
        out = [0] * self.n
        start = 0
        for k in range(1, self.n):
            if flags[k] == 1:
                start = k
            out[k] = start
        return out

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Token ranges of ``Doc.sents``."""
        flags = self._column(SENT_START)
        starts = [0] + [k for k in range(1, self.n) if flags[k] == 1]
        return list(zip(starts, [*starts[1:], self.n])) if self.n else []

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Token ranges of the paragraphs: runs of non-space tokens between line breaks."""
        texts, spaces, ws = self.text, self.is_space, self.whitespace_
        out: list[tuple[int, int]] = []
        start: int | None = None
        for k in range(self.n):
            if spaces[k] and "\n" in texts[k]:
                if start is not None:
                    out.append((start, k))
                start = None
                continue
            if start is None:
                if spaces[k]:
                    continue
                start = k
            if "\n" in ws[k]:
                out.append((start, k + 1))
                start = None
        if start is not None:
            out.append((start, self.n))
        return out

    def _edges(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """Left and right edges and left and right child counts, as spaCy sets them.

        These are the passes of spaCy's ``set_children_from_heads``: on a non-projective parse
        spaCy's edges need not be the subtree's extent, and ``Token.left_edge``,
        ``Token.lefts`` and sentence boundaries all follow spaCy's values, so they are
        reproduced, not recomputed another way.
        """
        n = self.n
        head = self.head
        left = list(range(n))
        right = list(range(n))
        n_lefts = [0] * n
        n_rights = [0] * n
        for k in range(n):
            h = head[k]
            if k < h:
                n_lefts[h] += 1
            elif k > h:
                n_rights[h] += 1
        for _ in range(_MAX_EDGE_PASSES):
            for k in range(n):
                h = head[k]
                if left[k] < left[h]:
                    left[h] = left[k]
                if right[k] > right[h]:
                    right[h] = right[k]
            for k in range(n - 1, -1, -1):
                h = head[k]
                if right[k] > right[h]:
                    right[h] = right[k]
                if left[k] < left[h]:
                    left[h] = left[k]
            if self._heads_within_sentences(left):
                break
        return left, right, n_lefts, n_rights

    def _heads_within_sentences(self, left: list[int]) -> bool:
        """spaCy's test for stopping the edge passes: no head outside its token's sentence."""
        head, n = self.head, self.n
        starts = {left[k] for k in range(n) if head[k] == k}
        start = 0
        for i in range(n):
            if (i > 0 and i in starts) or i == n - 1:
                for j in range(start, i):
                    if head[j] < start or head[j] >= i + 1:
                        return False
                start = i
        return True

    @cached_property
    def _edge_arrays(self) -> tuple[list[int], list[int], list[int], list[int]]:
        return self._edges()

    @property
    def left_edge(self) -> list[int]:
        """``Token.left_edge.i``."""
        return self._edge_arrays[0]

    @property
    def right_edge(self) -> list[int]:
        """``Token.right_edge.i``."""
        return self._edge_arrays[1]

    @property
    def n_lefts(self) -> list[int]:
        return self._edge_arrays[2]

    @property
    def n_rights(self) -> list[int]:
        return self._edge_arrays[3]

    @cached_property
    def sent_ends(self) -> list[int]:
        """Per token, the end (exclusive) of its sentence (``Token.sent.end``)."""
        out = [0] * self.n
        for start, end in self.sentences:
            out[start:end] = [end] * (end - start)
        return out

    def span_root(self, start: int, end: int) -> int:
        """``doc[start:end].root.i`` for ``0 <= start < end <= n``, as spaCy finds it: the first
        sentence root in the span, else of the tokens whose head is outside it the one with the
        fewest words up to the root (the first on ties; a childless space or punctuation mark
        counts as far as can be)."""
        head = self.head
        for k in range(start, end):
            if head[k] == k:
                return k
        n = self.n
        best, best_depth = start, n
        for k in range(start, end):
            if start <= head[k] < end:
                continue
            if (self.is_space[k] or self.is_punct[k]) and not self.n_lefts[k] and not self.n_rights[k]:
                depth = n - 1
            else:
                depth, node = 0, k
                while head[node] != node and depth < n:
                    node, depth = head[node], depth + 1
            if depth < best_depth:
                best, best_depth = k, depth
        return best

    def children(self, k: int) -> list[int]:
        """``[c.i for c in doc[k].children]``: like spaCy, looked for between the token's edges."""
        head = self.head
        return [c for c in range(self.left_edge[k], self.right_edge[k] + 1) if head[c] == k and c != k]


def nearest_marked_ancestor(head: np.ndarray, marked: np.ndarray, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Per token, its nearest ancestor within ``steps`` steps up the parse for which ``marked``
    is true, and the node just under that ancestor on the path (the token itself for its head);
    -1 for both where there is none. ``head`` holds each token's head index (a root its own)."""
    n = len(head)
    tokens = np.arange(n)
    anchor = np.full(n, -1, dtype=np.intp)
    below = np.full(n, -1, dtype=np.intp)
    child, node = tokens, head
    active = np.ones(n, dtype=bool)
    for _ in range(steps):
        active &= node != child
        hit = active & marked[node]
        anchor[hit] = node[hit]
        below[hit] = child[hit]
        active &= ~hit
        if not active.any():
            break
        child, node = node, head[node]
    return anchor, below
