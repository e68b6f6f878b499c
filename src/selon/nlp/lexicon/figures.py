"""Word lists for figure extraction, English and French: spelled numbers, dates and names, what
is counted, units and currencies.

Kept apart from the rules so that a reader can check or extend the vocabulary without
touching the logic. Units and currencies live in ``data/figure_units.txt``; the words that frame
a figure (bound, rate, kind, relative time) in ``figure_frames.py``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

# --- spelled numbers -------------------------------------------------------------------------

EN_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
FR_WORDS: dict[str, int] = {
    "zéro": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "septante": 70,
    "huitante": 80,
    "octante": 80,
    "nonante": 90,
}
# Words that multiply what comes before them inside a spelled number.
HUNDRED = {"en": {"hundred": 100}, "fr": {"cent": 100, "cents": 100}}
SCALES = {
    "en": {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12},
    "fr": {
        "mille": 1e3,
        "million": 1e6,
        "millions": 1e6,
        "milliard": 1e9,
        "milliards": 1e9,
        "billion": 1e12,
        "billions": 1e12,
    },
}
# Articles that read as "one" only before a scale or an approximate noun ("a million", "une dizaine").
ARTICLES = {"en": {"a", "an"}, "fr": {"un", "une"}}

# Plural scale nouns without a number: an order of magnitude (low, high), as NewsQuant reads them.
VAGUE = {
    "en": {
        "dozens": (12, 120),
        "tens": (10, 100),
        "hundreds": (100, 1000),
        "thousands": (1e3, 1e4),
        "millions": (1e6, 1e7),
        "billions": (1e9, 1e10),
        "trillions": (1e12, 1e13),
    },
    "fr": {
        "dizaines": (10, 100),
        "douzaines": (12, 120),
        "centaines": (100, 1000),
        "milliers": (1e3, 1e4),
        "millions": (1e6, 1e7),
        "milliards": (1e9, 1e10),
    },
}
# Multipliers that can follow a vague plural ("tens of thousands", "des dizaines de milliers").
VAGUE_TAIL = {
    "en": {"thousands": 1e3, "millions": 1e6, "billions": 1e9},
    "fr": {"milliers": 1e3, "millions": 1e6, "milliards": 1e9},
}
# "several hundred", "plusieurs milliers": some of a scale.
SEVERAL = {"en": {"several", "few"}, "fr": {"plusieurs", "quelques"}}
SEVERAL_SCALES = {
    "en": {
        "hundred": 100,
        "hundreds": 100,
        "thousand": 1e3,
        "thousands": 1e3,
        "million": 1e6,
        "millions": 1e6,
        "billion": 1e9,
        "billions": 1e9,
    },
    "fr": {"centaines": 100, "milliers": 1e3, "millions": 1e6, "milliards": 1e9},
}
# Approximate collective nouns ("une dizaine de", "a dozen").
COLLECTIVE = {
    "en": {"dozen": 12},
    "fr": {
        "dizaine": 10,
        "douzaine": 12,
        "quinzaine": 15,
        "vingtaine": 20,
        "trentaine": 30,
        "quarantaine": 40,
        "cinquantaine": 50,
        "soixantaine": 60,
        "centaine": 100,
        "millier": 1000,
    },
}
# Fractions written as words; ``FRACTION_NEEDS_COUNT`` ones need "a"/"one"/"two"... before them.
FRACTIONS = {
    "en": {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25},
    "fr": {"moitié": 0.5, "tiers": 1 / 3, "quart": 0.25, "quarts": 0.25},
}
FRACTION_NEEDS_COUNT = {"third", "thirds", "quarter", "quarters", "tiers", "quart", "quarts"}
UNICODE_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}

# --- what links a number to what it counts ----------------------------------------------------

# "of" and its French forms: "millions of", "des dizaines de", "2 000 d'entre eux".
OF = {"of", "de", "d'", "des", "du"}
# The letters before "$" that say which dollar ("US $58", "A$5", "HK$ 10").
AFTER_DOLLAR = {
    "US": "dollar",
    "A": "australian dollar",
    "AU": "australian dollar",
    "C": "canadian dollar",
    "CA": "canadian dollar",
    "HK": "hong kong dollar",
    "NZ": "new zealand dollar",
}
# Abbreviated multipliers written after a number ("10 M€", "USD 3 bn", "5 Mrd").
MULTIPLIER_ABBREVIATIONS = (
    "M",
    "Md",
    "Mds",
    "Mrd",
    "Mrds",
    "md",
    "mds",
    "bn",
    "Bn",
    "mn",
    "mln",
    "bln",
    "tn",
    "trn",
    "mio",
    "Mio",
)
# Words before "half", "third"... that make it an ordinal or a part, not a figure ("the second half").
NOT_BEFORE_FRACTION = (
    "first",
    "second",
    "other",
    "last",
    "next",
    "this",
    "that",
    "the",
    "1st",
    "2nd",
    "à",
    "and",
    "premier",
    "première",
    "seconde",
    "deuxième",
    "dernière",
)

# --- dates and names --------------------------------------------------------------------------

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "january jan jan. janvier janv janv.",
        "february feb feb. février févr févr. fevrier",
        "march mar mar. mars",
        "april apr apr. avril avr avr.",
        "may mai",
        "june jun jun. juin",
        "july jul jul. juillet juil juil.",
        "august aug aug. août aout",
        "september sep sep. sept sept. septembre",
        "october oct oct. octobre",
        "november nov nov. novembre",
        "december dec dec. décembre déc déc. decembre",
    ],
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _i
# Words before a year that make it a date, not a count.
DATE_BEFORE = {
    "in",
    "en",
    "since",
    "depuis",
    "until",
    "till",
    "jusqu'en",
    "during",
    "pendant",
    "fin",
    "début",
    "mi",
    "mi-",
    "l'an",
    "année",
    "year",
    "fiscal",
    "through",
    "circa",
    "summer",
    "winter",
    "spring",
    "autumn",
    "été",
    "hiver",
    "printemps",
    "automne",
    "early",
    "late",
    "mid",
    "ici",
    "exercice",
    "by",
    "before",
    "after",
    "avant",
    "après",
    "dès",
}
# Nouns before a number that make it a label ("Game 7", "article 5"), not a quantity.
LABEL_NOUNS = {
    "game",
    "category",
    "catégorie",
    "article",
    "chapter",
    "chapitre",
    "section",
    "level",
    "niveau",
    "phase",
    "stage",
    "tier",
    "grade",
    "room",
    "gate",
    "terminal",
    "route",
    "highway",
    "flight",
    "vol",
    "season",
    "saison",
    "episode",
    "épisode",
    "part",
    "partie",
    "volume",
    "no",
    "no.",
    "n°",
    "nº",
    "#",
    "number",
    "numéro",
    "page",
    "line",
    "ligne",
    "group",
    "groupe",
    "week",
    "day",
    "round",
    "match",
    "unit",
    "version",
    "model",
    "type",
    "class",
    "classe",
    "series",
    "série",
    "division",
    "district",
    "zone",
    "secteur",
    "sector",
    "appendix",
    "annexe",
    "alinéa",
    "paragraphe",
    "paragraph",
    "channel",
    "chaîne",
    "figure",
    "table",
    "tableau",
    "act",
    "acte",
    "scène",
    "scene",
    "step",
    "étape",
    "question",
    "exercise",
    "item",
    "bloc",
    "block",
    "lot",
    "ward",
    "platform",
    "quai",
    "car",
    "pier",
    "lane",
    "street",
    "avenue",
    "rue",
    "apt",
}
# Words for "units" that stand for the thing counted in a nearby figure.
GENERIC_COUNTS = {
    "unités",
    "unité",
    "units",
    "unit",
    "exemplaires",
    "exemplaire",
    "pièces",
    "pièce",
    "pieces",
    "items",
    "copies",
    "appareils",
    "engins",
    "examples",
}
# Nouns that do not take a count as the thing counted ("2019 review").
NOT_COUNTED = {"%", "-", "time", "fois"}


@lru_cache(maxsize=1)
def units() -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple[str, str]]], int]:
    """Unit and currency forms: (exact forms, lower-cased forms, longest form in words)."""
    exact: dict[str, list[tuple[str, str]]] = {}
    folded: dict[str, list[tuple[str, str]]] = {}
    longest = 1
    text = resources.files("selon.nlp.lexicon").joinpath("data", "figure_units.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, canonical, forms = line.split("\t")
        for form in forms.split("|"):
            entry = (category, canonical)
            exact.setdefault(form, []).append(entry)
            if (form == form.lower() or " " in form) and len(form) > 2:
                folded.setdefault(form.lower(), []).append(entry)
            longest = max(longest, len(form.replace("/", " / ").split()))
    return exact, folded, longest


def unit_entries(form: str) -> list[tuple[str, str]]:
    """Categories and canonical names a written form can have."""
    exact, folded, _ = units()
    found = exact.get(form)
    if found:
        return found
    lower = form.lower()
    if len(form) > 2:
        return folded.get(lower, [])
    if form[:1].isupper() and form[1:].islower():
        return [e for e in exact.get(lower, []) if e[0] in ("cur", "pct")]
    return []
