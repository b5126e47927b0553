#!/bin/sh
# pre-delete hook: removes this app instance (its identity, services, subscriptions and rules) from the MEP.
# An instance the MEP no longer knows (404) counts as removed, so a repeated uninstall succeeds.
set -eu
# shellcheck source=common.sh
. "${MECAAS_SCRIPTS:-/opt/mecaas}/common.sh"

response_file="${TMPDIR:-/tmp}/response"
token=$(admin_token "$@")
url="$base/mecaas_mgmt/v1/app_instances/$APP_INSTANCE_ID"
code=$(call_mep "$token" "$response_file" "$@" --request DELETE "$url") || {
  echo "could not reach $url" >&2
  exit 1
}
case $code in
  204 | 404) echo "app instance $APP_INSTANCE_ID removed from $base (HTTP $code)" ;;
  *)
    echo "removing app instance $APP_INSTANCE_ID from $base failed with HTTP $code:" >&2
    cat "$response_file" >&2
    exit 1
    ;;
esac
