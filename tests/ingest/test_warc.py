"""WARC input: HTML responses only, URL, capture date, outlet and publication date, a corrupt record skipped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from crawl import write_warc
from selon.ingest import RawDocument, Skipped, iter_documents, plan_inputs
from selon.ingest.warc import iter_warc, next_record_start, url_id
from selon.settings import load_settings


def _settings():
    return load_settings(env={})


def test_html_responses_become_documents_with_url_capture_date_outlet_and_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    records = write_warc(path)
    docs = list(iter_warc(path, _settings()))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.url for d in docs] == [
        "https://www.example.org/a",
        "https://www.example.org/b",
        "https://news.example.net/c",
    ]
    first = docs[0]
    assert isinstance(first, RawDocument)
    assert first.id == url_id("https://www.example.org/a") and first.id.startswith("example.org-")
    assert first.outlet == "example.org" and first.captured == "2024-03-05T10:00:00Z"
    assert first.published == "2024-03-01"
    assert "croissance atteindrait 1,2 %" in first.text and "Accueil" not in first.text
    assert first.offset == len(records[0]) and first.origin == f"{path}@{first.offset}"


def test_a_corrupt_record_is_reported_with_its_offset_and_the_next_ones_are_read(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    records = write_warc(path, corrupt_second=True)
    items = list(iter_warc(path, _settings()))
    urls = [d.url for d in items if isinstance(d, RawDocument)]
    assert urls == ["https://www.example.org/a", "https://news.example.net/c"]
    (skip,) = [d for d in items if isinstance(d, Skipped)]
    assert skip.origin == f"{path}@{len(records[0]) + len(records[1])}"
    assert "unreadable WARC record" in skip.reason


def test_an_uncompressed_warc_and_a_folder_of_archives_are_read(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "crawl").mkdir()
    write_warc(tmp_path / "crawl" / "one.warc.gz")
    (tmp_path / "crawl" / "two.warc").write_bytes(gzip.decompress((tmp_path / "crawl" / "one.warc.gz").read_bytes()))
    items = list(iter_documents([tmp_path / "crawl"], _settings()))
    kept = [d for d in items if isinstance(d, RawDocument)]
    assert len(kept) == 3  # the second archive holds the same pages: refused as the same ids
    assert len([d for d in items if isinstance(d, Skipped) and "already the id" in d.reason]) == 3
    assert plan_inputs([tmp_path / "crawl" / "two.warc"])[0].many  # type: ignore[union-attr]


def test_the_scan_for_the_next_record_finds_a_gzip_member_or_a_warc_line() -> None:
    data = io.BytesIO(b"junk\x1f\x8b\x08rest")
    assert next_record_start(data, 0, gzipped=True) == 4
    assert next_record_start(io.BytesIO(b"xx WARC/1.0\r\n"), 0, gzipped=False) == 3
    assert next_record_start(io.BytesIO(b"nothing here"), 0, gzipped=True) is None


@pytest.mark.shared
def test_the_orangesum_crawl_gives_french_pages_with_urls_and_dates() -> None:
    from itertools import islice

    from helpers import shared_path

    path = shared_path("data", "orangesum", "orangesum-0-2000.warc.gz")
    docs = [d for d in islice(iter_warc(path, _settings()), 20) if isinstance(d, RawDocument)]
    assert len(docs) >= 15
    assert all(d.url and d.url.startswith("https://") and d.captured and d.outlet for d in docs)
    assert sum(1 for d in docs if d.published) >= 15
