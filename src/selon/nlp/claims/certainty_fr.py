"""The certainty of a French claim, by the guidelines (docs/attribution-guidelines.md, "Certainty" and
decisions 1 and 2).

In order: a negated cue or a refuting one denies ("ne dit pas", "dément", "remet en question"); a
conditional or a modal in the content's main clause, or a conditional in the cue, hedges ("pourraient
s'étendre", "aurait demandé"), except the future in the past after a past cue ("a annoncé qu'il
serait candidat"); a cue of knowledge or perception confirms ("révèle", "sait que", "a constaté"); a cue
of belief hedges ("estime", "craint", "se demande"); anything else with a source or a cue is reported.
Only the content's main clause counts: "a condamné un crime qui pourrait saper les efforts" is no hedge.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from selon.model import Certainty, Claim, Source
from selon.nlp.attribution.fr_incises import infinitives
from selon.nlp.attribution.shared import is_past
from selon.nlp.claims.mood import is_french_conditional
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import Lexicon
from selon.nlp.lexicon.fr import NEGATION_BEFORE
from selon.nlp.lexicon.fr_certainty import (
    AFFIRMING_NEGATIONS,
    BLAME_NOUNS,
    CONDEMN_LEMMAS,
    CONFIRM_LEMMAS,
    CONFIRM_PHRASES,
    DENY_LEMMAS,
    DENY_PHRASES,
    FIRST_PERSON,
    FORM_LEMMAS,
    HEDGE_ADVERBS,
    HEDGE_LEMMAS,
    HEDGE_LOCUTIONS,
    HEDGE_PHRASES,
    MODAL_FUTURES,
    NEGATORS,
    POSSIBILITY_LEMMAS,
    REFLEXIVE_HEDGES,
    REFLEXIVES,
    REFLEXIVES_PLURAL,
    REFUTED_NOUNS,
    SPEECH_PHRASES,
)

#: dependencies that open a subordinate clause: below them the content's main clause has ended
_SUBORDINATE_DEPS = frozenset(
    {"acl", "acl:relcl", "relcl", "advcl", "ccomp", "csubj", "csubj:pass", "xcomp", "appos", "dislocated"}
)


def _lemma_sets(tokens: list[Token]) -> list[set[str]]:
    """Candidate lemmas of each cue word: the tagger's and the infinitive its ending suggests."""
    found = []
    for tok in tokens:
        cands = infinitives(tok) | {tok.lower_}
        if tok.lower_ in FORM_LEMMAS:
            cands.add(FORM_LEMMAS[tok.lower_])
        elif tok.lower_.endswith("ant") and len(tok.lower_) > 5:
            cands.add(tok.lower_[:-3] + "er")  # "estimant", "considérant"
        found.append(cands)
    return found


