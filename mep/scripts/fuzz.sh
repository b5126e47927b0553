#!/usr/bin/env bash
# Fuzzes the MEP with schemathesis against the OpenAPI document it serves: starts a MEP on a throwaway SQLite file,
# runs a bounded number of generated requests with the admin token, and fails on any 5xx or non-conforming response.
# Usage: npm run fuzz -w mep   (SCHEMATHESIS=path/to/schemathesis, FUZZ_MAX_EXAMPLES=N, FUZZ_SEED=N to override)
set -euo pipefail
MEP_DIR="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=fuzz-lib.sh
source "$MEP_DIR/scripts/fuzz-lib.sh"

MEP_ADMIN_CLIENT_SECRET="$(fuzz_secret 16)"
MEP_TOKEN_SIGNING_KEY="$(fuzz_secret 32)"
export MEP_LISTEN_HOST=127.0.0.1 MEP_LISTEN_PORT="$FUZZ_PORT" MEP_API_ROOT="$FUZZ_BASE" MEP_SQLITE_PATH="$FUZZ_WORKDIR/mep.db" \
  MEP_ADMIN_CLIENT_ID=fuzz-admin MEP_ADMIN_CLIENT_SECRET MEP_TOKEN_SIGNING_KEY MEP_LOG_LEVEL=warn
unset MEP_DATABASE_URL
fuzz_start "$MEP_DIR/src/main.ts"
TOKEN="$(fuzz_token "$MEP_ADMIN_CLIENT_ID" "$MEP_ADMIN_CLIENT_SECRET")"

# Real resources, so that generated requests also reach existing app instances, services, rules and subscriptions.
api() { curl -fsS -X "$1" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$3" "$FUZZ_BASE$2"; }
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }
api PUT /mecaas_mgmt/v1/app_instances/fuzzed '{"appName":"fuzzed","clientSecret":"fuzz-secret-0123456789",
  "appTrafficRule":[{"trafficRuleId":"tr-1","filterType":"FLOW","priority":1,"trafficFilter":[{"dstPort":["80"]}],"action":"DROP","state":"ACTIVE"}],
  "appDnsRule":[{"dnsRuleId":"dns-1","domainName":"fuzz.example","ipAddressType":"IP_V4","ipAddress":"192.0.2.1","state":"ACTIVE"}]}' >/dev/null
SERVICE_ID="$(api POST /mec_service_mgmt/v1/applications/fuzzed/services '{"serName":"fuzz-service","version":"1","state":"ACTIVE",
  "transportId":"mep-rest-http","serializer":"JSON","livenessInterval":3600}' | json_field serInstanceId)"
SUBSCRIPTION_ID="$(api POST /mec_service_mgmt/v1/applications/fuzzed/subscriptions '{"subscriptionType":"SerAvailabilityNotificationSubscription",
  "callbackReference":"http://192.0.2.10/notify"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["_links"]["self"]["href"].rsplit("/",1)[1])')"

# Path parameters take the ids of those resources.
cat >"$FUZZ_WORKDIR/schemathesis.toml" <<TOML
[parameters]
"path.appInstanceId" = "fuzzed"
"path.serviceId" = "$SERVICE_ID"
"path.subscriptionId" = "$SUBSCRIPTION_ID"
"path.trafficRuleId" = "tr-1"
"path.dnsRuleId" = "dns-1"
TOML

# Deleting or terminating the app instance would leave the other operations nothing to work on: those two go last.
DESTRUCTIVE=(--include-name "DELETE /mecaas_mgmt/v1/app_instances/{appInstanceId}" --include-name "POST /mecaas_mgmt/v1/app_instances/{appInstanceId}/terminate")
fuzz_run "$TOKEN" --exclude-name "DELETE /mecaas_mgmt/v1/app_instances/{appInstanceId}" --exclude-name "POST /mecaas_mgmt/v1/app_instances/{appInstanceId}/terminate"
fuzz_run "$TOKEN" "${DESTRUCTIVE[@]}"
