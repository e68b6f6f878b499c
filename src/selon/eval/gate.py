"""Quality gate: accuracy on small fixed subsets of the benchmarks must not fall below pinned floors.

Why: full evaluations are too slow to run on every change, and a regression noticed weeks later
is hard to trace. The gate measures a few metrics on subsets fixed once and for all (so numbers are
comparable across commits), compares them with the floors in ``floors.json`` and reports every
floor broken.

Floors only move on purpose. ``raise_floors`` lifts a floor to what was measured minus the
tolerance and never lowers one; ``lower_floor`` lowers one only with a written reason, kept in
the file beside the date. The tolerance is applied once, when a floor is pinned: a metric passes
when it is at or above its floor.
"""

from __future__ import annotations

import copy
import json
import math
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from selon.errors import GateError
from selon.settings import Settings

FLOORS_PATH = Path(__file__).with_name("floors.json")

#: The subsets, fixed: changing one changes what every floor means, so re-pin the floors with it.
POLNEAR_ARTICLES = 20
SUBSETS: dict[str, str] = {
    "polnear-dev-subset": f"the first {POLNEAR_ARTICLES} articles of PolNeAR dev by file name "
    "(annotator rule of selon.eval.polnear), scored as `selon eval polnear`",
    "newsquant-subset": "all 295 sentences of NewsQuant.dev.json, scored as `selon eval newsquant`",
    "examples": "every *.expected.json of ../shared/examples, checked as `selon eval examples`",
    "french-dev": "all 20 articles of selon's French gold, dev split (shipped in the package), scored as "
    "`selon eval french`",
    "fr-en-pairs-dev": "all 88 article pairs of ../shared/data/fr-en-pairs (the development half), scored as "
    "`selon eval crosslang`",
}

#: Metrics each benchmark yields; a floor can only be pinned on one of these.
METRICS: dict[str, tuple[str, ...]] = {
    "polnear-dev-subset": (
        "source_f1",
        "cue_f1",
        "content_f1",
        "content_token_f1",
        "attribution_f1",
        "attribution_source_f1",
    ),
    "newsquant-subset": ("value_f1", "value_unit_f1"),
    "examples": ("must_passed_ratio", "should_passed_ratio"),
    "french-dev": (
        "source_f1",
        "cue_f1",
        "content_f1",
        "attribution_f1",
        "attribution_precision",
        "attribution_source_f1",
        "certainty_agreement",
    ),
    "fr-en-pairs-dev": ("recall", "precision", "translations_grouped"),
}

_EPSILON = 1e-9


@dataclass(frozen=True)
class Failure:
    """One broken floor: the metric measured (None when it could not be measured) and its floor."""

    benchmark: str
    metric: str
    measured: float | None
    floor: float

    def __str__(self) -> str:
        got = "not measured" if self.measured is None else f"{self.measured:.4f}"
        return f"{self.benchmark}.{self.metric}: {got} < floor {self.floor:.4f}"


# -- floors file -----------------------------------------------------------------------------


def load_floors(path: Path | None = None) -> dict[str, Any]:
    """The floors file as a dict (``tolerance`` and ``benchmarks``)."""
    path = Path(path or FLOORS_PATH)
    try:
        floors = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GateError(f"cannot read the floors file {path}: {exc}") from exc
    if "benchmarks" not in floors or "tolerance" not in floors:
        raise GateError(f"{path} has no 'benchmarks' or 'tolerance' key")
    return floors


