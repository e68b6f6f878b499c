"""How a failed command reports: one plain line on stderr, or one JSON object on stdout.

A command run with ``--format json`` prints its failure as :func:`selon.errors.error_payload`
on stdout, so that a script reading stdout always gets one JSON document (the exit code says
which kind); any other run prints ``error: MESSAGE`` on stderr. Either way the process exits
with the error's :attr:`~selon.errors.SelonError.exit_code`.
"""

from __future__ import annotations

import json
import sys

import click

from selon.errors import SelonError, UsageError, error_payload


def usage_error(exc: click.ClickException) -> UsageError:
    """A click parsing error (unknown option, bad value) as selon's :class:`UsageError`."""
    message = exc.format_message()
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message += f"; see `{ctx.command_path} --help`"
    return UsageError(message)


def requested_format(command: click.Command, args: list[str]) -> str | None:
    """The value of ``--format`` the arguments give their (sub)command, or None.

    The arguments are parsed leniently (no error, no callback), so this works even when the
    real parse fails on another option.
    """
    try:
        while isinstance(command, click.Group):
            ctx = click.Context(command, resilient_parsing=True)
            names = [a for a in args if not a.startswith("-")]
            if not names:
                return None
            sub = command.get_command(ctx, names[0])
            if sub is None:
                return None
            command, args = sub, args[args.index(names[0]) + 1 :]
        ctx = command.make_context(command.name, list(args), resilient_parsing=True)
        value = ctx.params.get("format")
    except (click.ClickException, click.exceptions.Exit, ValueError):
        return None
    return None if value is None else str(getattr(value, "value", value))


def report(exc: SelonError, as_json: bool) -> int:
    """Print ``exc`` in the shape asked for; return the exit code."""
    if as_json:
        sys.stdout.write(json.dumps(error_payload(exc), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    else:
        sys.stderr.write(f"error: {exc.message}\n")
    return exc.exit_code
