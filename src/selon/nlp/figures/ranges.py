"""Ranges: two figures joined into one ("2 à 3 millions", "from 5 to 10", "between 5 and 10",
"5-10"), or kept apart when the words between say they are a score or a telephone number.
"""

from __future__ import annotations

from selon.nlp.figures.numbers import Atom, Qty
from selon.nlp.figures.reader import DocReader
from selon.nlp.figures.units import own_unit


def join_ranges(ex: DocReader, qs: list[Qty]) -> list[Qty]:
    out: list[Qty] = []
    k = 0
    while k < len(qs):
        a = qs[k]
        b = qs[k + 1] if k + 1 < len(qs) else None
        if b and b.sent == a.sent and _join(ex, a, b):
            k += 2
        else:
            k += 1
        out.append(a)
    return out


def _join(ex: DocReader, a: Qty, b: Qty) -> bool:
    """Make one range of "A to B", "entre A et B", "A-B" when the words between say so."""
    if a.value_max is not None or b.value_max is not None or a.kind == "frac" or b.kind == "frac":
        return False
    ua, ca, a_end = own_unit(ex, a)
    ub, cb, _ = own_unit(ex, b)
    between = [ex.low(t) for t in range(a_end, b.lead)]
    before = [ex.low(t) for t in range(max(a.lead - 4, ex.sent_start(a.start)), a.lead)]
    intro = next((w for w in reversed(before) if w in ("from", "between", "de", "d'", "entre")), None)
    if before[-1:] in (["by"], ["par"]) and ua:
        return False  # "rose by 5% to 10%": a change, then a level
    if (
        intro in ("from", "de", "d'")
        and 1 < len(between) <= 6
        and between[-1] in ("to", "à")
        and ua
        and (not ub or (ua, ca) == (ub, cb))
        and not any(ex.doc[t].pos_ in ("VERB", "AUX") or ex.doc[t].text in ",;()" for t in range(a_end, b.lead))
    ):
        between = [between[-1]]  # "from $75 a barrel in May to $45"
    if between in (["-"], ["–"], ["—"]) and _telephone(ex, a, b):
        a.atom = b.atom = Atom("num", skip=True)  # "555-1234"
        return False
    if between in (["-"], ["–"], ["—"]):
        if b.value <= a.value and not ua and not ub and float(a.value).is_integer():
            a.atom = b.atom = Atom("num", skip=True)  # a score, "2-0"
            return False
    elif between in (["to"], ["à"]) or (between == ["a"] and ex.lang == "fr"):
        if ua and not ub and intro not in ("from", "de", "d'"):
            return False
    elif between in (["and"], ["et"]):
        if intro not in ("between", "entre"):
            return False
    elif between in (["or"], ["ou"]):
        if ua or not (a.kind == "word" and b.value > a.value and b.value < 100):
            return False
    else:
        return False
    if ua and ub and (ua, ca) != (ub, cb):
        return False
    if all(1000 <= v <= 2100 and float(v).is_integer() and not ua and not ub for v in (a.value, b.value)):
        return False
    if a.mult == 1 and b.mult > 1 and a.value < b.value / b.mult:
        a.value *= b.mult
    lo, hi = sorted((a.value, b.value))
    if ua and not ub and ca in ("meas", "pct", "cur"):
        a.unit, a.cat, a.tail = ua, ca, a_end  # "from 208 pounds to 193"
    a.value, a.value_max, a.end = lo, hi, b.end
    a.cur = a.cur or b.cur
    if b.atom and b.atom.unit and not (a.atom and a.atom.unit):
        a.atom = b.atom
    a.approx = a.approx or b.approx
    a.from_range = intro
    a.mult = max(a.mult, b.mult)
    return True


def _telephone(ex: DocReader, a: Qty, b: Qty) -> bool:
    """Three digits, a dash and four digits, written without spaces: a telephone number."""
    da, db = a.atom.digits if a.atom else "", b.atom.digits if b.atom else ""
    return (
        len(da) == 3
        and len(db) == 4
        and da.isdigit()
        and db.isdigit()
        and not ex.gap(a.end - 1)
        and not ex.gap(b.start - 1)
    )
