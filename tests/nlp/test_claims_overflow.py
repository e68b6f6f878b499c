"""Contents that run past their sentence: cut where another attribution begins, never turned inside out."""

from __future__ import annotations

from selon.model import Claim, Span
from selon.nlp.claims.quotes import cut_overflows


def _span(text: str, part: str, start: int = 0) -> Span:
    at = text.index(part, start)
    return Span(start=at, end=at + len(part), text=part)


def test_overflow_is_cut_at_the_sentence_and_a_later_content_is_left_whole(nlp_en) -> None:
    text = "Smith said the plan would fail. Jones said it would not. Brown said: The talks go on."
    doc = nlp_en(text)
    runs_on = Claim(
        id="c1",
        content=_span(text, "the plan would fail. Jones said it would not"),
        cue=_span(text, "said"),
        sentence=_span(text, "Smith said the plan would fail."),
    )
    jones = Claim(
        id="c2",
        content=_span(text, "it would not"),
        cue=_span(text, "said", 10),
        sentence=_span(text, "Jones said it would not."),
    )
    later = Claim(
        id="c3",
        content=_span(text, "The talks go on"),
        cue=_span(text, "said", 40),
        sentence=_span(text, "Smith said the plan would fail."),
    )
    cut, kept, whole = cut_overflows(doc, [runs_on, jones, later])
    assert cut.content.text == "the plan would fail"
    assert kept == jones
    assert whole.content == later.content and whole.content.start < whole.content.end
