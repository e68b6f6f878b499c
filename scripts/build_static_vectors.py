"""Distil the shipped static word vectors (src/selon/corpus/data/static_vectors.npz) from the encoder.

    .venv/bin/python scripts/build_static_vectors.py [--shared ../shared] [--cache /tmp/e5-words.npz]

The vocabulary is every word seen at least ``--min-count`` times in the public French and English
news of ../shared (PolNeAR train and dev, the French Wikinews reports, the OrangeSum pages; never the
French-English pairs, which judge the result). Each word is read alone by multilingual-e5-small
(the "query: " prefix, as for claims); the vectors are centred (the encoder gives every lone word a
large common component), projected on the principal components after the first twelve (those
say which language a word is in: with them, "guerre" is nearer any French word than "war"), ``--dim`` of them,
and stored as int8 with one scale.
Word weights are smooth inverse frequencies, a / (a + p(word)), from the same counts.
Reading the words takes about four minutes on two cores; ``--cache`` keeps them for a rerun.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from selon.corpus.embed import MODEL_NAME, default_embedder
from selon.corpus.static import words
from selon.ingest.warc import iter_warc
from selon.settings import load_settings

SIF_A = 1e-3
DROP = 12  # leading principal components left out: they carry the language of a word, not its sense


def texts(shared: Path) -> list[str]:
    """The public news texts the vocabulary comes from."""
    out: list[str] = []
    for split in ("train", "dev"):
        out += [
            p.read_text(encoding="utf-8", errors="replace")
            for p in sorted((shared / "data/polnear" / split / "text").glob("*.txt"))
        ]
    out += [
        p.read_text(encoding="utf-8", errors="replace") for p in sorted((shared / "data/fr-wikinews/text").glob("*"))
    ]
    for warc in sorted((shared / "data/orangesum").glob("*.warc.gz")):
        out += [d.text for d in iter_warc(warc, load_settings(None)) if hasattr(d, "text")]
    return out


def read_words(vocab: list[str], cache: Path | None) -> np.ndarray:
    """The encoder's vector of each word alone (from the cache when it holds this vocabulary)."""
    if cache and cache.exists():
        data = np.load(cache, allow_pickle=False)
        if [str(w) for w in data["vocab"]] == vocab:
            return data["vectors"]
    embedder = default_embedder()
    out = np.zeros((len(vocab), 384), dtype=np.float32)
    started = time.perf_counter()
    for start in range(0, len(vocab), 1024):
        out[start : start + 1024] = embedder.encode(vocab[start : start + 1024])
        done = min(start + 1024, len(vocab))
        print(f"  {done}/{len(vocab)} words, {done / (time.perf_counter() - started):.0f}/s", file=sys.stderr)
    if cache:
        np.savez(cache, vocab=np.array(vocab), vectors=out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--dim", type=int, default=256)
    parser.add_argument("--out", type=Path, default=Path("src/selon/corpus/data/static_vectors.npz"))
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    for text in texts(args.shared):
        counts.update(words(text))
    total = sum(counts.values())
    vocab = sorted(w for w, n in counts.items() if n >= args.min_count)
    print(f"{len(counts)} distinct words in {total} tokens; {len(vocab)} seen {args.min_count}+ times", file=sys.stderr)
    raw = read_words(vocab, args.cache)
    weights = np.array([SIF_A / (SIF_A + counts[w] / total) for w in vocab], dtype=np.float32)
    centred = raw - (weights[:, None] * raw).sum(axis=0) / weights.sum()
    _, _, vt = np.linalg.svd(centred - centred.mean(axis=0), full_matrices=False)
    reduced = centred @ vt[DROP : DROP + args.dim].T
    scale = float(np.abs(reduced).max()) / 127.0
    np.savez_compressed(
        args.out,
        vocab=np.array(vocab),
        vectors=np.round(reduced / scale).astype(np.int8),
        scale=np.float32(scale),
        weights=weights.astype(np.float16),
        name=np.array(f"static words of {MODEL_NAME}, {len(vocab)} words, {args.dim} dims after {DROP}"),
    )
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
