"""The server-rendered pages with the in-process client: what each shows, escaping, links to the data."""

from __future__ import annotations

import re

import pytest

HTML = {"accept": "text/html"}


def page(client, path: str) -> str:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_article_page_marks_claims_sources_cues_figures(client):
    html = page(client, "/documents/founding-fr")
    assert 'class="legend"' in html
    assert re.search(r'<span class="claim c-hedged[^"]*" data-claims="c0"', html), "the first claim, hedged"
    assert 'class="tag c-hedged" href="#card-c0"' in html, "the certainty is written, not only coloured"
    assert re.search(r'data-src="[^"]*\bc0\b', html) and 'class="claim c-reported fig"' in html
    card = html[html.index('id="card-c0"') : html.index("</article>", html.index('id="card-c0"'))]
    assert "Kirill Boudanov" in card and "chef du renseignement militaire ukrainien" in card
    assert "hedged" in card and "/clusters/" in card
    assert html.count('class="card"') == html.count("<li data-claim=")


def test_hostile_article_is_text(client):
    html = page(client, "/documents/hostile-1")
    assert "<script>alert" not in html and "<img src=x" not in html and '<a href="javascript:' not in html
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Evil&lt;/b&gt; Outlet" in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/selon.js" defer>']


@pytest.mark.parametrize(
    ("path", "api"),
    [
        ("/search?q=drones", "/api/documents?q=drones"),
        ("/search?q=drones&as=claims", "/api/search/claims?q=drones"),
        ("/clusters", "/api/clusters?min_articles=2"),
        ("/sources", "/api/sources"),
        ("/conflicts", "/api/conflicts"),
        ("/timeline?q=drones", "/api/timeline?q=drones"),
    ],
)
def test_list_pages_link_their_data(client, path, api):
    html = page(client, path)
    assert f'href="{api}"' in html.replace("&amp;", "&")
    assert "format=csv" in html and "format=jsonl" in html


def test_search_page_facets(client):
    html = page(client, "/search")
    for facet in ("Language", "Outlet", "Certainty", "Source kind", "Month"):
        assert f"<h2>{facet}</h2>" in html
    assert 'href="/search?language=en"' in html
    assert "founding-en" in page(client, "/search?language=en") and "founding-fr" not in page(
        client, "/search?language=en"
    )


def test_cluster_page_verdict_and_members(client):
    cluster = client.get("/api/clusters").json()["items"][0]
    html = page(client, f"/clusters/{cluster['id']}")
    assert "rests on " in html and "independent source" in html and "relayed by" in html
    assert "Who relays which source" in html and "founding-fr" in html and "founding-en" in html


def test_source_and_conflict_pages_have_charts(client):
    budanov = client.get("/api/sources?q=budanov").json()["items"][0]
    html = page(client, f"/sources/{budanov['id']}")
    assert 'class="chart"' in html and "vega-embed.min.js" in html and "why they were merged" in html
    conflict = page(client, "/conflicts/1")
    assert 'class="chart"' in conflict and "data-spec=" in conflict and "&#34;source&#34;" in conflict


def test_analyse_page_and_docs(client):
    assert "read-only" in page(client, "/analyze")
    docs = page(client, "/docs")
    assert "/static/vendor/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()


def test_index(client):
    html = page(client, "/")
    assert "3 documents" in html and "/documents/founding-fr" in html


def test_page_errors_are_pages_with_the_error_shape(client):
    response = client.get("/documents/nope", headers=HTML)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "NotFoundError" in response.text and '"exit_code": 9' in response.text
    assert client.get("/documents/nope").json()["error"]["type"] == "NotFoundError"


def test_analyse_form_shows_the_article(writer):
    from api.conftest import TOKEN

    response = writer.post(
        "/analyze", data={"text": "Selon le ministre, la réforme serait abandonnée.", "language": "fr", "token": TOKEN}
    )
    assert response.status_code == 200 and "analysed, not stored" in response.text
    assert 'class="claim c-hedged' in response.text
