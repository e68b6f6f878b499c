"""How a failed command reports: one plain line on stderr, or one JSON object on stdout.

A command run with ``--format json`` prints its failure as :func:`selon.errors.error_payload`
on stdout, so that a script reading stdout always gets one JSON document (the exit code says
which kind); any other run prints ``error: MESSAGE`` on stderr. Either way the process exits
with the error's :attr:`~selon.errors.SelonError.exit_code`.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from typing import Any

from selon.errors import SelonError, UsageError, error_payload

#: The click typer runs on: recent typer releases carry their own copy (``typer._click``), whose
#: exceptions and classes are not those of the ``click`` package.
click: Any = importlib.import_module("typer._click" if importlib.util.find_spec("typer._click") else "click")
ClickException: type[Exception] = click.exceptions.ClickException


def is_help(exc: Exception) -> bool:
    """Whether a click error is the help a group prints when called without a command."""
    return type(exc).__name__ == "NoArgsIsHelpError"


def usage_error(exc: Any) -> UsageError:
    """A click parsing error (unknown option, bad value) as selon's :class:`UsageError`."""
    message = " ".join(str(exc.format_message()).split())
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message = message.rstrip(".") + f"; see `{ctx.command_path} --help`"
    return UsageError(message)


def requested_format(command: Any, args: list[str]) -> str | None:
    """The value of ``--format`` the arguments give their (sub)command, or None.

    The arguments are parsed leniently (no error, no callback), so this works even when the
    real parse failed on another option.
    """
    try:
        while hasattr(command, "get_command"):  # a group: find the subcommand named next
            names = [a for a in args if not a.startswith("-")]
            sub = (
                command.get_command(command.context_class(command, resilient_parsing=True), names[0]) if names else None
            )
            if sub is None:
                return None
            command, args = sub, args[args.index(names[0]) + 1 :]
        value = command.make_context(command.name, list(args), resilient_parsing=True).params.get("format")
    except Exception:  # a probe: whatever it cannot parse asks for no particular format
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
