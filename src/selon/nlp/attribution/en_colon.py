"""Attributions by colon: "Poll: Trump and Clinton hold narrow leads", "Clinton: “Our goal is ...”".

Headlines and roundups attribute with a colon after a bare name and no verb; PolNeAR marks the
colon as the cue. The tagger finds some of them; this rule finds the others where the left side
is a short name standing alone (at the start of a paragraph or sentence, or after a dash) and is
not page furniture ("Editor's note:", "Email:"). The content is the quotation that follows, or
the rest of a headline (a paragraph without a full stop), or else the rest of the sentence.
"""

from __future__ import annotations

from selon.nlp.attribution.span import QUOTE_CHARS, Attribution
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.lexicon.en import COLON_DOCUMENTS, COLON_NOT_SOURCES

MAX_SOURCE = 6  # tokens
#: parts of speech a bare source is made of ("the report", "McCain Challenger Kelli Ward")
_SOURCE_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "PART", "CCONJ", "ADP", "NUM", "PRON"})
_CLOSING = {"“": "”", '"': '"', "‘": "’", "«": "»", "``": "''"}
_DASHES = frozenset({"-", "—", "–", "--"})
_FULL_STOPS = frozenset({".", "!", "?"})


def _source_start(a: DocArrays, p0: int, colon: int) -> int | None:
    """Where the bare source before ``colon`` starts, or None when it does not stand alone."""
    text = a.text
    s = colon
    while s > p0 and s > colon - MAX_SOURCE - 1 and text[s - 1] not in _DASHES and a.sent_starts[s] != s:
        s -= 1
    if text[s] in _DASHES:
        s += 1
    if not (s == p0 or a.sent_starts[s] == s or text[s - 1] in _DASHES) or not 1 <= colon - s <= MAX_SOURCE:
        return None
    pos, lower = a.pos_, a.lower_
    if not (pos[colon - 1] == "PROPN" or lower[colon - 1] in COLON_DOCUMENTS) or pos[s] == "ADP":
        return None
    if any(pos[j] not in _SOURCE_POS or lower[j] in COLON_NOT_SOURCES for j in range(s, colon)):
        return None
    return s


def _content_end(a: DocArrays, start: int, p1: int, headline: bool) -> int:
    """The end of the content starting at ``start``: its closing quotation mark, else the end of
    a headline, else of the sentence (a final full stop left out)."""
    text = a.text
    if text[start] in _CLOSING:
        close = _CLOSING[text[start]]
        end = next((j + 1 for j in range(start + 1, p1) if text[j] in (close, "”")), p1)
    else:
        end = p1 if headline else a.sent_ends[start]
    while end > start + 1 and text[end - 1] == ".":
        end -= 1
    return end


def colon_attributions(a: DocArrays) -> list[Attribution]:
    """One attribution per colon after a bare source, in the Doc of the snapshot ``a``."""
    out: list[Attribution] = []
    text = a.text
    for p0, p1 in a.paragraphs:
        headline: bool | None = None
        for k in range(p0 + 1, p1 - 1):
            if text[k] != ":":
                continue
            s = _source_start(a, p0, k)
            if s is None:
                continue
            if headline is None:
                headline = not any(text[j] in _FULL_STOPS for j in range(p0, p1))
            c0 = k + 1
            c1 = _content_end(a, c0, p1, headline)
            if c1 > c0:
                out.append(
                    Attribution(
                        sentence=(a.sent_starts[k], a.sent_ends[k]),
                        content=(c0, c1),
                        cue=(k, k + 1),
                        source=(s, k),
                        source_head=k - 1,
                        kind="colon",
                        quote=text[c0] in QUOTE_CHARS,
                        cue_lemma=":",
                    )
                )
    return out
