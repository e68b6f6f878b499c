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
    import spacy.util

    from selon.settings import load_settings

    settings = load_settings()
    cpu = wall = 0.0
    for language in sorted({lang for lang, _ in texts}):
        name = next(n for n in settings.models_for(language) if spacy.util.is_package(n))  # as selon picks it
        nlp = spacy.load(name)
        batch = [t for lang, t in texts if lang == language]
        list(nlp.pipe(batch[:2]))  # warm up
        c0, w0 = time.process_time(), time.perf_counter()
        for _ in nlp.pipe(batch, batch_size=settings.analysis_batch_size):
            pass
        cpu += time.process_time() - c0
        wall += time.perf_counter() - w0
    return {"cpu_seconds": cpu, "wall_seconds": wall}


class TreeUsage:
    """CPU seconds and peak memory of a process and every descendant, read from /proc every 0.2 s: a JVM
    and its Python workers are never waited for by the command, so ``wait4`` alone would miss them."""

    def __init__(self, root: int) -> None:
        import threading

        self.root = root
        self.cpu: dict[int, float] = {}
        self.peak_mb: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _tree(self) -> set[int]:
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry.name))
        found, todo = set(), [self.root]
        while todo:
            pid = todo.pop()
            found.add(pid)
            todo.extend(children.get(pid, []))
        return found

    def _poll(self) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        while not self.stop.wait(0.2):
            for pid in self._tree():
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    rss = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
                except (OSError, IndexError, ValueError):
                    continue
                self.cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
                self.peak_mb[pid] = max(self.peak_mb.get(pid, 0.0), rss)

    def close(self) -> tuple[float, float]:
        """CPU seconds of the whole tree and the peak RSS of its largest process (MB)."""
        self.stop.set()
        self.thread.join()
        return sum(self.cpu.values()), max(self.peak_mb.values(), default=0.0)


def timed(command: list[str]) -> dict[str, Any]:
    """One run of ``command``: wall and CPU seconds (its own and its workers'), peak memory, load."""
    load = os.getloadavg()[0]
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, text=True)
        tree = TreeUsage(process.pid)
        _, status, usage = os.wait4(process.pid, 0)  # this run's own usage, its waited-for workers included
        tree_cpu, tree_peak = tree.close()
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read()
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed ({process.returncode}): {stderr[-2000:]}")
    return {
        "wall_seconds": wall,
        "cpu_seconds": max(usage.ru_utime + usage.ru_stime, tree_cpu),
        "peak_rss_mb_largest_process": max(usage.ru_maxrss / 1024, tree_peak),
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


def rates(
    result: dict[str, Any], articles: int, words: int, cores: int, startup: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Articles and words per second: per CPU second (one core's work), and per wall second per core;
    with ``startup`` (the same command on one document), the fixed cost of starting is taken off first."""
    cpu, wall = result["cpu_seconds"], result["wall_seconds"]
    if startup is not None:
        cpu, wall = cpu - startup["cpu_seconds"], wall - startup["wall_seconds"]
    return {
        **{k: v for k, v in result.items() if k != "runs"},
        "startup_wall_seconds": startup["wall_seconds"] if startup else 0.0,
        "startup_cpu_seconds": startup["cpu_seconds"] if startup else 0.0,
        "steady_wall_seconds": wall,
        "steady_cpu_seconds": cpu,
        "cores": cores,
        "articles_per_cpu_second": articles / cpu if cpu else None,
        "words_per_cpu_second": words / cpu if cpu else None,
        "articles_per_wall_second": articles / wall,
        "articles_per_wall_second_per_core": articles / wall / cores,
        "words_per_wall_second_per_core": words / wall / cores,
        "runs": result["runs"],
    }


def _ingest(path: Path, n: int, db: Path) -> list[str]:
    return [*SELON, "ingest", str(path), "--workers", str(n), "--db", str(db)]


def _spark(path: Path, n: int, out: Path) -> list[str]:
    return [*SELON, "spark", str(path), "--output", str(out), "--master", f"local[{n}]", "--split", str(n)]


def bench_corpus(name: str, path: Path, one: Path, repeat: int, spark: bool, work: Path) -> dict[str, Any]:
    """Every configuration on ``path``, and on ``one`` (its first document) for the cost of starting."""
    texts = texts_of(path)
    articles, words = len(texts), sum(len(t.split()) for _, t in texts)
    report: dict[str, Any] = {"input": str(path), "articles": articles, "words": words}
    report["raw_spacy"] = rates({**raw_parse(texts), "runs": []}, articles, words, 1)
    kinds = {"ingest_workers": _ingest, **({"spark_local": _spark} if spark else {})}
    for kind, make in kinds.items():
        for n in (1, 2):
            start = runs(lambda i, n=n, make=make, kind=kind: make(one, n, work / f"{name}-{kind}{n}-one-{i}"), repeat)
            full = runs(lambda i, n=n, make=make, kind=kind: make(path, n, work / f"{name}-{kind}{n}-{i}"), repeat)
            report[f"{kind}_{n}"] = rates(full, articles, words, n, start)
    w1, w2 = report["ingest_workers_1"], report["ingest_workers_2"]
    report["scaling_1_to_2_wall"] = w1["wall_seconds"] / w2["wall_seconds"]
    report["scaling_1_to_2_steady_wall"] = w1["steady_wall_seconds"] / w2["steady_wall_seconds"]
    report["scaling_1_to_2_cpu_efficiency"] = w1["steady_cpu_seconds"] / w2["steady_cpu_seconds"]
    report["selon_over_raw_cpu"] = report["raw_spacy"]["cpu_seconds"] / w1["steady_cpu_seconds"]
    for n in (1, 2) if spark else ():
        plain, job = report[f"ingest_workers_{n}"], report[f"spark_local_{n}"]
        report[f"spark_overhead_local_{n}_wall"] = job["wall_seconds"] / plain["wall_seconds"] - 1
        report[f"spark_overhead_local_{n}_steady_wall"] = job["steady_wall_seconds"] / plain["steady_wall_seconds"] - 1
        report[f"spark_overhead_local_{n}_steady_cpu"] = job["steady_cpu_seconds"] / plain["steady_cpu_seconds"] - 1
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
                sample, one = work / f"orangesum-{args.pages}.warc.gz", work / "orangesum-1.warc.gz"
                sample_warc(warc, args.pages, sample)
                sample_warc(warc, 1, one)
                report["corpora"]["orangesum"] = bench_corpus("orangesum", sample, one, args.repeat, spark, work)
                _write(report, args.out)
        if args.corpus in ("polnear", "all") and (SHARED / "polnear").exists():
            jsonl, one = work / "polnear-dev.jsonl", work / "polnear-1.jsonl"
            polnear_jsonl(jsonl)
            one.write_text(jsonl.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
            report["corpora"]["polnear"] = bench_corpus("polnear", jsonl, one, args.repeat, spark, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report["load_at_end"] = os.getloadavg()
    _write(report, args.out)
    if not args.out:
        print(json.dumps(report, indent=2))
    _table(report)
    return 0


def _write(report: dict[str, Any], out: Path | None) -> None:
    """The report so far, to ``out``: a long run that fails later keeps what it measured."""
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


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
                    f"start {value['startup_wall_seconds']:5.1f} s  "
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
                print(f"  {key}: {value:.3f}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
