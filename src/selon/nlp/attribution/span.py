"""The attribution record every stage shares, and the span helpers that shape its edges.

An :class:`Attribution` is token ranges inside one sentence; the French rules, the English cascade,
the learned tagger and the boundary reranker all produce or refine it, so it lives apart from each.
The quotations of a Doc (:func:`quotation_regions`) are found here too: the rules skip what is
quoted, and ``selon.nlp.claims.quotes`` gives a quotation's sentences one speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import COMPLEMENTIZERS

QUOTE_CHARS = frozenset({"«", "»", '"', "“", "”", "‘", "’"})
_CUT_DEPS = frozenset({"acl", "acl:relcl", "relcl", "appos", "punct", "conj", "cc", "advcl", "parataxis"})
_OPEN = frozenset({"«", "“"})
_CLOSE = frozenset({"»", "”"})


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


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation, spaces and conjunctions at the edges of a token range."""
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or doc[start].pos_ == "CCONJ"
        or (doc[start].lower_ in COMPLEMENTIZERS and not doc[start].is_sent_start and doc.lang_ != "fr")
    ):
        start += 1  # a sentence's own first "Que" ("Que Monsanto ait fait ...") belongs to it; a French
        # content keeps its "que" (docs/attribution-guidelines.md: from the complementizer inclusive)
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].pos_ == "CCONJ"):
        if doc[end - 1].text == "%" and doc.lang_ == "fr" and end - 1 > start:
            break  # "53 %" keeps its sign
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
    for tok in doc[head.i + 1 : end]:
        if tok.text in ("(", ",", ";", ":") or tok.text in QUOTE_CHARS:
            end = tok.i
            break
    for child in head.lefts:
        if child.dep_ in ("punct",) and child.i >= start:
            start = child.i + 1
    for tok in doc[start : head.i]:
        if tok.text == ",":
            start = tok.i + 1  # "Membre de la coalition, le vice-Premier ministre X": the apposition goes
    end = max(end, head.i + 1)
    # "le tabloïd Blesk", "le quotidien Le Monde": a name the parse left beside its noun
    while (
        end < hi
        and end == head.i + 1
        and doc[end].pos_ == "PROPN"
        and doc[end].dep_ == head.dep_
        and doc[end].head.i == head.head.i
    ):
        end += 1
    last = doc[end - 1]
    if last.ent_iob_ in ("B", "I") and end < hi and doc[end].ent_iob_ == "I":
        # a name cut by the parse: "le président Emmanuel | Macron"
        while end < hi and doc[end].ent_iob_ == "I":
            end += 1
    return trim(doc, start, end)


def quotation_regions(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges strictly inside « » or “ ” pairs; a line break closes a quotation left open
    (paragraph-long quotations that never close are common on real pages)."""
    cached = doc.user_data.get("selon_quotations")
    if cached is not None:
        return cached
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    a = DocArrays.current(doc)
    texts, ws, spaces = a.text, a.whitespace_, a.is_space
    for i in range(a.n):
        text = texts[i]
        if ("\n" in text or "\n" in ws[i]) and open_at is not None and text not in _CLOSE:
            end = i if spaces[i] else i + 1
            if end - open_at > 1:
                regions.append((open_at + 1, end))
            open_at = None
            continue
        if text in _OPEN:
            open_at = i
        elif text in _CLOSE and open_at is not None:
            regions.append((open_at + 1, i))
            open_at = None
    doc.user_data["selon_quotations"] = regions
    return regions


def quoted_tokens(doc: Doc) -> frozenset[int]:
    """Indices of tokens inside quotations, which may run over several sentences of a paragraph."""
    cached = doc.user_data.get("selon_quoted")
    if cached is None:
        cached = frozenset(i for s, e in quotation_regions(doc) for i in range(s, e))
        doc.user_data["selon_quoted"] = cached
    return cached
