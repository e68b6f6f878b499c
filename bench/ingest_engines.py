"""Ingest throughput into each store engine with 1 and 2 workers: documents and claims per second.

The same JSON Lines sample is ingested by ``selon ingest --workers N --db TARGET`` (a fresh SQLite
file, or a fresh PostgreSQL database on the server of ``--postgres``), each run in its own process;
analysis dominates, so this shows whether the store's writes ever become the bottleneck.

    .venv/bin/python bench/web_corpus.py --out /tmp/web.jsonl          # PolNeAR + French Wikinews
    head -n 200 /tmp/web.jsonl > /tmp/sample.jsonl
    .venv/bin/python bench/ingest_engines.py /tmp/sample.jsonl [--postgres URL] --out bench/results/ingest.json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus import postgres_target, write_report
from selon.store import Store
from selon.store.sql import fetch_value


def ingest(sample: Path, target: str, workers: int) -> dict[str, Any]:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "selon", "ingest", str(sample), "--db", target, "--workers", str(workers)],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    with Store(target) as store:
        docs = int(fetch_value(store.conn, "SELECT COUNT(*) FROM documents"))
        claims = int(fetch_value(store.conn, "SELECT COUNT(*) FROM claims"))
    return {
        "workers": workers,
        "seconds": round(seconds, 1),
        "documents": docs,
        "claims": claims,
        "documents_per_s": round(docs / seconds, 2),
        "claims_per_s": round(claims / seconds, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", type=Path)
    parser.add_argument("--postgres", default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for engine in ["sqlite"] + (["postgresql"] if args.postgres else []):
            for workers in (1, 2):
                if engine == "sqlite":
                    target, drop = str(Path(tmp) / f"ingest-{workers}.db"), (lambda: None)
                else:
                    target, drop = postgres_target(args.postgres)
                try:
                    run = {"engine": engine, **ingest(args.sample, target, workers)}
                finally:
                    drop()
                print(json.dumps(run), file=sys.stderr)
                runs.append(run)
    write_report({"sample": str(args.sample), "runs": runs}, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
