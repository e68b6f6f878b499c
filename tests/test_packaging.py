"""What a user installing selon relies on: every imported package declared, one version, type information."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from helpers import ROOT

SRC = ROOT / "src" / "selon"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: The subpackages whose imports only an extra provides, with that extra's name.
EXTRA_ONLY = {"train": "train", "spark": "spark"}  # area of selon -> the extra its imports need


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def third_party_imports() -> dict[str, set[str]]:
    """Top-level modules imported outside the standard library, each with the subpackages importing it."""
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        area = path.relative_to(SRC).parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top != "selon" and top not in sys.stdlib_module_names:
                    found.setdefault(top, set()).add(area)
    return found


def test_every_imported_package_is_declared() -> None:
    declared = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    extras = {k: {_name(r) for r in v} for k, v in PYPROJECT["project"]["optional-dependencies"].items()}
    distributions = importlib.metadata.packages_distributions()
    missing = []
    for module, areas in sorted(third_party_imports().items()):
        dists = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
        extra = {EXTRA_ONLY[a] for a in areas if a in EXTRA_ONLY}
        if areas <= EXTRA_ONLY.keys():  # only training imports it: the extra must declare it
            if not any(dists & extras.get(e, set()) for e in extra):
                missing.append(f"{module} (imported by {sorted(areas)}): declare it in the extra {sorted(extra)}")
        elif not dists & declared:
            missing.append(f"{module} (imported by {sorted(areas)}): declare {sorted(dists)} in dependencies")
    assert not missing, "\n".join(missing)


def test_the_version_is_written_once() -> None:
    import selon

    assert "version" in PYPROJECT["project"]["dynamic"] and "version" not in PYPROJECT["project"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "selon.__version__"}
    assert importlib.metadata.version("selon") == selon.__version__


def test_type_information_ships() -> None:
    assert (SRC / "py.typed").exists()
    assert "py.typed" in PYPROJECT["tool"]["setuptools"]["package-data"]["selon"]


def test_package_data_patterns_match_files() -> None:
    for pattern in PYPROJECT["tool"]["setuptools"]["package-data"]["selon"]:
        assert list(SRC.glob(pattern)), f"package-data pattern {pattern!r} matches no file"


def test_scipy_stays_out_of_analysis() -> None:
    areas = third_party_imports().get("scipy", set())
    assert areas <= EXTRA_ONLY.keys(), f"scipy imported by {sorted(areas)}: analysis must not need the train extra"


def test_imports_parse_to_known_areas() -> None:
    # a guard on the scan itself: it must see the core dependencies where they are used
    found = third_party_imports()
    assert {"nlp"} <= found["spacy"] and "numpy" in found and "scipy" in found
    assert isinstance(ast.parse("import x"), ast.Module)
    assert Path(SRC / "__init__.py").exists()
