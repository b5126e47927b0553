#!/usr/bin/env bash
# The test command (README and .ci/run): type-checks, runs the k3s stand-in's Go tests, fuzzes the MEP's and the Edge
# MANO's OpenAPI documents with schemathesis, then runs every jest suite (constructs, stacks, charts, the sample app,
# the MEP on SQLite and on a throwaway PostgreSQL, and the examples deployed on the test bed's OpenStack), whose
# summary line closes the output. Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/terraform-env.sh

# The test bed's OpenStack comes up (about 100 s) while the type checks and the fuzzing run; it is stopped on exit.
bash testbed/openstack/down.sh 2>/dev/null || true # left by a run that was killed
# Every temporary file of the run goes under one folder removed at the end: cdktf's Testing API leaves an outdir per
# synthesized scope in the temp folder, thousands per run.
run_tmp=$(mktemp -d -t mecaas-test-run.XXXXXX)
chmod 1777 "$run_tmp" # as /tmp: the throwaway PostgreSQL runs as the postgres user
export TMPDIR="$run_tmp"
openstack_log=$(mktemp) fuzz_log=$(mktemp) results=$(mktemp)
bash testbed/openstack/up.sh >"$openstack_log" 2>&1 &
openstack_pid=$!
trap 'kill "$openstack_pid" 2>/dev/null || true; bash testbed/openstack/down.sh; rm -rf "$run_tmp"' EXIT

npx tsc --noEmit -p .
npx tsc --noEmit -p mep
npx tsc --noEmit -p mano
npx tsc --noEmit -p mep/sample-app/tsconfig.test.json
# The k3s stand-in's own tests (config, tokens, certificates, etcd joins, snapshots, the cluster reset), against the
# toolchain's etcd and etcdutl.
(cd testbed/nodes/k3s-stand-in && go test ./...)
# schemathesis closes with a pytest-like banner that CI would read as a test run of its own: its output is kept in a
# file, shown whole only when it finds something, and summed up in one line otherwise.
# The MEP's, then the Edge MANO's (about 100 s: 2,600 requests).
for fuzzed in "mep:the MEP" "mano:the Edge MANO"; do
  if ! SCHEMATHESIS="${SCHEMATHESIS:-$MECAAS_TOOLS/venv/bin/schemathesis}" npm run --silent fuzz -w "${fuzzed%%:*}" >"$fuzz_log" 2>&1; then
    cat "$fuzz_log"
    echo "fuzz: schemathesis found issues in ${fuzzed#*:} (output above)" >&2
    exit 1
  fi
  echo "fuzz: schemathesis found no issues in ${fuzzed#*:}'s OpenAPI document ($(grep -ho '[0-9]* generated' "$fuzz_log" | awk '{n += $1} END {print n}') generated requests)"
done
if ! wait "$openstack_pid"; then
  cat "$openstack_log" >&2
  echo "test bed: the OpenStack did not come up (output above)" >&2
  exit 1
fi
MECAAS_OPENSTACK_CLOUDS=$(tail -n 1 "$openstack_log")
export MECAAS_OPENSTACK_CLOUDS
# jest prints its own summary on stderr; the line CI reads ("jest: N passed, N failed, N skipped") closes the output.
status=0
bash scripts/with-postgres.sh npx jest --ci --json --outputFile="$results" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$results" || true
exit "$status"
