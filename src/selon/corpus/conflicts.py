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

from selon.corpus import embed
from selon.corpus.quantities import agree, kind_class, unit_key
from selon.corpus.update import display_name, effective_source, group_outlets

TOLERANCE = 0.10
SUBJECT_SIMILARITY = 0.93  # unrelated claims on one topic reach 0.90 on this encoder's scale
_SKIP_UNITS = frozenset({"", "year", "mm", "cm", "m", "km", "day", "week", "month"})


def _entity_label(key: str) -> str:
    return key.split(":", 1)[1].replace("|", " ").strip() if ":" in key else key


def find_conflicts(
    conn: sqlite3.Connection, *, tolerance: float = TOLERANCE, unit: str | None = None
) -> list[dict[str, Any]]:
    """Quantities given with disagreeing values, most sources first."""
    rows = conn.execute("""
        SELECT f.doc_id, f.claim_id, f.text, f.value, f.value_max, f.unit, f.per, f.time, f.kind, f.bound,
               f.approximate, k.cluster_id, k.entity_keys, k.source_key, k.embedding, c.content_text,
               c.source_name, c.source_text, d.outlet, d.published, d.url, g.group_id
        FROM figures f JOIN corpus_claims k ON k.doc_id = f.doc_id AND k.claim_id = f.claim_id
        JOIN claims c ON c.doc_id = f.doc_id AND c.claim_id = f.claim_id
        JOIN documents d ON d.id = f.doc_id JOIN corpus_documents g ON g.doc_id = f.doc_id""").fetchall()
    source_of = dict(conn.execute("SELECT key, source_id FROM corpus_source_keys"))
    outlets = group_outlets(conn)
    names = dict(conn.execute("SELECT id, name FROM corpus_sources"))
    wanted = unit_key(unit) if unit else None
    buckets: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        (
            doc,
            claim,
            text,
            value,
            value_max,
            unit_raw,
            per,
            time,
            kind,
            bound,
            approx,
            cluster,
            ents,
            skey,
            blob,
            content,
            sname,
            stext,
            outlet,
            published,
            url,
            group,
        ) = r
        ukey = unit_key(unit_raw)
        if ukey in _SKIP_UNITS or (wanted is not None and ukey != wanted):
            continue
        sid = effective_source(skey, doc, group, source_of, outlets)
        buckets[(ukey, per or "", kind_class(kind))].append(
            {
                "document": doc,
                "claim": claim,
                "figure": text,
                "value": value,
                "value_max": value_max,
                "unit": unit_raw,
                "per": per,
                "time": time,
                "kind": kind,
                "bound": bound,
                "approximate": bool(approx),
                "cluster": cluster,
                "entities": set(filter(None, (ents or "").split("|"))),
                "source": names.get(sid) or sname or display_name(sid, names),
                "source_id": sid,
                "claim_text": content,
                "outlet": outlet,
                "published": published,
                "url": url,
                "group": group,
                "vector": embed.from_blob(blob) if blob else None,
            }
        )
    out: list[dict[str, Any]] = []
    for (ukey, per, kclass), figs in buckets.items():
        for group in _same_quantity(figs):
            conflict = _conflict(group, tolerance)
            if conflict is None:
                continue
            subjects = Counter(e for f in group for e in f["entities"])
            values = sorted(group, key=lambda f: (f["published"] or "", f["document"]))
            out.append(
                {
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
            )
    out.sort(key=lambda c: (-c["sources"], -c["articles"], c["quantity"]["counts"]))
    return out


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
