"""The Spark job's Parquet output taken into a store: each document saved from its ``article_json`` (the
Article exactly as the executor analysed it, so the store holds what a direct ingest would), each failure
recorded as a skip. Read with DuckDB, already a dependency: no Spark is needed to load."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from selon.errors import InputError
from selon.model import Article
from selon.store import Store


def _files(output: Path, table: str) -> list[str]:
    return sorted(str(p) for p in (output / table).rglob("*.parquet"))


def load_output(output: Path, store: Store, progress: Callable[[int], None] | None = None) -> Counter[str]:
    """Save every document and record every failure of ``output`` into ``store``; the counts of each
    outcome (added, updated, unchanged, failures). Loading twice changes nothing."""
    import duckdb

    documents = _files(output, "documents")
    if not documents and not _files(output, "failures"):
        raise InputError(f"{output} holds no Parquet output of `selon spark`; pass the --output folder of a run")
    counts: Counter[str] = Counter()
    conn = duckdb.connect()
    try:
        if documents:
            cursor = conn.execute("SELECT article_json, record FROM read_parquet(?, union_by_name = true)", [documents])
            while batch := cursor.fetchmany(256):
                for article_json, record in batch:
                    try:
                        article = Article.model_validate_json(article_json)
                    except ValueError as exc:  # one bad row is reported and skipped, the load goes on
                        store.record_skip(record, f"the analysis does not match this selon's model ({exc})")
                        counts["skipped"] += 1
                        continue
                    counts[store.save(article, origin=record or article.id)] += 1
                    if progress is not None:
                        progress(1)
        failures = _files(output, "failures")
        if failures:
            for record, reason in conn.execute(
                "SELECT DISTINCT record, reason FROM read_parquet(?, union_by_name = true)", [failures]
            ).fetchall():
                store.record_skip(record, reason)
                counts["failures"] += 1
    finally:
        conn.close()
    return counts
