"""What a figure counts or measures: the currency written before it, the unit or currency after
it (from the lexicon), else the noun it counts.

``own_unit`` (the lexicon's reading alone) is also what ranges and framing compare; ``attach_unit``
adds the counted noun.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.nlp.figures.numbers import Qty
from selon.nlp.figures.periods import relative_time
from selon.nlp.figures.reader import DocReader
from selon.nlp.lexicon import figures as lex

_SKIP_BEFORE_NOUN = {"ADJ", "DET", "NUM", "ADV", "PUNCT", "X"}


def prefix_currency(ex: DocReader, q: Qty) -> None:
    """A currency written before the number as its own token ("$ 6", "US $58", "CHF 3")."""
    k = q.start - 1
    if k < 0 or ex.sent_of[k] != q.sent:
        return
    text = ex.doc[k].text
    found = [c for cat, c in lex.unit_entries(text) if cat == "cur"]
    if found and not text.islower() and (not text.isalpha() or text.isupper()) and text != "A":
        q.cur = q.cur or found[0]
        q.lead = k
        before = ex.doc[k - 1].text if k > 0 else ""
        if (q.cur == "dollar" and before in lex.AFTER_DOLLAR and not ex.gap(k - 1).strip()) or (
            q.cur == "dollar" and before in lex.AFTER_DOLLAR and before in ("US", "HK")
        ):
            q.cur, q.lead = lex.AFTER_DOLLAR[before], k - 1


def lexicon_at(ex: DocReader, j: int, stop: int) -> tuple[str, str, int] | None:
    """The longest unit or currency written from token j: (unit, category, end)."""
    longest = lex.units()[2]
    for n in range(min(longest, stop - j), 0, -1):
        toks = ex.doc[j : j + n]
        text = " ".join(t.text for t in toks)
        entries = [e for e in lex.unit_entries(text) if e[0] != "mult"]
        if not entries and n > 1:
            text = "".join(t.text + (t.whitespace_ and " ") for t in toks).strip()
            entries = [e for e in lex.unit_entries(text) if e[0] != "mult"] if " " not in text else []
        if not entries and n == 1 and len(text) > 1 and text[-1] in ".=":
            text = text[:-1]  # "p." ending a sentence, "JPY="
            entries = [e for e in lex.unit_entries(text) if e[0] != "mult"]
        if not entries and n == 1 and "-" in text:
            entries = [e for e in lex.unit_entries(text.split("-")[0]) if e[0] != "mult"]
            text = text.split("-")[0]
        if not entries:
            continue
        cat, canon = entries[0]
        if len(text) == 1 and text.isalpha() and (ex.gap(j - 1).count(" ") > 1 or text in "ap"):
            continue
        if cat == "cur":
            return canon, "cur", j + n
        if cat == "pct":
            return "percent", "pct", j + n
        return text, "meas", j + n
    return None


def own_unit(ex: DocReader, q: Qty) -> tuple[str | None, str | None, int]:
    """The unit right after a number, from the lexicon only (used to find range partners)."""
    a = q.atom
    if a and a.unit:
        return a.unit, a.cat, q.end
    if q.cur:
        return q.cur, "cur", q.end
    if q.unit and q.cat in ("meas", "pct", "cur"):
        return q.unit, q.cat, q.tail
    j = q.end
    if ex.low(j) in lex.OF and (q.mult > 1 or q.kind in ("vague", "collective")):
        j += 1
    elif ex.low(j) == "-" and j + 1 < len(ex.doc) and not ex.gap(j - 1) and not ex.gap(j):
        j += 1  # "400 million-year-old"
    found = lexicon_at(ex, j, ex.sent_end[q.start]) if j < ex.sent_end[q.start] else None
    return found if found else (None, None, q.end)


def attach_unit(ex: DocReader, q: Qty) -> None:
    doc, stop = ex.doc, ex.sent_end[q.start]
    unit, cat, end = own_unit(ex, q)
    if unit:
        q.unit, q.cat, q.tail = unit, cat, max(end, q.end)
        q.unit_tok = doc[end - 1] if end > q.end else None
        if cat == "meas" and unit.lower() in ("pound", "pounds") and (q.mult >= 1e6 or ex.low(end) == "sterling"):
            q.unit, q.cat = "pound", "cur"
        if cat == "meas" and unit.lower().rstrip("s") in ("year", "month", "week", "day"):
            k = end + (ex.low(end) == "-")
            if ex.low(k) == "old":
                q.unit, q.tail = doc[end - 1 : k + 1].text.replace(" - ", "-"), k + 1
        return
    j = q.end
    of = ex.low(j) in lex.OF and (
        q.mult > 1 or q.kind in ("vague", "frac", "collective") or (q.kind == "word" and ex.low(j) == "of")
    )
    if of:
        j += 1
    if j < stop and doc[j].text == "-" and not ex.gap(j - 1):
        j += 1
    noun = _counted(ex, q, j, of, stop)
    if noun is not None:
        q.unit, q.unit_tok = noun.text, noun
        q.cat = "generic" if noun.lower_ in lex.GENERIC_COUNTS else "count"
        if noun.i - q.end <= 3 and noun.i >= q.end:
            q.tail = noun.i + 1
    elif (
        q.kind == "num"
        and q.value_max is None
        and 0 < q.value < 120
        and float(q.value).is_integer()
        and ex.low(q.start - 1) == ","
        and doc[q.start - 2].pos_ == "PROPN"
        and ex.low(q.end) == ","
    ):
        q.unit, q.cat = "years old", "meas"  # "Senard, 65, ..."


def _counted(ex: DocReader, q: Qty, j: int, of: bool, stop: int) -> Token | None:
    """The noun a number counts: its syntactic head, else the next noun."""
    doc = ex.doc
    anchor = ex.anchor(q)
    h = anchor.head
    if (
        not of
        and q.end <= h.i <= q.end + 4
        and h.pos_ in ("NOUN", "PROPN")
        and all(
            (doc[k].pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT", "ADV", "NUM") or doc[k].tag_ in ("VBN", "VBG"))
            and doc[k].text not in ",;:()"
            for k in range(q.end, h.i)
        )
    ):
        return _acceptable(ex, h, anchor)
    k = j
    while k < min(j + 4, stop):
        t = doc[k]
        if t.pos_ in ("NOUN", "PROPN"):
            while t.dep_ == "compound" and t.head.i > t.i and t.head.i - t.i <= 3:
                t = t.head
            return _acceptable(ex, t, anchor)
        conj = t.pos_ == "CCONJ" and k > j and doc[k - 1].pos_ == "ADJ"  # "digital and physical sales"
        if (
            (t.pos_ not in _SKIP_BEFORE_NOUN and not conj)
            or t.text in ",;:()"
            or (t.pos_ == "DET" and not of)
            or ((a := ex.atoms[k]) is not None and a.kind != "article")
        ):
            return None
        k += 1
    return None


def _acceptable(ex: DocReader, t: Token, anchor: Token) -> Token | None:
    low = t.lower_
    atom = ex.atoms[t.i]
    if low in lex.MONTHS or low in lex.NOT_COUNTED or (atom and atom.kind != "word"):
        return None
    if relative_time(ex, t):
        return None  # "3 million next year"
    if t.pos_ == "PROPN" and not (anchor.head.i == t.i and anchor.dep_ == "nummod") and not low.endswith("s"):
        return None
    return t
