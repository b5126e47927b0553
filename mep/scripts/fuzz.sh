#!/usr/bin/env bash
# Fuzzes the MEP with schemathesis against the OpenAPI document it serves: starts a MEP on a throwaway SQLite file,
# runs a bounded number of generated requests with the admin token, and fails on any 5xx or non-conforming response.
# Usage: npm run fuzz -w mep   (SCHEMATHESIS=path/to/schemathesis, FUZZ_MAX_EXAMPLES=N, FUZZ_SEED=N to override)
set -euo pipefail

SCHEMATHESIS="${SCHEMATHESIS:-schemathesis}"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-25}"
SEED="${FUZZ_SEED:-1}"
MEP_DIR="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v "$SCHEMATHESIS" >/dev/null 2>&1; then
  echo "fuzz: $SCHEMATHESIS not found; install it with: pip install schemathesis==4.32.5" >&2
  exit 1
fi

WORKDIR="$(mktemp -d -t mep-fuzz.XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"
export MEP_LISTEN_HOST=127.0.0.1 MEP_LISTEN_PORT="$PORT" MEP_API_ROOT="$BASE" MEP_SQLITE_PATH="$WORKDIR/mep.db" \
  MEP_ADMIN_CLIENT_ID=fuzz-admin MEP_ADMIN_CLIENT_SECRET="$(python3 -c 'import secrets; print(secrets.token_hex(16))')" \
  MEP_TOKEN_SIGNING_KEY="$(python3 -c 'import secrets; print(secrets.token_hex(32))')" MEP_LOG_LEVEL=warn
unset MEP_DATABASE_URL

node --require ts-node/register/transpile-only "$MEP_DIR/src/main.ts" serve >"$WORKDIR/mep.log" 2>&1 &
MEP_PID=$!
cleanup() {
  local status=$?
  kill "$MEP_PID" 2>/dev/null && wait "$MEP_PID" 2>/dev/null || true
  if [[ $status -ne 0 ]]; then echo "fuzz: MEP log:" >&2; tail -n 50 "$WORKDIR/mep.log" >&2; fi
  rm -rf "$WORKDIR"
  exit "$status"
}
trap cleanup EXIT INT TERM

for _ in $(seq 1 150); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
TOKEN="$(curl -fsS -u "$MEP_ADMIN_CLIENT_ID:$MEP_ADMIN_CLIENT_SECRET" -d grant_type=client_credentials "$BASE/oauth/token" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"

# Real resources, so that generated requests also reach existing app instances, services, rules and subscriptions.
api() { curl -fsS -X "$1" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$3" "$BASE$2"; }
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }
api PUT /mecaas_mgmt/v1/app_instances/fuzzed '{"appName":"fuzzed","clientSecret":"fuzz-secret-0123456789",
  "appTrafficRule":[{"trafficRuleId":"tr-1","filterType":"FLOW","priority":1,"trafficFilter":[{"dstPort":["80"]}],"action":"DROP","state":"ACTIVE"}],
  "appDnsRule":[{"dnsRuleId":"dns-1","domainName":"fuzz.example","ipAddressType":"IP_V4","ipAddress":"192.0.2.1","state":"ACTIVE"}]}' >/dev/null
SERVICE_ID="$(api POST /mec_service_mgmt/v1/applications/fuzzed/services '{"serName":"fuzz-service","version":"1","state":"ACTIVE",
  "transportId":"mep-rest-http","serializer":"JSON","livenessInterval":3600}' | json_field serInstanceId)"
SUBSCRIPTION_ID="$(api POST /mec_service_mgmt/v1/applications/fuzzed/subscriptions '{"subscriptionType":"SerAvailabilityNotificationSubscription",
  "callbackReference":"http://192.0.2.10/notify"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["_links"]["self"]["href"].rsplit("/",1)[1])')"

# Path parameters take the ids of those resources.
cat >"$WORKDIR/schemathesis.toml" <<TOML
[parameters]
"path.appInstanceId" = "fuzzed"
"path.serviceId" = "$SERVICE_ID"
"path.subscriptionId" = "$SUBSCRIPTION_ID"
"path.trafficRuleId" = "tr-1"
"path.dnsRuleId" = "dns-1"
TOML

# Run from the temporary directory: schemathesis keeps its example database (.schemathesis/) in the working directory.
cd "$WORKDIR"
fuzz() {
  "$SCHEMATHESIS" --config-file "$WORKDIR/schemathesis.toml" run "$BASE/openapi.json" \
    --header "Authorization: Bearer $TOKEN" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection \
    --phases examples,coverage,fuzzing \
    --max-examples "$MAX_EXAMPLES" --seed "$SEED" --workers 1 \
    --generation-codec ascii \
    --request-timeout 10 --no-color "$@"
}
# Deleting or terminating the app instance would leave the other operations nothing to work on: those two go last.
DESTRUCTIVE=(--include-name "DELETE /mecaas_mgmt/v1/app_instances/{appInstanceId}" --include-name "POST /mecaas_mgmt/v1/app_instances/{appInstanceId}/terminate")
fuzz --exclude-name "DELETE /mecaas_mgmt/v1/app_instances/{appInstanceId}" --exclude-name "POST /mecaas_mgmt/v1/app_instances/{appInstanceId}/terminate"
fuzz "${DESTRUCTIVE[@]}"
