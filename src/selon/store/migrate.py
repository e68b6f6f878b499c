"""Numbered schema migrations, each applied once and inside its own transaction.

The files ``migrations/NNNN_name.sql`` are the only description of the schema; the table
``schema_migrations`` records which of them a database has received, so that a database
written by a newer selon is refused instead of being misread.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from typing import Any

from selon.errors import StoreError
from selon.store.engine import engine_of, translate_ddl
from selon.store.sql import table_names, transaction, utc_now

_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_LEDGER = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(engine: str = "sqlite") -> list[Migration]:
    """The packaged migrations in order; gaps or duplicates are a packaging bug and fail loudly.

    For PostgreSQL, a file of the same number in ``migrations/postgresql/`` replaces the one that
    is SQLite's only (full-text search); the others are the same files, their types translated.
    """
    folder = resources.files("selon.store").joinpath("migrations")
    own = folder.joinpath("postgresql")
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _FILE.match(entry.name)
        if match:
            text = entry.read_text(encoding="utf-8")
            if engine == "postgresql":
                replaced = own.joinpath(entry.name)
                text = replaced.read_text(encoding="utf-8") if replaced.is_file() else translate_ddl(text)
            found.append(Migration(int(match.group(1)), match.group(2), text))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"selon's packaged migrations are numbered {versions}, expected 1..n; reinstall selon")
    return found


def split_statements(sql: str) -> list[str]:
    """Cut a script into single statements, respecting strings, comments and trigger bodies.

    ``executescript`` cannot be used: it commits any open transaction first, which would
    break the one-transaction-per-migration guarantee.
    """
    statements: list[str] = []
    buffer = ""
    for piece in sql.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    rest = "\n".join(line for line in buffer.rstrip(";").splitlines() if not line.strip().startswith("--"))
    if rest.strip():
        raise StoreError(f"unterminated SQL statement in a migration: {rest.strip()[:80]!r}")
    return [s for s in statements if _has_code(s)]


def _has_code(statement: str) -> bool:
    lines = [line.split("--", 1)[0].strip() for line in statement.splitlines()]
    return any(line and line != ";" for line in lines)


def applied_version(conn: Any) -> int:
    """The highest migration recorded in the database, 0 for a fresh one."""
    if "schema_migrations" not in table_names(conn):
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: Any, migrations: list[Migration], where: str) -> list[int]:
    """Apply the pending migrations, one transaction each; return the versions applied.

    The connection must be in autocommit mode (``isolation_level=None``) so that the
    transactions here are the only ones. The version is re-read after taking the write
    lock, so two processes opening the same new database do not both apply a migration.
    """
    latest = migrations[-1].version if migrations else 0
    current = applied_version(conn)
    if current > latest:
        raise StoreError(
            f"database {where} has schema version {current} but this selon only knows up to "
            f"version {latest}: upgrade selon (pip install -U selon) to open it"
        )
    done: list[int] = []
    for migration in migrations:
        if migration.version <= current:
            continue
        try:
            with transaction(conn):
                conn.execute(_LEDGER if engine_of(conn) == "sqlite" else translate_ddl(_LEDGER))
                if applied_version(conn) >= migration.version:
                    continue
                for statement in split_statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, utc_now()),
                )
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot migrate database {where} to version {migration.version} "
                f"({migration.name}): {exc}; the database was left at version "
                f"{applied_version(conn)}"
            ) from exc
        done.append(migration.version)
    return done
