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
#: libxml2, under trafilatura, stops parsing a page at this nesting depth: what lies deeper is lost.
PARSER_DEPTH = 255
#: A page nested deeper than the parser reads has its elements below this depth unwrapped.
KEEP_DEPTH = 64
#: Elements kept when a deep page is unwrapped: they mark the blocks the article text is cut into.
#: Runs of consecutive opening or closing tags this long (whitespace between them only) are cut short
#: before a deep page is parsed again: 100,000 nested ``<div>`` hold no more text than eight do.
_OPEN_RUN = re.compile(r"(?:<[a-zA-Z][a-zA-Z0-9]*\b[^<>]*>\s*){" + str(KEEP_DEPTH) + ",}")
_CLOSE_RUN = re.compile(r"(?:</[a-zA-Z][a-zA-Z0-9]*\s*>\s*){" + str(KEEP_DEPTH) + ",}")
_TAG = re.compile(r"<[^<>]*>")
_TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "blockquote", "pre"})


def looks_like_html(text: str) -> bool:
    """True when the text starts like a web page (doctype, <html>, or a block element)."""
    return bool(_HTML_START.match(text[:4096]))


def _text_of(el: etree._Element) -> str:
    parts: list[str] = []
    for piece in el.itertext():
        parts.append(piece)
    return _SPACES.sub(" ", "".join(parts).replace("\n", " ")).strip()


def _depth(root: etree._Element) -> int:
    """The nesting depth of a tree, walked without recursion (a page may nest 100,000 levels)."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _cut_runs(html: str) -> str:
    """The page with each long run of opening or closing tags cut to its first 4 and last 4 tags.

    The first ones are the page's own (``<html><body>``), the last ones those around the text.
    """

    def cut(match: re.Match[str]) -> str:
        tags = _TAG.findall(match.group(0))
        return "".join(tags[:4] + tags[-4:])

    return _CLOSE_RUN.sub(cut, _OPEN_RUN.sub(cut, html))


def _deep_tree(html: str) -> etree._Element | None:
    """The whole tree of a page nested deeper than the parser reads, or None for an ordinary page."""
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html, parser=lxml_html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return None
    return root if _depth(root) >= PARSER_DEPTH else None


def _unwrapped(root: etree._Element) -> str | None:
    """The page with its wrappers below :data:`KEEP_DEPTH` removed (their text kept), or None if still too deep.

    Runs only for pages deeper than the parser reads, whose article text would otherwise be lost.
    """
    deep: list[etree._Element] = []
    depth = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if event == "start" and depth > KEEP_DEPTH and isinstance(el.tag, str) and el.tag not in _TEXT_BLOCKS:
            deep.append(el)
    for el in reversed(deep):
        el.drop_tag()
    if _depth(root) >= PARSER_DEPTH:
        return None
    return str(etree.tostring(root, encoding="unicode", method="html"))


def _extract(html: str, url: str | None) -> str | None:
    import trafilatura

    xml: str | None = trafilatura.extract(
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
    return xml


def _readable(html: str) -> str | None:
    """A page nested deeper than the parser reads, made shallow enough to read; None if it cannot be."""
    cut = _cut_runs(html)
    deep = _deep_tree(cut)
    return cut if deep is None else _unwrapped(deep)


def _main_xml(html: str, where: str, url: str | None) -> str:
    """trafilatura's XML of the page's main text; a page nested too deep for the parser is made shallow first."""
    try:
        xml = _extract(html, url)
        if not xml and (deep := _deep_tree(html)) is not None:
            flat = _readable(html)
            if flat is None:
                raise InputError(
                    f"{where}: this HTML page is nested too deeply ({_depth(deep):,} levels or more; an HTML "
                    f"parser reads {PARSER_DEPTH}); pass the article's own page or its text"
                )
            xml = _extract(flat, url)
            if not xml:
                raise InputError(
                    f"{where}: no article text found in this HTML page, nested {_depth(deep):,} levels or more "
                    "deep, even with its nesting undone; pass the article's own page or its text"
                )
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{where}: the HTML could not be parsed ({exc}); check that it is a web page") from exc
    if not xml:
        raise InputError(
            f"{where}: no article text found in this HTML page (navigation or an index page?); "
            "pass the article's own page or its text"
        )
    return xml


def extract_html(html: str, *, id: str, origin: str = "", url: str | None = None, min_chars: int = 20) -> RawDocument:
    """The main text of a page, with title, date, site name and heading offsets.

    Raises InputError when the page holds no article text (an index page, an error page, a
    page that is all navigation) or is nested too deeply to be read.
    """
    xml = _main_xml(html, origin or id, url)
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
