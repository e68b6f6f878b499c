"""What the corpus views read: the queries over the corpus tables and the source naming they share.

The update (:mod:`selon.corpus.update`) writes the corpus tables; the views
(:mod:`~selon.corpus.views`, :mod:`~selon.corpus.conflicts`, :mod:`~selon.corpus.timeline`,
:mod:`~selon.corpus.export`) read them through this module only, so that a view never
depends on the write path. Every statement goes through :mod:`selon.store.sql`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from selon.corpus.names import fold
from selon.store.sql import fetch_all, fetch_dicts, fetch_map, fetch_one, fetch_value

#: A corpus claim with its claim row, its document and its syndication group.
CLAIM_JOIN = (
    "FROM corpus_claims k JOIN claims c USING (doc_id, claim_id) JOIN documents d ON d.id = k.doc_id "
    "JOIN corpus_documents g ON g.doc_id = k.doc_id"
)

# -- naming the counted source of a claim ------------------------------------------------------


def group_outlets(conn: sqlite3.Connection) -> dict[str, str]:
    """Syndication group -> outlet of its first document."""
    rows = fetch_all(conn, "SELECT g.group_id, d.outlet FROM corpus_documents g JOIN documents d ON d.id = g.group_id")
    return {g: o for g, o in rows if o}


def source_ids(conn: sqlite3.Connection) -> dict[str, str]:
    """Source key -> canonical source id."""
    return fetch_map(conn, "SELECT key, source_id FROM corpus_source_keys")


def source_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Canonical source id -> display name."""
    return fetch_map(conn, "SELECT id, name FROM corpus_sources")


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


@dataclass(frozen=True)
class Sources:
    """What naming a claim's counted source needs: key -> source, source -> name, group -> outlet."""

    source_of: dict[str, str]
    names: dict[str, str]
    outlets: dict[str, str]

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Sources:
        return cls(source_ids(conn), source_names(conn), group_outlets(conn))

    def counted(self, key: str, doc_id: str, group_id: str) -> str:
        """See :func:`effective_source`."""
        return effective_source(key, doc_id, group_id, self.source_of, self.outlets)


# -- canonical sources -------------------------------------------------------------------------


