"""French certainty by the guidelines: negated and refuting cues deny, knowledge and perception
confirm, belief hedges, a conditional or a modal of the content's main clause hedges (not the future
in the past), and the confirmation by named evidence is an attribution of its own."""

from __future__ import annotations

import pytest

import helpers
from selon.nlp.claims.certainty_fr import french_certainty
from selon.nlp.lexicon import lexicon_for

pytestmark = pytest.mark.slow


def claim_with(doc, snippet):
    return helpers.claim_with(doc._.selon_claims, snippet)


def certainty_of(nlp_fr, text: str, cue: str, content: str) -> str:
    """The certainty of the attribution given by its cue and content strings, whatever the rules find."""
    doc = nlp_fr(text)
    c = doc.char_span(text.index(cue), text.index(cue) + len(cue), alignment_mode="expand")
    k = doc.char_span(text.index(content), text.index(content) + len(content), alignment_mode="expand")
    return french_certainty(doc, (c.start, c.end), (k.start, k.end), False, lexicon_for("fr"))[0]


def test_negated_cue_is_denied(nlp_fr):
    doc = nlp_fr("Le ministre n'a jamais dit que la réforme serait abandonnée.")
    claim = claim_with(doc, "que la réforme serait abandonnée")
    assert claim.source.text == "Le ministre" and claim.cue.text == "n'a jamais dit"
    assert claim.certainty == "denied" and [c.text for c in claim.certainty_cues] == ["n'a jamais dit"]
    text = "Le directeur ne sait pas si l'usine rouvrira."
    assert certainty_of(nlp_fr, text, "ne sait pas", "si l'usine rouvrira") == "denied"


def test_restrictive_ne_que_is_no_negation(nlp_fr):
    text = "L'audit ne révèle que des erreurs de calcul."
    assert certainty_of(nlp_fr, text, "ne révèle que", "des erreurs de calcul") == "confirmed"


def test_refuting_cues_are_denied(nlp_fr):
    text = "La mairie dément que les travaux aient pris du retard."
    assert certainty_of(nlp_fr, text, "dément", "que les travaux aient pris du retard") == "denied"
    text = "L'armée rejette toute faute."
    assert certainty_of(nlp_fr, text, "rejette", "toute faute") == "denied"
    text = "Le gouvernement a condamné les allégations mensongères du journal."
    assert certainty_of(nlp_fr, text, "a condamné", "les allégations mensongères du journal") == "denied"


def test_blame_and_condemnation_of_a_fact_are_reported(nlp_fr):
    text = "L'armée rejette la faute sur les rebelles."
    assert certainty_of(nlp_fr, text, "rejette", "la faute sur les rebelles") == "reported"
    text = "Le gouvernement a condamné un attentat odieux."
    assert certainty_of(nlp_fr, text, "a condamné", "un attentat odieux") == "reported"


def test_knowledge_and_perception_confirm(nlp_fr):
    doc = nlp_fr("Le préfet a constaté que la digue avait cédé.")
    claim = claim_with(doc, "que la digue avait cédé")
    assert claim.cue.text == "a constaté" and claim.certainty == "confirmed"
    text = "Une étude publiée lundi montre que les abeilles reconnaissent les visages."
    assert certainty_of(nlp_fr, text, "montre", "que les abeilles reconnaissent les visages") == "confirmed"
    text = "Le rapport met clairement en évidence les failles du contrôle."
    assert certainty_of(nlp_fr, text, "met clairement en évidence", "les failles du contrôle") == "confirmed"


def test_a_modal_in_the_content_outranks_a_factive_cue(nlp_fr):
    text = "Le journal révèle que le conseiller devrait être inquiété."
    assert certainty_of(nlp_fr, text, "révèle", "que le conseiller devrait être inquiété") == "hedged"


def test_belief_hedges(nlp_fr):
    doc = nlp_fr("Le syndicat craint que l'usine ferme. Elle se demande si le budget suffira.")
    assert claim_with(doc, "que l'usine ferme").certainty == "hedged"
    assert claim_with(doc, "si le budget suffira").certainty == "hedged"
    text = "Le maire juge que le projet est trop coûteux."
    assert certainty_of(nlp_fr, text, "juge", "que le projet est trop coûteux") == "hedged"


def test_an_object_pronoun_is_no_reflexive(nlp_fr):
    text = "Paul nous a demandé de partir avant midi."
    assert certainty_of(nlp_fr, text, "a demandé", "de partir avant midi") == "reported"


