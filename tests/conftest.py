"""Shared fixtures: settings, the loaded pipelines and the founding example (paths are in helpers.py)."""

from __future__ import annotations

import pytest

from helpers import EXAMPLES, FOUNDING, SHARED


@pytest.fixture(scope="session")
def settings():
    from selon.settings import load_settings

    return load_settings(env={})


@pytest.fixture(scope="session")
def nlp_fr(settings):
    from selon.nlp.pipeline import build_pipeline

    return build_pipeline("fr", settings)


@pytest.fixture(scope="session")
def nlp_en(settings):
    from selon.nlp.pipeline import build_pipeline

    return build_pipeline("en", settings)


@pytest.fixture(scope="session")
def founding_text() -> str:
    return (EXAMPLES / f"{FOUNDING}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def founding_expected() -> dict:
    import json

    # the reader's expectations live in ../shared/examples; the bundled copy serves where it is absent
    shared = SHARED / "examples" / f"{FOUNDING}.expected.json"
    path = shared if shared.exists() else EXAMPLES / f"{FOUNDING}.expected.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def founding_article(founding_text, settings):
    import selon

    return selon.analyze(founding_text, id=FOUNDING, language="fr", settings=settings)
