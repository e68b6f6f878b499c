"""The corpus view over a store of hand-built articles, with the real embedding model.

The founding example in French and an English account of it (other values for the drone
and munitions figures) must cluster together, resolve to the same canonical sources, and
line their figures up as conflicts; copies and relays must not inflate independence.
"""

from __future__ import annotations

import json

import pytest

from corpus.build import C, article
from corpus.founding import FRENCH_TEXT, english, french
from selon.corpus import Corpus, NotFoundError
from selon.store import Store


@pytest.fixture(scope="module")
def founding_corpus(module_db_url):
    store = Store(module_db_url)
    store.save(french())
    corpus = Corpus(store)
    first = corpus.update()
    store.save(english())
    second = corpus.update()
    yield corpus, first, second
    store.close()


def _cluster(corpus: Corpus, doc: str, claim: str) -> int:
    cid = corpus.cluster_of(doc, claim)
    assert cid is not None, f"{doc}/{claim} is not clustered"
    return cid


def test_french_and_english_claims_cluster_together(founding_corpus):
    corpus, _, _ = founding_corpus
    for claim in ("c0", "c1", "c2", "c3", "c4", "c5"):
        assert _cluster(corpus, "founding-fr", claim) == _cluster(corpus, "founding-en", claim), claim
    # claims of one article never share a cluster
    assert len({_cluster(corpus, "founding-fr", c) for c in ("c0", "c2", "c4")}) == 3
    clusters = corpus.clusters(min_articles=2)
    assert len(clusters) == 6
    assert all(c["languages"] == ["en", "fr"] for c in clusters)


def test_incremental_update_only_takes_in_the_new_document(founding_corpus):
    corpus, first, second = founding_corpus
    assert (first.documents, second.documents) == (1, 1)
    assert second.claims == 6
    assert corpus.update().documents == 0  # nothing new, nothing redone


def test_budanov_and_the_gur_are_one_source_each(founding_corpus):
    corpus, _, _ = founding_corpus
    by_name = {s["name"]: s for s in corpus.sources()}
    budanov = by_name["Kyrylo Budanov"]
    assert budanov["claims"] == 6 and budanov["kind"] == "person"
    gur = by_name["GUR (Ukrainian military intelligence)"]
    forms = {m["label"] for m in gur["mentions"]}
    assert {"GUR", "HUR", "Le renseignement ukrainien", "Ukraine's military intelligence"} <= forms
    explained = corpus.explain("renseignement")
    assert len(explained) == 1
    reasons = {e["reason"] for e in explained[0]["evidence"]}
    assert {"acronym", "containment", "alias-file"} <= reasons
    assert any("renseignement militaire ukrainien (GUR)" in e["detail"] for e in explained[0]["evidence"])
    with pytest.raises(NotFoundError, match="selon sources"):
        corpus.explain("Nobody Atall")


def test_conflicting_figures_line_up_with_their_sources(founding_corpus):
    corpus, _, _ = founding_corpus
    conflicts = {c["quantity"]["counts"]: c for c in corpus.conflicts()}
    assert set(conflicts) >= {"drone", "shell", "munition"}
    drones = conflicts["drone"]
    assert drones["quantity"]["per"] == "month"
    assert sorted(v["value"] for v in drones["values"]) == [2000, 2700]
    assert {v["document"] for v in drones["values"]} == {"founding-fr", "founding-en"}
    assert {v["source"] for v in drones["values"]} == {"GUR (Ukrainian military intelligence)"}
    assert sorted(v["value"] for v in conflicts["munition"]["values"]) == [2_700_000, 3_500_000]
    assert conflicts["munition"]["quantity"]["time"] == ["2024"]
    # within tolerance, no conflict
    assert not [c for c in corpus.conflicts(tolerance=0.5) if c["quantity"]["counts"] in ("drone", "munition")]


def test_claim_relayed_by_reuters_from_the_gur_counts_one_source(founding_corpus):
    corpus, _, _ = founding_corpus
    munitions = _cluster(corpus, "founding-fr", "c5")
    cluster = next(c for c in corpus.clusters(min_articles=2) if c["id"] == munitions)
    assert cluster["articles"] == 2
    assert cluster["independent_sources"] == 1 and cluster["single_source"]
    assert [s["name"] for s in cluster["sources"]] == ["GUR (Ukrainian military intelligence)"]
    assert all(m["channel"] == "Reuters" for m in cluster["members"])


def test_wire_service_as_source_is_a_relay(db_url):
    """'Reuters reported, citing Ukrainian intelligence': Reuters does not add a source to the GUR's."""
    text = (
        "Russia produced about 2 million artillery shells in 2024 and imported about 2.7 million munitions "
        "from North Korea, Reuters reported on Tuesday, citing Ukrainian intelligence figures."
    )
    relayed = article(
        "wire-1",
        text,
        [
            C(
                "Russia produced about 2 million artillery shells in 2024 and imported about "
                "2.7 million munitions from North Korea",
                "Reuters",
                "Reuters",
                kind="organization",
            )
        ],
        language="en",
        outlet="Daily",
        published="2025-06-26",
        entities=[("Russia", "Russia", "place"), ("North Korea", "North Korea", "place")],
    )
    with Store(db_url) as store:
        store.save(french())
        store.save(relayed)
        corpus = Corpus(store)
        corpus.update()
        cid = _cluster(corpus, "founding-fr", "c5")
        assert cid == _cluster(corpus, "wire-1", "c0")
        cluster = next(c for c in corpus.clusters() if c["id"] == cid)
        assert cluster["independent_sources"] == 1
        assert {m["source"] for m in cluster["members"]} == {"GUR (Ukrainian military intelligence)", "Reuters"}


