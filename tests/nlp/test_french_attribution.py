"""French attribution on the constructions real pages use: incises, inversion, long quotations."""

from __future__ import annotations

import pytest

import helpers

pytestmark = pytest.mark.slow


def claim_with(doc, snippet):
    return helpers.claim_with(doc._.selon_claims, snippet)


def test_incise_after_quotation_with_named_speaker(nlp_fr):
    doc = nlp_fr(
        "« Il faut rendre cette mobilisation visible sans faire de victimes », glisse Zineb, étudiante en littérature."
    )
    claim = claim_with(doc, "rendre cette mobilisation visible")
    assert claim.source is not None and claim.source.name == "Zineb"
    assert claim.cue.text == "glisse" and claim.quote and claim.certainty == "reported"
    assert "glisse" not in claim.content.text and "»" not in claim.content.text


def test_inverted_pronoun_inside_a_quotation_and_its_continuation(nlp_fr):
    doc = nlp_fr(
        "Marie Dupont, professeure d'histoire, défend son point de vue. « Cette loi, c'est la fin "
        "des services publics, affirme-t-elle. Je crois en une université publique. »"
    )
    first = claim_with(doc, "c'est la fin des services publics")
    assert first.source.name == "Marie Dupont" and first.source.text == "elle" and first.cue.text == "affirme"
    # a quotation interrupted by its incise: the part after it has the same source and cue
    second = claim_with(doc, "Je crois en une université publique")
    assert second.source.name == "Marie Dupont" and second.cue.text == first.cue.text and second.quote
    assert second.certainty == "reported"


def test_auxiliary_inversion_and_apposed_name(nlp_fr):
    doc = nlp_fr(
        "Le gouvernement renoncera à la réforme, a affirmé le ministre de l'Intérieur, Gérald Darmanin, mardi."
    )
    claim = claim_with(doc, "Le gouvernement renoncera à la réforme")
    assert claim.source.name == "Gérald Darmanin" and claim.source.role == "ministre de l'Intérieur"
    assert claim.cue.text == "a affirmé"


def test_peut_on_lire_names_the_publication(nlp_fr):
    doc = nlp_fr(
        "« Une douzaine de responsables du parti ont été mis en examen dans cette affaire », "
        "peut-on lire dans Les Échos."
    )
    claim = claim_with(doc, "Une douzaine de responsables")
    assert claim.source is not None and "Échos" in claim.source.text and claim.source.kind == "organization"
    assert claim.cue.text == "peut-on lire"


def test_impersonal_il_and_rules_are_not_sources(nlp_fr):
    doc = nlp_fr(
        "Il a cependant été observé que seulement 20 % des trottinettes ont été bien stationnées. "
        "Le restaurant, selon les mesures sanitaires en vigueur, devrait être fermé."
    )
    observed = claim_with(doc, "seulement 20 % des trottinettes")
    assert observed.source is None
    rule = claim_with(doc, "devrait être fermé")
    assert rule.cue is None or rule.cue.text.lower() != "selon"


def test_suspicion_is_not_speech(nlp_fr):
    # a suspicion is nobody's words: by the guidelines (decision 5) an agentless passive, null source
    doc = nlp_fr("Le député est soupçonné de détournement de fonds publics depuis plusieurs mois.")
    assert all(c.source is None for c in doc._.selon_claims)
    suspected = claim_with(doc, "soupçonné de détournement")
    assert suspected.cue.text == "est soupçonné" and suspected.certainty == "hedged"
    # the same subject, speaking, is an attribution
    doc = nlp_fr("Le député affirme que les fonds publics ont été restitués depuis plusieurs mois.")
    said = claim_with(doc, "les fonds publics ont été restitués")
    assert said.cue is not None and said.cue.text == "affirme" and said.source.text == "Le député"


def test_incise_right_after_the_closing_quote_and_after_a_circumstance(nlp_fr):
    doc = nlp_fr(
        "« Evidemment, le Premier ministre peut décider de ma révocation, » a déclaré à cette "
        "occasion le ministre de la Santé."
    )
    claim = claim_with(doc, "peut décider de ma révocation")
    assert claim.cue.text == "a déclaré" and claim.source.kind == "person"
    assert "ministre de la Santé" in claim.source.text and "déclaré" not in claim.content.text


def test_modal_before_the_speech_verb_hedges_the_attribution(nlp_fr):
    doc = nlp_fr("« Tout va bien », pourrait commenter le Président.")
    claim = claim_with(doc, "Tout va bien")
    assert claim.cue.text == "pourrait commenter" and claim.certainty == "hedged"


