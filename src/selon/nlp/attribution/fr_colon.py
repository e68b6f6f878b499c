"""French colon introductions: the words a colon, a speech verb or a statement noun announces.

"X estime : « ... »" takes the verb as its cue, and "X estime qu'A : « B »" gives two attributions
through it; "X a comptabilisé 10 000 manifestants : « ... »", with no speech verb, has the colon as
its cue and the clause's subject as its source; "... signer une déclaration : « ... »" has the noun;
"... avec un message : « ... »" names no author (docs/attribution-guidelines.md). The quotation's
words are taken up to the end of its sentence; ``fr_quotes`` joins those that run on.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from selon.nlp.attribution.fr_incises import infinitive, infinitives, is_cue_form
from selon.nlp.attribution.shared import is_past, noun_kind, subject
from selon.nlp.attribution.span import Attribution, noun_phrase, quoted_tokens, trim
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import COMPLEMENTIZERS, Lexicon
from selon.nlp.lexicon.fr import AUX_FORMS
from selon.nlp.lexicon.fr_quotes import (
    INTRODUCING_VERBS,
    MESSAGE_NOUNS,
    REQUEST_VERBS,
    SPEAKER_PRONOUNS,
    STATEMENT_NOUNS,
)

OPENERS = frozenset({"«", "“"})
CLOSERS = frozenset({"»", "”"})
REFLEXIVES = frozenset({"se", "s'", "s’"})


def introductions(doc: Doc, sent: Span, lex: Lexicon, found: list[Attribution]) -> list[Attribution]:
    """The quotations a speech verb, a statement noun or a bare colon announces in ``sent``
    (``found``, the attributions already made, keeps its contents)."""
    used = {i for a in found for i in range(*a.content)}
    quoted = quoted_tokens(doc)
    out: list[Attribution] = []
    texts = DocArrays.current(doc).text
    for k in range(sent.start + 2, sent.end - 1):
        if texts[k] not in (":", ",", "«", "“") or k in quoted:
            continue
        made = _introduction(doc, sent, k, lex, quoted)
        if made and not any(i in used for a in made for i in range(*a.content)):
            out += made
            used.update(i for a in made for i in range(*a.content))
    return out


def _quote_after(doc: Doc, sent: Span, k: int) -> tuple[int, int] | None:
    """The words of the quotation opening at or right after token ``k``, up to its closing mark or the
    sentence end (a quotation that runs on is joined over its sentences later)."""
    q = k if doc[k].text in OPENERS else k + 1
    while q < sent.end and doc[q].is_space:
        q += 1
    if q >= sent.end or doc[q].text not in OPENERS:
        return None
    close = next((t for t in range(q + 1, sent.end) if doc[t].text in CLOSERS), sent.end)
    start, end = trim(doc, q + 1, close)
    return (start, end) if end - start >= 2 else None


def _introduction(doc: Doc, sent: Span, k: int, lex: Lexicon, quoted: frozenset[int]) -> list[Attribution]:
    """The attributions a colon, a comma or an opening mark at ``k`` introduces."""
    mark = doc[k].text
    content = _quote_after(doc, sent, k)
    verb = _cue_verb_before(doc, sent, k, lex, quoted, 16 if mark in (":", ",") else 4)
    if verb is not None and (mark in OPENERS or infinitive(verb, lex) not in REQUEST_VERBS):
        if content is None or (mark in OPENERS and not _opens_object(doc, sent, verb, k, content)):
            return []
        return _verb_introduction(doc, sent, verb, k, content, lex)
    if mark != ":":
        return []
    if content is None and verb is not None:  # "demande l'arrêt du mouvement : nous avons 6 morts"
        content = trim(doc, k + 1, sent.end)
        if content[1] - content[0] < 4 or not any(t.pos_ in ("VERB", "AUX") for t in doc[content[0] : content[1]]):
            return []
    if content is None:
        return []
    return _colon_introduction(doc, sent, k, content, verb)


def _cue_verb_before(doc: Doc, sent: Span, k: int, lex: Lexicon, quoted: frozenset[int], window: int) -> Token | None:
    """The speech verb closest before ``k`` in its clause (the tagger often calls it a noun)."""
    for v in range(k - 1, max(sent.start, k - window) - 1, -1):
        tok = doc[v]
        if tok.text in (".", ";", "«", "»", "“", "”") or v in quoted:
            return None
        if tok.pos_ in ("VERB", "NOUN", "ADJ", "PROPN") and _introduces(tok, lex):
            real_noun = tok.pos_ == "NOUN" and v > sent.start and doc[v - 1].pos_ == "DET"
            return None if real_noun else tok  # "l'annonce des résultats" is no verb
    return None


def _introduces(tok: Token, lex: Lexicon) -> bool:
    """A speech verb of the lexicon, or one that introduces a quotation ("a appelé « ... »", "s'est
    excusé « ... »")."""
    if is_cue_form(tok, lex):
        return True
    return tok.is_alpha and not tok.text[:1].isupper() and bool(infinitives(tok) & INTRODUCING_VERBS)


def _subject_before(doc: Doc, sent: Span, start: int) -> Token | None:
    """The speaker the parse lost, just before the verb group: a personal pronoun ("il déclare", read
    as impersonal) or a name and its apposition ("Petro, 58 ans, a tweeté")."""
    if start <= sent.start:
        return None
    before = doc[start - 1]
    if before.lower_ in SPEAKER_PRONOUNS:
        return before
    if before.text != ",":
        return None
    comma = next((j for j in range(start - 2, max(sent.start, start - 8) - 1, -1) if doc[j].text == ","), None)
    name = doc[comma - 1] if comma is not None and comma > sent.start else None
    return name if name is not None and (name.pos_ == "PROPN" or name.ent_type_ in ("PER", "PERSON")) else None


def _opens_object(doc: Doc, sent: Span, verb: Token, k: int, content: tuple[int, int]) -> bool:
    """The quotation mark at ``k`` opens the whole object of a finite speech verb: "a déclaré « ... »",
    "déclare à la police « ... »"; not "qualifie cette hypothèse de « ... »", "la loi dite « Sapin 2 »",
    "publiait « bien volontiers » cette tribune", nor a verb inside a "que" clause."""
    if content[1] - content[0] < 3 or ("Part" in verb.morph.get("VerbForm", []) and not _auxiliaries(verb, sent)):
        return False
    if any(c.dep_ == "mark" and c.lower_ in COMPLEMENTIZERS for c in verb.children):
        return False
    after = content[1] + 1 if content[1] < sent.end and doc[content[1]].text in CLOSERS else content[1]
    if after < sent.end and not (doc[after].is_punct or doc[after].pos_ in ("CCONJ", "ADP")):
        return False
    between = doc[verb.i + 1 : k]
    if not len(between) or all(t.pos_ == "ADV" for t in between):
        return True
    return between[0].lower_ in ("à", "au", "aux") and len(between) <= 4 and not any(t.is_punct for t in between)


def _auxiliaries(verb: Token, sent: Span) -> list[int]:
    return [c.i for c in verb.lefts if c.dep_.startswith("aux") and c.i >= sent.start]


def _verb_introduction(
    doc: Doc, sent: Span, verb: Token, k: int, content: tuple[int, int], lex: Lexicon
) -> list[Attribution]:
    """ "X estime : « B »" and "X estime qu'A : « B »": the quotation, and the "que" clause before it,
    through the verb group."""
    s, e = sent.start, sent.end
    aux = _auxiliaries(verb, sent)
    if not aux and verb.i > s and doc[verb.i - 1].lower_ in AUX_FORMS:
        aux = [verb.i - 1]  # "a tweeté", where the tagger lost the auxiliary
    start = min([*aux, verb.i])
    if start > s and doc[start - 1].lower_ in REFLEXIVES:
        start -= 1  # "s'est félicité"
    subj = subject(verb) or _subject_before(doc, sent, start)
    src = None
    if subj is not None:  # a subject before the verb ends where the verb group begins ("Duque a tweeté")
        src = _with_name_before(doc, sent, noun_phrase(doc, subj, s, start if subj.i < start else e))
        if src[1] < start - 1 and doc[src[1]].text == "," and doc[start - 1].text == ",":
            src = (src[0], start - 1)  # "Petro, 58 ans, a tweeté": the apposition is the source's
    quotation = Attribution(
        sentence=(s, e),
        content=content,
        cue=(start, verb.i + 1),
        source=src,
        source_head=subj.i if src is not None and subj is not None else None,
        kind="verb",
        quote=True,
        cue_lemma=infinitive(verb, lex),
        cue_past=is_past(verb) or any(is_past(doc[i]) for i in aux),
    )
    comp = next((t for t in doc[verb.i + 1 : k] if t.lower_ in COMPLEMENTIZERS), None)
    if comp is not None and (comp.pos_ == "SCONJ" or comp.i == verb.i + 1):
        clause = trim(doc, comp.i, k)
        if clause[1] - clause[0] >= 3:
            return [replace(quotation, content=clause, quote=False, extra={}), quotation]
    return [quotation]


def _colon_introduction(
    doc: Doc, sent: Span, k: int, content: tuple[int, int], request: Token | None
) -> list[Attribution]:
    """ "X a comptabilisé 10 000 manifestants : « une petite minorité »": the colon is the cue and the
    clause's subject the source; "... de signer une déclaration : « ... »" has the noun as its cue;
    "... avec un message : « ... »" names no author."""
    before = next((t for t in reversed(doc[sent.start : k]) if not t.is_punct), None)
    if before is None:
        return []
    cue = (k, k + 1)
    lemma = ":"
    speaker: Token | None = subject(request) if request is not None else main_subject(doc, sent, k)
    if before.lower_ in MESSAGE_NOUNS:
        speaker = None
    elif before.lower_ in STATEMENT_NOUNS:
        first = before.i - 1 if before.i > sent.start and doc[before.i - 1].pos_ == "DET" else before.i
        cue, lemma = (first, before.i + 1), before.lemma_.lower()
    elif speaker is None or not person_like(speaker):
        return []
    src = None
    if speaker is not None and speaker.i < k:
        src = _with_name_before(doc, sent, noun_phrase(doc, speaker, sent.start, k))
    return [
        Attribution(
            sentence=(sent.start, sent.end),
            content=content,
            cue=cue,
            source=src,
            source_head=speaker.i if src is not None and speaker is not None else None,
            kind="verb",
            quote=content[0] > sent.start and doc[content[0] - 1].text in OPENERS,
            cue_lemma=lemma,
        )
    ]


def _with_name_before(doc: Doc, sent: Span, src: tuple[int, int]) -> tuple[int, int]:
    """ "Castaner, le ministre de l'Intérieur, a ...": the name the parse left before the subject's
    apposition belongs to the source."""
    comma = src[0] - 1
    if comma <= sent.start or doc[comma].text != "," or doc[comma - 1].ent_type_ not in ("PER", "PERSON"):
        return src
    start = comma - 1
    while start > sent.start and doc[start - 1].ent_type_ in ("PER", "PERSON") and doc[start].ent_iob_ == "I":
        start -= 1
    return (start, src[1]) if start == sent.start or doc[start - 1].is_punct else src


def main_subject(doc: Doc, sent: Span, k: int) -> Token | None:
    """The subject of the last main-clause verb before ``k`` ("elle est devenue un symbole en montrant
    ... :" gives "elle", not the subject of the clause inside)."""
    root = sent.root
    if root.i >= k:
        return None
    verb = root
    for tok in doc[root.i + 1 : k]:
        if tok.dep_ == "conj" and tok.head.i == verb.i and tok.pos_ in ("VERB", "AUX"):
            verb = tok
    subj = subject(verb)
    return subj if subj is not None and subj.i < k else None


def person_like(tok: Token) -> bool:
    """A name, a personal pronoun, an organisation or a noun for people: who may speak."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PER", "PERSON", "ORG"):
        return True
    if tok.pos_ == "PRON":
        return tok.lower_.lstrip("-") in SPEAKER_PRONOUNS
    return tok.pos_ == "NOUN" and noun_kind(tok) == "person"


def only_marks(doc: Doc, start: int, end: int) -> bool:
    """Nothing but punctuation and spaces in tokens [start, end)."""
    return all(t.is_punct or t.is_space for t in doc[start:end])