def _copy(doc_id: str, outlet: str, extra: str) -> object:
    text = FRENCH_TEXT + extra
    return article(
        doc_id,
        text,
        [
            C(
                "Moscou produit actuellement environ 2.000 drones par mois",
                "selon les estimations",
                None,
                kind="unnamed",
                figures=[("2.000 drones par mois", 2000, "drones", "month")],
            ),
            C(
                "Cette dépendance croissante aux livraisons nord-coréennes intervient dans un contexte où les "
                "stocks russes s'épuisent",
                None,
            ),
        ],
        outlet=outlet,
        published="2025-06-25",
    )


def test_two_syndicated_copies_yield_one_source_not_two(db_url):
    with Store(db_url) as store:
        store.save(_copy("copy-a", "Outlet A", " Publié par Outlet A."))
        store.save(_copy("copy-b", "Outlet B", " Lire aussi : notre dossier Ukraine."))
        corpus = Corpus(store)
        report = corpus.update()
        assert report.duplicate_pairs == 1
        assert corpus.stats()["syndication_groups_2"] == 1
        clusters = corpus.clusters(min_articles=2)
        assert len(clusters) == 2
        for cluster in clusters:
            assert cluster["articles"] == 2 and cluster["syndication_groups"] == 1
            assert cluster["independent_sources"] == 1, cluster["sources"]
        # an unrelated article is not a copy
        store.save(english())
        assert corpus.update().duplicate_pairs == 0


def test_timeline_and_exports(founding_corpus, tmp_path):
    import duckdb

    corpus, _, _ = founding_corpus
    drones = corpus.timeline("drones")
    assert drones["kind"] == "figure"
    assert [(e["published"], e["figures"][0]["value"]) for e in drones["events"]] == [
        ("2025-06-25", 2000.0),
        ("2025-06-27", 2700.0),
    ]
    cid = _cluster(corpus, "founding-fr", "c1")
    assert corpus.timeline(f"#{cid}")["total"] == 2
    assert corpus.timeline("KN-23")["kind"] == "text"
    with pytest.raises(NotFoundError):
        corpus.timeline("zeppelins")
    for fmt in ("csv", "parquet", "jsonl"):
        path = tmp_path / f"claims.{fmt}"
        n = corpus.export(path, fmt)
        reader = {"csv": "read_csv", "parquet": "read_parquet", "jsonl": "read_json"}[fmt]
        rows = duckdb.sql(f"SELECT * FROM {reader}('{path}')").fetchall()
        assert len(rows) == n == 12
    corpus.export(tmp_path / "conflicts.csv", "csv", "conflicts")
    assert "2700" in (tmp_path / "conflicts.csv").read_text(encoding="utf-8")


def test_cli_commands(founding_corpus, tmp_path):
    import typer
    from typer.testing import CliRunner

    from selon.cli.corpus import register

    corpus, _, _ = founding_corpus
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    db = corpus.store.path
    result = runner.invoke(app, ["clusters", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data) == 6 and all("independent_sources" in c for c in data)
    assert {"text", "source", "outlet"} <= set(data[0]["members"][0])
    result = runner.invoke(app, ["conflicts", "--db", db, "--format", "json"])
    assert result.exit_code == 0 and any(c["quantity"]["counts"] == "drone" for c in json.loads(result.stdout))
    result = runner.invoke(app, ["sources", "--db", db, "--explain", "Boudanov"])
    assert result.exit_code == 0 and "joined by" in result.stdout
    for args in (
        ["sources", "--db", db],
        ["timeline", "drones", "--db", db],
        ["conflicts", "--db", db],
        ["clusters", "--db", db],
        ["export", "--db", db, "-f", "parquet", "-o", str(tmp_path / "x.parquet")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    result = runner.invoke(app, ["clusters", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code != 0


def test_judging_sample_pairs_claims_of_one_cluster_across_articles(founding_corpus, module_db_url, tmp_path):
    """`python -m selon.corpus.measure` draws the pairs docs/judged/ is judged on (SQLite stores)."""
    from selon.corpus import measure

    url = module_db_url
    if url.startswith("postgresql"):
        pytest.skip("the judging sample reads SQLite stores")
    out = tmp_path / "pairs.tsv"
    assert measure.main([url, "--out", str(out), "-n", "3", "--seed", "1"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(measure.COLUMNS)
    rows = [dict(zip(measure.COLUMNS, line.split("\t"))) for line in lines[1:]]
    same = [r for r in rows if r["kind"] == "same-cluster"]
    other = [r for r in rows if r["kind"] == "nearest-other"]
    assert len(same) == 3 and len(other) == 3
    for r in same:
        assert r["cluster_a"] == r["cluster_b"] and r["doc_a"] != r["doc_b"]
    for r in other:
        assert r["cluster_a"] != r["cluster_b"] and r["doc_a"] != r["doc_b"]
    assert all(r["same_claim"] == "" for r in rows)
