"""The syndication stage of the corpus update: copies found, every document's group written.

A copy is a near-duplicate found by MinHash (:mod:`selon.corpus.syndication`) or a translation
found by aligning claims (:mod:`selon.corpus.translations`); both kinds are rows of
``corpus_near_duplicates`` and put their documents in one syndication group, so that a story
told twice counts its sources once.
"""

from __future__ import annotations

import sqlite3

import selon.corpus.syndication as syndication
from selon.store.sql import execute_many, fetch_all, fetch_one, transaction


def link_syndication(conn: sqlite3.Connection) -> int:
    """Compare the unlinked documents with all others; regroup every document."""
    rows = fetch_all(conn, "SELECT doc_id, minhash, linked FROM corpus_documents")
    new = {d: blob for d, blob, linked in rows if not linked}
    if not new:
        return 0
    old = {d: blob for d, blob, linked in rows if linked}

    def text_of(doc_id: str) -> str:
        row = fetch_one(conn, "SELECT text FROM documents WHERE id = ?", (doc_id,))
        return row[0] if row else ""

    pairs = syndication.find_duplicates(new, old, text_of)
    write_pairs(conn, pairs, "copy", mark_linked=True)
    return len(pairs)


def write_pairs(
    conn: sqlite3.Connection, pairs: list[tuple[str, str, float]], kind: str, mark_linked: bool = False
) -> None:
    """Record copy pairs of one kind ('copy' or 'translation') and regroup every document, in one transaction."""
    order = {
        d: (p or "9999", d)
        for d, p in fetch_all(
            conn, "SELECT c.doc_id, d.published FROM corpus_documents c JOIN documents d ON d.id = c.doc_id"
        )
    }
    with transaction(conn):
        execute_many(
            conn,
            "INSERT OR REPLACE INTO corpus_near_duplicates (doc_a, doc_b, jaccard, kind) VALUES (?, ?, ?, ?)",
            [(*p, kind) for p in pairs],
        )
        all_pairs = fetch_all(conn, "SELECT doc_a, doc_b, jaccard FROM corpus_near_duplicates")
        groups = syndication.groups(order, all_pairs, order)
        linked = ", linked = 1" if mark_linked else ""
        execute_many(
            conn,
            f"UPDATE corpus_documents SET group_id = ?{linked} WHERE doc_id = ?",
            [(g, d) for d, g in groups.items()],
        )
