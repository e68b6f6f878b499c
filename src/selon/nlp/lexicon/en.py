"""The English words of the rules: the values of :data:`selon.nlp.lexicon.EN`, then the other lists
the English cascade reads (``selon.nlp.attribution.en`` and ``en_colon``).

A fix for one English article is usually an entry here; the code that reads each list is named in
its comment or in the field's comment of :class:`selon.nlp.lexicon.Lexicon`.
"""

from __future__ import annotations

# -- Values of the Lexicon fields ------------------------------------------------------------------

CUE_VERBS = frozenset(
    """
        say tell add claim state argue note explain announce report insist suggest warn write tweet believe
        think assert deny acknowledge admit confirm predict contend maintain reveal declare allege accuse charge
        complain describe call ask urge promise vow recall testify estimate indicate conclude fear hope worry
        reply respond repeat stress emphasize emphasise caution concede agree disagree question wonder
        announce boast brag joke quip observe remark mention point signal acknowledge lament criticize
        criticise praise blame demand propose recommend threaten doubt expect feel know want plan intend
        believe assume guess speculate say told
    """.split()
)

HEDGE_CUE_VERBS = frozenset(
    """believe think suggest estimate expect feel assume guess speculate fear hope predict claim allege
    doubt wonder""".split()
)

DENIAL_VERBS = frozenset("deny refute reject dispute dismiss".split())

CONFIRM_VERBS = frozenset("confirm corroborate verify authenticate".split())

ADJUNCTS = (("according", "to"), ("per",), ("as", "reported", "by"))

INFORMATION_NOUNS = frozenset(
    """information report reports data figures figure statement statements claim claims announcement
    testimony rumor rumors rumour allegations allegation account accounts""".split()
)

ASSESSMENT_NOUNS = frozenset(
    """estimate estimates assessment assessments analysis analyses calculations projection projections
    forecast forecasts poll polls survey surveys study studies intelligence""".split()
)

DOCUMENT_NOUNS = frozenset(
    "report document documents memo letter filing filings study paper record records email emails".split()
)

ANONYMOUS_NOUNS = frozenset(
    """source sources official officials aide aides person people insider insiders expert experts analyst
    analysts observer observers diplomat diplomats""".split()
)

CHANNEL_NOUNS = frozenset(
    "interview statement broadcast podcast appearance op-ed tweet post video conference briefing show".split()
)

RELAY_VERBS = frozenset("relay report publish obtain cite review carry reveal".split())

#: common nouns for a medium (the outlets' own names are ``MEDIA_NAMES``)
MEDIA_NOUNS = frozenset("outlet newspaper paper magazine network channel agency station website show".split())

HEDGE_WORDS = frozenset(
    """reportedly allegedly apparently possibly probably perhaps maybe purportedly supposedly likely
    unlikely seemingly alleged purported suspected""".split()
)

MODAL_VERBS = frozenset("may might could would should must".split())

PRONOUNS_SING = frozenset("he she".split())

PRONOUNS_PLUR = frozenset("they".split())

DEMONYMS = {
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

OPENERS = frozenset(
    """the a an according in on at for but and he she they it this that these those we i
        as after before while when if since during despite with without by from to of his her their its our
        there however meanwhile still yet also so then""".split()
)

BOILERPLATE = (
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
)

EVIDENCE_SUBJECTS = frozenset("these this that those".split())

CALLS_TO_ACTION = (
    "click here",
    "click the",
    "subscribe to",
    "sign up for",
    "sign up to",
    "follow us on",
    "download our",
    "donate now",
)

SEE_ALSO = (
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
)

RULE_NOUNS = frozenset(
    """rule rules law laws regulation regulations plan plans schedule principle principles
        criteria standard standards guidelines protocol""".split()
)


# -- Lists the English rules read beside the Lexicon ------------------------------------------------

#: nouns that name things, not people ("assessment", "leadership"): endings and whole words
THING_ENDINGS = tuple(
    "tion sion ment ity ness ism ance ence ing ship hood ure age rule law data image figure number".split()
)

#: the gender a subject pronoun gives its antecedent
PRONOUN_GENDERS = {"he": "m", "she": "f"}

#: articles, cut from the front of a role ("the senator" -> "senator")
ARTICLES = frozenset({"the", "a"})

#: the word that opens a reported clause: "X said that ..."
COMPLEMENTIZERS = frozenset({"that"})

#: relative pronouns whose antecedent speaks: "the minister, who said that ..."
RELATIVES = frozenset({"who", "which", "that"})

#: subjects that never name a source: the impersonal and the demonstrative
NOT_SOURCE_SUBJECTS = frozenset({"it", "this"})

#: modals that mark an unconfirmed statement whatever the tense of the cue
EPISTEMIC_MODALS = frozenset({"may", "might", "could"})

#: rule verbs kept where the tagger found nothing in the sentence: the plain verbs of saying
SAY_LEMMAS = frozenset(
    """
    say tell add announce state declare report write claim insist warn explain note reply respond argue
    testify confirm deny acknowledge admit
""".split()
)

#: pronoun sources kept as they stand (PolNeAR marks the pronoun or the relative, not its antecedent)
PRONOUN_SOURCES = frozenset("he she they i we you it who which that".split())

#: words that may precede a date trailing a source ("McAuliffe on Friday", "Obama last week")
DATE_LEAD = frozenset(
    "on last this early late earlier later monday tuesday wednesday thursday friday saturday sunday".split()
)

#: common nouns that speak as a source before a colon ("Poll:", "The report:")
COLON_DOCUMENTS = frozenset("poll polls report reports survey study statement memo letter analysis post".split())
#: words of page furniture and labels, never a source before a colon ("Editor's note:", "Twitter:", "Q:")
COLON_NOT_SOURCES = frozenset(
    """note correction update email e-mail twitter context editor photo video read related watch source credit
    tags share follow contact subscribe clarification advertisement facebook instagram more also see
    argument question answer q a""".split()
)

#: nouns that name people ("the senator", "an aide"); see ``selon.nlp.lexicon.PERSON_NOUNS``
PERSON_NOUNS = frozenset(
    """judge minister president senator mayor spokesman spokeswoman spokesperson lawyer attorney prosecutor
    secretary chief director doctor professor researcher official witness victim officer general expert
    analyst author ambassador candidate governor lawmaker representative congressman congresswoman aide
    adviser advisor coach player resident student teacher nominee donor voter voters""".split()
)
#: endings of nouns for people ("reporter", "activists", "historian")
PERSON_ENDINGS = tuple("er ers or ors ist ists ian ians".split())
#: nouns of a body that speaks as one: "the government", "the campaign"
ORGANIZATION_HEADS = frozenset("government ministry campaign administration party company police tabloid".split())

#: nouns before a quoted name that make it a product: "a missile called 'Sarmat'"
PRODUCT_HEADS = frozenset(
    """drone drones missile missiles aircraft jet jets tank tanks helicopter helicopters ship ships submarine
    rifle rifles system systems vehicle vehicles rocket rockets launcher model models class type vaccine""".split()
)
#: heads too generic to tie a description to an acronym ("the agency", "the office")
GENERIC_HEADS = frozenset("service services agency agencies office bureau".split())

#: nouns just before a name that make it an organisation, the outlet it heads ("le quotidien X")
OUTLET_HEADS = frozenset("newspaper outlet network".split())
