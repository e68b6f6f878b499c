"""Throughput at volume: `selon ingest --workers 1|2` and `selon spark` on local[1]|local[2], beside the raw
spaCy parse of the same texts, on a sample of the OrangeSum crawl (French, WARC) and on PolNeAR dev
(English, JSON Lines).

What it answers: articles and words per second per core, how close two workers come to twice one
(target 1.8), and what Spark costs over the plain pipeline (target at most 15%). Each configuration runs
as its own process, as a user runs it, timed by the wall clock and by the CPU time of the process and
all its workers (``RUSAGE_CHILDREN``): on a machine shared with others the wall clock measures the
neighbours too, so the load average before and after each run is in the report.

    .venv/bin/python bench/volume.py [--pages 120] [--repeat 1] [--skip-spark] [--out FILE]

JSON goes to stdout (or ``--out``), a table to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SELON = [sys.executable, "-m", "selon"]
TARGET_SCALING = 1.8
TARGET_SPARK_OVERHEAD = 0.15


def sample_warc(source: Path, pages: int, target: Path) -> int:
    """The first ``pages`` HTML responses of ``source`` copied, byte for byte, into ``target``."""
    from warcio.archiveiterator import ArchiveIterator

    spans: list[tuple[int, int]] = []
    with source.open("rb") as fh:
        records = ArchiveIterator(fh)
        for record in records:
            if record.rec_type == "response":
                records.read_to_end()
                spans.append((records.get_record_offset(), records.get_record_length()))
                if len(spans) >= pages:
                    break
    with source.open("rb") as fh, target.open("wb") as out:
        for offset, length in spans:
            fh.seek(offset)
            out.write(fh.read(length))
    return len(spans)


def polnear_jsonl(target: Path) -> int:
    """PolNeAR dev's articles as JSON Lines (English forced: they are all English)."""
    paths = sorted((SHARED / "polnear" / "dev" / "text").glob("*.txt"))
    with target.open("w", encoding="utf-8") as out:
        for path in paths:
            record = {"id": path.stem, "text": path.read_text(encoding="utf-8"), "language": "en"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(paths)


def texts_of(path: Path) -> list[tuple[str, str]]:
    """(language, text) of each document selon reads from ``path``, for the raw parse and the word count."""
    from selon.engine import resolve_language
    from selon.ingest import RawDocument, iter_documents
    from selon.settings import load_settings

    settings = load_settings()
    out = []
    for item in iter_documents([path], settings):
        if isinstance(item, RawDocument):
            try:
                out.append((resolve_language(item, settings), item.text))
            except Exception:
                continue
    return out


def raw_parse(texts: list[tuple[str, str]]) -> dict[str, Any]:
    """The bare spaCy model over the texts, in this process: the floor selon's stages add to."""
    import spacy

    from selon.settings import load_settings

    settings = load_settings()
    cpu = wall = 0.0
    for language in sorted({lang for lang, _ in texts}):
        nlp = spacy.load(settings.models_for(language)[0])
        batch = [t for lang, t in texts if lang == language]
        list(nlp.pipe(batch[:2]))  # warm up
        c0, w0 = time.process_time(), time.perf_counter()
        for _ in nlp.pipe(batch, batch_size=settings.analysis_batch_size):
            pass
        cpu += time.process_time() - c0
        wall += time.perf_counter() - w0
    return {"cpu_seconds": cpu, "wall_seconds": wall}


def timed(command: list[str]) -> dict[str, Any]:
    """One run of ``command``: wall and CPU seconds (its own and its workers'), peak memory, load."""
    load = os.getloadavg()[0]
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, text=True)
        _, status, usage = os.wait4(process.pid, 0)  # this run's own usage, its workers included
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read()
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed ({process.returncode}): {stderr[-2000:]}")
    return {
        "wall_seconds": wall,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb_largest_process": usage.ru_maxrss / 1024,
        "load_before": load,
        "load_after": os.getloadavg()[0],
        "summary": [line for line in stderr.splitlines() if line.startswith(("analysed", "spark run"))][-1:],
    }


def runs(make: Any, repeat: int) -> dict[str, Any]:
    """``repeat`` runs of one configuration and their medians."""
    results = [timed(make(i)) for i in range(repeat)]
    median = {k: statistics.median(r[k] for r in results) for k in ("wall_seconds", "cpu_seconds")}
    return {
        **median,
        "peak_rss_mb_largest_process": max(r["peak_rss_mb_largest_process"] for r in results),
        "runs": results,
    }


