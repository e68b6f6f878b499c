"""The French constructions of attribution, beside the rules both languages share (``rules``).

``rules.find_attributions`` runs the adjuncts for every language, then, for French, the
constructions below (:func:`french_constructions`), then the speech-verb rule, which asks this
module the French-only questions (:func:`is_periphrasis`, :func:`reports_no_words`,
:func:`needs_que_unmet`, :func:`guessed_infinitive`). A new French rule goes here; the incises read
from the surface live in ``fr_incises``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from selon.nlp.attribution import fr_colon
from selon.nlp.attribution.fr_clefts import pseudo_clefts
from selon.nlp.attribution.fr_frames import frames, reshape_adjuncts
from selon.nlp.attribution.fr_incises import find_incises, infinitive, is_cue_form
from selon.nlp.attribution.span import QUOTE_CHARS, Attribution, noun_phrase, quoted_tokens, trim
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import COMPLEMENTIZERS, Lexicon
from selon.nlp.lexicon.fr import CUE_MODALS, NEEDS_QUE, NEGATION_AFTER, NEGATION_BEFORE, PERIPHRASIS_VERBS, READ_VERBS
from selon.nlp.lexicon.fr_verbs import entries_for, verb_frames


def french_constructions(doc: Doc, sent: Span, lex: Lexicon, found: list[Attribution]) -> list[Attribution]:
    """``found`` (the adjuncts of ``sent``, their contents shaped by the guidelines) followed by its
    French-only attributions: "peut-on lire dans", the incises, the quotations a verb, a noun or a
    colon announces (``fr_colon``), then the nominal and prepositional frames ("l'idée que", "pour
    X,", ``fr_frames``)."""
    found = reshape_adjuncts(doc, sent, lex, found)
    found += read_in(doc, sent)
    found += incises(doc, sent, lex, found)
    found += fr_colon.introductions(doc, sent, lex, found)
    found += pseudo_clefts(doc, sent, found)  # "ce que révèle X, c'est Y"
    found += frames(doc, sent, lex, found)
    return found


def guessed_infinitive(verb: Token, lex: Lexicon) -> str | None:
    """The speech verb a French form belongs to when its lemma is not one: French lemmas are often
    wrong ("estime" -> "estime"), so the infinitive is guessed from the ending."""
    if is_cue_form(verb, lex):
        return infinitive(verb, lex)
    return _que_verb(verb)


def _que_verb(verb: Token) -> str | None:
    """A verb of the reporting-verb table (``lexicon.fr_verbs``) that reports through "que" or "si",
    with that word right after it: "sait que", "montre que", "se demande si"."""
    entries = entries_for(verb.lower_, verb.lemma_.lower())
    if not entries or "Sub" in verb.morph.get("Mood", []):
        return None  # "il faut que les magistrats sachent que ...": a wish, not a report
    doc = verb.doc
    after = {t.lower_ for t in doc[verb.i + 1 : min(len(doc), verb.i + 3)]}
    for inf in entries:
        frames = verb_frames(inf)
        if ("que" in frames and after & COMPLEMENTIZERS) or ("si" in frames and "si" in after):
            return inf
    return None


def is_periphrasis(verb: Token) -> bool:
    """ "a fait savoir que", "fait valoir que", "a fait remarquer que": the cue is the whole
    periphrasis, its subject that of "faire"."""
    return (
        verb.lemma_.lower() in PERIPHRASIS_VERBS and verb.head.lemma_.lower() == "faire" and verb.head.i == verb.i - 1
    )


def verb_group(doc: Doc, sent: Span, governor: Token, verb: Token, aux: list[int]) -> tuple[int, int]:
    """The cue of a speech verb with its auxiliaries and negation, what lies between included:
    "a déclaré", "n'a jamais dit", "ne dit pas", "a également précisé" (docs/attribution-guidelines.md).
    A modal that governs the verb belongs to it: "ne peut pas soutenir"."""
    start, end = min([*aux, governor.i]), verb.i + 1
    holders = [governor]
    if governor.dep_ == "xcomp" and governor.head.i < governor.i and governor.head.lemma_.lower() in CUE_MODALS:
        holders.append(governor.head)
        start = min([start, governor.head.i, *(c.i for c in governor.head.lefts if c.dep_.startswith("aux"))])
    for holder in holders:
        for child in holder.children:
            low = child.lower_
            if low in NEGATION_BEFORE and sent.start <= child.i < start and start - child.i <= 3:
                start = child.i
            elif low in NEGATION_AFTER and end <= child.i < min(sent.end, end + 3):
                end = child.i + 1
    if any(t.is_punct for t in doc[start:end]):  # an incise splits the group: keep the verb's part
        return (governor.i, verb.i + 1)
    return start, end


def source_extent(doc: Doc, head: Token, source: tuple[int, int], limit: int) -> tuple[int, int]:
    """The source as the guidelines mark it: its noun phrase with the apposition and the parenthesis
    that describe it ("Kirill Boudanov, chef du renseignement militaire ukrainien (GUR)") and a
    participle that qualifies it ("des informations relayées par Reuters"), never past ``limit``
    (where the cue or the content begins) nor into a relative clause."""
    start, end = source
    for child in sorted(head.rights, key=lambda c: c.i):
        first, last = child.left_edge.i, child.right_edge.i + 1
        if first < end or last > limit or child.is_punct:
            continue
        gap = doc[end:first]
        if any(not (t.text == "," or t.is_space) for t in gap) or len(gap) > 1:
            break
        participle = child.dep_ == "acl" and "Part" in child.morph.get("VerbForm", []) and child.i == first
        # "Andrew Barr, du Territoire de la capitale", "X (GUR)": what follows a comma or opens a parenthesis
        nominal = child.dep_ == "nmod" and (
            doc[first].text == "(" or (gap and doc[first].lower_ in ("de", "du", "des"))
        )
        if child.dep_ == "appos" or participle or nominal:
            if any(t.text in QUOTE_CHARS or t.text in (";", ":") for t in doc[first:last]):
                break
            end = last
        else:
            break
    if end < limit and doc[end].text == "(":
        close = next((t.i for t in doc[end + 1 : min(limit, end + 10)] if t.text == ")"), None)
        if close is not None:
            end = close + 1
    return start, end


def reports_no_words(verb: Token, end: int) -> bool:
    """ "soupçonné de", "est accusé de": a suspicion, not somebody's words; a passive reports words
    only with a "que" right after it ("il est précisé que ...")."""
    doc = verb.doc
    return _adjectival_participle(verb) or (
        any(c.dep_ == "aux:pass" for c in verb.children)
        and not any(t.lower_ in COMPLEMENTIZERS for t in doc[verb.i + 1 : min(end, verb.i + 4)])
    )


def needs_que_unmet(verb: Token, end: int) -> bool:
    """A verb that reports speech only with "que" or a quotation, here with neither close by:
    "assurant un embourgeoisement" ensures a thing, it does not say it."""
    doc = verb.doc
    return verb.lemma_.lower() in NEEDS_QUE and not any(
        t.text in QUOTE_CHARS for t in doc[verb.i + 1 : min(end, verb.i + 4)]
    )


def is_bare_participle(verb: Token, aux: list[int]) -> bool:
    """A participle without auxiliary ("déclaré", "annoncée") never opens an incise."""
    return "Part" in verb.morph.get("VerbForm", []) and not aux


def _adjectival_participle(verb: Token) -> bool:
    """ "soupçonné de", "accused of": a participle used as an adjective reports nobody's words."""
    if "Part" not in verb.morph.get("VerbForm", []) and verb.tag_ != "VBN":
        return False
    if any(c.dep_.startswith("aux") for c in verb.children):
        return False
    return verb.dep_ in ("acl", "amod", "appos", "xcomp") or verb.dep_.startswith("acl")


def read_in(doc: Doc, sent: Span) -> list[Attribution]:
    """ "« ... », peut-on lire dans Les Échos" / "lit-on dans le rapport": the publication is the source."""
    out: list[Attribution] = []
    lemmas = DocArrays.current(doc).lemma_lower
    for verb in (doc[i] for i in range(sent.start, sent.end) if lemmas[i] in READ_VERBS):
        if verb.pos_ != "VERB":
            continue
        holder = verb.head if verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "pouvoir" else verb
        if not any(c.lower_.lstrip("-") == "on" for c in holder.children):
            continue
        cue_start = holder.i
        medium = next(
            (
                c
                for c in verb.children
                if c.dep_.startswith("obl")
                and c.pos_ in ("PROPN", "NOUN")
                and any(g.lower_ in ("dans", "sur", "par", "via") for g in c.children)
            ),
            None,
        )
        que = next((t for t in doc[verb.i + 1 : min(sent.end, verb.i + 8)] if t.lower_ in ("que", "qu'", "qu’")), None)
        if que is not None:
            lead = trim(doc, que.i, sent.end)  # "on apprend via l'AFP que ..."
        else:
            lead = trim(doc, sent.start, cue_start)
            if not any(t.text in (",", "»", "”", '"', ":") for t in doc[lead[1] : cue_start]):
                continue
        if lead[1] - lead[0] < 3:
            continue
        src = (
            noun_phrase(doc, medium, medium.left_edge.i, que.i if que is not None else sent.end)
            if medium is not None
            else None
        )
        if src is not None:
            src = (src[0] + 1 if doc[src[0]].pos_ == "ADP" else src[0], src[1])
        out.append(
            Attribution(
                sentence=(sent.start, sent.end),
                content=lead,
                cue=(cue_start, verb.i + 1),
                source=src,
                source_head=medium.i if medium is not None else None,
                kind="incise",
                quote=doc[lead[1]].text in QUOTE_CHARS if lead[1] < len(doc) else False,
                cue_lemma="lire",
            )
        )
    return out


def incises(doc: Doc, sent: Span, lex: Lexicon, found: list[Attribution]) -> list[Attribution]:
    """Surface-read French incises, unless an adjunct or a "peut-on lire" already covers them."""
    used = {i for a in found for r in (a.cue, a.source) if r for i in range(*r)}
    out: list[Attribution] = []
    for hit in find_incises(doc, sent, lex, quoted_tokens(doc)):
        if any(i in used for i in range(*hit["cue"])):
            continue
        out.append(
            Attribution(
                sentence=(sent.start, sent.end),
                content=hit["content"],
                cue=hit["cue"],
                source=hit["source"],
                source_head=hit["source_head"],
                kind="incise",
                quote=hit["quote"],
                cue_lemma=hit["cue_lemma"],
                cue_past=any(doc[i].lower_ in ("avait", "a", "ont", "avaient") for i in range(*hit["cue"])),
            )
        )
    return out
