"""The spans a learned content may take, and the features that describe each.

For one learned attribution, :func:`candidates` lists the plausible starts and ends of its
content (the tagger's own, one token either side, the edges of the cue's complements and of its
head's, the sentence, quotation marks, commas), each with why it is one; :func:`enumerate_spans`
pairs them into the spans overlapping the tagger's and writes out the features of both edges and
of the pair. These are what the reranker's weights are of: training (``selon.train.boundaries``)
reads the strings, ``ContentBoundaries.choose`` sums their weights, and ``batch.py`` computes the
same sums over whole arrays. They live apart from the model so that both scorers can read them
without importing each other.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc

from selon.nlp.attribution.span import QUOTE_CHARS, Attribution
from selon.nlp.doc_arrays import DocArrays

#: Tokens that are quotation marks (PolNeAR writes some as two characters).
QUOTES = QUOTE_CHARS | {"''", "``"}
#: Relations whose subtrees are the clauses and phrases a content is cut along.
_KID_DEPS = frozenset(
    {
        "ccomp",
        "xcomp",
        "dobj",
        "obj",
        "prep",
        "advcl",
        "parataxis",
        "nsubj",
        "conj",
        "pcomp",
        "attr",
        "oprd",
        "acomp",
        "dative",
        "npadvmod",
        "advmod",
    }
)
#: Punctuation a content may end before.
BREAKS = frozenset({",", ";", "—", "--", "-", "("})
LOOKAHEAD = 40  # tokens past the tagger's end where quotation marks and commas are candidate ends
#: The longest span (in tokens) a content may take: longer pairs are not candidates.
MAX_LEN = 400

#: Per token, the tagger's marginal probabilities that it begins a content and that it is content.
Probs = tuple[Sequence[float], Sequence[float]]


def bucket(n: int) -> str:
    """A signed distance as a feature value: exact up to 3, then up to 6, 12, 25, and "far"."""
    a = abs(n)
    b = str(a) if a <= 3 else ("6" if a <= 6 else ("12" if a <= 12 else ("25" if a <= 25 else "far")))
    return ("-" if n < 0 else "+") + b


def _prob_bucket(x: float) -> str:
    """A probability as one of six bands, "0" (below 0.1) to "5" (0.9 and above)."""
    return (
        "0" if x < 0.1 else ("1" if x < 0.3 else ("2" if x < 0.5 else ("3" if x < 0.7 else ("4" if x < 0.9 else "5"))))
    )


class DocView:
    """The token attributes the features read, taken from the Doc's shared token arrays."""

    def __init__(self, doc: Doc, arrays: DocArrays | None = None) -> None:
        a = DocArrays.of(doc) if arrays is None else arrays  # a stage passes the snapshot it took
        self.arrays = a
        self.n = a.n
        self.lower = a.lower_
        self.pos = a.pos_
        self.dep = a.dep_
        self.text = a.text
        self.head = a.head
        self.left = a.left_edge
        self.right = a.right_edge
        self.sent_starts = a.sent_starts
        self.sent_start = [self.sent_starts[k] == k for k in range(a.n)]
        self._sent_end = dict(a.sentences)
        self.quote = [t in QUOTES for t in a.text]
        #: the quotation marks, sentence starts and breaks (``candidates`` looks for nothing else)
        self.marks = [k for k in range(a.n) if self.quote[k] or self.sent_start[k] or self.text[k] in BREAKS]

    def root(self, start: int, end: int) -> int:
        """``doc[start:end].root.i``: of the tokens whose head is outside the span, the one
        with the fewest words up to the sentence root (the first on ties)."""
        if end - start == 1:
            return start
        head = self.head
        best, best_depth = start, None
        for k in range(start, end):
            if start <= head[k] < end and head[k] != k:
                continue
            depth, node = 0, k
            while head[node] != node and depth <= self.n:
                node, depth = head[node], depth + 1
            if best_depth is None or depth < best_depth:
                best, best_depth = k, depth
        return best

    def sentence_end(self, k: int) -> int:
        """End (exclusive) of the sentence holding token ``k``."""
        return self._sent_end[self.sent_starts[k]]


