"""From attributions to claims: pronoun sources, carried-on reports, certainty, evidence, figures.

Every sentence of the article body yields claims: the attributed ones, the ones that continue a
report in the journalistic conditional (their source is inherited), and the outlet's own
statements (certainty "asserted"). Headings and page furniture yield none.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from selon.model import Certainty, Claim, Figure, Source, Span
from selon.nlp.attribution import fr_quotes
from selon.nlp.attribution.fr_incises import retro_attribution
from selon.nlp.attribution.rules import find_attributions
from selon.nlp.attribution.shared import is_person_noun
from selon.nlp.attribution.span import Attribution, noun_phrase, quoted_tokens, trim
from selon.nlp.claims.certainty_fr import as_evidence, confirmation_spans, french_certainty, outlet_speculation
from selon.nlp.claims.mood import hedging_words, is_conditional
from selon.nlp.claims.quotes import attribute_quotations, cut_overflows
from selon.nlp.claims.sources import (
    EntityIndex,
    channels_near,
    char_span,
    describe_source,
    is_first_person,
    is_pronoun,
    pronoun_form,
)
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import Lexicon, lexicon_for
from selon.nlp.lexicon.fr_verbs import class_certainty


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _first_person_subject(verb: Token) -> bool:
    """ "On se croirait", "je serais": the writer's own supposition, not a report carried on."""
    node = verb if verb.dep_ not in ("aux", "aux:tense", "aux:pass", "cop") else verb.head
    return any(
        c.dep_.startswith("nsubj") and c.lower_.lstrip("-") in ("je", "j'", "j’", "on", "nous", "i", "we")
        for c in node.children
    )


def _is_statement(sent: SpacySpan) -> bool:
    a = DocArrays.current(sent.doc)
    words = [i for i in range(sent.start, sent.end) if not a.is_punct[i] and not a.is_space[i]]
    if len(words) < 4 or a.span_text(sent.start, sent.end).rstrip().endswith("?"):
        return False
    return any(a.pos_[i] in ("VERB", "AUX") for i in words)


def _confirmation(doc: Doc, sent: SpacySpan, lex: Lexicon) -> tuple[Token, list[Token]] | None:
    """'Ces informations ont été confirmées par X et Y': the confirming verb and its evidence heads."""
    a = DocArrays.current(doc)
    lemmas, pos, verbs = a.lemma_lower, a.pos_, lex.confirm_verbs
    for tok in (doc[i] for i in range(sent.start, sent.end) if lemmas[i] in verbs and pos[i] == "VERB"):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")), None)
        if subj is None or not any(t.lower_ in lex.evidence_subjects for t in subj.subtree):
            continue
        evidence: list[Token] = []
        for t in tok.subtree:
            if t.lower_ in ("par", "by") and t.head.i > t.i:
                head = t.head if t.head.i != tok.i else next((c for c in t.children), None)
                if head is not None and head.pos_ in ("NOUN", "PROPN"):
                    evidence.append(head)
                    evidence.extend(c for c in head.children if c.dep_ == "conj")
                break
        if evidence:
            return tok, evidence
    return None


