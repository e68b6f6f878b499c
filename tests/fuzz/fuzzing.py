"""What the fuzz tests share: hypothesis profiles, the generators of hostile input, and the checks of a result.

Profiles (chosen by ``HYPOTHESIS_PROFILE``, else ``ci`` when ``CI=true``, else ``dev``):

- ``ci``: the example counts written beside each test, derandomized (the same inputs every run, so a red
  CI is a regression, not bad luck) and no example database;
- ``dev``: the same counts, random, remembering failures in ``.hypothesis/`` so they are replayed first;
- ``thorough``: ten times the counts, for a long local run before a release.

Each test asks :func:`scaled` for its count, so a profile scales every test at once and CI stays within
its time (the whole suite took about two minutes on two cores).
"""

from __future__ import annotations

import io
import json
import math
import os
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from selon.cli.main import main
from selon.errors import catalogue
from selon.model import Article, Span

_COMMON = {
    "deadline": None,  # spaCy's first call on a new shape is slow; time is bounded by the counts instead
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    "print_blob": True,
}
settings.register_profile("ci", max_examples=100, derandomize=True, database=None, **_COMMON)
settings.register_profile("dev", max_examples=100, **_COMMON)
settings.register_profile("thorough", max_examples=1000, **_COMMON)


def load_profile() -> str:
    """Load the profile the environment asks for; returns its name."""
    name = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI", "").lower() == "true" else "dev")
    settings.load_profile(name)
    return name


def scaled(count: int) -> int:
    """``count`` examples under the ``ci`` and ``dev`` profiles, scaled by the loaded profile otherwise."""
    return max(1, count * settings.default.max_examples // 100)


#: Every exit code the command line documents (README table "Errors and exit codes"), 0 for success.
EXIT_CODES = frozenset({0} | {cls.exit_code for cls in catalogue()})

# -- generated text ---------------------------------------------------------------------------------------

#: Pieces that reach every stage: speech verbs and sources (attribution), quotes and guillemets (quotations),
#: numbers with units (figures), names (entities), and the characters that break naive offset arithmetic.
FRAGMENTS = [
    "Selon le ministre",
    "a déclaré M. Dupont",
    ", a-t-il affirmé",
    "d'après l'AFP",
    "The minister said",
    "according to Reuters",
    ", she told the BBC",
    "officials claimed that",
    "« ",
    " »",
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "«",
    "»",
    " ",
    "\u00a0",
    "\u202f",
    "2.000",
    "1,5 million",
    "10–20 %",
    "$3bn",
    "environ 2 700",
    "3,2 milliards d'euros",
    "more than 40%",
    "12",
    "—",
    "…",
    ".",
    "?",
    "!",
    ":",
    ";",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\x0b",
    "\x0c",
    "\x00",
    "\x1b[31m",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2028",
    "\u202e",
    "\u202c",
    "e\u0301",
    "\u0301\u0301\u0301",
    "مرحبا بالعالم",
    "שלום",
    "東京",
    "😀",
    "👩‍👩‍👧",
    "Emmanuel Macron",
    "Joe Biden",
    "l'Élysée",
    "Paris",
    "la réforme serait abandonnée",
    "the deal could collapse",
]

_ANY_CHAR = st.characters(codec="utf-8")  # every code point but surrogates, controls and marks included
# Inputs that once crashed (runs of more than 308 digits, U+2028 inside a JSON Lines record) are generated
# like any other, and kept in the hostile corpus (tests/fixtures/hostile) as regression cases.
_LONG_TOKEN = st.builds(lambda ch, n: ch * n, st.sampled_from("aé«'-_/"), st.integers(200, 1200))


def hostile_text(max_pieces: int = 24) -> st.SearchStrategy[str]:
    """Text made of news fragments, arbitrary characters and very long tokens, in any order."""
    piece = st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(FRAGMENTS),
        st.text(_ANY_CHAR, max_size=12),
        _LONG_TOKEN,
    )
    return st.lists(piece, max_size=max_pieces).map("".join)


_TAGS = ["p", "div", "span", "article", "section", "h1", "h2", "a", "b", "i", "li", "ul", "table", "td", "tr"]
_ENTITIES = [
    "&amp;",
    "&lt;",
    "&gt;",
    "&nbsp;",
    "&quot;",
    "&#x1F600;",
    "&#0;",
    "&#xD800;",
    "&bogus;",
    "&",
    "&#99999999;",
]
_JUNK = ["<", ">", "</p>", "<p", "<!--", "-->", "<![CDATA[x]]>", "<?php ?>", "</", "<br/>", "<img src=x onerror=1>"]


def _attrs() -> st.SearchStrategy[str]:
    name = st.sampled_from(["class", "id", "href", "style", "data-x", "lang", "dir"])
    value = st.one_of(st.text(_ANY_CHAR, max_size=8), st.sampled_from(['"', "'", "rtl", "javascript:x()"]))
    return st.lists(st.tuples(name, value).map(lambda kv: f' {kv[0]}="{kv[1]}"'), max_size=3).map("".join)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attrs, inner, close: f"<{tag}{attrs}>{''.join(inner)}" + (f"</{tag}>" if close else ""),
        st.sampled_from(_TAGS),
        _attrs(),
        st.lists(children, max_size=4),
        st.booleans(),
    )


def hostile_html() -> st.SearchStrategy[str]:
    """Pages with nested tags, attributes, entities, scripts and broken markup around news-like text."""
    leaf = st.one_of(
        hostile_text(max_pieces=8),
        st.sampled_from(_ENTITIES),
        st.sampled_from(_JUNK),
        st.just("<script>var s = '</p>';</script>"),
        st.just("<style>p { color: red }</style>"),
    )
    body = st.recursive(leaf, _element, max_leaves=12)
    head = st.sampled_from(
        ["", "<!doctype html>", "<?xml version='1.0'?>", "<!-- c -->", "<html><head><title>T</title>"]
    )
    return st.builds(lambda h, parts: h + "<html><body>" + "".join(parts), head, st.lists(body, min_size=1, max_size=4))


