"""One test per stage, on small hand-made sentences in French and English."""

from __future__ import annotations

import pytest

from helpers import claim_with, claims_of
from selon.nlp.claims.mood import is_french_conditional

pytestmark = pytest.mark.slow


# -- segmentation ------------------------------------------------------------------------------


def test_run_in_heading_is_split_off_fr(nlp_fr):
    text = (
        "Le gouvernement a présenté son budget mardi. Nouvelles dépenses militaires en hausse "
        "Selon le ministre, les dépenses augmenteront de dix pour cent."
    )
    doc = nlp_fr(text)
    headings = [text[s:e] for s, e in doc._.selon_headings]
    assert headings == ["Nouvelles dépenses militaires en hausse"]
    claim = claim_with(doc._.selon_claims, "les dépenses augmenteront")
    assert "Nouvelles" not in claim.content.text and claim.cue.text == "Selon"


def test_heading_lines_and_furniture_en(nlp_en):
    text = (
        "Senate passes the budget\n\nThe Senate passed the budget on Friday, the majority leader said. "
        "The vote was close.\n\nRead more: Why the budget matters\n\nSubscribe to our newsletter!"
    )
    doc = nlp_en(text)
    assert "Senate passes the budget" in [text[s:e] for s, e in doc._.selon_headings]
    assert any("Read more" in text[s:e] for s, e in doc._.selon_boilerplate)
    contents = " ".join(c.content.text for c in doc._.selon_claims)
    assert "Subscribe" not in contents and "Read more" not in contents and "Senate passes" not in contents


def test_trailing_comment_box_fr(nlp_fr):
    text = (
        "Le maire a annoncé la fermeture de l'usine. Les salariés seront reclassés, selon la direction. "
        "Commentaires Que pensez-vous de cette décision? Abonnez-vous!"
    )
    claims = claims_of(nlp_fr, text)
    assert not any("Abonnez" in c.content.text or "pensez-vous" in c.content.text for c in claims)
    reported = claim_with(claims, "Les salariés seront reclassés")  # the article's own report is kept
    assert reported.cue is not None and reported.cue.text == "selon" and "direction" in reported.source.text


# -- mood --------------------------------------------------------------------------------------


def test_french_conditional_rule(nlp_fr):
    doc = nlp_fr(
        "Elle fournirait des armes. Ils viseraient la capitale. Il déclarait que tout allait bien. "
        "Ils prendraient le train. Il courait vite."
    )
    cond = {t.text for t in doc if is_french_conditional(t)}
    assert {"fournirait", "viseraient", "prendraient"} <= cond
    assert not cond & {"déclarait", "courait", "allait"}


# -- entities ----------------------------------------------------------------------------------


def test_entities_products_surnames_and_acronyms(nlp_fr):
    text = (
        "Selon Jean Dupont, directeur de la Direction générale de la sécurité intérieure (DGSI), des missiles "
        "KN-23 ont été livrés. Dupont ajoute que la sécurité intérieure reste vigilante."
    )
    ents = nlp_fr(text)._.selon_entities
    by_text = {e.text: e for e in ents}
    assert by_text["KN-23"].kind == "product"
    assert by_text["Dupont"].name == "Jean Dupont"
    assert by_text["DGSI"].kind == "organization"
    assert any(e.name == "DGSI" and "sécurité intérieure" in e.text and e.text != "DGSI" for e in ents)


# -- attribution -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,snippet,source,cue",
    [
        (
            "La réforme serait abandonnée, selon le ministre de l'Économie.",
            "La réforme serait abandonnée",
            "ministre de l'Économie",
            "selon",
        ),
        ("Selon Marie Curie, le radium est dangereux.", "le radium est dangereux", "Marie Curie", "Selon"),
        (
            "D'après le journal, la ville aurait payé trois millions d'euros.",
            "la ville aurait payé",
            "journal",
            "après",
        ),
        (
            "Le président Emmanuel Macron a affirmé que la France ne céderait pas.",
            "la France ne céderait pas",
            "Emmanuel Macron",
            "affirmé",
        ),
        ("« Nous ne céderons pas », a déclaré Élisabeth Borne.", "Nous ne céderons pas", "Élisabeth Borne", "déclaré"),
    ],
)
def test_attribution_fr(nlp_fr, text, snippet, source, cue):
    claim = claim_with(claims_of(nlp_fr, text), snippet)
    assert claim.source is not None and source in (claim.source.name or claim.source.text)
    assert claim.cue is not None and cue in claim.cue.text
    assert claim.source.text not in claim.content.text


