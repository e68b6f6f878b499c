"""What a figure counts, in one language: the key that lets '2.000 drones par mois' meet
'3,000 drones a month' and '2 millions d'obus' meet '3 million shells'.

Figure.unit is the thing counted as written (or a normalised currency/percent); here it is
folded, reduced to its head noun, singularised, and mapped through a small bilingual lexicon.
"""

from __future__ import annotations

import re

from selon.corpus.names import fold

# French (and English variants) -> one English key; extend when a corpus needs it
_LEXICON: dict[str, str] = {
    "obus": "shell",
    "obu": "shell",
    "projectile": "shell",
    "shell": "shell",
    "munition": "munition",
    "ammunition": "munition",
    "round": "munition",
    "cartouche": "munition",
    "drone": "drone",
    "uav": "drone",
    "unite": "unit",
    "unit": "unit",
    "missile": "missile",
    "roquette": "rocket",
    "rocket": "rocket",
    "bombe": "bomb",
    "bomb": "bomb",
    "char": "tank",
    "tank": "tank",
    "avion": "aircraft",
    "aircraft": "aircraft",
    "plane": "aircraft",
    "soldat": "soldier",
    "soldier": "soldier",
    "militaire": "soldier",
    "troupe": "troop",
    "troop": "troop",
    "mort": "death",
    "death": "death",
    "victime": "victim",
    "victim": "victim",
    "tue": "death",
    "killed": "death",
    "blesse": "injured",
    "injured": "injured",
    "wounded": "injured",
    "personne": "people",
    "people": "people",
    "person": "people",
    "habitant": "resident",
    "resident": "resident",
    "refugie": "refugee",
    "refugee": "refugee",
    "migrant": "migrant",
    "immigrant": "immigrant",
    "emploi": "job",
    "job": "job",
    "poste": "job",
    "travailleur": "worker",
    "worker": "worker",
    "electeur": "voter",
    "voter": "voter",
    "voix": "vote",
    "vote": "vote",
    "delegue": "delegate",
    "delegate": "delegate",
    "sondage": "poll",
    "poll": "poll",
    "tonne": "tonne",
    "ton": "tonne",
    "baril": "barrel",
    "barrel": "barrel",
    "dollar": "dollar",
    "euro": "euro",
    "percent": "percent",
    "pourcent": "percent",
}

_HEAD_SKIP = frozenset("de d des du of the les la le l a an un une".split())


def singular(word: str) -> str:
    if word in _LEXICON:
        return word
    for suffix, repl in (("ies", "y"), ("aux", "al"), ("s", ""), ("x", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


def unit_key(unit: str | None) -> str:
    """'obus d'artillerie' -> 'shell'; 'drones' -> 'drone'; None -> '' (a bare number)."""
    if not unit:
        return ""
    words = [w for w in fold(unit).split() if w not in _HEAD_SKIP]
    if not words:
        return ""
    phrase = " ".join(words)
    if phrase in _LEXICON:
        return _LEXICON[phrase]
    first, last = singular(words[0]), singular(words[-1])
    for word in (first, last):
        if word in _LEXICON:
            return _LEXICON[word]
    # French puts the head first ("obus d'artillerie"), English last ("artillery shells")
    return first if re.search(r"\b(de|d|des|du)\b", fold(unit)) else last


def kind_class(kind: str) -> str:
    """Actual figures and estimates of them are comparable; targets and forecasts are not."""
    return "actual" if kind in ("actual", "estimate") else kind


def agree(a: tuple[float, float | None], b: tuple[float, float | None], tolerance: float) -> bool:
    """Two values (or ranges) agree when they overlap once widened by the relative tolerance."""
    lo_a, hi_a = a[0], a[1] if a[1] is not None else a[0]
    lo_b, hi_b = b[0], b[1] if b[1] is not None else b[0]
    lo_a, hi_a = min(lo_a, hi_a), max(lo_a, hi_a)
    lo_b, hi_b = min(lo_b, hi_b), max(lo_b, hi_b)
    slack = tolerance * max(abs(hi_a), abs(hi_b), 1e-9)
    return lo_a - slack <= hi_b and lo_b - slack <= hi_a