def save_floors(floors: dict[str, Any], path: Path | None = None) -> None:
    Path(path or FLOORS_PATH).write_text(json.dumps(floors, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def floor_values(floors: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Just the numbers: benchmark -> metric -> floor."""
    return {
        bench: {metric: entry["floor"] for metric, entry in spec.get("floors", {}).items()}
        for bench, spec in floors["benchmarks"].items()
    }


def _round_down(value: float) -> float:
    return math.floor(value * 1000 + _EPSILON) / 1000


# -- comparing and moving floors ---------------------------------------------------------------


def check(measured: dict[str, dict[str, Any]], floors: dict[str, Any]) -> list[Failure]:
    """Every floor the measurements break; a floored metric that was not measured breaks its floor."""
    failures: list[Failure] = []
    for bench, metrics in floor_values(floors).items():
        got = measured.get(bench, {})
        for metric, floor in metrics.items():
            value = got.get(metric)
            if value is None or value < floor - _EPSILON:
                failures.append(Failure(bench, metric, value, floor))
    return failures


def raise_floors(
    measured: dict[str, dict[str, Any]], floors: dict[str, Any], today: str | None = None
) -> dict[str, Any]:
    """A copy of ``floors`` where each floor below (measured - tolerance) is lifted to it.

    Never lowers a floor. Metrics of ``METRICS`` measured but not yet floored get a first floor;
    anything else measured (``seconds``) never becomes one.
    """
    new = copy.deepcopy(floors)
    tolerance = float(floors["tolerance"])
    when = today or date.today().isoformat()
    for bench, values in measured.items():
        spec = new["benchmarks"].setdefault(bench, {"subset": SUBSETS.get(bench, ""), "floors": {}})
        table = spec.setdefault("floors", {})
        for metric in dict.fromkeys((*table, *METRICS.get(bench, ()))):
            value = values.get(metric)
            if value is None:
                continue
            candidate = max(0.0, _round_down(value - tolerance))
            entry = table.get(metric)
            if entry is not None and candidate <= entry["floor"] + _EPSILON:
                continue
            why = (
                f"raised from {entry['floor']} to measured {value:.4f} minus tolerance {tolerance}"
                if entry
                else f"pinned at measured {value:.4f} minus tolerance {tolerance}"
            )
            table[metric] = {"floor": candidate, "changed": when, "why": why}
    return new


def parse_target(target: str) -> tuple[str, str, float]:
    """``BENCH.METRIC=VALUE`` -> (bench, metric, value)."""
    name, sep, raw = target.partition("=")
    bench, dot, metric = name.strip().rpartition(".")
    if not sep or not dot or not bench or not metric:
        raise GateError(f"--lower expects BENCH.METRIC=VALUE (e.g. examples.must_passed_ratio=0.9), got {target!r}")
    try:
        value = float(raw)
    except ValueError as exc:
        raise GateError(f"--lower {target!r}: {raw!r} is not a number") from exc
    return bench, metric, value


def lowered(
    floors: dict[str, Any], name: str, metric: str, value: float, reason: str, today: str | None = None
) -> dict[str, Any]:
    """A copy of ``floors`` with one floor lowered to ``value``, the reason kept beside it."""
    if not reason or not reason.strip():
        raise GateError(f"lowering {name}.{metric} needs a reason (--reason TEXT): it is recorded in the floors file")
    entry = floors["benchmarks"].get(name, {}).get("floors", {}).get(metric)
    if entry is None:
        known = ", ".join(f"{b}.{m}" for b, ms in floor_values(floors).items() for m in ms)
        raise GateError(f"no floor {name}.{metric}; floors are: {known}")
    if not 0.0 <= value <= 1.0:
        raise GateError(f"a floor is between 0 and 1, got {value}")
    if value >= entry["floor"]:
        raise GateError(
            f"{value} is not below the floor {entry['floor']} of {name}.{metric}; "
            "floors are raised with --raise, from measurements"
        )
    new = copy.deepcopy(floors)
    new["benchmarks"][name]["floors"][metric] = {
        "floor": value,
        "changed": today or date.today().isoformat(),
        "why": f"lowered from {entry['floor']}: {reason.strip()}",
    }
    return new


def lower_floor(name: str, metric: str, value: float, reason: str, path: Path | None = None) -> dict[str, Any]:
    """Lower one floor in the floors file (a reason is required and recorded); returns the new floors."""
    new = lowered(load_floors(path), name, metric, value, reason)
    save_floors(new, path)
    return new


# -- measuring ---------------------------------------------------------------------------------


def _polnear(shared: Path, settings: Settings) -> dict[str, float]:
    from selon.eval.polnear import load_split, score
    from selon.eval.run import predicted_attributions
    from selon.nlp.pipeline import build_pipeline

    gold = load_split(shared / "data" / "polnear", "dev")[:POLNEAR_ARTICLES]
    nlp = build_pipeline("en", settings)
    predicted = {}
    for article, doc in zip(gold, nlp.pipe([g.text for g in gold], batch_size=settings.analysis_batch_size)):
        predicted[article.name] = predicted_attributions(doc._.selon_claims)
    report = score(gold, predicted)
    roles = report["roles"]
    return {
        "source_f1": roles["source"]["exact"]["f1"],
        "cue_f1": roles["cue"]["exact"]["f1"],
        "content_f1": roles["content"]["exact"]["f1"],
        "content_token_f1": roles["content"]["token"]["f1"],
        "attribution_f1": report["attribution"]["f1"],
        "attribution_source_f1": report["attribution+source"]["f1"],
    }


def _newsquant(shared: Path, settings: Settings) -> dict[str, float]:
    from selon.eval.run import eval_newsquant

    report = eval_newsquant(shared / "data" / "newsquant", settings)
    return {"value_f1": report["value"]["f1"], "value_unit_f1": report["value_unit"]["f1"]}


def _examples(shared: Path, settings: Settings) -> dict[str, float]:
    from selon.eval.run import eval_examples

    report = eval_examples(shared / "examples", settings)
    out: dict[str, float] = {}
    for level in ("must", "should"):
        passed = sum(d["summary"][level]["passed"] for d in report["documents"])
        total = sum(d["summary"][level]["total"] for d in report["documents"])
        out[f"{level}_passed_ratio"] = passed / total if total else 1.0
    return out


def _french(shared: Path, settings: Settings) -> dict[str, float]:
    from selon.eval.run import eval_attribution, french_gold

    report = eval_attribution(french_gold("dev"), "fr", settings)
    roles = report["roles"]
    return {
        "source_f1": roles["source"]["exact"]["f1"],
        "cue_f1": roles["cue"]["exact"]["f1"],
        "content_f1": roles["content"]["exact"]["f1"],
        "attribution_f1": report["attribution"]["f1"],
        "attribution_precision": report["attribution"]["precision"],
        "attribution_source_f1": report["attribution+source"]["f1"],
        "certainty_agreement": report["certainty"]["agreement"] or 0.0,
    }


def _crosslang(shared: Path, settings: Settings) -> dict[str, float]:
    from selon.eval.crosslang import eval_crosslang

    report = eval_crosslang(shared / "data" / "fr-en-pairs", settings)
    return {k: report[k] for k in ("recall", "precision", "translations_grouped")}


_MEASURES = {
    "polnear-dev-subset": _polnear,
    "newsquant-subset": _newsquant,
    "examples": _examples,
    "french-dev": _french,
    "fr-en-pairs-dev": _crosslang,
}


def measure(
    shared: Path | None = None, settings: Settings | None = None, benchmarks: tuple[str, ...] | None = None
) -> dict[str, dict[str, Any]]:
    """Metrics of each benchmark on its fixed subset, plus ``seconds`` it took (models load once).

    ``shared`` is the folder holding ``data/`` and ``examples/`` (default: ../shared).
    """
    from selon.eval.run import default_shared
    from selon.settings import load_settings

    shared = Path(shared) if shared is not None else default_shared()
    settings = settings or load_settings()
    out: dict[str, dict[str, Any]] = {}
    for bench in benchmarks or tuple(_MEASURES):
        if bench not in _MEASURES:
            raise GateError(f"unknown benchmark {bench!r}; known: {', '.join(_MEASURES)}")
        started = time.perf_counter()
        values: dict[str, Any] = dict(_MEASURES[bench](shared, settings))
        values["seconds"] = round(time.perf_counter() - started, 2)
        out[bench] = values
    return out


def report_table(measured: dict[str, dict[str, Any]], floors: dict[str, Any]) -> str:
    """One line per floored metric: measured, floor, margin and status."""
    broken = {(f.benchmark, f.metric) for f in check(measured, floors)}
    head = f"{'benchmark.metric':<44}{'measured':>10}{'floor':>8}{'margin':>9}  status"
    lines = [head, "-" * len(head)]
    for bench, metrics in floor_values(floors).items():
        for metric, floor in metrics.items():
            value = measured.get(bench, {}).get(metric)
            shown = "-" if value is None else f"{value:.4f}"
            margin = "-" if value is None else f"{value - floor:+.4f}"
            status = "BROKEN" if (bench, metric) in broken else "ok"
            lines.append(f"{bench + '.' + metric:<44}{shown:>10}{floor:>8.3f}{margin:>9}  {status}")
    seconds = [f"{b} {v['seconds']:.1f} s" for b, v in measured.items() if "seconds" in v]
    if seconds:
        lines.append("time: " + ", ".join(seconds))
    return "\n".join(lines)