def rates(result: dict[str, Any], articles: int, words: int, cores: int) -> dict[str, Any]:
    """Articles and words per second: per CPU second (one core's work), and per wall second per core."""
    cpu, wall = result["cpu_seconds"], result["wall_seconds"]
    return {
        **{k: v for k, v in result.items() if k != "runs"},
        "cores": cores,
        "articles_per_cpu_second": articles / cpu if cpu else None,
        "words_per_cpu_second": words / cpu if cpu else None,
        "articles_per_wall_second": articles / wall,
        "articles_per_wall_second_per_core": articles / wall / cores,
        "words_per_wall_second_per_core": words / wall / cores,
        "runs": result["runs"],
    }


def bench_corpus(name: str, path: Path, repeat: int, spark: bool, work: Path) -> dict[str, Any]:
    texts = texts_of(path)
    articles, words = len(texts), sum(len(t.split()) for _, t in texts)
    report: dict[str, Any] = {"input": str(path), "articles": articles, "words": words}
    report["raw_spacy"] = rates({**raw_parse(texts), "runs": []}, articles, words, 1)
    for n in (1, 2):
        report[f"ingest_workers_{n}"] = rates(
            runs(
                lambda i, n=n: [
                    *SELON,
                    "ingest",
                    str(path),
                    "--workers",
                    str(n),
                    "--db",
                    str(work / f"{name}-w{n}-{i}.db"),
                ],
                repeat,
            ),
            articles,
            words,
            n,
        )
    if spark:
        for n in (1, 2):
            report[f"spark_local_{n}"] = rates(
                runs(
                    lambda i, n=n: [
                        *SELON,
                        "spark",
                        str(path),
                        "--output",
                        str(work / f"{name}-s{n}-{i}"),
                        "--master",
                        f"local[{n}]",
                        "--split",
                        str(n),
                    ],
                    repeat,
                ),
                articles,
                words,
                n,
            )
    one, two = report["ingest_workers_1"], report["ingest_workers_2"]
    report["scaling_1_to_2_wall"] = one["wall_seconds"] / two["wall_seconds"]
    report["scaling_1_to_2_cpu_efficiency"] = one["cpu_seconds"] / two["cpu_seconds"]
    report["selon_over_raw_cpu"] = report["raw_spacy"]["cpu_seconds"] / one["cpu_seconds"]
    if spark:
        for n in (1, 2):
            plain, job = report[f"ingest_workers_{n}"], report[f"spark_local_{n}"]
            report[f"spark_overhead_local_{n}_wall"] = job["wall_seconds"] / plain["wall_seconds"] - 1
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120, help="OrangeSum pages in the sample")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--skip-spark", action="store_true")
    parser.add_argument("--corpus", choices=["orangesum", "polnear", "all"], default="all")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    spark = not args.skip_spark and shutil.which("java") is not None
    work = Path(tempfile.mkdtemp(prefix="selon-volume-"))
    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "cpu": _cpu(),
        "cores_available": len(os.sched_getaffinity(0)),
        "load_at_start": os.getloadavg(),
        "targets": {"scaling_1_to_2": TARGET_SCALING, "spark_overhead": TARGET_SPARK_OVERHEAD},
        "corpora": {},
    }
    try:
        if args.corpus in ("orangesum", "all"):
            warc = SHARED / "orangesum" / "orangesum-0-2000.warc.gz"
            if warc.exists():
                sample = work / f"orangesum-{args.pages}.warc.gz"
                sample_warc(warc, args.pages, sample)
                report["corpora"]["orangesum"] = bench_corpus("orangesum", sample, args.repeat, spark, work)
        if args.corpus in ("polnear", "all") and (SHARED / "polnear").exists():
            jsonl = work / "polnear-dev.jsonl"
            polnear_jsonl(jsonl)
            report["corpora"]["polnear"] = bench_corpus("polnear", jsonl, args.repeat, spark, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report["load_at_end"] = os.getloadavg()
    text = json.dumps(report, indent=2)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    _table(report)
    return 0


def _cpu() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []:
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def _table(report: dict[str, Any]) -> None:
    for name, corpus in report["corpora"].items():
        print(f"{name}: {corpus['articles']} articles, {corpus['words']} words", file=sys.stderr)
        for key, value in corpus.items():
            if isinstance(value, dict) and "wall_seconds" in value:
                print(
                    f"  {key:18} wall {value['wall_seconds']:7.1f} s  cpu {value['cpu_seconds']:7.1f} s  "
                    f"{value['articles_per_wall_second']:5.2f} art/s  "
                    f"{value['words_per_cpu_second'] or 0:7.0f} words/cpu-s  "
                    f"peak {value.get('peak_rss_mb_largest_process', 0):6.0f} MB",
                    file=sys.stderr,
                )
        for key in (
            "scaling_1_to_2_wall",
            "scaling_1_to_2_cpu_efficiency",
            "selon_over_raw_cpu",
            "spark_overhead_local_1_wall",
            "spark_overhead_local_2_wall",
        ):
            if key in corpus:
                print(f"  {key}: {corpus[key]:.3f}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
