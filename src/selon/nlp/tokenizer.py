"""spaCy's tokenizer, kept linear on hostile text: runs of punctuation, words without end.

spaCy strips a word's prefixes and suffixes one character at a time, and looks for each suffix
with a regular expression tried at every position of the rest of the word: a run of 50,000 '"'
took minutes. Two bounds keep the work linear without changing the tokens of ordinary text:

- the suffix expression is tried on the last ``SUFFIX_WINDOW`` characters of the word only (a
  suffix is a few characters; only a run of more dots than that, which "\\.\\.+$" would take
  whole, comes out in pieces);
- a stretch without whitespace longer than ``MAX_WORD_CHARS`` is cut into pieces of that length
  before spaCy sees it, so that no word costs more than a bounded amount.

The Doc's text is the original text, character for character: no offset moves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.tokens import Doc

#: The longest whitespace-free stretch spaCy tokenizes whole. No word of news text is near it:
#: the longest of PolNeAR, the French Wikinews reports and the French pages has 87 characters
#: (markup around a URL).
MAX_WORD_CHARS = 256
#: How many of a word's last characters the suffix expression sees (spaCy's longest fixed
#: suffix has a handful).
SUFFIX_WINDOW = 32
_LONG_WORD = re.compile(rf"(?<!\S)\S{{{MAX_WORD_CHARS + 1},}}")


class WindowedSearch:
    """A suffix ``re.Pattern.search`` tried from ``window`` characters before the end of its
    string: the same match for every suffix shorter than that (lookbehinds still see the
    characters before), in constant time instead of time linear in the string."""

    def __init__(self, search: Callable[..., Any], window: int) -> None:
        self.search = search
        self.window = window
        # spaCy serializes a tokenizer's expressions as ``suffix_search.__self__.pattern``
        self.__self__ = getattr(search, "__self__", None)

    def __call__(self, string: str) -> re.Match[str] | None:
        return self.search(string, max(0, len(string) - self.window))


class BoundedTokenizer:
    """Wraps a spaCy ``Tokenizer``: ordinary text goes to it unchanged, a stretch longer than
    ``MAX_WORD_CHARS`` goes in pieces. Everything else (``vocab``, ``explain``, the rules) is the
    wrapped tokenizer's."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        search = inner.suffix_search
        if search is not None and not isinstance(search, WindowedSearch):
            inner.suffix_search = WindowedSearch(search, SUFFIX_WINDOW)

    def __call__(self, text: str) -> Doc:
        if len(text) <= MAX_WORD_CHARS:
            return self.inner(text)
        docs: list[Doc] = []
        pos = 0
        for match in _LONG_WORD.finditer(text):
            start, end = match.span()
            if pos < start:
                docs.append(self.inner(text[pos:start]))
            if text.startswith(" ", end):
                end += 1  # the space after the word is its last token's, as spaCy has it
            for cut in range(start, end, MAX_WORD_CHARS):
                piece_end = min(end, cut + MAX_WORD_CHARS)
                if end - piece_end == 1 and text[piece_end] == " ":
                    piece_end = end  # that space may not start a piece of its own
                docs.append(self.inner(text[cut:piece_end]))
                if piece_end == end:
                    break
            pos = end
        if not docs:
            return self.inner(text)
        if pos < len(text):
            docs.append(self.inner(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        if name == "inner":  # not set yet (while unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)


def bound_tokenizer(nlp: Any) -> None:
    """Give ``nlp`` the bounded tokenizer (once)."""
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
