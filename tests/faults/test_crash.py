"""Killed at any point, then run again: every document stored exactly once, the corpus as a clean run's.

``selon ingest`` is killed (SIGKILL: no clean-up of any kind) three times over a run of 1,000
news reports, then run to its end; ``selon clusters`` is killed twice during its corpus update,
then run to its end. The articles are cut to their opening paragraphs to keep the test to a few
minutes.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from faults.procs import check_store, count_documents, run, start
from helpers import shared_path
from selon.store import Store

pytestmark = [pytest.mark.shared, pytest.mark.slow]

# The crash test is about what a kill leaves behind, so every process analyses alike (a per-article
# name choice still varies with the hash seed; tests/faults/test_determinism.py follows that).
SEED = {"PYTHONHASHSEED": "0"}
DOCUMENTS = 1000
CORPUS_DOCUMENTS = 60


def _opening(text: str, chars: int = 300) -> str:
    """The title and first paragraphs of an article, up to about ``chars`` characters."""
    out = ""
    for paragraph in (p for p in text.split("\n") if p.strip()):
        out += paragraph + "\n\n"
        if len(out) > chars:
            break
    return out


def _inputs(folder: Path) -> list[str]:
    english = sorted(shared_path("data", "polnear", "train", "text").glob("*.txt"))
    french = sorted(shared_path("data", "fr-wikinews", "text").glob("*.txt"))
    chosen = french[:204] + english[: DOCUMENTS - min(len(french), 204)]
    folder.mkdir()
    for path in chosen:
        (folder / path.name).write_text(_opening(path.read_text(encoding="utf-8")), encoding="utf-8")
    return sorted(p.stem for p in chosen)


def _kill_when(process, ready, rng: random.Random, what: str) -> None:
    """SIGKILL ``process`` soon after ``ready()`` holds (a random few milliseconds later: mid-write or not)."""
    deadline = time.monotonic() + 600
    while not ready():
        assert process.poll() is None, f"{what} ended before it could be killed: {process.communicate()[1][-500:]}"
        assert time.monotonic() < deadline, f"{what} made no progress"
        time.sleep(0.05)
    time.sleep(rng.uniform(0, 0.3))
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL, f"{what} ended by itself before the kill"


def test_ingest_killed_three_times_then_rerun_stores_each_document_once(tmp_path: Path) -> None:
    ids = _inputs(tmp_path / "in")
    db = tmp_path / "s.db"
    rng = random.Random(20261202)
    kills = sorted(rng.sample(range(40, 450), 3))  # documents stored when each kill comes
    for n, at in enumerate(kills, 1):
        ingest = start("ingest", tmp_path / "in", "--db", db, cwd=tmp_path, **SEED)
        _kill_when(ingest, lambda at=at: count_documents(db) >= at, rng, f"ingest {n}")
        state = check_store(db)  # what a kill leaves is a consistent store, with no document half written
        assert state["integrity"] == ["ok"] and not state["foreign_keys"] and not state["torn"], state
        assert len(state["ids"]) >= at
    done = run("ingest", tmp_path / "in", "--db", db, cwd=tmp_path, **SEED)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = done.stderr
    print(f"kills after {kills} documents stored; {summary.strip().splitlines()[-1]}")
    # every document stored before a kill is exactly what a clean analysis gives ("unchanged"), the rest added
    assert f"analysed {DOCUMENTS} " in summary and "updated 0," in summary and "skipped 0," in summary
    state = check_store(db)
    assert state["ids"] == ids, "every document present exactly once"
    assert state["integrity"] == ["ok"] and not state["foreign_keys"] and not state["torn"]

    # the corpus update, killed twice, against a clean update of the same documents
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    with Store(db) as source, Store(clean) as a, Store(killed) as b:
        for doc_id in ids[:: DOCUMENTS // CORPUS_DOCUMENTS][:CORPUS_DOCUMENTS]:
            article = source.get(doc_id)
            a.save(article, origin=doc_id)
            b.save(article, origin=doc_id)

    def taken_in(at_least: int) -> bool:
        conn = sqlite3.connect(killed, timeout=30)
        try:
            exists = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'corpus_documents'").fetchone()
            return bool(exists) and conn.execute("SELECT COUNT(*) FROM corpus_documents").fetchone()[0] >= at_least
        finally:
            conn.close()

    update = start("clusters", "--db", killed, cwd=tmp_path, **SEED)
    _kill_when(update, lambda: taken_in(1), rng, "corpus update 1")  # after its first batch of documents
    update = start("clusters", "--db", killed, cwd=tmp_path, **SEED)
    _kill_when(update, lambda: taken_in(CORPUS_DOCUMENTS), rng, "corpus update 2")  # linking and clustering
    for command in ("sources", "clusters", "conflicts"):
        mine = run(command, "--format", "json", "--db", killed, cwd=tmp_path, **SEED)
        reference = run(command, "--format", "json", "--db", clean, cwd=tmp_path, **SEED)
        assert mine.returncode == 0 and reference.returncode == 0, mine.stderr + reference.stderr
        assert json.loads(mine.stdout) == json.loads(reference.stdout), command
    assert check_store(killed)["integrity"] == ["ok"]
    shutil.rmtree(tmp_path / "in")
