"""Opening a database: migrations applied once, in transactions, and foreign files refused."""

from __future__ import annotations

import sqlite3

import pytest

from selon.errors import StoreError
from selon.store import Store
from selon.store import db as store_db
from selon.store.migrate import Migration, load_migrations, split_statements

TABLES = {"documents", "claims", "entities", "figures", "skips", "schema_migrations"}


def tables(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_migrations_are_numbered_from_one():
    migrations = load_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "init"


def test_opening_creates_the_schema_and_records_it(tmp_path):
    path = tmp_path / "new.db"
    with Store(path) as store:
        assert store.schema_version == len(load_migrations())
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert tables(path) >= TABLES
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT version, name, applied_at FROM schema_migrations").fetchall()
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert [(v, n) for v, n, _ in rows] == [(m.version, m.name) for m in load_migrations()]
    assert {"claims_certainty", "claims_source_name", "documents_language", "figures_doc_claim"} <= indexes


def test_reopening_does_not_reapply(tmp_path):
    path = tmp_path / "again.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        first = conn.execute("SELECT version, applied_at FROM schema_migrations").fetchall()
    with Store(path) as store:
        store.record_skip("x", "y")
    with Store(path) as store:
        assert store.stats()["skips"] == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version, applied_at FROM schema_migrations").fetchall() == first


def test_a_failing_migration_is_rolled_back(tmp_path, monkeypatch):
    path = tmp_path / "half.db"
    Store(path).close()
    latest = load_migrations()[-1].version
    broken = Migration(latest + 1, "broken", "CREATE TABLE extra (x INTEGER); INSERT INTO nowhere VALUES (1);")
    monkeypatch.setattr(store_db, "load_migrations", lambda: [*load_migrations(), broken])
    with pytest.raises(
        StoreError, match=f"cannot migrate database .* to version {latest + 1} .*left at version {latest}"
    ):
        Store(path)
    assert "extra" not in tables(path)
    monkeypatch.undo()
    with Store(path) as store:
        assert store.schema_version == latest


def test_a_database_from_a_newer_selon_is_refused(tmp_path):
    path = tmp_path / "future.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', '2999-01-01')")
    with pytest.raises(StoreError, match=r"schema version 999 .* upgrade selon"):
        Store(path)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match=r"notes\.db is not a selon database: .*pass another --db"):
        Store(path)
    assert path.read_text().startswith("these are my notes")


def test_another_applications_database_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="not a selon database: it holds other tables \\(invoices\\)"):
        Store(path)
    assert tables(path) == {"invoices"}


def test_a_missing_folder_is_reported(tmp_path):
    with pytest.raises(StoreError, match="cannot open database"):
        Store(tmp_path / "no" / "such" / "dir.db")


def test_an_empty_file_becomes_a_store(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with Store(path) as store:
        assert store.stats()["documents"] == 0


def test_split_statements_respects_strings_comments_and_triggers():
    sql = """-- a comment; with a semicolon
    CREATE TABLE t (x TEXT DEFAULT 'a;b');
    CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = 'c'; END;
    -- trailing comment
    """
    statements = split_statements(sql)
    assert len(statements) == 2
    assert statements[0].endswith("DEFAULT 'a;b');")
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")
