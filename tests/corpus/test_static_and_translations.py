"""The static sketches and the translation finder, on small inputs whose answer is known."""

from __future__ import annotations

import numpy as np
import pytest

import selon.corpus.clusters as cl
from selon.corpus.static import StaticEmbedder, bucket, words
from selon.corpus.translations import aligned_share, find, in_order, same_figures


@pytest.fixture(scope="module")
def sketcher() -> StaticEmbedder:
    return StaticEmbedder()


def test_words_are_lower_case_letters_and_digits() -> None:
    assert words("L'armée a tiré 2.000 obus, selon Kiev.") == [
        "l",
        "armée",
        "a",
        "tiré",
        "2",
        "000",
        "obus",
        "selon",
        "kiev",
    ]


def test_an_unknown_word_always_gets_the_same_vector() -> None:
    assert bucket("boudanov") == bucket("boudanov")
    assert bucket("boudanov") != bucket("budanov")


def test_a_translation_is_closer_than_another_claim(sketcher: StaticEmbedder) -> None:
    fr, en, other = sketcher.encode(
        [
            "la Russie aide la Corée du Nord à fabriquer des missiles et des drones",
            "Russia is helping North Korea build missiles and drones",
            "the price of wheat fell sharply on the Chicago exchange this week",
        ]
    )
    assert float(fr @ en) > 0.4 > float(fr @ other)
    assert np.allclose(np.linalg.norm([fr, en, other], axis=1), 1.0, atol=1e-5)


def test_encoding_is_deterministic_and_handles_empty_text(sketcher: StaticEmbedder) -> None:
    a = sketcher.encode(["Le gouvernement a annoncé une hausse des impôts", ""])
    b = sketcher.encode(["Le gouvernement a annoncé une hausse des impôts", ""])
    assert np.array_equal(a, b)
    assert not a[1].any()


def test_in_order_keeps_mutual_best_matches_in_the_order_of_both_sides() -> None:
    sims = np.array(
        [
            [0.9, 0.1, 0.1, 0.1],
            [0.1, 0.1, 0.8, 0.1],  # row 1 matches column 2
            [0.1, 0.7, 0.1, 0.1],  # row 2 matches column 1: crosses the previous match
            [0.1, 0.1, 0.1, 0.95],
        ]
    )
    pairs = in_order(sims, 0.5)
    assert pairs[0] == (0, 0) and pairs[-1] == (3, 3) and len(pairs) == 3
    assert in_order(sims, 0.99) == []
    assert in_order(np.zeros((0, 3)), 0.5) == []


def _items(doc: str, lang: str, n: int, values: tuple[float, ...] = ()) -> list[cl.Item]:
    return [
        cl.Item(doc, f"c{k}", values=frozenset(("drone", v) for v in values if k == 0), language=lang) for k in range(n)
    ]


def test_two_articles_whose_claims_line_up_are_a_translation(sketcher: StaticEmbedder) -> None:
    fr = [
        "le ministre a annoncé la fermeture de trois usines dans le nord du pays",
        "les syndicats ont appelé à une grève générale pour la semaine prochaine",
        "la police a arrêté douze manifestants devant le parlement samedi",
    ]
    en = [
        "the minister announced the closure of three factories in the north of the country",
        "the unions called for a general strike next week",
        "police arrested twelve protesters outside parliament on Saturday",
    ]
    items = _items("a.fr", "fr", 3) + _items("a.en", "en", 3)
    sketches = sketcher.encode(fr + en)
    assert aligned_share(sketches, [0, 1, 2], [3, 4, 5]) == 1.0
    [pair] = find(sketches, items, ["a.en"])
    assert (pair.doc_a, pair.doc_b, pair.share) == ("a.en", "a.fr", 1.0)
    # the same texts in reverse order are not a translation: a translator follows the text
    assert aligned_share(sketches, [0, 1, 2], [5, 4, 3]) < 0.5
    # two articles of one language are copies for MinHash to find, not translations
    assert find(sketches, _items("a.fr", "fr", 3) + _items("b.fr", "fr", 3), ["b.fr"]) == []


def test_an_account_with_other_figures_is_not_a_translation() -> None:
    same = _items("a", "fr", 2, (2000.0,)) + _items("b", "en", 2, (2000.0,))
    other = _items("a", "fr", 2, (2000.0,)) + _items("b", "en", 2, (2700.0,))
    assert same_figures(same, [0, 1], [2, 3])
    assert not same_figures(other, [0, 1], [2, 3])
    assert same_figures(_items("a", "fr", 2) + _items("b", "en", 2, (5.0,)), [0, 1], [2, 3])
