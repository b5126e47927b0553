#!/usr/bin/env bash
# Fuzzes the Edge MANO with schemathesis against the OpenAPI document it serves: starts it on a throwaway SQLite file
# with `true` as its helm (every deployment succeeds at once; no cluster is touched), onboards the sample app's
# package and creates an app instance so that generated requests also reach existing resources, and fails on any 5xx
# or non-conforming response. Deletions run last, so the other operations keep something to work on.
# Usage: npm run fuzz -w mano   (SCHEMATHESIS=path/to/schemathesis, FUZZ_MAX_EXAMPLES=N, FUZZ_SEED=N to override)
set -euo pipefail
MANO_DIR="$(cd "$(dirname "$0")/.." && pwd)"
REPO="$(dirname "$MANO_DIR")"
# shellcheck source-path=SCRIPTDIR source=../../mep/scripts/fuzz-lib.sh
source "$REPO/mep/scripts/fuzz-lib.sh"

MANO_ADMIN_CLIENT_SECRET="$(fuzz_secret 16)"
MANO_TOKEN_SIGNING_KEY="$(fuzz_secret 32)"
export MANO_LISTEN_HOST=127.0.0.1 MANO_LISTEN_PORT="$FUZZ_PORT" MANO_API_ROOT="$FUZZ_BASE" MANO_SQLITE_PATH="$FUZZ_WORKDIR/mano.db" \
  MANO_ADMIN_CLIENT_ID=fuzz-oss MANO_ADMIN_CLIENT_SECRET MANO_TOKEN_SIGNING_KEY MANO_LOG_LEVEL=warn \
  MANO_KUBECONFIG=/nonexistent MANO_HELM_BINARY=true MANO_PACKAGE_DIRS="$FUZZ_WORKDIR"
fuzz_start "$MANO_DIR/src/main.ts"
TOKEN="$(fuzz_token "$MANO_ADMIN_CLIENT_ID" "$MANO_ADMIN_CLIENT_SECRET")"

api() { curl -fsS -X "$1" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$3" "$FUZZ_BASE$2"; }
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }
APP_D="$(node -e 'console.log(JSON.stringify(require("yaml").parse(require("fs").readFileSync(process.argv[1], "utf8"))))' "$REPO/examples/mec-app/sample-app.appd.yaml")"
APP_D_ID="$(echo "$APP_D" | json_field appDId)"
APP_PKG_ID="$(api POST /app_pkgm/v1/app_packages "{\"appPkgName\":\"sample\",\"appPkgVersion\":\"1.0\",\"appPkgContent\":{\"appD\":$APP_D,\"mciop\":\"$REPO/charts/mec-app-sample\"}}" | json_field id)"
APP_INSTANCE_ID="$(api POST /app_lcm/v1/app_instances "{\"appDId\":\"$APP_D_ID\"}" | json_field id)"

cat >"$FUZZ_WORKDIR/schemathesis.toml" <<TOML
[parameters]
"path.appPkgId" = "$APP_PKG_ID"
"path.appDId" = "$APP_D_ID"
"path.appInstanceId" = "$APP_INSTANCE_ID"
TOML

fuzz_run "$TOKEN" --exclude-method DELETE
fuzz_run "$TOKEN" --include-method DELETE