_NUMBER = st.one_of(
    st.integers(0, 10**6).map(str),
    st.sampled_from(["2.000", "1,5", "2 700", "2\u202f700", "1'000", "0,000001", "1.234.567,89", "12.5", "-3", "+4"]),
    st.text(st.sampled_from("0123456789.,  \u202f'-"), min_size=1, max_size=30),
    st.integers(20, 420).map(lambda n: "9" * n),  # past what a float holds (308 digits): such a figure is dropped
)
_UNIT = st.sampled_from(
    [
        "",
        " million",
        " millions",
        " milliard",
        " milliards",
        " bn",
        "bn",
        "m",
        "k",
        " %",
        "%",
        " pour cent",
        " percent",
        " euros",
        " €",
        " dollars",
        " morts",
        " people",
        " km",
        " mm",
        " par jour",
        " a year",
        "e",
        "e999",
    ]
)
_PREFIX = st.sampled_from(
    ["", "$", "€", "£", "environ ", "about ", "plus de ", "more than ", "près de ", "up to ", "-"]
)
_RANGE = st.sampled_from(["", "–", "-", " à ", " to ", " and ", "/", " ou "])


def number_ish() -> st.SearchStrategy[str]:
    """Figures as news writes them (and as it should not): separators, units, ranges, approximations."""
    one = st.builds(lambda p, n, u: p + n + u, _PREFIX, _NUMBER, _UNIT)
    figure = st.builds(lambda a, sep, b: a + (sep + b if sep else ""), one, _RANGE, one)
    frame = st.sampled_from(
        ["{}", "Le budget atteint {}.", "Selon l'Insee, {} en 2024.", "It cost {}, he said.", "({})"]
    )
    return st.builds(lambda f, parts: f.format(" ".join(parts)), frame, st.lists(figure, min_size=1, max_size=3))


def json_values() -> st.SearchStrategy[Any]:
    """Any JSON value, with objects that look like selon's records often enough to reach analysis."""
    scalar = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(_ANY_CHAR, max_size=20)
    )
    record = st.fixed_dictionaries(
        {},
        optional={
            "id": scalar,
            "text": st.one_of(hostile_text(max_pieces=6), scalar),
            "html": st.one_of(hostile_html(), scalar),
            "url": scalar,
            "language": st.one_of(st.sampled_from(["fr", "en", "de", ""]), scalar),
            "title": scalar,
            "extra": scalar,
        },
    )
    tree = st.recursive(
        scalar,
        lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids, max_size=3),
        max_leaves=8,
    )
    return st.one_of(record, record, tree)


# -- checks on a result -----------------------------------------------------------------------------------


def spans_of(article: Article) -> list[tuple[str, Span]]:
    """Every span the article carries, named by where it sits."""
    found: list[tuple[str, Span]] = []
    found += [("entity", e) for e in article.entities]
    found += [("figure", f) for f in article.quantities]
    found += [("heading", h) for h in article.headings]
    found += [("boilerplate", b) for b in article.boilerplate]
    for claim in article.claims:
        where = f"claim {claim.id}"
        found.append((f"{where} content", claim.content))
        found += [
            (f"{where} {name}", span)
            for name, span in (("cue", claim.cue), ("source", claim.source), ("sentence", claim.sentence))
            if span
        ]
        found += [(f"{where} channel", c) for c in claim.channel]
        found += [(f"{where} certainty cue", c) for c in claim.certainty_cues]
        found += [(f"{where} evidence", e) for e in claim.evidence]
        found += [(f"{where} figure", f) for f in claim.quantities]
    return found


def check_article(article: Article, text: str | None = None) -> None:
    """The output contract: spans index the text, figures are finite numbers, the JSON round-trips."""
    if text is not None:
        assert article.text == text, "plain text must come back unchanged: offsets index the input"
    for where, span in spans_of(article):
        assert 0 <= span.start <= span.end <= len(article.text), f"{where}: {span.start}..{span.end} out of the text"
        assert article.text[span.start : span.end] == span.text, f"{where}: offsets do not give its text"
    for figure in [*article.quantities, *(f for c in article.claims for f in c.quantities)]:
        assert math.isfinite(figure.value), f"figure {figure.text!r} has value {figure.value}"
        assert figure.value_max is None or math.isfinite(figure.value_max), (
            f"figure {figure.text!r}: {figure.value_max}"
        )
    dumped = article.model_dump_json()
    assert Article.model_validate_json(dumped) == article, "the JSON output does not read back as the same article"
    assert set(json.loads(dumped)) <= set(Article.model_json_schema()["properties"])


# -- the command line in-process --------------------------------------------------------------------------


class _Stdin:
    """What the CLI reads from ``-``: ``sys.stdin.buffer``."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)

    def close(self) -> None:
        """A forked analysis worker closes its stdin as it starts (multiprocessing does)."""
        self.buffer.close()


def run_cli(args: list[str], stdin: bytes, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``selon ARGS`` in-process: any exception but SystemExit escapes and fails the test (a crash)."""
    capsys.readouterr()
    saved = sys.stdin
    sys.stdin = _Stdin(stdin)  # type: ignore[assignment]
    try:
        code = main(args)
    finally:
        sys.stdin = saved
    out, err = capsys.readouterr()
    assert code in EXIT_CODES, f"exit code {code} is not documented: {err}"
    assert "Traceback" not in err and "Traceback" not in out
    return code, out, err