@pytest.mark.parametrize(
    "text,snippet,source,cue",
    [
        ("According to Reuters, the company will cut 2,000 jobs.", "the company will cut", "Reuters", "According to"),
        (
            "The plan is unfair, Senator Elizabeth Warren said on Tuesday.",
            "The plan is unfair",
            "Elizabeth Warren",
            "said",
        ),
        ("The senator said that the bill was dead.", "the bill was dead", "senator", "said"),
        ('"We will win this election," said Hillary Clinton.', "We will win this election", "Hillary Clinton", "said"),
    ],
)
def test_attribution_en(nlp_en, text, snippet, source, cue):
    claim = claim_with(claims_of(nlp_en, text), snippet)
    assert claim.source is not None and source in (claim.source.name or claim.source.text)
    assert claim.cue is not None and claim.cue.text == cue
    assert claim.certainty == "reported"


def test_pronoun_source_and_role(nlp_fr):
    text = (
        "La Chine soutiendrait l'industrie russe, selon Anne Martin, porte-parole du ministère des Armées. "
        "Elle affirme que les livraisons ont doublé."
    )
    claims = claims_of(nlp_fr, text)
    first = claim_with(claims, "La Chine soutiendrait")
    assert first.source.name == "Anne Martin" and "porte-parole" in first.source.role
    second = claim_with(claims, "les livraisons ont doublé")
    assert second.source.text == "Elle" and second.source.name == "Anne Martin"


# -- channels ----------------------------------------------------------------------------------


def test_channels(nlp_fr, nlp_en):
    fr = claims_of(nlp_fr, "Selon des informations relayées par Reuters et l'AFP, l'usine a été détruite.")
    claim = claim_with(fr, "l'usine a été détruite")
    assert claim.source.name is None and claim.source.kind == "unnamed"
    assert {c.name for c in claim.channel} >= {"Reuters", "AFP"}
    en = claims_of(nlp_en, '"We will not back down," Donald Trump told CNN on Monday.')
    claim = claim_with(en, "We will not back down")
    assert [c.name for c in claim.channel] == ["CNN"] and claim.source.name == "Donald Trump"


# -- certainty ---------------------------------------------------------------------------------


def test_certainty(nlp_fr, nlp_en):
    fr = claims_of(
        nlp_fr,
        "Le ministre a démenti que l'armée ait quitté la ville. "
        "Selon la police, le suspect aurait fui. "
        "L'usine a été agrandie en 2023. Ces informations ont été confirmées par des images satellites.",
    )
    assert claim_with(fr, "l'armée ait quitté").certainty == "denied"
    hedged = claim_with(fr, "le suspect aurait fui")
    assert hedged.certainty == "hedged" and [c.text for c in hedged.certainty_cues] == ["aurait"]
    confirmed = claim_with(fr, "L'usine a été agrandie")
    assert confirmed.certainty == "confirmed" and confirmed.evidence[0].text == "images satellites"
    en = claims_of(nlp_en, "The minister reportedly resigned on Monday. The storm destroyed the bridge.")
    assert claim_with(en, "resigned").certainty == "hedged"
    assert claim_with(en, "destroyed the bridge").certainty == "asserted"


def test_carry_on_inherits_source(nlp_fr):
    text = (
        "Selon le renseignement américain, Moscou prépare une offensive. "
        "Des troupes seraient massées près de la frontière. Le temps était beau."
    )
    claims = claims_of(nlp_fr, text)
    inherited = claim_with(claims, "Des troupes seraient massées")
    assert inherited.source is not None and inherited.source.inherited and inherited.certainty == "hedged"
    assert claim_with(claims, "Le temps était beau").source is None


def test_offsets_index_the_text(nlp_fr, founding_text):
    doc = nlp_fr(founding_text)
    checked: dict[str, int] = {}
    for claim in doc._.selon_claims:
        roles = {
            "content": [claim.content],
            "cue": [claim.cue],
            "source": [claim.source],
            "channel": claim.channel,
            "evidence": claim.evidence,
            "figure": claim.quantities,
        }
        for role, spans in roles.items():
            for span in spans:
                if span is not None:
                    assert founding_text[span.start : span.end] == span.text
                    checked[role] = checked.get(role, 0) + 1
    # every kind of span the article has was checked, not an empty list
    assert checked["content"] >= 15 and checked["cue"] >= 8 and checked["source"] >= 8
    assert checked["channel"] >= 1 and checked["evidence"] >= 1 and checked["figure"] >= 4


def test_title_inside_a_sentence_is_not_a_run_in_heading(nlp_en):
    text = (
        "Nearly two-thirds of the combined 4.3M digital and physical sales of The Greatest Showman came "
        "from buyers of traditional CDs."
    )
    doc = nlp_en(text)
    assert doc._.selon_headings == []
    assert len(doc._.selon_figures) == 2


def test_parenthesis_after_a_verb_ends(nlp_en):
    # climbing the parse from a verb to the root once looped for ever: Token identity is not equality
    from selon.nlp.entities import _np_before

    doc = nlp_en("The senator spoke (briefly) about the vote.")
    paren = next(t.i for t in doc if t.text == "(")
    assert _np_before(doc, paren) is None
    assert doc._.selon_entities is not None
