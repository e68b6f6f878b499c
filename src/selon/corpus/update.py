"""The incremental corpus update: new documents in, affected clusters out.

Two stages. *Take in* reads each document not yet seen (or re-saved since) from the store,
keys its claims' sources, embeds its claims and writes them, a batch of documents per
transaction. *Link* then works over the stored rows: syndication of the new documents
against the rest, source resolution over all keys (cheap, deterministic), clustering of the
unclustered claims, and the summaries of clusters whose members, sources or syndication
groups changed (each cluster keeps a digest of those, so unchanged clusters are not touched).

This module is the write path: the views read through :mod:`selon.corpus.read`, and every
statement here goes through the store's helpers (:mod:`selon.store.sql`), each write inside
one :func:`~selon.store.sql.transaction`.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: updates are not serialised
    fcntl = None  # type: ignore[assignment]

import selon.corpus.clustering as clustering
import selon.corpus.clusters as cl
import selon.corpus.copies as copies
import selon.corpus.embed as embed
import selon.corpus.read as read
import selon.corpus.sources as sources
import selon.corpus.syndication as syndication
from selon.corpus.aliases import AliasTable
from selon.corpus.names import clean_name
from selon.errors import StoreError
from selon.model import Article
from selon.store import Store
from selon.store.engine import CORPUS_LOCK, held_lock, is_url
from selon.store.sql import execute, execute_many, fetch_all, fetch_map, fetch_one, transaction, utc_now

Progress = Callable[[str, int, int], None]
BATCH_DOCS = 50


@dataclass
class UpdateReport:
    documents: int = 0
    claims: int = 0
    clustered: int = 0
    clusters_recomputed: int = 0
    duplicate_pairs: int = 0
    encoded: int = 0  # claim texts the encoder read (a text already read is not read again)


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
    """Documents not taken in yet, or re-saved since, in publication order."""
    rows = fetch_all(
        conn,
        "SELECT d.id FROM documents d LEFT JOIN corpus_documents c ON c.doc_id = d.id "
        "WHERE c.doc_id IS NULL OR c.content_hash != d.content_hash ORDER BY d.published, d.id",
    )
    return [r[0] for r in rows]


def take_in(store: Store, doc_ids: list[str], aliases: AliasTable, progress: Progress | None = None) -> tuple[int, int]:
    """Write corpus_documents, corpus_claims and per-article source links for ``doc_ids``."""
    conn = store.conn
    n_claims = 0
    for start in range(0, len(doc_ids), BATCH_DOCS):
        batch = _Batch()
        for doc_id in doc_ids[start : start + BATCH_DOCS]:
            found = store.get_version(doc_id)
            if found is not None:
                batch.add(doc_id, *found, aliases)
        write_documents(conn, batch.documents, batch.claims, batch.links)
        n_claims += len(batch.claims)
        if progress:
            progress("reading documents", min(start + BATCH_DOCS, len(doc_ids)), len(doc_ids))
    return len(doc_ids), n_claims


@dataclass
class _Batch:
    """The rows of a batch of documents, before they are written in one transaction."""

    documents: list[tuple[Any, ...]] = field(default_factory=list)
    claims: list[list[Any]] = field(default_factory=list)
    links: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, doc_id: str, article: Article, digest: str, aliases: AliasTable) -> None:
        sig = syndication.to_blob(syndication.signature(article.text))
        self.documents.append((doc_id, digest, sig, doc_id, 0, utc_now()))
        entities = claim_entities(article, aliases)
        for claim in article.claims:
            mention = sources.claim_mention(doc_id, claim, aliases)
            keys = "|".join(sorted(entities.get(claim.id, ())))
            self.claims.append([doc_id, claim.id, mention.key, None, None, None, keys])
        for link in sources.document_links(article):
            self.links.append((link.key_a, link.key_b, link.reason, link.detail, link.doc_id))


def write_documents(
    conn: sqlite3.Connection, documents: list[tuple[Any, ...]], claims: list[list[Any]], links: list[tuple[Any, ...]]
) -> None:
    """Replace the corpus rows of a batch of documents: documents, claims, per-article source links.

    A document re-saved (or deleted) by an ingest since it was read is left out: its rows would
    describe a version that is gone, and it stays pending for the next update.
    """
    with transaction(conn):
        current = fetch_map(
            conn,
            f"SELECT id, content_hash FROM documents WHERE id IN ({', '.join('?' * len(documents))})",
            [row[0] for row in documents],
        )
        kept = {row[0] for row in documents if current.get(row[0]) == row[1]}
        documents = [row for row in documents if row[0] in kept]
        claims = [row for row in claims if row[0] in kept]
        links = [row for row in links if row[4] in kept]
        for row in documents:
            execute(conn, "DELETE FROM corpus_documents WHERE doc_id = ?", (row[0],))
            execute(conn, "DELETE FROM corpus_claims WHERE doc_id = ?", (row[0],))
            execute(conn, "DELETE FROM corpus_source_links WHERE doc_id = ?", (row[0],))
        execute_many(
            conn,
            "INSERT INTO corpus_documents (doc_id, content_hash, minhash, group_id, linked, "
            "processed_at) VALUES (?, ?, ?, ?, ?, ?)",
            documents,
        )
        execute_many(
            conn,
            "INSERT INTO corpus_claims (doc_id, claim_id, source_key, cluster_id, embedding, "
            "model, entity_keys) VALUES (?, ?, ?, ?, ?, ?, ?)",
            claims,
        )
        execute_many(
            conn,
            "INSERT OR IGNORE INTO corpus_source_links (key_a, key_b, reason, detail, doc_id) VALUES (?, ?, ?, ?, ?)",
            links,
        )


def resolve_sources(conn: sqlite3.Connection, aliases: AliasTable) -> sources.Resolution:
    """Re-derive every key's canonical source from all mentions and links; store the outcome."""
    # in order of first appearance (publication, document, position), which decides every tie below
    mentions = [
        sources.Mention(doc, claim, key, _mention_kind(key), clean_name(label or text or ""), role and clean_name(role))
        for doc, claim, key, _kind, label, text, role in fetch_all(
            conn,
            "SELECT k.doc_id, k.claim_id, k.source_key, c.source_kind, c.source_name, c.source_text, "
            "c.source_role FROM corpus_claims k JOIN claims c USING (doc_id, claim_id) "
            "JOIN documents d ON d.id = k.doc_id ORDER BY d.published, k.doc_id, c.seq",
        )
    ]
    for m in mentions:
        if m.key.startswith(("n:", "r:")):
            m.label = f"unnamed ({m.label})" if not m.label.startswith("unnamed") else m.label
    doc_links = [
        sources.Link(*row)
        for row in fetch_all(
            conn,
            "SELECT key_a, key_b, reason, detail, doc_id FROM corpus_source_links WHERE doc_id IS NOT NULL "
            "ORDER BY key_a, key_b, reason, detail, doc_id",
        )
    ]
    outlets = [
        r[0] for r in fetch_all(conn, "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY outlet")
    ]
    global_links = sources.global_links(mentions, aliases, outlets)
    res = sources.resolve(mentions, doc_links + global_links, aliases, outlets)
    write_resolution(conn, global_links, res)
    return res


