"""What the fault tests share: running ``selon`` as a user does, writing articles, checking a store."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parents[2] / "src"


def selon_env(**extra: str) -> dict[str, str]:
    """The environment of a ``selon`` subprocess: this checkout's code, no settings from the caller."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELON_")}
    env.update(PYTHONPATH=str(SRC), COLUMNS="120", **extra)
    return env


def selon_args(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "selon", *map(str, args)]


def start(*args: str | Path, cwd: Path, **env: str) -> subprocess.Popen[str]:
    """``selon ARGS`` started in the background, its output captured."""
    return subprocess.Popen(
        selon_args(*args),
        cwd=cwd,
        env=selon_env(**env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(*args: str | Path, cwd: Path, timeout: float = 600, **env: str) -> subprocess.CompletedProcess[str]:
    """``selon ARGS`` to its end."""
    return subprocess.run(
        selon_args(*args),
        cwd=cwd,
        env=selon_env(**env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


_PEOPLE = [
    ("Marie Dubois", "la ministre de la Santé"),
    ("Jean Martin", "le porte-parole du gouvernement"),
    ("Sophie Bernard", "la directrice de l'Insee"),
    ("Pierre Lefèvre", "le maire de Lyon"),
]
_PEOPLE_EN = [
    ("John Carter", "the health minister"),
    ("Emily Stone", "a spokeswoman for the ministry"),
    ("David Miller", "the mayor of Leeds"),
]


def article(n: int) -> str:
    """A short news report with attributed claims and figures, French or English by ``n``."""
    rng = random.Random(n)
    if n % 3 == 2:
        name, role = rng.choice(_PEOPLE_EN)
        return (
            f"Report {n}: hospital waiting lists\n\n"
            f"{name}, {role}, said on Monday that {rng.randint(2, 90) * 1000:,} patients were waiting for surgery "
            f"in the region. According to the ministry, the plan will cost {rng.randint(2, 40)} million pounds. "
            "Officials added that the figures were provisional."
        )
    name, role = rng.choice(_PEOPLE)
    return (
        f"Dépêche {n} : les listes d'attente à l'hôpital\n\n"
        f"Selon {name}, {role}, {rng.randint(2, 90) * 1000} patients attendraient une opération dans la région. "
        f"{name.split()[-1]} a déclaré lundi que le plan coûterait {rng.randint(2, 40)} millions d'euros. "
        "Le ministère a précisé que ces chiffres étaient provisoires."
    )


def write_articles(folder: Path, numbers: range) -> list[Path]:
    """One ``.txt`` file per article number."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in numbers:
        path = folder / f"report-{n:04d}.txt"
        path.write_text(article(n), encoding="utf-8")
        paths.append(path)
    return paths


def check_store(db: Path) -> dict[str, Any]:
    """Integrity of a store after a fault: SQLite's own checks, and every document whole (all its rows)."""
    conn = sqlite3.connect(db)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchall()
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
        docs = conn.execute("SELECT id, article_json FROM documents ORDER BY id").fetchall()
        rows = {
            table: dict(conn.execute(f"SELECT doc_id, COUNT(*) FROM {table} GROUP BY doc_id").fetchall())
            for table in ("claims", "entities", "figures")
        }
    finally:
        conn.close()
    torn = []
    for doc_id, article_json in docs:
        article = json.loads(article_json)
        expected = {
            "claims": len(article["claims"]),
            "entities": len(article["entities"]),
            "figures": len(article["quantities"]) + sum(len(c["quantities"]) for c in article["claims"]),
        }
        if any(rows[t].get(doc_id, 0) != n for t, n in expected.items()):
            torn.append(doc_id)
    return {
        "integrity": [r[0] for r in integrity],
        "foreign_keys": foreign,
        "ids": [d for d, _ in docs],
        "torn": torn,
    }


def count_documents(db: Path) -> int:
    """Documents stored so far, read as any reader would while a writer runs (0 before the store exists)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(db, timeout=30)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:  # the tables may not be created yet
        if "no such table" in str(exc):
            return 0
        raise
