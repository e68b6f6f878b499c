"""Finding attributions in parsed sentences: who (source), through which words (cue), what (content).

Three constructions cover most news writing in French and English:
- adjuncts: "selon X", "d'après X", "according to X", before, after or inside the clause;
- speech and cognition verbs with a clausal complement: "il affirme que ...", "X said (that) ...";
- the incise after the reported words: "« ... », a déclaré X", "..., X said", "..., said X".
The result is a list of token-range records; ``claims.py`` turns them into ``Claim`` objects.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from selon.nlp.attribution.fr_incises import find_incises, infinitive, introduced_quotes, is_cue_form
from selon.nlp.attribution.span import QUOTE_CHARS, Attribution, noun_phrase, quoted_tokens, trim
from selon.nlp.claims.sources import is_person_noun
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import COMPLEMENTIZERS, NOT_SOURCE_SUBJECTS, RELATIVES, Lexicon, lexicon_for
from selon.nlp.lexicon.fr import INVERTED_PRONOUNS, NEEDS_QUE, POUR_PRONOUNS, READ_VERBS

_SUBJ = ("nsubj", "nsubj:pass", "nsubjpass", "expl:subj")
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "obj", "dobj", "advcl", "conj"})


def _is_past(verb: Token) -> bool:
    if verb.tag_ == "VBD":
        return True
    tense = verb.morph.get("Tense")
    if "Past" in tense and "Part" in verb.morph.get("VerbForm"):
        return True
    return "Imp" in tense or ("Past" in tense and verb.pos_ == "VERB")


def _inverted_subject(verb: Token) -> Token | None:
    """French subject-verb inversion after the reported words: "écrit-elle", "a-t-il estimé"."""
    doc = verb.doc
    heads = [verb] + [c for c in verb.lefts if c.dep_.startswith("aux")]
    for head in heads:
        for k in (head.i + 1, head.i + 2):
            if k < len(doc) and doc[k].lower_ in INVERTED_PRONOUNS:
                return doc[k]
    return None


def _subject(verb: Token) -> Token | None:
    if verb.lang_ == "fr":
        inverted = _inverted_subject(verb)
        if inverted is not None:
            return inverted
    subj = _grammatical_subject(verb)
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


def _grammatical_subject(verb: Token) -> Token | None:
    node: Token | None = verb
    for _ in range(3):
        if node is None:
            break
        if node.i != verb.i and node.lang_ == "fr":
            inverted = _inverted_subject(node)  # "a-t-il estimé, soulignant que ..."
            if inverted is not None:
                return inverted
        for child in node.children:
            if child.dep_ in _SUBJ and child.lower_ != "-t":
                return child
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head.i != node.i:
            node = node.head
        else:
            break
    return None


def _match_adjunct(doc: Doc, i: int, lex: Lexicon) -> int:
    """Length of the adjunct phrase starting at token i ("selon", "according to"), or 0."""
    lower = DocArrays.current(doc).lower_
    first = lower[i]
    if not any(seq[0] == first for seq in lex.adjuncts):
        return 0  # the common case, decided on one token
    for seq in lex.adjuncts:
        if i + len(seq) <= len(doc) and all(lower[i + k] == w for k, w in enumerate(seq)):
            return len(seq)
    return 0


def _adjunct_head(doc: Doc, first: int, last: int, end: int) -> Token | None:
    """The nominal head introduced by the adjunct words doc[first:last+1]."""
    cand = doc[last]
    if cand.head.i > last and cand.head.i < end and cand.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
        return cand.head
    for child in cand.children:
        if child.i > last and child.pos_ in ("NOUN", "PROPN", "PRON"):
            return child
    for tok in doc[last + 1 : end]:
        if tok.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok
        if tok.is_punct:
            break
    return None


_SOURCE_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _per_source(doc: Doc, i: int, head: Token, lex: Lexicon) -> bool:
    """Whether "per X" names a source ("per the report", "per Reuters"), not a rate ("$120 per
    square foot", "three per cent"): a name or a word for a source, after no figure."""
    prev = doc[i - 1] if i > 0 else None
    if prev is not None and (
        prev.like_num or prev.pos_ in ("NUM", "SYM") or prev.ent_type_ in ("MONEY", "PERCENT", "QUANTITY")
    ):
        return False
    if head.pos_ == "PROPN" or head.ent_type_ in _SOURCE_ENTS:
        return True
    lemma = head.lemma_.lower()
    return any(
        lemma in words
        for words in (
            lex.information_nouns,
            lex.document_nouns,
            lex.anonymous_nouns,
            lex.media_words,
            lex.assessment_nouns,
        )
    )


def _apposition_of(doc: Doc, part: tuple[int, int], src: tuple[int, int]) -> bool:
    """True when the words of ``part`` describe the source (an apposition), not the claim."""
    roots = [t for t in doc[part[0] : part[1]] if not (part[0] <= t.head.i < part[1]) and not t.is_punct]
    if not roots or any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in doc[part[0] : part[1]]):
        return False
    return all(t.dep_ == "appos" or src[0] <= t.head.i < src[1] for t in roots)


