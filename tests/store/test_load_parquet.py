"""`selon load` without Spark: Parquet tables in the job's contract, written here with DuckDB, into a store."""

from __future__ import annotations

from pathlib import Path

import pytest

from selon.errors import InputError
from selon.model import Article
from selon.spark.load import load_output
from selon.spark.rows import TABLES, article_rows, column_type, failure_rows
from selon.store import Store


def _write(out: Path, table: str, rows: list[list]) -> None:
    import duckdb

    folder = out / table / "run=1"
    folder.mkdir(parents=True)
    kinds = {"long": "BIGINT", "double": "DOUBLE", "string": "VARCHAR"}
    columns = ", ".join(f'"{name}" {kinds[column_type(name)]}' for name in TABLES[table])
    conn = duckdb.connect()
    conn.execute(f"CREATE TABLE t ({columns})")
    conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(TABLES[table]))})", rows)
    conn.execute(f"COPY t TO '{folder / 'part-0.parquet'}' (FORMAT parquet)")
    conn.close()


def test_documents_and_failures_are_loaded_and_a_second_load_changes_nothing(tmp_path: Path) -> None:
    article = Article(id="a1", language="fr", text="Selon le maire, tout va bien.", url="https://x.org/a")
    rows = article_rows(article, "in.warc.gz", "in.warc.gz@0", 0)
    assert len(rows["documents"][0]) == len(TABLES["documents"])
    _write(tmp_path / "out", "documents", rows["documents"])
    _write(
        tmp_path / "out", "failures", failure_rows("in.warc.gz", "in.warc.gz@900", "unreadable WARC record")["failures"]
    )
    with Store(tmp_path / "s.db") as store:
        counts = load_output(tmp_path / "out", store)
        assert counts["added"] == 1 and counts["failures"] == 1
        assert store.get("a1") == article
        assert [s["origin"] for s in store.skips()] == ["in.warc.gz@900"]
        assert load_output(tmp_path / "out", store)["unchanged"] == 1


def test_a_folder_without_output_is_refused_with_what_to_pass(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store, pytest.raises(InputError, match="--output folder"):
        load_output(tmp_path, store)
