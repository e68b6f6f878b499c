"""Every failure of the server as the one JSON error shape the CLI prints (``selon.errors.error_payload``).

Errors selon raises on purpose keep their type, message and exit code, with an HTTP status
chosen by type; FastAPI's own (a malformed parameter, an unknown route or method) become the
matching selon error; anything else is an internal error whose response says nothing of the
code (no traceback, no SQL): the details go to the server's log only.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from selon.api.guard import BodyTooLarge
from selon.errors import (
    AccessDeniedError,
    DatabaseNotFoundError,
    InputError,
    ModelNotFoundError,
    NotFoundError,
    RequestLimitError,
    SelonError,
    StoreError,
    UsageError,
    error_payload,
)

log = logging.getLogger("selon.api")

#: HTTP status by error type; the first class of the error's MRO listed here decides.
STATUS: dict[type[SelonError], int] = {
    AccessDeniedError: 401,
    RequestLimitError: 413,
    NotFoundError: 404,
    DatabaseNotFoundError: 503,
    UsageError: 400,
    InputError: 422,
    ModelNotFoundError: 503,
    StoreError: 503,
}


def status_of(exc: SelonError) -> int:
    """The HTTP status of a selon error (500 for a type with none of its own)."""
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def error_response(exc: SelonError, status: int | None = None) -> JSONResponse:
    """The JSON error response of ``exc``."""
    return JSONResponse(error_payload(exc), status_code=status or status_of(exc))


def respond(request: Request, exc: SelonError, status: int | None = None) -> Response:
    """The error shape; a page asked for by a browser gets it inside an HTML page (same status)."""
    status = status or status_of(exc)
    wants_page = not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")
    if wants_page:
        from selon.api.pages import error_page

        return error_page(exc, status)
    return error_response(exc, status)


def _validation_message(exc: RequestValidationError) -> str:
    """Which parameter is wrong and why, without echoing the value sent."""
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts) + "; see /docs for the parameters"


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the error shape."""

    @app.exception_handler(SelonError)
    async def selon_error(request: Request, exc: SelonError) -> Response:
        return respond(request, exc)

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge) -> Response:
        return respond(request, exc.error, 413)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, UsageError(_validation_message(exc)), 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            err: SelonError = NotFoundError(f"no such page or endpoint: {request.url.path}; the API is listed at /docs")
        elif exc.status_code == 405:
            err = UsageError(f"method {request.method} is not allowed on {request.url.path}; see /docs")
        else:
            err = SelonError(f"request refused ({exc.status_code})")
        return respond(request, err, exc.status_code)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return respond(request, SelonError("internal error: the server's log has the details"), 500)
