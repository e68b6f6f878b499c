"""The published JSON Schema is the contract: the file in docs/ must be what the model produces."""

from __future__ import annotations

import json

from helpers import ROOT
from selon.model import Article, json_schema_text


def test_published_schema_matches_the_model() -> None:
    published = (ROOT / "docs" / "schema.json").read_text(encoding="utf-8")
    assert published == json_schema_text(), "docs/schema.json is stale: run `selon schema > docs/schema.json`"


def test_schema_names_the_contract_fields() -> None:
    schema = json.loads(json_schema_text())
    assert {"id", "language", "text", "title", "outlet", "url", "published", "entities", "quantities", "claims"} <= set(
        schema["properties"]
    )
    claim = schema["$defs"]["Claim"]["properties"]
    assert {
        "id",
        "content",
        "source",
        "cue",
        "channel",
        "certainty",
        "certainty_cues",
        "evidence",
        "quantities",
    } <= set(claim)
    figure = schema["$defs"]["Figure"]["properties"]
    assert {"start", "end", "text", "value", "unit", "per", "approximate", "bound", "kind", "time"} <= set(figure)


def test_an_article_round_trips_through_json() -> None:
    article = Article(id="a", language="fr", text="Selon X, Y.")
    assert Article.model_validate_json(article.model_dump_json()) == article
