"""Repeats: a claim reprinted nearly word for word joins its original's cluster without the encoder."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

import selon.corpus.clusters as cl
from corpus.build import C, article
from selon.corpus import Corpus
from selon.corpus.embed import default_embedder
from selon.store import Store

ORIGINAL = "Le ministre de la Santé a annoncé que les écoles resteraient fermées jusqu'à la fin du mois de juin."


def _items(texts: Sequence[str], languages: Sequence[str] = (), values: Sequence[frozenset] = ()) -> list[cl.Item]:
    return [
        cl.Item(
            f"d{n}",
            "c0",
            language=(languages[n] if languages else "fr"),
            values=(values[n] if values else frozenset()),
            words=cl.word_count(t),
        )
        for n, t in enumerate(texts)
    ]


def _repeats(texts: list[str], **kw: Sequence) -> dict[int, list[int]]:
    return cl.repeats(_items(texts, **kw), texts, {1: [0]})


def test_a_reprint_with_a_word_changed_is_a_repeat() -> None:
    reprint = ORIGINAL.replace("annoncé", "déclaré")
    assert _repeats([ORIGINAL, reprint]) == {1: [0]}
    assert _repeats([ORIGINAL, ORIGINAL.upper()]) == {1: [0]}  # case and punctuation do not count


def test_a_negation_or_a_number_that_differs_is_no_repeat() -> None:
    negated = ORIGINAL.replace("resteraient fermées", "ne resteraient pas fermées")
    other_month = ORIGINAL.replace("fin du mois de juin", "fin du mois de juin 2021")
    assert _repeats([ORIGINAL, negated]) == {}
    assert _repeats([ORIGINAL, other_month]) == {}


def test_other_figures_another_language_or_a_paraphrase_is_no_repeat() -> None:
    assert _repeats([ORIGINAL, ORIGINAL], values=[frozenset({("death", 3.0)}), frozenset({("death", 4.0)})]) == {}
    assert _repeats([ORIGINAL, ORIGINAL], languages=["fr", "en"]) == {}
    paraphrase = "Selon le ministre de la Santé, les écoles ne rouvriront pas avant juillet."
    assert _repeats([ORIGINAL, paraphrase]) == {}


def test_a_short_claim_must_be_repeated_whole() -> None:
    short = "Best thing that happened to Democrats"
    assert _repeats([short, short.upper()]) == {1: [0]}
    assert _repeats([short, "Best thing that happened to Republicans"]) == {}


class Counting:
    """The real encoder, counting the texts it is asked to read."""

    def __init__(self) -> None:
        self.inner = default_embedder()
        self.name = self.inner.name
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return self.inner.encode(texts)


def test_copies_cluster_without_the_encoder_and_a_later_paraphrase_still_joins(db_url) -> None:
    text = f"Fermeture. {ORIGINAL} Les syndicats protestent."
    reprint = ORIGINAL.replace("annoncé", "affirmé")
    store = Store(db_url)
    try:
        store.save(article("a", text, [C(ORIGINAL)], outlet="one", published="2020-05-01"))
        store.save(article("b", text.replace(ORIGINAL, reprint), [C(reprint)], outlet="two", published="2020-05-02"))
        encoder = Counting()
        corpus = Corpus(store, embedder=encoder)
        corpus.update()
        assert corpus.cluster_of("a", "c0") == corpus.cluster_of("b", "c0") is not None
        assert encoder.texts == []  # a repeat needs no vector

        para = "Les écoles resteront fermées jusqu'à la fin du mois de juin, a annoncé le ministre de la Santé."
        store.save(article("c", para, [C(para)], outlet="three", published="2020-05-03"))
        corpus.update()
        # the paraphrase is no repeat: the encoder reads it and the claims it is compared with, once
        assert para in encoder.texts and len(encoder.texts) == len(set(encoder.texts))
        assert corpus.cluster_of("c", "c0") == corpus.cluster_of("a", "c0")
    finally:
        store.close()


def test_a_claim_joins_a_cluster_whose_repeat_has_no_vector() -> None:
    """The cluster-mean check reads the members that have vectors: a repeat joined without one."""
    items = [cl.Item("a", "c0", words=12), cl.Item("b", "c0", words=12), cl.Item("c", "c0", words=12)]
    state = cl.Clustering.build(items, [7, 7, None], next_id=8)  # a and its repeat b, b never encoded
    v = np.ones(4, dtype=np.float32) / 2.0
    cl.assign(state, {0: v, 2: v}, [2], {2: [0]})
    assert state.labels[2] == 7
