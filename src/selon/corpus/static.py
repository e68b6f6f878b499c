"""Static word vectors distilled from the multilingual encoder: claim vectors at the cost of a lookup.

The full encoder (:class:`selon.corpus.embed.E5Embedder`) reads about fifty claims a second on
two cores, four times what the analysis costs. These vectors are the same encoder's output for
each word of a news vocabulary in French and English, read once offline
(``scripts/build_static_vectors.py``), centred, reduced by PCA and shipped in the package. A
claim's vector is the frequency-weighted mean of its words' vectors (rare words weigh more,
as in smooth inverse frequency), so French and English translations of one statement still land
close: the encoder placed "guerre" beside "war" and "ministre" beside "minister". A word
outside the vocabulary (a name, a number) gets a pseudo-random vector fixed by its spelling: the
same name in two languages then counts as a strong shared word, and two different names do not.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from importlib import resources

import numpy as np

from selon.errors import EmbeddingError

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
DATA_FILE = "static_vectors.npz"
OOV_BUCKETS = 4096  # pseudo-random vectors for words outside the vocabulary, chosen by a hash
OOV_SEED = 2016


def words(text: str) -> list[str]:
    """The words of a text as the vectors know them: lower case, letters and digits, apostrophes cut."""
    return _WORD.findall(text.lower())


def bucket(word: str) -> int:
    """The pseudo-random vector of a word outside the vocabulary (stable across runs and machines)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest(), "little") % OOV_BUCKETS


class StaticEmbedder:
    """Claim vectors from the shipped word vectors; thousands of claims a second on one core."""

    _loaded: tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray, float, str] | None = None

    def __init__(self) -> None:
        if StaticEmbedder._loaded is None:
            StaticEmbedder._loaded = _load()
        self._index, self._vectors, self._weights, self._oov, self._oov_weight, self.name = StaticEmbedder._loaded
        self.dim = int(self._vectors.shape[1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text (a text without words gives zeros)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            ids, oov = self._ids(words(text))
            vec = np.zeros(self.dim, dtype=np.float32)
            if ids:
                vec += self._weights[ids] @ self._vectors[ids]
            if oov:
                vec += self._oov_weight * self._oov[oov].sum(axis=0)
            norm = float(np.linalg.norm(vec))
            if norm > 0:
                out[row] = vec / norm
        return out

    def _ids(self, tokens: Iterable[str]) -> tuple[list[int], list[int]]:
        ids: list[int] = []
        oov: list[int] = []
        for token in tokens:
            i = self._index.get(token)
            if i is None:
                oov.append(bucket(token))
            else:
                ids.append(i)
        return ids, oov


def _load() -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray, float, str]:
    try:
        with resources.files("selon.corpus").joinpath("data", DATA_FILE).open("rb") as fh:
            data = np.load(fh, allow_pickle=False)
            vocab = [str(w) for w in data["vocab"]]
            vectors = data["vectors"].astype(np.float32) * float(data["scale"])
            weights = data["weights"].astype(np.float32)
            name = str(data["name"])
    except (OSError, KeyError, ValueError) as exc:
        raise EmbeddingError(
            f"cannot read selon's static word vectors ({DATA_FILE}): {exc}; reinstall selon, "
            "or rebuild them with scripts/build_static_vectors.py"
        ) from exc
    rng = np.random.default_rng(OOV_SEED)
    oov = rng.standard_normal((OOV_BUCKETS, vectors.shape[1])).astype(np.float32)
    oov *= float(np.median(np.linalg.norm(vectors, axis=1))) / np.linalg.norm(oov, axis=1, keepdims=True)
    return {w: i for i, w in enumerate(vocab)}, vectors, weights, oov, float(weights.max()), name
