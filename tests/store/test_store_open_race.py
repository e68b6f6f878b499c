"""Processes opening one new database together all open it (two ingests started at once)."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

from selon.errors import StoreError
from selon.store import Store


def _open(path: str) -> str:
    try:
        Store(path).close()
    except StoreError as exc:
        return str(exc)
    return "ok"


def test_processes_opening_a_new_database_together_all_succeed(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    outcomes: list[str] = []
    with context.Pool(4) as pool:
        for n in range(25):  # switching the new file to WAL once raced: about 1 open in 40 was "locked"
            outcomes += pool.map(_open, [str(tmp_path / f"{n}.db")] * 4)
    assert outcomes == ["ok"] * 100, [o for o in outcomes if o != "ok"]
    with sqlite3.connect(tmp_path / "0.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] >= 2  # migrated once
