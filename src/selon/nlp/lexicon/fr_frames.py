"""The French words of the nominal and prepositional frames (``selon.nlp.attribution.fr_frames``):
"l'idée que", "la crainte que", "la thèse selon laquelle", "pour X,", "à ses yeux", "aux yeux de X",
"comme l'a rappelé X", "si l'on en croit X", "du côté de X, on estime que", "de source policière".
"""

from __future__ import annotations

# -- Nominal frames ----------------------------------------------------------------------------

#: nouns that carry a report, with the verb whose certainty class they take (``build._make`` reads the
#: cue lemma: "la crainte que" is hedged as "craindre", "le démenti" denied as "démentir"). An empty
#: verb: reported. "révélation" and "preuve" take "confirmer": guidelines decision 1 makes
#: "révèle" and "prouve" confirmed.
FRAME_NOUNS: dict[str, str] = {
    "idée": "",
    "annonce": "annoncer",
    "affirmation": "affirmer",
    "déclaration": "déclarer",
    "crainte": "craindre",
    "peur": "craindre",
    "inquiétude": "craindre",
    "espoir": "espérer",
    "hypothèse": "supposer",
    "thèse": "",
    "théorie": "",
    "conviction": "croire",
    "certitude": "",
    "sentiment": "estimer",
    "impression": "croire",
    "opinion": "estimer",
    "rumeur": "supposer",
    "soupçon": "soupçonner",
    "allégation": "prétendre",
    "assurance": "assurer",
    "promesse": "promettre",
    "menace": "menacer",
    "avertissement": "avertir",
    "preuve": "confirmer",
    "constat": "constater",
    "confirmation": "confirmer",
    "démenti": "démentir",
    "information": "",
    "nouvelle": "",
    "argument": "",
    "objectif": "",
    "souhait": "souhaiter",
    "volonté": "",
    "intention": "",
    "aveu": "avouer",
    "révélation": "confirmer",
    "appel": "appeler",
    "demande": "demander",
    "exigence": "exiger",
    "invitation": "",
}

#: the frame nouns whose "que" opens the reported clause ("l'idée que ...", "la crainte qu'il ...")
QUE_NOUNS = frozenset(
    """idée annonce affirmation déclaration crainte peur inquiétude espoir hypothèse thèse théorie conviction
    certitude sentiment impression opinion rumeur soupçon allégation assurance promesse menace avertissement
    constat confirmation démenti information nouvelle argument objectif souhait volonté aveu
    révélation exigence""".split()
)

#: the frame nouns whose "de" + infinitive is the content ("l'intention de porter plainte")
DE_INFINITIVE_NOUNS = frozenset(
    """intention volonté promesse menace souhait espoir crainte peur appel demande exigence idée
    invitation""".split()
)

#: the frame nouns whose "à" opens the content ("l'appel à la grève", "l'invitation à voter")
A_NOUNS = frozenset("appel invitation".split())

#: the frame nouns whose "de" + noun phrase is a proposition ("la révélation d'une coopération",
#: "des soupçons de favoritisme"); for the others "de X" names their holder or their topic
DE_PHRASE_NOUNS = frozenset("révélation soupçon démenti".split())

#: verbs whose subject holds the frame noun they govern ("a émis l'idée que", "ont exprimé la crainte
#: que", "a l'impression que"): the cue runs from the verb group to the noun
HOLDING_VERBS = frozenset(
    """avoir émettre exprimer formuler avancer lancer partager défendre soutenir réitérer répéter
    renouveler nourrir caresser afficher manifester confier dire redire réaffirmer clamer exposer
    développer marteler lâcher garder conserver""".split()
)

#: verbs that refute the frame noun they govern: "rejette l'idée que" is denied (guidelines, Certainty)
REFUTING_VERBS = frozenset("rejeter démentir nier réfuter contester balayer récuser écarter".split())

#: the cue lemma of a negated frame ("n'a pas l'intention de"): a denial verb, so the claim is denied
NEGATED_FRAME_LEMMA = "nier"

#: verbs that take the noun as their object in a relative clause: "l'idée qu'il a eue", "l'annonce
#: qu'il a faite" (that "que" is a relative pronoun, not the report's complementizer)
RELATIVE_OBJECT_VERBS = frozenset(
    """faire avoir émettre formuler lancer exprimer donner prononcer tenir recevoir obtenir publier diffuser
    rapporter relayer entendre lire retenir confier mettre transmettre rendre évoquer avancer répéter
    reprendre défendre porter partager citer écrire signer adresser envoyer laisser privilégier""".split()
)

