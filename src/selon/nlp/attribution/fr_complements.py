"""French reports whose content is not a "que" clause: the other complements of a reporting verb.

The speech-verb rule (``rules``) reads "X affirme que ..."; French news reports just as often through
- "de"/"d'"/"à" + infinitive: "demande aux élus de voter le texte" (the content starts at "de"),
  "appelle à manifester", and a bare infinitive: "a dit vouloir la paix";
- a noun phrase that carries a proposition: "prévoit une baisse de 2 %", "a annoncé sa mort";
- "X comme Y", "X de Y", "X + adjective": "présente le texte comme un progrès", "qualifie X de Y",
  "juge le texte dangereux" (the content starts at X);
- the passive: "est jugé dangereux par les experts" (the content runs from the subject and holds the
  cue; the agent is the source, absent it the source is null: "est accusé de"), and the participle
  that qualifies a noun: "un homme soupçonné de préparer un attentat";
- the raising verbs: "il semble que ...", "il paraît que ...".

Which verb reports through which complement is the lexicon's (``lexicon.fr_verbs``: class and
frames, built from resources); this module reads the parse. :func:`complements` is called by
``rules.find_attributions`` after ``fr.french_constructions``; the verbs it takes are then closed to
the speech-verb rule.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from selon.nlp.attribution.fr import verb_group
from selon.nlp.attribution.fr_verb_forms import copular_infinitive, is_infinitive, participle_form, time_adjunct
from selon.nlp.attribution.fr_verb_table import closed_quote, table_lemma
from selon.nlp.attribution.shared import is_past, is_person_noun, noun_kind, subject
from selon.nlp.attribution.span import Attribution, noun_phrase, quotation_regions, quoted_tokens, trim
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import COMPLEMENTIZERS, ORGANIZATION_HEADS
from selon.nlp.lexicon.fr import NEGATION_AFTER, NEGATION_BEFORE
from selon.nlp.lexicon.fr_verbs import (
    A_WORDS,
    AGENT_WORDS,
    COLLECTIVE_NOUNS,
    COMME_WORDS,
    DE_WORDS,
    ENABLING_VERBS,
    IMPERSONAL_SUBJECTS,
    NON_PROPOSITION_NOUNS,
    PERSONAL_PASSIVES,
    REFLEXIVE_CLITICS,
    verb_class,
    verb_frames,
)

_COMPLEMENT_DEPS = ("xcomp", "ccomp", "advcl", "obl:arg", "obl", "obl:mod", "acl")
_NOMINAL = ("NOUN", "PROPN", "NUM")
#: punctuation that ends a content: what follows is another statement
_HARD_STOPS = frozenset({";", ":", "—", "–"})


def complements(doc: Doc, sent: Span, found: list[Attribution]) -> list[Attribution]:
    """``found`` with the attributions of ``sent`` made through a complement other than "que", for
    the verbs no attribution of ``found`` already holds. An incise read from the surface whose verb
    the parse gives a subject before it and a complement after ("Vers 12h, X, demande l'arrêt du
    mouvement") was no incise: the complement's reading replaces it."""
    pos = DocArrays.current(doc).pos_
    quoted = quoted_tokens(doc)
    found = list(found)
    out: list[Attribution] = []
    for i in range(sent.start, sent.end):
        if pos[i] != "VERB":
            continue
        verb = doc[i]
        lemma = table_lemma(verb)
        if lemma is None:
            continue
        if any(b.extra.get("passive") and b.content[0] <= i < b.content[1] for b in out):
            continue  # "soupçonné de vouloir commettre un attentat": the suspicion, not a wish
        holders = [att for att in found if any(r and r[0] <= i < r[1] for r in (att.cue, att.source))]
        if holders and not all(_misread_incise(att, verb) for att in holders):
            continue
        att = _attribution(doc, sent, verb, lemma, quoted=i in quoted)
        taken = {j for b in out if b.cue for j in range(*b.cue)}
        if att is None or att.cue is None or any(j in taken for j in range(*att.cue)):
            continue
        found = [b for b in found if b not in holders]
        out.append(att)
    return found + out


def _misread_incise(att: Attribution, verb: Token) -> bool:
    """An incise whose cue verb has, by the parse, its subject before it: the lead is no report."""
    subj = subject(verb)
    return att.kind == "incise" and att.cue is not None and subj is not None and subj.i < att.cue[0]


def _attribution(doc: Doc, sent: Span, verb: Token, lemma: str, quoted: bool = False) -> Attribution | None:
    """The report ``verb`` makes through one of its frames, tried from the most specific; inside a
    quotation (a report nested in someone's words) only through "de"/"à" or "comme", within the quotation."""
    frames = verb_frames(lemma)
    if "raise" in frames:
        return _raising(doc, sent, verb, lemma)
    passive = any(c.dep_ == "aux:pass" for c in verb.children)
    if passive or _qualifying_participle(verb):
        return _passive(doc, sent, verb, lemma, frames) if "pass" in frames else None
    if _has_que(doc, verb, sent.end) or _bare_participle(verb):
        return None  # "que" is the speech-verb rule's; a participle alone reports nobody's words
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ENABLING_VERBS:
        return None  # "les modèles permettent de prédire ...": an ability, not a report
    if verb_class(lemma) == "request" and _thing_subject(verb):
        return None  # "la décision pourrait inciter à ...": a cause, not a request
    for reader in (_infinitive, _qualified) if quoted else (_infinitive, _qualified, _noun_phrase):
        content = reader(doc, sent, verb, frames)
        if content is not None and quoted:
            close = min((e for s, e in quotation_regions(doc) if s <= verb.i < e), default=content[1])
            content = trim(doc, content[0], min(content[1], close))
        if content is not None and content[1] - content[0] >= 1:
            return _active(doc, sent, verb, lemma, content)
    return None


def _thing_subject(verb: Token) -> bool:
    """A subject that names a thing, not a person or a body that speaks ("la fédération")."""
    subj = subject(verb)
    if subj is None or subj.pos_ != "NOUN" or subj.ent_type_ in ("ORG", "PER"):
        return False
    lemma = subj.lemma_.lower()
    return noun_kind(subj) == "unnamed" and lemma not in COLLECTIVE_NOUNS and lemma not in ORGANIZATION_HEADS


def _has_que(doc: Doc, verb: Token, end: int) -> bool:
    return any(t.lower_ in COMPLEMENTIZERS for t in doc[verb.i + 1 : min(end, verb.i + 4)])


def _bare_participle(verb: Token) -> bool:
    """A past participle without auxiliary ("déclaré"); a present one reports ("en dénonçant ...")."""
    return (
        "Part" in verb.morph.get("VerbForm", [])
        and "Pres" not in verb.morph.get("Tense", [])
        and not any(c.dep_.startswith("aux") for c in verb.children)
    )


def _qualifying_participle(verb: Token) -> bool:
    """ "un homme soupçonné de ...", "une opération qualifiée d'inédite": a participle on a noun."""
    return (
        _bare_participle(verb)
        and verb.dep_ in ("acl", "amod")
        and verb.head.i < verb.i
        and verb.head.pos_ in ("NOUN", "PROPN", "PRON")
    )


def _infinitive(doc: Doc, sent: Span, verb: Token, frames: frozenset[str]) -> tuple[int, int] | None:
    """ "demande (aux élus) de voter", "appelle à manifester", "appelle à la grève", "a dit vouloir":
    from "de"/"à" (or the infinitive) to the end of the infinitive's clause."""
    candidates = [c for c in verb.rights if c.dep_ in _COMPLEMENT_DEPS]
    # "a demandé aux conseillers de voter": the parse may hang the infinitive on the indirect object
    candidates += [g for c in candidates if c.pos_ in _NOMINAL for g in c.rights if g.dep_ == "acl"]
    if "pass" in frames:  # "accuse Boris Faure d'« insultes racistes »": the charge hangs on the object
        objs = [c for c in verb.rights if c.dep_ == "obj"]
        candidates += [g for o in objs for g in o.rights if g.dep_ == "nmod" and g.pos_ in _NOMINAL]
    for child in sorted(candidates, key=lambda c: c.i):
        # the marker opens the complement ("de ne pas voter", "d'être marginalisé"), before any
        # auxiliary or copula: "être en rupture" has none
        verbal = [c.i for c in child.children if c.dep_.startswith(("aux", "cop"))]
        # the parse may hang "d'" on the auxiliary: "accusent X d'avoir produit"
        pool = [*child.children, *(g for c in child.children if c.i in verbal for g in c.children)]
        marker = next(
            (m for m in pool if m.dep_ in ("mark", "case") and m.i < child.i and all(m.i < k for k in verbal)),
            None,
        )
        word = marker.lower_ if marker is not None else ""
        infinitive = is_infinitive(child) or (child.dep_ == "xcomp" and copular_infinitive(child))
        if infinitive and word in DE_WORDS and "de" in frames:
            return _span(doc, sent, verb, marker.i, child)  # type: ignore[union-attr]
        if word in A_WORDS and "a" in frames and (infinitive or _proposition_noun(child)):
            obj = next((c for c in verb.rights if c.dep_ == "obj" and c.pos_ in _NOMINAL and c.i < child.i), None)
            first = obj.left_edge.i if obj is not None else marker.i  # type: ignore[union-attr]
            return _span(doc, sent, verb, first, child)  # "appelle les manifestants à la retenue"
        if word in DE_WORDS and "de" in frames and "pass" in frames and child.pos_ in _NOMINAL:
            return _span(doc, sent, verb, marker.i, child)  # type: ignore[union-attr]  # "accuse d'insultes"
        if word == "si" and "si" in frames and child.dep_ == "ccomp":
            return _span(doc, sent, verb, marker.i, child)  # type: ignore[union-attr]  # "se demande si"
        between = doc[verb.i + 1 : child.left_edge.i]
        adjacent = all(
            t.is_punct or t.lower_ in NEGATION_AFTER or t.pos_ == "ADV" or time_adjunct(t, verb) for t in between
        )
        if infinitive and marker is None and "inf" in frames and child.dep_ in ("xcomp", "advcl") and adjacent:
            first = next(
                (t.i for t in doc[child.left_edge.i : child.i] if t.pos_ != "ADV" or t.lower_ in NEGATION_BEFORE),
                child.i,
            )
            return _span(doc, sent, verb, first, child)  # "a dit vouloir la paix", "entend ainsi encourager"
    return None


def _qualified(doc: Doc, sent: Span, verb: Token, frames: frozenset[str]) -> tuple[int, int] | None:
    """ "présente le texte comme un progrès", "qualifie la tribune de tract", "juge le texte dangereux":
    from the object (or the "comme" / "de" when the object is a clitic) to the end of what is said of it."""
    if not frames & {"comme", "qualif", "pred"}:
        return None
    obj = next((c for c in verb.rights if c.dep_ == "obj" and c.pos_ in _NOMINAL), None)
    if "comme" in frames:
        comme = next((t for t in doc[verb.i + 1 : sent.end] if t.lower_ in COMME_WORDS and _within(t, verb)), None)
        if comme is not None and (obj is None or comme.i > obj.i):
            return _span(doc, sent, verb, obj.left_edge.i if obj is not None else comme.i, comme.head)
    if "qualif" in frames:
        de = _predicate_de(doc, verb, obj, sent.end)
        if de is not None:
            return _span(doc, sent, verb, obj.left_edge.i if obj is not None else de[0].i, de[1])
    if "pred" in frames and obj is not None:
        pred = next((c for c in verb.rights if c.dep_ == "xcomp" and c.pos_ == "ADJ" and c.i > obj.i), None)
        if pred is None:
            # "considère le texte inacceptable": the parse often hangs the predicate on the noun
            pred = next(
                (c for c in obj.rights if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i == obj.right_edge.i), None
            )
            if pred is None or "Part" in pred.morph.get("VerbForm", []) or obj.left_edge.pos_ != "DET":
                return None
        return _span(doc, sent, verb, obj.left_edge.i, pred)
    return None


def _predicate_de(doc: Doc, verb: Token, obj: Token | None, end: int) -> tuple[Token, Token] | None:
    """The "de" and the word after it of "qualifie X de Y" / "traite X de Y": "de" before a noun or an
    adjective without an article, said of the object (or of a clitic: "les qualifient de fous")."""
    lo = obj.i + 1 if obj is not None else verb.i + 1
    for t in doc[lo : min(end, lo + 12)]:
        if t.lower_ not in DE_WORDS:
            continue
        k = t.i + 2 if t.i + 2 < end and doc[t.i + 1].text in ("«", '"', "“") else t.i + 1
        nxt = doc[k] if k < end else None
        if nxt is None or nxt.pos_ not in ("NOUN", "ADJ", "PROPN"):
            continue
        holders = {nxt.head.i, nxt.head.head.i, t.head.i}
        if verb.i in holders or (obj is not None and obj.i in holders):
            return t, nxt
    return None


def _noun_phrase(doc: Doc, sent: Span, verb: Token, frames: frozenset[str]) -> tuple[int, int] | None:
    """ "prévoit une baisse de 2 %", "a démenti toute implication": the object, when it names a
    proposition (not a person, a meeting or a date), to the end of the verb's phrase."""
    if "np" not in frames:
        return None
    obj = next((c for c in verb.rights if c.dep_ == "obj"), None)
    if obj is None or not _proposition_noun(obj):
        return None
    gap = doc[verb.i + 1 : obj.left_edge.i]
    if any(t.text in _HARD_STOPS or t.pos_ in ("VERB", "AUX") for t in gap):
        return None  # "ont exprimé, à des degrés divers, leur mécontentement" passes; another clause not
    return _span(doc, sent, verb, obj.left_edge.i, obj)


def _proposition_noun(head: Token) -> bool:
    """A noun phrase that may carry a proposition: a common noun (or a figure) that is not a person,
    a meeting, a time or a generic thing."""
    if head.pos_ not in ("NOUN", "NUM"):
        return False
    lemma = head.lemma_.lower()
    return lemma not in NON_PROPOSITION_NOUNS and head.lower_ not in NON_PROPOSITION_NOUNS and not is_person_noun(head)


def _within(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` belongs to the verb's own phrase (not to a clause that hangs on it)."""
    node = tok
    for _ in range(8):
        if node.i == verb.i:
            return True
        if node.dep_ in ("conj", "parataxis", "advcl", "acl:relcl") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _span(doc: Doc, sent: Span, verb: Token, start: int, complement: Token | None) -> tuple[int, int]:
    """From ``start`` to the end of the verb's phrase: the complement's words, then the adjuncts
    that follow it, commas or not ("annonce sa démission pour des raisons personnelles", "préfère une
    réduction, pour la faire passer à un an", "appelle à continuer, mais « en dehors des villes »"),
    up to a clause of its own (a finite verb, a report of its own: "a démenti toute implication en
    rejetant la faute sur ..."), a colon or a semicolon."""
    end = _phrase_end(complement) if complement is not None else verb.i + 1
    if complement is None or end > complement.right_edge.i:
        for child in sorted(verb.rights, key=lambda c: c.i):
            if child.i < end or child.dep_ == "punct":
                continue
            if any(t.text in _HARD_STOPS for t in doc[end : child.left_edge.i]) or _own_clause(child):
                break
            if child.dep_ in ("parataxis", "nsubj", "nsubj:pass") or child.dep_.startswith("acl"):
                break
            end = child.right_edge.i + 1
    return closed_quote(doc, trim(doc, start, min(end, sent.end)), sent.end)


def _phrase_end(tok: Token) -> int:
    """The end of ``tok``'s phrase, before a clause of its own among its right children."""
    end = tok.i + 1
    for child in sorted(tok.rights, key=lambda c: c.i):
        if _own_clause(child) or (child.text in _HARD_STOPS):
            break
        end = max(end, child.right_edge.i + 1)
    return end


def _own_clause(tok: Token) -> bool:
    """A verb that makes a statement of its own: a coordinated clause with its own subject or tense,
    a parenthetical, or a report itself ("..., en rejetant la faute sur"); a subordinate clause
    ("pour que l'État puisse ...") or a relative stays in the content."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.dep_ == "parataxis":
        return True
    finite = "Fin" in tok.morph.get("VerbForm", []) or any(c.dep_.startswith("nsubj") for c in tok.children)
    if tok.dep_ == "conj" and finite:
        return True
    comma = tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].text == ","
    if tok.dep_ == "advcl" and finite and comma:
        return True  # "..., alors que le ministre a menti": the outlet's words again
    if tok.dep_ == "acl" and _gerund_mark(tok) is None:
        return False  # "un tract appelant le gouvernement à ...": the noun's description
    return tok.dep_ in ("advcl", "conj", "acl") and table_lemma(tok) is not None


def _active(doc: Doc, sent: Span, verb: Token, lemma: str, content: tuple[int, int]) -> Attribution:
    """The attribution of an active verb: its subject as source (a gerund's is the subject of the verb
    it hangs on: "X a démenti ..., en rejetant la faute sur ..."), its verb group as cue."""
    s, e = sent.start, sent.end
    gerund = _gerund_mark(verb)
    subj = subject(verb)
    participle = gerund is not None or (
        "Part" in verb.morph.get("VerbForm", []) and verb.dep_ in ("advcl", "acl", "conj", "xcomp")
    )
    if subj is None and participle and verb.dep_ == "acl" and gerund is None:
        if verb.head.pos_ == "PROPN" or (verb.head.pos_ == "NOUN" and is_person_noun(verb.head)):
            subj = verb.head  # "les députés, entendant ainsi ...": the people it describes speak
    elif subj is None and participle and verb.head.i != verb.i:
        node = verb.head
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
        subj = subject(node)
    if subj is not None and content[0] <= subj.i < content[1]:
        subj = None
    aux = [c.i for c in verb.lefts if c.dep_.startswith("aux") and c.i >= s]
    cue = _group(doc, sent, verb, aux)
    if " " in lemma or lemma.startswith("s'"):  # "se félicitant", "s'est félicité": the clitic belongs to it
        clitic = next((c.i for c in verb.lefts if c.lower_ in REFLEXIVE_CLITICS and c.i >= cue[0] - 1), None)
        cue = (min(cue[0], clitic), cue[1]) if clitic is not None else cue
    return Attribution(
        sentence=(s, e),
        content=content,
        cue=(min(cue[0], gerund.i), cue[1]) if gerund is not None else cue,
        source=_source(doc, subj, s, e, cue[0]) if subj is not None else None,
        source_head=subj.i if subj is not None else None,
        kind="verb",
        cue_lemma=lemma,
        cue_past=is_past(verb) or any(is_past(doc[k]) for k in aux),
        extra={"complement": True},
    )


def _source(doc: Doc, subj: Token, s: int, e: int, cue_start: int) -> tuple[int, int]:
    """The subject's noun phrase, without a leading preposition ("de 290 personnalités appelant")
    and never into the cue when the speaker stands before it."""
    start, end = noun_phrase(doc, subj, s, cue_start if subj.i < cue_start else e)
    while start < end - 1 and (doc[start].lower_ in DE_WORDS or doc[start].lower_ in AGENT_WORDS):
        start += 1
    return start, end


def _gerund_mark(verb: Token) -> Token | None:
    """The "en" of a gerund ("en rejetant"), which the cue keeps."""
    if "Part" not in verb.morph.get("VerbForm", []):
        return None
    return next((c for c in verb.lefts if c.dep_ == "mark" and c.lower_ == "en" and c.i >= verb.i - 2), None)


def _group(doc: Doc, sent: Span, verb: Token, aux: list[int]) -> tuple[int, int]:
    """The cue: the verb with its auxiliaries, its modal and its negation ("n'a jamais demandé")."""
    return verb_group(doc, sent, verb, verb, aux)


def _passive(doc: Doc, sent: Span, verb: Token, lemma: str, frames: frozenset[str]) -> Attribution | None:
    """ "Le projet est jugé trop coûteux par les républicains": the content from the subject to the
    end of the predicate (the agent left out), the agent its source; "est accusé de", "un homme
    soupçonné de": no agent, no source. "Il est recommandé de ...": the content starts at "de"."""
    s, e = sent.start, sent.end
    if not participle_form(verb, lemma):
        return None  # "étaient présentes": an adjective the parse took for "présenter"
    aux = [c.i for c in verb.lefts if c.dep_.startswith("aux") and c.i >= s]
    agent = _agent(doc, verb, e)
    pred_end = _predicate_end(doc, sent, verb, agent)
    subj = next((c for c in verb.children if c.dep_ in ("nsubj:pass", "nsubj", "expl:subj")), None)
    if pred_end <= verb.i + 1 and agent is None and (subj is None or subj.pos_ == "PRON"):
        return None  # "qui ne sont pas accusés": nothing said, nobody saying it
    if _qualifying_participle(verb):
        if not any(c.i > verb.i and c.dep_ in _COMPLEMENT_DEPS for c in verb.children):
            return None
        start = verb.head.left_edge.i
        while start < verb.head.i and doc[start].dep_ == "case":
            start += 1  # "interpellation d'un jeune homme soupçonné de ...": from "un"
    elif (
        subj is not None
        and subj.lower_ in IMPERSONAL_SUBJECTS
        and lemma not in PERSONAL_PASSIVES  # "il est accusé de ...": he is
        and _impersonal_clause(doc, verb, pred_end)
    ):
        start = _impersonal_clause(doc, verb, pred_end)  # "il est recommandé de ...": from "de"
    elif subj is not None and subj.i < verb.i:
        while subj.head.i < verb.i and subj.head.pos_ in _NOMINAL and subj.head.i != subj.i:
            subj = subj.head  # "des vidéastes web populaires": the parse may take a word of it for the subject
        start = subj.left_edge.i
        commas = [t.i for t in doc[start : subj.i] if t.text == ","]
        start = commas[-1] + 1 if commas else start  # "Cette fois-ci, le député est soupçonné"
    elif subj is None and aux and doc[min(aux) - 1].pos_ in ("NOUN", "PROPN") and min(aux) - 1 >= s:
        start = doc[min(aux) - 1].left_edge.i  # "... et les automobilistes ont été invités à": the parse lost it
    elif subj is None and verb.dep_ == "conj" and (shared := subject(verb)) is not None and shared.i < verb.i:
        start = shared.left_edge.i  # "L'attaque, qui a eu lieu ..., a été revendiquée": the parse split them
    else:
        return None
    content = closed_quote(doc, trim(doc, max(start, s), pred_end), e)
    if content[1] - content[0] < 3:
        return None
    src = _agent_phrase(doc, agent, e) if agent is not None else None
    return Attribution(
        sentence=(s, e),
        content=content,
        cue=_group(doc, sent, verb, aux),
        source=src,
        source_head=agent.i if agent is not None else None,
        kind="verb",
        cue_lemma=lemma,
        cue_past=is_past(verb) or any(is_past(doc[k]) for k in aux),
        extra={"passive": True, "complement": True},
    )


def _agent_phrase(doc: Doc, agent: Token, e: int) -> tuple[int, int]:
    """The agent's noun phrase after its "par", with what it coordinates: "par des images satellites
    et des documents industriels obtenus par Reuters"."""
    start, end = noun_phrase(doc, agent, agent.left_edge.i + 1, e)
    for conj in (c for c in agent.rights if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")):
        if not any(t.text in (",", ";", ":") for t in doc[end : conj.left_edge.i]):
            end = max(end, min(conj.right_edge.i + 1, e))
    return trim(doc, start, end)


def _impersonal_clause(doc: Doc, verb: Token, end: int) -> int:
    """The "de" or "que" right after an impersonal passive ("il est recommandé de ..."), or 0."""
    for t in doc[verb.i + 1 : end]:
        if t.lower_ in DE_WORDS or t.lower_ in COMPLEMENTIZERS:
            return t.i
        if t.pos_ != "ADV":
            return 0
    return 0


def _agent(doc: Doc, verb: Token, end: int) -> Token | None:
    """The agent of a passive: the noun after its "par", within the predicate."""
    for t in doc[verb.i + 1 : min(end, verb.i + 15)]:
        if t.lower_ in AGENT_WORDS and t.head.pos_ in ("NOUN", "PROPN", "PRON") and _within(t.head, verb):
            return t.head
        if t.text in (";", ":") or (t.pos_ == "VERB" and t.dep_ in ("conj", "parataxis")):
            break
    return None


def _predicate_end(doc: Doc, sent: Span, verb: Token, agent: Token | None) -> int:
    """Where a passive's predicate ends: before its agent, else at the end of the verb's phrase."""
    end = _span(doc, sent, verb, verb.i, None)[1]
    if agent is not None:
        par = agent.left_edge.i
        end = min(end, par) if par > verb.i else end
    return end


def _raising(doc: Doc, sent: Span, verb: Token, lemma: str) -> Attribution | None:
    """ "Il semble que rien ne puisse s'y opposer": the clause from "que", no source (hedged by the
    cue); a personal "X semble ..." is the outlet's own hedge, not an attribution."""
    subj = next((c for c in verb.children if c.dep_.startswith("nsubj") or c.dep_ == "expl:subj"), None)
    if subj is not None and subj.lower_ not in IMPERSONAL_SUBJECTS:
        return None
    que = next((t for t in doc[verb.i + 1 : min(sent.end, verb.i + 4)] if t.lower_ in COMPLEMENTIZERS), None)
    if que is None:
        return None
    content = trim(doc, que.i, sent.end)
    if content[1] - content[0] < 3:
        return None
    start = verb.i
    for t in doc[max(sent.start, verb.i - 3) : verb.i]:
        if t.lower_ in NEGATION_BEFORE:
            start = t.i
    return Attribution(
        sentence=(sent.start, sent.end),
        content=content,
        cue=(start, verb.i + 1),
        kind="verb",
        cue_lemma=lemma,
    )
