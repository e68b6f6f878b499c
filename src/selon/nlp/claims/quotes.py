"""Quotations that run over several sentences keep one speaker.

« Cette loi, c'est le démantèlement des services publics, affirme-t-elle. Je crois en une
université publique. » : the second sentence has no cue of its own, yet it is her words, not the
outlet's. Once the claims of a document are built, every claim inside a quotation takes the
speaker that the quotation's attributed sentence names (or, failing that, the nearest speaker of
the same paragraph), marked as inherited.
"""

from __future__ import annotations

from spacy.tokens import Doc

from selon.model import Claim
from selon.nlp.attribution.span import quotation_regions
from selon.nlp.doc_arrays import DocArrays


def _paragraph_of(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def attribute_quotations(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """Give unattributed claims inside a quotation the quotation's speaker."""
    regions = quotation_regions(doc)
    if not regions or not claims:
        return claims
    a = DocArrays.current(doc)
    spans = [(a.idx[s], a.end_char[e - 1]) for s, e in regions if e > s]
    out = list(claims)
    for lo, hi in spans:
        inside = [i for i, c in enumerate(out) if c.content.start >= lo - 2 and c.content.end <= hi + 2]
        if not inside:
            continue
        speaker = next((out[i] for i in inside if out[i].source is not None and out[i].cue is not None), None)
        if speaker is None:
            speaker = _nearest_speaker(a.doc_text, out, lo, hi)
        for i in inside:
            claim = out[i]
            update: dict = {"quote": True}
            if claim.source is None and claim.cue is None and speaker is not None and speaker.source is not None:
                update["source"] = speaker.source.model_copy(update={"inherited": True})
                update["channel"] = list(speaker.channel)
                if claim.certainty == "asserted":
                    update["certainty"] = "reported"
            out[i] = claim.model_copy(update=update)
    return out


def _nearest_speaker(text: str, claims: list[Claim], lo: int, hi: int) -> Claim | None:
    """The attributed claim of the same paragraph closest to the quotation: the cue right after it
    ("», soupire-t-elle") or the introduction right before it ("Il explique : «")."""
    p_lo, p_hi = _paragraph_of(text, lo)
    best: Claim | None = None
    best_gap = None
    for claim in claims:
        if claim.cue is None or claim.source is None or claim.source.inherited:
            continue
        if not (p_lo <= claim.cue.start <= p_hi):
            continue
        gap = lo - claim.cue.end if claim.cue.end <= lo else (claim.cue.start - hi if claim.cue.start >= hi else 0)
        if best_gap is None or gap < best_gap:
            best, best_gap = claim, gap
    return best
