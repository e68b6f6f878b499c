"""Every endpoint of the REST API with the in-process client: filters, pages, exports, errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from api.conftest import TOKEN

FR = "founding-fr"
EN = "founding-en"


def error_of(response) -> dict:
    """The one error shape, checked whole."""
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message", "exit_code"}, body
    return body["error"]


def test_health(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["documents"] == 3 and body["writable"] is False


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {FR, EN, "hostile-1"}),
        ("q=drones", {FR, EN}),
        ("q=artillery", {EN}),
        ("q=Boudanov", {FR}),
        ("q=boudanov%20missiles", {FR}),
        ("q=defense", set()),
        ("q=ecole", {"hostile-1"}),  # accents folded: école
        ("q=%22%29%28*", set()),  # punctuation only: no word, nothing matches, no FTS5 syntax error
        ("language=en", {EN}),
        ("outlet=Business%20News", {FR}),
        ("from=2025-06-26", {EN, "hostile-1"}),
        ("to=2025-06-25", {FR}),
        ("from=2025-06&to=2025-06", {FR, EN}),
        ("source=Budanov", {EN}),
        ("certainty=hedged", {FR, EN, "hostile-1"}),
        ("source_kind=unnamed", {"hostile-1"}),
    ],
)
def test_document_search_filters(client, query, expected):
    body = client.get(f"/api/documents?{query}").json()
    assert {d["id"] for d in body["items"]} == expected
    assert body["total"] == len(expected)


def test_document_search_pages(client):
    first = client.get("/api/documents?limit=2").json()
    assert len(first["items"]) == 2 and first["total"] == 3 and first["next"]
    second = client.get(first["next"].replace("http://testserver", "")).json()
    assert len(second["items"]) == 1 and second["next"] is None and second["offset"] == 2
    ids = [d["id"] for d in first["items"] + second["items"]]
    assert len(set(ids)) == 3
    assert client.get("/api/documents?offset=10").json()["items"] == []


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=-1",
        "limit=abc",
        "offset=-1",
        "offset=99999999",
        "from=yesterday",
        "language=french",
        "certainty=sure",
        "format=xml",
    ],
)
def test_bad_parameters_are_usage_errors(client, query):
    response = client.get(f"/api/documents?{query}")
    assert response.status_code == 400
    assert error_of(response)["type"] == "UsageError" and error_of(response)["exit_code"] == 2


def test_page_size_limit(client):
    assert client.get("/api/claims?limit=500").status_code == 200
    response = client.get("/api/claims?limit=501")
    assert response.status_code == 413 and error_of(response)["type"] == "RequestLimitError"


def test_one_document_with_claims_entities_figures(client):
    body = client.get(f"/api/documents/{FR}").json()
    doc = body["document"]
    assert doc["id"] == FR and doc["claims"] and "entities" in doc and "quantities" in doc
    assert set(body["clusters"]) == {c["id"] for c in doc["claims"]}
    assert all(isinstance(v, int) or v is None for v in body["clusters"].values())


def test_unknown_document_is_not_found(client):
    response = client.get("/api/documents/nope")
    assert response.status_code == 404
    assert error_of(response) == {
        "type": "NotFoundError",
        "message": "no document 'nope'; search them at /api/documents",
        "exit_code": 9,
    }


def test_web_annotations(client):
    response = client.get(f"/api/documents/{FR}/annotations")
    assert response.headers["content-type"].startswith("application/ld+json")
    body = response.json()
    doc = client.get(f"/api/documents/{FR}").json()["document"]
    assert body["type"] == "AnnotationCollection" and "http://www.w3.org/ns/anno.jsonld" in body["@context"]
    items = body["first"]["items"]
    assert len(items) == len(doc["claims"]) == body["total"]
    for item, claim in zip(items, doc["claims"]):
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        start, end = claim["content"]["start"], claim["content"]["end"]
        assert (position["start"], position["end"]) == (start, end)
        assert quote["exact"] == doc["text"][start:end]
        assert doc["text"][:start].endswith(quote["prefix"]) and doc["text"][end:].startswith(quote["suffix"])
        roles = {b["selon:role"]: b["value"] for b in item["body"]}
        assert roles["certainty"] == claim["certainty"]
        assert roles["source"] == (
            (claim["source"]["name"] or claim["source"]["text"]) if claim["source"] else "(the outlet)"
        )
        if claim["cue"]:
            assert roles["cue"] == claim["cue"]["text"]


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("certainty=hedged", lambda r: r["certainty"] == "hedged"),
        (
            "source=boudanov",
            lambda r: "boudanov" in (r["source_name"] or "").lower() + (r["source_text"] or "").lower(),
        ),
        ("language=en", lambda r: r["language"] == "en"),
        (f"document={FR}", lambda r: r["doc_id"] == FR),
    ],
)
def test_claim_filters(client, query, check):
    body = client.get(f"/api/claims?{query}&limit=500").json()
    assert body["items"] and all(check(r) for r in body["items"])
    assert body["total"] == len(body["items"])


def test_claims_total_and_pages(client):
    everything = client.get("/api/claims?limit=500").json()
    page = client.get("/api/claims?limit=3&offset=3").json()
    assert page["total"] == everything["total"] and page["items"] == everything["items"][3:6]


def test_search_claims(client):
    body = client.get("/api/search/claims?q=drones").json()
    assert body["items"] and all("drones" in r["content_text"].lower() for r in body["items"])


def test_facets(client):
    facets = client.get("/api/facets").json()["facets"]
    assert {f["value"]: f["count"] for f in facets["language"]} == {"fr": 2, "en": 1}
    assert set(facets) == {"language", "outlet", "published", "certainty", "source_kind"}
    assert client.get("/api/facets?language=en").json()["facets"]["language"] == [{"value": "en", "count": 1}]


def test_sources_and_one_source(client):
    body = client.get("/api/sources?limit=500").json()
    names = {s["name"] for s in body["items"]}
    assert "Kyrylo Budanov" in names
    budanov = next(s for s in body["items"] if s["name"] == "Kyrylo Budanov")
    assert client.get("/api/sources?q=boudanov").json()["items"][0]["id"] == budanov["id"]
    assert all(s["kind"] == "person" for s in client.get("/api/sources?kind=person").json()["items"])
    one = client.get(f"/api/sources/{budanov['id']}").json()
    assert one["source"]["name"] == "Kyrylo Budanov" and one["total"] == budanov["claims"]
    assert one["source"]["evidence"], "the French and English names were merged: the reason is shown"
    assert any("Boudanov" in m["label"] for m in one["source"]["mentions"]), "the French name is one of its names"
    assert one["items"] and {"doc_id", "claim_id", "published"} <= set(one["items"][0])
    assert client.get("/api/sources/nobody").status_code == 404


def test_clusters_and_one_cluster(client):
    body = client.get("/api/clusters").json()
    assert body["items"], "the French and English accounts share clusters"
    first = body["items"][0]
    assert {"independent_sources", "outlets", "languages", "first_seen", "last_seen", "members"} <= set(first)
    one = client.get(f"/api/clusters/{first['id']}").json()["cluster"]
    assert one["id"] == first["id"] and len(one["members"]) == first["claims"]
    assert one["verdict"].startswith("rests on ") and one["relays"][0]["outlets"]
    assert all(c["single_source"] for c in client.get("/api/clusters?single_source=true").json()["items"])
    assert len(client.get("/api/clusters?min_articles=1").json()["items"]) >= len(body["items"])
    assert client.get("/api/clusters/999999").status_code == 404
    assert client.get("/api/clusters/abc").status_code == 400


def test_conflicts(client):
    body = client.get("/api/conflicts").json()
    counts = {c["quantity"]["counts"] for c in body["items"]}
    assert "drone" in counts
    assert [c["id"] for c in body["items"]] == list(range(1, len(body["items"]) + 1))
    drones = client.get("/api/conflicts?counts=drones").json()["items"]
    assert drones and all(c["quantity"]["counts"] == "drone" for c in drones)
    one = client.get("/api/conflicts/1").json()["conflict"]
    assert one == body["items"][0]
    assert client.get("/api/conflicts/0").status_code == 404
    assert client.get("/api/conflicts?tolerance=-1").status_code == 400


def test_timeline(client):
    body = client.get("/api/timeline?q=drones").json()
    assert body["query"]["kind"] == "figure" and body["items"]
    dates = [e["published"] for e in body["items"] if e["published"]]
    assert dates == sorted(dates)
    assert error_of(client.get("/api/timeline?q=zzzzqqq"))["type"] == "NotFoundError"
    assert client.get("/api/timeline").status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents",
        "/api/claims",
        "/api/sources",
        "/api/clusters",
        "/api/conflicts",
        "/api/timeline?q=drones",
        "/api/search/claims?q=drones",
    ],
)
def test_every_list_exports_csv_and_jsonl(client, path):
    sep = "&" if "?" in path else "?"
    page = client.get(path).json()
    as_csv = client.get(f"{path}{sep}format=csv")
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert len(rows) == len(page["items"])
    as_jsonl = client.get(f"{path}{sep}format=jsonl")
    assert as_jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert [json.loads(line) for line in as_jsonl.text.splitlines()] == page["items"]


def test_csv_cells_cannot_run_as_formulas():
    from selon.api.listing import to_csv

    text = to_csv([{"a": '=HYPERLINK("x")', "b": "-1", "c": 3, "d": None, "e": {"k": [1]}}])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row == {"a": '\'=HYPERLINK("x")', "b": "'-1", "c": "3", "d": "", "e": '{"k": [1]}'}


def test_openapi_lists_every_endpoint(client):
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert paths >= {
        "/api/health",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/documents/{doc_id}/annotations",
        "/api/claims",
        "/api/search/claims",
        "/api/facets",
        "/api/sources",
        "/api/sources/{source_id}",
        "/api/clusters",
        "/api/clusters/{cluster_id}",
        "/api/conflicts",
        "/api/conflicts/{conflict_id}",
        "/api/timeline",
        "/api/analyze",
    }


def test_unknown_route_and_method(client):
    assert error_of(client.get("/api/nothing-here"))["type"] == "NotFoundError"
    response = client.delete("/api/documents")
    assert response.status_code == 405 and error_of(response)["type"] == "UsageError"


# -- writes -------------------------------------------------------------------------------------


def test_analyze_returns_without_storing(writer):
    auth = {"authorization": f"Bearer {TOKEN}"}
    text = "Selon le ministre, la réforme serait abandonnée. Le gouvernement a confirmé la date."
    response = writer.post("/api/analyze", json={"text": text, "id": "tmp-1", "language": "fr"}, headers=auth)
    assert response.status_code == 200, response.text
    doc = response.json()["document"]
    assert doc["id"] == "tmp-1" and doc["claims"][0]["certainty"] == "hedged"
    assert writer.get("/api/documents/tmp-1").status_code == 404


@pytest.mark.slow
def test_analyze_html_text_and_file(writer):
    auth = {"authorization": f"Bearer {TOKEN}"}
    html = "<html><body><article><p>Selon le ministre, la réforme serait abandonnée.</p></article></body></html>"
    as_html = writer.post("/api/analyze", content=html.encode(), headers={**auth, "content-type": "text/html"})
    assert as_html.status_code == 200 and "réforme" in as_html.json()["document"]["text"]
    upload = writer.post(
        "/api/analyze",
        files={"file": ("a.txt", "Selon le ministre, la taxe serait supprimée.".encode())},
        data={"language": "fr"},
        headers=auth,
    )
    assert upload.status_code == 200 and upload.json()["document"]["claims"]


def test_store_a_document(writer):
    auth = {"authorization": f"Bearer {TOKEN}"}
    text = "Selon le maire, le pont serait fermé en juin pour des travaux urgents."
    response = writer.post("/api/documents", json={"text": text, "id": "stored-1", "language": "fr"}, headers=auth)
    assert response.status_code == 200 and response.json()["result"] == "added"
    assert writer.get("/api/documents/stored-1").json()["document"]["text"] == text
    assert writer.get("/api/documents?q=pont").json()["total"] == 1
    state = writer.app.state.selon
    assert state.refresh_corpus() is True, "the refresher takes the new document into the corpus"
    assert state.refresh_corpus() is False
    claims = writer.get("/api/documents/stored-1").json()["clusters"]
    assert claims and all(c is not None for c in claims.values())


@pytest.mark.parametrize(
    ("body", "kind", "expected"),
    [
        (b"{not json", "application/json", "UsageError"),
        (b"[1, 2]", "application/json", "UsageError"),
        (b'{"text": "   "}', "application/json", "InputError"),
        (b'{"text": "x", "id": "../etc/passwd"}', "application/json", "UsageError"),
        (b"\x00\x01\x02\xff" * 50, "text/plain", "InputError"),
        (b"abc", "image/png", "UsageError"),
    ],
)
def test_bad_analyze_bodies(writer, body, kind, expected):
    response = writer.post(
        "/api/analyze", content=body, headers={"authorization": f"Bearer {TOKEN}", "content-type": kind}
    )
    assert response.status_code in (400, 422) and error_of(response)["type"] == expected
