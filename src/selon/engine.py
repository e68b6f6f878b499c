"""The public entry point: one article in, one typed :class:`~selon.model.Article` out.

The CLI, the store and any service are thin layers over :func:`analyze` and
:func:`analyze_documents`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

from selon.engine_pieces import plan_pieces
from selon.engine_pool import Pool
from selon.engine_run import Job, analyze_job, run_jobs, to_article
from selon.engine_worker import Workers, available, run_isolated, wanted
from selon.errors import DocumentLimitError, InputError, SelonError, UnsupportedLanguageError
from selon.ingest import RawDocument, Skipped, detect_language, read_input
from selon.model import Article
from selon.settings import Settings, load_settings

__all__ = [
    "analyze",
    "analyze_document",
    "analyze_documents",
    "prepare",
    "resolve_language",
    "stop_workers",
    "to_article",
]

_SETTINGS: Settings | None = None
_SINGLE = Workers()
_SINGLE_LOCK = threading.Lock()


def _default_settings() -> Settings:
    global _SETTINGS
    if _SETTINGS is None:
        _SETTINGS = load_settings()
    return _SETTINGS


def resolve_language(raw: RawDocument, settings: Settings, language: str | None = None) -> str:
    """The language to analyse ``raw`` in, or UnsupportedLanguageError."""
    lang = (language or raw.language or "").lower() or None
    if lang is None:
        lang, confidence = detect_language(raw.text)
        if lang is None or confidence < settings.ingest_min_language_confidence:
            raise UnsupportedLanguageError(
                lang,
                f"{raw.origin or raw.id}: language not recognised "
                f"(best guess {lang or 'none'}); pass --language fr|en to analyse it anyway",
            )
    if lang not in settings.ingest_languages:
        raise UnsupportedLanguageError(
            lang,
            f"{raw.origin or raw.id}: language '{lang}' is not analysed "
            f"(selon analyses {', '.join(settings.ingest_languages)}); pass --language fr|en if the detection is wrong",
        )
    return lang


def prepare(raw: RawDocument, settings: Settings, language: str | None = None, index: int = 0) -> Job:
    """The job of analysing ``raw``: its language and its pieces; InputError when there is nothing to
    analyse, DocumentLimitError when it is longer than ``[limits] max_chars``."""
    origin = raw.origin or raw.id
    if not raw.text.strip():
        raise InputError(f"{origin} is empty: nothing to analyse")
    if len(raw.text) > settings.limits_max_chars:
        raise DocumentLimitError(
            f"{origin}: {len(raw.text)} characters, more than [limits] max_chars = {settings.limits_max_chars}; "
            "split the document or raise the limit"
        )
    lang = resolve_language(raw, settings, language)
    return Job(index=index, raw=raw, language=lang, pieces=plan_pieces(raw.text, lang, settings))


def _run(jobs: list[Job], settings: Settings, workers: Workers | None) -> Iterator[tuple[int, Article | Exception]]:
    return run_isolated(jobs, settings, workers) if workers is not None else run_jobs(jobs, settings)


def analyze_document(raw: RawDocument, *, language: str | None = None, settings: Settings | None = None) -> Article:
    """Analyse one ingested document; DocumentLimitError when it passes a limit of ``[limits]``."""
    settings = settings or _default_settings()
    job = prepare(raw, settings, language)
    if not wanted(settings):
        return analyze_job(job, settings)
    with _SINGLE_LOCK:  # one worker serves this process's single analyses, one at a time
        [(_, result)] = list(_run([job], settings, _SINGLE))
    if isinstance(result, Exception):
        raise result
    return result


def analyze(
    text_or_html: str | bytes,
    *,
    language: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    id: str = "document",
    title: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Analyse one article given as plain text or HTML.

    >>> article = analyze("Selon le ministre, la réforme serait abandonnée.")  # doctest: +SKIP
    >>> article.claims[0].certainty  # doctest: +SKIP
    'hedged'
    """
    if isinstance(text_or_html, bytes):
        from selon.ingest.text import decode_bytes

        text_or_html = decode_bytes(text_or_html, id)
    raw = read_input(text_or_html, id=id, url=url)
    raw.outlet = outlet or raw.outlet
    raw.published = published or raw.published
    raw.title = title or raw.title
    return analyze_document(raw, language=language, settings=settings)


def stop_workers() -> None:
    """Stop the worker process that serves this process's single analyses (a new one starts when next
    needed): after changing what a forked worker would inherit, or before forking a server's workers."""
    with _SINGLE_LOCK:
        _SINGLE.close()


def _skipped(job: Job, exc: Exception) -> Skipped:
    origin = job.raw.origin or job.raw.id
    return Skipped(origin, str(exc) if isinstance(exc, DocumentLimitError) else f"analysis failed: {exc}")


def _units(
    items: Iterable[RawDocument | Skipped], settings: Settings, language: str | None, most: int
) -> Iterator[list[Job] | Skipped]:
    """The input as units of analysis: skips as they come, documents gathered into batches (at most
    ``most`` documents and ``[limits] batch_chars`` characters), a document in pieces alone."""
    batch: list[Job] = []
    for item in items:
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            job = prepare(item, settings, language, index=len(batch))
        except SelonError as exc:
            yield Skipped(item.origin or item.id, str(exc))
            continue
        size = sum(len(j.raw.text) for j in batch)
        if batch and (not job.whole or size + len(item.text) > settings.limits_batch_chars):
            yield batch
            batch = []
            job.index = 0
        batch.append(job)
        if not job.whole or len(batch) >= most:
            yield batch
            batch = []
    if batch:
        yield batch


def analyze_documents(
    items: Iterable[RawDocument | Skipped],
    *,
    language: str | None = None,
    settings: Settings | None = None,
    workers: int = 1,
) -> Iterator[Article | Skipped]:
    """Analyse a stream of documents; a bad one is yielded as :class:`Skipped`, never raised.

    Each input is yielded exactly once. Documents are parsed in batches per language with ``nlp.pipe``
    (at most ``[analysis] batch_size`` documents and ``[limits] batch_chars`` characters), a long one
    alone, in pieces; with ``[limits] isolate`` the batches run in a worker process that is stopped
    when a document passes its time or memory limit, and that document is skipped with the reason.
    With ``workers`` above 1 (and fork available) that many workers analyse batches side by side (of at
    most ``[analysis] worker_batch_size`` documents, so that a short run still spreads over them) and
    the results come in input order: the same output as one worker, sooner.
    """
    settings = settings or _default_settings()
    if workers > 1 and available():
        units = _units(
            items, settings, language, min(settings.analysis_batch_size, settings.analysis_worker_batch_size)
        )
        for item in Pool(settings, workers).map(units):
            if isinstance(item, Skipped):
                yield item
            else:
                job, outcome = item
                yield outcome if isinstance(outcome, Article) else _skipped(job, outcome)
        return
    single = Workers() if wanted(settings) else None
    try:
        for unit in _units(items, settings, language, settings.analysis_batch_size):
            if isinstance(unit, Skipped):
                yield unit
                continue
            jobs = {job.index: job for job in unit}
            for index, outcome in _run(unit, settings, single):
                yield outcome if isinstance(outcome, Article) else _skipped(jobs[index], outcome)
    finally:
        if single is not None:
            single.close()
