"""French reporting verbs by class, with the complements through which each reports.

The table is ``data/fr_verbs.txt``, built by ``scripts/build_fr_verbs.py`` from resources (English cue
verbs projected through aligned French/English news, seeds expanded by the vectors of
``fr_core_news_md``) and reviewed by hand; edit the review there, not the file. Its classes drive the
certainty of a claim (docs/attribution-guidelines.md, decision 1: ``cognition`` -> hedged,
``perception`` (knowledge and perception) -> confirmed, the others reported); its frames tell
``selon.nlp.attribution.fr_complements`` which complements a verb reports through:

- ``que``: "dit que ..."; ``si``: "se demande si ...";
- ``inf``: a bare infinitive, "a dit vouloir ...", "estime avoir ...";
- ``de`` / ``a``: "de" or "à" + infinitive, "demande aux élus de voter", "appelle à manifester";
- ``np``: a noun phrase carrying a proposition, "prévoit une baisse de 2 %", "a annoncé sa mort";
- ``comme``: "présente X comme Y"; ``qualif``: "qualifie X de Y"; ``pred``: "juge le texte dangereux";
- ``pass``: the passive reports, "est jugé dangereux par les experts", "est accusé de ...";
- ``raise``: a raising verb, "semble", "paraît".
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

from selon.nlp.lexicon.fr import ER_ENDINGS, IR_ENDINGS

CLASSES = ("communication", "cognition", "perception", "request", "intention")


@cache
def _table() -> dict[str, tuple[str, frozenset[str]]]:
    """lemma -> (class, frames), read once from the packaged data file."""
    text = resources.files("selon.nlp.lexicon").joinpath("data", "fr_verbs.txt").read_text(encoding="utf-8")
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        lemma, cls, frames, _origin = line.split("\t")
        out[lemma] = (cls, frozenset(f for f in frames.split(",") if f))
    return out


def verb_class(lemma: str) -> str | None:
    """The class of a French reporting verb ("communication", "cognition", "perception", "request",
    "intention"), or None for a verb that reports nothing. A pronominal verb is looked up with its
    "se" ("se demander" is cognition, "demander" a request)."""
    entry = _table().get(lemma.lower())
    return entry[0] if entry else None


def verb_frames(lemma: str) -> frozenset[str]:
    """The complements through which the verb reports (the codes of the module docstring)."""
    entry = _table().get(lemma.lower())
    return entry[1] if entry else frozenset()


#: the certainty a class gives its reports (docs/attribution-guidelines.md, decision 1); the others report
CLASS_CERTAINTY = {"cognition": "hedged", "perception": "confirmed"}


def class_certainty(lemma: str) -> str | None:
    """ "hedged" for a verb of belief ("estimer", "juger"), "confirmed" for one of knowledge or
    perception ("savoir", "constater"), None for the others."""
    cls = verb_class(lemma)
    return CLASS_CERTAINTY.get(cls) if cls is not None else None


@cache
def reporting_verbs() -> frozenset[str]:
    """Every verb of the table."""
    return frozenset(_table())


@lru_cache(maxsize=8192)
def entries_for(form: str, lemma: str) -> tuple[str, ...]:
    """The table's verbs a form may belong to, its lemma first: the lemma, the form, and the -er / -ir
    infinitive its ending gives (French lemmas are often wrong: "demande" -> "demande"). A verb
    whose pronominal form alone is in the table ("se targuer") counts. Cached: most forms are none."""
    found = [lemma, form]
    for endings in (ER_ENDINGS, IR_ENDINGS):
        for ending, inf in endings:
            if form.endswith(ending) and len(form) > len(ending) + 2:
                found.append(form[: -len(ending)] + inf)
                break
    table = _table()
    return tuple(dict.fromkeys(w for w in found if w in table or f"se {w}" in table or f"s'{w}" in table))


#: "de" / "à" before an infinitive or an object: "demande de ...", "appelle à ..."
DE_WORDS = frozenset({"de", "d'", "d’"})
A_WORDS = frozenset({"à"})
#: "présente X comme Y"
COMME_WORDS = frozenset({"comme"})
#: the preposition of a passive's agent: "jugé dangereux par les experts"
AGENT_WORDS = frozenset({"par"})
#: reflexive clitics that make a verb pronominal: "se demande", "s'inquiète", "nous demandons-nous"
REFLEXIVE_CLITICS = frozenset({"se", "s'", "s’", "me", "m'", "m’", "te", "t'", "t’", "nous", "vous"})
#: verbs of ability whose infinitive reports nothing: "les modèles permettent de prédire ..."
ENABLING_VERBS = frozenset({"permettre", "aider", "servir", "contribuer", "suffire"})
#: nouns of bodies that speak, whose ending would make them things ("la fédération appelle à ...")
COLLECTIVE_NOUNS = frozenset(
    """fédération association organisation commission direction confédération coalition opposition
    majorité délégation institution fondation intersyndicale coordination rédaction présidence""".split()
)
#: verbs that, with a thing for subject, name a cause, not a report: "ce qui explique que ..."
CAUSE_VERBS = frozenset({"expliquer", "justifier"})
#: the subjects that make them a cause: "cela", "ce qui", "ça"
THING_PRONOUNS = frozenset({"cela", "ça", "ce", "ceci", "qui"})
#: the complementizers of a raising verb's clause: "il semble que ..."
RAISING_COMPLEMENTIZERS = frozenset({"que", "qu'", "qu’"})
#: passives whose "il" is a person, never impersonal: "il est accusé de ..." (but "il est recommandé de")
PERSONAL_PASSIVES = frozenset(
    "accuser soupçonner suspecter sommer inviter prier exhorter inciter encourager qualifier traiter".split()
)
#: the impersonal subject of "il semble que", "il est recommandé de"
IMPERSONAL_SUBJECTS = frozenset({"il"})
#: heads of a noun phrase that names no proposition, even after "annonce", "demande", "prévoit":
#: a meeting, a time, a person, a generic thing, a language ("annonce la réunion", "prévoit deux
#: jours", "apprend le français")
NON_PROPOSITION_NOUNS = frozenset(
    """réunion rencontre conférence sommet visite voyage séance jour jours semaine semaines mois an ans
    année années heure heures minute minutes date calendrier programme ordre lieu endroit nom noms
    liste chose choses rien tout cela ceci ça celui celle ceux celles personne gens homme femme
    hommes femmes enfant enfants question questions sujet sujets thème thèmes
    langue langues français anglais allemand espagnol métier leçon leçons""".split()
)

#: the third-person reflexive clitics of a pronominal verb ("se demande", "s'est félicité")
SE_CLITICS = frozenset({"se", "s'", "s’"})
