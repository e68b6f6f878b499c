"""Finding attributions in parsed sentences: who (source), through which words (cue), what (content).

Three constructions cover most news writing in French and English:
- adjuncts: "selon X", "d'après X", "according to X", before, after or inside the clause;
- speech and cognition verbs with a clausal complement: "il affirme que ...", "X said (that) ...";
- the incise after the reported words: "« ... », a déclaré X", "..., X said", "..., said X".
The result is a list of token-range records; ``claims.py`` turns them into ``Claim`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon, lexicon_for

QUOTE_CHARS = frozenset({"«", "»", '"', "“", "”", "‘", "’"})
_COMPLEMENTIZERS = frozenset({"que", "qu'", "qu’", "that"})
_SUBJ = ("nsubj", "nsubj:pass", "nsubjpass", "expl:subj")
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "obj", "dobj", "advcl", "conj"})
_CUT_DEPS = frozenset({"acl", "acl:relcl", "relcl", "appos", "punct", "conj", "cc", "advcl", "parataxis"})


@dataclass
class Attribution:
    """Token ranges ``[start, end)`` of one attribution inside ``sentence``."""

    sentence: tuple[int, int]
    content: tuple[int, int]
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    source_head: int | None = None
    kind: str = "verb"  # adjunct | verb | incise | inherited
    quote: bool = False
    cue_lemma: str = ""
    cue_past: bool = False
    extra: dict = field(default_factory=dict)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation, spaces and conjunctions at the edges of a token range."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].pos_ == "CCONJ"
                           or doc[start].lower_ in _COMPLEMENTIZERS):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].pos_ == "CCONJ"):
        end -= 1
    return start, end


def noun_phrase(doc: Doc, head: Token, lo: int, hi: int) -> tuple[int, int]:
    """The head's phrase within [lo, hi), cut before clauses, appositions and parentheses."""
    start = max(head.left_edge.i, lo)
    end = min(head.right_edge.i + 1, hi)
    for child in head.rights:
        named = child.dep_ == "appos" and child.pos_ == "PROPN" and child.left_edge.i == head.i + 1
        if (child.dep_ in _CUT_DEPS and not named) or child.text == "(":
            end = min(end, child.left_edge.i)
    for tok in doc[head.i + 1:end]:
        if tok.text in ("(", ",", ";", ":") or tok.text in QUOTE_CHARS:
            end = tok.i
            break
    for child in head.lefts:
        if child.dep_ in ("punct",) and child.i >= start:
            start = child.i + 1
    end = max(end, head.i + 1)
    last = doc[end - 1]
    if last.ent_iob_ in ("B", "I") and end < hi and doc[end].ent_iob_ == "I":
        # a name cut by the parse: "le président Emmanuel | Macron"
        while end < hi and doc[end].ent_iob_ == "I":
            end += 1
    return _trim(doc, start, end)


def _is_past(verb: Token) -> bool:
    if verb.tag_ == "VBD":
        return True
    tense = verb.morph.get("Tense")
    if "Past" in tense and "Part" in verb.morph.get("VerbForm"):
        return True
    return "Imp" in tense or ("Past" in tense and verb.pos_ == "VERB")


def _subject(verb: Token) -> Token | None:
    node: Token | None = verb
    for _ in range(3):
        if node is None:
            break
        for child in node.children:
            if child.dep_ in _SUBJ:
                return child
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head is not node:
            node = node.head
        else:
            break
    return None


def _match_adjunct(doc: Doc, i: int, lex: Lexicon) -> int:
    """Length of the adjunct phrase starting at token i ("selon", "according to"), or 0."""
    for seq in lex.adjuncts:
        if i + len(seq) <= len(doc) and all(doc[i + k].lower_ == w for k, w in enumerate(seq)):
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
    for tok in doc[last + 1:end]:
        if tok.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok
        if tok.is_punct:
            break
    return None


def _adjuncts(doc: Doc, sent: Span, lex: Lexicon) -> list[Attribution]:
    out: list[Attribution] = []
    s, e = sent.start, sent.end
    i = s
    while i < e:
        n = _match_adjunct(doc, i, lex)
        if not n:
            i += 1
            continue
        head = _adjunct_head(doc, i, i + n - 1, e)
        if head is None:
            i += n
            continue
        src = noun_phrase(doc, head, i + n, e)
        # the adjunct phrase ends at the next comma after the source, or the sentence end
        phrase_end = head.right_edge.i + 1
        for tok in doc[src[1]:e]:
            if tok.text in (",", ";", ".", "!", "?") or tok.text in QUOTE_CHARS:
                phrase_end = tok.i
                break
        else:
            phrase_end = e
        phrase_end = max(phrase_end, src[1])
        before = _trim(doc, s, i)
        after = _trim(doc, phrase_end, e)
        parts: list[tuple[int, int]] = []
        if before[1] - before[0] >= 2 and after[1] - after[0] >= 2:
            first = doc[after[0]] if after[0] < e else None
            prev_cc = next((t for t in doc[phrase_end:after[0] + 1] if t.pos_ == "CCONJ"), None)
            if prev_cc is not None or (first is not None and first.pos_ in ("VERB", "AUX")):
                parts = [before, after]
            else:
                parts = [_trim(doc, s, e)]
        elif before[1] - before[0] >= 2:
            parts = [before]
        elif after[1] - after[0] >= 2:
            parts = [after]
        for part in parts:
            out.append(Attribution(sentence=(s, e), content=part, cue=(i, i + n), source=src,
                                   source_head=head.i, kind="adjunct", cue_lemma=doc[i].lower_))
        i = phrase_end
    return out


