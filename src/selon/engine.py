"""The public entry point: one article in, one typed :class:`~selon.model.Article` out.

The CLI, the store and any service are thin layers over :func:`analyze` and
:func:`analyze_documents`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from selon.errors import InputError, SelonError, UnsupportedLanguageError
from selon.ingest import RawDocument, Skipped, detect_language, read_input
from selon.model import Article, Span
from selon.nlp.pipeline import build_pipeline
from selon.settings import Settings, load_settings

_SETTINGS: Settings | None = None


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
        entities=list(doc._.selon_entities or []),
        quantities=list(doc._.selon_figures or []),
        claims=list(doc._.selon_claims or []),
        headings=[_span(text, s, e) for s, e in doc._.selon_headings or []],
        boilerplate=[_span(text, s, e) for s, e in doc._.selon_boilerplate or []],
    )


def _make_doc(raw: RawDocument, settings: Settings, language: str) -> tuple[Doc, Language]:
    nlp = build_pipeline(language, settings)
    doc = nlp.make_doc(raw.text)
    doc._.selon_heading_hints = list(raw.headings or [])
    return doc, nlp


def analyze_document(raw: RawDocument, *, language: str | None = None, settings: Settings | None = None) -> Article:
    """Analyse one ingested document."""
    settings = settings or _default_settings()
    if not raw.text.strip():
        raise InputError(f"{raw.origin or raw.id} is empty: nothing to analyse")
    lang = resolve_language(raw, settings, language)
    doc, nlp = _make_doc(raw, settings, lang)
    return to_article(nlp(doc), raw, lang)


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


def analyze_documents(
    items: Iterable[RawDocument | Skipped], *, language: str | None = None, settings: Settings | None = None
) -> Iterator[Article | Skipped]:
    """Analyse a stream of documents; a bad one is yielded as :class:`Skipped`, never raised.

    Documents are parsed in batches per language with ``nlp.pipe`` so models load once.
    """
    settings = settings or _default_settings()
    batch: list[tuple[RawDocument, str]] = []

    def flush() -> Iterator[Article | Skipped]:
        by_lang: dict[str, list[RawDocument]] = {}
        for raw, lang in batch:
            by_lang.setdefault(lang, []).append(raw)
        for lang, raws in by_lang.items():
            nlp = build_pipeline(lang, settings)
            docs = []
            for raw in raws:
                doc = nlp.make_doc(raw.text)
                doc._.selon_heading_hints = list(raw.headings or [])
                docs.append(doc)
            try:
                for raw, doc in zip(raws, nlp.pipe(docs, batch_size=settings.analysis_batch_size)):
                    yield to_article(doc, raw, lang)
            except Exception:  # one bad document must not cost the others: redo them one by one
                for raw in raws:
                    try:
                        yield analyze_document(raw, language=lang, settings=settings)
                    except Exception as exc:
                        yield Skipped(raw.origin or raw.id, f"analysis failed: {exc}")
        batch.clear()

    for item in items:
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            if not item.text.strip():
                raise InputError(f"{item.origin or item.id} is empty")
            lang = resolve_language(item, settings, language)
        except SelonError as exc:
            yield Skipped(item.origin or item.id, str(exc))
            continue
        batch.append((item, lang))
        if len(batch) >= settings.analysis_batch_size:
            yield from flush()
    if batch:
        yield from flush()
