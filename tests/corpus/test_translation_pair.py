"""An article and its translation through the whole pipeline: one copy, claims paired, sources counted once."""

from __future__ import annotations

import pytest

from selon.corpus import Corpus
from selon.store import Store
from selon.store.sql import fetch_all

pytestmark = pytest.mark.slow

FRENCH = (
    "Le ministre de l'Économie, Bruno Martin, a annoncé mardi la fermeture de trois usines dans le nord du pays. "
    "Selon le syndicat CGT, 1.200 emplois seront supprimés d'ici la fin de l'année. "
    "Le ministre affirme que les salariés recevront une aide de 5.000 euros chacun. "
    "La direction du groupe a déclaré que la décision était irréversible. "
    "D'après la préfecture, une manifestation rassemblera des milliers de personnes samedi à Lille."
)
ENGLISH = (
    "Economy minister Bruno Martin announced on Tuesday the closure of three factories in the north of the country. "
    "According to the CGT union, 1,200 jobs will be cut by the end of the year. "
    "The minister says that the employees will receive aid of 5,000 euros each. "
    "The group's management said that the decision was irreversible. "
    "According to the prefecture, a demonstration will bring together thousands of people in Lille on Saturday."
)


@pytest.fixture(scope="module")
def pair(tmp_path_factory, settings):
    import selon

    fr = selon.analyze(
        FRENCH, id="usines-fr", language="fr", outlet="Le Quotidien", published="2024-03-05", settings=settings
    )
    en = selon.analyze(
        ENGLISH,
        id="usines-en",
        language="en",
        outlet="The Daily (translation)",
        published="2024-03-05",
        settings=settings,
    )
    store = Store(tmp_path_factory.mktemp("translation") / "t.db")
    store.save(fr)
    corpus = Corpus(store)
    corpus.update()
    store.save(en)
    report = corpus.update()  # the translation arrives later: an incremental update finds it
    yield corpus, fr, en, report
    store.close()


def _claim(article, words: str):
    return next(c for c in article.claims if words in c.content.text)


def test_the_translation_is_found_and_grouped_as_a_copy(pair) -> None:
    corpus, _, _, report = pair
    assert report.documents == 1
    rows = fetch_all(corpus.store.conn, "SELECT doc_a, doc_b, kind FROM corpus_near_duplicates")
    assert rows == [("usines-en", "usines-fr", "translation")]
    groups = dict(fetch_all(corpus.store.conn, "SELECT doc_id, group_id FROM corpus_documents"))
    assert groups["usines-fr"] == groups["usines-en"]
    assert corpus.stats()["translation_pairs"] == 1


def test_claims_pair_with_their_translation_and_count_one_source(pair) -> None:
    corpus, fr, en, _ = pair
    for fr_words, en_words in (("1.200 emplois", "1,200 jobs"), ("5.000 euros", "5,000 euros")):
        a, b = _claim(fr, fr_words), _claim(en, en_words)
        cid = corpus.cluster_of(fr.id, a.id)
        assert cid is not None and cid == corpus.cluster_of(en.id, b.id), (fr_words, en_words)
        assert corpus.cluster(cid)["independent_sources"] == 1
