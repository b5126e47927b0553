#!/usr/bin/env bash
# The test bed's S3-compatible object store: OpenStack Swift from Debian 12's packages (install.sh), its proxy with
# the built-in s3api middleware, and s3token checking EC2 credentials against the test bed's Keystone. One replica:
# an account, a container and an object server on loopback, one device under $STATE/swift. up.sh runs `start` once
# Keystone is up and down.sh stops it with the rest; `swift.sh start|stop` alone leaves the other services running.
#   swift.sh start   rings, configuration, the four servers, the Keystone user, service and endpoint; prints the S3 URL
#   swift.sh stop    stops its servers by PID and removes its data
# The proxy listens on $MECAAS_SWIFT_BIND (default 0.0.0.0, port 8080) so booted nodes reach it at their bridge's
# gateway address; only authenticated requests pass (Keystone tokens or EC2 signatures), the storage servers stay
# on 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/common.sh"
SWIFT_ETC="$ETC/swift" SWIFT_STATE="$STATE/swift"
SWIFT_BIND="${MECAAS_SWIFT_BIND:-0.0.0.0}" SWIFT_PORT="${MECAAS_SWIFT_PORT:-8080}"
SWIFT_URL="http://$HOST:$SWIFT_PORT"
# name -> port of the storage servers (Swift's usual ports)
declare -A STORAGE=([object]=6200 [container]=6201 [account]=6202)

swift_stop() {
  stop_all 'swift-*'
  rm -rf "$SWIFT_ETC" "$SWIFT_STATE"
}

swift_start() {
  [ -f "$ETC/secrets.env" ] || { echo "testbed: OpenStack is not up (up.sh first)" >&2; exit 1; }
  if [ -f "$RUN/swift-proxy.pid" ] && kill -0 "$(cat "$RUN/swift-proxy.pid")" 2>/dev/null; then
    echo "testbed: Swift already running (swift.sh stop stops it)" >&2
    echo "$SWIFT_URL"
    return 0
  fi
  local started_at=$SECONDS
  trap 'swift_stop; echo "testbed: Swift start-up failed; stopped, logs in $LOG/swift-*.log" >&2' ERR
  rm -rf "$SWIFT_ETC" "$SWIFT_STATE"
  # The object server keeps metadata in extended attributes (user.swift.metadata): the data folder's filesystem
  # must have them (ext4 here does).
  mkdir -p "$SWIFT_ETC" "$SWIFT_STATE/node/d1" "$SWIFT_STATE/cache"
  local SERVICE_PASSWORD # read by keystone_credentials (common.sh)
  # shellcheck disable=SC2034
  SERVICE_PASSWORD=$(sed -n 's/^SERVICE_PASSWORD=//p' "$ETC/secrets.env")

  # Rings: 2^8 partitions, one replica, one device per ring (a single node; min_part_hours 1).
  local kind
  for kind in "${!STORAGE[@]}"; do
    swift-ring-builder "$SWIFT_ETC/$kind.builder" create 8 1 1 >/dev/null
    swift-ring-builder "$SWIFT_ETC/$kind.builder" add "r1z1-$HOST:${STORAGE[$kind]}/d1" 100 >/dev/null
    swift-ring-builder "$SWIFT_ETC/$kind.builder" rebalance >/dev/null
  done

  # The servers read the hash path prefix/suffix and storage policies from /etc/swift/swift.conf only (a fixed path
  # in swift.common.utils): Debian's shipped file serves; the rings and everything else are under $SWIFT_ETC.
  for kind in "${!STORAGE[@]}"; do
    cat >"$SWIFT_ETC/$kind-server.conf" <<INI
[DEFAULT]
bind_ip = $HOST
bind_port = ${STORAGE[$kind]}
workers = 0
user = root
swift_dir = $SWIFT_ETC
devices = $SWIFT_STATE/node
mount_check = false
log_name = swift-$kind
[pipeline:main]
pipeline = $kind-server
[app:$kind-server]
use = egg:swift#$kind
[${kind}-replicator]
[${kind}-auditor]
INI
  done
  [ -f /etc/swift/swift.conf ] || { echo "testbed: /etc/swift/swift.conf missing (install.sh installs swift)" >&2; exit 1; }

  # Middleware order: s3api after authtoken (which, delay_auth_decision on, lets S3 requests through unauthenticated)
  # and before s3token, which turns an EC2 signature into a Keystone identity for keystoneauth; s3api refuses to
  # start unless s3token precedes keystoneauth. slo after them gives S3 multipart uploads.
  cat >"$SWIFT_ETC/proxy-server.conf" <<INI
[DEFAULT]
bind_ip = $SWIFT_BIND
bind_port = $SWIFT_PORT
# One process: a test bed needs no forked workers (saves ~75 MB).
workers = 0
user = root
swift_dir = $SWIFT_ETC
log_name = swift-proxy
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging listing_formats authtoken s3api s3token keystoneauth copy slo dlo proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
$(for filter in catch_errors gatekeeper healthcheck proxy-logging=proxy_logging listing_formats copy slo dlo; do
    printf '[filter:%s]\nuse = egg:swift#%s\n' "${filter%%=*}" "${filter#*=}"
  done)
[filter:s3api]
use = egg:swift#s3api
# The region S3 clients sign for (SigV4): Keystone's.
location = RegionOne
[filter:s3token]
use = egg:swift#s3token
auth_uri = $KEYSTONE_URL
# Debian's Keystone security update (OSSA-2025-002) lets only a service call /v3/s3tokens: without these, every
# S3 request fails 403 SignatureDoesNotMatch (Keystone logs 401 "requires authentication").
$(keystone_credentials swift)
[filter:keystoneauth]
use = egg:swift#keystoneauth
# A CSP's identities hold "member" on their project (the nsp stack): that is enough to own its account.
operator_roles = admin, member
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
delay_auth_decision = true
www_authenticate_uri = http://$HOST:5000
$(keystone_credentials swift)
INI

  for kind in account container object; do
    start "swift-$kind" "swift-$kind-server" "$SWIFT_ETC/$kind-server.conf" --verbose
  done
  # Keystone's user, service and endpoint before the proxy, whose authtoken checks its credentials when it starts.
  $PY "$HERE/seed.py" --object-store "$SWIFT_URL"
  start swift-proxy swift-proxy-server "$SWIFT_ETC/proxy-server.conf" --verbose
  for kind in account container object; do
    wait_for "swift-$kind" 60 bash -c "exec 3<>/dev/tcp/$HOST/${STORAGE[$kind]}"
  done
  wait_for swift-proxy 60 http_up "$SWIFT_URL/healthcheck"
  trap - ERR
  echo "testbed: Swift up in $((SECONDS - started_at)) s; S3 API at $SWIFT_URL" >&2
  echo "$SWIFT_URL"
}

case "${1:-}" in
  start) swift_start ;;
  stop) swift_stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
