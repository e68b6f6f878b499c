"""Per token value, what the strings it makes weigh in a model: kept across Docs.

A model (the tagger's CRF, the boundary reranker) scores strings such as ``w=said``, made from a
token value and a template; the strings of a value are the same in every Doc. A table remembers,
for each value (or tuple of values) met, what its strings map to in the model (attribute ids or
weights), so each Doc formats and looks up only the values it is the first to bring. A table is
shared by every thread analysing with the same model, so its reads and writes hold its lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Mapping, Sequence
from itertools import repeat
from typing import Any

import numpy as np

#: keys remembered per table before it starts afresh (words and word pairs keep coming)
LIMIT = 200_000


class ValueTable:
    """For a key (a token value or a tuple of them), what each of the strings ``make(key)`` maps
    to in ``model`` (``default`` when absent), one column per string; remembered across Docs,
    forgotten all at once past ``LIMIT`` keys."""

    def __init__(
        self,
        model: Mapping[str, Any],
        default: Any,
        width: int,
        make: Callable[[Any], Sequence[str]],
        dtype: type = np.intp,
    ) -> None:
        self._model = model
        self._default = default
        self._make = make
        self._dtype = dtype
        self.width = width
        self._lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        #: each key's row in ``_matrix``, whose first ``len(_known)`` rows are filled (it grows by doubling)
        self._known: dict[Hashable, int] = {}
        self._matrix: np.ndarray = np.zeros((1024, self.width), dtype=self._dtype)
        #: for ``pair_rows``: a number for each value met on either side, and the values by number
        self._numbers: tuple[dict[str, int], dict[str, int]] = ({}, {})
        self._values: tuple[list[str], list[str]] = ([], [])

    def rows(self, keys: Sequence[Hashable]) -> np.ndarray:
        """One row per key: shape (len(keys), width)."""
        with self._lock:
            if len(self._known) > LIMIT:
                self._clear()
            return self._rows(keys, None)

    def _rows(self, keys: Sequence[Hashable], decode: Callable[[Any], Any] | None) -> np.ndarray:
        """The rows of ``keys``; a key not met yet is made into its strings as ``make(decode(key))``."""
        known = self._known
        index = np.fromiter(map(known.get, keys, repeat(-1)), dtype=np.intp, count=len(keys))
        if len(keys) and index.min() < 0:
            get, default, make = self._model.get, self._default, self._make
            for k in np.flatnonzero(index < 0).tolist():
                key = keys[k]
                at = known.get(key)
                if at is None:
                    at = known[key] = len(known)
                    if at == len(self._matrix):
                        self._matrix = np.concatenate((self._matrix, np.zeros_like(self._matrix)))
                    self._matrix[at] = [get(s, default) for s in make(key if decode is None else decode(key))]
                index[k] = at
        return self._matrix[index].reshape(len(keys), self.width)

    def of(self, names: Sequence[Hashable], codes: np.ndarray) -> np.ndarray:
        """The rows of ``names[codes[t]]`` for each t."""
        return self.rows(names)[codes]

    def of_pairs(
        self, names_a: Sequence[str], codes_a: np.ndarray, names_b: Sequence[str], codes_b: np.ndarray
    ) -> np.ndarray:
        """The rows of the key ``(names_a[codes_a[t]], names_b[codes_b[t]])`` for each t."""
        rows, inverse = self.pair_rows(names_a, codes_a, names_b, codes_b)
        return rows[inverse]

    def pair_rows(
        self, names_a: Sequence[str], codes_a: np.ndarray, names_b: Sequence[str], codes_b: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """The rows of the distinct keys ``(names_a[codes_a[t]], names_b[codes_b[t]])``, and per t
        the position of its key among them.

        Each value gets a number the first time it is met, and a pair is known by the number
        ``first << 32 | second``: no tuple of strings is made for a pair met before."""
        with self._lock:
            if len(self._known) > LIMIT or len(self._values[0]) + len(self._values[1]) > LIMIT:
                self._clear()
            first = self._number(0, names_a)[codes_a]
            second = self._number(1, names_b)[codes_b]
            distinct, inverse = np.unique((first << 32) | second, return_inverse=True)
            values_a, values_b = self._values

            def decode(key: int) -> tuple[str, str]:
                return values_a[key >> 32], values_b[key & 0xFFFFFFFF]

            return self._rows(distinct.tolist(), decode), inverse.reshape(-1)

    def _number(self, side: int, names: Sequence[str]) -> np.ndarray:
        """The numbers of ``names`` on one side of the pairs (new values numbered on the way)."""
        numbers, values = self._numbers[side], self._values[side]
        found = np.fromiter(map(numbers.get, names, repeat(-1)), dtype=np.int64, count=len(names))
        if len(names) and found.min() < 0:
            for k in np.flatnonzero(found < 0).tolist():
                found[k] = number = numbers.setdefault(names[k], len(numbers))
                if number == len(values):
                    values.append(names[k])
        return found
