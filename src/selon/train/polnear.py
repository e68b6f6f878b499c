"""``selon train polnear``: the attribution tagger and its content boundary reranker, rebuilt from PolNeAR train.

The two fits are steps of ``selon.train.crf`` (the tagger) and ``selon.train.boundaries`` (the
reranker, which itself fits taggers on parts of train); this module parses the corpus once and
runs both, so that neither step has to know of the other's caller.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from spacy.language import Language

from selon.eval.polnear import load_split
from selon.nlp.learned.boundaries.reranker import boundaries_path
from selon.nlp.learned.tagger import DEFAULT_MODEL
from selon.train.boundaries import fit_boundaries
from selon.train.crf import fit, parse_articles, parse_pipeline, split_held_out


def train_polnear(
    data_root: Path,
    out_path: Path = DEFAULT_MODEL,
    *,
    split: str = "train",
    nlp: Language | None = None,
    params: dict[str, Any] | None = None,
    n_process: int = 1,
    hold_out: bool = False,
    boundaries: bool = True,
) -> dict[str, Any]:
    """Rebuild the attribution model from ``data_root/split`` (PolNeAR layout) into ``out_path``.

    ``hold_out`` leaves out the articles of ``split_held_out`` (a model to tune against, not to
    ship). ``boundaries`` also fits the content boundary reranker beside it
    (``NAME.boundaries.json``, see ``fit_boundaries``). Returns the statistics of ``fit`` plus
    the parsing time, the data read and the reranker's statistics.
    """
    if split in ("dev", "test"):
        raise ValueError(f"the model is trained on PolNeAR train only, not '{split}': dev and test measure it")
    nlp = nlp if nlp is not None else parse_pipeline()
    articles = load_split(Path(data_root), split)
    if hold_out:
        articles = split_held_out(articles)[0]
    started = time.perf_counter()
    docs = parse_articles(nlp, articles, n_process=n_process)
    parse_seconds = time.perf_counter() - started
    stats = fit(articles, docs, Path(out_path), params=params)
    if boundaries:
        stats["boundaries"] = fit_boundaries(articles, docs, boundaries_path(Path(out_path)), crf_params=params)
    read = split + (" minus the held-out fifth" if hold_out else "")
    stats.update(
        {
            "parse_seconds": round(parse_seconds, 1),
            "split": read,
            "data": str(data_root),
            "spacy_model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
        }
    )
    meta_path = Path(out_path).with_suffix(".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["training"] = stats
    meta_path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return stats
