"""Word lists that drive the rules, per language.

Kept as data in one place so that a fix for one article is a lexicon entry that helps every
article, and so users can read what selon treats as a speech verb, a hedge or a channel.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lexicon:
    """Everything language-specific the attribution rules need."""

    cue_verbs: frozenset[str]
    #: verbs that report a belief or a guess rather than a statement: the claim is hedged
    hedge_cue_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    confirm_verbs: frozenset[str]
    #: ("selon",) or ("according", "to"): lowercased token sequences introducing a source adjunct
    adjuncts: tuple[tuple[str, ...], ...]
    #: nouns naming a statement or a piece of information ("informations", "report")
    information_nouns: frozenset[str]
    #: nouns naming an evaluation ("estimations", "assessment"): source kind "assessment"
    assessment_nouns: frozenset[str]
    document_nouns: frozenset[str]
    #: nouns for an unnamed human source ("source", "responsable", "official")
    anonymous_nouns: frozenset[str]
    #: nouns of a medium ("interview", "entretien") that introduce a channel
    channel_nouns: frozenset[str]
    #: participles that make their agent a channel ("relayées par", "obtenus par")
    relay_verbs: frozenset[str]
    media_words: frozenset[str]
    hedge_words: frozenset[str]
    modal_verbs: frozenset[str]
    pronouns_sing: frozenset[str]
    pronouns_plur: frozenset[str]
    demonyms: dict[str, str]
    #: words that open a sentence and are not names (used to find run-in headings)
    openers: frozenset[str]
    boilerplate: tuple[str, ...]
    #: words that open a "see also" line anywhere on a page ("Lire aussi ...", "Read more: ...")
    see_also: tuple[str, ...] = ()
    #: imperatives addressed to the reader, never part of an article ("cliquez ici", "subscribe to")
    calls_to_action: tuple[str, ...] = ()
    evidence_subjects: frozenset[str] = field(default_factory=frozenset)
    #: nouns after "selon" / "according to" that name a rule or a yardstick, not a source
    #: ("selon les mesures en vigueur", "according to the law")
    rule_nouns: frozenset[str] = field(default_factory=frozenset)


_FR_DEMONYMS = {
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

_EN_DEMONYMS = {
    "american": "United States",
    "u.s.": "United States",
    "us": "United States",
    "ukrainian": "Ukraine",
    "russian": "Russia",
    "french": "France",
    "british": "United Kingdom",
    "german": "Germany",
    "chinese": "China",
    "north korean": "North Korea",
    "south korean": "South Korea",
    "israeli": "Israel",
    "iranian": "Iran",
    "european": "European Union",
    "italian": "Italy",
    "spanish": "Spain",
    "turkish": "Turkey",
    "japanese": "Japan",
    "indian": "India",
    "polish": "Poland",
    "canadian": "Canada",
    "syrian": "Syria",
    "mexican": "Mexico",
    "saudi": "Saudi Arabia",
    "egyptian": "Egypt",
}

_MEDIA = frozenset(
    {
        "reuters",
        "afp",
        "ap",
        "associated press",
        "bloomberg",
        "cnn",
        "bbc",
        "fox news",
        "msnbc",
        "nbc",
        "cbs",
        "abc",
        "npr",
        "le monde",
        "le figaro",
        "libération",
        "franceinfo",
        "france info",
        "bfmtv",
        "lci",
        "tf1",
        "france 2",
        "france inter",
        "rtl",
        "europe 1",
        "le parisien",
        "les echos",
        "mediapart",
        "l'express",
        "new york times",
        "the new york times",
        "washington post",
        "the washington post",
        "the guardian",
        "financial times",
        "wall street journal",
        "the wall street journal",
        "politico",
        "axios",
        "the hill",
        "usa today",
        "breitbart",
        "huffington post",
        "the war zone",
        "twitter",
        "facebook",
        "telegram",
        "youtube",
        "instagram",
        "tiktok",
        "truth social",
        "x",
        "interfax",
        "tass",
        "ria novosti",
        "ukrinform",
        "kyiv independent",
        "al jazeera",
        "dpa",
        "ansa",
        "efe",
        "yonhap",
        "kcna",
        "xinhua",
        "le devoir",
        "radio-canada",
        "la presse",
        "canard enchaîné",
        "le canard enchaîné",
        "les échos",
        "blesk",
        "rfi",
        "france 24",
        "euronews",
        "politico europe",
        "daily mail",
        "the times",
        "the telegraph",
        "the independent",
        "abc news",
        "cbs news",
        "nbc news",
        "fox",
    }
)

FR = Lexicon(
    cue_verbs=frozenset(
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
    ),
    hedge_cue_verbs=frozenset(
        "estimer croire penser supposer soupçonner présumer craindre redouter espérer prétendre suggérer avancer prédire anticiper".split()
    ),
    denial_verbs=frozenset("démentir nier réfuter contester rejeter".split()),
    confirm_verbs=frozenset("confirmer corroborer attester vérifier authentifier".split()),
    adjuncts=(
        ("selon",),
        ("d'", "après"),
        ("d'après",),
        ("aux", "dires", "de"),
        ("à", "en", "croire"),
        ("de", "source"),
    ),
    information_nouns=frozenset(
        """information informations révélation révélations données chiffre chiffres
        déclaration déclarations propos affirmation affirmations communiqué communiqués annonce témoignage
        témoignages rumeur rumeurs allégation allégations bilan source""".split()
    ),
    assessment_nouns=frozenset(
        """estimation estimations évaluation évaluations analyse analyses calcul calculs
        projection projections prévision prévisions sondage sondages enquête étude études renseignement
        renseignements expertise expertises""".split()
    ),
    document_nouns=frozenset(
        """rapport rapports document documents note notes courrier lettre mémo étude
        communiqué dossier article enquête""".split()
    ),
    anonymous_nouns=frozenset(
        """source sources responsable responsables proche proches expert experts
        observateur observateurs analyste analystes témoin témoins diplomate diplomates officiel officiels
        spécialiste spécialistes""".split()
    ),
    channel_nouns=frozenset(
        """interview entretien entrevue émission conférence communiqué tribune tweet message
        publication post vidéo podcast plateau antenne micro colonnes""".split()
    ),
    relay_verbs=frozenset(
        "relayer rapporter diffuser publier obtenir citer consulter transmettre reprendre révéler".split()
    ),
    media_words=_MEDIA
    | frozenset(
        "média médias journal quotidien hebdomadaire magazine chaîne radio agence site télévision tabloïd tabloïde".split()
    ),
    hedge_words=frozenset(
        """potentiellement probablement possiblement apparemment vraisemblablement
        prétendu prétendue prétendus prétendues peut-être
        éventuellement semble semblent sembler""".split()
    ),
    modal_verbs=frozenset("pouvoir devoir".split()),
    pronouns_sing=frozenset("il elle celui-ci celle-ci".split()),
    pronouns_plur=frozenset("ils elles ceux-ci celles-ci".split()),
    demonyms=_FR_DEMONYMS,
    openers=frozenset(
        """le la les l' un une des du de d' ce cet cette ces il elle ils elles on nous vous je selon
        face ainsi en dans pour par sur sous après avant mais et or donc depuis lors alors cependant pourtant
        toutefois si quand lorsque comme à au aux avec sans entre vers chez malgré outre pendant
        d'après certes enfin puis son sa ses leur leurs notre nos mon ma mes tout tous toute toutes plusieurs
        aucun aucune chaque quelque quelques c' qu' que qui dès parmi""".split()
    ),
    boilerplate=(
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
    ),
    evidence_subjects=frozenset("ces ce cette cela ceci".split()),
    calls_to_action=(
        "cliquez",
        "abonnez-vous",
        "inscrivez-vous",
        "téléchargez l",
        "téléchargez notre",
        "suivez-nous",
        "faites un don",
        "soutenez-nous",
    ),
    see_also=(
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
    ),
    rule_nouns=frozenset(
        """mesure mesures règle règles loi lois règlement règlements décret décrets protocole
        protocoles calendrier plan plans principe principes critère critères barème norme normes modalité modalités
        cas besoin besoins saison saisons moment humeur goût goûts volonté formule méthode taille âge""".split()
    ),
)

EN = Lexicon(
    cue_verbs=frozenset(
        """
        say tell add claim state argue note explain announce report insist suggest warn write tweet believe
        think assert deny acknowledge admit confirm predict contend maintain reveal declare allege accuse charge
        complain describe call ask urge promise vow recall testify estimate indicate conclude fear hope worry
        reply respond repeat stress emphasize emphasise caution concede agree disagree question wonder
        announce boast brag joke quip observe remark mention point signal acknowledge lament criticize
        criticise praise blame demand propose recommend threaten doubt expect feel know want plan intend
        believe assume guess speculate say told
    """.split()
    ),
    hedge_cue_verbs=frozenset(
        "believe think suggest estimate expect feel assume guess speculate fear hope predict claim allege doubt wonder".split()
    ),
    denial_verbs=frozenset("deny refute reject dispute dismiss".split()),
    confirm_verbs=frozenset("confirm corroborate verify authenticate".split()),
    adjuncts=(("according", "to"), ("per",), ("as", "reported", "by")),
    information_nouns=frozenset(
        "information report reports data figures figure statement statements claim claims announcement testimony rumor rumors rumour allegations allegation account accounts".split()
    ),
    assessment_nouns=frozenset(
        "estimate estimates assessment assessments analysis analyses calculations projection projections forecast forecasts poll polls survey surveys study studies intelligence".split()
    ),
    document_nouns=frozenset(
        "report document documents memo letter filing filings study paper record records email emails".split()
    ),
    anonymous_nouns=frozenset(
        "source sources official officials aide aides person people insider insiders expert experts analyst analysts observer observers diplomat diplomats".split()
    ),
    channel_nouns=frozenset(
        "interview statement broadcast podcast appearance op-ed tweet post video conference briefing show".split()
    ),
    relay_verbs=frozenset("relay report publish obtain cite review carry reveal".split()),
    media_words=_MEDIA
    | frozenset("outlet newspaper paper magazine network channel agency station website show".split()),
    hedge_words=frozenset(
        "reportedly allegedly apparently possibly probably perhaps maybe purportedly supposedly likely unlikely seemingly alleged purported suspected".split()
    ),
    modal_verbs=frozenset("may might could would should must".split()),
    pronouns_sing=frozenset("he she".split()),
    pronouns_plur=frozenset("they".split()),
    demonyms=_EN_DEMONYMS,
    openers=frozenset(
        """the a an according in on at for but and he she they it this that these those we i
        as after before while when if since during despite with without by from to of his her their its our
        there however meanwhile still yet also so then""".split()
    ),
    boilerplate=(
        "read more",
        "subscribe",
        "sign up",
        "newsletter",
        "share this",
        "follow us",
        "comments",
        "advertisement",
        "all rights reserved",
        "click here",
        "related:",
        "more from",
        "watch:",
        "leave a comment",
        "copyright",
        "click",
        "photo:",
        "photo credit",
        "getty images",
    ),
    evidence_subjects=frozenset("these this that those".split()),
    calls_to_action=(
        "click here",
        "click the",
        "subscribe to",
        "sign up for",
        "sign up to",
        "follow us on",
        "download our",
        "donate now",
    ),
    see_also=(
        "updated on",
        "published on",
        "last updated",
        "read more",
        "read also",
        "see also",
        "related:",
        "related coverage",
        "more:",
        "watch:",
        "listen:",
        "recommended:",
        "also read",
    ),
    rule_nouns=frozenset(
        """rule rules law laws regulation regulations plan plans schedule principle principles
        criteria standard standards guidelines protocol""".split()
    ),
)

LEXICONS: dict[str, Lexicon] = {"fr": FR, "en": EN}


def lexicon_for(lang: str) -> Lexicon:
    return LEXICONS.get(lang, EN)
