"""Readers never fail while an ingest writes, and two ingests into one store both succeed (or one waits).

Every process here is a real ``selon`` command, as users run them side by side.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from faults.procs import check_store, count_documents, run, start, write_articles

pytestmark = pytest.mark.slow

READERS = {
    "claims": ["claims", "--format", "json", "--limit", "20"],
    "clusters": ["clusters", "--format", "json"],  # brings the corpus tables up to date: a writer too
    "sources": ["sources", "--format", "json", "--limit", "5"],
}


def _summary(stderr: str) -> dict[str, int]:
    found = re.search(r"analysed (\d+) \(added (\d+), updated (\d+), unchanged (\d+)\), skipped (\d+)", stderr)
    assert found, stderr
    return dict(zip(("analysed", "added", "updated", "unchanged", "skipped"), map(int, found.groups())))


def test_readers_never_fail_while_an_ingest_writes(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", range(60))
    db = tmp_path / "s.db"
    writer = start("ingest", tmp_path / "in", "--db", db, cwd=tmp_path)
    deadline = time.monotonic() + 300
    while count_documents(db) == 0 and writer.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    requests: dict[str, int] = dict.fromkeys(READERS, 0)
    failures: list[str] = []

    def read_loop(name: str) -> None:
        while writer.poll() is None and time.monotonic() < deadline:
            done = run(*READERS[name], "--db", db, cwd=tmp_path, timeout=300)
            requests[name] += 1
            if done.returncode != 0 or "locked" in done.stderr or "Traceback" in done.stderr:
                failures.append(f"{name} exit {done.returncode}: {done.stderr.strip()[-300:]}")

    threads = [threading.Thread(target=read_loop, args=(name,)) for name in READERS]
    for thread in threads:
        thread.start()
    _, err = writer.communicate(timeout=600)
    for thread in threads:
        thread.join(timeout=600)
    print(f"readers' requests during the write: {requests}; failures: {len(failures)}")
    assert writer.returncode == 0, err
    assert _summary(err)["added"] == 60
    assert not failures, failures
    assert requests["claims"] >= 3, requests  # the readers did run while the ingest wrote
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    state = check_store(db)
    assert state["integrity"] == ["ok"] and not state["foreign_keys"] and not state["torn"]
    final = run("clusters", "--format", "json", "--db", db, cwd=tmp_path)  # the last update takes the rest in
    assert final.returncode == 0, final.stderr


def test_two_ingests_into_one_store_both_succeed_and_store_each_document_once(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", range(0, 40))
    write_articles(tmp_path / "b", range(20, 60))  # 20 documents in both
    db = tmp_path / "s.db"
    first = start("ingest", tmp_path / "a", "--db", db, cwd=tmp_path)
    second = start("ingest", tmp_path / "b", "--db", db, cwd=tmp_path)
    outcomes = [_summary(p.communicate(timeout=600)[1]) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outcomes
    assert sum(o["added"] for o in outcomes) == 60  # each document added once, by whichever came first
    assert sum(o["unchanged"] for o in outcomes) == 20 and not any(o["updated"] for o in outcomes)
    state = check_store(db)
    assert state["ids"] == [f"report-{n:04d}" for n in range(60)]
    assert state["integrity"] == ["ok"] and not state["foreign_keys"] and not state["torn"]
