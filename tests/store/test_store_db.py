"""The store: exact round-trips, idempotent saves, atomic writes and the claim filters."""

from __future__ import annotations

import sqlite3

import pytest

from selon.errors import StoreError, UsageError
from selon.model import Article, Channel, Claim, Entity, Figure, Source, Span
from selon.store import Store
from selon.store import db as store_db


def span(text: str, part: str, cls: type[Span] = Span, **extra) -> Span:
    """The first occurrence of ``part`` in ``text`` as a span of type ``cls``."""
    start = text.index(part)
    return cls(start=start, end=start + len(part), text=part, **extra)


def make_article(
    doc_id: str = "doc-1", *, language: str = "fr", title: str | None = "Budget", extra_sentence: str = ""
) -> Article:
    """A small article: a named reported claim with a figure, an unnamed hedged one, an outlet's own one."""
    text = (
        "Selon le ministre Élise Durand, le déficit atteindra 3 milliards d'euros en 2025. "
        "Des sources proches du dossier affirment que le plan pourrait être retardé. "
        "Le vote aura lieu mardi." + extra_sentence
    )
    figure = span(text, "3 milliards d'euros", Figure, value=3e9, unit="euros", time="2025")
    claims = [
        Claim(
            id="c1",
            content=span(text, "le déficit atteindra 3 milliards d'euros en 2025"),
            source=span(
                text,
                "le ministre Élise Durand",
                Source,
                name="Élise Durand",
                kind="person",
                role="ministre",
                organization="Gouvernement",
                organizations=["Gouvernement"],
            ),
            cue=span(text, "Selon"),
            certainty="reported",
            quantities=[figure],
            channel=[span(text, "Selon", Channel, name="interview")],
            sentence=span(text, "Selon le ministre Élise Durand, le déficit atteindra 3 milliards d'euros en 2025."),
        ),
        Claim(
            id="c2",
            content=span(text, "le plan pourrait être retardé"),
            source=span(text, "Des sources proches du dossier", Source, kind="anonymous"),
            cue=span(text, "affirment"),
            certainty="hedged",
            certainty_cues=[span(text, "pourrait")],
            quote=True,
        ),
        Claim(id="c3", content=span(text, "Le vote aura lieu mardi."), certainty="asserted"),
    ]
    entities = [span(text, "Élise Durand", Entity, kind="person", name="Élise Durand", entity_id=1)]
    return Article(
        id=doc_id,
        language=language,
        text=text,
        title=title,
        outlet="Le Quotidien",
        url=f"https://example.org/{doc_id}",
        published="2025-01-02",
        entities=entities,
        quantities=[figure],
        claims=claims,
    )


def make_english(doc_id: str = "doc-en") -> Article:
    """An English article with one named claim, to test language and source filters."""
    text = "The White House said the talks were over."
    claims = [
        Claim(
            id="c1",
            content=span(text, "the talks were over"),
            source=span(text, "The White House", Source, name="White House", kind="organization"),
            cue=span(text, "said"),
            certainty="reported",
        )
    ]
    return Article(id=doc_id, language="en", text=text, title="Talks", claims=claims)


def counts(store: Store) -> dict[str, int]:
    return {
        table: store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("documents", "claims", "entities", "figures", "skips")
    }


@pytest.fixture
def store(db_url):
    with Store(db_url) as opened:
        yield opened


def test_save_then_get_round_trips_exactly(store):
    article = make_article()
    assert store.save(article, origin="a.txt") == "added"
    loaded = store.get("doc-1")
    assert loaded == article
    assert loaded.model_dump_json() == article.model_dump_json()
    assert store.get("missing") is None


def test_round_trip_survives_reopening(tmp_path):
    article = make_article()
    with Store(tmp_path / "x.db") as first:
        first.save(article)
    with Store(tmp_path / "x.db") as second:
        assert second.get(article.id) == article


def test_columns_hold_the_parts(store):
    store.save(make_article(), origin="a.txt")
    assert counts(store) == {"documents": 1, "claims": 3, "entities": 1, "figures": 2, "skips": 0}
    doc = store.conn.execute("SELECT language, title, outlet, origin, text FROM documents").fetchone()
    assert doc[:4] == ("fr", "Budget", "Le Quotidien", "a.txt")
    figure = store.conn.execute(
        'SELECT claim_id, "start", "end", text, value, unit, time FROM figures WHERE claim_id IS NOT NULL'
    ).fetchone()
    assert figure[0] == "c1" and figure[3] == doc[4][figure[1] : figure[2]] == "3 milliards d'euros"
    assert figure[4:] == (3e9, "euros", "2025")


def test_saving_twice_is_unchanged_and_writes_nothing(store, monkeypatch):
    article = make_article()
    store.save(article)
    before = counts(store)
    stamp = store.conn.execute("SELECT ingested_at FROM documents").fetchone()[0]
    monkeypatch.setattr(store_db, "utc_now", lambda: "2999-01-01T00:00:00+00:00")
    assert store.save(make_article(), origin="elsewhere") == "unchanged"
    assert counts(store) == before
    assert store.conn.execute("SELECT ingested_at, origin FROM documents").fetchone() == (stamp, "")


def test_changed_article_replaces_its_rows(store):
    store.save(make_article())
    changed = make_article(extra_sentence=" Fin.")
    changed.claims = changed.claims[1:]
    changed.claims[0].id = "c9"
    assert store.save(changed) == "updated"
    ids = [row["claim_id"] for row in store.claims()]
    assert ids == ["c9", "c3"]
    assert counts(store)["figures"] == 1  # only the document-level figure remains
    assert store.get("doc-1") == changed


