"""``selon eval gate``: fail when accuracy on the fixed subsets drops below the pinned floors.

Kept apart from ``main.py`` so the gate's options live with the gate; ``register`` adds the
command to the ``eval`` group.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from selon.errors import GateError, GateFailed


def register(eval_app: typer.Typer) -> None:
    """Add the ``gate`` command to ``eval_app``."""

    @eval_app.command("gate")
    def gate_cmd(
        raise_floors_: Annotated[
            bool, typer.Option("--raise", help="lift floors to the measured values minus the tolerance (never lowers)")
        ] = False,
        lower: Annotated[
            list[str] | None,
            typer.Option("--lower", help="lower one floor: BENCH.METRIC=VALUE (repeatable; needs --reason)"),
        ] = None,
        reason: Annotated[str | None, typer.Option("--reason", help="why the floor is lowered (recorded)")] = None,
        shared: Annotated[
            Path | None, typer.Option("--shared", help="folder holding data/ and examples/ (default: ../shared)")
        ] = None,
        floors_file: Annotated[Path | None, typer.Option("--floors", help="floors file (default: selon's)")] = None,
        report: Annotated[Path | None, typer.Option("--report", help="write measurements and failures here")] = None,
        config: Annotated[Path | None, typer.Option("--config", help="settings file (INI)")] = None,
    ) -> None:
        """Check accuracy on fixed benchmark subsets against the pinned floors; non-zero exit if one is broken."""
        from selon.eval import gate
        from selon.settings import load_settings

        if lower and raise_floors_:
            raise GateError("--raise and --lower go separately: raising measures, lowering does not")
        if reason and not lower:
            raise GateError("--reason only goes with --lower")
        if lower:
            floors = gate.load_floors(floors_file)
            for target in lower:
                bench, metric, value = gate.parse_target(target)
                floors = gate.lowered(floors, bench, metric, value, reason or "")
            gate.save_floors(floors, floors_file)
            typer.echo(f"lowered {', '.join(lower)} in {floors_file or gate.FLOORS_PATH}", err=True)
            return

        floors = gate.load_floors(floors_file)
        measured = gate.measure(shared, load_settings(config))
        if raise_floors_:
            new = gate.raise_floors(measured, floors)
            before, after = gate.floor_values(floors), gate.floor_values(new)
            changes = [
                f"{b}.{m}: {before.get(b, {}).get(m, '-')} -> {v}"
                for b, ms in after.items()
                for m, v in ms.items()
                if before.get(b, {}).get(m) != v
            ]
            gate.save_floors(new, floors_file)
            floors = new
            typer.echo(
                "raised "
                + ("; ".join(changes) if changes else "nothing (no metric above its floor by more than the tolerance)"),
                err=True,
            )
        failures = gate.check(measured, floors)
        typer.echo(gate.report_table(measured, floors))
        if report:
            report.parent.mkdir(parents=True, exist_ok=True)
            report.write_text(
                json.dumps(
                    {"measured": measured, "floors": gate.floor_values(floors), "failures": [str(f) for f in failures]},
                    indent=2,
                )
                + "\n",
                encoding="utf-8",
            )
        if failures:
            raise GateFailed(f"{len(failures)} floor(s) broken: " + "; ".join(str(f) for f in failures))
