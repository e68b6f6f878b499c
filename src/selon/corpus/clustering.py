"""The clustering stage of the corpus update: sketch every claim, encode only what may cluster.

Every clusterable claim (five words or more) gets a static sketch (:mod:`selon.corpus.static`),
at the cost of a lookup. A new claim is compared by sketch with every earlier claim of another
article (:func:`selon.corpus.clusters.candidate_pairs`); only the claims of a candidate pair are
read by the full encoder, once, and the vector is stored. Most claims of a news corpus have no
candidate: they found their own cluster and never cost an encoding. The decision to link stays
the encoder's, with the thresholds measured on it (:func:`selon.corpus.clusters.linked`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

import selon.corpus.clusters as cl
import selon.corpus.embed as embed
import selon.corpus.translations as translations
from selon.corpus.copies import write_pairs
from selon.corpus.quantities import unit_key
from selon.corpus.static import StaticEmbedder
from selon.store.sql import execute_many, fetch_all, fetch_value, transaction

Progress = Callable[[str, int, int], None]
ENCODE_BATCH = 256  # claims encoded (and their vectors committed) per transaction
#: Sketch cosine of two claims with a figure and an entity in common below which the encoder is not asked
#: whether they share a subject (of the pairs it puts at 0.94 or more, 75 % have sketches at 0.60 or more).
FIGURE_SKETCH = 0.60

_SELECT = (
    "SELECT k.doc_id, k.claim_id, k.embedding, k.entity_keys, d.language, c.content_text, k.cluster_id, "
    "k.source_key "
    "FROM corpus_claims k JOIN claims c USING (doc_id, claim_id) JOIN documents d ON d.id = k.doc_id "
    "ORDER BY d.published, k.doc_id, c.seq"
)


def figures_by_claim(conn: sqlite3.Connection) -> dict[tuple[str, str], list[tuple[str, float]]]:
    """The (unit key, value) of each corpus claim's figures: evidence that two claims are one."""
    out: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for doc, claim, unit, value in fetch_all(
        conn,
        "SELECT f.doc_id, f.claim_id, f.unit, f.value FROM figures f JOIN corpus_claims k "
        "ON k.doc_id = f.doc_id AND k.claim_id = f.claim_id",
    ):
        out.setdefault((doc, claim), []).append((unit_key(unit), value))
    return out


def _item(row: tuple[Any, ...], figures: dict[tuple[str, str], list[tuple[str, float]]]) -> cl.Item:
    doc, claim, _blob, entity_keys, language, text, *_ = row
    found = figures.get((doc, claim), [])
    return cl.Item(
        doc,
        claim,
        frozenset(filter(None, (entity_keys or "").split("|"))),
        frozenset(u for u, _ in found),
        frozenset(found),
        language,
        cl.word_count(text),
    )


def cluster_new(
    conn: sqlite3.Connection,
    embedder: embed.Embedder,
    sketcher: StaticEmbedder | None = None,
    progress: Progress | None = None,
) -> tuple[int, int]:
    """Assign the unclustered claims; existing assignments stay. Returns how many were assigned, and how
    many texts the encoder read for it."""
    rows = [r for r in fetch_all(conn, _SELECT) if cl.word_count(r[5]) >= cl.MIN_WORDS]
    rows = [r for r in rows if r[6] is not None] + [r for r in rows if r[6] is None]  # the clustered first
    new = [i for i, r in enumerate(rows) if r[6] is None]
    if not new:
        return 0, 0
    figures = figures_by_claim(conn)
    items = [_item(r, figures) for r in rows]
    texts = [r[5] for r in rows]
    sketches = (sketcher or StaticEmbedder()).encode(texts)
    cands = cl.candidate_pairs(sketches, items, new)
    repeated = cl.repeats(items, texts, cands)
    open_ = {i: js for i, js in cands.items() if i not in repeated}  # the pairs only the encoder can decide
    need = set(open_) | {j for js in open_.values() for j in js} | _figure_claims(items, sketches, new)
    pairs = translations.find(sketches, items, sorted({items[i].doc_id for i in new}))
    docs = translations.by_document(items)
    for pair in pairs:
        need.update(docs[pair.doc_a] + docs[pair.doc_b])
    vectors = {i: embed.from_blob(r[2]) for i, r in enumerate(rows) if r[2] is not None}
    encoded = encode_missing(conn, embedder, rows, sorted(need - vectors.keys()), vectors, progress)
    pairs = translations.confirm(vectors, items, pairs)
    if pairs:
        write_pairs(conn, [(p.doc_a, p.doc_b, p.share) for p in pairs], "translation")
    next_id = (fetch_value(conn, "SELECT MAX(cluster_id) FROM corpus_claims") or 0) + 1
    next_id = max(next_id, (fetch_value(conn, "SELECT MAX(id) FROM corpus_clusters") or 0) + 1)
    state = cl.Clustering.build(items, [r[6] for r in rows], next_id)
    aligned = translations.aligned_links(vectors, items, pairs)
    cl.assign(state, vectors, new, cands, aligned, repeated)
    with transaction(conn):
        execute_many(
            conn,
            "INSERT OR IGNORE INTO corpus_source_links (key_a, key_b, reason, detail, doc_id) VALUES (?, ?, ?, ?, ?)",
            _translated_sources(rows, aligned),
        )
        execute_many(
            conn,
            "UPDATE corpus_claims SET cluster_id = ? WHERE doc_id = ? AND claim_id = ?",
            [(state.labels[i], rows[i][0], rows[i][1]) for i in new],
        )
    return len(new), encoded


