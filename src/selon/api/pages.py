"""The server-rendered pages: analyse, article, search, clusters, sources, conflicts, timelines.

Each page reads what its API endpoint reads (the store, the corpus view), and a Jinja2
template writes it out with every value escaped; the only scripts are the package's own
static files (``static/``), so the Content-Security-Policy forbids inline script.
Every list page links to its API URL and to its CSV and JSON Lines exports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

import selon.api.charts as charts
from selon.api.analyze_routes import analyse, read_request
from selon.api.article_view import CERTAINTY_LABELS, card, claim_sources, pieces
from selon.api.cluster_view import fold_copies, relays, verdict
from selon.api.routes import FilterDep, StateDep, clusters_of, load_article
from selon.errors import NotFoundError, SelonError
from selon.model import Article
from selon.store import DocumentFilter

router = APIRouter(include_in_schema=False)
TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.globals["certainties"] = CERTAINTY_LABELS
PAGE = 50


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A template filled with ``context`` (escaped), as a page."""
    html = TEMPLATES.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status)


def error_page(exc: SelonError, status: int) -> HTMLResponse:
    """A failed page: the message and the same JSON error shape the API returns."""
    return render("error.html", status, error=exc.to_dict()["error"], status_code=status)


def exports(path: str, params: dict[str, Any]) -> dict[str, str]:
    """The API URL of a list page and its CSV and JSON Lines exports."""
    clean = {k: v for k, v in params.items() if v not in (None, "")}

    def url(**more: Any) -> str:
        query = urlencode({**clean, **more})
        return path + ("?" + query if query else "")

    return {"api": url(), "csv": url(format="csv", limit=500), "jsonl": url(format="jsonl", limit=500)}


@router.get("/docs", response_class=HTMLResponse)
def docs() -> HTMLResponse:
    """The API's documentation (Swagger UI, served from the package)."""
    return render("docs.html")


@router.get("/", response_class=HTMLResponse)
def index(app: StateDep) -> HTMLResponse:
    store = app.store()
    recent, total = store.search(DocumentFilter(), limit=20)
    return render("index.html", stats=store.stats(), recent=recent, total=total, writable=app.writable)


def article_page(article: Article, clusters: dict[str, int | None], stored: bool) -> HTMLResponse:
    """The article page of a stored or a just-analysed document."""
    cards = [card(c, clusters.get(c.id)) for c in article.claims]
    return render(
        "article.html",
        article=article,
        pieces=pieces(article),
        cards=cards,
        sources=claim_sources(article),
        stored=stored,
    )


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(app: StateDep, doc_id: str) -> HTMLResponse:
    article = load_article(app, doc_id)
    return article_page(article, clusters_of(app, article), stored=True)


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(app: StateDep) -> HTMLResponse:
    return render("analyze.html", writable=app.writable)


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_page(request: Request, app: StateDep) -> HTMLResponse:
    form = await request.form(max_files=1, max_fields=20)
    token = form.get("token")
    app.check_token("Bearer " + token if isinstance(token, str) else None)
    body = await read_request(request)
    article = await run_in_threadpool(analyse, body, app.settings)
    return article_page(article, {}, stored=False)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    app: StateDep,
    flt: FilterDep,
    show: str = Query("articles", alias="as", pattern="^(articles|claims)$"),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> HTMLResponse:
    store = app.store()
    params = dict(request.query_params)
    params.pop("offset", None)
    if show == "claims":
        rows, total = store.search_claims(flt, limit=PAGE, offset=offset)
        api = "/api/search/claims"
    else:
        rows, total = store.search(flt, limit=PAGE, offset=offset)
        api = "/api/documents"
    api_params = {k: v for k, v in params.items() if k != "as"}
    return render(
        "search.html",
        flt=flt,
        show=show,
        rows=rows,
        total=total,
        offset=offset,
        page=PAGE,
        facets=store.facets(flt),
        params=params,
        links=exports(api, api_params),
        facet_url=lambda **more: "/search?" + urlencode({**params, **more}),
    )


