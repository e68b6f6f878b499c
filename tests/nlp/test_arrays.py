"""The per-Doc arrays equal what spaCy's Token properties say, non-projective parses included."""

from __future__ import annotations

import gc
import random

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from selon.nlp import doc_arrays as arrays_module
from selon.nlp.doc_arrays import DocArrays


def _token_view(doc: Doc) -> list[tuple]:
    return [
        (
            t.text,
            t.lower_,
            t.lemma_,
            t.pos_,
            t.tag_,
            t.dep_,
            t.ent_iob_,
            t.ent_type_,
            t.idx,
            t.whitespace_,
            t.is_space,
            t.is_punct,
            t.is_alpha,
            t.head.i,
            t.left_edge.i,
            t.right_edge.i,
            t.n_lefts,
            t.n_rights,
            [c.i for c in t.children],
            t.sent.start,
        )
        for t in doc
    ]


def _array_view(doc: Doc) -> list[tuple]:
    a = DocArrays.of(doc)
    return [
        (
            a.text[k],
            a.lower_[k],
            a.lemma_[k],
            a.pos_[k],
            a.tag_[k],
            a.dep_[k],
            a.ent_iob_[k],
            a.ent_type_[k],
            a.idx[k],
            a.whitespace_[k],
            a.is_space[k],
            a.is_punct[k],
            a.is_alpha[k],
            a.head[k],
            a.left_edge[k],
            a.right_edge[k],
            a.n_lefts[k],
            a.n_rights[k],
            a.children(k),
            a.sent_starts[k],
        )
        for k in range(a.n)
    ]


def _random_doc(rng: random.Random, vocab: Vocab) -> Doc:
    """A Doc of one to three sentences, each a random (often non-projective) tree."""
    words: list[str] = []
    heads: list[int] = []
    for _ in range(rng.randint(1, 3)):
        n = rng.randint(1, 12)
        base = len(words)
        order = list(range(n))
        rng.shuffle(order)  # a random tree: each node after the first hangs on an earlier one in this order
        local = [0] * n
        local[order[0]] = order[0]
        for pos in range(1, n):
            local[order[pos]] = order[rng.randrange(pos)]
        words += [f"w{base + k}" for k in range(n)]
        heads += [base + h for h in local]
    deps = ["ROOT" if h == k else "dep" for k, h in enumerate(heads)]
    return Doc(vocab, words=words, heads=heads, deps=deps)


def test_random_trees_match_spacy() -> None:
    rng = random.Random(7)
    vocab = Vocab()
    for _ in range(300):
        doc = _random_doc(rng, vocab)
        assert _array_view(doc) == _token_view(doc)
        a = DocArrays.of(doc)
        assert a.sentences == [(s.start, s.end) for s in doc.sents]
        assert a.sent_ends == [t.sent.end for t in doc]
        assert all(a.span_root(s, e) == doc[s:e].root.i for s in range(len(doc)) for e in range(s + 1, len(doc) + 1))


def test_snapshot_follows_changes() -> None:
    doc = Doc(Vocab(), words=["a", "b", "c"], spaces=[True, False, True])
    first = DocArrays.of(doc)
    assert DocArrays.of(doc) is first
    assert first.text == ["a", "b", "c"] and first.tag_ == ["", "", ""]
    doc[1].tag_ = "X"
    second = DocArrays.of(doc)
    assert second is not first and second.tag_ == ["", "X", ""]
    assert second.text is first.text  # the words did not change: their lists carry over
    assert second.doc_text == doc.text and second.end_char == [1, 3, 4]


def test_snapshots_do_not_keep_docs_alive() -> None:
    doc = Doc(Vocab(), words=["a", "b"])
    assert DocArrays.of(doc).doc is doc
    before = len(arrays_module._CACHE)
    del doc
    gc.collect()
    assert len(arrays_module._CACHE) == before - 1


@pytest.mark.slow
def test_parsed_text_matches_spacy(nlp_en) -> None:
    doc = nlp_en("The senator, who spoke on Monday, said the vote was fair.\n\n“We will win,” she told reporters.")
    assert _array_view(doc) == _token_view(doc)
    arrays = DocArrays.of(doc)
    assert arrays.lemma_lower == [t.lemma_.lower() for t in doc]
    assert arrays.sent_ends == [t.sent.end for t in doc]
    # every span, punctuation and spaces included (spaCy puts a childless one last in line for the root)
    assert all(arrays.span_root(s, e) == doc[s:e].root.i for s in range(len(doc)) for e in range(s + 1, len(doc) + 1))
    assert arrays.doc_text == doc.text
    assert all(arrays.span_text(s, e) == doc[s:e].text for s in range(len(doc)) for e in range(s, len(doc) + 1))
    assert all(
        arrays.char_range(s, e) == (doc[s:e].start_char, doc[s:e].end_char)
        for s in range(len(doc) + 1)
        for e in range(s, len(doc) + 1)
    )


def test_nearest_marked_ancestor() -> None:
    import numpy as np

    from selon.nlp.doc_arrays import nearest_marked_ancestor

    # 0 <- 1 <- 2 <- 3 (root 3), and 4 a root of its own
    head = np.array([1, 2, 3, 3, 4])
    marked = np.array([False, False, True, True, False])
    anchor, below = nearest_marked_ancestor(head, marked, 8)
    assert anchor.tolist() == [2, 2, 3, -1, -1]  # the nearest, not the root; a root has none
    assert below.tolist() == [1, 1, 2, -1, -1]
    assert nearest_marked_ancestor(head, marked, 1)[0].tolist() == [-1, 2, 3, -1, -1]  # within one step
