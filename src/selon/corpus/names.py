"""Name keys that survive transliteration, accents, word order and articles.

The same person is "Kirill Boudanov" in French, "Kyrylo Budanov" in English and "Boudanov"
on second mention; the same service is "le renseignement militaire ukrainien" and "Ukraine's
military intelligence". Keys here are cheap, deterministic strings: equal keys are joined
outright, near-equal ones are only *candidates* that :mod:`selon.corpus.sources` checks with
rapidfuzz before joining, and always records why.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

# titles and honorifics dropped from person names
_TITLES = frozenset(
    """
m mr mrs ms mme mlle mgr dr pr prof sir lord lady dame sen rep gov gen col lt capt sgt adm pres
monsieur madame mademoiselle docteur professeur president presidente senator senateur senatrice
governor gouverneur general generale minister ministre secretary secretaire rev father pere
""".split()
)

# words that carry no identity in organisation names (both languages)
_ORG_STOP = frozenset(
    """
le la les l un une des du de d au aux et en a the of a an and for to in on s 's its
""".split()
)

_PARTICLES = frozenset({"de", "da", "di", "del", "der", "van", "von", "le", "la", "du", "bin", "al", "el", "ibn"})

_NON_WORD = re.compile(r"[^0-9a-z]+")
_ACRONYM = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý0-9&.\-]{1,9}$")

# transliteration variants folded to one spelling, applied in order to lower-case ASCII words
_TRANSLIT: tuple[tuple[str, str], ...] = (
    ("tch", "ch"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("dj", "j"),
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ou", "u"),
    ("ck", "k"),
    ("ph", "f"),
    ("qu", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
    ("ij", "i"),
    ("ii", "i"),
    ("c", "k"),
    ("kh", "h"),
)
_VOWELS = frozenset("aeiou")


def clean_name(text: str) -> str:
    """A name as shown and counted: no-break, narrow and other Unicode spaces made one plain space.

    "Kirill\u00a0Boudanov" and "Kirill Boudanov" are one surface form, so neither their count nor
    the display name chosen between them depends on which spaces an outlet typed.
    """
    return " ".join(text.split())


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: accents and punctuation gone."""
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_text.lower()).strip()


def translit(word: str) -> str:
    """One spelling for the transliterations of a (folded) word: Boudanov/Budanov, Kyrylo/Kirilo."""
    for a, b in _TRANSLIT:
        word = word.replace(a, b)
    out: list[str] = []
    for ch in word:  # collapse doubled letters (Kirill/Kiril)
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def skeleton(word: str) -> str:
    """Consonant skeleton of a transliterated word (first letter kept): the coarse candidate key."""
    word = translit(word)
    if not word:
        return ""
    return word[0] + "".join(ch for ch in word[1:] if ch not in _VOWELS)


def is_acronym(text: str) -> bool:
    """'GUR', 'HUR', 'FBI', 'U.S.': upper case, short, one word."""
    stripped = text.strip()
    return bool(_ACRONYM.match(stripped)) and sum(ch.isupper() for ch in stripped) >= 2


def acronym_key(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", unicodedata.normalize("NFKD", text.upper()))


def person_parts(name: str) -> tuple[str, str]:
    """(given names, surname) of a person name, folded and transliterated; either may be empty."""
    words = [w for w in fold(name).split() if w not in _TITLES]
    if not words:
        return "", ""
    surname_start = len(words) - 1
    while surname_start > 0 and words[surname_start - 1] in _PARTICLES:
        surname_start -= 1
    surname = "".join(translit(w) for w in words[surname_start:])
    given = " ".join(translit(w) for w in words[:surname_start])
    return given, surname


def person_key(name: str) -> str:
    """'p:GIVEN|SURNAME': given names reduced to their skeleton so that Kirill and Kyrylo meet."""
    given, surname = person_parts(name)
    given_key = " ".join(skeleton(w) for w in given.split())
    return f"p:{given_key}|{surname}"


def org_words(name: str) -> list[str]:
    """The identity-bearing words of an organisation name, in order."""
    return [w for w in fold(name).split() if w not in _ORG_STOP and len(w) > 0]


def org_key(name: str) -> str:
    """'a:ACRONYM' for acronyms, else 'o:' plus the sorted content words (word order ignored)."""
    if is_acronym(name):
        return "a:" + acronym_key(name)
    words = org_words(name)
    return "o:" + " ".join(sorted(words))


def initials(name: str) -> str:
    """'Democratic National Committee' -> 'DNC' (content words only)."""
    return "".join(w[0] for w in org_words(name)).upper()


def given_compatible(a: str, b: str) -> bool:
    """Given names of two person keys can belong to one person: one missing, initials, or same skeleton."""
    if not a or not b:
        return True
    wa, wb = a.split(), b.split()
    if wa[0] == wb[0]:
        return True
    if len(wa[0]) == 1 or len(wb[0]) == 1:
        return wa[0][0] == wb[0][0]
    return False


def surname_similar(a: str, b: str, threshold: float) -> bool:
    """Transliterated surnames close enough (rapidfuzz ratio) to be spelling variants."""
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    return fuzz.ratio(a, b) >= threshold


def entity_key(name: str, kind: str) -> str:
    """The key of an entity mention for claim matching: persons by name, the rest as organisations."""
    if kind == "person":
        return person_key(name)
    return org_key(name)
