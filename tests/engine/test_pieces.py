"""Long documents: analysed in pieces cut at paragraphs, joined into one Article over the full text."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from helpers import FIXTURES
from selon.engine_pieces import paragraphs, plan_pieces
from selon.errors import DocumentLimitError
from selon.ingest import RawDocument, Skipped
from selon.model import Article, Span


def _articles() -> list[str]:
    return [p.read_text(encoding="utf-8").strip() for p in sorted((FIXTURES / "polnear").glob("*/text/*.txt"))]


def _spans(value: Any) -> Iterator[Span]:
    """Every span in a model, however deep."""
    if isinstance(value, Span):
        yield value
    if isinstance(value, list):
        for item in value:
            yield from _spans(item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _spans(getattr(value, name))


def test_paragraphs_cover_the_text_and_pieces_stay_under_the_size(settings) -> None:
    text = "\n\n".join(_articles())
    spans = paragraphs(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    small = settings.override(limits_piece_chars=1500)
    pieces = plan_pieces(text, "en", small, detect=False)
    assert len(pieces) > 3
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    assert all(p.end - p.start <= 1500 for p in pieces)
    bounds = {b for _, b in spans}
    assert sum(p.end in bounds for p in pieces) >= len(pieces) - 2  # cut at paragraphs, save an overlong one


def test_an_overlong_paragraph_is_cut_at_a_sentence_end(settings) -> None:
    text = "The senator said the vote was fair. " * 100
    pieces = plan_pieces(text, "en", settings.override(limits_piece_chars=500), detect=False)
    assert all(p.end - p.start <= 500 for p in pieces)
    assert all(text[p.end - 2 : p.end] == ". " for p in pieces[:-1])


def test_an_ordinary_article_is_one_piece(settings) -> None:
    for text in _articles():
        assert [(p.start, p.end) for p in plan_pieces(text, "en", settings)] == [(0, len(text))]


@pytest.mark.slow
def test_a_long_article_in_pieces_has_every_span_on_the_full_text(settings, nlp_en, monkeypatch) -> None:
    import selon

    text = "\n\n".join(_articles()) + "\n"
    small = settings.override(limits_piece_chars=3000)
    monkeypatch.setattr(nlp_en, "max_length", 4000)  # spaCy's own limit, as a 1,000,001-character text meets it
    with pytest.raises(ValueError, match="E088"):
        nlp_en(text)
    [article] = list(selon.analyze_documents([RawDocument(id="long", text=text, origin="long")], settings=small))
    assert isinstance(article, Article) and article.text == text and article.language == "en"
    spans = list(_spans(article))
    assert len(spans) > 100 and all(s.text == text[s.start : s.end] for s in spans)
    assert max(s.end for s in spans) > len(text) - 3000  # the last piece's results are there, moved
    assert [c.id for c in article.claims] == [f"c{i}" for i in range(1, len(article.claims) + 1)]
    pieces = plan_pieces(text, "en", small)
    piece_of = [next(i for i, p in enumerate(pieces) if c.content.start < p.end) for c in article.claims]
    assert piece_of == sorted(piece_of) and len(set(piece_of)) > len(pieces) // 2  # claims in piece order
    ids: dict[str, set[int]] = {}
    for entity in article.entities:
        ids.setdefault(entity.name.lower(), set()).add(entity.entity_id)
    assert all(len(v) == 1 for v in ids.values())  # one name, one id, across pieces
    assert len({e.entity_id for e in article.entities}) == len(ids)
    # each piece says what it says alone: the first piece's claims are those of its text alone
    first = pieces[0]
    alone = selon.analyze(text[first.start : first.end], language="en", settings=small)
    head = [(c.content.start, c.content.text) for c in article.claims if c.content.end <= first.end]
    assert head == [(c.content.start, c.content.text) for c in alone.claims]


@pytest.mark.slow
def test_a_text_over_max_chars_is_refused_alone_and_skipped_in_a_batch(settings) -> None:
    import selon

    small = settings.override(limits_max_chars=200)
    long_text = "The senator said the vote was fair. " * 10
    with pytest.raises(DocumentLimitError, match="max_chars") as caught:
        selon.analyze(long_text, language="en", settings=small)
    assert caught.value.exit_code == 16
    docs = [
        RawDocument(id="a", text="The senator said the vote was fair.", origin="a"),
        RawDocument(id="long", text=long_text, origin="long"),
        RawDocument(id="b", text="The mayor said the road was closed.", origin="b"),
    ]
    out = list(selon.analyze_documents(docs, language="en", settings=small))
    # refused before the batch is parsed, so reported before the batch's articles; each input once
    assert sorted((getattr(x, "id", None) or x.origin, type(x).__name__) for x in out) == [
        ("a", "Article"),
        ("b", "Article"),
        ("long", "Skipped"),
    ]
    skipped = next(x for x in out if isinstance(x, Skipped))
    assert "max_chars" in skipped.reason
