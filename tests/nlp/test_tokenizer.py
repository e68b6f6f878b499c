"""The bounded tokenizer: hostile runs come out in linear time, ordinary text as spaCy tokenizes it."""

from __future__ import annotations

import pytest
from spacy.tokenizer import Tokenizer

from selon.nlp.tokenizer import MAX_WORD_CHARS, SUFFIX_WINDOW, BoundedTokenizer, WindowedSearch

ORDINARY = (
    "« Nous ne céderons pas », a déclaré mardi le ministre (LR)... Selon l'AFP, 3,5 % des 12.000 "
    'salariés — "au moins" — l\'auraient quitté!!! Voir https://example.org/a/b?c=d&e=f. '
    "He said: \"It's over\", didn't he?  Yes…\n\n  U.S.-based firms' C$3.5bn (approx.) deal ;-) "
)


def _pristine(bounded: BoundedTokenizer) -> Tokenizer:
    """The wrapped tokenizer as spaCy built it, with its suffix expression tried everywhere."""
    inner = bounded.inner
    search = inner.suffix_search
    return Tokenizer(
        inner.vocab,
        rules=inner.rules,
        prefix_search=inner.prefix_search,
        suffix_search=search.search if isinstance(search, WindowedSearch) else search,
        infix_finditer=inner.infix_finditer,
        token_match=inner.token_match,
        url_match=inner.url_match,
    )


def _tokens(doc) -> list[tuple[str, str, str]]:
    return [(t.text, t.whitespace_, t.norm_) for t in doc]


@pytest.fixture(params=["fr", "en"])
def tokenizer(request, nlp_fr, nlp_en) -> BoundedTokenizer:
    nlp = nlp_fr if request.param == "fr" else nlp_en
    assert isinstance(nlp.tokenizer, BoundedTokenizer)
    return nlp.tokenizer


def test_ordinary_text_is_tokenized_as_spacy_does(tokenizer) -> None:
    pristine = _pristine(tokenizer)
    word = "«" + "a" * (MAX_WORD_CHARS - 2) + "»"  # as long as a word goes whole
    for text in (ORDINARY, ORDINARY * 3 + word + " " + ORDINARY, "." * SUFFIX_WINDOW + " fin"):
        assert _tokens(tokenizer(text)) == _tokens(pristine(text))


@pytest.mark.parametrize("run", ['"' * 50_000, "«" * 100_000, "😀" * 50_000, "!?" * 30_000, "🇫🇷👨‍👩‍👧" * 10_000])
def test_a_run_of_punctuation_is_one_token_per_mark(tokenizer, run: str) -> None:
    # spaCy alone took 229 s on the 50,000 '"'
    text = f"Il a dit {run} puis il est parti."
    doc = tokenizer(text)
    assert doc.text == text
    assert "".join(t.text for t in doc if t.text in run) == run
    assert len(doc) > len(run) // 4


def test_a_word_without_end_is_cut_into_pieces_and_the_text_kept(tokenizer) -> None:
    pristine = _pristine(tokenizer)
    for giant in ("a" * 1_000_000, "x" * (3 * MAX_WORD_CHARS), "1" * 100_000, "ab." * 2000):
        for before, after in (("Le début.  ", "  \n Et la fin. "), ("", ""), ("« ", " »\n"), ("a ", " ")):
            text = before + giant + after
            doc = tokenizer(text)
            assert doc.text == text
            assert all(len(t) <= MAX_WORD_CHARS for t in doc)
            # the words around the giant are spaCy's, their spacing included
            plain = _tokens(pristine(before + "X" + after))
            at = next(k for k, t in enumerate(plain) if t[0] == "X")
            got = _tokens(doc)
            assert got[:at] == plain[:at]
            tail = len(plain) - at - 1
            assert (got[len(got) - tail :] if tail else []) == plain[at + 1 :]
            middle = got[at : len(got) - tail]
            assert "".join(t[0] for t in middle) == giant
            assert middle[-1][1] == plain[at][1]


def test_a_line_of_short_words_keeps_spacy_tokens(tokenizer) -> None:
    text = "a " * 500_000
    doc = tokenizer(text)
    assert len(doc) == 500_000 and doc.text == text
