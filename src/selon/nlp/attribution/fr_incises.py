"""French incises found from the surface: "« ... », glisse Zineb, étudiante", "..., affirme-t-elle".

The incise is the commonest attribution of direct speech in French news, and the one the
statistical parser handles worst: the verb after the quotation is often tagged as a noun
("soupire"), lemmatised wrongly ("glisse") or attached to nothing, and the inverted subject
("-t-elle") comes out as punctuation. So the pattern is read from the tokens' forms:

    LEAD  [»]  ,  [AUX [-t] -PRON]  CUE-VERB  [-t] [-PRON | SUBJECT NP]  [, APPOSITION]  END

A verb form counts as a cue when its lemma, or the infinitive guessed from its ending
("glisse" -> "glisser", "a souligné" -> "souligner"), is a speech verb of the lexicon.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import accumulate, islice

from spacy.tokens import Doc, Span, Token

from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import Lexicon
from selon.nlp.lexicon.fr import AUX_FORMS, ER_ENDINGS, INCISE_PRONOUNS, INVERTED_PRONOUNS, IR_ENDINGS, MODAL_FORMS

_LEAD_END = frozenset({",", "»", "”", '"', "…", "—", "–", "!", "?"})
_STOP = frozenset({",", ".", ";", ":", "(", "!", "?", "»", "«", "…", "\n"})
_MAX_SUBJECT = 10


def infinitives(token: Token) -> set[str]:
    """Candidate infinitives of a verb form: its lemma and the -er/-ir verb its ending suggests."""
    return set(_infinitives(token.lower_, token.lemma_.lower()))


@lru_cache(maxsize=65536)
def _infinitives(form: str, lemma: str) -> frozenset[str]:
    """:func:`infinitives` by form and lemma, kept across Docs (a form is met many times)."""
    found = {lemma, form}
    for endings in (ER_ENDINGS, IR_ENDINGS):
        for ending, inf in endings:
            if form.endswith(ending) and len(form) > len(ending) + 2:
                found.add(form[: -len(ending)] + inf)
                break
    return frozenset(found)


def is_cue_form(token: Token, lex: Lexicon) -> bool:
    """True for a speech-verb form, whatever the tagger made of it."""
    if not token.is_alpha or token.text[:1].isupper():
        return False
    return _cue_form(token.lower_, token.lemma_.lower(), lex.cue_verbs)


@lru_cache(maxsize=65536)
def _cue_form(form: str, lemma: str, cue_verbs: frozenset[str]) -> bool:
    """:func:`is_cue_form` by form and lemma, kept across Docs."""
    return any(inf in cue_verbs or f"s'{inf}" in cue_verbs for inf in _infinitives(form, lemma))


def infinitive(token: Token, lex: Lexicon) -> str:
    """The lexicon's infinitive for a cue form (for certainty: "estimer" hedges, "démentir" denies)."""
    for inf in sorted(infinitives(token)):
        if inf in lex.cue_verbs:
            return inf
    return token.lemma_.lower()


def inverted_subject(verb: Token) -> Token | None:
    """French subject-verb inversion after the reported words: "écrit-elle", "a-t-il estimé"."""
    doc = verb.doc
    heads = [verb] + [c for c in verb.lefts if c.dep_.startswith("aux")]
    for head in heads:
        for k in (head.i + 1, head.i + 2):
            if k < len(doc) and doc[k].lower_ in INVERTED_PRONOUNS:
                return doc[k]
    return None


def _next(doc: Doc, i: int, end: int) -> int:
    while i < end and doc[i].is_space:
        i += 1
    return i


_CLOSING = frozenset({"»", "”"})


#: what ``_opens_incise`` wants before the incise, to look no further at any other token
_INCISE_OPENERS = frozenset({",", '"'}) | _CLOSING


def _opens_incise(texts: list[str], i: int, straight_before: list[int], s: int) -> bool:
    """Token i follows a comma, or a closing quotation mark (", » a déclaré le ministre").

    ``straight_before[k - s]`` counts the straight quotes of the sentence before token k, so that a
    sentence of thousands of '"' is read once, not once per quote."""
    prev = texts[i - 1]
    if prev == "," or prev in _CLOSING:
        return True
    if prev == '"':  # a straight quote closes when an odd number of them came before it
        return straight_before[i - 1 - s] % 2 == 1
    return False


