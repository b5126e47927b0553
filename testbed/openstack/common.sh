# Shared by the OpenStack test bed's scripts: where it lives, and how a daemon is started, waited for and stopped.
# Everything listens on 127.0.0.1 and is started by PID (no systemd here); nothing is written outside $TESTBED_DIR.
TESTBED_DIR="${MECAAS_OPENSTACK_DIR:-/var/tmp/mecaas-testbed/openstack}"
ETC="$TESTBED_DIR/etc" LOG="$TESTBED_DIR/log" RUN="$TESTBED_DIR/run" STATE="$TESTBED_DIR/state"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The OpenStack libraries are Debian's: they need Debian's interpreter, whatever python3 is first on PATH.
PY=/usr/bin/python3
export PYTHONPATH="$HERE/python${PYTHONPATH:+:$PYTHONPATH}"
HOST=127.0.0.1
KEYSTONE_URL="http://$HOST:5000/v3"

# start NAME COMMAND...: runs COMMAND detached, its output in $LOG/NAME.log, its PID in $RUN/NAME.pid.
start() {
  local name=$1; shift
  setsid "$@" >>"$LOG/$name.log" 2>&1 < /dev/null &
  echo $! >"$RUN/$name.pid"
}

# wait_for WHAT SECONDS COMMAND...: retries COMMAND until it succeeds; on time-out prints the last log lines of WHAT.
wait_for() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      echo "testbed: $what did not come up within ${seconds}s; last lines of $LOG/$what.log:" >&2
      tail -n 30 "$LOG/$what.log" >&2 2>/dev/null || true
      return 1
    fi
    sleep 0.5
  done
}

http_up() { curl -s -o /dev/null --max-time 2 "$1"; }

# stop_all [GLOB]: TERM to every recorded daemon (their process groups), or those whose name matches GLOB, then KILL
# what is left after 20 s.
stop_all() {
  local pids=() f pid pattern=${1:-*}
  for f in "$RUN"/$pattern.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid")
  done
  local deadline=$((SECONDS + 20))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  done
  rm -f "$RUN"/$pattern.pid
}

# keystone_credentials USER: the lines of a service's configuration that authenticate it to Keystone (password, in
# the service project), with $SERVICE_PASSWORD as the caller has it.
keystone_credentials() {
  cat <<INI
auth_url = http://$HOST:5000
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $SERVICE_PASSWORD
INI
}
