"""Analysis in a forked worker process that the parent can stop: the per-document time and memory limits.

A Python signal handler cannot interrupt a long Cython loop (spaCy's tokenizer and parser), and a
thread cannot be stopped at all; a process can. The parent loads the pipelines, then forks one worker
that keeps them (copy-on-write: the models' memory stays shared) and analyses one unit (a batch, or one
long document) at a time with :func:`~selon.engine_run.run_jobs`. When a unit passes its deadline, or
the worker dies (its address space is capped with ``RLIMIT_AS``), the parent kills it and starts another;
the unit's unanswered documents are retried one by one, and the one that fails alone is reported with
the reason. Only the parent ever runs the language detector (its threads do not survive a fork).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import math
import multiprocessing
import os
import pickle
import resource
import signal
import time
from collections import deque
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from selon.engine_run import Job, run_jobs
from selon.errors import DocumentLimitError, SelonError
from selon.model import Article
from selon.nlp.pipeline import build_pipeline
from selon.settings import Settings

#: What a worker sends when it has answered every job of a unit.
DONE = "done"
_MB = 1024 * 1024
_PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal a process gets when its parent dies


def available() -> bool:
    """Whether this platform can fork a worker (Linux, macOS; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def wanted(settings: Settings) -> bool:
    """Whether documents go through a worker: isolation on, a limit to enforce, and fork available."""
    limited = settings.limits_document_seconds > 0 or settings.limits_memory_mb > 0
    return settings.limits_isolate and limited and available()


def unit_seconds(jobs: Sequence[Job], settings: Settings) -> float:
    """The time a unit may take: ``document_seconds`` per started ``piece_chars`` of its text."""
    chars = sum(len(job.raw.text) for job in jobs)
    return settings.limits_document_seconds * max(1, math.ceil(chars / settings.limits_piece_chars))


class WorkerLost(Exception):
    """The worker passed the unit's deadline or died; ``reason`` says which, for the skipped document,
    and ``results`` holds what it answered before."""

    def __init__(self, reason: str, results: list[tuple[int, Any]]) -> None:
        super().__init__(reason)
        self.reason = reason
        self.results = results


def _address_space_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines() if Path("/proc/self/status").exists() else []:
        if line.startswith("VmSize:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _portable(exc: Exception) -> Exception:
    """``exc`` if it survives pickling, else a SelonError with its message (the parent must get it)."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return SelonError(f"{type(exc).__name__}: {exc}")


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this worker when its parent dies (Linux), so that a parent killed with
    SIGKILL leaves no worker behind analysing on, holding the parent's output pipes open."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)


def _serve(conn: Connection, memory_mb: int, parent: int) -> None:
    """The worker's loop: units in, ``(index, Article | exception)`` out, then ``_DONE``; EOF ends it."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops us
    if memory_mb > 0 and _address_space_mb() > 0:
        cap = int((_address_space_mb() + memory_mb) * _MB)
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        jobs, settings = message
        for index, result in run_jobs(jobs, settings):
            conn.send((index, result if isinstance(result, Article) else _portable(result)))
        conn.send(DONE)


def _pipeline_options(settings: Settings) -> tuple:
    """What the pipelines a worker inherited were built with: other values need other pipelines."""
    return (
        settings.models_fr,
        settings.models_en,
        settings.analysis_carry_on_sentences,
        settings.analysis_asserted_claims,
    )


class Worker:
    """One forked worker holding the pipelines of ``languages``, loaded in the parent before the fork."""

    def __init__(self, settings: Settings, languages: set[str], isolate: bool = True) -> None:
        for language in sorted(languages):
            build_pipeline(language, settings)  # loaded here, shared with the worker
        self.languages = set(languages)
        self.key = _pipeline_options(settings)
        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe()
        memory_mb = settings.limits_memory_mb if isolate else 0
        self.process = context.Process(target=_serve, args=(child, memory_mb, os.getpid()), daemon=True)
        self.process.start()
        child.close()

    def covers(self, settings: Settings, languages: set[str]) -> bool:
        """Whether this worker was forked with the pipelines these languages need, and is alive."""
        return self.process.is_alive() and languages <= self.languages and self.key == _pipeline_options(settings)

    def run(self, jobs: Sequence[Job], settings: Settings, seconds: float) -> list[tuple[int, Any]]:
        """The results of one unit; WorkerLost when it takes more than ``seconds`` or the worker dies.

        Only the time spent waiting counts, so a slow consumer of the results costs the unit nothing."""
        self.conn.send((list(jobs), settings))
        results: list[tuple[int, Any]] = []
        deadline = time.monotonic() + seconds if seconds > 0 else math.inf
        while True:
            left = deadline - time.monotonic()
            try:
                ready = self.conn.poll(None if left == math.inf else max(0.0, left))
                if not ready:
                    raise WorkerLost(f"analysis stopped after {seconds:g} s", results)
                message = self.conn.recv()
            except (EOFError, OSError) as exc:
                self.process.join(1)
                raise WorkerLost(self.death(), results) from exc
            if message == DONE:
                return results
            results.append(message)

    def death(self) -> str:
        code = self.process.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return f"the analysis process died ({how}), perhaps out of memory"

    def stop(self) -> None:
        """End the worker: ask, then kill what does not go."""
        with contextlib.suppress(OSError, ValueError):  # already gone
            self.conn.send(None)
        self.process.join(2)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


class Workers:
    """The worker of one batch run (or of a process's single analyses): started when first needed,
    replaced when it is stopped or lacks a language, stopped by :meth:`close`."""

    def __init__(self) -> None:
        self.worker: Worker | None = None

    def get(self, settings: Settings, languages: set[str]) -> Worker:
        if self.worker is not None and not self.worker.covers(settings, languages):
            self.close()
        if self.worker is None:
            self.worker = Worker(settings, languages)
        return self.worker

    def discard(self) -> None:
        if self.worker is not None:
            self.worker.kill()
            self.worker = None

    def close(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None


def limit_reason(reason: str, settings: Settings) -> str:
    """The reason a stopped document is skipped, with the settings that stopped it."""
    return (
        f"{reason} ([limits] document_seconds = {settings.limits_document_seconds:g} per "
        f"{settings.limits_piece_chars} characters, memory_mb = {settings.limits_memory_mb}); "
        "raise them, or split the document"
    )


def _memory_limit(result: Any, unit: Sequence[Job], index: int, settings: Settings) -> Any:
    """A MemoryError under the worker's memory cap, told as the limit it is."""
    if not isinstance(result, MemoryError):
        return result
    job = next(job for job in unit if job.index == index)
    origin = job.raw.origin or job.raw.id
    return DocumentLimitError(f"{origin}: {limit_reason('analysis ran out of memory', settings)}")


def run_isolated(
    jobs: Sequence[Job], settings: Settings, workers: Workers
) -> Iterator[tuple[int, Article | Exception]]:
    """:func:`run_jobs` in a worker: each job exactly once; a job that passes its limit alone comes back
    as a DocumentLimitError, the others of its unit are retried one by one."""
    units: deque[list[Job]] = deque([list(jobs)])
    while units:
        unit = units.popleft()
        languages = set().union(*(job.languages for job in unit))
        worker = workers.get(settings, languages)
        try:
            for index, result in worker.run(unit, settings, unit_seconds(unit, settings)):
                yield index, _memory_limit(result, unit, index, settings)
        except WorkerLost as lost:
            workers.discard()
            yield from lost.results
            answered = {index for index, _ in lost.results}
            rest = [job for job in unit if job.index not in answered]
            if len(unit) == 1 and rest:
                origin = rest[0].raw.origin or rest[0].raw.id
                yield rest[0].index, DocumentLimitError(f"{origin}: {limit_reason(lost.reason, settings)}")
            else:  # which of them hung is not known: each is retried alone, with its own deadline
                units.extendleft(reversed([[job] for job in rest]))
