"""The French words of the rules: the values of :data:`selon.nlp.lexicon.FR`, then the other lists
the French constructions read (``selon.nlp.attribution.fr``, the incises, the conditional).

A fix for one French article is usually an entry here; the code that reads each list is named in
its comment or in the field's comment of :class:`selon.nlp.lexicon.Lexicon`.
"""

from __future__ import annotations

# -- Values of the Lexicon fields ------------------------------------------------------------------

CUE_VERBS = frozenset(
    """
        affirmer déclarer dire indiquer souligner expliquer estimer assurer annoncer ajouter préciser confirmer
        démentir nier rapporter révéler reconnaître admettre avertir prévenir rappeler insister juger considérer
        penser croire craindre espérer promettre accuser dénoncer réclamer demander répondre répéter raconter
        confier écrire noter observer constater signaler relever poursuivre conclure lancer marteler soutenir
        prétendre suggérer avancer alerter menacer proclamer témoigner évoquer mentionner commenter détailler
        regretter déplorer plaider exiger tweeter communiquer informer souhaiter s'inquiéter martèler réagir
        répliquer rétorquer objecter argumenter arguer jurer certifier garantir convenir concéder avouer
        divulguer publier annoncer anticiper prédire prévoir redouter supposer soupçonner présumer
        interroger s'interroger protester s'indigner féliciter saluer expliciter clamer invoquer
        glisser lâcher souffler résumer tempérer nuancer abonder renchérir ironiser s'exclamer s'étonner
        fustiger dénoncer asséner assener trancher résumer pointer soupirer sourire s'amuser s'emporter
        s'agacer s'insurger raconter détailler reprendre enchaîner conclure analyser décrypter
    """.split()
)

HEDGE_CUE_VERBS = frozenset(
    """estimer croire penser supposer soupçonner présumer craindre redouter espérer prétendre suggérer
    avancer prédire anticiper""".split()
)

DENIAL_VERBS = frozenset("démentir nier réfuter contester rejeter".split())

CONFIRM_VERBS = frozenset("confirmer corroborer attester vérifier authentifier".split())

ADJUNCTS = (
    ("selon",),
    ("d'", "après"),
    ("d'après",),
    ("aux", "dires", "de"),
    ("à", "en", "croire"),
    ("de", "source"),
)

INFORMATION_NOUNS = frozenset(
    """information informations révélation révélations données chiffre chiffres
        déclaration déclarations propos affirmation affirmations communiqué communiqués annonce témoignage
        témoignages rumeur rumeurs allégation allégations bilan source""".split()
)

ASSESSMENT_NOUNS = frozenset(
    """estimation estimations évaluation évaluations analyse analyses calcul calculs
        projection projections prévision prévisions sondage sondages enquête étude études renseignement
        renseignements expertise expertises""".split()
)

DOCUMENT_NOUNS = frozenset(
    """rapport rapports document documents note notes courrier lettre mémo étude
        communiqué dossier article enquête""".split()
)

ANONYMOUS_NOUNS = frozenset(
    """source sources responsable responsables proche proches expert experts
        observateur observateurs analyste analystes témoin témoins diplomate diplomates officiel officiels
        spécialiste spécialistes""".split()
)

CHANNEL_NOUNS = frozenset(
    """interview entretien entrevue émission conférence communiqué tribune tweet message
        publication post vidéo podcast plateau antenne micro colonnes""".split()
)

RELAY_VERBS = frozenset(
    "relayer rapporter diffuser publier obtenir citer consulter transmettre reprendre révéler".split()
)

#: common nouns for a medium (the outlets' own names are ``MEDIA_NAMES``)
MEDIA_NOUNS = frozenset(
    "média médias journal quotidien hebdomadaire magazine chaîne radio agence site télévision tabloïd tabloïde".split()
)

HEDGE_WORDS = frozenset(
    """potentiellement probablement possiblement apparemment vraisemblablement
        prétendu prétendue prétendus prétendues peut-être
        éventuellement semble semblent sembler""".split()
)

MODAL_VERBS = frozenset("pouvoir devoir".split())

PRONOUNS_SING = frozenset("il elle celui-ci celle-ci".split())

PRONOUNS_PLUR = frozenset("ils elles ceux-ci celles-ci".split())

DEMONYMS = {
    "américain": "United States",
    "étasunien": "United States",
    "ukrainien": "Ukraine",
    "russe": "Russia",
    "français": "France",
    "britannique": "United Kingdom",
    "allemand": "Germany",
    "chinois": "China",
    "nord-coréen": "North Korea",
    "sud-coréen": "South Korea",
    "israélien": "Israel",
    "iranien": "Iran",
    "européen": "European Union",
    "italien": "Italy",
    "espagnol": "Spain",
    "turc": "Turkey",
    "japonais": "Japan",
    "indien": "India",
    "polonais": "Poland",
    "belge": "Belgium",
    "suisse": "Switzerland",
    "canadien": "Canada",
    "québécois": "Quebec",
    "syrien": "Syria",
    "palestinien": "Palestine",
    "libanais": "Lebanon",
    "saoudien": "Saudi Arabia",
    "égyptien": "Egypt",
    "algérien": "Algeria",
    "marocain": "Morocco",
    "tunisien": "Tunisia",
    "onusien": "United Nations",
    "otanien": "NATO",
}

