"""Pages, feeds and sitemaps fetched from a local HTTP server: every failure reported, none stops the batch."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from selon.ingest import RawDocument, Skipped, iter_documents
from selon.ingest.web import Fetcher, kind_of, read_url_list
from selon.settings import load_settings

ARTICLE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head><body>
<article><h1>{title}</h1><p>Selon la préfecture, près de 3 000 personnes ont défilé samedi dans les rues de
Lyon pour protester contre la fermeture de la maternité, un chiffre que les organisateurs contestent.</p>
<p>« Nous étions au moins deux fois plus nombreux », a affirmé une porte-parole du collectif.</p></article>
</body></html>"""
HITS: list[str] = []


def _rss(base: str) -> str:
    items = "".join(
        f"<item><title>{p}</title><link>{base}{p}</link></item>"
        for p in ("/page.html", "/missing", "/data.json", "/big.html", "/two.html", "/page.html")
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'


def _sitemap(base: str) -> str:
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in ("/two.html", "/private/hidden.html"))
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stopped at its size cap
            self.wfile.write(body)

    def do_GET(self) -> None:
        HITS.append(self.path)
        base = f"http://{self.headers['Host']}"
        html = "text/html; charset=utf-8"
        routes = {
            "/page.html": (200, ARTICLE.format(title="Manifestation à Lyon").encode(), html),
            "/two.html": (200, ARTICLE.format(title="Deuxième article").encode(), html),
            "/private/hidden.html": (200, ARTICLE.format(title="Caché").encode(), html),
            "/data.json": (200, b'{"a": 1}', "application/json"),
            "/big.html": (200, b"<html><body><p>" + b"x" * 50_000 + b"</p></body></html>", html),
            "/feed.xml": (200, _rss(base).encode(), "application/rss+xml"),
            "/sitemap.xml": (200, _sitemap(base).encode(), "application/xml"),
            "/robots.txt": (200, b"User-agent: *\nDisallow: /private/\n", "text/plain"),
        }
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/moved":
            return self._send(301, b"", html, {"Location": "/page.html"})
        if self.path == "/loop":
            return self._send(302, b"", html, {"Location": "/loop"})
        status, body, kind = routes.get(self.path, (404, b"not found", "text/plain"))
        self._send(status, body, kind)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def _settings():
    return load_settings(
        env={}, fetch_read_seconds=0.5, fetch_connect_seconds=1.0, fetch_retries=0, fetch_max_bytes=20_000
    )


def test_a_page_is_fetched_with_its_url_and_outlet_and_a_redirect_followed(server: str) -> None:
    (page,) = iter_documents([f"{server}/moved"], _settings())
    assert isinstance(page, RawDocument)
    assert page.url == f"{server}/page.html" and page.outlet == "127.0.0.1" and page.fmt == "url"
    assert "3 000 personnes" in page.text


def test_each_failure_is_one_skip_with_its_reason_and_the_batch_goes_on(server: str) -> None:
    urls = ["/slow", "/missing", "/loop", "/data.json", "/big.html", "/private/hidden.html", "/two.html"]
    items = list(iter_documents([server + u for u in urls], _settings()))
    assert len(items) == len(urls)
    reasons = {item.origin.removeprefix(server): item.reason for item in items if isinstance(item, Skipped)}
    assert "timeout" in reasons["/slow"]
    assert "HTTP 404" in reasons["/missing"]
    assert "too many redirects" in reasons["/loop"]
    assert "not an HTML page" in reasons["/data.json"]
    assert "larger than 20,000 bytes" in reasons["/big.html"]
    assert "robots.txt" in reasons["/private/hidden.html"]
    assert isinstance(items[-1], RawDocument) and items[-1].url == f"{server}/two.html"


def test_a_feed_stands_for_its_articles_each_fetched_once_and_the_known_ones_not_at_all(server: str) -> None:
    HITS.clear()
    known = {f"{server}/two.html"}
    items = list(iter_documents([f"{server}/feed.xml"], _settings(), known=known.__contains__))
    pages = [i.url for i in items if isinstance(i, RawDocument)]
    skipped = [i.origin.removeprefix(server) for i in items if isinstance(i, Skipped)]
    assert pages == [f"{server}/page.html"]
    assert skipped == ["/missing", "/data.json", "/big.html"]
    assert "/two.html" not in HITS and HITS.count("/page.html") == 1


def test_a_sitemap_stands_for_its_pages_and_robots_txt_is_honoured(server: str) -> None:
    items = list(iter_documents([f"{server}/sitemap.xml"], _settings()))
    assert [i.url for i in items if isinstance(i, RawDocument)] == [f"{server}/two.html"]
    assert [i.origin for i in items if isinstance(i, Skipped)] == [f"{server}/private/hidden.html"]


def test_a_list_of_urls_is_read_one_a_line(server: str, tmp_path) -> None:
    path = tmp_path / "today.urls"
    path.write_text(f"# morning\n{server}/page.html\n\nnot-a-url\n{server}/missing\n", encoding="utf-8")
    items = list(iter_documents([path], _settings()))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Skipped", "Skipped"]
    assert read_url_list("a\n# b\n\n c \n") == ["a", "c"]


def test_the_kind_of_a_response_comes_from_its_type_and_root(server: str) -> None:
    fetcher = Fetcher(_settings())
    assert kind_of(fetcher.get(f"{server}/feed.xml")) == "feed"
    assert kind_of(fetcher.get(f"{server}/sitemap.xml")) == "sitemap"
    assert kind_of(fetcher.get(f"{server}/page.html")) == "page"
    assert kind_of(fetcher.get(f"{server}/data.json")) == "other"
