"""Several workers give what one gives: the same documents, claims and figures, in the same order."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from crawl import write_warc
from selon.cli.main import main

pytestmark = pytest.mark.slow


def _claims(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT d.id, d.url, d.outlet, d.published, c.claim_id, c.content_text, c.source_name, c.certainty "
            "FROM claims c JOIN documents d ON d.id = c.doc_id ORDER BY d.id, c.seq"
        ).fetchall()


def test_ingest_with_two_workers_stores_the_same_claims_as_with_one(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    write_warc(crawl)
    for n in (1, 2):
        assert main(["ingest", str(crawl), "--workers", str(n), "--db", str(tmp_path / f"w{n}.db")]) == 0
    one, two = _claims(tmp_path / "w1.db"), _claims(tmp_path / "w2.db")
    assert one and one == two
    assert {row[1] for row in one} == {
        "https://www.example.org/a",
        "https://www.example.org/b",
        "https://news.example.net/c",
    }


def test_analyze_with_two_workers_prints_the_same_lines_in_the_same_order(tmp_path: Path, capsys) -> None:
    path = tmp_path / "batch.jsonl"
    texts = [
        "Selon le ministre, la réforme serait abandonnée d'ici à 2026.",
        "The minister said the reform would be dropped, according to two officials.",
        "Le porte-parole a affirmé que 3 000 emplois seraient supprimés.",
        "",
        "Police said 12 people were arrested on Saturday.",
    ]
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), "utf-8")
    outputs = []
    for n in (1, 2):
        assert main(["analyze", str(path), "--workers", str(n)]) == 0
        outputs.append(capsys.readouterr().out.splitlines())
    assert sorted(json.loads(line)["id"] for line in outputs[0]) == ["d0", "d1", "d2", "d4"]
    assert outputs[0] == outputs[1]


def test_a_limit_reads_a_sample_and_a_negative_worker_count_is_refused(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    write_warc(crawl)
    assert main(["ingest", str(crawl), "--limit", "2", "--workers", "2", "--db", str(tmp_path / "s.db")]) == 0
    assert len({row[0] for row in _claims(tmp_path / "s.db")}) == 2
    assert main(["ingest", str(crawl), "--workers", "-1", "--db", str(tmp_path / "x.db")]) == 2
