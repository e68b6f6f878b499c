"""The server's defences: writes need the token, no path leaves the package, bodies and queries are
bounded, CORS is off unless configured, security headers everywhere, and no response shows code or SQL."""

from __future__ import annotations

import pytest

from api.conftest import TOKEN, make_client

TEXT = {"text": "Selon le ministre, la réforme serait abandonnée.", "language": "fr"}


def error_type(response) -> str:
    return response.json()["error"]["type"]


@pytest.mark.parametrize("path", ["/api/analyze", "/api/documents"])
def test_writes_refused_on_a_read_only_server(client, path):
    response = client.post(path, json=TEXT, headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 401 and error_type(response) == "AccessDeniedError"
    assert "read-only" in response.json()["error"]["message"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer", f"Bearer {TOKEN}x"])
def test_writes_refused_without_the_right_token(writer, header):
    headers = {"authorization": header} if header else {}
    response = writer.post("/api/documents", json={**TEXT, "id": "never"}, headers=headers)
    assert response.status_code == 401 and error_type(response) == "AccessDeniedError"
    assert writer.get("/api/documents/never").status_code == 404


def test_analyse_page_needs_the_token(writer):
    response = writer.post("/analyze", data={"text": TEXT["text"], "token": "wrong"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/static/../settings.cfg",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fsettings.cfg",
        "/static//etc/passwd",
        "/static/vendor/../../app.py",
        "/static/%00",
    ],
)
def test_no_path_traversal(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert "create_app" not in response.text and "[serve]" not in response.text


def test_document_ids_are_looked_up_not_opened(client):
    for doc in ("..%2F..%2Fetc%2Fpasswd", "../../etc/passwd", "%2e%2e/settings.cfg"):
        response = client.get(f"/api/documents/{doc}")
        assert response.status_code == 404 and error_type(response) == "NotFoundError"
        assert "root:" not in response.text


def test_bodies_are_bounded(writer):
    auth = {"authorization": f"Bearer {TOKEN}"}
    big = {"text": "Selon le ministre, " + "x" * 300_000, "language": "fr"}
    response = writer.post("/api/analyze", json=big, headers=auth)
    assert response.status_code == 413 and error_type(response) == "RequestLimitError"

    def chunks():  # no Content-Length: the limit counts what arrives
        for _ in range(300):
            yield b"x" * 1000

    streamed = writer.post("/api/analyze", content=chunks(), headers={**auth, "content-type": "text/plain"})
    assert streamed.status_code == 413 and error_type(streamed) == "RequestLimitError"


def test_body_limit_applies_before_the_token_is_checked(client):
    response = client.post("/api/analyze", content=b"x" * 3_000_000, headers={"content-type": "text/plain"})
    assert response.status_code == 413


def test_queries_are_bounded(client):
    response = client.get("/api/documents?q=" + "a" * 600)
    assert response.status_code == 414 and error_type(response) == "RequestLimitError"
    response = client.get("/api/documents?" + "&".join(f"x{i}=1" for i in range(2000)))
    assert response.status_code == 414


def test_cors_is_off_by_default(client):
    response = client.get("/api/health", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/documents", headers={"origin": "https://evil.example", "access-control-request-method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_when_configured(api_db):
    with make_client(api_db, serve_cors_origins=("https://newsroom.example",)) as c:
        ok = c.get("/api/health", headers={"origin": "https://newsroom.example"})
        assert ok.headers["access-control-allow-origin"] == "https://newsroom.example"
        other = c.get("/api/health", headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize(
    "path", ["/api/health", "/", "/documents/founding-fr", "/static/selon.css", "/api/nope", "/nope", "/docs"]
)
def test_security_headers_everywhere(client, path):
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert "server" not in headers


def test_internal_errors_show_no_code_and_no_sql(api_db, monkeypatch):
    from selon.store import Store

    def broken(self, *args, **kwargs):
        raise RuntimeError("SELECT secret FROM documents -- Traceback (most recent call last)")

    monkeypatch.setattr(Store, "count_claims", broken)
    with make_client(api_db) as c:
        response = c.get("/api/claims")
        page = c.get("/search?as=claims", headers={"accept": "text/html"})
    assert response.status_code == 500
    assert response.json() == {
        "error": {"type": "SelonError", "message": "internal error: the server's log has the details", "exit_code": 1}
    }
    for text in (response.text, page.text):
        assert "SELECT" not in text and "Traceback" not in text and "secret" not in text


def test_store_errors_name_no_sql(api_db, tmp_path):
    import shutil

    from selon.store import Store

    copy = tmp_path / "broken.db"
    shutil.copy(api_db, copy)
    with make_client(copy) as c:
        with Store(copy) as store:
            store.conn.execute("DROP TABLE documents_fts")
        response = c.get("/api/documents?q=drones")
    assert response.status_code == 503 and error_type(response) == "StoreError"
    assert "SELECT" not in response.text and "MATCH" not in response.text