def candidates(view: DocView, att: Attribution) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Candidate starts and ends (end exclusive) of ``att``'s content, each with why it is one."""
    n = view.n
    s, e = att.content
    assert att.cue is not None
    c0, c1 = att.cue
    starts: dict[int, list[str]] = {}
    ends: dict[int, list[str]] = {}

    def add_start(k: int, tag: str) -> None:
        if 0 <= k < n:
            starts.setdefault(k, []).append(tag)

    def add_end(k: int, tag: str) -> None:
        if 0 < k <= n:
            ends.setdefault(k, []).append(tag)

    add_start(s, "orig")
    add_end(e, "orig")
    add_start(s - 1, "o-1")
    add_start(s + 1, "o+1")
    add_end(e - 1, "o-1")
    add_end(e + 1, "o+1")
    add_start(c1, "aftercue")
    if c1 < n and view.lower[c1] in ("that", ",", ":"):
        add_start(c1 + 1, "afterthat")
    dep, left, right, children = view.dep, view.left, view.right, view.arrays.children
    root = view.root(c0, c1)
    for child in children(root):
        if dep[child] in _KID_DEPS:
            add_start(left[child], "kid:" + dep[child])
            add_end(right[child] + 1, "kid:" + dep[child])
    add_start(left[root], "rootL")
    add_end(right[root] + 1, "rootR")
    head = view.head[root]
    if head != root:
        add_start(left[head], "headL")
        add_end(right[head] + 1, "headR")
        for child in children(head):
            if child != root and dep[child] in _KID_DEPS:
                add_start(left[child], "hkid:" + dep[child])
                add_end(right[child] + 1, "hkid:" + dep[child])
    add_start(view.sent_starts[c0], "sent")
    add_end(view.sentence_end(c0), "sent")
    text, quote, sent_start, marks = view.text, view.quote, view.sent_start, view.marks
    lo, hi = max(0, min(s, c0) - 2), min(n, max(e, c1) + LOOKAHEAD)
    # the tokens of [lo, hi) the tests below can pass, in order: the others add nothing
    for k in marks[bisect_left(marks, lo) : bisect_left(marks, hi)]:
        if quote[k]:
            add_start(k, "q")
            add_start(k + 1, "q+1")
            add_end(k, "q")
            add_end(k + 1, "q+1")
        if k > s and sent_start[k]:
            add_end(k, "ss")
        if s < k < e + LOOKAHEAD and text[k] in BREAKS:
            add_end(k, "punct")
    return starts, ends


def _prob_features(prefix: str, k: int, n: int, probs: Probs | None) -> list[str]:
    if probs is None:
        return []
    p_begin, p_content = probs
    out = (
        [prefix + "B" + _prob_bucket(p_begin[k]), prefix + "C" + _prob_bucket(p_content[k])]
        if 0 <= k < n
        else [prefix + "C-"]
    )
    out.append(prefix + "C1" + _prob_bucket(p_content[k - 1]) if 0 <= k - 1 < n else prefix + "C1-")
    return out


def start_features(view: DocView, att: Attribution, k: int, tags: list[str], probs: Probs | None) -> list[str]:
    """Features of starting the content at token ``k``."""
    assert att.cue is not None
    s = att.content[0]
    c0, c1 = att.cue
    low, pos = view.lower[k], view.pos[k]
    prev_low, prev_pos = (view.lower[k - 1], view.pos[k - 1]) if k > 0 else ("^", "^")
    side = "B" if k < c0 else ("A" if k >= c1 else "I")
    out = ["S_" + t for t in tags] + ["S_" + t + "|" + side for t in tags]
    out += [
        "Sd" + bucket(k - s),
        "Sw=" + low,
        "Sp=" + pos,
        "Sdep=" + view.dep[k],
        "Sside=" + side,
        "Spw=" + prev_low,
        "Spp=" + prev_pos,
        "Sss=" + str(view.sent_start[k]),
        "Sq=" + str(view.quote[k]) + str(k > 0 and view.quote[k - 1]),
        "Sw|side=" + low + side,
        "Sdc" + bucket(k - c1 if k >= c1 else k - c0),
    ]
    return out + _prob_features("Sm", k, view.n, probs)


