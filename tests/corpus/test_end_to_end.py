"""French–English through the whole pipeline: selon.analyze, the store, the corpus view."""

from __future__ import annotations

import pytest

from corpus.founding import ENGLISH_TEXT, FRENCH_TEXT
from selon.corpus import Corpus
from selon.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analysed(tmp_path_factory, settings):
    import selon

    fr = selon.analyze(
        FRENCH_TEXT, id="founding-fr", language="fr", outlet="Business News", published="2025-06-25", settings=settings
    )
    en = selon.analyze(
        ENGLISH_TEXT, id="founding-en", language="en", outlet="Kyiv Wire", published="2025-06-27", settings=settings
    )
    store = Store(tmp_path_factory.mktemp("e2e") / "e2e.db")
    store.save(fr)
    store.save(en)
    corpus = Corpus(store)
    corpus.update()
    yield corpus, fr, en
    store.close()


def _claim(article, words: str):
    return next(c for c in article.claims if words in c.content.text)


def test_english_account_clusters_with_the_french_claims(analysed):
    corpus, fr, en = analysed
    for fr_words, en_words in (
        ("2.000 drones", "2,700 drones"),
        ("2 millions d'obus", "3 million artillery shells"),
        ("savoir-faire technologiques", "technological know-how"),
    ):
        a, b = _claim(fr, fr_words), _claim(en, en_words)
        assert corpus.cluster_of(fr.id, a.id) == corpus.cluster_of(en.id, b.id), (fr_words, en_words)


def test_sources_are_canonical_across_languages(analysed):
    corpus, _, _ = analysed
    names = {s["name"] for s in corpus.sources()}
    assert "Kyrylo Budanov" in names and "GUR (Ukrainian military intelligence)" in names
    assert not names & {"Kirill Boudanov", "HUR", "GUR", "Budanov", "Boudanov"}


def test_drone_and_munitions_figures_line_up_as_conflicts(analysed):
    corpus, _, _ = analysed
    conflicts = {c["quantity"]["counts"]: c for c in corpus.conflicts()}
    assert sorted(v["value"] for v in conflicts["drone"]["values"]) == [2000, 2700]
    assert {v["source"] for v in conflicts["drone"]["values"]} == {"GUR (Ukrainian military intelligence)"}
    assert sorted(v["value"] for v in conflicts["munition"]["values"]) == [2_700_000, 3_500_000]
    assert sorted(v["value"] for v in conflicts["shell"]["values"]) == [2_000_000, 3_000_000]
    # the munitions claim: unnamed information relayed by Reuters and the GUR/HUR, one source
    munitions = corpus.cluster_of("founding-fr", _claim(analysed[1], "2 millions d'obus").id)
    cluster = next(c for c in corpus.clusters() if c["id"] == munitions)
    assert cluster["independent_sources"] == 1
