"""Analysis on every core of one machine: several forked workers, one reader and one writer (this process).

The parent reads the inputs, extracts and prepares each document (language, pieces), and hands units
(a batch, or one long document) to whichever worker is free; the pipelines are loaded once, in the
parent, before the workers are forked, so each worker shares their memory (copy-on-write) instead of
loading its own. Each worker is an :class:`~selon.engine_worker.Worker`, the same one that enforces the
time and memory limits of one document: a worker that passes a unit's deadline or dies is replaced,
and the unit's unanswered documents are retried one by one, as with one worker. Results come back in
input order, so ``--workers 2`` prints and stores exactly what ``--workers 1`` does.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any

from selon.engine_run import Job
from selon.engine_worker import DONE, Worker, limit_reason, unit_seconds, wanted
from selon.errors import DocumentLimitError
from selon.ingest import Skipped
from selon.model import Article
from selon.settings import Settings

Result = tuple[Job, Article | Exception]


def cores() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def worker_count(requested: int | None, settings: Settings) -> int:
    """``--workers``, else ``[analysis] workers``; 0 (or nothing) is one per core available."""
    count = requested if requested is not None else settings.analysis_workers
    if count < 0:
        from selon.errors import UsageError

        raise UsageError(f"--workers must be 0 (one per core) or more, not {count}")
    return count or cores()


@dataclass
class _Slot:
    """One item of the input, in order: a skip (done at once) or a unit whose jobs are being analysed."""

    results: list[Result | Skipped] = field(default_factory=list)
    pending: int = 0


@dataclass
class _Busy:
    """A unit a worker is analysing, with its deadline and what it has answered so far."""

    slot: int
    jobs: list[Job]
    seconds: float
    deadline: float
    answered: set[int] = field(default_factory=set)


class Pool:
    """``size`` workers, forked when first needed with the pipelines the units ask for."""

    def __init__(self, settings: Settings, size: int) -> None:
        self.settings = settings
        self.size = size
        self.idle: list[Worker] = []
        self.busy: dict[Worker, _Busy] = {}
        self.languages: set[str] = set()

    def _worker(self, languages: set[str]) -> Worker:
        """An idle worker holding ``languages``; a worker lacking one is replaced."""
        self.languages |= languages
        while self.idle:
            worker = self.idle.pop()
            if worker.covers(self.settings, languages):
                return worker
            worker.stop()
        return Worker(self.settings, self.languages, isolate=wanted(self.settings))

    def _submit(self, slot: int, jobs: list[Job]) -> None:
        worker = self._worker(set().union(*(job.languages for job in jobs)))
        seconds = unit_seconds(jobs, self.settings) if wanted(self.settings) else 0.0
        worker.conn.send((jobs, self.settings))
        deadline = time.monotonic() + seconds if seconds > 0 else math.inf
        self.busy[worker] = _Busy(slot, jobs, seconds, deadline)

    def map(self, items: Iterable[list[Job] | Skipped]) -> Iterator[Result | Skipped]:
        """Each unit's results (and each skip) in input order, the units analysed ``size`` at a time."""
        slots: dict[int, _Slot] = {}
        retry: list[tuple[int, list[Job]]] = []
        source = iter(items)
        exhausted = False
        head = count = 0
        try:
            while True:
                while len(self.busy) < self.size and (retry or not exhausted):
                    if retry:
                        self._submit(*retry.pop(0))
                        continue
                    item = next(source, None)
                    if item is None:
                        exhausted = True
                        break
                    slots[count] = _Slot([item]) if isinstance(item, Skipped) else _Slot(pending=len(item))
                    if not isinstance(item, Skipped):
                        self._submit(count, item)
                    count += 1
                while head in slots and slots[head].pending == 0:
                    yield from slots.pop(head).results  # in the order the worker answered, as with one
                    head += 1
                if not self.busy:
                    if exhausted and not retry:
                        return
                    continue
                self._collect(slots, retry)
        finally:
            self.close()

    def _collect(self, slots: dict[int, _Slot], retry: list[tuple[int, list[Job]]]) -> None:
        """Wait for the next answer of any worker, or for the first deadline; record what comes."""
        left = min(b.deadline for b in self.busy.values()) - time.monotonic()
        ready = wait([worker.conn for worker in self.busy], timeout=None if left == math.inf else max(0.0, left))
        for worker in [worker for worker in self.busy if worker.conn in ready]:
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                self._lost(worker, worker.death(), slots, retry)
                continue
            self._record(worker, message, slots)
        now = time.monotonic()
        for worker, busy in list(self.busy.items()):
            if busy.deadline <= now:
                self._lost(worker, f"analysis stopped after {busy.seconds:g} s", slots, retry)

    def _record(self, worker: Worker, message: Any, slots: dict[int, _Slot]) -> None:
        busy = self.busy[worker]
        if message == DONE:
            del self.busy[worker]
            self.idle.append(worker)
            return
        index, result = message
        job = next(job for job in busy.jobs if job.index == index)
        busy.answered.add(index)
        if isinstance(result, MemoryError):
            origin = job.raw.origin or job.raw.id
            result = DocumentLimitError(f"{origin}: {limit_reason('analysis ran out of memory', self.settings)}")
        slots[busy.slot].results.append((job, result))
        slots[busy.slot].pending -= 1

    def _lost(self, worker: Worker, reason: str, slots: dict[int, _Slot], retry: list[tuple[int, list[Job]]]) -> None:
        """A worker past its deadline or dead: killed; its unit's unanswered jobs retried one by one,
        or, when the unit was one job, that job reported with the limit it passed."""
        busy = self.busy.pop(worker)
        worker.kill()
        rest = [job for job in busy.jobs if job.index not in busy.answered]
        if len(busy.jobs) == 1 and rest:
            origin = rest[0].raw.origin or rest[0].raw.id
            slots[busy.slot].results.append(
                (rest[0], DocumentLimitError(f"{origin}: {limit_reason(reason, self.settings)}"))
            )
            slots[busy.slot].pending -= 1
            return
        retry[:0] = [(busy.slot, [job]) for job in rest]

    def close(self) -> None:
        """Stop every worker, idle or busy (an interrupted run leaves none behind)."""
        for worker in self.idle:
            worker.stop()
        for worker in self.busy:
            worker.kill()
        self.idle.clear()
        self.busy.clear()
