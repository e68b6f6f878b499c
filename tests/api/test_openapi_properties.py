"""Property-based requests built from the app's own OpenAPI description (hypothesis).

For every GET operation, parameters are drawn from their declared schemas, and also outside
them (wrong types, out-of-range numbers, any unicode): whatever arrives, the server answers
with a declared success or the one error shape, never a 500, a traceback or SQL.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


def value_for(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values a client might send for a parameter of this schema: valid ones and a share of invalid ones."""
    options = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    strategies: list[st.SearchStrategy[Any]] = [ANY_TEXT]
    for s in options:
        if "enum" in s:
            strategies.append(st.sampled_from(s["enum"]))
        elif s.get("type") == "integer":
            lo, hi = s.get("minimum", -(10**6)), s.get("maximum", 10**7)
            strategies += [st.integers(lo, hi), st.integers(-(10**9), 10**9)]
        elif s.get("type") == "number":
            strategies.append(st.floats(allow_nan=True, allow_infinity=True))
        elif s.get("type") == "boolean":
            strategies.append(st.booleans())
        elif s.get("type") == "string":
            strategies.append(st.text(max_size=s.get("maxLength", 60)))
    return st.one_of(strategies)


def operations() -> list[tuple[str, list[dict[str, Any]]]]:
    import tempfile
    from pathlib import Path

    from selon.api import create_app
    from selon.store import Store

    # the schema does not depend on the store: any existing database builds the same one
    path = Path(tempfile.mkdtemp()) / "schema.db"
    Store(path).close()
    schema = create_app(path).openapi()
    found = []
    for route, methods in sorted(schema["paths"].items()):
        if "get" in methods:
            found.append((route, methods["get"].get("parameters", [])))
    return found


OPERATIONS = operations()


@st.composite
def request_for(draw: st.DrawFn, route: str, parameters: list[dict[str, Any]]) -> str:
    path = route
    query = []
    for p in parameters:
        schema = p.get("schema", {})
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", quote(str(draw(value_for(schema))), safe="") or "x")
        elif p["in"] == "query" and (p.get("required") or draw(st.booleans())):
            value = draw(value_for(schema))
            text = str(value).lower() if isinstance(value, bool) else str(value)
            query.append(f"{quote(p['name'])}={quote(text, safe='')}")
    return path + ("?" + "&".join(query) if query else "")


@pytest.fixture(scope="module")
def fuzz_client(api_db):
    from api.conftest import make_client

    with make_client(api_db) as c:
        yield c


@pytest.mark.parametrize(("route", "parameters"), OPERATIONS, ids=[r for r, _ in OPERATIONS])
def test_any_request_gets_a_declared_answer(fuzz_client, route, parameters):
    @settings(
        max_examples=30,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(request_for(route, parameters))
    def check(url: str) -> None:
        response = fuzz_client.get(url)
        assert response.status_code in (200, 400, 404, 413, 414, 422), (url, response.status_code, response.text[:300])
        assert "Traceback" not in response.text and "sqlite3." not in response.text
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"} and set(body["error"]) == {"type", "message", "exit_code"}

    check()
