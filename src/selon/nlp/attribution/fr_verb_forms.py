"""French verb forms the complement readers test: an infinitive (with its auxiliary or copula), and
the bare adjunct that may stand between a verb and its infinitive ("a avoué ce lundi avoir tué")."""

from __future__ import annotations

from spacy.tokens import Token

from selon.nlp.lexicon.fr import ADJECTIVE_ENDINGS


def time_adjunct(tok: Token, verb: Token) -> bool:
    """A word of an adjunct of ``verb`` with no preposition ("a avoué ce lundi 6 mars avoir tué")."""
    while tok.head.i != verb.i and tok.head.i != tok.i:
        tok = tok.head
    return (
        tok.head.i == verb.i
        and tok.dep_ in ("obl:mod", "obl", "nmod")
        and not any(c.dep_ == "case" for c in tok.children)
    )


def is_infinitive(tok: Token) -> bool:
    """ "voter", and "avoir vu", "être marginalisé": an infinitive, or a participle with one as auxiliary."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if "Inf" in tok.morph.get("VerbForm", []):
        return True
    return any(c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm", []) for c in tok.lefts)


def copular_infinitive(tok: Token) -> bool:
    """ "être favorable à la république": an adjective or noun with an infinitive copula."""
    return tok.pos_ in ("ADJ", "NOUN") and any(
        c.dep_ == "cop" and "Inf" in c.morph.get("VerbForm", []) and c.i < tok.i for c in tok.lefts
    )


def participle_form(tok: Token, lemma: str) -> bool:
    """Whether ``tok`` can be the past participle of ``lemma`` the parse says it is: a verb in "-er"
    makes it in "-é(e)(s)", so "présentes" is the adjective "présent", not "présenter"."""
    return not (lemma.endswith("er") and tok.lower_.endswith(ADJECTIVE_ENDINGS))
