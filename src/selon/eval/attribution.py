"""Attribution gold in any brat folder, either language: loader, certainty agreement, table.

PolNeAR's scorer (``selon.eval.polnear``) generalised: the gold is a folder of ``NAME.txt`` and
``NAME.ann`` (selon's own French gold, ``selon/data/gold/fr/{train,dev}``), or PolNeAR's own layout
(``text/`` and ``attributions/``). Spans are scored as PolNeAR's (``SPAN_RULE``); where the gold
records a certainty per attribution, the matched pairs are also compared on it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from selon.errors import InputError, PolnearFormatError
from selon.eval.polnear import (
    GoldArticle,
    PredictedAttribution,
    attributions_from_ann,
    load_split,
    pair_attributions,
    read_text,
    score,
)
from selon.eval.spans import TokenIndex
from selon.model import Claim

#: Figures to read ours beside: exact-span F1 per role and attribution F1, in percent.
ANCHORS: dict[str, dict[str, dict[str, float]]] = {
    "fr": {
        "selon 0.1 rules, held-out French pages": {"source": 38.0, "cue": 42.0, "content": 17.0, "attribution": 49.0},
        "Gender Gap Tracker French rules, same pages": {"attribution": 47.0},
        "issue 13 target": {"source": 65.0, "cue": 70.0, "content": 55.0, "attribution": 75.0},
    },
    "en": {
        "selon, PolNeAR test": {"source": 76.0, "cue": 71.0, "content": 63.0},
        "CofeNet+BERT (Wang et al. 2022), PolNeAR test": {"source": 83.2, "cue": 75.3, "content": 72.9},
    },
}

#: Which of our claims the gold would mark: a cue, a source (an inherited one too), or a hedged
#: report with no source (the journalistic conditional); the outlet's own assertions are left out.
ATTRIBUTION_RULE = "claims with a cue, a source (inherited included) or a certainty other than 'asserted'"


def load_gold(folder: Path) -> list[GoldArticle]:
    """Every annotated article of ``folder``: ``NAME.txt`` + ``NAME.ann``, or PolNeAR's split layout."""
    folder = Path(folder)
    if (folder / "text").is_dir() and (folder / "attributions").is_dir():
        return load_split(folder.parent, folder.name)
    if not folder.is_dir():
        raise InputError(f"no gold folder at {folder}; pass --gold DIR (NAME.txt and NAME.ann files)")
    articles = []
    for text_path in sorted(folder.glob("*.txt")):
        ann_path = text_path.with_suffix(".ann")
        if not ann_path.is_file():
            continue
        text = read_text(text_path)
        try:
            attributions = attributions_from_ann(read_text(ann_path), text)
        except PolnearFormatError as exc:
            raise InputError(f"{ann_path}: {exc}; fix the file or restore it from the repository") from exc
        articles.append(GoldArticle(name=text_path.stem, text=text, annotator="", attributions=attributions))
    if not articles:
        raise InputError(f"{folder} holds no NAME.txt with its NAME.ann; pass --gold DIR")
    return articles


def scored_attributions(claims: list[Claim]) -> list[PredictedAttribution]:
    """Our claims as the gold marks attributions (``ATTRIBUTION_RULE``), with their certainty."""
    return [
        PredictedAttribution(
            source=(c.source.start, c.source.end) if c.source is not None else None,
            cue=(c.cue.start, c.cue.end) if c.cue else None,
            content=(c.content.start, c.content.end),
            certainty=c.certainty,
        )
        for c in claims
        if c.cue is not None or c.source is not None or c.certainty != "asserted"
    ]


def certainty_agreement(gold: list[GoldArticle], predicted: Mapping[str, list[PredictedAttribution]]) -> dict[str, Any]:
    """On the attributions matched by content, how often our certainty is the gold's, with the confusions."""
    pairs = agree = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for article in gold:
        preds = list(predicted.get(article.name, []))
        index = TokenIndex.of_text(article.text)
        for g, p in pair_attributions(index, article.attributions, preds):
            expected, found = article.attributions[g].certainty, preds[p].certainty
            if expected is None or found is None:
                continue
            pairs += 1
            agree += expected == found
            confusion[(expected, found)] += 1
    table: dict[str, dict[str, int]] = {}
    for (expected, found), n in sorted(confusion.items()):
        table.setdefault(expected, {})[found] = n
    return {"pairs": pairs, "agreement": round(agree / pairs, 4) if pairs else None, "gold_by_ours": table}


def score_with_certainty(
    gold: list[GoldArticle], predicted: Mapping[str, list[PredictedAttribution]]
) -> dict[str, Any]:
    """PolNeAR's scores plus certainty agreement on the matched pairs."""
    report = score(gold, predicted)
    report["certainty"] = certainty_agreement(gold, predicted)
    report["attribution_rule"] = ATTRIBUTION_RULE
    return report


def format_table(report: Mapping[str, Any]) -> str:
    """Per role P/R/F1 (exact) and token F1, attribution rows, certainty agreement, then the anchors."""

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{100 * value:.1f}"

    head = f"{'role':<20}{'exact P':>9}{'exact R':>9}{'exact F1':>9}{'token F1':>9}"
    lines = [
        f"{report.get('gold', 'gold')}: {report['articles']} articles, {report['gold_attributions']} gold and "
        f"{report['predicted_attributions']} predicted attributions",
        head,
        "-" * len(head),
    ]
    for role in ("source", "cue", "content"):
        ex, tok = report["roles"][role]["exact"], report["roles"][role]["token"]
        lines.append(f"{role:<20}{pct(ex['precision']):>9}{pct(ex['recall']):>9}{pct(ex['f1']):>9}{pct(tok['f1']):>9}")
    for key in ("attribution", "attribution+source"):
        m = report[key]
        lines.append(f"{key:<20}{pct(m['precision']):>9}{pct(m['recall']):>9}{pct(m['f1']):>9}")
    certainty = report.get("certainty") or {}
    if certainty.get("pairs"):
        lines.append(f"certainty agreement {pct(certainty['agreement'])} on {certainty['pairs']} matched pairs")
    for name, figures in ANCHORS.get(str(report.get("language")), {}).items():
        shown = ", ".join(f"{k} {v:.1f}" for k, v in figures.items())
        lines.append(f"anchor: {name}: {shown}")
    return "\n".join(lines)
