"""The analysis of a batch of prepared documents, in this process: what a worker process runs too.

A :class:`Job` is one document with the language it is analysed in and the pieces it is cut into
(one piece for ordinary news). :func:`run_jobs` yields each job exactly once, as an Article or as the
exception that stopped it, so that a bad document costs only itself and nothing is yielded twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from selon.engine_pieces import Piece, join_articles, piece_document
from selon.ingest.document import RawDocument
from selon.model import Article, Span
from selon.nlp.pipeline import build_pipeline
from selon.settings import Settings


@dataclass
class Job:
    """One document to analyse: its place in the batch, its main language and its pieces."""

    index: int
    raw: RawDocument
    language: str
    pieces: list[Piece]

    @property
    def whole(self) -> bool:
        """Analysed as one Doc in its own language, the ordinary case."""
        return len(self.pieces) == 1

    @property
    def languages(self) -> set[str]:
        return {self.language, *(p.language for p in self.pieces)}


def _span(doc_text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=doc_text[start:end])


def to_article(doc: Doc, raw: RawDocument, language: str) -> Article:
    """Collect what the stages left on ``doc._`` into the result model."""
    text = doc.text
    return Article(
        id=raw.id,
        language=language,
        text=text,
        title=raw.title,
        outlet=raw.outlet,
        url=raw.url,
        published=raw.published,
        captured=raw.captured,
        entities=list(doc._.selon_entities or []),
        quantities=list(doc._.selon_figures or []),
        claims=list(doc._.selon_claims or []),
        headings=[_span(text, s, e) for s, e in doc._.selon_headings or []],
        boilerplate=[_span(text, s, e) for s, e in doc._.selon_boilerplate or []],
    )


def make_doc(nlp: Language, raw: RawDocument) -> Doc:
    """The tokenised Doc of ``raw``, with the headings its HTML revealed."""
    doc = nlp.make_doc(raw.text)
    doc._.selon_heading_hints = list(raw.headings or [])
    return doc


def analyze_job(job: Job, settings: Settings) -> Article:
    """One job on its own: one Doc, or its pieces one after the other (so that only one piece's Doc
    is in memory at a time), joined into one Article."""
    if job.whole:
        nlp = build_pipeline(job.language, settings)
        return to_article(nlp(make_doc(nlp, job.raw)), job.raw, job.language)
    parts: list[Article] = []
    for number, piece in enumerate(job.pieces, start=1):
        sub = piece_document(job.raw, piece, number)
        nlp = build_pipeline(piece.language, settings)
        parts.append(to_article(nlp(make_doc(nlp, sub)), sub, piece.language))
    return join_articles(job.raw, job.language, job.pieces, parts)


def _guarded(job: Job, settings: Settings) -> Article | Exception:
    try:
        return analyze_job(job, settings)
    except Exception as exc:  # the document's own failure, handed to the caller to report
        return exc


def _piped(jobs: Sequence[Job], language: str, settings: Settings) -> Iterator[tuple[int, Article | Exception]]:
    """Whole jobs of one language through ``nlp.pipe``; when the pipe fails, the jobs not yet yielded
    are redone one by one (never those already yielded)."""
    nlp = build_pipeline(language, settings)
    done = 0
    try:
        docs = [make_doc(nlp, job.raw) for job in jobs]
        for job, doc in zip(jobs, nlp.pipe(docs, batch_size=settings.analysis_batch_size)):
            article = to_article(doc, job.raw, language)
            done += 1
            yield job.index, article
    except Exception:  # one bad document must not cost the others
        for job in jobs[done:]:
            yield job.index, _guarded(job, settings)


def run_jobs(jobs: Sequence[Job], settings: Settings) -> Iterator[tuple[int, Article | Exception]]:
    """Every job exactly once, by language in order of first appearance, as ``(index, Article)`` or
    ``(index, exception)``; runs of whole jobs share ``nlp.pipe``, a job in pieces runs alone."""
    by_lang: dict[str, list[Job]] = {}
    for job in jobs:
        by_lang.setdefault(job.language, []).append(job)
    for language, group in by_lang.items():
        run: list[Job] = []
        for job in group:
            if job.whole:
                run.append(job)
                continue
            if run:
                yield from _piped(run, language, settings)
                run = []
            yield job.index, _guarded(job, settings)
        if run:
            yield from _piped(run, language, settings)
