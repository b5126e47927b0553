#!/bin/sh
# The entrypoint of the postgres:15 STAND-IN that images/build.js builds (images/README.md), written for busybox's
# sh; not the official image's script, but its environment: POSTGRES_PASSWORD (required unless
# POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_USER (postgres), POSTGRES_DB (the user), POSTGRES_INITDB_ARGS,
# POSTGRES_HOST_AUTH_METHOD (scram-sha-256), PGDATA, PGPORT.
# On an empty PGDATA: initdb (the password through --pwfile, never on disk; scram-sha-256 for every TCP connection,
# loopback included; trust on the Unix socket), then a server on the socket only creates POSTGRES_DB and runs
# /docker-entrypoint-initdb.d/*.sql and *.sh. Then postgres runs, as a child: TERM and INT make it shut down fast
# (INT, as the official image's STOPSIGNAL), QUIT immediately, HUP reloads; its exit status is this script's.
set -eu

: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

say() { printf '%s\n' "docker-entrypoint.sh: $*" >&2; }

# Options only: they are postgres's. Another command runs as it is.
case "${1:-}" in -*) set -- postgres "$@" ;; esac
if [ "${1:-}" != postgres ]; then exec "$@"; fi

# Started as root (no runAsUser): the data and socket directories become postgres's, then this runs as postgres.
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  find "$PGDATA" /var/run/postgresql \! -user postgres -exec chown postgres:postgres '{}' +
  chmod 700 "$PGDATA"
  # shellcheck disable=SC2016 # expanded by the shell su starts
  exec su -p -s /bin/sh postgres -c 'exec "$0" "$@"' "$0" "$@"
fi

mkdir -p "$PGDATA"
chmod 700 "$PGDATA" 2>/dev/null || :

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  user="${POSTGRES_USER:-postgres}"
  db="${POSTGRES_DB:-$user}"
  auth="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    say "the database is uninitialized and POSTGRES_PASSWORD is not set: set it (or POSTGRES_HOST_AUTH_METHOD=trust, which lets anyone who reaches the port in without a password)"
    exit 1
  fi
  if [ -n "$(ls -A "$PGDATA")" ]; then
    say "$PGDATA is not empty and holds no cluster (PG_VERSION): give PGDATA a subdirectory of the volume (a fresh file system's lost+found is enough to stop initdb)"
    exit 1
  fi
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is split into words, as the official image does
  if [ -n "${POSTGRES_PASSWORD:-}" ]; then
    printf '%s\n' "$POSTGRES_PASSWORD" | initdb --username="$user" --pwfile=/dev/stdin --auth-local=trust --auth-host="$auth" ${POSTGRES_INITDB_ARGS:-}
  else
    initdb --username="$user" --auth-local=trust --auth-host="$auth" ${POSTGRES_INITDB_ARGS:-} </dev/null
  fi
  # Every address, not only loopback (initdb writes loopback lines with --auth-host already).
  printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"

  # A server on the Unix socket only, for what needs SQL; stopped before the real one starts.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p ${PGPORT:-5432}" -w start >&2
  # Over the socket, whatever PGHOST says.
  psql() { env -u PGHOST -u PGHOSTADDR psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password --username="$user" --port="${PGPORT:-5432}" "$@"; }
  if [ "$db" != postgres ]; then
    # psql quotes the name (:"db"), whatever it holds.
    printf 'CREATE DATABASE :"db" ;\n' | psql --dbname=postgres --set=db="$db" --quiet
  fi
  for file in /docker-entrypoint-initdb.d/*; do
    [ -e "$file" ] || continue
    # shellcheck disable=SC1090 # the scripts given
    case "$file" in
      *.sh) say "running $file"; if [ -x "$file" ]; then "$file"; else . "$file"; fi ;;
      *.sql) say "running $file"; psql --dbname="$db" --file="$file" ;;
      *.sql.gz) say "running $file"; gunzip -c "$file" | psql --dbname="$db" ;;
      *) say "ignoring $file" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >&2
  unset -f psql
  say "PostgreSQL init process complete; ready for start up."
fi

# postgres as a child, so that TERM (Kubernetes' and runc's default) is a fast shutdown, not a smart one that waits
# for every client (the MEP's pooled connections) to leave.
"$@" &
pid=$!
trap 'kill -INT "$pid" 2>/dev/null || :' TERM INT
trap 'kill -QUIT "$pid" 2>/dev/null || :' QUIT
trap 'kill -HUP "$pid" 2>/dev/null || :' HUP
while :; do
  status=0
  wait "$pid" || status=$?
  # Above 128 while postgres still runs: the wait was cut short by one of the signals above.
  if [ "$status" -gt 128 ] && kill -0 "$pid" 2>/dev/null; then continue; fi
  exit "$status"
done
