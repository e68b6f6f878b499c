"""Samples for judging cluster quality by reading (see docs/corpus.md).

* same-cluster pairs: two claims of one cluster from different articles, clusters drawn at
  random among those of two or more articles: a wrong pair counts against precision;
* nearest-other pairs: a random clustered claim and its most similar claim (cosine) in
  another cluster and another article: a pair that is in fact the same claim is a miss.

Same-cluster pairs are drawn among all members, read by the encoder or joined as repeats (no
cosine then); the misses only among claims the encoder read (a claim alone that no sketch brought
close to another was never read, and is left out of them).
"""

from __future__ import annotations

import random
import sqlite3
from typing import Any

import numpy as np

import selon.corpus.embed as embed
from selon.store.sql import fetch_all

COLUMNS = (
    "pair",
    "kind",
    "cosine",
    "cluster_a",
    "doc_a",
    "outlet_a",
    "text_a",
    "cluster_b",
    "doc_b",
    "outlet_b",
    "text_b",
    "same_claim",
    "note",
)


def sample_pairs(conn: sqlite3.Connection, n: int = 50, seed: int = 2016) -> list[dict[str, Any]]:
    rows = fetch_all(
        conn,
        "SELECT k.cluster_id, k.doc_id, k.claim_id, c.content_text, d.outlet, k.embedding FROM corpus_claims k "
        "JOIN claims c USING (doc_id, claim_id) JOIN documents d ON d.id = k.doc_id "
        "WHERE k.cluster_id IS NOT NULL ORDER BY k.doc_id, c.seq",
    )
    rng = random.Random(seed)
    read = np.array([r[5] is not None for r in rows])
    vectors = np.vstack([embed.from_blob(r[5]) if r[5] is not None else np.zeros(embed.DIM, np.float32) for r in rows])
    clusters, docs = np.array([r[0] for r in rows]), np.array([r[1] for r in rows])
    by_cluster: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        by_cluster.setdefault(r[0], []).append(i)
    multi = sorted(c for c, idx in by_cluster.items() if len({rows[i][1] for i in idx}) >= 2)
    out: list[dict[str, Any]] = []

    def pair(kind: str, i: int, j: int) -> dict[str, Any]:
        a, b = rows[i], rows[j]
        return {
            "pair": len(out) + 1,
            "kind": kind,
            "cosine": round(float(vectors[i] @ vectors[j]), 3) if read[i] and read[j] else "",
            "cluster_a": a[0],
            "doc_a": a[1],
            "outlet_a": a[4],
            "text_a": a[3],
            "cluster_b": b[0],
            "doc_b": b[1],
            "outlet_b": b[4],
            "text_b": b[3],
            "same_claim": "",
            "note": "",
        }

    for cluster in rng.sample(multi, min(n, len(multi))):
        idx = by_cluster[cluster]
        i = rng.choice(idx)
        j = rng.choice([k for k in idx if rows[k][1] != rows[i][1]])
        out.append(pair("same-cluster", i, j))
    pool = [i for c in multi for i in by_cluster[c] if read[i]]
    for i in rng.sample(pool, min(n, len(pool))):
        sims = vectors @ vectors[i]
        sims[(clusters == rows[i][0]) | (docs == rows[i][1]) | ~read] = -1.0
        out.append(pair("nearest-other", i, int(np.argmax(sims))))
    return out


def write_tsv(pairs: list[dict[str, Any]], path: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\t".join(COLUMNS) + "\n")
        for p in pairs:
            fh.write("\t".join(str(p[c]).replace("\t", " ").replace("\n", " ") for c in COLUMNS) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Draw a sample from a clustered SQLite store: ``python -m selon.corpus.measure STORE --out F.tsv``."""
    import argparse

    parser = argparse.ArgumentParser(description="Draw claim pairs to judge cluster quality by reading.")
    parser.add_argument("store", help="a SQLite store whose corpus is up to date")
    parser.add_argument("--out", required=True, help="TSV to write (same_claim and note left to fill)")
    parser.add_argument("-n", type=int, default=50, help="pairs of each kind")
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args(argv)
    conn = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    try:
        write_tsv(sample_pairs(conn, args.n, args.seed), args.out)
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