def test_faire_savoir_is_one_cue(nlp_fr):
    doc = nlp_fr(
        "Les appels à la démission se sont multipliés, et le Premier ministre lui-même a fait savoir "
        "qu'il lui cherchait déjà un remplaçant."
    )
    claim = claim_with(doc, "cherchait déjà un remplaçant")
    assert claim.cue.text == "a fait savoir" and "Premier ministre" in claim.source.text


def test_see_also_lines_and_buttons_are_furniture(nlp_fr):
    text = (
        "Lire aussi Martine Bulard, « En Corée, la politique du rayon de soleil », juin 2018.\n\n"
        "Le roman raconte deux vies à Séoul. « Je repense à ce quartier », écrit-elle.\n\n"
        "Je passe à l'action !\n\n"
    )
    doc = nlp_fr(text)
    furniture = [text[s:e] for s, e in doc._.selon_boilerplate]
    assert any(f.startswith("Lire aussi") for f in furniture) and any("Je passe" in f for f in furniture)
    assert not any("Martine" in (c.source.name or "") for c in doc._.selon_claims if c.source)
    assert not any("Je passe" in c.content.text for c in doc._.selon_claims)


def test_colon_introduces_a_quotation(nlp_fr):
    doc = nlp_fr(
        "Posée à la cafétéria avec une amie, la jeune femme s'inquiète des conséquences du mouvement : "
        "« La banalisation des journées de mobilisation ne suffit pas. La priorité reste la formation. »"
    )
    first = claim_with(doc, "La banalisation des journées")
    assert first.cue is not None and "jeune femme" in first.source.text and first.quote
    # a quotation that runs over several sentences is one content (docs/attribution-guidelines.md)
    assert "La priorité reste la formation" in first.content.text


def test_cest_ce_qua_annonce_attributes_the_sentence_before(nlp_fr):
    doc = nlp_fr(
        "La Ville n'autorisera pas les trottinettes en 2020. C'est ce qu'a annoncé Éric Alan Caldwell, "
        "responsable de la mobilité, mercredi matin."
    )
    claim = claim_with(doc, "n'autorisera pas les trottinettes")
    assert claim.source.name == "Éric Alan Caldwell" and claim.cue.text == "a annoncé"
    assert claim.certainty == "reported"
    assert not any("C'est ce qu'a annoncé" in c.content.text for c in doc._.selon_claims)


def test_participle_shares_the_speaker_and_is_not_an_incise(nlp_fr):
    doc = nlp_fr(
        "Roman Prymula a parlé. « Je n'ai enfreint aucune règle », a-t-il estimé, soulignant que la "
        "rencontre s'était déroulée dans des espaces privés. Ces quartiers ont été rasés, assurant "
        "un embourgeoisement urbain."
    )
    claim = claim_with(doc, "la rencontre s'était déroulée")
    assert claim.source.name == "Roman Prymula" and claim.cue.text == "soulignant"
    rased = claim_with(doc, "Ces quartiers ont été rasés")
    assert rased.source is None


def test_via_the_wire_names_the_source(nlp_fr):
    doc = nlp_fr("Le 12 mars, on apprend via l'AFP que la ministre a été entendue par les enquêteurs.")
    claim = claim_with(doc, "la ministre a été entendue")
    assert claim.source.name == "AFP" and claim.source.kind == "organization"


def test_form_options_and_calls_to_action_are_furniture(nlp_fr):
    text = (
        "Aurélie Trouvé était l'invitée de France Info pour parler du référendum.\n\n"
        "Pour réécouter son interview, cliquez sur l'icône ci-dessous.\n\n"
        "Participer aux actions d'Attac Recevoir les infos sur les prochaines actions et les formations\n\n"
        "Je passe à l'action !\n\n"
    )
    doc = nlp_fr(text)
    contents = [c.content.text for c in doc._.selon_claims]
    assert len(contents) == 1 and "invitée" in contents[0]


def test_adjunct_apposition_stays_out_of_the_content(nlp_fr):
    doc = nlp_fr(
        "La Russie fournirait des technologies avancées à la Corée du Nord, selon Kirill Boudanov, "
        "chef du renseignement militaire ukrainien (GUR)."
    )
    claim = claim_with(doc, "La Russie fournirait")
    assert "selon" not in claim.content.text and "chef" not in claim.content.text
    assert claim.source.role == "chef du renseignement militaire ukrainien"
