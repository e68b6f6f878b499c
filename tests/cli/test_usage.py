"""Usage mistakes through the real entry point: one line, the documented exit code, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import selon
from selon.errors import UsageError
from selon.store import Store

SRC = Path(__file__).resolve().parents[2] / "src"


def _selon(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m selon ARGS`` (the console script's ``selon.cli.main:run``), as a user runs it."""
    env = dict(os.environ, PYTHONPATH=str(SRC), COLUMNS="100")
    return subprocess.run(
        [sys.executable, "-m", "selon", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


USAGE = UsageError.exit_code

# (arguments, exit code, what the one line says)
CASES = [
    (["analyze"], USAGE, "Missing argument"),
    (["claims", "--format", "xml"], USAGE, "'xml'"),
    (["claims", "--limit", "abc"], USAGE, "--limit"),
    (["frobnicate"], USAGE, "No such command 'frobnicate'"),
    (["ingest", "--frob"], USAGE, "--frob"),
    (["--version"], 0, f"selon {selon.__version__}"),
    (["export", "--format", "parquet"], 0, "to claims.parquet"),  # the README's form: --output defaults
]


@pytest.mark.parametrize(("args", "code", "says"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_usage_is_one_line_and_its_exit_code(tmp_path: Path, args: list[str], code: int, says: str) -> None:
    Store(tmp_path / "selon.db").close()  # the default store, so that only the arguments are at fault
    done = _selon(args, tmp_path)
    assert done.returncode == code, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr + done.stdout
    said = done.stdout if args == ["--version"] else done.stderr
    lines = [line for line in said.splitlines() if line.strip()]
    assert len(lines) == 1, said
    assert says in lines[0]
    if code == USAGE:
        assert lines[0].startswith("error: ") and not done.stdout
    if args[0] == "export":
        assert (tmp_path / "claims.parquet").stat().st_size > 0
