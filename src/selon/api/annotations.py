"""A document's claims as W3C Web Annotations (JSON-LD), for annotation tools and archives.

One annotation per claim. Its target is the document with two selectors for the claim's
content: a TextQuoteSelector (the exact words with up to :data:`CONTEXT` characters before and
after, which survives small edits of the text) and a TextPositionSelector (Python string
offsets, i.e. Unicode code points, as the Web Annotation model counts). Its body says who
claims it (the source), through which words (the cue) and how sure (the certainty).
"""

from __future__ import annotations

from typing import Any

from selon.model import Article, Claim, Span

CONTEXT = 32
CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"
MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


def _quote(text: str, span: Span) -> dict[str, Any]:
    return {
        "type": "TextQuoteSelector",
        "exact": text[span.start : span.end],
        "prefix": text[max(0, span.start - CONTEXT) : span.start],
        "suffix": text[span.end : span.end + CONTEXT],
    }


def _bodies(claim: Claim) -> list[dict[str, Any]]:
    source = claim.source
    bodies: list[dict[str, Any]] = [
        {
            "type": "TextualBody",
            "purpose": "identifying",
            "value": (source.name or source.text) if source else "(the outlet)",
            "selon:role": "source",
            **(
                {
                    "selon:kind": source.kind,
                    "selon:mention": source.text,
                    "selon:inherited": source.inherited,
                    **({"selon:sourceRole": source.role} if source.role else {}),
                    **({"selon:organization": source.organization} if source.organization else {}),
                }
                if source
                else {}
            ),
        },
        {"type": "TextualBody", "purpose": "classifying", "value": claim.certainty, "selon:role": "certainty"},
    ]
    if claim.cue is not None:
        bodies.append({"type": "TextualBody", "purpose": "tagging", "value": claim.cue.text, "selon:role": "cue"})
    return bodies


def annotation(article: Article, claim: Claim, base: str) -> dict[str, Any]:
    """The Web Annotation of one claim; ``base`` is the document's URL on this server."""
    return {
        "id": f"{base}/annotations#{claim.id}",
        "type": "Annotation",
        "motivation": "describing",
        "body": _bodies(claim),
        "target": {
            "source": article.url or base,
            "type": "Text",
            "selector": [
                _quote(article.text, claim.content),
                {"type": "TextPositionSelector", "start": claim.content.start, "end": claim.content.end},
            ],
        },
    }


def annotation_collection(article: Article, base: str) -> dict[str, Any]:
    """Every claim of ``article`` as one AnnotationCollection with its single page embedded."""
    items = [annotation(article, claim, base) for claim in article.claims]
    return {
        "@context": [CONTEXT_URL, {"selon": "urn:selon:"}],
        "id": f"{base}/annotations",
        "type": "AnnotationCollection",
        "label": f"claims of {article.title or article.id}",
        "total": len(items),
        "first": {"id": f"{base}/annotations#page1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }
