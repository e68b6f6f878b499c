"""French nominal frames: a noun that carries a report ("l'idée que", "la crainte qu'il", "l'intention
de ce dernier de porter plainte", "l'appel à la grève") and the relative "la thèse selon laquelle ...".

The noun is the cue (with its singular article: "l'affirmation"), or, when a verb of holding governs
it ("a émis l'idée que", "ont exprimé la crainte que"), the verb group up to the noun. The source is
the noun's holder ("l'affirmation du député que", "la révélation par les services ... de"), else the
subject of that verb, or of the verb an adverbial frame hangs on ("avec pour objectif que"); for
"selon laquelle", the antecedent's whole noun phrase (guidelines: "l'hypothèse de X" is the source).
``fr_frames`` calls :func:`nominal_frames`; the words are in ``selon.nlp.lexicon.fr_frames``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from selon.nlp.attribution.shared import is_past, is_person_noun, subject
from selon.nlp.attribution.span import Attribution, noun_phrase, quotation_regions, trim
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import COMPLEMENTIZERS, ORGANIZATION_HEADS, Lexicon
from selon.nlp.lexicon.fr import NEGATION_AFTER, NEGATION_BEFORE
from selon.nlp.lexicon.fr_frames import (
    A_NOUNS,
    ANAPHORIC_HOLDERS,
    BODY_NOUNS,
    CANCELLING_VERBS,
    CUE_ARTICLES,
    DE_INFINITIVE_NOUNS,
    DE_PHRASE_NOUNS,
    FRAME_NOUNS,
    HOLDING_VERBS,
    NEGATED_FRAME_LEMMA,
    QUE_NOUNS,
    REFUTING_VERBS,
    RELATIVE_OBJECT_VERBS,
    SELON_RELATIVES,
    TIME_WORDS,
)

_DE = frozenset({"de", "d'", "d’"})
_DE_ARTICLE = frozenset({"du", "des"})
_A = frozenset({"à", "au", "aux"})
_STOPS = frozenset({",", ";", ":", "(", "«", "»", '"', "“", "”", "!", "?", "."})


def frame_key(tok: Token) -> str | None:
    """The lexicon entry of a frame noun ("craintes" -> "crainte"), or None."""
    for form in (tok.lemma_.lower(), tok.lower_, tok.lower_.removesuffix("s")):
        if form in FRAME_NOUNS:
            return form
    return None


def verb_group(doc: Doc, sent: Span, verb: Token) -> tuple[int, int]:
    """The verb with its auxiliaries and negation ("n'ai pas", "a notamment émis"), the part after
    a comma when one splits it (guidelines, decision 9)."""
    aux = [c.i for c in verb.lefts if c.dep_.startswith("aux") and c.i >= sent.start]
    start, end = min([*aux, verb.i]), verb.i + 1
    for child in verb.children:
        if child.lower_ in NEGATION_BEFORE and sent.start <= child.i < start and start - child.i <= 3:
            start = child.i
        elif child.lower_ in NEGATION_AFTER and end <= child.i < min(sent.end, end + 3):
            end = child.i + 1
    if any(t.is_punct for t in doc[start:end]):
        return verb.i, verb.i + 1
    return start, end


def holder_like(tok: Token, lex: Lexicon) -> bool:
    """Whether a noun after "de" / "par" names who holds the frame ("du député", "de ce dernier")
    rather than what it is about ("d'une coopération")."""
    low = tok.lemma_.lower()
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PER", "ORG"):
        return True
    if tok.lower_ in ANAPHORIC_HOLDERS or low in ANAPHORIC_HOLDERS:
        return any(c.lower_ in ("ce", "cette", "ces") for c in tok.lefts) or "-" in tok.lower_
    if tok.pos_ != "NOUN":
        return False
    bodies = low in ORGANIZATION_HEADS or low in BODY_NOUNS or low in lex.media_words
    return is_person_noun(tok) or bodies or low in lex.anonymous_nouns


def governor(tok: Token) -> Token | None:
    """The verb (or predicate with its copula) the frame's noun depends on."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX") or any(c.dep_ == "cop" for c in node.children):
            return node
    return None


