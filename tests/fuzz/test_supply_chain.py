"""The locks setup.sh installs with --require-hashes: every pin exact and hashed, the declared dependencies covered."""

from __future__ import annotations

import re
import tomllib

import pytest

from helpers import ROOT

LOCKS = [
    "requirements-build.lock",
    "requirements.lock",
    "requirements-dev.lock",
    "requirements-spark.lock",
    "requirements-models.txt",
]
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: str) -> dict[str, list[str]]:
    """name -> the sha256 hashes of its pin, from a lock with backslash-continued lines."""
    text = (ROOT / lock).read_text(encoding="utf-8").replace("\\\n", " ")
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = _PIN.match(line)
        assert match, f"{lock}: {line[:60]!r} is not an exact pin (name==version)"
        name = _norm(match.group(1))
        assert name not in found, f"{lock}: {name} is pinned twice"
        found[name] = re.findall(r"--hash=sha256:([0-9a-f]{64})\b", line)
    return found


@pytest.mark.parametrize("lock", LOCKS)
def test_every_pin_has_its_hashes(lock: str) -> None:
    unhashed = [name for name, hashes in pins(lock).items() if not hashes]
    assert not unhashed, f"{lock}: no --hash for {unhashed}; run scripts/lock_hashes.py {lock}"


def test_no_package_is_pinned_in_two_locks() -> None:
    seen: dict[str, str] = {}
    for lock in LOCKS:
        for name in pins(lock):
            assert name not in seen, f"{name} is pinned in {seen.get(name)} and {lock}"
            seen[name] = lock


def test_declared_dependencies_are_locked() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    locked = set().union(*(pins(lock) for lock in LOCKS))

    def names(reqs: list[str]) -> set[str]:
        return {_norm(re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0]) for r in reqs}

    declared = names(project["dependencies"]) | names(
        [r for extra in project["optional-dependencies"].values() for r in extra]
    )
    assert declared <= locked, f"declared but not locked: {sorted(declared - locked)}"


def test_setup_installs_with_require_hashes() -> None:
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    installs = [line for line in setup.splitlines() if re.search(r"\$INSTALL .*-r requirements", line)]
    assert len(installs) == len(LOCKS) and 'INSTALL="$PIP install' in setup and "--require-hashes" in setup
    assert (
        "--no-build-isolation -e ." in setup and "||" not in setup.split("--no-build-isolation -e .")[1].split("\n")[0]
    )
