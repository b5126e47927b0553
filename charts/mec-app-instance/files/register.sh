#!/bin/sh
# post-install / post-upgrade hook: creates or replaces this app instance on the MEP. The PUT is idempotent
# (201 the first time, 200 after), so a re-run after a failed upgrade is safe.
set -eu
# shellcheck source=common.sh
. "${MECAAS_SCRIPTS:-/opt/mecaas}/common.sh"

response_file="${TMPDIR:-/tmp}/response"
token=$(admin_token "$@")
url="$base/mecaas_mgmt/v1/app_instances/$APP_INSTANCE_ID"
code=$(call_mep "$token" "$response_file" "$@" --request PUT --header 'Content-Type: application/json' \
  --data-binary "@${REQUEST_FILE:-/etc/mecaas/request/body.json}" "$url") || {
  echo "could not reach $url" >&2
  exit 1
}
case $code in
  200 | 201) echo "app instance $APP_INSTANCE_ID registered on $base (HTTP $code)" ;;
  *)
    echo "registering app instance $APP_INSTANCE_ID on $base failed with HTTP $code:" >&2
    cat "$response_file" >&2
    exit 1
    ;;
esac
