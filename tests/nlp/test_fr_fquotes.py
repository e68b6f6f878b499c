"""French quotations and continuations: colon introductions, quotations over several sentences or
resumed after their incise, quotations with no cue, and the journalistic conditional."""

from __future__ import annotations

import pytest

import helpers

pytestmark = pytest.mark.slow


def claims(nlp, text):
    return list(nlp(text)._.selon_claims)


def attributed(found):
    """The claims the gold would count as attributions (selon.eval.attribution.ATTRIBUTION_RULE)."""
    return [c for c in found if c.cue is not None or c.source is not None or c.certainty != "asserted"]


# -- colon introductions ---------------------------------------------------------------------------


def test_colon_with_no_speech_verb_is_the_cue(nlp_fr):
    found = claims(nlp_fr, "Le maire, Paul Martin, a compté trois cents manifestants : « une foule bien modeste ».")
    claim = helpers.claim_with(found, "une foule bien modeste")
    assert claim.cue.text == ":" and claim.content.text == "une foule bien modeste"
    assert claim.source is not None and "maire" in claim.source.text and claim.certainty == "reported"


def test_name_before_the_apposition_belongs_to_the_source(nlp_fr):
    found = claims(nlp_fr, "Vers midi, Martin, le ministre du Travail, a reçu les syndicats : « un dialogue utile ».")
    claim = helpers.claim_with(found, "un dialogue utile")
    assert claim.source.text == "Martin, le ministre du Travail" and claim.cue.text == ":"


def test_speech_verb_before_the_colon_is_the_cue_of_both_parts(nlp_fr):
    found = claims(
        nlp_fr,
        "Sophie Leroy estime qu'elle est inapplicable : « personne ne pourra respecter cette règle en six mois ».",
    )
    clause = helpers.claim_with(found, "qu'elle est inapplicable")
    quote = helpers.claim_with(found, "personne ne pourra respecter")
    assert clause.cue.text == quote.cue.text == "estime"
    assert clause.source.text == quote.source.text == "Sophie Leroy"
    assert "personne" not in clause.content.text and quote.quote


def test_request_verb_leaves_the_colon_as_the_cue(nlp_fr):
    found = claims(nlp_fr, "Le préfet demande la fin des blocages : nous avons déjà perdu trois jours de travail.")
    claim = helpers.claim_with(found, "nous avons déjà perdu trois jours")
    assert claim.cue.text == ":" and claim.source.text == "Le préfet"
    assert claim.content.text == "nous avons déjà perdu trois jours de travail"


def test_message_before_the_colon_names_no_source(nlp_fr):
    found = claims(nlp_fr, "Le député a reçu une enveloppe avec un message : « tu vas le regretter très vite ».")
    claim = helpers.claim_with(found, "tu vas le regretter")
    assert claim.cue.text == ":" and claim.source is None and claim.certainty == "reported"


def test_statement_noun_before_the_colon_is_the_cue(nlp_fr):
    found = claims(
        nlp_fr,
        "Le collectif a proposé aux maires de signer une déclaration : « Nous voulons une école ouverte à tous. »",
    )
    claim = helpers.claim_with(found, "Nous voulons une école ouverte")
    assert claim.cue.text == "une déclaration" and "collectif" in claim.source.text


def test_selon_and_a_colon(nlp_fr):
    found = claims(nlp_fr, "Selon le ministre de l'Intérieur : la situation est sous contrôle dans toute la région.")
    claim = helpers.claim_with(found, "la situation est sous contrôle")
    assert claim.cue.text == "Selon" and claim.source.text == "le ministre de l'Intérieur"
    assert claim.content.text == "la situation est sous contrôle dans toute la région"


def test_a_colon_in_the_outlet_voice_is_no_attribution(nlp_fr):
    found = claims(nlp_fr, "Le bilan de la journée est lourd : trois blessés et deux voitures brûlées.")
    assert attributed(found) == []


def test_speech_verb_right_before_the_quotation(nlp_fr):
    found = claims(nlp_fr, "À son arrivée, le maire déclare aux journalistes « nous reconstruirons le pont en mai ».")
    claim = helpers.claim_with(found, "nous reconstruirons le pont")
    assert claim.cue.text == "déclare" and claim.source.text == "le maire" and claim.quote


def test_a_name_between_quotation_marks_is_no_attribution(nlp_fr):
    found = claims(nlp_fr, "Le ministre lance le programme « Horizon » dans trois régions.")
    assert attributed(found) == []


# -- quotations over several sentences and resumed after their incise ------------------------------


