# Shared by register.sh and deregister.sh (sourced). POSIX sh: the job image is curlimages/curl (busybox sh).
#   MEP_URL, ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, APP_INSTANCE_ID   from the job's environment
#   MEP_CA_FILE                                                      optional CA bundle for an https MEP

base=${MEP_URL%/}
case $base in
  http://* | https://*) ;;
  *) echo "MEP_URL \"$MEP_URL\" is not an http(s) URL" >&2; exit 2 ;;
esac

# -q ignores any .curlrc; only http(s), and TLS is always verified (no --insecure anywhere).
# --retry covers a MEP that is still starting: refused connections, timeouts, 408/429/5xx.
set -- -q --silent --show-error --proto =http,https --connect-timeout 5 --max-time 30 \
  --retry 12 --retry-connrefused --retry-delay 5
if [ -n "${MEP_CA_FILE:-}" ]; then
  set -- "$@" --cacert "$MEP_CA_FILE"
fi

# A string quoted for a curl config file.
quote() {
  printf '"%s"' "$(printf '%s' "$1" | sed 's/[\\"]/\\&/g')"
}

# Prints an admin access token of the MEP's management API (OAuth2 client credentials, RFC 6749 4.4).
# The credentials reach curl through a config on stdin, never its command line (visible in /proc).
admin_token() {
  response=$(printf 'user = %s\n' "$(quote "$ADMIN_CLIENT_ID:$ADMIN_CLIENT_SECRET")" |
    curl "$@" --config - --fail --data grant_type=client_credentials "$base/oauth/token") || {
    echo "could not get an admin token from $base/oauth/token (is the MEP up, and the admin Secret current?)" >&2
    return 1
  }
  token=$(printf '%s' "$response" | tr -d '\n' | sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
  if [ -z "$token" ]; then
    echo "the token response of $base/oauth/token carries no access_token" >&2
    return 1
  fi
  printf '%s' "$token"
}

# curl with the bearer token, again through a config on stdin. Prints the HTTP status; the body goes to $2.
# Usage: call_mep TOKEN BODY_FILE curl-arguments...
call_mep() {
  bearer=$1 out=$2
  shift 2
  printf 'header = %s\n' "$(quote "Authorization: Bearer $bearer")" |
    curl "$@" --config - --output "$out" --write-out '%{http_code}'
}
