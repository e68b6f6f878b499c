"""The fingerprint of what selon extracts: one hash over every claim, figure and entity.

A refactor that should change nothing is checked by running this before and after: the hashes
must be equal. It reads PolNeAR dev, the ten French pages and the founding example from
``../shared`` (or ``--shared DIR``), runs them through :func:`selon.analyze_documents` with a
fixed hash seed, and prints one SHA-256 per set and one for all. ``--dump DIR`` also writes each
document's claims, figures and entities as JSON, so that two runs can be diffed when they differ.

    .venv/bin/python scripts/output_hash.py [--shared ../shared] [--dump /tmp/before] [--seed 0]

``--seed N`` runs under another ``PYTHONHASHSEED``: the hashes must not change (nothing may depend on
the iteration order of a set or dict of strings).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def _sets(shared: Path) -> dict[str, tuple[list[Path], str]]:
    """Each named set: its files and the language they are analysed in."""
    return {
        "polnear-dev": (sorted((shared / "data/polnear/dev/text").glob("*.txt")), "en"),
        "fr-pages": (sorted((shared / "data/fr-pages").glob("*.html")), "fr"),
        "example": ([_ROOT / "examples/000_b08981ffb30c04a9.txt"], "fr"),
    }


def _fingerprint(files: list[Path], language: str, dump: Path | None) -> tuple[str, int]:
    import selon
    from selon.ingest import iter_documents
    from selon.settings import load_settings

    settings = load_settings()
    digest = hashlib.sha256()
    count = 0
    for item in selon.analyze_documents(iter_documents(files, settings), language=language, settings=settings):
        if not hasattr(item, "claims"):
            record = {"skipped": getattr(item, "origin", ""), "reason": getattr(item, "reason", "")}
            name = Path(str(record["skipped"])).stem
        else:
            record = {
                "id": item.id,
                "claims": [c.model_dump(mode="json") for c in item.claims],
                "quantities": [q.model_dump(mode="json") for q in item.quantities],
                "entities": [e.model_dump(mode="json") for e in item.entities],
            }
            name = item.id
            count += len(item.claims)
        line = json.dumps(record, sort_keys=True, ensure_ascii=False)
        digest.update(line.encode("utf-8") + b"\n")
        if dump is not None:
            (dump / f"{name}.json").write_text(json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False))
    return digest.hexdigest(), count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=_ROOT.parent / "shared")
    parser.add_argument("--dump", type=Path, default=None, help="write each document's output here as JSON")
    parser.add_argument("--seed", type=int, default=0, help="the PYTHONHASHSEED to run under (default 0)")
    args = parser.parse_args()
    if os.environ.get("PYTHONHASHSEED") != str(args.seed):  # sets and dicts of strings must not vary between runs
        env = dict(os.environ, PYTHONHASHSEED=str(args.seed))
        return subprocess.call([sys.executable, *sys.argv], env=env)
    if not (args.shared / "data/polnear/dev").exists():
        print(f"output_hash: no PolNeAR dev under {args.shared}; pass --shared DIR", file=sys.stderr)
        return 2
    overall = hashlib.sha256()
    for name, (files, language) in _sets(args.shared).items():
        dump = None
        if args.dump is not None:
            dump = args.dump / name
            dump.mkdir(parents=True, exist_ok=True)
        digest, claims = _fingerprint(files, language, dump)
        overall.update(f"{name}:{digest}\n".encode())
        print(f"{name:12} {len(files):3} documents {claims:5} claims  {digest}")
    print(f"{'all':12} {overall.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
