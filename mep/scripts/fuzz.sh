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

# Some real resources, so that generated requests also reach existing app instances.
curl -fsS -X PUT -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"appName":"fuzzed","clientSecret":"fuzz-secret-0123456789"}' "$BASE/mecaas_mgmt/v1/app_instances/fuzzed" >/dev/null

# Path parameters named appInstanceId use the app instance created above, so requests reach the core logic.
printf '[parameters]\n"path.appInstanceId" = "fuzzed"\n' >"$WORKDIR/schemathesis.toml"

"$SCHEMATHESIS" --config-file "$WORKDIR/schemathesis.toml" run "$BASE/openapi.json" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection \
  --phases examples,coverage,fuzzing \
  --max-examples "$MAX_EXAMPLES" --seed "$SEED" --workers 1 \
  --generation-codec ascii \
  --request-timeout 10 --no-color
