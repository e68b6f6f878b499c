"""French nominal and prepositional frames ("l'idée que", "selon laquelle", "pour X,", "à ses yeux",
"comme l'a rappelé X", "du côté de X", "de source policière") and the contents of "selon X"."""

from __future__ import annotations

import pytest

import helpers

pytestmark = pytest.mark.slow


def claims_of(nlp_fr, text):
    return nlp_fr(text)._.selon_claims


def with_cue(claims, cue):
    found = [c for c in claims if c.cue is not None and c.cue.text == cue]
    assert found, f"no claim with the cue {cue!r}: {[(c.cue and c.cue.text, c.content.text) for c in claims]}"
    return found[0]


def no_cue(claims, cue):
    assert not [c for c in claims if c.cue is not None and c.cue.text == cue], [c.content.text for c in claims]


# -- nominal frames ---------------------------------------------------------------------------


def test_frame_noun_held_by_the_subject_of_a_holding_verb(nlp_fr):
    claim = with_cue(
        claims_of(nlp_fr, "Les syndicats ont exprimé la crainte que des postes soient supprimés."),
        "ont exprimé la crainte",
    )
    assert claim.source.text == "Les syndicats"
    assert claim.content.text == "que des postes soient supprimés"
    assert claim.certainty == "hedged"  # "craindre" is a belief


def test_frame_noun_with_its_holder(nlp_fr):
    claims = claims_of(nlp_fr, "L'affirmation du sénateur Martin que le budget était sincère a été contestée.")
    claim = with_cue(claims, "L'affirmation")
    assert claim.source.text == "sénateur Martin" and claim.source.name == "Martin"
    assert claim.content.text == "que le budget était sincère"
    assert claim.certainty == "reported"


def test_frame_noun_as_subject_ends_before_the_main_verb(nlp_fr):
    claim = with_cue(
        claims_of(nlp_fr, "La crainte que les loyers flambent encore pèse sur les familles."), "La crainte"
    )
    assert claim.content.text == "que les loyers flambent encore" and claim.source is None


def test_refuting_and_negated_frames_are_denied(nlp_fr):
    claim = with_cue(claims_of(nlp_fr, "La ministre rejette l'idée que l'hôpital soit en crise."), "rejette l'idée")
    assert claim.source.text == "La ministre" and claim.certainty == "denied"
    assert claim.content.text == "que l'hôpital soit en crise"
    claim = with_cue(claims_of(nlp_fr, "Le maire n'a pas l'intention de démissionner."), "n'a pas l'intention")
    assert claim.source.text == "Le maire" and claim.content.text == "de démissionner" and claim.certainty == "denied"


def test_intention_of_a_holder_and_call_to(nlp_fr):
    claims = claims_of(nlp_fr, "L'avocate a annoncé l'intention de son client de faire appel du jugement.")
    claim = with_cue(claims, "l'intention")
    assert claim.source.text == "son client" and claim.content.text == "de faire appel du jugement"
    claim = with_cue(claims_of(nlp_fr, "Les syndicats ont lancé un appel à la grève."), "ont lancé un appel à")
    assert claim.source.text == "Les syndicats" and claim.content.text == "la grève"


def test_frame_inside_a_reported_clause_keeps_both(nlp_fr):
    claims = claims_of(nlp_fr, "Le ministre a déclaré que la crainte que les prix augmentent était infondée.")
    assert with_cue(claims, "la crainte").content.text == "que les prix augmentent"
    assert with_cue(claims, "a déclaré").source.text == "Le ministre"


def test_not_frames(nlp_fr):
    # a relative "que", a cleft, a compound, a call cancelled, "faire appel à"
    for text, cue in [
        ("L'annonce que le président a faite mardi a surpris les élus.", "L'annonce"),
        ("C'est après l'affirmation du ministre que les syndicats ont quitté la table.", "l'affirmation"),
        ("L'avocat général de la Cour d'appel de Lyon a requis la relaxe.", "appel"),
        ("La CGT a annulé son appel à la grève.", "appel à"),
        ("Le directeur a fait appel à la police pour évacuer la salle.", "appel à"),
    ]:
        no_cue(claims_of(nlp_fr, text), cue)


def test_selon_laquelle(nlp_fr):
    claims = claims_of(nlp_fr, "La thèse selon laquelle l'incendie serait criminel est privilégiée par les enquêteurs.")
    claim = with_cue(claims, "selon laquelle")
    assert claim.source.text == "La thèse" and claim.content.text == "l'incendie serait criminel"
    assert claim.certainty == "hedged"  # the conditional of the content
    claims = claims_of(nlp_fr, "Le parquet, selon lequel aucune piste n'est écartée, poursuit ses investigations.")
    claim = with_cue(claims, "selon lequel")
    assert claim.source.text == "Le parquet" and claim.content.text == "aucune piste n'est écartée"
    assert not [c for c in claims if c.source is not None and c.source.text in ("laquelle", "lequel")]


# -- prepositional frames ---------------------------------------------------------------------


def test_pour_anywhere_a_clause_opens(nlp_fr):
    claim = with_cue(
        claims_of(nlp_fr, "Le texte a été adopté, mais pour l'opposition, il reste très insuffisant."), "pour"
    )
    assert claim.source.text == "l'opposition" and claim.content.text == "il reste très insuffisant"
    claim = with_cue(claims_of(nlp_fr, "La réforme, pour le ministre, est indispensable."), "pour")
    assert claim.content.text == "La réforme, pour le ministre, est indispensable"  # one clause (decision 6)
    claim = with_cue(claims_of(nlp_fr, "Cela dit, pour la sénatrice, le compte n'y est pas."), "pour")
    assert claim.content.text == "le compte n'y est pas"  # without its leading connective