def clause_end(doc: Doc, sent: Span, start: int, anchor: Token, own: Token | None = None) -> int:
    """Where a report that starts at ``start`` ends: before the main clause resumes ("La crainte que
    les prix augmentent | pèse sur ..."), at a semicolon, or with the quotation the frame stands in.
    ``own`` is the report's own verb, which the parse sometimes gives the frame as its governor."""
    end = sent.end
    gov = governor(anchor)
    if gov is not None and gov.i > start and (own is None or gov.i != own.i):
        top = next((c for c in gov.lefts if c.left_edge.i <= anchor.i <= c.right_edge.i), None)
        subj = top is not None and top.dep_.startswith("nsubj")  # then a second "subject" is a misparse
        lefts = [c for c in gov.lefts if c.i > start and not (subj and (c.dep_.startswith("nsubj") or c.dep_ == "cc"))]
        end = min([gov.i, *(c.left_edge.i for c in lefts)])
        if not any(c.dep_.startswith("nsubj") for c in gov.children):
            end = _stolen_subject(doc, start, end)
    if anchor.i < start:
        end = _resumed_verb(doc, anchor, start, end)
    end = next((k for k in range(start, end) if doc[k].text == ";"), end)
    for q0, q1 in quotation_regions(doc):
        if q0 <= anchor.i < q1 and start < q1 < end:
            end = q1
    return max(end, start)


def _stolen_subject(doc: Doc, start: int, end: int) -> int:
    """ "l'appel ... à « rentrer » samedi dans l'Élysée, | le préfet de police l'a signalé": when the
    parse gave the main verb's subject to the report, the noun phrase after the last comma is it."""
    comma = next((k for k in range(end - 1, start, -1) if doc[k].text == ","), None)
    if comma is None:
        return end
    rest = doc[comma + 1 : end]
    nominal = all(t.pos_ in ("DET", "NOUN", "PROPN", "ADJ", "ADP") for t in rest)
    return comma if rest and nominal and any(t.pos_ in ("NOUN", "PROPN") for t in rest) else end


def _resumed_verb(doc: Doc, noun: Token, start: int, end: int) -> int:
    """ "La crainte que les prix augmentent encore | pèse sur les ménages", "La thèse selon laquelle
    l'incendie serait criminel | est privilégiée": a second finite verb right after the report's own,
    agreeing with the frame noun, is the main clause's (the parse often misses it)."""
    number = noun.morph.get("Number", [])
    seen = False
    for t in doc[start + 1 : end]:
        if t.is_punct or t.pos_ in ("CCONJ", "SCONJ") or t.lower_ in COMPLEMENTIZERS or t.lower_ in ("qui", "dont"):
            break
        if t.pos_ not in ("VERB", "AUX") or "Fin" not in t.morph.get("VerbForm", []):
            continue
        if seen and (not number or t.morph.get("Number", []) == number):
            before = t.i - 1 if doc[t.i - 1].lower_ in NEGATION_BEFORE else t.i
            return before
        seen = True
    return end


def _completive(doc: Doc, que: int, end: int) -> bool:
    """Whether "que" after a frame noun opens its content ("l'idée que la Terre tourne") rather than
    a relative clause about it ("l'idée qu'il a eue", "l'annonce que le président a faite")."""
    after = [t for t in doc[que + 1 : end] if not t.is_space]
    if not after or after[0].pos_ in ("VERB", "AUX"):
        return False  # "les informations que rapporte Le Monde"
    sent = doc[que].sent
    if any(t.lower_ in ("c'", "c’", "ce") and doc[t.i + 1].lemma_ == "être" for t in doc[sent.start : que]):
        return False  # "C'est à la suite des révélations de Mediapart que ...": a cleft
    verb = next((t for t in after if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.dep_ == "cop")), None)
    if verb is None or verb.pos_ == "AUX":
        return verb is not None
    aux_avoir = any(c.dep_ == "aux:tense" and c.lemma_.lower() == "avoir" for c in verb.children)
    agrees = "Fem" in verb.morph.get("Gender", []) or "Plur" in verb.morph.get("Number", [])
    if "Part" in verb.morph.get("VerbForm", []) and aux_avoir and agrees:
        return False  # the participle agrees with the relative's object
    has_object = any(
        c.dep_ in ("obj", "ccomp", "xcomp") and c.i != que and c.lower_ not in COMPLEMENTIZERS for c in verb.children
    )
    return not (verb.lemma_.lower() in RELATIVE_OBJECT_VERBS and not has_object)


