"""The analysis as a Spark job, after cc-pyspark's pattern: one task per input (a WARC split into shards),
the pipeline loaded once per executor process and kept for every task it runs (``mapPartitions``), the
results written as Parquet, a failed record counted and written to the failures table, never failing
the job. A rerun over the same output skips the inputs a finished run already did.

    selon spark INPUT... --output DIR [--master local[2]] [--split N]
    spark-submit src/selon/spark/job.py INPUT... --output DIR      # the same job on a cluster

``INPUT`` is a WARC, JSON Lines or text file, a folder of them, or a manifest (``*.manifest``: one
input a line). Output: ``DIR/<table>/run=<id>/*.parquet`` for documents, claims, figures, entities and
failures (:mod:`selon.spark.rows`), and ``DIR/_done.json``, the inputs done; ``selon load DIR``
takes them into a store.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from selon.errors import SelonError, UsageError
from selon.spark.rows import TABLES, article_rows, column_type, failure_rows

DONE_FILE = "_done.json"
_SETTINGS: dict[str | None, Any] = {}


@dataclass(frozen=True)
class Task:
    """One input file, or one shard (``k`` of ``n``) of a WARC's records."""

    path: str
    shard: int = 0
    shards: int = 1

    @property
    def key(self) -> str:
        return self.path if self.shards == 1 else f"{self.path}#{self.shard}/{self.shards}"


def expand(inputs: Iterable[str]) -> list[str]:
    """The input files behind the arguments: folders walked, manifests read (one input a line)."""
    from selon.ingest import InputFile, plan_inputs

    files: list[str] = []
    for given in inputs:
        if given.endswith(".manifest"):
            lines = Path(given).read_text(encoding="utf-8").splitlines()
            files += expand(line.strip() for line in lines if line.strip() and not line.startswith("#"))
            continue
        for item in plan_inputs([given]):
            if isinstance(item, InputFile) and item.path is not None:
                files.append(str(item.path.resolve()))
    return files


def plan_tasks(files: list[str], split: int, done: set[str]) -> list[Task]:
    """The tasks of a run: one per file, ``split`` per WARC file; those a finished run did are left out."""
    from selon.ingest.warc import is_warc

    tasks: list[Task] = []
    for path in files:
        n = split if is_warc(Path(path)) else 1
        tasks += [t for t in (Task(path, k, n) for k in range(n)) if t.key not in done]
    return tasks


def _settings(config: str | None) -> Any:
    """The settings of this executor process, loaded once (and with them, the pipelines they build)."""
    from selon.settings import load_settings

    if config not in _SETTINGS:
        _SETTINGS[config] = load_settings(config)
    return _SETTINGS[config]


def _items(task: Task, settings: Any, where: dict[str, tuple[str, int | None]]) -> Iterator[Any]:
    """The documents of one task, remembering where each came from for its rows."""
    from selon.ingest import RawDocument, iter_documents
    from selon.ingest.warc import is_warc, iter_warc

    path = Path(task.path)
    items = iter_warc(path, settings, (task.shard, task.shards)) if is_warc(path) else iter_documents([path], settings)
    for item in items:
        if isinstance(item, RawDocument):
            where[item.id] = (item.origin, item.offset)
        yield item


def analyse_partition(tasks: Iterable[Task], config: str | None, language: str | None, failed: Any) -> Iterator[str]:
    """Every row of the partition's tasks, as one JSON object of tables per document (or failure)."""
    from selon.engine import analyze_documents
    from selon.ingest import Skipped

    settings = _settings(config)
    for task in tasks:
        where: dict[str, tuple[str, int | None]] = {}
        try:
            for out in analyze_documents(_items(task, settings, where), language=language, settings=settings):
                if isinstance(out, Skipped):
                    failed.add(1)
                    yield json.dumps(failure_rows(task.path, out.origin, out.reason))
                else:
                    record, offset = where.pop(out.id, (task.path, None))
                    yield json.dumps(article_rows(out, task.path, record, offset))
        except Exception as exc:  # an input that breaks its reader costs itself only, never the job
            failed.add(1)
            yield json.dumps(failure_rows(task.path, task.key, f"the input failed: {type(exc).__name__}: {exc}"))
        yield json.dumps({"_done": [task.key]})


def _rows_of(table: str, line: str) -> list[list[Any]]:
    rows: list[list[Any]] = json.loads(line).get(table, [])
    return rows


def _count_of(table: str, line: str) -> int:
    return len(_rows_of(table, line))


def _schema(table: str) -> Any:
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    kinds = {"long": LongType(), "double": DoubleType(), "string": StringType()}
    return StructType([StructField(name, kinds[column_type(name)], True) for name in TABLES[table]])


def read_done(output: Path) -> set[str]:
    """The inputs (task keys) that finished runs wrote into ``output``."""
    path = output / DONE_FILE
    return set(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else set()


@dataclass
class RunReport:
    """What one run did: tasks run and skipped as done, documents written, failed records, seconds."""

    run: str
    tasks: int
    skipped_tasks: int
    documents: int
    failed: int
    seconds: float


def run_job(
    inputs: list[str],
    output: Path,
    *,
    master: str | None = None,
    split: int | None = None,
    config: str | None = None,
    language: str | None = None,
) -> RunReport:
    """Run the job over ``inputs`` into ``output``; the inputs a finished run did are skipped."""
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    started = time.monotonic()
    files = expand(inputs)
    if not files:
        raise UsageError("no input file found: pass WARC, JSON Lines or text files, folders, or a .manifest")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the executors run this selon
    builder = SparkSession.builder.appName("selon")
    if master:
        builder = builder.master(master)
    spark = builder.config("spark.ui.enabled", "false").getOrCreate()
    sc = spark.sparkContext
    done = read_done(output)
    split = split or sc.defaultParallelism
    tasks = plan_tasks(files, split, done)
    run = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    report = RunReport(run, len(tasks), len(plan_tasks(files, split, set())) - len(tasks), 0, 0, 0.0)
    if tasks:
        failed = sc.accumulator(0)
        results = sc.parallelize(tasks, len(tasks)).mapPartitions(
            lambda part: analyse_partition(part, config, language, failed)
        )
        results.persist(StorageLevel.MEMORY_AND_DISK)
        for table in TABLES:
            rows = results.flatMap(partial(_rows_of, table))
            spark.createDataFrame(rows, _schema(table)).write.mode("overwrite").parquet(
                str(output / table / f"run={run}")
            )
        finished = results.flatMap(partial(_rows_of, "_done")).collect()
        report.documents = results.map(partial(_count_of, "documents")).sum()
        report.failed = failed.value
        results.unpersist()
        output.mkdir(parents=True, exist_ok=True)
        (output / DONE_FILE).write_text(json.dumps(sorted(done | set(finished)), indent=1) + "\n", encoding="utf-8")
    report.seconds = time.monotonic() - started
    return report


def main(argv: list[str] | None = None) -> int:
    """``spark-submit job.py INPUT... --output DIR``: the job without selon's command line."""
    parser = argparse.ArgumentParser(description="selon's analysis as a Spark job")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--output", required=True, type=Path)
    parser.add_argument("--split", type=int, default=None, help="tasks per WARC file (default: the parallelism)")
    parser.add_argument("--config", default=None)
    parser.add_argument("--language", default=None)
    args = parser.parse_args(argv)
    try:
        report = run_job(args.inputs, args.output, split=args.split, config=args.config, language=args.language)
    except SelonError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    print(json.dumps(report.__dict__))
    return 0


if __name__ == "__main__":  # pragma: no cover - run by spark-submit
    sys.exit(main())
