#!/usr/bin/env bash
# A throwaway PostgreSQL server for the PostgreSQL store tests (CI starts it; so can you):
#   scripts/pg_test_server.sh start [PGBIN]   initdb in $SELON_PG_DIR (default /tmp/selon-pg-test), start it
#   scripts/pg_test_server.sh url             the SELON_TEST_POSTGRES URL of that server
#   scripts/pg_test_server.sh stop [PGBIN]    stop it and remove its folder
# It listens on a Unix socket in its folder only (no TCP), on port $SELON_PG_PORT (default 54329), with
# trust authentication for the local postgres user. As root, the server runs as the postgres user
# (initdb refuses root).
set -euo pipefail
DIR=${SELON_PG_DIR:-/tmp/selon-pg-test}
PORT=${SELON_PG_PORT:-54329}
PGBIN=${2:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); else AS=(); fi
case "${1:-}" in
  start)
    rm -rf "$DIR" && mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    "${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-k $DIR -p $PORT -c listen_addresses='' -c fsync=off -c max_connections=200" start >/dev/null
    ;;
  url)
    echo "postgresql://postgres@/postgres?host=$DIR&port=$PORT"
    ;;
  stop)
    if [ -d "$DIR/data" ]; then "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true; fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: scripts/pg_test_server.sh start|url|stop [PGBIN]" >&2; exit 2 ;;
esac