def _skip_modifiers(doc: Doc, j: int, end: int, noun: Token) -> int:
    """Past the adjectives and time words between a frame noun and its holder or content."""
    while j < end and (
        (doc[j].pos_ == "ADJ" and doc[j].head.i == noun.i) or doc[j].lower_ in TIME_WORDS or doc[j].is_space
    ):
        j += 1
    return j


def _holder_end(doc: Doc, j: int, end: int) -> int:
    """The end of a holder phrase starting at ``j``: before the content's marker ("que", "à", "de"
    + article or infinitive) or a punctuation mark."""
    k = j + 1
    while k < end:
        t = doc[k]
        if t.text in _STOPS or t.lower_ in COMPLEMENTIZERS or t.lower_ in _A or t.lower_ == "selon":
            break
        if t.lower_ in _DE and k + 1 < end and doc[k + 1].pos_ in ("DET", "VERB", "PART"):
            break
        k += 1
    return k


def _holder(doc: Doc, j: int, end: int, lex: Lexicon) -> tuple[tuple[int, int], Token] | None:
    """ "du député Dupont-Aignan", "de ce dernier", "par les services de renseignement ukrainiens":
    the holder's span and head, when the words at ``j`` name one."""
    low = doc[j].lower_
    if low not in _DE and low not in _DE_ARTICLE and low != "par":
        return None
    stop = _holder_end(doc, j, end)
    head = next((t for t in doc[j + 1 : stop] if t.pos_ in ("NOUN", "PROPN", "ADJ", "PRON")), None)
    if head is not None:
        span = trim(doc, j + 1, noun_phrase(doc, head, j + 1, stop)[1])
        stop = span[1]  # the holder's noun phrase, never its relative clause or a verb
    # "l'intention de son client de faire appel": a second "de" + infinitive or a "que" makes the first one the holder's
    marked = stop < end and (
        doc[stop].lower_ in COMPLEMENTIZERS
        or (doc[stop].lower_ in _DE and stop + 1 < end and doc[stop + 1].pos_ == "VERB")
    )
    if head is None or (low != "par" and not holder_like(head, lex) and not (marked and head.pos_ == "NOUN")):
        return None
    return (span, head) if span[1] > span[0] else None


def _through_quote(doc: Doc, lo: int, hi: int, end: int) -> int:
    """``hi`` moved past the closing mark of a quotation the content opens ("de « fraude fiscale, ... »")."""
    opened = next((k for k in range(lo, hi) if doc[k].text in ("«", "“")), None)
    if opened is None or any(doc[k].text in ("»", "”") for k in range(opened, hi)):
        return hi
    return next((k + 1 for k in range(hi, end) if doc[k].text in ("»", "”")), hi)


def _content(doc: Doc, sent: Span, noun: Token, key: str, j: int) -> tuple[tuple[int, int], int] | None:
    """The content a frame noun introduces at ``j`` and the end of its cue (the noun, or "appels à")."""
    e = sent.end
    low = doc[j].lower_
    nxt = next((t for t in doc[j + 1 : min(e, j + 5)] if t.text not in ("«", "“", '"') and not t.is_space), None)
    if low in COMPLEMENTIZERS and key in QUE_NOUNS and _completive(doc, j, e):
        own = doc[j].head if doc[j].head.i > j else None
        return (j, clause_end(doc, sent, j, noun, own)), noun.i + 1
    if nxt is None:
        return None
    infinitive = nxt.pos_ == "VERB" and "Inf" in nxt.morph.get("VerbForm", [])
    if low in _DE and key in DE_INFINITIVE_NOUNS and infinitive:
        return (j, min(nxt.right_edge.i + 1, clause_end(doc, sent, j, noun, nxt))), noun.i + 1
    if low in _A and key in A_NOUNS:
        if infinitive and low == "à":
            return (j, min(nxt.right_edge.i + 1, clause_end(doc, sent, j, noun, nxt))), noun.i + 1
        if nxt.pos_ in ("DET", "NOUN"):
            head = nxt if nxt.pos_ == "NOUN" else nxt.head
            last = min(max(head.right_edge.i + 1, j + 2), clause_end(doc, sent, j, noun))
            return (j + 1, _through_quote(doc, j, last, e)), j + 1
        return None
    if (low in _DE or low in _DE_ARTICLE) and key in DE_PHRASE_NOUNS:
        topic = next((t for t in doc[j + 1 : min(e, j + 5)] if t.pos_ in ("NOUN", "PROPN")), None)
        if topic is None or topic.pos_ == "PROPN" or topic.ent_type_ in ("PER", "ORG"):
            return None
        last = min(max(topic.right_edge.i + 1, topic.i + 1), clause_end(doc, sent, j, noun))
        return (j, _through_quote(doc, j, last, e)), noun.i + 1
    return None


