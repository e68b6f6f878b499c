"""How a claim or a figure moved over publication dates.

``QUERY`` is a cluster id ("12" or "#12"), the thing a figure counts ("drones", "obus"), or
words of the claims (matched without case or accents). Each event is one claim, dated by
its article's publication date, with its source, outlet, certainty and figures.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from selon.corpus.names import fold
from selon.corpus.quantities import unit_key
from selon.corpus.update import display_name, effective_source, group_outlets
from selon.corpus.views import NotFoundError

MAX_EVENTS = 500


def timeline(conn: sqlite3.Connection, query: str, *, limit: int = MAX_EVENTS) -> dict[str, Any]:
    """Events matching ``query`` ordered by publication date (undated last)."""
    query = query.strip()
    if not query:
        raise NotFoundError("give a cluster id, a counted thing (drones) or words of a claim")
    base = (
        "SELECT k.doc_id, k.claim_id, k.cluster_id, k.source_key, c.content_text, c.certainty, c.source_text, "
        "c.source_name, d.outlet, d.published, d.url, g.group_id FROM corpus_claims k "
        "JOIN claims c USING (doc_id, claim_id) JOIN documents d ON d.id = k.doc_id "
        "JOIN corpus_documents g ON g.doc_id = k.doc_id "
    )
    match = re.fullmatch(r"#?(\d+)", query)
    figures = _figures(conn)
    if match:
        kind = "cluster"
        rows = conn.execute(base + "WHERE k.cluster_id = ?", (int(match.group(1)),)).fetchall()
    else:
        ukey = unit_key(query)
        keys = {key for key, figs in figures.items() if any(unit_key(f["unit"]) == ukey for f in figs)}
        if ukey and keys:
            kind = "figure"
            rows = [r for r in conn.execute(base).fetchall() if (r[0], r[1]) in keys]
        else:
            kind = "text"
            wanted = fold(query)
            rows = [r for r in conn.execute(base).fetchall() if wanted in fold(r[4])]
    if not rows:
        raise NotFoundError(
            f"nothing in the corpus matches {query!r}: try a cluster id from `selon clusters`, "
            "a counted thing such as 'drones', or other words"
        )
    source_of = dict(conn.execute("SELECT key, source_id FROM corpus_source_keys"))
    outlets = group_outlets(conn)
    names = dict(conn.execute("SELECT id, name FROM corpus_sources"))
    events = []
    for doc, claim, cluster, skey, text, certainty, stext, sname, outlet, published, url, group in rows:
        sid = effective_source(skey, doc, group, source_of, outlets)
        figs = figures.get((doc, claim), [])
        if kind == "figure":
            figs = [f for f in figs if unit_key(f["unit"]) == unit_key(query)]
        events.append(
            {
                "published": published,
                "outlet": outlet,
                "document": doc,
                "claim": claim,
                "cluster": cluster,
                "source": names.get(sid) or sname or display_name(sid, names),
                "certainty": certainty,
                "text": text,
                "url": url,
                "figures": figs,
            }
        )
    events.sort(key=lambda e: (e["published"] is None, e["published"] or "", e["document"]))
    return {"query": query, "kind": kind, "events": events[:limit], "total": len(events)}


def _figures(conn: sqlite3.Connection) -> dict[tuple[str, str], list[dict[str, Any]]]:
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for doc, claim, text, value, value_max, unit, per, time, kind in conn.execute(
        "SELECT doc_id, claim_id, text, value, value_max, unit, per, time, kind FROM figures "
        "WHERE claim_id IS NOT NULL ORDER BY doc_id, claim_id, seq"
    ):
        out.setdefault((doc, claim), []).append(
            {"text": text, "value": value, "value_max": value_max, "unit": unit, "per": per, "time": time, "kind": kind}
        )
    return out
