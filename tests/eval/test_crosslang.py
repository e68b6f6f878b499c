"""``selon eval crosslang``: the scoring of French claims against their translation, on hand-made pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selon.errors import InputError
from selon.eval.crosslang import format_table, load_pairs, score
from selon.model import Article, Claim, Span


def _claim(cid: str, text: str, start: int, cue: bool = True) -> Claim:
    return Claim(
        id=cid,
        content=Span(text=text, start=start, end=start + len(text)),
        cue=Span(text="dit", start=0, end=3) if cue else None,
    )


def _pairs_file(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.jsonl"
    pair = {
        "docid": "1-journal",
        "origlang": "fr",
        "fr": ["Titre", "Le ministre dit que les usines fermeront.", "La police a arrêté douze personnes."],
        "en": ["Title", "The minister says the factories will close.", "Police arrested twelve people."],
    }
    path.write_text(json.dumps(pair) + "\n", encoding="utf-8")
    return path


def test_pairs_become_two_documents_of_two_outlets_with_sentence_starts(tmp_path: Path) -> None:
    [(docid, fr, en)] = load_pairs(_pairs_file(tmp_path))
    assert docid == "1-journal"
    assert (fr.doc.id, fr.doc.outlet, fr.doc.language, fr.doc.title) == ("1-journal.fr", "journal", "fr", "Titre")
    assert en.doc.outlet == "journal-translation-en"
    assert fr.starts == [0, len("Le ministre dit que les usines fermeront. ")]
    assert en.doc.text.startswith("The minister says")


def test_missing_file_says_what_to_pass(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--data"):
        load_pairs(tmp_path / "nothing.jsonl")


def test_recall_counts_twins_and_precision_counts_wrong_pairs() -> None:
    fr = Article(
        id="1-j.fr",
        language="fr",
        text="x" * 80,
        claims=[_claim("c0", "les usines fermeront", 5), _claim("c1", "douze personnes", 45)],
    )
    en = Article(
        id="1-j.en",
        language="en",
        text="x" * 80,
        claims=[_claim("c0", "the factories will close", 5), _claim("c1", "twelve people", 45, cue=False)],
    )
    starts = {"1-j.fr": [0, 40], "1-j.en": [0, 40]}
    groups = {"1-j.fr": "1-j.en", "1-j.en": "1-j.en"}
    # c0 clusters with its twin; c1 (fr) sits with the English c0: a wrong pair
    cluster = {("1-j.fr", "c0"): 1, ("1-j.en", "c0"): 1, ("1-j.fr", "c1"): 2, ("1-j.en", "c1"): 3}
    report = score({a.id: a for a in (fr, en)}, starts, cluster, groups, ["1-j"])
    assert (report["french_attributed_claims"], report["recall"], report["ceiling"]) == (2, 0.5, 1.0)
    assert (report["cross_pairs"], report["precision"]) == (1, 1.0)
    assert report["translations_grouped"] == 1.0 and report["false_groupings"] == 0
    cluster[("1-j.en", "c1")] = 1  # now c0 (fr) shares a cluster with a claim of another sentence
    worse = score({a.id: a for a in (fr, en)}, starts, cluster, groups, ["1-j"])
    assert worse["cross_pairs"] == 2 and worse["precision"] == 0.5
    assert "recall" in format_table({**worse, "anchor": "a"})
