"""Entity mentions with one canonical name per thing within an article.

Starts from the statistical NER, then corrects what news needs: weapons systems and other
model designations are products ("KN-23", "drones de type "Geran""), media are organisations,
a surname joins the full name ("Boudanov" = "Kirill Boudanov"), and an acronym in parentheses
ties a description to its short name ("renseignement militaire ukrainien (GUR)"), so that
"Le renseignement ukrainien" later in the text resolves to "GUR" too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from spacy.tokens import Doc, Span, Token

from selon.model import Entity, EntityKind
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon import GENERIC_HEADS, OUTLET_HEADS, PRODUCT_HEADS, lexicon_for

_KIND = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "organization",
    "NORP_ORG": "organization",
    "LOC": "place",
    "GPE": "place",
    "FAC": "place",
    "MISC": "other",
    "PRODUCT": "product",
    "EVENT": "other",
    "WORK_OF_ART": "other",
    "LAW": "other",
}
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,7}-\d{1,4}[A-Za-z]{0,3}$|^[A-Z]{1,4}\d{1,4}[A-Z]?$")
_NOT_PRODUCTS = frozenset({"COVID-19", "SARS-COV-2", "H1N1", "G7", "G20", "G8", "A4", "MH17", "B2", "P5"})
_QUOTES = frozenset({'"', "«", "»", "“", "”"})


@dataclass
class _Group:
    name: str
    kind: EntityKind
    mentions: list[tuple[int, int]] = field(default_factory=list)  # char offsets
    alias_lemmas: list[tuple[str, frozenset[str]]] = field(default_factory=list)


def _content_lemmas(tokens: list[Token]) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in tokens if t.pos_ in ("NOUN", "PROPN", "ADJ"))


def _np_before(doc: Doc, i: int) -> Span | None:
    """The smallest nominal phrase that ends right before token i (a parenthesis)."""
    if i == 0:
        return None
    tok = doc[i - 1]
    node: Token | None = tok
    while node is not None:
        if node.pos_ in ("NOUN", "PROPN") and node.i < i:
            edge = max((t.i for t in node.subtree if t.i < i), default=node.i)
            if edge == i - 1:
                left = node.left_edge.i
                while left < node.i and doc[left].pos_ in ("DET", "ADP", "PUNCT"):
                    left += 1
                return doc[left:i]
        if node.head.i == node.i:
            break
        node = node.head
    return None


def _products(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of model designations and quoted type names."""
    found: list[tuple[int, int]] = []
    texts = DocArrays.current(doc).text
    designations = {t for t in set(texts) if _DESIGNATION.match(t) and t.upper() not in _NOT_PRODUCTS}
    for tok in (doc[i] for i, t in enumerate(texts) if t in designations):
        if not tok.like_num:
            found.append((tok.i, tok.i + 1))
    for tok in (doc[i] for i, t in enumerate(texts) if t in _QUOTES):
        if tok.i + 2 < len(doc) and doc[tok.i + 2].text in _QUOTES:
            name = doc[tok.i + 1]
            if not name.text[:1].isupper():
                continue
            window = doc[max(0, tok.i - 4) : tok.i]
            heads = {t.lemma_.lower() for t in window} | {a.lemma_.lower() for a in list(name.ancestors)[:3]}
            coordinated = (
                bool(found)
                and found[-1][1] + 1 < tok.i <= found[-1][1] + 3
                and any(t.lower_ in ("et", "ou", "and", "or", ",") for t in doc[found[-1][1] : tok.i])
            )
            if heads & PRODUCT_HEADS or coordinated:
                found.append((tok.i + 1, tok.i + 2))
    return found


def find_entities(doc: Doc, excluded: list[tuple[int, int]] | None = None) -> list[Entity]:
    """All entity mentions of the document, each with its canonical name and group id."""
    excluded = excluded or []
    arrays = DocArrays.of(doc)  # the snapshot the helpers read while this stage runs
    raw = _raw_mentions(doc, arrays, excluded)
    groups = _Groups()
    mentions = _named_mentions(arrays, raw, groups)
    _acronym_mentions(doc, arrays.text, groups, mentions)
    _alias_mentions(doc, groups, mentions)
    entities: list[Entity] = []
    seen: set[tuple[int, int]] = set()
    for s, e, gid in sorted(mentions):
        start, end = arrays.char_range(s, e)
        if (start, end) in seen or _overlaps(excluded, start, end):
            continue
        seen.add((start, end))
        g = groups.groups[gid]
        entities.append(
            Entity(start=start, end=end, text=arrays.span_text(s, e), kind=g.kind, name=g.name, entity_id=gid + 1)
        )
    return entities