def _frame_source(
    doc: Doc, sent: Span, noun: Token, holder: tuple[tuple[int, int], Token] | None, lex: Lexicon
) -> tuple[tuple[int, int] | None, Token | None, tuple[int, int] | None, str]:
    """Source span and head, the verb group the cue starts with, and what governs the noun: the
    holder, else the subject of a holding or refuting verb ("a émis l'idée", "rejette l'idée") or
    of the verb an adverbial frame hangs on ("avec pour objectif que")."""
    gov = noun.head
    group: tuple[int, int] | None = None
    role = ""
    subj: Token | None = None
    if (gov.pos_ == "VERB" or gov.lemma_.lower() == "avoir") and gov.i < noun.i and noun.dep_ in ("obj", "obl:arg"):
        lemma = gov.lemma_.lower()
        if lemma in HOLDING_VERBS or lemma in REFUTING_VERBS:
            role = "refute" if lemma in REFUTING_VERBS else "hold"
            group = verb_group(doc, sent, gov)
            if any(t.is_punct for t in doc[group[1] : noun.i]):
                group = None
            subj = subject(gov)
    elif gov.pos_ == "VERB" and noun.dep_.startswith("obl") and any(c.dep_ == "case" for c in noun.children):
        subj = subject(gov)  # "il cherchait ..., avec pour objectif que": who acts holds the aim
        if subj is not None and (subj.dep_ != "nsubj" or not (subj.pos_ == "PRON" or holder_like(subj, lex))):
            subj = None
    if holder is not None:
        return holder[0], holder[1], group, role
    if subj is None or not (sent.start <= subj.i < sent.end):
        return None, None, group, role
    src = noun_phrase(doc, subj, sent.start, sent.end)
    while src[0] < subj.i and doc[src[0]].pos_ == "ADP":
        src = (src[0] + 1, src[1])  # "de la majorité présidentielle, qui a ...": the antecedent without "de"
    return src, subj, group, role


def _noun_frame(doc: Doc, sent: Span, noun: Token, lex: Lexicon) -> Attribution | None:
    key = frame_key(noun)
    if noun.i > sent.start and doc[noun.i - 1].lower_ in _DE:
        return None  # "la Cour d'appel", "une lettre d'intention": a compound, no frame
    above = governor(noun)
    gov = above.lemma_.lower() if above is not None else ""
    if key is None or gov in CANCELLING_VERBS or (gov == "faire" and not any(c.dep_ == "det" for c in noun.children)):
        return None  # "a annulé son appel à la grève", "a fait appel à la police": no one's words
    e = sent.end
    j = _skip_modifiers(doc, noun.i + 1, e, noun)
    holder = _holder(doc, j, e, lex) if j < e else None
    if holder is not None:
        j = _skip_modifiers(doc, holder[0][1], e, noun)
    if j >= e:
        return None
    found = _content(doc, sent, noun, key, j)
    if found is None or found[0][1] - found[0][0] < 2:
        return None
    content, cue_end = trim(doc, *found[0]), found[1]
    source, head, group, role = _frame_source(doc, sent, noun, holder, lex)
    det = doc[noun.i - 1] if noun.i > sent.start else None
    cue_start = det.i if det is not None and det.lower_ in CUE_ARTICLES and det.head.i == noun.i else noun.i
    if group is not None:
        cue_start = group[0]
    lemma = FRAME_NOUNS[key]
    if role == "refute":
        lemma = doc[noun.head.i].lemma_.lower() if noun.head.lemma_.lower() in lex.denial_verbs else "rejeter"
    if any(t.lower_ in NEGATION_BEFORE or t.lower_ in NEGATION_AFTER for t in doc[cue_start:cue_end]):
        lemma = NEGATED_FRAME_LEMMA  # "n'ai pas l'intention de": a refusal of the frame
    return Attribution(
        sentence=(sent.start, e),
        content=content,
        cue=(cue_start, cue_end),
        source=source,
        source_head=head.i if head is not None else None,
        kind="verb",
        cue_lemma=lemma,
        cue_past=noun.head.pos_ == "VERB" and is_past(noun.head),
        extra={"nested": True},
    )


