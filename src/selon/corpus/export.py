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

from selon.corpus.conflicts import find_conflicts
from selon.corpus.update import effective_source, group_outlets
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
    if table == "claims":
        source_of = dict(conn.execute("SELECT key, source_id FROM corpus_source_keys"))
        outlets = group_outlets(conn)
        srcs = {
            r[0]: (r[1], r[2], bool(r[3])) for r in conn.execute("SELECT id, name, kind, relay FROM corpus_sources")
        }
        clusters = {
            r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, articles, independent_sources FROM corpus_clusters")
        }
        out = []
        for (
            doc,
            claim,
            skey,
            cluster,
            text,
            stext,
            sname,
            certainty,
            channel,
            outlet,
            published,
            url,
            language,
            group,
        ) in conn.execute(
            "SELECT k.doc_id, k.claim_id, k.source_key, k.cluster_id, c.content_text, c.source_text, "
            "c.source_name, c.certainty, c.channel, d.outlet, d.published, d.url, d.language, g.group_id "
            "FROM corpus_claims k JOIN claims c USING (doc_id, claim_id) JOIN documents d ON d.id = k.doc_id "
            "JOIN corpus_documents g ON g.doc_id = k.doc_id ORDER BY k.doc_id, c.seq"
        ):
            sid = effective_source(skey, doc, group, source_of, outlets)
            name, kind, relay = srcs.get(
                sid,
                (
                    sname or stext or "(the outlet itself)",
                    "outlet" if sid.startswith("d:") else "anonymous",
                    sid.startswith("d:"),
                ),
            )
            arts, indep = clusters.get(cluster, (None, None))
            out.append(
                {
                    "document": doc,
                    "claim": claim,
                    "outlet": outlet,
                    "published": published,
                    "url": url,
                    "language": language,
                    "text": text,
                    "source_mention": stext,
                    "source_id": sid,
                    "source": name,
                    "source_kind": kind,
                    "relay": relay,
                    "channel": channel,
                    "certainty": certainty,
                    "cluster": cluster,
                    "cluster_articles": arts,
                    "cluster_independent_sources": indep,
                    "syndication_group": group,
                }
            )
        return out
    if table == "clusters":
        return [
            {
                "cluster": r[0],
                "label": r[1],
                "claims": r[2],
                "articles": r[3],
                "syndication_groups": r[4],
                "independent_sources": r[5],
                "single_source": bool(r[6]),
                "sources": r[7],
                "outlets": r[8],
                "languages": r[9],
                "certainty_mix": r[10],
                "first_seen": r[11],
                "last_seen": r[12],
            }
            for r in conn.execute(
                "SELECT id, label, claims, articles, groups, independent_sources, single_source, "
                "sources, outlets, languages, certainty_mix, first_seen, last_seen "
                "FROM corpus_clusters ORDER BY id"
            )
        ]
    if table == "sources":
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
    if table == "conflicts":
        out = []
        for n, c in enumerate(find_conflicts(conn), 1):
            for v in c["values"]:
                out.append(
                    {
                        "conflict": n,
                        "counts": c["quantity"]["counts"],
                        "per": c["quantity"]["per"],
                        "subject": ", ".join(c["quantity"]["subject"]),
                        "value": v["value"],
                        "value_max": v["value_max"],
                        "figure": v["figure"],
                        "source": v["source"],
                        "document": v["document"],
                        "outlet": v["outlet"],
                        "published": v["published"],
                        "claim_text": v["claim_text"],
                    }
                )
        return out
    raise ExportError(f"unknown table {table!r}: use one of {', '.join(TABLES)}")


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