class ClaimBuilder:
    """Turns one parsed document into claims, sentence by sentence, keeping the report context."""

    def __init__(
        self, doc: Doc, entities: list, figures: list[Figure], carry_on: int = 2, asserted: bool = True
    ) -> None:
        self.doc = doc
        self.text = DocArrays.current(doc).doc_text  # spaCy rebuilds Doc.text on every access
        self.lex = lexicon_for(doc.lang_)
        self.index = EntityIndex(entities)
        self.figures = figures
        self.carry_on = carry_on
        self.asserted = asserted
        self.claims: list[Claim] = []
        self.last_source: Source | None = None
        self.last_person: Source | None = None
        self.last_plural: Source | None = None
        self.last_person_at = -1  # where the last person speaker was mentioned
        self.genders: dict[str, str] = {}  # name -> "m" | "f", learnt from the pronouns that resolved to it
        self.since_report = 99
        self.plan: fr_quotes.QuotationPlan | None = None
        self.last_report: Claim | None = None  # the last claim with a source, which a conditional carries on
        self.known: dict[str, Source] = {}

    # -- helpers -----------------------------------------------------------------------------
    def _holder_of(self, role: str, offset: int) -> str | None:
        """The person the article named with this role before ``offset``: "le ministre de la Santé
        Roman Prymula" makes a later "le ministre de la Santé" Roman Prymula."""
        text = self.text
        low = role.lower()
        for known in self.known.values():
            if known.kind == "person" and known.role and known.role.lower() == low and known.start < offset:
                return known.name
        best: str | None = None
        best_at = -1
        for ent in self.index.entities:
            if ent.kind != "person" or ent.start >= offset or ent.start <= best_at:
                continue
            before = text[max(0, ent.start - len(role) - 3) : ent.start].lower()
            if low in before:
                best, best_at = ent.name, ent.start
        return best

    def _person_before(self, offset: int, gender: str | None = None) -> Source | None:
        """Who a pronoun at ``offset`` most likely means: the latest main-clause subject that names a
        person (within a few paragraphs) or describes one ("un chiraquien", just before); failing
        both, the latest person named close by. Roles come from earlier claims."""
        person = loose = None
        for ent in self.index.entities:
            if ent.kind != "person" or ent.end > offset:
                continue
            if gender and self.genders.get(ent.name, gender) != gender:
                continue
            if offset - ent.end < 400 and (loose is None or ent.start > loose.start):
                loose = ent
            if offset - ent.end < 1500 and (person is None or ent.start > person.start):
                span = self.doc.char_span(ent.start, ent.end, alignment_mode="expand")
                if (
                    span is not None
                    and span.root.dep_ in ("nsubj", "nsubj:pass", "nsubjpass", "ROOT")
                    and not span.root.head.dep_.startswith(("acl", "relcl", "advcl"))
                ):
                    person = ent
        described = self._described_before(offset)
        if described is not None and (person is None or described.start > person.end):
            return described
        chosen = person or loose
        if chosen is None:
            return None
        known = self.known.get(chosen.name)
        if known is not None:
            return known
        return Source(
            start=chosen.start, end=chosen.end, text=chosen.text, name=chosen.name, kind="person", inherited=False
        )

    def _described_before(self, offset: int) -> Source | None:
        """ "un chiraquien s'est souvenu ... « ... », a-t-il lâché": a person described, not named,
        as the subject of the sentence just before."""
        window = self.doc.char_span(max(0, offset - 400), offset, alignment_mode="contract")
        if window is None:
            return None
        quoted = quoted_tokens(self.doc)
        dep = DocArrays.current(self.doc).dep_
        subjects = (i for i in range(window.end - 1, window.start - 1, -1) if dep[i] in ("nsubj", "nsubjpass"))
        for tok in (self.doc[i] for i in subjects):
            if (
                (tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.is_lower))
                and tok.i not in quoted
                and "Sing" in tok.morph.get("Number", [])
                and is_person_noun(tok)
            ):
                s, e = noun_phrase(self.doc, tok, tok.left_edge.i, tok.right_edge.i + 1)
                return describe_source(self.doc, s, e, tok, self.index)
        return None

    def _resolve_pronoun(self, src: Source, plural: bool) -> Source:
        gender = self.lex.pronoun_genders.get(src.text.lower().lstrip("-"))
        if plural:
            antecedent = self.last_plural or self.last_source
        else:
            speaker = self.last_person or (self.last_source if self.last_source is not self.last_plural else None)
            named = self._person_before(src.start, gender)
            # a person the article already called "il" is not "elle", and the other way round
            if speaker is not None and gender and self.genders.get(speaker.name or "", gender) != gender:
                speaker = None
            antecedent = speaker
            if named is not None and (speaker is None or self.last_person_at < named.start):
                antecedent = named
        if antecedent is None or antecedent.name is None:
            return src.model_copy(update={"kind": "person" if not plural else "organization"})
        if gender and not plural:
            self.genders.setdefault(antecedent.name, gender)
        return src.model_copy(
            update={
                "name": antecedent.name,
                "kind": antecedent.kind,
                "role": antecedent.role,
                "organization": antecedent.organization,
                "organizations": list(antecedent.organizations),
            }
        )

    def _source(self, att: Attribution) -> Source | None:
        if att.source is None:
            return None
        s, e = att.source
        head = self.doc[att.source_head] if att.source_head is not None else None
        span = self.doc[s:e]
        if (
            not span.text.strip()
            or span[0].lower_ in ("que", "qu'", "qu’", "that", "which")
            or (
                self.doc.lang_ == "fr"
                and any(
                    t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in span if not t.ent_type_
                )
            )
        ):
            return None  # a clause is not a source: the parse went astray ("X, who ..." is, in English)
        if is_pronoun(self.doc, s, e) or "possessive" in att.extra:  # "à ses yeux": "ses" stands for someone
            tok = self.doc[s]
            skip = 1 if tok.text.startswith("-") else 0  # "a-t-il dit": the source is "il", not its hyphen
            base = Source(
                start=tok.idx + skip,
                end=tok.idx + len(tok),
                text=tok.text[skip:],
                name=None,
                kind="person",
                inherited=False,
            )
            form = pronoun_form(tok)
            return self._resolve_pronoun(base, form in self.lex.pronouns_plur or form in ("they", "eux", "leurs"))
        if is_first_person(self.doc, s, e):
            tok = self.doc[s]
            return Source(
                start=tok.idx,
                end=tok.idx + len(tok),
                text=tok.text,
                name=None,
                kind="person",
                role="author",
                inherited=False,
            )
        src = describe_source(self.doc, s, e, head, self.index)
        if "source_extent" in att.extra:  # the apposition and parenthesis belong to the source's span
            whole = self.doc[att.extra["source_extent"][0] : att.extra["source_extent"][1]]
            src = src.model_copy(update={"start": whole.start_char, "end": whole.end_char, "text": whole.text})
        if src.kind == "person" and src.role and src.name == src.role:
            named = self._holder_of(src.role, src.start)
            if named is not None:
                src = src.model_copy(update={"name": named})
        earlier = self.known.get(src.name or "")
        if earlier is not None and src.role is None and src.organization is None:
            # "Selon Boudanov" after "Kirill Boudanov, chef du renseignement militaire ukrainien (GUR)"
            src = src.model_copy(
                update={
                    "role": earlier.role,
                    "organization": earlier.organization,
                    "organizations": list(earlier.organizations),
                }
            )
        elif src.name and (src.role or src.organization):
            self.known.setdefault(src.name, src)
        return src

    def _figures_in(self, start: int, end: int) -> list[Figure]:
        return [f for f in self.figures if start <= f.start and f.end <= end]

    def _make(
        self,
        content: tuple[int, int],
        sent: SpacySpan,
        source: Source | None,
        cue: tuple[int, int] | None,
        quote: bool,
        past_cue: bool,
        cue_lemma: str,
        channels: list,
        certainty: Certainty | None = None,
    ) -> Claim:
        doc = self.doc
        cs = char_span(doc, *content)
        hedges = hedging_words(doc, content[0], content[1], self.lex, past_cue)
        if cue is not None and doc.lang_ == "fr":
            # "pourrait commenter le Président": the attribution itself is a supposition
            hedges += [t for t in doc[cue[0] : cue[1]] if is_conditional(t)]
        # a cue that is itself a hedge ("The minister reportedly resigned") hedges what it reports
        by_class = class_certainty(cue_lemma) if cue is not None and doc.lang_ == "fr" else None  # "sait", "juge"
        hedge_cue = bool(cue) and (cue_lemma in self.lex.hedge_cue_verbs or cue_lemma in self.lex.hedge_words)
        if certainty is None and cue is not None and doc.lang_ == "fr":  # the guidelines' French classes
            certainty, hedges, hedge_cue = french_certainty(doc, cue, content, past_cue, self.lex)
        cues = [Span(start=t.idx, end=t.idx + len(t), text=t.text) for t in hedges]
        if certainty is None:
            if cue_lemma in self.lex.denial_verbs:
                certainty = "denied"
            elif cue_lemma in self.lex.confirm_verbs or (by_class == "confirmed" and not hedges):
                certainty = "confirmed"
            elif hedges or hedge_cue or cue_lemma in self.lex.hedge_cue_verbs or by_class == "hedged":
                certainty = "hedged"
            elif source is not None or cue is not None:
                certainty = "reported"
            else:
                certainty = "asserted"
        if cue is not None and (certainty in ("denied", "confirmed") or hedge_cue):
            cues.insert(0, char_span(doc, *cue))
        return Claim(
            id=f"c{len(self.claims) + 1}",
            content=cs,
            source=source,
            cue=char_span(doc, *cue) if cue else None,
            channel=channels,
            certainty=certainty,
            certainty_cues=cues,
            quantities=self._figures_in(cs.start, cs.end),
            quote=quote,
            sentence=char_span(doc, sent.start, sent.end),
        )

    # -- per sentence ------------------------------------------------------------------------
    def add_sentence(self, sent: SpacySpan) -> None:
        doc, lex, plan = self.doc, self.lex, self.plan
        if plan is not None and plan.absorbs(sent):
            self.since_report = 0  # the words of a quotation a claim of an earlier sentence holds
            return
        confirm = _confirmation(doc, sent, lex)
        if confirm is not None and self.claims:
            self._confirm_previous(sent, *confirm)
            return
        if doc.lang_ == "fr" and self._attribute_previous(sent):
            return
        atts = plan.attributions(sent) if plan is not None else find_attributions(doc, sent)
        if atts:
            for att in atts:
                source = plan.source_for(att, self._source) if plan is not None else self._source(att)
                anchors = [doc[att.cue[0]]] if att.cue else []
                lo, hi = att.sentence
                channels = channels_near(doc, lo, hi, self.index, lex, anchors)
                if source is not None:
                    channels = [c for c in channels if c.name != source.name]
                claim = self._make(att.content, sent, source, att.cue, att.quote, att.cue_past, att.cue_lemma, channels)
                self.claims.append(claim)
                self.last_report = claim if source is not None else self.last_report
                if source is not None and source.name:
                    self.last_source = source
                    head = doc[att.source_head] if att.source_head is not None else None
                    plural = head is not None and (
                        "Plur" in head.morph.get("Number", []) or head.tag_ in ("NNS", "NNPS")
                    )
                    if plural:
                        self.last_plural = source
                    elif source.kind == "person":
                        self.last_person = source
                        self.last_person_at = source.start
            self.since_report = 0
            return
        self.since_report += 1
        if _is_statement(sent):
            self._uncued(sent)

    def _uncued(self, sent: SpacySpan) -> None:
        """A sentence with no cue: a report carried on in the conditional (French: ``fr_quotes``), or the outlet's."""
        doc, content = self.doc, trim(self.doc, sent.start, sent.end)
        hedges = hedging_words(doc, content[0], content[1], self.lex, past_cue=False)
        prev = self.claims[-1] if self.claims else None
        certainty: Certainty | None = None  # French: the outlet's supposition is "asserted", no attribution
        if doc.lang_ == "fr":
            prev = self.last_report if fr_quotes.carries_on(self.text, self.last_report, sent.start_char) else None
            clause = fr_quotes.journalistic_conditional(sent, content, hedges) if hedges else None
            hedges, certainty = ([], "asserted") if hedges and clause is None else (hedges, None)
            content = clause or content
        speaker_voice = any(_first_person_subject(t) for t in hedges)
        if (
            hedges
            and prev is not None
            and prev.source is not None
            and self.since_report <= self.carry_on
            and not speaker_voice
        ):
            inherited = prev.source.model_copy(update={"inherited": True})
            self.claims.append(self._make(content, sent, inherited, None, False, False, "", list(prev.channel)))
            self.last_report = self.claims[-1]
            self.since_report = 0
            return
        if self.asserted:
            self.claims.append(self._make(content, sent, None, None, False, False, "", [], certainty))

    def add_title(self, sent: SpacySpan) -> None:
        """Only the explicitly attributed claims of a headline: a cue and a source."""
        before = len(self.claims)
        self.add_sentence(sent)
        self.claims[before:] = [c for c in self.claims[before:] if c.cue is not None and c.source is not None]

    def _attribute_previous(self, sent: SpacySpan) -> bool:
        """ "C'est ce qu'a annoncé X": the previous sentence was X's, not the outlet's."""
        hit = retro_attribution(self.doc, sent, self.lex)
        prev = self.claims[-1] if self.claims else None
        if hit is None or prev is None or prev.source is not None or prev.cue is not None:
            return False
        (c0, c1), (s0, s1) = hit
        head = max(range(s0, s1), key=lambda t: (self.doc[t].pos_ in ("PROPN", "NOUN"), -t))
        att = Attribution(
            sentence=(sent.start, sent.end),
            content=(sent.start, sent.end),
            cue=(c0, c1),
            source=(s0, s1),
            source_head=head,
            kind="incise",
        )
        source = self._source(att)
        certainty = "hedged" if prev.certainty == "hedged" else "reported"
        self.claims[-1] = prev.model_copy(
            update={"source": source, "cue": char_span(self.doc, c0, c1), "certainty": certainty}
        )
        self.since_report = 0
        return True

    def _confirm_previous(self, sent: SpacySpan, verb: Token, evidence: list[Token]) -> None:
        doc = self.doc
        spans: list[Span] = []
        for head in evidence:
            s, e = noun_phrase(doc, head, sent.start, sent.end)
            while s < e - 1 and doc[s].pos_ in ("DET", "ADP"):
                s += 1
            # "documents industriels obtenus par Reuters": keep the evidence, its relay is a channel
            cut = next((c.i for c in head.rights if c.dep_ in ("acl", "acl:relcl", "relcl")), None)
            spans.append(char_span(doc, s, min(e, cut) if cut else e))
        channels = channels_near(doc, sent.start, sent.end, self.index, self.lex, [])
        target_sentence = None
        for i in range(len(self.claims) - 1, -1, -1):
            claim = self.claims[i]
            if target_sentence is None:
                target_sentence = claim.sentence
            if claim.sentence != target_sentence:
                break
            cue = Span(start=verb.idx, end=verb.idx + len(verb), text=verb.text)
            names = {c.name for c in claim.channel}
            self.claims[i] = claim.model_copy(
                update={
                    "certainty": "confirmed",
                    "certainty_cues": [cue],
                    "evidence": spans,
                    "channel": claim.channel + [c for c in channels if c.name not in names],
                }
            )
        found = confirmation_spans(doc, verb, evidence) if doc.lang_ == "fr" else None
        if found is not None:  # the confirmation is an attribution too: its evidence is the source
            content, cue_range, (s0, s1) = found
            source = as_evidence(describe_source(doc, s0, s1, evidence[0], self.index), spans[0].text)
            claim = self._make(content, sent, source, cue_range, False, True, "", channels, "confirmed")
            self.claims.append(claim.model_copy(update={"evidence": spans, "source": source}))


