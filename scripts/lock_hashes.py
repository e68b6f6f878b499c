"""Write the sha256 of every file the package index offers for our platforms beside each pin of a lock file.

`scripts/setup.sh` installs with ``--require-hashes``: a pin without its hashes, or a file whose
hash changed on the index, stops the install instead of running unknown code. Run this after
changing a version in a lock (``.venv/bin/python scripts/lock_hashes.py requirements.lock``); it
keeps comments and order, reads the index's simple API (PEP 691 JSON) and adds, per pin, the
wheels for CPython 3.11 and 3.12 on x86_64 Linux (manylinux) plus pure-Python wheels; the source
archive only when no such wheel exists.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import urllib.request
from pathlib import Path

from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import Version


def index_url() -> str:
    """The index pip installs from: $PIP_INDEX_URL, else pip's default (the public index)."""
    from pip._internal.models.index import PyPI  # pip's own constant, so the default lives in one place

    return os.environ.get("PIP_INDEX_URL", PyPI.simple_url).rstrip("/")


PYTHONS = ((3, 11), (3, 12))
_GLIBC_MINORS = range(5, 40)
PLATFORMS = [f"manylinux_2_{m}_x86_64" for m in _GLIBC_MINORS] + [
    "manylinux2014_x86_64",
    "manylinux2010_x86_64",
    "manylinux1_x86_64",
    "linux_x86_64",
]
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)")


def supported_tags() -> set[Tag]:
    """Every wheel tag an x86_64 Linux CPython 3.11 or 3.12 accepts."""
    tags: set[Tag] = set()
    for version in PYTHONS:
        tags.update(cpython_tags(version, platforms=PLATFORMS))
        tags.update(compatible_tags(version, platforms=PLATFORMS))
    return tags


def index_files(name: str) -> list[dict]:
    """The files the index lists for project ``name`` (PEP 691 JSON)."""
    request = urllib.request.Request(
        f"{index_url()}/{canonicalize_name(name)}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["files"]


def hashes_for(name: str, version: str, tags: set[Tag]) -> list[str]:
    """The sha256 of each file of ``name==version`` that installs here (wheels first, else the sdist)."""
    wheels: list[str] = []
    sdists: list[str] = []
    for entry in index_files(name):
        filename, digest = entry["filename"], entry.get("hashes", {}).get("sha256")
        if not digest or entry.get("yanked"):
            continue
        if filename.endswith(".whl"):
            try:
                _, wheel_version, _, wheel_tags = parse_wheel_filename(filename)
            except InvalidWheelFilename:
                continue  # an old upload with a name pip would not install either
            if wheel_version == Version(version) and wheel_tags & tags:
                wheels.append(digest)
        elif filename.endswith((".tar.gz", ".zip")) and f"-{version}." in filename:
            sdists.append(digest)
    found = sorted(set(wheels or sdists))
    if not found:
        raise SystemExit(f"lock_hashes: no file of {name}=={version} on the index installs on our platforms")
    return found


def rewrite(path: Path, tags: set[Tag]) -> int:
    """Rewrite ``path`` with the hashes of each pin; returns the number of pins."""
    out: list[str] = []
    pins = 0
    lines = iter(path.read_text(encoding="utf-8").splitlines())
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("--hash="):
            continue  # an old hash line: regenerated below
        match = _PIN.match(stripped)
        if not match:
            out.append(line)
            continue
        name, extras, version = match.group(1), match.group(2) or "", match.group(3)
        hashes = hashes_for(name, version, tags)
        out.append(f"{name}{extras}=={version} \\")
        out.extend(f"    --hash=sha256:{h}" + (" \\" if i < len(hashes) - 1 else "") for i, h in enumerate(hashes))
        pins += 1
        print(f"{path.name}: {name}=={version} ({len(hashes)} files)", file=sys.stderr)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return pins


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("locks", nargs="+", type=Path, help="lock files to rewrite in place")
    args = parser.parse_args(argv)
    tags = supported_tags()
    for lock in args.locks:
        print(f"{lock}: {rewrite(lock, tags)} pins hashed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
