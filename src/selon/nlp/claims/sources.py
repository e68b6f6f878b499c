"""What a source mention stands for: canonical name, kind, role, organisation, channels.

A source is kept apart from the channel that carried its words: "des informations relayées par
Reuters et le GUR" has an unnamed source and two channels; "les estimations du GUR" has the GUR
as source; "il" is whoever the article last reported as speaking.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from selon.model import Channel, Entity, Source, SourceKind, Span
from selon.nlp.attribution.shared import is_person_noun, noun_kind
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import APPOSITION_ARTICLES, ARTICLES, ORGANIZATION_HEADS, Lexicon, lexicon_for

_AGENT_WORDS = frozenset({"par", "by"})
_OWNER_DEPS = frozenset({"nmod", "poss", "prep", "pobj", "compound", "amod"})


@dataclass
class EntityIndex:
    """Entity mentions by character offset, to name whatever span overlaps them."""

    entities: list[Entity]
    by_id: dict[int, Entity] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for ent in self.entities:
            self.by_id.setdefault(ent.entity_id, ent)

    def inside(self, start: int, end: int) -> list[Entity]:
        return [e for e in self.entities if start <= e.start and e.end <= end]

    def covering(self, start: int, end: int) -> Entity | None:
        best = None
        for ent in self.entities:
            if (
                ent.start < end
                and start < ent.end
                and (best is None or (ent.end - ent.start) > (best.end - best.start))
            ):
                best = ent
        return best


def char_span(doc: Doc, start: int, end: int) -> Span:
    """``doc[start:end]`` as a character span (read from the token arrays: no Span, no Tokens)."""
    a = DocArrays.current(doc)
    if not 0 <= start <= end <= a.n:
        span = doc[start:end]  # spaCy's slice rules for anything unusual
        return Span(start=span.start_char, end=span.end_char, text=span.text)
    first, last = a.char_range(start, end)
    return Span(start=first, end=last, text=a.doc_text[first:last])


def _strip_det(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end - 1 and doc[start].pos_ in ("DET", "ADP"):
        start += 1
    return start, end


def _agents(doc: Doc, verb: Token) -> list[Token]:
    """Nominal heads of the 'par X et Y' / 'by X and Y' agent of a participle."""
    heads: list[Token] = []
    for child in verb.subtree:
        if child.lower_ in _AGENT_WORDS:
            head = child.head if child.head.i > child.i else next((c for c in child.children), None)
            if head is None:
                continue
            heads.append(head)
            heads.extend(c for c in head.subtree if c.dep_ == "conj" and c.head == head)
            break
    return heads


def channels_near(doc: Doc, lo: int, hi: int, index: EntityIndex, lex: Lexicon, anchors: list[Token]) -> list[Channel]:
    """Channels in doc[lo:hi]: relaying participles' agents, interview nouns' media, 'told CNN'."""
    found: list[Channel] = []
    seen: set[str] = set()

    def add(start: int, end: int) -> None:
        sp = doc[start:end]
        ent = index.covering(sp.start_char, sp.end_char)
        if ent is not None and ent.kind in ("person", "place", "product"):
            return
        name = ent.name if ent is not None else sp.text
        if ent is not None:
            start_c, end_c, text = ent.start, ent.end, ent.text
        else:
            start_c, end_c, text = sp.start_char, sp.end_char, sp.text
        if name.lower() in seen:
            return
        seen.add(name.lower())
        found.append(Channel(start=start_c, end=end_c, text=text, name=name))

    a = DocArrays.current(doc)
    pos, lemmas = a.pos_, a.lemma_lower
    relay, channel = lex.relay_verbs, lex.channel_nouns
    # only relaying verbs and channel nouns pass the tests below: the others need no Token
    for tok in (
        doc[i]
        for i in range(*slice(lo, hi).indices(a.n))
        if (pos[i] == "VERB" and lemmas[i] in relay) or (pos[i] == "NOUN" and lemmas[i] in channel)
    ):
        lemma = tok.lemma_.lower()
        if (
            tok.pos_ == "VERB"
            and lemma in lex.relay_verbs
            and ("Part" in tok.morph.get("VerbForm", []) or tok.tag_ == "VBN")
        ):
            for head in _agents(doc, tok):
                if lo <= head.i < hi:
                    s, e = _strip_det(doc, head.left_edge.i, head.i + 1)
                    ent = index.covering(doc[head.i].idx, doc[head.i].idx + len(doc[head.i]))
                    if ent is not None:
                        add(head.i, head.i + 1)
                    elif head.pos_ == "PROPN":
                        add(s, e)
        elif tok.pos_ == "NOUN" and lemma in lex.channel_nouns:
            sub = doc[tok.left_edge.i : tok.right_edge.i + 1]
            for ent in index.inside(sub.start_char, sub.end_char):
                if ent.kind in ("organization", "other"):
                    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
                    if span is not None:
                        add(span.start, span.end)
    for verb in anchors:
        for child in verb.children:
            target = child
            if child.lower_ in ("à", "au", "aux", "to") and child.head.i == verb.i:
                target = next((c for c in child.children if c.pos_ in ("PROPN", "NOUN")), child)
            if child.dep_ in ("dobj", "iobj", "obl", "obl:mod", "obl:arg", "dative") or target is not child:
                ent = index.covering(target.idx, target.idx + len(target))
                if ent is not None and (
                    (ent.kind == "organization" and ent.text.lower() in lex.media_words)
                    or ent.name.lower() in lex.media_words
                ):
                    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
                    if span is not None:
                        add(span.start, span.end)
    return found


def describe_source(doc: Doc, start: int, end: int, head: Token | None, index: EntityIndex) -> Source:
    """Name, kind, role and organisation of the source mention doc[start:end]."""
    src = _describe(doc, start, end, head, index)
    if src.role:
        # "le ministre de l'Intérieur, Gérald Darmanin": the person is the name, the noun their role
        named = next((e for e in index.inside(src.start, src.end) if e.kind == "person" and e.text == src.role), None)
        if named is not None:
            role = DocArrays.current(doc).doc_text[src.start : named.start].strip(" ,")
            first = role.split(" ", 1)
            if len(first) == 2 and first[0].lower() in APPOSITION_ARTICLES:
                role = first[1]
            src = src.model_copy(update={"name": named.name, "kind": "person", "role": role or None})
    root = head if head is not None else doc[start:end].root
    if src.kind == "organization" and root.pos_ == "NOUN" and is_person_noun(root):
        # "le ministre de la Santé": a person in office, even when the tagger saw the ministry
        src = src.model_copy(update={"kind": "person", "role": src.role or _strip_article(src.text)})
    elif (
        src.kind == "organization"
        and root.pos_ == "PROPN"
        and end - start == 1
        and not root.text.isupper()
        and _unknown_or_other(index.covering(root.idx, root.idx + len(root)))
    ):
        src = src.model_copy(update={"kind": "person"})  # "glisse Zineb": a first name the tagger did not know
    if src.kind == "person" and end - start > 1:
        lex = lexicon_for(doc.lang_)
        span = doc[start:end]
        # "le tabloïd Blesk", "Les Échos", "Le Canard": a publication; French names of people take no article
        media = any(t.lower_ in lex.media_words or t.lemma_.lower() in lex.media_words for t in span)
        article_name = (
            doc.lang_ == "fr"
            and span[0].pos_ == "DET"
            and (head or span.root).pos_ == "PROPN"
            and span[1].pos_ == "PROPN"
        )
        if media or article_name:
            src = src.model_copy(update={"kind": "organization", "role": None})
    return src


def _unknown_or_other(ent: Entity | None) -> bool:
    """No entity, or one of kind "other": what a first name the tagger did not know looks like."""
    return ent is None or ent.kind == "other"


def _strip_article(text: str) -> str:
    first = text.split(" ", 1)
    if len(first) == 2 and first[0].lower() in ARTICLES:
        return first[1]
    return text


def _describe(doc: Doc, start: int, end: int, head: Token | None, index: EntityIndex) -> Source:
    """The source mention doc[start:end] read from its surest sign to its loosest: an entity at its
    head, a noun for information or a document, an unnamed source, a role noun before a name, an
    entity over the mention, else the words themselves."""
    lex = lexicon_for(doc.lang_)
    span = doc[start:end]
    head = head if head is not None else span.root
    lemma = head.lemma_.lower()
    role, organization = _apposition(doc, head, index)
    # role before a name: "State Department spokesman John Kirby"
    if role is None and head.pos_ == "PROPN":
        pre = [t for t in span if t.i < head.i and t.pos_ == "NOUN"]
        if pre:
            role = doc[pre[0].i : pre[-1].i + 1].text
    ent = index.covering(span.start_char, span.end_char)
    own = index.covering(head.idx, head.idx + len(head))
    if own is not None:
        return _source(span, _ENTITY_SOURCE_KINDS.get(own.kind, "organization"), own.name, role, organization)
    if lemma in lex.assessment_nouns or lemma in lex.information_nouns or lemma in lex.document_nouns:
        return _information_source(doc, start, end, head, index, lex)
    if lemma in lex.anonymous_nouns:
        s0, e0 = _strip_det(doc, start, end)
        return _source(span, "anonymous", doc[s0:e0].text, role)
    if head.pos_ == "NOUN":
        # "le président Emmanuel Macron", "Senator Elizabeth Warren": a role noun before a name
        named = [e for e in index.inside(span.start_char, span.end_char) if e.kind == "person" and e.start > head.idx]
        if named:
            s0, _ = _strip_det(doc, start, end)
            role_text = DocArrays.current(doc).doc_text[doc[s0].idx : named[0].start].strip(" ,")
            return _source(span, "person", named[0].name, role or role_text or None, organization)
    if ent is not None and ent.kind in ("person", "organization", "place") and head.pos_ != "NOUN":
        return _source(span, "person" if ent.kind == "person" else "organization", ent.name, role, organization)
    return _words_source(doc, start, end, head, index, lex, role, organization)


#: the source kind of an entity standing at a source's head
_ENTITY_SOURCE_KINDS: dict[str, SourceKind] = {
    "person": "person",
    "organization": "organization",
    "place": "organization",
}


def _source(
    span: SpacySpan,
    kind: SourceKind,
    name: str | None,
    role: str | None = None,
    organization: str | None = None,
    organizations: list[str] | None = None,
) -> Source:
    """The Source for ``span``; ``organizations`` defaults to the one ``organization``, if any."""
    if organizations is None:
        organizations = [organization] if organization else []
    return Source(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        name=name,
        kind=kind,
        role=role,
        organization=organization,
        organizations=organizations,
        inherited=False,
    )


def _apposition(doc: Doc, head: Token, index: EntityIndex) -> tuple[str | None, str | None]:
    """Role and organisation an apposition gives the head: "Kirill Boudanov, chef du renseignement
    militaire ukrainien (GUR)" (an acronym in apposition is the organisation itself)."""
    role = organization = None
    for child in head.children:
        if child.dep_ == "appos":
            if child.text.isupper() and child.is_alpha:
                ent = index.covering(child.idx, child.idx + len(child))
                organization = ent.name if ent is not None else child.text
                continue
            r_end = child.right_edge.i + 1
            for tok in doc[child.i : r_end]:
                if tok.text in ("(", ",", ";"):
                    r_end = tok.i
                    break
            role_span = doc[child.left_edge.i : r_end]
            role = role_span.text
            for ent in index.inside(role_span.start_char, doc[min(r_end + 3, len(doc)) - 1].idx + 1):
                if ent.kind == "organization":
                    organization = ent.name
                    break
    return role, organization