def _adjuncts(doc: Doc, sent: Span, lex: Lexicon) -> list[Attribution]:
    out: list[Attribution] = []
    s, e = sent.start, sent.end
    lower = DocArrays.current(doc).lower_
    first_words = {seq[0] for seq in lex.adjuncts}
    i = s
    while i < e:
        if lower[i] not in first_words:
            i += 1  # the common case, decided without making the Token
            continue
        n = _match_adjunct(doc, i, lex)
        if not n:
            i += 1
            continue
        head = _adjunct_head(doc, i, i + n - 1, e)
        if (
            head is None
            or head.lemma_.lower() in lex.rule_nouns
            or head.lower_ in lex.rule_nouns
            or (n == 1 and doc[i].lower_ == "per" and not _per_source(doc, i, head, lex))
        ):
            i += n
            continue
        src = noun_phrase(doc, head, i + n, e)
        # the adjunct phrase ends at the next comma after the source, or the sentence end
        phrase_end = head.right_edge.i + 1
        for tok in doc[src[1] : e]:
            if tok.text in (",", ";", ".", "!", "?") or tok.text in QUOTE_CHARS:
                phrase_end = tok.i
                break
        else:
            phrase_end = e
        phrase_end = max(phrase_end, src[1])
        before = trim(doc, s, i)
        after = trim(doc, phrase_end, e)
        parts: list[tuple[int, int]] = []
        if (
            after[1] - after[0] >= 1
            and not any(t.pos_ == "CCONJ" for t in doc[phrase_end : after[0] + 1])
            and _apposition_of(doc, after, src)
        ):
            after = (after[1], after[1])  # "selon X, chef du renseignement (GUR)": the role is the source's
        if before[1] - before[0] >= 2 and after[1] - after[0] >= 2:
            first = doc[after[0]] if after[0] < e else None
            prev_cc = next((t for t in doc[phrase_end : after[0] + 1] if t.pos_ == "CCONJ"), None)
            if prev_cc is not None or (first is not None and first.pos_ in ("VERB", "AUX")):
                parts = [before, after]
            else:
                parts = [trim(doc, s, e)]
        elif before[1] - before[0] >= 2:
            parts = [before]
        elif after[1] - after[0] >= 2:
            parts = [after]
        for part in parts:
            out.append(
                Attribution(
                    sentence=(s, e),
                    content=part,
                    cue=(i, i + n),
                    source=src,
                    source_head=head.i,
                    kind="adjunct",
                    cue_lemma=doc[i].lower_,
                )
            )
        i = phrase_end
    return out


def _inside_quotes(doc: Doc, sent: Span) -> list[tuple[int, int]]:
    """Token ranges between matching quotation marks in the sentence."""
    ranges: list[tuple[int, int]] = []
    open_at: int | None = None
    texts = DocArrays.current(doc).text
    for i in range(sent.start, sent.end):
        text = texts[i]
        if text in ("«", "“") or (text == '"' and open_at is None):
            open_at = i
        elif text in ("»", "”") or (text == '"' and open_at is not None):
            if open_at is not None:
                ranges.append((open_at, i + 1))
            open_at = None
    return ranges


