"""NewsQuant scorer: unit normalisation and matching on a hand-made gold, and the real dev half."""

from __future__ import annotations

import json

import pytest

from helpers import shared_path
from selon.eval.newsquant import (
    ANCHORS,
    Quantity,
    evaluate,
    format_table,
    gold_quantities,
    normalize_unit,
    parse_value,
    predicted_quantity,
    score,
)

GOLD = [
    {
        "text": "It costs $6 and 19 per cent more.",
        "quantities": [
            {"change": "=", "value": "6.0", "unit": "$", "normalized_unit": "dollar", "referred_concepts": "-"},
            {
                "change": "up",
                "value": "19.0",
                "unit": "per cent",
                "normalized_unit": "percentage",
                "referred_concepts": "-",
            },
        ],
    },
    {
        "text": "From up to 252 miles to 287 miles, with 3 best wireless speakers.",
        "quantities": [
            {
                "change": "=",
                "value": "252.0-287.0",
                "unit": "miles",
                "normalized_unit": "mile",
                "referred_concepts": "-",
            },
            {
                "change": "=",
                "value": "3",
                "unit": "best wireless speakers",
                "normalized_unit": "good wireless speaker",
                "referred_concepts": "-",
            },
        ],
    },
    {
        "text": "The stock trades at 6.5 times earnings.",
        "quantities": [{"change": "=", "value": "6.5", "unit": "-", "normalized_unit": "-", "referred_concepts": "-"}],
    },
    {"text": "Nothing here.", "quantities": []},
]


@pytest.mark.parametrize(
    "unit,norm",
    [
        ("$", "dollar"),
        ("US$", "dollar"),
        ("dollars", "dollar"),
        ("USD", "dollar"),
        ("%", "percent"),
        ("percentage", "percent"),
        ("per cent", "percent"),
        ("euros", "euro"),
        ("miles", "mile"),
        ("feet", "foot"),
        ("kilometers", "km"),
        ("km", "km"),
        ("japanese yen", "yen"),
        ("Y", "yen"),
        ("US$ per barrel", "dollar per barrel"),
        ("dollar per barrel", "dollar per barrel"),
        ("-", ""),
        (None, ""),
        ("", ""),
        ("drones", "drone"),
        ("batteries", "battery"),
    ],
)
def test_normalize_unit(unit, norm):
    assert normalize_unit(unit) == norm


def test_parse_value():
    assert parse_value("2.0") == (2.0, None)
    assert parse_value("252.0-287.0") == (252.0, 287.0)
    assert parse_value("3.0 - 4.0") == (3.0, 4.0)
    assert parse_value("-5") == (-5.0, None)


def test_gold_units_keep_the_head_of_a_phrase():
    units = gold_quantities(GOLD[1])[1].units
    assert "speaker" in units and "best wireless speaker" in units


def test_score_on_hand_made_gold():
    predictions = [
        [
            predicted_quantity(6, None, "dollar"),
            predicted_quantity(19, None, "percent"),
            predicted_quantity(19, None, "percent"),
        ],  # a duplicate: one false positive
        [predicted_quantity(252, 287, "miles"), predicted_quantity(3, None, "speakers")],
        [predicted_quantity(6.5, None, "miles")],  # value right, unit wrong
        [predicted_quantity(1, None, None)],  # a false positive
    ]
    report = score(GOLD, predictions)
    assert (report["gold"], report["predicted"]) == (5, 7)
    assert report["value"]["tp"] == 5 and report["value_unit"]["tp"] == 4
    assert report["value"]["recall"] == 1.0
    assert report["value"]["precision"] == pytest.approx(5 / 7, abs=1e-4)
    assert report["value_unit"]["recall"] == pytest.approx(4 / 5, abs=1e-4)
    assert set(report["anchors"]) == set(ANCHORS)
    table = format_table(report)
    assert "CQE" in table and "quantulum3" in table and "Recognizers-Text" in table and "selon" in table
    json.dumps(report)


def test_range_needs_both_ends():
    gold = [{"text": "x", "quantities": [{"value": "5-10", "unit": "-", "normalized_unit": "-"}]}]
    assert score(gold, [[Quantity(5, None, ())]])["value"]["tp"] == 0
    assert score(gold, [[Quantity(10, 5, ())]])["value"]["tp"] == 1


def test_one_to_one_matching_prefers_a_full_assignment():
    gold = [
        {
            "text": "x",
            "quantities": [
                {"value": "5", "unit": "miles", "normalized_unit": "mile"},
                {"value": "5", "unit": "-", "normalized_unit": "-"},
            ],
        }
    ]
    preds = [[predicted_quantity(5, None, None), predicted_quantity(5, None, "mile")]]
    assert score(gold, preds)["value_unit"]["tp"] == 2


@pytest.mark.slow
@pytest.mark.shared
def test_newsquant_dev_meets_targets(nlp_en):
    path = shared_path("data", "newsquant", "NewsQuant.dev.json")
    report = evaluate(path, nlp_en)
    assert report["sentences"] == 295 and report["gold"] == 461
    assert report["value"]["f1"] >= 0.90
    assert report["value_unit"]["f1"] >= 0.80


def test_rate_goes_into_the_unit_and_times_is_no_unit():
    assert predicted_quantity(3500, None, "dollar", "month").units == ("dollar per month",)
    gold = [
        {
            "text": "x",
            "quantities": [
                {"value": "3500", "unit": "$ a month", "normalized_unit": "dollar per month"},
                {"value": "6.5", "unit": "-", "normalized_unit": "-"},
            ],
        }
    ]
    preds = [[predicted_quantity(3500, None, "dollar", "month"), predicted_quantity(6.5, None, "times")]]
    assert score(gold, preds)["value_unit"]["tp"] == 2
