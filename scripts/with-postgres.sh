#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb in a temp dir, start on 127.0.0.1 on a free port,
# export MEP_TEST_POSTGRES_URL, run "$@", then always stop the server and remove the cluster.
# Usage: scripts/with-postgres.sh CMD [ARGS...]
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir)"
    if [[ -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  done
  echo "with-postgres: no initdb found; install the PostgreSQL server (Debian: apt-get install postgresql)" >&2
  exit 1
}

BINDIR="$(find_bindir)"
WORKDIR="$(mktemp -d -t mep-pg.XXXXXX)"
DATADIR="$WORKDIR/data"
chmod 755 "$WORKDIR"

# initdb and postgres refuse to run as root: run them as the postgres OS user, created if missing.
RUN_AS=()
if [[ "$(id -u)" -eq 0 ]]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  chown postgres "$WORKDIR"
  RUN_AS=(runuser -u postgres --)
fi

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

cleanup() {
  local status=$?
  if [[ -f "$DATADIR/postmaster.pid" ]]; then
    "${RUN_AS[@]}" "$BINDIR/pg_ctl" -D "$DATADIR" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORKDIR"
  exit "$status"
}
trap cleanup EXIT INT TERM

"${RUN_AS[@]}" "$BINDIR/initdb" -D "$DATADIR" -U postgres --auth=trust --encoding=UTF8 --no-sync >"$WORKDIR/initdb.log" 2>&1 || {
  cat "$WORKDIR/initdb.log" >&2
  exit 1
}
# fsync off: the cluster is thrown away; the tests that kill the MEP kill the MEP, not PostgreSQL.
"${RUN_AS[@]}" "$BINDIR/pg_ctl" -D "$DATADIR" -w -t 60 -l "$WORKDIR/postgres.log" \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$WORKDIR -c fsync=off -c max_connections=200" start >/dev/null || {
  cat "$WORKDIR/postgres.log" >&2
  exit 1
}

export MEP_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}') on $MEP_TEST_POSTGRES_URL" >&2
"$@"
