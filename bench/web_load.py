"""A bounded load test of `selon serve` on 127.0.0.1 while `selon ingest` writes into the same store.

Starts the server over ``--db`` (its corpus refresh on, so the new documents are taken in while it
serves), starts an ingest of ``--ingest`` (a JSON Lines file) into the same store, and has
``--clients`` threads request a mix of pages and API calls, each as fast as it is answered, until
``--seconds`` have passed or ``--max-requests`` were sent. Only 127.0.0.1 is ever contacted. JSON on
stdout: requests per second, median and p95 wall time, errors (any status >= 500, or no answer),
documents the ingest added meanwhile.

    .venv/bin/python bench/web_load.py --db /tmp/web.db --ingest /tmp/extra.jsonl --out bench/results/load.json
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from web import emit, fetch, free_port, percentile, start_server, stop_server, urls


def count_documents(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--ingest", type=Path, required=True, help="JSON Lines file ingested during the test")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    plan = urls(args.db, 40, 11)
    paths = [p for kind in plan.values() for p in kind]
    before = count_documents(args.db)
    port = free_port()
    server = start_server(args.db, port, refresh="5")
    selon = Path(sys.executable).with_name("selon")
    ingest = subprocess.Popen(
        [str(selon), "ingest", str(args.ingest), "--db", str(args.db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    lock = threading.Lock()
    walls: list[float] = []
    errors: list[str] = []
    sent = 0
    deadline = time.monotonic() + args.seconds
    base = f"http://127.0.0.1:{port}"

    def client(seed: int) -> None:
        nonlocal sent
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            with lock:
                if sent >= args.max_requests:
                    return
                sent += 1
            path = rng.choice(paths)
            try:
                status, _, wall = fetch(base + path)
            except Exception as exc:  # no answer at all counts as an error
                with lock:
                    errors.append(f"{path}: {exc}")
                continue
            with lock:
                walls.append(wall)
                if status >= 500:
                    errors.append(f"{path}: {status}")

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        elapsed = time.monotonic() - started
        if ingest.poll() is None:
            os.killpg(ingest.pid, signal.SIGINT)
            ingest.wait(timeout=60)
        stop_server(server)
    report = {
        "store": str(args.db),
        "documents_before": before,
        "documents_added_during_the_test": count_documents(args.db) - before,
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "requests": sent,
        "answered": len(walls),
        "requests_per_second": round(len(walls) / elapsed, 1),
        "wall_median_ms": round(statistics.median(walls), 1) if walls else None,
        "wall_p95_ms": round(percentile(walls, 0.95), 1) if walls else None,
        "errors": len(errors),
        "error_examples": errors[:5],
    }
    emit(report, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