def _has_phrase(tokens: list[Token], lemmas: list[set[str]], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the lemmas of consecutive cue words (adverbs and articles skipped) spell a phrase."""
    for phrase in phrases:
        k = 0
        for tok, cands in zip(tokens, lemmas, strict=True):
            if phrase[k] in cands:
                k += 1
                if k == len(phrase):
                    return True
            elif k and tok.pos_ not in ("ADV", "DET"):
                k = 1 if phrase[0] in cands else 0
    return False


def _reflexive(doc: Doc, cue: tuple[int, int]) -> bool:
    """ "se demande", "je me demande", "nous nous demandons": the cue's verb is reflexive."""
    for i in range(max(cue[0] - 1, 0), cue[1]):
        low, before = doc[i].lower_, doc[i - 1].lower_ if i else ""
        if low in REFLEXIVES and (not REFLEXIVES[low] or before.startswith(REFLEXIVES[low])):
            return True
        if low in REFLEXIVES_PLURAL and before == low:
            return True
    return False


def _negated(doc: Doc, cue: tuple[int, int]) -> bool:
    """Whether the cue is negated ("n'a jamais dit", "ne sait pas", "on ne sait si"), which the
    restrictive "ne ... que" ("n'a désigné que", "ne sait qu'une chose") and "ne cesse de" are not."""
    lo, hi = cue
    ne = [i for i in range(max(lo - 1, 0), hi) if doc[i].lower_ in NEGATION_BEFORE]
    if not ne or any(doc[i].lower_ in ("que", "qu'", "qu’") for i in range(lo, hi)):
        return False
    if any(doc[i].lemma_.lower() in AFFIRMING_NEGATIONS for i in range(lo, min(hi + 2, len(doc)))):
        return False
    if any(doc[i].lower_ in NEGATORS for i in range(ne[0] + 1, min(hi + 2, len(doc)))):
        return True
    return not (hi < len(doc) and doc[hi].lower_ in ("que", "qu'", "qu’"))


def _content_roots(doc: Doc, content: tuple[int, int]) -> list[Token]:
    lo, hi = content
    heads = DocArrays.current(doc).head
    return [doc[i] for i in range(lo, hi) if not lo <= heads[i] < hi or heads[i] == i]


def main_clause(doc: Doc, content: tuple[int, int]) -> list[Token]:
    """The words of the content's main clause(s): its roots and what hangs on them, down to (not into)
    a subordinate clause; coordinated main clauses ("que A et que B") are main clauses too."""
    lo, hi = content
    seen: list[Token] = []
    stack = _content_roots(doc, content)
    marked = {t.i for t in stack}
    while stack:
        tok = stack.pop()
        seen.append(tok)
        for child in tok.children:
            if lo <= child.i < hi and child.i not in marked and child.dep_ not in _SUBORDINATE_DEPS:
                marked.add(child.i)
                stack.append(child)
    return sorted(seen, key=lambda t: t.i)


def content_hedges(doc: Doc, content: tuple[int, int], lex: Lexicon, past_cue: bool) -> list[Token]:
    """Conditionals, modals and hedging words of the content's main clause."""
    found: list[Token] = []
    for tok in main_clause(doc, content):
        low, nxt = tok.lower_, doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
        if low in HEDGE_ADVERBS or low in lex.hedge_words or (low, nxt) in HEDGE_LOCUTIONS:
            if not (low in ("semble", "semblent") and tok.i >= 2 and doc[tok.i - 2].lower_ == "bon"):
                found.append(tok)
        elif low in MODAL_FUTURES and tok.pos_ in ("VERB", "AUX"):
            found.append(tok)
        elif (
            tok.pos_ in ("VERB", "AUX")
            and is_french_conditional(tok)
            and (not past_cue or tok.lemma_.lower() in lex.modal_verbs)
        ):  # after a past cue a conditional is the future in the past, but "pourrait" still hedges
            found.append(tok)
    return found


def _heads_in(doc: Doc, content: tuple[int, int], nouns: frozenset[str]) -> bool:
    """ "condamne les « allégations mensongères »": whether the content's head is one of ``nouns``."""
    return any(t.lower_ in nouns for t in _content_roots(doc, content))


def _cue_class(doc: Doc, cue: tuple[int, int], content: tuple[int, int]) -> Certainty | None:
    """What the cue's own words make of the claim: denied, confirmed, hedged, or None (speech)."""
    tokens = list(doc[cue[0] : cue[1]])
    lemmas = _lemma_sets(tokens)
    every = set().union(*lemmas) if lemmas else set()
    blames = _heads_in(doc, content, BLAME_NOUNS) and any(t.lower_ == "sur" for t in doc[content[0] : content[1]])
    if (every & DENY_LEMMAS and not blames) or _has_phrase(tokens, lemmas, DENY_PHRASES):
        return "denied"
    if every & CONDEMN_LEMMAS and _heads_in(doc, content, REFUTED_NOUNS):
        return "denied"
    if _has_phrase(tokens, lemmas, SPEECH_PHRASES):
        return None
    if _has_phrase(tokens, lemmas, HEDGE_PHRASES) or (every & REFLEXIVE_HEDGES and _reflexive(doc, cue)):
        return "hedged"
    if every & CONFIRM_LEMMAS or _has_phrase(tokens, lemmas, CONFIRM_PHRASES):
        return "confirmed"
    if every & HEDGE_LEMMAS:
        return "hedged"
    return None


def french_certainty(
    doc: Doc, cue: tuple[int, int], content: tuple[int, int], past_cue: bool, lex: Lexicon
) -> tuple[Certainty, list[Token], bool]:
    """The certainty of one French claim with a cue, the hedging words that decided it, and whether
    the cue itself decided it (a denial, a confirmation, a belief)."""
    kind = _cue_class(doc, cue, content)
    if _negated(doc, cue):
        if kind == "denied":  # "ne dément pas l'information": the refutation itself is negated
            return "reported", [], False
        lemmas = set().union(*_lemma_sets(list(doc[cue[0] : cue[1]])))
        # "n'exclut pas de se présenter": a possibility left open
        return ("hedged" if lemmas & POSSIBILITY_LEMMAS else "denied"), [], True
    verbs = [t for t in doc[cue[0] : cue[1]] if t.pos_ in ("VERB", "AUX")]
    past_cue = past_cue or any(is_past(t) for t in verbs)
    hedges = content_hedges(doc, content, lex, past_cue)
    hedges += [t for t in verbs if is_french_conditional(t)]  # "pourrait commenter", "aurait demandé"
    hedges += [t for t in doc[cue[0] : cue[1]] if t.lower_ in HEDGE_ADVERBS]
    if kind == "denied":
        return "denied", [], True
    if hedges:
        return "hedged", sorted(hedges, key=lambda t: t.i), False
    if kind is not None:
        return kind, [], True
    return "reported", [], False


def confirmation_spans(
    doc: Doc, verb: Token, evidence: list[Token]
) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]] | None:
    """ "Ces informations ont été confirmées par des images satellites": an attribution of its own
    (decision 5, a passive), whose content runs from the subject to the verb, whose cue is the verb
    group and whose source is the agent, the evidence with its relay ("obtenus par Reuters")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subj is None or not evidence:
        return None
    first_aux = min([c.i for c in verb.lefts if c.dep_.startswith("aux")] + [verb.i])
    start = min(subj.left_edge.i, first_aux)
    ends = [t.right_edge.i + 1 for t in evidence]
    s0, s1 = evidence[0].left_edge.i, max(ends)
    while s0 < s1 - 1 and doc[s0].pos_ == "ADP":  # "par"
        s0 += 1
    while s1 > s0 and (doc[s1 - 1].is_punct or doc[s1 - 1].is_space):
        s1 -= 1
    return (start, verb.i + 1), (first_aux, verb.i + 1), (s0, s1)


def as_evidence(source: Source, name: str) -> Source:
    """The evidence as a source: a document named by its first piece, with no role and no
    organisation (the outlet that obtained it, "obtenus par Reuters", is a channel)."""
    update: dict[str, object] = {
        "name": name,
        "kind": "document",
        "role": None,
        "organization": None,
        "organizations": [],
    }
    return source.model_copy(update=update)


def _speculation(doc: Doc, content: tuple[int, int]) -> bool:
    """Whether a hedged sentence of the outlet's own is no report (decision 3): its conditionals are
    all hypotheticals ("Si ..., il s'attendrait") or the writer's own voice ("je serais", "On se
    croirait"), or it has none and only a hedging adverb ("Le Breton prend peut-être son temps")."""
    clause = main_clause(doc, content)
    conditionals = [t for t in clause if t.pos_ in ("VERB", "AUX") and is_french_conditional(t)]
    if not conditionals:
        return not any(t.lower_ in ("semble", "semblent", "paraît") for t in clause)
    for tok in conditionals:
        verb = tok.head if tok.dep_.startswith("aux") or tok.dep_ == "cop" else tok
        hypothetical = any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("si", "s'", "s’") for m in c.children)
            for c in verb.children
        )
        subjects = [c for t in (tok, verb) for c in t.children if c.dep_.startswith("nsubj")]
        voice = any(c.lower_ in FIRST_PERSON for c in subjects)
        if not hypothetical and not voice:
            return False
    return True


def outlet_speculation(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """The outlet's own hedged sentences that are speculation become its assertions again."""
    out = []
    for claim in claims:
        if claim.certainty == "hedged" and claim.source is None and claim.cue is None and not claim.quote:
            span = doc.char_span(claim.content.start, claim.content.end, alignment_mode="expand")
            if span is not None and _speculation(doc, (span.start, span.end)):
                claim = claim.model_copy(update={"certainty": "asserted", "certainty_cues": []})
        out.append(claim)
    return out
