"""What every command group shares: the consoles, the output formats, the common options."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class ListFormat(str, Enum):
    """Tables for people, JSON for scripts."""

    table = "table"
    json = "json"


ConfigOpt = Annotated[Path | None, typer.Option("--config", help="settings file (INI) overriding the defaults")]
DbOpt = Annotated[Path | None, typer.Option("--db", help="SQLite database (default: selon.db)")]
