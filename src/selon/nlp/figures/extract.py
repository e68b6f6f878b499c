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

This module runs the steps in order. Reading one token as a number lives in
:mod:`selon.nlp.figures.numbers`, the document view in :mod:`~selon.nlp.figures.reader`, joining
tokens into numbers in :mod:`~selon.nlp.figures.quantities`, ranges in
:mod:`~selon.nlp.figures.ranges`, units and currencies in :mod:`~selon.nlp.figures.units`; dates,
labels, bound, rate, kind and time in :mod:`~selon.nlp.figures.frame`; word lists in
:mod:`selon.nlp.lexicon.figures` and :mod:`selon.nlp.lexicon.figure_frames`.
"""

from __future__ import annotations

import itertools
import math

from spacy.tokens import Doc

from selon.model import Figure
from selon.nlp.figures import frame
from selon.nlp.figures.numbers import Qty
from selon.nlp.figures.periods import period_of, relative_time
from selon.nlp.figures.quantities import read_quantities
from selon.nlp.figures.ranges import join_ranges
from selon.nlp.figures.reader import DocReader
from selon.nlp.figures.units import attach_unit, prefix_currency


def extract_figures(doc: Doc) -> list[Figure]:
    """Every quantity of ``doc`` with its value, unit, rate, bound, kind and time."""
    if len(doc) == 0:
        return []
    return _figures(DocReader(doc))


def _figures(ex: DocReader) -> list[Figure]:
    qs = read_quantities(
        ex,
    )
    for q in qs:
        prefix_currency(ex, q)
    qs = join_ranges(ex, qs)
    dates: list[tuple[int, int, str]] = []
    kept: list[Qty] = []
    for q in qs:
        if q.atom is not None and q.atom.skip:
            continue
        frame.frame_bound(ex, q)
        if frame.is_date(ex, q, q.bound != "=" or q.lead < q.start):
            dates.append((q.sent, q.start, frame.date_text(ex, q)))
            continue
        if frame.is_label(ex, q):
            continue
        kept.append(q)
    pos, texts = ex.arrays.pos_, ex.arrays.text
    # ``relative_time`` wants a noun naming a period: the Tokens of the others are not made
    periods = {t for t in set(texts) if period_of(t) in ("year", "month", "week", "quarter")}
    for t in (ex.doc[k] for k in range(ex.arrays.n) if pos[k] in ("NOUN", "PROPN") and texts[k] in periods):
        rel = relative_time(ex, t)
        if rel:
            dates.append((ex.sent_of[t.i], t.i, rel))
    by_sent: dict[int, list[tuple[int, str]]] = {}
    for sent, i, text in dates:
        by_sent.setdefault(sent, []).append((i, text))
    named = []
    for q in kept:
        attach_unit(ex, q)
        if q.cur and not q.unit:
            q.unit, q.cat = q.cur, "cur"
        if frame.is_name(ex, q) or frame.is_pronoun_one(ex, q):
            continue
        named.append(q)
    kept = named
    for q in kept:
        frame.negate(ex, q)
        frame.frame_per(ex, q)
        frame.frame_kind(ex, q)
        q.time = frame.nearest_time(by_sent, q)
    _share_units(ex, kept)
    _resolve_generic(ex, kept)
    # a value too large for a float (hundreds of digits) is no figure a reader can compare: drop it
    return [_figure(ex, q) for q in kept if math.isfinite(q.value) and math.isfinite(q.value_max or 0.0)]


def _share_units(ex: DocReader, qs: list[Qty]) -> None:
    """ "122 et 152 mm", "5 and 10 percent": a bare number takes the unit of the next one."""
    for a, b in zip(reversed(qs[:-1]), reversed(qs[1:])):
        if a.unit or not b.unit or b.cat not in ("meas", "pct", "cur") or a.sent != b.sent:
            continue
        between = {ex.low(k) for k in range(a.tail, b.lead)}
        if between and between <= {",", "and", "et", "or", "ou", "to", "à"}:
            a.unit, a.cat = b.unit, b.cat
    for a, b in itertools.pairwise(qs):
        if b.unit or not a.unit or a.cat not in ("meas", "pct", "cur") or a.sent != b.sent:
            continue
        words = [ex.low(k) for k in range(a.tail, b.lead)]
        if words in (["to"], ["à"]) or (
            len(words) == 2 and words[1] in ("to", "à") and ex.doc[a.tail].pos_ in ("VERB", "ADJ", "ADV")
        ):
            b.unit, b.cat = a.unit, a.cat  # "21 mpg combined to 23"


def _resolve_generic(ex: DocReader, qs: list[Qty]) -> None:
    """ "5.000 unités" after "2.000 drones": the generic word takes the thing counted before."""
    last: Qty | None = None
    for q in qs:
        if q.cat == "generic" and last is not None and q.sent - last.sent <= 1:
            q.unit_mention, q.unit, q.cat = q.unit, last.unit, "count"
        if q.cat == "count" and q.unit:
            last = q


def _figure(ex: DocReader, q: Qty) -> Figure:
    doc = ex.doc
    start = doc[q.lead].idx
    last = doc[max(q.tail, q.end) - 1]
    end = last.idx + len(last.text)
    value_max = q.value_max if q.value_max is not None and q.value_max != q.value else None
    return Figure(
        start=start,
        end=end,
        text=ex.text[start:end],
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
