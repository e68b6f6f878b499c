"""``selon eval crosslang``: claims that cross languages, on real articles and their translations.

The data is half of the WMT14 French-English news test set (``../shared/data/fr-en-pairs``): each
article and its professional translation, aligned sentence by sentence. Both are analysed as two
documents of two outlets into a fresh store and the corpus is brought up to date. Then:

* **recall**: the share of French attributed claims (those with a cue) whose cluster holds a
  *twin*: a claim of the translation whose content lies in an aligned sentence;
* **precision**: the share of French-English claim pairs sharing a cluster that are twins;
* **translations grouped**: the share of article pairs put in one syndication group (a
  translation is a copy: its claims count one source), and false translation pairs;
* **ceiling**: the share of French attributed claims that have a twin at all (what extraction
  allows: the English side must find a claim in the same sentence).
"""

from __future__ import annotations

import json
import tempfile
import time
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selon.errors import InputError
from selon.ingest.document import RawDocument
from selon.model import Article, Claim
from selon.settings import Settings

PAIRS_FILE = "newstest2014-fren-dev.jsonl"
ANCHOR = (
    "before this measurement existed, about a third of the French attributed claims clustered with "
    "their translation, at a precision of 0.99 (issue 16)"
)


@dataclass
class Side:
    """One article of a pair: its document and where each of its sentences starts."""

    doc: RawDocument
    starts: list[int]


def load_pairs(path: Path) -> list[tuple[str, Side, Side]]:
    """(docid, French side, English side) for every article pair of the file."""
    if not path.is_file():
        raise InputError(f"no French-English pairs at {path}; pass --data DIR (the folder holding {PAIRS_FILE})")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        pair = json.loads(line)
        outlet = pair["docid"].split("-", 1)[-1]
        sides = {}
        for lang in ("fr", "en"):
            title, *body = pair[lang]
            text, starts = "", []
            for sentence in body:
                starts.append(len(text))
                text += sentence + " "
            name = outlet if lang == pair["origlang"] else f"{outlet}-translation-{lang}"
            doc = RawDocument(id=f"{pair['docid']}.{lang}", text=text.strip(), title=title, outlet=name, language=lang)
            doc.published = "2014-01-01"
            sides[lang] = Side(doc, starts)
        out.append((pair["docid"], sides["fr"], sides["en"]))
    return out


def _sentences(claim: Claim, starts: list[int]) -> set[int]:
    lo = bisect_right(starts, claim.content.start) - 1
    hi = bisect_right(starts, max(claim.content.end - 1, claim.content.start)) - 1
    return set(range(lo, hi + 1))


def score(
    articles: dict[str, Article],
    starts: dict[str, list[int]],
    cluster: dict[tuple[str, str], int | None],
    groups: dict[str, str],
    pair_ids: list[str],
) -> dict[str, Any]:
    """The cross-language figures from the analysed articles, their clusters and groups."""
    fr_docs = {p: articles.get(f"{p}.fr") for p in pair_ids}
    en_docs = {p: articles.get(f"{p}.en") for p in pair_ids}
    cued = hit = ceiling = 0
    for p, fr in fr_docs.items():
        en = en_docs[p]
        if fr is None or en is None:
            continue
        for c in (c for c in fr.claims if c.cue is not None):
            cued += 1
            twins = [d for d in en.claims if _sentences(d, starts[en.id]) & _sentences(c, starts[fr.id])]
            ceiling += bool(twins)
            label = cluster.get((fr.id, c.id))
            hit += label is not None and any(cluster.get((en.id, d.id)) == label for d in twins)
    members: dict[int, list[tuple[str, Claim]]] = {}
    claims = {(a.id, c.id): (a.id, c) for a in articles.values() for c in a.claims}
    for key, label in cluster.items():
        if label is not None and key in claims:
            members.setdefault(label, []).append(claims[key])
    pairs = good = 0
    for ms in members.values():
        for doc_f, cf in (m for m in ms if m[0].endswith(".fr")):
            for doc_e, ce in (m for m in ms if m[0].endswith(".en")):
                pairs += 1
                same_story = doc_f[:-3] == doc_e[:-3]
                good += same_story and bool(_sentences(cf, starts[doc_f]) & _sentences(ce, starts[doc_e]))
    both = [p for p in pair_ids if f"{p}.fr" in groups and f"{p}.en" in groups]
    grouped = sum(groups[f"{p}.fr"] == groups[f"{p}.en"] for p in both)
    wrong = _false_groupings(groups)
    return {
        "pairs": len(pair_ids),
        "pairs_analysed": len(both),
        "french_attributed_claims": cued,
        "recall": hit / cued if cued else 0.0,
        "ceiling": ceiling / cued if cued else 0.0,
        "cross_pairs": pairs,
        "precision": good / pairs if pairs else 1.0,
        "translations_grouped": grouped / len(both) if both else 0.0,
        "false_groupings": wrong,
    }


def _false_groupings(groups: dict[str, str]) -> int:
    """Documents grouped with a document of another story."""
    by_group: dict[str, set[str]] = {}
    for doc, group in groups.items():
        by_group.setdefault(group, set()).add(doc.rsplit(".", 1)[0])
    return sum(len(stories) - 1 for stories in by_group.values())


def eval_crosslang(data: Path, settings: Settings, store_path: Path | None = None) -> dict[str, Any]:
    """Analyse the pairs into a store (a temporary one unless given), update the corpus, score."""
    from selon.corpus import Corpus
    from selon.engine import analyze_documents
    from selon.store import Store
    from selon.store.sql import fetch_all

    path = data / PAIRS_FILE if data.is_dir() else data
    pairs = load_pairs(path)
    sides = [s for _, fr, en in pairs for s in (fr, en)]
    started = time.perf_counter()
    articles = {a.id: a for a in analyze_documents([s.doc for s in sides], settings=settings) if isinstance(a, Article)}
    analysed = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        db = store_path or Path(tmp) / "crosslang.db"
        with Store(db) as store:
            store.save_many(articles.values())
            started = time.perf_counter()
            with Corpus(store) as corpus:
                corpus.update()
            updated = time.perf_counter() - started
            rows = fetch_all(store.conn, "SELECT doc_id, claim_id, cluster_id FROM corpus_claims")
            groups = dict(fetch_all(store.conn, "SELECT doc_id, group_id FROM corpus_documents"))
    report = score(
        articles, {s.doc.id: s.starts for s in sides}, {(d, c): k for d, c, k in rows}, groups, [p for p, _, _ in pairs]
    )
    report.update(
        data=str(path), analysis_seconds=round(analysed, 1), corpus_update_seconds=round(updated, 1), anchor=ANCHOR
    )
    return report


def format_table(report: dict[str, Any]) -> str:
    """The figures for people."""
    rows = [
        ("French attributed claims", f"{report['french_attributed_claims']}"),
        ("clustered with their translation (recall)", f"{report['recall']:.3f}"),
        ("  ceiling: a twin claim exists", f"{report['ceiling']:.3f}"),
        ("French-English pairs in a cluster", f"{report['cross_pairs']}"),
        ("  of which true twins (precision)", f"{report['precision']:.3f}"),
        ("article pairs grouped as copies", f"{report['translations_grouped']:.3f} of {report['pairs_analysed']}"),
        ("documents grouped with another story", f"{report['false_groupings']}"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{name:<{width}}  {value}" for name, value in rows]
    return "\n".join([*lines, f"anchor: {report['anchor']}"])
