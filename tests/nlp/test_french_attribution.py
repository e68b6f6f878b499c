"""French attribution on the constructions real pages use: incises, inversion, long quotations."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def claim_with(doc, snippet):
    found = [c for c in doc._.selon_claims if snippet in c.content.text]
    assert found, f"no claim contains {snippet!r}: {[c.content.text for c in doc._.selon_claims]}"
    return found[0]


def test_incise_after_quotation_with_named_speaker(nlp_fr):
    doc = nlp_fr("« Il faut rendre cette mobilisation visible sans faire de victimes », glisse Zineb, "
                 "étudiante en littérature.")
    claim = claim_with(doc, "rendre cette mobilisation visible")
    assert claim.source is not None and claim.source.name == "Zineb"
    assert claim.cue.text == "glisse" and claim.quote and claim.certainty == "reported"
    assert "glisse" not in claim.content.text and "»" not in claim.content.text


def test_inverted_pronoun_inside_a_quotation_and_its_continuation(nlp_fr):
    doc = nlp_fr("Marie Dupont, professeure d'histoire, défend son point de vue. « Cette loi, c'est la fin "
                 "des services publics, affirme-t-elle. Je crois en une université publique. »")
    first = claim_with(doc, "c'est la fin des services publics")
    assert first.source.name == "Marie Dupont" and first.source.text == "-elle" and first.cue.text == "affirme"
    second = claim_with(doc, "Je crois en une université publique")
    assert second.source.name == "Marie Dupont" and second.source.inherited and second.quote
    assert second.certainty == "reported"


def test_auxiliary_inversion_and_apposed_name(nlp_fr):
    doc = nlp_fr("Le gouvernement renoncera à la réforme, a affirmé le ministre de l'Intérieur, Gérald Darmanin, mardi.")
    claim = claim_with(doc, "Le gouvernement renoncera à la réforme")
    assert claim.source.name == "Gérald Darmanin" and claim.source.role == "ministre de l'Intérieur"
    assert claim.cue.text == "a affirmé"


def test_peut_on_lire_names_the_publication(nlp_fr):
    doc = nlp_fr("« Une douzaine de responsables du parti ont été mis en examen dans cette affaire », "
                 "peut-on lire dans Les Échos.")
    claim = claim_with(doc, "Une douzaine de responsables")
    assert claim.source is not None and "Échos" in claim.source.text and claim.source.kind == "organization"
    assert claim.cue.text == "peut-on lire"


def test_impersonal_il_and_rules_are_not_sources(nlp_fr):
    doc = nlp_fr("Il a cependant été observé que seulement 20 % des trottinettes ont été bien stationnées. "
                 "Le restaurant, selon les mesures sanitaires en vigueur, devrait être fermé.")
    observed = claim_with(doc, "seulement 20 % des trottinettes")
    assert observed.source is None
    rule = claim_with(doc, "devrait être fermé")
    assert rule.cue is None or rule.cue.text.lower() != "selon"


def test_suspicion_is_not_speech(nlp_fr):
    doc = nlp_fr("Le député est soupçonné de détournement de fonds publics depuis plusieurs mois.")
    assert all(c.cue is None for c in doc._.selon_claims)
