"""Exports of the corpus view for spreadsheets and data tools, written by DuckDB.

Rows are staged as a JSON Lines file with an explicit column schema and DuckDB writes the
requested format (CSV with a header, Parquet, or JSON Lines), so types are declared once and
no format is written by hand.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import selon.corpus.read as read
from selon.corpus.conflicts import find_conflicts
from selon.corpus.read import Sources
from selon.corpus.views import list_sources
from selon.errors import ExportError

FORMATS = ("csv", "parquet", "jsonl")
TABLES = ("claims", "clusters", "sources", "conflicts")

_SCHEMAS: dict[str, dict[str, str]] = {
    "claims": {
        "document": "VARCHAR",
        "claim": "VARCHAR",
        "outlet": "VARCHAR",
        "published": "VARCHAR",
        "url": "VARCHAR",
        "language": "VARCHAR",
        "text": "VARCHAR",
        "source_mention": "VARCHAR",
        "source_id": "VARCHAR",
        "source": "VARCHAR",
        "source_kind": "VARCHAR",
        "relay": "BOOLEAN",
        "channel": "VARCHAR",
        "certainty": "VARCHAR",
        "cluster": "BIGINT",
        "cluster_articles": "BIGINT",
        "cluster_independent_sources": "BIGINT",
        "syndication_group": "VARCHAR",
    },
    "clusters": {
        "cluster": "BIGINT",
        "label": "VARCHAR",
        "claims": "BIGINT",
        "articles": "BIGINT",
        "syndication_groups": "BIGINT",
        "independent_sources": "BIGINT",
        "single_source": "BOOLEAN",
        "sources": "VARCHAR",
        "outlets": "VARCHAR",
        "languages": "VARCHAR",
        "certainty_mix": "VARCHAR",
        "first_seen": "VARCHAR",
        "last_seen": "VARCHAR",
    },
    "sources": {
        "source_id": "VARCHAR",
        "name": "VARCHAR",
        "kind": "VARCHAR",
        "relay": "BOOLEAN",
        "claims": "BIGINT",
        "documents": "BIGINT",
        "mentions": "VARCHAR",
        "outlets": "VARCHAR",
    },
    "conflicts": {
        "conflict": "BIGINT",
        "counts": "VARCHAR",
        "per": "VARCHAR",
        "subject": "VARCHAR",
        "value": "DOUBLE",
        "value_max": "DOUBLE",
        "figure": "VARCHAR",
        "source": "VARCHAR",
        "document": "VARCHAR",
        "outlet": "VARCHAR",
        "published": "VARCHAR",
        "claim_text": "VARCHAR",
    },
}


def rows_for(conn: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    """The rows of one export table (see :data:`TABLES`)."""
    builders = {"claims": _claim_rows, "clusters": _cluster_rows, "sources": _source_rows, "conflicts": _conflict_rows}
    if table not in builders:
        raise ExportError(f"unknown table {table!r}: use one of {', '.join(TABLES)}")
    return builders[table](conn)


def _claim_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every claim with its counted source and its cluster's size."""
    view = Sources.load(conn)
    srcs = {r["id"]: (r["name"], r["kind"], bool(r["relay"])) for r in read.sources(conn)}
    clusters = read.cluster_sizes(conn)
    out = []
    for r in read.export_claims(conn):
        sid = view.counted(r["source_key"], r["doc_id"], r["group_id"])
        own = sid.startswith("d:")
        fallback = (
            r["source_name"] or r["source_text"] or "(the outlet itself)",
            "outlet" if own else "anonymous",
            own,
        )
        name, kind, relay = srcs.get(sid, fallback)
        arts, indep = clusters.get(r["cluster_id"], (None, None))
        out.append(
            {
                "document": r["doc_id"],
                "claim": r["claim_id"],
                "outlet": r["outlet"],
                "published": r["published"],
                "url": r["url"],
                "language": r["language"],
                "text": r["content_text"],
                "source_mention": r["source_text"],
                "source_id": sid,
                "source": name,
                "source_kind": kind,
                "relay": relay,
                "channel": r["channel"],
                "certainty": r["certainty"],
                "cluster": r["cluster_id"],
                "cluster_articles": arts,
                "cluster_independent_sources": indep,
                "syndication_group": r["group_id"],
            }
        )
    return out


_CLUSTER_COLUMNS = ("cluster", "label", "claims", "articles", "syndication_groups", "independent_sources")
_CLUSTER_REST = ("sources", "outlets", "languages", "certainty_mix", "first_seen", "last_seen")


def _cluster_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every cluster summary, by id."""
    return [
        {**dict(zip(_CLUSTER_COLUMNS, r[:6])), "single_source": bool(r[6]), **dict(zip(_CLUSTER_REST, r[7:]))}
        for r in read.cluster_table(conn)
    ]


def _source_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every canonical source with its mentions and outlets (as JSON lists)."""
    return [
        {
            "source_id": s["id"],
            "name": s["name"],
            "kind": s["kind"],
            "relay": s["relay"],
            "claims": s["claims"],
            "documents": s["documents"],
            "mentions": json.dumps([m["label"] for m in s["mentions"]], ensure_ascii=False),
            "outlets": json.dumps(s["outlets"]),
        }
        for s in list_sources(conn)
    ]


def _conflict_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """One row per value of each conflict, numbered like ``selon conflicts``."""
    out = []
    for n, c in enumerate(find_conflicts(conn), 1):
        q = c["quantity"]
        for v in c["values"]:
            out.append(
                {
                    "conflict": n,
                    "counts": q["counts"],
                    "per": q["per"],
                    "subject": ", ".join(q["subject"]),
                    **{k: v[k] for k in ("value", "value_max", "figure", "source", "document", "outlet")},
                    "published": v["published"],
                    "claim_text": v["claim_text"],
                }
            )
    return out


def export(conn: sqlite3.Connection, path: str | Path, fmt: str, table: str = "claims") -> int:
    """Write ``table`` to ``path`` in ``fmt``; return the number of rows."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}: use one of {', '.join(TABLES)}")
    import duckdb

    rows = rows_for(conn, table)
    schema = _SCHEMAS[table]
    target = Path(path)
    if not target.parent.exists():
        raise ExportError(f"cannot write {target}: its folder does not exist; create it or pass another --output")
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / "rows.jsonl"
        with staging.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps({k: row.get(k) for k in schema}, ensure_ascii=False) + "\n")
        con = duckdb.connect()
        try:
            columns = "{" + ", ".join(f"'{k}': '{v}'" for k, v in schema.items()) + "}"
            con.execute(
                f"CREATE TABLE t AS SELECT * FROM read_json(?, columns = {columns}, format = 'newline_delimited')",
                [str(staging)],
            )
            option = {"csv": "FORMAT csv, HEADER", "parquet": "FORMAT parquet", "jsonl": "FORMAT json"}[fmt]
            con.execute(f"COPY t TO '{_quote(str(target))}' ({option})")
        except duckdb.Error as exc:
            raise ExportError(f"cannot write {target}: {exc}") from exc
        finally:
            con.close()
    return len(rows)


def _quote(path: str) -> str:
    return path.replace("'", "''")
