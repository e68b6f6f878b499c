"""The pipeline on hostile text and HTML: a documented SelonError or an article whose every span indexes its text."""

from __future__ import annotations

import pytest
from fuzzing import check_article, hostile_html, hostile_text, scaled
from hypothesis import given, settings
from hypothesis import strategies as st

import selon
from selon.errors import SelonError
from selon.ingest import RawDocument, Skipped, looks_like_html

pytestmark = [pytest.mark.fuzz, pytest.mark.slow]
LANGUAGES = st.sampled_from(["fr", "en", None])


@settings(max_examples=scaled(80))
@given(text=hostile_text(), language=LANGUAGES)
def test_analyze_text_keeps_the_contract(text: str, language: str | None, settings, nlp_fr, nlp_en) -> None:
    try:
        article = selon.analyze(text, language=language, settings=settings)
    except SelonError:
        return
    check_article(article, None if looks_like_html(text) else text)


@settings(max_examples=scaled(60))
@given(page=hostile_html(), language=LANGUAGES)
def test_analyze_html_keeps_the_contract(page: str, language: str | None, settings, nlp_fr, nlp_en) -> None:
    try:
        article = selon.analyze(page, language=language, settings=settings)
    except SelonError:
        return
    check_article(article)


@settings(max_examples=scaled(100))
@given(data=st.binary(max_size=400), language=LANGUAGES)
def test_analyze_bytes_keeps_the_contract(data: bytes, language: str | None, settings, nlp_fr, nlp_en) -> None:
    try:
        article = selon.analyze(data, language=language, settings=settings)
    except SelonError:
        return
    check_article(article)


@settings(max_examples=scaled(30))
@given(
    texts=st.lists(st.one_of(hostile_text(max_pieces=12), hostile_html()), min_size=1, max_size=5),
    languages=st.lists(LANGUAGES, min_size=5, max_size=5),
)
def test_analyze_documents_answers_each_document_once(
    texts: list[str], languages: list[str | None], settings, nlp_fr, nlp_en
) -> None:
    docs = [
        RawDocument(id=f"doc{i}", text=text, origin=f"doc{i}", language=languages[i]) for i, text in enumerate(texts)
    ]
    results = list(selon.analyze_documents(docs, settings=settings))
    answered = sorted(r.origin if isinstance(r, Skipped) else r.id for r in results)
    assert answered == sorted(d.id for d in docs), "each document must come back once, analysed or skipped"
    for result in results:
        if not isinstance(result, Skipped):
            check_article(result, texts[int(result.id[3:])])
