"""How a claim or a figure moved over publication dates.

``QUERY`` is a cluster id ("12" or "#12"), the thing a figure counts ("drones", "obus"), or
words of the claims (matched without case or accents). Each event is one claim, dated by
its article's publication date, with its source, outlet, certainty and figures.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

import selon.corpus.read as read
from selon.corpus.names import fold
from selon.corpus.quantities import unit_key
from selon.corpus.read import Sources, display_name
from selon.errors import NotFoundError

MAX_EVENTS = 500


def timeline(conn: sqlite3.Connection, query: str, *, limit: int = MAX_EVENTS) -> dict[str, Any]:
    """Events matching ``query`` ordered by publication date (undated last)."""
    query = query.strip()
    if not query:
        raise NotFoundError("give a cluster id, a counted thing (drones) or words of a claim")
    figures = read.claim_figures(conn)
    kind, rows = _matching(conn, query, figures)
    if not rows:
        raise NotFoundError(
            f"nothing in the corpus matches {query!r}: try a cluster id from `selon clusters`, "
            "a counted thing such as 'drones', or other words"
        )
    view = Sources.load(conn)
    events = []
    for doc, claim, cluster, skey, text, certainty, _stext, sname, outlet, published, url, group in rows:
        sid = view.counted(skey, doc, group)
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
                "source": view.names.get(sid) or sname or display_name(sid, view.names),
                "certainty": certainty,
                "text": text,
                "url": url,
                "figures": figs,
            }
        )
    events.sort(key=lambda e: (e["published"] is None, e["published"] or "", e["document"]))
    return {"query": query, "kind": kind, "events": events[:limit], "total": len(events)}


def _matching(
    conn: sqlite3.Connection, query: str, figures: dict[tuple[str, str], list[dict[str, Any]]]
) -> tuple[str, list[tuple[Any, ...]]]:
    """What the query names (a cluster, a counted thing or words) and the claims it matches."""
    match = re.fullmatch(r"#?(\d+)", query)
    if match:
        return "cluster", read.timeline_claims(conn, int(match.group(1)))
    ukey = unit_key(query)
    keys = {key for key, figs in figures.items() if any(unit_key(f["unit"]) == ukey for f in figs)}
    if ukey and keys:
        return "figure", [r for r in read.timeline_claims(conn) if (r[0], r[1]) in keys]
    wanted = fold(query)
    return "text", [r for r in read.timeline_claims(conn) if wanted in fold(r[4])]
