"""PolNeAR loader, scorer and BIO labels: fixture articles, hand-made cases, and the full dev split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selon.eval.polnear import (
    GoldArticle,
    GoldAttribution,
    GoldSpan,
    PolnearFormatError,
    PredictedAttribution,
    attributions_from_ann,
    check_span,
    choose_annotator,
    format_table,
    iter_bio,
    load_split,
    parse_ann,
    read_text,
    score,
)
from selon.eval.spans import TokenIndex, trim, word_tokens

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "polnear"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polnear"

FLYNN = "politico_2016-09-08_flynn-says-trump-absolutely-righ"
HUFF = "huff-post_2016-09-28_clinton-supporting-super-pacs-ta"


@pytest.fixture(scope="module")
def fixture_dev() -> list[GoldArticle]:
    return load_split(FIXTURES, "dev")


def _by_name(articles: list[GoldArticle]) -> dict[str, GoldArticle]:
    return {a.name: a for a in articles}


def _all_spans_slice(root: Path, split: str, article: GoldArticle) -> int:
    """Re-read the kept .ann file and check each T span against the text; return how many."""
    ann = read_text(root / split / "attributions" / f"{article.name}_{article.annotator}.ann")
    spans, _ = parse_ann(ann)
    for span in spans.values():
        assert " ".join(article.text[s:e] for s, e in span.fragments) == span.text, (article.name, span.id)
    return len(spans)


# -- loader on the fixture -----------------------------------------------------------------


def test_fixture_counts(fixture_dev: list[GoldArticle]) -> None:
    by_name = _by_name(fixture_dev)
    assert len(fixture_dev) == 5
    assert [a.name for a in fixture_dev] == sorted(by_name)
    assert {a.publisher for a in fixture_dev} == {"breitbart", "huff-post", "politico", "usa-today", "west-journal"}
    counts = {name.split("_")[0]: len(a.attributions) for name, a in by_name.items()}
    assert counts == {"breitbart": 7, "huff-post": 1, "politico": 9, "usa-today": 10, "west-journal": 13}


def test_fixture_spans_slice_to_their_text(fixture_dev: list[GoldArticle]) -> None:
    assert sum(_all_spans_slice(FIXTURES, "dev", a) for a in fixture_dev) == 28 + 3 + 34 + 37 + 51


def test_annotator_rule_keeps_first_listed(fixture_dev: list[GoldArticle]) -> None:
    flynn = _by_name(fixture_dev)[FLYNN]
    assert flynn.annotators == ["4b22", "4e07", "5fec", "6b86", "d473", "ef2d"]
    assert flynn.annotator == "4b22"
    meta = {"x": {"annotators": "d473|4b22"}}
    assert choose_annotator("x", ["4b22", "d473"], meta) == "d473"
    assert choose_annotator("x", ["4b22"], meta) == "4b22"
    assert choose_annotator("y", ["ef2d", "5fec"], meta) == "5fec"


def test_discontinuous_reordered_content_without_source(fixture_dev: list[GoldArticle]) -> None:
    article = _by_name(fixture_dev)[HUFF]
    (attribution,) = article.attributions
    assert attribution.source == []
    # Written "106 118;53 93" in the file: fragments come back sorted by start.
    assert attribution.content == [GoldSpan(53, 93), GoldSpan(106, 118)]
    assert article.text[53:93] == "About one of every nine voters this fall"
    assert article.text[106:118] == "to be Latino"
    assert attribution.extent("content") == (53, 118)
    assert article.text[slice(*attribution.cue[0])] == "is expected"


def test_flynn_roles(fixture_dev: list[GoldArticle]) -> None:
    article = _by_name(fixture_dev)[FLYNN]
    quote = next(a for a in article.attributions if a.id == "E3")
    assert quote.content == [GoldSpan(256, 377), GoldSpan(463, 616)]
    assert article.text[slice(*quote.source[0])] == "Flynn, a top Trump surrogate,"
    no_source = [a for a in article.attributions if not a.source]
    assert [article.text[slice(*a.cue[0])] for a in no_source] == ["an answer about"]
    # E6 and E7 share one source span (Robby Mook said ..., arguing ...).
    mook = [a for a in article.attributions if a.id in {"E6", "E7"}]
    assert mook[0].source == mook[1].source == [GoldSpan(829, 874)]


def test_parse_continuation_lines_and_content2() -> None:
    text = "He said: “One.\nTwo.” Then more."
    ann = (
        "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\n"
        "T3\tContent 9 20\t“One.\nTwo.”\n"
        "T4\tContent 26 30\tmore\n"
        "T5\tAttribution 3 7\tsaid\n"
        "#1\tAnnotatorNotes T3\ta note\n"
        "E1\tAttribution:T5 Source:T1 Cue:T2 Content:T3 Content2:T4\n"
        "T6\tAttribution-no-source 3 7\tsaid\nE2\tAttribution-no-source:T6\n"
    )
    spans, _events = parse_ann(ann)
    assert spans["T3"].text == "“One.\nTwo.”"
    check_span(spans["T3"], text)
    (attribution,) = attributions_from_ann(ann, text)  # the bare trigger E2 is dropped
    assert attribution.content == [GoldSpan(9, 20), GoldSpan(26, 30)]
    assert attribution.source == [GoldSpan(0, 2)]


def test_mismatched_span_is_rejected() -> None:
    with pytest.raises(PolnearFormatError):
        attributions_from_ann("T1\tSource 0 2\tShe\nE1\tAttribution:T1 Source:T1\n", "He said.")
    with pytest.raises(PolnearFormatError):
        attributions_from_ann("E1\tAttribution:T9 Source:T9\n", "He said.")


def test_missing_split_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PolnearFormatError):
        load_split(tmp_path, "dev")


# -- scorer on hand-made cases ----------------------------------------------------------------

TEXT = '"We will win," said Jane Doe, the senator. Officials believe the vote was fair. It rained.'


def _span(sub: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(sub)
    return start, start + len(sub)


def _gold() -> list[GoldArticle]:
    attributions = [
        GoldAttribution(
            source=[GoldSpan(*_span("Jane Doe, the senator"))],
            cue=[GoldSpan(*_span("said"))],
            content=[GoldSpan(*_span('"We will win,"'))],
            id="E1",
        ),
        GoldAttribution(
            source=[GoldSpan(*_span("Officials"))],
            cue=[GoldSpan(*_span("believe"))],
            content=[GoldSpan(*_span("the vote was fair"))],
            id="E2",
        ),
    ]
    return [GoldArticle(name="a", text=TEXT, annotator="x", attributions=attributions)]


def _perfect() -> list[PredictedAttribution]:
    return [
        PredictedAttribution(a.extent("source"), a.extent("cue"), a.extent("content")) for a in _gold()[0].attributions
    ]


def _f1(report: dict, role: str, kind: str = "exact") -> float:
    return report["roles"][role][kind]["f1"]


def test_perfect_prediction_scores_one_everywhere() -> None:
    report = score(_gold(), {"a": _perfect()})
    json.dumps(report)
    for role in ("source", "cue", "content"):
        assert _f1(report, role) == 1.0
        assert _f1(report, role, "token") == 1.0
    assert report["attribution"]["f1"] == 1.0
    assert report["attribution+source"]["f1"] == 1.0
    table = format_table(report)
    assert "83.2" in table and "100.0" in table


def test_trimmed_punctuation_still_exact() -> None:
    preds = [
        PredictedAttribution(_span("Jane Doe, the senator."), _span(" said "), _span("We will win")),
        PredictedAttribution(_span("Officials"), _span("believe"), _span("the vote was fair.")),
    ]
    report = score(_gold(), {"a": preds})
    assert [_f1(report, r) for r in ("source", "cue", "content")] == [1.0, 1.0, 1.0]


def test_one_word_off_is_not_exact() -> None:
    preds = [
        PredictedAttribution(_span("Jane Doe"), _span("said"), _span('"We will win,"')),
        PredictedAttribution(_span("Officials"), _span("believe"), _span("the vote was fair. It")),
    ]
    report = score(_gold(), {"a": preds})
    source = report["roles"]["source"]["exact"]
    assert (source["tp"], source["precision"], source["recall"]) == (1, 0.5, 0.5)
    assert report["roles"]["content"]["exact"]["tp"] == 1
    assert 0.5 < _f1(report, "source", "token") < 1.0
    assert report["attribution"]["f1"] == 1.0  # contents still overlap


def test_trim_helper() -> None:
    assert trim(TEXT, *_span('"We will win,"')) == _span("We will win")
    assert trim("— ,", 0, 3) == (3, 3)
    with pytest.raises(ValueError):
        trim("abc", 2, 9)


def test_attribution_needs_half_of_gold_content() -> None:
    gold = _gold()
    half = PredictedAttribution(None, None, _span("the vote"))  # 2 of 4 gold words
    less = PredictedAttribution(None, None, _span("fair. It rained"))  # 1 of 4
    report = score(gold, {"a": [half]})
    assert report["attribution"]["tp"] == 1
    assert report["attribution+source"]["tp"] == 0  # gold has a source, prediction none
    assert score(gold, {"a": [less]})["attribution"]["tp"] == 0


def test_attribution_matching_is_one_to_one() -> None:
    twice = [PredictedAttribution(None, None, _span("the vote was fair"))] * 2
    report = score(_gold(), {"a": twice})
    assert report["attribution"]["tp"] == 1
    assert report["attribution"]["precision"] == 0.5
    # Identical predicted spans count once in the span metrics.
    assert report["roles"]["content"]["exact"]["predicted"] == 1


def test_empty_predictions_have_zero_recall() -> None:
    for predicted in ({}, {"a": []}):
        report = score(_gold(), predicted)
        for role in ("source", "cue", "content"):
            assert report["roles"][role]["exact"]["recall"] == 0.0
            assert report["roles"][role]["token"]["recall"] == 0.0
        assert report["attribution"]["recall"] == 0.0
        assert report["gold_attributions"] == 2


def test_scorer_rejects_bad_predictions() -> None:
    with pytest.raises(ValueError):
        score(_gold(), {"unknown": []})
    with pytest.raises(ValueError):
        score(_gold(), {"a": [PredictedAttribution(content=(0, 10_000))]})


def test_discontinuous_gold_counts_as_its_extent(fixture_dev: list[GoldArticle]) -> None:
    article = _by_name(fixture_dev)[HUFF]
    full = PredictedAttribution(None, (94, 105), (53, 118))
    fragment = PredictedAttribution(None, (94, 105), (53, 93))
    assert score([article], {HUFF: [full]})["roles"]["content"]["exact"]["tp"] == 1
    report = score([article], {HUFF: [fragment]})
    assert report["roles"]["content"]["exact"]["tp"] == 0
    assert report["attribution"]["tp"] == 1  # 8 of the 11 gold content words


def test_shared_source_counts_once(fixture_dev: list[GoldArticle]) -> None:
    article = _by_name(fixture_dev)[FLYNN]
    distinct = {tuple(a.source[0]) for a in article.attributions if a.source}
    report = score([article], {})
    assert report["roles"]["source"]["exact"]["gold"] == len(distinct) == 7


# -- BIO labels -----------------------------------------------------------------------------


def test_iter_bio_labels() -> None:
    article = _gold()[0]
    tokens = word_tokens(TEXT)
    labels = iter_bio(article, tokens)
    words = [TEXT[s:e] for s, e in tokens]
    pairs = list(zip(words, labels, strict=True))
    assert pairs[:9] == [
        ("We", "B-CONTENT"),
        ("will", "I-CONTENT"),
        ("win", "I-CONTENT"),
        ("said", "B-CUE"),
        ("Jane", "B-SOURCE"),
        ("Doe", "I-SOURCE"),
        ("the", "I-SOURCE"),
        ("senator", "I-SOURCE"),
        ("Officials", "B-SOURCE"),
    ]
    assert pairs[-2:] == [("It", "O"), ("rained", "O")]


def test_iter_bio_fragments_start_with_b(fixture_dev: list[GoldArticle]) -> None:
    article = _by_name(fixture_dev)[HUFF]
    tokens = word_tokens(article.text)
    labels = iter_bio(article, tokens)
    index = TokenIndex(tokens)

    def label_at(start: int) -> str:
        return labels[index.covering(start, start + 1)[0]]

    # "About one of every nine voters this fall is expected to be Latino"
    assert [label_at(i) for i in (53, 59, 94, 97, 106, 112)] == [
        "B-CONTENT",
        "I-CONTENT",
        "B-CUE",
        "I-CUE",
        "B-CONTENT",
        "I-CONTENT",
    ]
    assert labels.count("B-CONTENT") == 2 and labels.count("B-CUE") == 1
    assert labels.count("O") == len(labels) - 11 - 2


# -- the whole dev split (../shared) ------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "dev").is_dir(), reason=f"PolNeAR dev split not found at {SHARED}")
def test_full_dev_split_loads() -> None:
    articles = load_split(SHARED, "dev")
    assert len(articles) == 84
    assert sum(_all_spans_slice(SHARED, "dev", a) for a in articles) > 0
    assert sum(len(a.attributions) for a in articles) > 1500
    multi = [a for a in articles if len(a.annotators) > 1]
    assert len(multi) == 2 and all(a.annotator == a.annotators[0] for a in multi)
