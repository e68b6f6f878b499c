"""Pages, feeds and sitemaps fetched over HTTP(S), politely: timeouts, a size cap, robots.txt, retries.

``selon ingest https://...`` takes a page, an RSS/Atom feed (``feedparser``) or a sitemap and tells
which from what the server sends; a feed or sitemap stands for its articles, each fetched in turn,
and the URLs the store already holds are passed over before anything is fetched. Every failure (a
timeout, a 404, a redirect loop, a response that is not HTML, a page over the size cap, a path that
robots.txt forbids) is one :class:`Skipped` with its reason: a bad URL never stops the batch.
"""

from __future__ import annotations

import re
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

from selon.errors import InputError, SelonError
from selon.ingest.document import RawDocument, Skipped
from selon.ingest.warc import page_document
from selon.settings import Settings

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_XML_TYPES = ("application/xml", "text/xml", *_FEED_TYPES)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_SITEMAP_START = re.compile(rb"<(?:urlset|sitemapindex)\b", re.IGNORECASE)
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
#: Nested sitemap indexes followed at most this deep (an index of indexes of sitemaps is already rare).
MAX_SITEMAP_DEPTH = 3


def is_url(text: str) -> bool:
    """Whether an input names a web resource rather than a file."""
    return text.lower().startswith(("http://", "https://"))


def user_agent(settings: Settings) -> str:
    """Who is asking, and how to reach them (``[fetch] contact``): sites can tell selon apart and allow it or not."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        __version__ = version("selon")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree that was never installed
        __version__ = "dev"
    contact = f"; {settings.fetch_contact}" if settings.fetch_contact else ""
    return f"selon/{__version__} (news claim analysis{contact})"


@dataclass
class Fetched:
    """One HTTP response read to the end (or to the size cap)."""

    url: str
    status: int
    content_type: str
    body: bytes


@dataclass
class Fetcher:
    """One connection pool with the ``[fetch]`` settings, and the robots.txt of each host asked so far."""

    settings: Settings
    robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        import urllib3

        s = self.settings
        self.pool = urllib3.PoolManager(
            headers={"User-Agent": user_agent(s), "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9"},
            timeout=urllib3.Timeout(connect=s.fetch_connect_seconds, read=s.fetch_read_seconds),
            retries=urllib3.Retry(
                total=s.fetch_retries + s.fetch_redirects,
                connect=s.fetch_retries,
                read=s.fetch_retries,
                status=s.fetch_retries,
                other=s.fetch_retries,
                redirect=s.fetch_redirects,
                status_forcelist=(429, 500, 502, 503, 504),
                backoff_factor=s.fetch_backoff_seconds,
                raise_on_status=False,
                respect_retry_after_header=True,
            ),
        )

    def get(self, url: str) -> Fetched:
        """The response at ``url`` (redirects followed); InputError for what cannot be had, with why."""
        import urllib3

        if not self.allowed(url):
            raise InputError(f"{url}: robots.txt of {urlsplit(url).netloc} disallows it for selon; not fetched")
        cap = self.settings.fetch_max_bytes
        try:
            response = self.pool.request("GET", url, preload_content=False, redirect=True)
            try:
                declared = int(response.headers.get("Content-Length") or 0)
                if declared > cap:
                    raise _too_large(url, cap)
                body = response.read(cap + 1, decode_content=True)
                if len(body) > cap:
                    raise _too_large(url, cap)
            finally:
                response.release_conn()
        except urllib3.exceptions.MaxRetryError as exc:
            raise InputError(f"{url}: {_failure(exc.reason)}; check the address or try again later") from exc
        except urllib3.exceptions.HTTPError as exc:
            raise InputError(f"{url}: {_failure(exc)}; check the address or try again later") from exc
        final = response.geturl() or url
        final = urljoin(url, final)
        if response.status >= 400:
            raise InputError(f"{url}: the server answered HTTP {response.status}; check the address")
        return Fetched(final, response.status, response.headers.get("Content-Type", ""), body)

    def allowed(self, url: str) -> bool:
        """What the host's robots.txt says of ``url`` for selon; no robots.txt (or none readable) allows."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self.robots:
            self.robots[key] = self._robots(key)
        rules = self.robots[key]
        return rules is None or rules.can_fetch("selon", url)

    def _robots(self, site: str) -> urllib.robotparser.RobotFileParser | None:
        import urllib3

        try:
            response = self.pool.request("GET", f"{site}/robots.txt", retries=1, preload_content=False)
            body = response.read(512 * 1024, decode_content=True)
            response.release_conn()
        except urllib3.exceptions.HTTPError:
            return None
        if response.status >= 400:
            return None
        rules = urllib.robotparser.RobotFileParser()
        rules.parse(body.decode("utf-8", errors="replace").splitlines())
        return rules


