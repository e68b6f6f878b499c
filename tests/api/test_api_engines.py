"""`selon serve` over a PostgreSQL store answers as over the same store in SQLite (needs SELON_TEST_POSTGRES)."""

from __future__ import annotations

import pytest

from api.conftest import build_store, make_client
from engines import postgres_database

PATHS = (
    "/api/health",
    "/api/documents?limit=50",
    "/api/documents/founding-fr",
    "/api/claims?limit=500",
    "/api/claims?source=boudanov",
    "/api/search/claims?q=drones",
    "/api/documents?q=cooperation",
    "/api/documents?q=RUSSIE%20drones&language=fr",
    "/api/facets",
    "/api/facets?language=en",
    "/api/sources?limit=500",
    "/api/sources?q=boudanov",
    "/api/clusters",
    "/api/clusters?min_articles=1",
    "/api/conflicts",
    "/api/conflicts/1",
    "/api/timeline?q=drones",
)
PAGES = ("/", "/documents/founding-fr", "/search?q=drones", "/clusters", "/sources")


@pytest.fixture(scope="module")
def pg_client():
    with postgres_database() as url:
        build_store(url)
        with make_client(url) as c:
            yield c


def _timeless(value):
    if isinstance(value, dict):
        return {k: _timeless(v) for k, v in value.items() if k not in ("ingested_at", "processed_at", "time")}
    if isinstance(value, list):
        return [_timeless(v) for v in value]
    return value


@pytest.mark.parametrize("path", PATHS)
def test_the_api_answers_the_same_on_both_engines(client, pg_client, path):
    lite, pg = client.get(path), pg_client.get(path)
    assert (lite.status_code, pg.status_code) == (200, 200), path
    assert _timeless(pg.json()) == _timeless(lite.json()), path


@pytest.mark.parametrize("path", PAGES)
def test_the_pages_render_on_postgresql(client, pg_client, path):
    assert pg_client.get(path).status_code == client.get(path).status_code