def _verb_group(doc: Doc, i: int, e: int, lex: Lexicon) -> tuple[int, int, bool] | None:
    """(index of the cue verb, index after the verb group, inverted subject?) for the words at i:
    "glisse", "a déclaré", "a-t-il estimé", "pourrait commenter", "tente d'expliquer"."""
    j = i
    inverted = False
    if doc[j].lower_ in AUX_FORMS or doc[j].lower_ in MODAL_FORMS:
        j += 1
        if j < e and doc[j].lower_ == "-t":
            j += 1
        if j < e and doc[j].lower_ in INCISE_PRONOUNS:
            inverted = True
            j += 1
        if j < e and doc[j].lower_ in ("lui", "leur", "nous", "de", "d'", "d’"):
            j += 1
    if j >= e or not is_cue_form(doc[j], lex) or doc[j].pos_ in ("DET", "ADP", "PRON", "ADJ"):
        return None
    if doc[j].lower_.endswith("ant") and j == i:
        return None  # "..., soulignant que", "..., assurant un": a participle, never an incise
    return j, j + 1, inverted


def _noun_chunk(doc: Doc, j: int, e: int) -> int | None:
    """End of a plain noun phrase starting at j: "un ténor de la droite", "le porte-parole du parti"."""
    k = j
    if k < e and doc[k].pos_ == "DET":
        k += 1
    while k < e and doc[k].pos_ == "ADJ":
        k += 1
    if k >= e or doc[k].pos_ not in ("NOUN", "PROPN"):
        return None
    while k < e and doc[k].pos_ in ("NOUN", "PROPN", "ADJ"):
        k += 1
    if k + 1 < e and doc[k].lower_ in ("de", "du", "des", "d'", "d’"):
        m = k + 1 + (doc[k + 1].pos_ == "DET")
        if m < e and doc[m].pos_ in ("NOUN", "PROPN"):
            k = m
            while k < e and doc[k].pos_ in ("NOUN", "PROPN", "ADJ"):
                k += 1
    return k


def _subject_after(doc: Doc, j: int, e: int) -> tuple[int, int] | None:
    """The subject after the verb: "Zineb", "le ministre de la Santé", "à cette occasion le ministre"."""
    j = _next(doc, j, e)
    k = j
    while k < e and doc[k].text not in _STOP and k - j < _MAX_SUBJECT and not doc[k].is_space:
        k += 1
    if k <= j or not (k >= e or doc[k].text in _STOP or doc[k].is_space):
        # "a ajouté un ténor de la droite sur l'influence qu'a pu ...": the noun phrase alone
        chunk = _noun_chunk(doc, j, e) if doc[j].pos_ in ("DET", "PROPN") else None
        if chunk is None or chunk - j < 1:
            return None
        k = chunk
    if doc[k - 1].pos_ in ("ADP", "DET", "CCONJ", "SCONJ"):
        return None  # "... de porter plainte pour «": a phrase cut short, not a subject
    if (
        doc[j].pos_ == "SCONJ"
        or doc[j].lower_ in ("que", "qu'", "qu’")
        or any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in doc[j:k])
    ):
        return None  # a clause, not a subject
    if doc[j].pos_ == "ADP":
        # a circumstance before the subject: start at the next determiner or name after a noun
        m = next((m for m in range(j + 1, k) if doc[m].pos_ in ("DET", "PROPN") and doc[m - 1].pos_ == "NOUN"), None)
        if m is None:
            return None
        j = m
    return j, k


def find_incises(doc: Doc, sent: Span, lex: Lexicon, quoted: frozenset[int]) -> list[dict]:
    """Incise attributions of one sentence, as token ranges: content, cue, source, source head."""
    out: list[dict] = []
    s, e = sent.start, sent.end
    texts = DocArrays.current(doc).text
    straight_before = [0, *accumulate(texts[k] == '"' for k in range(s, e))]
    i = s + 1
    while i < e:
        if texts[i - 1] not in _INCISE_OPENERS or i - 1 - s < 3 or not _opens_incise(texts, i, straight_before, s):
            i += 1
            continue
        lead_end = i - 1  # the comma or the closing quotation mark
        group = _verb_group(doc, i, e, lex)
        if group is None:
            i += 1
            continue
        cue_verb, j, inverted = group
        cue_start = i
        if any(c.dep_.startswith("aux") and c.i < lead_end for c in doc[cue_verb].children):
            i += 1  # "L'avocat a, quant à lui, annoncé ...": the verb's own auxiliary is before the comma
            continue
        src, j = _incise_speaker(doc, cue_start, cue_verb, j, e, inverted)
        if src is None or (i in quoted and not _speaker_like(doc, *src)):
            i += 1  # inside a quotation, only a speaker ("-t-elle", a name, "le ministre") interrupts it
            continue
        src_start, src_end = src
        named_end = _apposed_name_end(doc, src_end, e)
        if named_end is not None:
            src_end = j = named_end
        content = _trim_lead(doc, _lead_start(doc, s, lead_end), lead_end)
        if content is None:
            i += 1
            continue
        subject_head = max(range(src_start, src_end), key=lambda t: (doc[t].pos_ in ("PROPN", "NOUN", "PRON"), -t))
        out.append(
            {
                "content": content,
                "cue": (cue_start, cue_verb + 1),
                "source": (src_start, src_end),
                "source_head": subject_head,
                "cue_lemma": infinitive(doc[cue_verb], lex),
                "quote": any(t.text in ("»", "”", '"') for t in doc[max(s, lead_end - 2) : lead_end + 1]),
            }
        )
        i = j + 1
    return out


