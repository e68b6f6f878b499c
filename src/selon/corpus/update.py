"""The incremental corpus update: new documents in, affected clusters out.

Two stages. *Take in* reads each document not yet seen (or re-saved since) from the store,
keys its claims' sources, embeds its claims and writes them, a batch of documents per
transaction. *Link* then works over the stored rows: syndication of the new documents
against the rest, source resolution over all keys (cheap, deterministic), clustering of the
unclustered claims, and the summaries of clusters whose members, sources or syndication
groups changed (each cluster keeps a digest of those, so unchanged clusters are not touched).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from selon.corpus import clusters as cl
from selon.corpus import embed, sources, syndication
from selon.corpus.aliases import AliasTable
from selon.corpus.names import fold
from selon.corpus.quantities import unit_key
from selon.errors import StoreError
from selon.model import Article
from selon.store import Store

Progress = Callable[[str, int, int], None]
BATCH_DOCS = 50


@dataclass
class UpdateReport:
    documents: int = 0
    claims: int = 0
    clustered: int = 0
    clusters_recomputed: int = 0
    duplicate_pairs: int = 0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class _tx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        if exc_type is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


def claim_entities(article: Article, aliases: AliasTable) -> dict[str, set[str]]:
    """Canonical entity keys mentioned inside each claim's content."""
    out: dict[str, set[str]] = {}
    for claim in article.claims:
        lo, hi = claim.content.start, claim.content.end
        out[claim.id] = {
            aliases.entity(e.name, e.kind)
            for e in article.entities
            if lo <= e.start and e.end <= hi and e.kind != "other"
        }
    return out


def pending_documents(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT d.id FROM documents d LEFT JOIN corpus_documents c ON c.doc_id = d.id "
            "WHERE c.doc_id IS NULL OR c.content_hash != d.content_hash ORDER BY d.published, d.id"
        )
    ]


