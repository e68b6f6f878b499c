"""Paged lists and their exports: every list endpoint answers JSON, CSV or JSON Lines the same way.

A JSON list is ``{"items": [...], "total", "limit", "offset", "next"}`` (``next`` the URL of
the following page, or null). ``?format=csv`` and ``?format=jsonl`` give the same page as a
file: CSV with one column per field (nested values as JSON), JSON Lines one object per line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response

from selon.errors import RequestLimitError

ListFormat = Literal["json", "csv", "jsonl"]
MAX_OFFSET = 1_000_000


@dataclass(frozen=True)
class Page:
    """Which part of a list a request wants."""

    limit: int
    offset: int
    format: ListFormat


def page_params(
    request: Request,
    limit: int | None = Query(None, ge=1, description="items per page (default and maximum: the [serve] settings)"),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="items to skip"),
    format: ListFormat = Query("json", description="json (a page object), csv or jsonl (the page's items)"),
) -> Page:
    """The page a request asks for; a page size past ``[serve] max_page_size`` is refused."""
    settings = request.app.state.selon.settings
    size = settings.serve_page_size if limit is None else limit
    if size > settings.serve_max_page_size:
        raise RequestLimitError(
            f"limit {size} is more than the {settings.serve_max_page_size} items a page may hold "
            "([serve] max_page_size); ask for several pages with offset"
        )
    return Page(limit=size, offset=offset, format=format)


def listing(
    request: Request, items: Sequence[dict[str, Any]], total: int, page: Page, name: str, **extra: Any
) -> Response:
    """One page of a list in the format asked for (``items`` is that page, ``total`` the whole list's size)."""
    if page.format == "csv":
        return Response(
            to_csv(items),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{name}.csv"'},
        )
    if page.format == "jsonl":
        return Response(
            to_jsonl(items),
            media_type="application/x-ndjson; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{name}.jsonl"'},
        )
    following = None
    if page.offset + len(items) < total:
        following = str(request.url.include_query_params(offset=page.offset + page.limit, limit=page.limit))
    body = {"items": list(items), "total": total, "limit": page.limit, "offset": page.offset, "next": following}
    return JSONResponse({**body, **extra})


def sliced(items: Sequence[dict[str, Any]], page: Page) -> Sequence[dict[str, Any]]:
    """The page of a list computed whole (the corpus views)."""
    return items[page.offset : page.offset + page.limit]


def to_jsonl(items: Sequence[dict[str, Any]]) -> str:
    """One JSON object per line (line separators inside strings escaped, so line readers split right)."""
    lines = []
    for item in items:
        line = json.dumps(item, ensure_ascii=False)
        for char in "\u2028\u2029\x85":
            line = line.replace(char, f"\\u{ord(char):04x}")
        lines.append(line)
    return "".join(line + "\n" for line in lines)


def to_csv(items: Sequence[dict[str, Any]]) -> str:
    """A header of every field seen (in first-seen order), one row per item; nested values as JSON.

    A cell starting with ``=``, ``+``, ``-`` or ``@`` is prefixed with ``'`` so a spreadsheet
    shows it instead of running it as a formula (text from articles is untrusted).
    """
    columns: dict[str, None] = {}
    for item in items:
        columns.update(dict.fromkeys(item))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(list(columns))
    for item in items:
        writer.writerow([_cell(item.get(col)) for col in columns])
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
