"""Articles ingested from JSON Lines keep their outlet, url and published fields in the store."""

from __future__ import annotations

import json

from corpus.build import C, article
from selon.ingest import iter_documents
from selon.store import Store


def test_jsonl_records_keep_outlet_url_published(tmp_path, settings):
    path = tmp_path / "batch.jsonl"
    record = {
        "id": "wire-1",
        "text": "Selon le ministre, la réforme serait abandonnée dès la rentrée prochaine.",
        "outlet": "Agence X",
        "url": "https://example.org/a",
        "published": "2025-06-25",
        "language": "fr",
    }
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (raw,) = list(iter_documents([str(path)], settings))
    assert (raw.id, raw.outlet, raw.url, raw.published) == ("wire-1", "Agence X", "https://example.org/a", "2025-06-25")


def test_store_keeps_document_metadata_for_the_corpus(tmp_path):
    doc = article(
        "a1",
        "Le ministre a dit que la réforme serait abandonnée.",
        [C("la réforme serait abandonnée", "Le ministre", "ministre")],
        outlet="Agence X",
        published="2025-06-25",
    )
    doc = doc.model_copy(update={"url": "https://example.org/a"})
    with Store(tmp_path / "m.db") as store:
        store.save(doc)
        (row,) = store.documents()
        assert (row["outlet"], row["url"], row["published"]) == ("Agence X", "https://example.org/a", "2025-06-25")