def _overlaps(excluded: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the character range ``[start, end)`` overlaps one of ``excluded``."""
    return any(s < end and start < e for s, e in excluded)


def _raw_mentions(doc: Doc, arrays: DocArrays, excluded: list[tuple[int, int]]) -> list[tuple[int, int, EntityKind]]:
    """The products, then the NER's entities (media as organisations), outside ``excluded``,
    in token order: (token start, end, kind)."""
    lex = lexicon_for(doc.lang_)
    raw: list[tuple[int, int, EntityKind]] = []
    product_ranges = _products(doc)
    taken = {i for s, e in product_ranges for i in range(s, e)}
    for s, e in product_ranges:
        raw.append((s, e, "product"))
    for ent in doc.ents:
        kind = cast("EntityKind | None", _KIND.get(ent.label_))  # the values of _KIND are entity kinds
        if kind is None or any(i in taken for i in range(ent.start, ent.end)):
            continue
        if ent.label_ == "MISC" and (arrays.lower_[ent.start] in lex.openers or len(ent) > 4):
            continue
        text = arrays.span_text(ent.start, ent.end)
        low = text.lower()
        before = set(arrays.lower_[max(0, ent.start - 3) : ent.start])
        if low in lex.media_words or before & OUTLET_HEADS:
            kind = "organization"
        if kind == "other" and text.isupper() and len(text) <= 6:
            kind = "organization"
        raw.append((ent.start, ent.end, kind))
    raw = [r for r in raw if not _overlaps(excluded, arrays.idx[r[0]], arrays.end_char[r[1] - 1])]
    raw.sort()
    return raw


class _Groups:
    """The things of a document, one group per name (case aside), numbered in order of first mention."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self._by_key: dict[str, int] = {}

    def of(self, name: str, kind: EntityKind) -> int:
        """The group of ``name``, made with ``kind`` when it is the first mention."""
        key = name.lower()
        if key not in self._by_key:
            self._by_key[key] = len(self.groups)
            self.groups.append(_Group(name=name, kind=kind))
        return self._by_key[key]


def _named_mentions(
    arrays: DocArrays, raw: list[tuple[int, int, EntityKind]], groups: _Groups
) -> list[tuple[int, int, int]]:
    """(token start, end, group) of each raw mention; a surname joins the longest full name it ends.

    Between full names of one length, the one mentioned first wins: the names are kept in order of
    appearance (not in a set, whose order follows the hash seed) and the sort is stable.
    """
    mentions: list[tuple[int, int, int]] = []
    in_order = dict.fromkeys(arrays.span_text(s, e) for s, e, k in raw if k == "person")
    persons = sorted(in_order, key=len, reverse=True)
    for s, e, kind in raw:
        text = arrays.span_text(s, e)
        name = text
        if kind == "person":
            parts = text.split()
            for full in persons:
                if full != text and len(full.split()) > len(parts) and full.split()[-len(parts) :] == parts:
                    name = full
                    break
        mentions.append((s, e, groups.of(name, kind)))
    return mentions


def _acronym_mentions(doc: Doc, texts: list[str], groups: _Groups, mentions: list[tuple[int, int, int]]) -> None:
    """Acronyms in parentheses name the phrase before them: "renseignement militaire ukrainien (GUR)"."""
    for tok in (doc[i] for i, t in enumerate(texts) if t == "("):
        if tok.i + 2 < len(doc) and doc[tok.i + 2].text == ")":
            acro = doc[tok.i + 1]
            if not (acro.text.isupper() and 2 <= len(acro.text) <= 8 and acro.is_alpha):
                continue
            phrase = _np_before(doc, tok.i)
            if phrase is None or len(phrase) < 1 or phrase.text == acro.text:
                continue
            gid = groups.of(acro.text, "organization")
            group = groups.groups[gid]
            if group.kind not in ("organization", "other"):
                continue
            group.kind = "organization"
            group.alias_lemmas.append((phrase.root.lemma_.lower(), _content_lemmas(list(phrase))))
            mentions.append((phrase.start, phrase.end, gid))
            if not any(s == acro.i for s, _, _ in mentions):
                mentions.append((acro.i, acro.i + 1, gid))


def _alias_mentions(doc: Doc, groups: _Groups, mentions: list[tuple[int, int, int]]) -> None:
    """A later nominal phrase made of an acronym's description ("le renseignement ukrainien") is
    a mention of the acronym's group."""
    aliased = [(gid, head, lemmas) for gid, g in enumerate(groups.groups) for head, lemmas in g.alias_lemmas]
    if not aliased:
        return
    heads = {h for _, h, _ in aliased} | GENERIC_HEADS
    covered = {i for s, e, _ in mentions for i in range(s, e)}
    for chunk in _nominal_phrases(doc):
        if chunk.root.i in covered or chunk.root.lemma_.lower() not in heads:
            continue
        lemmas = _content_lemmas(list(chunk)) - GENERIC_HEADS
        for gid, head, alias in aliased:
            if head in lemmas and lemmas <= alias and len(lemmas) >= 2:
                left = chunk.start
                while left < chunk.end and doc[left].pos_ in ("DET", "ADP"):
                    left += 1
                mentions.append((left, chunk.end, gid))
                covered.update(range(chunk.start, chunk.end))
                break


def _nominal_phrases(doc: Doc) -> list[Span]:
    """Nominal phrases headed by a common noun, cut before clauses and appositions."""
    out: list[Span] = []
    pos = DocArrays.current(doc).pos_
    for tok in (doc[i] for i, p in enumerate(pos) if p == "NOUN"):
        end = tok.right_edge.i + 1
        for child in tok.rights:
            if child.dep_ in ("acl", "acl:relcl", "relcl", "appos", "punct", "conj", "cc"):
                end = min(end, child.left_edge.i)
        out.append(doc[tok.left_edge.i : max(end, tok.i + 1)])
    return out
