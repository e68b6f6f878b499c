"""Helpers the rules of both languages share: the tense of a cue, the subject of a verb, nouns for people.

``rules`` (both languages) and ``fr`` (the French constructions) read these, and ``claims`` too; they
import nothing from either, so a rule module of one language can use them without a cycle.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

from selon.nlp.attribution.fr_incises import inverted_subject
from selon.nlp.lexicon import NOT_SOURCE_SUBJECTS, PERSON_ENDINGS, PERSON_NOUNS, RELATIVES, lexicon_for

_SUBJ_DEPS = ("nsubj", "nsubj:pass", "nsubjpass", "expl:subj")


def is_past(verb: Token) -> bool:
    """Whether the verb is in a past tense: "said", "a déclaré", "affirmait"."""
    if verb.tag_ == "VBD":
        return True
    tense = verb.morph.get("Tense", [])
    if "Past" in tense and "Part" in verb.morph.get("VerbForm", []):
        return True
    return "Imp" in tense or ("Past" in tense and verb.pos_ == "VERB")


def subject(verb: Token) -> Token | None:
    """Who speaks through ``verb``: its subject, an inverted French pronoun, or the antecedent of a
    relative; None for a subject that names nobody ("cela", "it", an impersonal "il")."""
    if verb.lang_ == "fr":
        inverted = inverted_subject(verb)
        if inverted is not None:
            return inverted
    subj = grammatical_subject(verb)
    if subj is None:
        return None
    low = subj.lower_
    if low in RELATIVES and subj.head.dep_ in ("acl:relcl", "relcl") and subj.head.head.pos_ in ("NOUN", "PROPN"):
        return subj.head.head  # "le ministre, qui a déclaré que ...": the relative's antecedent
    if low in NOT_SOURCE_SUBJECTS or low in RELATIVES:
        return None
    if low == "il" and subj.dep_ in ("nsubj:pass", "expl:subj", "expl:pv"):
        return None  # impersonal: "il a été observé que ..."
    return subj


def grammatical_subject(verb: Token) -> Token | None:
    """The parse's subject of ``verb``, or of the verb it hangs on ("a-t-il estimé, soulignant que")."""
    node: Token | None = verb
    for _ in range(3):
        if node is None:
            break
        if node.i != verb.i and node.lang_ == "fr":
            inverted = inverted_subject(node)  # "a-t-il estimé, soulignant que ..."
            if inverted is not None:
                return inverted
        for child in node.children:
            if child.dep_ in _SUBJ_DEPS and child.lower_ != "-t":
                return child
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head.i != node.i:
            node = node.head
        else:
            break
    return None


def is_person_noun(head: Token) -> bool:
    """Stricter than :func:`noun_kind`: the noun itself says it names people ("toxicologue", "opposants")."""
    lemma = head.lemma_.lower()
    if lemma in PERSON_NOUNS or head.lower_ in PERSON_NOUNS:
        return True
    return noun_kind(head) == "person" and head.lower_.endswith(PERSON_ENDINGS)


def noun_kind(head: Token) -> Literal["person", "unnamed"]:
    """'person' for a noun naming people ("le juge", "the senator"), 'unnamed' for things."""
    lemma = head.lemma_.lower()
    if lemma in PERSON_NOUNS or head.lower_ in PERSON_NOUNS:
        return "person"
    if lemma.endswith(lexicon_for(head.lang_).thing_endings):
        return "unnamed"
    return "person"
