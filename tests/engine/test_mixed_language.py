"""A French and English text: each paragraph analysed in its own language, both attributions found."""

from __future__ import annotations

import pytest

from helpers import EXAMPLES, FIXTURES, FOUNDING
from selon.engine_pieces import plan_pieces

FRENCH = (
    "Selon le ministre de l'Économie, la croissance française devrait ralentir nettement l'an prochain, "
    "en raison de la hausse des taux d'intérêt et du recul de la consommation des ménages. Le gouvernement "
    "prévoit néanmoins de maintenir ses investissements dans les transports et l'énergie, afin de soutenir "
    "l'activité des entreprises pendant cette période difficile pour les régions industrielles du pays."
)
ENGLISH = (
    "The European commissioner said the French budget would have to be revised before the end of the year, "
    "because the deficit remained well above the limits agreed by the member states. Brussels is expected to "
    "publish its own forecasts next week, and several governments have already asked for more time to bring "
    "their public finances back in line with the common rules of the union."
)
MIXED = f"{FRENCH}\n\n{ENGLISH}\n"


def test_paragraphs_clearly_in_the_other_language_are_their_own_piece(settings) -> None:
    pieces = plan_pieces(MIXED, "fr", settings)
    assert [(p.language, MIXED[p.start : p.end].strip()) for p in pieces] == [("fr", FRENCH), ("en", ENGLISH)]


def test_ordinary_articles_keep_one_language(settings) -> None:
    texts = [(EXAMPLES / f"{FOUNDING}.txt").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "polnear").glob("*/text/*.txt"))]
    for text, lang in zip(texts, ["fr"] + ["en"] * (len(texts) - 1), strict=True):
        assert plan_pieces(text, lang, settings) == plan_pieces(text, lang, settings, detect=False)
        assert len(plan_pieces(text, lang, settings)) == 1


@pytest.mark.slow
@pytest.mark.parametrize("language", ["fr", "en", None])
def test_a_mixed_text_finds_the_french_and_the_english_attribution(settings, language) -> None:
    import selon

    article = selon.analyze(MIXED, language=language, settings=settings)
    assert article.language == (language or "en")  # the detector's guess over the whole text stays the main one
    found = {(c.cue.text, c.source.text if c.source else None) for c in article.claims if c.cue}
    assert ("Selon", "le ministre de l'Économie") in found
    assert ("said", "The European commissioner") in found
    said = next(c for c in article.claims if c.cue and c.cue.text == "said")
    assert MIXED[said.cue.start : said.cue.end] == "said" and said.cue.start > len(FRENCH)
    assert [c.id for c in article.claims] == [f"c{i}" for i in range(1, len(article.claims) + 1)]