def test_pour_with_an_indefinite_or_a_possessive_holder(nlp_fr):
    claims = claims_of(nlp_fr, "Pour certains, il était un réformateur, pour d'autres, il était un tyran.")
    views = sorted(
        (c.source.text, c.content.text) for c in claims if c.cue is not None and c.cue.text.lower() == "pour"
    )
    assert views == [("certains", "il était un réformateur"), ("d'autres", "il était un tyran")]
    claim = with_cue(claims_of(nlp_fr, "Pour ses opposants, cette loi a été votée trop vite."), "Pour")
    assert claim.source.text == "ses opposants" and claim.content.text == "cette loi a été votée trop vite"
    no_cue(claims_of(nlp_fr, "Pour son fils, il a tout sacrifié."), "Pour")  # a beneficiary, no view


def test_pour_that_names_no_one(nlp_fr):
    for text in [
        "Pour l'instant, aucune décision n'a été prise.",
        "Les rebelles, pour la plupart islamistes, ont repris la ville.",
        "Pour sa part, la mairie n'a pas répondu.",
    ]:
        no_cue(claims_of(nlp_fr, text), "pour")
        no_cue(claims_of(nlp_fr, text), "Pour")


def test_eyes(nlp_fr):
    claims = claims_of(nlp_fr, "Jean Dupont a voté contre le texte. À ses yeux, la réforme reste une erreur.")
    claim = with_cue(claims, "À ses yeux")
    assert claim.source.text == "ses" and claim.source.name == "Jean Dupont"
    assert claim.content.text == "la réforme reste une erreur" and claim.certainty == "reported"
    claims = claims_of(nlp_fr, "Aux yeux de la présidente de la région, la ligne doit être maintenue.")
    claim = with_cue(claims, "Aux yeux de")
    assert claim.source.text == "la présidente de la région" and claim.content.text == "la ligne doit être maintenue"


def test_as_said(nlp_fr):
    claims = claims_of(
        nlp_fr, "La croissance restera faible cette année, comme l'a rappelé le gouverneur de la banque."
    )
    claim = with_cue(claims, "a rappelé")
    assert claim.source.text == "le gouverneur de la banque"
    assert claim.content.text == "La croissance restera faible cette année"
    claims = claims_of(nlp_fr, "Comme le souligne le rapport, les dépenses ont augmenté de 12 %.")
    claim = with_cue(claims, "souligne")
    assert claim.source.text == "le rapport" and claim.content.text == "les dépenses ont augmenté de 12 %"
    no_cue(claims_of(nlp_fr, "Les comptes sont publiés chaque année, comme le prévoit la loi."), "prévoit")


def test_if_one_believes_and_side_of(nlp_fr):
    claim = with_cue(
        claims_of(nlp_fr, "Si l'on en croit la presse locale, le maire serait sur le départ."), "Si l'on en croit"
    )
    assert claim.source.text == "la presse locale" and claim.content.text == "le maire serait sur le départ"
    assert claim.certainty == "hedged"
    claim = with_cue(
        claims_of(nlp_fr, "Du côté de la direction, on assure qu'aucun licenciement n'est prévu."), "assure"
    )
    assert claim.source.text == "la direction" and claim.content.text == "qu'aucun licenciement n'est prévu"


def test_de_source(nlp_fr):
    claim = with_cue(claims_of(nlp_fr, "Deux hommes ont été interpellés, de source policière."), "de")
    assert claim.source.text == "source policière" and claim.content.text == "Deux hommes ont été interpellés"


# -- the contents of "selon X" ----------------------------------------------------------------


def test_selon_contents_by_the_guidelines(nlp_fr):
    claim = helpers.claim_with(claims_of(nlp_fr, "En effet, selon le rapport, les dépenses ont baissé."), "dépenses")
    assert claim.content.text == "les dépenses ont baissé"  # no leading connective
    text = "Les dépenses ont baissé de 4 %, selon la Cour des comptes, qui précise que la baisse devrait durer."
    claim = with_cue(claims_of(nlp_fr, text), "selon")
    assert claim.content.text == "Les dépenses ont baissé de 4 %"  # not the source's relative clause
    claim = with_cue(claims_of(nlp_fr, "Le suspect aurait, selon la police, avoué les faits."), "selon")
    assert claim.content.text == "Le suspect aurait, selon la police, avoué les faits"  # decision 6
    text = "Selon Marie Durand, porte-parole du collectif, la manifestation aura lieu samedi."
    claim = with_cue(claims_of(nlp_fr, text), "Selon")
    assert claim.source.text == "Marie Durand, porte-parole du collectif"
    assert claim.content.text == "la manifestation aura lieu samedi"


def test_pseudo_cleft_of_report(nlp_fr):
    text = "Pour l'économiste, ce que révèle cette crise c'est une classe moyenne déclassée, pour reprendre ses mots."
    claim = with_cue(claims_of(nlp_fr, text), "révèle")
    assert (claim.source.text, claim.content.text, claim.certainty) == (
        "cette crise",
        "une classe moyenne déclassée",
        "confirmed",
    )
    claim = with_cue(
        claims_of(nlp_fr, "« Ce qu’on nous annonce, c’est la fin du service public », dit-elle."), "annonce"
    )
    assert (claim.source.text, claim.content.text) == ("on", "la fin du service public")
    no_cue(claims_of(nlp_fr, "Ce que nous mangeons, c'est du pain."), "mangeons")


def test_selon_with_nothing_but_punctuation_after_its_source(nlp_fr):
    claim = with_cue(claims_of(nlp_fr, "Selon l'Insee, ,0 en 2024."), "Selon")  # a fuzzed input once crashed here
    assert claim.source.text == "l'Insee"
