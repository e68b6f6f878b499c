"""Long and mixed-language documents analysed in pieces, and the pieces' results joined into one Article.

spaCy refuses a text over ``nlp.max_length`` characters, and its memory grows faster than the text
(a 500,000-character article needs 2 GB). A document longer than ``[limits] piece_chars`` is therefore
cut at paragraph boundaries into pieces that each go through the same pipeline; a document whose
paragraphs are clearly in two languages is cut where the language changes, each run analysed in its
own language. :func:`join_articles` then shifts every span of every piece back onto the full text, so
``article.text[s.start:s.end] == s.text`` holds as for any Article. An ordinary document is one piece
and never reaches this module's joining code: its output is the pipeline's, unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TypeVar

from pydantic import BaseModel

from selon.ingest.document import RawDocument
from selon.ingest.language import other_language
from selon.model import Article, Claim, Entity, Source, Span
from selon.settings import Settings

_PARAGRAPH_END = re.compile(r"\n[^\S\n]*\n\s*")  # a blank line and the whitespace after it
_LINE_END = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"[.!?…»”\"]\s+")
_SPACE = re.compile(r"\s+")
_M = TypeVar("_M", bound=BaseModel)


@dataclass(frozen=True)
class Piece:
    """``text[start:end]`` analysed in ``language``; the pieces of a document cover it end to end."""

    start: int
    end: int
    language: str


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, the blank lines after it included: they cover ``text``."""
    cuts = [0, *(m.end() for m in _PARAGRAPH_END.finditer(text)), len(text)]
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to end a stretch that starts at ``start`` and may not pass ``limit``: after the last line
    end, else sentence end, else space of the second half of the window; a hard cut when there is none."""
    floor = start + (limit - start) // 2
    for pattern in (_LINE_END, _SENTENCE_END, _SPACE):
        ends = [m.end() for m in pattern.finditer(text, floor, limit) if m.end() < limit]
        if ends:
            return ends[-1]
    return limit


def _split_run(text: str, spans: Sequence[tuple[int, int]], language: str, size: int) -> list[Piece]:
    """Consecutive paragraphs of one language gathered into pieces of at most ``size`` characters."""
    pieces: list[Piece] = []
    start = spans[0][0]
    end = start
    for a, b in spans:
        if b - start <= size:
            end = b
            continue
        if end > start:
            pieces.append(Piece(start, end, language))
            start = a
        while b - start > size:  # one paragraph longer than a piece: cut at a line, sentence or space
            cut = _cut_point(text, start, start + size)
            pieces.append(Piece(start, cut, language))
            start = cut
        end = b
    if end > start:
        pieces.append(Piece(start, end, language))
    return pieces


def paragraph_languages(text: str, spans: Sequence[tuple[int, int]], language: str, settings: Settings) -> list[str]:
    """The language of each paragraph: ``language`` unless a long paragraph is clearly in another analysed
    language; a short paragraph (a heading, a dateline) goes with the paragraph before it."""
    out: list[str] = []
    current = language
    for a, b in spans:
        if b - a >= settings.analysis_paragraph_language_chars:
            found = other_language(
                text[a:b], language, settings.ingest_languages, settings.analysis_paragraph_language_confidence
            )
            current = found or language
        out.append(current)
    return out


def plan_pieces(text: str, language: str, settings: Settings, detect: bool = True) -> list[Piece]:
    """The pieces ``text`` is analysed in; one piece (the whole text, in ``language``) for ordinary news."""
    spans = paragraphs(text)
    if not spans:
        return [Piece(0, len(text), language)]
    detected = detect and len(spans) > 1
    langs = paragraph_languages(text, spans, language, settings) if detected else [language] * len(spans)
    if len(text) <= settings.limits_piece_chars and all(lang == language for lang in langs):
        return [Piece(0, len(text), language)]
    pieces: list[Piece] = []
    run_start = 0
    for i in range(1, len(spans) + 1):
        if i == len(spans) or langs[i] != langs[run_start]:
            pieces.extend(_split_run(text, spans[run_start:i], langs[run_start], settings.limits_piece_chars))
            run_start = i
    return pieces


def piece_document(raw: RawDocument, piece: Piece, number: int) -> RawDocument:
    """The document of one piece: its text, and the HTML headings that fall in it, moved onto it."""
    hints = [(s - piece.start, e - piece.start) for s, e in raw.headings or [] if piece.start <= s and e <= piece.end]
    return replace(
        raw,
        id=f"{raw.id}#{number}",
        text=raw.text[piece.start : piece.end],
        language=piece.language,
        headings=hints,
    )


def _shift(model: _M, offset: int) -> _M:
    """A copy of ``model`` with every span in it, however deep, moved ``offset`` characters on."""
    update: dict[str, object] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            update[name] = _shift(value, offset)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[name] = [_shift(v, offset) for v in value]
    if isinstance(model, Span):
        update["start"] = model.start + offset
        update["end"] = model.end + offset
    return model.model_copy(update=update)


class _Names:
    """Entity ids and canonical names across pieces: the same name (case aside) is the same entity, and
    a person's surname alone joins the one longest full name an earlier piece gave it, as within one."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.persons: list[str] = []

    def canonical(self, entity: Entity) -> str:
        if entity.kind != "person" or entity.name.lower() in self.ids:
            return entity.name
        parts = entity.name.split()
        fulls = [p for p in self.persons if len(p.split()) > len(parts) and p.split()[-len(parts) :] == parts]
        return min(fulls, key=lambda p: (-len(p), p)) if fulls else entity.name

    def id_of(self, name: str, kind: str) -> int:
        key = name.lower()
        if key not in self.ids:
            self.ids[key] = len(self.ids) + 1
            if kind == "person":
                self.persons.append(name)
        return self.ids[key]


def _renamed_source(source: Source | None, renames: dict[str, str]) -> Source | None:
    if source is None or source.name not in renames:
        return source
    return source.model_copy(update={"name": renames[source.name]})


def join_articles(raw: RawDocument, language: str, pieces: Sequence[Piece], parts: Sequence[Article]) -> Article:
    """One Article over ``raw.text`` from the Articles of its pieces, every span moved onto the full text;
    claims renumbered c1, c2, ... in order, entity ids and names made one across pieces."""
    names = _Names()
    entities: list[Entity] = []
    claims: list[Claim] = []
    out: dict[str, list] = {"quantities": [], "headings": [], "boilerplate": []}
    for piece, part in zip(pieces, parts):
        renames: dict[str, str] = {}
        for entity in part.entities:
            name = names.canonical(entity)
            if name != entity.name:
                renames[entity.name] = name
            moved = _shift(entity, piece.start)
            entities.append(moved.model_copy(update={"name": name, "entity_id": names.id_of(name, entity.kind)}))
        for claim in part.claims:
            moved_claim = _shift(claim, piece.start)
            update: dict[str, object] = {"id": f"c{len(claims) + 1}"}
            if renames:
                update["source"] = _renamed_source(moved_claim.source, renames)
            claims.append(moved_claim.model_copy(update=update))
        for key in out:
            out[key].extend(_shift(item, piece.start) for item in getattr(part, key))
    return Article(
        id=raw.id,
        language=language,
        text=raw.text,
        title=raw.title,
        outlet=raw.outlet,
        url=raw.url,
        published=raw.published,
        captured=raw.captured,
        entities=entities,
        quantities=out["quantities"],
        claims=claims,
        headings=out["headings"],
        boilerplate=out["boilerplate"],
    )
