"""Ctrl-C in the middle of an ingest: exit 130, the summary of what was stored, nothing stored lost."""

from __future__ import annotations

import re
import signal
import time
from pathlib import Path

import pytest

from faults.procs import check_store, count_documents, run, start, write_articles

pytestmark = pytest.mark.slow


def test_ctrl_c_mid_ingest_exits_130_with_the_summary_of_what_is_stored(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", range(40))
    db = tmp_path / "s.db"
    ingest = start("ingest", tmp_path / "in", "--db", db, cwd=tmp_path)
    deadline = time.monotonic() + 300
    while count_documents(db) < 5:
        assert ingest.poll() is None, ingest.communicate()[1]
        assert time.monotonic() < deadline
        time.sleep(0.05)
    before = count_documents(db)
    ingest.send_signal(signal.SIGINT)
    _, err = ingest.communicate(timeout=120)
    assert ingest.returncode == 130, err
    assert "Traceback" not in err
    found = re.search(r"interrupted: analysed (\d+) \(added (\d+), updated 0, unchanged 0\)", err)
    assert found, err
    state = check_store(db)
    assert state["integrity"] == ["ok"] and not state["foreign_keys"] and not state["torn"]
    assert len(state["ids"]) >= before  # nothing stored before the interrupt is lost
    assert int(found.group(2)) == len(state["ids"]) < 40  # the summary tells what is stored
    again = run("ingest", tmp_path / "in", "--db", db, cwd=tmp_path)
    assert again.returncode == 0 and f"added {40 - len(state['ids'])}, updated 0" in again.stderr, again.stderr
