"""Conflicting figures: one quantity, several values, each with its source and article.

Two figures measure the same quantity when they count the same thing (see
:func:`selon.corpus.quantities.unit_key`), at the same rate (``per``), for a compatible period
(``time``), with a comparable framing (actual or estimate vs target vs forecast), and their
claims are about the same subject: they sit in the same claim cluster, or they share a
canonical entity and their claims are close in meaning (cosine ≥ :data:`SUBJECT_SIMILARITY`).
A quantity is *in conflict* when two of its values from different syndication groups do
not agree within :data:`TOLERANCE` (relative; ranges agree when they overlap).
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from typing import Any

import numpy as np

import selon.corpus.embed as embed
import selon.corpus.read as read
from selon.corpus.names import clean_name
from selon.corpus.quantities import agree, kind_class, unit_key
from selon.corpus.read import Sources, display_name

TOLERANCE = 0.10
SUBJECT_SIMILARITY = 0.93  # unrelated claims on one topic reach 0.90 on this encoder's scale
_SKIP_UNITS = frozenset({"", "year", "mm", "cm", "m", "km", "day", "week", "month"})

Bucket = tuple[str, str, str]


def _entity_label(key: str) -> str:
    return key.split(":", 1)[1].replace("|", " ").strip() if ":" in key else key


def find_conflicts(
    conn: sqlite3.Connection, *, tolerance: float = TOLERANCE, unit: str | None = None
) -> list[dict[str, Any]]:
    """Quantities given with disagreeing values, most sources first."""
    out: list[dict[str, Any]] = []
    for (ukey, per, kclass), figs in _buckets(conn, unit_key(unit) if unit else None).items():
        for group in _same_quantity(figs):
            conflict = _conflict(group, tolerance)
            if conflict is not None:
                out.append(_quantity(ukey, per, kclass, group, conflict))
    out.sort(
        key=lambda c: (
            -c["sources"],
            -c["articles"],
            c["quantity"]["counts"],
            c["quantity"]["per"] or "",
            c["quantity"]["framing"],
            c["values"][0]["document"],
            c["values"][0]["claim"],
        )
    )
    return out


def _buckets(conn: sqlite3.Connection, wanted: str | None) -> dict[Bucket, list[dict[str, Any]]]:
    """The figures worth comparing, by counted thing, rate and framing (``wanted``: one counted thing only)."""
    view = Sources.load(conn)
    buckets: dict[Bucket, list[dict[str, Any]]] = defaultdict(list)
    for r in read.conflict_figures(conn):
        ukey = unit_key(r["unit"])
        if ukey in _SKIP_UNITS or (wanted is not None and ukey != wanted):
            continue
        buckets[(ukey, r["per"] or "", kind_class(r["kind"]))].append(_figure(r, view))
    return buckets


def _figure(r: dict[str, Any], view: Sources) -> dict[str, Any]:
    """One figure with its claim, counted source and article."""
    sid = view.counted(r["source_key"], r["doc_id"], r["group_id"])
    return {
        "document": r["doc_id"],
        "claim": r["claim_id"],
        "figure": r["text"],
        "value": r["value"],
        "value_max": r["value_max"],
        "unit": r["unit"],
        "per": r["per"],
        "time": r["time"],
        "kind": r["kind"],
        "bound": r["bound"],
        "approximate": bool(r["approximate"]),
        "cluster": r["cluster_id"],
        # a sorted tuple, not a set: the subjects named come from its order (a set's would vary with the hash seed)
        "entities": tuple(sorted(set(filter(None, (r["entity_keys"] or "").split("|"))))),
        "source": view.names.get(sid) or clean_name(r["source_name"] or "") or display_name(sid, view.names),
        "source_id": sid,
        "claim_text": r["content_text"],
        "outlet": r["outlet"],
        "published": r["published"],
        "url": r["url"],
        "group": r["group_id"],
        "vector": embed.from_blob(r["embedding"]) if r["embedding"] else None,
    }


def _quantity(
    ukey: str, per: str, kclass: str, group: list[dict[str, Any]], conflict: list[dict[str, Any]]
) -> dict[str, Any]:
    """One conflict: the quantity, its distinct values and every figure giving one."""
    subjects = Counter(e for f in group for e in f["entities"])
    values = sorted(group, key=lambda f: (f["published"] or "", f["document"]))
    return {
        "quantity": {
            "counts": ukey,
            "per": per or None,
            "framing": kclass,
            "time": sorted({f["time"] for f in group if f["time"]}) or None,
            "subject": [label for label in (_entity_label(e) for e, _ in subjects.most_common(3)) if label],
        },
        "distinct_values": conflict,
        "sources": len({f["source_id"] for f in group}),
        "articles": len({f["document"] for f in group}),
        "values": [{k: v for k, v in f.items() if k not in ("vector", "entities")} for f in values],
    }


def _same_quantity(figs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Group the figures of one bucket: same cluster, or shared entity and close claims, compatible time."""
    parent = list(range(len(figs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    def time_ok(i: int, j: int) -> bool:
        ti, tj = figs[i]["time"], figs[j]["time"]
        return not ti or not tj or ti == tj

    by_cluster: dict[int, list[int]] = defaultdict(list)
    by_entity: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(figs):
        if f["cluster"] is not None:
            by_cluster[f["cluster"]].append(i)
        for e in f["entities"]:
            by_entity[e].append(i)
    for idx in by_cluster.values():
        for j in idx[1:]:
            if time_ok(idx[0], j):
                union(idx[0], j)
    for idx in by_entity.values():
        idx = [i for i in idx if figs[i]["vector"] is not None]
        if len(idx) < 2 or len(idx) > 2000:
            continue
        matrix = np.vstack([figs[i]["vector"] for i in idx])
        sims = matrix @ matrix.T
        for a, b in zip(*np.nonzero(np.triu(sims >= SUBJECT_SIMILARITY, 1))):
            i, j = idx[a], idx[b]
            if time_ok(i, j) and figs[i]["group"] != figs[j]["group"]:
                union(i, j)
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for i, f in enumerate(figs):
        groups[find(i)].append(f)
    return [g for g in groups.values() if len({f["group"] for f in g}) >= 2]


def _conflict(group: list[dict[str, Any]], tolerance: float) -> list[dict[str, Any]] | None:
    """The disagreeing values of a quantity (agreeing values merged), or None when all agree."""
    distinct: list[dict[str, Any]] = []
    for f in sorted(group, key=lambda f: f["value"]):
        pair = (f["value"], f["value_max"])
        for d in distinct:
            if agree(pair, (d["value"], d["value_max"]), tolerance):
                d["sources"].add(f["source"])
                d["groups"].add(f["group"])
                break
        else:
            distinct.append(
                {"value": f["value"], "value_max": f["value_max"], "sources": {f["source"]}, "groups": {f["group"]}}
            )
    if len(distinct) < 2:
        return None
    across = any(
        ga != gb for i, a in enumerate(distinct) for b in distinct[i + 1 :] for ga in a["groups"] for gb in b["groups"]
    )
    if not across:
        return None  # the values differ only inside one article or its copies
    return [{"value": d["value"], "value_max": d["value_max"], "sources": sorted(d["sources"])} for d in distinct]