def _cue_infinitive(verb: Token, lex: Lexicon) -> str | None:
    """The speech verb of the lexicon this form belongs to; French lemmas are often wrong
    ("estime" -> "estime"), so the infinitive is also guessed from the ending."""
    lemma = verb.lemma_.lower()
    if lemma in lex.cue_verbs:
        return lemma
    if verb.lang_ == "fr":
        if is_cue_form(verb, lex):
            return infinitive(verb, lex)
    return None


def _adjectival_participle(verb: Token) -> bool:
    """ "soupçonné de", "accused of": a participle used as an adjective reports nobody's words."""
    if "Part" not in verb.morph.get("VerbForm") and verb.tag_ != "VBN":
        return False
    if any(c.dep_.startswith("aux") for c in verb.children):
        return False
    return verb.dep_ in ("acl", "amod", "appos", "xcomp") or verb.dep_.startswith("acl")


def _verb_attributions(doc: Doc, sent: Span, lex: Lexicon, taken: set[int]) -> list[Attribution]:
    out: list[Attribution] = []
    s, e = sent.start, sent.end
    quotes = _inside_quotes(doc, sent)
    quoted = quoted_tokens(doc) if doc.lang_ == "fr" else frozenset()
    a = DocArrays.current(doc)
    pos, lemmas = a.pos_, a.lemma_lower
    french = doc.lang_ == "fr"
    # only verbs pass the test below, and outside French only those whose lemma is a cue verb
    for verb in (doc[i] for i in range(s, e) if pos[i] == "VERB" and (french or lemmas[i] in lex.cue_verbs)):
        # "a fait savoir que", "fait valoir que": the cue is the whole periphrasis
        periphrasis = (
            doc.lang_ == "fr"
            and verb.lemma_.lower() in ("savoir", "valoir")
            and verb.head.lemma_.lower() == "faire"
            and verb.head.i == verb.i - 1
        )
        lemma = _cue_infinitive(verb, lex)
        if verb.pos_ not in ("VERB",) or (lemma is None and not periphrasis) or verb.i in taken:
            continue
        if any(qs < verb.i < qe for qs, qe in quotes) or verb.i in quoted:
            continue
        if doc.lang_ == "fr" and (
            _adjectival_participle(verb)
            or (
                any(c.dep_ == "aux:pass" for c in verb.children)
                and not any(t.lower_ in COMPLEMENTIZERS for t in doc[verb.i + 1 : min(e, verb.i + 4)])
            )
        ):
            continue  # "soupçonné de", "est accusé de": a suspicion, not somebody's words
        subj = _subject(verb.head if periphrasis else verb)
        if (
            subj is not None
            and subj.i in taken
            and not any(t.lower_ in COMPLEMENTIZERS for t in doc[verb.i + 1 : min(e, verb.i + 3)])
        ):
            continue  # the subject already speaks through another cue, unless this verb has its own "que"
        cue = (verb.head.i if periphrasis else verb.i, verb.i + 1)
        governor = verb.head if periphrasis else verb
        aux = [c.i for c in governor.lefts if c.dep_.startswith("aux") and c.i >= s] + (
            [governor.i] if periphrasis else []
        )
        cue_start = min(aux + [verb.i])
        comp = next(
            (
                t
                for t in doc[verb.i + 1 : min(e, verb.i + 8)]
                if t.lower_ in COMPLEMENTIZERS and (t.pos_ == "SCONJ" or t.i == verb.i + 1)
            ),
            None,
        )
        clause_children = [
            c
            for c in verb.rights
            if c.dep_ in ("ccomp", "parataxis") or (c.dep_ in ("xcomp",) and lex is not None and doc.lang_ == "en")
        ]
        content: tuple[int, int] | None = None
        kind = "verb"
        if comp is not None:
            end = e
            for other in range(comp.i + 1, e):  # the sentence's tokens after "that", read from the arrays
                if a.dep_[other] == "parataxis" and a.head[other] == verb.i and lemmas[other] in lex.cue_verbs:
                    end = min(end, a.left_edge[other])
            end = min(end, _main_clause_after(doc, sent, verb, comp))
            content = trim(doc, comp.i + 1, end)
        elif (
            doc.lang_ == "fr"
            and verb.lemma_.lower() in NEEDS_QUE
            and not any(t.text in QUOTE_CHARS for t in doc[verb.i + 1 : min(e, verb.i + 4)])
        ):
            clause_children = []  # "assurant un embourgeoisement": ensuring a thing, not saying it
        elif clause_children:
            first = min(c.left_edge.i for c in clause_children)
            last = max(c.right_edge.i for c in clause_children) + 1
            if first > verb.i:
                content = trim(doc, first, min(last, e))
        participle = doc.lang_ == "fr" and "Part" in verb.morph.get("VerbForm") and not aux
        if content is None and not participle:
            # incise after the reported words: "« ... », a déclaré X" / "..., X said."
            lead = trim(doc, s, cue_start if subj is None or subj.i > verb.i else min(subj.left_edge.i, cue_start))
            gap = doc[lead[1] : cue_start]
            tail_ok = all(
                t.is_punct
                or t.is_space
                or t.i == (subj.i if subj is not None else -1)
                or (subj is not None and subj.left_edge.i <= t.i <= subj.right_edge.i)
                for t in doc[verb.i + 1 : e]
                if t.dep_
                not in (
                    "obl",
                    "obl:mod",
                    "obl:arg",
                    "iobj",
                    "dobj",
                    "npadvmod",
                    "prep",
                    "pobj",
                    "advmod",
                    "case",
                    "det",
                    "nmod",
                    "amod",
                    "compound",
                    "flat:name",
                )
            )
            if lead[1] - lead[0] >= 3 and any(t.text in (",", "»", '"', "”", ":") for t in gap) and tail_ok:
                content = lead
                kind = "incise"
        if content is None or content[1] - content[0] < 2:
            continue
        src = source_head = None
        if subj is not None:
            src = noun_phrase(doc, subj, s, e)
            source_head = subj.i
        is_quote = any(qs <= content[0] and content[1] <= qe for qs, qe in quotes) or (
            content[0] > s and doc[content[0] - 1].text in QUOTE_CHARS
        )
        out.append(
            Attribution(
                sentence=(s, e),
                content=content,
                cue=cue,
                source=src,
                source_head=source_head,
                kind=kind,
                quote=is_quote,
                cue_lemma=lemma or verb.lemma_.lower(),
                cue_past=_is_past(verb) or any(_is_past(doc[a]) for a in aux),
            )
        )
        taken.update(range(content[0], content[1]))
    return out


