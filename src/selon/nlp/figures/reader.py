"""One document as the figures stage reads it: token texts, sentences, and what each token says
as a number.

Every figures module reads the Doc through a :class:`DocReader` made once per document: the token
attributes come from the shared :class:`~selon.nlp.doc_arrays.DocArrays` snapshot, and each token's
number reading (its :class:`~selon.nlp.figures.numbers.Atom`) is made once, so the rules that look
around a figure only index lists.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from selon.nlp.doc_arrays import DocArrays
from selon.nlp.figures.numbers import Atom, Qty, digit_atom, word_atom_of
from selon.nlp.lexicon import figures as lex

#: Kept across Docs, as the words of a language come back from one article to the next: what
#: each text may be read as, and the lowered words that read as no number (most of them).
_READING: dict[str, str | None] = {}
_NOT_WORDS: dict[str, set[str]] = {}
_CACHE_LIMIT = 200_000


def _readings(texts: list[str]) -> dict[str, str | None]:
    """What each distinct text may be: digits, a word (a spelled number?) or nothing to read."""
    global _READING
    if len(_READING) > _CACHE_LIMIT:
        _READING = {}  # a new table: a thread still reading the old one keeps it whole
    table = _READING
    for t in set(texts).difference(table):
        table[t] = (
            "digits"
            if any(c.isdigit() for c in t)
            else ("word" if t[:1].isalpha() or t in lex.UNICODE_FRACTIONS else None)
        )
    return table


def _not_words(lang: str) -> set[str]:
    found = _NOT_WORDS.get(lang)
    if found is None or len(found) > _CACHE_LIMIT:
        found = _NOT_WORDS[lang] = set()
    return found


class DocReader:
    """One pass over a document: its tokens, sentences and number atoms."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.arrays = a = DocArrays.of(doc)  # token attributes read once, without Token objects
        self.text = a.doc_text
        self.lang = doc.lang_ if doc.lang_ in ("en", "fr") else "en"
        self.lows = [low.replace("’", "'") for low in a.lower_]  # ``low_text`` of every token
        reading = _readings(a.text)
        not_words = _not_words(self.lang)
        #: per token, what it says as a number (None for most)
        self.atoms: list[Atom | None] = [
            self._atom(k, kind, not_words) if kind else None for k, kind in enumerate([reading[t] for t in a.text])
        ]
        self.sent_of = [0] * a.n
        self.sent_end = [a.n] * a.n
        self.sent_first: list[int] = []
        for k, (start, end) in enumerate(a.sentences):
            self.sent_first.append(start)
            for i in range(start, end):
                self.sent_of[i], self.sent_end[i] = k, end

    def _atom(self, k: int, reading: str, not_words: set[str]) -> Atom | None:
        """What token k says as a number, read as ``reading`` ("digits" or "word")."""
        if reading == "digits":
            return digit_atom(self.doc[k], self.lang)
        low = self.lows[k]
        if low in not_words:
            return None
        atom = word_atom_of(low, self.lang)  # a new Atom each time: atoms are marked one by one
        if atom is None:
            not_words.add(low)
        return atom

    def atom(self, i: int) -> Atom:
        """The atom of token i, which says a number (its ``kind_at`` is not None)."""
        a = self.atoms[i]
        assert a is not None, f"token {i} says no number"
        return a

    def kind_at(self, i: int) -> str | None:
        """The kind of number token i says (``Atom.kind``), None outside the Doc or for no number."""
        a = self.atoms[i] if 0 <= i < self.arrays.n else None
        return a.kind if a and not a.skip else None

    def low(self, i: int) -> str:
        """Token i lower-cased with a straight apostrophe, "" outside the Doc."""
        return self.lows[i] if 0 <= i < self.arrays.n else ""

    def gap(self, i: int) -> str:
        """Text between token i and token i + 1."""
        a = self.arrays
        return self.text[a.end_char[i] : a.idx[i + 1]] if i + 1 < a.n else ""

    def sent_start(self, i: int) -> int:
        """The first token of token i's sentence."""
        return self.sent_first[self.sent_of[i]]

    def anchor(self, q: Qty) -> Token:
        """The token of the number that hangs on the rest of the sentence."""
        toks = self.doc[q.start : q.end]
        for t in reversed(toks):
            if not (q.start <= t.head.i < q.end):
                return t
        return toks[-1]
