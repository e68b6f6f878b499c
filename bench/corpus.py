"""Corpus update cost: time, claims per second and per CPU-second, peak memory, by corpus size and engine.

Analysed documents are read from one or more source stores (made once with ``selon ingest``;
analysis is not measured here), taken in publication order, a round-robin across the sources,
until a size in claims is reached; each size is copied into a fresh store of each engine and
brought up to date by one ``Corpus.update`` in a child process, so that its peak memory is its
own. Then the same store takes a second update with 10 % more documents: the incremental cost.

    .venv/bin/selon ingest polnear.jsonl --db /tmp/polnear.db --workers 2
    .venv/bin/selon ingest ../shared/data/orangesum/orangesum-0-2000.warc.gz --db /tmp/orangesum.db --workers 2
    .venv/bin/python bench/corpus.py --source /tmp/polnear.db --source /tmp/orangesum.db \\
        --sizes 2000 10000 50000 [--postgres postgresql://...] --out bench/results/corpus.json

Claims per CPU-second (user + system time of the update, the encoder's threads included) is the
per-core throughput; claims per second is the wall-clock one on this machine.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import platform
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from queue import Empty
from typing import Any

from selon.model import Article
from selon.store import Store
from selon.store.sql import fetch_all


def pick(sources: list[str], size: int) -> list[tuple[str, str]]:
    """(source store, document id) in publication order, round-robin over the sources, until ``size`` claims."""
    queues = []
    for src in sources:
        with Store(src) as store:
            rows = fetch_all(
                store.conn,
                "SELECT d.id, COUNT(c.claim_id) FROM documents d LEFT JOIN claims c ON c.doc_id = d.id "
                "GROUP BY d.id ORDER BY d.published, d.id",
            )
        queues.append([(src, doc, n) for doc, n in rows])
    out: list[tuple[str, str]] = []
    total, k = 0, 0
    while total < size and any(queues):
        q = queues[k % len(queues)]
        k += 1
        if q:
            src, doc, n = q.pop(0)
            out.append((src, doc))
            total += n
    return out


def copy(docs: list[tuple[str, str]], target: str) -> int:
    """Save the documents' analyses into ``target``; the number of claims."""
    claims = 0
    opened: dict[str, Store] = {}
    with Store(target) as store:
        for src, doc in docs:
            source = opened.setdefault(src, Store(src))
            found = source.get_version(doc)
            if found is not None:
                article: Article = found[0]
                store.save(article)
                claims += len(article.claims)
    for s in opened.values():
        s.close()
    return claims


class TimedEncoder:
    """The default encoder, timing its calls: the rest of the update is what grows with the corpus alone."""

    def __init__(self) -> None:
        from selon.corpus.embed import default_embedder

        self.seconds = 0.0
        self.words = 0
        self._inner = default_embedder()
        self.name = self._inner.name

    def encode(self, texts: Sequence[str]) -> Any:
        started = time.perf_counter()
        out = self._inner.encode(texts)
        self.seconds += time.perf_counter() - started
        self.words += sum(len(t.split()) for t in texts)
        return out


def _update(target: str, queue: Any) -> None:
    from selon.corpus import Corpus

    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    encoder = TimedEncoder()  # loads the model, as an update does
    with Corpus(target, embedder=encoder) as corpus:
        report = corpus.update()
        stats = corpus.stats()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    queue.put(
        {
            "seconds": round(wall, 2),
            "cpu_seconds": round(cpu, 2),
            "peak_rss_mb": round(after.ru_maxrss / 1024, 1),
            "claims_taken_in": report.claims,
            "claims_clustered": report.clustered,
            "clusters_of_2_or_more_articles": stats.get("clusters_2_articles"),
            "copy_pairs": stats.get("near_duplicate_pairs"),
            "translation_pairs": stats.get("translation_pairs"),
            "encoded_claims": stats.get("encoded_claims"),
            "texts_encoded": report.encoded,
            "words_encoded": encoder.words,
            "encoder_seconds": round(encoder.seconds, 2),
            "other_ms_per_claim": round(1000 * (wall - encoder.seconds) / max(report.claims, 1), 3),
        }
    )


def timed_update(target: str) -> dict[str, Any]:
    """One corpus update of ``target`` in a child process (fork: the models load there, as for a user)."""
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_update, args=(target, queue))
    proc.start()
    while True:  # a child that dies (an exception, the OOM killer) puts nothing: do not wait for ever
        try:
            result: dict[str, Any] = queue.get(timeout=5)
            break
        except Empty:
            if not proc.is_alive():
                failed = f"the corpus update of {target} failed (exit code {proc.exitcode}): see above"
                raise RuntimeError(failed) from None
    proc.join()
    return result


def postgres_target(admin_url: str) -> tuple[str, Any]:
    """A fresh database on the server of ``admin_url``; returns its URL and a function dropping it."""
    import psycopg

    name = f"selon_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, query = admin_url.partition("?")
    url = base.rsplit("/", 1)[0] + "/" + name + ("?" + query if query else "")

    def drop() -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url, drop


def run_size(
    sources: list[str], size: int, engine: str, admin_url: str | None, tmp: Path, keep: Path | None = None
) -> dict[str, Any]:
    docs = pick(sources, int(size * 1.1))
    first = docs[: int(len(docs) / 1.1)]
    if engine == "postgresql":
        assert admin_url
        target, drop = postgres_target(admin_url)
    else:
        target, drop = str(keep or tmp / f"corpus-{size}.db"), (lambda: None)
    try:
        claims = copy(first, target)
        full = timed_update(target)
        more = copy(docs[len(first) :], target)
        incremental = timed_update(target)
    finally:
        drop()
    return {
        "engine": engine,
        "size_asked": size,
        "documents": len(first),
        "claims": claims,
        "update": {
            **full,
            "claims_per_s": round(claims / full["seconds"], 1),
            "claims_per_cpu_s": round(claims / full["cpu_seconds"], 1),
        },
        "incremental": {
            **incremental,
            "documents_added": len(docs) - len(first),
            "claims_added": more,
            "claims_per_s": round(more / max(incremental["seconds"], 1e-9), 1),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", action="append", required=True, help="an analysed store (repeatable)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000, 50000])
    parser.add_argument("--postgres", default=None, help="admin URL of a PostgreSQL server (also measures it)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="keep the SQLite store of the largest size here")
    args = parser.parse_args(argv)
    engines = ["sqlite"] + (["postgresql"] if args.postgres else [])
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            for engine in engines:
                keep = args.keep if size == max(args.sizes) else None
                result = run_size(args.source, size, engine, args.postgres, Path(tmp), keep)
                print(json.dumps(result), file=sys.stderr)
                runs.append(result)
    write_report({"machine": {"cores": mp.cpu_count(), "python": platform.python_version()}, "runs": runs}, args.out)
    return 0


def write_report(report: dict[str, Any], out: Path | None) -> None:
    """The JSON report on stdout, and in ``out`` when given."""
    text = json.dumps(report, indent=2)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
