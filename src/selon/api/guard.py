"""The server's outer layer: security headers on every response, bounded request bodies and queries.

Each response also says how long the server took to start answering (``Server-Timing: app;dur=MS``),
which the web benchmark reads.

Plain ASGI middleware (no per-request task), so it costs next to nothing and also covers the
responses of error handlers and of static files. The Content-Security-Policy allows scripts,
styles, fonts and images from the server itself only, never inline script nor ``eval``
(charts are compiled with Vega's interpreter, not with ``new Function``), and no framing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from selon.errors import RequestLimitError, error_payload

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class Guard:
    """Security headers, and 413 for a body past ``max_body`` bytes or a query value past ``max_query`` characters."""

    def __init__(self, app: ASGIApp, *, max_body: int, max_query: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_query = max_query

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = CSP.encode()
        started = time.perf_counter()

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
                took = f"app;dur={(time.perf_counter() - started) * 1000:.1f}".encode()
                headers += [(b"content-security-policy", csp), (b"server-timing", took), *HEADERS]
                message["headers"] = headers
            await send(message)

        refusal = self._refusal(scope)
        if refusal is not None:
            await refuse(send_secured, *refusal)
            return
        await self.app(scope, self._bounded(receive), send_secured)

    def _refusal(self, scope: Scope) -> tuple[int, RequestLimitError] | None:
        """A request refused before reading its body: too long a query, or a declared body too large."""
        query = scope.get("query_string", b"").decode("latin-1")
        if len(query) > self.max_query * 8:
            return 414, RequestLimitError(f"query string longer than {self.max_query * 8} characters; shorten it")
        for key, value in parse_qsl(query, keep_blank_values=True):
            if len(value) > self.max_query or len(key) > 100:
                return 414, RequestLimitError(
                    f"query parameter {key[:40]!r} is longer than {self.max_query} characters "
                    "([serve] max_query_chars); shorten it"
                )
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    size = int(value)
                except ValueError:
                    return 400, RequestLimitError("malformed Content-Length header")
                if size > self.max_body:
                    return 413, self._too_large()
        return None

    def _too_large(self) -> RequestLimitError:
        return RequestLimitError(
            f"request body larger than {self.max_body} bytes ([serve] max_body_bytes); send a smaller document"
        )

    def _bounded(self, receive: Receive) -> Receive:
        """``receive`` that stops a body streamed past the limit (no Content-Length, or a lying one)."""
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self._too_large())
            return message

        return bounded


class BodyTooLarge(Exception):
    """Raised inside a request whose streamed body passes the limit; the app turns it into a 413."""

    def __init__(self, error: RequestLimitError) -> None:
        super().__init__(error.message)
        self.error = error


async def refuse(send: Send, status: int, error: RequestLimitError) -> None:
    """Answer with the error shape before the application sees the request."""
    body = json.dumps(error_payload(error), ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
