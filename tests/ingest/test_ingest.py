"""Ingestion: text decoding, HTML extraction, JSON Lines, folders, and the refusals, without spaCy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import FIXTURES, shared_path
from selon.errors import InputError
from selon.ingest import RawDocument, Skipped, detect_language, iter_documents, load_path, read_input
from selon.ingest.html import looks_like_html
from selon.ingest.text import decode_bytes, decode_html_bytes

PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Le budget adopté</title>
<meta property="og:site_name" content="Le Quotidien"></head><body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/politique">Politique</a></li></ul></nav>
<article><h1>Le budget adopté</h1>
<p>Le Parlement a adopté mardi le budget de la défense, selon le ministre des Armées, \
qui a salué un vote historique.</p>
<h2>Des dépenses en hausse</h2>
<p>Les dépenses militaires augmenteraient de dix pour cent l'an prochain, d'après les estimations du ministère.</p>
<figure><img src="a.jpg"><figcaption>Le ministre à l'Assemblée. Photo AFP</figcaption></figure>
<p>L'opposition a dénoncé un budget « irréaliste » et demandé un nouveau débat au Sénat dès la semaine prochaine.</p>
</article>
<aside>Lire aussi : les autres articles de la rubrique</aside>
<footer>Tous droits réservés. Abonnez-vous à notre newsletter.</footer></body></html>"""


def test_utf8_text_comes_back_unchanged(tmp_path: Path) -> None:
    text = "Selon le ministre,\r\nla réforme serait abandonnée.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    raw = load_path(path, _settings())
    assert raw.text == text and raw.id == "a"


def test_bom_is_removed_and_legacy_encoding_detected(tmp_path: Path) -> None:
    assert (
        decode_bytes("\ufeffÉté".encode("utf-8") + " à Paris, selon le maire.".encode(), "x")
        == "Été à Paris, selon le maire."
    )
    latin = "Le général a déclaré que la défense était prête, selon le ministère des Armées.".encode("cp1252")
    assert "général" in decode_bytes(latin, "x")


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"", "is empty"),
        (b"   \n\t  ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "is not text"),
        (bytes(range(1, 32)) * 50, "is not text"),
    ],
)
def test_refusals_say_what_to_do(data: bytes, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "doc.txt")
    assert fragment in str(info.value) and "doc.txt" in str(info.value)


def test_invalid_utf8_is_decoded_or_refused_never_garbled() -> None:
    # mostly valid UTF-8 with one broken byte: a legacy guess would garble the accents
    data = "Le ministre a affirmé que l'économie irait mieux, selon l'AFP. ".encode() * 5 + b"\xff\xfe\xfa"
    try:
        text = decode_bytes(data, "bad.txt")
    except InputError as exc:
        assert "bad.txt" in str(exc)
    else:
        assert "\ufffd" not in text


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.seek(50_000_000)
        handle.write(b"x")
    with pytest.raises(InputError, match="too large"):
        load_path(path, _settings())


def test_missing_file_and_directory_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_path(tmp_path / "nope.txt", _settings())


def test_html_main_text_headings_and_metadata() -> None:
    assert looks_like_html(PAGE)
    raw = read_input(PAGE, id="page")
    assert raw.fmt == "html" and raw.title == "Le budget adopté"
    assert "adopté mardi le budget" in raw.text
    for furniture in ("Accueil", "Lire aussi", "Abonnez-vous", "Photo AFP", "Tous droits"):
        assert furniture not in raw.text
    headings = [raw.text[s:e] for s, e in raw.headings]
    assert "Des dépenses en hausse" in headings
    # every heading sits on its own block so analysis can leave it out of claims
    for _s, e in raw.headings:
        assert raw.text[e : e + 2] in ("\n\n", "")


def test_html_with_no_article_is_refused() -> None:
    page = "<html><body><nav><a href='/'>Accueil</a> <a href='/a'>A propos</a></nav></body></html>"
    with pytest.raises(InputError, match="no article text"):
        read_input(page, id="nav")


def test_malformed_html_still_yields_text() -> None:
    page = (
        "<html><body><div><p>Le maire a annoncé la fermeture de l'usine, selon la direction régionale"
        " du groupe, qui évoque un marché en recul.<p>Les salariés seraient reclassés dans d'autres sites"
        " du groupe d'ici la fin de l'année.</div></span></body>"
    )
    raw = read_input(page, id="m")
    assert "fermeture de l'usine" in raw.text


def test_declared_charset_wins_for_legacy_html() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Le député a précisé ça.</p></body></html>'
    assert "précisé ça" in decode_html_bytes(page.encode("latin-1"), "p.html")


def test_jsonl_keeps_metadata_and_skips_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": "Selon le ministre, la réforme serait abandonnée.",
                "outlet": "Le Monde",
                "url": "https://example.org/a1",
                "published": "2024-05-01",
                "language": "fr",
            }
        ),
        "{not json",
        json.dumps({"id": "a2", "title": "no body"}),
        "",
        json.dumps({"id": "a3", "html": PAGE, "outlet": "Le Quotidien"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_documents([path], _settings()))
    docs = [i for i in items if isinstance(i, RawDocument)]
    skips = [i for i in items if isinstance(i, Skipped)]
    assert [d.id for d in docs] == ["a1", "a3"]
    assert docs[0].outlet == "Le Monde" and docs[0].published == "2024-05-01" and docs[0].language == "fr"
    assert docs[0].url == "https://example.org/a1"
    assert "budget" in docs[1].text and docs[1].outlet == "Le Quotidien"
    assert [s.origin for s in skips] == [f"{path}:2", f"{path}:3"]
    assert "not valid JSON" in skips[0].reason and "'text' or 'html'" in skips[1].reason


def test_folder_is_walked_and_bad_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Selon le ministre, la réforme serait abandonnée.", encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.csv").write_text("a,b", encoding="utf-8")
    items = list(iter_documents([tmp_path], _settings()))
    assert sorted(i.id for i in items if isinstance(i, RawDocument)) == ["a", "b"]
    assert [Path(i.origin).name for i in items if isinstance(i, Skipped)] == ["empty.txt"]


def test_language_detection_knows_more_than_it_analyses() -> None:
    assert detect_language("Selon le ministre, la réforme serait abandonnée la semaine prochaine.")[0] == "fr"
    assert detect_language("According to the minister, the reform would be abandoned next week.")[0] == "en"
    assert detect_language("Der Minister sagte, dass die Reform in der nächsten Woche aufgegeben werde.")[0] == "de"
    assert detect_language("12 34 56 !!")[0] is None


def test_bundled_polnear_fixture_reads() -> None:
    for path in sorted((FIXTURES / "polnear" / "dev" / "text").glob("*.txt")):
        assert load_path(path, _settings()).text.strip()


def test_real_french_pages_have_article_text() -> None:
    folder = shared_path("data", "fr-pages")
    docs = [d for d in iter_documents([folder], _settings()) if isinstance(d, RawDocument)]
    assert len(docs) == 10
    for doc in docs:
        assert len(doc.text) > 500, doc.id
        assert detect_language(doc.text)[0] == "fr", doc.id
        for furniture in ("Abonnez-vous", "Se connecter", "Cookies"):
            assert furniture not in doc.text[-300:], (doc.id, furniture)


def _settings():
    from selon.settings import load_settings

    return load_settings(env={})
