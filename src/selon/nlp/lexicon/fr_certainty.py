"""The French words that decide a claim's certainty (``selon.nlp.claims.certainty_fr`` reads them).

The classes follow docs/attribution-guidelines.md, "Certainty" and decision 1: a refuting cue denies,
a cue of knowledge or perception confirms, a cue of belief hedges, a cue of speech reports. Lemmas
are infinitives (or nouns for a cue that is a noun, "la révélation", "les soupçons"); phrases are
sequences of lemmas that must follow one another in the cue ("mettre en lumière").
"""

from __future__ import annotations

#: refuting cues: "dément", "nie", "réfute l'idée que", "rejette", "conteste", "refuse toute hausse"
DENY_LEMMAS = frozenset(
    """démentir nier réfuter contester rejeter refuser désapprouver récuser infirmer
    démenti dénégation réfutation""".split()
)

#: refuting frames of several words: "remet en question la théorie", "met en doute"
DENY_PHRASES = (
    ("remettre", "en", "question"),
    ("remettre", "en", "cause"),
    ("mettre", "en", "doute"),
    ("inscrire", "en", "faux"),
)

#: cues that refute only a claim: "a condamné les « allégations mensongères »" (but "a condamné un crime")
CONDEMN_LEMMAS = frozenset("condamner dénoncer fustiger".split())
#: the claims such a cue refutes, heads of its content
REFUTED_NOUNS = frozenset(
    """allégation allégations accusation accusations rumeur rumeurs mensonge mensonges
    contre-vérité contre-vérités affabulation affabulations""".split()
)

#: knowledge and perception carrying a proposition: "montre", "révèle", "sait que", "constate"
CONFIRM_LEMMAS = frozenset(
    """confirmer corroborer attester vérifier authentifier montrer démontrer prouver révéler dévoiler
    savoir constater reconnaître admettre avouer observer remarquer découvrir connaître voir établir
    révélation observation constat constatation preuve découverte confirmation""".split()
)

#: confirming frames of several words: "met en lumière", "met en évidence", "avait eu connaissance"
CONFIRM_PHRASES = (
    ("mettre", "en", "lumière"),
    ("mettre", "en", "évidence"),
    ("avoir", "connaissance"),
)

#: frames built on a knowledge verb that only report speech: "a fait savoir que", "laisse entendre"
SPEECH_PHRASES = (
    ("faire", "savoir"),
    ("laisser", "entendre"),
    ("faire", "connaître"),
    ("faire", "état"),
)

#: cognition and belief: "croit", "pense", "estime", "suppose", "craint", "espère", "juge que"
HEDGE_LEMMAS = frozenset(
    """croire penser estimer supposer soupçonner suspecter présumer craindre redouter espérer considérer
    juger imaginer douter ignorer sembler paraître pressentir deviner suggérer
    soupçon soupçons opinion impression hypothèse crainte craintes espoir espoirs conviction doute""".split()
)

#: belief frames of several words (articles and adverbs between them skipped): "laissait planer le doute"
HEDGE_PHRASES = (("planer", "doute"),)

#: verbs that are belief when reflexive: "se demande si", "s'interroge sur", "s'attend à ce que"
REFLEXIVE_HEDGES = frozenset({"demander", "interroger", "attendre"})

#: hedging words of the content's main clause beyond the shared ``HEDGE_WORDS``: "visiblement",
#: "une présumée discrimination", "supposément"
HEDGE_ADVERBS = frozenset(
    """apparemment visiblement vraisemblablement probablement possiblement potentiellement peut-être
    éventuellement supposément présumément prétendument présumé présumée présumés présumées prétendu
    prétendue prétendus prétendues supposé supposée supposés supposées""".split()
)

#: hedging locutions of the content: "sans doute", "il semble que", "il paraît que"
HEDGE_LOCUTIONS = (
    ("sans", "doute"),
    ("semble", "que"),
    ("semblent", "que"),
    ("paraît", "que"),
    ("semble", "-t-il"),
    ("paraît", "-il"),
)

#: the words after "ne" that make it a negation, not the restrictive "ne ... que" ("ne sait qu'une chose")
NEGATORS = frozenset("pas jamais plus point guère nullement aucunement rien aucun aucune personne".split())

#: verbs whose negation affirms what follows: "ne cesse de répéter", "n'hésite pas à dire", "ne manque pas de"
AFFIRMING_NEGATIONS = frozenset("cesser hésiter manquer".split())

#: verbs whose negation leaves a possibility open, a hedge: "n'exclut pas de", "n'écarte pas l'idée"
POSSIBILITY_LEMMAS = frozenset("exclure écarter".split())

#: the reflexive clitic of "se demande", "s'interroge", and those of the first and second person with
#: the subject they need ("je me demande", "nous nous demandons"): without it "nous" is an object
REFLEXIVES = {"se": "", "s'": "", "s’": "", "me": "je", "m'": "je", "m’": "je", "te": "tu", "t'": "tu"}
REFLEXIVES_PLURAL = frozenset({"nous", "vous"})

#: the future of the modals, a prediction that hedges like their conditional: "devra rester élevé"
MODAL_FUTURES = frozenset("pourra pourront pourrai pourras pourrez devra devront devrai devras devrez".split())

#: "rejette la faute sur les rebelles" blames, it does not deny ("rejette toute faute" does)
BLAME_NOUNS = frozenset("faute responsabilité responsabilités culpabilité".split())

#: forms whose lemma the tagger misses: "Se croyant sans entrave", "craignant que", "dément" (an adjective
#: to the tagger)
FORM_LEMMAS = {
    "croyant": "croire",
    "craignant": "craindre",
    "redoutant": "redouter",
    "sachant": "savoir",
    "dément": "démentir",
    "démentent": "démentir",
    "démentait": "démentir",
    "démentaient": "démentir",
    "démentant": "démentir",
}

#: subjects of the writer's own voice: "je serais", "On se croirait", "nous aurions"
FIRST_PERSON = frozenset("je j' j’ on nous moi".split())
