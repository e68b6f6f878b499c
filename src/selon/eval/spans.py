"""Span utilities shared by the evaluation scorers.

Gold corpora and selon disagree on details that carry no meaning (a closing quote or a
trailing comma inside or outside the span), so spans are compared after trimming, and
overlap is measured in words rather than characters so that punctuation cannot tip it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

Offsets = tuple[int, int]

#: Characters stripped from both ends of a span before an exact comparison: whitespace,
#: straight and typographic quotes, guillemets, commas, periods, colons, semicolons, ellipses,
#: sentence-final ? and !, brackets and every kind of dash.
TRIM_CHARS = frozenset(
    " \t\n\r\f\v\u00a0\u2009\u202f"
    "\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a"
    ",.;:\u2026?!"
    "()[]{}"
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
)

#: A word: a run of letters, digits or underscores. Punctuation and whitespace split words.
WORD_RE = re.compile(r"\w+")


def trim(text: str, start: int, end: int) -> Offsets:
    """Shrink ``[start, end)`` past surrounding whitespace and punctuation (see ``TRIM_CHARS``).

    A span made only of such characters collapses to an empty span at its start.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span ({start}, {end}) is outside a text of {len(text)} characters")
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    return start, end


def extent(fragments: Sequence[Offsets]) -> Offsets | None:
    """The smallest single span covering every fragment; None when there is none."""
    if not fragments:
        return None
    return min(s for s, _ in fragments), max(e for _, e in fragments)


def word_tokens(text: str) -> list[Offsets]:
    """Character offsets of the words of ``text``, in order."""
    return [m.span() for m in WORD_RE.finditer(text)]


class TokenIndex:
    """Maps character spans to the indices of the document tokens they touch.

    Built once per document so that every span lookup is a pair of binary searches.
    """

    def __init__(self, tokens: Sequence[Offsets]) -> None:
        self.tokens = list(tokens)
        self._starts = [s for s, _ in self.tokens]
        self._ends = [e for _, e in self.tokens]

    @classmethod
    def of_text(cls, text: str) -> TokenIndex:
        return cls(word_tokens(text))

    def covering(self, start: int, end: int) -> range:
        """Indices of the tokens sharing at least one character with ``[start, end)``.

        Assumes tokens are sorted and do not overlap one another.
        """
        if end <= start:
            return range(0)
        first = bisect_right(self._ends, start)
        last = bisect_left(self._starts, end)
        return range(first, max(first, last))

    def token_set(self, spans: Iterable[Offsets | None]) -> set[int]:
        """Indices of the tokens touched by any of ``spans`` (None entries are skipped)."""
        out: set[int] = set()
        for span in spans:
            if span is not None:
                out.update(self.covering(*span))
        return out


def prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float | int]:
    """Precision, recall and F1 with their counts; 0.0 where a denominator is zero."""
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "gold": n_gold,
        "predicted": n_pred,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }
