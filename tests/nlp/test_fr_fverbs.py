"""French reporting verbs by class and their complements beyond "que" (``lexicon.fr_verbs``,
``attribution.fr_complements``), on sentences written for these tests."""

from __future__ import annotations

import pytest

import helpers
from selon.nlp.lexicon.fr_verbs import CLASSES, reporting_verbs, verb_class, verb_frames

pytestmark = pytest.mark.slow


def reports(nlp, text):
    """The attributions of ``text`` as (source, cue, content, certainty) texts."""
    return [
        (c.source.text if c.source else None, c.cue.text if c.cue else None, c.content.text, c.certainty)
        for c in nlp(text)._.selon_claims
        if c.cue is not None or c.source is not None
    ]


def report_with(nlp, text, snippet):
    claims = [c for c in nlp(text)._.selon_claims if c.cue is not None or c.source is not None]
    claim = helpers.claim_with(claims, snippet)
    return (claim.source.text if claim.source else None, claim.cue.text if claim.cue else None, claim.content.text)


# -- the lexicon ------------------------------------------------------------------------------


def test_each_class_has_its_verbs():
    assert verb_class("déclarer") == "communication"
    assert verb_class("estimer") == "cognition" and verb_class("craindre") == "cognition"
    assert verb_class("constater") == "perception" and verb_class("savoir") == "perception"
    assert verb_class("exhorter") == "request" and verb_class("réclamer") == "request"
    assert verb_class("promettre") == "intention" and verb_class("vouloir") == "intention"
    assert {verb_class(v) for v in reporting_verbs()} == set(CLASSES)


def test_pronominal_verbs_have_their_own_class_and_actions_none():
    assert verb_class("demander") == "request" and verb_class("se demander") == "cognition"
    assert verb_class("manger") is None and verb_class("signer") is None and verb_class("") is None


def test_non_speech_senses_are_left_out_by_the_frames():
    assert "np" not in verb_frames("expliquer")  # "ce qui explique la hausse": a cause
    assert verb_frames("appeler") == frozenset({"a"})  # "appeler X Y" names
    assert "np" not in verb_frames("évoquer") and "que" in verb_frames("assurer")


# -- "de" / "à" + infinitive, a bare infinitive ----------------------------------------------------


def test_de_infinitive_after_an_indirect_object(nlp_fr):
    text = "Le maire a demandé aux conseillers municipaux de voter le budget avant l'été."
    assert report_with(nlp_fr, text, "voter") == ("Le maire", "a demandé", "de voter le budget avant l'été")


def test_a_infinitive_and_a_noun_after_a(nlp_fr):
    text = "La fédération appelle les supporters à rester calmes samedi."
    assert report_with(nlp_fr, text, "rester") == ("La fédération", "appelle", "les supporters à rester calmes samedi")
    assert report_with(nlp_fr, "Le syndicat appelle à la grève jeudi.", "grève") == (
        "Le syndicat",
        "appelle",
        "à la grève jeudi",
    )


def test_threat_and_bare_infinitive(nlp_fr):
    assert report_with(nlp_fr, "Les agriculteurs menacent de bloquer les routes.", "bloquer") == (
        "Les agriculteurs",
        "menacent",
        "de bloquer les routes",
    )
    text = "La ministre a dit vouloir une réforme rapide des retraites."
    assert report_with(nlp_fr, text, "réforme") == ("La ministre", "a dit", "vouloir une réforme rapide des retraites")


def test_bare_infinitive_after_a_time_adjunct_or_with_a_copula(nlp_fr):
    text = "Le suspect a avoué ce lundi 6 mars avoir volé les quatre tableaux du musée."
    assert report_with(nlp_fr, text, "volé") == ("Le suspect", "a avoué", "avoir volé les quatre tableaux du musée")
    text = "Les boulangeries ont indiqué être en rupture de farine."
    assert report_with(nlp_fr, text, "rupture") == ("Les boulangeries", "ont indiqué", "être en rupture de farine")
    assert report_with(nlp_fr, "Le maire craint d'être marginalisé.", "marginalisé") == (
        "Le maire",
        "craint",
        "d'être marginalisé",
    )


def test_maintenir_que_and_an_order(nlp_fr):
    text = "L'agence maintient qu'il n'y a pas de risque pour la santé."
    assert report_with(nlp_fr, text, "risque") == ("L'agence", "maintient", "qu'il n'y a pas de risque pour la santé")
    assert reports(nlp_fr, "Le gouvernement maintient sa position.") == []  # kept, not said
    text = "Le préfet a ordonné l'évacuation du quartier."
    assert report_with(nlp_fr, text, "évacuation") == ("Le préfet", "a ordonné", "l'évacuation du quartier")


# -- noun phrases, "comme", "X de Y" -------------------------------------------------------------------


def test_noun_phrases_that_carry_a_proposition(nlp_fr):
    assert report_with(nlp_fr, "L'Insee prévoit une hausse de 2 % du chômage en 2025.", "hausse") == (
        "L'Insee",
        "prévoit",
        "une hausse de 2 % du chômage en 2025",
    )
    assert report_with(nlp_fr, "Le club a annoncé le départ de son entraîneur.", "départ") == (
        "Le club",
        "a annoncé",
        "le départ de son entraîneur",
    )


def test_a_denied_noun_phrase(nlp_fr):
    [found] = reports(nlp_fr, "Le ministère a démenti toute négociation secrète avec les rebelles.")
    assert found == ("Le ministère", "a démenti", "toute négociation secrète avec les rebelles", "denied")


def test_comme_and_qualifier_de(nlp_fr):
    text = "Le gouvernement présente la réforme comme un progrès social."
    assert report_with(nlp_fr, text, "réforme") == ("Le gouvernement", "présente", "la réforme comme un progrès social")
    text = "L'opposition qualifie la réforme de recul historique."
    assert report_with(nlp_fr, text, "recul") == ("L'opposition", "qualifie", "la réforme de recul historique")


# -- passives and raising verbs -------------------------------------------------------------------------


def test_passive_with_an_agent(nlp_fr):
    text = "Le projet est jugé trop risqué par les économistes."
    assert report_with(nlp_fr, text, "risqué") == ("les économistes", "est jugé", "Le projet est jugé trop risqué")


def test_agentless_passive_and_participle_have_no_source(nlp_fr):
    text = "L'ancien trésorier est accusé d'avoir détourné des fonds."
    assert report_with(nlp_fr, text, "détourné") == (None, "est accusé", text[:-1])
    [found] = reports(nlp_fr, "Un homme soupçonné d'avoir incendié la mairie a été interpellé mardi.")
    assert found == (None, "soupçonné", "Un homme soupçonné d'avoir incendié la mairie", "hedged")


def test_impersonal_raising_verb(nlp_fr):
    [found] = reports(nlp_fr, "Il semble que la négociation soit dans l'impasse.")
    assert found == (None, "semble", "que la négociation soit dans l'impasse", "hedged")


def test_pronominal_question(nlp_fr):
    text = "La directrice se demande si le projet verra le jour."
    assert report_with(nlp_fr, text, "projet") == ("La directrice", "se demande", "si le projet verra le jour")


# -- what is not an attribution ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Le maire a évoqué la crise du logement.",  # a topic
        "Ce retard explique la hausse des prix.",  # a cause
        "Les opérateurs se sont assurés que les trottinettes étaient bien garées.",  # s'assurer
        "Ses amis l'appellent le Professeur.",  # naming
        "Elle a appelé son frère à Lyon.",  # a phone call
        "Le comité a signé le décret hier.",  # an act
        "Ces mesures permettent de prévoir une baisse des coûts.",  # an ability
        "Le directeur annonce la réunion de lundi.",  # a meeting, no proposition
    ],
)
def test_not_attributions(nlp_fr, text):
    assert reports(nlp_fr, text) == []


# -- certainty from the class (claims/build.py reads lexicon.fr_verbs.class_certainty) ---------------------


def test_class_gives_the_certainty(nlp_fr):
    [known] = reports(nlp_fr, "Le ministre sait que le texte est fragile.")
    assert known == ("Le ministre", "sait", "que le texte est fragile", "confirmed")
    [judged] = reports(nlp_fr, "Le projet est jugé trop risqué par les économistes.")
    assert judged[3] == "hedged"
    [said] = reports(nlp_fr, "Le club a annoncé le départ de son entraîneur.")
    assert said[3] == "reported"


def test_a_gerund_report_ends_the_que_clause_and_keeps_the_speaker(nlp_fr):
    found = reports(nlp_fr, "Le ministre a dit que la réforme passera, ajoutant que le calendrier sera tenu.")
    assert ("Le ministre", "a dit", "que la réforme passera", "reported") in found
    assert ("Le ministre", "ajoutant", "que le calendrier sera tenu", "reported") in found


def test_de_hung_on_the_auxiliary_and_a_headline_report(nlp_fr):
    text = "Ils accusent le fabricant d’avoir caché les résultats des essais."
    assert report_with(nlp_fr, text, "caché") == ("Ils", "accusent", "d’avoir caché les résultats des essais")
    text = "Italie : Matteo Renzi menace de quitter le gouvernement\n\nLes partis ont tenu une réunion lundi."
    assert report_with(nlp_fr, text, "quitter") == ("Matteo Renzi", "menace", "de quitter le gouvernement")


def test_que_kept_far_from_its_verb_by_a_long_object(nlp_fr):
    text = "Le ministre a informé les élus de la région, et en particulier les maires, que la ligne fermera en mai."
    found = reports(nlp_fr, text)
    assert any(cue == "a informé" and content == "que la ligne fermera en mai" for _, cue, content, _ in found), found


def test_an_adjective_taken_for_a_participle_reports_nothing(nlp_fr):
    assert reports(nlp_fr, "Les familles des victimes étaient également présentes.") == []
    found = reports(nlp_fr, "Les résultats ont été présentés comme un succès par le ministre.")
    assert found and found[0][:2] == ("le ministre", "ont été présentés")