def _information_source(doc: Doc, start: int, end: int, head: Token, index: EntityIndex, lex: Lexicon) -> Source:
    """ "les estimations du GUR", "des documents américains", "des informations": the owner named
    inside the phrase speaks; failing one, the document or assessment is the source, its countries
    its organisations, and plain information stays unnamed."""
    span = doc[start:end]
    lemma = head.lemma_.lower()
    owners = [t for t in head.subtree if t.i != head.i and t.pos_ in ("PROPN", "NOUN") and start <= t.i < end]
    for t in owners:
        oe = index.covering(t.idx, t.idx + len(t))
        if oe is not None and oe.kind in ("organization", "person", "place"):
            if oe.kind == "person":
                return _source(span, "person", oe.name)
            return _source(span, "organization", oe.name, None, oe.name)
    organizations: list[str] = []
    for t in span:
        country = lex.demonyms.get(t.lower_) or lex.demonyms.get(t.lemma_.lower())
        if country and t.pos_ in ("ADJ", "PROPN", "NOUN") and country not in organizations:
            organizations.append(country)
    s0, e0 = _strip_det(doc, start, end)
    kind: SourceKind
    if lemma in lex.document_nouns and lemma not in lex.information_nouns:
        kind = "document"
    elif lemma in lex.assessment_nouns:
        kind = "assessment"
    else:
        kind = "unnamed"
    name = doc[s0:e0].text if kind != "unnamed" or organizations else None
    return _source(span, kind, name, None, organizations[0] if organizations else None, organizations)


