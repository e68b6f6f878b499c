"""PostgreSQL against SQLite: the same input gives the same results; migrate, concurrent writers, the corpus lock.

Every test here needs a server (SELON_TEST_POSTGRES, see tests/engines.py) and skips without one.
"""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import threading
import time

import pytest

from corpus.build import C, article
from engines import postgres_database, store_url
from selon.corpus import Corpus
from selon.errors import StoreError, UsageError
from selon.store import DocumentFilter, Store
from selon.store.copy import copy_store, row_counts
from selon.store.engine import CORPUS_LOCK, held_lock
from selon.store.search import facets, search_claims, search_documents

SEARCHES = (
    DocumentFilter(),
    DocumentFilter(words="drones"),
    DocumentFilter(words="cooperation"),
    DocumentFilter(words="DEFENSE russie"),
    DocumentFilter(words="!!"),
    DocumentFilter(source="boudanov"),
    DocumentFilter(language="fr", certainty="hedged"),
    DocumentFilter(date_to="2025-06", outlet="Business News"),
)


def _build(url: str) -> None:
    from api.conftest import build_store

    build_store(url)


def _view(url: str) -> dict:
    """Everything a reader sees of a store: claims, corpus views, searches and facets, as JSON."""
    with Store(url) as store:
        corpus = Corpus(store)
        seen = {
            "claims": store.claims(),
            "stats": store.stats(),
            "sources": corpus.sources(),
            "clusters": corpus.clusters(min_articles=1),
            "conflicts": corpus.conflicts(),
        }
        for n, flt in enumerate(SEARCHES):
            seen[f"documents {n}"] = search_documents(store.conn, flt, limit=50)
            seen[f"claims {n}"] = search_claims(store.conn, flt, limit=50)
            seen[f"facets {n}"] = facets(store.conn, flt)
        return _timeless(json.loads(json.dumps(seen, sort_keys=True, default=str)))


def _timeless(value):
    """Without the times of the writes (each store was written at its own moment)."""
    if isinstance(value, dict):
        return {k: _timeless(v) for k, v in value.items() if k not in ("ingested_at", "processed_at")}
    if isinstance(value, list):
        return [_timeless(v) for v in value]
    return value


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The API tests' store built on SQLite and on PostgreSQL."""
    folder = tmp_path_factory.mktemp("both")
    with store_url("sqlite", folder) as lite, postgres_database() as pg:
        _build(lite)
        _build(pg)
        yield lite, pg


def test_the_same_input_gives_the_same_results_on_both_engines(both):
    lite, pg = both
    a, b = _view(lite), _view(pg)
    assert a.keys() == b.keys()
    for key in a:
        if key != "stats":
            assert a[key] == b[key], key
    assert a["claims"] and a["clusters"] and a["conflicts"]
    assert a["documents 2"][1] >= 1  # "coopération" found without its accent


def test_migrate_copies_a_sqlite_store_and_is_idempotent(both, tmp_path):
    lite, _ = both
    with postgres_database() as target:
        first = copy_store(lite, target)
        second = copy_store(lite, target)
        assert first == second and first["documents"] == 3 and first["corpus_clusters"] > 0
        with Store(lite) as src, Store(target) as dst:
            assert row_counts(src) == row_counts(dst)
        assert _view(target) == _view(lite)
        other = tmp_path / "other.db"
        with Store(other) as store:
            store.save(article("elsewhere", "Selon Paul, il pleut.", [C("il pleut", "Paul", "Paul")]))
        with pytest.raises(StoreError, match="--replace"):
            copy_store(str(other), target)
        assert copy_store(str(other), target, replace=True)["documents"] == 1
        with Store(target) as dst:
            assert [d["id"] for d in dst.documents()] == ["elsewhere"]


def _save_range(url: str, start: int, stop: int) -> int:
    with Store(url) as store:
        for n in range(start, stop):
            store.save(_doc(n))
    return stop - start


def _doc(n: int):
    return article(
        f"doc-{n:03d}", f"Selon Paul {n}, il pleut {n} fois.", [C(f"il pleut {n} fois", f"Paul {n}", "Paul")]
    )


def test_two_processes_write_into_one_database(tmp_path):
    with postgres_database() as url:
        Store(url).close()
        context = multiprocessing.get_context("spawn")
        with context.Pool(2) as pool:  # overlapping ranges: both save documents 20..39
            done = pool.starmap(_save_range, [(url, 0, 40), (url, 20, 60)])
        assert done == [40, 40]
        with Store(url) as store:
            ids = sorted(d["id"] for d in store.documents())
            assert ids == sorted(f"doc-{n:03d}" for n in range(60))
            assert store.stats()["claims"] == 60
            assert search_documents(store.conn, DocumentFilter(words="pleut"), limit=100)[1] == 60


def test_ingest_with_two_workers_and_two_processes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(4):
        (folder / f"a{n}.txt").write_text(f"Selon le ministre {n}, la pluie tombera demain sur Paris.\n")
    with postgres_database() as url:
        command = [sys.executable, "-m", "selon.cli.main", "ingest", str(folder), "--db", url, "--language", "fr"]
        runs = [subprocess.Popen([*command, "--workers", "2"], stderr=subprocess.PIPE, text=True) for _ in range(2)]
        for run in runs:
            assert run.wait(timeout=300) == 0, run.stderr.read() if run.stderr else ""
        again = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert again.returncode == 0 and "unchanged 4" in again.stderr, again.stderr
        with Store(url) as store:
            assert store.stats()["documents"] == 4


def test_the_corpus_update_waits_for_the_lock_of_another(both):
    _, url = both
    waited: list[str] = []
    with held_lock(url, CORPUS_LOCK):
        corpus = Corpus(url)
        worker = threading.Thread(target=lambda: corpus.update(progress=lambda what, *_: waited.append(what)))
        worker.start()
        time.sleep(0.5)
        assert worker.is_alive() and "waiting for another corpus update" in waited
    worker.join(timeout=60)
    assert not worker.is_alive()
    corpus.close()


def test_an_unreachable_server_is_one_line_without_the_password():
    with pytest.raises(StoreError) as caught:
        Store("postgresql://selon:hunter2@127.0.0.1:1/none")
    assert "hunter2" not in str(caught.value) and "start the server" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_another_applications_database_is_refused():
    import psycopg

    with postgres_database() as url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE invoices (id int)")
        with pytest.raises(StoreError, match="not a selon database"):
            Store(url)


def test_the_migrate_and_claims_commands(both):
    from typer.testing import CliRunner

    from selon.cli.main import app

    lite, _ = both
    runner = CliRunner()
    with postgres_database() as target:
        secret = target.replace("postgresql://postgres@", "postgresql://postgres:pw@")
        result = runner.invoke(app, ["migrate", lite, secret])
        assert result.exit_code == 0, result.output
        assert "documents                3" in result.stdout and "pw" not in result.output
        listed = [runner.invoke(app, ["claims", "--db", db, "--format", "json"]).stdout for db in (lite, target)]
        assert listed[0] == listed[1] and json.loads(listed[0])
    result = runner.invoke(app, ["migrate", lite, str(lite) + ".copy"])
    assert isinstance(result.exception, UsageError) and "postgresql://" in str(result.exception)
