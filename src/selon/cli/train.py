"""``selon train``: rebuild the models selon ships from public data."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``train`` command group to the ``selon`` application."""
    train_app = typer.Typer(no_args_is_help=True, help="Rebuild the models selon ships from public data.")
    app.add_typer(train_app, name="train")

    @train_app.command("polnear")
    def train_polnear_cmd(
        data: Annotated[
            Path | None,
            typer.Option("--data", help="PolNeAR folder holding train/ (default: ../shared/data/polnear)"),
        ] = None,
        out: Annotated[
            Path | None,
            typer.Option(
                "--out", help="model file to write (default: the packaged src/selon/data/attribution-en.crfsuite)"
            ),
        ] = None,
        processes: Annotated[int, typer.Option("--processes", min=1, help="processes parsing the corpus")] = 1,
    ) -> None:
        """Train the English attribution tagger and its content boundary reranker on PolNeAR train
        (never dev) and write them."""
        from rich.console import Console

        from selon.errors import InputError
        from selon.eval.run import default_shared
        from selon.nlp.learned.tagger import DEFAULT_MODEL
        from selon.train.polnear import train_polnear

        err = Console(stderr=True)
        root = data or default_shared() / "data" / "polnear"
        if not (root / "train").is_dir():
            raise InputError(f"no PolNeAR train split under {root}; pass --data DIR (the folder holding train/)")
        target = out or DEFAULT_MODEL
        err.print(
            f"training on {root / 'train'} -> {target} (parsing, then fitting the tagger and the "
            "reranker: about 15 minutes)",
            highlight=False,
        )
        stats = train_polnear(root, target, n_process=processes)
        sys.stdout.write(json.dumps(stats, indent=2) + "\n")
        err.print(
            f"model written to {target} ({stats['model_bytes'] / 1e6:.1f} MB), "
            f"{target.with_suffix('.json')} and {target.with_suffix('.boundaries.json')} "
            f"({stats['boundaries']['bytes'] / 1e6:.1f} MB)",
            highlight=False,
        )
