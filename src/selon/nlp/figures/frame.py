"""Framing of figures: which numbers are dates or labels, and the bound, rate, kind and time of the rest.

Kept apart from the number reading in :mod:`selon.nlp.figures.quantities` and the units in
:mod:`selon.nlp.figures.units`; every function here looks at a bounded window of tokens around one
figure, or walks up its syntactic head a bounded number of steps.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.model import FigureKind
from selon.nlp.figures.numbers import Qty
from selon.nlp.figures.periods import period_of
from selon.nlp.figures.reader import DocReader
from selon.nlp.figures.units import lexicon_at, own_unit
from selon.nlp.lexicon import figure_frames as framing
from selon.nlp.lexicon import figures as lex

_MAX_BOUND_WORDS = max(len(k) for k in framing.BOUND_BEFORE)
_MAX_AFTER_WORDS = max(len(k) for k in framing.BOUND_AFTER)
# Dependencies across which what frames the main clause no longer frames the figure.
_STOP_DEPS = {"relcl", "acl:relcl", "advcl", "parataxis", "conj", "appos", "ccomp"}
_CLIMB = 6  # syntactic steps looked at to find what frames a figure


# --- numbers that are not quantities -------------------------------------------------------------


def year_like(ex: DocReader, q: Qty) -> bool:
    """Four plain digits that could be a year ("2024", "2020-2024")."""
    a = q.atom
    if q.kind != "num" or a is None or a.sep or a.cur or a.unit or q.mult != 1.0 or q.cur:
        return False
    if not (len(a.digits) == 4 and a.digits.isdigit() and 1500 <= a.value <= 2100):
        return False
    return a.hi is None or 1500 <= a.hi <= 2100 or a.hi < 100


def is_date(ex: DocReader, q: Qty, bounded: bool) -> bool:
    """A year, or a year range, used as a date rather than as a count."""
    if not year_like(ex, q):
        return False
    if bounded:
        return False
    doc, i = ex.doc, q.start
    before = ex.low(i - 1)
    if (
        before in lex.DATE_BEFORE
        or before in lex.MONTHS
        or (i > 0 and doc[i - 1].ent_type_ == "DATE" and doc[i - 1].pos_ == "PROPN")
    ):
        return True
    unit, _, _ = own_unit(ex, q)
    if unit:
        return False
    tok = doc[q.end - 1]
    if tok.ent_type_ == "DATE":
        return True
    nxt = doc[q.end] if q.end < len(doc) else None
    if (
        nxt is not None
        and nxt.pos_ == "NOUN"
        and tok.head is nxt
        and nxt.morph.get("Number", None) == ["Plur"]
        and ex.lang == "fr"
    ):
        return False  # "2000 drones"
    return not (nxt is not None and nxt.pos_ == "NOUN" and tok.head is nxt and nxt.tag_ in ("NNS",))  # "2000 people"


def is_label(ex: DocReader, q: Qty) -> bool:
    """A number that names rather than counts: times of day, days of month, "article 5"."""
    doc, i = ex.doc, q.start
    before, after = ex.low(q.lead - 1), ex.low(q.end)
    if q.cur or (q.atom and (q.atom.unit or q.atom.cur)):
        return False
    day = q.kind == "num" and q.value_max is None and float(q.value).is_integer() and 1 <= q.value <= 31
    if day and (before in lex.MONTHS or after in lex.MONTHS):
        return True  # "March 5", "5 mars"
    if (after in framing.TIME_OF_DAY and after not in ("et", "est")) or (
        after in ("h", "heures") and before in ("à", "vers")
    ):
        return q.kind == "num" and q.value <= 24
    if (
        before in lex.LABEL_NOUNS
        and q.kind == "num"
        and i > 0
        and doc[i - 1].tag_ != "NNS"
        and float(q.value).is_integer()
        and not own_unit(ex, q)[0]
    ):
        return True
    if before in ("#", "n°", "nº", "no.") or (i > 0 and doc[i - 1].text in ("No", "No.", "N°")):
        return True
    if q.kind == "num" and after in (")", ".") and _line_start(ex, i):
        return True  # list numbering "1)", "2."
    a = q.atom
    return bool(q.kind == "num" and a and a.digits and a.digits[0] == "0" and len(a.digits) > 1 and not a.sep)  # "007"


def _line_start(ex: DocReader, i: int) -> bool:
    """Nothing but spaces between the start of the line and token i."""
    text, k = ex.text, ex.doc[i].idx - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k < 0 or text[k] == "\n"


def is_name(ex: DocReader, q: Qty) -> bool:
    """A bare number inside a name ("S&P 500", "iPhone 11", "787 Dreamliner", "575 Wilbraham Road")."""
    a, doc = q.atom, ex.doc
    if (
        q.kind != "num"
        or q.cur
        or q.cat in ("meas", "pct", "cur")
        or (a and (a.sep or a.unit))
        or q.bound != "="
        or q.lead < q.start
        or not float(q.value).is_integer()
    ):
        return False
    unit_tok = q.unit_tok
    singular = unit_tok is not None and "Plur" not in unit_tok.morph.get("Number", None) and unit_tok.tag_ != "NNS"
    prev = doc[q.start - 1] if q.start > ex.sent_start(q.start) else None
    if (
        prev is not None
        and _proper(prev)
        and ex.gap(prev.i) == " "
        and prev.lower_ not in lex.MONTHS
        and (q.unit is None or (singular and q.value != 1))
    ):
        return True  # "iPhone 12 Mini deal", "Lang 20"
    if q.unit is not None and not (singular and unit_tok is not None and _proper(unit_tok)):
        return False
    k = q.end
    if (
        k < ex.sent_end[q.start]
        and _proper(doc[k])
        and "Plur" not in doc[k].morph.get("Number", None)
        and doc[k].tag_ != "NNPS"
        and doc[k].lower_ not in lex.MONTHS
    ):
        while k < ex.sent_end[q.start] and _proper(doc[k]):
            k += 1
        after = doc[k] if k < ex.sent_end[q.start] else None
        return (
            len(a.digits if a else "") >= 3
            or after is None
            or not (after.pos_ == "NOUN" and "Plur" in after.morph.get("Number", None))
        )
    return False


def _proper(t: Token) -> bool:
    return t.pos_ == "PROPN" and any(c.isupper() for c in t.text)


def is_pronoun_one(ex: DocReader, q: Qty) -> bool:
    """ "each one", "the same one": "one" standing for a noun, not counting."""
    return (
        q.kind == "word"
        and q.value == 1
        and q.unit is None
        and q.end - q.start == 1
        and ex.low(q.end) not in ("of", "in", "out", "sur", "d'entre")
    )


def negate(ex: DocReader, q: Qty) -> None:
    """ "minus 387", "moins 5 degrés": a negative value."""
    if (
        q.bound == "="
        and q.lead == q.start
        and ex.low(q.lead - 1) in framing.NEGATIVE_BEFORE
        and q.value > 0
        and q.lead - 1 >= ex.sent_start(q.start)
    ):
        q.value, q.lead = -q.value, q.lead - 1
        if q.value_max is not None:
            q.value, q.value_max = -q.value_max, q.value


# --- bound and approximation ---------------------------------------------------------------------


def _words_before(ex: DocReader, end: int, n: int, stop: int) -> list[tuple[tuple[str, ...], int]]:
    """Phrasings of the n tokens before ``end``: (words, first token), split on spaces and glued."""
    start = end - n
    if start < stop:
        return []
    toks = [ex.low(k) for k in range(start, end)]
    glued, cur = [], ""
    for k in range(start, end):
        cur += ex.low(k)
        if k + 1 < end and ex.gap(k):
            glued.append(cur)
            cur = ""
    glued.append(cur)
    return [(tuple(toks), start), (tuple(glued), start)]


def frame_bound(ex: DocReader, q: Qty) -> None:
    """Words before or after the figure that make it approximate or a bound."""
    stop = ex.sent_start(q.start)
    for n in range(_MAX_BOUND_WORDS, 0, -1):
        hit = next(((w, s) for w, s in _words_before(ex, q.lead, n, stop) if w in framing.BOUND_BEFORE), None)
        if hit:
            words, first = hit
            bound = framing.BOUND_BEFORE[words]
            if words == ("some",) and ex.low(q.end) == "of":
                break
            if words in (("over",), ("under",), ("sub",)) and ex.doc[first].dep_ == "prt":
                break
            q.bound, q.lead = bound, first
            if bound == "~":
                q.approx = True
            if words in (("an", "estimated"), ("estimated",)):
                q.fig_kind = "estimate"
            break
    if q.approx and q.bound == "=":
        q.bound = "~"
    end = ex.sent_end[q.start]
    for n in range(_MAX_AFTER_WORDS, 0, -1):
        words = tuple(ex.low(k) for k in range(q.tail, min(q.tail + n, end)))
        if len(words) == n and words in framing.BOUND_AFTER:
            if q.bound == "=":
                q.bound = framing.BOUND_AFTER[words]
                q.approx = q.approx or q.bound == "~"
            break
    if q.kind in ("vague", "collective"):
        q.approx = True
        if q.bound == "=":
            q.bound = "~"


# --- rate ----------------------------------------------------------------------------------------


def frame_per(ex: DocReader, q: Qty) -> None:
    """A rate period right after the figure ("par mois", "a year", "mensuelles", "annually")."""
    doc, end = ex.doc, ex.sent_end[q.start]
    k = q.tail
    if k < end and doc[k].text == "(":  # "9 billion shekels ($2.4 billion) a year"
        close = next((j for j in range(k + 1, min(k + 10, end)) if doc[j].text == ")"), None)
        if close is not None:
            k = close + 1
    if k + 1 < end and doc[k].text == "-" and not ex.gap(k - 1) and not ex.gap(k):
        k += 1  # "52,000 barrel-a-day"
    if k < end and doc[k].text in ("/",) and k + 1 < end:
        per = period_of(doc[k + 1].text)
        if per:
            q.per, q.tail = per, k + 2
            return
    for j in range(k, min(k + 3, end)):
        low = ex.low(j)
        if (
            low in framing.PERIOD_ADJECTIVES
            and low not in ("annual", "monthly", "weekly", "daily", "yearly", "quarterly")
        ) or (low in ("annually", "yearly", "monthly", "weekly", "daily", "quarterly") and doc[j].pos_ == "ADV"):
            q.per = framing.PERIOD_ADJECTIVES[low]
            if j - k <= 1:
                q.tail = j + 1
            return
        if low in framing.PER_WORDS or low in ("each", "every", "chaque", "tous", "toutes"):
            nxt = j + 1
            if ex.low(nxt) in ("les", "the"):
                nxt += 1
            per = period_of(doc[nxt].text) if nxt < end else None
            if per and ex.low(nxt + 1) not in framing.NOT_A_RATE_AFTER:
                q.per = per
                if j - k <= 1:
                    q.tail = nxt + 1
                return
            found = lexicon_at(ex, nxt, end) if nxt < end and q.cat == "cur" and j == k else None
            if found and found[1] == "meas" and low in ("per", "par", "/", "a", "an") and not period_of(found[0]):
                q.unit, q.tail = f"{q.unit} per {found[0].lower()}", found[2]  # "$80 per sq m"
                return
            if (
                low in ("per", "par", "a", "an", "/")
                and nxt < end
                and q.cat == "cur"
                and j == k
                and (doc[nxt].lemma_.lower() in framing.A_DENOMINATORS or low in ("per", "par"))
                and doc[nxt].pos_ == "NOUN"
            ):
                q.unit, q.tail = f"{q.unit} per {doc[nxt].lemma_.lower()}", nxt + 1
                return
            if low not in ("a", "an"):
                return
        if doc[j].pos_ not in ("NOUN", "ADJ") or j > k:
            break
    if q.unit_tok is not None:
        for child in q.unit_tok.children:
            low = child.lower_
            if child.dep_ == "amod" and low in framing.PERIOD_ADJECTIVES and child.i > q.unit_tok.i:
                q.per = framing.PERIOD_ADJECTIVES[low]
                return


# --- kind ----------------------------------------------------------------------------------------


def _marks(t: Token, words: set[str]) -> bool:
    return t.lemma_.lower() in words or t.lower_ in words


def frame_kind(ex: DocReader, q: Qty) -> None:
    """Target, forecast or estimate from the words that govern the figure, else actual."""
    if q.fig_kind != "actual":
        return
    t = ex.anchor(q)
    before = ex.low(q.lead - 1), ex.low(q.lead - 2)
    if before[0] in ("à", "at") and before[1] in (
        "estimé",
        "estimée",
        "estimés",
        "estimées",
        "estimated",
        "évalué",
        "évaluée",
        "évalués",
        "évaluées",
        "put",
        "pegged",
    ):
        q.fig_kind = "estimate"
        return
    sent_start = ex.sent_start(q.start)
    for k in range(max(sent_start, q.lead - 6), q.lead):
        if ex.low(k) in ("objectif", "target", "goal", "cible", "ambition", "objective"):
            q.fig_kind = "target"
            return
    if _kind_before(ex, q, sent_start):
        return
    for _ in range(_CLIMB):
        if t.dep_ in _STOP_DEPS or t.head.i == t.i:
            break
        t = t.head
        if _marks(t, framing.TARGET_LEMMAS) and not (t.lemma_ == "plan" and t.pos_ == "NOUN"):
            q.fig_kind = "target"
            return
        if _marks(t, framing.FORECAST_LEMMAS):
            q.fig_kind = "forecast"
            return
        if _marks(t, framing.ESTIMATE_LEMMAS):
            q.fig_kind = "estimate"
            return
        if t.pos_ in ("VERB", "AUX") and (
            "Fut" in t.morph.get("Tense", None)
            or (t.lemma_ == "devoir" and "Cnd" in t.morph.get("Mood", None))
            or any(c.dep_ == "aux" and c.lower_ in framing.FUTURE_AUX for c in t.children)
        ):
            q.fig_kind = "forecast"
            return


def _kind_before(ex: DocReader, q: Qty, sent_start: int) -> bool:
    """A verb of aim or expectation shortly before the figure in the same clause ("vise 300")."""
    for k in range(q.lead - 1, max(sent_start, q.lead - 6) - 1, -1):
        t = ex.doc[k]
        if t.text in ",;:()" or t.pos_ in ("CCONJ", "SCONJ", "PRON") or t.lower_ in ("que", "qui", "that", "which"):
            return False
        if t.pos_ in ("NOUN", "PROPN"):
            continue
        kinds: tuple[tuple[set[str], FigureKind], ...] = (
            (framing.TARGET_LEMMAS, "target"),
            (framing.FORECAST_LEMMAS, "forecast"),
        )
        for words, kind in kinds:
            if _marks(t, words):
                q.fig_kind = kind
                return True
    return False


# --- time ----------------------------------------------------------------------------------------


def date_text(ex: DocReader, q: Qty) -> str:
    """How the text names a date figure: "2024", "March 2024", "2020-2024"."""
    doc = ex.doc
    start = q.start
    if ex.low(start - 1) in lex.MONTHS:
        start -= 1
    return ex.text[doc[start].idx : doc[q.end - 1].idx + len(doc[q.end - 1].text)]


def nearest_time(dates: dict[int, list[tuple[int, str]]], q: Qty) -> str | None:
    """The date of the same sentence closest to the figure."""
    best, dist = None, None
    for i, text in dates.get(q.sent, ()):
        d = abs(i - q.start)
        if dist is None or d < dist:
            best, dist = text, d
    return best