def write_resolution(conn: sqlite3.Connection, global_links: list[sources.Link], res: sources.Resolution) -> None:
    """Replace the corpus-wide source links, the key -> source table and the canonical sources."""
    with transaction(conn):
        execute(conn, "DELETE FROM corpus_source_links WHERE doc_id IS NULL")
        execute_many(
            conn,
            "INSERT OR IGNORE INTO corpus_source_links (key_a, key_b, reason, detail, doc_id) "
            "VALUES (?, ?, ?, ?, NULL)",
            [(link.key_a, link.key_b, link.reason, link.detail) for link in global_links],
        )
        execute(conn, "DELETE FROM corpus_source_keys")
        execute_many(
            conn,
            "INSERT INTO corpus_source_keys (key, kind, label, source_id) VALUES (?, ?, ?, ?)",
            [
                (k, res.key_kind.get(k, "organization"), res.labels.get(k, k), sid)
                for k, sid in res.source_of.items()
                if k in res.labels
            ],
        )
        execute(conn, "DELETE FROM corpus_sources")
        execute_many(
            conn,
            "INSERT INTO corpus_sources (id, name, kind, relay) VALUES (?, ?, ?, ?)",
            [(sid, res.name[sid], res.kind[sid], int(res.relay[sid])) for sid in res.name],
        )


def _mention_kind(key: str) -> str:
    if key.startswith("p:"):
        return "person"
    if key.startswith(("n:", "r:", "u:")):
        return "anonymous"
    if key.startswith("d:"):
        return "outlet"
    return "organization"


def _members(conn: sqlite3.Connection) -> dict[int, list[cl.Member]]:
    """The clustered claims by cluster, each with its counted source."""
    view = read.Sources.load(conn)
    relay = {sid for (sid,) in fetch_all(conn, "SELECT id FROM corpus_sources WHERE relay = 1")}
    rows = fetch_all(
        conn,
        "SELECT k.cluster_id, k.doc_id, k.claim_id, k.source_key, c.content_text, c.certainty, d.outlet, "
        f"d.published, d.language, g.group_id, k.embedding {read.CLAIM_JOIN} WHERE k.cluster_id IS NOT NULL "
        "ORDER BY k.cluster_id, k.doc_id, c.seq",
    )
    members: dict[int, list[cl.Member]] = {}
    for cid, doc, claim, key, text, certainty, outlet, published, language, group, blob in rows:
        sid = view.counted(key, doc, group)
        is_relay = sid in relay or sid.startswith("d:")
        member = cl.Member(
            doc,
            claim,
            text,
            sid,
            view.names.get(sid, sid),
            is_relay,
            certainty,
            outlet,
            published,
            language,
            group,
            embed.from_blob(blob) if blob is not None else None,
        )
        members.setdefault(cid, []).append(member)
    return members