def test_quotation_over_several_sentences_is_one_content(nlp_fr):
    found = claims(
        nlp_fr,
        "Le maire a tiré un bilan sévère.\n\n« Le projet est abandonné. Nous n'avons trouvé aucun financement. "
        "Il faudra attendre la prochaine mandature », a dit Jean Dupuis.",
    )
    claim = helpers.claim_with(found, "Nous n'avons trouvé aucun financement")
    assert claim.content.text.startswith("Le projet est abandonné.")
    assert claim.content.text.endswith("la prochaine mandature") and claim.cue.text == "a dit"
    assert len(attributed(found)) == 1


def test_colon_introduction_runs_to_the_end_of_its_quotation(nlp_fr):
    found = claims(nlp_fr, "La ministre a écrit : « Je quitte mes fonctions ce soir. Je remercie toutes mes équipes. »")
    claim = helpers.claim_with(found, "Je quitte mes fonctions")
    assert claim.content.text == "Je quitte mes fonctions ce soir. Je remercie toutes mes équipes"
    assert claim.cue.text == "a écrit" and claim.source.text == "La ministre" and len(attributed(found)) == 1


def test_quotation_resumed_after_its_incise_keeps_source_and_cue(nlp_fr):
    found = claims(
        nlp_fr,
        "Claire Martin défend la réforme. « Le budget est prêt, affirme-t-elle. Il sera voté au mois de mars. »",
    )
    first = helpers.claim_with(found, "Le budget est prêt")
    second = helpers.claim_with(found, "Il sera voté au mois de mars")
    assert first.cue.text == second.cue.text and first.source.text == second.source.text
    assert second.source.name == "Claire Martin" and not second.source.inherited
    assert "affirme" not in second.content.text and second.quote


def test_two_quotations_around_one_incise(nlp_fr):
    found = claims(nlp_fr, "« Nous sommes prêts », a déclaré le capitaine, « et nous gagnerons ce match ».")
    first = helpers.claim_with(found, "Nous sommes prêts")
    second = helpers.claim_with(found, "nous gagnerons ce match")
    assert first.cue.text == second.cue.text == "a déclaré"
    assert first.source.text == second.source.text == "le capitaine"


# -- quotations with no cue --------------------------------------------------------------------------


def test_quotation_with_no_cue_takes_the_previous_speaker(nlp_fr):
    found = claims(
        nlp_fr,
        "« Le chantier a pris du retard », a reconnu le directeur Paul Petit. "
        "« Les travaux reprendront lundi et dureront deux mois. »",
    )
    claim = helpers.claim_with(found, "Les travaux reprendront lundi")
    assert claim.cue is None and claim.source is not None and claim.source.inherited
    assert claim.source.name == "Paul Petit" and claim.certainty == "reported" and claim.quote


def test_quotation_with_no_cue_after_a_sentence_about_a_person(nlp_fr):
    found = claims(
        nlp_fr,
        "Vers midi, Julie Moreau a rejoint les grévistes devant la gare. « Nous resterons ici tant qu'il le faudra ».",
    )
    claim = helpers.claim_with(found, "Nous resterons ici")
    assert claim.cue is None and claim.source is not None and claim.source.text == "Julie Moreau"


def test_quotation_with_no_cue_in_a_new_paragraph_has_no_speaker(nlp_fr):
    found = claims(
        nlp_fr,
        "« Le chantier a pris du retard », a reconnu le directeur Paul Petit.\n\n"
        "« Les travaux reprendront lundi et dureront deux mois. »",
    )
    assert all("Les travaux reprendront" not in c.content.text for c in attributed(found))


# -- the journalistic conditional --------------------------------------------------------------------


def test_conditional_carries_on_the_report_of_its_paragraph(nlp_fr):
    found = claims(
        nlp_fr,
        "Selon la police, le suspect a quitté la ville dimanche. Son frère l'attendait à la gare. "
        "Il aurait ensuite traversé la frontière.",
    )
    claim = helpers.claim_with(found, "traversé la frontière")
    assert claim.source is not None and claim.source.inherited and claim.source.text == "la police"
    assert claim.cue is None and claim.certainty == "hedged"


def test_conditional_with_no_earlier_report_is_hedged_with_no_source(nlp_fr):
    found = claims(nlp_fr, "Le suspect serait un ancien employé de l'usine.")
    claim = helpers.claim_with(found, "ancien employé")
    assert claim.source is None and claim.cue is None and claim.certainty == "hedged"


def test_quoted_speaker_is_not_carried_past_the_paragraph(nlp_fr):
    found = claims(
        nlp_fr,
        "Devant les juges, il déclare : « Je suis innocent de tout ce dont on m'accuse. »\n\n"
        "La police serait arrivée vers minuit.",
    )
    claim = helpers.claim_with(found, "La police serait arrivée")
    assert claim.source is None and claim.certainty == "hedged"


