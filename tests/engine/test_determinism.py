"""The same input gives the same output whatever PYTHONHASHSEED: nothing depends on set or dict order."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import EXAMPLES, FIXTURES, FOUNDING, ROOT

pytestmark = pytest.mark.slow

_SCRIPT = """
import json, sys
from pathlib import Path
import selon
from selon.ingest import iter_documents
from selon.settings import load_settings

settings = load_settings(env={})
out = []
for paths, lang in json.loads(sys.argv[1]):
    for item in selon.analyze_documents(iter_documents([Path(p) for p in paths], settings), language=lang):
        out.append(item.model_dump(mode="json") if hasattr(item, "claims") else [item.origin, item.reason])
print(json.dumps(out, sort_keys=True, ensure_ascii=False))
"""


def _run(seed: int, sets: list) -> str:
    env = dict(os.environ, PYTHONHASHSEED=str(seed), PYTHONPATH=str(ROOT / "src"))
    env.pop("SELON_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, json.dumps(sets)], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_output_is_the_same_under_different_hash_seeds() -> None:
    english = sorted(str(p) for p in (FIXTURES / "polnear").glob("*/text/*.txt"))
    sets = [[english, "en"], [[str(EXAMPLES / f"{FOUNDING}.txt")], "fr"]]
    first = _run(1, sets)
    assert len(json.loads(first)) == len(english) + 1
    assert sum(len(a["claims"]) for a in json.loads(first)) > 20
    assert _run(2, sets) == first


_TIE = """
import json, selon
from selon.settings import load_settings
settings = load_settings(env={}).override(limits_isolate=False)
text = "Bill Clinton met Anna Clinton in Denver on Monday. Clinton said the plan would work."
print(json.dumps([e.name for e in selon.analyze(text, language="en", settings=settings).entities]))
"""


def test_a_surname_between_two_full_names_of_one_length_does_not_depend_on_the_seed() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("SELON_CONFIG", None)
    names = []
    for seed in (0, 1):
        done = subprocess.run(
            [sys.executable, "-c", _TIE], env={**env, "PYTHONHASHSEED": str(seed)}, capture_output=True, text=True
        )
        names.append(done.stdout)
    assert names[0] == names[1]
