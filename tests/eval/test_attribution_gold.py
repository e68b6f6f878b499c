"""selon's French gold and the generalised attribution scorer (``selon eval attribution`` / ``french``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selon.cli.main import main
from selon.eval.attribution import certainty_agreement, load_gold, score_with_certainty, scored_attributions
from selon.eval.polnear import PredictedAttribution
from selon.eval.run import french_gold
from selon.model import Claim, Source, Span

TEXT = "Selon le ministre, la réforme serait abandonnée. Il a déclaré que la grève continuerait."
ANN = (
    "T1\tSource 6 17\tle ministre\n"
    "T2\tCue 0 5\tSelon\n"
    "T3\tContent 19 47\tla réforme serait abandonnée\n"
    "T4\tAttribution 0 5\tSelon\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "A1\tCertainty E1 hedged\n"
    "T5\tSource 49 51\tIl\n"
    "T6\tCue 52 61\ta déclaré\n"
    "T7\tContent 62 87\tque la grève continuerait\n"
    "T8\tAttribution 52 61\ta déclaré\n"
    "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7\n"
    "A2\tCertainty E2 reported\n"
)


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "one.txt").write_text(TEXT, encoding="utf-8")
    (folder / "one.ann").write_text(ANN, encoding="utf-8")
    return folder


def test_a_brat_folder_loads_with_its_certainties(gold_dir: Path) -> None:
    [article] = load_gold(gold_dir)
    assert [a.certainty for a in article.attributions] == ["hedged", "reported"]
    assert article.text[slice(*article.attributions[1].cue[0])] == "a déclaré"


def test_certainty_is_compared_on_the_pairs_matched_by_content(gold_dir: Path) -> None:
    gold = load_gold(gold_dir)
    predicted = {
        "one": [
            PredictedAttribution(source=(6, 17), cue=(0, 5), content=(19, 47), certainty="hedged"),
            PredictedAttribution(source=(49, 51), cue=(55, 61), content=(66, 87), certainty="hedged"),
        ]
    }
    report = score_with_certainty(gold, predicted)
    assert report["attribution"]["f1"] == 1.0
    assert report["roles"]["cue"]["exact"]["tp"] == 1  # "déclaré" is not the gold's "a déclaré"
    assert certainty_agreement(gold, predicted) == {
        "pairs": 2,
        "agreement": 0.5,
        "gold_by_ours": {"hedged": {"hedged": 1}, "reported": {"hedged": 1}},
    }


def test_the_outlets_own_assertions_are_not_scored_as_attributions() -> None:
    span = Span(start=0, end=5, text="Selon")
    asserted = Claim(id="c1", content=span)
    hedged = Claim(id="c2", content=span, certainty="hedged")
    sourced = Claim(id="c3", content=span, source=Source(start=0, end=5, text="Selon", kind="person"))
    assert len(scored_attributions([asserted, hedged, sourced])) == 2


def test_a_folder_without_gold_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["eval", "attribution", "--gold", str(tmp_path)])
    assert code != 0
    assert "NAME.txt" in capsys.readouterr().err


def test_selon_eval_attribution_scores_a_folder(gold_dir: Path, tmp_path: Path, capsys) -> None:
    report = tmp_path / "r.json"
    code = main(["eval", "attribution", "--gold", str(gold_dir), "--language", "fr", "--report", str(report)])
    assert code == 0
    out = capsys.readouterr().out
    assert "attribution" in out and "certainty agreement" in out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["gold_attributions"] == 2 and data["language"] == "fr"
    assert data["attribution"]["recall"] == 1.0  # both found


def test_the_french_gold_ships_with_the_package() -> None:
    train, dev = load_gold(french_gold("train")), load_gold(french_gold("dev"))
    assert len(train) + len(dev) >= 60
    attributions = [a for article in train + dev for a in article.attributions]
    assert len(attributions) >= 600
    assert {a.certainty for a in attributions} == {"reported", "hedged", "confirmed", "denied"}
    assert not {a.name for a in train} & {a.name for a in dev}
    for article in train + dev:  # every span slices to text with no surrounding space
        for attribution in article.attributions:
            for role in ("source", "cue", "content"):
                for start, end in attribution.role(role):
                    piece = article.text[start:end]
                    assert piece and piece == piece.strip(), (article.name, role, piece)


@pytest.mark.slow
def test_selon_eval_french_runs_on_the_dev_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["eval", "french", "--report", str(tmp_path / "fr.json")])
    assert code == 0
    data = json.loads((tmp_path / "fr.json").read_text(encoding="utf-8"))
    assert data["articles"] == 20 and data["gold_attributions"] >= 190
    assert data["attribution"]["f1"] > 0.4
