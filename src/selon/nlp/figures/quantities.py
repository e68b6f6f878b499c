"""Reading the numbers of a document: digit groups, spelled-out sequences, vague orders of
magnitude, fractions and proportions, each as a :class:`~selon.nlp.figures.numbers.Qty`.

Each token's own reading is its atom (``DocReader.atoms``); here neighbouring atoms are joined
into the number they write together ("3 000", "twenty-five thousand", "des dizaines de milliers",
"un sur trois"). Units, currencies and framing come after, from ``units.py`` and ``frame.py``.
"""

from __future__ import annotations

import re

from selon.nlp.figures.numbers import Atom, Qty, unit_in_token
from selon.nlp.figures.reader import DocReader
from selon.nlp.lexicon import figures as lex

#: The spaces that may separate digit groups ("3 000", "3\u202f000").
SPACES = {" ", "\u00a0", "\u202f", "\u2009", "\u2007"}


def read_quantities(ex: DocReader) -> list[Qty]:
    """Every number of the document, in order, each read from its first token on."""
    out: list[Qty] = []
    i = 0
    n, atoms = ex.arrays.n, ex.atoms
    while i < n:
        if atoms[i] is None:
            i += 1  # most tokens: no number at all
            continue
        kind = ex.kind_at(i)
        q = None
        if kind == "num":
            q = _digits(ex, i)
        elif kind in ("word", "article", "hundred", "scale", "collective"):
            q = _words(ex, i)
        elif kind == "vague":
            q = _vague(ex, i)
        elif kind == "frac":
            q = _half(ex, i)
        if q is None:
            i += 1
            continue
        q.sent, q.lead, q.tail = ex.sent_of[i], q.start, q.end
        _out_of(ex, q)
        out.append(q)
        i = q.end
    return out


def _phone(ex: DocReader, i: int) -> bool:
    """Three or more bare digit groups in a row that are not thousands: a telephone number."""
    run, k = [i], i
    while k + 1 < ex.sent_end[i] and ex.kind_at(k + 1) == "num" and ex.gap(k) in SPACES:
        k += 1
        run.append(k)
    groups = [ex.atom(r).digits for r in run]
    if len(run) >= 3 and all(g.isdigit() and len(g) <= 4 for g in groups) and not all(len(g) == 3 for g in groups[1:]):
        for r in run:
            ex.atom(r).skip = True
        return True
    return False


def _digits(ex: DocReader, i: int) -> Qty | None:
    """Digits, with the groups of thousands written apart ("3 000") and the multipliers after
    ("1,5 milliard", "USD 10 m")."""
    a = ex.atom(i)
    if _phone(ex, i):
        return None
    value, end, digits, last = a.value, i + 1, a.digits, a
    while re.fullmatch(r"\d{1,3}(?: \d{3})*", digits):
        k = end
        while k < ex.sent_end[i] and ex.doc[k].is_space and set(ex.doc[k].text) <= SPACES:
            k += 1
        if k >= ex.sent_end[i] or last.hi is not None or last.cur or last.unit or last.mult != 1.0:
            break
        gap = ex.text[ex.doc[end - 1].idx + len(ex.doc[end - 1].text) : ex.doc[k].idx]
        nxt = ex.atoms[k]
        ok_gap = len(gap) == 1 and gap in SPACES and (ex.lang == "fr" or gap != " ")
        if not (
            ok_gap
            and nxt
            and nxt.kind == "num"
            and not nxt.skip
            and nxt.cur is None
            and re.fullmatch(r"\d{3}(?:,\d+)?", nxt.digits)
            and nxt.value >= 0
        ):
            break
        value, digits, end, last = value * 1000 + nxt.value, digits + " " + nxt.digits, k + 1, nxt
    cur = a.cur or last.cur
    atom = (
        a
        if last is a
        else Atom("num", value, digits=digits, sep=True, cur=cur, unit=last.unit, cat=last.cat, mult=last.mult)
    )
    q = Qty(i, end, value, atom=atom, cur=cur)
    q.value_max = a.hi
    mult = atom.mult
    k = end
    while k < ex.sent_end[i]:
        kind, text = ex.kind_at(k), ex.doc[k].text
        if text.endswith(".") and len(text) > 1 and k + 1 == ex.sent_end[i]:
            text = text[:-1]  # "USD10 m." ending the sentence
        if kind == "scale" or (kind == "hundred" and ex.lang == "en"):
            mult *= ex.atom(k).value
        elif text in lex.MULTIPLIER_ABBREVIATIONS or (text in ("k", "K", "m", "b", "B") and q.cur):
            mult *= {"m": 1e6, "b": 1e9, "B": 1e9}.get(text) or unit_in_token(text)[2]
        elif text[:1] in "MmBbk" and unit_in_token(text)[1] == "cur" and unit_in_token(text)[2] != 1.0:
            unit, _, f = unit_in_token(text)
            mult, q.cur = mult * f, unit
        else:
            break
        k += 1
    q.end, q.mult = k, mult
    q.value *= mult
    if q.value_max is not None:
        q.value_max *= mult
    q.approx = a.approx
    if a.digits == "frac":
        q.kind = "frac"
    return q


