"""Claim clusters: the same statement across articles and languages.

Assignment is incremental and greedy, in publication order: a new claim joins the cluster of
its most similar clustered claim when the link is strong enough *and* the claim is close to
the cluster as a whole (mean similarity), else it founds a new cluster. Existing claims never
move, so adding articles only touches the clusters they join.

A cluster holds at most one claim per article: successive claims of one article are
related but different statements, and the encoder puts them as close as translations.

A link needs either a very high cosine on its own (:data:`TEXT_ONLY`), or a high cosine plus
shared evidence (:data:`WITH_EVIDENCE`): the same counted thing in a figure (drones, shells),
the same figure value and unit, or two shared canonical entities. The thresholds were set on
the multilingual-e5-small cosine scale (translations ≈ 0.93–0.95, same-topic different claims
≈ 0.85–0.90) and measured on PolNeAR: see docs/corpus.md.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

# The encoder scores a translation lower than a same-language paraphrase, so pairs across
# languages get lower thresholds than pairs within one (measured: docs/corpus.md).
TEXT_ONLY = 0.97  # same language: cosine that links two claims by itself
WITH_EVIDENCE = 0.94  # same language: cosine that links two claims sharing evidence
CROSS_TEXT_ONLY = 0.935  # across languages
CROSS_WITH_EVIDENCE = 0.905  # across languages, with shared evidence
CLUSTER_MEAN = 0.90  # mean cosine to the members a claim joins (stops chaining)
MIN_WORDS = 5  # shorter claims ("he said so") are not clustered
SHORT_WORDS = 8  # claims shorter than this link only at SHORT_TEXT_ONLY
SHORT_TEXT_ONLY = 0.975  # "We are telling the truth" / "I will tell the truth" score 0.957
WEAK_UNITS = frozenset({"", "percent", "dollar", "euro", "year", "unit"})  # too common to be evidence alone


@dataclass
class Item:
    """One claim as the clustering sees it."""

    doc_id: str
    claim_id: str
    vector: np.ndarray
    entities: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    values: frozenset[tuple[str, float]] = frozenset()
    language: str = ""
    words: int = 99


def linked(a: Item, b: Item, cosine: float) -> bool:
    """Whether two claims are close enough to be one, given their languages, length and evidence."""
    cross = bool(a.language and b.language and a.language != b.language)
    if min(a.words, b.words) < SHORT_WORDS:
        return cosine >= SHORT_TEXT_ONLY
    if cosine >= (CROSS_TEXT_ONLY if cross else TEXT_ONLY):
        return True
    return cosine >= (CROSS_WITH_EVIDENCE if cross else WITH_EVIDENCE) and evidence(a, b) is not None


@dataclass
class Index:
    """The clustered claims in memory: vectors, cluster labels and evidence, in insertion order."""

    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 384), dtype=np.float32))
    labels: list[int] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    members: dict[int, list[int]] = field(default_factory=dict)
    docs: dict[int, set[str]] = field(default_factory=dict)
    next_id: int = 1

    @classmethod
    def build(cls, items: Sequence[Item], labels: Sequence[int], next_id: int) -> Index:
        index = cls(next_id=next_id)
        if items:
            index.vectors = np.vstack([it.vector for it in items]).astype(np.float32)
        index.items = list(items)
        index.labels = list(labels)
        for i, label in enumerate(labels):
            index.members.setdefault(label, []).append(i)
            index.docs.setdefault(label, set()).add(items[i].doc_id)
        return index


def evidence(a: Item, b: Item) -> str | None:
    """Why two similar claims may be the same one, beyond their wording; None when nothing is shared."""
    units = (a.units & b.units) - WEAK_UNITS
    shared = a.entities & b.entities
    if units and shared:  # '175 delegates' and '56 delegates' alone are not one claim
        return "same counted thing: " + ", ".join(sorted(units)) + " about " + sorted(shared)[0]
    values = a.values & b.values
    if values:
        unit, value = sorted(values)[0]
        return f"same figure: {value:g} {unit}".strip()
    if len(shared) >= 2:
        return "shared entities: " + ", ".join(sorted(shared)[:3])
    return None


def assign(index: Index, new: Sequence[Item], chunk: int = 512) -> list[int]:
    """Cluster ids for ``new`` (in order), extending ``index`` in place."""
    n_old = len(index.items)
    dim = index.vectors.shape[1] if n_old else (new[0].vector.shape[0] if new else 384)
    vectors = np.zeros((n_old + len(new), dim), dtype=np.float32)
    if n_old:
        vectors[:n_old] = index.vectors
    for k, item in enumerate(new):
        vectors[n_old + k] = item.vector
    out: list[int] = []
    for start in range(0, len(new), chunk):
        block = vectors[n_old + start : n_old + start + chunk] @ vectors.T  # one BLAS call per chunk
        for r in range(block.shape[0]):
            k = start + r
            item, n = new[k], n_old + k
            sims = block[r, :n]
            best_label, best_score = -1, -1.0
            for j in np.nonzero(sims >= CROSS_WITH_EVIDENCE)[0]:
                s = float(sims[j])
                if s <= best_score or not linked(item, index.items[j], s):
                    continue
                label = index.labels[j]
                if item.doc_id in index.docs[label]:
                    continue  # claims of one article are different claims: a cluster spans articles
                if float(sims[index.members[label]].mean()) < CLUSTER_MEAN:
                    continue
                best_label, best_score = label, s
            if best_label < 0:
                best_label = index.next_id
                index.next_id += 1
            index.items.append(item)
            index.labels.append(best_label)
            index.members.setdefault(best_label, []).append(n)
            index.docs.setdefault(best_label, set()).add(item.doc_id)
            out.append(best_label)
    index.vectors = vectors
    return out


@dataclass
class Member:
    """A clustered claim with what the corroboration summary needs."""

    doc_id: str
    claim_id: str
    text: str
    source_id: str
    source_name: str
    relay: bool
    certainty: str
    outlet: str | None
    published: str | None
    language: str
    group_id: str
    vector: np.ndarray


def summarise(members: Sequence[Member]) -> dict:
    """The corroboration row of one cluster (see the corpus_clusters table)."""
    matrix = np.vstack([m.vector for m in members])
    centroid = matrix.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
    label = members[int(np.argmax(matrix @ centroid))].text
    originals = {m.source_id for m in members if not m.relay}
    counted = originals or {m.source_id for m in members}
    dates = sorted(m.published for m in members if m.published)
    return {
        "label": label,
        "centroid": centroid.astype("<f4").tobytes(),
        "claims": len(members),
        "articles": len({m.doc_id for m in members}),
        "groups": len({m.group_id for m in members}),
        "independent_sources": len(counted),
        "outlets": json.dumps(sorted({m.outlet or "unknown" for m in members})),
        "languages": json.dumps(sorted({m.language for m in members})),
        "sources": json.dumps(sorted(counted)),
        "certainty_mix": json.dumps(dict(Counter(m.certainty for m in members).most_common())),
        "first_seen": dates[0] if dates else None,
        "last_seen": dates[-1] if dates else None,
        "single_source": int(len(counted) <= 1),
    }


def word_count(text: str) -> int:
    return len(text.split())
