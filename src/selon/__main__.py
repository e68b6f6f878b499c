"""``python -m selon``: the same command line as the ``selon`` script."""

from selon.cli.main import run

run()
