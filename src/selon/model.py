"""The result model: one typed contract between extraction, store, API and UI.

Every span carries Python string offsets into ``Article.text`` so that any consumer can
point back at the exact words of the document.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

SourceKind = Literal["person", "organization", "document", "assessment", "unnamed", "anonymous"]
Certainty = Literal["asserted", "reported", "hedged", "confirmed", "denied"]
EntityKind = Literal["person", "organization", "place", "product", "other"]
FigureKind = Literal["actual", "target", "estimate", "forecast"]
Bound = Literal["=", "~", ">", "<"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """A stretch of the document: ``text == article.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Figure(Span):
    """A number in the text, normalised, with what it counts and how it is framed."""

    value: float
    value_max: float | None = Field(default=None, description="upper end of a range ('2 à 3 millions')")
    unit: str | None = Field(
        default=None, description="the thing counted or the unit ('drones', 'mm', 'dollars', 'percent')"
    )
    unit_mention: str | None = Field(
        None, description="the word in the text when the unit was resolved from context ('unités')"
    )
    per: str | None = Field(default=None, description="rate period: 'day', 'week', 'month', 'year'")
    approximate: bool = False
    bound: Bound = "="
    kind: FigureKind = "actual"
    time: str | None = Field(default=None, description="the time the figure refers to ('2024')")


class Entity(Span):
    """A mention of a named thing, with its canonical name within the article."""

    kind: EntityKind
    name: str
    entity_id: int = Field(0, description="mentions with the same id are the same entity in this article")


class Channel(Span):
    """The medium through which a claim reached the article (interview, wire, relay)."""

    name: str


class Source(Span):
    """Who the claim is attributed to: the mention in the text plus what it resolves to."""

    name: str | None = Field(default=None, description="canonical name; null when the source is unnamed")
    kind: SourceKind
    role: str | None = None
    organization: str | None = None
    organizations: list[str] = Field(default_factory=list)
    inherited: bool = Field(default=False, description="carried on from an earlier sentence of the same report")


class Claim(_Model):
    """One statement of the article, with who stands behind it and how sure it is."""

    id: str
    content: Span
    source: Source | None = None
    cue: Span | None = None
    channel: list[Channel] = Field(default_factory=list)
    certainty: Certainty = "asserted"
    certainty_cues: list[Span] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    quantities: list[Figure] = Field(default_factory=list)
    quote: bool = Field(default=False, description="content is a direct quotation")
    sentence: Span | None = None


class Article(_Model):
    """Everything selon extracts from one document."""

    id: str
    language: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    captured: str | None = Field(default=None, description="when a crawler fetched the page (the WARC date)")
    entities: list[Entity] = Field(default_factory=list)
    quantities: list[Figure] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    headings: list[Span] = Field(default_factory=list, description="headings found in the text; never part of a claim")
    boilerplate: list[Span] = Field(
        default_factory=list, description="page furniture found in the text; never part of a claim"
    )
    schema_version: str = SCHEMA_VERSION


def json_schema() -> dict:
    """The published JSON Schema of an analysed document."""
    schema = Article.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "selon Article"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
