"""``selon eval attribution``, ``selon eval french`` (attribution gold in brat) and ``selon eval crosslang``.

Kept apart from ``main.py`` like the gate; ``register`` adds the commands to the ``eval`` group.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from selon.cli.options import ConfigOpt, ReportOpt, out, write_report


class GoldLanguage(str, Enum):
    """The language the gold's articles are analysed in (detected per article when not given)."""

    fr = "fr"
    en = "en"


def _run(gold: Path, language: str | None, report: Path | None, config: Path | None, name: str) -> None:
    from selon.eval.attribution import format_table
    from selon.eval.run import eval_attribution
    from selon.settings import load_settings

    result = eval_attribution(gold, language, load_settings(config))
    out.print(format_table(result), markup=False, highlight=False)
    write_report(result, report, name)


def register(eval_app: typer.Typer) -> None:
    """Add ``attribution``, ``french`` and ``crosslang`` to ``eval_app``."""

    @eval_app.command("crosslang")
    def crosslang_cmd(
        data: Annotated[
            Path | None, typer.Option("--data", help="folder or file of French-English article pairs (JSON Lines)")
        ] = None,
        report: ReportOpt = None,
        config: ConfigOpt = None,
    ) -> None:
        """French claims clustered with their English translation: recall, precision, copies grouped."""
        from selon.eval.crosslang import eval_crosslang, format_table
        from selon.eval.run import default_shared
        from selon.settings import load_settings

        result = eval_crosslang(data or default_shared() / "data" / "fr-en-pairs", load_settings(config))
        out.print(format_table(result), markup=False, highlight=False)
        write_report(result, report, "crosslang")

    @eval_app.command("attribution")
    def attribution_cmd(
        gold: Annotated[Path, typer.Option("--gold", help="folder of NAME.txt + NAME.ann (brat standoff)")],
        language: Annotated[
            GoldLanguage | None, typer.Option("--language", help="fr or en (default: detected)")
        ] = None,
        report: ReportOpt = None,
        config: ConfigOpt = None,
    ) -> None:
        """Any brat attribution gold: exact and token F1 per role, attribution F1, certainty agreement."""
        _run(gold, language.value if language else None, report, config, f"attribution-{gold.name}")

    @eval_app.command("french")
    def french_cmd(
        split: Annotated[str, typer.Option(help="dev or train")] = "dev",
        report: ReportOpt = None,
        config: ConfigOpt = None,
    ) -> None:
        """selon's own French gold (shipped with the package): the French figures of the docs."""
        from selon.errors import InputError
        from selon.eval.run import french_gold

        if split not in ("dev", "train"):
            raise InputError(f"no French gold split '{split}'; use --split dev or --split train")
        _run(french_gold(split), "fr", report, config, f"french-{split}")
