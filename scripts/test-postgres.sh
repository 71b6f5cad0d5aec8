#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test run.
#
#   scripts/test-postgres.sh start DIR   # a fresh server; its URL is written to DIR/url
#   scripts/test-postgres.sh stop DIR    # stops it and deletes DIR (fine if nothing runs)
#
# SNAG_POSTGRES_DURABLE=1 keeps PostgreSQL's durable defaults (fsync, synchronous_commit), as
# the benchmark needs; tests run without them.
#
# The server listens on 127.0.0.1 at a free port and on a unix socket in DIR/sock. Database
# snag_test belongs to the superuser snag, who connects without a password (trust): the URL
# is postgresql://snag@127.0.0.1:PORT/snag_test. PostgreSQL refuses to run as root, so as
# root the server runs as the postgres user that the Debian package creates.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}
[[ $# -eq 2 ]] || usage
command=$1
dir=$(realpath -m -- "$2")

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x $PGBIN/initdb ]] && command -v pg_config >/dev/null; then
  PGBIN=$(pg_config --bindir)
fi

# Runs a server-side command as the owner of the data directory.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_server() {
  if [[ -f $dir/data/postmaster.pid && -x $PGBIN/pg_ctl ]]; then
    # A server that is already gone leaves a stale pid file; pg_ctl then fails, which is fine.
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf -- "$dir"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_server() {
  if [[ ! -x $PGBIN/initdb ]]; then
    echo "test-postgres: PostgreSQL 15 is not installed (no initdb in $PGBIN); run scripts/install-deps.sh" >&2
    exit 1
  fi
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    echo "test-postgres: as root the server runs as user postgres, which does not exist;" \
      "run scripts/install-deps.sh" >&2
    exit 1
  fi

  stop_server  # a server left behind by a crashed earlier run
  mkdir -p "$dir/sock"
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres:postgres "$dir"
    chmod 755 "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      echo "test-postgres: user postgres cannot reach $dir (check the permissions of its parents)" >&2
      exit 1
    fi
  fi

  # --no-sync: a throwaway cluster need not survive a power cut.
  if ! as_owner "$PGBIN/initdb" -D "$dir/data" -U snag --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    echo "test-postgres: initdb failed" >&2
    exit 1
  fi

  # A unix socket path is limited to about 107 bytes; with a deeper DIR go without one (the
  # tests and createdb below connect over TCP anyway).
  local socket_dir=$dir/sock
  if [[ ${#socket_dir} -gt 90 ]]; then socket_dir=; fi

  # fsync and synchronous_commit are off because this data is thrown away after the run and
  # durability costs time; never use these settings for real data or for benchmarks.
  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    # pg_ctl hands -o to a shell: one line, and the socket path quoted.
    local server_options="-c listen_addresses=127.0.0.1 -p $port -k '$socket_dir'"
    server_options+=" -c max_connections=300 -c shared_buffers=64MB"
    if [[ ${SNAG_POSTGRES_DURABLE:-0} != 1 ]]; then server_options+=" -c fsync=off -c synchronous_commit=off"; fi
    if as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o "$server_options" start \
      >/dev/null; then
      break
    fi
    # Most likely another process took the port between free_port and the server's bind.
    echo "test-postgres: start on port $port failed (attempt $attempt):" >&2
    tail -n 5 "$dir/server.log" >&2 || true
    port=
  done
  if [[ -z $port ]]; then
    echo "test-postgres: could not start PostgreSQL; see $dir/server.log" >&2
    exit 1
  fi

  "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U snag -O snag snag_test
  echo "postgresql://snag@127.0.0.1:$port/snag_test" >"$dir/url"
  echo "test-postgres: PostgreSQL is serving $(cat "$dir/url") (data in $dir)"
}

case $command in
  start) start_server ;;
  stop) stop_server ;;
  *) usage ;;
esac
