"""What the article page shows: the text cut into marked pieces, and one card per claim.

The text is cut at every edge of a claim's content, source mention, cue, figure, heading or
piece of furniture; each piece knows the claims covering it (the innermost decides its
colour), and whether it is a source, a cue or a figure of which claim. The template only
writes these out, escaped, so the page can select a claim's spans without parsing the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from selon.model import Article, Claim

#: The certainties in the order of the legend, each with the words the page writes beside its colour.
CERTAINTY_LABELS: dict[str, str] = {
    "asserted": "asserted by the outlet",
    "reported": "reported, neutral",
    "hedged": "hedged (conditional, reportedly …)",
    "confirmed": "confirmed by evidence",
    "denied": "denied",
}


@dataclass
class Piece:
    """A run of text with the same marks."""

    text: str
    claims: list[str] = field(default_factory=list)  # outermost first
    certainty: str | None = None
    sources: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    figure: bool = False
    furniture: bool = False
    starts: list[Claim] = field(default_factory=list)  # claims whose content starts here (their tags go first)

    @property
    def classes(self) -> str:
        names = []
        if self.claims:
            names += ["claim", f"c-{self.certainty}"]
        if self.sources:
            names.append("src")
        if self.cues:
            names.append("cue")
        if self.figure:
            names.append("fig")
        if self.furniture:
            names.append("furniture")
        return " ".join(names)


def pieces(article: Article) -> list[Piece]:
    """The text of ``article`` cut into :class:`Piece` runs, in order, covering it whole."""
    text = article.text
    n = len(text)
    marks: list[tuple[int, int, str, Any]] = []
    for claim in article.claims:
        marks.append((claim.content.start, claim.content.end, "claim", claim))
        if claim.source is not None and not claim.source.inherited and claim.source.end > claim.source.start:
            marks.append((claim.source.start, claim.source.end, "src", claim.id))
        if claim.cue is not None:
            marks.append((claim.cue.start, claim.cue.end, "cue", claim.id))
    marks += [(f.start, f.end, "fig", None) for f in article.quantities]
    marks += [(s.start, s.end, "furniture", None) for s in (*article.headings, *article.boilerplate)]
    edges = sorted({0, n, *(min(max(m[0], 0), n) for m in marks), *(min(max(m[1], 0), n) for m in marks)})
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for i, (start, end, _, _) in enumerate(marks):
        if end > start:
            opening.setdefault(min(max(start, 0), n), []).append(i)
            closing.setdefault(min(max(end, 0), n), []).append(i)
    active: set[int] = set()  # a sweep over the edges: only the marks covering a piece are looked at
    out: list[Piece] = []
    for lo, hi in pairwise(edges):
        active.difference_update(closing.get(lo, ()))
        active.update(opening.get(lo, ()))
        if hi <= lo:
            continue
        out.append(_piece(text[lo:hi], lo, [marks[i] for i in sorted(active)]))
    return out


def _piece(text: str, lo: int, covering_marks: list[tuple[int, int, str, Any]]) -> Piece:
    """One run of text with the marks that cover it (in the order they were listed)."""
    piece = Piece(text)
    covering: list[Claim] = []
    for start, _end, kind, ref in covering_marks:
        if kind == "claim":
            covering.append(ref)
            if start == lo:
                piece.starts.append(ref)
        elif kind == "src":
            piece.sources.append(ref)
        elif kind == "cue":
            piece.cues.append(ref)
        elif kind == "fig":
            piece.figure = True
        else:
            piece.furniture = True
    covering.sort(key=lambda c: (c.content.start, -c.content.end))
    piece.claims = [c.id for c in covering]
    if covering:
        piece.certainty = min(covering, key=lambda c: c.content.end - c.content.start).certainty
    return piece


def card(claim: Claim, cluster: int | None) -> dict[str, Any]:
    """What the card of one claim shows."""
    source = claim.source
    resolved = None  # a mention that does not name the source (a pronoun, a title): what it was resolved from
    if source is not None and source.name and source.text and source.name.casefold() not in source.text.casefold():
        resolved = source.text
    return {
        "id": claim.id,
        "content": claim.content.text,
        "certainty": claim.certainty,
        "certainty_label": CERTAINTY_LABELS.get(claim.certainty, claim.certainty),
        "deciding": [c.text for c in claim.certainty_cues],
        "source": source,
        "source_label": (source.name or source.text) if source else "the outlet itself",
        "resolved_from": resolved,
        "cue": claim.cue.text if claim.cue else None,
        "channel": [c.name for c in claim.channel],
        "evidence": [e.text for e in claim.evidence],
        "figures": [f.text for f in claim.quantities],
        "quote": claim.quote,
        "cluster": cluster,
    }


def claim_sources(article: Article) -> list[str]:
    """The distinct source labels of the claims, for the side list's filter."""
    seen: dict[str, None] = {}
    for claim in article.claims:
        label = (claim.source.name or claim.source.text) if claim.source else "the outlet itself"
        seen[label] = None
    return sorted(seen, key=str.casefold)
