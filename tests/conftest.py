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


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request) -> str:
    """Each store engine in turn (the PostgreSQL one skips without SELON_TEST_POSTGRES)."""
    from engines import SKIP_REASON, server

    if request.param == "postgresql" and server() is None:
        pytest.skip(SKIP_REASON)
    return request.param


@pytest.fixture
def db_url(engine, tmp_path):
    """A fresh store location on each engine: a SQLite file, or a new PostgreSQL database dropped afterwards."""
    from engines import store_url

    with store_url(engine, tmp_path) as url:
        yield url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_engine(request) -> str:
    """:func:`engine` for module-wide stores."""
    from engines import SKIP_REASON, server

    if request.param == "postgresql" and server() is None:
        pytest.skip(SKIP_REASON)
    return request.param


@pytest.fixture(scope="module")
def module_db_url(module_engine, tmp_path_factory):
    """:func:`db_url` shared by the tests of a module."""
    from engines import store_url

    with store_url(module_engine, tmp_path_factory.mktemp("store")) as url:
        yield url
