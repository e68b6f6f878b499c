"""Mood and hedging: is a clause reported as unconfirmed?

The French tagger often labels conditionals as imperfect ("fournirait" -> Ind|Imp), so the
conditional is recognised from the verb's form and lemma: conditional = future stem + imperfect
ending, where the future stem is the infinitive ("fournir-ait", "viser-aient", "prendr-ait") or an
irregular stem ("ser-ait", "pourr-ait").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import Lexicon
from selon.nlp.lexicon.en import EPISTEMIC_MODALS
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


def hedging_words(doc: Doc, start: int, end: int, lex: Lexicon, past_cue: bool) -> list[Token]:
    """Words of doc[start:end] that mark the content as unconfirmed."""
    found: list[Token] = []
    a = DocArrays.current(doc)
    lower, pos, tag = a.lower_, a.pos_, a.tag_
    french, english = doc.lang_ == "fr", doc.lang_ == "en"
    for i in range(*slice(start, end).indices(a.n)):  # as doc[start:end]
        low = lower[i]
        if low in lex.hedge_words:
            # "comme bon lui semble" is an idiom, not a doubt
            hedge = not (low in ("semble", "semblent") and i >= 2 and lower[i - 2] == "bon")
        elif french and pos[i] in ("VERB", "AUX") and is_conditional(doc[i]):  # only verbs can be
            hedge = not past_cue or a.lemma_lower[i] in lex.modal_verbs
        elif english and tag[i] == "MD":
            hedge = low in EPISTEMIC_MODALS or (low in ("would", "'d") and not past_cue)
        else:
            continue
        if hedge:
            found.append(doc[i])
    return found
