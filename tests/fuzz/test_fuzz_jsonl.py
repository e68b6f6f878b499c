"""The JSON Lines reader on any bytes and any JSON values: it never raises, and answers each line once."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from fuzzing import json_values, scaled
from hypothesis import given, settings
from hypothesis import strategies as st

from selon.errors import InputError
from selon.ingest import RawDocument, Skipped, iter_documents
from selon.ingest import iter_jsonl as read_jsonl
from selon.ingest.text import decode_bytes

pytestmark = pytest.mark.fuzz
ORIGIN = "batch.jsonl"


def _line(value: object, ascii_only: bool) -> str:
    """One record; U+2028, U+2029 and U+0085 stay raw where json.dumps leaves them (only "\\n" ends a record)."""
    return json.dumps(value, ensure_ascii=ascii_only)


def _non_blank_lines(data: bytes) -> int | None:
    try:
        text = decode_bytes(data, ORIGIN)
    except InputError:
        return None
    return sum(1 for line in text.split("\n") if line.strip())


_CHUNK = st.one_of(
    st.binary(max_size=40),
    st.builds(lambda v: _line(v, True).encode(), json_values()),
    st.sampled_from([b"{", b"}", b'"', b"\\", b"\xff", b"\xc3", b"\x00", b"\r", b"\n", b"\xef\xbb\xbf", b"[" * 50]),
)


@settings(max_examples=scaled(200))
@given(chunks=st.lists(_CHUNK, max_size=8), newline=st.sampled_from([b"\n", b"\r\n", b""]))
def test_any_bytes_give_one_answer_per_line(chunks: list[bytes], newline: bytes, settings) -> None:
    data = newline.join(chunks)
    items = list(read_jsonl(data, ORIGIN, settings))
    assert all(isinstance(item, RawDocument | Skipped) for item in items)
    lines = _non_blank_lines(data)
    if lines is None:  # undecodable: the whole file is one skip
        assert len(items) == 1 and isinstance(items[0], Skipped) and items[0].origin == ORIGIN
        return
    assert len(items) == lines, "each non-blank line must be read as a document or skipped with its number"
    for item in items:
        if isinstance(item, Skipped):
            assert re.fullmatch(re.escape(ORIGIN) + r":\d+", item.origin), item.origin
            assert item.reason.strip()


@settings(max_examples=scaled(80))
@given(
    values=st.lists(json_values(), max_size=6),
    blank=st.lists(st.sampled_from(["", " ", "\t"]), min_size=6, max_size=6),
    ascii_only=st.booleans(),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_each_record_is_one_document_or_one_skip(
    values: list[object], blank: list[str], ascii_only: bool, newline: str, settings
) -> None:
    lines: list[str] = []
    numbers: list[int] = []
    for value, pad in zip(values, blank):
        if pad:
            lines.append(pad)  # a blank line answers nothing, but counts in the numbering
        lines.append(_line(value, ascii_only))
        numbers.append(len(lines))
    data = newline.join(lines).encode("utf-8")
    items = list(read_jsonl(data, ORIGIN, settings))
    if _non_blank_lines(data) is None:  # empty, or mostly DEL and C1 controls (json.dumps keeps them raw)
        assert len(items) == 1 and isinstance(items[0], Skipped) and items[0].origin == ORIGIN
        return
    assert len(items) == len(values)
    for value, number, item in zip(values, numbers, items):
        text = value.get("text") if isinstance(value, dict) else None
        if isinstance(item, Skipped):
            assert item.origin == f"{ORIGIN}:{number}", (item.origin, number)
        else:
            assert isinstance(value, dict), "only an object can be a document"
            assert item.text.strip(), "a document has text"
            html = value.get("html")
            if isinstance(text, str) and (not isinstance(html, str) or not html.strip()):
                assert item.text == text, "the text of a record comes through unchanged"
            # a non-string 'text' beside a blank 'html' string is read as str(text): a known failure,
            # pinned as jsonl-text-not-a-string.jsonl in the hostile corpus


@settings(max_examples=scaled(60))
@given(data=st.binary(max_size=200), suffix=st.sampled_from([".jsonl", ".ndjson", ".txt", ".html", ""]))
def test_iter_documents_never_raises_on_a_file(data: bytes, suffix: str, settings) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        items = list(iter_documents([path, Path(tmp), Path(tmp) / "missing.txt"], settings))
    assert all(isinstance(item, RawDocument | Skipped) for item in items)
    assert items and isinstance(items[-1], Skipped) and "does not exist" in items[-1].reason