@router.get("/clusters", response_class=HTMLResponse)
def clusters_page(
    app: StateDep, min_articles: int = Query(2, ge=1, le=10_000), offset: int = Query(0, ge=0, le=1_000_000)
) -> HTMLResponse:
    rows = app.corpus_view(
        "clusters", lambda c: c.clusters(min_articles=min_articles, claims_per_cluster=20), min_articles, None
    )
    return render(
        "clusters.html",
        rows=rows[offset : offset + PAGE],
        total=len(rows),
        offset=offset,
        page=PAGE,
        min_articles=min_articles,
        links=exports("/api/clusters", {"min_articles": min_articles}),
    )


@router.get("/clusters/{cluster_id}", response_class=HTMLResponse)
def cluster_page(app: StateDep, cluster_id: int) -> HTMLResponse:
    cluster = app.corpus().cluster(cluster_id)
    members = cluster["members"]
    dated = [m for m in members if m["published"]]
    first = min(dated, key=lambda m: m["published"]) if dated else (members[0] if members else None)
    return render(
        "cluster.html",
        cluster=cluster,
        verdict=verdict(cluster),
        first=first,
        groups=fold_copies(members),
        relays=relays(members),
        links=exports(f"/api/clusters/{cluster_id}", {}),
    )


@router.get("/sources", response_class=HTMLResponse)
def sources_page(
    app: StateDep, q: str | None = Query(None), offset: int = Query(0, ge=0, le=1_000_000)
) -> HTMLResponse:
    from selon.corpus.names import fold

    rows = app.corpus_view("sources", lambda c: c.sources())
    if q:
        rows = [s for s in rows if fold(q) in fold(s["name"])]
    return render(
        "sources.html",
        rows=rows[offset : offset + PAGE],
        total=len(rows),
        offset=offset,
        page=PAGE,
        q=q or "",
        links=exports("/api/sources", {"q": q}),
    )


@router.get("/sources/{source_id}", response_class=HTMLResponse)
def source_page(app: StateDep, source_id: str) -> HTMLResponse:
    data = app.corpus().source(source_id, limit=2000)
    spec = charts.claims_over_time(f"claims of {data['name']} by month", data["items"])
    return render(
        "source.html",
        source=data,
        spec=spec,
        links=exports(f"/api/sources/{quote(source_id, safe='')}", {}),
    )


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts_page(app: StateDep, counts: str | None = Query(None)) -> HTMLResponse:
    from selon.api.corpus_routes import conflict_list

    rows = conflict_list(app, 0.10, counts)
    return render("conflicts.html", rows=rows, counts=counts or "", links=exports("/api/conflicts", {"counts": counts}))


@router.get("/conflicts/{conflict_id}", response_class=HTMLResponse)
def conflict_page(app: StateDep, conflict_id: int) -> HTMLResponse:
    from selon.api.corpus_routes import conflict_list

    rows = conflict_list(app, 0.10, None)
    if not 1 <= conflict_id <= len(rows):
        raise NotFoundError(f"no conflict {conflict_id}: there are {len(rows)}; see /conflicts")
    conflict = rows[conflict_id - 1]
    q = conflict["quantity"]
    title = (
        q["counts"]
        + (f" per {q['per']}" if q["per"] else "")
        + (f" — {', '.join(q['subject'])}" if q["subject"] else "")
    )
    return render(
        "conflict.html",
        conflict=conflict,
        title=title,
        spec=charts.figure_chart(title, conflict["values"]),
        links=exports(f"/api/conflicts/{conflict_id}", {}),
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(app: StateDep, q: str = Query("", max_length=500)) -> HTMLResponse:
    data: dict[str, Any] | None = None
    spec = None
    if q.strip():
        data = app.corpus().timeline(q, limit=2000)
        figures = [
            {
                **f,
                "published": e["published"],
                "source": e["source"],
                "document": e["document"],
                "outlet": e["outlet"],
                "figure": f["text"],
            }
            for e in data["events"]
            for f in e["figures"]
        ]
        spec = (
            charts.figure_chart(f"figures: {q}", figures)
            if figures
            else charts.claims_over_time(f"claims: {q}", data["events"])
        )
    return render("timeline.html", q=q, data=data, spec=spec, links=exports("/api/timeline", {"q": q}))
