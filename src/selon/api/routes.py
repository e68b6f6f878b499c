"""The REST endpoints over the store: documents (search, one document, its annotations) and claims.

Each endpoint parses its parameters, calls the store (:class:`selon.store.Store`,
:mod:`selon.store.search`) and shapes the answer: the queries live in the library, not here.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from selon.api.annotations import MEDIA_TYPE, annotation_collection
from selon.api.listing import Page, listing, page_params
from selon.api.state import AppState
from selon.errors import NotFoundError
from selon.model import Article, Certainty
from selon.store import DocumentFilter

router = APIRouter(prefix="/api")
PageDep = Annotated[Page, Depends(page_params)]
Language = Query(None, pattern="^[a-z]{2}$", description="language code (fr, en)")
DateFrom = Query(None, alias="from", pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="published on or after")
DateTo = Query(None, alias="to", pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="published on or before")


def state(request: Request) -> AppState:
    """The server's state (settings, stores), set by :func:`selon.api.create_app`."""
    found: AppState = request.app.state.selon
    return found


StateDep = Annotated[AppState, Depends(state)]


def document_filter(
    q: str | None = Query(None, description="words of the title or text (all required; accents and case ignored)"),
    outlet: str | None = Query(None, description="outlet, exactly"),
    language: str | None = Language,
    date_from: str | None = DateFrom,
    date_to: str | None = DateTo,
    source: str | None = Query(None, description="documents with a claim whose source contains this"),
    certainty: Certainty | None = Query(None, description="documents with a claim of this certainty"),
    source_kind: str | None = Query(None, description="documents with a claim whose source is of this kind"),
) -> DocumentFilter:
    """The document filters every search-like endpoint shares."""
    return DocumentFilter(
        words=q,
        outlet=outlet,
        language=language,
        date_from=date_from,
        date_to=date_to,
        source=source,
        certainty=certainty,
        source_kind=source_kind,
    )


FilterDep = Annotated[DocumentFilter, Depends(document_filter)]


@router.get("/health", summary="Server status and store size")
def health(app: StateDep) -> dict[str, Any]:
    return app.info()


@router.get("/documents", summary="Search documents by words, outlet, language, dates, source")
def documents(request: Request, app: StateDep, flt: FilterDep, page: PageDep) -> Response:
    rows, total = app.store().search(flt, limit=page.limit, offset=page.offset)
    return listing(request, rows, total, page, "documents")


@router.get("/facets", summary="Counts of the matching documents and claims by facet")
def facets(app: StateDep, flt: FilterDep) -> dict[str, Any]:
    return {"facets": app.store().facets(flt)}


def load_article(app: AppState, doc_id: str) -> Article:
    """The stored document, or :class:`NotFoundError`."""
    article = app.store().get(doc_id)
    if article is None:
        raise NotFoundError(f"no document {doc_id!r}; search them at /api/documents")
    return article


def clusters_of(app: AppState, article: Article) -> dict[str, int | None]:
    """Claim id -> its cluster, for the claims the corpus has taken in."""
    corpus = app.corpus()
    return {claim.id: corpus.cluster_of(article.id, claim.id) for claim in article.claims}


@router.get(
    "/documents/{doc_id:path}/annotations",
    summary="The document's claims as W3C Web Annotations (JSON-LD)",
    response_class=JSONResponse,
)
def document_annotations(request: Request, app: StateDep, doc_id: str) -> Response:
    article = load_article(app, doc_id)
    base = str(request.url_for("document", doc_id=doc_id))
    return JSONResponse(annotation_collection(article, base), media_type=MEDIA_TYPE)


@router.get("/documents/{doc_id:path}", summary="One document with its claims, entities and figures")
def document(app: StateDep, doc_id: str) -> dict[str, Any]:
    article = load_article(app, doc_id)
    return {"document": article.model_dump(mode="json"), "clusters": clusters_of(app, article)}


@router.get("/claims", summary="Claims, filtered as `selon claims` filters them")
def claims(
    request: Request,
    app: StateDep,
    page: PageDep,
    source: str | None = Query(None, description="source name or mention contains this"),
    certainty: Certainty | None = Query(None),
    language: str | None = Language,
    document: str | None = Query(None, description="document id"),
) -> Response:
    rows, total = app.store().claims_page(
        source=source, certainty=certainty, language=language, document=document, limit=page.limit, offset=page.offset
    )
    return listing(request, rows, total, page, "claims")


@router.get("/search/claims", summary="Claims of the matching documents whose content has the words")
def search_claims(request: Request, app: StateDep, flt: FilterDep, page: PageDep) -> Response:
    rows, total = app.store().search_claims(flt, limit=page.limit, offset=page.offset)
    return listing(request, rows, total, page, "claims")