def _words_source(
    doc: Doc,
    start: int,
    end: int,
    head: Token,
    index: EntityIndex,
    lex: Lexicon,
    role: str | None,
    organization: str | None,
) -> Source:
    """A mention no entity names: a name the tagger missed is a person, a medium or a body that
    speaks as one ("le gouvernement") an organisation, and a role noun a person unless it names a thing."""
    span = doc[start:end]
    lemma = head.lemma_.lower()
    s0, e0 = _strip_det(doc, start, end)
    kind: SourceKind = (
        "person" if head.pos_ in ("PROPN", "PRON") or head.ent_type_ in ("PER", "PERSON") else "organization"
    )
    if lemma in lex.media_words or head.lower_ in lex.media_words:
        kind = "organization"
    if head.pos_ == "NOUN":
        role = role or doc[s0:e0].text
        for e2 in index.inside(span.start_char, span.end_char):
            if e2.kind == "organization":
                organization = e2.name
                break
        if head.lemma_.lower() in ORGANIZATION_HEADS or head.lower_ in lex.media_words:
            kind = "organization"
        else:
            kind = noun_kind(head)
    return _source(span, kind, doc[s0:e0].text, role, organization)


def pronoun_form(token: Token) -> str:
    """The pronoun as written, without the hyphen of French inversion ("-elle" -> "elle")."""
    return token.lower_.lstrip("-")


def is_pronoun(doc: Doc, start: int, end: int) -> bool:
    lex = lexicon_for(doc.lang_)
    form = pronoun_form(doc[start])
    return end - start == 1 and (
        form in lex.pronouns_sing or form in lex.pronouns_plur or form in ("it", "on", "lui", "eux")
    )


def is_first_person(doc: Doc, start: int, end: int) -> bool:
    """ "je", "j'", "nous", "I", "we": the writer (or, inside a quotation, the quoted speaker)."""
    return end - start == 1 and pronoun_form(doc[start]) in ("je", "j'", "j’", "nous", "i", "we", "moi")
