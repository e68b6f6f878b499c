"""Ingestion: files, folders, JSON Lines, WARC archives, web pages, feeds, sitemaps and standard input
to :class:`RawDocument` or :class:`Skipped`.

Everything that can go wrong with an input (missing, binary, undecodable, too large, an HTML
page with no article, a bad JSON line) is an :class:`~selon.errors.InputError` with a message
that says what to do; batch readers turn it into a :class:`Skipped` and carry on.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from selon.errors import InputError, SelonError
from selon.ingest.document import RawDocument, Skipped
from selon.ingest.html import extract_html, looks_like_html
from selon.ingest.language import detect_language
from selon.ingest.text import decode_bytes, decode_html_bytes, read_limited, read_stdin
from selon.ingest.warc import WARC_SUFFIXES, is_warc, iter_warc
from selon.ingest.web import Fetcher, is_url, iter_url, read_url_list
from selon.settings import Settings

__all__ = [
    "InputFile",
    "InputUrl",
    "RawDocument",
    "Skipped",
    "detect_language",
    "expected_documents",
    "extract_html",
    "iter_documents",
    "load_path",
    "looks_like_html",
    "plan_inputs",
    "read_input",
]

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: A file of URLs, one a line: each is fetched (a page, or a feed's or sitemap's articles).
URL_LIST_SUFFIXES = frozenset({".urls"})
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


def load_path(path: str | Path, settings: Settings, doc_id: str | None = None) -> RawDocument:
    """One ``.txt`` or ``.html`` file as a document (its id is ``doc_id``, by default the file's stem)."""
    path = Path(path)
    stem = doc_id or path.stem
    origin = str(path)
    data = read_limited(path, settings.ingest_max_bytes)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return read_input(
            decode_html_bytes(data, origin), id=stem, origin=origin, html=True, min_chars=settings.ingest_min_chars
        )
    if suffix in JSONL_SUFFIXES:
        raise InputError(f"{origin} is JSON Lines: it holds many documents; pass it to `selon analyze` as a batch")
    head = data[:4096].lstrip().lower()
    if suffix not in TEXT_SUFFIXES and (head.startswith(b"<!doctype html") or head.startswith(b"<html")):
        return read_input(
            decode_html_bytes(data, origin), id=stem, origin=origin, html=True, min_chars=settings.ingest_min_chars
        )
    text = decode_bytes(data, origin)
    # a .txt file is taken as text even if it starts with a tag: its offsets must index the file
    return read_input(
        text,
        id=stem,
        origin=origin,
        html=False if suffix in TEXT_SUFFIXES else None,
        min_chars=settings.ingest_min_chars,
    )


def _from_record(record: object, origin: str, default_id: str, settings: Settings) -> RawDocument:
    if not isinstance(record, dict):
        raise InputError(f"{origin}: a JSON Lines record must be an object with 'text' or 'html'")
    unknown = set(record) - set(_FIELDS)
    body_html, body_text = record.get("html"), record.get("text")
    if (not isinstance(body_html, str) and not isinstance(body_text, str)) or _wrong_type(body_html, body_text):
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


def _wrong_type(body_html: object, body_text: object) -> bool:
    """A body that is there but is not a string ({"text": true}): refused rather than read as "True"."""
    return any(body is not None and not isinstance(body, str) for body in (body_html, body_text))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(record: object) -> object:
    """Lone surrogates ("\\ud800" in JSON) are not text: each becomes U+FFFD, so offsets keep their place."""
    if isinstance(record, dict):
        return {
            key: _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value for key, value in record.items()
        }
    return record


def iter_jsonl(data: bytes, origin: str, settings: Settings) -> Iterator[RawDocument | Skipped]:
    """Documents of a JSON Lines file, one per non-blank line; a bad line is skipped with its number."""
    try:
        text = decode_bytes(data, origin)
    except InputError as exc:
        yield Skipped(origin, str(exc))
        return
    stem = Path(origin).stem if origin != "<stdin>" else "stdin"
    # only "\n" ends a record: str.splitlines() would also break at U+2028, U+0085..., which JSON allows in strings
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = _without_surrogates(json.loads(line))
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"not valid JSON ({exc.msg} at column {exc.colno}); one JSON object per line")
            continue
        except RecursionError:
            yield Skipped(where, "JSON nested too deeply to read; one flat JSON object per line")
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
            and (child.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES or is_warc(child))
        ):
            yield child


@dataclass(frozen=True)
class InputFile:
    """One input of a batch: a file and the id its document takes, or standard input (``path`` None)."""

    path: Path | None
    doc_id: str = ""

    @property
    def many(self) -> bool:
        """Whether it may hold any number of documents (JSON Lines, WARC, a URL list, standard input)."""
        return self.path is None or self.path.suffix.lower() in JSONL_SUFFIXES | URL_LIST_SUFFIXES or is_warc(self.path)


@dataclass(frozen=True)
class InputUrl:
    """A web page, feed or sitemap to fetch: which one is told by what the server sends."""

    url: str

    @property
    def many(self) -> bool:
        return True


Planned = InputFile | InputUrl | Skipped


