"""A small crawl written with warcio, for the tests of WARC input, workers and Spark."""

from __future__ import annotations

import io
from pathlib import Path

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="2024-03-0{day}T08:00:00+01:00"></head>
<body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav><article><h1>{title}</h1>
<p>Selon le ministre de l'Économie, la croissance atteindrait 1,2 % cette année, un chiffre que
plusieurs économistes jugent trop optimiste compte tenu du ralentissement observé en Europe.</p>
<p>« Nous tiendrons nos objectifs », a déclaré le ministre lors d'une conférence de presse à Paris,
ajoutant que le gouvernement ne prévoyait aucune hausse d'impôts pour les ménages.</p></article>
<footer>Tous droits réservés</footer></body></html>"""


def _record(url: str, body: bytes, content_type: str = "text/html; charset=utf-8", kind: str = "response") -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    if kind == "request":
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    record = writer.create_warc_record(
        url, kind, payload=io.BytesIO(body), http_headers=http, warc_headers_dict={"WARC-Date": "2024-03-05T10:00:00Z"}
    )
    writer.write_record(record)
    return out.getvalue()


def _page(n: int) -> bytes:
    return PAGE.format(title=f"La croissance en question {n}", day=n).encode("utf-8")


def write_warc(path: Path, corrupt_second: bool = False) -> list[bytes]:
    """A small crawl: a request, three pages, an image; the second page's gzip member broken if asked."""
    records = [
        _record("https://www.example.org/a", b"", kind="request"),
        _record("https://www.example.org/a", _page(1)),
        _record("https://www.example.org/b", _page(2)),
        _record("https://www.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png"),
        _record("https://news.example.net/c", _page(3)),
    ]
    if corrupt_second:
        broken = bytearray(records[2])
        broken[40:120] = bytes(80)  # inside the compressed data: the member no longer inflates
        records[2] = bytes(broken)
    path.write_bytes(b"".join(records))
    return records
