"""selon's pipeline stages as spaCy components, all registered here by :func:`register`.

Each stage reads what an earlier one assigned and writes its result on ``Doc._``:

    selon_segmenter  (before the parser)  -> token.is_sent_start, doc._.selon_headings, doc._.selon_boilerplate
    selon_entities   (after ner)          -> doc._.selon_entities
    selon_figures                          -> doc._.selon_figures
    selon_claims                           -> doc._.selon_claims

spaCy users call ``selon.nlp.register()`` once, then ``nlp.add_pipe("selon_segmenter", before="parser")``
and the others at the end, in that order.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

EXTENSIONS: dict[str, Any] = {
    "selon_headings": None,  # list[tuple[int, int]]: character spans of headings
    "selon_boilerplate": None,  # list[tuple[int, int]]: character spans of page furniture
    "selon_heading_hints": None,  # list[tuple[int, int]]: headings known from the HTML structure
    "selon_entities": None,  # list[selon.model.Entity]
    "selon_figures": None,  # list[selon.model.Figure]
    "selon_claims": None,  # list[selon.model.Claim]
}

STAGES = ("selon_segmenter", "selon_entities", "selon_figures", "selon_claims")


def _excluded(doc: Doc) -> list[tuple[int, int]]:
    return list(doc._.selon_headings or []) + list(doc._.selon_boilerplate or [])


def _segmenter(nlp: Language, name: str):
    from selon.nlp.segment import segment

    def component(doc: Doc) -> Doc:
        return segment(doc, doc._.selon_heading_hints)

    return component


def _entities(nlp: Language, name: str):
    from selon.nlp.entities import find_entities

    def component(doc: Doc) -> Doc:
        doc._.selon_entities = find_entities(doc, _excluded(doc))
        return doc

    return component


def _figures(nlp: Language, name: str):
    from selon.nlp.figures.extract import extract_figures

    def component(doc: Doc) -> Doc:
        excluded = _excluded(doc)
        doc._.selon_figures = [
            f for f in extract_figures(doc) if not any(f.start < e and s < f.end for s, e in excluded)
        ]
        return doc

    return component


def _claims(nlp: Language, name: str, carry_on_sentences: int, asserted_claims: bool):
    from selon.nlp.claims.build import build_claims
    from selon.nlp.doc_arrays import DocArrays

    def component(doc: Doc) -> Doc:
        doc._.selon_claims = build_claims(
            doc,
            doc._.selon_entities or [],
            doc._.selon_figures or [],
            _excluded(doc),
            carry_on=carry_on_sentences,
            asserted=asserted_claims,
        )
        DocArrays.release(doc)  # the last stage: the token arrays need not live as long as the Doc
        return doc

    return component


def register() -> None:
    """Register the Doc extensions and the component factories (idempotent)."""
    for ext, default in EXTENSIONS.items():
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=default)
    if Language.has_factory("selon_claims"):
        return
    Language.factory(
        "selon_segmenter",
        requires=["token.pos"],
        assigns=["token.is_sent_start", "doc._.selon_headings", "doc._.selon_boilerplate"],
        func=_segmenter,
    )
    Language.factory(
        "selon_entities",
        requires=["doc.ents", "token.dep", "token.lemma"],
        assigns=["doc._.selon_entities"],
        func=_entities,
    )
    Language.factory(
        "selon_figures",
        requires=["token.dep", "token.lemma", "token.pos"],
        assigns=["doc._.selon_figures"],
        func=_figures,
    )
    Language.factory(
        "selon_claims",
        requires=["token.dep", "doc._.selon_entities", "doc._.selon_figures"],
        assigns=["doc._.selon_claims"],
        default_config={"carry_on_sentences": 2, "asserted_claims": True},
        func=_claims,
    )
