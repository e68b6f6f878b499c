"""Mood and hedging: is a clause reported as unconfirmed?

The French tagger often labels conditionals as imperfect ("fournirait" -> Ind|Imp), so the
conditional is recognised from the verb's form and lemma: conditional = future stem + imperfect
ending, where the future stem is the infinitive ("fournir-ait", "viser-aient", "prendr-ait") or an
irregular stem ("ser-ait", "pourr-ait").
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.nlp.lexicon.fr import CONDITIONAL_ENDINGS, CONDITIONAL_STEMS


def is_french_conditional(token: Token) -> bool:
    """True for a French verb in the conditional, whatever the tagger said."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if "Cnd" in token.morph.get("Mood", []):
        return True
    form = token.lower_
    for ending in CONDITIONAL_ENDINGS:
        if form.endswith(ending):
            stem = form[: -len(ending) + 1]  # keep the 'r' of the future stem
            break
    else:
        return False
    lemma = token.lemma_.lower()
    if stem in CONDITIONAL_STEMS or any(stem.endswith(s) and len(s) > 3 for s in CONDITIONAL_STEMS):
        return True
    if lemma.endswith("er") or lemma.endswith("ir"):
        return stem == lemma
    if lemma.endswith("re"):
        return stem == lemma[:-1]
    return False


def is_english_conditional(token: Token) -> bool:
    """'would' and 'could' mark an unconfirmed or hypothetical statement."""
    return token.lower_ in ("would", "could", "might", "may", "'d") and token.tag_ == "MD"


def is_conditional(token: Token) -> bool:
    if token.lang_ == "fr":
        return is_french_conditional(token)
    return is_english_conditional(token)
