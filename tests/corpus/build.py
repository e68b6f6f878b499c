"""Hand-built articles for the corpus tests: text with claims, sources, channels and figures
placed by substring, so that every offset is right without running the NLP pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field

from selon.model import Article, Channel, Claim, Entity, Figure, Source, Span


@dataclass
class C:
    """One claim: its content and source are substrings of the article text."""

    content: str
    source: str | None = None  # the mention in the text
    name: str | None = None  # canonical name (None: unnamed)
    kind: str = "person"
    role: str | None = None
    organization: str | None = None
    channel: list[str] = field(default_factory=list)
    certainty: str = "reported"
    figures: list[tuple[str, float, str | None, str | None]] = field(default_factory=list)  # text, value, unit, per
    time: str | None = None
    kind_figure: str = "actual"


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start=start, end=start + len(part), text=part)


def article(
    doc_id: str,
    text: str,
    claims: list[C],
    *,
    language: str = "fr",
    outlet: str | None = None,
    published: str | None = None,
    entities: list[tuple[str, str, str]] = (),
) -> Article:
    """``entities``: (surface, canonical name, kind)."""
    out: list[Claim] = []
    for n, c in enumerate(claims):
        content = _span(text, c.content)
        source = None
        if c.source is not None:
            s = _span(text, c.source)
            source = Source(
                start=s.start,
                end=s.end,
                text=s.text,
                name=c.name,
                kind=c.kind,
                role=c.role,
                organization=c.organization,
                organizations=[c.organization] if c.organization else [],
            )
        channels = [Channel(**_span(text, ch).model_dump(), name=ch) for ch in c.channel]
        figures = []
        for ftext, value, unit, per in c.figures:
            f = _span(text, ftext, content.start)
            figures.append(
                Figure(
                    start=f.start,
                    end=f.end,
                    text=f.text,
                    value=value,
                    unit=unit,
                    per=per,
                    time=c.time,
                    kind=c.kind_figure,
                    approximate=True,
                )
            )
        out.append(
            Claim(
                id=f"c{n}", content=content, source=source, channel=channels, certainty=c.certainty, quantities=figures
            )
        )
    ents = []
    for i, (surface, name, kind) in enumerate(entities):
        pos = 0
        while (pos := text.find(surface, pos)) >= 0:
            ents.append(Entity(start=pos, end=pos + len(surface), text=surface, kind=kind, name=name, entity_id=i))
            pos += len(surface)
    return Article(
        id=doc_id,
        language=language,
        text=text,
        outlet=outlet,
        published=published,
        claims=out,
        entities=ents,
        quantities=[f for c in out for f in c.quantities],
    )