def _inside_quotes(doc: Doc, sent: Span) -> list[tuple[int, int]]:
    """Token ranges between matching quotation marks in the sentence."""
    ranges: list[tuple[int, int]] = []
    open_at: int | None = None
    for tok in sent:
        if tok.text in ("«", "“") or (tok.text == '"' and open_at is None):
            open_at = tok.i
        elif tok.text in ("»", "”") or (tok.text == '"' and open_at is not None):
            if open_at is not None:
                ranges.append((open_at, tok.i + 1))
            open_at = None
    return ranges


def _verb_attributions(doc: Doc, sent: Span, lex: Lexicon, taken: set[int]) -> list[Attribution]:
    out: list[Attribution] = []
    s, e = sent.start, sent.end
    quotes = _inside_quotes(doc, sent)
    for verb in sent:
        if verb.pos_ not in ("VERB",) or verb.lemma_.lower() not in lex.cue_verbs or verb.i in taken:
            continue
        if any(qs < verb.i < qe for qs, qe in quotes):
            continue
        subj = _subject(verb)
        if subj is not None and subj.i in taken:
            continue
        cue = (verb.i, verb.i + 1)
        aux = [c.i for c in verb.lefts if c.dep_.startswith("aux") and c.i >= s]
        cue_start = min(aux + [verb.i])
        comp = next((t for t in doc[verb.i + 1:min(e, verb.i + 8)] if t.lower_ in _COMPLEMENTIZERS and t.pos_ == "SCONJ"), None)
        clause_children = [c for c in verb.rights if c.dep_ in ("ccomp", "parataxis") or
                           (c.dep_ in ("xcomp",) and lex is not None and doc.lang_ == "en")]
        content: tuple[int, int] | None = None
        kind = "verb"
        if comp is not None and not any(t.text in (",",) for t in doc[verb.i + 1:comp.i] if False):
            end = e
            for other in sent:
                if other.i > comp.i and other.dep_ == "parataxis" and other.head.i == verb.i and other.lemma_.lower() in lex.cue_verbs:
                    end = min(end, other.left_edge.i)
            content = _trim(doc, comp.i + 1, end)
        elif clause_children:
            first = min(c.left_edge.i for c in clause_children)
            last = max(c.right_edge.i for c in clause_children) + 1
            if first > verb.i:
                content = _trim(doc, first, min(last, e))
        if content is None:
            # incise after the reported words: "« ... », a déclaré X" / "..., X said."
            lead = _trim(doc, s, cue_start if subj is None or subj.i > verb.i else min(subj.left_edge.i, cue_start))
            gap = doc[lead[1]:cue_start]
            tail_ok = all(t.is_punct or t.is_space or t.i == (subj.i if subj is not None else -1) or
                          (subj is not None and subj.left_edge.i <= t.i <= subj.right_edge.i) for t in doc[verb.i + 1:e]
                          if t.dep_ not in ("obl", "obl:mod", "obl:arg", "iobj", "dobj", "npadvmod", "prep", "pobj", "advmod", "case", "det", "nmod", "amod", "compound", "flat:name"))
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
            content[0] > s and doc[content[0] - 1].text in QUOTE_CHARS)
        out.append(Attribution(sentence=(s, e), content=content, cue=cue, source=src, source_head=source_head,
                               kind=kind, quote=is_quote, cue_lemma=verb.lemma_.lower(),
                               cue_past=_is_past(verb) or any(_is_past(doc[a]) for a in aux)))
        taken.update(range(content[0], content[1]))
    return out


def find_attributions(doc: Doc, sent: Span) -> list[Attribution]:
    """All attributions of one sentence, adjuncts first (they are the most explicit)."""
    lex = lexicon_for(doc.lang_)
    found = _adjuncts(doc, sent, lex)
    taken: set[int] = set()
    for a in found:
        if a.cue:
            taken.update(range(*a.cue))
        if a.source:
            taken.update(range(*a.source))
    verbs = _verb_attributions(doc, sent, lex, taken)
    # a verb cue inside an adjunct's content reports a second level: keep both only when they differ
    return found + [v for v in verbs if not any(a.content == v.content for a in found)]
