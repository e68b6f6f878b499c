"""Bad input through the command line: one clear line, a non-zero exit, never a traceback or a broken store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from selon.cli.main import main

GERMAN = (
    "Der Bundeskanzler sagte am Montag in Berlin, dass die Regierung die umstrittene Reform "
    "nicht weiter verfolgen werde. Die Opposition begrüßte die Entscheidung."
)
NAV_ONLY = "<html><body><nav><a href='/'>Accueil</a> <a href='/a'>Contact</a></nav></body></html>"


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    files: dict[str, tuple[Path, str]] = {}

    def put(name: str, data: bytes, expect: str) -> None:
        path = tmp / name
        path.write_bytes(data)
        files[name] = (path, expect)

    put("empty.txt", b"", "is empty")
    put("binary.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 64, "is not text")
    put("invalid.txt", b"\xff\xfe\xfd\xfc" * 40 + b"\x00\x81\x82", "is not text")
    put("nav.html", NAV_ONLY.encode(), "no article text")
    put("german.txt", GERMAN.encode(), "'de' is not analysed")
    big = tmp / "big.txt"
    with big.open("wb") as handle:
        handle.seek(50 * 1024 * 1024)
        handle.write(b".")
    files["big.txt"] = (big, "too large")
    return files


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "invalid.txt", "nav.html", "german.txt", "big.txt"])
def test_single_bad_input_is_one_line_and_nonzero(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, expect = _bad_inputs(tmp_path)[name]
    code = main(["analyze", str(path)])
    captured = capsys.readouterr()
    assert code != 0
    assert captured.out == ""
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and expect in lines[0], captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "german.txt", "big.txt"])
def test_bad_input_never_writes_a_document(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = _bad_inputs(tmp_path)[name]
    db = tmp_path / "store.db"
    assert main(["ingest", str(path), "--db", str(db)]) != 0
    if db.exists():
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
    assert "Traceback" not in capsys.readouterr().err


def test_unknown_command_and_missing_db_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "--db", str(tmp_path / "none.db")]) != 0
    err = capsys.readouterr().err
    assert "does not exist" in err and "selon ingest" in err and "Traceback" not in err


def test_bad_config_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "bad.cfg"
    cfg.write_text("[ingest]\nmax_bytes = lots\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("Selon le ministre, la réforme serait abandonnée.", encoding="utf-8")
    assert main(["analyze", str(text), "--config", str(cfg)]) != 0
    err = capsys.readouterr().err
    assert "max_bytes" in err and "Traceback" not in err
