"""What every command group shares: the consoles, the output formats, the common options."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

if TYPE_CHECKING:
    from rich.progress import Progress

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def progress_bar() -> Progress:
    """The progress display of long commands, on stderr so that stdout stays the command's output:
    documents done (of how many, when known), documents per second, time elapsed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            done, elapsed = task.completed, task.elapsed or 0.0
            return Text(f"{done / elapsed:.2f} docs/s" if elapsed > 0 and done else "… docs/s")

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


class ListFormat(str, Enum):
    """Tables for people, JSON for scripts."""

    table = "table"
    json = "json"


def database(db: str | Path | None, config: Path | None) -> Path | str:
    """The database a reading command opens: ``--db``, else the settings' store path; it must exist.

    Either a SQLite file or a PostgreSQL URL (``postgresql://user:password@host:port/database``).
    """
    from selon.settings import load_settings
    from selon.store import require_database

    return require_database(db or load_settings(config).store_path)


ConfigOpt = Annotated[Path | None, typer.Option("--config", help="settings file (INI) overriding the defaults")]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql://user:password@host:port/database (default: selon.db)"),
]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", "-w", help="worker processes (default: [analysis] workers, 0 = one per core)")
]
LimitOpt = Annotated[int | None, typer.Option("--limit", help="read at most this many documents (a sample)")]
ReportOpt = Annotated[Path | None, typer.Option("--report", help="write the JSON report here")]


def write_report(report: dict, path: Path | None, name: str) -> None:
    """An evaluation's JSON report, by default ``reports/eval-NAME.json``."""
    path = path or Path("reports") / f"eval-{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    err.print(f"report written to {path}", highlight=False)
