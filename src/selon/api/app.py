"""The web application: REST API under ``/api``, server-rendered pages, static assets, OpenAPI at ``/docs``.

:func:`create_app` builds it over one store with one settings object; ``selon serve`` runs it
on uvicorn. The app is read-only unless ``[serve] token`` is set.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

import selon.api.analyze_routes as analyze_routes
import selon.api.corpus_routes as corpus_routes
import selon.api.errors as errors
import selon.api.pages as pages
import selon.api.routes as routes
from selon.api.guard import Guard
from selon.api.state import AppState
from selon.corpus.embed import Embedder
from selon.settings import Settings, load_settings

STATIC = Path(__file__).parent / "static"


def create_app(
    db: str | Path | None = None, settings: Settings | None = None, *, embedder: Embedder | None = None
) -> FastAPI:
    """The application over the store ``db`` (default: the settings' ``[store] path``), which must exist."""
    from selon import __version__

    settings = settings or load_settings()
    state = AppState(settings, db or settings.store_path, embedder=embedder)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.start_refresher()
        yield
        state.stop_refresher()
        state.close()

    app = FastAPI(
        lifespan=lifespan,
        title="selon",
        version=__version__,
        summary="Who claims what, according to whom, through which channel, how sure, with which figures.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        debug=False,
    )
    app.state.selon = state
    errors.install(app)
    app.include_router(routes.router)
    app.include_router(corpus_routes.router)
    app.include_router(analyze_routes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC, follow_symlink=False), name="static")
    if settings.serve_cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.serve_cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(Guard, max_body=settings.serve_max_body_bytes, max_query=settings.serve_max_query_chars)
    return app
