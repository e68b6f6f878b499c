"""Read-only views over the corpus tables: canonical sources, why they were joined, clusters."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import Any

from selon.corpus.names import fold
from selon.corpus.update import display_name, effective_source, group_outlets
from selon.errors import NotFoundError


def _rows(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def list_sources(conn: sqlite3.Connection, *, limit: int | None = None, min_claims: int = 1) -> list[dict[str, Any]]:
    """Canonical sources by number of claims, with their surface forms, documents and outlets."""
    rows = _rows(
        conn,
        """
        SELECT s.id, s.name, s.kind, s.relay, k.key, k.label, COUNT(*) AS claims,
               COUNT(DISTINCT c.doc_id) AS documents, GROUP_CONCAT(DISTINCT d.outlet) AS outlets,
               GROUP_CONCAT(DISTINCT cl.source_role) AS roles
        FROM corpus_sources s JOIN corpus_source_keys k ON k.source_id = s.id
        JOIN corpus_claims c ON c.source_key = k.key JOIN documents d ON d.id = c.doc_id
        JOIN claims cl ON cl.doc_id = c.doc_id AND cl.claim_id = c.claim_id
        GROUP BY s.id, k.key""",
    )
    by_id: dict[str, dict[str, Any]] = {}
    for r in rows:
        s = by_id.setdefault(
            r["id"],
            {
                "id": r["id"],
                "name": r["name"],
                "kind": r["kind"],
                "relay": bool(r["relay"]),
                "claims": 0,
                "documents": 0,
                "mentions": [],
                "outlets": set(),
                "roles": set(),
            },
        )
        s["claims"] += r["claims"]
        s["documents"] += r["documents"]
        s["mentions"].append({"key": r["key"], "label": r["label"], "claims": r["claims"]})
        s["outlets"].update(filter(None, (r["outlets"] or "").split(",")))
        s["roles"].update(filter(None, (r["roles"] or "").split(",")))
    out = []
    for s in by_id.values():
        if s["claims"] < min_claims:
            continue
        s["mentions"].sort(key=lambda m: -m["claims"])
        s["outlets"] = sorted(s["outlets"])
        s["roles"] = sorted(s["roles"])[:5]
        out.append(s)
    out.sort(key=lambda s: (-s["claims"], s["name"]))
    return out[:limit] if limit else out


def explain(conn: sqlite3.Connection, name: str) -> list[dict[str, Any]]:
    """Every canonical source matching ``name``, its mentions and the evidence joining them."""
    wanted = fold(name)
    if not wanted:
        raise NotFoundError("give a source name to explain, e.g. selon sources --explain Budanov")
    candidates = {
        r["source_id"]
        for r in _rows(conn, "SELECT key, label, source_id FROM corpus_source_keys")
        if wanted in fold(r["label"]) or wanted in fold(r["key"])
    }
    candidates |= {r["id"] for r in _rows(conn, "SELECT id, name FROM corpus_sources") if wanted in fold(r["name"])}
    if not candidates:
        raise NotFoundError(f"no source matches {name!r}; list them with `selon sources`")
    links = _rows(conn, "SELECT key_a, key_b, reason, detail, doc_id FROM corpus_source_links")
    out = []
    for sid in sorted(candidates):
        src = _rows(conn, "SELECT id, name, kind, relay FROM corpus_sources WHERE id = ?", (sid,))
        keys = _rows(
            conn,
            "SELECT k.key, k.label, COUNT(c.claim_id) AS claims, "
            "GROUP_CONCAT(DISTINCT COALESCE(cl.source_name, cl.source_text)) AS forms, "
            "GROUP_CONCAT(DISTINCT c.doc_id) AS documents FROM corpus_source_keys k "
            "LEFT JOIN corpus_claims c ON c.source_key = k.key "
            "LEFT JOIN claims cl ON cl.doc_id = c.doc_id AND cl.claim_id = c.claim_id "
            "WHERE k.source_id = ? GROUP BY k.key ORDER BY claims DESC",
            (sid,),
        )
        same_key = []
        for k in keys:
            k["forms"] = sorted(set(filter(None, (k["forms"] or "").split(","))))
            k["documents"] = sorted(set(filter(None, (k["documents"] or "").split(","))))[:10]
            if len(k["forms"]) > 1:
                same_key.append(
                    {
                        "key_a": k["key"],
                        "key_b": k["key"],
                        "reason": "same-key",
                        "doc_id": None,
                        "detail": f"{', '.join(repr(f) for f in k['forms'])} share the name key {k['key']!r} "
                        "(case, accents, articles, word order and transliteration ignored)",
                    }
                )
        keyset = {k["key"] for k in keys}
        nodes = keyset | {sid}
        grow = True
        while grow:  # alias ids and intermediate keys are part of the component too
            grow = False
            for l in links:
                if (l["key_a"] in nodes) != (l["key_b"] in nodes):
                    nodes |= {l["key_a"], l["key_b"]}
                    grow = True
        evidence = same_key + [l for l in links if l["key_a"] in nodes and l["key_b"] in nodes]
        out.append(
            {
                "id": sid,
                "name": src[0]["name"] if src else sid,
                "kind": src[0]["kind"] if src else "?",
                "relay": bool(src[0]["relay"]) if src else False,
                "mentions": keys,
                "evidence": evidence,
            }
        )
    return out


def list_clusters(
    conn: sqlite3.Connection,
    *,
    min_articles: int = 2,
    limit: int | None = None,
    single_source: bool | None = None,
    claims_per_cluster: int | None = None,
) -> list[dict[str, Any]]:
    """Clusters of at least ``min_articles`` articles, largest first, with their claims."""
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
    clusters = _rows(conn, sql, tuple(params))
    if not clusters:
        return []
    source_of = dict(conn.execute("SELECT key, source_id FROM corpus_source_keys"))
    outlets = group_outlets(conn)
    names = dict(conn.execute("SELECT id, name FROM corpus_sources"))
    outlet_of = dict(
        conn.execute("SELECT g.group_id, d.outlet FROM corpus_documents g JOIN documents d ON d.id = g.group_id")
    )
    ids = [c["id"] for c in clusters]
    claims: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        for r in _rows(
            conn,
            f"""
                SELECT k.cluster_id, k.doc_id, k.claim_id, k.source_key, c.content_text, c.source_text,
                       c.source_name, c.certainty, c.channel, d.outlet, d.published, d.url, d.language, g.group_id
                FROM corpus_claims k JOIN claims c USING (doc_id, claim_id) JOIN documents d ON d.id = k.doc_id
                JOIN corpus_documents g ON g.doc_id = k.doc_id
                WHERE k.cluster_id IN ({",".join("?" * len(part))})
                ORDER BY d.published, k.doc_id, c.seq""",
            tuple(part),
        ):
            sid = effective_source(r["source_key"], r["doc_id"], r["group_id"], source_of, outlets)
            claims[r["cluster_id"]].append(
                {
                    "document": r["doc_id"],
                    "claim": r["claim_id"],
                    "text": r["content_text"],
                    "source": names.get(sid) or r["source_name"] or display_name(sid, names, outlet_of),
                    "source_id": sid,
                    "source_mention": r["source_text"],
                    "certainty": r["certainty"],
                    "channel": r["channel"],
                    "outlet": r["outlet"],
                    "published": r["published"],
                    "url": r["url"],
                    "language": r["language"],
                    "syndication_group": r["group_id"],
                }
            )
    out = []
    for c in clusters:
        members = claims[c["id"]]
        out.append(
            {
                "id": c["id"],
                "label": c["label"],
                "claims": c["claims"],
                "articles": c["articles"],
                "syndication_groups": c["groups"],
                "independent_sources": c["independent_sources"],
                "single_source": bool(c["single_source"]),
                "sources": [{"id": s, "name": display_name(s, names, outlet_of)} for s in json.loads(c["sources"])],
                "outlets": json.loads(c["outlets"]),
                "languages": json.loads(c["languages"]),
                "certainty_mix": json.loads(c["certainty_mix"]),
                "first_seen": c["first_seen"],
                "last_seen": c["last_seen"],
                "members": members[:claims_per_cluster] if claims_per_cluster else members,
            }
        )
    return out


def cluster_of(conn: sqlite3.Connection, doc_id: str, claim_id: str) -> int | None:
    row = conn.execute(
        "SELECT cluster_id FROM corpus_claims WHERE doc_id = ? AND claim_id = ?", (doc_id, claim_id)
    ).fetchone()
    return row[0] if row else None


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    one = lambda sql: int(conn.execute(sql).fetchone()[0] or 0)  # noqa: E731
    return {
        "documents": one("SELECT COUNT(*) FROM corpus_documents"),
        "claims": one("SELECT COUNT(*) FROM corpus_claims"),
        "clustered_claims": one("SELECT COUNT(*) FROM corpus_claims WHERE cluster_id IS NOT NULL"),
        "canonical_sources": one(
            "SELECT COUNT(DISTINCT k.source_id) FROM corpus_source_keys k JOIN corpus_claims c ON c.source_key = k.key"
        ),
        "clusters": one("SELECT COUNT(*) FROM corpus_clusters"),
        "clusters_2_articles": one("SELECT COUNT(*) FROM corpus_clusters WHERE articles >= 2"),
        "syndication_groups_2": one(
            "SELECT COUNT(*) FROM (SELECT group_id FROM corpus_documents GROUP BY group_id HAVING COUNT(*) >= 2)"
        ),
        "near_duplicate_pairs": one("SELECT COUNT(*) FROM corpus_near_duplicates"),
    }
