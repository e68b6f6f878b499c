"""A batch keeps every document apart, sees binary data wherever it is, and reads deeply nested pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selon.cli.main import main
from selon.errors import InputError
from selon.ingest import RawDocument, Skipped, expected_documents, extract_html, iter_documents, plan_inputs
from selon.ingest.text import decode_bytes, decode_html_bytes
from selon.settings import load_settings
from selon.store import Store

FR = "Selon le ministre de l'Intérieur, la réforme des retraites serait abandonnée dès la semaine prochaine."
FR2 = "Le président a déclaré mardi que les élections législatives auraient lieu au mois de mai prochain."
ARTICLE = "<p>" + (FR + " ") * 4 + "</p>"


def _settings():
    return load_settings(env={})


def _two_stories(root: Path) -> None:
    (root / "a").mkdir()
    (root / "b").mkdir()
    (root / "a" / "story.txt").write_text(FR, encoding="utf-8")
    (root / "b" / "story.txt").write_text(FR2, encoding="utf-8")


def test_files_whose_stems_collide_take_their_relative_paths_as_ids(tmp_path: Path) -> None:
    _two_stories(tmp_path)
    (tmp_path / "story.html").write_text(f"<html><body>{ARTICLE}</body></html>", encoding="utf-8")
    (tmp_path / "other.txt").write_text(FR, encoding="utf-8")
    docs = [d for d in iter_documents([tmp_path], _settings()) if isinstance(d, RawDocument)]
    assert sorted(d.id for d in docs) == ["a/story", "b/story", "other", "story"]
    # the same inputs always give the same ids, so that a re-ingest finds its documents again
    again = [d.id for d in iter_documents([tmp_path], _settings()) if isinstance(d, RawDocument)]
    assert again == [d.id for d in docs]


def test_a_repeated_json_lines_id_is_refused_with_the_first_one_named(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    records = [{"id": "x1", "text": FR}, {"id": "x2", "text": FR2}, {"id": "x1", "text": FR2}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    items = list(iter_documents([path], _settings()))
    assert [d.id for d in items if isinstance(d, RawDocument)] == ["x1", "x2"]
    (skip,) = [d for d in items if isinstance(d, Skipped)]
    assert skip.origin.endswith("feed.jsonl:3")
    assert "'x1'" in skip.reason and "feed.jsonl:1" in skip.reason


def test_the_progress_total_is_the_number_of_inputs_when_it_is_known(tmp_path: Path) -> None:
    _two_stories(tmp_path)
    (tmp_path / "empty").mkdir()
    planned = plan_inputs([tmp_path / "a", tmp_path / "b", tmp_path / "empty", tmp_path / "missing.txt"])
    assert expected_documents(planned) == 4  # two files, the empty folder's skip, the missing file's skip
    assert len(list(iter_documents(planned, _settings()))) == 4
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": FR}) + "\n", encoding="utf-8")
    assert expected_documents(plan_inputs([tmp_path])) is None  # a JSON Lines file's lines are not counted first
    assert expected_documents(plan_inputs(["-"])) is None


def test_nul_bytes_are_found_past_the_first_64_kib() -> None:
    text = ("Le gouvernement a annoncé une réforme. " * 3000).encode("utf-8")
    assert len(text) > 65536
    with pytest.raises(InputError, match="NUL bytes"):
        decode_bytes(text + b"\x00\x01\x02binary", "late.txt")
    with pytest.raises(InputError, match="NUL bytes"):
        decode_html_bytes(b"<html><body><p>" + text + b"</p>\x00</body></html>", "late.html")


def test_binary_data_appended_after_the_first_64_kib_is_refused() -> None:
    text = ("The minister said the reform would be dropped. " * 2000).encode("utf-8")
    with pytest.raises(InputError, match="control characters"):
        decode_bytes(text + bytes(range(1, 9)) * 20000, "tail.txt")
    assert decode_bytes(text + b"\x07", "bell.txt")  # one stray control character is still text


def test_a_page_nested_100000_deep_is_read() -> None:
    depth = 100_000
    page = f"<html><head><title>T</title></head><body>{'<div>' * depth}{ARTICLE}{'</div>' * depth}</body></html>"
    doc = extract_html(page, id="deep")
    assert doc.text.startswith("Selon le ministre de l'Intérieur")


def test_a_deep_page_without_text_is_refused_for_what_it_is() -> None:
    depth = 100_000
    with pytest.raises(InputError, match=r"nested [\d,]+ levels"):
        extract_html(f"<html><body>{'<div>' * depth}{'</div>' * depth}</body></html>", id="deep")
    with pytest.raises(InputError, match="no article text") as shallow:  # an ordinary page keeps its reason
        extract_html("<html><body><nav><a href='/'>Accueil</a></nav></body></html>", id="nav")
    assert "nested" not in str(shallow.value)


@pytest.mark.slow
def test_ingest_keeps_both_stories_and_refuses_the_repeated_id_then_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_stories(tmp_path)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "x1", "text": FR}) + "\n" + json.dumps({"id": "x1", "text": FR2}) + "\n", encoding="utf-8"
    )
    db = tmp_path / "t.db"
    assert main(["ingest", str(tmp_path / "a"), str(tmp_path / "b"), str(feed), "--db", str(db)]) == 0
    first = capsys.readouterr().err
    assert "added 3, updated 0" in first and "skipped 1" in first and "'x1' is already the id" in first
    with Store(db) as store:
        stored = {d["id"]: d for d in store.documents()}
        assert sorted(stored) == ["a/story", "b/story", "x1"]
        assert store.get("a/story").text == FR and store.get("b/story").text == FR2
        assert store.get("x1").text == FR
    assert main(["ingest", str(tmp_path / "a"), str(tmp_path / "b"), str(feed), "--db", str(db)]) == 0
    assert "added 0, updated 0, unchanged 3" in capsys.readouterr().err