def test_failure_inside_a_new_save_leaves_nothing(store, monkeypatch):
    def broken(self, article):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_insert_figures", broken)
    with pytest.raises(RuntimeError):
        store.save(make_article())
    assert counts(store) == {"documents": 0, "claims": 0, "entities": 0, "figures": 0, "skips": 0}
    assert not store.conn.in_transaction
    monkeypatch.undo()
    assert store.save(make_article()) == "added"


def test_failure_inside_an_update_keeps_the_old_version(store, monkeypatch):
    original = make_article()
    store.save(original)
    before = counts(store)

    def broken(self, article):
        self.conn.execute(
            "INSERT INTO claims (doc_id, claim_id, seq, content_start, content_end, content_text, "
            "certainty) VALUES (?, 'bad', 0, 0, 1, 'x', 'asserted')",
            (article.id,),
        )
        raise sqlite3.OperationalError("simulated I/O error")

    monkeypatch.setattr(Store, "_insert_entities", broken)
    with pytest.raises(StoreError, match="cannot save document doc-1"):
        store.save(make_article(extra_sentence=" Fin."))
    assert counts(store) == before
    assert store.get("doc-1") == original
    assert [row["claim_id"] for row in store.claims()] == ["c1", "c2", "c3"]


def test_duplicate_claim_ids_are_refused_clearly(store):
    article = make_article()
    article.claims[1].id = "c1"
    with pytest.raises(StoreError, match="two claims with id 'c1'"):
        store.save(article)
    assert counts(store)["documents"] == 0


def test_claims_rows_are_ordered_and_flat(store):
    store.save(make_article("b"))
    store.save(make_english("a"))
    rows = store.claims()
    assert [(r["doc_id"], r["claim_id"]) for r in rows] == [("a", "c1"), ("b", "c1"), ("b", "c2"), ("b", "c3")]
    first = rows[1]
    assert first["content_text"] == "le déficit atteindra 3 milliards d'euros en 2025"
    assert first["certainty"] == "reported"
    assert (first["source_name"], first["source_kind"], first["source_role"], first["source_org"]) == (
        "Élise Durand",
        "person",
        "ministre",
        "Gouvernement",
    )
    assert first["cue_text"] == "Selon" and first["channel"] == "interview"
    assert first["figures"] == 1 and first["quote"] is False and first["source_inherited"] is False
    assert rows[2]["quote"] is True and rows[2]["source_name"] is None
    assert rows[3]["source_kind"] is None and rows[3]["figures"] == 0


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"source": "élise"}, [("b", "c1")]),
        ({"source": "ÉLISE DURAND"}, [("b", "c1")]),
        ({"source": "white"}, [("a", "c1")]),
        ({"source": "proches du"}, [("b", "c2")]),  # matches the mention of an unnamed source
        ({"source": "%"}, []),
        ({"certainty": "hedged"}, [("b", "c2")]),
        ({"certainty": "Reported"}, [("a", "c1"), ("b", "c1")]),
        ({"language": "en"}, [("a", "c1")]),
        ({"document": "b"}, [("b", "c1"), ("b", "c2"), ("b", "c3")]),
        ({"document": "b", "certainty": "reported"}, [("b", "c1")]),
        ({"limit": 2}, [("a", "c1"), ("b", "c1")]),
        ({"limit": 0}, []),
        ({"document": "nope"}, []),
    ],
)
def test_claim_filters(store, kwargs, expected):
    store.save(make_article("b"))
    store.save(make_english("a"))
    assert [(r["doc_id"], r["claim_id"]) for r in store.claims(**kwargs)] == expected


def test_unknown_certainty_is_a_usage_error(store):
    with pytest.raises(UsageError, match="unknown certainty 'sure'"):
        store.claims(certainty="sure")


def test_documents_stats_and_skips(store):
    store.save(make_article("b"))
    store.save(make_english("a"))
    store.record_skip("bad.pdf", "binary input")
    store.record_skip("bad.pdf", "still binary")
    store.record_skip("de.txt", "language de is not supported")
    docs = store.documents()
    assert [(d["id"], d["language"], d["title"], d["claims"]) for d in docs] == [
        ("a", "en", "Talks", 1),
        ("b", "fr", "Budget", 3),
    ]
    assert docs[1]["outlet"] == "Le Quotidien" and docs[1]["published"] == "2025-01-02"
    stats = store.stats()
    assert (stats["documents"], stats["claims"], stats["skips"]) == (2, 4, 2)
    assert stats["by_certainty"] == {"asserted": 1, "reported": 2, "hedged": 1, "confirmed": 0, "denied": 0}
    assert stats["documents_by_language"] == {"en": 1, "fr": 1}
    assert {s["origin"]: s["reason"] for s in store.skips()} == {
        "bad.pdf": "still binary",
        "de.txt": "language de is not supported",
    }


def test_save_many_counts_outcomes(store):
    assert store.save_many([make_article("x"), make_english("y")]) == {"added": 2, "unchanged": 0, "updated": 0}
    assert store.save_many([make_article("x"), make_english("y")]) == {"added": 0, "unchanged": 2, "updated": 0}


def test_deleting_a_document_cascades(store):
    store.save(make_article())
    store.conn.execute("DELETE FROM documents WHERE id = 'doc-1'")
    assert counts(store) == {"documents": 0, "claims": 0, "entities": 0, "figures": 0, "skips": 0}


def test_memory_database_and_closing(tmp_path):
    with Store(":memory:") as store:
        assert store.save(make_article()) == "added"
        assert store.stats()["claims"] == 3
    with pytest.raises(StoreError, match="closed"):
        store.get("doc-1")
    store.close()  # closing twice is harmless
