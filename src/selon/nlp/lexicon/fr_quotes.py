"""The French words of quotations and continuations (read by ``selon.nlp.attribution.fr_quotes``).

Kept apart from ``lexicon/fr.py`` so that this family's words stay in one place: what makes a
conditional sentence the outlet's own supposition rather than a report carried on, what makes a colon
the cue of the quotation it opens, and the marks of interviews and embedded posts.
"""

from __future__ import annotations

#: conditionals of these verbs are the outlet's own supposition ("pourrait", "faudrait"), never a
#: report carried on (docs/attribution-guidelines.md, decision 3)
OUTLET_MODALS = frozenset({"pouvoir", "falloir"})
#: their conditional stems, for the forms the lemmatiser misses ("pourraient" -> "pourraient")
OUTLET_MODAL_STEMS = ("pourr", "faudr")

#: subjects that make a conditional the writer's voice: "je serais", "on se croirait", "nous aurions"
WRITER_SUBJECTS = frozenset({"je", "j'", "j’", "on", "nous", "moi"})

#: a sentence opening with these and an imperfect is a hypothesis ("S'il fallait ..., il serait"),
#: not a report: its conditional is the hypothesis's consequence
HYPOTHESIS_OPENERS = frozenset({"si", "s'", "s’"})

#: the adjuncts whose report a conditional carries on past a paragraph break ("d'après France 3. ¶ Il
#: aurait voulu ..."); a speaker's own words end with their paragraph
CARRYING_ADJUNCTS = frozenset({"selon", "d'après", "d’après"})

#: request verbs: what follows their colon is the speaker's statement, not the request, so the colon
#: is the cue ("demande l'arrêt du mouvement : nous avons 6 morts ...")
REQUEST_VERBS = frozenset(
    """demander réclamer exiger appeler inviter ordonner sommer enjoindre exhorter implorer supplier
    conjurer""".split()
)

#: verbs besides the speech verbs of ``lexicon.fr`` that introduce a quotation right after them ("a appelé
#: « un maximum de personnes à descendre dans la rue »", "s'est excusé « pour ... »")
INTRODUCING_VERBS = REQUEST_VERBS | frozenset("excuser enthousiasmer tweeter twitter".split())

#: nouns before a colon that announce words without their author ("avec un message : « ... »")
MESSAGE_NOUNS = frozenset(
    """message messages mot lettre courrier slogan slogans banderole banderoles pancarte pancartes
    inscription inscriptions affiche affiches tag tags graffiti légende titre texte""".split()
)

#: nouns before a colon that are the cue of the words after it ("signer une déclaration : « ... »")
STATEMENT_NOUNS = frozenset("déclaration déclarations communiqué communiqués propos appel".split())

#: pronouns that may be the speaker of a colon introduction ("elle est devenue un symbole : « ... »")
SPEAKER_PRONOUNS = frozenset("il elle ils elles on".split())

#: the words of an interview's introduction before the interviewee's name ("Entretien avec X")
INTERVIEW_OPENERS = (
    ("entretien", "avec"),
    ("interview", "de"),
    ("interview", "avec"),
    ("entrevue", "avec"),
    ("rencontre", "avec"),
)