OPENERS = frozenset(
    """le la les l' un une des du de d' ce cet cette ces il elle ils elles on nous vous je selon
        face ainsi en dans pour par sur sous après avant mais et or donc depuis lors alors cependant pourtant
        toutefois si quand lorsque comme à au aux avec sans entre vers chez malgré outre pendant
        d'après certes enfin puis son sa ses leur leurs notre nos mon ma mes tout tous toute toutes plusieurs
        aucun aucune chaque quelque quelques c' qu' que qui dès parmi""".split()
)

BOILERPLATE = (
    "commentaires",
    "abonnez-vous",
    "abonnez vous",
    "newsletter",
    "lire aussi",
    "lire la suite",
    "à lire aussi",
    "voir aussi",
    "partager",
    "partagez",
    "suivez-nous",
    "inscrivez-vous",
    "publicité",
    "tous droits réservés",
    "réagir",
    "laisser un commentaire",
    "cet article",
    "notre chaîne youtube",
    "s'abonner",
    "recevez",
    "téléchargez",
    "cliquez",
    "en remplissant ce formulaire",
    "vous pouvez nous contacter",
    "se désabonner",
    "vous désabonner",
    "crédit photo",
    "photo :",
)

EVIDENCE_SUBJECTS = frozenset("ces ce cette cela ceci".split())

CALLS_TO_ACTION = (
    "cliquez",
    "abonnez-vous",
    "inscrivez-vous",
    "téléchargez l",
    "téléchargez notre",
    "suivez-nous",
    "faites un don",
    "soutenez-nous",
)

SEE_ALSO = (
    "article mis à jour",
    "mis à jour le",
    "publié le",
    "modifié le",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "lire également",
    "à voir aussi",
    "à lire",
    "lire la suite",
    "en savoir plus",
    "sur le même sujet",
    "retrouvez",
    "écouter aussi",
)

RULE_NOUNS = frozenset(
    """mesure mesures règle règles loi lois règlement règlements décret décrets protocole
        protocoles calendrier plan plans principe principes critère critères barème norme normes modalité modalités
        cas besoin besoins saison saisons moment humeur goût goûts volonté formule méthode taille âge""".split()
)


# -- Lists the French rules read beside the Lexicon -------------------------------------------------

#: nouns that name things, not people ("banalisation", "mesures"): endings and whole words
THING_ENDINGS = tuple(
    """tion sion ment ité age ure ance ence isme esse ie ise ade ode té eau gie logie graphie mesure règle loi
    texte décision image chiffre""".split()
)

#: the gender a subject pronoun gives its antecedent
PRONOUN_GENDERS = {"il": "m", "elle": "f"}

#: articles, cut from the front of a role ("le ministre" -> "ministre")
ARTICLES = frozenset({"le", "la", "les", "l'", "l’", "un", "une"})

#: the words that open a reported clause: "il affirme que ...", "qu'il ..."
COMPLEMENTIZERS = frozenset({"que", "qu'", "qu’"})

#: the negation around a verb, which a cue keeps ("ne dit pas", "n'a jamais affirmé")
NEGATION_BEFORE = frozenset({"ne", "n'", "n’"})
NEGATION_AFTER = frozenset({"pas", "jamais", "plus", "point", "guère", "nullement", "aucunement"})
#: modals that a cue keeps with its verb: "ne peut pas soutenir", "veut dire"
CUE_MODALS = frozenset({"pouvoir", "devoir", "vouloir"})

#: the relative pronoun whose antecedent speaks: "le ministre, qui a déclaré que ..."
RELATIVES = frozenset({"qui"})

#: subjects that never name a source: demonstratives, the "-t-" of inversion and object clitics
#: the parse mistakes for subjects
NOT_SOURCE_SUBJECTS = frozenset("c' c’ ce ça cela ceci -t l' l’ le la les lui se s' s’ en y me m' m’ te t' t’".split())

#: subject pronouns of any person after an inverted verb: "écrit-elle", "a-t-il estimé", "ai-je dit"
INVERTED_PRONOUNS = frozenset("-il -elle -ils -elles -on -je -nous -vous".split())

#: the inverted pronouns an incise after the quotation takes as its speaker: the third person and "on".
#: Narrower than ``INVERTED_PRONOUNS`` on purpose: "…, dis-je" is the writer, not a reported speaker.
INCISE_PRONOUNS = frozenset({"-il", "-elle", "-ils", "-elles", "-on"})

#: auxiliary forms that may open an incise's verb group: "…, a déclaré X", "…, avait-il dit"
AUX_FORMS = frozenset("a ont avait avaient aurait auraient eut est sont était".split())

#: verb forms that may stand before an incise's speech verb, as an auxiliary does:
#: "pourrait commenter le Président", "tente d'expliquer", "vient de rappeler"
MODAL_FORMS = frozenset(
    """pourrait peut pouvait doit devait tente tentait essaie essaye vient venait semble croit ose préfère
    préférait""".split()
)