def plan_inputs(paths: Iterable[str | Path | InputFile | InputUrl | Skipped]) -> list[Planned]:
    """The inputs behind ``paths`` in reading order, folders expanded, before anything is read.

    A file's document id is its stem; files of one batch whose stems collide (two ``story.txt``
    in two folders) take their path relative to the folder they share instead (``a/story``,
    ``b/story``; with the suffix if that still collides), so that neither overwrites the other
    and the same inputs always give the same ids. A folder with no input becomes a Skipped.
    """
    planned: list[Planned] = []
    for item in paths:
        if isinstance(item, (InputFile, InputUrl, Skipped)):
            planned.append(item)
        elif isinstance(item, str) and is_url(item):
            planned.append(InputUrl(item))
        elif str(item) == "-":
            planned.append(InputFile(None))
        elif Path(item).is_dir():
            files = list(_walk(Path(item)))
            planned += [InputFile(f) for f in files] or [
                Skipped(str(item), f"no .txt, .html, .jsonl or {'/'.join(WARC_SUFFIXES)} file in this folder")
            ]
        else:
            planned.append(InputFile(Path(item)))
    return _with_ids(planned)


def _with_ids(planned: list[Planned]) -> list[Planned]:
    """Give each single-document file its id: its stem, or its relative path where stems collide."""
    by_stem: dict[str, dict[str, Path]] = defaultdict(dict)  # stem -> absolute path -> path as given
    for item in planned:
        if isinstance(item, InputFile) and item.path is not None and not item.many:
            by_stem[item.path.stem].setdefault(os.path.abspath(item.path), item.path)
    ids: dict[str, str] = {}
    for stem, files in by_stem.items():
        if len(files) == 1:
            ids.update(dict.fromkeys(files, stem))
            continue
        root = os.path.commonpath([os.path.dirname(f) for f in files])
        relative = [Path(os.path.relpath(f, root)).as_posix() for f in files]
        bare = [r[: -len(Path(r).suffix)] if Path(r).suffix else r for r in relative]
        ids.update(zip(files, bare if len(set(bare)) == len(bare) else relative))
    return [
        InputFile(item.path, ids[os.path.abspath(item.path)])
        if isinstance(item, InputFile) and item.path is not None and not item.many
        else item
        for item in planned
    ]


def expected_documents(planned: list[Planned]) -> int | None:
    """How many documents (or skips) the planned inputs give; None when JSON Lines, WARC, URLs or stdin
    make it unknown."""
    return None if any(isinstance(item, (InputFile, InputUrl)) and item.many for item in planned) else len(planned)


def iter_documents(
    paths: Iterable[str | Path | InputFile | InputUrl | Skipped],
    settings: Settings,
    known: Callable[[str], bool] | None = None,
) -> Iterator[RawDocument | Skipped]:
    """Every document behind ``paths`` (files, folders walked recursively, WARC archives, URLs, ``-`` for
    stdin), read one at a time; the articles of a feed or sitemap whose URL ``known`` accepts (already
    stored) are not fetched.

    A document whose id an earlier document of the batch already has (a JSON Lines ``id``
    repeated, a page twice in a crawl) is skipped with the origin of the first: storing it would
    overwrite that one.
    """
    seen: dict[str, str] = {}
    for item in _documents(plan_inputs(paths), settings, known):
        if isinstance(item, RawDocument):
            first = seen.setdefault(item.id, item.origin)
            if first != item.origin:
                yield Skipped(
                    item.origin,
                    f"id {item.id!r} is already the id of {first} in this batch; give each document its own id",
                )
                continue
        yield item


def _documents(
    planned: list[Planned], settings: Settings, known: Callable[[str], bool] | None
) -> Iterator[RawDocument | Skipped]:
    fetcher: Fetcher | None = None
    for item in planned:
        if isinstance(item, Skipped):
            yield item
        elif isinstance(item, InputUrl) or (item.path is not None and item.path.suffix.lower() in URL_LIST_SUFFIXES):
            fetcher = fetcher or Fetcher(settings)
            yield from _web_documents(item, settings, known, fetcher)
        elif item.path is None:
            yield from _stdin_documents(settings)
        elif is_warc(item.path):
            yield from iter_warc(item.path, settings)
        elif item.many:
            try:
                yield from iter_jsonl(read_limited(item.path, settings.ingest_max_bytes), str(item.path), settings)
            except SelonError as exc:
                yield Skipped(str(item.path), str(exc))
        else:
            try:
                yield load_path(item.path, settings, item.doc_id)
            except SelonError as exc:
                yield Skipped(str(item.path), str(exc))


def _web_documents(
    item: InputFile | InputUrl, settings: Settings, known: Callable[[str], bool] | None, fetcher: Fetcher
) -> Iterator[RawDocument | Skipped]:
    """The documents of one URL, or of each URL of a list file."""
    if isinstance(item, InputUrl):
        yield from iter_url(item.url, settings, known, fetcher)
        return
    assert item.path is not None
    try:
        urls = read_url_list(decode_bytes(read_limited(item.path, settings.ingest_max_bytes), str(item.path)))
    except SelonError as exc:
        yield Skipped(str(item.path), str(exc))
        return
    for url in urls:
        if is_url(url):
            yield from iter_url(url, settings, known, fetcher)
        else:
            yield Skipped(f"{item.path}: {url}", "not an http:// or https:// address; one URL a line")


def _stdin_documents(settings: Settings) -> Iterator[RawDocument | Skipped]:
    try:
        data = read_stdin(settings.ingest_max_bytes)
    except InputError as exc:
        yield Skipped("<stdin>", str(exc))
        return
    if data.lstrip().startswith(b"{"):
        yield from iter_jsonl(data, "<stdin>", settings)
        return
    try:
        yield read_input(
            decode_bytes(data, "<stdin>"), id="stdin", origin="<stdin>", min_chars=settings.ingest_min_chars
        )
    except SelonError as exc:
        yield Skipped("<stdin>", str(exc))
