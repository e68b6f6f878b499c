"""Paths and small helpers the tests share: imported by name, unlike fixtures (which live in conftest)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
FOUNDING = "000_b08981ffb30c04a9"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a pytest skip saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the shared data beside the repository")
    return path


def claims_of(nlp: Any, text: str) -> list[Any]:
    """The claims the pipeline ``nlp`` finds in ``text``."""
    return list(nlp(text)._.selon_claims)


def claim_with(claims: Iterable[Any], snippet: str) -> Any:
    """The first claim whose content contains ``snippet``; fails the test, listing the contents, if none does."""
    claims = list(claims)
    found = [c for c in claims if snippet in c.content.text]
    assert found, f"no claim contains {snippet!r}: {[c.content.text for c in claims]}"
    return found[0]