#: endings of a conjugated or participle -er verb, longest first, and what replaces them
ER_ENDINGS = (
    ("èrent", "er"),
    ("aient", "er"),
    ("ent", "er"),
    ("ait", "er"),
    ("ée", "er"),
    ("és", "er"),
    ("é", "er"),
    ("e", "er"),
    ("a", "er"),
)
#: endings of a conjugated or participle -ir verb, and what replaces them
IR_ENDINGS = (("issent", "ir"), ("issait", "ir"), ("it", "ir"), ("i", "ir"))

#: verbs that report speech only with a "que" clause, a quotation or an incise
#: ("il assure que ..." but "assurant un embourgeoisement", "relève de la supposition")
NEEDS_QUE = frozenset(
    """assurer relever écrire noter rappeler reconnaître avancer lancer poursuivre conclure
    évoquer mentionner soutenir répondre juger considérer penser croire constater observer signaler publier
    révéler annoncer promettre réclamer demander dénoncer accuser regretter saluer craindre espérer""".split()
)

#: the stressed pronouns of "Pour elle, « c'est une opportunité »"
POUR_PRONOUNS = frozenset({"lui", "elle", "eux", "elles"})
#: the indefinite holders of a view after "pour" ("pour certains, ...", "pour d'autres, ...")
POUR_INDEFINITES = frozenset({"certains", "certaines", "autres", "beaucoup", "plusieurs", "nombreux", "d'aucuns"})

#: pseudo-clefts of report, "ce que révèle X, c'est Y": the relative's words after "ce", the
#: presenters of Y, and the words after a comma that end Y (", pour reprendre ...", ", selon X")
CLEFT_OPENERS = frozenset({"que", "qu'", "qu’"})
CLEFT_PRESENTERS = frozenset({("c'", "est"), ("c’", "est"), ("ce", "sont"), ("c'", "était"), ("c’", "était")})
CLEFT_ENDS = frozenset({"pour", "selon", "comme", "ainsi", "estime", "explique", "ajoute", "dit"})

#: verbs that report after "faire": "a fait savoir que", "fait valoir que", "a fait remarquer que"
PERIPHRASIS_VERBS = frozenset({"savoir", "valoir", "remarquer", "observer"})

#: endings of an adjective the parse may take for the participle of a verb in "-er" ("présentes")
ADJECTIVE_ENDINGS = ("ent", "ente", "ents", "entes", "ant", "ante", "ants", "antes")

#: verbs of "peut-on lire dans Les Échos", "on apprend via l'AFP que": the publication is the source
READ_VERBS = frozenset({"lire", "apprendre", "entendre"})

#: endings of the conditional, from the 'r' of the future stem on ("fourni-rait", "vise-raient")
CONDITIONAL_ENDINGS = ("raient", "rait", "rais", "rions", "riez")
#: irregular future stems ("ser-ait", "pourr-ait") the conditional is built on
CONDITIONAL_STEMS = frozenset(
    """ser aur pourr devr fer ir verr voudr saur viendr tiendr faudr vaudr enverr courr mourr
    acquerr recevr pleuvr apercevr concevr décevr percevr revoudr devrai parviendr deviendr reviendr
    obtiendr maintiendr contiendr retiendr appartiendr souviendr interviendr prévaudr assiér assoir
    cueiller accueiller""".split()
)

#: nouns that name people ("le juge", "la porte-parole"); see ``selon.nlp.lexicon.PERSON_NOUNS``
PERSON_NOUNS = frozenset(
    """juge ministre président présidente député députée sénateur sénatrice maire porte-parole
    avocat avocate procureur procureure secrétaire chef cheffe patron patronne directeur directrice médecin
    professeur professeure chercheur chercheuse responsable témoin victime policier militaire général colonel
    officier expert experte analyste auteur autrice ambassadeur ambassadrice élu élue candidat candidate
    entraîneur joueur joueuse habitant habitante étudiant étudiante enseignant enseignante syndicaliste""".split()
)
#: endings of nouns for people ("toxicologue", "opposants", "chercheuse")
PERSON_ENDINGS = tuple(
    """eur eurs euse euses iste istes ien iens ienne iennes ant ants ante antes aire aires ogue ogues ier iers
    ière ières""".split()
)
#: nouns of a body that speaks as one: "le gouvernement", "le parti"
ORGANIZATION_HEADS = frozenset("gouvernement ministère campagne administration parti entreprise police tabloïd".split())

#: nouns before a quoted name that make it a product: "des drones de type « Geran »"
PRODUCT_HEADS = frozenset(
    """drone drones missile missiles avion avions char chars hélicoptère hélicoptères navire
    navires sous-marin fusil fusils système systèmes véhicule véhicules obus roquette roquettes lanceur modèle
    modèles type vaccin""".split()
)
#: heads too generic to tie a description to an acronym ("le service", "l'agence")
GENERIC_HEADS = frozenset("service services agence office bureau".split())

#: nouns just before a name that make it an organisation, the outlet it heads ("le quotidien X")
OUTLET_HEADS = frozenset("média journal agence quotidien".split())
