"""Finding attributions in parsed sentences: who (source), through which words (cue), what (content).

Three constructions cover most news writing in French and English:
- adjuncts: "selon X", "d'après X", "according to X", before, after or inside the clause;
- speech and cognition verbs with a clausal complement: "il affirme que ...", "X said (that) ...";
- the incise after the reported words: "« ... », a déclaré X", "..., X said", "..., said X".
This module holds the rules both languages share; the French-only constructions are in ``fr``
(and ``fr_incises``), the English-only tests in ``en_rules``, and English goes first through the
learned tagger (``en``). The result is a list of token-range records; ``selon.nlp.claims.build``
turns them into ``Claim`` objects.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from selon.nlp.attribution import fr, fr_complements, fr_verb_table
from selon.nlp.attribution.en_rules import per_names_source
from selon.nlp.attribution.shared import is_past, subject
from selon.nlp.attribution.span import QUOTE_CHARS, Attribution, noun_phrase, quoted_tokens, trim
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import COMPLEMENTIZERS, FR, Lexicon, lexicon_for

#: what may follow an incise's verb besides its subject: "..., a déclaré X à la presse mardi"
_INCISE_TAIL_DEPS = frozenset(
    {
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
    }
)

#: At most this many attributions are kept per sentence (the first ones found, adjuncts first).
#: Each claim carries its content and its sentence, so a sentence made of cues ("selon lui, "
#: thousands of times) gave output quadratic in its length; news sentences have one to three.
MAX_ATTRIBUTIONS_PER_SENTENCE = 8


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


def _apposition_of(doc: Doc, part: tuple[int, int], src: tuple[int, int]) -> bool:
    """True when the words of ``part`` describe the source (an apposition), not the claim."""
    roots = [t for t in doc[part[0] : part[1]] if not (part[0] <= t.head.i < part[1]) and not t.is_punct]
    if not roots or any(
        t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in doc[part[0] : part[1]]
    ):
        return False
    return all(t.dep_ == "appos" or src[0] <= t.head.i < src[1] for t in roots)


def _adjuncts(doc: Doc, sent: Span, lex: Lexicon) -> list[Attribution]:
    out: list[Attribution] = []
    s, e = sent.start, sent.end
    lower = DocArrays.current(doc).lower_
    first_words = {seq[0] for seq in lex.adjuncts}
    i = s
    while i < e and len(out) < MAX_ATTRIBUTIONS_PER_SENTENCE:  # the rest would be dropped
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
            or (n == 1 and doc[i].lower_ == "per" and not per_names_source(doc, i, head, lex))
        ):
            i += n
            continue
        src = noun_phrase(doc, head, i + n, e)
        # the adjunct phrase ends at the next comma after the source (French: or colon, "Selon X : ..."),
        # or the sentence end
        phrase_end = head.right_edge.i + 1
        for tok in doc[src[1] : e]:
            if tok.text in (",", ";", ".", "!", "?") or tok.text in QUOTE_CHARS or (tok.text == ":" and lex is FR):
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
    """The speech verb of the lexicon this form belongs to (for French, also guessed from its ending)."""
    lemma = verb.lemma_.lower()
    if lemma in lex.cue_verbs:
        return lemma
    if verb.lang_ == "fr":
        return fr.guessed_infinitive(verb, lex)
    return None


def _verb_attributions(doc: Doc, sent: Span, lex: Lexicon, taken: set[int]) -> list[Attribution]:
    """The speech-verb attributions of ``sent`` whose words ``taken`` does not already hold; each
    one found adds its content to ``taken``."""
    out: list[Attribution] = []
    s, e = sent.start, sent.end
    french = doc.lang_ == "fr"
    quotes = _inside_quotes(doc, sent)
    quoted = quoted_tokens(doc) if french else frozenset()
    a = DocArrays.current(doc)
    pos, lemmas = a.pos_, a.lemma_lower
    # only verbs pass the tests below, and outside French only those whose lemma is a cue verb
    for verb in (doc[i] for i in range(s, e) if pos[i] == "VERB" and (french or lemmas[i] in lex.cue_verbs)):
        inside = any(qs < verb.i < qe for qs, qe in quotes) or verb.i in quoted
        if inside and not french:
            continue
        # a quotation an incise reports still holds its own nested reports
        att = _verb_attribution(doc, sent, verb, lex, taken - quoted if inside else taken)
        if att is not None and inside and att.kind != "verb":
            continue  # inside a French quotation, only a report nested in it ("« Je pense que ... »")
        if att is not None and french and out and _gerund_after(doc, verb, out[-1]):
            att.source, att.source_head = out[-1].source, out[-1].source_head  # "X a dit que ..., ajoutant que"
        if att is not None:
            att.quote = any(qs <= att.content[0] and att.content[1] <= qe for qs, qe in quotes) or (
                att.content[0] > s and doc[att.content[0] - 1].text in QUOTE_CHARS
            )
            out.append(att)
            taken.update(range(att.content[0], att.content[1]))
    return out


def _verb_attribution(doc: Doc, sent: Span, verb: Token, lex: Lexicon, taken: set[int]) -> Attribution | None:
    """The attribution ``verb`` makes, if it is a cue that reports words nobody else reports here:
    its "que" clause or clausal complement, else the words before it when it is an incise."""
    s, e = sent.start, sent.end
    french = doc.lang_ == "fr"
    periphrasis = french and fr.is_periphrasis(verb)
    lemma = _cue_infinitive(verb, lex)
    if verb.pos_ not in ("VERB",) or (lemma is None and not periphrasis) or verb.i in taken:
        return None
    if french and (fr.reports_no_words(verb, e) or fr_verb_table.other_sense(verb)):
        return None
    governor = verb.head if periphrasis else verb
    subj = subject(governor)
    if subj is not None and subj.i in taken and not _complementizer_within(doc, verb, e, 3):
        return None  # the subject already speaks through another cue, unless this verb has its own "que"
    aux = [c.i for c in governor.lefts if c.dep_.startswith("aux") and c.i >= s] + ([governor.i] if periphrasis else [])
    cue_start = min([*aux, verb.i])
    content = _clause_content(doc, sent, verb, lex)
    kind = "verb"
    if content is None and not (french and fr.is_bare_participle(verb, aux)):
        content = _incise_lead(doc, sent, verb, subj, cue_start)
        kind = "incise"
    if content is None or content[1] - content[0] < 2:
        return None
    return Attribution(
        sentence=(s, e),
        content=content,
        cue=fr.verb_group(doc, sent, governor, verb, aux) if french else (governor.i, verb.i + 1),
        source=noun_phrase(doc, subj, s, e) if subj is not None else None,
        source_head=subj.i if subj is not None else None,
        kind=kind,
        cue_lemma=lemma or verb.lemma_.lower(),
        cue_past=is_past(verb) or any(is_past(doc[k]) for k in aux),
    )


def _complementizer_within(doc: Doc, verb: Token, end: int, span: int) -> bool:
    """Whether a "que" / "that" stands within ``span`` - 1 tokens after ``verb``."""
    return any(t.lower_ in COMPLEMENTIZERS for t in doc[verb.i + 1 : min(end, verb.i + span)])


def _clause_content(doc: Doc, sent: Span, verb: Token, lex: Lexicon) -> tuple[int, int] | None:
    """What the verb reports as a clause: the words after its "que" / "that" (up to a parallel
    report or the main clause resuming), else its clausal complement after it."""
    e = sent.end
    comp = next(
        (
            t
            for t in doc[verb.i + 1 : min(e, verb.i + 8)]
            if t.lower_ in COMPLEMENTIZERS and (t.pos_ == "SCONJ" or t.i == verb.i + 1)
        ),
        None,
    )
    if comp is None and doc.lang_ == "fr":
        comp = _distant_que(verb, e)  # "a informé nos amis, à commencer par ..., qu'Israël agira"
    if comp is not None:
        a = DocArrays.current(doc)
        end = e
        for other in range(comp.i + 1, e):  # the sentence's tokens after "that", read from the arrays
            if a.dep_[other] == "parataxis" and a.head[other] == verb.i and a.lemma_lower[other] in lex.cue_verbs:
                end = min(end, a.left_edge[other])
        end = min(end, _main_clause_after(doc, sent, verb, comp))
        if doc.lang_ == "fr":
            end = min(end, _gerund_report(doc, comp.i + 2, end, lex))
        return trim(doc, comp.i if doc.lang_ == "fr" else comp.i + 1, end)
    if doc.lang_ == "fr" and fr.needs_que_unmet(verb, e):
        return None
    clause_children = [
        c for c in verb.rights if c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "xcomp" and doc.lang_ == "en")
    ]
    if clause_children:
        first = min(c.left_edge.i for c in clause_children)
        last = max(c.right_edge.i for c in clause_children) + 1
        if first > verb.i:
            return trim(doc, first, min(last, e))
    return None


def _distant_que(verb: Token, end: int) -> Token | None:
    """The "que" of a clausal complement of ``verb`` that a long object keeps far from it."""
    for child in verb.rights:
        if child.dep_ != "ccomp" or child.i >= end:
            continue
        mark = next(
            (m for m in child.children if m.dep_ == "mark" and m.pos_ == "SCONJ" and m.lower_ in COMPLEMENTIZERS), None
        )
        if mark is not None and mark.i > verb.i:
            return mark
    return None


def _gerund_after(doc: Doc, verb: Token, previous: Attribution) -> bool:
    """Whether ``verb`` is a gerund that :func:`_gerund_report` cut from ``previous``'s "que" clause."""
    if "Part" not in verb.morph.get("VerbForm", []) or "Pres" not in verb.morph.get("Tense", []):
        return False
    comma = previous.content[1]
    while comma < verb.i and doc[comma].text != ",":
        comma += 1
    return comma < verb.i and all(t.lower_ in ("tout", "en", ",") for t in doc[previous.content[1] : verb.i])


