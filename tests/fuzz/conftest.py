"""The fuzz suite's hypothesis profile (``ci`` under CI=true, else ``dev``; HYPOTHESIS_PROFILE overrides)."""

from __future__ import annotations

from fuzzing import load_profile

PROFILE = load_profile()


def pytest_report_header() -> str:
    return f"fuzz: hypothesis profile {PROFILE!r}"
