"""``selon migrate``: copy a SQLite store, corpus tables included, into a PostgreSQL database.

The copy is one transaction on the target (all of it or nothing) read from one snapshot of the
source, and it replaces what the target held: running it twice gives the same target. A target
that holds documents the source does not (another selon database) is refused unless ``replace``.
The PostgreSQL search index is rebuilt from the copied documents.
"""

from __future__ import annotations

from typing import Any

from selon.errors import StoreError, UsageError
from selon.store.db import Store
from selon.store.engine import is_url, mask
from selon.store.search import index_missing
from selon.store.sql import execute, execute_many, fetch_map, fetch_value, require_database, transaction

#: The tables copied, parents before children (foreign keys); the search tables are rebuilt instead.
TABLES = (
    "documents",
    "claims",
    "entities",
    "figures",
    "skips",
    "corpus_documents",
    "corpus_near_duplicates",
    "corpus_source_keys",
    "corpus_source_links",
    "corpus_sources",
    "corpus_claims",
    "corpus_clusters",
    "corpus_meta",
)
#: Tables whose integer key PostgreSQL numbers itself: its counter is moved past the copied ids.
_IDENTITIES = ("figures", "corpus_clusters")
_BATCH = 500


def copy_store(source: str, target: str, *, replace: bool = False) -> dict[str, int]:
    """Copy the store ``source`` (a SQLite file) into ``target`` (a PostgreSQL URL); rows copied per table."""
    if is_url(source):
        raise UsageError(
            f"the source {mask(source)} must be a SQLite file: selon migrate copies SQLite into PostgreSQL"
        )
    if not is_url(target):
        raise UsageError(f"the target {target} must be a postgresql:// URL (postgresql://user:password@host/database)")
    require_database(source)
    with Store(source) as src, Store(target) as dst:
        _check_target(src, dst, replace)
        counts = _copy(src, dst)
        index_missing(dst.conn)
    return counts


def _check_target(src: Store, dst: Store, replace: bool) -> None:
    """Refuse a target holding documents the source does not have (another database), unless ``replace``."""
    theirs = fetch_map(dst.conn, "SELECT id, content_hash FROM documents")
    if not theirs or replace:
        return
    ours = fetch_map(src.conn, "SELECT id, content_hash FROM documents")
    foreign = sorted(doc for doc in theirs if doc not in ours)
    if foreign:
        raise StoreError(
            f"{dst.label} holds another selon database ({len(theirs)} documents, {len(foreign)} not in {src.label}, "
            f"e.g. {foreign[0]}): pass --replace to overwrite it, or another target"
        )


def _copy(src: Store, dst: Store) -> dict[str, int]:
    """Every table, in one transaction on the target, read in one read transaction of the source."""
    counts: dict[str, int] = {}
    src.conn.execute("BEGIN")  # one snapshot of the source for every table
    try:
        with transaction(dst.conn):
            for table in reversed(TABLES):
                execute(dst.conn, f"DELETE FROM {table}")
            for table in TABLES:
                counts[table] = _copy_table(src, dst, table)
            for table in _IDENTITIES:
                execute(
                    dst.conn,
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) "
                    f"FROM {table}",
                )
    finally:
        src.conn.execute("COMMIT")
    return counts


def _copy_table(src: Store, dst: Store, table: str) -> int:
    cursor = src.conn.execute(f"SELECT * FROM {table}")
    columns = ", ".join(f'"{d[0]}"' for d in cursor.description)
    width = len(cursor.description)
    insert = f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * width)})"
    done = 0
    while rows := cursor.fetchmany(_BATCH):
        execute_many(dst.conn, insert, rows)
        done += len(rows)
    return done


def row_counts(store: Store) -> dict[str, Any]:
    """Rows per copied table, for checking a copy against its source."""
    return {table: int(fetch_value(store.conn, f"SELECT COUNT(*) FROM {table}") or 0) for table in TABLES}
