"""Near-duplicate articles (wire copies, republished pieces) by MinHash over word shingles.

A wire story printed by five outlets is one piece of evidence, not five. Candidates come from
datasketch's MinHash LSH (fast, incremental: signatures are stored, the index is rebuilt from
them in memory); each candidate pair is then confirmed on the exact Jaccard similarity of the
two texts' shingles, so the LSH's approximations never decide alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from selon.corpus.names import fold

NUM_PERM = 128
SHINGLE = 5  # words per shingle
LSH_THRESHOLD = 0.5  # candidate retrieval (estimated Jaccard)
DUPLICATE_JACCARD = 0.6  # confirmed near-duplicates (exact Jaccard of shingle sets)
SEED = 1
SCHEME = "affine64"  # datasketch >= 2 asks for the hashing scheme of stored values


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word n-grams of the folded text; short texts fall back to their words."""
    words = fold(text).split()
    if len(words) < size:
        return set(words)
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles(text)])
    return m


def to_blob(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype="<u8").tobytes()


def from_blob(blob: bytes) -> MinHash:
    values = np.frombuffer(blob, dtype="<u8").astype(np.uint64)
    return MinHash(num_perm=len(values), seed=SEED, hashvalues=values, scheme=SCHEME)


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def find_duplicates(
    new: dict[str, bytes], old_signatures: dict[str, bytes], text_of: Callable[[str], str]
) -> list[tuple[str, str, float]]:
    """Confirmed near-duplicate pairs (a < b) involving the ``new`` documents' signatures.

    ``old_signatures`` are those already compared; ``text_of(doc_id)`` fetches a document's
    text to confirm a candidate (only called for candidates).
    """
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for doc_id, blob in old_signatures.items():
        lsh.insert(doc_id, from_blob(blob))
    pairs: list[tuple[str, str, float]] = []
    shingle_cache: dict[str, set[str]] = {}

    def shingles_of(doc_id: str) -> set[str]:
        if doc_id not in shingle_cache:
            shingle_cache[doc_id] = shingles(text_of(doc_id) or "")
        return shingle_cache[doc_id]

    for doc_id in sorted(new):
        m = from_blob(new[doc_id])
        for other in lsh.query(m):
            if other == doc_id:
                continue
            score = jaccard(shingles_of(doc_id), shingles_of(other))
            if score >= DUPLICATE_JACCARD:
                a, b = sorted((doc_id, other))
                pairs.append((a, b, round(score, 4)))
        if doc_id not in old_signatures:
            lsh.insert(doc_id, m)
    return sorted(set(pairs))


def groups(
    doc_ids: Iterable[str], pairs: Iterable[tuple[str, str, float]], order: dict[str, tuple[str, str]]
) -> dict[str, str]:
    """doc id -> group id (the group's earliest document by (published, id))."""
    parent: dict[str, str] = {d: d for d in doc_ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in pairs:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[rb] = ra
    members: dict[str, list[str]] = {}
    for d in parent:
        members.setdefault(find(d), []).append(d)
    out: dict[str, str] = {}
    for docs in members.values():
        first = min(docs, key=lambda d: order.get(d, ("", d)))
        for d in docs:
            out[d] = first
    return out