def _incise_speaker(
    doc: Doc, cue_start: int, cue_verb: int, j: int, e: int, inverted: bool
) -> tuple[tuple[int, int] | None, int]:
    """The speaker of an incise and where its words end: the inverted pronoun of the verb group
    ("a-t-il estimé"), one after the verb ("estime-t-elle"), or the subject noun phrase after it."""
    if inverted:
        k = next(k for k in range(cue_start, cue_verb) if doc[k].lower_ in INCISE_PRONOUNS)
        return (k, k + 1), j
    if j < e and doc[j].lower_ == "-t":
        j += 1
    if j < e and doc[j].lower_ in INCISE_PRONOUNS:
        return (j, j + 1), j + 1
    src = _subject_after(doc, j, e)
    return src, (src[1] if src is not None else j)


def _apposed_name_end(doc: Doc, src_end: int, e: int) -> int | None:
    """ "a affirmé le ministre de l'Intérieur, Gérald Darmanin": where the name in apposition after
    the speaker ends, or None when no name follows its comma."""
    if not (
        src_end < e and doc[src_end].text == "," and src_end + 1 < e and doc[src_end + 1].ent_type_ in ("PER", "PERSON")
    ):
        return None
    k = src_end + 1
    while (
        k < e
        and doc[k].ent_type_ in ("PER", "PERSON")
        and doc[k].ent_iob_ in ("B", "I")
        and (k == src_end + 1 or doc[k].ent_iob_ == "I")
    ):
        k += 1
    return k


def _lead_start(doc: Doc, s: int, lead_end: int) -> int:
    """Where the reported words start: the sentence start, or the quotation after a colon
    ("... révèle ces raisons : « Le fisc a saisi ... »": the words start at the quotation)."""
    for k in range(lead_end - 1, s, -1):
        if doc[k].text in ("«", "“") and doc[k - 1].text == ":":
            return k
    return s


def _speaker_like(doc: Doc, start: int, end: int) -> bool:
    """An inverted pronoun, a name, or a determiner and a noun: what a speaker looks like."""
    first = doc[start]
    if end - start == 1 and first.lower_ in INCISE_PRONOUNS:
        return True
    if first.pos_ == "PROPN" or first.ent_type_ in ("PER", "PERSON", "ORG"):
        return True
    return first.pos_ == "DET" and end - start >= 2 and doc[start + 1].pos_ in ("NOUN", "PROPN", "ADJ")


def _trim_lead(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """The reported words before the comma, without the quotation marks around them."""
    start, end = lo, hi
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in ("…",):
        end -= 1
    if end - start < 2:
        return None
    opened = sum(1 for t in doc[start:end] if t.text in ("«", "“")) - sum(
        1 for t in doc[start:end] if t.text in ("»", "”")
    )
    if opened > 0 and end < hi + 1 and doc[end].text in ("»", "”"):
        end += 1  # "Une « négligence »": keep the quotation mark that closes one opened inside
    return start, end


def retro_attribution(doc: Doc, sent: Span, lex: Lexicon) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ "C'est ce qu'a annoncé Éric Caldwell, mercredi": a sentence that only attributes the one before
    it. Returns the cue and source ranges."""
    spaces = DocArrays.current(doc).is_space
    words = list(islice((doc[i] for i in range(sent.start, sent.end) if not spaces[i]), 6))  # all it reads
    if len(words) < 5:
        return None
    forms = [t.lower_.replace("’", "'") for t in words[:5]]
    if forms[0] not in ("c'", "c'est") or "ce" not in forms[1:3]:
        return None
    que = next((t for t in words[:6] if t.lower_.replace("’", "'") in ("qu'", "que")), None)
    if que is None:
        return None
    group = _verb_group(doc, que.i + 1, sent.end, lex)
    if group is None:
        return None
    cue_verb, j, _ = group
    src = _subject_after(doc, j, sent.end)
    if src is None:
        return None
    return (que.i + 1, cue_verb + 1), src
