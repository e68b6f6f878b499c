"""WARC and WARC.gz archives (a crawler's output, Common Crawl's CC-NEWS) to documents, record by record.

Only HTTP ``response`` records whose payload is HTML are documents; requests, metadata, robots.txt
and images are not articles and pass unseen. The URL and the capture date come from the WARC
headers, the outlet is the URL's host, and the publication date is the page's own (trafilatura reads
it from the HTML). One record is in memory at a time, so memory stays flat however long the archive.

A record that cannot be read (a broken gzip member, a truncated header) is reported as
:class:`Skipped` with its offset, and reading goes on at the next record found after it: one bad
record never costs the rest of the archive.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from selon.errors import InputError, SelonError
from selon.ingest.document import RawDocument, Skipped
from selon.ingest.html import extract_html
from selon.ingest.text import decode_html_bytes
from selon.settings import Settings

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/"
_SCAN_BLOCK = 1 << 20


def is_warc(path: Path) -> bool:
    """Whether ``path`` names a (possibly gzipped) WARC or ARC archive, by its suffix."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def url_id(url: str) -> str:
    """A stable document id for a web page: its host and a hash of its URL (the same page, the same id)."""
    host = outlet_of(url) or "page"
    return f"{host}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:12]}"


def outlet_of(url: str | None) -> str | None:
    """The outlet of a page: its host, without ``www.``."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.") or None


@dataclass
class _Record:
    """What one response record holds, read before the next record is parsed."""

    offset: int
    url: str
    date: str | None
    content_type: str
    payload: bytes


def page_document(
    payload: bytes, url: str, settings: Settings, *, origin: str, captured: str | None = None
) -> RawDocument:
    """A fetched or archived HTML page as a document: its main text, the URL, outlet, capture date."""
    html = decode_html_bytes(payload, origin)
    raw = extract_html(html, id=url_id(url), origin=origin, url=url, min_chars=settings.ingest_min_chars)
    raw.url = url
    raw.outlet = outlet_of(url) or raw.outlet
    raw.captured = captured
    raw.fmt = "warc" if captured else "url"
    return raw


def _record_document(record: _Record, path: Path, settings: Settings) -> RawDocument:
    origin = f"{path}@{record.offset}"
    if len(record.payload) > settings.ingest_max_bytes:
        raise InputError(
            f"{origin} ({record.url}): the page is larger than {settings.ingest_max_bytes:,} bytes; "
            "raise [ingest] max_bytes to read it"
        )
    raw = page_document(record.payload, record.url, settings, origin=origin, captured=record.date)
    raw.offset = record.offset
    return raw


def _is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES


class _Broken(Exception):
    """A record that could not be read, at ``offset`` (the start of that record, as far as is known)."""

    def __init__(self, offset: int, cause: Exception) -> None:
        super().__init__(str(cause))
        self.offset = offset
        self.cause = cause


def _records(fh: BinaryIO, start: int, max_bytes: int, keep: Callable[[int], bool]) -> Iterator[_Record]:
    """The HTML response records from ``start`` on; an unreadable one raises :class:`_Broken`."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    fh.seek(start)
    records = ArchiveIterator(fh, arc2warc=True)  # offsets are the file's: it starts at fh.tell()
    try:
        for record in records:
            offset = records.offset
            if record.rec_type != "response" or record.http_headers is None or not keep(offset):
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if not _is_html(content_type):
                continue
            yield _Record(
                offset=offset,
                url=record.rec_headers.get_header("WARC-Target-URI") or "",
                date=record.rec_headers.get_header("WARC-Date"),
                content_type=content_type,
                payload=record.content_stream().read(max_bytes + 1),
            )
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError, UnicodeDecodeError) as exc:
        raise _Broken(max(start, records.offset), exc) from exc


def next_record_start(fh: BinaryIO, after: int, gzipped: bool) -> int | None:
    """Where the next record may start past ``after``: a gzip member or a ``WARC/`` line; None at the end."""
    magic = _GZIP_MAGIC if gzipped else _WARC_MAGIC
    position = after + 1
    while True:
        fh.seek(position)
        block = fh.read(_SCAN_BLOCK)
        if not block:
            return None
        found = block.find(magic)
        if found >= 0:
            return position + found
        position += max(1, len(block) - len(magic) + 1)


def in_shard(shard: tuple[int, int] | None) -> Callable[[int], bool]:
    """Whether a record (by its offset) belongs to shard ``k`` of ``n``: one archive read by ``n`` tasks,
    each extracting and analysing its own records only (the offsets are spread by a hash, so the shards
    are even whatever the archive's order)."""
    if shard is None or shard[1] <= 1:
        return lambda offset: True
    k, n = shard
    return lambda offset: zlib.crc32(str(offset).encode()) % n == k


def _printable(message: str, most: int = 100) -> str:
    """An error message fit for a report line: what a broken record's bytes put in it cut short and escaped."""
    shown = message if len(message) <= most else message[:most] + "…"
    return shown.encode("ascii", "backslashreplace").decode("ascii")


def iter_warc(path: Path, settings: Settings, shard: tuple[int, int] | None = None) -> Iterator[RawDocument | Skipped]:
    """Every HTML page of a WARC (or ARC) archive, gzipped or not, in file order; a bad record is skipped.
    With ``shard`` (k, n), only the records of shard k (see :func:`in_shard`)."""
    keep = in_shard(shard)
    gzipped = path.name.lower().endswith(".gz")
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Skipped(str(path), f"cannot open the archive ({exc.strerror or exc}); check the path")
        return
    with fh:
        start: int | None = 0
        while start is not None:
            try:
                for record in _records(fh, start, settings.ingest_max_bytes, keep):
                    try:
                        yield _record_document(record, path, settings)
                    except SelonError as exc:
                        yield Skipped(f"{path}@{record.offset}", str(exc))
                start = None
            except _Broken as broken:
                if not keep(broken.offset):  # another shard's record: that shard reports it
                    start = next_record_start(fh, broken.offset, gzipped)
                    continue
                yield Skipped(
                    f"{path}@{broken.offset}",
                    f"unreadable WARC record ({type(broken.cause).__name__}: {_printable(str(broken))}); "
                    "skipped, reading on at the next record",
                )
                start = next_record_start(fh, broken.offset, gzipped)
