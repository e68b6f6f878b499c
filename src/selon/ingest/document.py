"""What ingestion hands to analysis: a decoded document with its metadata, or the reason it was skipped."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawDocument:
    """One input document, text already decoded (and extracted, for HTML).

    ``headings`` holds ``(start, end)`` character offsets into ``text`` of the headings the HTML
    structure revealed, so analysis can show them without drawing claims from them. A page read
    from a crawl keeps when it was captured (``captured``, the WARC date) and where its record
    starts in the archive (``offset``), so a result can be traced back to its record.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    origin: str = ""
    headings: list[tuple[int, int]] = field(default_factory=list)
    fmt: str = "text"
    captured: str | None = None
    offset: int | None = None


@dataclass
class Skipped:
    """An input that could not be read as a document; batch runs report it and carry on."""

    origin: str
    reason: str
