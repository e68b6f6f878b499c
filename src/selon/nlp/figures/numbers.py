"""Reading numbers token by token: digits with French or English separators, glued currencies and
units, spelled numbers, and the records the figures stage builds from them.

Regular expressions here only ever see one token's text, so reading stays linear in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from selon.model import Bound, FigureKind
from selon.nlp.lexicon import figures as lex

_NUM = re.compile(
    r"(?P<sign>[-−+]|minus-|moins-)?(?P<num>\d+(?:[.,]\d+)*|[.,]\d+)"
    r"(?:(?P<dash>[-–—/⁄])(?P<num2>\d+(?:[.,]\d+)*))?(?P<suf>.*)",
    re.S,
)
_TIME_SUFFIX = re.compile(r"(?i)(?:[:h]\d\d.*|h|am|pm|a\.m\.?|p\.m\.?)")
_ORDINAL_SUFFIX = re.compile(r"(?i)(?:st|nd|rd|th|e|er|re|ère|ème|eme|è|ᵉ|ᵉʳ|nde|de|d)(?:-.*)?")
_TOKEN_PREFIXES = tuple(
    sorted(
        (
            "US$",
            "$US",
            "A$",
            "AU$",
            "C$",
            "CA$",
            "HK$",
            "NZ$",
            "S$",
            "R$",
            "$",
            "€",
            "£",
            "¥",
            "₹",
            "₽",
            "₩",
            "₪",
            "₴",
            "PS",
            "Y=",
            "USD",
            "EUR",
            "GBP",
            "JPY",
            "CHF",
            "RM",
            "Rs",
            "Rs.",
            "~",
            "≈",
        ),
        key=len,
        reverse=True,
    )
)


def low_text(t: Token) -> str:
    return t.lower_.replace("’", "'")


@dataclass
class Atom:
    """What one token says as a number."""

    kind: str  # num | word | hundred | scale | vague | collective | frac | article
    value: float = 0.0
    hi: float | None = None  # upper end: "5-10" in one token, or a vague order of magnitude
    digits: str = ""
    sep: bool = False  # written with a group or decimal separator
    cur: str | None = None  # currency written in the token ("$6", "1,200€")
    unit: str | None = None  # unit written in the token ("10W", "5-mpg")
    cat: str | None = None  # category of that unit: cur | pct | meas | count
    mult: float = 1.0  # multiplier written in the token ("1.5bn")
    approx: bool = False
    skip: bool = False  # a time, an ordinal, a name: never a figure


@dataclass
class Qty:
    """A figure being built: token span, value, unit and framing."""

    start: int
    end: int
    value: float
    value_max: float | None = None
    kind: str = "num"
    atom: Atom | None = None
    mult: float = 1.0
    cur: str | None = None
    lead: int = -1  # first token of the span (framing words, currency sign)
    tail: int = -1  # end of the span (unit, rate)
    unit: str | None = None
    cat: str | None = None
    unit_tok: Token | None = None
    unit_mention: str | None = None
    per: str | None = None
    approx: bool = False
    bound: Bound = "="
    fig_kind: FigureKind = "actual"
    time: str | None = None
    sent: int = 0
    from_range: str | None = None  # "from"/"between" when the range was introduced so


def parse_number(s: str, lang: str) -> tuple[float, bool]:
    """Read digits with French or English separators: (value, has a separator)."""
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        grp = "." if dec == "," else ","
        return float(s.replace(grp, "").replace(dec, ".")), True
    for mark in (",", "."):
        if mark not in s:
            continue
        parts = s.split(mark)
        groups = len(parts[0]) <= 3 and parts[0] not in ("", "0") and all(len(p) == 3 for p in parts[1:])
        thousands = groups and (len(parts) > 2 or (mark == "," and lang == "en") or (mark == "." and lang == "fr"))
        if thousands:
            return float("".join(parts)), True
        if len(parts) == 2:
            return float(parts[0] + "." + parts[1] if parts[0] else "0." + parts[1]), True
        return float("".join(parts)), True
    return float(s), False


def unit_in_token(suf: str) -> tuple[str | None, str | None, float]:
    """A unit, currency or multiplier glued to digits: (unit, category, multiplier)."""
    if not suf:
        return None, None, 1.0
    entries = lex.unit_entries(suf)
    mult = next((float(c) for cat, c in entries if cat == "mult"), None)
    other = next(((cat, c) for cat, c in entries if cat != "mult"), None)
    if mult and (suf not in ("m", "b", "B") or other is None):
        return None, None, mult
    if other:
        cat, canon = other
        if cat == "cur":
            return canon, "cur", 1.0
        if cat == "pct":
            return "percent", "pct", 1.0
        return suf, "meas", 1.0
    for form in sorted((f for f in lex.units()[0] if lex.units()[0][f][0][0] == "mult"), key=len, reverse=True):
        if suf.startswith(form) and len(suf) > len(form):
            unit, glued, _ = unit_in_token(suf[len(form) :])
            if glued in ("cur", "pct"):
                return unit, glued, float(lex.units()[0][form][0][1])
    return None, "?", 1.0


def digit_atom(tok: Token, lang: str) -> Atom | None:
    """What a token holding digits says as a number (None when the digits do not read as one)."""
    text, cur, approx = tok.text, None, False
    for p in _TOKEN_PREFIXES:
        if text.startswith(p) and len(text) > len(p) and (text[len(p)].isdigit() or text[len(p)] in "-−.,"):
            approx = p in ("~", "≈")
            if not approx:
                cur = {"$US": "dollar", "PS": "pound"}.get(p) or lex.unit_entries(p)[0][1]
            text = text[len(p) :]
            break
    if tok.i > 0 and tok.doc[tok.i - 1].text == "$" and cur is None:
        for p, name in lex.AFTER_DOLLAR.items():
            if text.startswith(p) and text[len(p) : len(p) + 1].isdigit():
                cur, text = name, text[len(p) :]
                break
    m = _NUM.fullmatch(text)
    if not m:
        return None
    value, sep = parse_number(m["num"], lang)
    atom = Atom("num", value, digits=m["num"], sep=sep, cur=cur, approx=approx)
    sign = m["sign"]
    if sign:
        if sign in "+":
            pass
        elif tok.i > 0 and tok.doc[tok.i - 1].text.isalpha() and tok.doc[tok.i - 1].text.isupper():
            atom.skip = True  # "COVID -19"
        else:
            atom.value = -value
    suf = m["suf"]
    if m["num2"]:
        hi, _sep2 = parse_number(m["num2"], lang)
        if m["dash"] in "/⁄":
            nxt = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
            if (m["dash"] == "⁄" or (nxt == "of" and not suf)) and 0 < value < hi:
                atom.value, atom.digits = value / hi, "frac"
            else:
                atom.skip = True  # dates, "24/7"
        elif len(m["num"]) == 3 and len(m["num2"]) == 4:
            atom.skip = True  # telephone
        else:
            atom.hi = hi
    if suf in (".",) and tok.is_sent_start:
        atom.skip = True
    elif suf in (".", "+"):
        pass
    elif suf:
        _read_suffix(atom, suf, cur)
    if cur in ("pound",) and tok.text.startswith("PS") and not sep and atom.mult == 1.0:
        atom.skip = True  # "PS5" is a console
    return atom


def _read_suffix(atom: Atom, suf: str, cur: str | None) -> None:
    """Mark ``atom`` with what the letters glued after its digits say: a time, an ordinal or a
    plural (no figure), a unit, currency or multiplier ("10W", "5-mpg", "1.5bn", "USD10m"), or a
    fraction ("2½"). ``cur`` is the currency written before the digits."""
    if _TIME_SUFFIX.fullmatch(suf) or _ORDINAL_SUFFIX.fullmatch(suf) or suf in ("s", "'s", "’s") or suf[0] in "×x*^":
        atom.skip = True
    elif suf[0] in "-‑":
        rest = suf[1:]
        first = rest.split("-")[0]
        unit, cat, mult = unit_in_token(first)
        if mult != 1.0:
            atom.mult = mult
        elif first.isalpha():
            atom.unit, atom.cat = (unit or rest), (cat if cat in ("cur", "pct", "meas") else "count")
        else:
            atom.skip = True
    elif suf in lex.UNICODE_FRACTIONS:
        atom.value += lex.UNICODE_FRACTIONS[suf]
    else:
        unit, cat, mult = unit_in_token(suf)
        if cat == "?":
            atom.skip = True
        atom.mult = mult
        if suf in ("m", "b", "B") and cur is not None:
            atom.mult = 1e6 if suf == "m" else 1e9  # "USD10m", "$2b"
        elif suf in ("m",) and cur is None:
            atom.unit, atom.cat, atom.mult = "m", "meas", 1.0
        elif cat == "cur":
            atom.cur = unit
        elif cat in ("pct", "meas"):
            atom.unit, atom.cat = unit, cat


def spelled_value(parts: list[str], lang: str) -> float | None:
    """Value of one token that spells a number ("vingt-cinq", "quatre-vingt-dix", "two-thirds")."""
    words, hundred, scales = (
        (lex.FR_WORDS, lex.HUNDRED["fr"], lex.SCALES["fr"])
        if lang == "fr"
        else (lex.EN_WORDS, lex.HUNDRED["en"], lex.SCALES["en"])
    )
    if all(p in ("et", "and") for p in parts):
        return None
    total = current = 0.0
    prev = None
    for p in parts:
        if p == "et" or p == "and":
            continue
        if p in ("vingt", "vingts") and prev == "quatre":
            current = current - 4 + 80
        elif p in words:
            current += words[p]
        elif p in hundred:
            current = (current or 1) * 100
        elif p in scales:
            total += (current or 1) * scales[p]
            current = 0
        else:
            return None
        prev = p
    return total + current


def word_atom(tok: Token, lang: str) -> Atom | None:
    return word_atom_of(low_text(tok), lang)


def word_atom_of(low: str, lang: str) -> Atom | None:
    """``word_atom`` of a token whose ``low_text`` is ``low``."""
    if lang not in ("en", "fr"):
        return None
    if low in lex.ARTICLES[lang]:
        return Atom("article", 1)
    if low in lex.HUNDRED[lang]:
        return Atom("hundred", 100)
    if low in lex.SCALES[lang]:
        return Atom("scale", lex.SCALES[lang][low])
    if low in lex.VAGUE[lang]:
        lo, hi = lex.VAGUE[lang][low]
        return Atom("vague", lo, hi=hi, approx=True)
    if low in lex.COLLECTIVE[lang]:
        return Atom("collective", lex.COLLECTIVE[lang][low], approx=lang == "fr")
    if low in lex.FRACTIONS[lang]:
        return Atom("frac", lex.FRACTIONS[lang][low])
    if low in lex.UNICODE_FRACTIONS:
        return Atom("num", lex.UNICODE_FRACTIONS[low], digits="frac", sep=True)
    parts = low.split("-") if "-" in low else [low]
    if len(parts) == 2 and parts[1] in lex.FRACTIONS[lang]:
        whole = spelled_value(parts[:1], lang)
        return Atom("frac", whole * lex.FRACTIONS[lang][parts[1]]) if whole else None
    value = spelled_value(parts, lang)
    return Atom("word", value) if value is not None else None
