"""Write the texts of the web benchmark's store as one JSON Lines file, with outlet, date and title.

PolNeAR train and dev (English, with the publisher, publication date and title of
``metadata.tsv``) and the French Wikinews articles (dated by their file name) from the shared
data; then ``selon ingest`` the file into a store and ``bench/web.py`` measures the server on it::

    .venv/bin/python bench/web_corpus.py --out /tmp/web.jsonl
    .venv/bin/selon ingest /tmp/web.jsonl --db /tmp/web.db
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from selon.eval.run import default_shared


def polnear(root: Path) -> Iterator[dict[str, str | None]]:
    """PolNeAR train and dev articles with their metadata."""
    meta: dict[str, dict[str, str]] = {}
    with open(root / "metadata.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            meta[row["filename"]] = row
    for split in ("train", "dev"):
        for path in sorted((root / split / "text").glob("*.txt")):
            m = meta.get(path.stem, {})
            yield {
                "id": path.stem,
                "text": path.read_text(encoding="utf-8"),
                "outlet": m.get("publisher") or None,
                "published": m.get("publication_date") or None,
                "title": m.get("title") or None,
                "language": "en",
            }


def wikinews(root: Path) -> Iterator[dict[str, str | None]]:
    """French Wikinews articles, dated by their name (``2016_01_01-002``)."""
    urls: dict[str, str] = {}
    for line in (root / "index.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, url, *_ = line.split("\t")
            urls[name] = url
    for path in sorted((root / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        yield {
            "id": "wikinews-" + path.stem,
            "text": text,
            "outlet": "fr.wikinews.org",
            "published": path.stem[:10].replace("_", "-"),
            "title": text.splitlines()[0][:200] if text else None,
            "url": urls.get(path.stem),
            "language": "fr",
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=None, help="shared data folder (default: ../shared)")
    args = parser.parse_args(argv)
    data = (args.shared or default_shared()) / "data"
    count = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for record in (*polnear(data / "polnear"), *wikinews(data / "fr-wikinews")):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    print(f"wrote {count} documents to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