@pytest.mark.parametrize(
    "text, snippet",
    [
        ("Selon le ministère, le chômage a baissé. Cette baisse pourrait relancer la consommation.", "pourrait"),
        ("S'il fallait choisir une mesure, le comité opterait pour la prudence.", "opterait"),
        ("Moi-même, je serais bien en peine de trancher cette question.", "je serais"),
        ("Le coureur prend peut-être un peu trop de risques dans la descente.", "peut-être"),
    ],
)
def test_outlet_supposition_is_no_attribution(nlp_fr, text, snippet):
    found = claims(nlp_fr, text)
    claim = helpers.claim_with(found, snippet)
    assert claim.source is None and claim.cue is None and claim.certainty == "asserted"


# -- embedded posts and interviews -------------------------------------------------------------------


def test_embedded_post_is_its_signature_author_s(nlp_fr):
    found = claims(
        nlp_fr,
        "Le candidat a réagi dans la soirée sur les réseaux sociaux.\n\n"
        "Merci à tous les électeurs, nous allons reconstruire ce pays ensemble ! pic.twitter.com/Ab12Cd34\n"
        "— Jean Valmont (@jvalmont) 17 juin 2018\n\n"
        "Ses adversaires ont reconnu leur défaite.",
    )
    claim = helpers.claim_with(found, "nous allons reconstruire ce pays")
    assert claim.source is not None and claim.source.text == "Jean Valmont" and claim.cue is None
    assert "pic.twitter" not in claim.content.text and claim.certainty == "reported"
    assert not any("@jvalmont" in c.content.text for c in found)


def test_interview_answers_are_the_interviewee_s(nlp_fr):
    found = claims(
        nlp_fr,
        "Entretien avec Marie Dupont, sociologue à l'université de Lyon.\n\n"
        "La réforme des retraites est-elle juste ?\n\n"
        "Elle ne l'est pas pour les femmes. Les carrières interrompues sont pénalisées.\n\n"
        "Que faudrait-il changer ?\n\n"
        "Il faut compter les années d'éducation des enfants. C'est une mesure simple.",
    )
    first = helpers.claim_with(found, "Les carrières interrompues")
    second = helpers.claim_with(found, "compter les années d'éducation")
    for answer in (first, second):
        assert answer.source is not None and answer.source.name == "Marie Dupont" and answer.cue is None
    assert first.content.text == "Elle ne l'est pas pour les femmes. Les carrières interrompues sont pénalisées"
    assert not any("est-elle juste" in c.content.text for c in attributed(found))


def test_questions_without_an_interviewee_are_no_interview(nlp_fr):
    found = claims(
        nlp_fr,
        "La réforme des retraites est-elle juste ?\n\nLe texte sera examiné lundi au Sénat.\n\n"
        "Que faudrait-il changer ?\n\nLe gouvernement a déposé trois amendements.",
    )
    assert attributed(found) == []


def test_report_nested_in_a_quotation_keeps_its_own_claim(nlp_fr):
    found = claims(
        nlp_fr,
        "« Je pense que la grève durera longtemps. Nous tiendrons jusqu'au bout », a dit la syndicaliste Anne Roy.",
    )
    outer = helpers.claim_with(found, "Nous tiendrons jusqu'au bout")
    assert outer.content.text.startswith("Je pense que") and outer.cue.text == "a dit"
    nested = [c for c in found if c.cue is not None and c.cue.text == "pense"]
    assert nested and nested[0].source.text == "Je" and nested[0].content.text == "que la grève durera longtemps"
    assert nested[0].certainty == "hedged"


def test_a_quotation_opened_in_a_complement_runs_to_its_close(nlp_fr):
    text = (
        "Le sénateur a dit mettre « en garde le gouvernement, si on met ce sujet au cœur du débat. "
        "Le gouvernement a joué avec le feu »."
    )
    claims = [c for c in nlp_fr(text)._.selon_claims if c.cue is not None and c.cue.text == "a dit"]
    assert claims and claims[0].content.text.startswith("mettre « en garde le gouvernement, si on met")
    assert claims[0].content.text.endswith("a joué avec le feu")


def test_a_report_nested_in_a_quotation_through_de(nlp_fr):
    text = "Le député a répondu que « le président leur demandait de sortir de la salle », puis il est parti."
    claims = [c for c in nlp_fr(text)._.selon_claims if c.cue is not None and c.cue.text == "demandait"]
    assert claims and (claims[0].source.text, claims[0].content.text) == ("le président", "de sortir de la salle")
    text = "« Je ne dévoilerai pas le dispositif », a dit le préfet samedi."
    assert not [c for c in nlp_fr(text)._.selon_claims if c.cue is not None and "dévoilerai" in c.cue.text]