def take_in(
    store: Store, doc_ids: list[str], aliases: AliasTable, embedder: embed.Embedder, progress: Progress | None = None
) -> tuple[int, int]:
    """Write corpus_documents, corpus_claims and per-article source links for ``doc_ids``."""
    conn = store.conn
    n_claims = 0
    for start in range(0, len(doc_ids), BATCH_DOCS):
        batch = doc_ids[start : start + BATCH_DOCS]
        doc_rows, claim_rows, link_rows = [], [], []
        texts: list[str] = []
        slots: list[int] = []
        for doc_id in batch:
            article = store.get(doc_id)
            if article is None:
                continue
            digest = conn.execute("SELECT content_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
            sig = syndication.to_blob(syndication.signature(article.text))
            doc_rows.append((doc_id, digest, sig, doc_id, 0, _now()))
            entities = claim_entities(article, aliases)
            for claim in article.claims:
                mention = sources.claim_mention(doc_id, claim, aliases)
                clusterable = cl.word_count(claim.content.text) >= cl.MIN_WORDS
                if clusterable:
                    slots.append(len(claim_rows))
                    texts.append(claim.content.text)
                claim_rows.append(
                    [doc_id, claim.id, mention.key, None, None, None, "|".join(sorted(entities.get(claim.id, ())))]
                )
            for link in sources.document_links(article):
                link_rows.append((link.key_a, link.key_b, link.reason, link.detail, link.doc_id))
        vectors = embedder.encode(texts) if texts else np.zeros((0, 384), dtype=np.float32)
        for slot, vector in zip(slots, vectors):
            claim_rows[slot][4] = embed.to_blob(vector)
            claim_rows[slot][5] = embedder.name
        with _tx(conn):
            for row in doc_rows:
                conn.execute("DELETE FROM corpus_documents WHERE doc_id = ?", (row[0],))
                conn.execute("DELETE FROM corpus_claims WHERE doc_id = ?", (row[0],))
                conn.execute("DELETE FROM corpus_source_links WHERE doc_id = ?", (row[0],))
            conn.executemany(
                "INSERT INTO corpus_documents (doc_id, content_hash, minhash, group_id, linked, "
                "processed_at) VALUES (?, ?, ?, ?, ?, ?)",
                doc_rows,
            )
            conn.executemany(
                "INSERT INTO corpus_claims (doc_id, claim_id, source_key, cluster_id, embedding, "
                "model, entity_keys) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [tuple(r) for r in claim_rows],
            )
            conn.executemany(
                "INSERT OR IGNORE INTO corpus_source_links (key_a, key_b, reason, detail, doc_id) "
                "VALUES (?, ?, ?, ?, ?)",
                link_rows,
            )
        n_claims += len(claim_rows)
        if progress:
            progress("embedding claims", min(start + BATCH_DOCS, len(doc_ids)), len(doc_ids))
    return len(doc_ids), n_claims


def link_syndication(conn: sqlite3.Connection) -> int:
    """Compare the unlinked documents with all others; regroup every document."""
    rows = conn.execute("SELECT doc_id, minhash, linked FROM corpus_documents").fetchall()
    new = {d: blob for d, blob, linked in rows if not linked}
    if not new:
        return 0
    old = {d: blob for d, blob, linked in rows if linked}

    def text_of(doc_id: str) -> str:
        row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else ""

    pairs = syndication.find_duplicates(new, old, text_of)
    order = {
        d: (p or "9999", d)
        for d, p in conn.execute(
            "SELECT c.doc_id, d.published FROM corpus_documents c JOIN documents d ON d.id = c.doc_id"
        )
    }
    with _tx(conn):
        conn.executemany(
            "INSERT OR REPLACE INTO corpus_near_duplicates (doc_a, doc_b, jaccard) VALUES (?, ?, ?)", pairs
        )
        all_pairs = conn.execute("SELECT doc_a, doc_b, jaccard FROM corpus_near_duplicates").fetchall()
        groups = syndication.groups(order, all_pairs, order)
        conn.executemany(
            "UPDATE corpus_documents SET group_id = ?, linked = 1 WHERE doc_id = ?", [(g, d) for d, g in groups.items()]
        )
    return len(pairs)


def resolve_sources(conn: sqlite3.Connection, aliases: AliasTable) -> sources.Resolution:
    """Re-derive every key's canonical source from all mentions and links; store the outcome."""
    mentions = [
        sources.Mention(doc, claim, key, _mention_kind(key, kind), label or text or "", role)
        for doc, claim, key, kind, label, text, role in conn.execute(
            "SELECT k.doc_id, k.claim_id, k.source_key, c.source_kind, c.source_name, c.source_text, "
            "c.source_role FROM corpus_claims k JOIN claims c USING (doc_id, claim_id)"
        )
    ]
    for m in mentions:
        if m.key.startswith(("n:", "r:")):
            m.label = f"unnamed ({m.label})" if not m.label.startswith("unnamed") else m.label
    doc_links = [
        sources.Link(*row)
        for row in conn.execute(
            "SELECT key_a, key_b, reason, detail, doc_id FROM corpus_source_links WHERE doc_id IS NOT NULL"
        )
    ]
    outlets = [r[0] for r in conn.execute("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL")]
    global_links = sources.global_links(mentions, aliases, outlets)
    res = sources.resolve(mentions, doc_links + global_links, aliases, outlets)
    with _tx(conn):
        conn.execute("DELETE FROM corpus_source_links WHERE doc_id IS NULL")
        conn.executemany(
            "INSERT OR IGNORE INTO corpus_source_links (key_a, key_b, reason, detail, doc_id) "
            "VALUES (?, ?, ?, ?, NULL)",
            [(l.key_a, l.key_b, l.reason, l.detail) for l in global_links],
        )
        conn.execute("DELETE FROM corpus_source_keys")
        conn.executemany(
            "INSERT INTO corpus_source_keys (key, kind, label, source_id) VALUES (?, ?, ?, ?)",
            [
                (k, res.key_kind.get(k, "organization"), res.labels.get(k, k), sid)
                for k, sid in res.source_of.items()
                if k in res.labels
            ],
        )
        conn.execute("DELETE FROM corpus_sources")
        conn.executemany(
            "INSERT INTO corpus_sources (id, name, kind, relay) VALUES (?, ?, ?, ?)",
            [(sid, res.name[sid], res.kind[sid], int(res.relay[sid])) for sid in res.name],
        )
    return res


def _mention_kind(key: str, kind: str | None) -> str:
    if key.startswith("p:"):
        return "person"
    if key.startswith(("n:", "r:", "u:")):
        return "anonymous"
    if key.startswith("d:"):
        return "outlet"
    return "organization"


def _figures(conn: sqlite3.Connection) -> dict[tuple[str, str], list[tuple[str, float]]]:
    out: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for doc, claim, unit, value in conn.execute(
        "SELECT f.doc_id, f.claim_id, f.unit, f.value FROM figures f JOIN corpus_claims k "
        "ON k.doc_id = f.doc_id AND k.claim_id = f.claim_id"
    ):
        out.setdefault((doc, claim), []).append((unit_key(unit), value))
    return out


def _item(
    doc: str, claim: str, blob: bytes, entity_keys: str, figures: list[tuple[str, float]], language: str, text: str
) -> cl.Item:
    return cl.Item(
        doc,
        claim,
        embed.from_blob(blob),
        frozenset(filter(None, entity_keys.split("|"))),
        frozenset(u for u, _ in figures),
        frozenset(figures),
        language,
        cl.word_count(text),
    )


_ORDER = (
    "FROM corpus_claims k JOIN claims c USING (doc_id, claim_id) JOIN documents d ON d.id = k.doc_id "
    "WHERE k.embedding IS NOT NULL AND k.cluster_id IS {} NULL ORDER BY d.published, k.doc_id, c.seq"
)


def cluster_new(conn: sqlite3.Connection) -> int:
    """Assign the unclustered claims; existing assignments stay."""
    figures = _figures(conn)
    select = "SELECT k.doc_id, k.claim_id, k.embedding, k.entity_keys, d.language, c.content_text, k.cluster_id "
    old = conn.execute(select + _ORDER.format("NOT")).fetchall()
    new = conn.execute(select + _ORDER.format("")).fetchall()
    if not new:
        return 0
    items = [_item(d, c, b, e, figures.get((d, c), []), lang, t) for d, c, b, e, lang, t, _ in old]
    next_id = (conn.execute("SELECT MAX(cluster_id) FROM corpus_claims").fetchone()[0] or 0) + 1
    next_id = max(next_id, (conn.execute("SELECT MAX(id) FROM corpus_clusters").fetchone()[0] or 0) + 1)
    index = cl.Index.build(items, [r[6] for r in old], next_id)
    labels = cl.assign(index, [_item(d, c, b, e, figures.get((d, c), []), lang, t) for d, c, b, e, lang, t, _ in new])
    with _tx(conn):
        conn.executemany(
            "UPDATE corpus_claims SET cluster_id = ? WHERE doc_id = ? AND claim_id = ?",
            [(label, r[0], r[1]) for label, r in zip(labels, new)],
        )
    return len(new)


def group_outlets(conn: sqlite3.Connection) -> dict[str, str]:
    """Syndication group -> outlet of its first document."""
    return {
        g: o
        for g, o in conn.execute(
            "SELECT g.group_id, d.outlet FROM corpus_documents g JOIN documents d ON d.id = g.group_id"
        )
        if o
    }


def effective_source(
    key: str, doc_id: str, group_id: str, source_of: dict[str, str], outlets: dict[str, str] | None = None
) -> str:
    """The counted source of a claim: doc-scoped keys become group-scoped (copies count once).

    An outlet's own statements count as that outlet (once for all its articles) when the
    outlet is known, else once per syndication group.
    """
    if key.startswith("d:"):
        outlet = (outlets or {}).get(group_id)
        return "d:" + (fold(outlet) if outlet else group_id)
    if key.startswith("u:"):
        return "u:" + group_id + key[2 + len(doc_id) :]
    return source_of.get(key, key)


def display_name(sid: str, names: dict[str, str], outlet_of_group: dict[str, str] | None = None) -> str:
    """A readable name for a counted source, including the doc-scoped ones."""
    if sid in names:
        return names[sid]
    if sid.startswith("d:"):
        group = sid[2:]
        outlet = (outlet_of_group or {}).get(group)
        return f"own statement of {outlet or group}"
    if sid.startswith("u:"):
        group, _, text = sid[2:].partition(":")
        return f"unnamed: {text or 'source'} ({group})"
    return sid


def refresh_clusters(conn: sqlite3.Connection) -> int:
    """Recompute the summaries of clusters whose members, sources or groups changed."""
    source_of = dict(conn.execute("SELECT key, source_id FROM corpus_source_keys"))
    relay = {sid for (sid,) in conn.execute("SELECT id FROM corpus_sources WHERE relay = 1")}
    names = dict(conn.execute("SELECT id, name FROM corpus_sources"))
    outlets = group_outlets(conn)
    rows = conn.execute(
        "SELECT k.cluster_id, k.doc_id, k.claim_id, k.source_key, c.content_text, c.certainty, d.outlet, "
        "d.published, d.language, g.group_id, k.embedding FROM corpus_claims k "
        "JOIN claims c USING (doc_id, claim_id) JOIN documents d ON d.id = k.doc_id "
        "JOIN corpus_documents g ON g.doc_id = k.doc_id WHERE k.cluster_id IS NOT NULL "
        "ORDER BY k.cluster_id, k.doc_id, c.seq"
    ).fetchall()
    members: dict[int, list[cl.Member]] = {}
    for cid, doc, claim, key, text, certainty, outlet, published, language, group, blob in rows:
        sid = effective_source(key, doc, group, source_of, outlets)
        is_relay = sid in relay or sid.startswith("d:")
        members.setdefault(cid, []).append(
            cl.Member(
                doc,
                claim,
                text,
                sid,
                names.get(sid, sid),
                is_relay,
                certainty,
                outlet,
                published,
                language,
                group,
                embed.from_blob(blob),
            )
        )
    stored = dict(conn.execute("SELECT id, state FROM corpus_clusters"))
    changed: list[tuple[int, str, dict]] = []
    for cid, ms in members.items():
        digest = hashlib.sha1(
            "\n".join(
                f"{m.doc_id}\t{m.claim_id}\t{m.source_id}\t{int(m.relay)}\t{m.group_id}\t{m.outlet}\t{m.published}"
                for m in ms
            ).encode()
        ).hexdigest()
        if stored.get(cid) != digest:
            changed.append((cid, digest, cl.summarise(ms)))
    gone = [cid for cid in stored if cid not in members]
    with _tx(conn):
        conn.executemany("DELETE FROM corpus_clusters WHERE id = ?", [(c,) for c in gone])
        for cid, digest, s in changed:
            conn.execute(
                "INSERT OR REPLACE INTO corpus_clusters (id, label, centroid, claims, articles, groups, "
                "independent_sources, outlets, languages, sources, certainty_mix, first_seen, last_seen, "
                "single_source, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    cid,
                    s["label"],
                    s["centroid"],
                    s["claims"],
                    s["articles"],
                    s["groups"],
                    s["independent_sources"],
                    s["outlets"],
                    s["languages"],
                    s["sources"],
                    s["certainty_mix"],
                    s["first_seen"],
                    s["last_seen"],
                    s["single_source"],
                    digest,
                ),
            )
    return len(changed)


