"""NewsQuant: value F1 and value+unit F1 of the figures stage on English news sentences.

NewsQuant (Almasian et al., EMNLP 2023) gives, for each sentence, the quantities a reader sees,
each with a value ("2.0", or "252.0-287.0" for a range), the unit as written and a normalised
unit. Scoring, micro-averaged over all sentences:

* matching is one-to-one inside a sentence (a maximum bipartite matching), so a figure found
  twice counts once and a second copy is a false positive;
* **value**: the values are equal (relative tolerance 1e-6); a range matches a range with the
  same two ends, in either order;
* **value+unit**: the values are equal and the units are equal after normalisation, against
  either the gold's written unit or its normalised unit.

Unit normalisation, applied to both sides: lower-case; "-" and empty mean no unit, and a gold
quantity without a unit matches only a prediction without one; currency symbols and codes
become their names ("$", "US$", "USD" -> "dollar"; "Y", "¥" -> "yen"), with the country words
dropped ("japanese yen" -> "yen"); "%", "percent", "per cent", "pct", "percentage" -> "percent";
units of measure go to one form per unit through selon's unit lexicon ("kilometers", "km",
"kilometre" -> "km"); plural words become singular ("miles" -> "mile", "feet" -> "foot");
"X per Y", "X a Y" and "X/Y" are compared part by part; "times" (a ratio, which NewsQuant normalises to
"count") means no unit. selon keeps a rate period apart (``Figure.per``); NewsQuant writes it in the
unit, so a predicted unit and period are compared as "unit per period" ("$3,500 a month" -> "dollar
per month"). For counted things, whose gold unit is often a noun phrase ("best wireless speakers",
"barrels of oil"), a predicted noun also matches the phrase's last word, or its first part before
"of".
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy

ANCHORS: dict[str, tuple[float, float]] = {
    "CQE": (92.0, 85.6),
    "quantulum3": (73.0, 47.2),
    "Recognizers-Text": (69.1, 34.2),
}

_RANGE = re.compile(r"\s*(-?[\d.]+(?:e[+-]?\d+)?)\s*-\s*(-?[\d.]+(?:e[+-]?\d+)?)\s*")
_SYMBOLS = {
    "$": "dollar",
    "us$": "dollar",
    "$us": "dollar",
    "$ us": "dollar",
    "usd": "dollar",
    "us dollar": "dollar",
    "united states dollar": "dollar",
    "y": "yen",
    "¥": "yen",
    "jpy": "yen",
    "€": "euro",
    "eur": "euro",
    "£": "pound",
    "gbp": "pound",
    "ps": "pound",
    "$ sterling": "pound",
    "pound sterling": "pound",
    "&": "percent",
    "percentage": "percent",
    "%": "percent",
    "$a": "australian dollar",
    "a$": "australian dollar",
    "hk$": "hong kong dollar",
    "year-old": "year old",
    "years old": "year old",
    "year of age": "year old",
    "month-old": "month old",
    "month of age": "month old",
    "pound": "pound",
    "pounds": "pound",
    "pound-mass": "pound",
    "lb": "pound",
    "lbs": "pound",
    "times": "",
    "time": "",
    "fois": "",
}
_COUNTRY = ("japanese ", "malaysian ", "united states ", "american ", "us ", "u.s. ")
_IRREGULAR = {
    "feet": "foot",
    "people": "people",
    "men": "man",
    "women": "woman",
    "children": "child",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "fishermen": "fisherman",
    "celsius": "°c",
    "fahrenheit": "°f",
    "series": "series",
    "news": "news",
    "gas": "gas",
    "bus": "bus",
    "lens": "lens",
    "plus": "plus",
    "bonus": "bonus",
    "virus": "virus",
    "status": "status",
    "campus": "campus",
}


@dataclass(frozen=True)
class Quantity:
    """One quantity, gold or predicted: its value (range ends) and its unit as written."""

    low: float
    high: float | None
    units: tuple[str, ...]  # accepted unit forms, already normalised; () means no unit


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(?:ch|sh|x|ss|z)es$", word):
        return word[:-2]
    return word[:-1]


def _canonical(part: str) -> str:
    """One side of a unit ("US$", "barrels") to its comparable form."""
    from selon.nlp.lexicon.figures import unit_entries

    part = part.strip().lower()
    if part in _SYMBOLS:
        return _SYMBOLS[part]
    for prefix in _COUNTRY:
        if part.startswith(prefix) and part != prefix.strip():
            stripped = part[len(prefix) :]
            if unit_entries(stripped) and unit_entries(stripped)[0][0] == "cur":
                part = stripped
    words = part.split()
    if words:
        words[-1] = _singular(words[-1])
    single = " ".join(words)
    for form in (part, single):
        entries = [e for e in unit_entries(form) if e[0] != "mult"]
        if entries:
            cat, canon = entries[0]
            return "percent" if cat == "pct" else canon.lower()
    return _SYMBOLS.get(single, single)


def normalize_unit(unit: str | None) -> str:
    """The comparable form of a unit; "" for none."""
    if unit is None:
        return ""
    unit = unit.strip()
    if unit in ("", "-", "count"):
        return ""
    parts = re.split(r"\s+(?:per|a|an|each)\s+|\s*/\s*", unit, maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        return f"{_canonical(parts[0])} per {_canonical(parts[1])}"
    return _canonical(unit)


def _gold_units(item: dict[str, Any]) -> tuple[str, ...]:
    forms = {normalize_unit(item.get("unit")), normalize_unit(item.get("normalized_unit"))}
    if "" in forms:
        return ()
    heads = {f.split()[-1] for f in forms if " " in f and " per " not in f}
    heads |= {_canonical(f.split(" of ")[0]) for f in forms if " of " in f}
    return tuple(sorted(forms | heads))


def parse_value(text: str) -> tuple[float, float | None]:
    """A gold value: one number, or the two ends of a range."""
    text = text.strip()
    m = _RANGE.fullmatch(text)
    if m:
        return float(m[1]), float(m[2])
    return float(text), None


def gold_quantities(item: dict[str, Any]) -> list[Quantity]:
    out = []
    for q in item.get("quantities", []):
        low, high = parse_value(str(q["value"]))
        out.append(Quantity(low, high, _gold_units(q)))
    return out


def predicted_quantity(value: float, value_max: float | None, unit: str | None, per: str | None = None) -> Quantity:
    """A predicted figure as NewsQuant writes it: the rate period goes into the unit."""
    norm = normalize_unit(unit)
    if norm and per and " per " not in norm:
        norm = f"{norm} per {per}"
    return Quantity(value, value_max, (norm,) if norm else ())


def _close(a: float, b: float) -> bool:
    return a == b or abs(a - b) <= 1e-6 * max(abs(a), abs(b))


def value_match(gold: Quantity, pred: Quantity) -> bool:
    if (gold.high is None) != (pred.high is None):
        return False
    if gold.high is None or pred.high is None:
        return _close(gold.low, pred.low)
    g, p = sorted((gold.low, gold.high)), sorted((pred.low, pred.high))
    return _close(g[0], p[0]) and _close(g[1], p[1])


def unit_match(gold: Quantity, pred: Quantity) -> bool:
    if not gold.units or not pred.units:
        return not gold.units and not pred.units
    return pred.units[0] in gold.units


def _matching(gold: list[Quantity], pred: list[Quantity], ok) -> list[tuple[int, int]]:
    """Maximum one-to-one matching between gold and predicted quantities (augmenting paths)."""
    owner: dict[int, int] = {}

    def place(g: int, seen: set[int]) -> bool:
        for p in range(len(pred)):
            if p in seen or not ok(gold[g], pred[p]):
                continue
            seen.add(p)
            if p not in owner or place(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(gold)):
        place(g, set())
    return sorted((g, p) for p, g in owner.items())


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp}


def score(items: list[dict[str, Any]], predictions: list[list[Quantity]]) -> dict[str, Any]:
    """Value and value+unit scores of predicted quantities against NewsQuant items."""
    n_gold = n_pred = tp_value = tp_unit = 0
    errors = []
    for item, pred in zip(items, predictions):
        gold = gold_quantities(item)
        n_gold, n_pred = n_gold + len(gold), n_pred + len(pred)
        by_value = _matching(gold, pred, value_match)
        by_unit = _matching(gold, pred, lambda g, p: value_match(g, p) and unit_match(g, p))
        tp_value, tp_unit = tp_value + len(by_value), tp_unit + len(by_unit)
        if len(by_unit) < max(len(gold), len(pred)):
            matched_g, matched_p = {g for g, _ in by_unit}, {p for _, p in by_unit}
            errors.append(
                {
                    "text": item["text"],
                    "missed": [_show(q) for k, q in enumerate(gold) if k not in matched_g],
                    "extra": [_show(q) for k, q in enumerate(pred) if k not in matched_p],
                }
            )
    return {
        "sentences": len(items),
        "gold": n_gold,
        "predicted": n_pred,
        "value": _prf(tp_value, n_pred, n_gold),
        "value_unit": _prf(tp_unit, n_pred, n_gold),
        "anchors": {name: {"value_f1": v, "value_unit_f1": u} for name, (v, u) in ANCHORS.items()},
        "errors": errors,
    }


def _show(q: Quantity) -> str:
    value = f"{q.low:g}" if q.high is None else f"{q.low:g}-{q.high:g}"
    return f"{value} [{'|'.join(q.units)}]"


def load(path: Path) -> list[dict[str, Any]]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def evaluate(path: Path, nlp: spacy.Language) -> dict[str, Any]:
    """Run ``nlp`` on every NewsQuant sentence of ``path`` and score its figures."""
    items = load(path)
    started = time.perf_counter()
    predictions = []
    for doc in nlp.pipe([item["text"] for item in items], batch_size=64):
        predictions.append([predicted_quantity(f.value, f.value_max, f.unit, f.per) for f in doc._.selon_figures or []])
    report = score(items, predictions)
    report["seconds"] = round(time.perf_counter() - started, 2)
    report["data"] = str(path)
    return report


def format_table(report: dict[str, Any]) -> str:
    """Our precision, recall and F1 beside the published F1 of other systems (percent)."""
    v, u = report["value"], report["value_unit"]
    lines = [
        f"NewsQuant: {report['sentences']} sentences, {report['gold']} gold quantities, "
        f"{report['predicted']} predicted",
        f"{'system':<30} {'value P':>8} {'value R':>8} {'value F1':>9} {'+unit P':>8} {'+unit R':>8} {'+unit F1':>9}",
        f"{'selon':<30} {100 * v['precision']:>8.1f} {100 * v['recall']:>8.1f} {100 * v['f1']:>9.1f} "
        f"{100 * u['precision']:>8.1f} {100 * u['recall']:>8.1f} {100 * u['f1']:>9.1f}",
    ]
    for name, anchor in report["anchors"].items():
        lines.append(
            f"{name + ' (published)':<30} {'':>8} {'':>8} {anchor['value_f1']:>9.1f} {'':>8} {'':>8} "
            f"{anchor['value_unit_f1']:>9.1f}"
        )
    lines.append("published figures are on the full NewsQuant set; selon's on the dev half")
    return "\n".join(lines)
