"""Periods named in words: the rate period a word names ("mois" -> "month"), and a period named
relative to now ("last year", "l'an dernier", "cette année").

Read both by the unit rules (a counted noun that is a relative period is no unit) and by the
framing rules (rates and the time of a figure).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from selon.nlp.figures.reader import DocReader
from selon.nlp.lexicon import figure_frames as framing
from selon.nlp.lexicon import figures as lex


@lru_cache(maxsize=65536)
def period_of(text: str) -> str | None:
    """The rate period a word names ("mois" -> "month"), if any (kept per word: every distinct
    word of every Doc is asked)."""
    for cat, canon in lex.unit_entries(text) or lex.unit_entries(text.lower()):
        if cat == "period":
            return canon
    return None


def relative_time(ex: DocReader, t: Token) -> str | None:
    """ "last year", "l'an dernier", "cette année": a period named relative to now, as written."""
    if (
        period_of(t.text) not in ("year", "month", "week", "quarter")
        or t.pos_ not in ("NOUN", "PROPN")
        or t.tag_ == "NNS"
    ):
        return None
    i, doc = t.i, ex.doc
    if ex.low(i - 1) in framing.RELATIVE_BEFORE:
        return ex.text[doc[i - 1].idx : t.idx + len(t.text)]
    if ex.low(i + 1) in framing.RELATIVE_AFTER and ex.low(i - 1) in ("l'", "le", "la", "les") and ex.low(i + 1) != "en":
        return ex.text[doc[i - 1].idx : doc[i + 1].idx + len(doc[i + 1].text)]
    return None
