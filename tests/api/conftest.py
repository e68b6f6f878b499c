"""A small store for the API tests: the founding example and its English account (built by hand, so no
spaCy model loads), a hostile article whose text is markup, and the corpus tables brought up to date."""

from __future__ import annotations

import pytest

from corpus.build import C, article
from corpus.founding import english, french

HOSTILE_TEXT = (
    "Selon le porte-parole, <script>alert('xss')</script> la mairie aurait fermé l'école. "
    'Une image <img src=x onerror="alert(1)"> et un lien <a href="javascript:alert(2)">cliquez</a> circulent. '
    "Le ministre affirme que tout va bien."
)
TOKEN = "test-token-0123456789"


def hostile():
    """An article whose text carries script, an onerror image and a javascript: link, as text."""
    return article(
        "hostile-1",
        HOSTILE_TEXT,
        [
            C(
                "<script>alert('xss')</script> la mairie aurait fermé l'école",
                "le porte-parole",
                None,
                kind="unnamed",
                certainty="hedged",
            ),
            C(
                'Une image <img src=x onerror="alert(1)"> et un lien '
                '<a href="javascript:alert(2)">cliquez</a> circulent',
                None,
                certainty="asserted",
            ),
            C("tout va bien", "Le ministre", "ministre", role="ministre"),
        ],
        outlet="<b>Evil</b> Outlet",
        published="2025-07-01",
    )


def build_store(path) -> None:
    """Save the three articles and bring the corpus tables up to date."""
    from selon.corpus import Corpus
    from selon.store import Store

    with Store(path) as store:
        for a in (french(), english(), hostile()):
            store.save(a)
        Corpus(store).update()


@pytest.fixture(scope="session")
def api_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "api.db"
    build_store(path)
    return path


def make_client(db, **settings):
    from fastapi.testclient import TestClient

    from selon.api import create_app
    from selon.settings import load_settings

    return TestClient(create_app(db, load_settings(env={}, **settings)), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client(api_db):
    """A read-only server (no token)."""
    with make_client(api_db) as c:
        yield c


@pytest.fixture(scope="session")
def writer(tmp_path_factory):
    """A server with a token, over its own copy of the store (its writes do not reach the others)."""
    path = tmp_path_factory.mktemp("api-writer") / "api.db"
    build_store(path)
    with make_client(path, serve_token=TOKEN, serve_max_body_bytes=200_000) as c:
        yield c