def _digest(members: list[cl.Member]) -> str:
    """What a cluster's summary depends on: its members, their counted sources and groups."""
    return hashlib.sha1(
        "\n".join(
            f"{m.doc_id}\t{m.claim_id}\t{m.source_id}\t{int(m.relay)}\t{m.group_id}\t{m.outlet}\t{m.published}"
            for m in members
        ).encode()
    ).hexdigest()


_CLUSTER_FIELDS = (
    "label",
    "centroid",
    "claims",
    "articles",
    "groups",
    "independent_sources",
    "outlets",
    "languages",
    "sources",
    "certainty_mix",
    "first_seen",
    "last_seen",
    "single_source",
)


def refresh_clusters(conn: sqlite3.Connection) -> int:
    """Recompute the summaries of clusters whose members, sources or groups changed."""
    members = _members(conn)
    stored = fetch_map(conn, "SELECT id, state FROM corpus_clusters")
    changed: list[tuple[int, str, dict]] = []
    for cid, ms in members.items():
        digest = _digest(ms)
        if stored.get(cid) != digest:
            changed.append((cid, digest, cl.summarise(ms)))
    write_clusters(conn, [cid for cid in stored if cid not in members], changed)
    return len(changed)


def write_clusters(conn: sqlite3.Connection, gone: list[int], changed: list[tuple[int, str, dict]]) -> None:
    """Delete the clusters that lost every member; write the summaries that changed."""
    with transaction(conn):
        execute_many(conn, "DELETE FROM corpus_clusters WHERE id = ?", [(c,) for c in gone])
        execute_many(
            conn,
            f"INSERT OR REPLACE INTO corpus_clusters (id, {', '.join(_CLUSTER_FIELDS)}, state) "
            f"VALUES ({', '.join('?' * (len(_CLUSTER_FIELDS) + 2))})",
            [(cid, *(s[f] for f in _CLUSTER_FIELDS), digest) for cid, digest, s in changed],
        )


def check_model(conn: sqlite3.Connection, embedder: embed.Embedder) -> None:
    """Vectors of another model cannot be compared: forget the clustering when the model changed."""
    row = fetch_one(conn, "SELECT value FROM corpus_meta WHERE key = 'model'")
    if row is not None and row[0] == embedder.name:
        return
    with transaction(conn):
        if row is not None:
            execute(conn, "DELETE FROM corpus_documents")  # cascades nothing: corpus rows are cleared below
            execute(conn, "DELETE FROM corpus_claims")
            execute(conn, "DELETE FROM corpus_clusters")
        execute(conn, "INSERT OR REPLACE INTO corpus_meta (key, value) VALUES ('model', ?)", (embedder.name,))


def update(
    store: Store, aliases: AliasTable, embedder: embed.Embedder, progress: Progress | None = None
) -> UpdateReport:
    """Bring the corpus tables up to date with the documents of ``store``."""
    report = UpdateReport()
    try:
        with one_at_a_time(store.path, progress):
            _run(store, aliases, embedder, progress, report)
    except sqlite3.Error as exc:
        raise StoreError(
            f"cannot update the corpus tables of {store.label}: {exc}; "
            "run the command again (the update resumes where it stopped)"
        ) from exc
    return report


@contextmanager
def one_at_a_time(path: str, progress: Progress | None = None) -> Iterator[None]:
    """One corpus update at a time per store: a second one waits for the first, then finds little left to do.

    Two updates at once would both cluster the same new claims and number their clusters
    apart. The lock is ``flock`` on a file beside the database (never the database file itself,
    whose SQLite locks closing another handle would drop); the system releases it when its
    process ends, however it ends, so a killed update never blocks the next.
    """
    if is_url(path):  # PostgreSQL: an advisory lock of the database instead of a file
        with held_lock(path, CORPUS_LOCK, lambda: _waiting(progress)):
            yield
        return
    if path == ":memory:" or fcntl is None:
        yield
        return
    try:
        handle = open(f"{path}-corpus-lock", "a+b")  # noqa: SIM115 - held for the whole update
    except OSError:  # a folder selon cannot write to: SQLite cannot write its journal there either
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if progress:
                progress("waiting for another corpus update", 0, 0)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _waiting(progress: Progress | None) -> None:
    if progress:
        progress("waiting for another corpus update", 0, 0)


def _run(
    store: Store, aliases: AliasTable, embedder: embed.Embedder, progress: Progress | None, report: UpdateReport
) -> None:
    """The stages of the update, each resuming from what the previous run committed."""
    conn = store.conn
    check_model(conn, embedder)
    pending = pending_documents(conn)
    if pending:
        report.documents, report.claims = take_in(store, pending, aliases, progress)
    report.duplicate_pairs = copies.link_syndication(conn)
    # clustering first: aligning a translation with its original also says which sources are one
    report.clustered, report.encoded = clustering.cluster_new(conn, embedder, progress=progress)
    resolve_sources(conn, aliases)
    report.clusters_recomputed = refresh_clusters(conn)