def _gerund_report(doc: Doc, lo: int, hi: int, lex: Lexicon) -> int:
    """Where a "que" clause gives way to a report of its own in a gerund: "a dit que la réforme
    passera, | ajoutant que ...", "..., | tout en estimant que ..." (the gerund is its own attribution)."""
    for k in range(lo, hi - 1):
        if doc[k].text != ",":
            continue
        j = k + 1
        while j < hi - 1 and doc[j].lower_ in ("tout", "en"):
            j += 1
        t = doc[j]
        gerund = t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm", []) and "Pres" in t.morph.get("Tense", [])
        if gerund and _cue_infinitive(t, lex) is not None:
            return k
    return hi


def _incise_lead(doc: Doc, sent: Span, verb: Token, subj: Token | None, cue_start: int) -> tuple[int, int] | None:
    """The reported words before an incise ("« ... », a déclaré X" / "..., X said."): the sentence's
    start up to the cue, when a comma or a quotation mark parts them and nothing but the subject,
    adverbials and punctuation follows the verb."""
    s, e = sent.start, sent.end
    lead = trim(doc, s, cue_start if subj is None or subj.i > verb.i else min(subj.left_edge.i, cue_start))
    gap = doc[lead[1] : cue_start]
    tail_ok = all(
        t.is_punct
        or t.is_space
        or t.i == (subj.i if subj is not None else -1)
        or (subj is not None and subj.left_edge.i <= t.i <= subj.right_edge.i)
        for t in doc[verb.i + 1 : e]
        if t.dep_ not in _INCISE_TAIL_DEPS
    )
    if lead[1] - lead[0] >= 3 and any(t.text in (",", "»", '"', "”", ":") for t in gap) and tail_ok:
        return lead
    return None