def source_mentions(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """One row per (canonical source, key): claims, documents, outlets and roles of the key."""
    return fetch_dicts(
        conn,
        """
        SELECT s.id, s.name, s.kind, s.relay, k.key, k.label, COUNT(*) AS claims,
               COUNT(DISTINCT c.doc_id) AS documents, GROUP_CONCAT(DISTINCT d.outlet) AS outlets,
               GROUP_CONCAT(DISTINCT cl.source_role) AS roles
        FROM corpus_sources s JOIN corpus_source_keys k ON k.source_id = s.id
        JOIN corpus_claims c ON c.source_key = k.key JOIN documents d ON d.id = c.doc_id
        JOIN claims cl ON cl.doc_id = c.doc_id AND cl.claim_id = c.claim_id
        GROUP BY s.id, k.key ORDER BY s.id, k.key""",
    )


def source_keys(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every source key with its label and canonical source."""
    return fetch_dicts(conn, "SELECT key, label, source_id FROM corpus_source_keys ORDER BY key")


def sources(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every canonical source: id, name, kind, relay."""
    return fetch_dicts(conn, "SELECT id, name, kind, relay FROM corpus_sources ORDER BY id")


def source(conn: sqlite3.Connection, sid: str) -> dict[str, Any] | None:
    """One canonical source, or None."""
    rows = fetch_dicts(conn, "SELECT id, name, kind, relay FROM corpus_sources WHERE id = ?", (sid,))
    return rows[0] if rows else None


def source_links(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every piece of evidence joining two keys."""
    return fetch_dicts(
        conn,
        "SELECT key_a, key_b, reason, detail, doc_id FROM corpus_source_links "
        "ORDER BY key_a, key_b, reason, detail, doc_id",
    )


def key_mentions(conn: sqlite3.Connection, sid: str) -> list[dict[str, Any]]:
    """The keys of one canonical source, most cited first, with their surface forms and documents."""
    return fetch_dicts(
        conn,
        "SELECT k.key, k.label, COUNT(c.claim_id) AS claims, "
        "GROUP_CONCAT(DISTINCT COALESCE(cl.source_name, cl.source_text)) AS forms, "
        "GROUP_CONCAT(DISTINCT c.doc_id) AS documents FROM corpus_source_keys k "
        "LEFT JOIN corpus_claims c ON c.source_key = k.key "
        "LEFT JOIN claims cl ON cl.doc_id = c.doc_id AND cl.claim_id = c.claim_id "
        "WHERE k.source_id = ? GROUP BY k.key ORDER BY claims DESC, k.key",
        (sid,),
    )


# -- clusters ----------------------------------------------------------------------------------


def clusters(
    conn: sqlite3.Connection, *, min_articles: int, single_source: bool | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Cluster rows of at least ``min_articles`` articles, most syndication groups first."""
    where = "WHERE articles >= ?"
    params: list[Any] = [min_articles]
    if single_source is not None:
        where += " AND single_source = ?"
        params.append(int(single_source))
    sql = f"SELECT * FROM corpus_clusters {where} ORDER BY groups DESC, articles DESC, claims DESC, id" + (
        " LIMIT ?" if limit else ""
    )
    if limit:
        params.append(limit)
    return fetch_dicts(conn, sql, params)


def cluster_members(conn: sqlite3.Connection, ids: Sequence[int]) -> list[dict[str, Any]]:
    """The claims of the given clusters in publication order (queried 500 clusters at a time)."""
    out: list[dict[str, Any]] = []
    for chunk in range(0, len(ids), 500):
        part = list(ids[chunk : chunk + 500])
        out += fetch_dicts(
            conn,
            "SELECT k.cluster_id, k.doc_id, k.claim_id, k.source_key, c.content_text, c.source_text, "
            "c.source_name, c.certainty, c.channel, d.outlet, d.published, d.url, d.language, g.group_id "
            f"{CLAIM_JOIN} WHERE k.cluster_id IN ({','.join('?' * len(part))}) "
            "ORDER BY d.published, k.doc_id, c.seq",
            part,
        )
    return out


def cluster_of(conn: sqlite3.Connection, doc_id: str, claim_id: str) -> int | None:
    """The cluster of one claim, or None."""
    row = fetch_one(conn, "SELECT cluster_id FROM corpus_claims WHERE doc_id = ? AND claim_id = ?", (doc_id, claim_id))
    return row[0] if row else None


def cluster_sizes(conn: sqlite3.Connection) -> dict[int, tuple[int, int]]:
    """Cluster id -> (articles, independent sources)."""
    rows = fetch_all(conn, "SELECT id, articles, independent_sources FROM corpus_clusters")
    return {r[0]: (r[1], r[2]) for r in rows}


def cluster_table(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """Every cluster summary, by id (the columns of the clusters export)."""
    return fetch_all(
        conn,
        "SELECT id, label, claims, articles, groups, independent_sources, single_source, "
        "sources, outlets, languages, certainty_mix, first_seen, last_seen "
        "FROM corpus_clusters ORDER BY id",
    )


# -- claims, figures, counts -------------------------------------------------------------------


def timeline_claims(conn: sqlite3.Connection, cluster: int | None = None) -> list[tuple[Any, ...]]:
    """Claims as timeline rows, all of them or one cluster's."""
    sql = (
        "SELECT k.doc_id, k.claim_id, k.cluster_id, k.source_key, c.content_text, c.certainty, c.source_text, "
        f"c.source_name, d.outlet, d.published, d.url, g.group_id {CLAIM_JOIN} "
    )
    order = " ORDER BY d.published, k.doc_id, c.seq"
    if cluster is None:
        return fetch_all(conn, sql + order)
    return fetch_all(conn, sql + "WHERE k.cluster_id = ?" + order, (cluster,))


def export_claims(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every corpus claim with its source key, cluster, document and group, by document and position."""
    return fetch_dicts(
        conn,
        "SELECT k.doc_id, k.claim_id, k.source_key, k.cluster_id, c.content_text, c.source_text, "
        "c.source_name, c.certainty, c.channel, d.outlet, d.published, d.url, d.language, g.group_id "
        f"{CLAIM_JOIN} ORDER BY k.doc_id, c.seq",
    )


def claim_figures(conn: sqlite3.Connection) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(document, claim) -> the claim's figures in text order."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in fetch_dicts(
        conn,
        "SELECT doc_id, claim_id, text, value, value_max, unit, per, time, kind FROM figures "
        "WHERE claim_id IS NOT NULL ORDER BY doc_id, claim_id, seq",
    ):
        out.setdefault((row.pop("doc_id"), row.pop("claim_id")), []).append(row)
    return out


def conflict_figures(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every figure of a corpus claim with what comparing quantities needs."""
    return fetch_dicts(
        conn,
        """
        SELECT f.doc_id, f.claim_id, f.text, f.value, f.value_max, f.unit, f.per, f.time, f.kind, f.bound,
               f.approximate, k.cluster_id, k.entity_keys, k.source_key, k.embedding, c.content_text,
               c.source_name, c.source_text, d.outlet, d.published, d.url, g.group_id
        FROM figures f JOIN corpus_claims k ON k.doc_id = f.doc_id AND k.claim_id = f.claim_id
        JOIN claims c ON c.doc_id = f.doc_id AND c.claim_id = f.claim_id
        JOIN documents d ON d.id = f.doc_id JOIN corpus_documents g ON g.doc_id = f.doc_id
        ORDER BY d.published, f.doc_id, c.seq, f.seq""",
    )


_COUNTS = {
    "documents": "SELECT COUNT(*) FROM corpus_documents",
    "claims": "SELECT COUNT(*) FROM corpus_claims",
    "clustered_claims": "SELECT COUNT(*) FROM corpus_claims WHERE cluster_id IS NOT NULL",
    "canonical_sources": (
        "SELECT COUNT(DISTINCT k.source_id) FROM corpus_source_keys k JOIN corpus_claims c ON c.source_key = k.key"
    ),
    "clusters": "SELECT COUNT(*) FROM corpus_clusters",
    "clusters_2_articles": "SELECT COUNT(*) FROM corpus_clusters WHERE articles >= 2",
    "syndication_groups_2": (
        "SELECT COUNT(*) FROM (SELECT group_id FROM corpus_documents GROUP BY group_id HAVING COUNT(*) >= 2)"
    ),
    "near_duplicate_pairs": "SELECT COUNT(*) FROM corpus_near_duplicates WHERE kind = 'copy'",
    "translation_pairs": "SELECT COUNT(*) FROM corpus_near_duplicates WHERE kind = 'translation'",
    "encoded_claims": "SELECT COUNT(*) FROM corpus_claims WHERE embedding IS NOT NULL",
}


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """The sizes of the corpus tables (documents, claims, clusters, sources, syndication)."""
    return {name: int(fetch_value(conn, sql) or 0) for name, sql in _COUNTS.items()}


def cluster_row(conn: sqlite3.Connection, cid: int) -> dict[str, Any] | None:
    """One cluster summary row, or None."""
    rows = fetch_dicts(conn, "SELECT * FROM corpus_clusters WHERE id = ?", (cid,))
    return rows[0] if rows else None


def source_claims(conn: sqlite3.Connection, sid: str, *, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """The claims whose source resolves to the canonical source ``sid``, in publication order."""
    return fetch_dicts(
        conn,
        "SELECT k.doc_id, k.claim_id, k.cluster_id, c.content_text, c.certainty, c.source_text, c.source_role, "
        "c.source_org, d.outlet, d.published, d.language, d.title "
        f"{CLAIM_JOIN} WHERE k.source_key IN (SELECT key FROM corpus_source_keys WHERE source_id = ?) "
        "ORDER BY d.published IS NULL, d.published, k.doc_id, c.seq LIMIT ? OFFSET ?",
        (sid, limit, offset),
    )


def source_summary(conn: sqlite3.Connection, sid: str) -> dict[str, Any]:
    """Claims, documents, outlets (with their claim counts) and roles of one canonical source."""
    keys = "SELECT key FROM corpus_source_keys WHERE source_id = ?"
    outlets = fetch_dicts(
        conn,
        "SELECT d.outlet AS outlet, COUNT(*) AS claims FROM corpus_claims k JOIN documents d ON d.id = k.doc_id "
        f"WHERE k.source_key IN ({keys}) AND d.outlet IS NOT NULL GROUP BY d.outlet ORDER BY claims DESC, outlet",
        (sid,),
    )
    roles = fetch_dicts(
        conn,
        "SELECT c.source_role AS role, COUNT(*) AS claims FROM corpus_claims k JOIN claims c USING (doc_id, claim_id) "
        f"WHERE k.source_key IN ({keys}) AND c.source_role IS NOT NULL GROUP BY c.source_role "
        "ORDER BY claims DESC, role",
        (sid,),
    )
    row = fetch_one(
        conn,
        f"SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM corpus_claims WHERE source_key IN ({keys})",
        (sid,),
    )
    return {"claims": row[0] if row else 0, "documents": row[1] if row else 0, "outlets": outlets, "roles": roles}
