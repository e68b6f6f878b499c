"""Analysing over HTTP: ``POST /api/analyze`` (returned, not stored) and ``POST /api/documents`` (stored).

Both need the server's token (:meth:`AppState.check_token`), checked before the body is read;
the body is bounded by ``[serve] max_body_bytes`` (:mod:`selon.api.guard`) and the analysis
by the ``[limits]`` every analysis obeys. The body is JSON (``{"text"}`` or ``{"html"}`` with
optional ``language``, ``id``, ``title``, ``outlet``, ``url``, ``published``), a form with a
``file`` (and the same fields), or the bare text or HTML.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from selon.api.routes import StateDep
from selon.errors import InputError, UsageError
from selon.model import Article

router = APIRouter(prefix="/api")


class AnalyzeRequest(BaseModel):
    """A document to analyse: its text or HTML and what is known of it."""

    text: str | None = None
    html: str | None = None
    language: str | None = Field(None, pattern="^[a-z]{2}$")
    id: str = Field("document", min_length=1, max_length=200, pattern=r"^[\w.:-]+$")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40)


_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": AnalyzeRequest.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}, "language": {"type": "string"}},
                }
            },
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        },
    }
}


async def read_request(request: Request) -> AnalyzeRequest:
    """The document a request carries, whatever its content type."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if kind == "application/json":
            try:
                data = json.loads(await request.body())
            except ValueError as exc:
                raise UsageError('the body is not valid JSON: send {"text": ...} or {"html": ...}') from exc
            if not isinstance(data, dict):
                raise UsageError('the JSON body must be an object: {"text": ...} or {"html": ...}')
            return AnalyzeRequest.model_validate(data)
        if kind in ("multipart/form-data", "application/x-www-form-urlencoded"):
            return await _from_form(request)
        if kind in ("text/plain", "text/html", ""):
            return _from_bytes(await request.body(), kind == "text/html", {})
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors()[:5])
        raise UsageError(f"invalid field(s): {fields}; see /docs for the request body") from exc
    raise UsageError(f"unsupported content type {kind!r}: send JSON, a form with a file, text/plain or text/html")


async def _from_form(request: Request) -> AnalyzeRequest:
    form = await request.form(max_files=1, max_fields=20)
    fields = {k: v for k, v in form.items() if isinstance(v, str) and v and k in AnalyzeRequest.model_fields}
    upload = form.get("file")
    if upload is not None and not isinstance(upload, str) and upload.filename:
        data = await upload.read()
        if data:
            return _from_bytes(data, upload.filename.lower().endswith((".html", ".htm")), fields)
    if "text" in fields or "html" in fields:
        return AnalyzeRequest.model_validate(fields)
    raise UsageError("the form has no file and no text: send a field 'file', 'text' or 'html'")


def _from_bytes(data: bytes, html: bool, fields: dict[str, Any]) -> AnalyzeRequest:
    from selon.ingest.text import decode_bytes

    text = decode_bytes(data, fields.get("id", "the request body"))
    return AnalyzeRequest.model_validate({**fields, ("html" if html else "text"): text})


def analyse(body: AnalyzeRequest, settings: Any) -> Article:
    """Analyse the document of a request with the server's settings."""
    from selon.engine import analyze_document
    from selon.ingest import read_input

    content = body.html if body.html is not None else body.text
    if not content or not content.strip():
        raise InputError('nothing to analyse: the text is empty; send {"text": ...} or {"html": ...}')
    raw = read_input(
        content, id=body.id, url=body.url, min_chars=settings.ingest_min_chars, html=True if body.html else None
    )
    raw.title = body.title or raw.title
    raw.outlet = body.outlet or raw.outlet
    raw.published = body.published or raw.published
    return analyze_document(raw, language=body.language, settings=settings)


@router.post(
    "/analyze", summary="Analyse a text, HTML or file and return it (not stored; needs the token)", openapi_extra=_BODY
)
async def analyze(request: Request, app: StateDep) -> dict[str, Any]:
    app.check_token(request.headers.get("authorization"))
    body = await read_request(request)
    article = await run_in_threadpool(analyse, body, app.settings)
    return {"document": article.model_dump(mode="json")}


@router.post("/documents", summary="Analyse a document and store it (needs the token)", openapi_extra=_BODY)
async def store_document(request: Request, app: StateDep) -> dict[str, Any]:
    app.check_token(request.headers.get("authorization"))
    body = await read_request(request)
    article = await run_in_threadpool(analyse, body, app.settings)
    result = await run_in_threadpool(lambda: app.store().save(article, origin="http"))
    return {"result": result, "document": article.model_dump(mode="json")}