def _main_clause_after(doc: Doc, sent: Span, verb: Token, comp: Token) -> int:
    """Where the sentence's main clause resumes after a subordinate report: "Si X avait affirmé
    qu'il était prêt à démissionner, il a rejeté cette éventualité" ends the content at ", il"."""
    root = sent.root
    if root.i <= comp.i or root.i == verb.i or verb not in root.subtree or root in comp.head.subtree:
        return sent.end
    lefts = [c.left_edge.i for c in root.lefts if c.i > comp.i]
    return min([*lefts, root.i])


def find_attributions(doc: Doc, sent: Span, rules_only: bool = False, adjuncts_only: bool = False) -> list[Attribution]:
    """All attributions of one sentence, adjuncts first (they are the most explicit).

    English goes through the learned tagger, completed by these rules (``en``); ``rules_only``
    asks for the rules alone, and ``adjuncts_only`` for the adjuncts alone (all ``en`` can use of a
    sentence where the tagger found a report and no bare cue).
    """
    if doc.lang_ == "en" and not rules_only:
        from selon.nlp.attribution.en import english_attributions

        return english_attributions(
            doc,
            sent,
            lambda d, s, adjuncts_only=False: find_attributions(d, s, rules_only=True, adjuncts_only=adjuncts_only),
        )[:MAX_ATTRIBUTIONS_PER_SENTENCE]
    lex = lexicon_for(doc.lang_)
    found = _adjuncts(doc, sent, lex)
    if adjuncts_only or len(found) >= MAX_ATTRIBUTIONS_PER_SENTENCE:
        return found[:MAX_ATTRIBUTIONS_PER_SENTENCE]
    if doc.lang_ == "fr":
        found = fr.french_constructions(doc, sent, lex, found)
        found = fr_complements.complements(doc, sent, found)  # "demande de ...", "prévoit une baisse"
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
    # (a frame noun, "la crainte que", may stand in the "que" clause of a verb, and a nested complement
    # is no misparse either)
    cues = [(a.cue, a.extra.get("nested", False)) for a in found if a.cue and not a.extra.get("complement")]
    kept = found + [
        v
        for v in verbs
        if not any(a.content == v.content for a in found)
        and not any(v.content[0] <= c[0] and c[1] <= v.content[1] and not (n and v.kind == "verb") for c, n in cues)
    ]
    if doc.lang_ == "fr":
        _whole_sources(doc, sent, kept)
    return kept[:MAX_ATTRIBUTIONS_PER_SENTENCE]


def _whole_sources(doc: Doc, sent: Span, found: list[Attribution]) -> None:
    """French sources keep their apposition and parenthesis, up to the next role of the sentence."""
    for a in found:
        if a.source is None or a.source_head is None:
            continue
        later = [r[0] for b in found for r in (b.cue, b.content) if r is not None and r[0] >= a.source[1]]
        extent = fr.source_extent(doc, doc[a.source_head], a.source, min([*later, sent.end]))
        if extent != a.source:
            a.extra["source_extent"] = extent  # the span shown; the name and role still read a.source
