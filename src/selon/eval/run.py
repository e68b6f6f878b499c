"""Benchmarks behind ``selon eval``: each returns a JSON-serialisable report with the anchors."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from selon.model import Article, Claim
from selon.settings import Settings


def default_shared() -> Path:
    """../shared beside the working directory or beside the repository, whichever exists."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        cand = base.parent / "shared"
        if cand.exists():
            return cand
    return Path.cwd().parent / "shared"


def predicted_attributions(claims: list[Claim]) -> list:
    """Our claims as PolNeAR scores them: spans of the cued ones, an inherited source left out."""
    from selon.eval.polnear import PredictedAttribution

    return [
        PredictedAttribution(
            source=(c.source.start, c.source.end) if c.source is not None and not c.source.inherited else None,
            cue=(c.cue.start, c.cue.end) if c.cue else None,
            content=(c.content.start, c.content.end),
        )
        for c in _attributed(claims)
    ]


def _attributed(claims: list[Claim]) -> list[Claim]:
    """Claims that a PolNeAR annotator would mark: those with an explicit cue."""
    return [c for c in claims if c.cue is not None]


def eval_polnear(data: Path, split: str, settings: Settings) -> dict[str, Any]:
    """Exact-span, token and attribution-level scores on a PolNeAR split."""
    from selon.errors import InputError
    from selon.eval.polnear import ANNOTATOR_RULE, PredictedAttribution, load_split, score
    from selon.nlp.learned.tagger import load_tagger
    from selon.nlp.pipeline import build_pipeline

    if not (data / split).exists():
        raise InputError(
            f"no PolNeAR split '{split}' under {data}; pass --data DIR (the folder holding train/ and dev/)"
        )
    gold = load_split(data, split)
    nlp = build_pipeline("en", settings)
    started = time.perf_counter()
    predicted: dict[str, list[PredictedAttribution]] = {}
    tokens = 0
    for article, doc in zip(gold, nlp.pipe([g.text for g in gold], batch_size=settings.analysis_batch_size)):
        tokens += len(doc)
        predicted[article.name] = predicted_attributions(doc._.selon_claims)
    seconds = time.perf_counter() - started
    report = score(gold, predicted)
    tagger = load_tagger()
    report.update(
        {
            "benchmark": "polnear",
            "split": str(split),
            "seconds": round(seconds, 2),
            "tokens_per_second": round(tokens / seconds) if seconds else None,
            "annotator_rule": ANNOTATOR_RULE,
            "english_attributions": (
                f"learned model {tagger.path.name} + rules" if tagger is not None else "rules only (no learned model)"
            ),
        }
    )
    return report


def eval_newsquant(data: Path, settings: Settings) -> dict[str, Any]:
    """Value and value+unit F1 on the NewsQuant sentences."""
    from selon.errors import InputError
    from selon.eval.newsquant import evaluate
    from selon.nlp.pipeline import build_pipeline

    path = data / "NewsQuant.dev.json" if data.is_dir() else data
    if not path.exists():
        raise InputError(f"no NewsQuant file at {path}; pass --data PATH")
    report = evaluate(path, build_pipeline("en", settings))
    report["benchmark"] = "newsquant"
    return report


def eval_examples(folder: Path, settings: Settings) -> dict[str, Any]:
    """Pass/fail of every item of every ``*.expected.json`` in ``folder``."""
    from selon.engine import analyze
    from selon.errors import InputError
    from selon.eval.examples import check_article, summarize

    files = sorted(folder.glob("*.expected.json"))
    if not files:
        raise InputError(f"no *.expected.json in {folder}; pass --dir DIR")
    out: dict[str, Any] = {"benchmark": "examples", "documents": []}
    for path in files:
        expected = json.loads(path.read_text(encoding="utf-8"))
        text_path = folder / expected["document"]
        article: Article = analyze(
            text_path.read_text(encoding="utf-8"),
            id=text_path.stem,
            language=expected.get("language"),
            settings=settings,
        )
        results = check_article(article, expected)
        out["documents"].append(
            {
                "document": expected["document"],
                "summary": summarize(results),
                "items": [{"id": r.id, "level": r.level, "passed": r.passed, "problems": r.problems} for r in results],
            }
        )
    return out


def examples_table(report: dict[str, Any]) -> str:
    lines = []
    for doc in report["documents"]:
        s = doc["summary"]
        lines.append(
            f"{doc['document']}: must {s['must']['passed']}/{s['must']['total']}, "
            f"should {s['should']['passed']}/{s['should']['total']}"
        )
        for item in doc["items"]:
            mark = "pass" if item["passed"] else "FAIL"
            lines.append(f"  {item['id']:<4} {item['level']:<6} {mark}  {'; '.join(item['problems'])}")
    return "\n".join(lines)


def french_gold(split: str = "dev") -> Path:
    """selon's own French attribution gold, shipped in the package (``selon/data/gold/fr/SPLIT``)."""
    return Path(__file__).resolve().parents[1] / "data" / "gold" / "fr" / split


def eval_attribution(gold_dir: Path, language: str | None, settings: Settings) -> dict[str, Any]:
    """Exact and token F1 per role, attribution F1 and certainty agreement on any brat attribution folder."""
    from selon.engine import analyze_documents
    from selon.eval.attribution import load_gold, score_with_certainty, scored_attributions
    from selon.ingest import RawDocument

    gold = load_gold(gold_dir)
    started = time.perf_counter()
    predicted = {}
    languages: set[str] = set()
    raws = [RawDocument(id=g.name, text=g.text, language=language) for g in gold]
    for article in analyze_documents(raws, language=language, settings=settings):
        if isinstance(article, Article):
            languages.add(article.language)
            predicted[article.id] = scored_attributions(article.claims)
    seconds = time.perf_counter() - started
    report = score_with_certainty(gold, predicted)
    report.update(
        {
            "benchmark": "attribution",
            "gold": str(gold_dir),
            "language": language or ("/".join(sorted(languages)) or None),
            "analysed": len(predicted),
            "seconds": round(seconds, 2),
        }
    )
    return report
