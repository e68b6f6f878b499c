"""Translations: one article told in two languages is a copy, like a syndicated wire story.

MinHash (:mod:`selon.corpus.syndication`) cannot see a translation: no shingle is shared. Two
articles in different languages are a translation when their claims line up: sketched
(:mod:`selon.corpus.static`), most claims of the shorter article have a mutual best match in the
other, and those matches keep the order of both articles (a translator follows the text; two
reports of one event do not), and the figures are the same ones (another account of the founding
example gives 2,700 drones where the French says 2,000). A translation pair then joins one syndication group (its claims
count one source), and its claims are matched in order by the full encoder, at a lower cosine
than two unrelated articles need: the alignment is itself the evidence.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

import selon.corpus.clusters as cl

DOC_SIMILARITY = 0.40  # sketch cosine of two articles (sum of their claims) worth aligning
SKETCH_ALIGN = 0.20  # sketch cosine of two claims that may be a sentence and its translation
ALIGNED_SHARE = 0.5  # share of the shorter article's claims aligned in order
MIN_ALIGNED = 3  # two short matches are no evidence of a translation
LENGTH_RATIO = 2.5  # a translation has about as many claims as its original
SAME_FIGURES = 0.5  # share of the figure values of the article with fewer that the other gives too
LINK_ALIGNED = 0.84  # encoder cosine at which two aligned claims of a translation pair are one claim


@dataclass(frozen=True)
class Translation:
    """Two articles in two languages that tell one text: ``share`` of the shorter's claims aligned."""

    doc_a: str
    doc_b: str
    share: float


def in_order(sims: np.ndarray, floor: float) -> list[tuple[int, int]]:
    """Mutual best matches at ``floor`` or above, kept to the longest run in the order of both sides."""
    if not sims.size:
        return []
    best_col, best_row = sims.argmax(axis=1), sims.argmax(axis=0)
    pairs = [(i, int(j)) for i, j in enumerate(best_col) if best_row[j] == i and sims[i, j] >= floor]
    # longest strictly increasing subsequence of the second index (rows already increase)
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    out: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def by_document(items: Sequence[cl.Item]) -> dict[str, list[int]]:
    """Row numbers of each article's claims, in article order."""
    out: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        out.setdefault(item.doc_id, []).append(i)
    return out


def find(sketches: np.ndarray, items: Sequence[cl.Item], new_docs: Sequence[str]) -> list[Translation]:
    """Translation pairs between the ``new_docs`` and every article of another language."""
    docs = by_document(items)
    names = list(docs)
    language = {d: items[docs[d][0]].language for d in names}
    sums = np.vstack([sketches[docs[d]].sum(axis=0) for d in names]) if names else np.zeros((0, 1))
    sums /= np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9)
    row = {d: k for k, d in enumerate(names)}
    found: dict[tuple[str, str], Translation] = {}
    for doc in new_docs:
        if doc not in row:
            continue
        sims = sums @ sums[row[doc]]
        for k in np.nonzero(sims >= DOC_SIMILARITY)[0]:
            other = names[int(k)]
            if language[other] == language[doc] or not language[doc] or not language[other]:
                continue
            key = (min(doc, other), max(doc, other))
            if key not in found and same_figures(items, docs[key[0]], docs[key[1]]):
                share = aligned_share(sketches, docs[key[0]], docs[key[1]])
                if share >= ALIGNED_SHARE:
                    found[key] = Translation(key[0], key[1], round(share, 4))
    return sorted(found.values(), key=lambda t: (t.doc_a, t.doc_b))


def same_figures(items: Sequence[cl.Item], rows_a: Sequence[int], rows_b: Sequence[int]) -> bool:
    """Whether two articles give the same figures, as a translation does (an account that gives other
    values for the same things is another report, whose sources count apart)."""
    values_a = {value for i in rows_a for _, value in items[i].values}
    values_b = {value for i in rows_b for _, value in items[i].values}
    fewer = min(len(values_a), len(values_b))
    return fewer == 0 or len(values_a & values_b) >= SAME_FIGURES * fewer


def aligned_share(sketches: np.ndarray, rows_a: Sequence[int], rows_b: Sequence[int]) -> float:
    """Share of the shorter article's claims aligned in order with the other's (0 when lengths differ)."""
    short, long_ = sorted((len(rows_a), len(rows_b)))
    if short < MIN_ALIGNED or long_ > LENGTH_RATIO * short:
        return 0.0
    pairs = in_order(sketches[list(rows_a)] @ sketches[list(rows_b)].T, SKETCH_ALIGN)
    return len(pairs) / short if len(pairs) >= MIN_ALIGNED else 0.0


def confirm(
    vectors: dict[int, np.ndarray], items: Sequence[cl.Item], pairs: Sequence[Translation]
) -> list[Translation]:
    """The pairs that the encoder aligns too: half of the shorter article's claims matched in order at
    :data:`LINK_ALIGNED` (sketches propose, the encoder decides, as for claims)."""
    docs = by_document(items)
    out = []
    for pair in pairs:
        rows_a, rows_b = docs.get(pair.doc_a, []), docs.get(pair.doc_b, [])
        if not all(i in vectors for i in (*rows_a, *rows_b)):
            continue
        sims = np.vstack([vectors[i] for i in rows_a]) @ np.vstack([vectors[j] for j in rows_b]).T
        aligned = len(in_order(sims, LINK_ALIGNED))
        share = aligned / min(len(rows_a), len(rows_b))
        if aligned >= MIN_ALIGNED and share >= ALIGNED_SHARE:
            out.append(Translation(pair.doc_a, pair.doc_b, round(share, 4)))
    return out


def aligned_links(
    vectors: dict[int, np.ndarray], items: Sequence[cl.Item], pairs: Sequence[Translation]
) -> dict[int, int]:
    """For claims of translation pairs, the claim of the other article that says the same (later -> earlier row)."""
    docs = by_document(items)
    out: dict[int, int] = {}
    for pair in pairs:
        rows_a = [i for i in docs.get(pair.doc_a, []) if i in vectors]
        rows_b = [i for i in docs.get(pair.doc_b, []) if i in vectors]
        if not rows_a or not rows_b:
            continue
        sims = np.vstack([vectors[i] for i in rows_a]) @ np.vstack([vectors[j] for j in rows_b]).T
        for a, b in in_order(sims, LINK_ALIGNED):
            i, j = rows_a[a], rows_b[b]
            later, earlier = max(i, j), min(i, j)
            out.setdefault(later, earlier)
    return out
