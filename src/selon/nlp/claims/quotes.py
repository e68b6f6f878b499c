"""Quotations that run over several sentences keep one speaker; contents that run past their sentence.

« Cette loi, c'est le démantèlement des services publics, affirme-t-elle. Je crois en une
université publique. » : the second sentence has no cue of its own, yet it is her words, not the
outlet's. Once the claims of a document are built, every claim inside a quotation takes the
speaker that the quotation's attributed sentence names (or, failing that, the nearest speaker of
the same paragraph), marked as inherited.
"""

from __future__ import annotations

from spacy.tokens import Doc

from selon.model import Claim, Span
from selon.nlp.attribution.span import quotation_regions
from selon.nlp.doc_arrays import DocArrays


def _paragraph_of(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def attribute_quotations(doc: Doc, claims: list[Claim], speakers: bool = True) -> list[Claim]:
    """Give unattributed claims inside a quotation the quotation's speaker (with ``speakers``; French
    quotations got theirs while the claims were made, ``attribution.fr_quotes``), and mark them quoted."""
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
            if speakers and claim.source is None and claim.cue is None and speaker is not None and speaker.source:
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


def cut_overflows(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """A content that runs past its sentence into one with an attribution of its own ends with its
    sentence: the next sentence says who stands behind the rest. (A content that only starts
    after its cue's sentence, "X said: / 'A.' Y said", is left whole.)"""
    cues = sorted(c.cue.start for c in claims if c.cue is not None)
    a = DocArrays.current(doc)
    regions = [(a.idx[s], a.end_char[e - 1]) for s, e in quotation_regions(doc) if e > s]
    out: list[Claim] = []
    for claim in claims:
        sent = claim.sentence
        quotation = claim.quote and any(lo <= claim.content.start and claim.content.end <= hi for lo, hi in regions)
        if (
            sent is not None
            and not quotation  # a quotation holds the reports nested in it ("« ... Je pense que ... »")
            and claim.content.start < sent.end < claim.content.end
            and any(sent.end <= c < claim.content.end for c in cues)
        ):
            end = sent.end
            text = DocArrays.current(doc).doc_text
            while end > claim.content.start and (text[end - 1] in " \n\t.;,!?"):
                end -= 1
            content = Span(start=claim.content.start, end=end, text=text[claim.content.start : end])
            claim = claim.model_copy(
                update={"content": content, "quantities": [f for f in claim.quantities if f.end <= end]}
            )
        out.append(claim)
    return out
