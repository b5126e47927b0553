# shellcheck shell=bash
# Sourced by the fuzz scripts of the MEP (mep/scripts/fuzz.sh) and the Edge MANO (mano/scripts/fuzz.sh): schemathesis
# found, a free loopback port, the service started from its TypeScript and stopped on exit (its log shown when the
# run fails), an admin token, and schemathesis run over the service's OpenAPI document with the same checks.
# Settings: SCHEMATHESIS (the executable), FUZZ_MAX_EXAMPLES (default 25), FUZZ_SEED (default 1).

SCHEMATHESIS="${SCHEMATHESIS:-schemathesis}"
if ! command -v "$SCHEMATHESIS" >/dev/null 2>&1; then
  echo "fuzz: $SCHEMATHESIS not found; install it with: pip install schemathesis==4.32.5" >&2
  exit 1
fi
FUZZ_WORKDIR="$(mktemp -d -t fuzz.XXXXXX)"
FUZZ_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
FUZZ_BASE="http://127.0.0.1:$FUZZ_PORT"
fuzz_secret() { python3 -c "import secrets; print(secrets.token_hex($1))"; }

# fuzz_start ENTRY: runs `node ENTRY serve` (configured by the caller's exported variables) until the script exits.
fuzz_start() {
  node --require ts-node/register/transpile-only "$1" serve >"$FUZZ_WORKDIR/service.log" 2>&1 &
  FUZZ_PID=$!
  trap fuzz_cleanup EXIT INT TERM
  for _ in $(seq 1 150); do
    curl -fsS "$FUZZ_BASE/healthz" >/dev/null 2>&1 && return
    sleep 0.2
  done
}

fuzz_cleanup() {
  local status=$?
  if kill "$FUZZ_PID" 2>/dev/null; then wait "$FUZZ_PID" 2>/dev/null || true; fi
  if [[ $status -ne 0 ]]; then echo "fuzz: service log:" >&2; tail -n 50 "$FUZZ_WORKDIR/service.log" >&2; fi
  rm -rf "$FUZZ_WORKDIR"
  exit "$status"
}

# fuzz_token CLIENT_ID SECRET: prints an access token of the client credentials grant.
fuzz_token() {
  curl -fsS -u "$1:$2" -d grant_type=client_credentials "$FUZZ_BASE/oauth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

# fuzz_run TOKEN [schemathesis options]: path parameters from $FUZZ_WORKDIR/schemathesis.toml. Runs from the work
# directory: schemathesis keeps its example database (.schemathesis/) in the working directory.
fuzz_run() {
  local token=$1
  shift
  (cd "$FUZZ_WORKDIR" && "$SCHEMATHESIS" --config-file "$FUZZ_WORKDIR/schemathesis.toml" run "$FUZZ_BASE/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection \
    --phases examples,coverage,fuzzing \
    --max-examples "${FUZZ_MAX_EXAMPLES:-25}" --seed "${FUZZ_SEED:-1}" --workers 1 \
    --generation-codec ascii \
    --request-timeout 10 --no-color "$@")
}
