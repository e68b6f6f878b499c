"""The hostile corpus (tests/fixtures/hostile): inputs that once failed, and the classic ones, through every path.

Each file goes through ``selon analyze``, ``selon ingest`` (the store must stay sound) and, for JSON Lines,
the reader itself. A case that still fails is listed in KNOWN_FAILURES with where it breaks: it is a strict
xfail, so it turns red the day it is fixed, as a reminder to move it out of the list.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from fuzzing import check_article, run_cli

from helpers import FIXTURES
from selon.ingest import RawDocument, Skipped, iter_documents
from selon.model import Article

pytestmark = [pytest.mark.fuzz, pytest.mark.slow]
HOSTILE = FIXTURES / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_file() and not p.name.startswith("."))

#: (path, file) -> why it fails today; path is "analyze", "ingest" or "reader". Empty: every case passes.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}

#: Files whose outcome is the point of the case: the exit code `selon analyze` must give.
EXPECTED_CODE = {
    "empty.txt": 3,
    "only-whitespace.txt": 3,
    "bom-only.txt": 3,
    "nul-byte.txt": 3,
    "control-characters.txt": 3,
    "utf16-bom.txt": 0,
    "html-only-script.html": 3,
    "jsonl-mixed.jsonl": 0,
}


def _cases(path: str) -> list:
    names = [n for n in CASES if path != "reader" or n.endswith(".jsonl")]
    return [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[(path, n)]))
        if (path, n) in KNOWN_FAILURES
        else n
        for n in names
    ]


def test_the_corpus_holds_the_classics() -> None:
    assert len(CASES) >= 20
    assert (HOSTILE / "empty.txt").stat().st_size == 0
    assert len((HOSTILE / "one-line-200k.txt").read_bytes().splitlines()) == 1
    assert (HOSTILE / "one-line-200k.txt").stat().st_size >= 200_000


@pytest.mark.parametrize("name", _cases("analyze"))
def test_analyze(name: str, capsys: pytest.CaptureFixture[str], nlp_fr, nlp_en) -> None:
    code, out, err = run_cli(["analyze", str(HOSTILE / name)], b"", capsys)
    for line in out.splitlines():
        check_article(Article.model_validate_json(line))
    if name in EXPECTED_CODE:
        assert code == EXPECTED_CODE[name], err


@pytest.mark.parametrize("name", _cases("ingest"))
def test_ingest(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], nlp_fr, nlp_en) -> None:
    db = tmp_path / "store.db"
    code, _, _ = run_cli(["ingest", str(HOSTILE / name), "--db", str(db)], b"", capsys)
    if db.exists():
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        assert (code == 0) == (stored > 0)


@pytest.mark.parametrize("name", _cases("reader"))
def test_reader(name: str, settings) -> None:
    """One answer per line of the file (lines end at a newline only), a document only from a record with a body."""
    lines = [line for line in (HOSTILE / name).read_bytes().split(b"\n") if line.strip()]
    items = list(iter_documents([HOSTILE / name], settings))
    assert len(items) == len(lines), [getattr(i, "reason", i) for i in items]
    for line, item in zip(lines, items):
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            record = None
        has_body = isinstance(record, dict) and any(
            isinstance(record.get(k), str) and record[k].strip() for k in ("text", "html")
        )
        if isinstance(item, RawDocument):
            assert has_body and isinstance(record, dict)
            if isinstance(record.get("text"), str) and not record.get("html"):
                assert item.text == re.sub("[\ud800-\udfff]", "\ufffd", record["text"])
        else:
            assert isinstance(item, Skipped) and item.reason.strip()
