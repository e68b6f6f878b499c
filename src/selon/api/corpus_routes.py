"""The REST endpoints over the corpus view: sources, clusters, conflicts, timelines.

Each reads :class:`selon.corpus.Corpus` (kept up to date with the store by
:class:`~selon.api.state.AppState`) and pages the result; the corpus computes, this shapes.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from selon.api.cluster_view import relays, verdict
from selon.api.listing import listing, sliced
from selon.api.routes import PageDep, StateDep
from selon.api.state import AppState
from selon.errors import NotFoundError

router = APIRouter(prefix="/api")


@router.get("/sources", summary="Canonical sources across documents and languages, most cited first")
def sources(
    request: Request,
    app: StateDep,
    page: PageDep,
    q: str | None = Query(None, description="name contains this (case and accents ignored)"),
    kind: str | None = Query(None, description="person, organization, anonymous, outlet …"),
) -> Response:
    from selon.corpus.names import fold

    rows = app.corpus_view("sources", lambda c: c.sources())
    if q:
        wanted = fold(q)
        rows = [s for s in rows if wanted in fold(s["name"]) or any(wanted in fold(m["label"]) for m in s["mentions"])]
    if kind:
        rows = [s for s in rows if s["kind"] == kind]
    return listing(request, sliced(rows, page), len(rows), page, "sources")


@router.get("/sources/{source_id}", summary="One source: names and why merged, roles, outlets, claims")
def source(request: Request, app: StateDep, source_id: str, page: PageDep) -> Response:
    data = app.corpus().source(source_id, limit=page.limit, offset=page.offset)
    items = data.pop("items")
    return listing(request, items, data["claims"], page, "source-claims", source=data)


@router.get("/clusters", summary="The same claim across articles and languages, with its independent sources")
def clusters(
    request: Request,
    app: StateDep,
    page: PageDep,
    min_articles: int = Query(2, ge=1, le=10_000, description="clusters seen in at least this many articles"),
    single_source: bool | None = Query(None, description="true: resting on one source; false: corroborated"),
) -> Response:
    rows = app.corpus_view(
        "clusters",
        lambda c: c.clusters(min_articles=min_articles, single_source=single_source, claims_per_cluster=20),
        min_articles,
        single_source,
    )
    return listing(request, sliced(rows, page), len(rows), page, "clusters")


@router.get("/clusters/{cluster_id}", summary="One cluster with every claim in it")
def cluster(app: StateDep, cluster_id: int) -> dict[str, Any]:
    found = app.corpus().cluster(cluster_id)
    return {"cluster": {**found, "verdict": verdict(found), "relays": relays(found["members"])}}


def conflict_list(app: AppState, tolerance: float, counts: str | None) -> list[dict[str, Any]]:
    """The conflicts numbered from 1 (their rank in the corpus' order, which the pages link by)."""
    rows = app.corpus_view("conflicts", lambda c: c.conflicts(tolerance=tolerance, unit=counts), tolerance, counts)
    return [{"id": n, **c} for n, c in enumerate(rows, 1)]


Tolerance = Query(0.10, ge=0, le=10, description="relative difference tolerated between values")
Counts = Query(None, description="only figures counting this (drones)")


@router.get("/conflicts", summary="The same quantity given with different values")
def conflicts(
    request: Request, app: StateDep, page: PageDep, tolerance: float = Tolerance, counts: str | None = Counts
) -> Response:
    rows = conflict_list(app, tolerance, counts)
    return listing(request, sliced(rows, page), len(rows), page, "conflicts")


@router.get("/conflicts/{conflict_id}", summary="One conflict (its number in the list)")
def conflict(
    app: StateDep, conflict_id: int, tolerance: float = Tolerance, counts: str | None = Counts
) -> dict[str, Any]:
    rows = conflict_list(app, tolerance, counts)
    if not 1 <= conflict_id <= len(rows):
        raise NotFoundError(f"no conflict {conflict_id}: there are {len(rows)}; list them at /api/conflicts")
    return {"conflict": rows[conflict_id - 1]}


@router.get("/timeline", summary="A claim or a figure over publication dates")
def timeline(
    request: Request,
    app: StateDep,
    page: PageDep,
    q: str = Query(..., min_length=1, description="cluster id, counted thing (drones) or words of a claim"),
) -> Response:
    data = dict(app.corpus_view("timeline", lambda c: c.timeline(q, limit=1_000_000), q))
    events = data.pop("events")
    return listing(request, sliced(events, page), len(events), page, "timeline", query=data)
