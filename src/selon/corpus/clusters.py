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
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np

from selon.nlp.lexicon.negation import NEGATION_WORDS

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
SKETCH_SAME = 0.75  # static-vector cosine above which a same-language pair is read by the encoder
SKETCH_CROSS = 0.40  # across languages (translations share fewer words), with an entity or figure in common
SKETCH_CROSS_ALONE = 0.55  # across languages, without
REPEAT_RATIO = 0.90  # word-sequence similarity at which a claim repeats another (same language and figures)
WEAK_UNITS = frozenset({"", "percent", "dollar", "euro", "year", "unit"})  # too common to be evidence alone


@dataclass
class Item:
    """One claim as the clustering sees it."""

    doc_id: str
    claim_id: str
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


@dataclass
class Clustering:
    """The clustering in memory: every clusterable claim in order, its label, its encoder vector if read.

    ``vectors`` holds the full encoder's vectors of the claims it was asked for: those that have a
    candidate (see :func:`candidate_pairs`), which includes every member of every cluster of two or
    more claims. A claim without candidates is a cluster of its own and never costs an encoding.
    """

    items: list[Item] = field(default_factory=list)
    labels: list[int | None] = field(default_factory=list)
    members: dict[int, list[int]] = field(default_factory=dict)
    docs: dict[int, set[str]] = field(default_factory=dict)
    next_id: int = 1

    @classmethod
    def build(cls, items: Sequence[Item], labels: Sequence[int | None], next_id: int) -> Clustering:
        state = cls(items=list(items), labels=list(labels), next_id=next_id)
        for i, label in enumerate(labels):
            if label is not None:
                state.members.setdefault(label, []).append(i)
                state.docs.setdefault(label, set()).add(items[i].doc_id)
        return state

    def place(self, i: int, label: int) -> None:
        self.labels[i] = label
        self.members.setdefault(label, []).append(i)
        self.docs.setdefault(label, set()).add(self.items[i].doc_id)


def candidate_pairs(
    sketches: np.ndarray, items: Sequence[Item], new: Sequence[int], chunk: int = 1024
) -> dict[int, list[int]]:
    """For each new claim, the earlier claims of other articles close enough to be worth encoding.

    ``sketches`` are the static vectors (:mod:`selon.corpus.static`) of ``items``, row for row; a
    pair is a candidate at :data:`SKETCH_SAME` in one language; across languages, where sketches
    agree less, at :data:`SKETCH_CROSS_ALONE`, or at :data:`SKETCH_CROSS` with an entity or a counted
    thing in common. The thresholds keep the pairs the full encoder links (docs/corpus.md). One matrix
    product per chunk of new claims against all claims: exact, and about 10 s for 50,000 claims.
    """
    out: dict[int, list[int]] = {}
    langs = np.array([it.language for it in items])
    docs = np.array([it.doc_id for it in items])
    keys = [_evidence_keys(it) for it in items]
    for start in range(0, len(new), chunk):
        rows = np.asarray(new[start : start + chunk])
        block = sketches[rows] @ sketches.T
        for r, i in enumerate(rows):
            sims = block[r, :i]
            hits = np.nonzero(sims >= SKETCH_CROSS)[0]
            hits = hits[docs[hits] != docs[i]]
            if not len(hits):
                continue
            cross = langs[hits] != langs[i]
            sure = hits[np.where(cross, sims[hits] >= SKETCH_CROSS_ALONE, sims[hits] >= SKETCH_SAME)]
            maybe = hits[cross & (sims[hits] < SKETCH_CROSS_ALONE)]
            keep = [int(j) for j in sure] + [int(j) for j in maybe if keys[i] & keys[j]]
            if keep:
                out[int(i)] = sorted(keep)
    return out


def _evidence_keys(item: Item) -> frozenset[str]:
    """What two claims in two languages may share besides words: a canonical entity, a counted thing
    (a bare value is no evidence: "2" and "2016" are in every other claim)."""
    return frozenset([f"e:{e}" for e in item.entities] + [f"u:{u}" for u in item.units - WEAK_UNITS])