def _title(doc: Doc) -> tuple[int, int] | None:
    """The headline: a heading on the document's first line. It is no claim of its own, but an
    attribution in it ("Obama on Climate Change: The Trends Are 'Terrifying'") is one."""
    headings = doc._.selon_headings or []
    if not headings:
        return None
    first = min(headings)
    text = DocArrays.current(doc).doc_text
    if text[: first[0]].strip() or "\n" not in text[first[1] : first[1] + 3]:
        return None
    return first


def _text_end(sent: SpacySpan) -> int:
    """Where a sentence's words end: a headline's sentence holds the blank line after it."""
    return sent.start_char + len(sent.text.rstrip())


def build_claims(
    doc: Doc,
    entities: list,
    figures: list[Figure],
    excluded: list[tuple[int, int]],
    carry_on: int = 2,
    asserted: bool = True,
) -> list[Claim]:
    """Claims of a parsed, segmented document; sentences overlapping ``excluded`` chars are skipped."""
    DocArrays.of(doc)  # the snapshot the helpers read while this stage runs
    builder = ClaimBuilder(doc, entities, figures, carry_on=carry_on, asserted=asserted)
    title = _title(doc)
    sents = [(sent, _overlaps((sent.start_char, sent.end_char), excluded)) for sent in doc.sents]
    if doc.lang_ == "fr":  # French quotations are joined over the sentences before any claim is made
        builder.plan = fr_quotes.QuotationPlan(doc, sents, find_attributions)
    for sent, out in sents:
        if out and (builder.plan is None or sent.start not in builder.plan.found):
            if title is not None and title[0] <= sent.start_char and _text_end(sent) <= title[1]:
                builder.add_title(sent)
            builder.since_report = 99  # a heading or furniture ends the report it interrupts
            continue
        builder.add_sentence(sent)
    claims = attribute_quotations(doc, cut_overflows(doc, builder.claims), speakers=builder.plan is None)
    if doc.lang_ == "fr":  # decision 3: "Si ..., il serait", "je serais" are no reports
        claims = outlet_speculation(doc, claims)
    return [c.model_copy(update={"id": f"c{i}"}) if c.id != f"c{i}" else c for i, c in enumerate(claims, start=1)]