def _words(ex: DocReader, i: int) -> Qty | None:
    """A spelled-out number ("deux cent mille", "twenty-five", "a dozen"), from token i."""
    parts: list[tuple[str, float]] = []
    j, end = i, ex.sent_end[i]
    frac = None
    while j < end:
        kind, a = ex.kind_at(j), ex.atoms[j]
        low = ex.low(j)
        prev = parts[-1] if parts else None
        if kind is None:
            nxt = ex.atoms[j + 1] if j + 1 < end else None
            tens = prev and prev[0] == "word" and prev[1] % 10 == 0 and 20 <= prev[1] < 100
            if low == "-" and tens and nxt and nxt.kind == "word" and nxt.value < 10:
                j += 1
                continue
            if (
                low == "-"
                and prev
                and prev[0] == "word"
                and len(parts) == 1
                and nxt
                and nxt.kind == "frac"
                and not ex.gap(j - 1)
                and not ex.gap(j)
            ):
                j += 1  # "two-thirds"
                continue
            if (
                low in ("and", "et")
                and nxt
                and nxt.kind == "word"
                and nxt.value < 100
                and prev
                and ((prev[0] in ("hundred", "scale") and ex.lang == "en") or (tens and ex.lang == "fr"))
            ):
                j += 1
                continue
            break
        assert a is not None  # a token of a kind has its atom
        if kind == "article" and parts:
            break
        if (
            kind == "word"
            and prev
            and (
                prev[0] == "article"
                or (prev[0] == "word" and not (prev[1] % 10 == 0 and 20 <= prev[1] < 100 and a.value < 10))
            )
        ):
            break
        if kind == "scale" and any(p[0] == "scale" and p[1] <= a.value for p in parts):
            break
        if kind in ("vague", "num"):
            break
        if kind == "frac":
            if prev and prev[0] in ("article", "word") and len(parts) == 1 and ex.low(j + 1) != "-":
                frac = a.value
                j += 1
            break
        parts.append((kind, a.value))
        j += 1
        if kind == "collective":
            break
    if not parts or (parts[-1][0] == "article" and frac is None):
        return None
    value = _total(parts)
    q = Qty(i, j, value * (frac or 1), kind="frac" if frac else "word")
    q.mult = max([v for k, v in parts if k in ("scale", "hundred")] or [1.0])
    if parts[0][0] in ("hundred", "scale") and (ex.low(i - 1) in lex.SEVERAL[ex.lang]):
        q.value, q.value_max, q.kind, q.approx = value, value * 10, "vague", True
    if any(k == "collective" for k, _ in parts):
        q.kind, q.approx = "collective", ex.lang == "fr"
    return q


def _total(parts: list[tuple[str, float]]) -> float:
    """The value of the atoms of a spelled-out number ("two hundred thousand"), as (kind, value):
    a hundred or a collective multiplies what precedes it, a scale closes a group."""
    total = current = 0.0
    for kind, v in parts:
        if kind in ("hundred", "collective"):
            current = (current or 1) * v
        elif kind == "scale":
            total, current = total + (current or 1) * v, 0.0
        else:
            current += v
    return total + current


def _vague(ex: DocReader, i: int) -> Qty | None:
    """An order of magnitude ("des dizaines de", "tens of thousands of")."""
    a = ex.atom(i)
    lo, hi, j = a.value, a.hi or a.value, i + 1
    tail = lex.VAGUE_TAIL[ex.lang]
    if ex.low(j) in lex.OF and ex.low(j + 1) in tail:
        lo, hi, j = lo * tail[ex.low(j + 1)], hi * tail[ex.low(j + 1)], j + 2
    if ex.low(j) not in lex.OF or (ex.low(i) == "tens" and j == i + 1):
        return None
    return Qty(i, j, lo, hi, kind="vague", approx=True, mult=lo)


def _half(ex: DocReader, i: int) -> Qty | None:
    """A fraction written as a word ("half", "un tiers"), unless it is a part of time or an ordinal."""
    low, prev, nxt = ex.low(i), ex.low(i - 1), ex.low(i + 1)
    if low in lex.FRACTION_NEEDS_COUNT or nxt in ("-", "time", "way", "century") or prev in lex.NOT_BEFORE_FRACTION:
        return None
    return Qty(i, i + 1, ex.atom(i).value, kind="frac")


def _out_of(ex: DocReader, q: Qty) -> None:
    """ "one out of three", "un sur trois": a proportion."""
    k = q.end
    words = ("out", "of") if ex.low(k) == "out" else (ex.low(k),)
    if words[0] not in ("out", "in", "sur") or q.value_max is not None:
        return
    k += len(words)
    a = ex.atoms[k] if k < ex.sent_end[q.start] else None
    if words == ("out",) or not a or a.skip or a.kind not in ("num", "word") or a.value <= q.value or a.cur or a.unit:
        return
    q.value, q.end, q.kind = q.value / a.value, k + 1, "frac"