def repeats(items: Sequence[Item], texts: Sequence[str], cands: dict[int, list[int]]) -> dict[int, list[int]]:
    """For each new claim, the candidates it repeats nearly word for word: the same claim, no encoder needed.

    A repeat is in the same language, gives the same figures, and has :data:`REPEAT_RATIO` of its
    words in sequence in common with the other (all of them for claims under :data:`SHORT_WORDS`
    words); the words that differ hold no digit and no negation. On the 50,000-claim benchmark the
    encoder put 1,641 of 1,651 such pairs at 0.97 or more, where it links them by their text alone,
    and one below 0.94 (docs/corpus.md). Most repeats in a news corpus are reprints and copies of
    one page, which otherwise make up most of what the encoder reads.
    """
    words: dict[int, list[str]] = {}

    def of(i: int) -> list[str]:
        if i not in words:
            words[i] = re.findall(r"\w+", texts[i].casefold())
        return words[i]

    out: dict[int, list[int]] = {}
    for i, js in cands.items():
        found = []
        for j in js:
            a, b = items[i], items[j]
            if a.language != b.language or a.values != b.values:
                continue
            ratio = _repeat_ratio(of(i), of(j))
            if ratio >= (1.0 if min(a.words, b.words) < SHORT_WORDS else REPEAT_RATIO):
                found.append((ratio, j))
        if found:
            out[i] = [j for _, j in sorted(found, key=lambda f: (-f[0], f[1]))]
    return out


def _repeat_ratio(a: list[str], b: list[str]) -> float:
    """Word-sequence similarity of two claims, 0 when a word that differs is a number or a negation."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            for w in a[i1:i2] + b[j1:j2]:
                if w in NEGATION_WORDS or any(ch.isdigit() for ch in w):
                    return 0.0
    return matcher.ratio()


def assign(
    state: Clustering,
    vectors: dict[int, np.ndarray],
    new: Sequence[int],
    cands: dict[int, list[int]],
    aligned: dict[int, int] | None = None,
    repeated: dict[int, list[int]] | None = None,
) -> None:
    """Label the ``new`` claims in order: join the most similar linked candidate's cluster, else found one.

    ``aligned`` maps a claim of a translation to the claim of its original it was aligned with
    (:func:`selon.corpus.translations.aligned_links`): that claim's cluster comes first; then the
    cluster of a claim it repeats (:func:`repeats`), which needs no vector.
    """
    aligned = aligned or {}
    repeated = repeated or {}
    for i in new:
        item = state.items[i]
        first = [aligned[i]] if i in aligned else []
        label_j = next(
            (
                label
                for label in (state.labels[j] for j in first + repeated.get(i, []))
                if label is not None and item.doc_id not in state.docs[label]
            ),
            None,
        )
        if label_j is not None:
            state.place(i, label_j)
            continue
        best_label, best_score = -1, -1.0
        vec = vectors.get(i)
        for j in cands.get(i, ()):
            label = state.labels[j]
            if vec is None or label is None or j not in vectors:
                continue
            s = float(vec @ vectors[j])
            if s <= best_score or not linked(item, state.items[j], s):
                continue
            if item.doc_id in state.docs[label]:
                continue  # claims of one article are different claims: a cluster spans articles
            read = [vec @ vectors[m] for m in state.members[label] if m in vectors]  # a repeat may have none
            if float(np.mean(read)) < CLUSTER_MEAN:
                continue
            best_label, best_score = label, s
        if best_label < 0:
            best_label = state.next_id
            state.next_id += 1
        state.place(i, best_label)


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
    vector: np.ndarray | None


def summarise(members: Sequence[Member]) -> dict:
    """The corroboration row of one cluster (see the corpus_clusters table)."""
    read = [(m, m.vector) for m in members if m.vector is not None]
    if read:
        matrix = np.vstack([v for _, v in read])
        centroid = matrix.mean(axis=0)
        centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
        label = read[int(np.argmax(matrix @ centroid))][0].text
    else:  # a claim alone, never encoded: nothing was close enough to compare it with
        centroid, label = np.zeros(0, dtype=np.float32), members[0].text
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
