"""Speed of `selon serve` on a store: server time of the article page, the API document, lists and searches.

Starts ``selon serve`` on 127.0.0.1 over the store given, waits for it, then requests each kind of page
in turn (one at a time, so the figures are the server's, not a queue's) and reads the server's own
``Server-Timing`` header; the wall time seen by the client is kept beside it. JSON on stdout: per kind,
the median and p95 in milliseconds over ``--repeat`` rounds of ``--sample`` documents, and the
targets (article page and API document median < 100 ms, lists and searches p95 < 200 ms). A
measurement, not a test: nothing fails. Build a store first (``bench/web_corpus.py``)::

    .venv/bin/python bench/web.py --db /tmp/web.db --out bench/results/web.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

TARGETS = {"article_page": ("median", 100), "api_document": ("median", 100), "lists": ("p95", 200)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, refresh: str = "0") -> subprocess.Popen[bytes]:
    """`selon serve` in its own process group, read-only, its corpus refresh every ``refresh`` s (0: off).

    Returns once the server answers."""
    selon = Path(sys.executable).with_name("selon")
    env = {**os.environ, "SELON_SERVE_TOKEN": "", "SELON_SERVE_CORPUS_REFRESH_SECONDS": refresh}
    proc = subprocess.Popen(
        [str(selon), "serve", "--db", str(db), "--port", str(port)], env=env, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2).read()
            return proc
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    stop_server(proc)
    raise SystemExit("bench/web: the server did not start within 60 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def fetch(url: str) -> tuple[int, float, float]:
    """Status, server time (ms, from Server-Timing) and client wall time (ms) of one GET."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status, timing = response.status, response.headers.get("server-timing", "")
    except urllib.error.HTTPError as exc:
        exc.read()
        status, timing = exc.code, exc.headers.get("server-timing", "")
    wall = (time.perf_counter() - started) * 1000
    server = float(timing.split("dur=")[1]) if "dur=" in timing else wall
    return status, server, wall


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def urls(db: Path, sample: int, seed: int) -> dict[str, list[str]]:
    """The requests of each kind, from what the store holds (documents, words of titles, sources)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
    titles = [r[0] for r in conn.execute("SELECT title FROM documents WHERE title IS NOT NULL")]
    sources = [r[0] for r in conn.execute("SELECT DISTINCT source_name FROM claims WHERE source_name IS NOT NULL")]
    conn.close()
    rng = random.Random(seed)
    docs = rng.sample(ids, min(sample, len(ids)))
    words = [w for t in rng.sample(titles, min(sample, len(titles))) for w in t.split() if len(w) > 5][:sample]
    names = rng.sample(sources, min(10, len(sources)))
    q = urllib.parse.quote
    return {
        "article_page": [f"/documents/{q(d, safe='')}" for d in docs],
        "api_document": [f"/api/documents/{q(d, safe='')}" for d in docs],
        "lists": [
            *(f"/api/documents?q={q(w)}" for w in words[:10]),
            *(f"/search?q={q(w)}" for w in words[10:20]),
            *(f"/api/claims?source={q(n)}" for n in names),
            "/api/documents",
            "/api/claims?certainty=hedged",
            "/api/facets",
            "/api/sources",
            "/api/clusters",
            "/api/conflicts",
            "/clusters",
            "/sources",
            "/search",
        ],
    }


def measure(base: str, plan: dict[str, list[str]], repeat: int) -> dict[str, dict[str, float | int]]:
    """Medians and p95 of server and wall time per kind; errors counted."""
    for path in {p for paths in plan.values() for p in paths}:  # one warm-up pass (caches, first imports)
        fetch(base + path)
    out: dict[str, dict[str, float | int]] = {}
    for kind, paths in plan.items():
        server: list[float] = []
        wall: list[float] = []
        errors = 0
        for _ in range(repeat):
            for path in paths:
                status, s, w = fetch(base + path)
                errors += status >= 500
                server.append(s)
                wall.append(w)
        out[kind] = {
            "requests": len(server),
            "errors": errors,
            "server_median_ms": round(statistics.median(server), 1),
            "server_p95_ms": round(percentile(server, 0.95), 1),
            "wall_median_ms": round(statistics.median(wall), 1),
            "wall_p95_ms": round(percentile(wall, 0.95), 1),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--sample", type=int, default=40, help="documents (and title words) sampled")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    tables = ("documents", "claims", "corpus_clusters")
    size = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    conn.close()
    plan = urls(args.db, args.sample, args.seed)
    port = free_port()
    proc = start_server(args.db, port)
    try:
        results = measure(f"http://127.0.0.1:{port}", plan, args.repeat)
    finally:
        stop_server(proc)
    report = {
        "store": {"path": str(args.db), **size},
        "protocol": f"sequential GETs on 127.0.0.1, one warm-up pass, {args.repeat} rounds",
        "results": results,
        "targets": {
            kind: {
                "statistic": stat,
                "limit_ms": limit,
                "server_ms": results[kind][f"server_{stat}_ms"],
                "met": results[kind][f"server_{stat}_ms"] < limit,
            }
            for kind, (stat, limit) in TARGETS.items()
        },
    }
    emit(report, args.out)
    return 0


def emit(report: dict, out: Path | None) -> None:
    """The JSON report on stdout, and in ``out`` when given."""
    text = json.dumps(report, indent=2)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
