"""Word lists that drive the rules, per language: French values in ``fr``, English ones in ``en``.

Kept as data in one place so that a fix for one article is a lexicon entry that helps every
article, and so users can read what selon treats as a speech verb, a hedge or a channel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selon.nlp.lexicon import en, fr


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
    #: endings (and whole words) of nouns that name things, not people: a noun without one names people
    thing_endings: tuple[str, ...] = ()
    #: the gender ("m" | "f") a subject pronoun gives the person it resolves to
    pronoun_genders: dict[str, str] = field(default_factory=dict)


#: Names of outlets, agencies and platforms, in either language: a Reuters dispatch is quoted in French too.
MEDIA_NAMES = frozenset(
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
    cue_verbs=fr.CUE_VERBS,
    hedge_cue_verbs=fr.HEDGE_CUE_VERBS,
    denial_verbs=fr.DENIAL_VERBS,
    confirm_verbs=fr.CONFIRM_VERBS,
    adjuncts=fr.ADJUNCTS,
    information_nouns=fr.INFORMATION_NOUNS,
    assessment_nouns=fr.ASSESSMENT_NOUNS,
    document_nouns=fr.DOCUMENT_NOUNS,
    anonymous_nouns=fr.ANONYMOUS_NOUNS,
    channel_nouns=fr.CHANNEL_NOUNS,
    relay_verbs=fr.RELAY_VERBS,
    media_words=MEDIA_NAMES | fr.MEDIA_NOUNS,
    hedge_words=fr.HEDGE_WORDS,
    modal_verbs=fr.MODAL_VERBS,
    pronouns_sing=fr.PRONOUNS_SING,
    pronouns_plur=fr.PRONOUNS_PLUR,
    demonyms=fr.DEMONYMS,
    openers=fr.OPENERS,
    boilerplate=fr.BOILERPLATE,
    evidence_subjects=fr.EVIDENCE_SUBJECTS,
    calls_to_action=fr.CALLS_TO_ACTION,
    see_also=fr.SEE_ALSO,
    rule_nouns=fr.RULE_NOUNS,
    thing_endings=fr.THING_ENDINGS,
    pronoun_genders=fr.PRONOUN_GENDERS,
)

EN = Lexicon(
    cue_verbs=en.CUE_VERBS,
    hedge_cue_verbs=en.HEDGE_CUE_VERBS,
    denial_verbs=en.DENIAL_VERBS,
    confirm_verbs=en.CONFIRM_VERBS,
    adjuncts=en.ADJUNCTS,
    information_nouns=en.INFORMATION_NOUNS,
    assessment_nouns=en.ASSESSMENT_NOUNS,
    document_nouns=en.DOCUMENT_NOUNS,
    anonymous_nouns=en.ANONYMOUS_NOUNS,
    channel_nouns=en.CHANNEL_NOUNS,
    relay_verbs=en.RELAY_VERBS,
    media_words=MEDIA_NAMES | en.MEDIA_NOUNS,
    hedge_words=en.HEDGE_WORDS,
    modal_verbs=en.MODAL_VERBS,
    pronouns_sing=en.PRONOUNS_SING,
    pronouns_plur=en.PRONOUNS_PLUR,
    demonyms=en.DEMONYMS,
    openers=en.OPENERS,
    boilerplate=en.BOILERPLATE,
    evidence_subjects=en.EVIDENCE_SUBJECTS,
    calls_to_action=en.CALLS_TO_ACTION,
    see_also=en.SEE_ALSO,
    rule_nouns=en.RULE_NOUNS,
    thing_endings=en.THING_ENDINGS,
    pronoun_genders=en.PRONOUN_GENDERS,
)

LEXICONS: dict[str, Lexicon] = {"fr": FR, "en": EN}


def lexicon_for(lang: str) -> Lexicon:
    return LEXICONS.get(lang, EN)


# -- Lists the rules read whatever the document's language ---------------------------------------
# The rules test these words in French and English documents alike (a French page quotes English, a
# PolNeAR article holds a French name), so each is the union of the two languages' lists, exactly as
# the rules have always read it; the per-language parts stay in ``fr`` and ``en``.

#: articles cut from the front of a role ("le ministre", "the senator")
ARTICLES = fr.ARTICLES | en.ARTICLES
#: the articles cut from a role that a name in apposition follows ("le ministre de l'Intérieur, Gérald
#: Darmanin"): ``ARTICLES`` without the curly "l’", as that rule has always read them, so that a role
#: such as "l’ancien ministre" keeps its article there; adding it would change those roles
APPOSITION_ARTICLES = ARTICLES - {"l’"}
#: words that open a reported clause ("que", "that"): cut from the edge of a content
COMPLEMENTIZERS = fr.COMPLEMENTIZERS | en.COMPLEMENTIZERS
#: relative pronouns whose antecedent is the speaker ("qui", "who")
RELATIVES = fr.RELATIVES | en.RELATIVES
#: subjects that never name a source ("ce", "cela", "it", "this", object clitics)
NOT_SOURCE_SUBJECTS = fr.NOT_SOURCE_SUBJECTS | en.NOT_SOURCE_SUBJECTS
#: nouns that name people ("ministre", "spokesman")
PERSON_NOUNS = fr.PERSON_NOUNS | en.PERSON_NOUNS
#: endings of nouns for people ("-euse", "-iste", "-ist", "-ian")
PERSON_ENDINGS = fr.PERSON_ENDINGS + en.PERSON_ENDINGS
#: nouns of a body that speaks as one ("gouvernement", "campaign")
ORGANIZATION_HEADS = fr.ORGANIZATION_HEADS | en.ORGANIZATION_HEADS
#: nouns before a quoted name that make it a product ("drones de type « Geran »")
PRODUCT_HEADS = fr.PRODUCT_HEADS | en.PRODUCT_HEADS
#: heads too generic to tie a description to an acronym ("service", "agency")
GENERIC_HEADS = fr.GENERIC_HEADS | en.GENERIC_HEADS
#: nouns before a name that make it an organisation ("le quotidien X", "the newspaper X"), both languages
OUTLET_HEADS = fr.OUTLET_HEADS | en.OUTLET_HEADS
