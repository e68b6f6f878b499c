"""Ingestion: files, folders, JSON Lines and standard input to :class:`RawDocument` or :class:`Skipped`.

Everything that can go wrong with an input (missing, binary, undecodable, too large, an HTML
page with no article, a bad JSON line) is an :class:`~selon.errors.InputError` with a message
that says what to do; batch readers turn it into a :class:`Skipped` and carry on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from selon.errors import InputError, SelonError
from selon.ingest.document import RawDocument, Skipped
from selon.ingest.html import extract_html, looks_like_html
from selon.ingest.language import detect_language
from selon.ingest.text import decode_bytes, decode_html_bytes, read_limited, read_stdin
from selon.settings import Settings

__all__ = [
    "RawDocument",
    "Skipped",
    "detect_language",
    "extract_html",
    "iter_documents",
    "load_path",
    "looks_like_html",
    "read_input",
]

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_FIELDS = ("id", "text", "html", "url", "outlet", "published", "language", "title")


def read_input(
    text: str,
    *,
    id: str = "document",
    url: str | None = None,
    origin: str = "",
    min_chars: int = 20,
    html: bool | None = None,
) -> RawDocument:
    """A document from decoded text: HTML (detected, or ``html=True``) has its main text extracted."""
    if html or (html is None and looks_like_html(text)):
        return extract_html(text, id=id, origin=origin or id, url=url, min_chars=min_chars)
    if not text.strip():
        raise InputError(f"{origin or id} is empty: nothing to analyse")
    return RawDocument(id=id, text=text, url=url, origin=origin or id)


def load_path(path: str | Path, settings: Settings) -> RawDocument:
    """One ``.txt`` or ``.html`` file as a document (its id is the file's stem)."""
    path = Path(path)
    origin = str(path)
    data = read_limited(path, settings.ingest_max_bytes)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return read_input(
            decode_html_bytes(data, origin), id=path.stem, origin=origin, html=True, min_chars=settings.ingest_min_chars
        )
    if suffix in JSONL_SUFFIXES:
        raise InputError(f"{origin} is JSON Lines: it holds many documents; pass it to `selon analyze` as a batch")
    head = data[:4096].lstrip().lower()
    if suffix not in TEXT_SUFFIXES and (head.startswith(b"<!doctype html") or head.startswith(b"<html")):
        return read_input(
            decode_html_bytes(data, origin), id=path.stem, origin=origin, html=True, min_chars=settings.ingest_min_chars
        )
    text = decode_bytes(data, origin)
    # a .txt file is taken as text even if it starts with a tag: its offsets must index the file
    return read_input(
        text,
        id=path.stem,
        origin=origin,
        html=False if suffix in TEXT_SUFFIXES else None,
        min_chars=settings.ingest_min_chars,
    )


def _from_record(record: object, origin: str, default_id: str, settings: Settings) -> RawDocument:
    if not isinstance(record, dict):
        raise InputError(f"{origin}: a JSON Lines record must be an object with 'text' or 'html'")
    unknown = set(record) - set(_FIELDS)
    body_html, body_text = record.get("html"), record.get("text")
    if not isinstance(body_html, str) and not isinstance(body_text, str):
        raise InputError(
            f"{origin}: the record has no 'text' or 'html' string"
            + (f" (fields: {', '.join(sorted(record))})" if record else "")
        )
    doc_id = str(record.get("id") or default_id)
    if isinstance(body_html, str) and body_html.strip():
        raw = read_input(
            body_html, id=doc_id, origin=origin, url=record.get("url"), html=True, min_chars=settings.ingest_min_chars
        )
    else:
        raw = read_input(str(body_text or ""), id=doc_id, origin=origin, url=record.get("url"), html=False)
    if len(raw.text.encode("utf-8")) > settings.ingest_max_bytes:
        raise InputError(
            f"{origin}: the document is larger than {settings.ingest_max_bytes:,} bytes; split it, "
            "or raise [ingest] max_bytes"
        )
    for key in ("outlet", "published", "title", "language"):
        value = record.get(key)
        if value not in (None, ""):
            setattr(raw, key, str(value))
    raw.fmt = "jsonl"
    if unknown:
        raw.origin = origin
    return raw


def iter_jsonl(data: bytes, origin: str, settings: Settings) -> Iterator[RawDocument | Skipped]:
    """Documents of a JSON Lines file, one per non-blank line; a bad line is skipped with its number."""
    try:
        text = decode_bytes(data, origin)
    except InputError as exc:
        yield Skipped(origin, str(exc))
        return
    stem = Path(origin).stem if origin != "<stdin>" else "stdin"
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"not valid JSON ({exc.msg} at column {exc.colno}); one JSON object per line")
            continue
        try:
            yield _from_record(record, where, f"{stem}-{number}", settings)
        except SelonError as exc:
            yield Skipped(where, str(exc))


def _walk(path: Path) -> Iterator[Path]:
    for child in sorted(path.rglob("*")):
        if (
            child.is_file()
            and not child.name.startswith(".")
            and child.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
        ):
            yield child


def iter_documents(paths: Iterable[str | Path], settings: Settings) -> Iterator[RawDocument | Skipped]:
    """Every document behind ``paths`` (files, folders walked recursively, ``-`` for stdin)."""
    for item in paths:
        if str(item) == "-":
            try:
                data = read_stdin(settings.ingest_max_bytes)
            except InputError as exc:
                yield Skipped("<stdin>", str(exc))
                continue
            stripped = data.lstrip()
            if stripped.startswith(b"{"):
                yield from iter_jsonl(data, "<stdin>", settings)
                continue
            try:
                text = decode_bytes(data, "<stdin>")
                yield read_input(text, id="stdin", origin="<stdin>", min_chars=settings.ingest_min_chars)
            except SelonError as exc:
                yield Skipped("<stdin>", str(exc))
            continue
        path = Path(item)
        if path.is_dir():
            files = list(_walk(path))
            if not files:
                yield Skipped(str(path), "no .txt, .html or .jsonl file in this folder")
            for file in files:
                yield from _file_documents(file, settings)
            continue
        yield from _file_documents(path, settings)


def _file_documents(path: Path, settings: Settings) -> Iterator[RawDocument | Skipped]:
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from iter_jsonl(read_limited(path, settings.ingest_max_bytes), str(path), settings)
        else:
            yield load_path(path, settings)
    except SelonError as exc:
        yield Skipped(str(path), str(exc))
