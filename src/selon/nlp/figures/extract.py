"""Figures: the quantities of a news text, normalised, with what they count and how they are framed.

Rules over a parsed spaCy ``Doc`` (French or English), no model of their own: they run on every
document, so each token is looked at a bounded number of times and regular expressions only ever
see one token's text.

Conventions of ``Figure.unit``: currencies get one canonical English name whatever the writing
(``$6``, ``6 dollars``, ``USD 6`` -> ``"dollar"``; ``40 euros``, ``12 M€`` -> ``"euro"``;
``"australian dollar"`` when the text says which dollar), percentages are ``"percent"``, units of
measure and counted things keep the text's own word (``"mm"``, ``"miles"``, ``"drones"``,
``"obus"``). A price per thing reads ``"dollar per barrel"``; a rate per period goes to ``per``.
Generic words ("5.000 unités") take the thing counted by the figure just before, and keep their
own word in ``unit_mention``. Ranges ("2 à 3 millions", "from 5 to 10") give ``value`` (the lower
end) and ``value_max``; spans cover the framing words, the number and its unit.

Reading one token as a number lives in :mod:`selon.nlp.figures.numbers`; dates, labels, bound, rate,
kind and time in :mod:`selon.nlp.figures.frame`; word lists in :mod:`selon.nlp.lexicon.figures`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from selon.model import Figure
from selon.nlp.doc_arrays import DocArrays
from selon.nlp.figures import frame
from selon.nlp.figures.numbers import AFTER_DOLLAR, Atom, Qty, digit_atom, unit_in_token, word_atom_of
from selon.nlp.lexicon import figures as lex

_SPACES = {" ", "\u00a0", "\u202f", "\u2009", "\u2007"}
_OF = {"of", "de", "d'", "des", "du"}
_SKIP_BEFORE_NOUN = {"ADJ", "DET", "NUM", "ADV", "PUNCT", "X"}


#: Kept across Docs, as the words of a language come back from one article to the next: what
#: each text may be read as, and the lowered words that read as no number (most of them).
_READING: dict[str, str | None] = {}
_NOT_WORDS: dict[str, set[str]] = {}
_CACHE_LIMIT = 200_000


def _readings(texts: list[str]) -> dict[str, str | None]:
    """What each distinct text may be: digits, a word (a spelled number?) or nothing to read."""
    global _READING
    if len(_READING) > _CACHE_LIMIT:
        _READING = {}  # a new table: a thread still reading the old one keeps it whole
    table = _READING
    for t in set(texts).difference(table):
        table[t] = (
            "digits"
            if any(c.isdigit() for c in t)
            else ("word" if t[:1].isalpha() or t in lex.UNICODE_FRACTIONS else None)
        )
    return table


def _not_words(lang: str) -> set[str]:
    found = _NOT_WORDS.get(lang)
    if found is None or len(found) > _CACHE_LIMIT:
        found = _NOT_WORDS[lang] = set()
    return found


class _Extractor:
    """One pass over a document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.arrays = a = DocArrays.of(doc)  # token attributes read once, without Token objects
        self.text = a.doc_text
        self.lang = doc.lang_ if doc.lang_ in ("en", "fr") else "en"
        self.lows = [low.replace("’", "'") for low in a.lower_]  # ``low_text`` of every token
        reading = _readings(a.text)
        not_words = _not_words(self.lang)
        self.atoms: list[Atom | None] = [
            self._atom(k, kind, not_words) if kind else None for k, kind in enumerate([reading[t] for t in a.text])
        ]
        self.sent_of = [0] * a.n
        self.sent_end = [a.n] * a.n
        self.sent_first: list[int] = []
        for k, (start, end) in enumerate(a.sentences):
            self.sent_first.append(start)
            for i in range(start, end):
                self.sent_of[i], self.sent_end[i] = k, end

    def _atom(self, k: int, reading: str, not_words: set[str]) -> Atom | None:
        """What token k says as a number, read as ``reading`` ("digits" or "word")."""
        if reading == "digits":
            return digit_atom(self.doc[k], self.lang)
        low = self.lows[k]
        if low in not_words:
            return None
        atom = word_atom_of(low, self.lang)  # a new Atom each time: atoms are marked one by one
        if atom is None:
            not_words.add(low)
        return atom

    def kind_at(self, i: int) -> str | None:
        a = self.atoms[i] if 0 <= i < self.arrays.n else None
        return a.kind if a and not a.skip else None

    def low(self, i: int) -> str:
        return self.lows[i] if 0 <= i < self.arrays.n else ""

    def gap(self, i: int) -> str:
        """Text between token i and token i + 1."""
        a = self.arrays
        return self.text[a.end_char[i] : a.idx[i + 1]] if i + 1 < a.n else ""

    # --- numbers ---------------------------------------------------------------------------------

    def quantities(self) -> list[Qty]:
        out: list[Qty] = []
        i = 0
        n, atoms = self.arrays.n, self.atoms
        while i < n:
            if atoms[i] is None:
                i += 1  # most tokens: no number at all
                continue
            kind = self.kind_at(i)
            q = None
            if kind == "num":
                q = self._digits(i)
            elif kind in ("word", "article", "hundred", "scale", "collective"):
                q = self._words(i)
            elif kind == "vague":
                q = self._vague(i)
            elif kind == "frac":
                q = self._half(i)
            if q is None:
                i += 1
                continue
            q.sent, q.lead, q.tail = self.sent_of[i], q.start, q.end
            self._out_of(q)
            out.append(q)
            i = q.end
        return out

    def _phone(self, i: int) -> bool:
        """Three or more bare digit groups in a row that are not thousands: a telephone number."""
        run, k = [i], i
        while k + 1 < self.sent_end[i] and self.kind_at(k + 1) == "num" and self.gap(k) in _SPACES:
            k += 1
            run.append(k)
        groups = [self.atoms[r].digits for r in run]
        if (
            len(run) >= 3
            and all(g.isdigit() and len(g) <= 4 for g in groups)
            and not all(len(g) == 3 for g in groups[1:])
        ):
            for r in run:
                self.atoms[r].skip = True
            return True
        return False

    def _digits(self, i: int) -> Qty | None:
        a = self.atoms[i]
        if self._phone(i):
            return None
        value, end, digits, last = a.value, i + 1, a.digits, a
        while re.fullmatch(r"\d{1,3}(?: \d{3})*", digits):
            k = end
            while k < self.sent_end[i] and self.doc[k].is_space and set(self.doc[k].text) <= _SPACES:
                k += 1
            if k >= self.sent_end[i] or last.hi is not None or last.cur or last.unit or last.mult != 1.0:
                break
            gap = self.text[self.doc[end - 1].idx + len(self.doc[end - 1].text) : self.doc[k].idx]
            nxt = self.atoms[k]
            ok_gap = len(gap) == 1 and gap in _SPACES and (self.lang == "fr" or gap != " ")
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
        q = Qty(i, end, value, atom=a, cur=a.cur or last.cur)
        q.value_max = a.hi
        if last is not a:
            q.atom = Atom(
                "num", value, digits=digits, sep=True, cur=q.cur, unit=last.unit, cat=last.cat, mult=last.mult
            )
        mult = q.atom.mult
        k = end
        while k < self.sent_end[i]:
            kind, text = self.kind_at(k), self.doc[k].text
            if text.endswith(".") and len(text) > 1 and k + 1 == self.sent_end[i]:
                text = text[:-1]  # "USD10 m." ending the sentence
            if kind == "scale" or (kind == "hundred" and self.lang == "en"):
                mult *= self.atoms[k].value
            elif text in (
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
            ) or (text in ("k", "K", "m", "b", "B") and q.cur):
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

    def _words(self, i: int) -> Qty | None:
        parts: list[tuple[str, float]] = []
        j, end = i, self.sent_end[i]
        frac = None
        while j < end:
            kind, a = self.kind_at(j), self.atoms[j]
            low = self.low(j)
            prev = parts[-1] if parts else None
            if kind is None:
                nxt = self.atoms[j + 1] if j + 1 < end else None
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
                    and not self.gap(j - 1)
                    and not self.gap(j)
                ):
                    j += 1  # "two-thirds"
                    continue
                if (
                    low in ("and", "et")
                    and nxt
                    and nxt.kind == "word"
                    and nxt.value < 100
                    and prev
                    and ((prev[0] in ("hundred", "scale") and self.lang == "en") or (tens and self.lang == "fr"))
                ):
                    j += 1
                    continue
                break
            if kind == "article" and parts:
                break
            if (
                kind == "word"
                and prev
                and (
                    prev[0] == "article"
                    or (prev[0] == "word"
                    and not (prev[1] % 10 == 0 and 20 <= prev[1] < 100 and a.value < 10))
                )
            ):
                break
            if kind == "scale" and any(p[0] == "scale" and p[1] <= a.value for p in parts):
                break
            if kind in ("vague", "num"):
                break
            if kind == "frac":
                if prev and prev[0] in ("article", "word") and len(parts) == 1 and self.low(j + 1) != "-":
                    frac = a.value
                    j += 1
                break
            parts.append((kind, a.value))
            j += 1
            if kind == "collective":
                break
        if not parts or (parts[-1][0] == "article" and frac is None):
            return None
        total = current = 0.0
        for kind, v in parts:
            if kind in ("hundred", "collective"):
                current = (current or 1) * v
            elif kind == "scale":
                total, current = total + (current or 1) * v, 0.0
            else:
                current += v
        value = total + current
        q = Qty(i, j, value * (frac or 1), kind="frac" if frac else "word")
        q.mult = max([v for k, v in parts if k in ("scale", "hundred")] or [1.0])
        if parts[0][0] in ("hundred", "scale") and (self.low(i - 1) in lex.SEVERAL[self.lang]):
            q.value, q.value_max, q.kind, q.approx = value, value * 10, "vague", True
        if any(k == "collective" for k, _ in parts):
            q.kind, q.approx = "collective", self.lang == "fr"
        return q

    def _vague(self, i: int) -> Qty | None:
        a = self.atoms[i]
        lo, hi, j = a.value, a.hi or a.value, i + 1
        tail = lex.VAGUE_TAIL[self.lang]
        if self.low(j) in _OF and self.low(j + 1) in tail:
            lo, hi, j = lo * tail[self.low(j + 1)], hi * tail[self.low(j + 1)], j + 2
        if self.low(j) not in _OF or (self.low(i) == "tens" and j == i + 1):
            return None
        return Qty(i, j, lo, hi, kind="vague", approx=True, mult=lo)

    def _half(self, i: int) -> Qty | None:
        low, prev, nxt = self.low(i), self.low(i - 1), self.low(i + 1)
        if (
            low in lex.FRACTION_NEEDS_COUNT
            or nxt in ("-", "time", "way", "century")
            or prev
            in (
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
        ):
            return None
        return Qty(i, i + 1, self.atoms[i].value, kind="frac")

    def _out_of(self, q: Qty) -> None:
        """ "one out of three", "un sur trois": a proportion."""
        k = q.end
        words = ("out", "of") if self.low(k) == "out" else (self.low(k),)
        if words[0] not in ("out", "in", "sur") or q.value_max is not None:
            return
        k += len(words)
        a = self.atoms[k] if k < self.sent_end[q.start] else None
        if (
            words == ("out",)
            or not a
            or a.skip
            or a.kind not in ("num", "word")
            or a.value <= q.value
            or a.cur
            or a.unit
        ):
            return
        q.value, q.end, q.kind = q.value / a.value, k + 1, "frac"

    # --- currency, ranges, units ------------------------------------------------------------------

    def _prefix(self, q: Qty) -> None:
        """A currency written before the number as its own token ("$ 6", "US $58", "CHF 3")."""
        k = q.start - 1
        if k < 0 or self.sent_of[k] != q.sent:
            return
        text = self.doc[k].text
        found = [c for cat, c in lex.unit_entries(text) if cat == "cur"]
        if found and not text.islower() and (not text.isalpha() or text.isupper()) and text != "A":
            q.cur = q.cur or found[0]
            q.lead = k
            before = self.doc[k - 1].text if k > 0 else ""
            if (q.cur == "dollar" and before in AFTER_DOLLAR and not self.gap(k - 1).strip()) or (q.cur == "dollar" and before in AFTER_DOLLAR and before in ("US", "HK")):
                q.cur, q.lead = AFTER_DOLLAR[before], k - 1

    def _lexicon_at(self, j: int, stop: int) -> tuple[str, str, int] | None:
        """The longest unit or currency written from token j: (unit, category, end)."""
        longest = lex.units()[2]
        for n in range(min(longest, stop - j), 0, -1):
            toks = self.doc[j : j + n]
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
            if len(text) == 1 and text.isalpha() and (self.gap(j - 1).count(" ") > 1 or text in "ap"):
                continue
            if cat == "cur":
                return canon, "cur", j + n
            if cat == "pct":
                return "percent", "pct", j + n
            return text, "meas", j + n
        return None

    def _own_unit(self, q: Qty) -> tuple[str | None, str | None, int]:
        """The unit right after a number, from the lexicon only (used to find range partners)."""
        a = q.atom
        if a and a.unit:
            return a.unit, a.cat, q.end
        if q.cur:
            return q.cur, "cur", q.end
        if q.unit and q.cat in ("meas", "pct", "cur"):
            return q.unit, q.cat, q.tail
        j = q.end
        if self.low(j) in _OF and (q.mult > 1 or q.kind in ("vague", "collective")):
            j += 1
        elif self.low(j) == "-" and j + 1 < len(self.doc) and not self.gap(j - 1) and not self.gap(j):
            j += 1  # "400 million-year-old"
        found = self._lexicon_at(j, self.sent_end[q.start]) if j < self.sent_end[q.start] else None
        return found if found else (None, None, q.end)

    def _ranges(self, qs: list[Qty]) -> list[Qty]:
        out: list[Qty] = []
        k = 0
        while k < len(qs):
            a = qs[k]
            b = qs[k + 1] if k + 1 < len(qs) else None
            if b and b.sent == a.sent and self._join(a, b):
                k += 2
            else:
                k += 1
            out.append(a)
        return out

    def _join(self, a: Qty, b: Qty) -> bool:
        """Make one range of "A to B", "entre A et B", "A-B" when the words between say so."""
        if a.value_max is not None or b.value_max is not None or a.kind == "frac" or b.kind == "frac":
            return False
        ua, ca, a_end = self._own_unit(a)
        ub, cb, _ = self._own_unit(b)
        between = [self.low(t) for t in range(a_end, b.lead)]
        before = [self.low(t) for t in range(max(a.lead - 4, self.sent_start(a.start)), a.lead)]
        intro = next((w for w in reversed(before) if w in ("from", "between", "de", "d'", "entre")), None)
        if before[-1:] in (["by"], ["par"]) and ua:
            return False  # "rose by 5% to 10%": a change, then a level
        if (
            intro in ("from", "de", "d'")
            and 1 < len(between) <= 6
            and between[-1] in ("to", "à")
            and ua
            and (not ub or (ua, ca) == (ub, cb))
            and not any(self.doc[t].pos_ in ("VERB", "AUX") or self.doc[t].text in ",;()" for t in range(a_end, b.lead))
        ):
            between = [between[-1]]  # "from $75 a barrel in May to $45"
        if between in (["-"], ["–"], ["—"]) and self._telephone(a, b):
            a.atom = b.atom = Atom("num", skip=True)  # "555-1234"
            return False
        if between in (["-"], ["–"], ["—"]):
            if b.value <= a.value and not ua and not ub and float(a.value).is_integer():
                a.atom = b.atom = Atom("num", skip=True)  # a score, "2-0"
                return False
        elif between in (["to"], ["à"]) or (between == ["a"] and self.lang == "fr"):
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

    def _telephone(self, a: Qty, b: Qty) -> bool:
        """Three digits, a dash and four digits, written without spaces: a telephone number."""
        da, db = a.atom.digits if a.atom else "", b.atom.digits if b.atom else ""
        return (
            len(da) == 3
            and len(db) == 4
            and da.isdigit()
            and db.isdigit()
            and not self.gap(a.end - 1)
            and not self.gap(b.start - 1)
        )

    def _unit(self, q: Qty) -> None:
        doc, stop = self.doc, self.sent_end[q.start]
        unit, cat, end = self._own_unit(q)
        if unit:
            q.unit, q.cat, q.tail = unit, cat, max(end, q.end)
            q.unit_tok = doc[end - 1] if end > q.end else None
            if cat == "meas" and unit.lower() in ("pound", "pounds") and (q.mult >= 1e6 or self.low(end) == "sterling"):
                q.unit, q.cat = "pound", "cur"
            if cat == "meas" and unit.lower().rstrip("s") in ("year", "month", "week", "day"):
                k = end + (self.low(end) == "-")
                if self.low(k) == "old":
                    q.unit, q.tail = doc[end - 1 : k + 1].text.replace(" - ", "-"), k + 1
            return
        j = q.end
        of = self.low(j) in _OF and (
            q.mult > 1 or q.kind in ("vague", "frac", "collective") or (q.kind == "word" and self.low(j) == "of")
        )
        if of:
            j += 1
        if j < stop and doc[j].text == "-" and not self.gap(j - 1):
            j += 1
        noun = self._counted(q, j, of, stop)
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
            and self.low(q.start - 1) == ","
            and doc[q.start - 2].pos_ == "PROPN"
            and self.low(q.end) == ","
        ):
            q.unit, q.cat = "years old", "meas"  # "Senard, 65, ..."

    def _counted(self, q: Qty, j: int, of: bool, stop: int) -> Token | None:
        """The noun a number counts: its syntactic head, else the next noun."""
        doc = self.doc
        anchor = self._anchor(q)
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
            return self._acceptable(h, anchor)
        k = j
        while k < min(j + 4, stop):
            t = doc[k]
            if t.pos_ in ("NOUN", "PROPN"):
                while t.dep_ == "compound" and t.head.i > t.i and t.head.i - t.i <= 3:
                    t = t.head
                return self._acceptable(t, anchor)
            conj = t.pos_ == "CCONJ" and k > j and doc[k - 1].pos_ == "ADJ"  # "digital and physical sales"
            if (
                (t.pos_ not in _SKIP_BEFORE_NOUN and not conj)
                or t.text in ",;:()"
                or (t.pos_ == "DET" and not of)
                or (self.atoms[k] is not None and self.atoms[k].kind != "article")
            ):
                return None
            k += 1
        return None

    def _acceptable(self, t: Token, anchor: Token) -> Token | None:
        low = t.lower_
        if low in lex.MONTHS or low in lex.NOT_COUNTED or (self.atoms[t.i] and self.atoms[t.i].kind != "word"):
            return None
        if frame.relative_time(self, t):
            return None  # "3 million next year"
        if t.pos_ == "PROPN" and not (anchor.head.i == t.i and anchor.dep_ == "nummod") and not low.endswith("s"):
            return None
        return t

    def _anchor(self, q: Qty) -> Token:
        """The token of the number that hangs on the rest of the sentence."""
        toks = self.doc[q.start : q.end]
        for t in reversed(toks):
            if not (q.start <= t.head.i < q.end):
                return t
        return toks[-1]

    def sent_start(self, i: int) -> int:
        return self.sent_first[self.sent_of[i]]

    # --- whole document ---------------------------------------------------------------------------

    def figures(self) -> list[Figure]:
        qs = self.quantities()
        for q in qs:
            self._prefix(q)
        qs = self._ranges(qs)
        dates: list[tuple[int, int, str]] = []
        kept: list[Qty] = []
        for q in qs:
            if q.atom is not None and q.atom.skip:
                continue
            frame.frame_bound(self, q)
            if frame.is_date(self, q, q.bound != "=" or q.lead < q.start):
                dates.append((q.sent, q.start, frame.date_text(self, q)))
                continue
            if frame.is_label(self, q):
                continue
            kept.append(q)
        pos, texts = self.arrays.pos_, self.arrays.text
        # ``relative_time`` wants a noun naming a period: the Tokens of the others are not made
        periods = {t for t in set(texts) if frame.period_of(t) in ("year", "month", "week", "quarter")}
        for t in (self.doc[k] for k in range(self.arrays.n) if pos[k] in ("NOUN", "PROPN") and texts[k] in periods):
            rel = frame.relative_time(self, t)
            if rel:
                dates.append((self.sent_of[t.i], t.i, rel))
        by_sent: dict[int, list[tuple[int, str]]] = {}
        for sent, i, text in dates:
            by_sent.setdefault(sent, []).append((i, text))
        named = []
        for q in kept:
            self._unit(q)
            if q.cur and not q.unit:
                q.unit, q.cat = q.cur, "cur"
            if frame.is_name(self, q) or frame.is_pronoun_one(self, q):
                continue
            named.append(q)
        kept = named
        for q in kept:
            frame.negate(self, q)
            frame.frame_per(self, q)
            frame.frame_kind(self, q)
            q.time = frame.nearest_time(by_sent, q)
        self._share_units(kept)
        self._resolve_generic(kept)
        return [self._figure(q) for q in kept]

    def _share_units(self, qs: list[Qty]) -> None:
        """ "122 et 152 mm", "5 and 10 percent": a bare number takes the unit of the next one."""
        for a, b in zip(reversed(qs[:-1]), reversed(qs[1:])):
            if a.unit or not b.unit or b.cat not in ("meas", "pct", "cur") or a.sent != b.sent:
                continue
            between = {self.low(k) for k in range(a.tail, b.lead)}
            if between and between <= {",", "and", "et", "or", "ou", "to", "à"}:
                a.unit, a.cat = b.unit, b.cat
        for a, b in zip(qs[:-1], qs[1:]):
            if b.unit or not a.unit or a.cat not in ("meas", "pct", "cur") or a.sent != b.sent:
                continue
            between = [self.low(k) for k in range(a.tail, b.lead)]
            if (
                between in (["to"], ["à"])
                or (len(between) == 2
                and between[1] in ("to", "à")
                and self.doc[a.tail].pos_ in ("VERB", "ADJ", "ADV"))
            ):
                b.unit, b.cat = a.unit, a.cat  # "21 mpg combined to 23"

    def _resolve_generic(self, qs: list[Qty]) -> None:
        """ "5.000 unités" after "2.000 drones": the generic word takes the thing counted before."""
        last: Qty | None = None
        for q in qs:
            if q.cat == "generic" and last is not None and q.sent - last.sent <= 1:
                q.unit_mention, q.unit, q.cat = q.unit, last.unit, "count"
            if q.cat == "count" and q.unit:
                last = q

    def _figure(self, q: Qty) -> Figure:
        doc = self.doc
        start = doc[q.lead].idx
        last = doc[max(q.tail, q.end) - 1]
        end = last.idx + len(last.text)
        value_max = q.value_max if q.value_max is not None and q.value_max != q.value else None
        return Figure(
            start=start,
            end=end,
            text=self.text[start:end],
            value=q.value,
            value_max=value_max,
            unit=q.unit,
            unit_mention=q.unit_mention,
            per=q.per,
            approximate=q.approx,
            bound=q.bound,
            kind=q.fig_kind,
            time=q.time,
        )


def extract_figures(doc: Doc) -> list[Figure]:
    """Every quantity of ``doc`` with its value, unit, rate, bound, kind and time."""
    if len(doc) == 0:
        return []
    return _Extractor(doc).figures()