#: words after a frame noun that name a time, not its holder ("l'appel mercredi d'Éric Drouet à ...")
TIME_WORDS = frozenset(
    """lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui récemment dernier
    dernière""".split()
)

#: demonstratives + "dernier" for a holder named just before: "l'intention de ce dernier de ..."
ANAPHORIC_HOLDERS = frozenset("dernier dernière derniers dernières celui-ci celle-ci ceux-ci celles-ci".split())

#: singular articles a frame noun's cue keeps ("l'affirmation", "une déclaration"); plural and
#: possessive determiners stay out ("soupçons", "ses pressions")
CUE_ARTICLES = frozenset({"le", "la", "l'", "l’", "un", "une"})

#: relative pronouns of "la thèse selon laquelle ...", with the gender and number of their antecedent
SELON_RELATIVES = {
    "laquelle": ("Fem", "Sing"),
    "lequel": ("Masc", "Sing"),
    "lesquelles": ("Fem", "Plur"),
    "lesquels": ("Masc", "Plur"),
}

# -- Prepositional frames and the adjuncts' contents ------------------------------------------

#: connectives that open a sentence before "selon X, ..." and stay out of the content (guidelines:
#: "the clause Y, without a leading connective"), as lowercased token sequences
LEAD_CONNECTIVES = (
    ("en", "effet"),
    ("cela", "dit"),
    ("à", "l'inverse"),
    ("à", "l’inverse"),
    ("en", "revanche"),
    ("au", "contraire"),
    ("par", "contre"),
    ("de", "même"),
    ("en", "fait"),
    ("en", "somme"),
    ("de", "plus"),
    ("par", "ailleurs"),
    ("en", "outre"),
    ("d'", "ailleurs"),
    ("d’", "ailleurs"),
    ("d'ailleurs",),
    ("d’ailleurs",),
    ("mais",),
    ("et",),
    ("or",),
    ("donc",),
    ("ainsi",),
    ("cependant",),
    ("toutefois",),
    ("pourtant",),
    ("néanmoins",),
    ("enfin",),
    ("aussi",),
    ("alors",),
    ("puis",),
    ("car",),
    ("également",),
    ("surtout",),
    ("notamment",),
    ("certes",),
    ("bref",),
)

#: relative pronouns that open a clause about an adjunct's source ("selon la SNCF, qui précise que")
SOURCE_RELATIVES = frozenset({"qui", "dont", "lequel", "laquelle", "lesquels", "lesquelles", "où"})

#: nouns after "pour" that are no one's view ("pour l'instant", "pour le moment", "pour sa part")
POUR_NOT_SOURCES = frozenset(
    """instant moment heure temps reste suite avenir essentiel part montant restant présent occasion
    coup fois année mois semaine jour soir matin plupart""".split()
)

#: possessives of "à ses yeux" / "à leurs yeux" (the claim resolves them as pronouns)
EYES_POSSESSIVES = frozenset({"ses", "leurs"})

#: what opens "comme l'a rappelé X" / "ainsi que le souligne X", as lowercased token sequences
AS_SAID_OPENERS = (("comme",), ("ainsi", "que"), ("ainsi", "qu'"), ("ainsi", "qu’"))

#: the object clitics of "comme l'a dit X", "comme le souligne X"
AS_SAID_CLITICS = frozenset({"le", "l'", "l’", "la"})

#: "si l'on en croit X" / "si on en croit X": the word sequences after "si"
IF_ONE_BELIEVES = (("l'", "on", "en", "croit"), ("l’", "on", "en", "croit"), ("on", "en", "croit"))

#: "du côté de X, on estime que ...": the words that open it, before X
SIDE_OPENERS = (
    ("du", "côté", "de"),
    ("du", "côté", "d'"),
    ("du", "côté", "d’"),
    ("du", "côté", "du"),
    ("du", "côté", "des"),
)

#: the first words of the prepositional frames, to pass over a sentence without any at once
FRAME_FIRST_WORDS = frozenset({"pour", "à", "aux", "si", "du", "comme", "ainsi", "de", "d'", "d’"})

#: bodies that hold a view ("pour l'opposition, ...", "l'annonce du parquet que ..."), beside
#: ``ORGANIZATION_HEADS``
BODY_NOUNS = frozenset(
    """opposition majorité syndicat syndicats direction patronat association associations commission
    parquet justice armée ministère mairie préfecture état-major municipalité collectif fédération
    institut observatoire agence cour tribunal conseil comité ong""".split()
)

#: verbs that undo the frame they govern: "a annulé son appel à la grève" is a decision, no report
CANCELLING_VERBS = frozenset("annuler retirer suspendre lever abandonner".split())