def _too_large(url: str, cap: int) -> InputError:
    return InputError(f"{url}: the response is larger than {cap:,} bytes; raise [fetch] max_bytes to read it")


def _failure(reason: object) -> str:
    """A transport failure in words: timeouts, redirect loops, refused connections."""
    name = type(reason).__name__
    if "Timeout" in name:
        return "no answer in time (timeout)"
    if "redirect" in str(reason).lower():
        return "too many redirects"
    return f"the request failed ({name}: {reason})"


def _media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def kind_of(fetched: Fetched) -> str:
    """``page``, ``feed`` or ``sitemap`` from the media type and, for XML, the root element."""
    media = _media_type(fetched.content_type)
    head = fetched.body[:2048]
    if media in _FEED_TYPES or (media in _XML_TYPES and _FEED_START.search(head)):
        return "feed"
    if media in _XML_TYPES and _SITEMAP_START.search(head):
        return "sitemap"
    if media in _HTML_TYPES or (not media and head.lstrip()[:1] == b"<"):
        return "page"
    return "other"


def feed_links(fetched: Fetched) -> list[str]:
    """The article URLs of an RSS or Atom feed, in feed order."""
    import feedparser

    parsed = feedparser.parse(fetched.body, response_headers={"content-location": fetched.url})
    links = [urljoin(fetched.url, entry.get("link", "")) for entry in parsed.entries if entry.get("link")]
    if not links and parsed.bozo:
        raise InputError(f"{fetched.url}: the feed could not be read ({parsed.bozo_exception}); check the address")
    return links


def sitemap_links(fetched: Fetched) -> tuple[list[str], list[str]]:
    """The page URLs and the nested sitemap URLs of a sitemap (``urlset``) or sitemap index."""
    try:
        root = etree.fromstring(fetched.body, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{fetched.url}: the sitemap is not valid XML ({exc}); check the address") from exc
    locs = [(el.text or "").strip() for el in root.iter(f"{_SITEMAP_NS}loc", "loc")]
    locs = [urljoin(fetched.url, loc) for loc in locs if loc]
    tag = etree.QName(root).localname
    return ([], locs) if tag == "sitemapindex" else (locs, [])


def _page(fetched: Fetched, settings: Settings) -> RawDocument:
    media = _media_type(fetched.content_type)
    if kind_of(fetched) != "page":
        raise InputError(
            f"{fetched.url}: the response is {media or 'of no declared type'}, not an HTML page, feed or sitemap; "
            "pass the address of an article"
        )
    return page_document(fetched.body, fetched.url, settings, origin=fetched.url)


def iter_url(
    url: str, settings: Settings, known: Callable[[str], bool] | None = None, fetcher: Fetcher | None = None
) -> Iterator[RawDocument | Skipped]:
    """The document at ``url``, or the articles of the feed or sitemap there (those ``known`` passes over
    are not fetched); each failure is a Skipped."""
    fetcher = fetcher or Fetcher(settings)
    pending: list[tuple[str, int]] = [(url, 0)]
    while pending:
        where, depth = pending.pop(0)
        try:
            fetched = fetcher.get(where)
            kind = kind_of(fetched)
            if kind == "feed":
                articles, nested = feed_links(fetched), list[str]()
            elif kind == "sitemap":
                articles, nested = sitemap_links(fetched)
            else:
                yield _page(fetched, settings)
                continue
        except SelonError as exc:
            yield Skipped(where, str(exc))
            continue
        pending.extend((n, depth + 1) for n in nested if depth + 1 <= MAX_SITEMAP_DEPTH)
        yield from _articles(articles, settings, known, fetcher)


def _articles(
    urls: list[str], settings: Settings, known: Callable[[str], bool] | None, fetcher: Fetcher
) -> Iterator[RawDocument | Skipped]:
    """Each article of a feed or sitemap once, unless the store already has it."""
    seen: set[str] = set()
    for article in urls:
        if article in seen or (known is not None and known(article)):
            continue
        seen.add(article)
        try:
            yield _page(fetcher.get(article), settings)
        except SelonError as exc:
            yield Skipped(article, str(exc))


def read_url_list(text: str) -> list[str]:
    """The URLs of a list file: one a line, blank lines and ``#`` comments left out."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
