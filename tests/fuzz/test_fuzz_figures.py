"""The figures stage on number-ish strings: no exception, offsets that index the text, finite values."""

from __future__ import annotations

import math

import pytest
from fuzzing import number_ish, scaled
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = [pytest.mark.fuzz, pytest.mark.slow]


@settings(max_examples=scaled(150))
@given(text=number_ish(), language=st.sampled_from(["fr", "en"]))
def test_figures_index_the_text_and_are_finite(text: str, language: str, nlp_fr, nlp_en) -> None:
    doc = (nlp_fr if language == "fr" else nlp_en)(text)
    for figure in doc._.selon_figures or []:
        assert 0 <= figure.start <= figure.end <= len(text)
        assert text[figure.start : figure.end] == figure.text, f"{figure.text!r} is not at {figure.start}"
        assert math.isfinite(figure.value), f"{figure.text!r} read as {figure.value}"
        assert figure.value_max is None or math.isfinite(figure.value_max), f"{figure.text!r}: {figure.value_max}"


def test_the_generator_reaches_the_parser(nlp_fr) -> None:
    # a guard on the property above: the frames it generates do produce figures
    doc = nlp_fr("Le budget atteint 1,5 million d'euros en 2024.")
    assert [f.value for f in doc._.selon_figures] == [1_500_000]
