"""HTML pages to article text: trafilatura finds the main content; we keep its block structure.

The page's furniture (navigation, comments, related links, captions) stays out because
trafilatura drops it; headings stay in the text, on their own line, and their offsets are
recorded so analysis shows them without drawing claims from them.
"""

from __future__ import annotations

import re

from lxml import etree

from selon.errors import InputError
from selon.ingest.document import RawDocument

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|article|p|section)\b",
    re.IGNORECASE | re.DOTALL,
)
_BLOCKS = {"p", "head", "item", "quote", "list", "cell", "row"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def looks_like_html(text: str) -> bool:
    """True when the text starts like a web page (doctype, <html>, or a block element)."""
    return bool(_HTML_START.match(text[:4096]))


def _text_of(el: etree._Element) -> str:
    parts: list[str] = []
    for piece in el.itertext():
        parts.append(piece)
    return _SPACES.sub(" ", "".join(parts).replace("\n", " ")).strip()


def extract_html(html: str, *, id: str, origin: str = "", url: str | None = None, min_chars: int = 20) -> RawDocument:
    """The main text of a page, with title, date, site name and heading offsets.

    Raises InputError when the page holds no article text (an index page, an error page, a
    page that is all navigation).
    """
    import trafilatura

    try:
        xml = trafilatura.extract(
            html,
            url=url,
            output_format="xml",
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_formatting=False,
            include_links=False,
            favor_precision=False,
        )
    except Exception as exc:
        raise InputError(f"{origin or id}: the HTML could not be parsed ({exc}); check that it is a web page") from exc
    if not xml:
        raise InputError(
            f"{origin or id}: no article text found in this HTML page (navigation or an index page?); "
            "pass the article's own page or its text"
        )
    try:
        root = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError as exc:  # pragma: no cover - trafilatura emits well-formed XML
        raise InputError(f"{origin or id}: the extracted article could not be read ({exc})") from exc
    main = root.find("main")
    blocks: list[tuple[str, str]] = []
    for el in main.iter() if main is not None else []:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag not in _BLOCKS or tag in ("list", "row"):
            continue
        if any(anc.tag in ("p", "head", "item", "quote") for anc in el.iterancestors()):
            continue  # nested block: its text is part of its parent's
        text = _text_of(el)
        if text:
            blocks.append((tag, text))
    parts: list[str] = []
    headings: list[tuple[int, int]] = []
    pos = 0
    for tag, text in blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        if tag == "head":
            headings.append((pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
    body = "".join(parts)
    if len(body.strip()) < min_chars:
        raise InputError(
            f"{origin or id}: no article text found in this HTML page "
            f"({len(body.strip())} characters of text); pass the article's own page or its text"
        )
    meta = root.attrib
    return RawDocument(
        id=id,
        text=body,
        title=meta.get("title") or None,
        outlet=meta.get("sitename") or None,
        url=url or meta.get("url") or None,
        published=meta.get("date") or None,
        origin=origin or id,
        headings=headings,
        fmt="html",
    )
