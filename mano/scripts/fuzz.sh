#!/usr/bin/env bash
# Fuzzes the Edge MANO with schemathesis against the OpenAPI document it serves: starts it on a throwaway SQLite file
# with `true` as its helm (every deployment succeeds at once; no cluster is touched) and a STAND-IN kubectl whose
# cluster has room for any app on any pool (so instantiations pass their grant), onboards the sample app's package,
# creates an app instance and instantiates a second one (for a grant to read) so that generated requests also reach
# existing resources, and fails on any 5xx or non-conforming response. Deletions run last, so the other operations
# keep something to work on.
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
  MANO_KUBECONFIG=/nonexistent MANO_HELM_BINARY=true MANO_PACKAGE_DIRS="$FUZZ_WORKDIR" MANO_KUBECTL_BINARY="$FUZZ_WORKDIR/kubectl"
# The stand-in kubectl: `get nodes` lists one Ready node of the pool asked for, with room for anything; `get pods`
# none; any other call does nothing and succeeds.
cat >"$FUZZ_WORKDIR/kubectl" <<'SH'
#!/usr/bin/env bash
pool=stand-in
for arg in "$@"; do case "$arg" in *mecaas.io/pool=*) pool=${arg##*mecaas.io/pool=} ;; esac; done
case "${1:-} ${2:-}" in
  "get nodes") printf '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Node","metadata":{"name":"stand-in-0","labels":{"mecaas.io/pool":"%s"}},"spec":{},"status":{"allocatable":{"cpu":"64","memory":"256Gi","pods":"110"},"conditions":[{"type":"Ready","status":"True"}]}}]}\n' "$pool" ;;
  "get pods") echo '{"apiVersion":"v1","kind":"List","items":[]}' ;;
esac
SH
chmod +x "$FUZZ_WORKDIR/kubectl"
fuzz_start "$MANO_DIR/src/main.ts"
TOKEN="$(fuzz_token "$MANO_ADMIN_CLIENT_ID" "$MANO_ADMIN_CLIENT_SECRET")"

api() { curl -fsS -X "$1" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$3" "$FUZZ_BASE$2"; }
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }
APP_D="$(node -e 'console.log(JSON.stringify(require("yaml").parse(require("fs").readFileSync(process.argv[1], "utf8"))))' "$REPO/examples/mec-app/sample-app.appd.yaml")"
APP_D_ID="$(echo "$APP_D" | json_field appDId)"
APP_PKG_ID="$(api POST /app_pkgm/v1/app_packages "{\"appPkgName\":\"sample\",\"appPkgVersion\":\"1.0\",\"appPkgContent\":{\"appD\":$APP_D,\"mciop\":\"$REPO/charts/mec-app-sample\"}}" | json_field id)"
APP_INSTANCE_ID="$(api POST /app_lcm/v1/app_instances "{\"appDId\":\"$APP_D_ID\"}" | json_field id)"
# A second instance, instantiated, for its operation's grant.
GRANTED_ID="$(api POST /app_lcm/v1/app_instances "{\"appDId\":\"$APP_D_ID\"}" | json_field id)"
api POST "/app_lcm/v1/app_instances/$GRANTED_ID/instantiate" '{"selectedMECHostInfo":[{"hostName":"main","hostId":"main"}]}' >/dev/null
GRANT_ID=""
for _ in $(seq 50); do
  GRANT_ID="$(curl -fsS -H "authorization: Bearer $TOKEN" "$FUZZ_BASE/app_lcm/v1/app_lcm_op_occs" | GRANTED_ID="$GRANTED_ID" python3 -c '
import json, os, sys
occs = [o for o in json.load(sys.stdin) if o["_links"]["appInstance"]["href"].endswith("/" + os.environ["GRANTED_ID"])]
print(occs[0]["_links"]["grant"]["href"].rsplit("/", 1)[1] if occs and "grant" in occs[0]["_links"] else "")')"
  [ -n "$GRANT_ID" ] && break
  sleep 0.2
done
[ -n "$GRANT_ID" ] || {
  echo "fuzz: the second instance's instantiation got no grant:" >&2
  curl -sS -H "authorization: Bearer $TOKEN" "$FUZZ_BASE/app_lcm/v1/app_lcm_op_occs" >&2
  exit 1
}

cat >"$FUZZ_WORKDIR/schemathesis.toml" <<TOML
[parameters]
"path.appPkgId" = "$APP_PKG_ID"
"path.appDId" = "$APP_D_ID"
"path.appInstanceId" = "$APP_INSTANCE_ID"
"path.grantId" = "$GRANT_ID"
TOML

fuzz_run "$TOKEN" --exclude-method DELETE
fuzz_run "$TOKEN" --include-method DELETE
