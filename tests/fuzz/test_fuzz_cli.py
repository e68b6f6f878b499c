"""Every input path of the command line on generated files: a documented exit code, no traceback, a sound store."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
from fuzzing import check_article, hostile_text, run_cli, scaled
from hypothesis import given, settings
from hypothesis import strategies as st

from selon.model import Article

pytestmark = [pytest.mark.fuzz, pytest.mark.slow]
SUFFIXES = st.sampled_from([".txt", ".html", ".jsonl", ".md", ""])
_CONTENT = st.one_of(
    st.binary(max_size=300),
    hostile_text(max_pieces=10).map(lambda t: t.encode("utf-8")),
    st.just(b""),
)


def _inputs(tmp: Path, contents: list[bytes], suffixes: list[str], layout: str) -> list[str]:
    """The paths to pass: files, the folder holding them, stdin, or a path that does not exist."""
    folder = tmp / "in"
    folder.mkdir()
    files = []
    for i, (data, suffix) in enumerate(zip(contents, suffixes)):
        path = folder / f"doc{i}{suffix}"
        path.write_bytes(data)
        files.append(str(path))
    return {"files": files, "folder": [str(folder)], "stdin": ["-"], "missing": [str(tmp / "none.txt")]}[layout]


@settings(max_examples=scaled(40))
@given(
    contents=st.lists(_CONTENT, min_size=1, max_size=3),
    suffixes=st.lists(SUFFIXES, min_size=3, max_size=3),
    layout=st.sampled_from(["files", "files", "folder", "stdin", "missing"]),
    language=st.sampled_from([[], ["--language", "fr"], ["--language", "en"], ["--language", "xx"]]),
)
def test_analyze_any_input(contents, suffixes, layout, language, capsys, nlp_fr, nlp_en) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = _inputs(Path(tmp), contents, suffixes, layout)
        code, out, _ = run_cli(["analyze", *paths, *language], contents[0], capsys)
    for line in out.splitlines():
        article = Article.model_validate_json(line)
        check_article(article)
    assert (code == 0) == bool(out.strip()), "success prints articles, failure prints none"


@settings(max_examples=scaled(25))
@given(
    contents=st.lists(_CONTENT, min_size=1, max_size=3),
    suffixes=st.lists(SUFFIXES, min_size=3, max_size=3),
    layout=st.sampled_from(["files", "folder", "stdin", "missing"]),
    language=st.sampled_from([[], ["--language", "fr"]]),
)
def test_ingest_any_input_keeps_the_store_sound(contents, suffixes, layout, language, capsys, nlp_fr, nlp_en) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = _inputs(Path(tmp), contents, suffixes, layout)
        db = Path(tmp) / "store.db"
        code, _, _ = run_cli(["ingest", *paths, "--db", str(db), *language], contents[0], capsys)
        if db.exists():
            with sqlite3.connect(db) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                stored = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            assert (code == 0) == (stored > 0), "a store with documents means success, and only then"


def test_json_errors_are_one_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the guard on run_cli: a refused input is a documented code and, asked for, the one JSON error shape
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, _ = run_cli(["analyze", str(empty), "--format", "json"], b"", capsys)
    assert code == 3 and json.loads(out)["error"]["exit_code"] == 3