def end_features(view: DocView, att: Attribution, k: int, tags: list[str], probs: Probs | None) -> list[str]:
    """Features of ending the content before token ``k``."""
    assert att.cue is not None
    e = att.content[1]
    c0, c1 = att.cue
    n = view.n
    last_low, last_pos = view.lower[k - 1], view.pos[k - 1]
    next_low, next_pos = (view.lower[k], view.pos[k]) if k < n else ("$", "$")
    side = "B" if k <= c0 else ("A" if k > c1 else "I")
    out = ["E_" + t for t in tags] + ["E_" + t + "|" + side for t in tags]
    out += [
        "Ed" + bucket(k - e),
        "Elw=" + last_low,
        "Elp=" + last_pos,
        "Enw=" + next_low,
        "Enp=" + next_pos,
        "Ess=" + str(k >= n or view.sent_start[k]),
        "Eq=" + str(view.quote[k - 1]) + str(k < n and view.quote[k]),
        "Eside=" + side,
        "Enw|lp=" + next_low + "|" + last_pos,
    ]
    return out + _prob_features("Em", k, n, probs)


def pair_features(att: Attribution, s: int, e: int, sentences: int, quotes: int) -> list[str]:
    """Features of the span as a whole: the tagger's own, its length, what it crosses."""
    out = ["P_orig"] if (s, e) == att.content else []
    out += [
        "Plen" + bucket(e - s),
        "Pxs=" + str(min(sentences, 2)),
        "Pcue=" + cue_position(att, s, e),
        "Pqbal=" + str(quotes % 2),
    ]
    return out


def candidate_pairs(
    view: DocView, att: Attribution, starts: dict[int, list[str]], ends: dict[int, list[str]]
) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, sentence starts inside, quotation marks inside) of every candidate span
    overlapping the tagger's, starts in candidate order, then ends."""
    s0, e0 = att.content
    lo = min(starts)
    hi = max(ends)
    # prefix counts of sentence starts and quotation marks over [lo, hi)
    sent_count = [0]
    quote_count = [0]
    for k in range(lo, hi):
        sent_count.append(sent_count[-1] + (1 if view.sent_start[k] and k > lo else 0))
        quote_count.append(quote_count[-1] + (1 if view.quote[k] else 0))
    for s in starts:
        for e in ends:
            if e <= s or e - s > MAX_LEN or e < s0 or s > e0:
                continue
            sentences = sent_count[e - lo] - sent_count[s - lo + 1] if s - lo + 1 <= e - lo else 0
            yield s, e, sentences, quote_count[e - lo] - quote_count[s - lo]


def cue_position(att: Attribution, s: int, e: int) -> str:
    """Where the span ``[s, e)`` stands to the cue: "in" (holds it), "after", "before" or "cross"."""
    assert att.cue is not None
    c0, c1 = att.cue
    return "in" if s <= c0 and c1 <= e else ("after" if s >= c1 else ("before" if e <= c0 else "cross"))


def enumerate_spans(
    view: DocView, att: Attribution, probs: Probs | None
) -> list[tuple[tuple[int, int], list[str], list[str], list[str]]]:
    """Every candidate span overlapping the tagger's, with its start, end and pair features."""
    starts, ends = candidates(view, att)
    start_f = {k: start_features(view, att, k, tags, probs) for k, tags in starts.items()}
    end_f = {k: end_features(view, att, k, tags, probs) for k, tags in ends.items()}
    return [
        ((s, e), start_f[s], end_f[e], pair_features(att, s, e, sentences, quotes))
        for s, e, sentences, quotes in candidate_pairs(view, att, starts, ends)
    ]
