"""The Spark job in local mode: Parquet that `selon load` takes in, with the claims a direct ingest stores."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from crawl import write_warc
from selon.cli.main import main

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (scripts/setup.sh --spark)")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java 17 or later on the PATH"),
]


@pytest.fixture(autouse=True)
def _stop_spark():
    yield
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    session = SparkSession.getActiveSession()
    if session is not None:
        session.stop()
    gateway = SparkContext._gateway
    if gateway is not None:  # the JVM is not kept for the rest of the test session
        gateway.shutdown()
        process = getattr(gateway, "proc", None)
        if process is not None:
            process.terminate()
            process.wait(30)
        SparkContext._gateway = None
        SparkContext._jvm = None


def _claims(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT d.id, d.url, d.outlet, d.published, d.text, c.claim_id, c.content_text, c.source_name, c.certainty "
            "FROM claims c JOIN documents d ON d.id = c.doc_id ORDER BY d.id, c.seq"
        ).fetchall()


def test_the_spark_job_writes_what_a_direct_ingest_stores_and_a_rerun_skips_what_is_done(tmp_path: Path) -> None:
    import duckdb

    crawl = tmp_path / "crawl.warc.gz"
    write_warc(crawl, corrupt_second=True)
    notes = tmp_path / "notes.jsonl"
    notes.write_text(json.dumps({"id": "n1", "text": "Selon le maire, 40 arbres seront plantés."}) + "\n", "utf-8")
    manifest = tmp_path / "inputs.manifest"
    manifest.write_text(f"{crawl}\n{notes}\n", encoding="utf-8")
    out = tmp_path / "out"
    run = ["spark", str(manifest), "--output", str(out), "--master", "local[1]", "--split", "2"]
    assert main(run) == 0
    documents = duckdb.sql(f"SELECT doc_id, input_file, record, record_offset FROM '{out}/documents/*/*.parquet'")
    rows = documents.fetchall()
    assert len(rows) == 3
    assert {r[1] for r in rows} == {str(crawl), str(notes)}
    assert all(r[3] is not None for r in rows if r[1] == str(crawl))
    (failure,) = duckdb.sql(f"SELECT record, reason FROM '{out}/failures/*/*.parquet'").fetchall()
    assert "unreadable WARC record" in failure[1]
    ((claims,),) = duckdb.sql(f"SELECT count(*) FROM '{out}/claims/*/*.parquet'").fetchall()
    assert claims > 0

    assert main(["load", str(out), "--db", str(tmp_path / "loaded.db"), "--no-corpus"]) == 0
    assert main(["ingest", str(crawl), str(notes), "--db", str(tmp_path / "direct.db"), "--workers", "1"]) == 0
    assert _claims(tmp_path / "loaded.db") == _claims(tmp_path / "direct.db")

    before = sorted(p.name for p in (out / "documents").iterdir())
    assert main(run) == 0  # every input done: nothing runs, nothing is written
    assert sorted(p.name for p in (out / "documents").iterdir()) == before
    assert main(["load", str(out), "--db", str(tmp_path / "loaded.db"), "--no-corpus"]) == 0