def test_faire_savoir_reports(nlp_fr):
    doc = nlp_fr("Le porte-parole a fait savoir que le président ne démissionnerait pas.")
    claim = claim_with(doc, "que le président ne démissionnerait pas")
    assert "savoir" in claim.cue.text and claim.certainty == "reported"


def test_future_in_the_past_is_reported_but_a_present_cue_hedges(nlp_fr):
    doc = nlp_fr(
        "Le député a annoncé qu'il serait candidat aux municipales. "
        "Le sénateur affirme que le texte serait inconstitutionnel. "
        "Le ministre a déclaré que les prix pourraient augmenter."
    )
    assert claim_with(doc, "qu'il serait candidat").certainty == "reported"
    hedged = claim_with(doc, "que le texte serait inconstitutionnel")
    assert hedged.certainty == "hedged" and [c.text for c in hedged.certainty_cues] == ["serait"]
    assert claim_with(doc, "que les prix pourraient augmenter").certainty == "hedged"


def test_only_the_main_clause_hedges(nlp_fr):
    doc = nlp_fr("Le ministre affirme que l'attaque, qui pourrait saper les efforts de paix, est inacceptable.")
    claim = claim_with(doc, "est inacceptable")
    assert claim.cue.text == "affirme" and claim.certainty == "reported"


def test_hedging_adverb(nlp_fr):
    doc = nlp_fr("Selon la police, le suspect a visiblement fui vers la Belgique.")
    claim = claim_with(doc, "le suspect a visiblement fui")
    assert claim.cue.text == "Selon" and claim.certainty == "hedged"
    assert [c.text for c in claim.certainty_cues] == ["visiblement"]


def test_confirmation_by_named_evidence_is_an_attribution(nlp_fr):
    doc = nlp_fr(
        "L'usine a été agrandie en 2023. Ces informations ont été confirmées par des images satellites "
        "et des documents industriels obtenus par Reuters."
    )
    assert claim_with(doc, "L'usine a été agrandie").certainty == "confirmed"
    claim = claim_with(doc, "Ces informations ont été confirmées")
    assert claim.content.text == "Ces informations ont été confirmées" and claim.cue.text == "ont été confirmées"
    assert claim.source.text == "des images satellites et des documents industriels obtenus par Reuters"
    assert claim.certainty == "confirmed" and claim.source.kind == "document"
    assert claim.source.organization is None and [c.name for c in claim.channel] == ["Reuters"]


def test_hypotheticals_and_the_writer_are_no_attribution(nlp_fr):
    doc = nlp_fr(
        "Le marché reste calme. Si les prix baissaient, les ménages achèteraient davantage. "
        "Je serais ravi de revenir dans cette ville."
    )
    for snippet in ("les ménages achèteraient davantage", "Je serais ravi"):
        claim = claim_with(doc, snippet)
        assert claim.source is None and claim.cue is None and claim.certainty == "asserted"


def test_a_journalistic_conditional_stays_hedged(nlp_fr):
    doc = nlp_fr("Le bâtiment a brûlé dans la nuit. Le feu serait parti d'une cuisine.")
    claim = claim_with(doc, "Le feu serait parti")
    assert claim.source is None and claim.certainty == "hedged"


def test_a_negation_that_affirms_is_no_denial(nlp_fr):
    text = "Le maire ne cesse de répéter que la piscine rouvrira."
    assert certainty_of(nlp_fr, text, "ne cesse de répéter", "que la piscine rouvrira") == "reported"


def test_a_negated_refutation_or_exclusion_is_no_denial(nlp_fr):
    text = "Le porte-parole ne dément pas l'information du journal."
    assert certainty_of(nlp_fr, text, "ne dément pas", "l'information du journal") == "reported"
    text = "La ministre n'exclut pas de se présenter en 2027."
    assert certainty_of(nlp_fr, text, "n'exclut pas", "de se présenter en 2027") == "hedged"


def test_admission_confirms_and_expectation_hedges(nlp_fr):
    text = "Le directeur a admis que les comptes étaient faux."
    assert certainty_of(nlp_fr, text, "a admis", "que les comptes étaient faux") == "confirmed"
    text = "Le syndicat s'attend à ce que la grève dure."
    assert certainty_of(nlp_fr, text, "attend", "à ce que la grève dure") == "hedged"
    text = "Le directeur assure qu'il n'y aura pas de licenciements."
    assert certainty_of(nlp_fr, text, "assure", "qu'il n'y aura pas de licenciements") == "reported"
