"""What a value table hands back: the model's entry for each string a value makes."""

from __future__ import annotations

import numpy as np
import pytest

from selon.nlp.learned import value_table
from selon.nlp.learned.value_table import ValueTable

MODEL = {"w=a": 1, "x=a": 2, "w=b": 3, "p=a|b": 7, "p=b|a": 8, "p=a|b|c": 9}


def _words() -> ValueTable:
    return ValueTable(MODEL, -1, 2, lambda v: ("w=" + v, "x=" + v))


def _pairs() -> ValueTable:
    return ValueTable(MODEL, -1, 1, lambda k: ("p=" + k[0] + "|" + k[1],))


@pytest.mark.parametrize("limit", [value_table.LIMIT, 1])
def test_rows_and_pairs_whatever_was_remembered(limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(value_table, "LIMIT", limit)
    words, pairs = _words(), _pairs()
    for _ in range(3):  # met again, or forgotten and made again: the same rows
        assert words.rows(["a", "c", "b", "a"]).tolist() == [[1, 2], [-1, -1], [3, -1], [1, 2]]
        names = ["a", "b", "a|b", "c"]
        got = pairs.of_pairs(names, np.array([0, 1, 0, 2, 2]), names, np.array([1, 0, 3, 3, 0]))
        assert got[:, 0].tolist() == [7, 8, -1, 9, -1]
    assert words.of(["b", "a"], np.array([1, 1, 0])).tolist() == [[1, 2], [1, 2], [3, -1]]
    assert words.rows([]).shape == (0, 2)


def test_rows_grow_past_the_first_block() -> None:
    table = ValueTable({f"w={k}": k for k in range(3000)}, -1, 1, lambda v: ("w=" + v,))
    keys = [str(k) for k in range(2999, -1, -1)]
    assert table.rows(keys)[:, 0].tolist() == list(range(2999, -1, -1))
    assert table.rows(["5", "none"])[:, 0].tolist() == [5, -1]


def test_weights_as_floats() -> None:
    table = ValueTable({"w=a": 0.5}, 0.0, 1, lambda v: ("w=" + v,), dtype=np.float64)
    assert table.rows(["a", "b"])[:, 0].tolist() == [0.5, 0.0]


def test_threads_sharing_a_table_get_their_own_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tagger's tables are kept across Docs, and Docs may be analysed in several threads."""
    import sys
    import threading

    monkeypatch.setattr(value_table, "LIMIT", 300)  # forgetting and growing while others read
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often: a race would show
    try:
        model = {f"w={k}": k for k in range(4000)}
        table = ValueTable(model, -1, 1, lambda v: ("w=" + v,))
        wrong: list[str] = []

        def work(offset: int) -> None:
            for start in range(offset, 4000, 40):
                keys = [str(k) for k in range(start, start + 37)]
                got = table.rows(keys)[:, 0].tolist()
                if got != [int(k) if int(k) < 4000 else -1 for k in keys]:
                    wrong.append(keys[0])

        threads = [threading.Thread(target=work, args=(t * 10,)) for t in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert wrong == []