def _main_clause_after(doc: Doc, sent: Span, verb: Token, comp: Token) -> int:
    """Where the sentence's main clause resumes after a subordinate report: "Si X avait affirmé
    qu'il était prêt à démissionner, il a rejeté cette éventualité" ends the content at ", il"."""
    root = sent.root
    if root.i <= comp.i or root.i == verb.i or verb not in root.subtree or root in comp.head.subtree:
        return sent.end
    lefts = [c.left_edge.i for c in root.lefts if c.i > comp.i]
    return min(lefts + [root.i])


def _pour_adjunct(doc: Doc, sent: Span) -> list[Attribution]:
    """ "Pour le toxicologue, les agences ...", "Pour elle, « c'est une opportunité »": an opinion
    attributed to a person by "pour X," at the head of the sentence."""
    s, e = sent.start, sent.end
    first = _next_word(doc, s, e)
    if first is None or doc[first].lower_ != "pour":
        return []
    comma = next((t.i for t in doc[first + 1 : min(e, first + 8)] if t.text == ","), None)
    if comma is None or comma - first < 2:
        return []
    words = doc[first + 1 : comma]
    head = words.root
    person_noun = head.pos_ == "NOUN" and is_person_noun(head) and words[0].pos_ == "DET"
    person_name = head.ent_type_ in ("PER", "PERSON")
    pronoun = len(words) == 1 and words[0].lower_ in POUR_PRONOUNS
    if not (person_noun or person_name or pronoun):
        return []
    content = trim(doc, comma + 1, e)
    if content[1] - content[0] < 3:
        return []
    return [
        Attribution(
            sentence=(s, e),
            content=content,
            cue=(first, first + 1),
            source=(first + 1, comma),
            source_head=head.i,
            kind="adjunct",
            cue_lemma="pour",
            quote=doc[comma + 1].text in ("«", "“") if comma + 1 < e else False,
        )
    ]


