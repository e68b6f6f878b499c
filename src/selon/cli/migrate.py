"""``selon migrate SRC.db postgresql://…``: copy a SQLite store into PostgreSQL (see :mod:`selon.store.copy`)."""

from __future__ import annotations

from typing import Annotated

import typer

from selon.cli.options import err, out


def migrate(
    source: Annotated[str, typer.Argument(help="the SQLite store to copy (e.g. selon.db)")],
    target: Annotated[str, typer.Argument(help="postgresql://user:password@host:port/database")],
    replace: Annotated[
        bool, typer.Option("--replace", help="overwrite a target that holds another selon database")
    ] = False,
) -> None:
    """Copy a SQLite store (documents, claims, corpus tables) into PostgreSQL; running it again gives the same copy."""
    from selon.store.copy import copy_store
    from selon.store.engine import mask

    counts = copy_store(source, target, replace=replace)
    for table, n in counts.items():
        out.print(f"{table:<24} {n}", highlight=False, markup=False)
    err.print(f"copied {source} -> {mask(target)}", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add ``selon migrate`` to the ``selon`` application."""
    app.command()(migrate)
