"""Draw a fixed random sample of French claims for judging by reading, and score the judged file.

Why this exists: there is no public French gold for claim attribution, so French precision is
measured by people reading a sample of what selon produces on real pages. The sample is drawn
with a fixed seed from ALL claims of the ten pages in /work/shared/data/fr-pages, so a later round
re-draws the same way after the code changes and the numbers stay comparable.

    python scripts/judge_fr_sample.py --write docs/judged/fr_claims_roundN.tsv [--save-analysis F.jsonl]
    python scripts/judge_fr_sample.py --score docs/judged/fr_claims_roundN.tsv

A claim counts as right only when content, source, cue and certainty are all judged right.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path
from typing import Any

PAGES = Path("/work/shared/data/fr-pages")
SEED = 20261125
SIZE = 50
COLUMNS = [
    "doc",
    "claim_id",
    "start",
    "end",
    "content",
    "source_mention",
    "source_name",
    "source_kind",
    "cue",
    "certainty",
    "content_ok",
    "source_ok",
    "cue_ok",
    "certainty_ok",
    "verdict",
    "note",
]
ASPECTS = ["content_ok", "source_ok", "cue_ok", "certainty_ok"]
YES = {"1", "y", "yes", "ok", "true", "right"}


def analyse(folder: Path) -> list[dict[str, Any]]:
    """The analysed articles of every page in ``folder``, as plain JSON objects."""
    import selon
    from selon.ingest import iter_documents
    from selon.settings import load_settings

    articles = []
    for item in selon.analyze_documents(iter_documents([folder], load_settings())):
        if isinstance(item, selon.Article):
            articles.append(item.model_dump(mode="json"))
        else:
            print(f"skipped: {item}", file=sys.stderr)
    return articles


def sample(articles: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """``SIZE`` (article, claim) pairs drawn with the fixed seed, sorted by document and position."""
    pool = [(a, c) for a in sorted(articles, key=lambda a: a["id"]) for c in a["claims"]]
    drawn = random.Random(SEED).sample(pool, min(SIZE, len(pool)))
    return sorted(drawn, key=lambda p: (p[0]["id"], p[1]["content"]["start"], p[1]["id"]))


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def row(article: dict[str, Any], claim: dict[str, Any]) -> dict[str, str]:
    src, cue, content = claim.get("source") or {}, claim.get("cue") or {}, claim["content"]
    return {
        "doc": article["id"],
        "claim_id": claim["id"],
        "start": str(content["start"]),
        "end": str(content["end"]),
        "content": _flat(content["text"]),
        "source_mention": _flat(src.get("text")),
        "source_name": _flat(src.get("name")),
        "source_kind": src.get("kind", ""),
        "cue": _flat(cue.get("text")),
        "certainty": claim["certainty"],
    }


def write(path: Path, articles: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.DictWriter(fh, COLUMNS, delimiter="\t", restval="", lineterminator="\n")
        out.writeheader()
        for article, claim in sample(articles):
            out.writerow(row(article, claim))


def score(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    rows = [r for r in rows if r.get("verdict", "").strip()]
    if not rows:
        return "no judged rows"
    n = len(rows)

    def ok(r: dict[str, str], col: str) -> bool:
        return r[col].strip().lower() in YES

    right = sum(all(ok(r, a) for a in ASPECTS) for r in rows)
    lines = [f"judged claims: {n}", f"precision (all four right): {right}/{n} = {right / n:.2f}"]
    lines += [
        f"  {a[:-3]:<10} {sum(ok(r, a) for r in rows)}/{n} = {sum(ok(r, a) for r in rows) / n:.2f}" for a in ASPECTS
    ]
    clash = [r["claim_id"] for r in rows if (r["verdict"].strip().lower() == "right") != all(ok(r, a) for a in ASPECTS)]
    if clash:
        lines.append(f"warning: verdict disagrees with the four judgments for {', '.join(clash)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="analyse the pages and write the sample TSV to judge")
    group.add_argument("--score", type=Path, help="print precision of a judged TSV")
    parser.add_argument("--pages", type=Path, default=PAGES, help="folder of French pages")
    parser.add_argument("--save-analysis", type=Path, help="with --write: also save the analysed pages (JSON Lines)")
    args = parser.parse_args(argv)
    if args.score:
        print(score(args.score))
        return 0
    articles = analyse(args.pages)
    write(args.write, articles)
    if args.save_analysis:
        with args.save_analysis.open("w", encoding="utf-8") as fh:
            for article in articles:
                fh.write(json.dumps(article, ensure_ascii=False) + "\n")
    total = sum(len(a["claims"]) for a in articles)
    print(f"{len(articles)} pages, {total} claims, sample of {min(SIZE, total)} written to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
