"""The two store engines for the tests: a SQLite file always, PostgreSQL when SELON_TEST_POSTGRES names a server.

SELON_TEST_POSTGRES is the URL of a server where the tests may create and drop databases, e.g.
``postgresql://postgres@/postgres?host=/tmp/pgsock&port=5433``; each store gets a database of its
own (``selon_test_<random>``), dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ENGINES = ("sqlite", "postgresql")
SKIP_REASON = "set SELON_TEST_POSTGRES to a PostgreSQL server to run the PostgreSQL store tests"


def server() -> str | None:
    return os.environ.get("SELON_TEST_POSTGRES") or None


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def _admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(server() or "", autocommit=True) as conn:
        conn.execute(statement)


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh empty database on the test server (skips the test when there is none); its URL."""
    base = server()
    if base is None:
        pytest.skip(SKIP_REASON)
    name = f"selon_test_{secrets.token_hex(6)}"
    _admin(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(base, name)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def store_url(engine: str, folder: Path) -> Iterator[str]:
    """Where a test's store lives on ``engine``: a file in ``folder`` or a fresh PostgreSQL database."""
    if engine == "sqlite":
        yield str(folder / "selon.db")
        return
    with postgres_database() as url:
        yield url


engine_params = pytest.mark.parametrize("engine", ENGINES)
