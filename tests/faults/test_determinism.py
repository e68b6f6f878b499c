"""Nothing changes by chance: the same corpus under other hash seeds gives the same views, byte for byte.

Python randomises the order of sets of strings per process (``PYTHONHASHSEED``); wherever that
order decided an output (a tie between two names, which three subjects a conflict names), the
corpus views differed from one run to the next. Each run here is its own process.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from corpus.build import C, article
from faults.procs import run, write_articles
from selon.store import Store

SEEDS = ("1", "2", "3")
VIEWS = {
    "sources": ["sources", "--format", "json"],
    "explain": ["sources", "--format", "json", "--explain", "Marchenko"],
    "clusters": ["clusters", "--format", "json", "--min-articles", "1"],
    "conflicts": ["conflicts", "--format", "json"],
}
NBSP = "\u00a0"
PLACES = [("Russia", "Russia", "place"), ("Iran", "Iran", "place"), ("Belarus", "Belarus", "place")]
PLACES += [("North Korea", "North Korea", "place"), ("Syria", "Syria", "place")]


def _claim(figure: str) -> str:
    return (
        f"Russia now makes {figure} a month with parts from Iran, Belarus, North Korea and Syria, "
        "the intelligence service estimates"
    )


FILLERS = [
    "Factories east of the Urals have worked around the clock since the spring, according to satellite "
    "pictures published by a research group in London, and rail traffic to the plants has doubled.",
    "Kyiv has long warned its allies that the supply lines of the Russian army run through workshops "
    "abroad, and the government asked for new sanctions against the companies involved this week.",
    "The figures come as negotiators meet in Geneva for a third round of talks, which diplomats on both "
    "sides describe as difficult, with no agreement expected before the end of the month.",
]


def _articles() -> list:
    """Ties everywhere: two Clintons and two Rubios cited alike, a name typed with and without a
    no-break space, a figure given two ways whose five subjects are each named once per claim."""
    out = []
    for n, (figure, value) in enumerate((("2,000 drones", 2000.0), ("2,700 drones", 2700.0), ("2,650 drones", 2650.0))):
        name = f"Olena{NBSP}Marchenko" if n != 1 else "Olena Marchenko"
        # each report in its own words around the claim, so that none is a copy of another
        text = f"{FILLERS[n]} {_claim(figure)}, {name} said. Clinton said the talks had failed."
        out.append(
            article(
                f"drones-{n}",
                text,
                [
                    C(
                        _claim(figure),
                        source=name,
                        name=name,
                        figures=[(figure, value, "drone", "month")],
                    ),
                    C("the talks had failed", source="Clinton", name="Clinton"),
                ],
                language="en",
                outlet=f"Wire {n}",
                published=f"2025-06-2{n}",
                entities=[*PLACES, (name, name, "person")],
            )
        )
    for n, (first, second) in enumerate((("Hillary", "Marco"), ("Chelsea", "Mario"))):
        text = (
            f"{first} Clinton said the foundation would close its offices next year. "
            f"{second} Rubio said the senate would vote on the budget before the summer."
        )
        out.append(
            article(
                f"names-{n}",
                text,
                [
                    C(
                        "the foundation would close its offices next year",
                        source=f"{first} Clinton",
                        name=f"{first} Clinton",
                    ),
                    C(
                        "the senate would vote on the budget before the summer",
                        source=f"{second} Rubio",
                        name=f"{second} Rubio",
                    ),
                ],
                language="en",
                outlet="Daily",
                published="2025-06-20",
            )
        )
    return out


@pytest.mark.slow
def test_corpus_views_are_the_same_under_every_hash_seed(tmp_path: Path) -> None:
    built = tmp_path / "built.db"
    with Store(built) as store:
        for a in _articles():
            store.save(a, origin=a.id)
    outputs: dict[str, dict[str, str]] = {}
    for seed in SEEDS:
        db = tmp_path / f"seed{seed}.db"
        shutil.copy(built, db)  # the corpus update runs under the seed, in its own process
        outputs[seed] = {}
        for view, args in VIEWS.items():
            done = run(*args, "--db", db, cwd=tmp_path, PYTHONHASHSEED=seed)
            assert done.returncode == 0, done.stderr
            outputs[seed][view] = done.stdout
    for seed in SEEDS[1:]:
        for view in VIEWS:
            assert outputs[seed][view] == outputs[SEEDS[0]][view], f"{view} differs under PYTHONHASHSEED={seed}"
    sources = json.loads(outputs["1"]["sources"])
    marchenko = [s for s in sources if "Marchenko" in s["name"]]
    assert len(marchenko) == 1 and marchenko[0]["name"] == "Olena Marchenko" and marchenko[0]["claims"] == 3
    assert NBSP not in outputs["1"]["sources"] + outputs["1"]["explain"]
    (explained,) = json.loads(outputs["1"]["explain"])
    assert [m["forms"] for m in explained["mentions"]] == [["Olena Marchenko"]]
    (conflict,) = json.loads(outputs["1"]["conflicts"])
    assert len(conflict["quantity"]["subject"]) == 3


def _summary(stderr: str) -> str:
    found = re.search(r"analysed .*? claims found \d+", stderr)
    assert found, stderr
    return found.group(0)


@pytest.mark.slow
def test_ingest_and_views_are_the_same_under_every_hash_seed_and_a_rerun_changes_nothing(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", range(9))
    outputs: dict[str, dict[str, str]] = {}
    for seed in SEEDS:
        db = tmp_path / f"seed{seed}.db"
        done = run("ingest", tmp_path / "in", "--db", db, cwd=tmp_path, PYTHONHASHSEED=seed)
        assert done.returncode == 0 and "added 9," in done.stderr, done.stderr
        outputs[seed] = {}
        for view in ("sources", "clusters", "conflicts"):
            shown = run(*VIEWS[view], "--db", db, cwd=tmp_path, PYTHONHASHSEED=seed)
            assert shown.returncode == 0, shown.stderr
            outputs[seed][view] = shown.stdout
    assert outputs["2"] == outputs["1"] and outputs["3"] == outputs["1"]
    for seed in SEEDS[1:]:  # the store of seed 1, ingested again under the other seeds
        again = run("ingest", tmp_path / "in", "--db", tmp_path / "seed1.db", cwd=tmp_path, PYTHONHASHSEED=seed)
        assert "added 0, updated 0, unchanged 9" in _summary(again.stderr), again.stderr


CLINTON = (
    "Chelsea Clinton expecting second child\n\n"
    "Chelsea Clinton and her husband are expecting their second child. Clinton, 35, the daughter of former "
    "President Bill Clinton and Democratic presidential candidate Hillary Clinton, said on Twitter on Monday "
    "that she was feeling very blessed and grateful this holiday season.\n"
)


@pytest.mark.slow
def test_a_bare_surname_resolves_alike_under_every_hash_seed(tmp_path: Path) -> None:
    (tmp_path / "clinton.txt").write_text(CLINTON, encoding="utf-8")
    names = set()
    for seed in ("1", "3"):  # seed 1 picked Hillary, seed 3 Chelsea when this was written
        done = run("analyze", tmp_path / "clinton.txt", cwd=tmp_path, PYTHONHASHSEED=seed)
        assert done.returncode == 0, done.stderr
        names.add(tuple(c["source"]["name"] for c in json.loads(done.stdout)["claims"] if c["source"]))
    assert len(names) == 1, names
