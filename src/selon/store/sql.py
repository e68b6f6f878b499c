"""The connection helpers every SQL statement of selon goes through: transactions, reads, the clock.

The store (:mod:`selon.store.db`), its migrations and the corpus tables (:mod:`selon.corpus`)
share these, so that a write is always one ``BEGIN IMMEDIATE … COMMIT`` and a read always
returns plain tuples or dicts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from selon.errors import DatabaseNotFoundError, StoreError
from selon.store.engine import PgConnection, is_url, mask

Params = Sequence[Any]


def utc_now() -> str:
    """UTC time of a write, ISO 8601 (microseconds so that successive writes differ)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception (the connection is in autocommit mode)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def fetch_all(conn: sqlite3.Connection, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
    """Every row of a query, as tuples."""
    return conn.execute(sql, tuple(params)).fetchall()


def fetch_one(conn: sqlite3.Connection, sql: str, params: Params = ()) -> tuple[Any, ...] | None:
    """The first row of a query, or None."""
    row: tuple[Any, ...] | None = conn.execute(sql, tuple(params)).fetchone()
    return row


def fetch_value(conn: sqlite3.Connection, sql: str, params: Params = ()) -> Any:
    """The first column of the first row, or None when there is no row."""
    row = fetch_one(conn, sql, params)
    return None if row is None else row[0]


def fetch_dicts(conn: sqlite3.Connection, sql: str, params: Params = ()) -> list[dict[str, Any]]:
    """Every row of a query, as dicts keyed by column name."""
    cursor = conn.execute(sql, tuple(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def fetch_map(conn: sqlite3.Connection, sql: str, params: Params = ()) -> dict[Any, Any]:
    """A two-column query as a dict (first column -> second)."""
    return dict(conn.execute(sql, tuple(params)).fetchall())


def execute(conn: sqlite3.Connection, sql: str, params: Params = ()) -> None:
    """Run one write statement (inside :func:`transaction`)."""
    conn.execute(sql, tuple(params))


def execute_many(conn: sqlite3.Connection, sql: str, rows: Iterable[Params]) -> None:
    """Run one write statement per row (inside :func:`transaction`)."""
    conn.executemany(sql, (tuple(r) for r in rows))


def require_database(path: str | Path) -> Path | str:
    """``path`` if a database exists there (or it is ``:memory:``); else :class:`DatabaseNotFoundError`.

    Every command that reads a store calls this first, so a mistyped ``--db`` is reported the
    same way everywhere instead of creating an empty database. A PostgreSQL URL is returned as
    it is once its server answers and the database is a selon one (or empty).
    """
    if is_url(path):
        check_postgres(str(path))
        return str(path)
    if str(path) != ":memory:" and not Path(path).exists():
        raise DatabaseNotFoundError(
            f"database {path} does not exist: ingest documents first (selon ingest FILES --db {path}) "
            "or pass the --db of an existing one"
        )
    return Path(path)


def check_postgres(url: str) -> None:
    """Connect to a PostgreSQL store; refuse a database holding other tables than selon's."""
    conn = PgConnection(url)
    try:
        tables = table_names(conn)
    finally:
        conn.close()
    if tables and "schema_migrations" not in tables:
        shown = ", ".join(sorted(tables)[:5])
        raise StoreError(
            f"{mask(url)} is not a selon database: it holds other tables ({shown}) and no schema_migrations; "
            "pass another --db"
        )


def table_names(conn: Any) -> set[str]:
    """The tables of the store (SQLite's catalog or PostgreSQL's current schema)."""
    if isinstance(conn, PgConnection):
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    return {str(row[0]) for row in conn.execute(sql).fetchall()}