def nominal_frames(doc: Doc, sent: Span, lex: Lexicon, used: set[int]) -> list[Attribution]:
    """The nominal frames of ``sent`` whose cue ``used`` does not hold; each adds its cue and source."""
    a = DocArrays.current(doc)
    out: list[Attribution] = []
    for i in range(sent.start, sent.end):
        if a.pos_[i] != "NOUN" or i in used:
            continue
        if a.lemma_lower[i] not in FRAME_NOUNS and a.lower_[i].removesuffix("s") not in FRAME_NOUNS:
            continue
        att = _noun_frame(doc, sent, doc[i], lex)
        if att is None or att.cue is None or any(k in used for k in range(*att.cue)):
            continue
        out.append(att)
        for r in (att.cue, att.source):
            if r is not None:
                used.update(range(*r))
    return out


def _antecedent(doc: Doc, pron: Token, lo: int) -> Token | None:
    """The noun "selon laquelle" refers to: the parse's antecedent when it agrees, else the nearest
    noun before that agrees in gender and number ("les informations de la police selon lesquelles")."""
    gender, number = SELON_RELATIVES[pron.lower_]

    def agrees(t: Token) -> bool:
        g, n = t.morph.get("Gender", []), t.morph.get("Number", [])
        return t.pos_ in ("NOUN", "PROPN") and (not g or gender in g) and (not n or number in n)

    rel = pron.head
    if rel.dep_.endswith("relcl") and rel.head.i < pron.i and agrees(rel.head):
        return rel.head
    for k in range(pron.i - 2, max(lo, pron.i - 10) - 1, -1):
        if agrees(doc[k]):
            return doc[k]
        if doc[k].text in (";", ":", "«", "»") or doc[k].pos_ == "VERB":
            break
    return None


def relative_frames(doc: Doc, sent: Span, used: set[int]) -> list[Attribution]:
    """ "la théorie selon laquelle la Lune ...": the clause after the pronoun is the content, the
    antecedent's noun phrase the source, "selon laquelle" the cue."""
    a = DocArrays.current(doc)
    out: list[Attribution] = []
    for i in range(sent.start + 1, sent.end - 2):
        if a.lower_[i] != "selon" or a.lower_[i + 1] not in SELON_RELATIVES or i in used:
            continue
        pron = doc[i + 1]
        ant = _antecedent(doc, pron, sent.start)
        if ant is None:
            continue
        src = noun_phrase(doc, ant, sent.start, i)
        while src[0] < src[1] - 1 and doc[src[0]].pos_ == "ADP":
            src = (src[0] + 1, src[1])  # "au ministère de la Justice, selon lequel": no "au"
        own = pron.head if pron.head.i > pron.i else None
        content = trim(doc, i + 2, clause_end(doc, sent, i + 2, ant, own))
        if content[1] - content[0] < 2:
            continue
        out.append(
            Attribution(
                sentence=(sent.start, sent.end),
                content=content,
                cue=(i, i + 2),
                source=src,
                source_head=ant.i,
                kind="adjunct",
                cue_lemma="selon",
                extra={"nested": True},
            )
        )
        used.update(range(i, i + 2))
    return out