def _next_word(doc: Doc, i: int, end: int) -> int | None:
    while i < end and (doc[i].is_space or doc[i].is_punct):
        i += 1
    return i if i < end else None


def _introduced(doc: Doc, sent: Span, lex: Lexicon, found: list[Attribution]) -> list[Attribution]:
    """ "X s'inquiète : « ... »": the quotation is the content, the verb's subject its source."""
    used = {i for a in found for i in range(*a.content)}
    out: list[Attribution] = []
    for verb_i, content in introduced_quotes(doc, sent, lex, quoted_tokens(doc)):
        if any(i in used for i in range(*content)):
            continue
        verb = doc[verb_i]
        subj = _subject(verb)
        src = noun_phrase(doc, subj, sent.start, verb_i) if subj is not None and subj.i < verb_i else None
        out.append(
            Attribution(
                sentence=(sent.start, sent.end),
                content=content,
                cue=(verb_i, verb_i + 1),
                source=src,
                source_head=subj.i if src is not None and subj is not None else None,
                kind="verb",
                quote=True,
                cue_lemma=infinitive(verb, lex),
                cue_past=_is_past(verb),
            )
        )
    return out


def _incises(doc: Doc, sent: Span, lex: Lexicon, found: list[Attribution]) -> list[Attribution]:
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


def _read_in(doc: Doc, sent: Span) -> list[Attribution]:
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
            lead = trim(doc, que.i + 1, sent.end)  # "on apprend via l'AFP que ..."
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


def find_attributions(doc: Doc, sent: Span, rules_only: bool = False, adjuncts_only: bool = False) -> list[Attribution]:
    """All attributions of one sentence, adjuncts first (they are the most explicit).

    English goes through the learned tagger, completed by these rules (``combine.py``);
    ``rules_only`` asks for the rules alone, and ``adjuncts_only`` for the adjuncts alone (all
    ``combine`` can use of a sentence where the tagger found a report and no bare cue).
    """
    if doc.lang_ == "en" and not rules_only:
        from selon.nlp.attribution.en import english_attributions

        return english_attributions(
            doc,
            sent,
            lambda d, s, adjuncts_only=False: find_attributions(d, s, rules_only=True, adjuncts_only=adjuncts_only),
        )
    lex = lexicon_for(doc.lang_)
    found = _adjuncts(doc, sent, lex)
    if adjuncts_only:
        return found
    if doc.lang_ == "fr":
        found += _read_in(doc, sent)
        found += _incises(doc, sent, lex, found)
        found += _introduced(doc, sent, lex, found)
        if not found:
            found += _pour_adjunct(doc, sent)
    taken: set[int] = set()
    for a in found:
        if a.kind == "incise":
            taken.update(range(*a.content))
    for a in found:
        if a.cue:
            taken.update(range(*a.cue))
        if a.source:
            taken.update(range(*a.source))
    verbs = _verb_attributions(doc, sent, lex, taken)
    # a verb cue inside an adjunct's content reports a second level: keep both only when they differ;
    # a verb whose content swallows another attribution's cue ("..., » a-t-il estimé") is a misparse
    cues = [a.cue for a in found if a.cue]
    return found + [
        v
        for v in verbs
        if not any(a.content == v.content for a in found)
        and not any(v.content[0] <= c[0] and c[1] <= v.content[1] for c in cues)
    ]
