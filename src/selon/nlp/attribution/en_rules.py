"""English-only tests the shared rules of ``rules`` ask: whether "per X" names a source.

"per" opens an English adjunct ("per the report", "per Reuters") but also a rate ("$120 per square
foot"); French has no such word among its adjuncts.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from selon.nlp.lexicon import Lexicon

_SOURCE_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def per_names_source(doc: Doc, i: int, head: Token, lex: Lexicon) -> bool:
    """Whether "per X" names a source ("per the report", "per Reuters"), not a rate ("$120 per
    square foot", "three per cent"): a name or a word for a source, after no figure."""
    prev = doc[i - 1] if i > 0 else None
    if prev is not None and (
        prev.like_num or prev.pos_ in ("NUM", "SYM") or prev.ent_type_ in ("MONEY", "PERCENT", "QUANTITY")
    ):
        return False
    if head.pos_ == "PROPN" or head.ent_type_ in _SOURCE_ENTS:
        return True
    lemma = head.lemma_.lower()
    return any(
        lemma in words
        for words in (
            lex.information_nouns,
            lex.document_nouns,
            lex.anonymous_nouns,
            lex.media_words,
            lex.assessment_nouns,
        )
    )
