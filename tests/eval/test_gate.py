"""The quality gate: its floor logic on hand-made numbers, then the gate itself on the shared data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from selon.eval import gate
from selon.eval.gate import Failure, GateError, check, lower_floor, lowered, parse_target, raise_floors


def _floors(**values: float) -> dict:
    """Floors for one benchmark ``b`` with the given metric floors, tolerance 0.01."""
    return {
        "tolerance": 0.01,
        "benchmarks": {
            "b": {
                "subset": "test",
                "floors": {m: {"floor": v, "changed": "2000-01-01", "why": "hand-made"} for m, v in values.items()},
            }
        },
    }


# -- check ---------------------------------------------------------------------------------------


def test_check_reports_a_broken_floor_and_passes_the_rest() -> None:
    floors = _floors(f1=0.50, recall=0.40)
    failures = check({"b": {"f1": 0.49, "recall": 0.40}}, floors)
    assert failures == [Failure("b", "f1", 0.49, 0.50)]
    assert "b.f1" in str(failures[0]) and "0.5000" in str(failures[0])


def test_check_counts_a_missing_measurement_as_broken() -> None:
    failures = check({"b": {"f1": 0.9}}, _floors(f1=0.5, recall=0.4))
    assert [(f.metric, f.measured) for f in failures] == [("recall", None)]
    assert "not measured" in str(failures[0])
    assert len(check({}, _floors(f1=0.5))) == 1


def test_check_ignores_metrics_without_a_floor() -> None:
    assert check({"b": {"f1": 0.5, "seconds": 99.0, "other": 0.0}}, _floors(f1=0.5)) == []


# -- raise ---------------------------------------------------------------------------------------


def test_raise_lifts_to_measured_minus_tolerance() -> None:
    new = raise_floors({"b": {"f1": 0.6543}}, _floors(f1=0.5), today="2030-01-02")
    entry = new["benchmarks"]["b"]["floors"]["f1"]
    assert entry["floor"] == pytest.approx(0.644)
    assert entry["changed"] == "2030-01-02" and "0.5" in entry["why"]


def test_raise_never_lowers() -> None:
    floors = _floors(f1=0.5, recall=0.4)
    new = raise_floors({"b": {"f1": 0.3, "recall": 0.405}}, floors)
    assert gate.floor_values(new) == gate.floor_values(floors)
    assert new["benchmarks"]["b"]["floors"]["f1"]["why"] == "hand-made"


def test_raise_leaves_its_input_alone_and_passes_its_own_check() -> None:
    floors = _floors(f1=0.5)
    measured = {"b": {"f1": 0.8}}
    new = raise_floors(measured, floors)
    assert floors["benchmarks"]["b"]["floors"]["f1"]["floor"] == 0.5
    assert check(measured, new) == []


def test_raise_pins_a_first_floor_only_for_known_metrics() -> None:
    floors = {"tolerance": 0.01, "benchmarks": {}}
    new = raise_floors({"examples": {"must_passed_ratio": 1.0, "seconds": 3.0}}, floors)
    assert gate.floor_values(new) == {"examples": {"must_passed_ratio": 0.99}}


# -- lower ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_lower_without_reason_is_refused(reason: str) -> None:
    with pytest.raises(GateError, match="reason"):
        lowered(_floors(f1=0.5), "b", "f1", 0.4, reason)


def test_lower_refuses_a_raise_an_unknown_floor_and_a_bad_value() -> None:
    floors = _floors(f1=0.5)
    with pytest.raises(GateError, match="not below"):
        lowered(floors, "b", "f1", 0.6, "because")
    with pytest.raises(GateError, match="no floor"):
        lowered(floors, "b", "precision", 0.1, "because")
    with pytest.raises(GateError, match="between 0 and 1"):
        lowered(floors, "b", "f1", -0.1, "because")


def test_lower_floor_records_the_reason_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    gate.save_floors(_floors(f1=0.5), path)
    lower_floor("b", "f1", 0.45, "gold annotations corrected", path=path)
    entry = json.loads(path.read_text())["benchmarks"]["b"]["floors"]["f1"]
    assert entry["floor"] == 0.45
    assert "gold annotations corrected" in entry["why"] and "0.5" in entry["why"]


def test_parse_target() -> None:
    assert parse_target("polnear-dev-subset.source_f1=0.61") == ("polnear-dev-subset", "source_f1", 0.61)
    for bad in ("source_f1=0.6", "b.f1", "b.f1=x"):
        with pytest.raises(GateError):
            parse_target(bad)


def test_cli_lowers_only_with_a_reason(tmp_path: Path) -> None:
    app = typer.Typer()
    app.command("noop")(lambda: None)  # a group needs two commands to keep subcommand names
    gate_module = pytest.importorskip("selon.cli.gate")
    gate_module.register(app)
    path = tmp_path / "floors.json"
    gate.save_floors(_floors(f1=0.5), path)
    runner = CliRunner()
    refused = runner.invoke(app, ["gate", "--floors", str(path), "--lower", "b.f1=0.4"])
    assert refused.exit_code != 0 and isinstance(refused.exception, GateError)
    assert gate.floor_values(gate.load_floors(path)) == {"b": {"f1": 0.5}}
    done = runner.invoke(app, ["gate", "--floors", str(path), "--lower", "b.f1=0.4", "--reason", "new scorer"])
    assert done.exit_code == 0, done.output
    assert gate.floor_values(gate.load_floors(path)) == {"b": {"f1": 0.4}}


# -- the pinned floors file ----------------------------------------------------------------------


def test_floors_file_is_complete() -> None:
    floors = gate.load_floors()
    assert 0 < floors["tolerance"] < 0.1
    assert set(floors["benchmarks"]) == set(gate.METRICS)
    for bench, spec in floors["benchmarks"].items():
        assert spec["subset"]
        assert set(spec["floors"]) <= set(gate.METRICS[bench])
        for metric, entry in spec["floors"].items():
            assert 0.0 <= entry["floor"] <= 1.0, (bench, metric)
            assert entry["changed"] and entry["why"], (bench, metric)


# -- the gate itself -----------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.slow
def test_no_floor_is_broken(settings) -> None:
    from helpers import shared_path

    shared_path("data", "polnear", "dev")
    shared_path("data", "newsquant", "NewsQuant.dev.json")
    shared_path("examples")
    shared_path("data", "fr-en-pairs")
    measured = gate.measure(shared_path(), settings)
    floors = gate.load_floors()
    failures = check(measured, floors)
    assert not failures, (
        "accuracy fell below the pinned floors:\n"
        + gate.report_table(measured, floors)
        + "\nfix the regression, or lower a floor on purpose: "
        "selon eval gate --lower BENCH.METRIC=VALUE --reason TEXT"
    )