def _translated_sources(rows: Sequence[tuple[Any, ...]], aligned: dict[int, int]) -> list[tuple[str, ...]]:
    """Source links from the aligned claims of translations: a translator does not change who said a thing.

    Keys scoped to one article or outlet (``u:``, ``d:``) are left to the syndication group, which
    already counts them once for both articles.
    """
    out: set[tuple[str, ...]] = set()
    for later, earlier in aligned.items():
        a, b = rows[earlier][7], rows[later][7]
        if a and b and a != b and not a.startswith(("u:", "d:")) and not b.startswith(("u:", "d:")):
            first, second = rows[earlier], rows[later]
            detail = f"claims {first[0]}/{first[1]} and {second[0]}/{second[1]} translate each other"
            out.add((*sorted((a, b)), "translation", detail, rows[later][0]))
    return sorted(out)


def _figure_claims(items: Sequence[cl.Item], sketches: np.ndarray, new: Sequence[int]) -> set[int]:
    """Claims the conflicts view may compare by their vectors (:func:`selon.corpus.conflicts._same_quantity`):
    a counted thing and an entity in common with a claim of another article, and sketches close enough
    (:data:`FIGURE_SKETCH`) for the encoder to find one subject, for a pair with a new claim."""
    keyed: dict[tuple[str, str], list[int]] = {}
    for i, item in enumerate(items):
        for key in ((u, e) for u in item.units for e in item.entities):
            keyed.setdefault(key, []).append(i)
    fresh = set(new)
    out: set[int] = set()
    for idx in keyed.values():
        if len(idx) < 2 or not fresh.intersection(idx):
            continue
        sims = sketches[idx] @ sketches[idx].T
        for a, b in zip(*np.nonzero(np.triu(sims >= FIGURE_SKETCH, 1))):
            i, j = idx[a], idx[b]
            if (i in fresh or j in fresh) and items[i].doc_id != items[j].doc_id:
                out.update((i, j))
    return out


def encode_missing(
    conn: sqlite3.Connection,
    embedder: embed.Embedder,
    rows: Sequence[tuple[Any, ...]],
    todo: Sequence[int],
    vectors: dict[int, np.ndarray],
    progress: Progress | None = None,
) -> int:
    """Give the claims ``todo`` (row numbers) a stored vector, and add them to ``vectors``.

    A text is read by the encoder once: a claim whose exact text another claim already has a vector
    for (a copy of a page, furniture repeated on every page of an outlet) takes that vector, which is
    what the deterministic encoder would give. Returns how many texts were encoded.
    """
    known = {r[5]: r[2] for r in rows if r[2] is not None}
    by_text: dict[str, list[int]] = {}
    for i in todo:
        by_text.setdefault(rows[i][5], []).append(i)
    _store_vectors(conn, embedder.name, rows, [i for t, idx in by_text.items() if t in known for i in idx], known)
    texts = [t for t in by_text if t not in known]
    for start in range(0, len(texts), ENCODE_BATCH):
        chunk = texts[start : start + ENCODE_BATCH]
        known.update((t, embed.to_blob(v)) for t, v in zip(chunk, embedder.encode(chunk)))
        _store_vectors(conn, embedder.name, rows, [i for t in chunk for i in by_text[t]], known)
        if progress:
            progress("encoding claims that may cluster", start + len(chunk), len(texts))
    for i in todo:
        vectors[i] = embed.from_blob(known[rows[i][5]])  # as stored: the next run reads the same numbers
    return len(texts)


def _store_vectors(
    conn: sqlite3.Connection, model: str, rows: Sequence[tuple[Any, ...]], idx: Sequence[int], blobs: dict[str, bytes]
) -> None:
    """Store the vectors of claims ``idx`` (by their text), in one transaction: what is encoded is kept."""
    with transaction(conn):
        execute_many(
            conn,
            "UPDATE corpus_claims SET embedding = ?, model = ? WHERE doc_id = ? AND claim_id = ?",
            [(blobs[rows[i][5]], model, rows[i][0], rows[i][1]) for i in idx],
        )
