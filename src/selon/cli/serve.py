"""``selon serve``: the REST API and the web pages over one store, on uvicorn.

A thin layer: read the settings (``[serve]``, then the flags), check the database exists,
build :func:`selon.api.create_app` and run it. Read-only unless ``[serve] token`` is set.
"""

from __future__ import annotations

from typing import Annotated

import typer

from selon.cli.options import ConfigOpt, DbOpt, err


def serve(
    db: DbOpt = None,
    host: Annotated[str | None, typer.Option("--host", help="address to listen on (default 127.0.0.1)")] = None,
    port: Annotated[
        int | None, typer.Option("--port", help="port to listen on (default 8000)", min=1, max=65535)
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Serve the REST API (/api, OpenAPI at /docs) and the web pages over the store."""
    import uvicorn

    from selon.api import create_app
    from selon.settings import load_settings
    from selon.store import require_database
    from selon.store.engine import mask

    settings = load_settings(config, serve_host=host, serve_port=port)
    path = require_database(db or settings.store_path)
    app = create_app(path, settings)
    mode = "analysis over HTTP on (token set)" if settings.serve_token else "read-only"
    err.print(
        f"selon serve: {mask(path)} at http://{settings.serve_host}:{settings.serve_port}/ ({mode}); API docs at /docs",
        highlight=False,
        markup=False,
    )
    uvicorn.run(
        app,
        host=settings.serve_host,
        port=settings.serve_port,
        log_level="warning",
        server_header=False,
        date_header=False,
        proxy_headers=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``selon serve`` to the ``selon`` application."""
    app.command()(serve)
