"""Bytes to text: decode what is text, refuse what is not, before anything is analysed.

Offsets of every span index the decoded text, so a plain-text file comes back unchanged
(only a byte-order mark is removed): no newline or Unicode normalisation happens here.
"""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from selon.errors import InputError

WHAT_TO_PASS = "pass a UTF-8 text, HTML or JSON Lines file"
# Legacy encodings that decode almost any byte string; among equally plausible guesses
# the West-European one is the likeliest for French and English news.
PREFERRED_LEGACY = "cp1252"
MAX_CHAOS = 0.15
MAX_CONTROL_RATIO = 0.01
_SAMPLE = 65536
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""",
    re.IGNORECASE,
)
# WHATWG: pages labelled latin-1 or ASCII are decoded as windows-1252.
_HTML_ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252"}


def _not_text(origin: str, why: str) -> InputError:
    return InputError(f"{origin} is not text: {why}; {WHAT_TO_PASS}")


def _empty(origin: str) -> InputError:
    return InputError(f"{origin} is empty: nothing to analyse; {WHAT_TO_PASS} with the article in it")


# control characters (Unicode Cc) other than tab, newline, CR, FF and VT, found by a scan in C
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    """The share of control characters, in the opening sample or in the whole text, whichever is higher.

    The sample catches a binary file with a text header; the whole text catches text with binary
    data appended after the sample.
    """
    if not text:
        return 0.0
    sample = text[:_SAMPLE]
    ratio = len(_CONTROLS.findall(sample)) / len(sample)
    if len(text) > _SAMPLE:
        ratio = max(ratio, len(_CONTROLS.findall(text)) / len(text))
    return ratio


def _checked(text: str, origin: str, encoding: str) -> str:
    """The decoded text, unless it is empty or mostly control characters (binary in disguise)."""
    if not text.strip():
        raise _empty(origin)
    if "\x00" in text and not encoding.startswith("utf-16") and not encoding.startswith("utf-32"):
        raise _not_text(origin, "it contains NUL bytes (binary data)")
    ratio = _control_ratio(text)
    if ratio > MAX_CONTROL_RATIO:
        raise _not_text(origin, f"{ratio:.0%} of its characters are control characters (binary data)")
    return text


def _guess(data: bytes, origin: str) -> str:
    """Decode a non-UTF-8 byte string with the encoding detector, only when it is confident."""
    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        raise _not_text(origin, "it is neither UTF-8 nor any encoding that could be recognised")
    best = min(m.chaos for m in matches)
    if best > MAX_CHAOS:
        raise _not_text(
            origin, f"its encoding could not be recognised with confidence (best guess {matches[0].encoding})"
        )
    tied = [m.encoding for m in matches if m.chaos <= best + 0.02]
    order = ([PREFERRED_LEGACY] if PREFERRED_LEGACY in tied else []) + [e for e in tied if e != PREFERRED_LEGACY]
    for encoding in order:
        try:
            return _checked(data.decode(encoding), origin, encoding)
        except UnicodeDecodeError:
            continue
    raise _not_text(origin, "it is not valid UTF-8 and no detected encoding decodes all of it")


def decode_bytes(data: bytes, origin: str) -> str:
    """The text of ``data``: UTF-8 (BOM removed), else a confidently detected legacy encoding.

    Raises InputError for empty input, binary data and bytes no encoding explains.
    """
    if not data.strip():
        raise _empty(origin)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                # the utf-16/32 codecs read the mark to learn the byte order, and drop it
                text = data[len(bom) :].decode(encoding) if encoding == "utf-8" else data.decode(encoding)
                return _checked(text, origin, encoding)
            except UnicodeDecodeError as exc:
                raise _not_text(
                    origin, f"it starts with a {encoding} byte-order mark but is not valid {encoding} ({exc.reason})"
                ) from exc
    if b"\x00" in data:  # the whole input: a byte scan costs far less than decoding it
        raise _not_text(origin, "it contains NUL bytes (binary data)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _guess(data, origin)
    return _checked(text, origin, "utf-8")


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    label = (match.group(1) or match.group(2) or b"").decode("ascii", "ignore")
    try:
        name = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None
    return _HTML_ALIASES.get(name, name)


def decode_html_bytes(data: bytes, origin: str) -> str:
    """Like :func:`decode_bytes`, but a page's own charset declaration wins over detection.

    Valid UTF-8 is taken as UTF-8 whatever the page claims (mislabelled pages are common).
    """
    if not data.strip():
        raise _empty(origin)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        return decode_bytes(data, origin)
    try:
        return _checked(data.decode("utf-8"), origin, "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared and not declared.startswith(("utf_8", "utf_16", "utf_32")):
        try:
            return _checked(data.decode(declared), origin, declared)
        except UnicodeDecodeError:
            pass
    return _guess(data, origin)


def too_large(origin: str, size: int | None, limit: int) -> InputError:
    amount = f"{size:,} bytes" if size is not None else f"over {limit:,} bytes"
    return InputError(
        f"{origin} is too large ({amount}, limit {limit:,}): split it, or raise the limit "
        "with [ingest] max_bytes or SELON_INGEST_MAX_BYTES"
    )


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``, refusing a file over ``max_bytes`` before reading it."""
    origin = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise InputError(f"{origin} does not exist; check the path") from exc
    except OSError as exc:
        raise InputError(f"{origin} cannot be read: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise too_large(origin, size, max_bytes)
    try:
        with path.open("rb") as handle:
            return _read_stream(handle, max_bytes, origin)
    except IsADirectoryError as exc:
        raise InputError(f"{origin} is a directory; pass it to a batch command or name the files in it") from exc
    except OSError as exc:
        raise InputError(f"{origin} cannot be read: {exc.strerror or exc}") from exc


def _read_stream(handle: BinaryIO, max_bytes: int, origin: str) -> bytes:
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(origin, None, max_bytes)
    return data


def read_stdin(max_bytes: int) -> bytes:
    """Standard input as bytes, refusing more than ``max_bytes`` without reading past the limit."""
    return _read_stream(sys.stdin.buffer, max_bytes, "<stdin>")