def check_model(conn: sqlite3.Connection, embedder: embed.Embedder) -> None:
    """Vectors of another model cannot be compared: forget the clustering when the model changed."""
    row = conn.execute("SELECT value FROM corpus_meta WHERE key = 'model'").fetchone()
    if row is not None and row[0] == embedder.name:
        return
    with _tx(conn):
        if row is not None:
            conn.execute("DELETE FROM corpus_documents")  # cascades nothing: corpus rows are cleared below
            conn.execute("DELETE FROM corpus_claims")
            conn.execute("DELETE FROM corpus_clusters")
        conn.execute("INSERT OR REPLACE INTO corpus_meta (key, value) VALUES ('model', ?)", (embedder.name,))


def update(
    store: Store, aliases: AliasTable, embedder: embed.Embedder, progress: Progress | None = None
) -> UpdateReport:
    """Bring the corpus tables up to date with the documents of ``store``."""
    conn = store.conn
    report = UpdateReport()
    try:
        check_model(conn, embedder)
        pending = pending_documents(conn)
        if pending:
            report.documents, report.claims = take_in(store, pending, aliases, embedder, progress)
        report.duplicate_pairs = link_syndication(conn)
        resolve_sources(conn, aliases)
        report.clustered = cluster_new(conn)
        report.clusters_recomputed = refresh_clusters(conn)
    except sqlite3.Error as exc:
        raise StoreError(
            f"cannot update the corpus tables of {store.path}: {exc}; "
            "run the command again (the update resumes where it stopped)"
        ) from exc
    return report
