"""Read-only views over the corpus tables: canonical sources, why they were joined, clusters."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import Any

import selon.corpus.read as read
from selon.corpus.names import clean_name, fold
from selon.corpus.read import Sources, display_name
from selon.errors import NotFoundError


def list_sources(conn: sqlite3.Connection, *, limit: int | None = None, min_claims: int = 1) -> list[dict[str, Any]]:
    """Canonical sources by number of claims, with their surface forms, documents and outlets."""
    rows = read.source_mentions(conn)
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
        s["mentions"].sort(key=lambda m: (-m["claims"], m["key"]))
        s["outlets"] = sorted(s["outlets"])
        s["roles"] = sorted(s["roles"])[:5]
        out.append(s)
    out.sort(key=lambda s: (-s["claims"], s["name"], s["id"]))
    return out[:limit] if limit else out


def explain(conn: sqlite3.Connection, name: str) -> list[dict[str, Any]]:
    """Every canonical source matching ``name``, its mentions and the evidence joining them."""
    wanted = fold(name)
    if not wanted:
        raise NotFoundError("give a source name to explain, e.g. selon sources --explain Budanov")
    candidates = {
        r["source_id"] for r in read.source_keys(conn) if wanted in fold(r["label"]) or wanted in fold(r["key"])
    }
    candidates |= {r["id"] for r in read.sources(conn) if wanted in fold(r["name"])}
    if not candidates:
        raise NotFoundError(f"no source matches {name!r}; list them with `selon sources`")
    links = read.source_links(conn)
    out = []
    for sid in sorted(candidates):
        src = read.source(conn, sid)
        keys = read.key_mentions(conn, sid)
        same_key = [_same_key(k) for k in keys if _split_forms(k)]
        out.append(
            {
                "id": sid,
                "name": src["name"] if src else sid,
                "kind": src["kind"] if src else "?",
                "relay": bool(src["relay"]) if src else False,
                "mentions": keys,
                "evidence": same_key + _component_links({k["key"] for k in keys} | {sid}, links),
            }
        )
    return out


def _split_forms(key: dict[str, Any]) -> bool:
    """Turn a key row's concatenated forms and documents into lists; whether it has several forms."""
    key["forms"] = sorted({clean_name(f) for f in (key["forms"] or "").split(",") if f.strip()})
    key["documents"] = sorted(set(filter(None, (key["documents"] or "").split(","))))[:10]
    return len(key["forms"]) > 1


def _same_key(key: dict[str, Any]) -> dict[str, Any]:
    """The evidence of several surface forms sharing one name key."""
    return {
        "key_a": key["key"],
        "key_b": key["key"],
        "reason": "same-key",
        "doc_id": None,
        "detail": f"{', '.join(repr(f) for f in key['forms'])} share the name key {key['key']!r} "
        "(case, accents, articles, word order and transliteration ignored)",
    }


def _component_links(nodes: set[str], links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The links inside the component of ``nodes`` (alias ids and intermediate keys belong to it too)."""
    grow = True
    while grow:
        grow = False
        for link in links:
            if (link["key_a"] in nodes) != (link["key_b"] in nodes):
                nodes |= {link["key_a"], link["key_b"]}
                grow = True
    return [link for link in links if link["key_a"] in nodes and link["key_b"] in nodes]


def list_clusters(
    conn: sqlite3.Connection,
    *,
    min_articles: int = 2,
    limit: int | None = None,
    single_source: bool | None = None,
    claims_per_cluster: int | None = None,
) -> list[dict[str, Any]]:
    """Clusters of at least ``min_articles`` articles, largest first, with their claims."""
    rows = read.clusters(conn, min_articles=min_articles, single_source=single_source, limit=limit)
    if not rows:
        return []
    view = Sources.load(conn)
    members: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in read.cluster_members(conn, [c["id"] for c in rows]):
        members[r["cluster_id"]].append(_member(r, view))
    return [_cluster(c, members[c["id"]], view, claims_per_cluster) for c in rows]


def _member(r: dict[str, Any], view: Sources) -> dict[str, Any]:
    """One claim of a cluster, with its counted source named."""
    sid = view.counted(r["source_key"], r["doc_id"], r["group_id"])
    return {
        "document": r["doc_id"],
        "claim": r["claim_id"],
        "text": r["content_text"],
        "source": view.names.get(sid)
        or clean_name(r["source_name"] or "")
        or display_name(sid, view.names, view.outlets),
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


def _cluster(
    c: dict[str, Any], members: list[dict[str, Any]], view: Sources, claims_per_cluster: int | None
) -> dict[str, Any]:
    """A cluster summary row as the view shows it."""
    return {
        "id": c["id"],
        "label": c["label"],
        "claims": c["claims"],
        "articles": c["articles"],
        "syndication_groups": c["groups"],
        "independent_sources": c["independent_sources"],
        "single_source": bool(c["single_source"]),
        "sources": [{"id": s, "name": display_name(s, view.names, view.outlets)} for s in json.loads(c["sources"])],
        "outlets": json.loads(c["outlets"]),
        "languages": json.loads(c["languages"]),
        "certainty_mix": json.loads(c["certainty_mix"]),
        "first_seen": c["first_seen"],
        "last_seen": c["last_seen"],
        "members": members[:claims_per_cluster] if claims_per_cluster else members,
    }


def cluster_of(conn: sqlite3.Connection, doc_id: str, claim_id: str) -> int | None:
    """The cluster of one claim, or None."""
    return read.cluster_of(conn, doc_id, claim_id)


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    """The sizes of the corpus tables."""
    return read.counts(conn)


def get_cluster(conn: sqlite3.Connection, cid: int) -> dict[str, Any]:
    """One cluster with all its claims; :class:`NotFoundError` if there is none with that id."""
    row = read.cluster_row(conn, cid)
    if row is None:
        raise NotFoundError(f"no cluster {cid}; list them with `selon clusters`")
    view = Sources.load(conn)
    members = [_member(r, view) for r in read.cluster_members(conn, [cid])]
    return _cluster(row, members, view, None)


def get_source(conn: sqlite3.Connection, sid: str, *, limit: int = 200, offset: int = 0) -> dict[str, Any]:
    """One canonical source: its names and why they were joined, roles, citing outlets and claims."""
    src = read.source(conn, sid)
    if src is None:
        raise NotFoundError(f"no source with id {sid!r}; list them with `selon sources`")
    keys = read.key_mentions(conn, sid)
    same_key = [_same_key(k) for k in keys if _split_forms(k)]
    summary = read.source_summary(conn, sid)
    return {
        "id": sid,
        "name": src["name"],
        "kind": src["kind"],
        "relay": bool(src["relay"]),
        "mentions": keys,
        "evidence": same_key + _component_links({k["key"] for k in keys} | {sid}, read.source_links(conn)),
        **summary,
        "items": read.source_claims(conn, sid, limit=limit, offset=offset),
    }
